/*
 * test-xapian-search.c - the search concern of the Xapian layer
 * (lib/xapian/search.cc, rank.cc, facets.cc, mset.cc, explain.cc,
 * parser.cc): queries refused, hits and their JSON, each class of query,
 * explain, the bounds on one query's work, and searching under a writer
 * that commits all the time.
 */
#include <config.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <jansson.h>

#include "factsheet-private.h"
#include "sync.h"
#include "xapian-shim.h"
#include "xapian/testing.h"
#include "search-policy.h"
#include "tap.h"
#include "testlib.h"
#include "xapian-tests.h"

/* Runs QUERY, expecting BAD_QUERY with a message containing WORD. */
static void
bad_query(factsheet_db_t *db, const char *query, const char *what,
	  const char *word)
{
	factsheet_results_t *sentinel = (factsheet_results_t *)&sentinel;
	factsheet_results_t *r = sentinel;
	factsheet_status_t st = factsheet_db_search(db, query, NULL, &r);

	is_int(st, FACTSHEET_STATUS_BAD_QUERY, "%s: bad query", what);
	ok(r == NULL, "%s: no results", what);
	ok(factsheet_db_last_error(db)[0] != '\0', "%s: a message", what);
	like(factsheet_db_last_error(db), word, "%s: message says '%s'",
	    what, word);
	if (r != sentinel)
		factsheet_results_free(r);
}

static void
test_bad_queries(factsheet_db_t *db)
{
	char *query = malloc(10001);
	factsheet_results_t *r = NULL;
	factsheet_status_t st;

	bad_query(db, "", "empty query", "empty");
	bad_query(db, " \t\n ", "white space query", "empty");
	bad_query(db, NULL, "NULL query", "empty");
	memset(query, 'a', 10000);
	query[10000] = '\0';
	bad_query(db, query, "10,000-byte query", "too long");
	bad_query(db, "pass\xffword", "invalid UTF-8 query", "UTF-8");

	/* FACTSHEET_QUERY_MAX bytes exactly is still a query. */
	query[0] = '\0';
	while (strlen(query) + 9 <= FACTSHEET_QUERY_MAX)
		strcat(query, "password ");
	memset(query + strlen(query), 'x', FACTSHEET_QUERY_MAX -
	    strlen(query));
	query[FACTSHEET_QUERY_MAX] = '\0';
	st = factsheet_db_search(db, query, NULL, &r);
	is_int(st, FACTSHEET_STATUS_SUCCESS, "a query of exactly %d bytes runs",
	    FACTSHEET_QUERY_MAX);
	factsheet_results_free(r);
	free(query);
}

static void
test_json(const factsheet_results_t *r)
{
	char *out = factsheet_results_to_json(r, "password expired", 0);
	json_error_t err = { 0 };
	json_t *root = out ? json_loads(out, 0, &err) : NULL;
	json_t *results = json_object_get(root, "results");
	json_t *first = json_array_get(results, 0);

	ok(out != NULL, "results as JSON");
	ok(root != NULL, "the JSON parses (%s)", root ? "ok" : err.text);
	is_str(json_string_value(json_object_get(root, "query")),
	    "password expired", "JSON: the query as typed");
	ok(json_is_array(results), "JSON: results are an array");
	is_int(json_array_size(results), factsheet_results_count(r),
	    "JSON: one result per hit");
	ok(json_is_integer(json_object_get(root, "total")), "JSON: a total");
	is_str(json_string_value(json_object_get(first, "heading")),
	    "Accessing the PECOS System", "JSON: first heading");
	is_int(json_integer_value(json_object_get(first, "rank")), 1,
	    "JSON: first rank");
	like(json_string_value(json_object_get(first, "snippet")),
	    "<mark>", "JSON: the snippet marks matches");
	json_decref(root);
	free(out);
}

