#!/bin/sh
# bench-sections.sh [RUNS [MEGABYTES]] - peak memory (max RSS) and time
# of indexing one generated text of MEGABYTES (default 60) of Problem
# blocks with two unique numbers each (issue 20: "a 60 MB text indexes
# in under 500 MB").  Past the 50,000-section cap the rest of the file is
# the last section, so the file holds one section of some 50 MB and
# 330,000 distinct words.  The file is generated under the scratch
# directory, never committed.  Prints each run's max RSS (MB) and seconds,
# then min-max and n.  Speed and memory are measured here, never asserted
# in a test.
set -eu
BENCH=bench-sections
. "$(dirname "$0")/common.sh"
needs python3 python3
needs time /usr/bin/time
built "$index"

runs=${1:-3}
mb=${2:-60}
dir="$out/sections"
rm -rf "$dir"
mkdir -p "$dir"

python3 -c '
import sys
size = int(sys.argv[2]) * 1000000
with open(sys.argv[1], "w") as f:
    f.write("Many problems\n\n")
    i = 0
    while f.tell() < size:
        f.write("Problem: the claim %d was rejected by the online portal\n"
                "Solution: call the help desk and give them the reference "
                "number %d, then wait for an answer.\n\n"
                % (i, 1000000000 + 7 * i))
        i += 1
    f.write("Problem: the very last claim\nSolution: ask the zeppelin desk.\n")
    print("# %d Problem blocks, %d bytes" % (i + 1, f.tell()))
' "$dir/problems.txt" "$mb"

echo "# $(date -u '+%Y-%m-%d %H:%M') UTC, load $(load), $runs runs"
: >"$dir/rss"
: >"$dir/secs"
i=0
while [ $i -lt "$runs" ]; do
	rm -rf "$dir/db"
	timed "$dir/run" "$index" --db "$dir/db" "$dir/problems.txt" || {
		echo "$BENCH: factsheet-index failed (exit $status)" >&2
		exit 2
	}
	read -r secs kb user sys <"$dir/run"
	echo "run $((i + 1)): $((kb / 1024)) MB max RSS, $secs s" \
	    "(user $user, system $sys)"
	echo $((kb / 1024)) >>"$dir/rss"
	echo "$secs" >>"$dir/secs"
	i=$((i + 1))
done
# The last words of the file are found: nothing was left out.
"$query" --db "$dir/db" --format=path zeppelin >/dev/null ||
    echo "$BENCH: the file's last words are not found" >&2
echo "# load $(load) after"
printf 'max RSS (MB): min %s, max %s, n %s\n' "$(sort -n "$dir/rss" | head -1)" \
    "$(sort -n "$dir/rss" | tail -1)" "$runs"
printf 'seconds: min %s, max %s, n %s\n' "$(sort -n "$dir/secs" | head -1)" \
    "$(sort -n "$dir/secs" | tail -1)" "$runs"
