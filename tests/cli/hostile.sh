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

# 3. One bad file name is that file's failure ----------------------------------

NAMES="$TMP/names"
mkdir "$NAMES"
printf 'Pecos one\n\nThe first pecos sheet, about aardvarks.\n' >"$NAMES/a.txt"
printf 'Pecos two\n\nA pecos sheet with a bad name.\n' >"$NAMES/b$(printf '\377\376').txt"
printf 'Pecos three\n\nThe last pecos sheet, about zebras.\n' >"$NAMES/z.txt"
t "name not UTF-8: the run ends with exit 2" \
	check_exit 2 "$INDEX" --db "$DB" "$NAMES"
t "name not UTF-8: the message names the file, escaped" \
	contains "$ERR" 'b\xff\xfe.txt: file name is not UTF-8'
t "name not UTF-8: no 'out of memory'" lacks "$ERR" "out of memory"
t "name not UTF-8: nothing raw on stderr" outputs_clean
t "name not UTF-8: the file after it is indexed" \
	check_exit 0 "$QUERY" --db "$DB" zebras
t "name not UTF-8: the second run says the same, and goes on" \
	check_exit 2 "$INDEX" --db "$DB" "$NAMES"
t "name not UTF-8: ... and JSON lists it, escaped" \
	check_exit 2 "$INDEX" --db "$DB" --json "$NAMES"
t "name not UTF-8: JSON errors name it" contains "$OUT" '"source": "'"$NAMES"'/b\\xff\\xfe.txt"'
rm -f "$NAMES/b$(printf '\377\376').txt"
t "name not UTF-8: once it is gone the run is clean" \
	check_exit 0 "$INDEX" --db "$DB" "$NAMES"
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
    for i in range(50001):
        f.write("Problem: problem number %d\nSolution: call us.\n\n" % i)
' "$SECTIONS"
t "50,001 sections: refused with exit 2" \
	check_exit 2 "$INDEX" --db "$DB" "$SECTIONS"
t "50,001 sections: the message names the limit" \
	contains "$ERR" "$SECTIONS: not indexed: more than 50000 sections (the limit)"
t "50,001 sections: the index still answers the same" still_answers

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
