/*
 * lexicon.h - the spelling data, added and committed on a thread of its
 * own while the documents' writer goes on.  Private to libfactsheet.
 */
#ifndef FACTSHEET_LEXICON_H
#define FACTSHEET_LEXICON_H

#include <stddef.h>

#include "factsheet.h"
#include "xapian-shim.h"

typedef struct lexicon lexicon_t;

/*
 * Opens the lexicon of DB (open for writing; see shim_lexicon_open) and
 * starts its thread.  On failure *OUT is NULL and *MESSAGE is malloc'd.
 */
factsheet_status_t
lexicon_open(shim_db_t *db, lexicon_t **out, char **message);

/* Queues WORDS (NULL: none), taking them over; the thread adds them, and
 * commits once LIMIT words wait uncommitted. */
void
lexicon_give(lexicon_t *lex, shim_words_t *words);

/* Asks for a commit of everything given so far, without waiting. */
void
lexicon_commit_start(lexicon_t *lex);

/*
 * Waits until the commits asked for are done.  Once the thread failed,
 * returns that failure, with *MESSAGE malloc'd, at every call: it adds
 * and commits nothing more, and the batches it did not commit stay
 * recorded for the next writer.
 */
factsheet_status_t
lexicon_commit_wait(lexicon_t *lex, char **message);

/* The keys of the batches committed since the last call, for the
 * documents' database to forget (shim_db_forget_words); free with
 * shim_strings_free. */
void
lexicon_take_committed(lexicon_t *lex, char ***keys, size_t *n_keys);

/* Waits until every batch given is added, and committed if enough words
 * waited; for tests. */
void
lexicon_drain(lexicon_t *lex);

/* How many uncommitted words make the thread commit; for tests. */
void
lexicon_set_limit(lexicon_t *lex, size_t limit);

/* Commits what was given, stops the thread and frees LEX, after taking
 * the keys committed as lexicon_take_committed does.  Accepts NULL. */
void
lexicon_close(lexicon_t *lex, char ***keys, size_t *n_keys);

#endif /* FACTSHEET_LEXICON_H */
