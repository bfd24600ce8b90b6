/*
 * test-search.c - search.c through the public API: an indexed HTML FAQ
 * page answers its questions typed in other words, the question's own
 * section first, with its anchor and the publication's format.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "factsheet-private.h"
#include "tap.h"
#include "testlib.h"

#define NPI_FAQ "tests/fixtures/npi-faq.html"

static char *tmpdir;

static void
search_first(factsheet_db_t *db, const char *query, const char *heading,
	     const char *anchor)
{
	factsheet_results_t *r = NULL;
	const factsheet_hit_t *h = NULL;
	factsheet_status_t st;

	st = factsheet_db_search(db, query, NULL, &r);
	is_int(st, FACTSHEET_STATUS_SUCCESS, "search '%s'", query);
	if (r != NULL && factsheet_results_count(r) > 0)
		h = factsheet_results_hit(r, 0);
	is_str(h && h->section ? h->section->heading : NULL, heading,
	    "'%s': the question comes first", query);
	is_str(h && h->section ? h->section->anchor : NULL, anchor,
	    "'%s': with its anchor", query);
	is_str(h ? h->publication_format : NULL, "html",
	    "'%s': from an HTML publication", query);
	factsheet_results_free(r);
}

static void
test_search(void)
{
	factsheet_publication_t *pub = read_fixture(NPI_FAQ);
	char *path = str_printf("%s/db", tmpdir), *msg = NULL;
	factsheet_db_t *db = NULL;
	factsheet_status_t st;

	st = factsheet_db_open(path, FACTSHEET_DB_READ_WRITE, &db, &msg);
	is_int(st, FACTSHEET_STATUS_SUCCESS, "open a temporary database");
	if (db != NULL && pub != NULL) {
		is_int(factsheet_db_add_publication(db, pub),
		    FACTSHEET_STATUS_SUCCESS, "index the NPI FAQ page");
		is_int(factsheet_db_commit(db), FACTSHEET_STATUS_SUCCESS,
		    "commit");
		search_first(db, "forgot my NPI", "I forgot my NPI. Who should "
		    "I call?", "forgot-npi");
		search_first(db, "NPPES password expired reset",
		    "My NPPES password expired. How do I reset it?",
		    "password-expired");
	}
	factsheet_db_close(db);
	factsheet_publication_free(pub);
	free(msg);
	free(path);
}

int
main(void)
{
	if ((tmpdir = temp_dir("test-search")) == NULL) {
		ok(0, "a temporary directory");
		return done_testing();
	}
	test_search();
	remove_tree(tmpdir);
	free(tmpdir);
	return done_testing();
}
