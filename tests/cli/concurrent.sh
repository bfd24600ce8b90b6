#!/bin/sh
# concurrent.sh - queries keep working while the indexer commits: in the
# background the indexer rewrites every publication of a tree, run after
# run, committing every hundred files; in the foreground factsheet-query
# answers question after question, as text and as JSON, with --limit,
# --offset and --explain.  Every answer must be whole and right, however
# the commits fall.  Nothing here is timed: the queries go on as long as
# the indexer runs.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/cli/setup.sh"

need_python

tree="$TMP/tree"
db="$TMP/db"
answers="$TMP/answers"
failures="$TMP/failures"
mkdir -p "$tree" "$answers"
: >"$failures"

# Publications in the tree: three commits a run.
N=250
# Runs of the indexer while the queries go on.
RUNS=2
# Kinds of query asked in turn: each is asked once at least.
KINDS=7
# Queries at most: only a guard against an indexer that never ends.
QUERIES_MAX=5000

# make_tree RUN: N publications, the corpus's introduction and first two
# problems, each with its own phone number (1-866-555-NNNN for sheet
# NNNN) and, in every NOTE, a mark of run RUN, so each run changes every
# publication.
make_tree() {
	awk -v n="$N" -v run="$1" -v dir="$tree" '
	/^Problem: / && ++problems > 2 { exit }
	{ lines[++count] = $0 }
	END {
		for (i = 1; i <= n; i++) {
			f = sprintf("%s/sheet-%04d.txt", dir, i)
			for (j = 1; j <= count; j++) {
				l = lines[j]
				sub(/1-866-484-8049/, sprintf("1-866-555-%04d", i), l)
				if (l ~ /^NOTE: /)
					l = l " Revision r" run "x" i "."
				print l >f
			}
			close(f)
		}
	}' "$CORPUS"
}

make_tree 1
run "$INDEX" --db "$db" --json "$tree"
t "the first run indexes the tree (exit 0)" [ "$rc" = 0 ]
t "the first run: all $N publications new" has_line "$OUT" "  \"new\": $N,"

# The indexer, RUNS times over a tree changed each time.  It says "done.K"
# when its Kth run has ended well, and keeps each run's summary.
(
	k=0
	while [ "$k" -lt "$RUNS" ]; do
		k=$((k + 1))
		make_tree "$((k + 1))"
		if "$INDEX" --db "$db" --json "$tree" >"$TMP/index.$k" \
		    2>"$TMP/index-err.$k"; then
			: >"$TMP/done.$k"
		else
			echo "indexer run $k: exit $?" >>"$TMP/index-failures"
		fi
	done
) &
indexer=$!
BACKGROUND=$indexer

# fail WHY: one more failed query, with the command, status and stderr.
fail() {
	{
		echo "query $q ($last_cmd): $1 (exit $rc)"
		head -n 3 "$ERR"
	} >>"$failures"
}

# ask KIND OPTION... WORDS: runs one query.  Human answers are checked
# here, their first line (a "1. [NN%] Heading" at the rank expected);
# JSON answers are kept as answers/Q.KIND, checked by check.py at the end.
ask() {
	_kind=$1
	shift
	run "$QUERY" --db "$db" "$@"
	if [ "$rc" -ne 0 ]; then
		fail "no answer"
		return
	fi
	if [ -s "$ERR" ]; then
		fail "something on stderr"
		return
	fi
	_first=
	read -r _first <"$OUT" || :
	case $_kind:$_first in
	password:"1. ["*"%] Accessing the PECOS System") ;;
	offset:"5. ["*"%] "?*) ;;
	phone:"1. ["*"%] Navigating/Accessing PECOS Website") ;;
	password:* | offset:* | phone:*)
		fail "first line: $_first" ;;
	*)
		cp "$OUT" "$answers/$q.$_kind" ;;
	esac
}

