#!/bin/sh
# eval.sh - relevance evaluation of factsheet-query: runs every query of
# tests/eval/queries.tsv, finds the rank of the first result whose heading
# is the expected one, and scores top-1 accuracy and mean reciprocal rank
# (MRR, over the first 10 results; a miss counts 0), overall and per tag.
# A line may name, in an optional fourth column, the publication the
# expected section is in (its file's base name without the extension, e.g.
# "va-sign-in-faq"): then only a result of that publication with that
# heading counts, so that a heading found in several publications ("Contact
# us") is not ambiguous, and the report adds the scores per publication.
#
#   tests/eval/eval.sh [-v] [--report] [--db DB] [--queries FILE] [--floor FILE]
#
# By default it speaks TAP, for make check (automake's TAP driver):
#   ok 1 - top-1 accuracy P% >= floor F%
#   ok 2 - MRR M >= floor G
# with a "# " diagnostic for every miss and the per-tag scores, then "1..2".
# The floors come from tests/eval/floor ("top1 NN" and "mrr 0.NN").
# --report prints the human summary only (no TAP), for the README; -v adds
# a line for every miss to it.
#
# Each query runs as
#   $top_builddir/query/factsheet-query --json --limit 10 --db DB -- QUERY
# DB defaults to $top_builddir/corpus.db (built by make).  make check
# exports top_srcdir and top_builddir; by hand both default to the top of
# the tree this script is in.  Exit status 1 from factsheet-query (no
# results) is a miss; any other failure is a miss reported as a failed
# query.  The script itself exits 0 unless it cannot run at all (TAP:
# "Bail out!" and 99; --report: 2).
#
# POSIX sh, plus python3 to read the JSON.
set -eu

me=eval.sh
mode=tap
verbose=0
db=
queries=
floor=

usage() {
	echo "usage: $me [-v] [--report] [--db DB] [--queries FILE] [--floor FILE]"
}

while [ $# -gt 0 ]; do
	case $1 in
	-v|--verbose) verbose=1 ;;
	--report) mode=report ;;
	--db) [ $# -ge 2 ] || { usage >&2; exit 2; }; db=$2; shift ;;
	--db=*) db=${1#--db=} ;;
	--queries) [ $# -ge 2 ] || { usage >&2; exit 2; }; queries=$2; shift ;;
	--queries=*) queries=${1#--queries=} ;;
	--floor) [ $# -ge 2 ] || { usage >&2; exit 2; }; floor=$2; shift ;;
	--floor=*) floor=${1#--floor=} ;;
	-h|--help) usage; exit 0 ;;
	*) usage >&2; exit 2 ;;
	esac
	shift
done

if [ -z "${top_srcdir:-}" ]; then
	top_srcdir=$(cd "$(dirname "$0")/../.." && pwd)
fi
top_builddir=${top_builddir:-$top_srcdir}
QUERY="$top_builddir/query/factsheet-query"
db=${db:-"$top_builddir/corpus.db"}
queries=${queries:-"$top_srcdir/tests/eval/queries.tsv"}
floor=${floor:-"$top_srcdir/tests/eval/floor"}

# Cannot evaluate at all: a TAP "Bail out!" (make check reports an error),
# or a plain message.
fatal() {
	if [ "$mode" = tap ]; then
		echo "Bail out! $me: $*"
		exit 99
	fi
	echo "$me: $*" >&2
	exit 2
}

if ! command -v python3 >/dev/null 2>&1; then
	if [ "$mode" = tap ]; then
		echo "1..0 # SKIP python3 not found (needed to read JSON)"
		exit 0
	fi
	fatal "python3 not found (needed to read JSON)"
fi
[ -x "$QUERY" ] || fatal "$QUERY not found: build first (make)"
[ -d "$db" ] || fatal "database $db not found: build it first (make)"
[ -r "$queries" ] || fatal "cannot read $queries"
[ -r "$floor" ] || fatal "cannot read $floor"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/factsheet-eval.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

# Only --db may choose the database.
unset FACTSHEET_DB

# Run every query; the manifest has, per query, its number, the line it
# came from, factsheet-query's exit status and the line itself.  The query
# is the line up to its first tab; python3 checks the rest.
tab=$(printf '\t')
manifest="$TMP/manifest"
: >"$manifest"
n=0
lineno=0
while IFS= read -r line || [ -n "$line" ]; do
	lineno=$((lineno + 1))
	case $line in
	''|'#'*) continue ;;
	esac
	n=$((n + 1))
	q=${line%%"$tab"*}
	if "$QUERY" --json --limit 10 --db "$db" -- "$q" \
	    <"/dev/null" >"$TMP/$n.json" 2>"$TMP/$n.err"; then
		rc=0
	else
		rc=$?
	fi
	printf '%s\t%s\t%s\t%s\n' "$n" "$lineno" "$rc" "$line" >>"$manifest"
