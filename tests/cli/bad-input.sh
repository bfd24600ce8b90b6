#!/bin/sh
# bad-input.sh - every bad file, database, query or argument ends in exit
# status 2 with a message on stderr that names the culprit, and the index
# already built keeps answering the same after each one.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/cli/setup.sh"

DB="$TMP/db"

# The last command wrote exactly one line to stderr, and it holds $1.
one_line_naming() {
	lines_are "$ERR" 1 && contains "$ERR" "$1"
}

t "index the corpus" index_corpus "$DB"
TOTAL=$(pecos_total)
t "the index answers 'pecos' (--json total $TOTAL)" \
	eval '[ -n "$TOTAL" ] && [ "$TOTAL" -gt 0 ]'

# Bad files -----------------------------------------------------------------

# bad_file DESC FILE [TEXT...]: indexing FILE alone fails with exit 2 and
# one line on stderr naming FILE and holding each TEXT; the index is
# untouched.
bad_file() {
	_bf_desc=$1
	_bf_file=$2
	shift 2
	t "$_bf_desc: exit 2" check_exit 2 "$INDEX" --db "$DB" "$_bf_file"
	t "$_bf_desc: one line on stderr naming the file" one_line_naming "$_bf_file"
	for _bf_text in "$@"; do
		t "$_bf_desc: the message says '$_bf_text'" icontains "$ERR" "$_bf_text"
	done
	t "$_bf_desc: the index still answers the same" still_answers
}

bad_file "missing file" "$TMP/no-such-file.txt"

# A directory is no longer a bad FILE: it is walked, nested folders too.
mkdir -p "$TMP/a-directory/nested"
cat >"$TMP/a-directory/nested/wombat.txt" <<'EOF'
Wombat Gate Help Sheet

Problem: Cannot Open the Wombatgate

The wombatgate stays closed all day.

Solution: Contact the Wombat Help Desk

Phone: 1-800-555-0142
EOF
t "a directory as FILE: exit 0" \
	check_exit 0 "$INDEX" --db "$DB" "$TMP/a-directory"
t "a directory as FILE: nothing on stderr" lines_are "$ERR" 0
t "a directory as FILE: the file in its nested folder is indexed" \
	contains "$OUT" "Indexed 1 publication"
t "a directory as FILE: searchable afterwards" \
	eval 'check_exit 0 "$QUERY" --db "$DB" wombatgate &&
	first_hit_is "Cannot Open the Wombatgate"'
t "a directory as FILE: the index still answers the same" still_answers

# An empty file is a warning: a publication with nothing in it yet.
: >"$TMP/empty.txt"
t "empty file: exit 0" check_exit 0 "$INDEX" --db "$DB" "$TMP/empty.txt"
t "empty file: one warning naming it" \
	eval 'has_line "$ERR" "factsheet-index: warning: $TMP/empty.txt: empty file: no sections" &&
	lines_are "$ERR" 1'
t "empty file: the index still answers the same" still_answers
printf '   \n\t\n  \r\n\n' >"$TMP/blank.txt"
t "whitespace-only file: exit 0, a warning that it is empty" \
	eval 'check_exit 0 "$INDEX" --db "$DB" "$TMP/blank.txt" &&
	contains "$ERR" "warning: $TMP/blank.txt: empty file (only white space)"'

printf 'ab\0cd\n' >"$TMP/binary.dat"
bad_file "binary file" "$TMP/binary.dat" "binary"

# Latin-1 text: "Medicare\n" then "caf\xe9 r\xe9sum\xe9": converted.
printf 'Medicare Help\n\ncaf\351 r\351sum\351 wombatlatin\n' >"$TMP/latin1.txt"
t "Latin-1 text: exit 0" check_exit 0 "$INDEX" --db "$DB" "$TMP/latin1.txt"
t "Latin-1 text: a warning names the file and the encoding" \
	contains "$ERR" "$TMP/latin1.txt: not UTF-8; read as Windows-1252"
t "Latin-1 text: its words are searchable as UTF-8" \
	eval 'check_exit 0 "$QUERY" --db "$DB" --json wombatlatin &&
	contains "$OUT" "café résumé"'
