/*
 * test-search-policy.c - lib/search-policy.c: the constants the Xapian
 * layer ranks and corrects by.  The stopwords are looked up by binary
 * search (spelling.cc) and compared with the words the query parser
 * makes, so they must be sorted, unique, lower case and each one word
 * by lib/words.c's rule; the limits must leave a query something to do.
 */
#include <config.h>

#include <ctype.h>
#include <string.h>

#include "search-policy.h"
#include "tap.h"
#include "words.h"

static void
test_stopwords(void)
{
	const shim_policy_t *p = &search_policy;

	cmp_ok(p->n_stopwords, >, 0, "there are stopwords");
	for (size_t i = 1; i < p->n_stopwords; i++)
		cmp_ok(strcmp(p->stopwords[i - 1], p->stopwords[i]), <, 0,
		    "stopwords sorted and unique: \"%s\" before \"%s\"",
		    p->stopwords[i - 1], p->stopwords[i]);
	for (size_t i = 0; i < p->n_stopwords; i++) {
		const char *w = p->stopwords[i];
		size_t len = strlen(w), pos = 0, start = 0, lower = 1;

		for (size_t j = 0; j < len; j++)
			lower &= !isupper((unsigned char)w[j]);
		is_int(lower, 1, "stopword \"%s\" is lower case", w);
		is_int(words_next(w, len, &pos, &start), len,
		    "stopword \"%s\" is one word", w);
		is_int(start, 0, "stopword \"%s\" starts its word", w);
	}
}

static void
test_limits(void)
{
	const shim_policy_t *p = &search_policy;

	cmp_ok(p->rerank_depth, >=, 10,
	    "the phrase lift looks at least at a page of hits");
	cmp_ok(p->correction_ratio, >, 1,
	    "a correction must find more than the query as typed");
	cmp_ok(p->min_corrected_bytes, >, 1, "one-letter words not corrected");
	cmp_ok(p->wildcard_terms, >=, p->wildcard_words,
	    "a wildcard's terms cover its words");
	cmp_ok(p->max_publication_facets, >, 0, "publications are counted");
}

int
main(void)
{
	test_stopwords();
	test_limits();
	return done_testing();
}