done <"$queries"
[ "$n" -gt 0 ] || fatal "no queries in $queries"

cat >"$TMP/score.py" <<'EOF'
import json
import sys
from decimal import Decimal, InvalidOperation
from fractions import Fraction

tmp, manifest, queries, floor_file, db, mode, verbose = sys.argv[1:8]
verbose = verbose == "1"
LIMIT = 10


class Fatal(Exception):
    pass


def read_floor(path):
    want = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            parts = line.split()
            if len(parts) != 2 or parts[0] not in ("top1", "mrr"):
                raise Fatal(f"{path}:{n}: expected 'top1 NN' or 'mrr 0.NN'")
            try:
                want[parts[0]] = Fraction(Decimal(parts[1]))
            except InvalidOperation:
                raise Fatal(f"{path}:{n}: not a number: {parts[1]}")
    for key in ("top1", "mrr"):
        if key not in want:
            raise Fatal(f"{path}: no '{key}' line")
    return want["top1"], want["mrr"]


# The publication a result comes from, as queries.tsv names it: the base
# name of its source file without the extension ("" when unknown).
def pub_name(result):
    try:
        source = result["publication"]["source"]
    except (KeyError, TypeError):
        return ""
    if not isinstance(source, str):
        return ""
    base = source.rstrip("/").rsplit("/", 1)[-1]
    return base.rsplit(".", 1)[0] if "." in base[1:] else base


def evaluate():
    rows = []
    seen = set()
    with open(manifest, encoding="utf-8", newline="\n") as f:
        for rec in f:
            num, lineno, rc, line = rec.rstrip("\n").split("\t", 3)
            fields = line.rstrip("\r").split("\t")
            if len(fields) not in (2, 3, 4) or not fields[0] or not fields[1]:
                raise Fatal(f"{queries}:{lineno}: expected "
                            "QUERY<TAB>HEADING[<TAB>TAGS[<TAB>PUBLICATION]]")
            query, expected = fields[0], fields[1]
            tags = [t.strip() for t in fields[2].split(",")] \
                if len(fields) >= 3 else []
            tags = [t for t in tags if t] or ["untagged"]
            pub = fields[3].strip() if len(fields) == 4 else ""
            rc = int(rc)
            row = {"query": query, "expected": expected, "tags": tags,
                   "pub": pub, "lineno": lineno, "rank": None, "got": None,
                   "got_pub": None, "error": None}
            results = []
            if rc in (0, 1):
                try:
                    with open(f"{tmp}/{num}.json", encoding="utf-8") as j:
                        results = json.load(j)["results"]
                except (OSError, ValueError, KeyError, TypeError) as e:
                    if rc == 0:
                        row["error"] = f"exit 0 but unreadable JSON ({e})"
                    results = []
            else:
                with open(f"{tmp}/{num}.err", encoding="utf-8",
                          errors="replace") as e:
                    err = " | ".join(l.strip() for l in e.read().splitlines()[:3])
                row["error"] = f"exit {rc}" + (f": {err}" if err else "")
            for i, r in enumerate(results[:LIMIT], 1):
                heading = r.get("heading") if isinstance(r, dict) else None
                source = pub_name(r)
                seen.add((heading, source))
                seen.add((heading, ""))
                if i == 1:
                    row["got"] = heading
                    row["got_pub"] = source
                if row["rank"] is None and heading == expected \
                        and (not pub or pub == source):
                    row["rank"] = i
            rows.append(row)
    return rows, seen


def score(rows):
    n = len(rows)
    hits = sum(1 for r in rows if r["rank"] == 1)
    mrr = sum((Fraction(1, r["rank"]) for r in rows if r["rank"]), Fraction(0))
    return n, hits, (mrr / n if n else Fraction(0))


# Values are shown truncated, never rounded up: a shown value is never
# above the true one, so "shown >= floor" agrees with the comparison.
def pct(hits, n):
    tenths = hits * 1000 // n if n else 0
    return f"{tenths // 10}.{tenths % 10}"


def dec3(x):
    m = int(x * 1000)
    return f"{m // 1000}.{m % 1000:03d}"


def floor_text(x):
    return str(Decimal(x.numerator) / Decimal(x.denominator)).rstrip("0").rstrip(".") \
        if x.denominator != 1 else str(x.numerator)


