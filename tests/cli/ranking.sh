#!/bin/sh
# ranking.sh - what makes answers good rather than merely found: questions
# and paraphrases reach the right section (the thesaurus, stopwords),
# a contact asked for is ranked and shown first, misspellings are
# corrected (and acronyms left alone), --explain shows why a hit ranked,
# the same query always gives the same bytes, --thesaurus loads another
# vocabulary and a bad one costs the index nothing, vanity phone numbers
# are found by their digits, and snippets mark the words that matter.
# Everything through the two programs only.
. "$top_srcdir/tests/cli/setup.sh"

DB="$TMP/db"
NAVIGATING="Navigating/Accessing PECOS Website"
ACCESSING="Accessing the PECOS System"
SHIPPED_THESAURUS="$top_srcdir/corpus/thesaurus.txt"

# Local helpers (prefixed rk_, so as not to collide with setup.sh's) ----

# The heading of hit 1 in the human output in $OUT ("" when none).  The
# first line may be "Showing results for: ...", so look for "1. [NN%]".
rk_hit1() {
	sed -n 's/^1\. \[[0-9][0-9]*%\] //p' "$OUT" | head -n 1
}

# rk_first DB HEADING WORDS...: the query exits 0 and hit 1 is HEADING.
rk_first() {
	_rf_db=$1
	_rf_heading=$2
	shift 2
	check_exit 0 "$QUERY" --db "$_rf_db" "$@" || return 1
	_rf_got=$(rk_hit1)
	if [ "$_rf_got" != "$_rf_heading" ]; then
		echo "hit 1 is:   '$_rf_got'"
		echo "expected:   '$_rf_heading'"
		return 1
	fi
}

# The label ("TTY:", "Email:", ...) of the first contact line of hit 1 in
# $OUT: contact lines are "   LABEL      VALUE" within hit 1's block.
rk_first_contact_label() {
	awk '
		/^1\. \[[0-9]+%\] / { on = 1; next }
		/^[0-9]+\. \[[0-9]+%\] / { on = 0 }
		on && /^   (Website|Phone|TTY|Email|Live chat|Link): / {
			sub(/^   /, ""); sub(/:.*/, ":"); print; exit
		}' "$OUT"
}

# rk_contact_first LABEL WORDS...: the query exits 0 and the first contact
# line of hit 1 is LABEL.
rk_contact_first() {
	_rc_want=$1
	shift
	check_exit 0 "$QUERY" --db "$DB" "$@" || return 1
	_rc_got=$(rk_first_contact_label)
	if [ "$_rc_got" != "$_rc_want" ]; then
		echo "first contact line of hit 1: '$_rc_got'"
		echo "expected:                    '$_rc_want'"
		echo "--- hit 1's contact lines:"
		awk '/^1\. \[/ { on = 1; next } /^[0-9]+\. \[/ { on = 0 }
		    on && /^   (Website|Phone|TTY|Email|Live chat|Link): /' \
		    "$OUT"
		return 1
	fi
}

# rk_no_error WORDS...: the query runs, finding something or nothing
# (exit 0 or 1, never 2), and says nothing on stderr.
rk_no_error() {
	run "$QUERY" --db "$DB" -- "$@"
	case $rc in
	0 | 1) ;;
	*)
		echo "exit status $rc, expected 0 or 1"
		return 1 ;;
	esac
	lines_are "$ERR" 0
}

# rk_finds WORDS...: exit 0 with at least one hit in the human output.
rk_finds() {
	check_exit 0 "$QUERY" --db "$DB" "$@" || return 1
	if [ -z "$(rk_hit1)" ]; then
		echo "no hit 1 in the output"
		return 1
	fi
}

# rk_line1 TEXT: the first line of $OUT is exactly TEXT.
rk_line1() {
	_rl_got=$(head -n 1 "$OUT")
	if [ "$_rl_got" != "$1" ]; then
		echo "line 1 is: '$_rl_got'"
		echo "expected:  '$1'"
		return 1
	fi
}

