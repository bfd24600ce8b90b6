#!/bin/sh
# crash.sh - kill -9 at random moments while the indexer replaces every
# publication of a tree, many times: after each kill the database must
# open and answer, each publication must be wholly old or wholly new, and
# the next run must finish the job.
. "${top_srcdir:-.}/tests/cli/setup.sh"

tree="$TMP/tree"
db="$TMP/crash.db"
mkdir -p "$tree"

# Thirty publications whose every section carries the version word.
make_tree() {
	i=1
	while [ $i -le 30 ]; do
		sed "s/^\(Problem: .*\)$/\1 $1/; s/^\(Solution: .*\)$/\1 $1/" \
		    "$CORPUS" >"$tree/sheet-$i.txt"
		i=$((i + 1))
	done
}

# The sources whose sections hold WORD, one a line, sorted, unique.
sources_with() {
	"$QUERY" --db "$db" --json --limit 1000 "$1" 2>/dev/null |
	    python3 -c 'import json, sys
d = json.load(sys.stdin)
for s in sorted({r["publication"]["source"] for r in d["results"]}):
    print(s)'
}

make_tree vone
run "$INDEX" --db "$db" "$tree"
t "the first version indexes" [ "$rc" = 0 ]

make_tree vtwo
kills=0
for delay in 0.01 0.02 0.03 0.05 0.08 0.1 0.12 0.15 0.2 0.25 \
    0.01 0.04 0.06 0.09 0.11 0.14 0.18 0.22 0.3 0.02; do
	"$INDEX" --db "$db" "$tree" >/dev/null 2>&1 &
	pid=$!
	sleep "$delay"
	kill -9 "$pid" 2>/dev/null && kills=$((kills + 1))
	wait "$pid" 2>/dev/null || :
	run "$QUERY" --db "$db" pecos
	t "after kill -9 at $delay s the database answers" [ "$rc" = 0 ]
	sources_with vone >"$TMP/old"
	sources_with vtwo >"$TMP/new"
	both=$(comm -12 "$TMP/old" "$TMP/new" | wc -l)
	t "after kill -9 at $delay s no publication is half old, half new" \
	    [ "$both" = 0 ]
done
t "some runs were killed mid-way ($kills of 20)" [ "$kills" -gt 0 ]

run "$INDEX" --db "$db" "$tree"
t "the next run finishes the job" [ "$rc" = 0 ]
t "every publication is new" [ "$(sources_with vtwo | wc -l)" = 30 ]
t "no publication is old" [ "$(sources_with vone | wc -l)" = 0 ]

# The spelling data is written beside the documents, in the lexicon,
# which commits a run's words at the run's last commit; until then each
# commit records its words: a run killed after its first commit (100
# files) leaves them to the next run, which adds them.
held="$TMP/held"
heldb="$TMP/held.db"
sheets_with_word "$held" 400 quixotically
corrected() {
	"$QUERY" --db "$heldb" --json quixoticaly 2>/dev/null |
	    python3 -c 'import json, sys; print(json.load(sys.stdin)["corrected"])'
}
if command -v xapian-metadata >/dev/null 2>&1; then
	"$INDEX" --db "$heldb" "$held" >/dev/null 2>&1 &
	pid=$!
	tries=0
	while [ $tries -lt 1200 ] && [ "$(held_records "$heldb")" = 0 ] &&
	    kill -0 "$pid" 2>/dev/null; do
		sleep 0.05
		tries=$((tries + 1))
	done
	kill -9 "$pid" 2>/dev/null || :
	wait "$pid" 2>/dev/null || :
	t "held: killed after a commit that recorded its words" \
		[ "$(held_records "$heldb")" -ge 1 ]
	t "held: no correction from them yet" [ "$(corrected)" = None ]
	run "$INDEX" --db "$heldb" "$held"
	t "held: the next run finishes" [ "$rc" = 0 ]
	t "held: it added them: a misspelling is corrected" \
		[ "$(corrected)" = quixotically ]
	t "held: no words left recorded" [ "$(held_records "$heldb")" = 0 ]
else
	skip "held spelling words after a kill" \
		"xapian-metadata not installed (xapian-tools)"
fi
done_testing
