/*
 * test-paths.c - paths.c: the default database ($FACTSHEET_DB, else under
 * an absolute $XDG_DATA_HOME, else under $HOME), and the data files a
 * fresh build finds in its own tree: the bundled corpus.db, the shipped
 * thesaurus, the server's static files.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "factsheet-private.h"
#include "tap.h"

static void
default_is(const char *db, const char *xdg, const char *home,
	   const char *want, const char *what)
{
	char *got;

	/* NULL unsets: the path must not depend on the caller's own. */
	if (db)
		setenv("FACTSHEET_DB", db, 1);
	else
		unsetenv("FACTSHEET_DB");
	if (xdg)
		setenv("XDG_DATA_HOME", xdg, 1);
	else
		unsetenv("XDG_DATA_HOME");
	if (home)
		setenv("HOME", home, 1);
	else
		unsetenv("HOME");
	got = factsheet_db_default_path();
	is_str(got, want, "%s", what);
	free(got);
}

static void
test_default(void)
{
	default_is("/srv/help.db", "/x", "/home/u", "/srv/help.db",
	    "$FACTSHEET_DB first");
	default_is("", "/data", "/home/u", "/data/factsheet/db",
	    "an empty $FACTSHEET_DB is unset: $XDG_DATA_HOME");
	default_is(NULL, "relative/dir", "/home/u",
	    "/home/u/.local/share/factsheet/db",
	    "a relative $XDG_DATA_HOME is ignored, as the XDG spec says");
	default_is(NULL, NULL, "/home/u", "/home/u/.local/share/factsheet/db",
	    "$HOME's .local/share");
	default_is(NULL, NULL, "", NULL, "an empty $HOME: no default");
	default_is(NULL, NULL, NULL, NULL, "nothing set: no default");
}

/* Whether PATH (maybe NULL) ends with END and is of kind DIR or file. */
static int
found(const char *path, const char *end, int dir)
{
	struct stat st;
	size_t n = path ? strlen(path) : 0, m = strlen(end);

	return path != NULL && n >= m && strcmp(path + n - m, end) == 0 &&
	    stat(path, &st) == 0 && (dir ? S_ISDIR(st.st_mode) :
	    S_ISREG(st.st_mode));
}

static void
test_data(void)
{
	char *db = factsheet_db_bundled_path();
	char *thesaurus = factsheet_thesaurus_default_path();
	char *page = factsheet_static_path("widget.js");
	char *none = factsheet_static_path("no-such-file.js");

	ends(db, "corpus.db", "the bundled index: corpus.db");
	is_int(found(db, "corpus.db", 1), 1, "a directory that is there");
	ends(thesaurus, "thesaurus.txt", "the shipped thesaurus");
	is_int(found(thesaurus, "thesaurus.txt", 0), 1,
	    "a file that is there");
	ends(page, "static/widget.js", "a static file of the server");
	is_int(found(page, "widget.js", 0), 1, "a file that is there");
	is_str(none, NULL, "a static file that is nowhere: NULL");
	free(db);
	free(thesaurus);
	free(page);
	free(none);
}

int
main(void)
{
	test_default();
	test_data();
	return done_testing();
}
