/*
 * writeback.h - while a commit runs, a helper thread starts the disk
 * writing that the commit's sync will otherwise wait for.  Private to
 * libfactsheet.
 */
#ifndef FACTSHEET_WRITEBACK_H
#define FACTSHEET_WRITEBACK_H

#include <stddef.h>

typedef struct writeback writeback_t;

/*
 * Starts writing back, every few milliseconds until writeback_stop, the
 * pages written to the N_FILES FILES that are regular files (a
 * database's tables, as shim_db_table_files() lists them; links are not
 * followed).  Returns NULL when there is nothing it can do: no such call
 * on this system, no file, no thread; the commit then simply waits for
 * its sync as it would anyway.
 */
writeback_t *
writeback_start(const char *const *files, size_t n_files);

/* How many files W watches. */
size_t
writeback_files(const writeback_t *w);

/* Stops the thread, closes the files and frees W; returns how many
 * rounds of writing it started.  Accepts NULL (and returns 0). */
unsigned long
writeback_stop(writeback_t *w);

#endif /* FACTSHEET_WRITEBACK_H */
