#!/bin/sh
# sync.sh - factsheet-index over folders: walked recursively in sorted
# order, hidden names, links looping and FIFOs left out; run again, it
# makes the index match the folder (new, changed, unchanged, removed), with
# a report of what changed, a dry run that changes nothing, failures
# remembered until the file changes, and --wait for another indexer's lock.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/cli/setup.sh"

DB="$TMP/db"
TREE="$TMP/tree"

# json_is EXPR WANT: EXPR, Python over the JSON document d in $OUT, prints
# as WANT.
json_is() {
	_ji_got=$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
print(eval(sys.argv[2]))' "$OUT" "$1" 2>&1) || {
		echo "cannot evaluate $1 over stdout: $_ji_got"
		return 1
	}
	if [ "$_ji_got" != "$2" ]; then
		echo "$1 is '$_ji_got', expected '$2'"
		return 1
	fi
}

# counts_are NEW CHANGED UNCHANGED REMOVED FAILED: the --json summary in
# $OUT counts so.
counts_are() {
	json_is '" ".join(str(d[k]) for k in
	    ("new", "changed", "unchanged", "removed", "failed"))' "$*"
}

# sync_exit N [OPTION...]: the indexer over the tree, with --json and the
# options given, exits with status N.
sync_exit() {
	_se_want=$1
	shift
	check_exit "$_se_want" "$INDEX" --db "$DB" --json "$@" "$TREE"
}

# The first hit for words $2... in $DB has heading $1.
finds() {
	query_first "$@"
}

# Nothing in $DB matches the words given.
finds_nothing() {
	check_exit 1 "$QUERY" --db "$DB" "$@"
}

# The tree -----------------------------------------------------------------

mkdir -p "$TREE/a/b/c" "$TREE/.hidden"
cat >"$TREE/a/alpha.txt" <<'EOF'
Alpha Portal Help Sheet

Problem: Cannot Reach the Alphaportal

The alphaportal shows a blank page.

Solution: Contact the Alpha Help Desk

Phone: 1-800-555-0101
EOF
cp "$CORPUS" "$TREE/a/b/beta.txt"
cat >"$TREE/a/b/c/gamma.txt" <<'EOF'
Gamma Portal Help Sheet

Problem: Cannot Reach the Gammaportal

The gammaportal shows a blank page.

Solution: Contact the Gamma Help Desk

Phone: 1-800-555-0103
EOF
cat >"$TREE/.hidden/secret.txt" <<'EOF'
Hidden Help Sheet

Problem: Hiddenword Trouble

Nobody should find the hiddenword.
EOF
cat >"$TREE/a/.dotfile.txt" <<'EOF'
Dotted Help Sheet

Problem: Dotword Trouble

Nobody should find the dotword.
EOF
# The thesaurus ships beside the fact sheets, as in corpus/.
cp "$top_srcdir/corpus/thesaurus.txt" "$TREE/thesaurus.txt"
ln -s .. "$TREE/a/b/up"
ln -s self "$TREE/a/self"
mkfifo "$TREE/a/pipe"

# The first run --------------------------------------------------------------

t "first run: exit 0" sync_exit 0
t "first run: 3 new, nothing else" counts_are 3 0 0 0 0
t "first run: the folder given is no failure" json_is 'd["errors"]' "[]"
t "first run: files in sorted order, loops and the FIFO among them" \
	json_is '[p["source"][len("'"$TREE"'/"):] for p in d["paths"]]' \
	"['a/alpha.txt', 'a/b/beta.txt', 'a/b/c/gamma.txt', 'a/b/up', 'a/pipe', 'a/self']"
t "first run: the link back up is skipped as a loop" \
	contains "$ERR" "$TREE/a/b/up: skipped: symbolic link loop"
t "first run: the link to itself is skipped as a loop" \
	contains "$ERR" "$TREE/a/self: skipped: symbolic link loop"
t "first run: the FIFO is skipped" \
	contains "$ERR" "$TREE/a/pipe: skipped: not a regular file (a FIFO)"
t "first run: 3 skipped, no more lines on stderr" \
	eval 'json_is "d[\"skipped\"]" 3 && lines_are "$ERR" 3'
