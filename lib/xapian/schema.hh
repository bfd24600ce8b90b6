/*
 * schema.hh - what the index holds and where: the stemming language, the
 * fields and their prefixes (schema.cc), the value slots, the schema number and features, position limits, and the
 * markers the query rewriting gives wildcards and field phrases.
 * Private to the Xapian layer.
 */
#ifndef FACTSHEET_XAPIAN_SCHEMA_HH
#define FACTSHEET_XAPIAN_SCHEMA_HH

#include <xapian.h>

#include "xapian-shim.h"

/* How a field is indexed and asked for (schema.cc's table). */
typedef struct {
	const char *name;	/* prefix in queries ("problem:"), or NULL */
	const char *prefix;	/* term prefix in the index */
	/* Within-document frequency added per word in the unprefixed copy
	 * that plain queries search; 0 means no unprefixed copy. */
	unsigned weight;
	int boolean;		/* a filter term, not free text */
	int no_positions;	/* words only: no phrase can match them */
} field_t;

/* The one table of index fields, read by the indexer (term generation)
 * and by the query parser (field:word prefixes), so the two cannot drift
 * apart; by field_id_t. */
extern const field_t fields[FIELD_LAST];

/* English stemming everywhere: the corpus is CMS's English publications. */
static const char stem_language[] = "english";

/* Each document's JSON record is in this value slot rather than in its
 * data: glass deflates document data on the writing thread as each
 * document is added, a tenth of that thread's time, and keeps values as
 * they are.  The database is larger by the difference. */
static const Xapian::valueno record_slot = 0;
/* Each document's publication id, for spreading a query's hits over
 * publications: reading it from each hit's term list was an eighth of a
 * plain query's instructions. */
static const Xapian::valueno publication_slot = 1;
/* On each piece of a section stored in pieces (lib/piece.c), the id of
 * the section: a query collapses on it, one hit a section.  Empty on
 * every other document, which Xapian never collapses. */
static const Xapian::valueno section_slot = 2;

/*
 * What the index holds and how, as notmuch keeps it: a schema number,
 * raised whenever an index made before cannot be read as it is, and the
 * list of features it has, for people to read.  An index of another
 * schema is refused with a message that says to index again with --force,
 * which empties it first (shim_db_open).  5: every word with its
 * position; each named field's words again under its prefix, without
 * positions; no second copy of the text; the publication id in a value.
 */
static const char schema_key[] = "factsheet:schema";
static const char schema_version[] = "5";
static const char features_key[] = "factsheet:features";
static const char features[] =
    "positions\nfield-terms\nrecord-in-value\npublication-value\n"
    "stem-only\nlexicon\n";

/* The positions kept of one term in one section: a phrase check reads
 * at most this many of each of its words in a section, however often a
 * word repeats there.  The word itself is counted every time. */
static const Xapian::termcount positions_max = 5000;

/* The position gap between two texts, so that no phrase spans them. */
static const Xapian::termpos field_gap = 100;

/*
 * A wildcard goes to the parser as a field of its own, named in capitals,
 * which a case-folded query holds nowhere but in its operators:
 * "passw*" as "WILDCARD:passw", "solution:pass*" as
 * "WILDCARDSOLUTION:pass".
 */
static const char wildcard_field[] = "WILDCARD";

/* Where mark_fields puts a quoted phrase in one field, by its name. */
static const char phrase_field[] = "PHRASE";

/* Where mark_names (search.cc) puts a name written with dots, whole:
 * "login.gov" as "NAME:" and its hex. */
static const char name_field[] = "NAME";

#endif /* FACTSHEET_XAPIAN_SCHEMA_HH */
