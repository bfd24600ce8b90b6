#!/bin/sh
# output.sh - factsheet-query's output control: --color, COLUMNS when
# piped, --format=brief|path, whole options and URLs, highlights of the
# word alone, query errors, errors under --json, the database named.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/cli/setup.sh"

need_python

DB="$TMP/db"
run "$INDEX" --db "$DB" "$CORPUS"
ESC=$(printf '\033')

t "--color=always: escapes even into a pipe" \
	eval 'check_exit 0 "$QUERY" --db "$DB" --color=always password &&
	contains "$OUT" "$ESC[1;31m"'
t "--color=never: no escapes" \
	eval 'check_exit 0 "$QUERY" --db "$DB" --color=never password &&
	lacks "$OUT" "$ESC"'
t "--color=auto into a pipe: no escapes" \
	eval 'check_exit 0 "$QUERY" --db "$DB" --color=auto password &&
	lacks "$OUT" "$ESC"'
t "--color=bogus: exit 2, saying what is allowed" \
	eval 'check_exit 2 "$QUERY" --db "$DB" --color=bogus password &&
	contains "$ERR" "auto, always or never"'
t "a highlight covers the word, not the space after it" \
	eval 'check_exit 0 "$QUERY" --db "$DB" --color=always password expired &&
	! grep -q "$ESC\\[1;31m[^$ESC]* $ESC" "$OUT" ||
	{ echo "a highlighted run ends in a space:"; grep "$ESC\\[1;31m[^$ESC]* $ESC" "$OUT" | cat -v; false; }'

t "'EUSsupport@cgi.com': the address marked whole, not .com of the URL" \
	eval 'check_exit 0 "$QUERY" --db "$DB" --json EUSsupport@cgi.com &&
	contains "$OUT" "Email: <mark>EUSsupport@cgi.com</mark>" &&
	contains "$OUT" "https://eus.custhelp.com\\n"'

# Width: COLUMNS is honoured when piped.  widest: the widest line of
# $OUT in characters, leaving out lines with a word too long to break.
widest() {
	python3 -c 'import sys
print(max([len(l) for l in open(sys.argv[1], encoding="utf-8").read().split("\n")
    if max([len(w) for w in l.split()] or [0]) < 30] or [0]))' "$OUT"
}
t "COLUMNS=50 into a pipe: no line wider than 50" \
	eval 'run env COLUMNS=50 "$QUERY" --db "$DB" password expired &&
	w=$(widest) && { [ "$w" -le 50 ] || { echo "widest $w"; false; }; }'
t "COLUMNS=50 wraps narrower than the default 80" \
	eval 'run "$QUERY" --db "$DB" password expired && w80=$(widest) &&
	run env COLUMNS=50 "$QUERY" --db "$DB" password expired &&
	[ "$(widest)" -lt "$w80" ] && [ "$w80" -gt 60 ]'
t "no break inside a URL at any width" \
	eval '(for c in 30 45 60 75; do
		run env COLUMNS=$c "$QUERY" --db "$DB" eus support
		grep -q "https://eus.custhelp.com\$" "$OUT" ||
		    { echo "COLUMNS=$c:"; cat "$OUT"; exit 1; }
	done)'

# --format
t "--format=path: source#anchor, one a line" \
	eval 'check_exit 0 "$QUERY" --db "$DB" --format=path password expired &&
	has_line "$OUT" "corpus/pecos-technical-assistance-contacts.txt#accessing-the-pecos-system" ||
	has_line "$OUT" ".*pecos-technical-assistance-contacts.txt#accessing-the-pecos-system"'
t "--format=path: nothing but paths" \
	eval '! grep -v -E "^[^ ]+#[a-z0-9-]+\$" "$OUT"'
t "--format=brief: the heading and its contacts, not the text" \
	eval 'check_exit 0 "$QUERY" --db "$DB" --format=brief 866-484-8049 &&
	contains "$OUT" "1. [" && contains "$OUT" "Phone:" &&
	lacks "$OUT" "Solution:" && lacks "$OUT" "pecos-technical-assistance-contacts.txt:"'
