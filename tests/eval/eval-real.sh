#!/bin/sh
# eval-real.sh - the relevance evaluation on real public-sector help
# publications: tests/eval/eval.sh over tests/eval/real/queries.tsv, on the
# index make check builds of tests/eval/real/pubs
# ($top_builddir/tests/eval/real.db), against tests/eval/real/floor.
#
#   tests/eval/eval-real.sh [-v] [--report]
#
# Speaks TAP like eval.sh; --report prints the summary with the scores per
# tag and per publication, -v a line for every miss.  See
# tests/eval/real/SOURCES for the publications.
set -eu

if [ -z "${top_srcdir:-}" ]; then
	top_srcdir=$(cd "$(dirname "$0")/../.." && pwd)
fi
top_builddir=${top_builddir:-$top_srcdir}
export top_srcdir top_builddir

exec "$top_srcdir/tests/eval/eval.sh" \
    --db "$top_builddir/tests/eval/real.db" \
    --queries "$top_srcdir/tests/eval/real/queries.tsv" \
    --floor "$top_srcdir/tests/eval/real/floor" "$@"
