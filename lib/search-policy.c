/*
 * search-policy.c - the constants of ranking and spelling correction
 * that the Xapian layer applies (tests/eval/eval.sh and eval-real.sh
 * measure them; doc/relevance.md).  The weights that vary with the query
 * (title, heading, typed words, same publication) are set in search.c.
 */
#include <config.h>

#include "search-policy.h"

/* Words too common to rank by: a question's "how do I" and "what is the"
 * leave its subject to decide.  A query of nothing else keeps them.
 * Sorted. */
static const char *const stopwords[] = {
	"a", "about", "am", "an", "and", "any", "are", "as", "at", "be",
	"been", "but", "by", "can", "could", "did", "do", "does", "for",
	"from", "get", "got", "had", "has", "have", "how", "i", "i'm", "if",
	"in", "into", "is", "it", "its", "me", "my", "of", "on", "or",
	"our", "out", "please", "should", "so", "than", "that", "the", "their",
	"them", "then", "there", "these", "this", "to", "up", "was", "we", "were",
	"what", "when", "where", "which", "who", "why", "will", "with",
	"would", "you", "your",
};

const shim_policy_t search_policy = {
	/* How much more the query's words as a phrase count than apart. */
	.phrase_boost = 1.0,
	.contact_boost = 0.5,
	/* How many of the first candidates an exact phrase can lift. */
	.rerank_depth = 50,
	/* Run the spelling correction when the query as typed finds
	 * nothing, or far less than the corrected one. */
	.correction_ratio = 3,
	/* Short words are mostly acronyms ("npi", "ffs"), which spelling
	 * data would turn into others. */
	.min_corrected_bytes = 4,
	.stopwords = stopwords,
	.n_stopwords = sizeof stopwords / sizeof *stopwords,
	/* Enough for any prefix worth typing; "a*" stops there, and would
	 * otherwise OR thousands of posting lists. */
	.wildcard_words = 100,
	.wildcard_terms = 200,
	.max_publication_facets = 50,
};
