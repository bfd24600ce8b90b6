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

#include <jansson.h>

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
	fprintf(out, "usage: %s [--db PATH]... [--words PATH]... "
	    "[--timeout MS] [--partial]\n"
	    "                       [--json] [--explain] [--limit N] "
	    "[--offset N]\n"
	    "                       [--color=WHEN] [--format=FORMAT] "
	    "WORDS...\n", progname);
}

static void
help(void)
{
	usage(stdout);
	fputs("\nSearch the indexed publications for WORDS (phrases in quotes, "
	    "AND, OR, NOT,\n"
	    "+word, -word, word*, field:word; see factsheet-query(1)).\n\n"
	    "  -d, --db PATH       search the database at PATH (default: "
	    "$FACTSHEET_DB,\n"
	    "                      else your database if it exists, else the "
	    "bundled one); again to search\n"
	    "                      several as one; PATH may be a stub file "
	    "or tcp://HOST:PORT\n"
	    "      --words PATH    take spelling data and synonyms from the "
	    "database at PATH\n"
	    "                      too (a remote shard serves none)\n"
	    "      --timeout MS    wait at most MS milliseconds for a remote "
	    "shard (default\n"
	    "                      10000)\n"
	    "      --partial       when a remote shard does not answer, "
	    "give the results of\n"
	    "                      the others, marked partial, rather than "
	    "an error\n"
	    "  -j, --json          print the results as one JSON document\n"
	    "  -e, --explain       show the terms and weights that ranked "
	    "each hit\n"
	    "  -n, --limit N       show at most N hits (1 to 10000; default "
	    "10)\n"
	    "  -o, --offset N      skip the first N hits (default 0)\n"
	    "      --color=WHEN    highlight matches: auto (on a terminal, "
	    "unless NO_COLOR\n"
	    "                      is set), always or never; default auto\n"
	    "      --format=FORMAT full (default), brief (heading and "
	    "contacts) or path\n"
	    "                      (source#anchor, one a line)\n"
	    "  -h, --help          show this help and exit\n"
	    "  -V, --version       show the version and exit\n\n"
	    "Exit status: 0 found, 1 nothing found, 2 error.\n", stdout);
}

/* Set by --json: a failure is also a JSON object on standard output. */
static int json_errors;

/* The one place a failure becomes a message: one line on stderr, and
 * under --json {"error": ...} on stdout, so scripts can parse both. */
