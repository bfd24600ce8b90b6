/*
 * query-syntax.c - rewriting a query string for the Xapian layer's
 * parser, and its words, in plain C (query-syntax.h).
 */
#include <config.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "factsheet-private.h"
#include "query-syntax.h"
#include "words.h"

/* Whether the N bytes at S are one word, whole (words.h). */
static int
is_one_word(const char *s, size_t n)
{
	size_t pos = 0, start;

	return n > 0 && words_next(s, n, &pos, &start) == n;
}

/* Appends S in capitals to B. */
static void
append_upper(strbuf_t *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char c = (char)toupper((unsigned char)s[i]);

		strbuf_append(b, &c, 1);
	}
}

/* Appends the N bytes at S to B in hex. */
static void
append_hex(strbuf_t *b, const char *s, size_t n)
{
	static const char digits[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		char pair[2] = { digits[c >> 4], digits[c & 0xf] };

		strbuf_append(b, pair, 2);
	}
}

char *
query_to_hex(const char *s, size_t n)
{
	strbuf_t b = { 0 };

	append_hex(&b, s, n);
	return strbuf_finish(&b);
}

static int
hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Appends to B what the LEN bytes of hex at HEX encode, as far as they
 * are hex. */
static void
append_from_hex(strbuf_t *b, const char *hex, size_t len)
{
	for (size_t i = 0; i + 1 < len; i += 2) {
		int high = hex_value(hex[i]), low = hex_value(hex[i + 1]);
		char c;

		if (high < 0 || low < 0)
			break;
		c = (char)(high << 4 | low);
		strbuf_append(b, &c, 1);
	}
}

char *
query_from_hex(const char *hex, size_t *n)
{
	strbuf_t b = { 0 };
	size_t len;
	char *out;

	append_from_hex(&b, hex, strlen(hex));
	len = b.len;
	out = strbuf_finish(&b);
	*n = out != NULL ? len : 0;
	return out;
}

/* The index of the first byte of QUERY at or after FROM that is one of
 * SET, or LEN. */
static size_t
find_first_of(const char *query, size_t len, size_t from, const char *set)
{
	for (size_t i = from; i < len; i++)
		if (strchr(set, query[i]) != NULL)
			return i;
	return len;
}

char *
query_mark_fields(const char *query, const query_markers_t *m)
{
	strbuf_t out = { 0 };
	size_t len = strlen(query);
	int quoted = 0;

	for (size_t i = 0; i < len;) {
		char c = query[i];
		size_t sign = i > 0 && (query[i - 1] == '+' ||
		    query[i - 1] == '-') ? 1 : 0;
		int starts = i == sign || query[i - 1 - sign] == ' ' ||
		    query[i - 1 - sign] == '(';
		size_t end, colon, name_len;
		const char *token, *word;
		size_t token_len, word_len;
		int text, wildcard;

		if (c == '"')
			quoted = !quoted;
		/* Spaces and parentheses go as they are: a token never
		 * starts with one (and would be empty at a space). */
		if (quoted || c == '"' || c == '+' || c == '-' || c == ' ' ||
		    c == '(' || c == ')' || !starts) {
			strbuf_append(&out, &c, 1);
			i++;
			continue;
		}
		end = find_first_of(query, len, i, " )\"");
		token = query + i;
		token_len = end - i;
		colon = 0;
		while (colon < token_len && token[colon] != ':')
			colon++;
		name_len = colon < token_len ? colon : 0;
		word = colon < token_len ? token + colon + 1 : token;
		word_len = colon < token_len ? token_len - colon - 1 :
		    token_len;
		text = name_len > 0 && m->is_text_field(token, name_len);
		if (word_len == 0 && end < len && query[end] == '"' && text) {
			/* To the closing quote, or the end as Xapian has it. */
			const char *q = strchr(query + end + 1, '"');
			size_t close = q != NULL ? (size_t)(q - query) : len;
			const char *phrase = query + end + 1;
			size_t phrase_len = close - end - 1;
			size_t k = 0;

			while (k < phrase_len && phrase[k] == ' ')
				k++;
			if (k < phrase_len) {
				strbuf_puts(&out, m->phrase);
				append_upper(&out, token, name_len);
				strbuf_append(&out, ":", 1);
				append_hex(&out, phrase, phrase_len);
				i = close < len ? close + 1 : close;
				continue;
			}
		}
		wildcard = word_len > 1 && word[word_len - 1] == '*' &&
		    (name_len == 0 || text);
		wildcard = wildcard && is_one_word(word, word_len - 1);
		if (wildcard) {
			strbuf_puts(&out, m->wildcard);
			append_upper(&out, token, name_len);
			strbuf_append(&out, ":", 1);
			strbuf_append(&out, word, word_len - 1);
		} else {
			strbuf_append(&out, token, token_len);
		}
		i = end;
	}
	return strbuf_finish(&out);
}

