#!/bin/sh
# bench-pair.sh - factsheet-index against one peer, Recoll's recollindex
# (the default) or Xapian's omindex, in strict pairs: each pair indexes
# TREE into fresh databases with the one right after the other, the
# order swapped from one pair to the next, `sync` before each run.  A
# shared machine's speed drifts from one minute to the next; the two runs
# of a pair see nearly the same machine, where runs minutes apart
# (bench-index.sh) may not.  Prints each pair's wall times and CPU times
# (user + system) and their ratio, then the median ratio with its min,
# max and n, both databases' sizes and the load average.  A benchmark,
# not a test: it asserts nothing.
#
#   tests/bench/bench-pair.sh TREE [PAIRS [PEER]]
#	(PAIRS: default 6; PEER: recollindex, the default, or omindex)
set -eu

BENCH=bench-pair
. "$(dirname "$0")/common.sh"
usage() {
	echo "usage: bench-pair.sh TREE [PAIRS [recollindex|omindex]]" >&2
	exit 2
}
[ $# -ge 1 ] || usage
tree=$(cd "$1" && pwd)
pairs=${2:-6}
peer=${3:-recollindex}

case $peer in
recollindex)
	needs "time recollcmd" /usr/bin/time recollindex
	mkdir -p "$out/recoll-pair"
	printf 'topdirs = %s\n' "$tree" >"$out/recoll-pair/recoll.conf"
	;;
omindex)
	needs "time xapian-omega" /usr/bin/time omindex
	;;
*)
	usage
	;;
esac
built "$index"

# Each runs one indexer into a fresh database, its figures (timed) in
# $out/time.ours or $out/time.theirs; a failed run ends the benchmark.
ours() {
	rm -rf "$out/pair.db"
	timed "$out/time.ours" "$index" --db "$out/pair.db" "$tree" ||
	    failed factsheet-index
}
theirs() {
	if [ "$peer" = omindex ]; then
		rm -rf "$out/omega-pair.db"
		timed "$out/time.theirs" omindex --db "$out/omega-pair.db" \
		    --url / "$tree" || failed omindex
		return
	fi
	rm -rf "$out/recoll-pair/xapiandb" "$out/recoll-pair/idxstatus.txt"
	timed "$out/time.theirs" recollindex -c "$out/recoll-pair" -z ||
	    failed recollindex
}
failed() {
	echo "$BENCH: $1 failed on $tree (status $status)" >&2
	exit 2
}
# "wall cpu" from timed's figures.
figures() {
	awk '{ printf "%.2f %.2f", $1, $3 + $4 }' "$1"
}

load_start=$(load)
echo "pair  factsheet-index (wall, cpu)  $peer (wall, cpu)  ratio"
i=1
: >"$out/ratios"
while [ "$i" -le "$pairs" ]; do
	if [ $((i % 2)) -eq 1 ]; then
		ours
		theirs
	else
		theirs
		ours
	fi
	set -- $(figures "$out/time.ours") $(figures "$out/time.theirs")
	ratio=$(echo "$1 $3" | awk '{ printf "%.2f", $1 / $2 }')
	echo "$ratio" >>"$out/ratios"
	echo "$i  $1 s, $2 s  $3 s, $4 s  $ratio"
	i=$((i + 1))
done
echo "ratio (factsheet-index / $peer, wall): $(summary "$out/ratios")"
if [ "$peer" = omindex ]; then
	theirs_db="$out/omega-pair.db"
else
	theirs_db="$out/recoll-pair/xapiandb"
fi
echo "database size (KiB): factsheet $(du -sk "$out/pair.db" | cut -f1)," \
    "$peer $(du -sk "$theirs_db" | cut -f1)"
echo "load average: $load_start before, $(load) after; $(date -u +%F)"
