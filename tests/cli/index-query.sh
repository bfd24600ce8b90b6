#!/bin/sh
# index-query.sh - index the bundled corpus, then ask the questions people
# ask: the right section comes first, its contacts are printed whole, the
# options and exit statuses behave, results are stable, the database is
# found without --db, and the full output matches the golden file.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/cli/setup.sh"

DB="$TMP/db"
GOLDEN="$top_srcdir/tests/cli/golden/password-expired.txt"

NAVIGATING="Navigating/Accessing PECOS Website"
ACCESSING="Accessing the PECOS System"
ENROLLING="Enrolling in Medicare via PECOS (Non-Technical)"

# Indexing ----------------------------------------------------------

t "factsheet-index indexes the corpus (exit 0)" index_corpus "$DB"
cp "$OUT" "$TMP/summary"
t "summary: 1 publication, $PROBLEMS problems, $RESOURCES resources" \
	has_line "$TMP/summary" \
	"Indexed 1 publication \\([0-9]+ sections: $PROBLEMS problems, $RESOURCES resources\\) into .* in [0-9.]+ s\\."
t "summary: $SECTIONS sections" contains "$TMP/summary" "($SECTIONS sections:"
t "summary names the database" contains "$TMP/summary" "into $DB in"
t "nothing on stderr when indexing the corpus" lines_are "$ERR" 0

# Questions and their first hit -------------------------------------

t "'password expired' -> $ACCESSING" \
	query_first "$ACCESSING" password expired
t "'PECOS website is slow' -> $NAVIGATING" \
	query_first "$NAVIGATING" PECOS website is slow
for phone in 1-866-484-8049 866-484-8049 "(866) 484-8049" 8664848049; do
	t "phone '$phone' -> $NAVIGATING" query_first "$NAVIGATING" "$phone"
done
t "phone typed as two words '(866)' '484-8049' -> $NAVIGATING" \
	query_first "$NAVIGATING" "(866)" 484-8049
t "email 'EUSsupport@cgi.com' -> $NAVIGATING" \
	query_first "$NAVIGATING" EUSsupport@cgi.com
t "email user 'eussupport' -> $NAVIGATING" \
	query_first "$NAVIGATING" eussupport
t "website part 'custhelp' -> $NAVIGATING" \
	query_first "$NAVIGATING" custhelp
t "phrase '\"My Profile\"' -> $ACCESSING" \
	query_first "$ACCESSING" '"My Profile"'
t "file name 'contact_list.pdf' -> $ENROLLING" \
	query_first "$ENROLLING" contact_list.pdf
t "'contact list' -> $ENROLLING" \
	query_first "$ENROLLING" contact list
t "'kind:resource guided pathways' -> MLN Guided Pathways (GPs)" \
	query_first "MLN Guided Pathways (GPs)" kind:resource guided pathways
t "'problem:enrolling' -> $ENROLLING" \
	query_first "$ENROLLING" problem:enrolling
t "'solution:\"External User Services\"' -> $NAVIGATING" \
	query_first "$NAVIGATING" 'solution:"External User Services"'
t "wildcard 'passw*' -> $ACCESSING" \
	query_first "$ACCESSING" 'passw*'
# A field's words are terms under its prefix (Omega's way), without
# positions: a phrase in a field needs its words in the field and the
# phrase in the section, in that order.
t "'solution:\"External User Services\" slow' -> $NAVIGATING" \
	query_first "$NAVIGATING" 'solution:"External User Services"' slow
t "phrase in a field, words out of order -> exit 1" \
	check_exit 1 "$QUERY" --db "$DB" 'solution:"Services External User"'
t "phrase in a field, words of another field -> exit 1" \
	check_exit 1 "$QUERY" --db "$DB" 'problem:"External User Services"'
t "a word of the section's text only, 'problem:password' -> exit 1" \
	check_exit 1 "$QUERY" --db "$DB" problem:password