static void
report(const char *message)
{
	/* A query or a path may hold an escape sequence: shown escaped. */
	char *shown = factsheet_escape(message, NULL);
	const char *text = shown ? shown : message;

	fprintf(stderr, "%s: %s\n", progname, text);
	if (json_errors) {
		json_t *o = json_pack("{s:s}", "error", text);
		char *s = o ? json_dumps(o, 0) : NULL;

		if (s != NULL)
			printf("%s\n", s);
		free(s);
		json_decref(o);
	}
	free(shown);
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
		char *m = malloc(strlen(option) + strlen(arg) + 64);

		if (m != NULL)
			sprintf(m, "%s: '%s' is not a number from %u to 10000",
			    option, arg, min);
		report(m ? m : "out of memory");
		free(m);
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

/* --color: -1 auto, 0 never, 1 always. */
static int
parse_color(const char *arg)
{
	if (arg == NULL || strcmp(arg, "auto") == 0)
		return -1;
	if (strcmp(arg, "always") == 0)
		return 1;
	if (strcmp(arg, "never") == 0)
		return 0;
	return -2;
}

static int
parse_format(const char *arg)
{
	if (strcmp(arg, "full") == 0)
		return RENDER_FULL;
	if (strcmp(arg, "brief") == 0)
		return RENDER_BRIEF;
	if (strcmp(arg, "path") == 0)
		return RENDER_PATH;
	return -1;
}

/*
 * Colour: as --color says; auto is on for a terminal unless NO_COLOR is
 * set or TERM is dumb.  Width: the terminal's, else $COLUMNS (a pipe into
 * less or a file wants the width asked for), else 80; at most 100.
 */
static void
terminal_options(render_options_t *o, int color)
{
	const char *no_color = getenv("NO_COLOR");
	const char *term = getenv("TERM");
	const char *columns = getenv("COLUMNS");
	struct winsize ws;
	int tty = isatty(STDOUT_FILENO);

	if (color >= 0)
		o->color = color;
	else
		o->color = tty && (no_color == NULL || no_color[0] == '\0') &&
		    !(term && strcmp(term, "dumb") == 0);
	o->width = 80;
	if (tty && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col > 0)
		o->width = ws.ws_col;
	else if (columns != NULL && atoi(columns) > 0)
		o->width = atoi(columns);
	if (o->width > 100)
		o->width = 100;
}

/* Whether PATH names a stub file or a remote database. */
static int
is_shard_list(const char *path)
{
	struct stat st;

	return strncmp(path, "tcp://", 6) == 0 ||
	    (stat(path, &st) == 0 && S_ISREG(st.st_mode));
}

/* The databases of SHARDS, as results name them: "a, b". */
static char *
shard_names(const factsheet_shards_t *shards)
{
	size_t n = 1;
	char *names;

	for (size_t i = 0; i < shards->n_paths; i++)
		n += strlen(shards->paths[i]) + 2;
	if ((names = malloc(n)) == NULL)
		return NULL;
	names[0] = '\0';
	for (size_t i = 0; i < shards->n_paths; i++) {
		if (i > 0)
			strcat(names, ", ");
		strcat(names, shards->paths[i]);
	}
	return names;
}

/* The message of a search a shard, DOWN, failed: REASON names it too. */
static char *
shard_down(const char *down, const char *reason)
{
	char *m = malloc(strlen(down) + strlen(reason) + 32);

	if (m != NULL)
		sprintf(m, "shard %s not answering: %s", down, reason);
	return m;
}

/*
 * The message of a failed search.  The library labels it with the
 * database's path; a query that does not parse is the query's fault, so
 * it is labelled with the query, and Xapian's grammar note is said in
 * words ("Syntax: <expression> AND <expression>").
 */
static char *
search_error(const char *db_path, const char *query, const char *message,
	     factsheet_status_t st)
{
	size_t n = strlen(db_path);
	const char *op, *end;

	if (st != FACTSHEET_STATUS_BAD_QUERY)
		return strdup(message);
	if (strncmp(message, db_path, n) == 0 && message[n] == ':' &&
	    message[n + 1] == ' ')
		message += n + 2;
	if ((op = strstr(message, "<expression> ")) != NULL &&
	    (end = strstr(op + 13, " <expression>")) != NULL &&
	    strncmp(message, "Syntax: ", 8) == 0) {
		char *m = malloc(strlen(query) + (size_t)(end - op) + 64);

		if (m != NULL)
			sprintf(m, "bad query '%s': %.*s needs words on both "
			    "sides", query, (int)(end - op - 13), op + 13);
		return m;
	}
	{
		char *m = malloc(strlen(query) + strlen(message) + 16);

		if (m != NULL)
			sprintf(m, "bad query '%s': %s", query, message);
		return m;
	}
}

/* One line on stderr naming the N shards MISSING left out of the
 * results: a warning, not a failure (JSON names them in "missing"). */
static void
warn_missing(const char *const *missing, size_t n)
{
	fprintf(stderr, "%s: warning: partial results: %s ", progname,
	    n > 1 ? "shards" : "shard");
	for (size_t i = 0; i < n; i++) {
		char *shown = factsheet_escape(missing[i], NULL);

		fprintf(stderr, "%s%s", i > 0 ? ", " : "",
		    shown ? shown : missing[i]);
		free(shown);
	}
	fprintf(stderr, " not answering\n");
}

/* On a terminal, a database other than the bundled one is named: an
 * unrelated file indexed into the default database must not answer
 * unnoticed. */
static void
name_database(const char *db_path, const render_options_t *o)
{
	char *bundled;

	if (!isatty(STDOUT_FILENO))
		return;
	bundled = factsheet_db_bundled_path();
	if (bundled == NULL || strcmp(bundled, db_path) != 0)
		printf("%sSearched %s%s\n\n", o->color ? "\x1b[2m" : "",
		    db_path, o->color ? "\x1b[0m" : "");
	free(bundled);
}

int
main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "words", required_argument, NULL, 'W' },
		{ "timeout", required_argument, NULL, 'T' },
		{ "partial", no_argument, NULL, 'P' },
		{ "json", no_argument, NULL, 'j' },
		{ "explain", no_argument, NULL, 'e' },
		{ "limit", required_argument, NULL, 'n' },
		{ "offset", required_argument, NULL, 'o' },
		{ "color", optional_argument, NULL, 'c' },
		{ "colour", optional_argument, NULL, 'c' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	factsheet_search_options_t search = { .limit = 10 };
	const char *db_arg = NULL;
	/* Every --db and --words, when there are several. */
	const char *db_args[argc > 0 ? argc : 1];
	const char *word_args[argc > 0 ? argc : 1];
	factsheet_shards_t shards = { .paths = db_args, .words = word_args };
	char *db_path, *query, *message = NULL;
	factsheet_db_t *db = NULL;
	factsheet_results_t *results = NULL;
	factsheet_status_t st;
	int json = 0, explain = 0, color = -1, format = RENDER_FULL, c;
	int status;
	const char *const *missing;
	size_t n_missing;

	/* "+": options end at the first word, so "-word" excludes it. */
	while ((c = getopt_long(argc, argv, "+d:jen:o:hV", options,
	    NULL)) != -1) {
		switch (c) {
		case 'd':
			db_arg = optarg;
			db_args[shards.n_paths++] = optarg;
			break;
		case 'W':
			word_args[shards.n_words++] = optarg;
			break;
		case 'T':
			if (parse_count("--timeout", optarg, 1,
			    &shards.timeout_ms) < 0)
				return EXIT_ERROR;
			break;
		case 'P':
			shards.missing_ok = 1;
			break;
		case 'j':
			json = json_errors = 1;
			break;
		case 'c':
			if ((color = parse_color(optarg)) < -1) {
				report("--color: give auto, always or never");
				return EXIT_ERROR;
			}
			break;
		case 'f':
			if ((format = parse_format(optarg)) < 0) {
				report("--format: give full, brief or path");
				return EXIT_ERROR;
			}
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
			help();
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
	if (shards.n_paths > 1 || shards.n_words > 0 ||
	    shards.timeout_ms > 0 || shards.missing_ok ||
	    (db_arg != NULL && is_shard_list(db_arg)))
		db_path = shard_names(&shards);
	else
		db_path = choose_database(db_arg);
	if (db_path == NULL) {
		report("no database: index publications with factsheet-index, "
		    "or give --db PATH");
		free(query);
		return EXIT_ERROR;
	}
	if (shards.n_paths == 0) {
		db_args[0] = db_path;
		shards.n_paths = 1;
	}
	st = factsheet_db_open_shards(&shards, &db, &message);
	if (st != FACTSHEET_STATUS_SUCCESS) {
		report(message ? message : factsheet_status_to_string(st));
		free(message);
		free(db_path);
		free(query);
		return EXIT_ERROR;
	}
	st = factsheet_db_search(db, query, &search, &results);
	if (st != FACTSHEET_STATUS_SUCCESS) {
		char *down = NULL;

		/* A shard that stopped answering is named, not the whole. */
		if (shards.n_paths > 1 || is_shard_list(db_path))
			(void)factsheet_db_check_shards(db, &down);
		message = down != NULL ? shard_down(down,
		    factsheet_db_last_error(db)) : search_error(db_path,
		    query, factsheet_db_last_error(db), st);
		free(down);
		report(message ? message : "out of memory");
		free(message);
		status = EXIT_ERROR;
	} else {
		status = factsheet_results_count(results) > 0 ? EXIT_FOUND :
		    EXIT_NOT_FOUND;
		if (json) {
			/* With the database that answered them. */
			char *s = factsheet_results_to_json_named(results,
			    query, explain, db_path);

			if (s == NULL) {
				report("out of memory");
				status = EXIT_ERROR;
			} else {
				printf("%s\n", s);
			}
			free(s);
		} else {
			render_options_t o;

			terminal_options(&o, color);
			o.explain = explain;
			o.format = format;
			if (format != RENDER_PATH)
				name_database(db_path, &o);
			render_results(stdout, results, &o);
		}
		missing = factsheet_results_missing(results, &n_missing);
		if (n_missing > 0)
			warn_missing(missing, n_missing);
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
