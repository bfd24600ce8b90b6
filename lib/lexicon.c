/*
 * lexicon.c - the spelling data's own thread.  Adding a word to Xapian's
 * spelling data means toggling its trigram fragments, and committing it
 * means rewriting and deflating their lists: a fifth of a run over the
 * PostgreSQL docs when the documents' writer did it.  Here a thread does
 * it in the lexicon (shim_lexicon), beside the writer, which only records
 * each commit's words (shim_db_seal_words) and hands them over.
 *
 * The thread adds the batches in the order given and commits once enough
 * words wait, or when asked to; the keys of the batches it committed go
 * back to the writer, which forgets them in its next commit.
 */
#include <config.h>

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "factsheet-private.h"
#include "lexicon.h"

/* The words added before a commit, which Xapian holds with their
 * trigram fragments (about 12 MiB at 1,000 sheets).  The PostgreSQL docs
 * have 20,000, so one commit a run. */
#define DEFAULT_LIMIT 50000

struct lexicon {
	shim_lexicon_t *shim;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake;	/* for the thread: work, or stop */
	pthread_cond_t done;	/* for the waiters: a batch or commit done */
	/* Everything below, under LOCK. */
	size_t limit;
	shim_words_t **queue;	/* given, not added yet, oldest first */
	size_t n_queue, queue_size;
	unsigned long commits_asked, commits_done;
	int stopping;
	int working;		/* on a batch or commit, without LOCK */
	char **committed;	/* keys, for the writer to forget */
	size_t n_committed;
	/* The first failure, after which nothing more is added or
	 * committed: the batches stay recorded for the next writer. */
	factsheet_status_t status;
	char *error;
};

/* Keeps the first failure. */
static void
fail(lexicon_t *lex, factsheet_status_t status)
{
	if (lex->status != FACTSHEET_STATUS_SUCCESS)
		return;
	lex->status = status;
	lex->error = str_printf("%s", shim_lexicon_error(lex->shim));
}

/* Appends KEYS (taken over) to those committed. */
static void
add_committed(lexicon_t *lex, char **keys, size_t n_keys)
{
	char **grown;

	if (n_keys == 0) {
		shim_strings_free(keys, 0);
		return;
	}
	grown = realloc(lex->committed,
	    (lex->n_committed + n_keys + 1) * sizeof *grown);
	if (grown == NULL) {
		/* Left recorded, they are forgotten by a later writer. */
		shim_strings_free(keys, n_keys);
		return;
	}
	memcpy(grown + lex->n_committed, keys, n_keys * sizeof *keys);
	lex->n_committed += n_keys;
	grown[lex->n_committed] = NULL;
	lex->committed = grown;
	free(keys);
}

/* Commits, with LOCK held on entry and on return, not while committing. */
static void
commit(lexicon_t *lex)
{
	char **keys = NULL;
	size_t n_keys = 0;
	factsheet_status_t status;

	lex->working = 1;
	pthread_mutex_unlock(&lex->lock);
	status = shim_lexicon_commit(lex->shim, &keys, &n_keys);
	pthread_mutex_lock(&lex->lock);
	lex->working = 0;
	if (status != FACTSHEET_STATUS_SUCCESS)
		fail(lex, status);
	add_committed(lex, keys, n_keys);
}

/* Adds the oldest batch, and commits if enough words wait; LOCK held on
 * entry and on return. */
static void
add_next(lexicon_t *lex)
{
	shim_words_t *words = lex->queue[0];
	factsheet_status_t status;

	lex->n_queue--;
	memmove(lex->queue, lex->queue + 1, lex->n_queue * sizeof *lex->queue);
	if (lex->status != FACTSHEET_STATUS_SUCCESS) {
		shim_words_free(words);
		return;
	}
	lex->working = 1;
	pthread_mutex_unlock(&lex->lock);
	status = shim_lexicon_add(lex->shim, words);
	shim_words_free(words);
	pthread_mutex_lock(&lex->lock);
	lex->working = 0;
	if (status != FACTSHEET_STATUS_SUCCESS) {
		fail(lex, status);
		return;
	}
	if (shim_lexicon_unsaved(lex->shim) >= lex->limit)
		commit(lex);
}

static void *
run(void *arg)
{
	lexicon_t *lex = arg;

	pthread_mutex_lock(&lex->lock);
	for (;;) {
		if (lex->n_queue > 0) {
			add_next(lex);
			pthread_cond_broadcast(&lex->done);
		} else if (lex->commits_done != lex->commits_asked) {
			/* Everything given before the ask is added. */
			unsigned long asked = lex->commits_asked;

			if (lex->status == FACTSHEET_STATUS_SUCCESS)
				commit(lex);
			lex->commits_done = asked;
			pthread_cond_broadcast(&lex->done);
		} else if (lex->stopping) {
			break;
		} else {
			pthread_cond_wait(&lex->wake, &lex->lock);
		}
	}
	pthread_mutex_unlock(&lex->lock);
	return NULL;
}

