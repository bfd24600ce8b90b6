/*
 * xapian-shim.h - the only door to Xapian.  Plain C types in, opaque
 * handles out; every Xapian and C++ exception is caught behind this door
 * and comes back as a factsheet_status_t with its message kept on the
 * handle.  Private to libfactsheet.  What only tests call is in
 * lib/xapian/testing.h.
 */
#ifndef FACTSHEET_XAPIAN_SHIM_H
#define FACTSHEET_XAPIAN_SHIM_H

#include <stddef.h>

#include "factsheet.h"
#include "query-syntax.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The fields of the index; lib/xapian/schema.cc says how each is held. */
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

/* The term of VALUE in the boolean FIELD (a filter, a boost, a term a
 * document carries); malloc'd, NULL when out of memory. */
char *
shim_field_term(field_id_t field, const char *value);

/* The name in queries of the field TERM (as indexed) was indexed under:
 * "solution", ...; "phrase" for a thesaurus phrase, "any" for the text
 * of no named field. */
const char *
shim_term_field(const char *term);

/* TERM (as indexed) without its stem marker and field prefix; *STEM
 * says whether it is a stem.  Points into TERM. */
const char *
shim_term_word(const char *term, int *stem);

/* What the parser expects of a query rewritten by query_mark_fields(). */
const query_markers_t *
shim_query_markers(void);

/* The name of the I-th field queries can name ("title", "solution",
 * "has", ...), or NULL past the last. */
const char *
shim_query_field(size_t i);

typedef struct shim_db shim_db_t;
typedef struct shim_mset shim_mset_t;
/* Makes documents; one for each thread that prepares publications. */
typedef struct shim_builder shim_builder_t;
/* A publication's documents, made, not yet written. */
typedef struct shim_docs shim_docs_t;
/* A batch of spelling words, recorded in the documents' database. */
typedef struct shim_words shim_words_t;
/* The spelling data's own database, beside the documents'. */
typedef struct shim_lexicon shim_lexicon_t;

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
	/* Terms added as they are: thesaurus phrases found in the text,
	 * the kinds of contact the section holds. */
	const char *const *terms;
	const unsigned *term_wdfs;	/* each term's frequency */
	size_t n_terms;
	/* The pieces of one long section share this key (the id of its
	 * first), by which a query keeps one hit a section; NULL for a
	 * section stored whole. */
	const char *section;
} shim_document_t;

/*
 * Opens the database at PATH: WRITABLE 0 to read, 1 to write (creating
 * it), 2 to write and empty it, lexicon included, when an earlier (or
 * later) version made it.  Otherwise such an index, holding documents, is
 * refused (FACTSHEET_STATUS_DATABASE_ERROR, "re-index with --force").  On
 * failure *OUT is NULL and *MESSAGE is a malloc'd message naming PATH:
 * the one call with a message out-parameter, as there is no handle yet to
 * keep it on.  Every other call keeps its failure's message on its handle
 * (shim_db_error, shim_builder_error, shim_lexicon_error, shim_mset_error).
 */
factsheet_status_t
shim_db_open(const char *path, int writable, shim_db_t **out, char **message);

/*
 * Opens the N_PATHS databases PATHS, read-only, as one: each a folder, a
 * stub file naming shards ("auto FOLDER", "remote HOST:PORT"), or
 * tcp://HOST:PORT, a database xapian-tcpsrv serves, waited for at most
 * TIMEOUT_MS a connection or reply.  Queries take spelling data and
 * synonyms from the local shards and the N_WORDS databases WORDS, each
 * with its lexicon: a remote shard serves none.  Failures as
 * shim_db_open, the message naming the shard.  When MISSING_OK, a remote
 * shard that does not answer, on opening or in a search, is left out
 * (shim_mset_missing), and tried again on shim_db_reopen() a few seconds
 * later; it fails only when no shard answers, naming them.
 */
factsheet_status_t
shim_db_open_shards(const char *const *paths, size_t n_paths,
		    const char *const *words, size_t n_words,
		    unsigned timeout_ms, int missing_ok, shim_db_t **out,
		    char **message);

/* Whether a shard of DB is remote. */
int
shim_db_is_remote(const shim_db_t *db);

/*
 * Reaches each shard of DB: on the first that fails, its status, with
 * *DOWN its name (malloc'd) and the message on DB; else success.
 */
