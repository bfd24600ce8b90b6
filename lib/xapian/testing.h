/*
 * testing.h - the Xapian layer's calls that only tests make: looking
 * into the spelling data, and writing a publication's documents in one
 * call.  Included by tests, never by the library's C side.
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

#ifdef __cplusplus
}
#endif

#endif /* FACTSHEET_XAPIAN_TESTING_H */
