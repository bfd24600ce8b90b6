/*
 * test-search.c - search.c through the public API: an indexed HTML FAQ
 * page answers its questions typed in other words, the question's own
 * section first, with its anchor and the publication's format; an
 * indexed PDF gives a hit's page, and the JSON its page, format and
 * provenance.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

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

/* The first hit of QUERY, as JSON (free it), and its section's page. */
static json_t *
search_json(factsheet_db_t *db, const char *query, unsigned *page)
{
	factsheet_results_t *r = NULL;
	const factsheet_hit_t *h;
	json_t *root = NULL;
	char *out;

	*page = 0;
	if (factsheet_db_search(db, query, NULL, &r) !=
	    FACTSHEET_STATUS_SUCCESS)
		return NULL;
	if ((h = factsheet_results_hit(r, 0)) != NULL)
		*page = h->section->page;
	if ((out = factsheet_results_to_json(r, query, 0)) != NULL)
		root = json_loads(out, 0, NULL);
	free(out);
	factsheet_results_free(r);
	return root;
}

/* The JSON names the database it was searched in only when asked, as
 * its last member, and is otherwise the same. */
static void
test_named(factsheet_db_t *db)
{
	factsheet_results_t *r = NULL;
	char *plain = NULL, *named = NULL;
	json_t *root;
	const char *last = NULL, *key;
	json_t *value;

	if (factsheet_db_search(db, "accreditation", NULL, &r) !=
	    FACTSHEET_STATUS_SUCCESS) {
		ok(0, "search for the JSON's database");
		return;
	}
	plain = factsheet_results_to_json(r, "accreditation", 0);
	named = factsheet_results_to_json_named(r, "accreditation", 0,
	    "/srv/db");
	root = named ? json_loads(named, 0, NULL) : NULL;
	is_str(json_string_value(json_object_get(root, "database")),
	    "/srv/db", "named JSON: \"database\"");
	json_object_foreach(root, key, value)
		last = key;
	is_str(last, "database", "named JSON: \"database\" is the last member");
	json_object_del(root, "database");
	json_decref(root);
	root = plain ? json_loads(plain, 0, NULL) : NULL;
	ok(root != NULL, "plain JSON parses");
	is_int(json_object_get(root, "database") == NULL, 1,
	    "plain JSON: no \"database\"");
	json_decref(root);
	/* Without the database, the rest is byte for byte the plain one. */
	if (named != NULL) {
		char *cut = strstr(named, ",\n  \"database\"");

		if (cut != NULL)
			strcpy(cut, "\n}");
	}
	is_str(named, plain, "named JSON less \"database\" is the plain JSON");
	free(plain);
	free(named);
	factsheet_results_free(r);
}

/* A PDF indexed: a hit has its page, in the JSON too, with the
 * publication's format and provenance. */
static void
test_pdf(void)
{
	factsheet_publication_t *pub = read_fixture("tests/fixtures/pdf/dme-supplier.pdf");
	factsheet_db_t *db = NULL;
	char *path, *msg = NULL;
	json_t *root, *hit, *p;
	unsigned page = 0;

	if (pub == NULL) {
		ok(0, "the PDF reads");
		return;
	}
	path = temp_path(tmpdir, "pdf.db");
	is_int(factsheet_db_open(path, FACTSHEET_DB_READ_WRITE, &db, &msg),
	    FACTSHEET_STATUS_SUCCESS, "create a database");
	if (db == NULL)
		goto out;
	is_int(factsheet_db_add_publication(db, pub), FACTSHEET_STATUS_SUCCESS,
	    "index the PDF");
	is_int(factsheet_db_commit(db), FACTSHEET_STATUS_SUCCESS, "commit");

	root = search_json(db, "accreditation organizations", &page);
	is_int(page, 2, "a hit on page 2 has its page");
	hit = json_array_get(json_object_get(root, "results"), 0);
	is_str(json_string_value(json_object_get(hit, "heading")),
	    "Resources", "JSON: the Resources section");
	is_int(json_integer_value(json_object_get(hit, "page")), 2,
	    "JSON: \"page\": 2");
	p = json_object_get(hit, "publication");
	is_str(json_string_value(json_object_get(p, "format")), "pdf",
	    "JSON: publication.format");
	is_str(json_string_value(json_object_get(p, "product")),
	    "ICN 908889", "JSON: publication.product");
	is_str(json_string_value(json_object_get(p, "revised")), "May 2015",
	    "JSON: publication.revised");
	is_str(json_string_value(json_object_get(p, "title")),
	    "Durable Medical Equipment Supplier Help",
	    "JSON: publication.title");
	json_decref(root);

	root = search_json(db, "800-692-2326", &page);
	hit = json_array_get(json_object_get(root, "results"), 0);
	is_str(json_string_value(json_object_get(hit, "heading")),
	    "Supplier Number Not Received", "the TTY number finds its problem");
	is_int(page, 1, "on page 1");
	is_int(json_integer_value(json_object_get(hit, "page")), 1,
	    "JSON: \"page\": 1");
	json_decref(root);
	test_named(db);
out:
	factsheet_db_close(db);
	free(msg);
	free(path);
	factsheet_publication_free(pub);
}

int
main(void)
{
	if ((tmpdir = temp_dir("test-search")) == NULL) {
		ok(0, "a temporary directory");
		return done_testing();
	}
	test_search();
	test_pdf();
	remove_tree(tmpdir);
	free(tmpdir);
	return done_testing();
}
