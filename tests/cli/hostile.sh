#!/bin/sh
# hostile.sh - publications, file names and databases an attacker, or
# just an odd file, can bring (issue 20): nothing raw reaches the
# terminal, no unsafe link becomes a contact, one bad file is its own
# failure, every cap holds and says so, and the index is intact after
# each case.  Every input is generated here; the PDF bombs too.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/cli/setup.sh"
need_python

DB="$TMP/db"
ESC=$(printf '\033')
BEL=$(printf '\007')
CSI1=$(printf '\302\233')	# U+009B, the one-character CSI
RLO=$(printf '\342\200\256')	# U+202E, right-to-left override
PDF=$(printf '\342\200\254')	# U+202C, pop directional formatting

# FILE holds no raw control or bidi character (tab and newline aside).
no_raw() {
	for _nr in "$ESC" "$BEL" "$CSI1" "$RLO" "$PDF"; do
		if grep -F -e "$_nr" "$1" >/dev/null; then
			echo "$(basename "$1") holds a raw control character:"
			od -c "$1" | grep -E '033|007|302 233|342 200 25[46]' |
			head -n 5
			return 1
		fi
	done
	if LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$1"; then
		echo "$(basename "$1") holds a raw C0 control or DEL"
		return 1
	fi
}

# Both of the last command's outputs hold nothing raw.
outputs_clean() {
	no_raw "$OUT" && no_raw "$ERR"
}

t "index the corpus" index_corpus "$DB"
TOTAL=$(pecos_total)

# 1. Terminal injection ------------------------------------------------------

EVIL="$TMP/evil"
mkdir "$EVIL"
# The name holds a clear-screen sequence; the text an OSC window title, an
# OSC 8 hyperlink, C1 CSI and a right-to-left override.
NAME="$EVIL/clear${ESC}[2Jscreen.md"
printf '# Pecos help %s[2J\n\nReset your pecos password %s]0;owned%s now.\n\nSee %s]8;;https://evil.example/%s\\here%s]8;;%s\\ and %s31m red %stxt.exe%s.\n' \
	"$ESC" "$ESC" "$BEL" "$ESC" "$ESC" "$ESC" "$ESC" "$CSI1" "$RLO" "$PDF" >"$NAME"
# A text file may hold a few control bytes and still be text.
printf 'Pecos controls\n\nA bell%s, a backspace%s and DEL%s in pecos text.\n' \
	"$BEL" "$(printf '\010')" "$(printf '\177')" >"$EVIL/controls.txt"

t "escapes in a file and its name: indexed (exit 0)" \
	check_exit 0 "$INDEX" --db "$DB" --report "$EVIL"
t "escapes: nothing raw on the indexer's stdout and stderr" outputs_clean
t "escapes: the file name is shown escaped" contains "$OUT" 'clear\x1b[2Jscreen.md'
t "escapes: a text query finds the file" \
	check_exit 0 "$QUERY" --db "$DB" --limit 50 pecos password
t "escapes: nothing raw in the text results" outputs_clean
t "escapes: the words around the controls are there" contains "$OUT" "red"
t "escapes: the name in the results is escaped" contains "$OUT" 'clear\x1b[2Jscreen.md'
t "escapes: JSON results" \
	check_exit 0 "$QUERY" --db "$DB" --json --limit 50 pecos password
t "escapes: nothing raw in the JSON, snippet included" outputs_clean
t "escapes: no escaped ESC left in the indexed text" \
	eval '! grep -F "\\u001b]0" "$OUT" >/dev/null'
t "escapes: --sections" check_exit 0 "$INDEX" --sections "$EVIL/controls.txt"
t "escapes: nothing raw in --sections" outputs_clean
t "escapes: the bell, backspace and DEL are dropped from the text" \
	contains "$OUT" '"A bell, a backspace and DEL in pecos text."'