# rk_twice NAME CMD...: CMD twice gives the same exit status and the same
# bytes on stdout and stderr.
rk_twice() {
	_rt_name=$1
	shift
	run "$@"
	_rt_rc1=$rc
	cp "$OUT" "$TMP/$_rt_name.1"
	cp "$ERR" "$TMP/$_rt_name.err1"
	run "$@"
	cp "$OUT" "$TMP/$_rt_name.2"
	cp "$ERR" "$TMP/$_rt_name.err2"
	if [ "$rc" -ne "$_rt_rc1" ]; then
		echo "exit status $_rt_rc1 the first time, $rc the second"
		return 1
	fi
	if [ "$rc" -ne 0 ]; then
		echo "exit status $rc, expected 0 (the query should find hits)"
		return 1
	fi
	same_files "$TMP/$_rt_name.1" "$TMP/$_rt_name.2" &&
	    same_files "$TMP/$_rt_name.err1" "$TMP/$_rt_name.err2"
}

# rk_explain_lines: every hit in $OUT has one "explain:" line and at least
# one weight row under it; as many explain lines as hits.
rk_explain_lines() {
	awk '
		function close_hit() {
			if (hit == 0) return
			if (explains != 1) {
				printf "hit %d has %d explain: lines\n", hit, explains
				bad = 1
			} else if (rows < 1) {
				printf "hit %d: explain: without weight rows\n", hit
				bad = 1
			} else if (!(summary ~ /^   explain: [0-9]+ matched terms?, weights summing to [0-9]+\.[0-9]+$/)) {
				printf "hit %d: explain line: %s\n", hit, summary
				bad = 1
			}
		}
		/^[0-9]+\. \[[0-9]+%\] / {
			close_hit(); hit++; explains = 0; rows = 0; inexp = 0
			next
		}
		/^   explain: / { explains++; summary = $0; inexp = 1; next }
		inexp && /^     +[0-9]+\.[0-9][0-9][0-9]  [^ ]+ +[a-z]+ +wdf [0-9]+ +in [0-9]+ sections?$/ {
			rows++; next
		}
		{ inexp = 0 }
		END {
			close_hit()
			if (hit == 0) { print "no hits in the output"; bad = 1 }
			exit bad
		}' "$OUT" || { show "$OUT"; return 1; }
}

# JSON checks -----------------------------------------------------------

if command -v python3 >/dev/null 2>&1; then
	HAVE_PYTHON=yes
else
	HAVE_PYTHON=
fi
CHECK="$TMP/ranking-check.py"
cat >"$CHECK" <<'EOF'
import json
import re
import sys


class Fail(Exception):
    pass


def need(cond, *why):
    if not cond:
        raise Fail(" ".join(str(w) for w in why))


