/*
 * test-sync.c - sync.c: a folder kept in step with the index, run after
 * run: new files indexed, unchanged ones left, changed ones replaced with
 * what changed in them, removed ones deleted, a bad file remembered as
 * failed, and a dry run that writes nothing.
 */
#include <config.h>

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "factsheet-private.h"
#include "tap.h"
#include "testlib.h"

static char *dir, *docs, *db_path;

static const char sheet_a[] =
    "Password Help\n\n"
    "Problem: Password expired\n"
    "You cannot log in.\n"
    "Solution: Reset it\n"
    "Phone: 1-866-484-8049\n";
static const char sheet_b[] =
    "Enrollment Help\n\n"
    "Problem: Application stuck\n"
    "Your application has not moved.\n"
    "Solution: Call the contractor\n"
    "Phone: 1-800-555-0100\n";
static const char sheet_b2[] =
    "Enrollment Help\n\n"
    "Problem: Application stuck\n"
    "Your application has not moved.\n"
    "Solution: Call the contractor\n"
    "Phone: 1-800-555-0199\n";

/* Writes TEXT to DOCS/NAME with modification time SECONDS. */
static void
put(const char *name, const char *text, size_t len, time_t seconds)
{
	char *path = temp_path(docs, name);
	struct timespec times[2] = { { seconds, 0 }, { seconds, 0 } };
	FILE *f = path ? fopen(path, "wb") : NULL;

	if (f == NULL || fwrite(text, 1, len, f) != len)
		printf("# cannot write %s\n", name);
	if (f != NULL)
		fclose(f);
	if (path != NULL && utimensat(AT_FDCWD, path, times, 0) != 0)
		printf("# cannot set the time of %s\n", name);
	free(path);
}

/* One sync of DOCS with OPTIONS; its items, one a line: state, name,
 * reason, and with REPORT the changes. */
static char *
sync_docs(const factsheet_sync_options_t *options, int *status)
{
	const char *paths[] = { docs };
	factsheet_db_t *db = NULL;
	factsheet_sync_t *sync = NULL;
	const factsheet_sync_item_t *item;
	strbuf_t b = { 0 };
	char *msg = NULL;
	size_t n = strlen(docs) + 1;

	strbuf_puts(&b, "");
	*status = factsheet_db_open(db_path, options->dry_run ?
	    FACTSHEET_DB_READ_ONLY : FACTSHEET_DB_READ_WRITE, &db, &msg);
	if (*status != FACTSHEET_STATUS_SUCCESS) {
		strbuf_printf(&b, "open: %s\n", msg ? msg : "?");
		free(msg);
		return strbuf_finish(&b);
	}
	*status = factsheet_sync_begin(db, paths, 1, options, &sync);
	while (*status == FACTSHEET_STATUS_SUCCESS &&
	    (*status = factsheet_sync_next(sync, &item)) ==
	    FACTSHEET_STATUS_SUCCESS && item != NULL) {
		const char *name = strlen(item->source) >= n ?
		    item->source + n : item->source;

		strbuf_printf(&b, "%s %s%s%s%s\n",
		    factsheet_sync_state_name(item->state), name,
		    item->reason ? ": " : "",
		    item->reason ? item->reason : "",
		    item->failed_before ? " (before)" : "");
		for (size_t i = 0; i < item->n_changes; i++) {
			const factsheet_change_t *c = &item->changes[i];

			strbuf_printf(&b, "  %s %s", factsheet_change_kind_name(
			    c->kind), c->slug);
			if (c->kind == FACTSHEET_CHANGE_CONTACT)
				strbuf_printf(&b, " %s -> %s", c->old_value ?
				    c->old_value : "-", c->new_value ?
				    c->new_value : "-");
			strbuf_puts(&b, "\n");
		}
	}
	if (*status == FACTSHEET_STATUS_SUCCESS)
		*status = factsheet_sync_end(sync);
	if (*status != FACTSHEET_STATUS_SUCCESS)
		strbuf_printf(&b, "error: %s\n", factsheet_db_last_error(db));
	factsheet_sync_free(sync);
	factsheet_db_close(db);
	return strbuf_finish(&b);
}