t "first run: thesaurus.txt in the folder is not indexed" \
	lacks "$OUT" "thesaurus.txt"
t "first run: hidden files and folders are not indexed" lacks "$OUT" "hidden"
t "first run: alpha is searchable" finds "Cannot Reach the Alphaportal" \
	alphaportal
t "first run: gamma, two folders down, is searchable" \
	finds "Cannot Reach the Gammaportal" gammaportal
t "first run: beta answers its phone number" \
	finds "Navigating/Accessing PECOS Website" 866-484-8049
t "first run: the hidden folder's file is not searchable" \
	finds_nothing hiddenword
t "first run: the hidden file is not searchable" finds_nothing dotword

t "first run as text: exit 0" \
	eval 'rm -rf "$TMP/db-text" &&
	check_exit 0 "$INDEX" --db "$TMP/db-text" "$TREE"'
t "first run as text: the summary line of old" \
	has_line "$OUT" "Indexed 3 publications \\([0-9]+ sections: [0-9]+ problems, [0-9]+ resources\\) into $TMP/db-text in [0-9.]+ s; 3 new, 0 changed, 0 unchanged, 0 removed, 3 skipped\\."
t "stderr not a terminal: no progress" lacks "$ERR" "files/s"

# Unchanged ------------------------------------------------------------------

t "second run: exit 0" sync_exit 0
t "second run: all 3 unchanged" counts_are 0 0 3 0 0
t "second run: nothing indexed" json_is 'd["publications"]' 0
t "second run as text: says so" \
	eval 'check_exit 0 "$INDEX" --db "$DB" "$TREE" &&
	contains "$OUT" "0 new, 0 changed, 3 unchanged, 0 removed"'

touch -d '2001-02-03 04:05:06' "$TREE/a/alpha.txt"
t "touched, content the same: exit 0" sync_exit 0
t "touched, content the same: unchanged (by its hash)" counts_are 0 0 3 0 0
t "touched, then again: still unchanged" \
	eval 'sync_exit 0 && counts_are 0 0 3 0 0'

# A changed phone number -------------------------------------------------------

sed 's/1-866-484-8049/1-866-555-0100/' "$CORPUS" >"$TREE/a/b/beta.txt"
t "phone changed: exit 0" \
	check_exit 0 "$INDEX" --db "$DB" --report "$TREE"
t "phone changed: the report names the file as changed" \
	has_line "$OUT" "changed: $TREE/a/b/beta.txt"
t "phone changed: the report names the changed section" \
	contains "$OUT" "~ navigating-accessing-pecos-website (Navigating/Accessing PECOS Website)"
t "phone changed: the report shows the number old -> new" \
	contains "$OUT" "Contact CMS External User Services (EUS) Help Desk phone: 1-866-484-8049 → 1-866-555-0100"
t "phone changed: only that section changed" \
	eval '[ "$(grep -c "^  [-+~] " "$OUT")" -eq 1 ]'
t "phone changed: the summary counts 1 changed, 2 unchanged" \
	contains "$OUT" "0 new, 1 changed, 2 unchanged, 0 removed"
t "phone changed: the new number is found" \
	finds "Navigating/Accessing PECOS Website" 866-555-0100
t "phone changed: the old number is not" finds_nothing 866-484-8049
t "phone changed: the section replaced, not added twice" \
	eval 'run "$QUERY" --db "$DB" --json --limit 100 "Navigating" &&
	json_is "sum(r[\"heading\"] == \"Navigating/Accessing PECOS Website\"
	    for r in d[\"results\"])" 1'

# The report as JSON, on another change.
sed -e 's/1-866-484-8049/1-866-555-0100/' -e 's/1-866-523-4759/1-866-555-0199/' \
	"$CORPUS" >"$TREE/a/b/beta.txt"
t "--report --json: exit 0" sync_exit 0 --report
t "--report --json: the summary keys are all there" \
	json_is 'sorted(set(["database", "publications", "sections", "problems",
	    "resources", "failed", "seconds", "files", "errors", "dry_run",
	    "new", "changed", "unchanged", "removed", "skipped", "paths",
	    "report"]) - set(d))' "[]"
