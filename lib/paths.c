/*
 * paths.c - where databases are found when the user names none.
 */
#include <config.h>

#include <stdlib.h>
#include <sys/stat.h>

#include "factsheet-private.h"

char *
factsheet_db_default_path(void)
{
	const char *env = getenv("FACTSHEET_DB");
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");

	if (env != NULL && env[0] != '\0')
		return str_printf("%s", env);
	/* The XDG spec says a relative XDG_DATA_HOME is to be ignored. */
	if (xdg != NULL && xdg[0] == '/')
		return str_printf("%s/factsheet/db", xdg);
	if (home != NULL && home[0] != '\0')
		return str_printf("%s/.local/share/factsheet/db", home);
	return NULL;
}

static int
is_directory(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

char *
factsheet_db_bundled_path(void)
{
	/* The installed copy first; the build tree's serves a fresh build
	 * run in place. */
	if (is_directory(FACTSHEET_PKGDATADIR "/corpus.db"))
		return str_printf("%s", FACTSHEET_PKGDATADIR "/corpus.db");
	if (is_directory(FACTSHEET_BUILD_DB))
		return str_printf("%s", FACTSHEET_BUILD_DB);
	return NULL;
}

char *
factsheet_thesaurus_default_path(void)
{
	struct stat st;

	if (stat(FACTSHEET_PKGDATADIR "/thesaurus.txt", &st) == 0)
		return str_printf("%s", FACTSHEET_PKGDATADIR "/thesaurus.txt");
	if (stat(FACTSHEET_SRCDIR "/corpus/thesaurus.txt", &st) == 0)
		return str_printf("%s", FACTSHEET_SRCDIR
		    "/corpus/thesaurus.txt");
	return NULL;
}