t "escapes: a bad query echoed back is escaped" \
	check_exit 2 "$QUERY" --db "$DB" --limit "x${ESC}[2J" pecos
t "escapes: ... with nothing raw" outputs_clean
t "escapes: the index still answers the same" eval '[ "$(pecos_total)" -gt "$TOTAL" ]'
# Later cases compare with the index as it is now.
TOTAL=$(pecos_total)

# 2. Link injection ----------------------------------------------------------

LINKS="$TMP/links.md"
cat >"$LINKS" <<'EOF'
# Contact us

Website: <javascript:alert(document.cookie)>

Live chat: <data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==>

Email: <mailto:help@cms.gov%0d%0aBcc:spoof@evil.example>

Email: info@cms.gov?bcc=spoof2@evil.example

Phone: 1-866-484-8049

Website: <https://www.cms.gov/>
EOF
t "links: --sections" check_exit 0 "$INDEX" --sections "$LINKS"
t "links: no javascript: contact" lacks "$OUT" '"value": "javascript:'
t "links: no data: contact" lacks "$OUT" '"value": "data:'
t "links: no contact holds an autolink's <>" lacks "$OUT" '"value": "<'
t "links: the Bcc address is no contact" lacks "$OUT" '"value": "spoof'
t "links: nor the address before an injected header" \
	lacks "$OUT" '"value": "help@cms.gov"'
t "links: the https website is one" contains "$OUT" '"value": "https://www.cms.gov/"'
t "links: the phone is one" contains "$OUT" '"value": "1-866-484-8049"'
t "links: the hostile text is still indexed as text" contains "$OUT" 'javascript:alert'

# 3. A file name that is not UTF-8 is kept as bytes ------------------------

NAMES="$TMP/names"
mkdir "$NAMES"
BAD="$NAMES/b$(printf '\377\376').txt"
BADPDF="$NAMES/c$(printf '\377').pdf"
printf 'Pecos one\n\nThe first pecos sheet, about aardvarks.\n' >"$NAMES/a.txt"
printf 'Pecos two\n\nA pecos sheet with a bad name, about wombats.\n' >"$BAD"
printf 'Pecos three\n\nThe last pecos sheet, about zebras.\n' >"$NAMES/z.txt"
t "name not UTF-8: indexed (exit 0)" \
	check_exit 0 "$INDEX" --db "$DB" "$NAMES"
t "name not UTF-8: no 'out of memory'" lacks "$ERR" "out of memory"
t "name not UTF-8: nothing raw" outputs_clean
t "name not UTF-8: its words are found" \
	check_exit 0 "$QUERY" --db "$DB" wombats
t "name not UTF-8: the name in the results is escaped" \
	contains "$OUT" 'b\xff\xfe.txt'
t "name not UTF-8: nothing raw in the results" outputs_clean
t "name not UTF-8: the file after it is indexed" \
	check_exit 0 "$QUERY" --db "$DB" zebras
t "name not UTF-8: a second run finds all three unchanged" \
	check_exit 0 "$INDEX" --db "$DB" --json "$NAMES"
t "name not UTF-8: ... none read again" contains "$OUT" '"unchanged": 3'
t "name not UTF-8: ... JSON names it escaped" \
	contains "$OUT" '"source": "'"$NAMES"'/b\\xff\\xfe.txt"'
t "name not UTF-8: --list" check_exit 0 "$INDEX" --db "$DB" --list
t "name not UTF-8: --list shows it escaped" \
	contains "$OUT" "$NAMES/"'b\xff\xfe.txt  text, 1 section'
t "name not UTF-8: nothing raw in --list" outputs_clean
rm -f "$BAD"
t "name not UTF-8: once deleted, removed" \
	check_exit 0 "$INDEX" --db "$DB" --json "$NAMES"
t "name not UTF-8: ... said" contains "$OUT" '"removed": 1'
t "name not UTF-8: ... its words are gone" \
	check_exit 1 "$QUERY" --db "$DB" wombats
