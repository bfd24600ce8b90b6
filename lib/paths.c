/*
 * paths.c - where databases are found when the user names none.
 */
#include <config.h>

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

static int
is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/*
 * NAME in the data directory beside the running program (BIN/../share/
 * factsheet/NAME), if it is there: a copy installed under a DESTDIR or
 * moved to another prefix answers from its own data, not from whatever
 * the configured prefix holds.  NULL if not there.
 */
static char *
beside_program(const char *name, int (*exists)(const char *))
{
	char exe[PATH_MAX], *slash, *path;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);

	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	/* Strip the program's name, then its directory (bin). */
	for (int i = 0; i < 2; i++) {
		if ((slash = strrchr(exe, '/')) == NULL)
			return NULL;
		*slash = '\0';
	}
	path = str_printf("%s/share/%s/%s", exe, PACKAGE, name);
	if (path != NULL && !exists(path)) {
		free(path);
		path = NULL;
	}
	return path;
}

/*
 * The data file NAME: beside the program, else in the configured data
 * directory, else in the build or source tree (BUILD_PATH), which serves
 * a fresh build run in place.
 */
static char *
find_data(const char *name, const char *build_path,
	  int (*exists)(const char *))
{
	char *path = beside_program(name, exists);

	if (path != NULL)
		return path;
	path = str_printf("%s/%s", FACTSHEET_PKGDATADIR, name);
	if (path != NULL && exists(path))
		return path;
	free(path);
	if (exists(build_path))
		return str_printf("%s", build_path);
	return NULL;
}

char *
factsheet_db_bundled_path(void)
{
	return find_data("corpus.db", FACTSHEET_BUILD_DB, is_directory);
}

char *
factsheet_static_path(const char *name)
{
	char *installed = str_printf("static/%s", name);
	char *source = str_printf("%s/server/static/%s", FACTSHEET_SRCDIR,
	    name);
	char *path = NULL;

	if (installed != NULL && source != NULL)
		path = find_data(installed, source, is_file);
	free(installed);
	free(source);
	return path;
}

char *
factsheet_thesaurus_default_path(void)
{
	return find_data("thesaurus.txt",
	    FACTSHEET_SRCDIR "/corpus/thesaurus.txt", is_file);
}
