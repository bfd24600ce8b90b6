#!/bin/sh
# json.sh - the --json output of both programs, read back with a real JSON
# parser (python3's json module) and checked field by field: the shape of
# every result, the values of known hits, and HTML-safe snippets.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/cli/setup.sh"

need_python

DB="$TMP/db"
CHECK="$TMP/check.py"

# check.py NAME FILE [ARG...]: runs check NAME on the JSON document in FILE;
# exit 0 when it holds, else 1 with the reason on standard output.
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


def is_str(v):
    return isinstance(v, str)


def exact_keys(obj, keys, what):
    need(isinstance(obj, dict), what, "is not an object:", repr(obj))
    need(set(obj) == set(keys), what, "has keys", sorted(obj),
         "expected exactly", sorted(keys))


CONTACT_KINDS = {"website", "phone", "tty", "email", "chat", "link"}
RESULT_KINDS = {"problem", "resource", "section"}
RESULT_KEYS = ["rank", "percent", "kind", "publication", "heading", "text",
               "solution", "contacts", "snippet"]


# Below the top level the README allows later versions to add fields:
# the documented ones must be there, others may be.
def has_keys(obj, keys, what):
    need(isinstance(obj, dict), what, "is not an object:", repr(obj))
    missing = sorted(set(keys) - set(obj))
    need(not missing, what, "lacks", missing, "; has", sorted(obj))


def result(doc, n):
    need(len(doc["results"]) >= n, "fewer than", n, "results")
    return doc["results"][n - 1]


def find(doc, heading):
    for r in doc["results"]:
        if r["heading"] == heading:
            return r
    raise Fail("no result with heading " + repr(heading) + "; headings: " +
               repr([r["heading"] for r in doc["results"]]))


# Checks on a query's document ----------------------------------------

def top_keys(doc):
    exact_keys(doc, ["query", "corrected", "suggested", "total", "results",
                     "database"], "document")


def query_is(doc, text):
    need(doc["query"] == text, "query is", repr(doc["query"]),
         "expected", repr(text))


def corrected_null(doc):
    need(doc["corrected"] is None, "corrected is", repr(doc["corrected"]))


def total_int(doc):
    need(is_int(doc["total"]), "total is not an integer:",
         repr(doc["total"]))
    need(doc["total"] >= 0, "total is negative")


def results_list(doc, count=None):
    need(isinstance(doc["results"], list), "results is not a list")
    if count is not None:
        need(len(doc["results"]) == int(count), "results has",
             len(doc["results"]), "entries, expected", count)


def total_covers(doc, offset="0"):
    need(doc["total"] >= int(offset) + len(doc["results"]), "total",
         doc["total"], "is less than offset", offset, "plus",
         len(doc["results"]), "results")


def result_keys(doc):
    for i, r in enumerate(doc["results"], 1):
        has_keys(r, RESULT_KEYS, "result %d" % i)


def ranks(doc, first="1"):
    got = [r["rank"] for r in doc["results"]]
    want = list(range(int(first), int(first) + len(got)))
    need(all(is_int(x) for x in got), "ranks not integers:", got)
    need(got == want, "ranks", got, "expected", want)


def percents(doc):
    got = [r["percent"] for r in doc["results"]]
    need(all(is_int(p) and 0 <= p <= 100 for p in got),
         "percents not integers from 0 to 100:", got)
    need(got == sorted(got, reverse=True), "percents not in rank order:",
         got)


def kinds(doc):
    got = [r["kind"] for r in doc["results"]]
    need(all(k in RESULT_KINDS for k in got), "kinds", got, "not all in",
         sorted(RESULT_KINDS))


def publications(doc):
    for i, r in enumerate(doc["results"], 1):
        p = r["publication"]
        has_keys(p, ["title", "source"], "result %d publication" % i)
        need(is_str(p["title"]) and p["title"], "result", i, "title",
             repr(p["title"]))
        need(is_str(p["source"]) and p["source"], "result", i, "source",
             repr(p["source"]))


