/*
 * test-shim.c - the database layer's failures as statuses and messages
 * (missing, not a database, locked, corrupt, bad queries), through the
 * public factsheet_db_* API and the private shim_db_* functions, one
 * round trip of indexing and searching the bundled fact sheet, and a
 * reader reading on while a writer commits under it.
 */
#include <config.h>

#include <ftw.h>
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

#define CORPUS "corpus/pecos-technical-assistance-contacts.txt"

static char tmpdir[] = "/tmp/factsheet-test-shim-XXXXXX";

/* A path inside the test's temporary directory; free it. */
static char *
tmp_path(const char *name)
{
	return str_printf("%s/%s", tmpdir, name);
}

static void
remove_tmpdir(void)
{
	remove_tree(tmpdir);
}

static factsheet_publication_t *
read_corpus(const char *relative)
{
	const char *top = getenv("top_srcdir");
	char *path = str_printf("%s/%s", top ? top : ".", relative);
	factsheet_publication_t *pub = NULL;
	char *msg = NULL;

	if (factsheet_publication_read_file(path, &pub, &msg) !=
	    FACTSHEET_STATUS_SUCCESS)
		printf("# %s\n", msg ? msg : "cannot read the corpus");
	free(msg);
	free(path);
	return pub;
}

/* Writes garbage over the whole file at PATH, keeping its size. */
static int
scribble(const char *path)
{
	char junk[4096];
	FILE *f = fopen(path, "r+b");
	long size;

	if (f == NULL)
		return -1;
	for (size_t i = 0; i < sizeof junk; i++)
		junk[i] = (char)(0xa5 ^ (i * 37));
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	rewind(f);
	for (long done = 0; done < size; done += (long)sizeof junk)
		fwrite(junk, 1, size - done < (long)sizeof junk ?
		    (size_t)(size - done) : sizeof junk, f);
	return fclose(f);
}

/* Builds a database of the bundled file at PATH, then closes it, opened
 * in MODE. */
static int
build_db_in(const char *path, const factsheet_publication_t *pub,
	    factsheet_db_mode_t mode)
{
	factsheet_db_t *db = NULL;
	char *msg = NULL;
	int rc = -1;

	if (factsheet_db_open(path, mode, &db, &msg) ==
	    FACTSHEET_STATUS_SUCCESS &&
	    factsheet_db_add_publication(db, pub) ==
	    FACTSHEET_STATUS_SUCCESS &&
	    factsheet_db_commit(db) == FACTSHEET_STATUS_SUCCESS)
		rc = 0;
	else if (msg != NULL)
		printf("# %s\n", msg);
	factsheet_db_close(db);
	free(msg);
	return rc;
}

static int
build_db(const char *path, const factsheet_publication_t *pub)
{
	return build_db_in(path, pub, FACTSHEET_DB_READ_WRITE);
}

static void
test_status_strings(void)
{
	size_t empty = 0, same = 0;

	for (int s = 0; s < FACTSHEET_STATUS_LAST; s++) {
		const char *str = factsheet_status_to_string(s);

		if (str == NULL || str[0] == '\0')
			empty++;
		for (int t = 0; str && t < s; t++)
			if (strcmp(str, factsheet_status_to_string(t)) == 0)
				same++;
	}
	is_int(empty, 0, "every status has a non-empty string");
	is_int(same, 0, "no two statuses share a string");
	ok(factsheet_status_to_string(FACTSHEET_STATUS_LAST) != NULL &&
	    factsheet_status_to_string(FACTSHEET_STATUS_LAST)[0] != '\0',
	    "an out-of-range status still has a string");
}

static void
test_null_safe(void)
{
	factsheet_db_close(NULL);
	factsheet_results_free(NULL);
	factsheet_publication_free(NULL);
	shim_db_close(NULL);
	shim_mset_free(NULL);
	ok(1, "close and free functions accept NULL");
}

