/*
 * escape.c - the characters that must never reach a terminal as they are:
 * C0 and C1 controls and DEL (an ESC starts a sequence that clears the
 * screen, sets the window title or plants a hyperlink; U+009B is the
 * one-byte CSI) and the bidi controls (U+202A-U+202E, U+2066-U+2069,
 * which reorder what follows them, so a name can read backwards).
 * Readers drop them from what is indexed; the programs show the rest,
 * and any byte that is not UTF-8 (a file name), in a visible form.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "factsheet-private.h"

int
text_is_control(uint32_t c)
{
	return c < 0x20 || (c >= 0x7f && c <= 0x9f) ||
	    (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) ||
	    c == 0x200e || c == 0x200f || c == 0x061c;
}

size_t
text_strip_controls(char *s)
{
	const uint8_t *r = (const uint8_t *)s;
	uint8_t *w = (uint8_t *)s;
	size_t dropped = 0;

	if (s == NULL)
		return 0;
	while (*r != '\0') {
		ucs4_t c;
		int n;

		/* Most text is printable ASCII: copied as it is. */
		if (*r >= 0x20 && *r < 0x7f) {
			*w++ = *r++;
			continue;
		}
		n = u8_strmbtouc(&c, r);
		if (n <= 0) {
			/* Not UTF-8 (checked text never is): kept. */
			*w++ = *r++;
			continue;
		}
		if (c == '\t' || c == '\n' || !text_is_control(c)) {
			memmove(w, r, (size_t)n);
			w += n;
		} else if (c == '\r' || c == '\f' || c == '\v') {
			/* White space still: words either side stay apart. */
			*w++ = ' ';
		} else {
			dropped++;
		}
		r += n;
	}
	*w = '\0';
	return dropped;
}

char *
factsheet_escape(const char *s, const char *keep)
{
	const uint8_t *p = (const uint8_t *)s;
	strbuf_t b = { 0 };

	if (s == NULL)
		return NULL;
	if (keep == NULL)
		keep = "";
	while (*p != '\0') {
		ucs4_t c;
		int n;

		if (*p >= 0x20 && *p < 0x7f) {
			const uint8_t *q = p;

			while (*q >= 0x20 && *q < 0x7f)
				q++;
			strbuf_append(&b, (const char *)p, (size_t)(q - p));
			p = q;
			continue;
		}
		if (*p < 0x80 && strchr(keep, *p) != NULL) {
			strbuf_append(&b, (const char *)p, 1);
			p++;
			continue;
		}
		n = u8_strmbtouc(&c, p);
		if (n <= 0) {
			strbuf_printf(&b, "\\x%02x", *p);
			p++;
		} else if (c < 0x80 && text_is_control(c)) {
			strbuf_printf(&b, "\\x%02x", (unsigned)c);
			p += n;
		} else if (text_is_control(c)) {
			strbuf_printf(&b, "\\u%04x", (unsigned)c);
			p += n;
		} else {
			strbuf_append(&b, (const char *)p, (size_t)n);
			p += n;
		}
	}
	return strbuf_finish(&b);
}
