#!/bin/sh
# bench-repeat.sh [PAIRS] - query time as one section's repetitions of a
# phrase double, 5,000 -> 10,000 -> 20,000 -> 40,000 (issue 20: the phrase
# check once grew with the square of them).  Each index holds the corpus
# and one section of N times "password expired."; each query runs
# against the 5,000 index (A) and the N index (B) in strict alternating
# pairs, A B B A ..., for a ratio the shared machine's drift does not
# swamp.  Prints, for the plain two-word query (which gets the automatic
# phrase lift), the quoted phrase and the one word (whose best hit is the
# long section itself, returned whole), the median of the per-pair ratios
# of CPU time (user + system) B / A, with min, max and n.  Speed is
# measured here, never asserted in a test.
set -eu
BENCH=bench-repeat
. "$(dirname "$0")/common.sh"
needs python3 python3
built "$index"
built "$query"

pairs=${1:-10}
dir="$out/repeat"
rm -rf "$dir"
mkdir -p "$dir"

for n in 5000 10000 20000 40000; do
	python3 -c '
import sys
n = int(sys.argv[2])
with open(sys.argv[1], "w") as f:
    f.write("# Repeated words\n\n" + "password expired. " * n + "\n")
' "$dir/repeat-$n.md" "$n"
	"$index" --db "$dir/db-$n" "$top/corpus" "$dir/repeat-$n.md" \
	    >/dev/null
done

# cpu DB QUERY: the CPU seconds (user + system, to the microsecond) of
# one query.  What this process's children cost before it is taken off:
# a "python3" that is a wrapper script (pyenv's shim) exec()s Python
# after running programs of its own, whose time the counts keep.
cpu() {
	python3 -c '
import resource, subprocess, sys
def spent():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime
before = spent()
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)
print("%.6f" % (spent() - before))
' "$query" --db "$1" --json --limit 10 "$2"
}

# ratio A B: B / A, "inf" when A took no measurable time.
ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN {
	    if (a > 0) printf "%.3f\n", b / a; else print "inf" }'
}

echo "# $(date -u +%Y-%m-%d), load $(load), $pairs pairs a cell"
printf '%-22s %s\n' "query" "repetitions: CPU time against 5,000 (median, min, max, n)"
for q in 'password expired' '"password expired"' password; do
	for n in 10000 20000 40000; do
		: >"$dir/ratios"
		i=0
		while [ $i -lt "$pairs" ]; do
			if [ $((i % 2)) -eq 0 ]; then
				a=$(cpu "$dir/db-5000" "$q")
				b=$(cpu "$dir/db-$n" "$q")
			else
				b=$(cpu "$dir/db-$n" "$q")
				a=$(cpu "$dir/db-5000" "$q")
			fi
			ratio "$a" "$b" >>"$dir/ratios"
			i=$((i + 1))
		done
		grep -v inf "$dir/ratios" >"$dir/ratios.ok" || :
		printf '%-22s %6s: %s\n' "$q" "$n" "$(summary "$dir/ratios.ok")"
	done
done
echo "# seconds of one query at 40,000 (one run each):" \
    "plain $(cpu "$dir/db-40000" 'password expired')," \
    "phrase $(cpu "$dir/db-40000" '"password expired"')"
