/*
 * test-pipeline.c - items prepared on the second thread come in order,
 * each once, never more than DEPTH ahead; each is cleared once, taken or
 * not, on the preparing thread but for the last few, which pipeline_stop
 * clears (AddressSanitizer's leak check, in CI, sees any slot left holding
 * memory).
 */
#include <config.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pipeline.h"
#include "tap.h"

typedef struct {
	size_t item;
	char *text;		/* malloc'd by prepare, freed by clear */
} slot_t;

typedef struct {
	pthread_mutex_t lock;
	size_t prepared;	/* how many prepare() calls */
	size_t cleared;		/* how many clear() calls */
	size_t cleared_by_taker;	/* of which on the taking thread */
	pthread_t taker;
	size_t most_ahead;	/* the most items prepared beyond the taken */
	size_t taken;
} counts_t;

static void
prepare(void *context, size_t i, void *slot)
{
	counts_t *c = context;
	slot_t *s = slot;

	s->item = i;
	s->text = malloc(32);
	if (s->text != NULL)
		snprintf(s->text, 32, "item %zu", i);
	pthread_mutex_lock(&c->lock);
	c->prepared++;
	if (i + 1 - c->taken > c->most_ahead)
		c->most_ahead = i + 1 - c->taken;
	pthread_mutex_unlock(&c->lock);
}

static void
clear(void *context, void *slot)
{
	counts_t *c = context;
	slot_t *s = slot;

	free(s->text);
	s->text = NULL;
	pthread_mutex_lock(&c->lock);
	c->cleared++;
	c->cleared_by_taker += pthread_equal(pthread_self(), c->taker) != 0;
	pthread_mutex_unlock(&c->lock);
}

/* Takes items 0..TAKE-1 of N, then stops; returns how many were right. */
static size_t
run(counts_t *c, size_t n, size_t depth, size_t take)
{
	pipeline_t *p;
	size_t right = 0;

	memset(c, 0, sizeof *c);
	c->taker = pthread_self();
	pthread_mutex_init(&c->lock, NULL);
	p = pipeline_start(n, depth, sizeof(slot_t), prepare, clear, c);
	if (p == NULL)
		return 0;
	for (size_t i = 0; i < take; i++) {
		slot_t *s = pipeline_take(p, i);
		char want[32];

		snprintf(want, sizeof want, "item %zu", i);
		right += s->item == i && s->text != NULL &&
		    strcmp(s->text, want) == 0;
		pthread_mutex_lock(&c->lock);
		c->taken = i + 1;
		pthread_mutex_unlock(&c->lock);
	}
	pipeline_stop(p);
	pthread_mutex_destroy(&c->lock);
	return right;
}

int
main(void)
{
	counts_t c;

	is_int(run(&c, 1000, 4, 1000), 1000, "all 1,000 items, in order");
	is_int(c.prepared, 1000, "each prepared once");
	is_int(c.cleared, 1000, "each cleared once");
	ok(c.cleared_by_taker <= 4,
	    "all but the last 4 cleared on the preparing thread (%zu by "
	    "the taker)", c.cleared_by_taker);
	ok(c.most_ahead <= 4, "never more than 4 ahead (%zu)", c.most_ahead);

	/* The sync stops early when the database fails. */
	is_int(run(&c, 1000, 8, 10), 10, "stopped after 10: those 10 right");
	ok(c.prepared >= 10 && c.prepared <= 18,
	    "stopped after 10: at most 8 prepared beyond them (%zu in all)",
	    c.prepared);
	is_int(c.cleared, c.prepared,
	    "stopped after 10: all cleared, taken or not");

	is_int(run(&c, 5, 8, 0), 0, "stopped before taking any");
	is_int(c.cleared, c.prepared, "stopped before taking any: all cleared");

	ok(pipeline_start(0, 8, sizeof(slot_t), prepare, clear, &c) == NULL,
	    "nothing to prepare: no thread");
	ok(pipeline_start(5, 1, sizeof(slot_t), prepare, clear, &c) == NULL,
	    "a depth below 2: no thread (the taker holds one slot)");
	pipeline_stop(NULL);
	ok(1, "pipeline_stop(NULL) is harmless");
	return done_testing();
}