t "--format=bogus: exit 2" check_exit 2 "$QUERY" --db "$DB" --format=bogus x

# Errors
t "a syntax error: exit 2" check_exit 2 "$QUERY" --db "$DB" 'password AND'
t "a syntax error says what is wrong with the query, not the database" \
	eval 'has_line "$ERR" "factsheet-query: bad query .password AND.: AND needs words on both sides" &&
	lacks "$ERR" "$DB"'
t "--json error: one line on stderr" \
	eval 'check_exit 2 "$QUERY" --db "$DB" --json "password AND" &&
	lines_are "$ERR" 1'
t "--json error: {\"error\": ...} on stdout, the same message" \
	python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
err = open(sys.argv[2]).read().strip()
if list(d) != ["error"] or not err.endswith(d["error"]):
    sys.exit("stdout %r, stderr %r" % (d, err))' "$OUT" "$ERR"
t "--json error for a database that is not there" \
	eval 'check_exit 2 "$QUERY" --db "$TMP/none" --json pecos &&
	python3 -c "import json, sys; assert \"error\" in json.load(open(sys.argv[1]))" "$OUT"'

# factsheet-index too: a run that ends before its summary prints its
# error as the one JSON object on stdout.
json_error_is() {	# the stdout and stderr of a failed --json run
	python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
err = open(sys.argv[2]).read().strip()
if list(d) != ["error"] or not err.endswith(d["error"]):
    sys.exit("stdout %r, stderr %r" % (d, err))' "$OUT" "$ERR"
}
mkdir "$TMP/notdb"
echo 'not an index' >"$TMP/notdb/notes.txt"
t "index --json, a folder that is not a database: exit 2, {\"error\": ...}" \
	eval 'check_exit 2 "$INDEX" --db "$TMP/notdb" --json "$CORPUS" &&
	json_error_is && lines_are "$ERR" 1'
t "index --json --list, no database there: {\"error\": ...}" \
	eval 'check_exit 2 "$INDEX" --db "$TMP/none" --json --list &&
	json_error_is'
t "index --json, a file that fails: the summary holds it, no other JSON" \
	eval 'check_exit 2 "$INDEX" --db "$TMP/json.db" --json "$TMP/gone.txt" &&
	python3 -c "import json, sys; d = json.load(open(sys.argv[1])); assert d[\"failed\"] == 1 and \"error\" not in d, d" "$OUT"'

# The database searched
t "--json names the database" \
	eval 'check_exit 0 "$QUERY" --db "$DB" --json pecos &&
	python3 -c "import json, sys; d = json.load(open(sys.argv[1])); assert d[\"database\"] == sys.argv[2], d[\"database\"]" "$OUT" "$DB"'
if command -v script >/dev/null 2>&1; then
	script -qec "\"$QUERY\" --db \"$DB\" --color=never pecos" /dev/null \
	    >"$TMP/tty" 2>&1 </dev/null || :
	t "on a terminal, a database not the bundled one is named" \
		contains "$TMP/tty" "Searched $DB"
else
	skip "on a terminal, the database is named" "script not found"
fi
t "into a pipe, the database is not named" \
	eval 'check_exit 0 "$QUERY" --db "$DB" pecos && lacks "$OUT" "Searched"'

# --help describes every option of the man page.
"$QUERY" --help >"$TMP/help"
t "--help describes every option" \
	eval '(for o in --db --json --explain --limit --offset --color --format \
	    --help --version; do contains "$TMP/help" "$o" || exit 1; done)'
"$INDEX" --help >"$TMP/ihelp"
t "factsheet-index --help describes every option" \
	eval '(for o in --db --json --thesaurus --dry-run --report --retry-failed \
	    --force --wait --exclude --remove --list --stats --sections --help \
	    --version; do contains "$TMP/ihelp" "$o" || exit 1; done)'

done_testing
