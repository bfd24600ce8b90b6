#!/bin/sh
# manage.sh - managing an index: --list, --stats and --remove (a file
# already gone, a folder), as text and as JSON.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/cli/setup.sh"

need_python

DB="$TMP/db"
DOCS="$TMP/docs"
mkdir -p "$DOCS/sub"
cp "$CORPUS" "$DOCS/pecos.txt"
cat >"$DOCS/sub/alpha.md" <<'EOF'
# Alpha Guide

## Cannot Reach the Alphaportal

The alphaportal shows a blank page.
EOF
cat >"$DOCS/sub/beta.md" <<'EOF'
# Beta Guide

## Cannot Reach the Betaportal

The betaportal shows a blank page.
EOF
printf 'Bad\n\ncaf\201\n' >"$DOCS/bad.txt"
run "$INDEX" --db "$DB" "$DOCS"

# py EXPR: EXPR, over the JSON document d in $OUT, printed.
py() {
	python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
print(eval(sys.argv[2]))' "$OUT" "$1"
}
# json_is EXPR WANT
json_is() {
	_ji_got=$(py "$1") || return 1
	[ "$_ji_got" = "$2" ] || { echo "$1 is $_ji_got, expected $2"; return 1; }
}

t "--list: exit 0" check_exit 0 "$INDEX" --db "$DB" --list
t "--list: each publication with its format and sections" \
	eval 'has_line "$OUT" "$DOCS/pecos.txt  text, 12 sections" &&
	has_line "$OUT" "$DOCS/sub/alpha.md  markdown, [0-9]+ sections?"'
t "--list: the failed file with its reason" \
	has_line "$OUT" ".*bad.txt  -, 0 sections, FAILED: line 3, byte .*"
t "--list --json: exit 0" check_exit 0 "$INDEX" --db "$DB" --list --json
t "--list --json: the publications, sorted, with their fields" \
	json_is '[(p["source"].split("/")[-1], p["format"], p["failure"] is None)
	    for p in d["publications"]]' \
	"[('bad.txt', None, False), ('pecos.txt', 'text', True), ('alpha.md', 'markdown', True), ('beta.md', 'markdown', True)]"
t "--list --json: the sections of the fact sheet" \
	json_is '[p["sections"] for p in d["publications"]
	    if p["source"].endswith("pecos.txt")]' "[12]"
t "--list --json: the database named" json_is 'd["database"]' "$DB"

t "--stats: exit 0" check_exit 0 "$INDEX" --db "$DB" --stats
t "--stats: publications, sections, failures, size, last run" \
	eval 'has_line "$OUT" "Publications: 3" &&
	has_line "$OUT" "Sections: +[0-9]+" && has_line "$OUT" "Failed files: 1" &&
	has_line "$OUT" "Size on disk: [0-9.]+ MiB" &&
	has_line "$OUT" "Last run: +[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z"'
t "--stats --json: the same as numbers" \
	eval 'check_exit 0 "$INDEX" --db "$DB" --stats --json &&
	json_is "(d[\"publications\"], d[\"failed\"], d[\"bytes\"] > 0,
	    d[\"last_run\"] is not None)" "(3, 1, True, True)"'

# --remove: the file is gone already.
rm "$DOCS/sub/alpha.md"
t "--remove a file that is gone: exit 0" \
	check_exit 0 "$INDEX" --db "$DB" --remove "$DOCS/sub/alpha.md"
t "--remove: it says what it removed" \
	eval 'has_line "$OUT" "removed: $DOCS/sub/alpha.md" &&
	contains "$OUT" "Removed 1 publication from $DB."'
t "--remove: its sections are gone" \
	check_exit 1 "$QUERY" --db "$DB" alphaportal
t "--remove: the others stay" check_exit 0 "$QUERY" --db "$DB" betaportal
t "--remove a path not in the index: exit 2, naming it" \
	eval 'check_exit 2 "$INDEX" --db "$DB" --remove "$TMP/nothing.md" &&
	has_line "$ERR" "factsheet-index: $TMP/nothing.md: not in the index"'
t "--remove a folder: everything below it goes" \
	eval 'check_exit 0 "$INDEX" --db "$DB" --remove "$DOCS/sub" &&
	check_exit 1 "$QUERY" --db "$DB" betaportal &&
	check_exit 0 "$QUERY" --db "$DB" pecos'
t "--remove --json: the removed file in the JSON" \
	eval 'check_exit 0 "$INDEX" --db "$DB" --remove --json "$DOCS/pecos.txt" &&
	json_is "d[\"removed\"]" 1'
t "after the removals: --list shows the failed file only" \
	eval 'check_exit 0 "$INDEX" --db "$DB" --list && lines_are "$OUT" 1 &&
	contains "$OUT" "bad.txt"'

done_testing