static void
test_search(factsheet_db_t *db)
{
	factsheet_results_t *r = NULL;
	const factsheet_hit_t *h;
	factsheet_status_t st;

	st = factsheet_db_search(db, "password expired", NULL, &r);
	is_int(st, FACTSHEET_STATUS_SUCCESS, "search 'password expired'");
	if (r == NULL)
		return;
	ok(factsheet_results_count(r) > 0, "it has hits");
	ok(factsheet_results_total(r) >= factsheet_results_count(r),
	    "the total counts at least the hits");
	h = factsheet_results_hit(r, 0);
	is_str(h && h->section ? h->section->heading : NULL,
	    "Accessing the PECOS System", "first hit is the password problem");
	ok((h ? h->percent : 0) > 0, "first hit has a percent above 0 (%d)",
	    h ? h->percent : 0);
	is_int(h ? h->rank : 0, 1, "first hit has rank 1");
	is_str(h ? h->publication_title : NULL,
	    "PECOS Technical Assistance Contact Information",
	    "hit names its publication");
	like(h ? h->publication_source : NULL, CORPUS,
	    "hit names its source file");
	ok(factsheet_results_hit(r, factsheet_results_count(r)) == NULL,
	    "no hit past the end");
	test_json(r);
	factsheet_results_free(r);

	/* A number typed in another form finds the number in the text. */
	r = NULL;
	st = factsheet_db_search(db, "(866) 484-8049", NULL, &r);
	is_int(st, FACTSHEET_STATUS_SUCCESS, "search a phone number");
	h = r ? factsheet_results_hit(r, 0) : NULL;
	is_str(h && h->section ? h->section->heading : NULL,
	    "Navigating/Accessing PECOS Website",
	    "the phone number finds the EUS problem");
	factsheet_results_free(r);
}

/* Explaining a section the database does not hold fails, and says why
 * on the results. */
static void
test_explain_missing(shim_db_t *shim)
{
	shim_query_t q = { 0 };
	shim_mset_t *m = NULL;
	shim_term_weight_t *rows = NULL;
	size_t n = 0;

	q.policy = &search_policy;
	q.query = "pecos";
	q.limit = 5;
	q.same_publication_share = 1;
	is_int(shim_db_search(shim, &q, &m), FACTSHEET_STATUS_SUCCESS,
	    "shim: a search to explain");
	if (m == NULL)
		return;
	is_str(shim_mset_error(m), "", "shim: no explain error yet");
	ok(shim_mset_explain(m, "no-such-publication#none", &rows, &n) !=
	    FACTSHEET_STATUS_SUCCESS, "shim: explaining a missing section "
	    "fails");
	ok(contains(shim_mset_error(m), "no longer in the database"),
	    "shim: and says why (%s)", shim_mset_error(m));
	is_int(n, 0, "shim: no rows for it");
	ok(rows == NULL, "shim: no array for it");
	shim_mset_free(m);
}

/*
 * Explaining a hit whose section the writer DB has since replaced fails,
 * and the results say why, as the Xapian layer put it.
 */
static void
test_explain_replaced(factsheet_db_t *db, const factsheet_publication_t *pub)
{
	static const char text[] = "# Something else\n\nNothing about "
	    "passwords here.\n";
	factsheet_publication_t *other = NULL;
	factsheet_results_t *r = NULL;
	factsheet_explain_t *terms = NULL;
	char *msg = NULL;
	size_t n = 0;

	is_int(factsheet_db_search(db, "password expired", NULL, &r),
	    FACTSHEET_STATUS_SUCCESS, "explain replaced: a search");
	is_int(factsheet_publication_parse(pub->source, text,
	    sizeof text - 1, &other, &msg), FACTSHEET_STATUS_SUCCESS,
	    "explain replaced: another text for the same file");
	is_int(other != NULL ? factsheet_db_add_publication(db, other) :
	    FACTSHEET_STATUS_BAD_INPUT, FACTSHEET_STATUS_SUCCESS,
	    "explain replaced: the file's sections replaced");
	if (r != NULL) {
		cmp_ok(factsheet_results_explain(r, 0, &terms, &n), !=,
		    FACTSHEET_STATUS_SUCCESS,
		    "explain replaced: explaining a hit gone fails");
		ok(contains(factsheet_results_last_error(r),
		    "no longer in the database"),
		    "explain replaced: the results say why (%s)",
		    factsheet_results_last_error(r));
		ok(terms == NULL, "explain replaced: no terms");
	}
	is_int(factsheet_db_add_publication(db, pub),
	    FACTSHEET_STATUS_SUCCESS, "explain replaced: the file back");
	factsheet_publication_free(other);
	factsheet_results_free(r);
	free(msg);
}