static void
test_open_errors(void)
{
	char *missing = tmp_path("missing"), *file = tmp_path("file.txt");
	char *deep = tmp_path("no/such/dir/db");
	factsheet_db_t *db = (factsheet_db_t *)&db;
	shim_db_t *shim = (shim_db_t *)&shim;
	char *msg = NULL;
	factsheet_status_t st;
	FILE *f;

	st = factsheet_db_open(missing, FACTSHEET_DB_READ_ONLY, &db, &msg);
	is_int(st, FACTSHEET_STATUS_DATABASE_NOT_FOUND,
	    "missing database, read-only: not found");
	ok(db == NULL, "missing database: no handle");
	ok(contains(msg, missing), "missing database: message names the "
	    "path (%s)", msg ? msg : "(null)");
	free(msg);

	st = shim_db_open(missing, 0, &shim, &msg);
	is_int(st, FACTSHEET_STATUS_DATABASE_NOT_FOUND,
	    "shim: missing database is not found");
	ok(shim == NULL, "shim: no handle on failure");
	ok(contains(msg, missing), "shim: message names the path (%s)",
	    msg ? msg : "(null)");
	free(msg);
	shim_db_close(shim);

	/* An empty directory is no database either. */
	mkdir(missing, 0700);
	st = factsheet_db_open(missing, FACTSHEET_DB_READ_ONLY, &db, &msg);
	is_int(st, FACTSHEET_STATUS_DATABASE_NOT_FOUND,
	    "empty directory, read-only: not found");
	ok(contains(msg, missing), "empty directory: message names it");
	free(msg);
	rmdir(missing);

	f = fopen(file, "w");
	fputs("not a database\n", f);
	fclose(f);
	db = (factsheet_db_t *)&db;
	st = factsheet_db_open(file, FACTSHEET_DB_READ_ONLY, &db, &msg);
	ok(st != FACTSHEET_STATUS_SUCCESS, "a regular file is not a database "
	    "(%s)", factsheet_status_to_string(st));
	ok(db == NULL, "regular file: no handle");
	ok(contains(msg, file), "regular file: message names it (%s)",
	    msg ? msg : "(null)");
	free(msg);

	st = factsheet_db_open(file, FACTSHEET_DB_READ_WRITE, &db, &msg);
	ok(st != FACTSHEET_STATUS_SUCCESS, "regular file, read-write: error");
	ok(contains(msg, file), "regular file, read-write: message names it");
	free(msg);

	/* Past the public API's own check, Xapian must refuse it too. */
	shim = (shim_db_t *)&shim;
	st = shim_db_open(file, 0, &shim, &msg);
	ok(st != FACTSHEET_STATUS_SUCCESS, "shim: a regular file is refused "
	    "(%s)", factsheet_status_to_string(st));
	ok(shim == NULL, "shim: regular file gives no handle");
	ok(contains(msg, file), "shim: regular file named (%s)",
	    msg ? msg : "(null)");
	free(msg);

	st = factsheet_db_open(deep, FACTSHEET_DB_READ_WRITE, &db, &msg);
	ok(st != FACTSHEET_STATUS_SUCCESS, "cannot create under a missing "
	    "directory (%s)", factsheet_status_to_string(st));
	ok(db == NULL, "missing parent: no handle");
	ok(contains(msg, deep), "missing parent: message names the path");
	free(msg);

	free(missing);
	free(file);
	free(deep);
}

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
	ok(factsheet_db_last_error(db)[0] != '\0' &&
	    contains(factsheet_db_last_error(db), word),
	    "%s: message says '%s' (%s)", what, word,
	    factsheet_db_last_error(db));
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
	ok(json_is_array(results) && json_array_size(results) ==
	    factsheet_results_count(r), "JSON: one result per hit");
	ok(json_is_integer(json_object_get(root, "total")), "JSON: a total");
	is_str(json_string_value(json_object_get(first, "heading")),
	    "Accessing the PECOS System", "JSON: first heading");
	is_int(json_integer_value(json_object_get(first, "rank")), 1,
	    "JSON: first rank");
	ok(contains(json_string_value(json_object_get(first, "snippet")),
	    "<mark>"), "JSON: the snippet marks matches");
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
	ok(h && h->percent > 0, "first hit has a percent above 0");
	is_int(h ? h->rank : 0, 1, "first hit has rank 1");
	is_str(h ? h->publication_title : NULL,
	    "PECOS Technical Assistance Contact Information",
	    "hit names its publication");
	ok(h && contains(h->publication_source, CORPUS),
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

static void
test_round_trip(const factsheet_publication_t *pub)
{
	char *path = tmp_path("db"), *msg = (char *)"sentinel";
	factsheet_db_t *db = NULL, *other = (factsheet_db_t *)&other;
	factsheet_publication_t *again;
	unsigned long count = 0, after = 0;
	factsheet_status_t st;

	st = factsheet_db_open(path, FACTSHEET_DB_READ_WRITE, &db, &msg);
	is_int(st, FACTSHEET_STATUS_SUCCESS, "create a database");
	ok(msg == NULL, "no message on success");
	if (db == NULL) {
		free(path);
		return;
	}
	is_int(factsheet_db_add_publication(db, pub),
	    FACTSHEET_STATUS_SUCCESS, "index the bundled file");
	is_int(factsheet_db_commit(db), FACTSHEET_STATUS_SUCCESS, "commit");
	is_int(factsheet_db_count(db, &count), FACTSHEET_STATUS_SUCCESS,
	    "count");
	is_int(count, pub->n_sections, "one document per section (%zu)",
	    pub->n_sections);

	/* The lock: one writer at a time. */
	st = factsheet_db_open(path, FACTSHEET_DB_READ_WRITE, &other, &msg);
	is_int(st, FACTSHEET_STATUS_DATABASE_LOCKED, "a second writer is "
	    "refused as locked");
	ok(other == NULL, "second writer: no handle");
	ok(contains(msg, "locked"), "second writer: message says locked "
	    "(%s)", msg ? msg : "(null)");
	ok(contains(msg, path), "second writer: message names the path");
	free(msg);

	test_bad_queries(db);
	test_search(db);

	/* Indexing the file again replaces its sections. */
	again = read_corpus("corpus/../" CORPUS);
	ok(again != NULL, "the file read under another spelling");
	if (again != NULL)
		is_str(again->id, pub->id, "same file, same publication id");
	is_int(factsheet_db_add_publication(db, again ? again : pub),
	    FACTSHEET_STATUS_SUCCESS, "index the same file again");
	is_int(factsheet_db_add_publication(db, pub),
	    FACTSHEET_STATUS_SUCCESS, "and a third time");
	is_int(factsheet_db_commit(db), FACTSHEET_STATUS_SUCCESS,
	    "commit again");
	factsheet_db_count(db, &after);
	is_int(after, count, "re-adding replaces, not duplicates (%lu)", after);
	factsheet_publication_free(again);
	factsheet_db_close(db);

	/* A reader sees what was committed, and cannot write. */
	st = factsheet_db_open(path, FACTSHEET_DB_READ_ONLY, &db, &msg);
	is_int(st, FACTSHEET_STATUS_SUCCESS, "reopen read-only");
	if (db != NULL) {
		after = 0;
		factsheet_db_count(db, &after);
		is_int(after, count, "the reader counts the same sections");
		st = factsheet_db_add_publication(db, pub);
		ok(st != FACTSHEET_STATUS_SUCCESS, "a reader cannot index "
		    "(%s)", factsheet_status_to_string(st));
		ok(factsheet_db_last_error(db)[0] != '\0',
		    "read-only add: a message (%s)",
		    factsheet_db_last_error(db));
		test_search(db);
	}
	factsheet_db_close(db);
	free(msg);
	free(path);
}

/* Expects opening, counting or searching PATH to report corruption. */
static void
expect_corrupt(const char *path, const char *what)
{
	factsheet_db_t *db = NULL;
	factsheet_results_t *r = NULL;
	char *msg = NULL;
	const char *where = "open";
	factsheet_status_t st;

	st = factsheet_db_open(path, FACTSHEET_DB_READ_ONLY, &db, &msg);
	if (st == FACTSHEET_STATUS_SUCCESS) {
		where = "search";
		st = factsheet_db_search(db, "password", NULL, &r);
		msg = str_printf("%s", factsheet_db_last_error(db));
	}
	ok(st != FACTSHEET_STATUS_SUCCESS, "%s: an error on %s", what, where);
	is_int(st, FACTSHEET_STATUS_DATABASE_CORRUPT, "%s: corrupt (%s)",
	    what, factsheet_status_to_string(st));
	ok(msg != NULL && msg[0] != '\0', "%s: a message (%s)", what,
	    msg ? msg : "(null)");
	factsheet_results_free(r);
	factsheet_db_close(db);
	free(msg);
}

static void
test_corrupt(const factsheet_publication_t *pub)
{
	char *db1 = tmp_path("corrupt-postlist");
	char *db2 = tmp_path("corrupt-version");
	char *file;

	ok(build_db(db1, pub) == 0, "build a database to damage");
	file = str_printf("%s/postlist.glass", db1);
	ok(scribble(file) == 0, "overwrite postlist.glass");
	free(file);
	expect_corrupt(db1, "garbage postlist");

	ok(build_db(db2, pub) == 0, "build another database to damage");
	file = str_printf("%s/iamglass", db2);
	ok(scribble(file) == 0, "overwrite iamglass");
	free(file);
	expect_corrupt(db2, "garbage version file");

	free(db1);
	free(db2);
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

static void
test_shim_direct(const factsheet_publication_t *pub)
{
	char *path = tmp_path("shim-db"), *msg = NULL;
	shim_db_t *shim = NULL;
	shim_document_t doc = { 0 };
	unsigned long count = 0;
	factsheet_status_t st;

	ok(build_db(path, pub) == 0, "build a database for the shim");
	st = shim_db_open(path, 0, &shim, &msg);
	is_int(st, FACTSHEET_STATUS_SUCCESS, "shim: open read-only");
	ok(msg == NULL, "shim: no message on success");
	if (shim == NULL) {
		free(msg);
		free(path);
		return;
	}
	is_str(shim_db_error(shim), "", "shim: no error yet");
	is_int(shim_db_count(shim, &count), FACTSHEET_STATUS_SUCCESS,
	    "shim: count");
	is_int(count, pub->n_sections, "shim: one document per section");
	doc.id = "x#y";
	doc.kind = "section";
	doc.data = "{}";
	st = shim_db_replace_publication(shim, "x", &doc, 1);
	ok(st != FACTSHEET_STATUS_SUCCESS, "shim: read-only cannot replace");
	ok(contains(shim_db_error(shim), "read-only"),
	    "shim: the error says read-only (%s)", shim_db_error(shim));
	is_int(shim_db_commit(shim), FACTSHEET_STATUS_SUCCESS,
	    "shim: commit on a reader does nothing");
	test_explain_missing(shim);
	shim_db_close(shim);
	free(path);
}

/* The files a commit writes, for the writeback helper: the database's
 * regular files, not its lexicon's, nor a hidden file or a link. */
static void
test_table_files(const factsheet_publication_t *pub)
{
	char *path = tmp_path("tables-db"), *msg = NULL;
	char *hidden = str_printf("%s/.hidden", path);
	char *link = str_printf("%s/link", path);
	char *postlist = str_printf("%s/postlist.glass", path);
	char *version = str_printf("%s/iamglass", path);
	char **files = NULL;
	size_t n = 0, in_lexicon = 0, found_postlist = 0, found_version = 0;
	size_t others = 0;
	shim_db_t *shim = NULL;
	FILE *f;

	ok(build_db(path, pub) == 0, "tables: a database built");
	if ((f = fopen(hidden, "w")) != NULL)
		fclose(f);
	ok(f != NULL, "tables: a hidden file beside the tables");
	is_int(symlink(postlist, link), 0, "tables: a link to a table");
	is_int(shim_db_open(path, 0, &shim, &msg), FACTSHEET_STATUS_SUCCESS,
	    "tables: opened");
	is_int(shim ? shim_db_table_files(shim, &files, &n) : -1,
	    FACTSHEET_STATUS_SUCCESS, "tables: listed");
	for (size_t i = 0; i < n; i++) {
		if (strstr(files[i], "/lexicon") != NULL)
			in_lexicon++;
		else if (strcmp(files[i], postlist) == 0)
			found_postlist++;
		else if (strcmp(files[i], version) == 0)
			found_version++;
		else if (strcmp(files[i], hidden) == 0 ||
		    strcmp(files[i], link) == 0)
			others++;
	}
	is_int(found_postlist, 1, "tables: postlist.glass among them");
	is_int(found_version, 1, "tables: the version file among them");
	is_int(in_lexicon, 0, "tables: none of the lexicon's");
	is_int(others, 0, "tables: not the hidden file nor the link");
	ok(n >= 4, "tables: the database's tables (%zu files)", n);
	shim_strings_free(files, n);
	shim_db_close(shim);
	free(msg);
	free(hidden);
	free(link);
	free(postlist);
	free(version);
	free(path);
}

/*
 * Commits the publication again, three times, with metadata "churn" set
 * to a new value each time: a reader opened before holds a revision the
 * writer has since discarded (Xapian keeps the last two).
 */
static void
churn(factsheet_db_t *writer, const factsheet_publication_t *pub)
{
	static unsigned round;
	int failed = 0;

	for (int i = 0; i < 3; i++) {
		char *value = str_printf("%u", ++round);

		failed |= factsheet_db_add_publication(writer, pub) !=
		    FACTSHEET_STATUS_SUCCESS ||
		    shim_db_set_metadata(db_shim(writer), "churn", value) !=
		    FACTSHEET_STATUS_SUCCESS ||
		    factsheet_db_commit(writer) != FACTSHEET_STATUS_SUCCESS;
		free(value);
	}
	ok(!failed, "the writer commits three times more");
}

/*
 * Every read of a reader goes on after a writer has committed under it:
 * the shim reopens the database and reads again, rather than failing
 * with DATABASE_MODIFIED (or, for --explain, giving nothing).
 */
static void
test_stale_reader(const factsheet_publication_t *pub)
{
	char *path = tmp_path("stale-db"), *msg = NULL, *value = NULL;
	char *thesaurus = str_printf("%s/corpus/thesaurus.txt",
	    getenv("top_srcdir") ? getenv("top_srcdir") : ".");
	char **keys = NULL, **values = NULL, **data = NULL, **phrases = NULL;
	size_t n_keys = 0, n_data = 0, n_phrases = 0, n_terms = 0;
	factsheet_db_t *writer = NULL, *reader = NULL;
	factsheet_results_t *r = NULL;
	factsheet_explain_t *terms = NULL;
	unsigned long count = 0;
	factsheet_status_t st;

	st = factsheet_db_open(path, FACTSHEET_DB_READ_WRITE, &writer, &msg);
	is_int(st, FACTSHEET_STATUS_SUCCESS, "stale: open a writer");
	if (writer == NULL)
		goto out;
	is_int(factsheet_db_set_thesaurus(writer, thesaurus),
	    FACTSHEET_STATUS_SUCCESS, "stale: the thesaurus, for phrases");
	churn(writer, pub);
	st = factsheet_db_open(path, FACTSHEET_DB_READ_ONLY, &reader, &msg);
	is_int(st, FACTSHEET_STATUS_SUCCESS, "stale: open a reader");
	if (reader == NULL)
		goto out;

	churn(writer, pub);
	st = factsheet_db_search(reader, "password expired", NULL, &r);
	is_int(st, FACTSHEET_STATUS_SUCCESS, "stale: search (%s)",
	    factsheet_db_last_error(reader));
	churn(writer, pub);
	st = r ? factsheet_results_explain(r, 0, &terms, &n_terms) :
	    FACTSHEET_STATUS_BAD_QUERY;
	is_int(st, FACTSHEET_STATUS_SUCCESS, "stale: explain the first hit");
	ok(n_terms > 0, "stale: explained by matched terms (%zu)", n_terms);

	churn(writer, pub);
	st = shim_db_get_metadata(db_shim(reader), "churn", &value);
	is_int(st, FACTSHEET_STATUS_SUCCESS, "stale: get metadata (%s)",
	    shim_db_error(db_shim(reader)));
	is_str(value, "12", "stale: the value last committed");
	churn(writer, pub);
	st = shim_db_metadata_list(db_shim(reader), "churn", &keys, &values,
	    &n_keys);
	is_int(st, FACTSHEET_STATUS_SUCCESS, "stale: list metadata (%s)",
	    shim_db_error(db_shim(reader)));
	is_int(n_keys, 1, "stale: one key listed");
	churn(writer, pub);
	st = shim_db_publication_data(db_shim(reader), pub->id, &data,
	    &n_data);
	is_int(st, FACTSHEET_STATUS_SUCCESS, "stale: a publication's "
	    "records (%s)", shim_db_error(db_shim(reader)));
	is_int(n_data, pub->n_sections, "stale: one record a section");
	churn(writer, pub);
	st = shim_db_phrases(db_shim(reader), &phrases, &n_phrases);
	is_int(st, FACTSHEET_STATUS_SUCCESS, "stale: thesaurus phrases (%s)",
	    shim_db_error(db_shim(reader)));
	ok(n_phrases > 0, "stale: phrases read (%zu)", n_phrases);
	churn(writer, pub);
	is_int(factsheet_db_count(reader, &count), FACTSHEET_STATUS_SUCCESS,
	    "stale: count");
	is_int(count, pub->n_sections, "stale: counts the sections");
out:
	factsheet_explain_free(terms, n_terms);
	factsheet_results_free(r);
	shim_strings_free(keys, n_keys);
	shim_strings_free(values, n_keys);
	shim_strings_free(data, n_data);
	shim_strings_free(phrases, n_phrases);
	free(value);
	factsheet_db_close(reader);
	factsheet_db_close(writer);
	free(thesaurus);
	free(msg);
	free(path);
}

/* The spelling correction of "pasword", or NULL; "(error)" on failure. */
static char *
correction(const char *path)
{
	factsheet_db_t *db = NULL;
	factsheet_results_t *r = NULL;
	char *msg = NULL, *out = NULL;

	if (factsheet_db_open(path, FACTSHEET_DB_READ_ONLY, &db, &msg) !=
	    FACTSHEET_STATUS_SUCCESS ||
	    factsheet_db_search(db, "pasword", NULL, &r) !=
	    FACTSHEET_STATUS_SUCCESS)
		out = str_printf("(error)");
	else if (factsheet_results_corrected(r) != NULL)
		out = str_printf("%s", factsheet_results_corrected(r));
	factsheet_results_free(r);
	factsheet_db_close(db);
	free(msg);
	return out;
}

/* The database at PATH opened read-only through the shim, or NULL. */
static shim_db_t *
shim_reader(const char *path)
{
	shim_db_t *shim = NULL;
	char *msg = NULL;

	shim_db_open(path, 0, &shim, &msg);
	free(msg);
	return shim;
}

/* How many metadata keys starting with PREFIX the database at PATH
 * has; -1 on error. */
static long
count_keys(const char *path, const char *prefix)
{
	shim_db_t *shim = shim_reader(path);
	char **keys = NULL, **values = NULL;
	size_t n = 0;
	long out = -1;

	if (shim != NULL && shim_db_metadata_list(shim, prefix, &keys,
	    &values, &n) == FACTSHEET_STATUS_SUCCESS)
		out = (long)n;
	shim_strings_free(keys, n);
	shim_strings_free(values, n);
	shim_db_close(shim);
	return out;
}

/* How many batches of spelling words the documents' database at PATH
 * records for the lexicon; -1 on error. */
static long
pending_records(const char *path)
{
	return count_keys(path, "spelling-pending:");
}

/* How many batches the lexicon of the database at PATH marks as added;
 * -1 on error. */
static long
lexicon_marks(const char *path)
{
	char *lexicon = str_printf("%s/lexicon", path);
	long n = count_keys(lexicon, "applied:");

	free(lexicon);
	return n;
}

/* How often "password" is in the spelling data at PATH; -1 on error. */
static long
password_frequency(const char *path)
{
	shim_db_t *shim = shim_reader(path);
	unsigned long n = 0;
	long out = -1;

	if (shim != NULL && shim_db_spelling_frequency(shim, "password", &n) ==
	    FACTSHEET_STATUS_SUCCESS)
		out = (long)n;
	shim_db_close(shim);
	return out;
}

/* How often "password" is in the spelling data of PUB indexed in one
 * plain commit, the count every other way must come to; -1 on error. */
static long
plain_frequency(const factsheet_publication_t *pub)
{
	static long frequency = -1;
	char *path;

	if (frequency >= 0)
		return frequency;
	path = tmp_path("spelling-plain-db");
	if (build_db(path, pub) == 0)
		frequency = password_frequency(path);
	ok(frequency > 0, "spelling: 'password' in one plain commit's "
	    "spelling data (%ld)", frequency);
	is_int(pending_records(path), 0, "spelling: no batch left "
	    "recorded once the writer closed");
	free(path);
	return frequency;
}

/* Adds PUB and commits as the sync does between files; 0 on success. */
static int
commit_some(factsheet_db_t *writer, const factsheet_publication_t *pub)
{
	return factsheet_db_add_publication(writer, pub) !=
	    FACTSHEET_STATUS_SUCCESS ||
	    db_commit_some(writer) != FACTSHEET_STATUS_SUCCESS;
}

static void
corrects_to_password(const char *path, const char *what)
{
	char *fixed = correction(path);

	is_str(fixed, "password", "spelling: %s", what);
	free(fixed);
}

/*
 * A writer at PATH that commits PUB between files and is killed before it
 * closes; with LEXICON_TOO, once the lexicon has committed the words too.
 * 0 when it was killed so.
 */
static int
killed_writer(const char *path, const factsheet_publication_t *pub,
	      int lexicon_too)
{
	int status = -1;
	pid_t child;

	fflush(stdout);
	child = fork();
	if (child == 0) {
		factsheet_db_t *writer = NULL;
		char *msg = NULL;

		if (factsheet_db_open(path, FACTSHEET_DB_READ_WRITE, &writer,
		    &msg) != FACTSHEET_STATUS_SUCCESS ||
		    commit_some(writer, pub) != 0)
			_exit(3);
		if (lexicon_too) {
			lexicon_commit_start(db_lexicon(writer));
			if (lexicon_commit_wait(db_lexicon(writer), &msg) !=
			    FACTSHEET_STATUS_SUCCESS)
				_exit(3);
		}
		raise(SIGKILL);
	}
	return child > 0 && waitpid(child, &status, 0) == child &&
	    WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL ? 0 : -1;
}

/* Opens a writer at PATH and closes it; 0 on success. */
static int
open_and_close(const char *path)
{
	factsheet_db_t *writer = NULL;
	char *msg = NULL;
	int rc = factsheet_db_open(path, FACTSHEET_DB_READ_WRITE, &writer,
	    &msg) == FACTSHEET_STATUS_SUCCESS ? 0 : -1;

	factsheet_db_close(writer);
	free(msg);
	return rc;
}

/*
 * Each commit records the spelling words of what it wrote until the
 * lexicon has committed them: a writer killed before the lexicon's
 * commit leaves them for the next writer, which adds them.
 */
static void
test_spelling_after_crash(const factsheet_publication_t *pub)
{
	char *path = tmp_path("spelling-crash-db"), *fixed;

	ok(killed_writer(path, pub, 0) == 0, "spelling: a writer commits and "
	    "is killed before the lexicon commits");
	is_int(pending_records(path), 1, "spelling: its commit recorded "
	    "the words");
	is_int(lexicon_marks(path), 0, "spelling: the lexicon marks none");
	fixed = correction(path);
	ok(fixed == NULL, "spelling: no correction from words only "
	    "recorded (%s)", fixed ? fixed : "none");
	free(fixed);

	ok(open_and_close(path) == 0, "spelling: the next writer opens and "
	    "closes");
	is_int(pending_records(path), 0, "spelling: the next writer took "
	    "them up");
	corrects_to_password(path, "and added them to the spelling data");
	is_int(password_frequency(path), plain_frequency(pub), "spelling: "
	    "each word counted once after the crash");
	free(path);
}

/*
 * A writer killed after the lexicon committed a batch and before the
 * documents' database forgot it: the next writer forgets it without
 * adding it twice, and the one after that drops the lexicon's mark.
 */
static void
test_spelling_committed_before_crash(const factsheet_publication_t *pub)
{
	char *path = tmp_path("spelling-lexicon-crash-db");

	ok(killed_writer(path, pub, 1) == 0, "spelling: a writer is killed "
	    "once the lexicon committed");
	is_int(pending_records(path), 1, "spelling: the batch is still "
	    "recorded");
	is_int(lexicon_marks(path), 1, "spelling: and marked added");
	corrects_to_password(path, "the lexicon's words are read at once");
	ok(open_and_close(path) == 0, "spelling: the next writer opens and "
	    "closes");
	is_int(pending_records(path), 0, "spelling: it forgot the batch");
	is_int(password_frequency(path), plain_frequency(pub), "spelling: "
	    "without adding its words again");
	ok(open_and_close(path) == 0 && lexicon_marks(path) == 0,
	    "spelling: the writer after drops the mark");
	free(path);
}

/*
 * The lexicon where a writer cannot make it is an error naming it; an
 * index made before the lexicon existed is read without one.
 */
static void
test_lexicon_missing(const factsheet_publication_t *pub)
{
	char *path = tmp_path("lexicon-db"), *lexicon, *msg = NULL, *fixed;
	factsheet_db_t *db = NULL;
	factsheet_status_t st;
	FILE *f;

	ok(build_db(path, pub) == 0, "lexicon: a database built");
	lexicon = str_printf("%s/lexicon", path);
	remove_tree(lexicon);
	fixed = correction(path);
	ok(fixed == NULL, "lexicon: none, the database still answers, "
	    "without corrections (%s)", fixed ? fixed : "none");
	free(fixed);
	is_int(password_frequency(path), 0, "lexicon: none, no spelling data");

	f = fopen(lexicon, "w");
	ok(f != NULL, "lexicon: a file where it would be");
	if (f != NULL)
		fclose(f);
	st = factsheet_db_open(path, FACTSHEET_DB_READ_WRITE, &db, &msg);
	ok(st != FACTSHEET_STATUS_SUCCESS && db == NULL,
	    "lexicon: a writer that cannot make it fails to open (%s)",
	    factsheet_status_to_string(st));
	ok(contains(msg, lexicon), "lexicon: the message names it (%s)",
	    msg ? msg : "(null)");
	factsheet_db_close(db);
	free(msg);
	free(lexicon);
	free(path);
}

/* The lexicon commits once LIMIT words wait, or at a full commit; the
 * batches it committed are forgotten by the next commit. */
static void
test_spelling_added(const factsheet_publication_t *pub, size_t limit)
{
	char *path = str_printf("%s/spelling-db-%zu", tmpdir, limit);
	char *msg = NULL, *fixed;
	factsheet_db_t *writer = NULL;
	long reference = plain_frequency(pub);

	ok(factsheet_db_open(path, FACTSHEET_DB_READ_WRITE, &writer, &msg) ==
	    FACTSHEET_STATUS_SUCCESS, "spelling: a writer whose lexicon "
	    "commits at %zu words", limit);
	if (writer != NULL) {
		lexicon_set_limit(db_lexicon(writer), limit);
		ok(commit_some(writer, pub) == 0, "spelling: adds and commits "
		    "some");
		lexicon_drain(db_lexicon(writer));
		is_int(pending_records(path), 1, "spelling: the commit "
		    "recorded its words");
		fixed = correction(path);
		is_str(fixed, limit > 1 ? NULL : "password", "spelling: "
		    "corrections once the lexicon committed only");
		free(fixed);
		is_int(factsheet_db_commit(writer), FACTSHEET_STATUS_SUCCESS,
		    "spelling: a full commit");
		corrects_to_password(path, "the words are in, the writer "
		    "still open");
		is_int(password_frequency(path), reference,
		    "spelling: each word counted as often as a plain commit "
		    "counts it (%ld)", reference);
		/* The lexicon committed at LIMIT 1 before the full commit,
		 * which forgot the batch then. */
		is_int(pending_records(path), limit > 1 ? 1 : 0, "spelling: "
		    "the batch recorded until the commit after the "
		    "lexicon's");
		ok(commit_some(writer, pub) == 0, "spelling: the next commit");
		is_int(pending_records(path), 1, "spelling: forgets it, and "
		    "records its own");
	}
	factsheet_db_close(writer);
	is_int(pending_records(path), 0, "spelling: none recorded once the "
	    "writer closed");
	is_int(password_frequency(path), 2 * reference, "spelling: both "
	    "commits' words counted once each");
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
	factsheet_search_options_t all = { 0, 100, 0 };
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

/* Makes the index at PATH look as an earlier version made it: schema
 * number SCHEMA, or none ("") as before there was one. */
static int
set_schema(const char *path, const char *schema)
{
	shim_db_t *shim = NULL;
	char *msg = NULL;
	int rc = -1;

	if (shim_db_open(path, 1, &shim, &msg) == FACTSHEET_STATUS_SUCCESS &&
	    shim_db_set_metadata(shim, "factsheet:schema", schema) ==
	    FACTSHEET_STATUS_SUCCESS && shim_db_commit(shim) ==
	    FACTSHEET_STATUS_SUCCESS)
		rc = 0;
	shim_db_close(shim);
	free(msg);
	return rc;
}

/* The status of opening PATH in MODE; its message, if any, in *MESSAGE. */
static factsheet_status_t
open_status(const char *path, factsheet_db_mode_t mode, char **message)
{
	factsheet_db_t *db = NULL;
	factsheet_status_t st = factsheet_db_open(path, mode, &db, message);

	factsheet_db_close(db);
	return st;
}

static void
test_schema(const factsheet_publication_t *pub)
{
	char *path = tmp_path("old-schema.db");
	char *msg = NULL, *value = NULL;
	factsheet_db_t *db = NULL;
	unsigned long count = 99;

	ok(build_db(path, pub) == 0, "schema: an index built");
	if (factsheet_db_open(path, FACTSHEET_DB_READ_ONLY, &db, &msg) ==
	    FACTSHEET_STATUS_SUCCESS)
		shim_db_get_metadata(db_shim(db), "factsheet:features", &value);
	factsheet_db_close(db);
	db = NULL;
	ok(value != NULL && strstr(value, "positions\n") != NULL &&
	    strstr(value, "field-terms\n") != NULL,
	    "schema: the features are listed in the metadata (%s)",
	    value ? value : "(none)");
	free(value);
	free(msg);
	msg = NULL;

	ok(set_schema(path, "") == 0, "schema: made to look as before");
	is_int(open_status(path, FACTSHEET_DB_READ_ONLY, &msg),
	    FACTSHEET_STATUS_DATABASE_ERROR, "schema: an earlier index is "
	    "refused for reading");
	ok(msg != NULL && strstr(msg, "re-index with --force") != NULL &&
	    strstr(msg, path) != NULL, "schema: and the message says what to "
	    "do (%s)", msg ? msg : "(none)");
	free(msg);
	msg = NULL;
	is_int(open_status(path, FACTSHEET_DB_READ_WRITE, &msg),
	    FACTSHEET_STATUS_DATABASE_ERROR, "schema: and for writing");
	free(msg);
	msg = NULL;
	{
		char *later = tmp_path("later-schema.db");

		ok(build_db(later, pub) == 0 && set_schema(later, "9") == 0 &&
		    open_status(later, FACTSHEET_DB_READ_ONLY, &msg) ==
		    FACTSHEET_STATUS_DATABASE_ERROR && msg != NULL &&
		    strstr(msg, "later version") != NULL, "schema: a later "
		    "one too (%s)", msg ? msg : "(none)");
		free(msg);
		msg = NULL;
		free(later);
	}

	if (factsheet_db_open(path, FACTSHEET_DB_REBUILD, &db, &msg) ==
	    FACTSHEET_STATUS_SUCCESS)
		factsheet_db_count(db, &count);
	is_int((int)count, 0, "schema: rebuilding (--force) empties it");
	factsheet_db_close(db);
	free(msg);
	msg = NULL;
	ok(build_db(path, pub) == 0 &&
	    open_status(path, FACTSHEET_DB_READ_ONLY, &msg) ==
	    FACTSHEET_STATUS_SUCCESS, "schema: and it is read once indexed "
	    "again");
	free(msg);
	free(path);
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

		ok(phrase && words && strcmp(phrase, "0:") == 0 &&
		    strcmp(words, "0:") != 0, "classes: a phrase whose "
		    "words are all there, out of order, matches nothing");
		ok(field && other && strcmp(field, "0:") != 0 &&
		    strcmp(other, "0:") == 0, "classes: a field word matches "
		    "only in its field (%s; %s)", field ? field : "",
		    other ? other : "");
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
	factsheet_search_options_t o = { 0, 10, time_limit };

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
	ok(f != NULL && factsheet_publication_read_file(md, &rep, &msg) ==
	    FACTSHEET_STATUS_SUCCESS, "bounded: a section of 40,000 "
	    "repetitions read");
	free(msg);
	msg = NULL;
	ok(rep != NULL && factsheet_db_open(path, FACTSHEET_DB_READ_WRITE,
	    &db, &msg) == FACTSHEET_STATUS_SUCCESS &&
	    factsheet_db_add_publication(db, pub) == FACTSHEET_STATUS_SUCCESS &&
	    factsheet_db_add_publication(db, rep) == FACTSHEET_STATUS_SUCCESS &&
	    factsheet_db_commit(db) == FACTSHEET_STATUS_SUCCESS,
	    "bounded: indexed");
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
	ok(r != NULL && factsheet_results_count(r) > 0 &&
	    !factsheet_results_partial(r), "bounded: found, whole");
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
	ok(r != NULL && factsheet_results_partial(r), "bounded: marked "
	    "partial");
	json = r ? factsheet_results_to_json(r, "q", 0) : NULL;
	ok(json != NULL && strstr(json, "\"partial\": true") != NULL,
	    "bounded: \"partial\": true in the JSON");
	free(json);
	factsheet_results_free(r);
	r = NULL;
	is_int(search_with(db, "pecos", 0, &r), FACTSHEET_STATUS_SUCCESS,
	    "bounded: within the limit");
	json = r ? factsheet_results_to_json(r, "q", 0) : NULL;
	ok(json != NULL && strstr(json, "partial") == NULL,
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

int
main(void)
{
	factsheet_publication_t *pub;

	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	test_status_strings();
	test_null_safe();
	test_open_errors();
	pub = read_corpus(CORPUS);
	ok(pub != NULL, "the bundled file parses");
	if (pub != NULL) {
		test_round_trip(pub);
		test_corrupt(pub);
		test_shim_direct(pub);
		test_table_files(pub);
		test_stale_reader(pub);
		test_spelling_after_crash(pub);
		test_spelling_committed_before_crash(pub);
		test_lexicon_missing(pub);
		test_spelling_added(pub, 50000);
		test_spelling_added(pub, 1);
		test_schema(pub);
		test_query_classes(pub);
		test_bounded_work(pub);
		test_concurrent_writer(pub);
	}
	factsheet_publication_free(pub);
	remove_tmpdir();
	return done_testing();
}
