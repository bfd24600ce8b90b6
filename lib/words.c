/*
 * words.c - what a word is: the index's rule (see words.h), for the
 * thesaurus, the spelling data, highlighting and the publication's
 * provenance alike, so that a word found in one is a word in all.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <unistr.h>

#include "factsheet-private.h"
#include "words.h"

/* Xapian's word characters, by general category. */
#define WORD_CATEGORIES (UC_CATEGORY_MASK_L | UC_CATEGORY_MASK_M | \
	UC_CATEGORY_MASK_Nd | UC_CATEGORY_MASK_Nl | UC_CATEGORY_MASK_No | \
	UC_CATEGORY_MASK_Pc)

int
words_is_word_char(ucs4_t c)
{
	/* ASCII, most of the text, without the category tables. */
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '_';
	return uc_is_general_category_withtable(c, WORD_CATEGORIES);
}

static int
is_digit(ucs4_t c)
{
	if (c < 0x80)
		return c >= '0' && c <= '9';
	return uc_is_general_category_withtable(c, UC_CATEGORY_MASK_Nd);
}

/* The character at byte I of S (LEN bytes), its length in *N.  ASCII is
 * taken as it is; an invalid byte is U+FFFD, one byte long. */
static ucs4_t
char_at(const char *s, size_t len, size_t i, int *n)
{
	const uint8_t *p = (const uint8_t *)s + i;
	ucs4_t c = *p;

	*n = c < 0x80 ? 1 : u8_mbtouc(&c, p, len - i);
	return c;
}

int
words_char_at(const char *s, size_t len, size_t i)
{
	int n;

	return i < len && words_is_word_char(char_at(s, len, i, &n));
}

int
words_char_before(const char *s, size_t i)
{
	const uint8_t *start = (const uint8_t *)s, *p = start + i;
	ucs4_t c;

	if (i == 0)
		return 0;
	if (p[-1] < 0x80)
		return words_is_word_char(p[-1]);
	if ((p = u8_prev(&c, p, start)) == NULL)
		return 0;
	return words_is_word_char(c);
}

/*
 * Whether C, between PREV (the word's last character) and NEXT, joins
 * them into one word: an apostrophe or '&' before a word character, a
 * '.' or ',' between digits.
 */
static int
is_infix(ucs4_t prev, ucs4_t c, ucs4_t next)
{
	if (c == '\'' || c == 0x2019 || c == 0x201b || c == '&')
		return words_is_word_char(next);
	if (c == '.' || c == ',')
		return is_digit(prev) && is_digit(next);
	return 0;
}

size_t
words_next(const char *s, size_t len, size_t *pos, size_t *start)
{
	size_t i = *pos, first;
	ucs4_t c = 0, prev;
	int n = 1;

	/* Up to the first word character. */
	while (i < len && !words_is_word_char(c = char_at(s, len, i, &n)))
		i += (size_t)n;
	if (i >= len) {
		*pos = len;
		return 0;
	}
	first = i;
	prev = c;
	i += (size_t)n;
	while (i < len) {
		int m;

		c = char_at(s, len, i, &n);
		if (words_is_word_char(c)) {
			prev = c;
			i += (size_t)n;
			continue;
		}
		if (i + (size_t)n < len &&
		    is_infix(prev, c, char_at(s, len, i + (size_t)n, &m))) {
			i += (size_t)n;
			continue;
		}
		break;
	}
	*start = first;
	*pos = i;
	return i - first;
}

size_t
words_next_name(const char *s, size_t len, size_t *pos, size_t *start)
{
	size_t first, n;

	while ((n = words_next(s, len, pos, &first)) > 0) {
		size_t end = first + n;
		unsigned parts = 1;

		while (end + 1 < len && s[end] == '.' &&
		    words_char_at(s, len, end + 1)) {
			size_t next = end + 1, at;

			if (words_next(s, len, &next, &at) == 0 ||
			    at != end + 1)
				break;
			end = next;
			parts++;
		}
		if (parts > 1) {
			*start = first;
			*pos = end;
			return end - first;
		}
	}
	return 0;
}

size_t
words_count(const char *s, size_t len)
{
	size_t pos = 0, start, count = 0;

	while (words_next(s, len, &pos, &start) > 0)
		count++;
	return count;
}

int
words_has_digit(const char *s, size_t len)
{
	int n;

	for (size_t i = 0; i < len; i += (size_t)n)
		if (is_digit(char_at(s, len, i, &n)))
			return 1;
	return 0;
}

char *
phrase_words(const char *text)
{
	char *norm = text_normalize(text);
	size_t len, pos = 0, start, n;
	strbuf_t b = { 0 };

	if (norm == NULL)
		return NULL;
	len = strlen(norm);
	while ((n = words_next(norm, len, &pos, &start)) > 0) {
		if (b.len > 0)
			strbuf_puts(&b, " ");
		strbuf_append(&b, norm + start, n);
	}
	free(norm);
	return strbuf_finish(&b);
}

unsigned
phrase_in_words(const char *phrase, const char *words)
{
	size_t n = strlen(phrase);
	unsigned count = 0;

	for (const char *p = words; (p = strstr(p, phrase)) != NULL; p++)
		if ((p == words || p[-1] == ' ') &&
		    (p[n] == '\0' || p[n] == ' '))
			count++;
	return count;
}
