/*
 * test-query-syntax.c - the rewriting of a query string for the Xapian
 * layer's parser (lib/query-syntax.c), with the markers and fields the
 * layer really uses: real queries in, the exact strings out, field
 * phrases, quotes, wildcards and hostile input included.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "factsheet-private.h"
#include "query-syntax.h"
#include "xapian-shim.h"
#include "tap.h"

static const query_markers_t *markers;

/* QUERY marked, as the parser is given it. */
static void
marks(const char *query, const char *want)
{
	char *got = query_mark_fields(query, markers);

	is_str(got, want, "mark [%s]", query);
	free(got);
}

/* QUERY unmarked, as shown to people. */
static void
unmarks(const char *query, const char *want)
{
	char *got = query_unmark_fields(query, markers);

	is_str(got, want, "unmark [%s]", query);
	free(got);
}

/* QUERY marked and unmarked again: TYPED. */
static void
round_trip(const char *query, const char *typed)
{
	char *marked = query_mark_fields(query, markers);
	char *back = marked ? query_unmark_fields(marked, markers) : NULL;

	is_str(back, typed, "round trip [%s]", query);
	free(marked);
	free(back);
}

static void
test_markers(void)
{
	is_str(markers->wildcard, "WILDCARD", "the wildcard marker");
	is_str(markers->phrase, "PHRASE", "the phrase marker");
	is_int(markers->is_text_field("solution", 8), 1,
	    "solution is a text field");
	is_int(markers->is_text_field("title", 5), 1,
	    "title is a text field");
	is_int(markers->is_text_field("kind", 4), 0,
	    "kind is a filter, no text field");
	is_int(markers->is_text_field("solutions", 9), 0,
	    "solutions is no field");
	is_int(markers->is_text_field("solution", 4), 0,
	    "a field's name cut short is no field");
}

static void
test_mark_fields(void)
{
	marks("password expired", "password expired");
	marks("passw*", "WILDCARD:passw");
	marks("solution:pass*", "WILDCARDSOLUTION:pass");
	marks("title:medic*", "WILDCARDTITLE:medic");
	marks("-passw*", "-WILDCARD:passw");
	marks("+passw* reset", "+WILDCARD:passw reset");
	marks("a -b* +c*", "a -WILDCARD:b +WILDCARD:c");
	marks("(passw* or reset)", "(WILDCARD:passw or reset)");
	marks("don't*", "WILDCARD:don't");
	marks("caf\xc3\xa9*", "WILDCARD:caf\xc3\xa9");
	/* Inside quotes a star is the word's. */
	marks("\"passw* reset\"", "\"passw* reset\"");
	/* Phrases in a free-text field go in hex. */
	marks("solution:\"reset your password\"",
	    "PHRASESOLUTION:726573657420796f75722070617373776f7264");
	marks("problem:\"npi\" pecos", "PHRASEPROBLEM:6e7069 pecos");
	/* Unclosed: to the end, as Xapian reads it. */
	marks("solution:\"help desk", "PHRASESOLUTION:68656c70206465736b");
	/* A phrase of spaces only is left as typed. */
	marks("solution:\"  \"", "solution:\"  \"");
	/* Filters and unknown fields are not rewritten. */
	marks("kind:pass*", "kind:pass*");
	marks("kind:\"problem\"", "kind:\"problem\"");
	marks("unknown:pass*", "unknown:pass*");
	/* Not wildcards: one star alone, a star inside, a non-word byte. */
	marks("*", "*");
	marks("a*", "WILDCARD:a");
	marks("pass*word", "pass*word");
	marks("p*ss*", "p*ss*");
	marks("x-ray*", "x-ray*");
	marks("www.cms.gov*", "www.cms.gov*");
	/* Hostile input comes back as it was. */
	marks("", "");
	marks("\"\"\"", "\"\"\"");
	marks("((((", "((((");
	marks(":*", ":*");
	marks("::ab*", "::ab*");
	marks("solution:", "solution:");
	marks("solution:\"", "solution:\"");
}

static void
test_unmark_fields(void)
{
	unmarks("WILDCARD:passw resett", "passw* resett");
	unmarks("WILDCARDSOLUTION:pass", "solution:pass*");
	unmarks("-WILDCARD:passw", "-passw*");
	unmarks("(WILDCARDTITLE:medic)", "(title:medic*)");
	unmarks("PHRASESOLUTION:726573657420796f75722070617373776f7264",
	    "solution:\"reset your password\"");
	/* Not marks: no colon, not at a word's start. */
	unmarks("WILDCARD", "WILDCARD");
	unmarks("xWILDCARD:a", "xWILDCARD:a");
	unmarks("WILDCARD a:b", "WILDCARD a:b");
	/* Hex as far as it is hex. */
	unmarks("PHRASESOLUTION:61zz62", "solution:\"a\"");
	unmarks("PHRASESOLUTION:6", "solution:\"\"");
	unmarks("PHRASESOLUTION:6A", "solution:\"\"");
	unmarks("", "");
	round_trip("passw*", "passw*");
	round_trip("solution:pass* -title:medic*",
	    "solution:pass* -title:medic*");
	round_trip("solution:\"reset your password\" pecos",
	    "solution:\"reset your password\" pecos");
	round_trip("solution:\"help desk", "solution:\"help desk\"");
	round_trip("kind:problem passw*", "kind:problem passw*");
}