def texts(doc):
    for i, r in enumerate(doc["results"], 1):
        need(is_str(r["heading"]) and r["heading"], "result", i,
             "heading", repr(r["heading"]))
        need(is_str(r["text"]), "result", i, "text", repr(r["text"]))


def solutions(doc):
    for i, r in enumerate(doc["results"], 1):
        s = r["solution"]
        if s is None:
            continue
        has_keys(s, ["heading", "text"], "result %d solution" % i)
        need(is_str(s["heading"]) and s["heading"], "result", i,
             "solution heading", repr(s["heading"]))
        need(is_str(s["text"]), "result", i, "solution text",
             repr(s["text"]))


def contacts(doc):
    for i, r in enumerate(doc["results"], 1):
        need(isinstance(r["contacts"], list), "result", i,
             "contacts is not a list")
        for j, c in enumerate(r["contacts"], 1):
            has_keys(c, ["kind", "value", "label"],
                       "result %d contact %d" % (i, j))
            need(c["kind"] in CONTACT_KINDS, "result", i, "contact", j,
                 "kind", repr(c["kind"]))
            need(is_str(c["value"]) and c["value"], "result", i, "contact",
                 j, "value", repr(c["value"]))
            need(is_str(c["label"]), "result", i, "contact", j, "label",
                 repr(c["label"]))


def snippets(doc):
    for i, r in enumerate(doc["results"], 1):
        need(is_str(r["snippet"]) and r["snippet"], "result", i,
             "snippet", repr(r["snippet"]))


# Snippets are HTML: text escaped, matched words in <mark>...</mark>.
def snippets_html_safe(doc):
    for i, r in enumerate(doc["results"], 1):
        s = r["snippet"]
        need("<https" not in s and "<http:" not in s, "result", i,
             "snippet has a raw <http:", repr(s))
        bare = re.sub(r"</?mark>", "", s)
        need("<" not in bare and ">" not in bare, "result", i,
             "snippet has < or > outside <mark> tags:", repr(s))
        need(not re.search(r"&(?![a-z]+;|#[0-9]+;)", bare), "result", i,
             "snippet has an unescaped &:", repr(s))
        need(s.count("<mark>") == s.count("</mark>"), "result", i,
             "unbalanced <mark> tags:", repr(s))


def snippet_marks(doc, n, *words):
    s = result(doc, int(n))["snippet"]
    for w in words:
        need(re.search("<mark>%s[a-z]*</mark>" % re.escape(w), s, re.I),
             "snippet of result", n, "has no <mark>%s...</mark>:" % w,
             repr(s))


def some_snippet_escapes(doc, entity):
    need(any(entity in r["snippet"] for r in doc["results"]),
         "no snippet contains", entity)


def field(doc, n, path, want):
    v = result(doc, int(n))
    for k in path.split("."):
        need(isinstance(v, dict) and k in v, "result", n, "has no", path)
        v = v[k]
    if is_int(v):
        want = int(want) if re.fullmatch(r"-?[0-9]+", want) else want
    if want == "null":
        need(v is None, "result", n, path, "is", repr(v), "expected null")
    else:
        need(v == want, "result", n, path, "is", repr(v), "expected",
             repr(want))


def has_contact(doc, n, kind, value):
    cs = result(doc, int(n))["contacts"]
    need(any(c["kind"] == kind and c["value"] == value for c in cs),
         "result", n, "has no contact", kind, repr(value), "; contacts:",
         [(c["kind"], c["value"]) for c in cs])


def contact_kinds(doc, n, *want):
    got = sorted(c["kind"] for c in result(doc, int(n))["contacts"])
    need(got == sorted(want), "result", n, "contact kinds", got,
         "expected", sorted(want))


def chat_says(doc, n, text):
    cs = [c for c in result(doc, int(n))["contacts"] if c["kind"] == "chat"]
    need(len(cs) == 1, "result", n, "has", len(cs), "chat contacts")
    need(text in cs[0]["value"], "chat value", repr(cs[0]["value"]),
         "lacks", repr(text))


