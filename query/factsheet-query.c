/*
 * factsheet-query - answer a question from the indexed publications.
 */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "factsheet.h"
#include "render-text.h"

/* Exit codes, as grep's. */
enum {
	EXIT_FOUND = 0,
	EXIT_NOT_FOUND = 1,
	EXIT_ERROR = 2
};

static const char *progname = "factsheet-query";

static void
usage(FILE *out)
{
	fprintf(out, "usage: %s [--db PATH] [--json] [--explain] [--limit N] "
	    "[--offset N] WORDS...\n", progname);
}

/* The one place a failure becomes a message. */
static void
report(const char *message)
{
	fprintf(stderr, "%s: %s\n", progname, message);
}

static int
parse_count(const char *option, const char *arg, unsigned min,
	    unsigned *out)
{
	char *end;
	unsigned long n;

	errno = 0;
	n = strtoul(arg, &end, 10);
	if (arg[0] == '\0' || arg[0] == '-' || *end != '\0' || errno != 0 ||
	    n < min || n > 10000) {
		fprintf(stderr, "%s: %s: '%s' is not a number from %u to "
		    "10000\n", progname, option, arg, min);
		return -1;
	}
	*out = (unsigned)n;
	return 0;
}

static int
exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

/*
 * --db, else $FACTSHEET_DB, else the user's database if it exists, else
 * the index of the bundled corpus.
 */
static char *
choose_database(const char *db_arg)
{
	char *path;

	if (db_arg != NULL)
		return strdup(db_arg);
	path = factsheet_db_default_path();
	if (path != NULL && (getenv("FACTSHEET_DB") || exists(path)))
		return path;
	free(path);
	return factsheet_db_bundled_path();
}

/* The words joined with spaces; NULL when out of memory. */
static char *
join_words(int argc, char **argv)
{
	size_t len = 1;
	char *query;

	for (int i = 0; i < argc; i++)
		len += strlen(argv[i]) + 1;
	if ((query = malloc(len)) == NULL)
		return NULL;
	query[0] = '\0';
	for (int i = 0; i < argc; i++) {
		if (i > 0)
			strcat(query, " ");
		strcat(query, argv[i]);
	}
	return query;
}

static void
terminal_options(render_options_t *o)
{
	const char *no_color = getenv("NO_COLOR");
	const char *term = getenv("TERM");
	const char *columns = getenv("COLUMNS");
	struct winsize ws;
	int tty = isatty(STDOUT_FILENO);

	o->color = tty && (no_color == NULL || no_color[0] == '\0') &&
	    !(term && strcmp(term, "dumb") == 0);
	o->width = 80;
	if (tty && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col > 0)
		o->width = ws.ws_col;
	else if (tty && columns != NULL && atoi(columns) > 0)
		o->width = atoi(columns);
	if (o->width > 100)
		o->width = 100;
}

int
main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "json", no_argument, NULL, 'j' },
		{ "explain", no_argument, NULL, 'e' },
		{ "limit", required_argument, NULL, 'n' },
		{ "offset", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	factsheet_search_options_t search = { 0, 10, 0 };
	const char *db_arg = NULL;
	char *db_path, *query, *message = NULL;
	factsheet_db_t *db = NULL;
	factsheet_results_t *results = NULL;
	factsheet_status_t st;
	int json = 0, explain = 0, c, status;

	/* "+": options end at the first word, so "-word" excludes it. */
	while ((c = getopt_long(argc, argv, "+d:jen:o:hV", options,
	    NULL)) != -1) {
		switch (c) {
		case 'd':
			db_arg = optarg;
			break;
		case 'j':
			json = 1;
			break;
		case 'e':
			explain = 1;
			break;
		case 'n':
			if (parse_count("--limit", optarg, 1,
			    &search.limit) < 0)
				return EXIT_ERROR;
			break;
		case 'o':
			if (parse_count("--offset", optarg, 0,
			    &search.offset) < 0)
				return EXIT_ERROR;
			break;
		case 'h':
			usage(stdout);
			return EXIT_FOUND;
		case 'V':
			printf("%s %s\n", progname, PACKAGE_VERSION);
			return EXIT_FOUND;
		default:
			usage(stderr);
			return EXIT_ERROR;
		}
	}
	if (optind == argc) {
		report("no query: give the words to search for");
		usage(stderr);
		return EXIT_ERROR;
	}
	if ((query = join_words(argc - optind, argv + optind)) == NULL) {
		report("out of memory");
		return EXIT_ERROR;
	}
	if ((db_path = choose_database(db_arg)) == NULL) {
		report("no database: index publications with factsheet-index, "
		    "or give --db PATH");
		free(query);
		return EXIT_ERROR;
	}
	st = factsheet_db_open(db_path, FACTSHEET_DB_READ_ONLY, &db,
	    &message);
	if (st != FACTSHEET_STATUS_SUCCESS) {
		report(message ? message : factsheet_status_to_string(st));
		free(message);
		free(db_path);
		free(query);
		return EXIT_ERROR;
	}
	st = factsheet_db_search(db, query, &search, &results);
	if (st != FACTSHEET_STATUS_SUCCESS) {
		report(factsheet_db_last_error(db));
		status = EXIT_ERROR;
	} else {
		status = factsheet_results_count(results) > 0 ? EXIT_FOUND :
		    EXIT_NOT_FOUND;
		if (json) {
			char *s = factsheet_results_to_json(results, query,
			    explain);

			if (s == NULL) {
				report("out of memory");
				status = EXIT_ERROR;
			} else {
				printf("%s\n", s);
			}
			free(s);
		} else {
			render_options_t o;

			terminal_options(&o);
			o.explain = explain;
			render_results(stdout, results, &o);
		}
		if (factsheet_results_partial(results))
			report("the search stopped at its time limit: these "
			    "are the best hits found by then");
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		report("error writing results");
		status = EXIT_ERROR;
	}
	factsheet_results_free(results);
	factsheet_db_close(db);
	free(db_path);
	free(query);
	return status;
}
