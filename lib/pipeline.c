/*
 * pipeline.c - one thread preparing items in order, a bounded number
 * ahead of the thread taking them.  Item K lives in slot K % DEPTH; the
 * slot of the item taken last is the taker's until it takes the next.
 * The preparing thread clears the items given back before it prepares
 * the next one, so the taker never spends its time releasing what it
 * took, and what is held stays within the budget.
 */
#include <config.h>

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "factsheet-private.h"
#include "pipeline.h"

struct pipeline {
	size_t n, depth, budget, slot_size;
	pipeline_prepare_fn *prepare;
	pipeline_clear_fn *clear;
	void *context;
	unsigned char *slots;
	/* The preparing thread's alone, and pipeline_stop's once it ends: */
	size_t *costs;		/* each slot's item's cost, while it holds one */
	size_t held;		/* the costs of the items not yet cleared */
	size_t cleared;		/* items 0..cleared-1 were cleared */
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t ready;	/* an item was prepared */
	pthread_cond_t room;	/* a slot was given back, or stop */
	size_t prepared;	/* items 0..prepared-1 are ready or taken */
	size_t taken;		/* items 0..taken-1 were taken */
	int stop;
};

static void *
slot_of(const pipeline_t *p, size_t i)
{
	return p->slots + (i % p->depth) * p->slot_size;
}

/* Slots holding an item: those prepared and not taken, and the taker's. */
static size_t
slots_in_use(const pipeline_t *p)
{
	return p->prepared - p->taken + (p->taken > 0);
}

/* Items given back: all those taken but the taker's, the last. */
static size_t
given_back(const pipeline_t *p)
{
	return p->taken > 0 ? p->taken - 1 : 0;
}

/* Clears items FROM..TO-1, which no one else touches any more. */
static void
clear_items(pipeline_t *p, size_t from, size_t to)
{
	for (size_t k = from; k < to; k++) {
		p->clear(p->context, slot_of(p, k));
		p->held -= p->costs[k % p->depth];
	}
}

/* Whether item K may be prepared now: a slot is free, and what is held
 * is within the budget, unless the taker has nothing to take (so an item
 * dearer than the whole budget still comes through). */
static int
may_prepare(const pipeline_t *p)
{
	return slots_in_use(p) < p->depth &&
	    (p->held < p->budget || p->prepared == p->taken);
}

static void *
run(void *arg)
{
	pipeline_t *p = arg;

	for (size_t k = 0; k < p->n; k++) {
		size_t back, cost;
		void *slot;

		pthread_mutex_lock(&p->lock);
		for (;;) {
			if (p->stop)
				break;
			back = given_back(p);
			if (p->cleared < back) {
				/* Given back: no one else's, so cleared
				 * without the lock. */
				size_t from = p->cleared;

				pthread_mutex_unlock(&p->lock);
				clear_items(p, from, back);
				pthread_mutex_lock(&p->lock);
				p->cleared = back;
				continue;
			}
			if (may_prepare(p))
				break;
			pthread_cond_wait(&p->room, &p->lock);
		}
		if (p->stop) {
			pthread_mutex_unlock(&p->lock);
			break;
		}
		pthread_mutex_unlock(&p->lock);
		/* The slot is no one else's until prepared is raised; its
		 * last item, K - DEPTH, was cleared above. */
		slot = slot_of(p, k);
		memset(slot, 0, p->slot_size);
		cost = p->prepare(p->context, k, slot);
		p->costs[k % p->depth] = cost;
		p->held += cost;
		pthread_mutex_lock(&p->lock);
		p->prepared++;
		pthread_cond_signal(&p->ready);
		pthread_mutex_unlock(&p->lock);
	}
	return NULL;
}

/* Releases P, its thread joined or never started. */
static void
pipeline_destroy(pipeline_t *p)
{
	pthread_cond_destroy(&p->room);
	pthread_cond_destroy(&p->ready);
	pthread_mutex_destroy(&p->lock);
	free(p->costs);
	free(p->slots);
	free(p);
}

pipeline_t *
pipeline_start(size_t n, size_t depth, size_t budget, size_t slot_size,
	       pipeline_prepare_fn *prepare, pipeline_clear_fn *clear,
	       void *context)
{
	pipeline_t *p;

	if (n == 0 || depth < 2 || (p = calloc(1, sizeof *p)) == NULL)
		return NULL;
	p->n = n;
	p->depth = depth;
	p->budget = budget;
	p->slot_size = slot_size;
	p->prepare = prepare;
	p->clear = clear;
	p->context = context;
	p->slots = calloc(depth, slot_size);
	p->costs = calloc(depth, sizeof *p->costs);
	if (p->slots == NULL || p->costs == NULL) {
		free(p->costs);
		free(p->slots);
		free(p);
		return NULL;
	}
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->ready, NULL);
	pthread_cond_init(&p->room, NULL);
	if (!thread_start(&p->thread, run, p)) {
		pipeline_destroy(p);
		return NULL;
	}
	return p;
}

void *
pipeline_take(pipeline_t *p, size_t i)
{
	pthread_mutex_lock(&p->lock);
	/* Taking I gives back the slot of I - 1. */
	p->taken = i + 1;
	pthread_cond_signal(&p->room);
	while (p->prepared <= i)
		pthread_cond_wait(&p->ready, &p->lock);
	pthread_mutex_unlock(&p->lock);
	return slot_of(p, i);
}

void
pipeline_stop(pipeline_t *p)
{
	if (p == NULL)
		return;
	pthread_mutex_lock(&p->lock);
	p->stop = 1;
	pthread_cond_signal(&p->room);
	pthread_mutex_unlock(&p->lock);
	pthread_join(p->thread, NULL);
	/* Those not cleared yet, taken or not, hold theirs still. */
	clear_items(p, p->cleared, p->prepared);
	pipeline_destroy(p);
}