t "--report --json: one publication reported, changed" \
	json_is '[(r["source"].endswith("/a/b/beta.txt"), r["state"], r["title"])
	    for r in d["report"]]' \
	"[(True, 'changed', 'PECOS Technical Assistance Contact Information')]"
t "--report --json: sections added, removed, changed" \
	json_is 'd["report"][0]["sections"]' \
	"{'added': [], 'removed': [], 'changed': ['navigating-accessing-pecos-website']}"
t "--report --json: the contact change" \
	json_is 'd["report"][0]["contacts"]' \
	"[{'section': 'navigating-accessing-pecos-website', 'label': 'Contact CMS External User Services (EUS) Help Desk tty', 'kind': 'tty', 'old': '1-866-523-4759', 'new': '1-866-555-0199'}]"
t "--report --json: paths give each file's state" \
	json_is '[p["state"] for p in d["paths"]]' \
	"['unchanged', 'changed', 'unchanged', 'skipped', 'skipped', 'skipped']"

# A dry run, then the real one: a file deleted, one changed -----------------

run "$QUERY" --db "$DB" --json --limit 100 help desk
cp "$OUT" "$TMP/before.json"
rm "$TREE/a/alpha.txt"
printf '\nProblem: Gamma Printing\n\nThe gammaprinter jams.\n' \
	>>"$TREE/a/b/c/gamma.txt"
t "--dry-run: exit 0" \
	check_exit 0 "$INDEX" --db "$DB" --dry-run --report "$TREE"
t "--dry-run: says the deleted file would be removed" \
	has_line "$OUT" "removed: $TREE/a/alpha.txt \\(1 section\\)"
t "--dry-run: says gamma would change, a section added" \
	eval 'has_line "$OUT" "changed: $TREE/a/b/c/gamma.txt" &&
	contains "$OUT" "+ gamma-printing (Gamma Printing)"'
t "--dry-run: a line for the unchanged file too" \
	has_line "$OUT" "unchanged: $TREE/a/b/beta.txt"
t "--dry-run: the summary counts" \
	contains "$OUT" "Dry run on $DB: 0 new, 1 changed, 1 unchanged, 1 removed, 3 skipped, 0 failed; nothing was changed."
t "--dry-run: the same answers as before" \
	eval 'run "$QUERY" --db "$DB" --json --limit 100 help desk &&
	same_files "$TMP/before.json" "$OUT"'
t "--dry-run: alpha is still there" \
	finds "Cannot Reach the Alphaportal" alphaportal
t "--dry-run: gamma's new section is not" finds_nothing gammaprinter
t "--dry-run --json: the same counts" \
	eval 'sync_exit 0 --dry-run && counts_are 0 1 1 1 0 &&
	json_is "d[\"dry_run\"]" True'
t "--dry-run with no database yet: all new, none created" \
	eval 'check_exit 0 "$INDEX" --db "$TMP/no-db" --dry-run "$TREE" &&
	contains "$OUT" "2 new, 0 changed, 0 unchanged, 0 removed" &&
	[ ! -e "$TMP/no-db" ]'

t "after the dry run: exit 0" sync_exit 0 --report
t "after the dry run: 1 changed, 1 unchanged, 1 removed" \
	counts_are 0 1 1 1 0
t "after the dry run: the removal is reported with its section" \
	json_is '[(r["state"], r["sections"]["removed"]) for r in d["report"]
	    if r["state"] == "removed"]' \
	"[('removed', ['cannot-reach-the-alphaportal'])]"
t "the deleted file's sections are gone" finds_nothing alphaportal
t "gamma's new section is found" finds "Gamma Printing" gammaprinter
t "run again: all unchanged" eval 'sync_exit 0 && counts_are 0 0 2 0 0'

# Failures -------------------------------------------------------------------

# Neither UTF-8 nor Windows-1252 (0x81 is undefined in both).
printf 'Broken Help Sheet\n\nProblem: Brokenword caf\201\n' >"$TREE/a/broken.txt"
cat >"$TREE/a/delta.txt" <<'EOF'
Delta Portal Help Sheet

Problem: Cannot Reach the Deltaportal

