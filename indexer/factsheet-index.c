/*
 * factsheet-index - add CMS publications to a factsheet database.
 *
 * Each file is read and parsed in full before it touches the index, and
 * each publication replaces its earlier sections in one transaction, so a
 * bad file never costs the index anything it already held.
 */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <jansson.h>

#include "factsheet.h"

/* Exit codes, as grep's. */
enum {
	EXIT_OK = 0,
	EXIT_ERROR = 2
};

static const char *progname = "factsheet-index";

static void
usage(FILE *out)
{
	fprintf(out, "usage: %s [--db PATH] [--json] [--thesaurus FILE] "
	    "FILE...\n", progname);
}

/* The one place a failure becomes a message. */
static void
report(const char *message)
{
	fprintf(stderr, "%s: %s\n", progname, message);
}

/* mkdir -p for the parents of PATH (the default location may be new). */
static int
make_parents(const char *path)
{
	char *copy = strdup(path);

	if (copy == NULL)
		return -1;
	for (char *p = copy + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(copy, 0777) < 0 && errno != EEXIST) {
			free(copy);
			return -1;
		}
		*p = '/';
	}
	free(copy);
	return 0;
}

typedef struct {
	unsigned long publications;
	unsigned long sections;
	unsigned long problems;
	unsigned long resources;
	unsigned long failed;
	json_t *files;
	json_t *errors;
} summary_t;

static void
count_publication(summary_t *sum, const factsheet_publication_t *pub)
{
	unsigned long problems = 0, resources = 0;

	for (size_t i = 0; i < pub->n_sections; i++) {
		problems += pub->sections[i].kind == FACTSHEET_SECTION_PROBLEM;
		resources += pub->sections[i].kind ==
		    FACTSHEET_SECTION_RESOURCE;
	}
	sum->publications++;
	sum->sections += pub->n_sections;
	sum->problems += problems;
	sum->resources += resources;
	json_array_append_new(sum->files, json_pack("{s:s, s:s, s:I, s:I, "
	    "s:I, s:o}", "source", pub->source, "title", pub->title,
	    "sections", (json_int_t)pub->n_sections,
	    "problems", (json_int_t)problems,
	    "resources", (json_int_t)resources,
	    "warning", pub->warning ? json_string(pub->warning) :
	    json_null()));
}

static void
count_failure(summary_t *sum, const char *source, const char *message)
{
	sum->failed++;
	json_array_append_new(sum->errors, json_pack("{s:s, s:s}",
	    "source", source, "message", message));
}

