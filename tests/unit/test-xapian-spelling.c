/*
 * test-xapian-spelling.c - the spelling concern of the Xapian layer
 * (lib/xapian/spelling.cc): batches of words recorded with each commit,
 * the lexicon that adds them, its recovery after a writer was killed
 * between the two commits, corrections read from it, and the words it
 * counts (words.cc), which are those of lib/words.c.
 */
#include <config.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <jansson.h>

#include "factsheet-private.h"
#include "sync.h"
#include "xapian-shim.h"
#include "xapian/testing.h"
#include "search-policy.h"
#include "tap.h"
#include "testlib.h"
#include "words.h"
#include "xapian-tests.h"

/* The spelling correction of QUERY, or NULL; "(error)" on failure. */
static char *
correction_of(const char *path, const char *query)
{
	factsheet_db_t *db = NULL;
	factsheet_results_t *r = NULL;
	char *msg = NULL, *out = NULL;

	if (factsheet_db_open(path, FACTSHEET_DB_READ_ONLY, &db, &msg) !=
	    FACTSHEET_STATUS_SUCCESS ||
	    factsheet_db_search(db, query, NULL, &r) !=
	    FACTSHEET_STATUS_SUCCESS)
		out = str_printf("(error)");
	else if (factsheet_results_corrected(r) != NULL)
		out = str_printf("%s", factsheet_results_corrected(r));
	factsheet_results_free(r);
	factsheet_db_close(db);
	free(msg);
	return out;
}

/* The database at PATH opened read-only through the shim, or NULL. */
static shim_db_t *
shim_reader(const char *path)
{
	shim_db_t *shim = NULL;
	char *msg = NULL;

	shim_db_open(path, 0, &shim, &msg);
	free(msg);
	return shim;
}

/* How many metadata keys starting with PREFIX the database at PATH
 * has; -1 on error. */
static long
count_keys(const char *path, const char *prefix)
{
	shim_db_t *shim = shim_reader(path);
	char **keys = NULL, **values = NULL;
	size_t n = 0;
	long out = -1;

	if (shim != NULL && shim_db_metadata_list(shim, prefix, &keys,
	    &values, &n) == FACTSHEET_STATUS_SUCCESS)
		out = (long)n;
	shim_strings_free(keys, n);
	shim_strings_free(values, n);
	shim_db_close(shim);
	return out;
}

/* How many batches of spelling words the documents' database at PATH
 * records for the lexicon; -1 on error. */
static long
pending_records(const char *path)
{
	return count_keys(path, "spelling-pending:");
}

/* How many batches the lexicon of the database at PATH marks as added;
 * -1 on error. */
static long
lexicon_marks(const char *path)
{
	char *lexicon = str_printf("%s/lexicon", path);
	long n = count_keys(lexicon, "applied:");

	free(lexicon);
	return n;
}

/* How often "password" is in the spelling data at PATH; -1 on error. */
static long
password_frequency(const char *path)
{
	shim_db_t *shim = shim_reader(path);
	unsigned long n = 0;
	long out = -1;

	if (shim != NULL && shim_db_spelling_frequency(shim, "password", &n) ==
	    FACTSHEET_STATUS_SUCCESS)
		out = (long)n;
	shim_db_close(shim);
	return out;
}

/* How often "password" is in the spelling data of PUB indexed in one
 * plain commit, the count every other way must come to; -1 on error. */
static long
plain_frequency(const factsheet_publication_t *pub)
{
	static long frequency = -1;
	char *path;

	if (frequency >= 0)
		return frequency;
	path = tmp_path("spelling-plain-db");
	if (build_db(path, pub) == 0)
		frequency = password_frequency(path);
	ok(frequency > 0, "spelling: 'password' in one plain commit's "
	    "spelling data (%ld)", frequency);
	is_int(pending_records(path), 0, "spelling: no batch left "
	    "recorded once the writer closed");
	free(path);
	return frequency;
}

