/*
 * factsheet-index - keep a factsheet database in step with CMS
 * publications: files and folders, walked recursively.
 *
 * Each file is read and parsed in full before it touches the index, and
 * each publication replaces its earlier sections in one transaction, so a
 * bad file never costs the index anything it already held.  Files
 * unchanged since the last run are skipped; files gone from a folder
 * given are removed.  The library does the work; this program turns what
 * it did into messages, a summary and an exit status.
 */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

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
	    "[--dry-run] [--report]\n"
	    "                       [--retry-failed] [--force] [--wait[=SECONDS]]\n"
	    "                       [--exclude PATTERN]... [--url-map DIR=URL]... "
	    "[--replicate[=N]]\n"
	    "                       PATH...\n"
	    "       %s [--db PATH] [--json] --remove PATH...\n"
	    "       %s [--db PATH] [--json] --list | --stats\n"
	    "       %s --sections FILE...\n", progname, progname, progname,
	    progname);
}

static void
help(void)
{
	usage(stdout);
	fputs("\nKeep a factsheet database in step with publications (Markdown, "
	    "HTML, text,\nreStructuredText, PDF; .gz too): files and folders, "
	    "walked recursively.\n\n"
	    "  -d, --db PATH          the database (default: $FACTSHEET_DB, "
	    "else\n"
	    "                         ~/.local/share/factsheet/db)\n"
	    "  -j, --json             print the summary (or list) as JSON\n"
	    "  -t, --thesaurus FILE   load FILE as the database's thesaurus "
	    "first; \"cms\"\n"
	    "                         the bundled CMS one, \"none\" none "
	    "(default: keep\n"
	    "                         the database's; a new one has none)\n"
	    "  -n, --dry-run          say what would change; change nothing\n"
	    "  -r, --report           list the sections and contacts each "
	    "file changed\n"
	    "  -R, --retry-failed     read again files that failed before\n"
	    "  -f, --force            index every file again, as if new\n"
	    "  -w, --wait[=SECONDS]   wait for another indexer's lock (at most "
	    "SECONDS)\n"
	    "  -x, --exclude PATTERN  leave out files and folders whose name "
	    "or path\n"
	    "                         matches the shell PATTERN (repeatable)\n"
	    "      --url-map DIR=URL  files under DIR are published at URL "
	    "(repeatable;\n"
	    "                         kept in the database, replacing its "
	    "map)\n"
	    "      --replicate[=N]    keep the changesets of the last N "
	    "commits (default\n"
	    "                         100) for xapian-replicate to follow; "
	    "the lexicon\n"
	    "                         is a database of its own to replicate "
	    "too\n"
	    "      --remove PATH...   remove the publications at PATH (gone "
	    "or not;\n"
	    "                         a folder: all below it)\n"
	    "      --list             list the publications: format, "
	    "sections, revised\n"
	    "                         date, failure\n"
	    "      --stats            publications, sections, terms, size on "
	    "disk,\n"
	    "                         thesaurus, last run\n"
	    "  -s, --sections FILE... show how each FILE splits into sections, "
	    "as JSON\n"
	    "  -h, --help             show this help and exit\n"
	    "  -V, --version          show the version and exit\n\n"
	    "Exit status: 0 done, 2 a file failed in this run or an error "
	    "(a file that\nfailed before and has not changed is a "
	    "warning).\n", stdout);
}

/* Progress on a terminal: one line on stderr, rewritten in place. */
typedef struct {
	int on;
	int shown;		/* a line is on the screen */
	size_t done, total;
	struct timespec start, last;
} progress_t;