factsheet_status_t
shim_db_check_shards(shim_db_t *db, char **down);

/* Commits when writable, then releases everything.  Accepts NULL. */
void
shim_db_close(shim_db_t *db);

/* The last failure's message; valid until the next call on DB. */
const char *
shim_db_error(const shim_db_t *db);

/*
 * The same, and sets metadata KEYS[i] to VALUES[i] ("" deletes it) in the
 * same transaction: what is kept about a file commits with its documents.
 * With no DOCS it deletes the publication.
 */
factsheet_status_t
shim_db_replace_publication_meta(shim_db_t *db, const char *publication_id,
				 const shim_document_t *docs, size_t n_docs,
				 const char *const *keys,
				 const char *const *values, size_t n_meta);

/*
 * Documents are made apart from the database, so that a thread can make
 * the next publication's while another writes: a builder on its own
 * thread makes them, shim_db_write_publication() writes them into DB.
 * Call it on the thread that uses DB: a failure's message is kept on DB.
 */
factsheet_status_t
shim_builder_new(shim_db_t *db, shim_builder_t **out);

/* Accepts NULL. */
void
shim_builder_free(shim_builder_t *builder);

/* The last failure's message; valid until the next call on BUILDER. */
const char *
shim_builder_error(const shim_builder_t *builder);

/* PUBLICATION_ID's documents from DOCS, added to *OUT, made if NULL
 * (shim_docs_free, failed or not): a large publication is made a few
 * sections at a time. */
factsheet_status_t
shim_builder_make(shim_builder_t *builder, const char *publication_id,
		  const shim_document_t *docs, size_t n_docs,
		  shim_docs_t **out);

/* Accepts NULL. */
void
shim_docs_free(shim_docs_t *docs);

/* shim_db_replace_publication_meta() with documents made beforehand;
 * DOCS may be NULL to delete the publication.  Each document is let go
 * of once added (DOCS keeps its spelling words only): a publication's
 * documents and what Xapian holds of them are not both in memory. */
factsheet_status_t
shim_db_write_publication(shim_db_t *db, const char *publication_id,
			  shim_docs_t *docs, const char *const *keys,
			  const char *const *values, size_t n_meta);

/*
 * shim_db_write_publication() in steps, for a publication too large to
 * hold all its documents at once: begin (its old documents deleted),
 * documents made and added a few at a time on the writing thread, then
 * the metadata and the end, or a cancel; one transaction, so the
 * publication is replaced as a whole or not at all.
 */
factsheet_status_t
shim_db_begin_publication(shim_db_t *db, const char *publication_id);
factsheet_status_t
shim_db_add_documents(shim_db_t *db, const char *publication_id,
		      const shim_document_t *docs, size_t n_docs);
factsheet_status_t
shim_db_end_publication(shim_db_t *db, const char *const *keys,
			const char *const *values, size_t n_meta);
void
shim_db_cancel_publication(shim_db_t *db);

/* Commits what was written.  The spelling words of the documents go to
 * the lexicon (shim_db_seal_words()). */
factsheet_status_t
shim_db_commit(shim_db_t *db);

/*
 * Records the spelling words of what was written since the last call in
 * DB's next commit, and gives them in *OUT, for shim_lexicon_add(); *OUT
 * is NULL when there are none.  Free with shim_words_free().
 */
factsheet_status_t
shim_db_seal_words(shim_db_t *db, shim_words_t **out);

/* Accepts NULL. */
void
shim_words_free(shim_words_t *words);

/* Forgets, in DB's next commit, the batches KEYS, which the lexicon has
 * committed (shim_lexicon_commit()). */
factsheet_status_t
shim_db_forget_words(shim_db_t *db, char *const *keys, size_t n_keys);

/*
 * Opens (creating it) the lexicon of DB, open for writing, in its
 * subdirectory "lexicon".  Batches a writer before stopped between the
 * two databases' commits are made good: those the lexicon lacks are added
 * again, those it has are forgotten in DB's next commit.  On failure *OUT
 * is NULL and the message is kept on DB (shim_db_error).
 */
factsheet_status_t
shim_lexicon_open(shim_db_t *db, shim_lexicon_t **out);

