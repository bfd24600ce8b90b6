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

#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "writeback.h"

/* A database directory holds a few tables and a version file. */
#define MAX_FILES 16
/* Often enough to start the pages soon after they are written. */
#define INTERVAL_NS (10 * 1000 * 1000L)

struct writeback {
	int fds[MAX_FILES];
	size_t n_fds;
	unsigned long rounds;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake;	/* stop */
	int stopping;
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
 * INTERVAL_NS until stopped. */
static void *
run(void *arg)
{
	writeback_t *w = arg;
	struct timespec next;
	int stopping;

	clock_gettime(CLOCK_MONOTONIC, &next);
	do {
		start_writing(w);
		next.tv_nsec += INTERVAL_NS;
		if (next.tv_nsec >= 1000000000L) {
			next.tv_sec++;
			next.tv_nsec -= 1000000000L;
		}
		pthread_mutex_lock(&w->lock);
		w->rounds++;
		while (!w->stopping && pthread_cond_timedwait(&w->wake,
		    &w->lock, &next) == 0)
			;
		stopping = w->stopping;
		pthread_mutex_unlock(&w->lock);
	} while (!stopping);
	return NULL;
}

/* Opens the regular files directly in DIR, read-only: the kernel writes
 * a file's pages back whichever descriptor asks. */
static void
open_files(writeback_t *w, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (d == NULL)
		return;
	while (w->n_fds < MAX_FILES && (e = readdir(d)) != NULL) {
		struct stat st;
		int fd;

		if (e->d_name[0] == '.')
			continue;
		fd = openat(dirfd(d), e->d_name,
		    O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
		if (fd < 0)
			continue;
		if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
			w->fds[w->n_fds++] = fd;
		else
			close(fd);
	}
	closedir(d);
}

static void
close_files(writeback_t *w)
{
	for (size_t i = 0; i < w->n_fds; i++)
		close(w->fds[i]);
	w->n_fds = 0;
}

writeback_t *
writeback_start(const char *dir)
{
	writeback_t *w;
	pthread_condattr_t attr;
	int made;

	if (dir == NULL || (w = calloc(1, sizeof *w)) == NULL)
		return NULL;
	open_files(w, dir);
	if (w->n_fds == 0) {
		free(w);
		return NULL;
	}
	pthread_mutex_init(&w->lock, NULL);
	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	pthread_cond_init(&w->wake, &attr);
	pthread_condattr_destroy(&attr);
	made = pthread_create(&w->thread, NULL, run, w) == 0;
	if (!made) {
		pthread_cond_destroy(&w->wake);
		pthread_mutex_destroy(&w->lock);
		close_files(w);
		free(w);
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
	pthread_mutex_lock(&w->lock);
	w->stopping = 1;
	pthread_cond_signal(&w->wake);
	pthread_mutex_unlock(&w->lock);
	pthread_join(w->thread, NULL);
	rounds = w->rounds;
	pthread_cond_destroy(&w->wake);
	pthread_mutex_destroy(&w->lock);
	close_files(w);
	free(w);
	return rounds;
}

#else /* !HAVE_SYNC_FILE_RANGE */

writeback_t *
writeback_start(const char *dir)
{
	(void)dir;
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
