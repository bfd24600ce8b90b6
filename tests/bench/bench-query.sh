#!/bin/sh
# bench-query.sh - times factsheet-query against Xapian's own quest on the
# same database and the same queries, whole process (start-up, open, parse,
# match, output), side by side in one run with hyperfine.
#
#   tests/bench/bench-query.sh [N]
#
# Runs over the index of the bundled corpus and, when the shared generator
# and its vocabulary (Debian postgresql-doc-15) are there, over N generated
# fact sheets (default 1000).  Prints one line per database and query with
# both medians and their ratio.  A benchmark, not a test: it asserts nothing.
set -eu

BENCH=bench-query
. "$(dirname "$0")/common.sh"
n=${1:-1000}
gen="$top/../shared/bench/gen-factsheets.py"

needs "hyperfine xapian-tools" hyperfine quest
built "$query"
mkdir -p "$out"

dbs="corpus"
rm -rf "$out/corpus.db"
(cd "$top" && "$index" --db "$out/corpus.db" \
    corpus/pecos-technical-assistance-contacts.txt >/dev/null)
if [ -f "$gen" ] && [ -d /usr/share/doc/postgresql-doc-15 ]; then
	if [ ! -d "$out/gen-$n" ]; then
		python3 "$gen" "$n" "$out/gen-$n" >/dev/null
	fi
	rm -rf "$out/gen-$n.db"
	"$index" --db "$out/gen-$n.db" "$out/gen-$n"/*.txt >/dev/null
	dbs="$dbs gen-$n"
else
	echo "bench-query: no generated corpus (needs $gen and postgresql-doc-15)" >&2
fi

echo "database  query  factsheet-query(ms)  quest(ms)  ratio"
for db in $dbs; do
	for q in "password expired" "PECOS website is slow" \
	    "who do I call about my application" "enrollment contractor"; do
		hyperfine --style none --warmup 5 --runs 50 -N \
		    --export-json "$out/run.json" \
		    "$query --db $out/$db.db --limit 10 $q" \
		    "quest -d $out/$db.db -m 10 '$q'" >/dev/null 2>&1
		python3 - "$out/run.json" "$db" "$q" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
ours, quest = r[0]["median"] * 1000, r[1]["median"] * 1000
print(f"{sys.argv[2]}  \"{sys.argv[3]}\"  {ours:.2f}  {quest:.2f}  {ours / quest:.2f}x")
PY
	done
done
