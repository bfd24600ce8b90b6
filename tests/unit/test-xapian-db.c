/*
 * test-xapian-db.c - the database concern of the Xapian layer
 * (lib/xapian/db.cc, internal.hh): statuses, opening and its errors,
 * damaged files, the schema check, the table files a commit writes, and
 * every read of a reader going on after a writer committed under it.
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
	ok(factsheet_status_to_string(FACTSHEET_STATUS_LAST) != NULL,
	    "an out-of-range status still has a string");
	ok(strlen(factsheet_status_to_string(FACTSHEET_STATUS_LAST) ?
	    factsheet_status_to_string(FACTSHEET_STATUS_LAST) : "") > 0,
	    "and it is not empty (%s)",
	    factsheet_status_to_string(FACTSHEET_STATUS_LAST));
}

/* The close and free functions accept NULL: run in a child, which a
 * crash would kill. */
static void
test_null_safe(void)
{
	int status = -1;
	pid_t child;

	fflush(stdout);
	if ((child = fork()) == 0) {
		factsheet_db_close(NULL);
		factsheet_results_free(NULL);
		factsheet_publication_free(NULL);
		shim_db_close(NULL);
		shim_mset_free(NULL);
		shim_builder_free(NULL);
		shim_docs_free(NULL);
		shim_words_free(NULL);
		shim_lexicon_close(NULL);
		shim_strings_free(NULL, 3);
		_exit(0);
	}
	ok(child > 0 && waitpid(child, &status, 0) == child,
	    "a child to close and free NULL");
	ok(WIFEXITED(status), "close and free functions accept NULL (status "
	    "%#x)", status);
	is_int(WIFEXITED(status) ? WEXITSTATUS(status) : -1, 0,
	    "and the child ends well");
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
	like(msg, missing, "missing database: message names the path");
	free(msg);

	st = shim_db_open(missing, 0, &shim, &msg);
	is_int(st, FACTSHEET_STATUS_DATABASE_NOT_FOUND,
	    "shim: missing database is not found");
	ok(shim == NULL, "shim: no handle on failure");
	like(msg, missing, "shim: message names the path");
	free(msg);
	shim_db_close(shim);

	/* An empty directory is no database either. */
	mkdir(missing, 0700);
	st = factsheet_db_open(missing, FACTSHEET_DB_READ_ONLY, &db, &msg);
	is_int(st, FACTSHEET_STATUS_DATABASE_NOT_FOUND,
	    "empty directory, read-only: not found");
	like(msg, missing, "empty directory: message names it");
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
	like(msg, file, "regular file: message names it");
	free(msg);

	st = factsheet_db_open(file, FACTSHEET_DB_READ_WRITE, &db, &msg);
	ok(st != FACTSHEET_STATUS_SUCCESS, "regular file, read-write: error");
	like(msg, file, "regular file, read-write: message names it");
	free(msg);

	/* Past the public API's own check, Xapian must refuse it too. */
	shim = (shim_db_t *)&shim;
	st = shim_db_open(file, 0, &shim, &msg);
	ok(st != FACTSHEET_STATUS_SUCCESS, "shim: a regular file is refused "
	    "(%s)", factsheet_status_to_string(st));
	ok(shim == NULL, "shim: regular file gives no handle");
	like(msg, file, "shim: regular file named");
	free(msg);

	st = factsheet_db_open(deep, FACTSHEET_DB_READ_WRITE, &db, &msg);
	ok(st != FACTSHEET_STATUS_SUCCESS, "cannot create under a missing "
	    "directory (%s)", factsheet_status_to_string(st));
	ok(db == NULL, "missing parent: no handle");
	like(msg, deep, "missing parent: message names the path");
	free(msg);

	free(missing);
	free(file);
	free(deep);
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
	ok(msg != NULL, "%s: a message", what);
	ok(strlen(msg ? msg : "") > 0, "%s: not empty (%s)", what,
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
	int added = 0, set = 0, committed = 0;

	for (int i = 0; i < 3; i++) {
		char *value = str_printf("%u", ++round);

		added += factsheet_db_add_publication(writer, pub) ==
		    FACTSHEET_STATUS_SUCCESS;
		set += shim_db_set_metadata(db_shim(writer), "churn", value) ==
		    FACTSHEET_STATUS_SUCCESS;
		committed += factsheet_db_commit(writer) ==
		    FACTSHEET_STATUS_SUCCESS;
		free(value);
	}
	is_int(added, 3, "the writer adds the publication three times more");
	is_int(set, 3, "and sets the metadata each time");
	is_int(committed, 3, "and commits each time");
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
	like(value, "positions\n",
	    "schema: the features listed in the metadata: positions");
	like(value, "field-terms\n",
	    "schema: the features listed in the metadata: field terms");
	free(value);
	free(msg);
	msg = NULL;

	ok(set_schema(path, "") == 0, "schema: made to look as before");
	is_int(open_status(path, FACTSHEET_DB_READ_ONLY, &msg),
	    FACTSHEET_STATUS_DATABASE_ERROR, "schema: an earlier index is "
	    "refused for reading");
	like(msg, "re-index with --force", "schema: and the message says "
	    "what to do");
	like(msg, path, "schema: and names the index");
	free(msg);
	msg = NULL;
	is_int(open_status(path, FACTSHEET_DB_READ_WRITE, &msg),
	    FACTSHEET_STATUS_DATABASE_ERROR, "schema: and for writing");
	free(msg);
	msg = NULL;
	{
		char *later = tmp_path("later-schema.db");

		ok(build_db(later, pub) == 0, "schema: another index built");
		ok(set_schema(later, "9") == 0, "schema: made to look as a "
		    "later version made it");
		is_int(open_status(later, FACTSHEET_DB_READ_ONLY, &msg),
		    FACTSHEET_STATUS_DATABASE_ERROR, "schema: a later one is "
		    "refused too");
		like(msg, "later version", "schema: and the message says "
		    "so");
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
	ok(build_db(path, pub) == 0, "schema: indexed again");
	is_int(open_status(path, FACTSHEET_DB_READ_ONLY, &msg),
	    FACTSHEET_STATUS_SUCCESS, "schema: and it is read once indexed "
	    "again");
	free(msg);
	free(path);
}

int
main(void)
{
	factsheet_publication_t *pub;

	if (xapian_tests_start("test-xapian-db") != 0)
		return 1;
	test_status_strings();
	test_null_safe();
	test_open_errors();
	pub = read_corpus(CORPUS);
	ok(pub != NULL, "the bundled file parses");
	if (pub != NULL) {
		test_corrupt(pub);
		test_table_files(pub);
		test_stale_reader(pub);
		test_schema(pub);
	}
	factsheet_publication_free(pub);
	xapian_tests_end();
	return done_testing();
}
