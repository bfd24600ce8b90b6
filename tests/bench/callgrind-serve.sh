#!/bin/sh
# callgrind-serve.sh - instructions factsheet-serve spends on one /search,
# with its facets and without (facets=0), under callgrind: one worker
# thread, each request's counts zeroed before and dumped after it.
# Instruction counts repeat exactly, where times on a shared machine do not.
#
#   tests/bench/callgrind-serve.sh DB [QUERY...]
set -eu
top_builddir=${top_builddir:-$(cd "$(dirname "$0")/../.." && pwd)}
db=$1
shift
[ $# -gt 0 ] || set -- enrollment 'hospital claims' problem:enrollment \
    1-858-855-7328
out=$(mktemp -d)
trap 'kill "$server" 2>/dev/null; rm -rf "$out"' EXIT

valgrind --tool=callgrind --callgrind-out-file="$out/cg" \
    "$top_builddir/server/factsheet-serve" --db "$db" \
    --listen 127.0.0.1:0 --threads 1 >"$out/server.out" 2>"$out/server.err" &
server=$!
port=
for _ in $(seq 1 300); do
	port=$(sed -n 's|.*127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$out/server.out")
	[ -n "$port" ] && break
	sleep 0.1
done
[ -n "$port" ] || { echo "callgrind-serve.sh: the server did not start" >&2; exit 2; }
base="http://127.0.0.1:$port/search"
# Warm: the first request opens the database.
curl -s -o /dev/null "$base?q=warm"

measure() {	# QUERY-ARGS: instructions of one request
	callgrind_control -z "$server" >/dev/null 2>&1
	curl -s -o /dev/null "$base?$1"
	n=$(ls "$out"/cg.* 2>/dev/null | wc -l)
	callgrind_control -d "$server" >/dev/null 2>&1
	while [ "$(ls "$out"/cg.* 2>/dev/null | wc -l)" -le "$n" ]; do
		sleep 0.1
	done
	f=$(ls -t "$out"/cg.* | head -1)
	sed -n 's/^summary: //p' "$f"
}

date -u '+%Y-%m-%d %H:%M UTC'
printf '%s\t%s\t%s\n' query "with facets" "facets=0"
for q in "$@"; do
	e=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$q")
	printf '%s\t%s\t%s\n' "$q" "$(measure "q=$e")" "$(measure "q=$e&facets=0")"
done