t "a word of the solution and contacts, 'problem:eus' -> exit 1" \
	check_exit 1 "$QUERY" --db "$DB" problem:eus
t "the same word, 'solution:eus' -> $NAVIGATING" \
	query_first "$NAVIGATING" solution:eus
t "'-problem:\"Accessing the PECOS System\" password' leaves that out" \
	eval 'check_exit 0 "$QUERY" --db "$DB" -- \
	    "-problem:\"Accessing the PECOS System\"" password &&
	    lacks "$OUT" "$ACCESSING"'
t "'title:\"Technical Assistance\"' finds the fact sheet" \
	check_exit 0 "$QUERY" --db "$DB" 'title:"Technical Assistance"'
t "'title:\"Assistance Technical\"' finds it too: titles hold words" \
	check_exit 0 "$QUERY" --db "$DB" 'title:"Assistance Technical"'
t "phrase in a field left open ('solution:\"External User') -> $NAVIGATING" \
	query_first "$NAVIGATING" 'solution:"External User'
# The marks the phrase and wildcard fields are passed by, typed by hand.
for q in PHRASESOLUTION:zz PHRASESOLUTION:2245 WILDCARD: WILDCARDTITLE:x; do
	t "'$q' typed by hand: exit 1, no error" \
		check_exit 1 "$QUERY" --db "$DB" "$q"
done

# answers_first HEADING CMD...: CMD (a whole query command) exits 0 and
# its hit 1 has heading HEADING.
answers_first() {
	_af_heading=$1
	shift
	check_exit 0 "$@" && first_hit_is "$_af_heading"
}

# NOT and -word leave out every section that says "password": the two
# problems about logging in.
no_password_hits() {
	hit_headings >"$TMP/headings"
	if grep -F -x -e "$ACCESSING" -e "$NAVIGATING" "$TMP/headings"; then
		echo "hits above mention 'password', which was excluded"
		return 1
	fi
}
t "'pecos NOT password' finds something" \
	check_exit 0 "$QUERY" --db "$DB" pecos NOT password
t "'pecos NOT password' leaves out the password sections" no_password_hits
t "'-- -password pecos' finds something" \
	check_exit 0 "$QUERY" --db "$DB" -- -password pecos
t "'-- -password pecos' leaves out the password sections" no_password_hits
# The index holds stems only: a wildcard is expanded over them.
t "wildcard in a field 'solution:recov*' -> $ACCESSING" \
	query_first "$ACCESSING" 'solution:recov*'
t "wildcard in a field of other words ('solution:passw*') -> exit 1" \
	check_exit 1 "$QUERY" --db "$DB" 'solution:passw*'
t "'-- -passw* pecos' finds something" \
	check_exit 0 "$QUERY" --db "$DB" -- -passw* pecos
t "'-- -passw* pecos' leaves out the password sections" no_password_hits
t "wildcard 'passw*' marks the words it found" \
	eval 'check_exit 0 "$QUERY" --db "$DB" --json --limit 1 "passw*" &&
	    contains "$OUT" "<mark>password</mark>"'
# "application" is indexed as its stem "applic", shorter than the word
# typed: the spelling data's words lead to it.
t "wildcard longer than the stem ('applicatio*') -> $ENROLLING" \
	query_first "$ENROLLING" 'applicatio*'
t "wildcard longer than the stem marks the word" \
	eval 'check_exit 0 "$QUERY" --db "$DB" --json --limit 1 \
	    "applicatio*" && contains "$OUT" "<mark>application</mark>"'

t "no match ('xylophonequartz') -> exit 1" \
	check_exit 1 "$QUERY" --db "$DB" xylophonequartz
t "no match prints no hits" lines_are "$OUT" 0
t "no match is not an error: nothing on stderr" lines_are "$ERR" 0

# Contacts in the human output ---------------------------------------

t "'866-484-8049' answers with the EUS problem" \
	query_first "$NAVIGATING" 866-484-8049
