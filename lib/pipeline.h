/*
 * pipeline.h - items 0..N-1 prepared in order on a second thread, a few
 * ahead of the thread that takes them, so that reading and parsing the
 * next publications overlaps writing this one.  Private to libfactsheet.
 */
#ifndef FACTSHEET_PIPELINE_H
#define FACTSHEET_PIPELINE_H

#include <stddef.h>

typedef struct pipeline pipeline_t;

/* Prepares item I into SLOT (SLOT_SIZE bytes, zeroed); returns its cost,
 * a measure of the memory it holds, counted against the budget. */
typedef size_t pipeline_prepare_fn(void *context, size_t i, void *slot);
/* Releases what a prepared SLOT holds: on the preparing thread once the
 * taker has given the item back, and in pipeline_stop for the rest. */
typedef void pipeline_clear_fn(void *context, void *slot);

/*
 * Starts preparing N items, at most DEPTH ahead of the one taken, and
 * none while the items held cost BUDGET or more, unless the taker waits
 * for one.  Returns NULL when out of memory or when no thread can be
 * started; the caller then prepares each item itself.
 */
pipeline_t *
pipeline_start(size_t n, size_t depth, size_t budget, size_t slot_size,
	       pipeline_prepare_fn *prepare, pipeline_clear_fn *clear,
	       void *context);

/*
 * Waits for item I, which must be the item after the last one taken, and
 * returns its slot.  The slot is the caller's until the next call; what it
 * holds is released by the pipeline, not by the caller.
 */
void *
pipeline_take(pipeline_t *p, size_t i);

/* Stops the thread, clears the slots still holding an item, taken or
 * not, and frees P.  Accepts NULL. */
void
pipeline_stop(pipeline_t *p);

#endif /* FACTSHEET_PIPELINE_H */
