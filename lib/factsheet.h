/*
 * factsheet.h - full-text search over CMS (Medicare) publications.
 *
 * Ownership: every pointer a function hands back through an out-parameter
 * belongs to the caller and is released with the matching _free or _close
 * (all accept NULL); a "const" pointer is borrowed and stays valid until
 * the object it came from is freed.
 *
 * The data flows one way: a file's bytes are checked and normalized,
 * parsed into a publication (sections with their contacts), indexed as
 * one Xapian document per section, searched, and returned as hits that a
 * program prints as text or JSON.  The library never prints and never
 * exits: every failure is a status plus a message for the caller.
 *
 * Errors, one way: a call that can fail returns a factsheet_status_t and
 * keeps its message on the handle it was called on, read with
 * factsheet_db_last_error() (the database, and a sync working on it) or
 * factsheet_results_last_error() (results).  Only the calls that have no
 * handle yet (factsheet_db_open, factsheet_publication_read_file and
 * _parse) hand their message back through a char ** out-parameter.
 */
#ifndef FACTSHEET_H
#define FACTSHEET_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
	FACTSHEET_STATUS_SUCCESS = 0,
	FACTSHEET_STATUS_OUT_OF_MEMORY,
	/* A file could not be read (missing, a directory, unreadable). */
	FACTSHEET_STATUS_FILE_ERROR,
	/* The input is not text we accept: empty, binary, invalid UTF-8. */
	FACTSHEET_STATUS_BAD_INPUT,
	/* No database at the given path. */
	FACTSHEET_STATUS_DATABASE_NOT_FOUND,
	/* Another writer holds the database lock. */
	FACTSHEET_STATUS_DATABASE_LOCKED,
	/* The database files are damaged or not a database. */
	FACTSHEET_STATUS_DATABASE_CORRUPT,
	/* A writer changed the database under a reader: reopen and retry. */
	FACTSHEET_STATUS_DATABASE_MODIFIED,
	/* Any other database failure (permissions, disk full, ...). */
	FACTSHEET_STATUS_DATABASE_ERROR,
	/* The query cannot be run (empty, too long, bad syntax). */
	FACTSHEET_STATUS_BAD_QUERY,
	/* A failure inside Xapian that fits none of the above. */
	FACTSHEET_STATUS_XAPIAN_EXCEPTION,
	FACTSHEET_STATUS_LAST
} factsheet_status_t;

/* A short English phrase for a status; never NULL. */
const char *
factsheet_status_to_string(factsheet_status_t status);

/*
 * S as it may be shown on a terminal: C0 and C1 controls and DEL as
 * "\x1b" or "\u009b", bidi controls as "\u202e", bytes that are not
 * UTF-8 (a file name may hold them) as "\xff"; the ASCII controls in
 * KEEP (say "\n", or NULL for none) stay as they are.  A new string,
 * free it; NULL when out of memory or S is NULL.
 */
char *
factsheet_escape(const char *s, const char *keep);

/*
 * A failure the library cannot return from ends the process: Xapian
 * throwing twice inside a commit, as it does on a full disk.  The
 * database is then as it was at its last commit.  HANDLER, when set,
 * gets a message saying what failed, and should print it and exit (it
 * may run on any thread); if it returns, the process aborts.
 */
void
factsheet_set_fatal_handler(void (*handler)(const char *message));

/* Queries longer than this many bytes are refused as BAD_QUERY. */
#define FACTSHEET_QUERY_MAX 1024

/* ------------------------------------------------------------------ */
/* Parsed publications                                                 */

typedef enum {
	FACTSHEET_CONTACT_WEBSITE,
	FACTSHEET_CONTACT_PHONE,
	FACTSHEET_CONTACT_TTY,
	FACTSHEET_CONTACT_EMAIL,
	FACTSHEET_CONTACT_CHAT,
	FACTSHEET_CONTACT_LINK,
	FACTSHEET_CONTACT_FAX,		/* never also a phone */
	FACTSHEET_CONTACT_ADDRESS,	/* a mailing address */
	FACTSHEET_CONTACT_LAST
} factsheet_contact_kind_t;

/* "website", "phone", "tty", "email", "chat", "link", "fax", "address". */
const char *
factsheet_contact_kind_name(factsheet_contact_kind_t kind);