cp "$OUT" "$TMP/eus"
t "contact line 'Website:' https://eus.custhelp.com" \
	has_line "$TMP/eus" ' +Website: +https://eus\.custhelp\.com'
t "the website is shown without angle brackets" \
	lacks "$TMP/eus" "<https://eus.custhelp.com>"
t "contact line 'Phone:' 1-866-484-8049" \
	has_line "$TMP/eus" ' +Phone: +1-866-484-8049'
t "contact line 'TTY:' 1-866-523-4759" \
	has_line "$TMP/eus" ' +TTY: +1-866-523-4759'
t "contact line 'Email:' EUSsupport@cgi.com" \
	has_line "$TMP/eus" ' +Email: +EUSsupport@cgi\.com'
t "contact line 'Live chat:' with its instructions" \
	has_line "$TMP/eus" ' +Live chat: +Choose "Live Chat" in the menu.*'
# The label's own width counts once: the first line of a wrapped field
# holds as many words as fit in 80 columns ("previous" ends at column 77).
t "a wrapped field's first line uses the full width" \
	has_line "$TMP/eus" \
	'   Find information on frequent problems, ask a question, or look up previous'
t "no escape sequences when stdout is not a terminal" \
	lacks "$TMP/eus" "$(printf '\033')"

# A wrapped contact value, and a link's URL under its title, continue in
# the column where the value began on the label line.
contacts_aligned() {
	awk '
	/^   (Website|Phone|TTY|Email|Live chat|Link): / {
		match($0, /^   [A-Za-z ]+: +/)
		col = RLENGTH
		next
	}
	col && /^ +[^ ]/ {
		match($0, /^ +/)
		if (RLENGTH != col) {
			printf "line %d starts at column %d, the value above at %d:\n%s\n", NR, RLENGTH, col, $0
			bad = 1
		}
		next
	}
	{ col = 0 }
	END { exit bad }' "$1"
}
run "$QUERY" --db "$DB" password expired
cp "$OUT" "$TMP/aligned"
t "continued contact lines align with the value column" \
	contacts_aligned "$TMP/aligned"

# Options ------------------------------------------------------------

t "--limit 1 finds something" \
	check_exit 0 "$QUERY" --db "$DB" --limit 1 password expired
t "--limit 1 gives exactly one hit" eval '[ "$(hit_headings | wc -l)" -eq 1 ] ||
	{ echo "hits:"; hit_headings; false; }'
t "--limit 1: the hit is hit 1" first_hit_is "$ACCESSING"

run "$QUERY" --db "$DB" password expired
second=$(hit_headings | sed -n 2p)
t "--offset 1 finds something" \
	check_exit 0 "$QUERY" --db "$DB" --offset 1 password expired
t "--offset 1 starts at rank 2 with the second hit ($second)" \
	has_line "$OUT" "2\. \[[0-9]+%\] $(printf '%s' "$second" | sed 's/[][\\.*^$(){}+?|/]/\\&/g')"
t "--offset 1: no rank 1" eval '! grep "^1\. \[" "$OUT"'

for bad in 0 abc -1 ""; do
	t "--limit '$bad' -> exit 2" \
		check_exit 2 "$QUERY" --db "$DB" --limit "$bad" password
	t "--limit '$bad': the message names --limit" contains "$ERR" "--limit"
done
t "--offset abc -> exit 2" \
	check_exit 2 "$QUERY" --db "$DB" --offset abc password
t "--offset abc: the message names --offset" contains "$ERR" "--offset"

# Stability ----------------------------------------------------------

run "$QUERY" --db "$DB" --json --limit 100 pecos
cp "$OUT" "$TMP/before.json"
run "$QUERY" --db "$DB" --json --limit 100 password
cp "$OUT" "$TMP/before-password.json"
t "indexing the same file again succeeds" index_corpus "$DB"
t "indexing again: the file is unchanged, so left alone" \
	contains "$OUT" "0 new, 0 changed, 1 unchanged"