# Queries go on as long as the indexer runs.
q=0
while [ "$q" -lt "$QUERIES_MAX" ]; do
	if [ "$q" -ge "$KINDS" ] && ! kill -0 "$indexer" 2>/dev/null; then
		break
	fi
	q=$((q + 1))
	case $((q % KINDS)) in
	0) ask password password expired ;;
	1) ask page --json --limit 20 --offset 10 pecos help desk ;;
	2) ask explain --json --explain --limit 150 --offset 3 password expired ;;
	3) ask offset --limit 3 --offset 4 password expired ;;
	4) ask corrected --json --limit 10 pasword expird ;;
	5) ask wildcard --json --limit 10 'passw*' ;;
	6) ask phone '(866) 555-0042' ;;
	esac
done
wait "$indexer" || :
BACKGROUND=

# What the indexer did while the queries ran.
runs=0
while [ -e "$TMP/done.$((runs + 1))" ]; do
	runs=$((runs + 1))
done
t "the indexer ran $RUNS times while $q queries ran ($runs)" \
	[ "$runs" -eq "$RUNS" ]
t "no run of the indexer failed" \
	eval '[ ! -e "$TMP/index-failures" ] || cat "$TMP/index-failures"
	[ ! -e "$TMP/index-failures" ]'

cat >"$TMP/check.py" <<'EOF'
import glob
import json
import os
import re
import sys

n = int(sys.argv[1])
tree, answers, runs = sys.argv[2], sys.argv[3], sys.argv[4:]
bad = []
seen = set()


def check(kind, d):
    results = d["results"]
    for r in results:
        seen.update(re.findall(r"Revision r(\d+)x", r["text"]))
    ranks = [r["rank"] for r in results]
    if kind == "page":
        assert ranks == list(range(11, 31)), ranks
        assert d["total"] >= 30, d["total"]
    elif kind == "explain":
        assert ranks == list(range(4, 154)), ranks
        for r in results:
            assert r["heading"] == "Accessing the PECOS System", r["heading"]
            assert r["explain"], "no explanation for rank %d" % r["rank"]
    elif kind == "corrected":
        assert d["corrected"] == "password expired", d["corrected"]
        assert len(results) == 10, len(results)
    elif kind == "wildcard":
        assert len(results) == 10, len(results)
    for r in results:
        source = r["publication"]["source"]
        assert source.startswith(tree + "/sheet-"), source


for path in sorted(glob.glob(os.path.join(answers, "*.*"))):
    kind = path.rsplit(".", 1)[1]
    try:
        with open(path, encoding="utf-8") as f:
            check(kind, json.load(f))
    except Exception as e:
        bad.append("%s: %s: %s" % (os.path.basename(path),
                                   type(e).__name__, e))
# Each run of the indexer replaced every publication.
for path in runs:
    with open(path, encoding="utf-8") as f:
        d = json.load(f)
    if d["changed"] != n:
        bad.append("%s: %d changed, not %d" % (os.path.basename(path),
                                              d["changed"], n))
for line in bad[:20]:
    print(line)
print("answers %d, bad %d, runs seen %d" % (
    len(glob.glob(os.path.join(answers, "*.*"))), len(bad), len(seen)))
sys.exit(1 if bad else 0)
EOF

set --
k=1
while [ "$k" -le "$runs" ]; do
	set -- "$@" "$TMP/index.$k"
	k=$((k + 1))
done
run python3 "$TMP/check.py" "$N" "$tree" "$answers" "$@"
t "every JSON answer parses and is right; every run changed all $N" \
	eval '[ "$rc" = 0 ] || cat "$OUT" "$ERR"; [ "$rc" = 0 ]'
seen=$(sed -n 's/.*runs seen \([0-9]*\)$/\1/p' "$OUT")
t "the answers came from more than one run of the indexer (${seen:-0})" \
	[ "${seen:-0}" -ge 2 ]
t "no query of $q failed ($(wc -l <"$failures" | tr -d ' ') lines)" \
	eval '[ ! -s "$failures" ] || head -n 40 "$failures"
	[ ! -s "$failures" ]'

done_testing
