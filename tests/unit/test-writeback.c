/*
 * test-writeback.c - the helper that writes a database's pages back
 * while a commit runs watches the regular files it is given and nothing
 * else (no directory, no link, nothing missing), works until it is stopped, leaves signals
 * to the program's threads, and stops cleanly (AddressSanitizer and
 * valgrind, in CI, see any descriptor or thread left behind); with
 * nothing to watch it starts nothing.
 */
#include <config.h>

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "tap.h"
#include "testlib.h"
#include "writeback.h"

static char *tmpdir;

/* Writes SIZE bytes to DIR/NAME, not synced: pages for the helper. */
static int
write_file(const char *dir, const char *name, size_t size)
{
	char *path = str_printf("%s/%s", dir, name);
	static char block[4096];
	int fd = path ? open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644) : -1;
	int ok_ = fd >= 0;

	memset(block, 'x', sizeof block);
	for (size_t done = 0; ok_ && done < size; done += sizeof block)
		ok_ = write(fd, block, sizeof block) == (ssize_t)sizeof block;
	if (fd >= 0)
		close(fd);
	free(path);
	return ok_;
}

/*
 * Whether every thread of this process but the calling one blocks
 * SIGINT, as Linux's /proc shows their masks: signals are for the
 * threads of the program, not the helper.  -1 when there is no other
 * thread or /proc cannot tell.
 */
static int
others_block_sigint(void)
{
	DIR *d = opendir("/proc/self/task");
	struct dirent *e;
	char self[32];
	int seen = 0, all = 1;

	if (d == NULL)
		return -1;
	snprintf(self, sizeof self, "%ld", (long)gettid());
	while ((e = readdir(d)) != NULL) {
		char *path, line[256];
		FILE *f;

		if (e->d_name[0] == '.' || strcmp(e->d_name, self) == 0)
			continue;
		path = str_printf("/proc/self/task/%s/status", e->d_name);
		f = path ? fopen(path, "r") : NULL;
		free(path);
		while (f != NULL && fgets(line, sizeof line, f) != NULL) {
			unsigned long long mask;

			if (sscanf(line, "SigBlk: %llx", &mask) == 1) {
				seen = 1;
				all = all && (mask & (1ULL << (SIGINT - 1)));
			}
		}
		if (f != NULL)
			fclose(f);
	}
	closedir(d);
	return seen ? all : -1;
}

static void
test_nothing_to_watch(void)
{
	char *missing = str_printf("%s/missing", tmpdir);
	char *empty = str_printf("%s/empty", tmpdir);
	const char *files[] = { missing, empty };

	ok(writeback_start(NULL, 0) == NULL, "no file: nothing started");
	ok(writeback_start(files, 1) == NULL,
	    "a file that is not there: nothing started");
	ok(mkdir(empty, 0755) == 0, "made an empty directory");
	ok(writeback_start(files, 2) == NULL,
	    "a missing file and a directory: nothing started");
	is_int(writeback_stop(NULL), 0, "stopping nothing: no round");
	is_int(writeback_files(NULL), 0, "nothing watches no file");
	free(missing);
	free(empty);
}

static void
test_watches_tables(void)
{
	char *db = str_printf("%s/db", tmpdir);
	char *sub = str_printf("%s/db/sub", tmpdir);
	char *link = str_printf("%s/db/link.glass", tmpdir);
	char *target = str_printf("%s/db/postlist.glass", tmpdir);
	char *position = str_printf("%s/db/position.glass", tmpdir);
	char *version = str_printf("%s/db/iamglass", tmpdir);
	const char *files[] = { target, position, version, sub, link };
	const struct timespec pause = { 0, 50 * 1000 * 1000 };
	writeback_t *w;

	is_int(mkdir(db, 0755), 0, "made a database directory");
	is_int(mkdir(sub, 0755), 0, "with a subdirectory");
	ok(write_file(db, "postlist.glass", 4 << 20), "wrote a table");
	ok(write_file(db, "position.glass", 1 << 20), "wrote another table");
	ok(write_file(db, "iamglass", 100), "wrote a version file");
	ok(write_file(sub, "termlist.glass", 4096),
	    "wrote a file one level down");
	is_int(symlink(target, link), 0, "made a link to a table");
	w = writeback_start(files, sizeof files / sizeof *files);
#ifdef HAVE_SYNC_FILE_RANGE
	ok(w != NULL, "a directory of tables: started");
	is_int(writeback_files(w), 3,
	    "watches the two tables and the version file, not the "
	    "subdirectory or the link");
	nanosleep(&pause, NULL);
	is_int(others_block_sigint(), 1,
	    "the helper thread blocks signals, left to the program's own");
	ok(writeback_stop(w) >= 1,
	    "started writing at least once before it was stopped");

	/* Started and stopped at once, many times, as commits do. */
	unsigned long rounds = 0;
	int started = 1;
	for (int i = 0; i < 200; i++) {
		writeback_t *again = writeback_start(files, 3);

		started = started && again != NULL;
		rounds += writeback_stop(again);
	}
	ok(started, "started again 200 times");
	ok(rounds >= 200, "each of those started writing (%lu rounds)",
	    rounds);
#else
	ok(w == NULL, "no sync_file_range here: nothing started");
#endif
	free(db);
	free(sub);
	free(link);
	free(target);
	free(position);
	free(version);
}

int
main(void)
{
	if ((tmpdir = temp_dir("test-writeback")) == NULL)
		return 1;
	test_nothing_to_watch();
	test_watches_tables();
	remove_tree(tmpdir);
	free(tmpdir);
	return done_testing();
}