typedef struct {
	factsheet_contact_kind_t kind;
	char *value;		/* URL without <>, phone as written, ... */
	char *label;		/* "Phone", a link's title, never NULL */
} factsheet_contact_t;

typedef enum {
	FACTSHEET_SECTION_PROBLEM,	/* a Problem: block and its Solution */
	FACTSHEET_SECTION_RESOURCE,	/* a row of the Resources table */
	FACTSHEET_SECTION_TEXT,		/* any other run of paragraphs */
	FACTSHEET_SECTION_LAST
} factsheet_section_kind_t;

/* "problem", "resource", "section". */
const char *
factsheet_section_kind_name(factsheet_section_kind_t kind);

/*
 * One searchable unit.  Text keeps the publication's own characters;
 * paragraphs are separated by a blank line, list items start a line.
 */
typedef struct {
	factsheet_section_kind_t kind;
	char *slug;		/* unique within its publication */
	char *heading;		/* problem heading, resource name, or heading */
	char *part;		/* the heading just above, or NULL */
	char **path;		/* all headings above, outermost first */
	size_t n_path;
	char *anchor;		/* HTML id, or a slug, to link to it */
	unsigned page;		/* PDF page it starts on; 0 if none */
	char *text;		/* description paragraphs; "" if none */
	char *solution_heading;	/* NULL unless a problem with a Solution: */
	char *solution_text;	/* NULL when solution_heading is NULL */
	factsheet_contact_t *contacts;
	size_t n_contacts;
	unsigned line;		/* 1-based line where the section starts */
	/* A section longer than one document holds (64 KB of text) is
	 * stored as consecutive pieces, and a hit is the best of them:
	 * PIECE of PIECES, its text and solution text that piece's only.
	 * Both 0 for a section stored whole. */
	unsigned piece, pieces;
} factsheet_section_t;

typedef struct {
	char *id;		/* stable id of the source file */
	char *source;		/* the path as it was given */
	char *title;
	char *series;		/* e.g. "PROVIDER-SUPPLIER ... SERIES", or NULL */
	char *format;		/* "text", "markdown", "html" or "pdf" */
	char *product;		/* product or ICN number it states, or NULL */
	char *revised;		/* revision date it states ("May 2015"), or NULL */
	char **agency;		/* lines above the title */
	size_t n_agency;
	factsheet_section_t *sections;
	size_t n_sections;
	/* Set when the file had no structure we know (no Problem blocks, no
	 * table): it is still indexed, as plain sections. */
	char *warning;
} factsheet_publication_t;

/*
 * Reads and parses the file at PATH.  On failure *OUT is NULL and
 * *MESSAGE (always set, free it) names the file and, for bad text, the
 * line and byte offset.
 */
factsheet_status_t
factsheet_publication_read_file(const char *path,
				factsheet_publication_t **out,
				char **message);

/*
 * Parses LEN bytes of text; SOURCE names it in messages and results and
 * must not be NULL.  Same contract as factsheet_publication_read_file.
 */
factsheet_status_t
factsheet_publication_parse(const char *source, const char *bytes, size_t len,
			    factsheet_publication_t **out, char **message);

void
factsheet_publication_free(factsheet_publication_t *publication);

/* ------------------------------------------------------------------ */
/* Databases                                                           */

typedef struct factsheet_db factsheet_db_t;

typedef enum {
	FACTSHEET_DB_READ_ONLY,
	FACTSHEET_DB_READ_WRITE,	/* creates the database if needed */
	/* As READ_WRITE, and empties an index an earlier version made,
	 * which the others refuse, for every file to be indexed again. */
	FACTSHEET_DB_REBUILD
} factsheet_db_mode_t;

/*
 * Opens the database at PATH.  On failure *OUT is NULL and *MESSAGE (free
 * it) says why, naming PATH.  On success *MESSAGE is NULL.  Open for
 * writing, the database keeps its spelling data in its subdirectory
 * "lexicon", written by a thread of its own (which blocks all signals)
 * until factsheet_db_close().
 */
factsheet_status_t
factsheet_db_open(const char *path, factsheet_db_mode_t mode,
		  factsheet_db_t **out, char **message);

/* How long a remote shard is waited for, a connection or a reply. */
#define FACTSHEET_SHARD_TIMEOUT_MS 10000

