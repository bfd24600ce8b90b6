/*
 * test-decode.c - decode.c: gzip data inflated (one member or several
 * joined with cat; truncated or corrupt data refused with the byte and
 * why), and Windows-1252 text converted to UTF-8 (valid UTF-8, binary
 * data and bytes Windows-1252 leaves undefined left alone).
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "factsheet-private.h"
#include "tap.h"

/* TEXT as one gzip member, in OUT (SIZE bytes); its length, or 0. */
static size_t
gzip(const char *text, unsigned char *out, size_t size)
{
	z_stream z;
	size_t n;

	memset(&z, 0, sizeof z);
	if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS,
	    8, Z_DEFAULT_STRATEGY) != Z_OK)
		return 0;
	z.next_in = (Bytef *)(uintptr_t)text;
	z.avail_in = (uInt)strlen(text);
	z.next_out = out;
	z.avail_out = (uInt)size;
	n = deflate(&z, Z_FINISH) == Z_STREAM_END ? size - z.avail_out : 0;
	deflateEnd(&z);
	return n;
}

static void
test_gunzip(void)
{
	static const char text[] = "Problem: Cannot log in\n\n"
	    "Solution: Call the EUS Help Desk at 1-866-484-8049.\n";
	unsigned char gz[512];
	size_t n = gzip(text, gz, sizeof gz), one = n, out_len = 0;
	char *out = NULL, *msg = NULL;
	factsheet_status_t st;

	cmp_ok(n, >, 0, "zlib made a gzip member");
	is_int(decode_is_gzip((char *)gz, n), 1, "it starts as gzip does");
	is_int(decode_is_gzip(text, strlen(text)), 0, "text is not gzip");
	is_int(decode_is_gzip("\x1f", 1), 0, "one byte is not gzip");

	st = decode_gunzip("a.txt.gz", (char *)gz, n, &out, &out_len, &msg);
	is_int(st, FACTSHEET_STATUS_SUCCESS, "one member: inflated");
	is_str(out, text, "one member: the text");
	is_size(out_len, strlen(text), "one member: its length");
	is_str(msg, NULL, "one member: no message");
	free(out);

	/* Two members, as `cat a.gz b.gz` gives. */
	n += gzip("Second part.\n", gz + n, sizeof gz - n);
	st = decode_gunzip("ab.gz", (char *)gz, n, &out, &out_len, &msg);
	is_int(st, FACTSHEET_STATUS_SUCCESS, "two members: inflated");
	ends(out, "1-866-484-8049.\nSecond part.\n", "two members: both");
	free(out);

	st = decode_gunzip("cut.gz", (char *)gz, one / 2, &out, &out_len,
	    &msg);
	is_int(st, FACTSHEET_STATUS_BAD_INPUT, "truncated: bad input");
	is_str(out, NULL, "truncated: no text");
	like(msg, "cut.gz: byte ", "truncated: the message names the file "
	    "and the byte");
	like(msg, "truncated", "truncated: and says so");
	free(msg);
	msg = NULL;

	memcpy(gz + 10, "\xff\xff\xff\xff\xff\xff", 6);
	st = decode_gunzip("bad.gz", (char *)gz, one, &out, &out_len, &msg);
	is_int(st, FACTSHEET_STATUS_BAD_INPUT, "corrupt: bad input");
	like(msg, "bad.gz: byte ", "corrupt: the file and the byte");
	like(msg, "bad gzip data", "corrupt: what is wrong");
	free(msg);
}

/* BYTES and their length, for a literal that may hold a NUL. */
#define BYTES(s) s, sizeof s - 1

static void
legacy_is(const char *bytes, size_t len, factsheet_status_t want_status,
	  const char *want, const char *what)
{
	char *out = (char *)"unset";
	size_t out_len = 99;
	factsheet_status_t st;

	st = decode_legacy_text(bytes, len, &out, &out_len);
	is_int(st, want_status, "%s: %s", what,
	    factsheet_status_to_string(want_status));
	is_str(out, want, "%s", what);
	is_size(out_len, want ? strlen(want) : 0, "%s: its length", what);
	free(out);
}

static void
test_legacy(void)
{
	legacy_is(BYTES("caf\xe9 \x93quoted\x94 \x96 5\x80"),
	    FACTSHEET_STATUS_SUCCESS,
	    "caf\xc3\xa9 \xe2\x80\x9cquoted\xe2\x80\x9d \xe2\x80\x93 5"
	    "\xe2\x82\xac", "Windows-1252: é, curly quotes, en dash, euro");
	legacy_is(BYTES("caf\xc3\xa9"), FACTSHEET_STATUS_BAD_INPUT, NULL,
	    "valid UTF-8: nothing to convert");
	legacy_is(BYTES("\0\xe9"), FACTSHEET_STATUS_BAD_INPUT, NULL,
	    "a NUL: binary, not text");
	legacy_is(BYTES("x\x81y"), FACTSHEET_STATUS_BAD_INPUT, NULL,
	    "0x81, undefined in Windows-1252: not converted");
}

int
main(void)
{
	test_gunzip();
	test_legacy();
	return done_testing();
}
