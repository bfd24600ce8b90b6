/*
 * text.c - from bytes to the text we index: validation (libunistring's
 * u8_check), then normalization (NFKC, case folding) with the typographic
 * quotes and dashes a PDF conversion leaves folded to ASCII, so that
 * "“My Profile”" and "\"my profile\"" are the same words.
 */
#include <config.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <unicase.h>
#include <uninorm.h>
#include <unistr.h>

#include "factsheet-private.h"
#include "words.h"

/* Line (1-based) of byte OFFSET, for messages people can act on. */
static unsigned long
line_of(const char *bytes, size_t offset)
{
	unsigned long line = 1;

	for (size_t i = 0; i < offset; i++)
		if (bytes[i] == '\n')
			line++;
	return line;
}

/* Control characters other than tab, newline, CR and form feed. */
static int
is_binary_byte(unsigned char c)
{
	return (c < 0x20 && c != '\t' && c != '\n' && c != '\r' &&
	    c != '\f') || c == 0x7f;
}

factsheet_status_t
text_check(const char *source, const char *bytes, size_t len, char **message)
{
	const uint8_t *bad;
	size_t i, controls = 0;

	*message = NULL;
	if (len > TEXT_MAX_BYTES) {
		*message = str_printf("%s: file too large (%zu bytes; the "
		    "limit is %lu)", source, len, TEXT_MAX_BYTES);
		return FACTSHEET_STATUS_BAD_INPUT;
	}
	for (i = 0; i < len; i++)
		if (bytes[i] == '\0' || !strchr(" \t\r\n\f\v", bytes[i]))
			break;
	if (i == len) {
		*message = str_printf("%s: empty file%s", source,
		    len ? " (only white space)" : "");
		return FACTSHEET_STATUS_BAD_INPUT;
	}
	/* A NUL byte, or more than a few control characters, means this is
	 * not text at all; say so instead of reporting bad UTF-8. */
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)bytes[i];

		if (c == '\0' || (is_binary_byte(c) && ++controls > 8)) {
			*message = str_printf("%s: line %lu, byte %zu: binary "
			    "file (control byte 0x%02x), not text", source,
			    line_of(bytes, i), i, c);
			return FACTSHEET_STATUS_BAD_INPUT;
		}
	}
	bad = u8_check((const uint8_t *)bytes, len);
	if (bad != NULL) {
		size_t offset = (size_t)((const char *)bad - bytes);

		*message = str_printf("%s: line %lu, byte %zu: invalid UTF-8 "
		    "(byte 0x%02x); convert the file to UTF-8", source,
		    line_of(bytes, offset), offset, *bad);
		return FACTSHEET_STATUS_BAD_INPUT;
	}
	return FACTSHEET_STATUS_SUCCESS;
}

/* Typographic punctuation that NFKC keeps but people type in ASCII. */
static ucs4_t
fold_punctuation(ucs4_t c)
{
	switch (c) {
	case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032:
		return '\'';
	case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033:
	case 0x00AB: case 0x00BB:
		return '"';
	case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
	case 0x2015: case 0x2212:
		return '-';
	case 0x00A0: case 0x2007: case 0x202F:
		return ' ';
	default:
		return c;
	}
}

/* S with fold_punctuation applied, as a new string. */
static char *
fold_string(const char *s)
{
	size_t len = strlen(s);
	const uint8_t *p = (const uint8_t *)s, *end = p + len;
	strbuf_t b = { 0 };

	while (p < end) {
		ucs4_t c;
		int n = u8_mbtouc(&c, p, (size_t)(end - p));
		ucs4_t f = fold_punctuation(c);

		if (f != c) {
			char ch = (char)f;
			strbuf_append(&b, &ch, 1);
		} else {
			strbuf_append(&b, (const char *)p, (size_t)n);
		}
		p += n;
	}
	return strbuf_finish(&b);
}

/* Case folds and NFKC-normalizes N bytes of S into B. */
static void
casefold_append(strbuf_t *b, const char *s, size_t n)
{
	size_t out_len = 0;
	uint8_t *folded;

	if (n == 0)
		return;
	folded = u8_casefold((const uint8_t *)s, n, NULL, UNINORM_NFKC, NULL,
	    &out_len);
	if (folded == NULL) {
		b->failed = 1;
		return;
	}
	strbuf_append(b, (const char *)folded, out_len);
	free(folded);
}