The deltaportal shows a blank page.
EOF
t "invalid UTF-8: exit 2" sync_exit 2
t "invalid UTF-8: failed, the batch went on (delta new)" \
	counts_are 1 0 2 0 1
t "invalid UTF-8: stderr names the file and says why" \
	contains "$ERR" "$TREE/a/broken.txt: line 3, byte"
t "invalid UTF-8: the error is in the JSON" \
	json_is '[e["source"] == "'"$TREE"'/a/broken.txt" for e in d["errors"]]' \
	"[True]"
t "invalid UTF-8: the file after it is indexed" \
	finds "Cannot Reach the Deltaportal" deltaportal
# Nothing new failed: a cron job's run is a success, with a warning.
t "invalid UTF-8, run again: exit 0, nothing new failed" sync_exit 0
t "invalid UTF-8, run again: not counted as failed in this run" \
	counts_are 0 0 3 0 0
t "invalid UTF-8, run again: a warning names it, it failed before" \
	contains "$ERR" "warning: $TREE/a/broken.txt: skipped (failed before: line 3, byte"
t "invalid UTF-8, run again: failed_before in the JSON" \
	json_is '[p["failed_before"] for p in d["paths"]
	    if p["source"].endswith("broken.txt")]' "[True]"
t "invalid UTF-8, run again: the JSON error says it failed before" \
	json_is '[e["message"].startswith("'"$TREE"'/a/broken.txt: skipped "
	    "(failed before: line 3, byte") for e in d["errors"]]' "[True]"
t "invalid UTF-8, as text: the summary counts it as failed before" \
	eval 'check_exit 0 "$INDEX" --db "$DB" "$TREE" &&
	contains "$OUT" "; 1 unchanged file failed before."'
t "--retry-failed: read again, exit 2" sync_exit 2 --retry-failed
t "--retry-failed: the reason, not 'failed before'" \
	eval 'contains "$ERR" "$TREE/a/broken.txt: line 3, byte" &&
	lacks "$ERR" "failed before"'
printf 'Broken Help Sheet\n\nProblem: Brokenword Cafe\n' >"$TREE/a/broken.txt"
t "fixed: exit 0" sync_exit 0
t "fixed: indexed as new" counts_are 1 0 3 0 0
t "fixed: searchable" finds "Brokenword Cafe" brokenword
t "fixed, run again: unchanged, no failure left" \
	eval 'sync_exit 0 && counts_are 0 0 4 0 0 && lines_are "$ERR" 3'

# Given explicitly, a thesaurus.txt is read as a publication all the same
# (whether it parses as one is the readers' business).
t "thesaurus.txt given as a FILE: read, not skipped" \
	eval 'run "$INDEX" --db "$TMP/db-thesaurus" --json \
	"$TREE/thesaurus.txt" &&
	json_is "[p[\"state\"] in (\"new\", \"failed\") for p in d[\"paths\"]]" \
	"[True]"'

# Progress, on a terminal only ---------------------------------------------

if command -v script >/dev/null 2>&1 &&
	script -qec true /dev/null >/dev/null 2>&1; then
	t "on a terminal: progress on stderr (files done/total, rate, ETA)" \
		eval 'run script -qec "\"$INDEX\" --db \"$TMP/db-tty\" \"$TREE\"" \
		/dev/null && contains "$OUT" "/7 files" &&
		contains "$OUT" "files/s, ETA"'
else
	skip "on a terminal: progress on stderr" "no script(1) to make a terminal"
fi

# --wait for another indexer's lock ------------------------------------------

