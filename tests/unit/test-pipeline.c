/*
 * test-pipeline.c - items prepared on the second thread come in order,
 * each once, never more than DEPTH ahead nor holding more than the budget;
 * each is cleared once, taken or not, on the preparing thread but for the
 * last few, which pipeline_stop clears (AddressSanitizer's leak check, in
 * CI, sees any slot left holding memory).
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
	size_t most_held;	/* the most items prepared and not cleared */
	size_t taken;
	size_t cost;		/* what prepare() says each item costs */
} counts_t;

static size_t
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
	if (c->prepared - c->cleared > c->most_held)
		c->most_held = c->prepared - c->cleared;
	pthread_mutex_unlock(&c->lock);
	return c->cost;
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

/* Takes items 0..TAKE-1 of N, each costing COST against BUDGET, then
 * stops; returns how many were right. */
static size_t
run_within(counts_t *c, size_t n, size_t depth, size_t take, size_t cost,
	   size_t budget)
{
	pipeline_t *p;
	size_t right = 0;

	memset(c, 0, sizeof *c);
	c->taker = pthread_self();
	c->cost = cost;
	pthread_mutex_init(&c->lock, NULL);
	p = pipeline_start(n, depth, budget, sizeof(slot_t), prepare, clear,
	    c);
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

/* The same, with items that cost nothing. */
static size_t
run(counts_t *c, size_t n, size_t depth, size_t take)
{
	return run_within(c, n, depth, take, 0, 1);
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
	ok(c.most_held <= 4, "items given back are cleared before the next "
	    "is prepared: at most 4 held (%zu)", c.most_held);

	/* Each costs 10 of a budget of 25: a third is started only while
	 * two are held, so at most three at once, the taker's among them. */
	is_int(run_within(&c, 1000, 64, 1000, 10, 25), 1000,
	    "within a budget: all 1,000 items, in order");
	ok(c.most_held <= 3, "within a budget: at most 3 held (%zu)",
	    c.most_held);
	is_int(c.cleared, 1000, "within a budget: each cleared once");
	/* One item dearer than the whole budget still comes through. */
	is_int(run_within(&c, 100, 8, 100, 100, 10), 100,
	    "items dearer than the budget: all 100, one at a time");
	ok(c.most_held <= 2, "items dearer than the budget: at most the "
	    "taker's and the next held (%zu)", c.most_held);

	/* The sync stops early when the database fails. */
	is_int(run(&c, 1000, 8, 10), 10, "stopped after 10: those 10 right");
	cmp_ok(c.prepared, >=, 10, "stopped after 10: those 10 prepared");
	cmp_ok(c.prepared, <=, 18,
	    "stopped after 10: at most 8 prepared beyond them");
	is_int(c.cleared, c.prepared,
	    "stopped after 10: all cleared, taken or not");

	is_int(run(&c, 5, 8, 0), 0, "stopped before taking any");
	is_int(c.cleared, c.prepared, "stopped before taking any: all cleared");

	ok(pipeline_start(0, 8, 1, sizeof(slot_t), prepare, clear, &c) == NULL,
	    "nothing to prepare: no thread");
	ok(pipeline_start(5, 1, 1, sizeof(slot_t), prepare, clear, &c) == NULL,
	    "a depth below 2: no thread (the taker holds one slot)");
	/* Stopping NULL is allowed; a crash here fails the test. */
	pipeline_stop(NULL);
	return done_testing();
}
