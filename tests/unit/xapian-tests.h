/*
 * xapian-tests.h - what the tests of the Xapian layer share: a temporary
 * directory under $TMPDIR, the bundled file read, and databases built of
 * it.  Included by test-xapian-*.c only.
 */
#ifndef FACTSHEET_XAPIAN_TESTS_H
#define FACTSHEET_XAPIAN_TESTS_H

#include <stdio.h>
#include <stdlib.h>

#include "factsheet-private.h"
#include "testlib.h"

#define CORPUS "corpus/pecos-technical-assistance-contacts.txt"

/* The test's temporary directory (xapian_tests_start). */
static char *tmpdir;

/* Makes the temporary directory for the test NAME; 0 on success. */
static inline int
xapian_tests_start(const char *name)
{
	return (tmpdir = temp_dir(name)) != NULL ? 0 : -1;
}

/* Removes it. */
static inline void
xapian_tests_end(void)
{
	remove_tree(tmpdir);
	free(tmpdir);
	tmpdir = NULL;
}

/* A path inside the test's temporary directory; free it. */
static inline char *
tmp_path(const char *name)
{
	return str_printf("%s/%s", tmpdir, name);
}

static inline factsheet_publication_t *
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

/* Builds a database of the bundled file at PATH, then closes it, opened
 * in MODE. */
static inline int
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

static inline int
build_db(const char *path, const factsheet_publication_t *pub)
{
	return build_db_in(path, pub, FACTSHEET_DB_READ_WRITE);
}

#endif /* FACTSHEET_XAPIAN_TESTS_H */