/* The first occurrence of NEEDLE in HAY at or after FROM, or LEN. */
static size_t
find(const char *hay, size_t len, size_t from, const char *needle)
{
	const char *at = from <= len ? strstr(hay + from, needle) : NULL;

	return at != NULL ? (size_t)(at - hay) : len;
}

char *
query_unmark_fields(const char *query, const query_markers_t *m)
{
	strbuf_t out = { 0 };
	size_t len = strlen(query), start = 0;

	for (;;) {
		size_t wild = find(query, len, start, m->wildcard);
		size_t phrase = find(query, len, start, m->phrase);
		size_t at = wild < phrase ? wild : phrase;
		const char *mark;
		size_t colon, end, name_at;
		int starts;

		if (at == len)
			break;
		mark = at == wild ? m->wildcard : m->phrase;
		colon = find(query, len, at, ":");
		end = find_first_of(query, len, at, " )\"");
		starts = at == 0 || strchr(" (+-", query[at - 1]) != NULL;
		if (!starts || colon == len || colon > end) {
			/* The word as typed, not a mark. */
			strbuf_append(&out, query + start, at + 1 - start);
			start = at + 1;
			continue;
		}
		strbuf_append(&out, query + start, at - start);
		name_at = at + strlen(mark);
		for (size_t k = name_at; k < colon; k++) {
			char c = (char)tolower((unsigned char)query[k]);

			strbuf_append(&out, &c, 1);
		}
		if (colon > name_at)
			strbuf_append(&out, ":", 1);
		if (at == wild) {
			strbuf_append(&out, query + colon + 1, end - colon - 1);
			strbuf_append(&out, "*", 1);
		} else {
			strbuf_append(&out, "\"", 1);
			append_from_hex(&out, query + colon + 1,
			    end - colon - 1);
			strbuf_append(&out, "\"", 1);
		}
		start = end;
	}
	strbuf_append(&out, query + start, len - start);
	return strbuf_finish(&out);
}

int
query_is_plain_words(const char *q)
{
	size_t words = 0;
	int in_word = 0;

	for (const unsigned char *p = (const unsigned char *)q; *p; p++) {
		unsigned char c = *p;
		int word;

		if (c == '"' || c == '(' || c == ')' || c == '*' || c == ':' ||
		    c == '+' || (c >= 'A' && c <= 'Z'))
			return 0;
		word = c != ' ';
		words += word && !in_word;
		in_word = word;
	}
	return words > 1;
}

int
query_word_spans(const char *text, size_t (**spans)[2], size_t *n)
{
	size_t len = strlen(text), pos = 0, start, word, count = 0;
	size_t (*out)[2];

	*spans = NULL;
	*n = 0;
	/* At most one word every two bytes. */
	if ((out = calloc(len / 2 + 1, sizeof *out)) == NULL)
		return -1;
	while ((word = words_next(text, len, &pos, &start)) > 0) {
		out[count][0] = start;
		out[count][1] = word;
		count++;
	}
	if (count == 0) {
		free(out);
		out = NULL;
	}
	*spans = out;
	*n = count;
	return 0;
}

char *
query_keep_real_words(const char *query, const char *corrected,
		      int (*is_real_word)(const char *), int *held)
{
	size_t (*a)[2] = NULL, (*b)[2] = NULL;
	size_t n_a = 0, n_b = 0, copied = 0;
	strbuf_t out = { 0 };

	*held = 0;
	if (query_word_spans(query, &a, &n_a) < 0 ||
	    query_word_spans(corrected, &b, &n_b) < 0) {
		free(a);
		return NULL;
	}
	if (n_a != n_b) {
		free(a);
		free(b);
		return str_printf("%s", corrected);
	}
	for (size_t i = 0; i < n_a; i++) {
		char *typed = str_printf("%.*s", (int)a[i][1], query + a[i][0]);
		int same = typed != NULL && a[i][1] == b[i][1] &&
		    memcmp(typed, corrected + b[i][0], a[i][1]) == 0;

		if (typed == NULL) {
			out.failed = 1;
			break;
		}
		if (!same && is_real_word(typed)) {
			strbuf_append(&out, corrected + copied,
			    b[i][0] - copied);
			strbuf_append(&out, typed, a[i][1]);
			copied = b[i][0] + b[i][1];
			*held = 1;
		}
		free(typed);
	}
	strbuf_puts(&out, corrected + copied);
	free(a);
	free(b);
	return strbuf_finish(&out);
}
