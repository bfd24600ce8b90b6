#!/bin/sh
# valgrind.sh - the indexer's two threads under valgrind: helgrind finds no
# data race between the thread that prepares documents and the one that
# writes them (Xapian's reference counts are not atomic, so a document
# must change hands whole), and memcheck finds no error and no leak, for a
# folder of publications in more than one format.  Skipped without
# valgrind, and in a sanitizer build, which valgrind cannot run.
. "${top_srcdir:-.}/tests/cli/setup.sh"

if ! command -v valgrind >/dev/null 2>&1; then
	echo "1..0 # SKIP valgrind not found"
	exit 0
fi
if grep -q __asan_init "$INDEX"; then
	echo "1..0 # SKIP a sanitizer build"
	exit 0
fi

# Twelve publications: enough that the second thread prepares several
# ahead of the one being written, each of several documents.
tree="$TMP/tree"
sheets_with_word "$tree" 10 zorblax
cp "$top_srcdir/tests/fixtures/npi-faq.html" \
    "$top_srcdir/tests/fixtures/pecos-guide.md" "$tree/"

run valgrind --tool=helgrind -q --error-exitcode=99 \
    "$INDEX" --db "$TMP/helgrind.db" "$tree"
t "helgrind: the indexer exits 0" [ "$rc" = 0 ]
t "helgrind: no data race reported" lacks "$ERR" "Possible data race"
t "helgrind: no lock order violated" lacks "$ERR" "lock order"

run valgrind --leak-check=full --errors-for-leak-kinds=definite,indirect \
    -q --error-exitcode=99 "$INDEX" --db "$TMP/memcheck.db" "$tree"
t "memcheck: the indexer exits 0, no error or leak" [ "$rc" = 0 ]
run valgrind --leak-check=full --errors-for-leak-kinds=definite,indirect \
    -q --error-exitcode=99 "$QUERY" --db "$TMP/memcheck.db" --explain \
    'zorblax OR solution:"reset password"'
t "memcheck: a query exits 0, no error or leak" [ "$rc" = 0 ]
t "memcheck: the query found the word" contains "$OUT" "zorblax"

done_testing
