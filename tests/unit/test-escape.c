/*
 * test-escape.c - lib/escape.c: what the readers drop from indexed text,
 * and how the programs show controls, bidi overrides and bytes that are
 * not UTF-8.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "factsheet-private.h"
#include "tap.h"

/* text_strip_controls on a copy of IN. */
static void
strip_is(const char *in, const char *want, size_t dropped, const char *what)
{
	char *s = strdup(in);
	size_t n = text_strip_controls(s);

	is_str(s, want, "strip: %s", what);
	is_int(n, dropped, "strip: %s: how many dropped", what);
	free(s);
}

static void
escape_is(const char *in, const char *keep, const char *want,
	  const char *what)
{
	char *s = factsheet_escape(in, keep);

	is_str(s, want, "escape: %s", what);
	free(s);
}

int
main(void)
{
	strip_is("plain text", "plain text", 0, "plain text is as it was");
	strip_is("a\tb\nc", "a\tb\nc", 0, "tab and newline kept");
	strip_is("clear \x1b[2J screen", "clear [2J screen", 1, "ESC dropped");
	strip_is("title \x1b]0;x\x07 end", "title ]0;x end", 2,
	    "OSC: ESC and BEL dropped");
	strip_is("csi \xc2\x9b" "31m", "csi 31m", 1, "C1 CSI U+009B dropped");
	strip_is("a\xe2\x80\xae" "b\xe2\x80\xac" "c", "abc", 2,
	    "bidi override and pop dropped");
	strip_is("a\xe2\x81\xa6" "b\xe2\x81\xa9", "ab", 2, "isolates dropped");
	strip_is("a\x7f" "b", "ab", 1, "DEL dropped");
	strip_is("a\rb\fc\vd", "a b c d", 0, "CR, FF, VT become spaces");
	strip_is("caf\xc3\xa9 \xe2\x80\x9cq\xe2\x80\x9d",
	    "caf\xc3\xa9 \xe2\x80\x9cq\xe2\x80\x9d", 0,
	    "other non-ASCII kept");

	escape_is("plain", NULL, "plain", "plain text is as it was");
	escape_is("", NULL, "", "empty is empty");
	escape_is("x\x1b[2Jy", NULL, "x\\x1b[2Jy", "ESC shown as \\x1b");
	escape_is("a\nb\tc", NULL, "a\\x0ab\\x09c", "newline escaped");
	escape_is("a\nb\tc", "\n\t", "a\nb\tc", "newline and tab kept");
	escape_is("\xc2\x9b" "1m", NULL, "\\u009b1m", "C1 as \\u009b");
	escape_is("a\xe2\x80\xae" "b", NULL, "a\\u202eb", "bidi as \\u202e");
	escape_is("b\xff\xfe.txt", NULL, "b\\xff\\xfe.txt",
	    "bytes not UTF-8 as \\xff");
	escape_is("\xc3\xa9t\xc3\xa9", NULL, "\xc3\xa9t\xc3\xa9",
	    "UTF-8 letters kept");
	ok(factsheet_escape(NULL, NULL) == NULL, "escape: NULL is NULL");
	is_int(text_is_control(0x85) != 0, 1, "text_is_control: NEL yes");
	is_int(text_is_control(0x2067) != 0, 1, "text_is_control: FSI yes");
	is_int(text_is_control(0x2010) != 0, 0,
	    "text_is_control: hyphen no");
	is_int(text_is_control('a') != 0, 0, "text_is_control: a no");
	return done_testing();
}
