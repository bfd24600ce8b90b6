/*
 * test-util.c - util.c: str_printf, str_ndup, the growing string buffer
 * (a failure sticks until finished), hex decoding, and a thread started
 * with every signal blocked.
 */
#include <config.h>

#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "factsheet-private.h"
#include "tap.h"

static void
test_strings(void)
{
	char *s = str_printf("%s-%03d", "id", 7);

	is_str(s, "id-007", "str_printf formats");
	free(s);
	s = str_printf("%s", "");
	is_str(s, "", "str_printf of nothing: an empty string");
	free(s);
	{
		/* "%s" alone is copied without formatting: the whole of a
		 * long string, and NULL as printf prints it. */
		char *big = calloc(1, 100001);

		if (big != NULL)
			memset(big, 'x', 100000);
		s = big ? str_printf("%s", big) : NULL;
		is_size(s ? strlen(s) : 0, 100000,
		    "str_printf of \"%%s\" copies a long string whole");
		free(s);
		free(big);
		s = str_printf("%s", (char *)NULL);
		is_str(s, "(null)", "str_printf of \"%%s\" and NULL: as printf");
		free(s);
	}
	s = str_ndup("abcdef", 3);
	is_str(s, "abc", "str_ndup copies N bytes and ends them");
	free(s);
	s = str_ndup("a\0b", 3);
	is_int(s ? s[2] : -1, 'b', "str_ndup copies past a NUL");
	free(s);
}

static void
test_strbuf(void)
{
	strbuf_t b = { 0 };
	char *s, big[1000];

	s = strbuf_finish(&b);
	is_str(s, "", "an unused buffer finishes as an empty string");
	free(s);
	strbuf_puts(&b, "one");
	strbuf_append(&b, ", two, three", 5);
	strbuf_printf(&b, " and %d", 3);
	is_size(b.len, strlen("one, two and 3"), "its length so far");
	s = strbuf_finish(&b);
	is_str(s, "one, two and 3", "puts, append of N bytes, printf");
	free(s);
	is_size(b.len, 0, "finishing resets the buffer");
	ok(b.data == NULL, "and hands its data over");

	memset(big, 'x', sizeof big);
	for (int i = 0; i < 100; i++)
		strbuf_append(&b, big, sizeof big);
	is_size(b.len, 100 * sizeof big, "it grows to 100,000 bytes");
	s = strbuf_finish(&b);
	is_size(s ? strlen(s) : 0, 100 * sizeof big, "all of them kept");
	free(s);

	strbuf_puts(&b, "kept?");
	b.failed = 1;
	strbuf_puts(&b, " more");
	is_str(b.data, "kept?", "after a failure nothing is appended");
	s = strbuf_finish(&b);
	is_str(s, NULL, "a failed buffer finishes as NULL");
	is_int(b.failed, 0, "and is reset for use again");
	strbuf_puts(&b, "again");
	s = strbuf_finish(&b);
	is_str(s, "again", "a reset buffer works");
	free(s);
}

static void
hex_is(const char *hex, const char *want, const char *what)
{
	char *got = str_from_hex(hex);

	is_str(got, want, "str_from_hex: %s", what);
	free(got);
}

static void
test_hex(void)
{
	hex_is("", "", "nothing");
	hex_is("6c6f6720696e", "log in", "lower case");
	hex_is("4C4F47", "LOG", "upper case");
	hex_is("c3a9", "\xc3\xa9", "bytes of UTF-8");
	hex_is("6c6", NULL, "an odd number of digits");
	hex_is("6g", NULL, "a digit that is not hex");
	hex_is("6100", NULL, "a NUL byte");
	hex_is(" 61", NULL, "a space");
}

static void *
blocked_signals(void *arg)
{
	sigset_t mask;

	pthread_sigmask(SIG_BLOCK, NULL, &mask);
	*(int *)arg = sigismember(&mask, SIGINT) == 1 &&
	    sigismember(&mask, SIGTERM) == 1 ? 1 : 0;
	return NULL;
}

static void
test_thread(void)
{
	pthread_t t;
	sigset_t mask;
	int blocked = -1;

	is_int(thread_start(&t, blocked_signals, &blocked), 1,
	    "thread_start starts a thread");
	pthread_join(t, NULL);
	is_int(blocked, 1, "the thread blocks SIGINT and SIGTERM");
	pthread_sigmask(SIG_BLOCK, NULL, &mask);
	is_int(sigismember(&mask, SIGINT), 0,
	    "the calling thread's mask is as it was");
}

int
main(void)
{
	test_strings();
	test_strbuf();
	test_hex();
	test_thread();
	return done_testing();
}
