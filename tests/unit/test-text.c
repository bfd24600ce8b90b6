/*
 * test-text.c - the text checks and normalization in lib/text.c: what
 * input is refused and how the message points at the bad byte, and the
 * form words and queries are folded into before they reach Xapian.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "factsheet-private.h"
#include "tap.h"

/* Runs text_check on LEN bytes; returns the status, *MESSAGE to free. */
static factsheet_status_t
check(const char *bytes, size_t len, char **message)
{
	return text_check("notes.txt", bytes, len, message);
}

/* True if the message exists and contains NEEDLE. */
static int
has(const char *message, const char *needle)
{
	return message != NULL && strstr(message, needle) != NULL;
}

static void
test_check_empty(void)
{
	char *msg = NULL;
	factsheet_status_t st;

	st = check("", 0, &msg);
	is_int(st, FACTSHEET_STATUS_BAD_INPUT, "empty input is bad input");
	ok(has(msg, "notes.txt"), "empty: message names the source");
	ok(has(msg, "empty"), "empty: message says empty");
	free(msg);

	st = check(" \t\r\n\n  \f\v\n", 10, &msg);
	is_int(st, FACTSHEET_STATUS_BAD_INPUT, "white space only is bad");
	ok(has(msg, "notes.txt"), "white space: message names the source");
	ok(has(msg, "white space"), "white space: message says so");
	free(msg);
}

static void
test_check_binary(void)
{
	static const char nul[] = "abc\0def";
	static const char controls[] = "a\x01\x02\x03\x04\x05\x06\x07\x08\x0e";
	char *msg = NULL;
	factsheet_status_t st;

	st = check(nul, sizeof nul - 1, &msg);
	is_int(st, FACTSHEET_STATUS_BAD_INPUT, "NUL byte is bad input");
	ok(has(msg, "binary"), "NUL byte: message says binary");
	ok(has(msg, "notes.txt"), "NUL byte: message names the source");
	ok(has(msg, "line 1, byte 3"), "NUL byte: line and offset (%s)",
	    msg ? msg : "(null)");
	free(msg);

	/* Many control characters: not text, even without a NUL. */
	st = check(controls, sizeof controls - 1, &msg);
	is_int(st, FACTSHEET_STATUS_BAD_INPUT, "nine control bytes: bad");
	ok(has(msg, "binary"), "control bytes: message says binary");
	free(msg);

	/* A form feed between pages is what pdftotext writes. */
	st = check("page 1\fpage 2\n", 14, &msg);
	is_int(st, FACTSHEET_STATUS_SUCCESS, "form feed is text");
	ok(msg == NULL, "form feed: no message");
	free(msg);
}

static void
test_check_utf8(void)
{
	static const char bad[] = "ok\nbad \xff";
	static const char cut[] = "line one\nline two\nend \xe2\x80";
	static const char overlong[] = "\xc0\xaf";
	static const char surrogate[] = "x \xed\xa0\x80";
	static const char good[] = "Stra\xc3\x9f" "e \xe2\x80\x9cMy Profile"
	    "\xe2\x80\x9d \xe2\x80\x94 \xef\xac\x81le \xe6\x97\xa5\n";
	char *msg = NULL;
	factsheet_status_t st;

	/* "ok\n" is bytes 0-2, "bad " 3-6: the 0xff is byte 7 (0-based). */
	st = check(bad, sizeof bad - 1, &msg);
	is_int(st, FACTSHEET_STATUS_BAD_INPUT, "invalid UTF-8 is bad input");
	ok(has(msg, "notes.txt"), "invalid UTF-8: message names the source");
	ok(has(msg, "UTF-8"), "invalid UTF-8: message says UTF-8");
	ok(has(msg, "line 2, byte 7"), "invalid UTF-8: line 2, byte 7 (%s)",
	    msg ? msg : "(null)");
	free(msg);

	st = check(cut, sizeof cut - 1, &msg);
	is_int(st, FACTSHEET_STATUS_BAD_INPUT, "truncated sequence is bad");
	ok(has(msg, "line 3, byte 22"), "truncated: line 3, byte 22 (%s)",
	    msg ? msg : "(null)");
	free(msg);

	st = check(overlong, sizeof overlong - 1, &msg);
	is_int(st, FACTSHEET_STATUS_BAD_INPUT, "overlong encoding is bad");
	ok(has(msg, "line 1, byte 0"), "overlong: line 1, byte 0");
	free(msg);

	st = check(surrogate, sizeof surrogate - 1, &msg);
	is_int(st, FACTSHEET_STATUS_BAD_INPUT, "encoded surrogate is bad");
	free(msg);

	msg = (char *)"sentinel";
	st = check(good, sizeof good - 1, &msg);
	is_int(st, FACTSHEET_STATUS_SUCCESS, "valid UTF-8 is accepted");
	ok(msg == NULL, "valid UTF-8: message set to NULL");
}

/* Compares text_normalize(IN) with WANT. */
static void
normalizes(const char *in, const char *want, const char *what)
{
	char *got = text_normalize(in);

	is_str(got, want, "normalize: %s", what);
	free(got);
}