# A real indexer holds the lock (see hold_lock in setup.sh).
hold_lock "$DB"
until_locked --db "$DB" "$TREE"
if [ "$locked" = yes ]; then
	t "locked, no --wait: exit 2 at once, 'locked by another indexer'" \
		eval '[ "$rc" -eq 2 ] &&
		contains "$ERR" "database is locked by another indexer"'
	printf 'Waiting Help Sheet\n\nProblem: Waited For\n\nThe waitword.\n' \
		>"$TREE/a/waited.txt"
	"$INDEX" --db "$DB" --wait "$TREE" >"$TMP/wait.out" \
		2>"$TMP/wait.err" &
	waiter=$!
	BACKGROUND="$reader $holder $waiter"
	for _try in 1 2 3 4 5 6 7 8 9 10; do
		grep "waiting" "$TMP/wait.err" >/dev/null 2>&1 && break
		sleep 1
	done
	t "--wait: says it waits for the lock on the database" \
		contains "$TMP/wait.err" "waiting for the lock on $DB..."
	t "--wait: still waiting while the lock is held" \
		eval 'sleep 1; kill -0 "$waiter"'
	kill "$reader" 2>/dev/null || :
	wait "$holder" 2>/dev/null || :
	if wait "$waiter"; then rc=0; else rc=$?; fi
	t "--wait: the lock released, it ends with exit 0" \
		eval '[ "$rc" -eq 0 ] || { echo "exit $rc"; cat "$TMP/wait.err"; false; }'
	t "--wait: it said so once" \
		eval '[ "$(grep -c waiting "$TMP/wait.err")" -eq 1 ]'
	t "--wait: it indexed the new file" \
		contains "$TMP/wait.out" "Indexed 1 publication"
	t "--wait: searchable afterwards" finds "Waited For" waitword
else
	skip "--wait for another indexer's lock" \
		"could not keep an indexer blocked with the database open"
fi
release_lock

# Images beside the pages of a folder are skipped, not failures.
pics="$TMP/pics"
mkdir -p "$pics"
cp "$CORPUS" "$pics/sheet.txt"
printf '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><text>x</text></svg>\n' \
	>"$pics/layout.svg"
printf '\211PNG\r\n\032\n\000\000' >"$pics/logo.png"
run "$INDEX" --db "$TMP/pics.db" "$pics"
t "a folder with images: exit 0" [ "$rc" = 0 ]
t "the SVG is skipped as an image" \
	contains "$ERR" "layout.svg: skipped: not a publication (an SVG image)"
t "the PNG is skipped as an image" \
	contains "$ERR" "logo.png: skipped: not a publication (a PNG image)"
t "the sheet beside them is indexed" contains "$OUT" "1 new"
run "$INDEX" --db "$TMP/pics.db" "$pics/logo.png"
t "an image named as a file is an error" [ "$rc" = 2 ]
t "its message says what it is" contains "$ERR" "a PNG image"

# A database indexed under the old scheme of terms (each word as typed and
# as its stem) is indexed again: the fingerprint kept for each file folds
# in the scheme.  The old fingerprint of a tree with no thesaurus is the
# bare FNV-1a offset basis; a file recorded with it must be read again.
OLD_PRINT=cbf29ce484222325
scheme="$TMP/scheme"
mkdir -p "$scheme"
cat >"$scheme/alpha.txt" <<'EOF'
Alpha Portal Help Sheet

Problem: Cannot Reach the Alphaportal