/* Adds PUB and commits as the sync does between files; 0 on success. */
static int
commit_some(factsheet_db_t *writer, const factsheet_publication_t *pub)
{
	return factsheet_db_add_publication(writer, pub) !=
	    FACTSHEET_STATUS_SUCCESS ||
	    db_commit_some(writer) != FACTSHEET_STATUS_SUCCESS;
}

/* The spelling correction of "pasword", or NULL; "(error)" on failure. */
static char *
correction(const char *path)
{
	return correction_of(path, "pasword");
}

static void
corrects_to_password(const char *path, const char *what)
{
	char *fixed = correction(path);

	is_str(fixed, "password", "spelling: %s", what);
	free(fixed);
}

/*
 * A writer at PATH that commits PUB between files and is killed before it
 * closes; with LEXICON_TOO, once the lexicon has committed the words too.
 * 0 when it was killed so.
 */
static int
killed_writer(const char *path, const factsheet_publication_t *pub,
	      int lexicon_too)
{
	int status = -1;
	pid_t child;

	fflush(stdout);
	child = fork();
	if (child == 0) {
		factsheet_db_t *writer = NULL;
		char *msg = NULL;

		if (factsheet_db_open(path, FACTSHEET_DB_READ_WRITE, &writer,
		    &msg) != FACTSHEET_STATUS_SUCCESS ||
		    commit_some(writer, pub) != 0)
			_exit(3);
		if (lexicon_too) {
			lexicon_commit_start(db_lexicon(writer));
			if (lexicon_commit_wait(db_lexicon(writer), &msg) !=
			    FACTSHEET_STATUS_SUCCESS)
				_exit(3);
		}
		raise(SIGKILL);
	}
	return child > 0 && waitpid(child, &status, 0) == child &&
	    WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL ? 0 : -1;
}

/* Opens a writer at PATH and closes it; 0 on success. */
static int
open_and_close(const char *path)
{
	factsheet_db_t *writer = NULL;
	char *msg = NULL;
	int rc = factsheet_db_open(path, FACTSHEET_DB_READ_WRITE, &writer,
	    &msg) == FACTSHEET_STATUS_SUCCESS ? 0 : -1;

	factsheet_db_close(writer);
	free(msg);
	return rc;
}

/*
 * Each commit records the spelling words of what it wrote until the
 * lexicon has committed them: a writer killed before the lexicon's
 * commit leaves them for the next writer, which adds them.
 */
static void
test_spelling_after_crash(const factsheet_publication_t *pub)
{
	char *path = tmp_path("spelling-crash-db"), *fixed;

	ok(killed_writer(path, pub, 0) == 0, "spelling: a writer commits and "
	    "is killed before the lexicon commits");
	is_int(pending_records(path), 1, "spelling: its commit recorded "
	    "the words");
	is_int(lexicon_marks(path), 0, "spelling: the lexicon marks none");
	fixed = correction(path);
	ok(fixed == NULL, "spelling: no correction from words only "
	    "recorded (%s)", fixed ? fixed : "none");
	free(fixed);

	ok(open_and_close(path) == 0, "spelling: the next writer opens and "
	    "closes");
	is_int(pending_records(path), 0, "spelling: the next writer took "
	    "them up");
	corrects_to_password(path, "and added them to the spelling data");
	is_int(password_frequency(path), plain_frequency(pub), "spelling: "
	    "each word counted once after the crash");
	/* The words corrected are the index's: quotes around a word are
	 * no part of it, and stay as typed. */
	fixed = correction_of(path, "'pasword'");
	is_str(fixed, "'password'",
	    "spelling: a word in single quotes corrected, the quotes kept");
	free(fixed);
	fixed = correction_of(path, "\xe2\x80\x9c" "pasword\xe2\x80\x9d");
	is_str(fixed, "\"password\"",
	    "spelling: a word in curly quotes corrected");
	free(fixed);
	free(path);
}

/*
 * A writer killed after the lexicon committed a batch and before the
 * documents' database forgot it: the next writer forgets it without
 * adding it twice, and the one after that drops the lexicon's mark.
 */