static void
test_normalize(void)
{
	normalizes("\xe2\x80\x9cMy Profile\xe2\x80\x9d", "\"my profile\"",
	    "curly double quotes become \"");
	normalizes("you\xe2\x80\x99re \xe2\x80\x98x\xe2\x80\x99", "you're 'x'",
	    "curly single quotes become '");
	normalizes("PROVIDER\xe2\x80\x93SUPPLIER", "provider-supplier",
	    "en dash becomes -");
	normalizes("steps \xe2\x80\x94 tools", "steps - tools",
	    "em dash becomes -");
	normalizes("\xef\xac\x81le", "file", "fi ligature (NFKC)");
	normalizes("\xef\xbc\xb0\xef\xbc\xa5\xef\xbc\xa3\xef\xbc\xaf\xef\xbc"
	    "\xb3", "pecos", "fullwidth letters (NFKC)");
	normalizes("PECOS", "pecos", "upper case folded");
	normalizes("Stra\xc3\x9f" "e", "strasse", "sharp s case folded");
	normalizes("a\xc2\xa0" "b", "a b", "no-break space becomes space");
	normalizes("MLN Connects\xc2\xae", "mln connects\xc2\xae",
	    "registered sign kept");
	normalizes("1-866-484-8049", "1-866-484-8049", "ASCII kept as is");
	normalizes("", "", "empty string");
	/* Only the non-ASCII runs go through full folding and NFKC. */
	normalizes("CAFE\xcc\x81 Cafe\xcc\x81", "caf\xc3\xa9 caf\xc3\xa9",
	    "a combining mark composes with the ASCII letter before it");
	normalizes("\xcc\x81" "A", "\xcc\x81" "a",
	    "a combining mark at the start stays, the letter after it folds");
	normalizes("The \xe2\x80\x9cPECOS\xe2\x80\x9d Site\xe2\x80\x99s "
	    "\xef\xac\x81le, \xc3\x89" "COLE & Stra\xc3\x9f" "e TTY",
	    "the \"pecos\" site's file, \xc3\xa9" "cole & strasse tty",
	    "ASCII between non-ASCII runs of all kinds");
	normalizes("\xc3\x89\xc3\x89" "E\xcc\x81\xcc\xa3" "X",
	    "\xc3\xa9\xc3\xa9\xe1\xba\xb9\xcc\x81" "x",
	    "marks after a letter reordered and composed (NFKC)");
}

static void
normalizes_query(const char *in, const char *want, const char *what)
{
	char *got = text_normalize_query(in);

	is_str(got, want, "query: %s", what);
	free(got);
}

static void
test_normalize_query(void)
{
	normalizes_query("PECOS AND Password", "pecos AND password",
	    "AND kept, other words folded");
	normalizes_query("Phone OR Email NOT Chat", "phone OR email NOT chat",
	    "OR and NOT kept");
	normalizes_query("TTY NEAR/3 Phone", "tty NEAR/3 phone",
	    "NEAR/3 kept with its window");
	normalizes_query("A XOR B ADJ/2 C NEAR D", "a XOR b ADJ/2 c NEAR d",
	    "XOR, ADJ/2 and NEAR kept");
	normalizes_query("NOTE ANDROID ORDER", "note android order",
	    "words that start like operators are folded");
	normalizes_query("and or not", "and or not",
	    "lower-case operators are plain words");
	normalizes_query("\xe2\x80\x9cMy Profile\xe2\x80\x9d Stra\xc3\x9f" "e",
	    "\"my profile\" strasse", "quotes and case folded in queries");
	normalizes_query("  PECOS\tAND  help ", "  pecos\tAND  help ",
	    "white space left alone");
}

static void
squeezes(const char *in, const char *want, const char *what)
{
	char buf[128];
	char *got;

	snprintf(buf, sizeof buf, "%s", in);
	got = text_squeeze_space(buf);
	ok(got == buf, "squeeze: %s: returns its argument", what);
	is_str(buf, want, "squeeze: %s", what);
}

static void
test_squeeze(void)
{
	squeezes("  a \t b\n\nc  ", "a b c", "runs and tabs collapse, trimmed");
	squeezes("one\ttwo", "one two", "a tab becomes a space");
	squeezes("x\r\ny", "x y", "CR LF becomes a space");
	squeezes("already clean", "already clean", "clean text unchanged");
	squeezes(" \t\n ", "", "white space only becomes empty");
	squeezes("", "", "empty stays empty");
}

/* Words as the readers weigh a line by: the index's words (words.h). */
static void
test_count_words(void)
{
	const char *line = "  There are 6 ways\tto avoid\na foreclosure:  ";
	const char *heading = "1.2 Getting started \xe2\x80\x94 I&A";

	is_int((long)text_count_words(line, strlen(line)), 8,
	    "count_words: apart by spaces, tabs and line ends");
	is_int((long)text_count_words(line, 11), 2,
	    "count_words: only the LEN bytes given");
	is_int((long)text_count_words(heading, strlen(heading)), 4,
	    "count_words: a dash is no word, 1.2 and I&A are one each");
	is_int((long)text_count_words("", 0), 0, "count_words: none");
}

int
main(void)
{
	test_check_empty();
	test_check_binary();
	test_check_utf8();
	test_normalize();
	test_normalize_query();
	test_squeeze();
	test_count_words();
	return done_testing();
}