/* Appends N bytes of ASCII S to B in lower case. */
static void
ascii_lower_append(strbuf_t *b, const char *s, size_t n)
{
	char chunk[256];

	while (n > 0) {
		size_t m = n < sizeof chunk ? n : sizeof chunk;

		for (size_t i = 0; i < m; i++)
			chunk[i] = (char)tolower((unsigned char)s[i]);
		strbuf_append(b, chunk, m);
		s += m;
		n -= m;
	}
}

/* Appends N bytes of S, from a starter up to one, folded and normalized. */
static void
fold_run_append(strbuf_t *b, const char *s, size_t n)
{
	char *run = strndup(s, n), *folded = run ? fold_string(run) : NULL;

	if (folded == NULL)
		b->failed = 1;
	else
		casefold_append(b, folded, strlen(folded));
	free(folded);
	free(run);
}

/*
 * Publications are mostly ASCII, and the full case folding and NFKC of
 * libunistring took a fifth of the time spent preparing them.  Only the
 * runs of non-ASCII characters need it, each with the ASCII character
 * before it (a combining mark composes with it: "e" U+0301 is "é").  An
 * ASCII character after a run starts anew: it composes with nothing
 * before it, and folding it is lower-casing it.
 */
char *
text_normalize(const char *s)
{
	strbuf_t b = { 0 };
	const char *ascii = s;

	while (*ascii != '\0') {
		const char *run = ascii, *end;

		while (*run != '\0' && (unsigned char)*run < 0x80)
			run++;
		if (*run != '\0' && run > ascii)
			run--;
		ascii_lower_append(&b, ascii, (size_t)(run - ascii));
		if (*run == '\0')
			break;
		end = run + 1;
		while (*end != '\0' && (unsigned char)*end >= 0x80)
			end++;
		fold_run_append(&b, run, (size_t)(end - run));
		ascii = end;
	}
	return strbuf_finish(&b);
}

static int
is_operator(const char *word, size_t n)
{
	static const char *const ops[] = {
		"AND", "OR", "NOT", "XOR", "NEAR", "ADJ",
	};

	for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
		size_t len = strlen(ops[i]);

		/* NEAR/3 and ADJ/2 carry a window size. */
		if (n >= len && strncmp(word, ops[i], len) == 0 &&
		    (n == len || word[len] == '/'))
			return 1;
	}
	return 0;
}

char *
text_normalize_query(const char *s)
{
	char *folded = fold_string(s);
	strbuf_t b = { 0 };
	const char *p;

	if (folded == NULL)
		return NULL;
	p = folded;
	while (*p != '\0') {
		size_t space = strspn(p, " \t\r\n\f\v");
		size_t word;

		strbuf_append(&b, p, space);
		p += space;
		word = strcspn(p, " \t\r\n\f\v");
		if (is_operator(p, word))
			strbuf_append(&b, p, word);
		else
			casefold_append(&b, p, word);
		p += word;
	}
	free(folded);
	return strbuf_finish(&b);
}

char *
text_squeeze_space(char *s)
{
	char *r = s, *w = s;
	int space = 0;

	while (*r != '\0') {
		if (strchr(" \t\r\n\f\v", *r)) {
			space = 1;
		} else {
			if (space && w != s)
				*w++ = ' ';
			space = 0;
			*w++ = *r;
		}
		r++;
	}
	*w = '\0';
	return s;
}

char *
text_squeeze_lines(char *s)
{
	char *w = s, *line = s;

	while (line != NULL) {
		char *nl = strchr(line, '\n');

		if (nl != NULL)
			*nl = '\0';
		text_squeeze_space(line);
		if (line[0] != '\0') {
			size_t n = strlen(line);

			if (w != s)
				*w++ = '\n';
			memmove(w, line, n);
			w += n;
		}
		line = nl ? nl + 1 : NULL;
	}
	*w = '\0';
	return s;
}

size_t
text_count_words(const char *s, size_t len)
{
	return words_count(s, len);
}