/* The heading of RESULTS' first hit, or "". */
static const char *
first_heading(const factsheet_results_t *r)
{
	const factsheet_hit_t *h = r != NULL && factsheet_results_count(r) > 0
	    ? factsheet_results_hit(r, 0) : NULL;

	return h != NULL && h->section != NULL ? h->section->heading : "";
}

/* Runs QUERY on DB: its first hit is headed FIRST unless FIRST is NULL,
 * and it has COUNT hits unless COUNT is negative. */
static void
names_search(factsheet_db_t *db, const char *query, const char *first,
	     int count, const char *what)
{
	factsheet_results_t *r = NULL;

	is_int(factsheet_db_search(db, query, NULL, &r),
	    FACTSHEET_STATUS_SUCCESS, "names: '%s' runs", query);
	if (first != NULL)
		is_str(first_heading(r), first, "names: '%s': %s", query, what);
	if (count >= 0)
		is_int(r != NULL ? (int)factsheet_results_count(r) : 0, count,
		    "names: '%s': %s", query, what);
	factsheet_results_free(r);
}

/*
 * A name written with dots is one thing: "login.gov" asks for the
 * section naming Login.gov, not for one that has "login" and "gov" more
 * often, apart; and "login" alone still finds Login.gov.
 */
static void
test_dotted_names(void)
{
	static const char text[] = "# Help\n\n## Account\n\n"
	    "Ask Login.gov for help: write to help@login.gov.\n\n"
	    "## Sign-in\n\n"
	    "The login page of each gov site has help: help for the login, "
	    "help for gov sites.\n";
	char *path = tmp_path("names-db"), *msg = NULL;
	factsheet_publication_t *pub = NULL;
	factsheet_db_t *db = NULL;

	is_int(factsheet_publication_parse("names.md", text, sizeof text - 1,
	    &pub, &msg), FACTSHEET_STATUS_SUCCESS, "names: parses");
	is_int(factsheet_db_open(path, FACTSHEET_DB_READ_WRITE, &db, &msg),
	    FACTSHEET_STATUS_SUCCESS, "names: a writer");
	if (db != NULL && pub != NULL) {
		is_int(factsheet_db_add_publication(db, pub),
		    FACTSHEET_STATUS_SUCCESS, "names: indexed");
		is_int(factsheet_db_commit(db), FACTSHEET_STATUS_SUCCESS,
		    "names: committed");
		names_search(db, "login.gov help", "Account", -1,
		    "finds the section naming it");
		names_search(db, "login.gov", NULL, 1,
		    "alone finds only the section naming it");
		names_search(db, "help@login.gov", "Account", -1,
		    "an address holding a name finds its section");
		names_search(db, "login gov", NULL, 2,
		    "its words apart still find both sections");
	}
	factsheet_db_close(db);
	factsheet_publication_free(pub);
	free(msg);
	free(path);
}

/* Searches on a writer that has just committed, and on a reader. */
static void
test_searches(const factsheet_publication_t *pub)
{
	char *path = tmp_path("search-db"), *msg = NULL;
	factsheet_db_t *db = NULL;

	is_int(factsheet_db_open(path, FACTSHEET_DB_READ_WRITE, &db, &msg),
	    FACTSHEET_STATUS_SUCCESS, "search: a writer");
	if (db != NULL) {
		is_int(factsheet_db_add_publication(db, pub),
		    FACTSHEET_STATUS_SUCCESS, "search: the bundled file "
		    "indexed");
		is_int(factsheet_db_commit(db), FACTSHEET_STATUS_SUCCESS,
		    "search: committed");
		test_bad_queries(db);
		test_search(db);
		test_explain_replaced(db, pub);
		is_int(factsheet_db_commit(db), FACTSHEET_STATUS_SUCCESS,
		    "search: committed again");
	}
	factsheet_db_close(db);
	db = NULL;
	free(msg);
	msg = NULL;
	is_int(factsheet_db_open(path, FACTSHEET_DB_READ_ONLY, &db, &msg),
	    FACTSHEET_STATUS_SUCCESS, "search: a reader");
	if (db != NULL)
		test_search(db);
	factsheet_db_close(db);
	free(msg);
	free(path);
}