static void
test_hex(void)
{
	char *hex = query_to_hex("a b", 3), *text;
	size_t n = 99;

	is_str(hex, "612062", "to hex: two digits a byte");
	text = hex ? query_from_hex(hex, &n) : NULL;
	is_str(text, "a b", "from hex: back");
	is_int(n, 3, "from hex: its length");
	free(hex);
	free(text);
	hex = query_to_hex("\xc3\xa9", 2);
	is_str(hex, "c3a9", "to hex: bytes of a multibyte character");
	free(hex);
	text = query_from_hex("61zz62", &n);
	is_str(text, "a", "from hex: stops at a pair that is not hex");
	is_int(n, 1, "from hex: one byte");
	free(text);
	text = query_from_hex("6", &n);
	is_str(text, "", "from hex: half a pair is nothing");
	is_int(n, 0, "from hex: no byte");
	free(text);
	text = query_from_hex("0061", &n);
	is_int(n, 2, "from hex: a NUL counts");
	ok(text != NULL && text[0] == '\0' && text[1] == 'a',
	    "from hex: the NUL and what follows");
	free(text);
}

static void
test_plain_words(void)
{
	is_int(query_is_plain_words("password expired"), 1,
	    "two words are plain");
	is_int(query_is_plain_words("  a   b  "), 1,
	    "spaces around do not count");
	is_int(query_is_plain_words("a -b"), 1, "a minus is plain");
	is_int(query_is_plain_words("password"), 0, "one word is not");
	is_int(query_is_plain_words(""), 0, "nothing is not");
	is_int(query_is_plain_words("\"a b\""), 0, "a phrase is not");
	is_int(query_is_plain_words("a OR b"), 0, "an operator is not");
	is_int(query_is_plain_words("solution:a b"), 0, "a field is not");
	is_int(query_is_plain_words("a* b"), 0, "a wildcard is not");
	is_int(query_is_plain_words("a (b)"), 0, "parentheses are not");
	is_int(query_is_plain_words("a +b"), 0, "a plus is not");
}

static void
test_word_spans(void)
{
	size_t (*spans)[2] = NULL, n = 0;

	is_int(query_word_spans("don't stop-now", &spans, &n), 0,
	    "spans: found");
	is_int(n, 3, "spans: three words");
	if (n == 3) {
		is_int(spans[0][0], 0, "spans: don't at 0");
		is_int(spans[0][1], 5, "spans: don't is 5 bytes");
		is_int(spans[1][0], 6, "spans: stop at 6");
		is_int(spans[1][1], 4, "spans: stop is 4 bytes");
		is_int(spans[2][0], 11, "spans: now at 11");
		is_int(spans[2][1], 3, "spans: now is 3 bytes");
	}
	free(spans);
	is_int(query_word_spans("a&t_x 1.5 login.gov", &spans, &n), 0,
	    "spans: found again");
	is_int(n, 4, "spans: a&t_x, 1.5, login and gov, as the index has them");
	if (n == 4) {
		is_int(spans[0][1], 5, "spans: a&t_x is one word");
		is_int(spans[1][0], 6, "spans: 1.5 at 6");
		is_int(spans[1][1], 3, "spans: 1.5 is one word");
		is_int(spans[3][0], 16, "spans: gov at 16");
	}
	free(spans);
	is_int(query_word_spans("\xe2\x80\x9c" "form\xe2\x80\x9d \xe2\x80\x94 x",
	    &spans, &n), 0, "spans: found in curly quotes");
	is_int(n, 2, "spans: form and x, quotes and dash apart");
	if (n == 2) {
		is_int(spans[0][0], 3, "spans: form after the quote");
		is_int(spans[0][1], 4, "spans: form without its quotes");
	}
	free(spans);
	is_int(query_word_spans(" .,; ", &spans, &n), 0,
	    "spans: no word, no failure");
	is_int(n, 0, "spans: none");
	ok(spans == NULL, "spans: no array");
}

static int
real_word(const char *word)
{
	return strcmp(word, "form") == 0 || strcmp(word, "medicare") == 0;
}

/* QUERY corrected to CORRECTED, with its real words kept: WANT, HELD. */
static void
keeps(const char *query, const char *corrected, const char *want,
      int want_held)
{
	int held = -1;
	char *got = query_keep_real_words(query, corrected, real_word, &held);

	is_str(got, want, "keep real words of [%s] in [%s]", query,
	    corrected);
	is_int(held, want_held, "and says whether it kept one");
	free(got);
}

static void
test_keep_real_words(void)
{
	keeps("medicair form", "medicare form", "medicare form", 0);
	keeps("form pasword", "from password", "form password", 1);
	keeps("form, pasword!", "from, password!", "form, password!", 1);
	keeps("a b", "a b c", "a b c", 0);
	keeps("", "", "", 0);
}

int
main(void)
{
	markers = shim_query_markers();
	test_markers();
	test_mark_fields();
	test_unmark_fields();
	test_hex();
	test_plain_words();
	test_word_spans();
	test_keep_real_words();
	return done_testing();
}