static void
test_spelling_committed_before_crash(const factsheet_publication_t *pub)
{
	char *path = tmp_path("spelling-lexicon-crash-db");

	ok(killed_writer(path, pub, 1) == 0, "spelling: a writer is killed "
	    "once the lexicon committed");
	is_int(pending_records(path), 1, "spelling: the batch is still "
	    "recorded");
	is_int(lexicon_marks(path), 1, "spelling: and marked added");
	corrects_to_password(path, "the lexicon's words are read at once");
	ok(open_and_close(path) == 0, "spelling: the next writer opens and "
	    "closes");
	is_int(pending_records(path), 0, "spelling: it forgot the batch");
	is_int(password_frequency(path), plain_frequency(pub), "spelling: "
	    "without adding its words again");
	ok(open_and_close(path) == 0, "spelling: the writer after opens and "
	    "closes");
	is_int(lexicon_marks(path), 0, "spelling: the writer after drops the "
	    "mark");
	free(path);
}

/*
 * The lexicon where a writer cannot make it is an error naming it; an
 * index made before the lexicon existed is read without one.
 */
static void
test_lexicon_missing(const factsheet_publication_t *pub)
{
	char *path = tmp_path("lexicon-db"), *lexicon, *msg = NULL, *fixed;
	factsheet_db_t *db = NULL;
	factsheet_status_t st;
	FILE *f;

	ok(build_db(path, pub) == 0, "lexicon: a database built");
	lexicon = str_printf("%s/lexicon", path);
	remove_tree(lexicon);
	fixed = correction(path);
	ok(fixed == NULL, "lexicon: none, the database still answers, "
	    "without corrections (%s)", fixed ? fixed : "none");
	free(fixed);
	is_int(password_frequency(path), 0, "lexicon: none, no spelling data");

	f = fopen(lexicon, "w");
	ok(f != NULL, "lexicon: a file where it would be");
	if (f != NULL)
		fclose(f);
	st = factsheet_db_open(path, FACTSHEET_DB_READ_WRITE, &db, &msg);
	ok(st != FACTSHEET_STATUS_SUCCESS,
	    "lexicon: a writer that cannot make it fails to open (%s)",
	    factsheet_status_to_string(st));
	ok(db == NULL, "lexicon: and gives no handle");
	like(msg, lexicon, "lexicon: the message names it");
	factsheet_db_close(db);
	free(msg);
	free(lexicon);
	free(path);
}

/* The lexicon commits once LIMIT words wait, or at a full commit; the
 * batches it committed are forgotten by the next commit. */
static void
test_spelling_added(const factsheet_publication_t *pub, size_t limit)
{
	char *path = str_printf("%s/spelling-db-%zu", tmpdir, limit);
	char *msg = NULL, *fixed;
	factsheet_db_t *writer = NULL;
	long reference = plain_frequency(pub);

	ok(factsheet_db_open(path, FACTSHEET_DB_READ_WRITE, &writer, &msg) ==
	    FACTSHEET_STATUS_SUCCESS, "spelling: a writer whose lexicon "
	    "commits at %zu words", limit);
	if (writer != NULL) {
		lexicon_set_limit(db_lexicon(writer), limit);
		ok(commit_some(writer, pub) == 0, "spelling: adds and commits "
		    "some");
		lexicon_drain(db_lexicon(writer));
		is_int(pending_records(path), 1, "spelling: the commit "
		    "recorded its words");
		fixed = correction(path);
		is_str(fixed, limit > 1 ? NULL : "password", "spelling: "
		    "corrections once the lexicon committed only");
		free(fixed);
		is_int(factsheet_db_commit(writer), FACTSHEET_STATUS_SUCCESS,
		    "spelling: a full commit");
		corrects_to_password(path, "the words are in, the writer "
		    "still open");
		is_int(password_frequency(path), reference,
		    "spelling: each word counted as often as a plain commit "
		    "counts it (%ld)", reference);
		/* The lexicon committed at LIMIT 1 before the full commit,
		 * which forgot the batch then. */
		is_int(pending_records(path), limit > 1 ? 1 : 0, "spelling: "
		    "the batch recorded until the commit after the "
		    "lexicon's");
		ok(commit_some(writer, pub) == 0, "spelling: the next commit");
		is_int(pending_records(path), 1, "spelling: forgets it, and "
		    "records its own");
	}
	factsheet_db_close(writer);
	is_int(pending_records(path), 0, "spelling: none recorded once the "
	    "writer closed");
	is_int(password_frequency(path), 2 * reference, "spelling: both "
	    "commits' words counted once each");
	free(msg);
	free(path);
}