printf '%%PDF-1.4\nbroken\n' >"$BADPDF"
t "name not UTF-8, file broken: its own failure (exit 2)" \
	check_exit 2 "$INDEX" --db "$DB" "$NAMES"
t "name not UTF-8, file broken: named once, escaped" \
	contains "$ERR" "$NAMES/"'c\xff.pdf: not a readable PDF'
t "name not UTF-8, file broken: nothing raw" outputs_clean
t "name not UTF-8, file broken: the next run says it failed before" \
	check_exit 0 "$INDEX" --db "$DB" "$NAMES"
rm -f "$BADPDF"
t "name not UTF-8, file broken: once deleted the run is clean" \
	check_exit 0 "$INDEX" --db "$DB" "$NAMES"
t "name not UTF-8, file broken: ... and --list forgets it" \
	check_exit 0 "$INDEX" --db "$DB" --list
t "name not UTF-8, file broken: ... not listed" lacks "$OUT" 'c\xff.pdf'
TOTAL=$(pecos_total)

# Many failures: the first 20 are named, the rest counted; --json has all.
MANY="$TMP/many"
mkdir "$MANY"
i=0
while [ $i -lt 25 ]; do
	printf '%%PDF-1.4\nbroken\n' >"$MANY/broken-$i.pdf"
	i=$((i + 1))
done
t "25 failures: exit 2" check_exit 2 "$INDEX" --db "$DB" "$MANY"
t "25 failures: 20 named on stderr" \
	eval '[ "$(grep -c "broken-.*not a readable PDF" "$ERR")" -eq 20 ]'
t "25 failures: the other 5 counted" contains "$ERR" "5 more files failed; --json lists them all"
t "25 failures: --json lists all 25" \
	check_exit 2 "$INDEX" --db "$DB" --json --retry-failed "$MANY"
t "25 failures: ... 25 errors" eval '[ "$(grep -c "\"message\": \".*not a readable PDF" "$OUT")" -eq 25 ]'
t "25 failures: the index still answers the same" still_answers

# 4. Bounded reading --------------------------------------------------------

BOMB="$TMP/bomb.pdf"
python3 "$top_srcdir/tests/cli/pdf-bomb.py" "$BOMB" 1 2000000
t "PDF bomb: a small file ($(wc -c <"$BOMB") bytes) of 2,000,000 text operators" \
	eval '[ "$(wc -c <"$BOMB")" -lt 600000 ]'
t "PDF bomb: refused with exit 2, at once" \
	check_exit 2 timeout 60 "$INDEX" --db "$DB" "$BOMB"
t "PDF bomb: the message names the file and the limit" \
	contains "$ERR" "$BOMB: not read: one page or object draws text more than 20000 times (the limit)"
t "PDF bomb: the index still answers the same" still_answers

PAGES="$TMP/pages.pdf"
python3 "$top_srcdir/tests/cli/pdf-bomb.py" "$PAGES" 500 1 "the same line"
t "PDF of 500 pages of one line: indexed" check_exit 0 "$INDEX" --db "$DB" "$PAGES"
t "PDF of 500 pages of one line: a warning says it has no sections" \
	contains "$ERR" "$PAGES: no sections found in its 500 pages"

SECTIONS="$TMP/sections.txt"
python3 -c '
import sys
with open(sys.argv[1], "w") as f:
    f.write("Many problems\n\n")
    for i in range(50010):
        f.write("Problem: problem number %d\nSolution: call us.\n\n" % i)
    f.write("Problem: the very last problem\nSolution: ask the zeppelin desk.\n")
' "$SECTIONS"
t "50,011 sections: read (exit 0)" \
	check_exit 0 "$INDEX" --sections "$SECTIONS"
t "50,011 sections: a warning names the file and the limit" \
	contains "$OUT" "$SECTIONS: more than 50000 sections (the limit): the last section holds the rest of the file (11 more headings)"
