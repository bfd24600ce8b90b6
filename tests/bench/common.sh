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