/* Closes the lexicon and frees LEX, whose thread is joined or was
 * never started. */
static void
release(lexicon_t *lex)
{
	pthread_cond_destroy(&lex->done);
	pthread_cond_destroy(&lex->wake);
	pthread_mutex_destroy(&lex->lock);
	shim_lexicon_close(lex->shim);
	free(lex->error);
	free(lex->queue);
	free(lex);
}

factsheet_status_t
lexicon_open(shim_db_t *db, lexicon_t **out, char **message)
{
	lexicon_t *lex;
	factsheet_status_t status;

	*out = NULL;
	*message = NULL;
	if ((lex = calloc(1, sizeof *lex)) == NULL) {
		*message = str_printf("out of memory");
		return FACTSHEET_STATUS_OUT_OF_MEMORY;
	}
	status = shim_lexicon_open(db, &lex->shim);
	if (status != FACTSHEET_STATUS_SUCCESS) {
		*message = str_printf("%s", shim_db_error(db));
		free(lex);
		return status;
	}
	lex->limit = DEFAULT_LIMIT;
	pthread_mutex_init(&lex->lock, NULL);
	pthread_cond_init(&lex->wake, NULL);
	pthread_cond_init(&lex->done, NULL);
	if (!thread_start(&lex->thread, run, lex)) {
		release(lex);
		*message = str_printf("cannot start the spelling data's "
		    "thread");
		return FACTSHEET_STATUS_OUT_OF_MEMORY;
	}
	*out = lex;
	return FACTSHEET_STATUS_SUCCESS;
}

void
lexicon_give(lexicon_t *lex, shim_words_t *words)
{
	if (words == NULL)
		return;
	pthread_mutex_lock(&lex->lock);
	if (lex->n_queue == lex->queue_size) {
		size_t size = lex->queue_size ? 2 * lex->queue_size : 8;
		shim_words_t **grown = realloc(lex->queue,
		    size * sizeof *grown);

		if (grown == NULL) {
			/* Left recorded, they are added by a later writer. */
			pthread_mutex_unlock(&lex->lock);
			shim_words_free(words);
			return;
		}
		lex->queue = grown;
		lex->queue_size = size;
	}
	lex->queue[lex->n_queue++] = words;
	pthread_cond_signal(&lex->wake);
	pthread_mutex_unlock(&lex->lock);
}

void
lexicon_commit_start(lexicon_t *lex)
{
	pthread_mutex_lock(&lex->lock);
	lex->commits_asked++;
	pthread_cond_signal(&lex->wake);
	pthread_mutex_unlock(&lex->lock);
}

factsheet_status_t
lexicon_commit_wait(lexicon_t *lex, char **message)
{
	factsheet_status_t status;

	*message = NULL;
	pthread_mutex_lock(&lex->lock);
	while (lex->commits_done != lex->commits_asked)
		pthread_cond_wait(&lex->done, &lex->lock);
	status = lex->status;
	if (status != FACTSHEET_STATUS_SUCCESS)
		*message = str_printf("%s", lex->error ? lex->error : "");
	pthread_mutex_unlock(&lex->lock);
	return status;
}

void
lexicon_drain(lexicon_t *lex)
{
	pthread_mutex_lock(&lex->lock);
	while (lex->n_queue > 0 || lex->working)
		pthread_cond_wait(&lex->done, &lex->lock);
	pthread_mutex_unlock(&lex->lock);
}

void
lexicon_take_committed(lexicon_t *lex, char ***keys, size_t *n_keys)
{
	pthread_mutex_lock(&lex->lock);
	*keys = lex->committed;
	*n_keys = lex->n_committed;
	lex->committed = NULL;
	lex->n_committed = 0;
	pthread_mutex_unlock(&lex->lock);
}

void
lexicon_set_limit(lexicon_t *lex, size_t limit)
{
	pthread_mutex_lock(&lex->lock);
	lex->limit = limit;
	pthread_mutex_unlock(&lex->lock);
}

void
lexicon_close(lexicon_t *lex, char ***keys, size_t *n_keys)
{
	char *message;

	*keys = NULL;
	*n_keys = 0;
	if (lex == NULL)
		return;
	lexicon_commit_start(lex);
	(void)lexicon_commit_wait(lex, &message);
	free(message);
	pthread_mutex_lock(&lex->lock);
	lex->stopping = 1;
	pthread_cond_signal(&lex->wake);
	pthread_mutex_unlock(&lex->lock);
	pthread_join(lex->thread, NULL);
	lexicon_take_committed(lex, keys, n_keys);
	release(lex);
}
