/*
 * sync.h - declarations shared inside libfactsheet for batch indexing:
 * walking the paths given into a sorted list of files (walk.c), and the
 * database calls that keep each file's state with its documents (db.c).
 * Private to libfactsheet.
 */
#ifndef FACTSHEET_SYNC_H
#define FACTSHEET_SYNC_H

#include <stddef.h>
#include <sys/types.h>
#include <time.h>

#include "factsheet.h"
#include "lexicon.h"
#include "xapian-shim.h"

/* walk.c ------------------------------------------------------------ */

typedef enum {
	WALK_FILE,	/* a regular file to index */
	WALK_SKIPPED,	/* not one to index: a FIFO, a link loop */
	WALK_FAILED	/* could not be looked at: missing, unreadable */
} walk_kind_t;

typedef struct {
	walk_kind_t kind;
	char *path;		/* as found: the root, then names below it */
	char *real;		/* its realpath; NULL unless a WALK_FILE */
	char *reason;		/* why skipped or failed, else NULL */
	off_t size;
	struct timespec mtime;
} walk_entry_t;

typedef struct {
	walk_entry_t *entries;	/* in the order to process them */
	size_t n, size;
	/* The realpaths of the directories given, under which files no
	 * longer found are gone, and of directories that could not be
	 * read, under which nothing can be said to be gone. */
	char **roots;
	size_t n_roots;
	char **blind;
	size_t n_blind;
	int failed;		/* out of memory */
	/* Patterns of names or paths to leave out (borrowed). */
	const char *const *exclude;
	size_t n_exclude;
} walk_t;

/*
 * Walks PATHS in order: a file is taken as it is, a directory
 * recursively in byte order of names, skipping hidden names and files
 * named "thesaurus.txt", and any path whose name or whole path matches
 * one of the EXCLUDE patterns; the same file reached twice is kept once.
 * Returns 0, or -1 when out of memory.
 */
int
walk_paths(walk_t *walk, const char *const *paths, size_t n_paths,
	   const char *const *exclude, size_t n_exclude);

void
walk_clear(walk_t *walk);

/* db.c -------------------------------------------------------------- */

/*
 * Making a publication's documents apart from writing them, so that one
 * thread makes the next publication's while another writes: call
 * db_ready_to_make() first, on the writing thread; db_make_docs() then
 * only reads DB and may run on any thread with its own BUILDER.  On
 * failure *MESSAGE (malloc'd) names the publication.
 */
factsheet_status_t
db_ready_to_make(factsheet_db_t *db);

factsheet_status_t
db_make_docs(const factsheet_db_t *db, shim_builder_t *builder,
	     const factsheet_publication_t *pub, shim_docs_t **out,
	     char **message);

/* Replaces publication ID's sections with DOCS and sets metadata KEYS[i]
 * to VALUES[i] ("" deletes the key) in one transaction. */
factsheet_status_t
db_write_docs(factsheet_db_t *db, const char *id, shim_docs_t *docs,
	      const char *const *keys, const char *const *values,
	      size_t n_meta);

/* db_write_docs() for PUB, its documents made here as they are written,
 * a few sections at a time: for a publication too large to hold all its
 * documents at once (sync.c). */
factsheet_status_t
db_write_streamed(factsheet_db_t *db, const factsheet_publication_t *pub,
		  const char *const *keys, const char *const *values,
		  size_t n_meta);

/* Deletes every section of publication ID, and sets the metadata, in one
 * transaction. */
factsheet_status_t
db_delete_publication(factsheet_db_t *db, const char *id,
		      const char *const *keys, const char *const *values,
		      size_t n_meta);

factsheet_status_t
db_set_metadata(factsheet_db_t *db, const char *key, const char *value);

/* A commit between the files of a run: factsheet_db_commit(), but the
 * lexicon commits the spelling words of what was written later, many at
 * once, and meanwhile the commit records them. */
factsheet_status_t
db_commit_some(factsheet_db_t *db);

/* The lexicon of DB open for writing (NULL when reading); for tests. */
lexicon_t *
db_lexicon(factsheet_db_t *db);

/* Every metadata key starting with PREFIX and its value, in key order;
 * free both with db_strings_free. */
factsheet_status_t
db_metadata_list(factsheet_db_t *db, const char *prefix, char ***keys,
		 char ***values, size_t *n);

/* The stored JSON records of publication ID's sections, in order; free
 * with db_strings_free. */
factsheet_status_t
db_publication_records(factsheet_db_t *db, const char *id, char ***records,
		       size_t *n);

void
db_strings_free(char **strings, size_t n);

/* A short hex hash of the thesaurus phrases documents are indexed with
 * now; malloc'd in *OUT. */
factsheet_status_t
db_phrases_fingerprint(factsheet_db_t *db, char **out);

#endif /* FACTSHEET_SYNC_H */