/* The Xapian layer's own search and explain, on a reader. */
static void
test_shim_search(const factsheet_publication_t *pub)
{
	char *path = tmp_path("shim-search-db"), *msg = NULL;
	shim_db_t *shim = NULL;

	ok(build_db(path, pub) == 0, "shim search: a database built");
	is_int(shim_db_open(path, 0, &shim, &msg), FACTSHEET_STATUS_SUCCESS,
	    "shim search: opened");
	if (shim != NULL)
		test_explain_missing(shim);
	shim_db_close(shim);
	free(msg);
	free(path);
}

/*
 * Queries that need the words' positions (phrases, field words, a phone
 * number, which the parser makes a phrase) and plain ones, whose words
 * as a phrase lift the hits holding it.
 */
static const char *const positional_queries[] = {
	"\"expired password\"", "\"password expired\"", "\"password days\"",
	"\"days password\"", "problem:password", "solution:password",
	"solution:\"reset your password\"", "problem:pass*", "heading:pecos",
	"contact:help", "1-866-484-8049", "\"help desk\" phone",
	"password expired", "who do I call about my application",
	"pecos website is slow", "reset my password", "\"the\"",
	"title:pecos", "kind:problem password", "password -\"passwords expire\"",
	"\"I&A System\" help", "problem:\"website slow\"", "\"pecos slow\"",
};

/* QUERY's answer from the database at PATH: the total, then each hit's
 * section; malloc'd.  (Percentages can differ: Xapian scales them by how
 * many of the query's words the best hit holds, and a phrase's words
 * count apart only where the index has positions.) */
static char *
answer(const char *path, const char *query)
{
	factsheet_db_t *db = NULL;
	factsheet_results_t *r = NULL;
	factsheet_search_options_t all = { .limit = 100 };
	char *msg = NULL, *out;

	if (factsheet_db_open(path, FACTSHEET_DB_READ_ONLY, &db, &msg) !=
	    FACTSHEET_STATUS_SUCCESS ||
	    factsheet_db_search(db, query, &all, &r) !=
	    FACTSHEET_STATUS_SUCCESS) {
		out = str_printf("(error)");
	} else {
		out = str_printf("%lu:", factsheet_results_total(r));
		for (size_t i = 0; out && i < factsheet_results_count(r);
		    i++) {
			const factsheet_hit_t *h = factsheet_results_hit(r, i);
			char *more = str_printf("%s %s", out,
			    h->section->slug);
			free(out);
			out = more;
		}
	}
	factsheet_results_free(r);
	factsheet_db_close(db);
	free(msg);
	return out;
}

/*
 * Queries of each class (phrases, field words and phrases, wildcards, a
 * phone number, boolean) against what the bundled file holds.
 */
static void
test_query_classes(const factsheet_publication_t *pub)
{
	char *path = tmp_path("classes.db");
	size_t errors = 0, n = sizeof positional_queries /
	    sizeof positional_queries[0];

	ok(build_db(path, pub) == 0, "classes: an index built");
	for (size_t i = 0; i < n; i++) {
		char *a = answer(path, positional_queries[i]);

		if (a == NULL || strcmp(a, "(error)") == 0) {
			printf("# %s: %s\n", positional_queries[i],
			    a ? a : "(null)");
			errors++;
		}
		free(a);
	}
	is_int(errors, 0, "classes: %zu queries run", n);
	{
		char *phrase = answer(path, "\"days password\"");
		char *words = answer(path, "days password");
		char *field = answer(path, "solution:eus");
		char *other = answer(path, "problem:eus");

		is_str(phrase, "0:", "classes: a phrase whose words are all "
		    "there, out of order, matches nothing");
		ok(words != NULL && strcmp(words, "0:") != 0, "classes: its "
		    "words apart match (%s)", words ? words : "(null)");
		ok(field != NULL && strcmp(field, "0:") != 0, "classes: a "
		    "field word matches in its field (%s)",
		    field ? field : "(null)");
		is_str(other, "0:", "classes: and only there");
		free(phrase);
		free(words);
		free(field);
		free(other);
	}
	free(path);
}