The alphaportal shows a blank page.
EOF
# file_print DB: the fingerprint kept with DB's one file.
file_print() {
	xapian-metadata get "$1" "$(xapian-metadata list "$1" | grep '^file:')" |
	    sed -n 's/.*"thesaurus":"\([0-9a-f]*\)".*/\1/p'
}
if command -v xapian-metadata >/dev/null 2>&1 &&
    command -v xapian-delve >/dev/null 2>&1; then
	run "$INDEX" --db "$TMP/scheme.db" "$scheme"
	t "scheme: indexed" [ "$rc" = 0 ]
	t "scheme: the fingerprint is not the old scheme's" \
		eval '[ -n "$(file_print "$TMP/scheme.db")" ] &&
		    [ "$(file_print "$TMP/scheme.db")" != $OLD_PRINT ]'
	key=$(xapian-metadata list "$TMP/scheme.db" | grep '^file:')
	xapian-metadata set "$TMP/scheme.db" "$key" "$(xapian-metadata get \
	    "$TMP/scheme.db" "$key" |
	    sed "s/\"thesaurus\":\"[0-9a-f]*\"/\"thesaurus\":\"$OLD_PRINT\"/")"
	t "scheme: the old fingerprint set" \
		eval '[ "$(file_print "$TMP/scheme.db")" = $OLD_PRINT ]'
	run "$INDEX" --db "$TMP/scheme.db" "$scheme"
	t "scheme: run again, exit 0" [ "$rc" = 0 ]
	t "scheme: the file is indexed again" \
		eval '[ "$(file_print "$TMP/scheme.db")" != $OLD_PRINT ]'
	xapian-delve -a -1 "$TMP/scheme.db" >"$TMP/scheme.terms"
	t "scheme: words indexed as stems, with positions" \
		eval 'grep -qx Zblank "$TMP/scheme.terms" &&
		    xapian-delve -r "$(xapian-delve -1 -t Zblank "$TMP/scheme.db" |
		    sed -n 2p)" -t Zblank "$TMP/scheme.db" |
		    grep -q "^Position List"'
	t "scheme: no word indexed as typed" \
		eval '! grep -Eq "^(XS|XP|XC|S)?[a-z0-9]+\$" "$TMP/scheme.terms"'
	# Field words as terms of their own (Omega's way), without positions:
	# a field: query reads one posting list, no position.
	t "scheme: a field's words under its prefix, without positions" \
		eval 'grep -qx ZXPalphaport "$TMP/scheme.terms" &&
		    grep -q "^ZS" "$TMP/scheme.terms" &&
		    ! xapian-delve -r "$(xapian-delve -1 -t ZXPalphaport \
		    "$TMP/scheme.db" | sed -n 2p)" -t ZXPalphaport \
		    "$TMP/scheme.db" | grep -q "^Position List.*: *[0-9]"'
	t "scheme: the schema and its features in the metadata" \
		eval '[ "$(xapian-metadata get "$TMP/scheme.db" \
		    factsheet:schema)" = 5 ] &&
		    xapian-metadata get "$TMP/scheme.db" factsheet:features |
		    grep -qx field-terms'
	# An index an earlier version made is refused, and --force empties
	# it and indexes every file again.
	xapian-metadata set "$TMP/scheme.db" factsheet:schema 4
	run "$QUERY" --db "$TMP/scheme.db" alphaportal
	t "scheme: an earlier schema is refused: exit 2" [ "$rc" = 2 ]
	t "scheme: the message says to re-index with --force" \
		contains "$ERR" "re-index with --force"
	run "$INDEX" --db "$TMP/scheme.db" "$scheme"
	t "scheme: the indexer refuses it too" [ "$rc" = 2 ]
	run "$INDEX" --force --db "$TMP/scheme.db" "$scheme"
	t "scheme: --force indexes it again" [ "$rc" = 0 ]
	run "$QUERY" --db "$TMP/scheme.db" alphaportal
	t "scheme: and it is read again" [ "$rc" = 0 ]
	doc=$(xapian-delve -1 -t Zblank "$TMP/scheme.db" | sed -n 2p)
	t "scheme: the record in value slot 0, the document's data empty" \
		eval 'xapian-delve -r "$doc" -VR0 "$TMP/scheme.db" |
		    grep -q "^Value 0 for record #$doc: {\"kind\":" &&
		    xapian-delve -r "$doc" -d "$TMP/scheme.db" | sed -n 2p |
		    grep -qx ""'
else
	skip "a database of the old scheme indexed again" \
		"xapian-metadata or xapian-delve not installed"
fi

# More files than one commit takes (100): the words of the commits before
# the last are held back, then added all at once by the last.
many="$TMP/many"
sheets_with_word "$many" 150 zymurgical
run "$INDEX" --db "$TMP/many.db" "$many"
t "many: 150 files index" [ "$rc" = 0 ]
run "$QUERY" --db "$TMP/many.db" --json zymurgicel
t "many: a misspelling of their word is corrected" \
	grep -q "\"corrected\": *\"zymurgical\"" "$OUT"
# A field word is a phrase of the field's marker and the word, which
# Xapian estimates at a fraction of its matches: it is counted exactly.
run "$QUERY" --db "$TMP/many.db" --json solution:website
t "many: 'solution:website' counts all 600 sections (4 a file) exactly" \
	grep -q '"total": *600,' "$OUT"
if command -v xapian-metadata >/dev/null 2>&1; then
	t "many: no spelling words left held back" \
		[ "$(held_records "$TMP/many.db")" = 0 ]
else
	skip "many: no spelling words left held back" \
		"xapian-metadata not installed"
fi

done_testing
