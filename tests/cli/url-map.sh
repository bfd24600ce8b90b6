#!/bin/sh
# url-map.sh - public URLs: factsheet-index --url-map DIR=URL stores the
# map once in the database, and every reader gives the same "url": the
# URL, the path below DIR, and #anchor (#page=N for a PDF page); a file
# outside every mapping keeps its path; a URL that is not http(s) or
# site-relative is refused.  Also the --json filters' library side.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/cli/setup.sh"

need_python

DB="$TMP/db"
SITE="$TMP/site"
mkdir -p "$SITE/guides" "$TMP/other"
cp "$top_srcdir/tests/fixtures/enrollment-help.html" "$SITE/guides/"
cp "$top_srcdir/tests/fixtures/pdf/who-to-call.pdf" "$SITE/who to call.pdf"
cp "$CORPUS" "$TMP/other/pecos.txt"

# py EXPR: EXPR over the JSON document d in $OUT, printed.
py() {
	python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
print(eval(sys.argv[2]))' "$OUT" "$1"
}
# is_py EXPR WANT: EXPR over $OUT prints WANT.
is_py() {
	_got=$(py "$1")
	if [ "$_got" != "$2" ]; then
		echo "$1: got '$_got', wanted '$2'"
		return 1
	fi
}

t "index with --url-map (exit 0)" check_exit 0 \
    "$INDEX" --db "$DB" --url-map "$SITE=https://docs.example.org/help/" \
    "$SITE" "$TMP/other"

t "an HTML section: URL, path below DIR, #anchor" eval '
    check_exit 0 "$QUERY" --db "$DB" --json --limit 1 \
	"pecos user id and password" &&
    is_py "d[\"results\"][0][\"url\"]" \
	"https://docs.example.org/help/guides/enrollment-help.html#pecos-user-id-and-password"'

t "a PDF section: #page=N, the space in its name encoded" eval '
    check_exit 0 "$QUERY" --db "$DB" --json --limit 100 "title:who" &&
    is_py "\" \".join(sorted(set(r[\"url\"].split(\"#\")[0] for r in d[\"results\"])))" \
	"https://docs.example.org/help/who%20to%20call.pdf" &&
    is_py "all(\"#page=\" in r[\"url\"] for r in d[\"results\"])" True'

t "a file outside every mapping keeps its path" eval '
    check_exit 0 "$QUERY" --db "$DB" --json --limit 1 password expired &&
    is_py "d[\"results\"][0][\"url\"]" "$TMP/other/pecos.txt"'

# The map lives in the database: a query with the folder named another
# way (relative, from its parent) still maps it.
t "the indexer named the folder relatively: still mapped" eval '
    in_dir "$TMP" check_exit 0 "$INDEX" --db "$TMP/db2" \
	--url-map "site=/help" site &&
    check_exit 0 "$QUERY" --db "$TMP/db2" --json --limit 1 \
	"pecos user id and password" &&
    is_py "d[\"results\"][0][\"url\"]" \
	"/help/guides/enrollment-help.html#pecos-user-id-and-password"'

t "re-indexing without --url-map keeps the map" eval '
    check_exit 0 "$INDEX" --db "$DB" "$SITE" &&
    check_exit 0 "$QUERY" --db "$DB" --json --limit 1 \
	"pecos user id and password" &&
    is_py "d[\"results\"][0][\"url\"].startswith(\"https://docs.example.org/help/\")" True'

t "a javascript: URL is refused (exit 2, one message)" eval '
    check_exit 2 "$INDEX" --db "$DB" --url-map "$SITE=javascript:alert(1)" \
	"$SITE" && contains "$ERR" "starts with http://, https:// or /" &&
    lines_are "$ERR" 1'
t "the refused map left the stored one" eval '
    check_exit 0 "$QUERY" --db "$DB" --json --limit 1 \
	"pecos user id and password" &&
    is_py "d[\"results\"][0][\"url\"].startswith(\"https://docs.example.org/help/\")" True'
t "--url-map without = is refused" eval '
    check_exit 2 "$INDEX" --db "$DB" --url-map "$SITE" "$SITE" &&
    contains "$ERR" "want DIR=URL"'

done_testing