static double
seconds_since(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - start->tv_sec) +
	    (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

static void
print_summary(const summary_t *sum, const char *db_path, double seconds,
	      int json)
{
	if (json) {
		json_t *root = json_pack("{s:s, s:I, s:I, s:I, s:I, s:I, "
		    "s:f, s:O, s:O}", "database", db_path,
		    "publications", (json_int_t)sum->publications,
		    "sections", (json_int_t)sum->sections,
		    "problems", (json_int_t)sum->problems,
		    "resources", (json_int_t)sum->resources,
		    "failed", (json_int_t)sum->failed,
		    "seconds", seconds, "files", sum->files,
		    "errors", sum->errors);
		char *s = root ? json_dumps(root, JSON_INDENT(2) |
		    JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(3)) : NULL;

		if (s != NULL)
			printf("%s\n", s);
		free(s);
		json_decref(root);
		return;
	}
	printf("Indexed %lu publication%s (%lu section%s: %lu problem%s, "
	    "%lu resource%s) into %s in %.3f s",
	    sum->publications, sum->publications == 1 ? "" : "s",
	    sum->sections, sum->sections == 1 ? "" : "s",
	    sum->problems, sum->problems == 1 ? "" : "s",
	    sum->resources, sum->resources == 1 ? "" : "s",
	    db_path, seconds);
	if (sum->failed > 0)
		printf("; %lu file%s failed", sum->failed,
		    sum->failed == 1 ? "" : "s");
	printf(".\n");
}

int
main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "json", no_argument, NULL, 'j' },
		{ "thesaurus", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db_arg = NULL, *thesaurus_arg = NULL;
	char *db_path, *thesaurus, *message = NULL;
	int json = 0, c, status = EXIT_OK;
	factsheet_db_t *db = NULL;
	factsheet_status_t st;
	summary_t sum = { 0 };
	struct timespec start;

	while ((c = getopt_long(argc, argv, "d:jt:hV", options, NULL)) != -1) {
		switch (c) {
		case 'd':
			db_arg = optarg;
			break;
		case 'j':
			json = 1;
			break;
		case 't':
			thesaurus_arg = optarg;
			break;
		case 'h':
			usage(stdout);
			return EXIT_OK;
		case 'V':
			printf("%s %s\n", progname, PACKAGE_VERSION);
			return EXIT_OK;
		default:
			usage(stderr);
			return EXIT_ERROR;
		}
	}
	if (optind == argc) {
		report("no files to index");
		usage(stderr);
		return EXIT_ERROR;
	}
	if (db_arg != NULL && db_arg[0] == '\0') {
		report("--db: empty path");
		return EXIT_ERROR;
	}
	db_path = db_arg ? strdup(db_arg) : factsheet_db_default_path();
	if (db_path == NULL) {
		report("no database location: give --db PATH, or set "
		    "FACTSHEET_DB or HOME");
		return EXIT_ERROR;
	}
	if (db_arg == NULL && getenv("FACTSHEET_DB") == NULL)
		make_parents(db_path);

	clock_gettime(CLOCK_MONOTONIC, &start);
	st = factsheet_db_open(db_path, FACTSHEET_DB_READ_WRITE, &db,
	    &message);
	if (st != FACTSHEET_STATUS_SUCCESS) {
		report(message ? message : factsheet_status_to_string(st));
		free(message);
		free(db_path);
		return EXIT_ERROR;
	}
	/* The thesaurus goes in first: documents carry its phrases. */
	thesaurus = thesaurus_arg ? strdup(thesaurus_arg) :
	    factsheet_thesaurus_default_path();
	if (thesaurus != NULL && factsheet_db_set_thesaurus(db, thesaurus) !=
	    FACTSHEET_STATUS_SUCCESS) {
		report(factsheet_db_last_error(db));
		free(thesaurus);
		factsheet_db_close(db);
		free(db_path);
		return EXIT_ERROR;
	}
	free(thesaurus);
	sum.files = json_array();
	sum.errors = json_array();
	for (int i = optind; i < argc; i++) {
		factsheet_publication_t *pub = NULL;

		st = factsheet_publication_read_file(argv[i], &pub, &message);
		if (st != FACTSHEET_STATUS_SUCCESS) {
			report(message ? message :
			    factsheet_status_to_string(st));
			count_failure(&sum, argv[i], message ? message :
			    factsheet_status_to_string(st));
			free(message);
			status = EXIT_ERROR;
			continue;
		}
		if (pub->warning != NULL)
			fprintf(stderr, "%s: warning: %s\n", progname,
			    pub->warning);
		st = factsheet_db_add_publication(db, pub);
		if (st != FACTSHEET_STATUS_SUCCESS) {
			report(factsheet_db_last_error(db));
			count_failure(&sum, argv[i],
			    factsheet_db_last_error(db));
			status = EXIT_ERROR;
		} else {
			count_publication(&sum, pub);
		}
		factsheet_publication_free(pub);
	}
	st = factsheet_db_commit(db);
	if (st != FACTSHEET_STATUS_SUCCESS) {
		report(factsheet_db_last_error(db));
		status = EXIT_ERROR;
	} else {
		print_summary(&sum, db_path, seconds_since(&start), json);
	}
	factsheet_db_close(db);
	json_decref(sum.files);
	json_decref(sum.errors);
	free(db_path);
	return status;
}