/* Several databases searched as one. */
typedef struct factsheet_shards {
	/* Each a database folder, a stub file naming shards ("auto
	 * FOLDER", "remote HOST:PORT" lines) or tcp://HOST:PORT, a database
	 * xapian-tcpsrv serves. */
	const char *const *paths;
	size_t n_paths;
	/* Local databases whose spelling data and synonyms queries use
	 * beside those of the local shards: a remote shard serves none. */
	const char *const *words;
	size_t n_words;
	/* Per remote shard, for a connection or a reply; 0 for
	 * FACTSHEET_SHARD_TIMEOUT_MS. */
	unsigned timeout_ms;
	/* Whether a remote shard that does not answer is left out, its
	 * results missing (factsheet_results_missing), rather than failing
	 * the search; it is tried again a few seconds later, at a
	 * factsheet_db_reopen().  Opening fails only when no shard answers. */
	int missing_ok;
} factsheet_shards_t;

/*
 * Opens SHARDS read-only, as one database: Xapian merges their results,
 * with statistics (and so percentages) of them all.  On failure *OUT is
 * NULL and *MESSAGE (free it) names the shard that failed.
 */
factsheet_status_t
factsheet_db_open_shards(const factsheet_shards_t *shards,
			 factsheet_db_t **out, char **message);

/*
 * Reaches each shard of DB, after a search failed: on the first that
 * does not answer, its status, with *DOWN its name (free it) and the
 * reason in factsheet_db_last_error(); else success and *DOWN NULL.
 */
factsheet_status_t
factsheet_db_check_shards(factsheet_db_t *db, char **down);

/*
 * Where the database lives when no --db is given: $FACTSHEET_DB, else
 * $XDG_DATA_HOME/factsheet/db, else ~/.local/share/factsheet/db.  NULL
 * only when out of memory or when neither HOME nor XDG_DATA_HOME is set.
 */
char *
factsheet_db_default_path(void);

/*
 * The index of the bundled corpus that "make" builds and "make install"
 * installs, for a fresh build to answer with no set-up; NULL if neither
 * exists.
 */
char *
factsheet_db_bundled_path(void);

/* Commits pending changes (when writable) and releases the database. */
void
factsheet_db_close(factsheet_db_t *db);

/* The message of the last failed call on DB; valid until the next call. */
const char *
factsheet_db_last_error(const factsheet_db_t *db);

/*
 * Replaces every section of PUBLICATION's source with its new sections,
 * atomically: readers see all old sections or all new ones.
 */
factsheet_status_t
factsheet_db_add_publication(factsheet_db_t *db,
			     const factsheet_publication_t *publication);

/*
 * Loads the thesaurus at PATH (one group of equivalent words or phrases a
 * line; see corpus/thesaurus.txt) into the database's synonym table, in
 * place of the one there; NULL empties it.  The database keeps it, and
 * the name of where it came from, for every later query and run.
 * Publications added afterwards carry its phrases; those added before
 * need adding again.
 */
factsheet_status_t
factsheet_db_set_thesaurus(factsheet_db_t *db, const char *path);

/* Where DB's thesaurus came from (the file given, or "none"), malloc'd;
 * NULL if none was ever loaded. */
char *
factsheet_db_thesaurus(factsheet_db_t *db);

/* How many distinct words DB's sections hold, as the index keeps them
 * (by stem: "password" and "passwords" are one). */
factsheet_status_t
factsheet_db_term_count(factsheet_db_t *db, unsigned long *count);

/* The file NAME of factsheet-serve's web page and widget ("widget.js"),
 * installed with the programs or in the source tree, or NULL. */
char *
factsheet_static_path(const char *name);

/* The thesaurus installed with the programs (or the build tree's), or
 * NULL if there is none. */
char *
factsheet_thesaurus_default_path(void);

/*
 * Stores in the database how sources map to public URLs, in place of
 * the map there: a source under DIRS[i] (as given, or its real path) is
 * at URLS[i] followed by its path below DIRS[i]; the longest DIR wins.
 * Each URL starts with "http://", "https://" or "/"; anything else is
 * BAD_INPUT.  N = 0 removes the map.  Committed with the next commit.
 */
factsheet_status_t
factsheet_db_set_url_map(factsheet_db_t *db, const char *const *dirs,
			 const char *const *urls, size_t n);

/*
 * Makes a database open for reading see what writers have committed
 * since it was opened (or last reopened); a long-running reader calls it
 * before each search.  Nothing for a writable database.
 */