def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def is_num(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def first(doc):
    need(isinstance(doc.get("results"), list) and doc["results"],
         "no results")
    return doc["results"][0]


def heading1(doc, want):
    got = first(doc)["heading"]
    need(got == want, "results[0].heading is", repr(got), "expected",
         repr(want))


def query_is(doc, want):
    need(doc.get("query") == want, "query is", repr(doc.get("query")),
         "expected", repr(want))


def corrected_is(doc, want):
    need("corrected" in doc, "no corrected key")
    need(doc["corrected"] == want, "corrected is", repr(doc["corrected"]),
         "expected", repr(want))


def corrected_null(doc):
    need("corrected" in doc, "no corrected key")
    need(doc["corrected"] is None, "corrected is", repr(doc["corrected"]),
         "expected null")


def contact1_kind(doc, want):
    cs = first(doc)["contacts"]
    need(isinstance(cs, list) and cs, "results[0].contacts is empty")
    need(cs[0].get("kind") == want, "results[0].contacts[0].kind is",
         repr(cs[0].get("kind")), "expected", repr(want),
         "; contact kinds in order:", [c.get("kind") for c in cs])


EXPLAIN_KEYS = {"term", "field", "wdf", "documents", "weight"}


def explain_shape(doc):
    need(doc["results"], "no results")
    for i, r in enumerate(doc["results"], 1):
        need("explain" in r, "result", i, "has no explain key")
        e = r["explain"]
        need(isinstance(e, list) and e, "result", i,
             "explain is not a non-empty array:", repr(e))
        for j, x in enumerate(e, 1):
            need(isinstance(x, dict), "result", i, "explain", j,
                 "is not an object:", repr(x))
            need(set(x) == EXPLAIN_KEYS, "result", i, "explain", j,
                 "has keys", sorted(x), "expected", sorted(EXPLAIN_KEYS))
            need(isinstance(x["term"], str) and x["term"], "result", i,
                 "explain", j, "term", repr(x["term"]))
            need(isinstance(x["field"], str) and x["field"], "result", i,
                 "explain", j, "field", repr(x["field"]))
            need(is_int(x["wdf"]) and x["wdf"] >= 0, "result", i,
                 "explain", j, "wdf", repr(x["wdf"]))
            need(is_int(x["documents"]) and x["documents"] >= 1, "result",
                 i, "explain", j, "documents", repr(x["documents"]))
            need(is_num(x["weight"]), "result", i, "explain", j,
                 "weight is not a number:", repr(x["weight"]))


def explain_sorted(doc):
    need(doc["results"], "no results")
    for i, r in enumerate(doc["results"], 1):
        w = [x["weight"] for x in r["explain"]]
        need(w == sorted(w, reverse=True), "result", i,
             "explain weights not in descending order:", w)


def no_explain(doc):
    need(doc["results"], "no results")
    for i, r in enumerate(doc["results"], 1):
        need("explain" not in r, "result", i, "has an explain key")


def snippet1_marks(doc, pattern):
    s = first(doc)["snippet"]
    need(re.search(pattern, s, re.I), "results[0].snippet does not match",
         pattern, ":", repr(s))


def snippets_never_mark(doc, *words):
    need(doc["results"], "no results")
    for i, r in enumerate(doc["results"], 1):
        s = r["snippet"]
        for w in words:
            need(not re.search("<mark>%s</mark>" % re.escape(w), s, re.I),
                 "result", i, "snippet marks the stopword",
                 repr(w), ":", repr(s))


def some_snippet_marks(doc, word):
    need(any(re.search("<mark>%s</mark>" % re.escape(word), r["snippet"],
                       re.I) for r in doc["results"]),
         "no snippet marks", repr(word))


def main():
    name, path, args = sys.argv[1], sys.argv[2], sys.argv[3:]
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
    except (OSError, ValueError) as e:
        print("not valid JSON:", e)
        return 1
    try:
        globals()[name](doc, *args)
    except Fail as e:
        print(e)
        return 1
    except (KeyError, TypeError, IndexError, AttributeError) as e:
        print("unexpected shape:", type(e).__name__, e)
        return 1
    return 0


sys.exit(main())
EOF

# rk_json CHECK [ARG...]: check CHECK on the last command's stdout.
rk_json() {
	_rj_name=$1
	shift
	cp "$OUT" "$TMP/doc.json"
	python3 "$CHECK" "$_rj_name" "$TMP/doc.json" "$@"
}

# tj DESC CHECK...: t, or a skip when python3 is missing.
tj() {
	if [ -n "$HAVE_PYTHON" ]; then
		t "$@"
	else
		skip "$1" "python3 not found (needed to parse JSON)"
	fi
}

# rk_qj WORDS CHECK [ARG...]: runs the query with --json (exit 0) and
# CHECK on its output; WORDS is one string, split into words.
rk_qj() {
	_rq_words=$1
	shift
	# Word splitting of the query on purpose: people type words.
	# shellcheck disable=SC2086
	check_exit 0 "$QUERY" --db "$DB" --json $_rq_words || return 1
	rk_json "$@"
}

# Indexing: the shipped thesaurus by name, and by file --------------------

t "index the corpus with --thesaurus cms: exit 0" \
	check_exit 0 "$INDEX" --db "$DB" --thesaurus cms "$CORPUS"
t "index the corpus: nothing on stderr" lines_are "$ERR" 0
t "index the corpus with --thesaurus corpus/thesaurus.txt: exit 0" \
	check_exit 0 "$INDEX" --db "$TMP/db-shipped" \
	--thesaurus "$SHIPPED_THESAURUS" "$CORPUS"
t "--thesaurus corpus/thesaurus.txt: nothing on stderr" lines_are "$ERR" 0
# The thesaurus belongs to the database: a run that names none keeps it,
# and nothing is indexed again for it.
t "index again without --thesaurus: exit 0, the publication unchanged" \
	eval 'check_exit 0 "$INDEX" --db "$DB" --json "$CORPUS" &&
	    contains "$OUT" "\"unchanged\": 1,"'
t "--stats names the thesaurus the database keeps" \
	eval 'check_exit 0 "$INDEX" --db "$DB" --stats &&
	    contains "$OUT" "Thesaurus:    $top_srcdir/corpus/thesaurus.txt"'

# "cms" is the shipped thesaurus: a query that needs synonyms answers the
# same bytes from both databases, the first indexed again since.
rk_same_answer() {
	check_exit 0 "$QUERY" --db "$DB" --json "$@" || return 1
	grep -v '"database":' "$OUT" >"$TMP/default.json"
	check_exit 0 "$QUERY" --db "$TMP/db-shipped" --json "$@" || return 1
	grep -v '"database":' "$OUT" >"$TMP/shipped.json"
	same_files "$TMP/default.json" "$TMP/shipped.json"
}
t "--thesaurus cms = --thesaurus corpus/thesaurus.txt ('forgot my username')" \
	rk_same_answer forgot my username

# Question forms and paraphrases -------------------------------------------

t "'how do I reset my password' -> $ACCESSING" \
	rk_first "$DB" "$ACCESSING" how 'do' I reset my password
t "'forgot my username' -> $ACCESSING" \
	rk_first "$DB" "$ACCESSING" forgot my username
t "'PECOS website is slow' -> $NAVIGATING" \
	rk_first "$DB" "$NAVIGATING" PECOS website is slow
t "'site is down' -> $NAVIGATING" \
	rk_first "$DB" "$NAVIGATING" site is down
t "stopwords only, 'who should I': exit 0 with results" \
	rk_finds who should I
t "'I&A' -> $ACCESSING" rk_first "$DB" "$ACCESSING" 'I&A'
for word in Fee-For-Service CMS-855A CMS-855I cms-855b; do
	t "hyphenated '$word': exit 0 or 1, never an error" \
		rk_no_error "$word"
done
t "'Fee-For-Service' finds the introduction that names it" \
	rk_first "$DB" "PECOS Technical Assistance Contact Information" \
	Fee-For-Service

# Contact-aware ranking ------------------------------------------------

t "'deaf phone line' -> $NAVIGATING" \
	rk_first "$DB" "$NAVIGATING" deaf phone line
t "'deaf phone line': first contact line of hit 1 is TTY:" \
	rk_contact_first "TTY:" deaf phone line
t "'deaf': first contact line of hit 1 is TTY:" \
	rk_contact_first "TTY:" deaf
t "'email support': first contact line of hit 1 is Email:" \
	rk_contact_first "Email:" email support
tj "--json 'deaf': results[0] is $NAVIGATING" \
	rk_qj 'deaf' heading1 "$NAVIGATING"
tj "--json 'deaf': results[0].contacts[0].kind is tty" \
	rk_qj 'deaf' contact1_kind tty
tj "--json 'deaf phone line': results[0].contacts[0].kind is tty" \
	rk_qj 'deaf phone line' contact1_kind tty
tj "--json 'email support': results[0].contacts[0].kind is email" \
	rk_qj 'email support' contact1_kind email

# Spelling ----------------------------------------------------------------

t "'pasword expird': line 1 is 'Showing results for: password expired'" \
	eval 'check_exit 0 "$QUERY" --db "$DB" pasword expird &&
	    rk_line1 "Showing results for: password expired"'
t "'pasword expird' -> $ACCESSING" \
	rk_first "$DB" "$ACCESSING" pasword expird
tj "--json 'pasword expird': corrected is \"password expired\"" \
	rk_qj 'pasword expird' corrected_is "password expired"
tj "--json 'pasword expird': query is as typed" \
	rk_qj 'pasword expird' query_is "pasword expird"
tj "--json 'pasword expird': results[0] is $ACCESSING" \
	rk_qj 'pasword expird' heading1 "$ACCESSING"
tj "--json 'pasword AND solution:\"External User\"': the phrase kept" \
	rk_qj 'pasword AND solution:"External User"' corrected_is \
	'password AND solution:"external user"'
tj "--json 'password expired': corrected is null" \
	rk_qj 'password expired' corrected_null
t "'password expired': no 'Showing results for' line" \
	eval 'check_exit 0 "$QUERY" --db "$DB" password expired &&
	    lacks "$OUT" "Showing results for"'
# Numbers are kept out of the spelling data: a phone number one digit off
# is not another help desk's.
t "'866-484-8048' (one digit off): exit 1, not corrected" \
	eval 'check_exit 1 "$QUERY" --db "$DB" 866-484-8048 &&
	    lacks "$OUT" "Showing results for"'
tj "--json 'npi': corrected is null" rk_qj 'npi' corrected_null
t "'npi': exit 0, not corrected" \
	eval 'check_exit 0 "$QUERY" --db "$DB" npi &&
	    lacks "$OUT" "Showing results for"'

# --explain ---------------------------------------------------------------

t "--explain 'password expired': every hit has an explain: line with weights" \
	eval 'check_exit 0 "$QUERY" --db "$DB" --explain password expired &&
	    rk_explain_lines'
t "without --explain: no explain: line" \
	eval 'check_exit 0 "$QUERY" --db "$DB" password expired &&
	    lacks "$OUT" "explain:"'
tj "--json --explain: every result has explain [{term, field, wdf, documents, weight}]" \
	rk_qj '--explain password expired' explain_shape
tj "--json --explain: explain weights in descending order" \
	rk_qj '--explain password expired' explain_sorted
tj "--json --explain 'deaf phone line': explain shape and order" \
	eval 'rk_qj "--explain deaf phone line" explain_shape &&
	    rk_json explain_sorted'
tj "--json without --explain: no explain key" \
	rk_qj 'password expired' no_explain

# Determinism ---------------------------------------------------------

t "'password expired' twice: identical human output" \
	rk_twice human "$QUERY" --db "$DB" password expired
t "'password expired' twice: identical JSON" \
	rk_twice json "$QUERY" --db "$DB" --json password expired
t "'deaf phone line' twice: identical human output" \
	rk_twice contact "$QUERY" --db "$DB" deaf phone line
t "'pasword expird' --explain twice: identical human output" \
	rk_twice explain "$QUERY" --db "$DB" --explain pasword expird
t "'how to fill out the enrollment application' --json --explain twice: identical" \
	rk_twice explainjson "$QUERY" --db "$DB" --json --explain \
	how to fill out the enrollment application

# --thesaurus ---------------------------------------------------------

ZDB="$TMP/db-zorblax"
printf '# A word nobody uses.\nzorblax, password\n' >"$TMP/zorblax.txt"
t "'zorblax' finds nothing with the shipped thesaurus (exit 1)" \
	check_exit 1 "$QUERY" --db "$DB" zorblax
t "index with --thesaurus FILE making zorblax a synonym of password: exit 0" \
	check_exit 0 "$INDEX" --db "$ZDB" --thesaurus "$TMP/zorblax.txt" \
	"$CORPUS"
t "custom thesaurus: 'zorblax' -> $ACCESSING" \
	rk_first "$ZDB" "$ACCESSING" zorblax

BAD1="$TMP/one-word.txt"
printf '# comment\nzorblax, password\nlonely\n' >"$BAD1"
t "bad thesaurus (one word on line 3): factsheet-index exits 2" \
	check_exit 2 "$INDEX" --db "$ZDB" --thesaurus "$BAD1" "$CORPUS"
t "bad thesaurus (one word): the message names the file and line 3" \
	contains "$ERR" "$BAD1: line 3"
t "bad thesaurus (one word): one line on stderr" lines_are "$ERR" 1
t "bad thesaurus (one word): no summary on stdout" lines_are "$OUT" 0
t "after the bad thesaurus the index still answers 'zorblax' -> $ACCESSING" \
	rk_first "$ZDB" "$ACCESSING" zorblax
t "after the bad thesaurus the index still answers 'password expired'" \
	rk_first "$ZDB" "$ACCESSING" password expired

BAD2="$TMP/bad-utf8.txt"
printf 'zorblax, password\nfoo, b\377r\n' >"$BAD2"
t "bad thesaurus (invalid UTF-8 on line 2): factsheet-index exits 2" \
	check_exit 2 "$INDEX" --db "$ZDB" --thesaurus "$BAD2" "$CORPUS"
t "bad thesaurus (invalid UTF-8): the message names the file and line 2" \
	contains "$ERR" "$BAD2: line 2"
t "bad thesaurus (invalid UTF-8): one line on stderr" lines_are "$ERR" 1
t "after the invalid UTF-8 thesaurus the index still answers 'zorblax'" \
	rk_first "$ZDB" "$ACCESSING" zorblax

# Vanity phone numbers ---------------------------------------------------

VDB="$TMP/db-vanity"
VANITY="$TMP/beneficiary-line.txt"
cat >"$VANITY" <<'EOF'
Beneficiary Contact Information

Problem: Questions About Coverage

You have a question about what is covered.

Solution: Call the Beneficiary Line

Phone: 1-800-MEDICARE
EOF
t "index a publication with 'Phone: 1-800-MEDICARE' beside the corpus" \
	check_exit 0 "$INDEX" --db "$VDB" --thesaurus cms "$VANITY" "$CORPUS"
for number in 1-800-633-4227 1-800-MEDICARE 8006334227; do
	t "vanity number: '$number' -> Questions About Coverage" \
		rk_first "$VDB" "Questions About Coverage" "$number"
done

# Snippet marks ---------------------------------------------------------

tj "--json 'password expired': snippet marks password/Passwords" \
	rk_qj 'password expired' snippet1_marks '<mark>passwords?</mark>'
tj "--json 'how to fill out the enrollment application': marks enrollment" \
	rk_qj 'how to fill out the enrollment application' \
	some_snippet_marks enrollment
tj "--json 'how to fill out the enrollment application': stopwords never marked" \
	rk_qj 'how to fill out the enrollment application' \
	snippets_never_mark how to the out

# Across publications -------------------------------------------------

# A long handbook with "password" in a dozen sections, and a short guide
# about one program whose title names it: the handbook does not take
# every place, and a question naming the program prefers its guide (the
# program is named in the guide's title only, which plain words find in
# a publication's first section alone).
MANY="$TMP/many"
MDB="$TMP/many.db"
mkdir -p "$MANY"
{
	echo "# Provider Handbook"
	i=1
	while [ $i -le 12 ]; do
		echo
		echo "## Password topic $i"
		echo
		echo "Your password and your password rules, part $i: a password"
		echo "must be changed, and a password expired is reset online."
		i=$((i + 1))
	done
} >"$MANY/handbook.md"
cat >"$MANY/nppes-guide.md" <<'EOF'
---
title: NPPES Guide
---

## Updating your record

Change your practice location and taxonomy codes.

## Signing in

Reset your password on the sign-in page.
EOF
t "index a 12-section handbook and a 2-section guide" \
	check_exit 0 "$INDEX" --db "$MDB" --thesaurus cms "$MANY"
t "'password expired': the guide's section is in the first 10" \
	eval 'check_exit 0 "$QUERY" --db "$MDB" --limit 10 password expired &&
	    hit_headings | grep -x "Signing in"'
t "'nppes password expired': the NPPES guide's two sections first" \
	eval 'check_exit 0 "$QUERY" --db "$MDB" --limit 2 nppes password expired &&
	    hit_headings | sort | tr "\n" / | grep -x "Signing in/Updating your record/"'

done_testing