/* How many sections the database holds. */
static unsigned long
sections(void)
{
	factsheet_db_t *db = NULL;
	unsigned long count = 0;
	char *msg = NULL;

	if (factsheet_db_open(db_path, FACTSHEET_DB_READ_ONLY, &db, &msg) ==
	    FACTSHEET_STATUS_SUCCESS)
		factsheet_db_count(db, &count);
	free(msg);
	factsheet_db_close(db);
	return count;
}

static void
is_sync(const factsheet_sync_options_t *options, const char *want,
	const char *what)
{
	int status;
	char *got = sync_docs(options, &status);

	is_str(got, want, "%s", what);
	is_int(status, FACTSHEET_STATUS_SUCCESS, "%s: no database error",
	    what);
	free(got);
}

int
main(void)
{
	factsheet_sync_options_t plain = { 0 }, report = { 0 }, dry = { 0 };
	unsigned long before;
	char *gone;

	report.report = 1;
	dry.dry_run = 1;
	if ((dir = temp_dir("test-sync")) == NULL)
		return 1;
	docs = temp_path(dir, "docs");
	db_path = temp_path(dir, "db");
	if (docs == NULL || db_path == NULL || mkdir(docs, 0755) != 0)
		return 1;
	put("a.txt", sheet_a, strlen(sheet_a), 1000000000);
	put("b.txt", sheet_b, strlen(sheet_b), 1000000000);

	is_sync(&plain, "new a.txt\nnew b.txt\n", "first run: both new");
	before = sections();
	ok(before > 0, "first run: sections indexed (%lu)", before);
	is_sync(&plain, "unchanged a.txt\nunchanged b.txt\n",
	    "second run: both unchanged");

	/* Touched, same content: unchanged by its hash. */
	put("a.txt", sheet_a, strlen(sheet_a), 1000000100);
	/* A number changed; a file gone; a file that is not UTF-8. */
	put("b.txt", sheet_b2, strlen(sheet_b2), 1000000200);
	put("c.txt", "Title\n\n\x81\x81 bad\n", 13, 1000000000);
	is_sync(&report,
	    "unchanged a.txt\n"
	    "changed b.txt\n"
	    "  section changed application-stuck\n"
	    "  contact application-stuck 1-800-555-0100 -> 1-800-555-0199\n"
	    "failed c.txt: line 3, byte 7: invalid UTF-8 (byte 0x81); "
	    "convert the file to UTF-8\n",
	    "third run: what changed, down to the number, and the bad file");
	is_sync(&plain,
	    "unchanged a.txt\n"
	    "unchanged b.txt\n"
	    "failed c.txt: line 3, byte 7: invalid UTF-8 (byte 0x81); "
	    "convert the file to UTF-8 (before)\n",
	    "fourth run: the bad file is remembered, not read again");

	gone = temp_path(docs, "a.txt");
	if (gone == NULL || unlink(gone) != 0)
		printf("# cannot remove a.txt\n");
	free(gone);
	put("d.txt", sheet_a, strlen(sheet_a), 1000000000);
	before = sections();
	is_sync(&dry,
	    "unchanged b.txt\n"
	    "failed c.txt: line 3, byte 7: invalid UTF-8 (byte 0x81); "
	    "convert the file to UTF-8 (before)\n"
	    "new d.txt\n"
	    "removed a.txt\n",
	    "dry run: what would happen");
	is_int(sections(), before, "dry run: nothing written");
	is_sync(&plain,
	    "unchanged b.txt\n"
	    "failed c.txt: line 3, byte 7: invalid UTF-8 (byte 0x81); "
	    "convert the file to UTF-8 (before)\n"
	    "new d.txt\n"
	    "removed a.txt\n",
	    "fifth run: the new file indexed, the gone one removed");
	is_int(sections(), before, "as many sections: d.txt is a.txt again");

	remove_tree(dir);
	free(docs);
	free(db_path);
	free(dir);
	return done_testing();
}