/* Searches DB for QUERY with OPTIONS; the status, the results in *R. */
static factsheet_status_t
search_with(factsheet_db_t *db, const char *query, double time_limit,
	    factsheet_results_t **r)
{
	factsheet_search_options_t o = { .limit = 10,
	    .time_limit = time_limit };

	return factsheet_db_search(db, query, &o, r);
}

/* QUERY's status on DB, and whether the message holds WANT. */
static int
refused(factsheet_db_t *db, const char *query, const char *want)
{
	factsheet_results_t *r = NULL;
	factsheet_status_t st = factsheet_db_search(db, query, NULL, &r);

	factsheet_results_free(r);
	if (st != FACTSHEET_STATUS_BAD_QUERY)
		return 0;
	printf("# %s\n", factsheet_db_last_error(db));
	return strstr(factsheet_db_last_error(db), want) != NULL;
}

/* QUERY made of COUNT copies of PIECE. */
static char *
repeat(const char *piece, size_t count)
{
	strbuf_t b = { 0 };

	for (size_t i = 0; i < count; i++)
		strbuf_printf(&b, "%s", piece);
	return strbuf_finish(&b);
}

/*
 * Bounded work per query (issue 20): one section repeating two words
 * 40,000 times, which took minutes when phrases were checked by indexing
 * candidates again; caps on words, phrases and wildcards typed; and a
 * time limit that returns what it has, marked partial.
 */