t "indexing again with --force: exit 0" \
	check_exit 0 in_dir "$top_srcdir" "$INDEX" --force --db "$DB" \
	"$CORPUS_REL"
t "indexing again with --force: still 1 publication" \
	contains "$OUT" "Indexed 1 publication ("
t "after indexing twice, 'pecos' still answers" \
	check_exit 0 "$QUERY" --db "$DB" --json --limit 100 pecos
t "indexing twice: same JSON (total and hits) for 'pecos', no duplicates" \
	same_files "$TMP/before.json" "$OUT"
t "indexing twice: same JSON (total and hits) for 'password'" \
	eval 'run "$QUERY" --db "$DB" --json --limit 100 password &&
	same_files "$TMP/before-password.json" "$OUT"'

run "$QUERY" --db "$DB" password expired
cp "$OUT" "$TMP/run1"
run "$QUERY" --db "$DB" password expired
t "the same query twice gives the same output" same_files "$TMP/run1" "$OUT"
run env TERM=xterm "$QUERY" --db "$DB" password expired
t "output to a pipe ignores TERM" same_files "$TMP/run1" "$OUT"

# Finding the database ------------------------------------------------

# No --db, no FACTSHEET_DB, nothing under XDG_DATA_HOME or HOME: the index
# make built (or installed) answers.
t "the fallback is there: $top_builddir/corpus.db" \
	eval '[ -d "$top_builddir/corpus.db" ] || echo "missing; run make"'
t "no --db: the fallback answers 'password expired'" \
	answers_first "$ACCESSING" "$QUERY" password expired
t "no --db: nothing created under HOME or XDG_DATA_HOME" \
	eval '[ -z "$(ls -A "$HOME" "$XDG_DATA_HOME" | grep -v ":$" | grep .)" ] ||
	{ ls -lAR "$HOME" "$XDG_DATA_HOME"; false; }'

ENVDB="$TMP/env.db"
t "factsheet-index honours FACTSHEET_DB" \
	check_exit 0 env FACTSHEET_DB="$ENVDB" "$INDEX" "$CORPUS"
t "FACTSHEET_DB: the database is created there" \
	eval '[ -f "$ENVDB/iamglass" ] || { ls -la "$TMP"; false; }'
t "FACTSHEET_DB: the summary names it" contains "$OUT" "into $ENVDB in"
t "FACTSHEET_DB: nothing written under XDG_DATA_HOME" \
	eval '[ ! -e "$XDG_DATA_HOME/factsheet" ]'
t "factsheet-query honours FACTSHEET_DB" \
	answers_first "$ACCESSING" env FACTSHEET_DB="$ENVDB" "$QUERY" \
	password expired
t "FACTSHEET_DB naming no database: exit 2, no fallback" \
	check_exit 2 env FACTSHEET_DB="$TMP/none.db" "$QUERY" password expired
t "FACTSHEET_DB naming no database: the message names it" \
	contains "$ERR" "$TMP/none.db"

# Golden output ---------------------------------------------------------

# The whole human answer, byte for byte: ranks, percentages, snippets,
# wrapping at 80 columns, contact lines.  After an intended change, check
# the new output by eye and rewrite the file with
#   make check TESTS=tests/cli/index-query.sh FACTSHEET_UPDATE_GOLDEN=1
t "golden: 'password expired' answers" \
	check_exit 0 "$QUERY" --db "$DB" password expired
if [ -n "${FACTSHEET_UPDATE_GOLDEN:-}" ]; then
	cp "$OUT" "$GOLDEN"
	skip "golden: the full output matches golden/password-expired.txt" \
		"rewrote $GOLDEN"
else
	t "golden: the full output matches golden/password-expired.txt" \
		same_files "$GOLDEN" "$OUT"
fi

done_testing
