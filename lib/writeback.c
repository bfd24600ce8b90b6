/*
 * writeback.c - a commit writes its blocks and then syncs each table,
 * waiting there for the disk to take every page it wrote.  Asking the
 * kernel to start writing those pages while the commit is still working
 * on the next ones overlaps the two, so the sync finds most of them
 * written.  Durability stays with Xapian's own syncs: this only moves
 * writing the kernel would do anyway to an earlier moment.
 *
 * Linux's sync_file_range() starts writing without waiting for it; where
 * there is no such call, nothing is started and commits wait as before.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "factsheet-private.h"
#include "writeback.h"

/* A database holds a few tables and a version file. */
#define MAX_FILES 16
/* Often enough to start the pages soon after they are written. */
#define INTERVAL_MS 10

struct writeback {
	int fds[MAX_FILES];
	size_t n_fds;
	/* Written once to stop the thread, which waits on the other end
	 * between rounds: a stop ends the wait at once. */
	int stop[2];
	unsigned long rounds;	/* the thread's until it is joined */
	pthread_t thread;
};

#ifdef HAVE_SYNC_FILE_RANGE

/* Starts writing every dirty page of W's files; waits for none. */
static void
start_writing(writeback_t *w)
{
	for (size_t i = 0; i < w->n_fds; i++)
		(void)sync_file_range(w->fds[i], 0, 0,
		    SYNC_FILE_RANGE_WRITE);
}

/* A round at once, for what is already written, then one every
 * INTERVAL_MS until stopped. */
static void *
run(void *arg)
{
	writeback_t *w = arg;
	struct pollfd stop = { .fd = w->stop[0], .events = POLLIN };
	int n;

	do {
		start_writing(w);
		w->rounds++;
		while ((n = poll(&stop, 1, INTERVAL_MS)) < 0 && errno == EINTR)
			;
	} while (n == 0);
	return NULL;
}

/* Opens FILES read-only, those that are regular files: the kernel
 * writes a file's pages back whichever descriptor asks. */
static void
open_files(writeback_t *w, const char *const *files, size_t n_files)
{
	for (size_t i = 0; i < n_files && w->n_fds < MAX_FILES; i++) {
		struct stat st;
		int fd = open(files[i],
		    O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);

		if (fd < 0)
			continue;
		if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
			w->fds[w->n_fds++] = fd;
		else
			close(fd);
	}
}

/* Closes what W holds and frees it. */
static void
release(writeback_t *w)
{
	for (size_t i = 0; i < w->n_fds; i++)
		close(w->fds[i]);
	for (int i = 0; i < 2; i++)
		if (w->stop[i] >= 0)
			close(w->stop[i]);
	free(w);
}

writeback_t *
writeback_start(const char *const *files, size_t n_files)
{
	writeback_t *w;

	if (n_files == 0 || (w = calloc(1, sizeof *w)) == NULL)
		return NULL;
	w->stop[0] = w->stop[1] = -1;
	open_files(w, files, n_files);
	if (w->n_fds == 0 || pipe2(w->stop, O_CLOEXEC) < 0 ||
	    !thread_start(&w->thread, run, w)) {
		release(w);
		return NULL;
	}
	return w;
}

unsigned long
writeback_stop(writeback_t *w)
{
	unsigned long rounds;

	if (w == NULL)
		return 0;
	while (write(w->stop[1], "", 1) < 0 && errno == EINTR)
		;
	pthread_join(w->thread, NULL);
	rounds = w->rounds;
	release(w);
	return rounds;
}

#else /* !HAVE_SYNC_FILE_RANGE */

writeback_t *
writeback_start(const char *const *files, size_t n_files)
{
	(void)files;
	(void)n_files;
	return NULL;
}

unsigned long
writeback_stop(writeback_t *w)
{
	(void)w;
	return 0;
}

#endif

size_t
writeback_files(const writeback_t *w)
{
	return w == NULL ? 0 : w->n_fds;
}
