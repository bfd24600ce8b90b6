/*
 * query-syntax.h - rewriting a query string for the Xapian layer's
 * parser, and reading the words of one, with no Xapian: a wildcard or a
 * quoted phrase in a field becomes a field of its own that the parser
 * hands to our code (query_mark_fields), and back (query_unmark_fields);
 * a correction keeps the real words as typed (query_keep_real_words).
 * Strings in and out are C strings; results are malloc'd, NULL when out
 * of memory.  Private to libfactsheet.
 */
#ifndef FACTSHEET_QUERY_SYNTAX_H
#define FACTSHEET_QUERY_SYNTAX_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* What the parser is given for a wildcard and a field phrase: the
 * Xapian layer's own (shim_query_markers()). */
typedef struct {
	/* "passw*" as WILDCARD ":passw", "solution:pass*" as WILDCARD
	 * "SOLUTION:pass": in capitals, which a case-folded query holds
	 * nowhere but in its operators. */
	const char *wildcard;
	/* solution:"a b" as PHRASE "SOLUTION:" and "a b" in hex. */
	const char *phrase;
	/* Whether the LEN bytes at NAME name a free-text field of queries
	 * ("solution"; not "kind", a filter). */
	int (*is_text_field)(const char *name, size_t len);
} query_markers_t;

/*
 * QUERY with each wildcard outside quotes ("passw*", "solution:pass*",
 * "-passw*") turned into its wildcard field, and each quoted phrase in a
 * free-text field (solution:"a b") into its phrase field, as MARKERS say.
 */
char *
query_mark_fields(const char *query, const query_markers_t *markers);

/* QUERY as typed again, where query_mark_fields() changed it. */
char *
query_unmark_fields(const char *query, const query_markers_t *markers);

/* The N bytes at S as lower-case hex digits, two a byte. */
char *
query_to_hex(const char *s, size_t n);

/* What query_to_hex() encoded, as far as HEX is hex (text typed by hand
 * stops at the first pair that is not); *N its length, as it may hold
 * a NUL. */
char *
query_from_hex(const char *hex, size_t *n);

/* Whether Q is two or more plain words: no quotes, parentheses,
 * wildcards, fields, '+' or capitals (operators). */
int
query_is_plain_words(const char *q);

/* Where each word (words_next, words.h) of TEXT starts and how long it
 * is: *N pairs in a malloc'd array (NULL when there are none).  -1 when
 * out of memory. */
int
query_word_spans(const char *text, size_t (**spans)[2], size_t *n);

/*
 * CORRECTED (QUERY with words corrected) with every real word of QUERY
 * (IS_REAL_WORD says which) put back as typed; *HELD whether any was.
 * A correction that changed the number of words is kept as it is.
 */
char *
query_keep_real_words(const char *query, const char *corrected,
		      int (*is_real_word)(const char *), int *held);

#ifdef __cplusplus
}
#endif

#endif /* FACTSHEET_QUERY_SYNTAX_H */
