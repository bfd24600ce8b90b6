/*
 * test-db.c - db.c: what a section's document holds.  A section keeps
 * every text and every thesaurus phrase it has, however many (there was
 * once a silent cap of 64), and the phrases' fingerprint, stored in
 * indexes, keeps its value.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "factsheet-private.h"
#include "sync.h"
#include "testlib.h"

/* More than the 64 texts and phrases a section once kept. */
enum { N_CONTACTS = 80, N_PHRASES = 70 };

static char *tmpdir;

/* A word of letters only for I, "ab" for 1: stemming leaves it. */
static void
tag(char out[3], int i)
{
	out[0] = (char)('a' + i / 26);
	out[1] = (char)('a' + i % 26);
	out[2] = '\0';
}

static factsheet_db_t *
open_db(const char *name)
{
	char *path = temp_path(tmpdir, name), *msg = NULL;
	factsheet_db_t *db = NULL;
	factsheet_status_t st;

	st = factsheet_db_open(path, FACTSHEET_DB_READ_WRITE, &db, &msg);
	is_int(st, FACTSHEET_STATUS_SUCCESS, "create %s (%s)", name,
	    msg ? msg : "no message");
	free(msg);
	free(path);
	return db;
}

/* Parses TEXT, adds it to DB and commits; 0 on success. */
static int
add_text_publication(factsheet_db_t *db, const char *source,
		     const char *text, size_t *n_contacts)
{
	factsheet_publication_t *pub = NULL;
	char *msg = NULL;
	factsheet_status_t st;

	st = factsheet_publication_parse(source, text, strlen(text), &pub,
	    &msg);
	is_int(st, FACTSHEET_STATUS_SUCCESS, "%s parses (%s)", source,
	    msg ? msg : "no message");
	free(msg);
	if (pub == NULL)
		return -1;
	if (n_contacts != NULL)
		*n_contacts = pub->n_sections > 0 ?
		    pub->sections[0].n_contacts : 0;
	st = factsheet_db_add_publication(db, pub);
	is_int(st, FACTSHEET_STATUS_SUCCESS, "%s is indexed", source);
	factsheet_publication_free(pub);
	if (st != FACTSHEET_STATUS_SUCCESS)
		return -1;
	st = factsheet_db_commit(db);
	is_int(st, FACTSHEET_STATUS_SUCCESS, "%s is committed", source);
	return st == FACTSHEET_STATUS_SUCCESS ? 0 : -1;
}

/* The number of hits of QUERY; -1 when the search fails. */
static long
hits(factsheet_db_t *db, const char *query)
{
	factsheet_results_t *r = NULL;
	long n;

	if (factsheet_db_search(db, query, NULL, &r) !=
	    FACTSHEET_STATUS_SUCCESS) {
		printf("# search '%s': %s\n", query,
		    factsheet_db_last_error(db));
		return -1;
	}
	n = (long)factsheet_results_count(r);
	factsheet_results_free(r);
	return n;
}

/* A section with N_CONTACTS email addresses: each is in the contact
 * field, the last as much as the first. */
static void
test_many_contacts(void)
{
	factsheet_db_t *db = open_db("contacts.db");
	strbuf_t b = { 0 };
	size_t n_contacts = 0;
	int found = 0;
	long first = 0, last = 0;
	char *text;

	if (db == NULL)
		return;
	strbuf_puts(&b, "Help Desks\n\nProblem: Whom to write to\n\n"
	    "You need to reach one of many mailboxes.\n\n"
	    "Solution: Write to your region's mailbox\n\n");
	for (int i = 0; i < N_CONTACTS; i++) {
		char t[3];

		tag(t, i);
		strbuf_printf(&b, "Email: mbox%s@example.gov\n", t);
	}
	text = strbuf_finish(&b);
	if (text == NULL || add_text_publication(db, "contacts.txt", text,
	    &n_contacts) != 0)
		goto out;
	is_int(n_contacts, N_CONTACTS, "the section has %d contacts",
	    N_CONTACTS);
	for (int i = 0; i < N_CONTACTS; i++) {
		char t[3], query[32];
		long n;

		tag(t, i);
		snprintf(query, sizeof query, "contact:mbox%s", t);
		n = hits(db, query);
		found += n == 1;
		if (i == 0)
			first = n;
		if (i == N_CONTACTS - 1)
			last = n;
	}
	is_int(first, 1, "contact:mboxaa (the first contact) finds it");
	is_int(last, 1, "contact:mboxdb (the 80th contact) finds it");
	is_int(found, N_CONTACTS, "every contact is in the contact field");
out:
	free(text);
	factsheet_db_close(db);
}