factsheet_status_t
factsheet_db_reopen(factsheet_db_t *db);

/* Makes added publications durable and visible to readers. */
factsheet_status_t
factsheet_db_commit(factsheet_db_t *db);

/* Number of sections in the database. */
factsheet_status_t
factsheet_db_count(factsheet_db_t *db, unsigned long *count);

/* ------------------------------------------------------------------ */
/* Keeping the index in step with folders                              */

/*
 * A sync makes the database match the files and folders given: new files
 * are indexed, changed ones re-indexed (all their sections replaced at
 * once), unchanged ones skipped (same size and time, else same content),
 * and files gone from a folder given have their sections deleted.  What
 * is known of each file is kept in the database beside its sections and
 * committed with them.  Files that fail are remembered and not read again
 * until they change (or retry_failed is set).
 */
typedef struct factsheet_sync factsheet_sync_t;

typedef struct {
	int dry_run;		/* say what would change; write nothing */
	int retry_failed;	/* read again files that failed before */
	int force;		/* index every file, as if all were new */
	int report;		/* diff each publication's sections */
	/* Shell patterns (fnmatch) of names or paths to leave out: a file
	 * or folder matching one is not indexed, and if it was before, it
	 * is removed as a file gone is. */
	const char *const *exclude;
	size_t n_exclude;
	/* Remove the publications at the paths given (files, whether or
	 * not they still exist, or folders: all below them) instead of
	 * indexing; each is a REMOVED item. */
	int remove;
} factsheet_sync_options_t;

typedef enum {
	FACTSHEET_SYNC_NEW,		/* indexed for the first time */
	FACTSHEET_SYNC_CHANGED,		/* indexed again, all replaced */
	FACTSHEET_SYNC_UNCHANGED,	/* as indexed: left alone */
	FACTSHEET_SYNC_REMOVED,		/* gone from its folder */
	FACTSHEET_SYNC_FAILED,		/* could not be indexed */
	FACTSHEET_SYNC_SKIPPED,		/* not a file (FIFO, loop) */
	FACTSHEET_SYNC_LAST
} factsheet_sync_state_t;

/* "new", "changed", "unchanged", "removed", "failed", "skipped". */
const char *
factsheet_sync_state_name(factsheet_sync_state_t state);

typedef enum {
	FACTSHEET_CHANGE_SECTION_ADDED,
	FACTSHEET_CHANGE_SECTION_REMOVED,
	/* Its stored record differs, other than in its line or page. */
	FACTSHEET_CHANGE_SECTION_CHANGED,
	/* A contact value of a changed section, after that section. */
	FACTSHEET_CHANGE_CONTACT,
	FACTSHEET_CHANGE_LAST
} factsheet_change_kind_t;

/* "section added", "section removed", "section changed", "contact". */
const char *
factsheet_change_kind_name(factsheet_change_kind_t kind);

typedef struct {
	factsheet_change_kind_t kind;
	const char *slug;	/* the section's */
	const char *heading;	/* the section's */
	/* FACTSHEET_CHANGE_CONTACT only, else NULL / LAST: */
	const char *label;	/* "Contact ... Help Desk phone" */
	factsheet_contact_kind_t contact_kind;
	const char *old_value;	/* NULL when the contact is new */
	const char *new_value;	/* NULL when it is gone */
} factsheet_change_t;

/* What a sync did (or, in a dry run, would do) with one path. */
typedef struct {
	factsheet_sync_state_t state;
	const char *source;	/* the path as found (or as indexed) */
	const char *title;	/* the publication's, when known, or NULL */
	/* FAILED, SKIPPED: why, without the path ("empty file"); else NULL. */
	const char *reason;
	/* FAILED, SKIPPED: it failed (or was skipped) as it is now on an
	 * earlier run, and was not read again. */
	int failed_before;
	/* NEW, CHANGED: the publication as parsed; else NULL. */
	const factsheet_publication_t *publication;
	/* NEW, CHANGED, REMOVED with options.report: the section changes,
	 * each section's contacts after it. */
	const factsheet_change_t *changes;
	size_t n_changes;
} factsheet_sync_item_t;