static double
seconds_between(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) +
	    (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

static double
seconds_since(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return seconds_between(start, &now);
}

/* Clears the progress line, so that a message starts at column 0. */
static void
progress_clear(progress_t *p)
{
	if (p->shown) {
		fputs("\r\033[K", stderr);
		p->shown = 0;
	}
}

static void
progress_update(progress_t *p)
{
	struct timespec now;
	double elapsed, rate;

	if (!p->on)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	/* Ten times a second is as often as anyone can read it. */
	if (p->shown && p->done < p->total &&
	    seconds_between(&p->last, &now) < 0.1)
		return;
	p->last = now;
	elapsed = seconds_between(&p->start, &now);
	rate = elapsed > 0 ? (double)p->done / elapsed : 0;
	fprintf(stderr, "\r\033[K%zu/%zu files", p->done, p->total);
	if (rate > 0) {
		unsigned long eta = (unsigned long)((double)(p->total -
		    p->done) / rate + 0.5);

		fprintf(stderr, ", %.1f files/s, ETA %lu:%02lu", rate,
		    eta / 60, eta % 60);
	}
	fflush(stderr);
	p->shown = 1;
}

/* Prints FMT with the escapes of factsheet_escape(): a file name or a
 * publication's words may hold an escape sequence for the terminal. */
static void
vsay(FILE *out, const char *fmt, va_list ap)
{
	char *s = NULL, *shown;

	if (vasprintf(&s, fmt, ap) < 0)
		return;
	shown = factsheet_escape(s, "\n");
	fputs(shown ? shown : "(out of memory)", out);
	free(shown);
	free(s);
}

static void
say(FILE *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
say(FILE *out, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsay(out, fmt, ap);
	va_end(ap);
}

/*
 * Set by --json: a run that ends on a failure before any JSON was
 * printed (a database that cannot be opened, a signal) prints its last
 * message as {"error": ...} on stdout, as factsheet-query does, so that a
 * script always has one JSON object to read.
 */
static int json_errors;
static int json_printed;
static char *last_failure;

static void
print_json_error(const char *message)
{
	char *shown = factsheet_escape(message, NULL);
	json_t *o = json_pack("{s:s}", "error", shown ? shown : message);
	char *s = o ? json_dumps(o, 0) : NULL;

	if (s != NULL)
		printf("%s\n", s);
	fflush(stdout);
	free(s);
	json_decref(o);
	free(shown);
}

/* At exit: the JSON error, if the run printed no JSON of its own. */
static void
json_error_if_silent(void)
{
	if (json_errors && !json_printed && last_failure != NULL)
		print_json_error(last_failure);
	free(last_failure);
	last_failure = NULL;
}

/* The one place a failure becomes a message. */
static void
report(progress_t *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
report(progress_t *p, const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;

	if (p != NULL)
		progress_clear(p);
	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		s = NULL;
	va_end(ap);
	say(stderr, "%s: %s\n", progname, s ? s : "out of memory");
	free(last_failure);
	last_failure = s;
}

/* SIGINT or SIGTERM, once caught: the run stops after the file at hand
 * and commits what it wrote.  The handler is reset as it runs, so a
 * second signal ends the program at once. */
static volatile sig_atomic_t stop_signal;

static void
on_stop_signal(int sig)
{
	stop_signal = sig;
}

static void
catch_stop_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_stop_signal;
	sa.sa_flags = SA_RESETHAND;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

/* The database being written, for the message of a fatal failure. */
static const char *fatal_db_path = "the database";

/* A failure Xapian cannot return from, inside a commit (a full disk):
 * the index is its last commit; say so, and exit as for any error. */
static void
on_fatal(const char *message)
{
	char *shown = factsheet_escape(message, NULL);

	fprintf(stderr, "%s: %s: writing the index failed (%s); it is as it "
	    "was at its last commit\n", progname, fatal_db_path,
	    shown ? shown : message);
	if (json_errors && !json_printed)
		print_json_error(message);
	_exit(EXIT_ERROR);
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
	unsigned long failed;		/* in this run */
	unsigned long failed_before;	/* unchanged since it failed */
	unsigned long count[FACTSHEET_SYNC_LAST];
	json_t *files;
	json_t *errors;
	json_t *paths;
	json_t *report;
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
	if (sum->files == NULL)
		return;
	json_array_append_new(sum->files, json_pack("{s:s, s:s, s:I, s:I, "
	    "s:I, s:o}", "source", pub->source, "title", pub->title,
	    "sections", (json_int_t)pub->n_sections,
	    "problems", (json_int_t)problems,
	    "resources", (json_int_t)resources,
	    "warning", pub->warning ? json_string(pub->warning) :
	    json_null()));
}

static json_t *
string_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

/* The report of one publication as JSON. */
static json_t *
report_json(const factsheet_sync_item_t *item)
{
	json_t *added = json_array(), *removed = json_array();
	json_t *changed = json_array(), *contacts = json_array();

	for (size_t i = 0; i < item->n_changes; i++) {
		const factsheet_change_t *c = &item->changes[i];

		switch (c->kind) {
		case FACTSHEET_CHANGE_SECTION_ADDED:
			json_array_append_new(added, json_string(c->slug));
			break;
		case FACTSHEET_CHANGE_SECTION_REMOVED:
			json_array_append_new(removed, json_string(c->slug));
			break;
		case FACTSHEET_CHANGE_SECTION_CHANGED:
			json_array_append_new(changed, json_string(c->slug));
			break;
		default:
			json_array_append_new(contacts, json_pack("{s:s, s:s, "
			    "s:s, s:o, s:o}", "section", c->slug,
			    "label", c->label,
			    "kind", factsheet_contact_kind_name(
			    c->contact_kind),
			    "old", string_or_null(c->old_value),
			    "new", string_or_null(c->new_value)));
			break;
		}
	}
	return json_pack("{s:s, s:o, s:s, s:{s:o, s:o, s:o}, s:o}",
	    "source", item->source, "title", string_or_null(item->title),
	    "state", factsheet_sync_state_name(item->state),
	    "sections", "added", added, "removed", removed,
	    "changed", changed, "contacts", contacts);
}

/* The report of one publication as text: what happened to each section
 * and each contact value. */
static void
report_text(const factsheet_sync_item_t *item, int report)
{
	size_t sections = 0;

	if (item->state == FACTSHEET_SYNC_NEW && item->publication)
		sections = item->publication->n_sections;
	for (size_t i = 0; item->state == FACTSHEET_SYNC_REMOVED &&
	    i < item->n_changes; i++)
		sections += item->changes[i].kind ==
		    FACTSHEET_CHANGE_SECTION_REMOVED;
	say(stdout, "%s: %s", factsheet_sync_state_name(item->state),
	    item->source);
	if (item->reason != NULL)
		say(stdout, ": %s%s", item->failed_before ?
		    "failed before: " : "", item->reason);
	else if (report && (item->state == FACTSHEET_SYNC_NEW ||
	    item->state == FACTSHEET_SYNC_REMOVED))
		say(stdout, " (%zu section%s)", sections,
		    sections == 1 ? "" : "s");
	say(stdout, "\n");
	if (!report || item->state != FACTSHEET_SYNC_CHANGED)
		return;
	if (item->n_changes == 0)
		say(stdout, "  no section changed\n");
	for (size_t i = 0; i < item->n_changes; i++) {
		const factsheet_change_t *c = &item->changes[i];

		switch (c->kind) {
		case FACTSHEET_CHANGE_SECTION_ADDED:
			say(stdout, "  + %s (%s)\n", c->slug, c->heading);
			break;
		case FACTSHEET_CHANGE_SECTION_REMOVED:
			say(stdout, "  - %s (%s)\n", c->slug, c->heading);
			break;
		case FACTSHEET_CHANGE_SECTION_CHANGED:
			say(stdout, "  ~ %s (%s)\n", c->slug, c->heading);
			break;
		default:
			if (c->old_value && c->new_value)
				say(stdout, "    %s: %s \u2192 %s\n", c->label,
				    c->old_value, c->new_value);
			else if (c->new_value)
				say(stdout, "    %s: added %s\n", c->label,
				    c->new_value);
			else
				say(stdout, "    %s: removed %s\n", c->label,
				    c->old_value);
			break;
		}
	}
}

typedef struct {
	int json;
	int dry_run;
	int report;
	int remove;	/* --remove: each publication removed is listed */
} output_t;

/* Failures named one by one on stderr; past these, counted, and all of
 * them listed by --json (a tree of broken files says the same thing
 * on every run). */
#define FAILURES_SHOWN 20

/* Messages, per-file lines and counts for one item. */
static void
take_item(summary_t *sum, progress_t *p, const output_t *out,
	  const factsheet_sync_item_t *item)
{
	const factsheet_publication_t *pub = item->publication;
	int listed = item->state == FACTSHEET_SYNC_NEW ||
	    item->state == FACTSHEET_SYNC_CHANGED ||
	    item->state == FACTSHEET_SYNC_REMOVED;
	/* JSON holds UTF-8 and no control: a file name may hold either. */
	char *source = out->json ? factsheet_escape(item->source, NULL) : NULL;

	sum->count[item->state]++;
	switch (item->state) {
	case FACTSHEET_SYNC_FAILED: {
		/* The same line on stderr and in the JSON errors. */
		const char *before = item->failed_before ?
		    ": skipped (failed before: " : ": ";
		const char *after = item->failed_before ? ")" : "";

		/* A file that failed on an earlier run and has not changed
		 * is named, but does not fail this run: a cron job's exit
		 * status says whether anything new went wrong.  Past
		 * FAILURES_SHOWN, failures are only counted. */
		if (item->failed_before) {
			if (++sum->failed_before <= FAILURES_SHOWN)
				report(p, "warning: %s%s%s%s", item->source,
				    before, item->reason, after);
		} else if (++sum->failed <= FAILURES_SHOWN) {
			report(p, "%s%s%s%s", item->source, before,
			    item->reason, after);
		}
		if (out->json && source != NULL)
			json_array_append_new(sum->errors, json_pack(
			    "{s:s, s:s+++}", "source", source,
			    "message", source, before, item->reason,
			    after));
		break;
	}
	case FACTSHEET_SYNC_SKIPPED:
		/* Once: not again while it stays as it is, and not on stderr
		 * as well as in a dry run's list. */
		if (!item->failed_before && !out->dry_run)
			report(p, "%s: skipped: %s", item->source,
			    item->reason);
		break;
	case FACTSHEET_SYNC_NEW:
	case FACTSHEET_SYNC_CHANGED:
		if (pub->warning != NULL)
			report(p, "warning: %s", pub->warning);
		count_publication(sum, pub);
		break;
	default:
		break;
	}
	if (out->json) {
		if (source != NULL)
			json_array_append_new(sum->paths, json_pack(
			    "{s:s, s:s, s:o, s:b}", "source", source,
			    "state", factsheet_sync_state_name(item->state),
			    "reason", string_or_null(item->reason),
			    "failed_before", item->failed_before));
		if (out->report && listed)
			json_array_append_new(sum->report, report_json(item));
		free(source);
		return;
	}
	if (!(out->dry_run || out->remove || (out->report && listed)))
		return;
	progress_clear(p);
	report_text(item, out->report);
}

static void
print_json(const summary_t *sum, const char *db_path, double seconds,
	   const output_t *out)
{
	const unsigned long *n = sum->count;
	json_t *root = json_pack("{s:s, s:I, s:I, s:I, s:I, s:I, s:f, s:O, "
	    "s:O, s:b, s:I, s:I, s:I, s:I, s:I, s:O}", "database", db_path,
	    "publications", (json_int_t)sum->publications,
	    "sections", (json_int_t)sum->sections,
	    "problems", (json_int_t)sum->problems,
	    "resources", (json_int_t)sum->resources,
	    "failed", (json_int_t)sum->failed,
	    "seconds", seconds, "files", sum->files,
	    "errors", sum->errors,
	    "dry_run", out->dry_run,
	    "new", (json_int_t)n[FACTSHEET_SYNC_NEW],
	    "changed", (json_int_t)n[FACTSHEET_SYNC_CHANGED],
	    "unchanged", (json_int_t)n[FACTSHEET_SYNC_UNCHANGED],
	    "removed", (json_int_t)n[FACTSHEET_SYNC_REMOVED],
	    "skipped", (json_int_t)n[FACTSHEET_SYNC_SKIPPED],
	    "paths", sum->paths);
	char *s;

	if (root != NULL && out->report)
		json_object_set(root, "report", sum->report);
	s = root ? json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
	    JSON_REAL_PRECISION(3)) : NULL;
	json_printed = 1;
	if (s != NULL)
		printf("%s\n", s);
	else
		report(NULL, "out of memory");
	free(s);
	json_decref(root);
}

static void
print_summary(const summary_t *sum, const char *db_path, double seconds,
	      const output_t *out)
{
	const unsigned long *n = sum->count;

	if (out->json) {
		print_json(sum, db_path, seconds, out);
		return;
	}
	if (out->dry_run) {
		say(stdout, "Dry run on %s: %lu new, %lu changed, "
		    "%lu unchanged, %lu removed, %lu skipped, %lu failed; "
		    "nothing was changed.\n", db_path, n[FACTSHEET_SYNC_NEW],
		    n[FACTSHEET_SYNC_CHANGED], n[FACTSHEET_SYNC_UNCHANGED],
		    n[FACTSHEET_SYNC_REMOVED], n[FACTSHEET_SYNC_SKIPPED],
		    sum->failed);
		return;
	}
	if (out->remove) {
		printf("Removed %lu publication%s from %s.\n",
		    n[FACTSHEET_SYNC_REMOVED],
		    n[FACTSHEET_SYNC_REMOVED] == 1 ? "" : "s", db_path);
		return;
	}
	say(stdout, "Indexed %lu publication%s (%lu section%s: %lu problem%s, "
	    "%lu resource%s) into %s in %.3f s",
	    sum->publications, sum->publications == 1 ? "" : "s",
	    sum->sections, sum->sections == 1 ? "" : "s",
	    sum->problems, sum->problems == 1 ? "" : "s",
	    sum->resources, sum->resources == 1 ? "" : "s",
	    db_path, seconds);
	/* A first run, all new, reads as it always has. */
	if (n[FACTSHEET_SYNC_CHANGED] || n[FACTSHEET_SYNC_UNCHANGED] ||
	    n[FACTSHEET_SYNC_REMOVED] || n[FACTSHEET_SYNC_SKIPPED])
		say(stdout, "; %lu new, %lu changed, %lu unchanged, %lu removed, "
		    "%lu skipped", n[FACTSHEET_SYNC_NEW],
		    n[FACTSHEET_SYNC_CHANGED], n[FACTSHEET_SYNC_UNCHANGED],
		    n[FACTSHEET_SYNC_REMOVED], n[FACTSHEET_SYNC_SKIPPED]);
	if (sum->failed > 0)
		say(stdout, "; %lu file%s failed", sum->failed,
		    sum->failed == 1 ? "" : "s");
	if (sum->failed_before > 0)
		say(stdout, "; %lu unchanged file%s failed before",
		    sum->failed_before, sum->failed_before == 1 ? "" : "s");
	say(stdout, ".\n");
}

static json_t *
strings_json(char *const *strings, size_t n)
{
	json_t *array = json_array();

	for (size_t i = 0; array != NULL && i < n; i++)
		json_array_append_new(array, json_string(strings[i]));
	return array;
}

/* One section as --sections shows it: where it sits, what it says. */
static json_t *
section_json(const factsheet_section_t *s)
{
	json_t *contacts = json_array();

	for (size_t i = 0; contacts != NULL && i < s->n_contacts; i++)
		json_array_append_new(contacts, json_pack("{s:s, s:s, s:s}",
		    "kind", factsheet_contact_kind_name(s->contacts[i].kind),
		    "label", s->contacts[i].label,
		    "value", s->contacts[i].value));
	return json_pack("{s:o, s:s, s:s, s:o, s:I, s:I, s:s, s:s, s:o, "
	    "s:o}",
	    "path", strings_json(s->path, s->n_path),
	    "heading", s->heading,
	    "kind", factsheet_section_kind_name(s->kind),
	    "anchor", string_or_null(s->anchor),
	    "page", (json_int_t)s->page,
	    "line", (json_int_t)s->line,
	    "slug", s->slug,
	    "text", s->text,
	    "solution", s->solution_heading ? json_pack("{s:s, s:s}",
	    "heading", s->solution_heading, "text",
	    s->solution_text ? s->solution_text : "") : json_null(),
	    "contacts", contacts);
}

/*
 * --sections: how each FILE splits into sections, as JSON on standard
 * output, without touching any database; a maintainer checks a new
 * publication with it before indexing it.  Exit 2 if any file fails.
 */
static int
print_sections(char *const *paths, size_t n_paths)
{
	int status = EXIT_OK;

	for (size_t i = 0; i < n_paths; i++) {
		factsheet_publication_t *pub = NULL;
		char *message = NULL, *dump;
		json_t *sections, *root;

		if (factsheet_publication_read_file(paths[i], &pub,
		    &message) != FACTSHEET_STATUS_SUCCESS) {
			report(NULL, "%s", message);
			free(message);
			status = EXIT_ERROR;
			continue;
		}
		sections = json_array();
		for (size_t k = 0; sections != NULL && k < pub->n_sections; k++)
			json_array_append_new(sections,
			    section_json(&pub->sections[k]));
		root = json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o, "
		    "s:o}", "source", pub->source, "format", pub->format,
		    "title", pub->title,
		    "series", string_or_null(pub->series),
		    "product", string_or_null(pub->product),
		    "revised", string_or_null(pub->revised),
		    "agency", strings_json(pub->agency, pub->n_agency),
		    "warning", string_or_null(pub->warning),
		    "sections", sections);
		dump = root ? json_dumps(root, JSON_INDENT(2) |
		    JSON_PRESERVE_ORDER) : NULL;
		if (dump != NULL)
			printf("%s\n", dump);
		else {
			report(NULL, "%s: out of memory", paths[i]);
			status = EXIT_ERROR;
		}
		free(dump);
		json_decref(root);
		factsheet_publication_free(pub);
	}
	return status;
}

/* --list, --stats: what the database holds, instead of indexing. */
enum { MANAGE_NONE, MANAGE_LIST, MANAGE_STATS };

static void
print_json_value(json_t *root)
{
	char *s = root ? json_dumps(root, JSON_INDENT(2) |
	    JSON_PRESERVE_ORDER) : NULL;

	json_printed = 1;
	if (s != NULL)
		printf("%s\n", s);
	else
		report(NULL, "out of memory");
	free(s);
	json_decref(root);
}

static int
manage(const char *db_path, int what, int json)
{
	factsheet_db_t *db = NULL;
	factsheet_entry_t *e = NULL;
	size_t n = 0, sections = 0, failed = 0;
	unsigned long terms = 0;
	char *message = NULL, *last, *thesaurus;
	int status = EXIT_OK;
	factsheet_status_t st;

	st = factsheet_db_open(db_path, FACTSHEET_DB_READ_ONLY, &db,
	    &message);
	if (st == FACTSHEET_STATUS_SUCCESS &&
	    (st = factsheet_db_list(db, &e, &n)) != FACTSHEET_STATUS_SUCCESS)
		message = strdup(factsheet_db_last_error(db));
	if (st != FACTSHEET_STATUS_SUCCESS) {
		report(NULL, "%s", message ? message :
		    factsheet_status_to_string(st));
		free(message);
		factsheet_db_close(db);
		return EXIT_ERROR;
	}
	for (size_t i = 0; i < n; i++) {
		sections += e[i].sections;
		failed += e[i].failure != NULL;
	}
	last = factsheet_db_last_run(db);
	thesaurus = factsheet_db_thesaurus(db);
	if (what == MANAGE_STATS && factsheet_db_term_count(db, &terms) !=
	    FACTSHEET_STATUS_SUCCESS) {
		report(NULL, "%s", factsheet_db_last_error(db));
		status = EXIT_ERROR;
	} else if (what == MANAGE_LIST && json) {
		json_t *list = json_array();

		for (size_t i = 0; list && i < n; i++)
			json_array_append_new(list, json_pack("{s:s, s:o, s:o, "
			    "s:I, s:o, s:o}", "source", e[i].source,
			    "title", string_or_null(e[i].title),
			    "format", string_or_null(e[i].format),
			    "sections", (json_int_t)e[i].sections,
			    "revised", string_or_null(e[i].revised),
			    "failure", string_or_null(e[i].failure)));
		print_json_value(json_pack("{s:s, s:o}", "database", db_path,
		    "publications", list));
	} else if (what == MANAGE_LIST) {
		for (size_t i = 0; i < n; i++) {
			/* Names and reasons escaped, as everywhere. */
			say(stdout, "%s  %s, %zu section%s", e[i].source,
			    e[i].format ? e[i].format : "-", e[i].sections,
			    e[i].sections == 1 ? "" : "s");
			if (e[i].revised)
				say(stdout, ", revised %s", e[i].revised);
			if (e[i].failure)
				say(stdout, ", FAILED: %s", e[i].failure);
			printf("\n");
		}
	} else if (json) {
		print_json_value(json_pack("{s:s, s:I, s:I, s:I, s:I, s:I, "
		    "s:s, s:o}",
		    "database", db_path,
		    "publications", (json_int_t)(n - failed),
		    "sections", (json_int_t)sections,
		    "terms", (json_int_t)terms,
		    "failed", (json_int_t)failed,
		    "bytes", (json_int_t)factsheet_db_disk_usage(db_path),
		    "thesaurus", thesaurus ? thesaurus : "none",
		    "last_run", string_or_null(last)));
	} else {
		printf("Database:     %s\nPublications: %zu\n"
		    "Sections:     %zu\nTerms:        %lu\n"
		    "Failed files: %zu\nSize on disk: %.1f MiB\n"
		    "Thesaurus:    %s\nLast run:     %s\n", db_path,
		    n - failed, sections, terms, failed,
		    (double)factsheet_db_disk_usage(db_path) / 1048576.0,
		    thesaurus ? thesaurus : "none", last ? last : "never");
	}
	free(last);
	free(thesaurus);
	factsheet_entries_free(e, n);
	factsheet_db_close(db);
	return status;
}

/*
 * Opens the database; with WAIT, while another indexer holds the lock,
 * tries again every 100 ms, for at most WAIT_LIMIT seconds (0: no
 * limit).  A dry run only reads, and a database not there yet is as an
 * empty one (*DB NULL).  With FORCE, an index an earlier version made is
 * emptied, to be indexed again, not refused.
 */
static int
open_db(const char *db_path, int dry_run, int wait, unsigned long wait_limit,
    int force, factsheet_db_t **db)
{
	struct timespec start;
	const struct timespec pause = { 0, 100 * 1000 * 1000 };
	factsheet_status_t st;
	char *message = NULL;
	int said = 0;

	for (;;) {
		st = factsheet_db_open(db_path, dry_run ?
		    FACTSHEET_DB_READ_ONLY : force ? FACTSHEET_DB_REBUILD :
		    FACTSHEET_DB_READ_WRITE, db, &message);
		if (st != FACTSHEET_STATUS_DATABASE_LOCKED || !wait)
			break;
		if (said && wait_limit > 0 &&
		    seconds_since(&start) >= (double)wait_limit) {
			free(message);
			if (asprintf(&message, "%s: still locked by another "
			    "indexer after %lu s (--wait=%lu)", db_path,
			    wait_limit, wait_limit) < 0)
				message = NULL;
			break;
		}
		if (!said) {
			clock_gettime(CLOCK_MONOTONIC, &start);
			report(NULL, "waiting for the lock on %s...",
			    db_path);
			said = 1;
		}
		free(message);
		message = NULL;
		nanosleep(&pause, NULL);
	}
	if (st == FACTSHEET_STATUS_DATABASE_NOT_FOUND && dry_run) {
		free(message);
		return 0;
	}
	if (st != FACTSHEET_STATUS_SUCCESS) {
		report(NULL, "%s", message ? message :
		    factsheet_status_to_string(st));
		free(message);
		return -1;
	}
	return 0;
}

/*
 * --thesaurus NAME into DB: "cms" the CMS thesaurus installed with the
 * programs, "none" an empty one, anything else a file.  0, or -1 said.
 */
static int
load_thesaurus(factsheet_db_t *db, const char *name)
{
	char *path = NULL;
	factsheet_status_t st;

	if (strcmp(name, "cms") == 0) {
		if ((path = factsheet_thesaurus_default_path()) == NULL) {
			report(NULL, "--thesaurus cms: the CMS thesaurus "
			    "(thesaurus.txt) is not installed");
			return -1;
		}
	} else if (strcmp(name, "none") != 0 &&
	    (path = strdup(name)) == NULL) {
		report(NULL, "out of memory");
		return -1;
	}
	st = factsheet_db_set_thesaurus(db, path);
	free(path);
	if (st != FACTSHEET_STATUS_SUCCESS) {
		report(NULL, "%s", factsheet_db_last_error(db));
		return -1;
	}
	return 0;
}

/* --wait=SECONDS: a whole number of seconds, 1 or more. */
static int
parse_seconds(const char *arg, unsigned long *out)
{
	char *end;

	errno = 0;
	*out = strtoul(arg, &end, 10);
	if (arg[0] < '0' || arg[0] > '9' || *end != '\0' || errno != 0 ||
	    *out == 0) {
		report(NULL, "--wait=%s: not a number of seconds (1 or more)",
		    arg);
		return -1;
	}
	return 0;
}

/* How many changesets --replicate keeps when it gives no number: those
 * of a re-index of a few hundred changed files. */
#define REPLICATE_CHANGESETS "100"

/* --replicate=N: a whole number of changesets, 1 or more; each commit of
 * the database and of its lexicon then keeps one for xapian-replicate
 * (Xapian reads XAPIAN_MAX_CHANGESETS as it opens them for writing). */
static int
set_replicate(const char *arg)
{
	char *end;
	unsigned long n;

	errno = 0;
	n = strtoul(arg, &end, 10);
	if (arg[0] < '0' || arg[0] > '9' || *end != '\0' || errno != 0 ||
	    n == 0 || n > 1000000) {
		report(NULL, "--replicate=%s: not a number of changesets "
		    "(1 to 1000000)", arg);
		return -1;
	}
	if (setenv("XAPIAN_MAX_CHANGESETS", arg, 1) != 0) {
		report(NULL, "--replicate: %s", strerror(errno));
		return -1;
	}
	return 0;
}

/* The reason a sync stopped: the database's message if there is one. */
static const char *
db_error(const factsheet_db_t *db, factsheet_status_t st)
{
	const char *message = db ? factsheet_db_last_error(db) : "";

	return message[0] ? message : factsheet_status_to_string(st);
}

int
main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "json", no_argument, NULL, 'j' },
		{ "thesaurus", required_argument, NULL, 't' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "report", no_argument, NULL, 'r' },
		{ "retry-failed", no_argument, NULL, 'R' },
		{ "force", no_argument, NULL, 'f' },
		{ "wait", optional_argument, NULL, 'w' },
		{ "exclude", required_argument, NULL, 'x' },
		{ "remove", no_argument, NULL, 'X' },
		{ "url-map", required_argument, NULL, 'U' },
		{ "replicate", optional_argument, NULL, 'P' },
		{ "list", no_argument, NULL, 'l' },
		{ "stats", no_argument, NULL, 'S' },
		{ "sections", no_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db_arg = NULL, *thesaurus_arg = NULL;
	/* --exclude's patterns: at most one an argument. */
	const char *excludes[argc];
	/* --url-map's folders and URLs, in argv's strings. */
	const char *map_dirs[argc], *map_urls[argc];
	size_t n_map = 0;
	char *db_path;
	int c, wait = 0, sections = 0, status = EXIT_OK;
	unsigned long wait_limit = 0;
	int manage_what = MANAGE_NONE;
	output_t out = { 0 };
	factsheet_sync_options_t sync_options = { 0 };
	factsheet_db_t *db = NULL;
	factsheet_sync_t *sync = NULL;
	const factsheet_sync_item_t *item;
	factsheet_status_t st;
	summary_t sum = { 0 };
	progress_t progress = { 0 };
	struct timespec start;

	/* Whole lines, even into one log file with 2>&1: a message never
	 * lands inside a line of the summary. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	setvbuf(stderr, NULL, _IOLBF, 0);
	atexit(json_error_if_silent);
	sync_options.exclude = excludes;
	while ((c = getopt_long(argc, argv, "d:jt:nrRfwx:shVlS", options,
	    NULL)) != -1) {
		switch (c) {
		case 'd':
			db_arg = optarg;
			break;
		case 'j':
			out.json = json_errors = 1;
			break;
		case 't':
			thesaurus_arg = optarg;
			break;
		case 'n':
			out.dry_run = sync_options.dry_run = 1;
			break;
		case 'r':
			out.report = sync_options.report = 1;
			break;
		case 'R':
			sync_options.retry_failed = 1;
			break;
		case 'f':
			sync_options.force = 1;
			break;
		case 'w':
			wait = 1;
			if (optarg != NULL && parse_seconds(optarg,
			    &wait_limit) < 0)
				return EXIT_ERROR;
			break;
		case 'x':
			excludes[sync_options.n_exclude++] = optarg;
			break;
		case 'X':
			out.remove = sync_options.remove = 1;
			break;
		case 'U': {
			char *eq = strchr(optarg, '=');

			if (eq == NULL || eq == optarg || eq[1] == '\0') {
				report(NULL, "--url-map \"%s\": want DIR=URL",
				    optarg);
				return EXIT_ERROR;
			}
			/* Split in place: argv's strings are the program's
			 * to change, and live as long as it does. */
			*eq = '\0';
			map_dirs[n_map] = optarg;
			map_urls[n_map] = eq + 1;
			n_map++;
			break;
		}
		case 'P':
			if (set_replicate(optarg != NULL ? optarg :
			    REPLICATE_CHANGESETS) < 0)
				return EXIT_ERROR;
			break;
		case 'l':
			manage_what = MANAGE_LIST;
			break;
		case 'S':
			manage_what = MANAGE_STATS;
			break;
		case 's':
			sections = 1;
			break;
		case 'h':
			help();
			return EXIT_OK;
		case 'V':
			printf("%s %s\n", progname, PACKAGE_VERSION);
			return EXIT_OK;
		default:
			usage(stderr);
			return EXIT_ERROR;
		}
	}
	if (manage_what != MANAGE_NONE) {
		if (optind != argc) {
			report(NULL, "--list and --stats take no PATH");
			return EXIT_ERROR;
		}
		db_path = db_arg ? strdup(db_arg) :
		    factsheet_db_default_path();
		if (db_path == NULL) {
			report(NULL, "no database location: give --db PATH");
			return EXIT_ERROR;
		}
		status = manage(db_path, manage_what, out.json);
		free(db_path);
		return status;
	}
	if (optind == argc) {
		report(NULL, "no files to index");
		usage(stderr);
		return EXIT_ERROR;
	}
	if (sections)
		return print_sections(argv + optind, (size_t)(argc - optind));
	if (db_arg != NULL && db_arg[0] == '\0') {
		report(NULL, "--db: empty path");
		return EXIT_ERROR;
	}
	db_path = db_arg ? strdup(db_arg) : factsheet_db_default_path();
	if (db_path == NULL) {
		report(NULL, "no database location: give --db PATH, or set "
		    "FACTSHEET_DB or HOME");
		return EXIT_ERROR;
	}
	if (db_arg == NULL && getenv("FACTSHEET_DB") == NULL && !out.dry_run)
		make_parents(db_path);

	fatal_db_path = db_path;
	factsheet_set_fatal_handler(on_fatal);
	if (open_db(db_path, out.dry_run, wait, wait_limit,
	    sync_options.force, &db) < 0) {
		free(db_path);
		return EXIT_ERROR;
	}
	/* From the moment the database exists, a signal stops the run at
	 * the next safe point (tests/cli/hostile.sh signals once it does). */
	catch_stop_signals();
	clock_gettime(CLOCK_MONOTONIC, &start);
	/* The thesaurus goes in first: documents carry its phrases.  It
	 * belongs to the database: loaded only when asked for, kept by
	 * every run that does not name one.  A dry run changes nothing, so
	 * compares with the one there. */
	if (thesaurus_arg != NULL && !out.dry_run && !out.remove &&
	    load_thesaurus(db, thesaurus_arg) < 0) {
		factsheet_db_close(db);
		free(db_path);
		return EXIT_ERROR;
	}
	if (!out.dry_run && !out.remove && n_map > 0 &&
	    factsheet_db_set_url_map(db, map_dirs, map_urls, n_map) !=
	    FACTSHEET_STATUS_SUCCESS) {
		report(NULL, "%s", factsheet_db_last_error(db));
		factsheet_db_close(db);
		free(db_path);
		return EXIT_ERROR;
	}

	/* Only the JSON summary lists every file: kept for the text one
	 * too, the lists grew with the tree, 1.5 KiB a file. */
	if (out.json) {
		sum.files = json_array();
		sum.errors = json_array();
		sum.paths = json_array();
		sum.report = json_array();
	}
	st = factsheet_sync_begin(db, (const char *const *)argv + optind,
	    (size_t)(argc - optind), &sync_options, &sync);
	if (st != FACTSHEET_STATUS_SUCCESS) {
		report(NULL, "%s", db_error(db, st));
		status = EXIT_ERROR;
		goto out;
	}
	progress.on = isatty(STDERR_FILENO);
	progress.total = factsheet_sync_total(sync);
	progress.start = start;
	while (!stop_signal && (st = factsheet_sync_next(sync, &item)) ==
	    FACTSHEET_STATUS_SUCCESS && item != NULL) {
		take_item(&sum, &progress, &out, item);
		progress.done++;
		progress_update(&progress);
	}
	progress_clear(&progress);
	if (stop_signal && st == FACTSHEET_STATUS_SUCCESS) {
		/* What was written is kept; the rest, and the files gone,
		 * are for the next run. */
		if (!out.dry_run && (st = factsheet_db_commit(db)) !=
		    FACTSHEET_STATUS_SUCCESS)
			report(NULL, "%s", db_error(db, st));
		else
			report(NULL, "%s: stopped after %zu of %zu paths; "
			    "%s", stop_signal == SIGINT ? "interrupted" :
			    "terminated", progress.done, progress.total,
			    out.dry_run ? "nothing was changed" : "what was "
			    "indexed is committed, the next run does the "
			    "rest");
		status = 128 + stop_signal;
		goto out;
	}
	if (st == FACTSHEET_STATUS_SUCCESS)
		st = factsheet_sync_end(sync);
	if (st != FACTSHEET_STATUS_SUCCESS) {
		report(NULL, "%s", db_error(db, st));
		status = EXIT_ERROR;
	} else {
		if (sum.failed > FAILURES_SHOWN)
			report(NULL, "%lu more files failed; --json lists "
			    "them all", sum.failed - FAILURES_SHOWN);
		print_summary(&sum, db_path, seconds_since(&start), &out);
		if (sum.failed > 0)
			status = EXIT_ERROR;
	}
out:
	factsheet_sync_free(sync);
	factsheet_db_close(db);
	json_decref(sum.files);
	json_decref(sum.errors);
	json_decref(sum.paths);
	json_decref(sum.report);
	free(db_path);
	return status;
}