t "50,011 sections: 50,000 sections" \
	eval '[ "$(grep -c "^      \"kind\": " "$OUT")" -eq 50000 ]'
t "50,011 sections: nothing dropped, the last problem is in the last section" \
	contains "$OUT" "the very last problem"
t "50,011 sections: ... and its solution" contains "$OUT" "zeppelin desk"

# A publication of more than 2,000 sections has its documents made as they
# are written: the same index, replaced as a whole.
MANYSEC="$TMP/manysections.txt"
python3 -c '
import sys
with open(sys.argv[1], "w") as f:
    f.write("Many problems\n\n")
    for i in range(3000):
        f.write("Problem: streamed problem %d\nSolution: call us.\n\n" % i)
    f.write("Problem: the last streamed problem\nSolution: ask the quokka desk.\n")
' "$MANYSEC"
t "3,001 sections: indexed (exit 0)" check_exit 0 "$INDEX" --db "$DB" "$MANYSEC"
t "3,001 sections: the last is found" check_exit 0 "$QUERY" --db "$DB" quokka
t "3,001 sections: listed with all of them" check_exit 0 "$INDEX" --db "$DB" --list
t "3,001 sections: ... 3001 sections" contains "$OUT" "$MANYSEC  text, 3001 sections"
t "3,001 sections: --force replaces them" \
	check_exit 0 "$INDEX" --db "$DB" --force "$MANYSEC"
t "3,001 sections: ... not adds" check_exit 0 "$INDEX" --db "$DB" --list
t "3,001 sections: ... still 3001" contains "$OUT" "$MANYSEC  text, 3001 sections"
t "3,001 sections: the first is found" \
	check_exit 0 "$QUERY" --db "$DB" --json '"streamed problem 0"'
run "$INDEX" --db "$DB" --remove "$MANYSEC"
t "3,001 sections: removed" check_exit 1 "$QUERY" --db "$DB" quokka

# Memory grows with a file's size, with a small constant: 6 MB of text,
# one section (the cost of many sections is bounded by the cap above).
BIG="$TMP/big.txt"
python3 -c '
import sys
words = ("claim provider enrollment password account form medicare "
         "payment billing portal supplier revalidation").split()
with open(sys.argv[1], "w") as f:
    f.write("Big problems\n\nProblem: one big problem\nSolution: read on.\n\n")
    i = 0
    while f.tell() < 6000000:
        f.write("Reading %s %s %s, case %d.\n\n" % (words[i % 12],
                words[i * 7 % 13 % 12], words[i * 5 % 11], i % 1000))
        i += 1
    f.write("The end, at the xylophone desk.\n")
' "$BIG"
if [ -x /usr/bin/time ]; then
	run /usr/bin/time -f "maxrss %M" "$INDEX" --db "$DB" "$BIG"
	t "6 MB of text: indexed" eval '[ "$rc" -eq 0 ]'
	rss=$(sed -n 's/^maxrss //p' "$ERR")
	diag "6 MB of text: peak RSS ${rss} KB"
	# AddressSanitizer's shadow memory and quarantine are not ours.
	if grep -q __asan_init "$INDEX"; then
		skip "6 MB of text: peak memory" "a sanitizer build"
	else
		t "6 MB of text: peak memory under 80 MB (${rss} KB)" \
			eval '[ "${rss:-999999}" -lt 81920 ]'
	fi
	t "6 MB of text: its last words are found" \
		check_exit 0 "$QUERY" --db "$DB" xylophone
	run "$INDEX" --db "$DB" --remove "$BIG"
else
	skip "6 MB of text: peak memory" "no /usr/bin/time"
fi

# A section over 64 KB is stored as pieces of at most 64 KB (lib/piece.c):
# all its words are found, it is one hit and one section, and a hit
# shows the piece that matched, no more.
t "one 6 MB section: indexed" check_exit 0 "$INDEX" --db "$DB" "$BIG"
t "one 6 MB section: listed as one section" \
	check_exit 0 "$INDEX" --db "$DB" --list
