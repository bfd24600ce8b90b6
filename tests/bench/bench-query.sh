#!/bin/sh
# bench-query.sh - factsheet-query against Xapian's own quest, whole
# process (start-up, open, parse, match, output), in strict pairs: each
# pair runs one tool's query ROUNDS times, then the other's, the order
# swapped from one pair to the next (A B B A ...), so that both see
# nearly the same machine.  Prints, for each query, the median of the
# per-pair ratios of wall time with its min, max and n, and the load
# average before and after.  A benchmark, not a test: it asserts nothing.
#
#   tests/bench/bench-query.sh [N [PAIRS [ROUNDS]]]
#
# Runs over N generated fact sheets (default 1000; the shared generator,
# $GEN or ../shared/bench/gen-factsheets.py,
# and its vocabulary, Debian postgresql-doc-15, must be there), indexed
# by factsheet-index and, when Debian xapian-omega is installed, by
# omindex.  Plain queries run in quest on factsheet's own database (quest
# stems as we do, and ORs the words).  Phrases and field words run in quest
# on omindex's database: quest's phrases need the unstemmed words, which
# our index leaves out, and omindex's field is the title (S); the issue's
# target compares them so.
set -eu

BENCH=bench-query
. "$(dirname "$0")/common.sh"
n=${1:-1000}
pairs=${2:-5}
rounds=${3:-10}
gen=${GEN:-$top/../shared/bench/gen-factsheets.py}

needs "xapian-tools" quest
built "$query"
[ -f "$gen" ] && [ -d /usr/share/doc/postgresql-doc-15 ] || {
	echo "$BENCH: needs $gen and postgresql-doc-15" >&2
	exit 2
}
mkdir -p "$out"
[ -d "$out/gen-$n" ] || python3 "$gen" "$n" "$out/gen-$n" >/dev/null
rm -rf "$out/gen-$n.db"
"$index" --db "$out/gen-$n.db" "$out/gen-$n" >/dev/null
ours_db="$out/gen-$n.db"
omega_db=
if command -v omindex >/dev/null; then
	rm -rf "$out/omega-$n.db"
	omindex --db "$out/omega-$n.db" --url / "$out/gen-$n" >/dev/null 2>&1
	omega_db="$out/omega-$n.db"
fi

# ms ROUNDS COMMAND...: milliseconds for ROUNDS runs of COMMAND.
ms() {
	r=$1
	shift
	start=$(date +%s%N)
	i=0
	while [ "$i" -lt "$r" ]; do
		"$@" >/dev/null 2>&1 || true
		i=$((i + 1))
	done
	echo $((($(date +%s%N) - start) / 1000000))
}

# pair CLASS OURS_QUERY QUEST_DB QUEST_QUERY: PAIRS pairs, A B B A.
pair() {
	class=$1 ours_q=$2 quest_db=$3 quest_q=$4
	: >"$out/ratios"
	: >"$out/ours-ms"
	p=1
	while [ "$p" -le "$pairs" ]; do
		if [ $((p % 2)) -eq 1 ]; then
			a=$(ms "$rounds" "$query" --db "$ours_db" --limit 10 \
			    -- "$ours_q")
			b=$(ms "$rounds" quest -d "$quest_db" -m 10 -f default,wildcard \
			    -p title:S -- "$quest_q")
		else
			b=$(ms "$rounds" quest -d "$quest_db" -m 10 -f default,wildcard \
			    -p title:S -- "$quest_q")
			a=$(ms "$rounds" "$query" --db "$ours_db" --limit 10 \
			    -- "$ours_q")
		fi
		echo "$a $b" | awk '{ printf "%.2f\n", $1 / ($2 ? $2 : 1) }' \
		    >>"$out/ratios"
		echo "$a $rounds" | awk '{ printf "%.1f\n", $1 / $2 }' \
		    >>"$out/ours-ms"
		p=$((p + 1))
	done
	printf '%s\t%s\t%s ms\t%s\n' "$class" "$ours_q" \
	    "$(sort -n "$out/ours-ms" | awk '{ v[NR] = $1 }
	    END { print v[int((NR + 1) / 2)] }')" "$(summary "$out/ratios")"
}

echo "bench-query: $n sheets, $pairs pairs of $rounds runs each," \
    "$(date -u '+%F %H:%M UTC'), load average $(load)"
printf 'class\tquery\tfactsheet-query per run\tratio to quest\n'
for q in "password expired" "PECOS website is slow" \
    "who do I call about my application" "enrollment contractor"; do
	pair plain "$q" "$ours_db" "$q"
done
if [ -n "$omega_db" ]; then
	pair phrase '"help desk" phone' "$omega_db" '"help desk" phone'
	pair phrase-common '"of the"' "$omega_db" '"of the"'
	pair field problem:enrollment "$omega_db" title:enrollment
	pair field-phrase 'solution:"the default"' "$omega_db" \
	    'title:"the default"'
	pair wildcard 'pass*' "$omega_db" 'pass*'
	pair boolean 'password AND NOT expired' "$omega_db" \
	    'password AND NOT expired'
else
	echo "$BENCH: omindex not installed (apt-get install xapian-omega):" \
	    "phrase and field queries left out" >&2
fi
echo "load average after: $(load)"
echo "database size (KiB): factsheet $(du -sk "$ours_db" | cut -f1)${omega_db:+, omindex $(du -sk "$omega_db" | cut -f1)}"