static void
test_bounded_work(const factsheet_publication_t *pub)
{
	char *md = tmp_path("repeated.md");
	char *path = tmp_path("bounded.db");
	char *msg = NULL, *json = NULL, *q;
	factsheet_publication_t *rep = NULL;
	factsheet_db_t *db = NULL;
	factsheet_results_t *r = NULL;
	FILE *f = fopen(md, "w");

	if (f != NULL) {
		fputs("# Repeated\n\n## Password help\n\n", f);
		for (int i = 0; i < 40000; i++)
			fputs("password expired today ", f);
		fputs("\n", f);
		fclose(f);
	}
	ok(f != NULL, "bounded: a section of 40,000 repetitions written");
	is_int(factsheet_publication_read_file(md, &rep, &msg),
	    FACTSHEET_STATUS_SUCCESS, "bounded: and read");
	free(msg);
	msg = NULL;
	is_int(factsheet_db_open(path, FACTSHEET_DB_READ_WRITE, &db, &msg),
	    FACTSHEET_STATUS_SUCCESS, "bounded: a writer");
	is_int(db ? factsheet_db_add_publication(db, pub) :
	    FACTSHEET_STATUS_LAST, FACTSHEET_STATUS_SUCCESS,
	    "bounded: the bundled file indexed");
	is_int(db && rep ? factsheet_db_add_publication(db, rep) :
	    FACTSHEET_STATUS_LAST, FACTSHEET_STATUS_SUCCESS,
	    "bounded: the repetitions indexed");
	is_int(db ? factsheet_db_commit(db) : FACTSHEET_STATUS_LAST,
	    FACTSHEET_STATUS_SUCCESS, "bounded: committed");
	factsheet_db_close(db);
	db = NULL;
	free(msg);
	msg = NULL;
	if (factsheet_db_open(path, FACTSHEET_DB_READ_ONLY, &db, &msg) !=
	    FACTSHEET_STATUS_SUCCESS) {
		ok(0, "bounded: opened for reading (%s)", msg ? msg : "");
		goto out;
	}
	is_int(search_with(db, "password expired", 0, &r),
	    FACTSHEET_STATUS_SUCCESS, "bounded: plain words, lifted as a "
	    "phrase");
	ok(r != NULL && factsheet_results_count(r) > 0, "bounded: found "
	    "(%zu)", r ? factsheet_results_count(r) : 0);
	is_int(r ? factsheet_results_partial(r) : -1, 0, "bounded: whole");
	factsheet_results_free(r);
	r = NULL;
	is_int(search_with(db, "\"today expired password\"", 0, &r),
	    FACTSHEET_STATUS_SUCCESS, "bounded: a phrase never there");
	is_int(r ? (int)factsheet_results_count(r) : -1, 0,
	    "bounded: matches nothing");
	factsheet_results_free(r);
	r = NULL;
	is_int(search_with(db, "\"expired today password\"", 0, &r),
	    FACTSHEET_STATUS_SUCCESS, "bounded: a phrase there 39,999 "
	    "times");
	is_int(r ? (int)factsheet_results_count(r) : -1, 1,
	    "bounded: matches its section");
	factsheet_results_free(r);
	r = NULL;

	/* A limit no match can keep: stopped at once, and said so. */
	is_int(search_with(db, "password OR expired OR pecos", 1e-9, &r),
	    FACTSHEET_STATUS_SUCCESS, "bounded: over the time limit, still "
	    "an answer");
	is_int(r ? factsheet_results_partial(r) : -1, 1, "bounded: marked "
	    "partial");
	json = r ? factsheet_results_to_json(r, "q", 0) : NULL;
	like(json, "\"partial\": true",
	    "bounded: \"partial\": true in the JSON");
	free(json);
	factsheet_results_free(r);
	r = NULL;
	is_int(search_with(db, "pecos", 0, &r), FACTSHEET_STATUS_SUCCESS,
	    "bounded: within the limit");
	json = r ? factsheet_results_to_json(r, "q", 0) : NULL;
	unlike(json, "partial",
	    "bounded: no \"partial\" in a whole answer's JSON");
	free(json);
	factsheet_results_free(r);
	r = NULL;

	q = repeat("word ", 129);
	ok(refused(db, q, "too many words (129; at most 128)"),
	    "bounded: 129 words refused");
	free(q);
	q = repeat("\"help desk\" ", 17);
	ok(refused(db, q, "too many quoted phrases (17; at most 16)"),
	    "bounded: 17 phrases refused");
	free(q);
	q = repeat("a* ", 9);
	ok(refused(db, q, "too many wildcards (9; at most 8)"),
	    "bounded: 9 wildcards refused");
	free(q);
	q = repeat("a* ", 8);
	is_int(search_with(db, q, 0, &r), FACTSHEET_STATUS_SUCCESS,
	    "bounded: 8 one-letter wildcards run");
	factsheet_results_free(r);
	r = NULL;
	free(q);
out:
	factsheet_db_close(db);
	factsheet_publication_free(rep);
	free(msg);
	free(md);
	free(path);
}

/*
 * A reader searching while another process commits as fast as it can
 * (issue 20, item 8): each search reopens and reads again when the
 * revision it read is gone, and none fails.
 */
static void
test_concurrent_writer(const factsheet_publication_t *pub)
{
	char *path = tmp_path("concurrent.db");
	char *msg = NULL;
	factsheet_db_t *db = NULL;
	int failures = 0, searches = 200;
	pid_t child;

	ok(build_db(path, pub) == 0, "concurrent: an index built");
	fflush(stdout);
	if ((child = fork()) == 0) {
		factsheet_db_t *w = NULL;
		char *m = NULL;

		if (factsheet_db_open(path, FACTSHEET_DB_READ_WRITE, &w, &m) !=
		    FACTSHEET_STATUS_SUCCESS)
			_exit(1);
		for (;;)
			if (factsheet_db_add_publication(w, pub) !=
			    FACTSHEET_STATUS_SUCCESS ||
			    factsheet_db_commit(w) != FACTSHEET_STATUS_SUCCESS)
				_exit(1);
	}
	if (child > 0 && factsheet_db_open(path, FACTSHEET_DB_READ_ONLY, &db,
	    &msg) == FACTSHEET_STATUS_SUCCESS) {
		for (int i = 0; i < searches; i++) {
			factsheet_results_t *r = NULL;

			if (factsheet_db_search(db, i % 2 ? "password expired" :
			    "solution:\"external user services\"", NULL, &r) !=
			    FACTSHEET_STATUS_SUCCESS ||
			    factsheet_results_count(r) == 0) {
				printf("# %s\n", factsheet_db_last_error(db));
				failures++;
			}
			factsheet_results_free(r);
		}
	} else {
		failures = -1;
	}
	if (child > 0) {
		int status = 0;

		kill(child, SIGKILL);
		waitpid(child, &status, 0);
		ok(WIFSIGNALED(status), "concurrent: the writer committed "
		    "until stopped");
	}
	is_int(failures, 0, "concurrent: %d searches under a writer, none "
	    "failed", searches);
	factsheet_db_close(db);
	free(msg);
	free(path);
}

