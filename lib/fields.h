/*
 * fields.h - the one table of index fields, read by the indexer (term
 * generation) and by the query parser (field:word prefixes), so the two
 * cannot drift apart.  Private to libfactsheet.
 */
#ifndef FACTSHEET_FIELDS_H
#define FACTSHEET_FIELDS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
	FIELD_TITLE,		/* publication title */
	FIELD_PROBLEM,		/* problem heading */
	FIELD_HEADING,		/* heading of any other section */
	FIELD_SOLUTION,		/* solution heading and text */
	FIELD_CONTACT,		/* contact values and labels */
	FIELD_RESOURCE,		/* resource name */
	FIELD_BODY,		/* everything else */
	FIELD_FRONT,		/* front matter, on a first section */
	FIELD_KIND,		/* boolean: problem, resource, section */
	FIELD_CONTACT_KIND,	/* boolean: phone, tty, ... held */
	FIELD_PUBLICATION,	/* boolean: publication id */
	FIELD_ID,		/* boolean: unique section id */
	FIELD_LAST
} field_id_t;

typedef struct {
	const char *name;	/* prefix in queries ("problem:"), or NULL */
	const char *prefix;	/* term prefix in the index */
	/* Within-document frequency added per word in the unprefixed copy
	 * that plain queries search; 0 means no unprefixed copy. */
	unsigned weight;
	int boolean;		/* a filter term, not free text */
	int no_positions;	/* words only: no phrase can match them */
} field_t;

extern const field_t fields[FIELD_LAST];

#ifdef __cplusplus
}
#endif

#endif /* FACTSHEET_FIELDS_H */