# Windows-1252 text: curly quotes (0x93, 0x94) and a euro sign (0x80).
printf 'Medicare Help\n\n\223quoted\224 \200 5 wombateuro\n' >"$TMP/cp1252.txt"
t "Windows-1252 text: converted, curly quotes and euro kept" \
	eval 'check_exit 0 "$INDEX" --db "$DB" "$TMP/cp1252.txt" &&
	check_exit 0 "$QUERY" --db "$DB" --json wombateuro &&
	contains "$OUT" "“quoted” € 5"'
# 0x81 is in neither UTF-8 nor Windows-1252.
printf 'Medicare\ncaf\201 r\351sum\351\n' >"$TMP/latin1.txt"
bad_file "invalid UTF-8" "$TMP/latin1.txt" "UTF-8" "line" "byte"

# Plain prose: indexed anyway, with a warning -------------------------------

cat >"$TMP/prose.txt" <<'EOF'
Some notes on zebrafinch migration, written as ordinary prose with no
headings, no problems, no solutions and no table of resources.

A second paragraph follows, just as plain, about the weather in the
valley where the birds spend the winter.
EOF
t "unstructured prose: exit 0" \
	check_exit 0 "$INDEX" --db "$DB" "$TMP/prose.txt"
t "unstructured prose: a 'warning:' on stderr" contains "$ERR" "warning:"
t "unstructured prose: the warning names the file" \
	contains "$ERR" "$TMP/prose.txt"
t "unstructured prose: the summary counts it" \
	contains "$OUT" "Indexed 1 publication"
t "unstructured prose: searchable afterwards" \
	check_exit 0 "$QUERY" --db "$DB" zebrafinch
t "unstructured prose: the index still answers 'pecos' the same" \
	still_answers

# A good file among bad ones ------------------------------------------------

cat >"$TMP/good.txt" <<'EOF'
Quokka Portal Help Sheet

Problem: Cannot Reach the Quokkaportal

The quokkaportal shows a blank page after you sign in.

Solution: Contact the Quokka Help Desk

Phone: 1-800-555-0199
EOF
t "a good file between bad ones: exit 2" \
	check_exit 2 "$INDEX" --db "$DB" "$TMP/no-such-file.txt" \
	"$TMP/good.txt" "$TMP/binary.dat"
t "a good file between bad ones: the missing file is named" \
	contains "$ERR" "$TMP/no-such-file.txt"
t "a good file between bad ones: the binary file is named" \
	contains "$ERR" "$TMP/binary.dat"
t "a good file between bad ones: the good file is not complained about" \
	lacks "$ERR" "$TMP/good.txt"
t "a good file between bad ones: the good one is indexed" \
	eval 'check_exit 0 "$QUERY" --db "$DB" quokkaportal &&
	first_hit_is "Cannot Reach the Quokkaportal"'
t "a good file between bad ones: the index still answers 'pecos' the same" \
	still_answers

# Bad databases -------------------------------------------------------------

: >"$TMP/afile"
t "--db under a regular file: exit 2" \
	check_exit 2 "$INDEX" --db "$TMP/afile/db" "$CORPUS"
t "--db under a regular file: one line on stderr naming the path" \
	one_line_naming "$TMP/afile/db"
t "--db under a regular file: the file is left alone" \
	eval '[ -f "$TMP/afile" ] && [ ! -s "$TMP/afile" ]'

t "--db '': exit 2" check_exit 2 "$INDEX" --db "" "$CORPUS"
t "--db '': the message names --db" contains "$ERR" "--db"

t "query --db in a missing directory: exit 2" \
	check_exit 2 "$QUERY" --db "$TMP/no-such-dir/db" pecos
t "query --db in a missing directory: 'no database'" \
	contains "$ERR" "no database"
t "query --db in a missing directory: one line on stderr naming the path" \
	one_line_naming "$TMP/no-such-dir/db"
t "query --db in a missing directory: nothing is created" \
	eval '[ ! -e "$TMP/no-such-dir" ]'

t "query --db naming a regular file: exit 2" \
	check_exit 2 "$QUERY" --db "$TMP/afile" pecos
t "query --db naming a regular file: one line on stderr naming it" \
	one_line_naming "$TMP/afile"