def resource_links(doc, heading, *labels):
    r = find(doc, heading)
    need(r["kind"] == "resource", repr(heading), "is a", r["kind"])
    got = [c["kind"] for c in r["contacts"]]
    need(got and all(k == "link" for k in got), repr(heading),
         "contact kinds", got, "expected links only")
    got = [c["label"] for c in r["contacts"]]
    need(got == list(labels), repr(heading), "link labels", got,
         "expected", list(labels))
    for c in r["contacts"]:
        need(c["value"].startswith("https://"), "link value",
             repr(c["value"]), "is not a URL")


def resource_no_solution(doc, heading):
    r = find(doc, heading)
    need(r["solution"] is None, repr(heading), "solution is",
         repr(r["solution"]))


# Checks on factsheet-index --json ------------------------------------

def summary(doc, key, want):
    need(key in doc, "summary has no", key)
    need(is_int(doc[key]) and doc[key] == int(want), "summary", key, "is",
         repr(doc[key]), "expected", want)


def summary_shape(doc):
    has_keys(doc, ["database", "publications", "sections", "problems",
                   "resources", "failed", "seconds", "files", "errors"],
             "summary")
    need(is_str(doc["database"]), "database", repr(doc["database"]))
    need(isinstance(doc["seconds"], (int, float)) and doc["seconds"] >= 0,
         "seconds", repr(doc["seconds"]))
    need(isinstance(doc["files"], list), "files is not a list")
    need(isinstance(doc["errors"], list), "errors is not a list")


def summary_file(doc, source, title):
    files = doc["files"]
    need(len(files) == 1, "files has", len(files), "entries")
    f = files[0]
    need(f.get("source") == source, "file source", repr(f.get("source")))
    need(f.get("title") == title, "file title", repr(f.get("title")))
    need(f.get("warning", 0) is None, "file warning", repr(f.get("warning")))
    need(doc["errors"] == [], "errors", repr(doc["errors"]))


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
    except (KeyError, TypeError, IndexError) as e:
        print("unexpected shape:", type(e).__name__, e)
        return 1
    return 0


sys.exit(main())
EOF

# js NAME [ARG...]: check NAME on the last command's standard output.
js() {
	_js_name=$1
	shift
	cp "$OUT" "$TMP/doc.json"
	python3 "$CHECK" "$_js_name" "$TMP/doc.json" "$@"
}

# The shape, checked on every document a query prints.
check_shape() {
	_cs_what=$1
	t "$_cs_what: valid JSON, keys exactly query/corrected/suggested/total/results" \
		js top_keys
	t "$_cs_what: corrected is null" js corrected_null
	t "$_cs_what: total is an integer" js total_int
	t "$_cs_what: results is a list" js results_list
	t "$_cs_what: every result has the documented keys" \
		js result_keys
	t "$_cs_what: percent is an integer 0..100, in rank order" js percents
	t "$_cs_what: kind is problem, resource or section" js kinds
	t "$_cs_what: publication has title and source, both strings" \
		js publications
	t "$_cs_what: heading and text are strings" js texts
	t "$_cs_what: solution has heading and text, or is null" js solutions
	t "$_cs_what: contacts have kind, value, label; kind known" \
		js contacts
	t "$_cs_what: snippet is a non-empty string" js snippets
	t "$_cs_what: snippets are HTML-safe" js snippets_html_safe
}

t "index the corpus" index_corpus "$DB"

# factsheet-index --json ----------------------------------------------

t "factsheet-index --json: exit 0" \
	check_exit 0 in_dir "$top_srcdir" "$INDEX" --json --db "$TMP/db2" \
	"$CORPUS_REL"
t "factsheet-index --json: nothing on stderr" lines_are "$ERR" 0
t "summary: valid JSON with the documented keys" js summary_shape
t "summary: publications 1" js summary publications 1
t "summary: sections $SECTIONS" js summary sections "$SECTIONS"
t "summary: problems $PROBLEMS" js summary problems "$PROBLEMS"
t "summary: resources $RESOURCES" js summary resources "$RESOURCES"
t "summary: failed 0" js summary failed 0
t "summary: files names the corpus and its title, no warning, no errors" \
	js summary_file "$CORPUS_REL" \
	"PECOS Technical Assistance Contact Information"