def miss_line(r):
    if r["error"]:
        got = f"query failed ({r['error']})"
    elif r["got"] is None:
        got = "(no results)"
    else:
        got = r["got"]
    if r["pub"] and r["got"] is not None and not r["error"]:
        got += f" [{r['got_pub']}]"
    where = f"rank {r['rank']}" if r["rank"] else f"not in top {LIMIT}"
    want = f"\"{r['expected']}\"" + (f" [{r['pub']}]" if r["pub"] else "")
    return (f"miss [{','.join(r['tags'])}] \"{r['query']}\": expected "
            f"{want} ({where}), got \"{got}\"")


def summary(rows):
    tags = []
    for r in rows:
        for t in r["tags"]:
            if t not in tags:
                tags.append(t)
    out = [f"{'category':<12} {'queries':>7}  {'top-1':<16} {'MRR':>5}"]
    for t in tags:
        n, hits, mrr = score([r for r in rows if t in r["tags"]])
        out.append(f"{t:<12} {n:>7}  {f'{hits}/{n} ({pct(hits, n)}%)':<16} {dec3(mrr):>5}")
    n, hits, mrr = score(rows)
    out.append(f"{'all':<12} {n:>7}  {f'{hits}/{n} ({pct(hits, n)}%)':<16} {dec3(mrr):>5}")
    pubs = []
    for r in rows:
        if r["pub"] and r["pub"] not in pubs:
            pubs.append(r["pub"])
    if pubs:
        width = max(len(p) for p in pubs + ["publication"])
        out.append("")
        out.append(f"{'publication':<{width}} {'queries':>7}  "
                   f"{'top-1':<16} {'MRR':>5}")
        for p in pubs:
            n, hits, mrr = score([r for r in rows if r["pub"] == p])
            score_text = f"{hits}/{n} ({pct(hits, n)}%)"
            out.append(f"{p:<{width}} {n:>7}  {score_text:<16} "
                       f"{dec3(mrr):>5}")
        n, hits, mrr = score(rows)
    out.append("")
    out.append(f"top-1 accuracy: {hits}/{n} ({pct(hits, n)}%)")
    out.append(f"MRR: {dec3(mrr)}")
    return out


def main():
    rows, seen = evaluate()
    top1_floor, mrr_floor = read_floor(floor_file)
    if all(r["error"] for r in rows):
        raise Fatal(f"every query failed, the first with {rows[0]['error']}")
    n, hits, mrr = score(rows)
    misses = [r for r in rows if r["rank"] != 1]
    failed = [r for r in rows if r["error"]]
    # A heading that no query ever returns is likely a typo in queries.tsv,
    # or a heading the reader lost (unless queries failed: then it proves
    # nothing).
    never = [] if failed else sorted({(r["expected"], r["pub"])
                                      for r in rows} - seen)
    notes = ["expected heading never returned by any query "
             f"(typo, or lost by the reader?): \"{h}\""
             + (f" [{p}]" if p else "") for h, p in never]
    top1_ok = Fraction(hits * 100, n) >= top1_floor
    mrr_ok = mrr >= mrr_floor
    floors = f"floor: top-1 {floor_text(top1_floor)}%, MRR {floor_text(mrr_floor)}"

    if mode == "report":
        print(f"factsheet relevance evaluation: {n} queries, "
              f"first {LIMIT} results, database {db}")
        print()
        if verbose and misses:
            for r in misses:
                print(miss_line(r))
            print()
        for r in failed:
            print(f"{queries}:{r['lineno']}: query \"{r['query']}\" failed: {r['error']}",
                  file=sys.stderr)
        for note in notes:
            print(note, file=sys.stderr)
        for line in summary(rows):
            print(line)
        print(floors + ("" if top1_ok and mrr_ok else " (NOT MET)"))
        return 0

    print(f"{'ok' if top1_ok else 'not ok'} 1 - top-1 accuracy "
          f"{pct(hits, n)}% >= floor {floor_text(top1_floor)}%")
    for r in misses:
        print("# " + miss_line(r))
    for r in failed:
        print(f"# {queries}:{r['lineno']}: query \"{r['query']}\" failed: {r['error']}")
    for note in notes:
        print("# " + note)
    print(f"{'ok' if mrr_ok else 'not ok'} 2 - MRR {dec3(mrr)} >= floor "
          f"{floor_text(mrr_floor)}")
    for line in summary(rows):
        print(("# " + line).rstrip())
    print("1..2")
    return 0


try:
    sys.exit(main())
except (Fatal, OSError) as e:
    if mode == "tap":
        print(f"Bail out! eval.sh: {e}")
        sys.exit(99)
    print(f"eval.sh: {e}", file=sys.stderr)
    sys.exit(2)
EOF

python3 "$TMP/score.py" "$TMP" "$manifest" "$queries" "$floor" "$db" \
    "$mode" "$verbose"