# A database another indexer has open (see hold_lock in setup.sh).
hold_lock "$DB"
until_locked --db "$DB" "$CORPUS"
if [ "$locked" = yes ]; then
	t "database locked by another indexer: exit 2" eval '[ "$rc" -eq 2 ]'
	t "database locked by another indexer: 'locked'" icontains "$ERR" locked
	t "database locked by another indexer: one line on stderr naming it" \
		one_line_naming "$DB"
	t "database locked by another indexer: queries still answer" \
		still_answers
elif kill -0 "$holder" 2>/dev/null; then
	t "database locked by another indexer: exit 2 with 'locked'" \
		eval 'echo "a second indexer was not refused while another had the database open"; false'
else
	skip "database locked by another indexer" \
		"could not keep an indexer blocked with the database open"
fi
release_lock
t "the lock is released when the other indexer ends" \
	check_exit 0 "$INDEX" --db "$DB" "$CORPUS"
t "after the lock: the index still answers 'pecos' the same" still_answers

# Damaged databases: copies of the good one with tables overwritten by
# random bytes, or truncated to nothing.
cp -R "$DB" "$TMP/garbled.db"
head -c 4096 /dev/urandom >"$TMP/garbled.db/postlist.glass"
head -c 4096 /dev/urandom >"$TMP/garbled.db/termlist.glass"
t "tables overwritten with random bytes: query exit 2" \
	check_exit 2 "$QUERY" --db "$TMP/garbled.db" pecos
t "tables overwritten with random bytes: the message says 'corrupt'" \
	icontains "$ERR" "corrupt"
t "tables overwritten with random bytes: one line on stderr naming the database" \
	one_line_naming "$TMP/garbled.db"

cp -R "$DB" "$TMP/truncated.db"
: >"$TMP/truncated.db/postlist.glass"
: >"$TMP/truncated.db/termlist.glass"
t "tables truncated: query exit 2" \
	check_exit 2 "$QUERY" --db "$TMP/truncated.db" pecos
t "tables truncated: the message says 'corrupt'" icontains "$ERR" "corrupt"
t "tables truncated: one line on stderr naming the database" \
	one_line_naming "$TMP/truncated.db"

cp -R "$DB" "$TMP/version.db"
head -c 112 /dev/urandom >"$TMP/version.db/iamglass"
t "version file overwritten: query exit 2" \
	check_exit 2 "$QUERY" --db "$TMP/version.db" pecos
t "version file overwritten: the message says 'corrupt'" \
	icontains "$ERR" "corrupt"
t "version file overwritten: factsheet-index exit 2 too" \
	check_exit 2 "$INDEX" --db "$TMP/version.db" "$CORPUS"
t "damaged copies: the original still answers the same" still_answers

# Bad queries and arguments ----------------------------------------------------

t "empty query '': exit 2" check_exit 2 "$QUERY" --db "$DB" ""
t "empty query '': one line on stderr about the query" \
	one_line_naming "query"
t "blank query '   ': exit 2" check_exit 2 "$QUERY" --db "$DB" "   "
t "blank query '   ': one line on stderr about the query" \
	one_line_naming "query"

long_query=$(printf '%10000s' '' | tr ' ' q)
t "10,000-character query: exit 2" \
	check_exit 2 "$QUERY" --db "$DB" "$long_query"
t "10,000-character query: one line on stderr, 'too long'" \
	one_line_naming "too long"

t "no query words: exit 2" check_exit 2 "$QUERY" --db "$DB"
t "no query words: says so" contains "$ERR" "no query"
t "no query words, only options: exit 2" \
	check_exit 2 "$QUERY" --db "$DB" --json --limit 3

t "indexer without files: exit 2" check_exit 2 "$INDEX" --db "$DB"
t "indexer without files: says so" contains "$ERR" "no files"
t "indexer without files: the index still answers the same" still_answers

t "factsheet-index --bogus: exit 2" \
	check_exit 2 "$INDEX" --bogus --db "$DB" "$CORPUS"
t "factsheet-index --bogus: the message names it" contains "$ERR" "--bogus"
t "factsheet-index --bogus: nothing indexed, index unchanged" still_answers
t "factsheet-query --bogus: exit 2" \
	check_exit 2 "$QUERY" --bogus --db "$DB" pecos
t "factsheet-query --bogus: the message names it" contains "$ERR" "--bogus"
t "factsheet-query --bogus: nothing on stdout" lines_are "$OUT" 0

done_testing