/*
 * Walks PATHS (files and directories, recursively; hidden names and files
 * named "thesaurus.txt" inside directories are left out) and reads the
 * database's state of them.  DB may be NULL with options->dry_run, as an
 * empty database.  On failure *OUT is NULL and the reason is
 * factsheet_db_last_error(DB).  A second thread then reads and parses the
 * next few files while the caller's thread writes; it stops in
 * factsheet_sync_free(), and touches nothing of the caller's meanwhile.
 * DB belongs to the sync until then.
 */
factsheet_status_t
factsheet_sync_begin(factsheet_db_t *db, const char *const *paths,
		     size_t n_paths, const factsheet_sync_options_t *options,
		     factsheet_sync_t **out);

/* One publication a database holds, or a file that failed to be. */
typedef struct {
	char *source;	/* the path as indexed */
	char *path;	/* its realpath */
	char *title;	/* NULL for a file that never indexed */
	char *format;	/* "text", "markdown", "html", "pdf"; NULL if no
			 * section was stored */
	char *revised;	/* the revision date it states, or NULL */
	size_t sections;
	char *failure;	/* why its last reading failed, or NULL */
} factsheet_entry_t;

/*
 * What DB holds, sorted by source: each publication indexed and each file
 * whose last reading failed.  Free with factsheet_entries_free.
 */
factsheet_status_t
factsheet_db_list(factsheet_db_t *db, factsheet_entry_t **entries,
		  size_t *n_entries);

void
factsheet_entries_free(factsheet_entry_t *entries, size_t n_entries);

/* The bytes the database at PATH takes on disk. */
unsigned long long
factsheet_db_disk_usage(const char *path);

/* When a sync last ended on DB ("2026-12-04T18:00:00Z"), malloc'd, or
 * NULL if none has. */
char *
factsheet_db_last_run(factsheet_db_t *db);

/* How many items factsheet_sync_next gives in all. */
size_t
factsheet_sync_total(const factsheet_sync_t *sync);

/*
 * Deals with the next path, in sorted order, then with each file gone;
 * *ITEM says what became of it, valid until the next call, NULL when
 * all are done.  A file that fails is an item, not a failure: the status
 * is not SUCCESS only when the database fails, and the sync cannot go on.
 */
factsheet_status_t
factsheet_sync_next(factsheet_sync_t *sync,
		    const factsheet_sync_item_t **item);

/* Forgets failures of files no longer found and commits (not in a dry
 * run).  Here and in factsheet_sync_next, the reason of a failure is
 * factsheet_db_last_error() of the sync's database. */
factsheet_status_t
factsheet_sync_end(factsheet_sync_t *sync);

void
factsheet_sync_free(factsheet_sync_t *sync);

/* ------------------------------------------------------------------ */
/* Searching                                                           */

typedef struct factsheet_results factsheet_results_t;

typedef struct {
	unsigned offset;	/* hits to skip */
	unsigned limit;		/* hits to return; 0 means 10 */
	/* Seconds of matching, after which the best hits found by then
	 * are returned, marked partial; 0 means 2. */
	double time_limit;
	/* Filters, each NULL for none: only sections of the publication
	 * with this id, of this kind ("problem", "resource", "section"),
	 * holding a contact of this kind ("tty", "email", ...). */
	const char *publication;
	const char *kind;
	const char *has;
	/* Count the publications, kinds and contact kinds of the first
	 * matches (at least this many; all when fewer), for the JSON's
	 * "facets"; 0 counts none. */
	unsigned facets;
	/* A URL map to give hits' URLs by instead of the database's (see
	 * factsheet_db_set_url_map), when N_URL_MAP is not 0. */
	const char *const *url_map_dirs;
	const char *const *url_map_urls;
	size_t n_url_map;
} factsheet_search_options_t;

/*
 * Runs QUERY (the words people typed: phrases in quotes, AND/OR/NOT,
 * +word/-word, word*, field:word).  On failure *OUT is NULL and the
 * reason is factsheet_db_last_error(DB).
 */
factsheet_status_t
factsheet_db_search(factsheet_db_t *db, const char *query,
		    const factsheet_search_options_t *options,
		    factsheet_results_t **out);

void
factsheet_results_free(factsheet_results_t *results);

/* Estimated number of matching sections, beyond the returned hits. */
unsigned long
factsheet_results_total(const factsheet_results_t *results);

/* Number of hits returned (at most the limit). */
size_t
factsheet_results_count(const factsheet_results_t *results);

/* Whether the query asked for this kind of contact ("phone number",
 * "deaf line"): such sections rank higher and show it first. */
