#!/bin/sh
# bench-docs.sh - factsheet against Pagefind on a real docs site (issue 16,
# item 7): the PostgreSQL 15 HTML documentation (Debian postgresql-doc-15)
# indexed by both, their index time (strict pairs, A B then B A) and size,
# then tests/eval/pgdocs/queries.tsv scored through the same headless
# Chromium harness (harness.mjs): top-1 and top-3 by page and by section,
# and the bytes the browser received per query.  A benchmark, not a test.
#
#   tests/bench/pagefind/bench-docs.sh [PAIRS]
#
# Needs: npm install in tests/bench/pagefind (pagefind and playwright-core,
# pinned in package.json), Debian chromium and postgresql-doc-15.
# factsheet is queried through factsheet-serve's /search (SERVE, default
# server/factsheet-serve in the build tree) from the server's own page, the
# docs mapped to their public URLs (--url-map); when that is not built,
# through factsheet-query --json without a browser, and the output says so.
#
# Pagefind runs with --force-language en: the DocBook pages carry no lang
# attribute, and without one Pagefind indexes them as "unknown", without
# stemming (a docs site would set it).  Both index the pages as they are,
# navigation headers included.
set -eu

BENCH=bench-docs
. "$(dirname "$0")/../common.sh"
# common.sh finds the tree from a script one level further up.
top=$(cd "$(dirname "$0")/../../.." && pwd)
build=${top_builddir:-$top}
index="$build/indexer/factsheet-index"
query="$build/query/factsheet-query"
out="$build/tests/bench/out"
pairs=${1:-2}
here="$top/tests/bench/pagefind"
docs=/usr/share/doc/postgresql-doc-15/html
serve=${SERVE:-$build/server/factsheet-serve}
pagefind="$here/node_modules/.bin/pagefind"

[ -d "$docs" ] || { echo "$BENCH: apt-get install postgresql-doc-15" >&2; exit 2; }
[ -x "$pagefind" ] && [ -d "$here/node_modules/playwright-core" ] || {
	echo "$BENCH: run npm install in $here first" >&2
	exit 2
}
needs "chromium" chromium
needs "nodejs" node
built "$index"
built "$query"

mkdir -p "$out"
site="$out/pgsite"
db="$out/pgdocs.db"
rm -rf "$site"
cp -r "$docs" "$site"

pf() {
	rm -rf "$site/pagefind"
	timed "$out/pf-time" "$pagefind" --site "$site" --force-language en
	cat "$out/pf-time" >>"$out/pf-times"
}
fs() {
	rm -rf "$db"
	timed "$out/fs-time" "$index" --db "$db" "$docs"
	cat "$out/fs-time" >>"$out/fs-times"
}
: >"$out/pf-times"
: >"$out/fs-times"
: >"$out/index-ratios"
echo "bench-docs: $(ls "$docs"/*.html | wc -l) pages of postgresql-doc-15" \
    "$(dpkg-query -W -f '${Version}' postgresql-doc-15 2>/dev/null || echo '?')," \
    "pagefind $(sed -n 's/^  "version": "\(.*\)",$/\1/p' "$here/node_modules/pagefind/package.json")," \
    "$(date -u '+%F %H:%M UTC'), load average $(load)"
p=1
while [ "$p" -le "$pairs" ]; do
	if [ $((p % 2)) -eq 1 ]; then
		fs
		pf
	else
		pf
		fs
	fi
	paste -d' ' "$out/fs-time" "$out/pf-time" |
	    awk '{ printf "%.2f\n", $1 / ($5 ? $5 : 1) }' >>"$out/index-ratios"
	p=$((p + 1))
done
echo "index time, s: factsheet-index $(cut -d' ' -f1 "$out/fs-times" | median)" \
    "(min $(cut -d' ' -f1 "$out/fs-times" | sort -n | head -n 1)," \
    "max $(cut -d' ' -f1 "$out/fs-times" | sort -n | tail -n 1))," \
    "pagefind $(cut -d' ' -f1 "$out/pf-times" | median)" \
    "(min $(cut -d' ' -f1 "$out/pf-times" | sort -n | head -n 1)," \
    "max $(cut -d' ' -f1 "$out/pf-times" | sort -n | tail -n 1)), n $pairs"
echo "index time ratio factsheet/pagefind: $(summary "$out/index-ratios")"
echo "peak memory, KiB: factsheet-index $(cut -d' ' -f2 "$out/fs-times" | median)," \
    "pagefind $(cut -d' ' -f2 "$out/pf-times" | median)"
echo "index size, bytes: factsheet $(du -sb "$db" | cut -f1)" \
    "($(find "$db" -type f | wc -l) files), pagefind bundle" \
    "$(du -sb "$site/pagefind" | cut -f1) ($(find "$site/pagefind" -type f | wc -l) files)"

node "$here/harness.mjs" --json "$out/pagefind-scores.json" pagefind "$site"
if [ -x "$serve" ]; then
	# The docs' public URLs, as a docs site serves them: the results
	# link to a page and its section's anchor.
	"$serve" --db "$db" --listen 127.0.0.1:0 \
	    --url-map "$docs=https://www.postgresql.org/docs/15/" \
	    >"$out/docs-serve.out" 2>&1 &
	spid=$!
	trap 'kill "$spid" 2>/dev/null || true' EXIT INT TERM
	port=
	i=0
	while [ -z "$port" ]; do
		port=$(grep -o '127\.0\.0\.1:[0-9][0-9]*' "$out/docs-serve.out" |
		    head -n 1 | cut -d: -f2) || true
		i=$((i + 1))
		[ "$i" -lt 100 ] || { echo "$BENCH: factsheet-serve printed no port" >&2; exit 2; }
		[ -n "$port" ] || sleep 0.1
	done
	node "$here/harness.mjs" --json "$out/factsheet-scores.json" serve \
	    "http://127.0.0.1:$port"
else
	echo "$BENCH: $serve not built: factsheet scored through" \
	    "factsheet-query --json, without a browser" >&2
	node "$here/harness.mjs" --json "$out/factsheet-scores.json" query "$db"
fi
echo "load average after: $(load)"