/* Adds WORDS (NULL: none) to the spelling data, with a mark that they
 * are in, for the next commit.  On failure nothing added since the last
 * commit stays, and those batches stay recorded in the documents'
 * database for the next writer. */
factsheet_status_t
shim_lexicon_add(shim_lexicon_t *lex, const shim_words_t *words);

/* How many words were added since the last commit. */
size_t
shim_lexicon_unsaved(const shim_lexicon_t *lex);

/* Commits, and gives the keys of the batches committed, for
 * shim_db_forget_words(); free them with shim_strings_free(). */
factsheet_status_t
shim_lexicon_commit(shim_lexicon_t *lex, char ***keys, size_t *n_keys);

/* The last failure's message. */
const char *
shim_lexicon_error(const shim_lexicon_t *lex);

/* Commits what was added, then releases LEX.  Accepts NULL. */
void
shim_lexicon_close(shim_lexicon_t *lex);

factsheet_status_t
shim_db_count(shim_db_t *db, unsigned long *count);

/* How many distinct words (stems) DB's sections hold. */
factsheet_status_t
shim_db_term_count(shim_db_t *db, unsigned long *count);

/*
 * How queries are ranked and corrected: the C side's choice
 * (lib/search-policy.c), which the Xapian layer applies.
 */
typedef struct {
	/* How much the query's words as one phrase add to a hit holding
	 * them so, as a share of the phrase's own weight. */
	double phrase_boost;
	/* How much a section holding a kind of contact asked for gains,
	 * as a share of the contact kind's weight. */
	double contact_boost;
	/* How many of the first candidates the phrase lift and the
	 * spreading over publications look at. */
	unsigned rerank_depth;
	/* A correction runs instead of the query as typed when that finds
	 * nothing, or when the correction finds this many times as many
	 * hits; a suggestion is offered on the same terms. */
	unsigned correction_ratio;
	/* Words shorter than this are never corrected: they are mostly
	 * acronyms ("npi", "ffs"). */
	size_t min_corrected_bytes;
	/* Words too common to rank by, sorted (looked up by bisection);
	 * a query of nothing else keeps them. */
	const char *const *stopwords;
	size_t n_stopwords;
	/* A wildcard covers the stems of at most this many words of the
	 * spelling data, and at most this many of the index's terms, the
	 * most frequent. */
	unsigned wildcard_words;
	unsigned wildcard_terms;
	/* How many publications the facets name at most, the most
	 * frequent. */
	size_t max_publication_facets;
} shim_policy_t;

typedef struct {
	/* How to rank and correct; never NULL. */
	const shim_policy_t *policy;
	const char *query;	/* normalized query text */
	unsigned offset;
	unsigned limit;
	/* Terms whose sections rank higher (the contact kinds asked for). */
	const char *const *boost_terms;
	size_t n_boost_terms;
	/* How much the query's words in a publication's title add to each
	 * of its sections' weight, as a share of their own; 0 for none. */
	double title_weight;
	/* How much the query's words in a section's own heading add to its
	 * weight, beyond the heading's emphasis in the text, as a share of
	 * their weight; for queries of two words or more; 0 for none. */
	double heading_weight;
	/* How much the words as typed add to the weight of the sections
	 * holding them, beyond what their thesaurus group gives every
	 * section holding any member: an expansion does not outrank the
	 * words typed.  0 for nothing. */
	double typed_weight;
	/* Each hit ranked below another of the same publication keeps
	 * this share of its weight per such hit (1: no change), so that
	 * other publications that answer too get a place. */
	double same_publication_share;
	/* Seconds of matching after which the best hits found by then are
	 * returned, marked partial (shim_mset_partial); 0 for no limit. */
	double time_limit;
	/* Whether a word is a real one, which spelling correction does not
	 * replace but only suggests replacing (shim_mset_suggested); NULL
	 * for none. */
	int (*is_real_word)(const char *word);
	/* Boolean terms every hit must hold (a publication, a kind). */
	const char *const *filter_terms;
	size_t n_filter_terms;
	/* Count the publications, kinds and contact kinds of this many
	 * matches at least (shim_mset_facets); 0 counts none. */
	unsigned facet_depth;
} shim_query_t;

/* A group of equivalent words or phrases (words joined by spaces). */
typedef struct {
	const char *const *members;
	size_t n_members;
} shim_group_t;