int
factsheet_results_asks_for(const factsheet_results_t *results,
			   factsheet_contact_kind_t kind);

/*
 * The order to show SECTION's contacts in: those the query asked for
 * first, the most specific kind first (a TTY before a phone), then the
 * others as the publication gives them.  Fills ORDER with the indices of
 * section->contacts; ORDER must have room for section->n_contacts.
 */
void
factsheet_results_contact_order(const factsheet_results_t *results,
				const factsheet_section_t *section,
				size_t *order);

/* Whether the search stopped at its time limit: the hits are the best
 * found by then, not necessarily the best there are. */
int
factsheet_results_partial(const factsheet_results_t *results);

/*
 * The shards that did not answer and were left out of the results, *N of
 * them (none unless the shards were opened with missing_ok), as --db or a
 * stub file named them; NULL when none.  Valid until the results are
 * freed.
 */
const char *const *
factsheet_results_missing(const factsheet_results_t *results, size_t *n);

/* The query actually run when spelling was corrected, else NULL. */
const char *
factsheet_results_corrected(const factsheet_results_t *results);

/* A correction offered but not run, else NULL: the query's real English
 * words are never replaced, but when a correction of them would find more
 * it is suggested ("did you mean"). */
const char *
factsheet_results_suggested(const factsheet_results_t *results);

typedef struct {
	unsigned rank;		/* 1-based, counting the offset */
	int percent;		/* Xapian's relevance percentage */
	const char *publication_title;
	const char *publication_source;
	const char *publication_format;		/* "text", "pdf", ... */
	const char *publication_product;	/* or NULL */
	const char *publication_revised;	/* or NULL */
	/* The section as indexed; its strings belong to the results. */
	const factsheet_section_t *section;
	/* Where to read it: the public URL the database's URL map gives
	 * (factsheet_db_set_url_map), with "#anchor" or "#page=N", or the
	 * source path when no mapping covers it. */
	const char *url;
} factsheet_hit_t;

/* Hit I (0-based); valid until the results are freed. */
const factsheet_hit_t *
factsheet_results_hit(const factsheet_results_t *results, size_t i);

/*
 * Copies TEXT with the query's matching words wrapped in OPEN and CLOSE;
 * when LENGTH is not 0 the copy is cut to about LENGTH bytes around its
 * best-matching sentences, with "..." where text was left out.  With
 * ESCAPE_HTML, &, < and > in TEXT are escaped.  Returns NULL only when
 * out of memory; free the result.
 */
char *
factsheet_results_highlight(const factsheet_results_t *results,
			    const char *text, size_t length,
			    const char *open, const char *close,
			    int escape_html);

/* Why a hit ranked where it did: one matched term. */
typedef struct {
	char *term;		/* as indexed; a leading "Z" marks a stem */
	const char *field;	/* "problem", "solution", ..., "any" */
	unsigned wdf;		/* weighted occurrences in the section */
	unsigned long documents;	/* sections holding the term */
	double weight;		/* its BM25 weight in this section */
} factsheet_explain_t;

/*
 * The matched terms of hit I with their fields and weights, heaviest
 * first; free them with factsheet_explain_free.  On failure *TERMS is
 * NULL, *N_TERMS 0, and the reason is factsheet_results_last_error().
 */
factsheet_status_t
factsheet_results_explain(const factsheet_results_t *results, size_t i,
			  factsheet_explain_t **terms, size_t *n_terms);

/* The message of the last failed call on RESULTS ("" when none failed);
 * valid until the next call on them. */
const char *
factsheet_results_last_error(const factsheet_results_t *results);

void
factsheet_explain_free(factsheet_explain_t *terms, size_t n_terms);

/*
 * The results as one JSON document, the shape the README documents, for
 * QUERY as the user typed it; with EXPLAIN, each hit also has "explain".
 * Snippets are HTML-safe: text escaped, matched words in <mark>...</mark>.
 * NULL when out of memory; free the result.
 */
char *
factsheet_results_to_json(const factsheet_results_t *results,
			  const char *query, int explain);

/*
 * The same, naming DATABASE (what the results were searched in) in a
 * last member "database"; without it when DATABASE is NULL.
 */
char *
factsheet_results_to_json_named(const factsheet_results_t *results,
				const char *query, int explain,
				const char *database);

#ifdef __cplusplus
}
#endif

#endif /* FACTSHEET_H */