/*
 * A local shard and a remote one nobody serves (port 1 refuses): opened
 * with missing_ok, the search gives the local shard's hits and names the
 * other as missing; without it, opening fails naming it; with no shard
 * answering, it fails naming them all.
 */
static void
test_missing_shards(const factsheet_publication_t *pub)
{
	char *path = tmp_path("missing-shards.db"), *msg = NULL;
	const char *dead = "tcp://127.0.0.1:1";
	const char *paths[] = { path, dead };
	const char *both_dead[] = { "tcp://127.0.0.1:2", dead };
	shim_query_t q = { 0 };
	shim_mset_t *m = NULL;
	shim_db_t *shim = NULL;
	const char *const *missing;
	size_t n = 0;

	ok(build_db(path, pub) == 0, "missing shards: a database built");
	is_int(shim_db_open_shards(paths, 2, NULL, 0, 500, 0, &shim, &msg),
	    FACTSHEET_STATUS_XAPIAN_EXCEPTION,
	    "missing shards: without missing_ok, opening fails");
	ok(shim == NULL, "missing shards: and gives no database");
	ok(contains(msg, dead), "missing shards: naming the shard (%s)",
	    msg ? msg : "(null)");
	free(msg);
	msg = NULL;
	is_int(shim_db_open_shards(paths, 2, NULL, 0, 500, 1, &shim, &msg),
	    FACTSHEET_STATUS_SUCCESS,
	    "missing shards: with missing_ok, opened");
	ok(msg == NULL, "missing shards: no message");
	q.policy = &search_policy;
	q.query = "pecos";
	q.limit = 5;
	q.same_publication_share = 1;
	is_int(shim ? shim_db_search(shim, &q, &m) : -1,
	    FACTSHEET_STATUS_SUCCESS, "missing shards: a search");
	if (m != NULL) {
		ok(shim_mset_size(m) > 0, "missing shards: the local hits");
		missing = shim_mset_missing(m, &n);
		is_size(n, 1, "missing shards: one missing");
		is_str(missing ? missing[0] : NULL, dead,
		    "missing shards: the remote one");
	}
	shim_mset_free(m);
	is_int(shim ? shim_db_reopen(shim) : -1, FACTSHEET_STATUS_SUCCESS,
	    "missing shards: a reopen");
	shim_db_close(shim);
	shim = NULL;
	ok(shim_db_open_shards(both_dead, 2, NULL, 0, 500, 1, &shim, &msg) !=
	    FACTSHEET_STATUS_SUCCESS, "missing shards: none answers: fails");
	ok(shim == NULL, "missing shards: and gives no database");
	ok(contains(msg, "no shard answers"), "missing shards: says so (%s)",
	    msg ? msg : "(null)");
	ok(contains(msg, both_dead[0]), "missing shards: names the first");
	ok(contains(msg, both_dead[1]), "missing shards: and the second");
	free(msg);
	free(path);
}

int
main(void)
{
	factsheet_publication_t *pub;

	if (xapian_tests_start("test-xapian-search") != 0)
		return 1;
	pub = read_corpus(CORPUS);
	ok(pub != NULL, "the bundled file parses");
	if (pub != NULL) {
		test_searches(pub);
		test_dotted_names();
		test_shim_search(pub);
		test_query_classes(pub);
		test_bounded_work(pub);
		test_concurrent_writer(pub);
		test_missing_shards(pub);
	}
	factsheet_publication_free(pub);
	xapian_tests_end();
	return done_testing();
}
