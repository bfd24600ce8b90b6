#!/bin/sh
# bench-bytes.sh - bytes factsheet-serve sends for each question of
# tests/eval/pgdocs/queries.tsv, as the widget asks (limit 20), plain and
# with Accept-Encoding: gzip; response bodies, as curl counts them.
#
#   tests/bench/bench-bytes.sh DB [LIMIT]
#
# DB: an index of the PostgreSQL 15 HTML docs (see pagefind/bench-docs.sh).
set -eu
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
top_builddir=${top_builddir:-$top_srcdir}
db=$1
limit=${2:-20}
out=$(mktemp -d)
trap 'kill "$server" 2>/dev/null; rm -rf "$out"' EXIT

"$top_builddir/server/factsheet-serve" --db "$db" --listen 127.0.0.1:0 \
    >"$out/server.out" 2>/dev/null &
server=$!
port=
for _ in $(seq 1 100); do
	port=$(sed -n 's|.*127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$out/server.out")
	[ -n "$port" ] && break
	sleep 0.1
done
[ -n "$port" ] || { echo "bench-bytes.sh: the server did not start" >&2; exit 2; }

grep -v '^#' "$top_srcdir/tests/eval/pgdocs/queries.tsv" | grep -v '^$' |
    cut -f1 | while IFS= read -r q; do
	e=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$q")
	url="http://127.0.0.1:$port/search?q=$e&limit=$limit"
	plain=$(curl -s -o /dev/null -w '%{size_download}' "$url")
	gz=$(curl -s -H 'Accept-Encoding: gzip' -o /dev/null \
	    -w '%{size_download}' "$url")
	echo "$plain $gz"
done >"$out/bytes"

date -u '+%Y-%m-%d %H:%M UTC'
python3 - "$out/bytes" "$limit" <<'PY'
import statistics, sys
rows = [tuple(map(int, l.split())) for l in open(sys.argv[1])]
plain = [r[0] for r in rows]
gz = [r[1] for r in rows]
print(f"{len(rows)} questions, limit {sys.argv[2]}")
print(f"plain: median {statistics.median(plain):,.0f} "
      f"({min(plain):,}-{max(plain):,}), all {sum(plain):,} bytes")
print(f"gzip:  median {statistics.median(gz):,.0f} "
      f"({min(gz):,}-{max(gz):,}), all {sum(gz):,} bytes")
print(f"gzip/plain per question: median "
      f"{statistics.median(g / p for p, g in rows):.2f}")
PY