# "password expired" -------------------------------------------------------

t "'password expired': exit 0" \
	check_exit 0 "$QUERY" --db "$DB" --json password expired
check_shape "'password expired'"
t "'password expired': query as typed" js query_is "password expired"
t "'password expired': ranks 1, 2, ..." js ranks 1
t "'password expired': total covers the results" js total_covers
t "'password expired': result 1 is a problem" js field 1 kind problem
t "'password expired': result 1 heading" \
	js field 1 heading "Accessing the PECOS System"
t "'password expired': result 1 solution.heading" \
	js field 1 solution.heading \
	"Access I&A System or Contact I&A System Help"
t "'password expired': result 1 publication.title" \
	js field 1 publication.title \
	"PECOS Technical Assistance Contact Information"
t "'password expired': result 1 publication.source" \
	js field 1 publication.source "$CORPUS_REL"
t "'password expired': snippet marks the matched words" \
	js snippet_marks 1 password expire

# "866-484-8049" ---------------------------------------------------------

t "'866-484-8049': exit 0" \
	check_exit 0 "$QUERY" --db "$DB" --json 866-484-8049
check_shape "'866-484-8049'"
t "'866-484-8049': result 1 is the EUS problem" \
	js field 1 heading "Navigating/Accessing PECOS Website"
t "'866-484-8049': contact phone 1-866-484-8049" \
	js has_contact 1 phone 1-866-484-8049
t "'866-484-8049': contact tty 1-866-523-4759" \
	js has_contact 1 tty 1-866-523-4759
t "'866-484-8049': contact email EUSsupport@cgi.com" \
	js has_contact 1 email EUSsupport@cgi.com
t "'866-484-8049': contact website https://eus.custhelp.com (no <>)" \
	js has_contact 1 website https://eus.custhelp.com
t "'866-484-8049': a live chat contact" js chat_says 1 "Live Chat"
t "'866-484-8049': exactly one contact of each kind, nothing else" \
	js contact_kinds 1 website phone tty email chat
t "'866-484-8049': solution.heading" \
	js field 1 solution.heading \
	"Contact CMS External User Services (EUS) Help Desk"

# "guided pathways" ------------------------------------------------------

t "'guided pathways': exit 0" \
	check_exit 0 "$QUERY" --db "$DB" --json guided pathways
check_shape "'guided pathways'"
t "'guided pathways': the resource, its links and their labels" \
	js resource_links "MLN Guided Pathways (GPs)" \
	"Provider Specific Medicare Resources" "All Other GP Resources"
t "'guided pathways': the resource's solution is null" \
	js resource_no_solution "MLN Guided Pathways (GPs)"

# Every section at once: snippets of text full of <URL> and & ---------------

t "'cms website' --limit 100: exit 0" \
	check_exit 0 "$QUERY" --db "$DB" --json --limit 100 cms website
check_shape "'cms website' (all sections)"
t "'cms website': some snippet has an escaped &lt;" \
	js some_snippet_escapes "&lt;"
t "'cms website': some snippet has an escaped &amp;" \
	js some_snippet_escapes "&amp;"

# Offsets, and nothing found -----------------------------------------------

t "--json --offset 1 --limit 1: exit 0" \
	check_exit 0 "$QUERY" --db "$DB" --json --offset 1 --limit 1 password
t "--offset 1 --limit 1: one result" js results_list 1
t "--offset 1 --limit 1: its rank is 2" js ranks 2
t "--offset 1 --limit 1: total counts every match" js total_covers 1

t "no match: exit 1" \
	check_exit 1 "$QUERY" --db "$DB" --json xylophonequartz
t "no match: still the documented document" js top_keys
t "no match: total 0, results []" \
	eval 'js summary total 0 && js results_list 0'

done_testing