t "one 6 MB section: ... 1 section" contains "$OUT" "big.txt  text, 1 section"
t "one 6 MB section: its heading found" \
	check_exit 0 "$QUERY" --db "$DB" --json '"one big problem"'
t "one 6 MB section: ... in a piece" contains "$OUT" '"pieces": '
t "one 6 MB section: the last word found" \
	check_exit 0 "$QUERY" --db "$DB" --json --limit 50 xylophone
t "one 6 MB section: ... as one hit" contains "$OUT" '"total": 1,'
t "one 6 MB section: ... in its last piece" \
	eval 'python3 -c "
import json, sys
h = json.load(open(sys.argv[1]))[\"results\"][0]
sys.exit(not (h[\"pieces\"] > 90 and h[\"piece\"] == h[\"pieces\"]))
" "$OUT"'
t "one 6 MB section: ... a hit of at most 64 KB of text" \
	eval 'python3 -c "
import json, sys
h = json.load(open(sys.argv[1]))[\"results\"][0]
sys.exit(len(h[\"text\"].encode()) > 65536)
" "$OUT"'
t "one 6 MB section: a phrase of its words found" \
	check_exit 0 "$QUERY" --db "$DB" '"provider form portal"'
t "one 6 MB section: the terminal names the part" \
	check_exit 0 "$QUERY" --db "$DB" --color=never xylophone
t "one 6 MB section: ... part N of M" contains "$OUT" "(part "
t "one 6 MB section: ... in a few lines, not 64 KB" \
	eval '[ "$(wc -l <"$OUT")" -lt 12 ]'
t "one 6 MB section: --explain of a later piece" \
	check_exit 0 "$QUERY" --db "$DB" --explain --color=never xylophone
t "one 6 MB section: ... explains it" contains "$OUT" "Zxylophon"
t "one 6 MB section: --report on an unchanged file: no section changed" \
	check_exit 0 "$INDEX" --db "$DB" --force --report "$BIG"
t "one 6 MB section: ... it says so" contains "$OUT" "no section changed"
echo "A new last line, at the yodel desk." >>"$BIG"
t "one 6 MB section: --report on a line added at its end" \
	check_exit 0 "$INDEX" --db "$DB" --report "$BIG"
t "one 6 MB section: ... the section changed" \
	lacks "$OUT" "no section changed"
t "one 6 MB section: ... it is named" contains "$OUT" "one-big-problem"
t "one 6 MB section: ... none added" lacks "$OUT" "section added"
t "one 6 MB section: ... none removed" lacks "$OUT" "section removed"
run "$INDEX" --db "$DB" --remove "$BIG"
t "one 6 MB section: removed, pieces and all" \
	check_exit 1 "$QUERY" --db "$DB" xylophone

# The case of the 60 MB text (issue 20), at a tenth: past the 50,000-
# section cap a last section of unique numbers, which Xapian once held
# in memory for the whole publication's transaction.
UNIQUE="$TMP/unique.txt"
python3 -c '
import sys
with open(sys.argv[1], "w") as f:
    f.write("Many problems\n\n")
    i = 0
    while f.tell() < 5000000:
        f.write("Problem: claim %d was rejected\nSolution: give the "
                "reference %d.\n\n" % (i, 1000000000 + 7 * i))
        i += 1
    f.write("Problem: the very last claim\nSolution: ask the marimba desk.\n")
' "$UNIQUE"
if [ -x /usr/bin/time ]; then
	run /usr/bin/time -f "maxrss %M" "$INDEX" --db "$DB" "$UNIQUE"
	t "5 MB of unique numbers: indexed" eval '[ "$rc" -eq 0 ]'
	rss=$(sed -n 's/^maxrss //p' "$ERR")
	diag "5 MB of unique numbers: peak RSS ${rss} KB"
	if grep -q __asan_init "$INDEX"; then
		skip "5 MB of unique numbers: peak memory" "a sanitizer build"
	else
		t "5 MB of unique numbers: peak memory under 128 MB (${rss} KB)" \
			eval '[ "${rss:-999999}" -lt 131072 ]'
	fi
	t "5 MB of unique numbers: the last number found" \
		check_exit 0 "$QUERY" --db "$DB" --format=path marimba
	t "5 MB of unique numbers: a number of the last section found" \
		check_exit 0 "$QUERY" --db "$DB" --format=path 1000420000
	run "$INDEX" --db "$DB" --remove "$UNIQUE"
else
	skip "5 MB of unique numbers: peak memory" "no /usr/bin/time"
fi

# A phrase check reads at most 5,000 positions of a word in a section:
# a word repeated 20,000 times costs no more than one repeated 5,000.
REPEAT="$TMP/repeat.md"
python3 -c '
import sys
with open(sys.argv[1], "w") as f:
    f.write("# Repeated words\n\n")
    f.write("password expired. " * 20000)
    f.write("\n\nThe quince marmalade is password ruled.\n")
' "$REPEAT"
t "20,000 repetitions: indexed" check_exit 0 "$INDEX" --db "$DB" "$REPEAT"
t "20,000 repetitions: a phrase query answers" \
	check_exit 0 "$QUERY" --db "$DB" --json '"password expired"'
t "20,000 repetitions: ... with the section" contains "$OUT" "Repeated words"
t "20,000 repetitions: a plain query answers" \
	check_exit 0 "$QUERY" --db "$DB" --json password expired
t "20,000 repetitions: words after the cap are found" \
	check_exit 0 "$QUERY" --db "$DB" quince marmalade
# The 360 KB section is six pieces of 64 KB, none holding 5,000 of the
# word: a phrase past the section's 5,000th is found in the last piece.
t "20,000 repetitions: a phrase of a word past its 5,000th position in the section is found (its piece holds fewer)" \
	check_exit 0 "$QUERY" --db "$DB" '"password ruled"'
t "20,000 repetitions: a phrase of words seen once still is" \
	check_exit 0 "$QUERY" --db "$DB" '"quince marmalade"'
run "$INDEX" --db "$DB" --remove "$REPEAT"
# 8,000 times one short word fit in one piece: the cap holds there.
DENSE="$TMP/dense.md"
python3 -c '
import sys
with open(sys.argv[1], "w") as f:
    f.write("# Dense words\n\n" + "pw " * 8000 + "\n\nThe quince pw ruled.\n")
' "$DENSE"
t "8,000 repetitions in one piece: indexed" \
	check_exit 0 "$INDEX" --db "$DB" "$DENSE"
t "8,000 repetitions in one piece: a phrase of a word past its 5,000th position is not (the cap)" \
	check_exit 1 "$QUERY" --db "$DB" '"pw ruled"'
t "8,000 repetitions in one piece: its words are" \
	check_exit 0 "$QUERY" --db "$DB" quince ruled
run "$INDEX" --db "$DB" --remove "$DENSE"
t "the index still answers the same" still_answers

# The time limits of a PDF, set low for the test: a page that takes too
# long is left out, named, and the rest is indexed; a PDF that takes too
# long is read up to the limit.
SLOW="$TMP/slow.pdf"
python3 "$top_srcdir/tests/cli/pdf-bomb.py" "$SLOW" 5 3 "pecos slowpage" 3 6000
run env FACTSHEET_PDF_PAGE_SECONDS=0.3 "$INDEX" --db "$DB" "$SLOW"
t "slow PDF page: indexed (exit 0)" eval '[ "$rc" -eq 0 ]'
t "slow PDF page: the warning names the file and the page" \
	contains "$ERR" "$SLOW: page 3 left out: reading it took more than 0.3 s (the limit of a page)"
t "slow PDF page: the other pages are found" \
	check_exit 0 "$QUERY" --db "$DB" --json '"pecos slowpage on page 5"'
t "slow PDF page: ... page 2 too" contains "$OUT" "on page 2"
t "slow PDF page: page 3 is not" lacks "$OUT" "on page 3"
t "slow PDF page: without the setting the page is read" \
	check_exit 0 "$INDEX" --sections "$SLOW"
t "slow PDF page: ... page 3 with it" contains "$OUT" "on page 3"
SLOWDOC="$TMP/slowdoc.pdf"
python3 "$top_srcdir/tests/cli/pdf-bomb.py" "$SLOWDOC" 3 3 "pecos slowdoc" 1 6000
run env FACTSHEET_PDF_SECONDS=0.3 "$INDEX" --db "$DB" "$SLOWDOC"
t "slow PDF: indexed up to the limit (exit 0)" eval '[ "$rc" -eq 0 ]'
t "slow PDF: the warning says how far and the limit" \
	contains "$ERR" "$SLOWDOC: read only 1 of its 3 pages: reading it took more than 0.3 s (the limit)"
t "slow PDF: listed" check_exit 0 "$INDEX" --db "$DB" --list
t "slow PDF: ... with its first page's section" contains "$OUT" "$SLOWDOC"
t "slow PDF: nothing raw" outputs_clean
run "$INDEX" --db "$DB" --remove "$SLOW" "$SLOWDOC"
t "the index still answers the same after the slow PDFs" still_answers

# 5. Databases ----------------------------------------------------------------

NOTDB="$TMP/notes"
mkdir "$NOTDB"
echo "my notes" >"$NOTDB/notes.txt"
t "--db naming a folder of other files: exit 2" \
	check_exit 2 "$INDEX" --db "$NOTDB" "$CORPUS"
t "--db naming a folder of other files: said" \
	contains "$ERR" "$NOTDB: not a factsheet database"
t "--db naming a folder of other files: nothing created in it" \
	eval '[ "$(ls "$NOTDB")" = notes.txt ]'
t "query --db naming a folder of other files: exit 2" \
	check_exit 2 "$QUERY" --db "$NOTDB" pecos

RO="$TMP/ro"
cp -R "$DB" "$RO"
chmod -R a-w "$RO"
if [ "$(id -u)" -ne 0 ]; then
	as_user=
elif command -v su >/dev/null 2>&1 && su nobody -s /bin/sh -c true \
    2>/dev/null; then
	chmod a+rx "$TMP"
	as_user="su nobody -s /bin/sh -c"
else
	as_user=none
fi
if [ "$as_user" = none ]; then
	skip "read-only database" "running as root, and no user to run as"
else
	if [ -z "$as_user" ]; then
		run "$INDEX" --wait --db "$RO" "$CORPUS"
	else
		run $as_user "'$INDEX' --wait --db '$RO' '$CORPUS'"
	fi
	t "read-only database: exit 2, without waiting" eval '[ "$rc" -eq 2 ]'
	t "read-only database: said to be read-only" contains "$ERR" "$RO: database is read-only"
	t "read-only database: not said to be locked" lacks "$ERR" "locked"
fi
chmod -R u+w "$RO"

hold_lock "$DB"
until_locked --db "$DB" "$CORPUS"
if [ "$locked" = yes ]; then
	t "--wait=1 on a locked database: gives up, exit 2" \
		check_exit 2 timeout 30 "$INDEX" --wait=1 --db "$DB" "$CORPUS"
	t "--wait=1 on a locked database: says how long it waited" \
		contains "$ERR" "still locked by another indexer after 1 s"
else
	skip "--wait=1 on a locked database" "could not hold the lock"
fi
release_lock
t "--wait=x: exit 2" check_exit 2 "$INDEX" --wait=x --db "$DB" "$CORPUS"
t "--wait=x: said" contains "$ERR" "--wait=x: not a number of seconds"

# 6. Signals ---------------------------------------------------------------

TREE="$TMP/tree"
sheets_with_word "$TREE" 400 signalword
SIGDB="$TMP/sigdb"
# stop_with SIG...: starts indexing TREE into SIGDB, sends each SIG a
# moment apart once it has indexed a first batch; $rc is its status.
stop_with() {
	rm -rf "$SIGDB"
	"$INDEX" --db "$SIGDB" "$TREE" >"$OUT" 2>"$ERR" &
	_sw_pid=$!
	BACKGROUND=$_sw_pid
	_sw_i=0
	while [ $_sw_i -lt 100 ] && [ ! -d "$SIGDB" ]; do
		sleep 0.1
		_sw_i=$((_sw_i + 1))
	done
	sleep 0.5
	for _sw_sig in "$@"; do
		kill -"$_sw_sig" "$_sw_pid" 2>/dev/null || :
	done
	if wait "$_sw_pid"; then rc=0; else rc=$?; fi
	BACKGROUND=
	last_cmd="factsheet-index --db $SIGDB $TREE, then kill $*"
}
stop_with INT
if [ "$rc" -eq 0 ]; then
	skip "SIGINT" "the run ended before the signal came"
else
	t "SIGINT: exit 130" eval '[ "$rc" -eq 130 ]'
	t "SIGINT: says how far it got" contains "$ERR" "interrupted: stopped after"
	t "SIGINT: the index opens and answers" \
		eval '"$QUERY" --db "$SIGDB" --json signalword >/dev/null; [ $? -le 1 ]'
	t "SIGINT: the next run does the rest" \
		check_exit 0 "$INDEX" --db "$SIGDB" "$TREE"
fi
stop_with TERM
if [ "$rc" -ne 0 ]; then
	t "SIGTERM: exit 143" eval '[ "$rc" -eq 143 ]'
	t "SIGTERM: says how far it got" contains "$ERR" "terminated: stopped after"
fi
stop_with TERM INT
if [ "$rc" -ne 0 ]; then
	t "a second signal ends it at once: killed by it (130), no message" \
		eval '[ "$rc" -eq 130 ] || [ "$rc" -eq 143 ]'
fi

# 7. A full disk ------------------------------------------------------------

# A file system of 2 MB, mounted in a user namespace of our own where the
# kernel allows it.
FULL="$TMP/full"
mkdir "$FULL"
if command -v unshare >/dev/null 2>&1 &&
    unshare -r -m sh -c "mount -t tmpfs -o size=2m tmpfs '$FULL'" \
    2>/dev/null; then
	sheets_with_word "$TMP/more" 300 fullword
	run unshare -r -m sh -c "
		mount -t tmpfs -o size=2m tmpfs '$FULL' &&
		'$INDEX' --db '$FULL/db' '$CORPUS' >/dev/null &&
		'$QUERY' --db '$FULL/db' --json --limit 1 pecos >'$TMP/before' &&
		{ '$INDEX' --db '$FULL/db' '$TMP/more'; echo \"indexer exit \$?\"; } &&
		'$QUERY' --db '$FULL/db' --json --limit 1 pecos >'$TMP/after' &&
		'$INDEX' --db '$FULL/db' '$CORPUS' >/dev/null 2>&1; echo \"again exit \$?\""
	t "disk full inside a commit: exit 2, not SIGABRT" contains "$OUT" "indexer exit 2"
	t "disk full: a clear message" contains "$ERR" "No space left on device"
	t "disk full: the index is as at its last commit" \
		same_files "$TMP/before" "$TMP/after"
	t "disk full: the lock is released" contains "$OUT" "again exit"
	t "disk full: nothing raw" outputs_clean
else
	skip "disk full inside a commit" "no tmpfs in a user namespace here"
fi

done_testing