/* TEXT's spelling words are WANT ("word count" lines, in byte order). */
static void
spelling_words_are(const char *text, const char *want, const char *what)
{
	char *got = shim_spelling_words(text);

	is_str(got, want, "spelling words: %s", what);
	free(got);
}

/*
 * The spelling data's words are words_next()'s: the same splits, the
 * curly apostrophes written as the term generator writes them, words
 * with a digit and words over 64 bytes left out.
 */
static void
test_spelling_words(void)
{
	const char text[] = "call the help desk, or sign in with login.gov: "
	    "its form's fields (cms_1500) list at&t and h\xc3\xa9lp\xe2\x80\x94"
	    "desks 1-800-633-4227 a.b";
	size_t len = strlen(text), pos = 0, start, n, lines = 0, words = 0;
	char *got;
	char long_word[66];

	spelling_words_are("don\xe2\x80\x99t stop, at&t 1.5 login.gov don't",
	    "at&t 1\ndon't 2\ngov 1\nlogin 1\nstop 1\n",
	    "apostrophes, '&' and a '.' between letters");
	spelling_words_are("don\xe2\x80\x9bt", "don't 1\n",
	    "the reversed quotation mark is an apostrophe too");
	spelling_words_are("form cms-1500 h2o 1-800-medicare x\xd9\xa3",
	    "cms 1\nform 1\nmedicare 1\n",
	    "words with a digit, of any script, left out");
	spelling_words_are("m\xc3\xa9" "dicare\xe2\x80\x99s caf\xc3\xa9",
	    "caf\xc3\xa9 1\nm\xc3\xa9" "dicare's 1\n", "letters beyond ASCII");
	spelling_words_are("-- ... \xe2\x80\x94 ''", "", "no words");
	memset(long_word, 'a', 65);
	long_word[65] = '\0';
	spelling_words_are(long_word, "", "a 65-byte word left out");
	long_word[64] = '\0';
	got = shim_spelling_words(long_word);
	is_size(got != NULL ? strlen(got) : 0, 67,
	    "spelling words: a 64-byte word kept");
	free(got);

	/* Each word of a sentence without repeats, as words_next() has
	 * it, is counted once, and nothing else. */
	got = shim_spelling_words(text);
	for (const char *p = got; p != NULL && *p != '\0'; p++)
		lines += *p == '\n';
	while ((n = words_next(text, len, &pos, &start)) > 0) {
		char line[80];

		if (words_has_digit(text + start, n))
			continue;
		words++;
		snprintf(line, sizeof line, "%.*s 1\n", (int)n, text + start);
		ok(got != NULL && strstr(got, line) != NULL,
		    "spelling words: '%.*s' counted as words_next() has it",
		    (int)n, text + start);
	}
	is_size(lines, words, "spelling words: as many as words_next() "
	    "finds without digits");
	free(got);
}

int
main(void)
{
	factsheet_publication_t *pub;

	if (xapian_tests_start("test-xapian-spelling") != 0)
		return 1;
	pub = read_corpus(CORPUS);
	test_spelling_words();
	ok(pub != NULL, "the bundled file parses");
	if (pub != NULL) {
		test_spelling_after_crash(pub);
		test_spelling_committed_before_crash(pub);
		test_lexicon_missing(pub);
		test_spelling_added(pub, 50000);
		test_spelling_added(pub, 1);
	}
	factsheet_publication_free(pub);
	xapian_tests_end();
	return done_testing();
}
