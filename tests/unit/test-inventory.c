/*
 * test-inventory.c - inventory.c: what --list and --stats show of a
 * database a sync wrote: each publication by source with its title,
 * format, revision date and number of sections, each file whose reading
 * failed with why, sorted by source; the last run's time; the bytes the
 * database takes.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "factsheet-private.h"
#include "testlib.h"

static char *dir, *docs, *db_path;

static void
put(const char *name, const char *text, size_t len)
{
	char *path = temp_path(docs, name);
	FILE *f = path ? fopen(path, "wb") : NULL;

	if (f == NULL || fwrite(text, 1, len, f) != len)
		printf("# cannot write %s\n", name);
	if (f != NULL)
		fclose(f);
	free(path);
}

/* Syncs DOCS into DB_PATH; 0 on success. */
static int
sync_docs(void)
{
	const char *paths[] = { docs };
	factsheet_sync_options_t options = { 0 };
	factsheet_db_t *db = NULL;
	factsheet_sync_t *sync = NULL;
	const factsheet_sync_item_t *item;
	factsheet_status_t st;
	char *msg = NULL;

	st = factsheet_db_open(db_path, FACTSHEET_DB_READ_WRITE, &db, &msg);
	free(msg);
	if (st == FACTSHEET_STATUS_SUCCESS)
		st = factsheet_sync_begin(db, paths, 1, &options, &sync);
	while (st == FACTSHEET_STATUS_SUCCESS &&
	    (st = factsheet_sync_next(sync, &item)) ==
	    FACTSHEET_STATUS_SUCCESS && item != NULL)
		;
	if (st == FACTSHEET_STATUS_SUCCESS)
		st = factsheet_sync_end(sync);
	if (st != FACTSHEET_STATUS_SUCCESS)
		printf("# sync: %s\n", db ? factsheet_db_last_error(db) : "");
	factsheet_sync_free(sync);
	factsheet_db_close(db);
	return st == FACTSHEET_STATUS_SUCCESS ? 0 : -1;
}

static const char sheet[] =
    "Password Help\n\n"
    "Problem: Password expired\n"
    "You cannot log in.\n"
    "Solution: Reset it\n"
    "Phone: 1-866-484-8049\n\n"
    "Problem: Account locked\n"
    "Too many tries.\n"
    "Solution: Wait an hour\n\n"
    "Revised June 2024\n";
static const char page[] = "# Enrollment\n\n## Apply\n\nApply online.\n";

int
main(void)
{
	factsheet_db_t *db = NULL;
	factsheet_entry_t *e = NULL;
	size_t n = 0;
	char *msg = NULL, *last = NULL;

	if ((dir = temp_dir("test-inventory")) == NULL) {
		ok(0, "a temporary directory");
		return done_testing();
	}
	docs = temp_path(dir, "docs");
	db_path = temp_path(dir, "db");
	if (docs == NULL || db_path == NULL || mkdir(docs, 0755) != 0) {
		ok(0, "a folder of publications");
		goto out;
	}
	put("b-password.txt", sheet, sizeof sheet - 1);
	put("a-enroll.md", page, sizeof page - 1);
	put("c-broken.txt", "Problem: x\xff\xfe\0\n", 15);
	is_int(sync_docs(), 0, "the folder is indexed");

	is_int(factsheet_db_open(db_path, FACTSHEET_DB_READ_ONLY, &db, &msg),
	    FACTSHEET_STATUS_SUCCESS, "the database opens");
	free(msg);
	if (db == NULL)
		goto out;
	is_int(factsheet_db_list(db, &e, &n), FACTSHEET_STATUS_SUCCESS,
	    "factsheet_db_list");
	is_size(n, 3, "two publications and a failed file");
	if (n == 3) {
		ends(e[0].source, "docs/a-enroll.md", "sorted by source: "
		    "a-enroll.md first");
		is_str(e[0].title, "Enrollment", "its title");
		is_str(e[0].format, "markdown", "its format");
		is_size(e[0].sections, 1, "its one section");
		is_str(e[0].failure, NULL, "no failure");

		ends(e[1].source, "docs/b-password.txt", "then b-password.txt");
		is_str(e[1].title, "Password Help", "its title");
		is_str(e[1].format, "text", "its format");
		is_size(e[1].sections, 2, "its two problems");
		is_str(e[1].revised, "June 2024", "the revision date it "
		    "states");
		ends(e[1].path, "/docs/b-password.txt", "its real path");

		ends(e[2].source, "docs/c-broken.txt", "then the failed file");
		is_str(e[2].title, NULL, "never indexed: no title");
		is_size(e[2].sections, 0, "no sections");
		is_str(e[2].failure, "line 1, byte 12: binary file (control "
		    "byte 0x00), not text", "why it failed, and where");
	}
	factsheet_entries_free(e, n);
	last = factsheet_db_last_run(db);
	like(last, "T", "the last run's time, ISO 8601");
	ends(last, "Z", "in UTC");
	free(last);
	factsheet_db_close(db);
	cmp_ok(factsheet_db_disk_usage(db_path), >, 0,
	    "the database takes some bytes");
	is_int(factsheet_db_disk_usage(docs) >= sizeof sheet + sizeof page -
	    2, 1, "a folder's size is at least its files'");
out:
	remove_tree(dir);
	free(docs);
	free(db_path);
	free(dir);
	return done_testing();
}