/* A thesaurus of N_PHRASES groups, each a word and a phrase, and a
 * section holding every phrase: each word finds it through its phrase. */
static void
test_many_phrases(void)
{
	factsheet_db_t *db = open_db("phrases.db");
	char *thesaurus = temp_path(tmpdir, "thesaurus.txt");
	strbuf_t b = { 0 };
	FILE *f;
	int found = 0;
	long last = 0;
	char *text = NULL;

	if (db == NULL || thesaurus == NULL)
		goto out;
	if ((f = fopen(thesaurus, "w")) == NULL) {
		ok(0, "write %s", thesaurus);
		goto out;
	}
	for (int i = 0; i < N_PHRASES; i++) {
		char t[3];

		tag(t, i);
		fprintf(f, "kw%s, blue glorp%s fish\n", t, t);
	}
	fclose(f);
	is_int(factsheet_db_set_thesaurus(db, thesaurus),
	    FACTSHEET_STATUS_SUCCESS, "install %d groups", N_PHRASES);
	strbuf_puts(&b, "Fish Guide\n\nProblem: Which fish to buy\n\n"
	    "You cannot tell the fish apart.\n\n"
	    "Solution: Ask for these by name\n\n");
	for (int i = 0; i < N_PHRASES; i++) {
		char t[3];

		tag(t, i);
		strbuf_printf(&b, "The blue glorp%s fish.\n", t);
	}
	text = strbuf_finish(&b);
	if (text == NULL || add_text_publication(db, "fish.txt", text,
	    NULL) != 0)
		goto out;
	for (int i = 0; i < N_PHRASES; i++) {
		char t[3], query[32];
		long n;

		tag(t, i);
		snprintf(query, sizeof query, "kw%s", t);
		n = hits(db, query);
		found += n == 1;
		if (i == N_PHRASES - 1)
			last = n;
	}
	is_int(last, 1, "kwcr finds the section through its phrase, the "
	    "70th");
	is_int(found, N_PHRASES, "every phrase is on the section");
out:
	free(text);
	free(thesaurus);
	factsheet_db_close(db);
}

/* The fingerprint is FNV-1a of "terms:5", a NUL, then each sorted
 * phrase and a NUL: values stored in indexes must not change. */
static void
test_fingerprint(void)
{
	factsheet_db_t *db = open_db("fingerprint.db");
	char *thesaurus = temp_path(tmpdir, "two.txt"), *fp = NULL;
	FILE *f;

	if (db == NULL || thesaurus == NULL)
		goto out;
	is_int(db_phrases_fingerprint(db, &fp), FACTSHEET_STATUS_SUCCESS,
	    "fingerprint without a thesaurus");
	is_str(fp, "ade4347fcdba350f", "no phrases: the scheme's hash");
	free(fp);
	fp = NULL;
	if ((f = fopen(thesaurus, "w")) == NULL) {
		ok(0, "write %s", thesaurus);
		goto out;
	}
	fputs("y, c d\nx, a b\n", f);
	fclose(f);
	is_int(factsheet_db_set_thesaurus(db, thesaurus),
	    FACTSHEET_STATUS_SUCCESS, "install two phrases");
	factsheet_db_close(db);
	/* Phrases are read once a handle: a new one sees them. */
	if ((db = open_db("fingerprint.db")) == NULL)
		goto out;
	is_int(db_phrases_fingerprint(db, &fp), FACTSHEET_STATUS_SUCCESS,
	    "fingerprint with two phrases");
	is_str(fp, "685e898e59f08f2b", "\"a b\", \"c d\": their hash");
out:
	free(fp);
	free(thesaurus);
	factsheet_db_close(db);
}

int
main(void)
{
	if ((tmpdir = temp_dir("test-db")) == NULL) {
		ok(0, "a temporary directory");
		return done_testing();
	}
	test_many_contacts();
	test_many_phrases();
	test_fingerprint();
	remove_tree(tmpdir);
	free(tmpdir);
	return done_testing();
}
