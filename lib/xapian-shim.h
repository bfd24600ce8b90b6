/*
 * xapian-shim.h - the only door to Xapian.  Plain C types in, opaque
 * handles out; every Xapian and C++ exception is caught behind this door
 * and comes back as a factsheet_status_t with its message kept on the
 * handle.  Private to libfactsheet.
 */
#ifndef FACTSHEET_XAPIAN_SHIM_H
#define FACTSHEET_XAPIAN_SHIM_H

#include <stddef.h>

#include "factsheet.h"
#include "fields.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct shim_db shim_db_t;
typedef struct shim_mset shim_mset_t;

/* A run of normalized text to index under one field. */
typedef struct {
	field_id_t field;
	const char *text;
	/* Multiplies the field's weight: headings count more than body. */
	unsigned emphasis;
} shim_text_t;

/* One section, described in C memory; the shim builds the document. */
typedef struct {
	const char *id;		/* unique id, without prefix */
	const char *kind;	/* "problem", "resource", "section" */
	const shim_text_t *texts;
	size_t n_texts;
	const char *data;	/* the JSON record */
} shim_document_t;

/*
 * Opens (WRITABLE: creates or opens) the database at PATH.  On failure
 * *OUT is NULL and *MESSAGE is a malloc'd message naming PATH.
 */
factsheet_status_t
shim_db_open(const char *path, int writable, shim_db_t **out, char **message);

/* Commits when writable, then releases everything.  Accepts NULL. */
void
shim_db_close(shim_db_t *db);

/* The last failure's message; valid until the next call on DB. */
const char *
shim_db_error(const shim_db_t *db);

/* Deletes every document of PUBLICATION_ID, adds DOCS, in one transaction. */
factsheet_status_t
shim_db_replace_publication(shim_db_t *db, const char *publication_id,
			    const shim_document_t *docs, size_t n_docs);

factsheet_status_t
shim_db_commit(shim_db_t *db);

factsheet_status_t
shim_db_count(shim_db_t *db, unsigned long *count);

typedef struct {
	const char *query;	/* normalized query text */
	unsigned offset;
	unsigned limit;
} shim_query_t;

/*
 * Parses and runs QUERY.  When it matches nothing and spelling data
 * suggests a correction, runs the corrected query instead.
 */
factsheet_status_t
shim_db_search(shim_db_t *db, const shim_query_t *query, shim_mset_t **out);

void
shim_mset_free(shim_mset_t *mset);

unsigned long
shim_mset_total(const shim_mset_t *mset);

size_t
shim_mset_size(const shim_mset_t *mset);

/* Document data of hit I, copied at search time; valid until freed. */
const char *
shim_mset_data(const shim_mset_t *mset, size_t i);

int
shim_mset_percent(const shim_mset_t *mset, size_t i);

/* The corrected query string that was run, or NULL. */
const char *
shim_mset_corrected(const shim_mset_t *mset);

/*
 * The terms the hits matched, as indexed (with field prefixes, "Z" before
 * a stem), NULL-terminated; valid until MSET is freed.
 */
const char *const *
shim_mset_terms(const shim_mset_t *mset);

/* WORD (normalized) stemmed as the index stems; malloc'd, NULL on failure. */
char *
shim_mset_stem(const shim_mset_t *mset, const char *word);

#ifdef __cplusplus
}
#endif

#endif /* FACTSHEET_XAPIAN_SHIM_H */
