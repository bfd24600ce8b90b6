# common.sh - sourced by the benchmark scripts: where the programs and the
# scratch directory are, and the check that the tools each needs are here.
# BENCH names the script in messages.

top=$(cd "$(dirname "$0")/../.." && pwd)
build=${top_builddir:-$top}
index="$build/indexer/factsheet-index"
query="$build/query/factsheet-query"
out="$build/tests/bench/out"

# needs PACKAGES TOOL...: exits 2 when a tool is missing, saying which
# Debian packages bring them.
needs() {
	packages=$1
	shift
	for tool in "$@"; do
		command -v "$tool" >/dev/null || {
			echo "$BENCH: $tool not found (apt-get install" \
			    "$packages)" >&2
			exit 2
		}
	done
}

# timed FILE COMMAND...: runs COMMAND, its output discarded, and writes
# "seconds peak-KiB user-seconds system-seconds" (GNU time) to FILE.
# Returns 1, its exit status in $status, when it failed or gave no
# figures; factsheet-index's 2 (some files failed) is still a full run.
timed() {
	file=$1
	shift
	rm -f "$file" "$file.raw"
	# The last tool's database still being written back to disk would
	# slow this one down.
	sync
	status=0
	/usr/bin/time -f "%e %M %U %S" -o "$file.raw" "$@" >/dev/null 2>&1 ||
	    status=$?
	[ "$status" = 0 ] || { [ "$status" = 2 ] && [ "$1" = "$index" ]; } ||
	    return 1
	[ -s "$file.raw" ] || return 1
	tail -n 1 "$file.raw" >"$file"
}

# The median of the numbers on standard input (the lower of the middle
# two when they are even in number).
median() {
	sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# summary FILE: "median M (min A, max B, n N)" of the ratios in FILE, one
# a line.
summary() {
	sort -n "$1" | awk '{ v[NR] = $1 }
	    END { printf "median %s (min %s, max %s, n %d)",
	    v[int((NR + 1) / 2)], v[1], v[NR], NR }'
}

# The load average, as figures are only as good as the machine was idle.
load() {
	cut -d' ' -f1-3 /proc/loadavg
}

# built PROGRAM: exits 2 unless PROGRAM has been built.
built() {
	[ -x "$1" ] || { echo "$BENCH: build first ($1 missing)" >&2; exit 2; }
}

# Background processes a script starts, stopped on the way out by
# stop_pids (trap stop_pids EXIT INT TERM).
pids=
stop_pids() {
	for p in $pids; do
		kill "$p" 2>/dev/null || true
	done
	wait 2>/dev/null || true
}

# A free loopback port, the kernel's choice.
free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# urlenc STRING: STRING for a query string.
urlenc() {
	python3 -c 'import sys, urllib.parse; print(urllib.parse.quote_plus(sys.argv[1]))' "$1"
}

# serve_port FILE...: the loopback port factsheet-serve printed into
# FILE..., waited for up to 10 s; exits 2 when none comes.
serve_port() {
	_port=
	_i=0
	while [ -z "$_port" ]; do
		_port=$(cat "$@" 2>/dev/null | grep -o '127\.0\.0\.1:[0-9][0-9]*' |
		    head -n 1 | cut -d: -f2) || true
		_i=$((_i + 1))
		[ "$_i" -lt 100 ] || { echo "$BENCH: factsheet-serve printed no port" >&2; exit 2; }
		[ -n "$_port" ] || sleep 0.1
	done
	echo "$_port"
}

# wait_http URL: up to 10 s for URL to answer (curl); exits 2 if not.
wait_http() {
	_i=0
	until curl -fs -o /dev/null "$1"; do
		_i=$((_i + 1))
		[ "$_i" -lt 100 ] || { echo "$BENCH: $1 did not answer" >&2; exit 2; }
		sleep 0.1
	done
}

# wrk_figures FILE: "req/s p50-ms p99-ms errors requests" of the wrk
# --latency report in FILE; errors are socket errors and non-2xx answers.
wrk_figures() {
	awk '
	function ms(v) {
		if (v ~ /us$/) return v / 1000
		if (v ~ /ms$/) return v + 0
		if (v ~ /m$/) return v * 60000
		if (v ~ /s$/) return v * 1000
		return v
	}
	/Requests\/sec:/ { rps = $2 }
	/^ +50%/ { p50 = ms($2) }
	/^ +99%/ { p99 = ms($2) }
	/requests in/ { reqs = $1 }
	/Socket errors:/ {
		gsub(/,/, "")
		errs += $4 + $6 + $8 + $10
	}
	/Non-2xx or 3xx responses:/ { errs += $5 }
	END { printf "%.1f %.2f %.2f %d %d\n", rps, p50, p99, errs, reqs }' "$1"
}
