/*
 * test-xapian-index.c - the indexing concern of the Xapian layer
 * (lib/xapian/index.cc): a publication indexed, committed, counted,
 * replaced when indexed again, one writer at a time, and a reader that
 * cannot write.
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
	like(msg, "locked", "second writer: message says locked");
	like(msg, path, "second writer: message names the path");
	free(msg);

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
	}
	factsheet_db_close(db);
	free(msg);
	free(path);
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
	like(shim_db_error(shim), "read-only",
	    "shim: the error says read-only");
	is_int(shim_db_commit(shim), FACTSHEET_STATUS_SUCCESS,
	    "shim: commit on a reader does nothing");
	shim_db_close(shim);
	free(path);
}

int
main(void)
{
	factsheet_publication_t *pub;

	if (xapian_tests_start("test-xapian-index") != 0)
		return 1;
	pub = read_corpus(CORPUS);
	ok(pub != NULL, "the bundled file parses");
	if (pub != NULL) {
		test_round_trip(pub);
		test_shim_direct(pub);
	}
	factsheet_publication_free(pub);
	xapian_tests_end();
	return done_testing();
}
