/*
 * testing.h - the Xapian layer's calls that only tests make: looking
 * into the spelling data, writing a publication's documents in one call,
 * and reading the field table.  Included by tests, never by the library's C side.
 */
#ifndef FACTSHEET_XAPIAN_TESTING_H
#define FACTSHEET_XAPIAN_TESTING_H

#include "xapian-shim.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Deletes every document of PUBLICATION_ID, adds DOCS, in one transaction. */
factsheet_status_t
shim_db_replace_publication(shim_db_t *db, const char *publication_id,
			    const shim_document_t *docs, size_t n_docs);

/* How often WORD occurs in the spelling data as committed, in the
 * lexicon and, for an index made before it, in DB itself. */
factsheet_status_t
shim_db_spelling_frequency(shim_db_t *db, const char *word,
			   unsigned long *frequency);

/* TEXT's words as the spelling data counts them (count_words in
 * words.cc), in byte order, one "word count" a line; malloc'd, NULL when
 * out of memory. */
char *
shim_spelling_words(const char *text);

/* One row of the index's field table (lib/xapian/schema.cc), as C. */
typedef struct {
	const char *name;	/* in queries ("problem:"), or NULL */
	const char *prefix;	/* of its terms */
	unsigned weight;	/* of its words in the unprefixed copy */
	int boolean;		/* a filter term */
	int no_positions;
} shim_field_info_t;

void
shim_field_info(field_id_t field, shim_field_info_t *out);

#ifdef __cplusplus
}
#endif

#endif /* FACTSHEET_XAPIAN_TESTING_H */