/*
 * Replaces the synonym table: every member of a group becomes a synonym
 * of every other; single words are matched by stem, phrases whole.
 */
factsheet_status_t
shim_db_set_synonyms(shim_db_t *db, const shim_group_t *groups,
		     size_t n_groups);

/* The synonym table's phrases, which documents carry as terms; the
 * array and its strings are malloc'd. */
factsheet_status_t
shim_db_phrases(shim_db_t *db, char ***phrases, size_t *n_phrases);

factsheet_status_t
shim_db_set_metadata(shim_db_t *db, const char *key, const char *value);

/* The value stored under KEY ("" if none), malloc'd in *VALUE. */
factsheet_status_t
shim_db_get_metadata(shim_db_t *db, const char *key, char **value);

/*
 * Every metadata key starting with PREFIX, in key order, with its value;
 * both arrays and their strings are malloc'd (shim_strings_free).
 */
factsheet_status_t
shim_db_metadata_list(shim_db_t *db, const char *prefix, char ***keys,
		      char ***values, size_t *n);

/* The stored records of every section of PUBLICATION_ID, in the order
 * they were added; malloc'd (shim_strings_free). */
factsheet_status_t
shim_db_publication_data(shim_db_t *db, const char *publication_id,
			 char ***data, size_t *n);

/* Frees N malloc'd STRINGS and the array; accepts NULL. */
void
shim_strings_free(char **strings, size_t n);

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

/* What the facets count: a publication id, a kind, a contact kind. */
typedef enum {
	SHIM_FACET_PUBLICATION,
	SHIM_FACET_KIND,
	SHIM_FACET_CONTACT_KIND,
	SHIM_FACET_LAST
} shim_facet_t;

/*
 * The values of FACET among the matches counted (shim_query_t's
 * facet_depth), most frequent first: N of them, their counts, and for
 * each the stored record of one matching section (for a publication's
 * title).  Valid until MSET is freed.
 */
size_t
shim_mset_facets(const shim_mset_t *mset, shim_facet_t facet,
		 const char *const **values, const unsigned long **counts,
		 const char *const **records);

/* The paths of the files DB's commits write (its tables), for starting
 * their writeback early (writeback.c); malloc'd (shim_strings_free). */
factsheet_status_t
shim_db_table_files(shim_db_t *db, char ***files, size_t *n_files);

/* Makes DB read its latest committed revision; for a long-lived reader. */
factsheet_status_t
shim_db_reopen(shim_db_t *db);

/* Whether matching stopped at the query's time limit. */
int
shim_mset_partial(const shim_mset_t *mset);

/* The names of the shards that did not answer and were left out, *N of
 * them, NULL-terminated; valid until MSET is freed. */
const char *const *
shim_mset_missing(const shim_mset_t *mset, size_t *n);

/* The corrected query string that was run, or NULL. */
const char *
shim_mset_corrected(const shim_mset_t *mset);

/* A correction of real words that would find more, offered but not run,
 * or NULL. */
const char *
shim_mset_suggested(const shim_mset_t *mset);

/*
 * The terms the hits matched, as indexed (with field prefixes, "Z" before
 * a stem), NULL-terminated; valid until MSET is freed.
 */
const char *const *
shim_mset_terms(const shim_mset_t *mset);

/* WORD (normalized) stemmed as the index stems; malloc'd, NULL on failure. */
char *
shim_mset_stem(const shim_mset_t *mset, const char *word);

/* One matched term of a hit and what it weighed there. */
typedef struct {
	char *term;		/* as indexed, prefix included; malloc'd */
	unsigned wdf;		/* its frequency in the document */
	unsigned long documents;	/* documents holding it */
	double weight;		/* its BM25 weight in the document */
} shim_term_weight_t;

/*
 * The matched terms of the hit whose section has id SECTION_ID, for
 * --explain; the array is malloc'd.  The section is found by its id, in
 * the database as it is now: a writer may have committed since the search.
 */
factsheet_status_t
shim_mset_explain(const shim_mset_t *mset, const char *section_id,
		  shim_term_weight_t **terms, size_t *n_terms);

/* The last failure's message of a call on MSET (shim_mset_explain);
 * valid until the next such call. */
const char *
shim_mset_error(const shim_mset_t *mset);

#ifdef __cplusplus
}
#endif

#endif /* FACTSHEET_XAPIAN_SHIM_H */
