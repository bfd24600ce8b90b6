/*
 * test-walk.c - walk.c: a tree of files walked in byte order of names,
 * hidden names and thesaurus.txt left out, links followed, loops, broken
 * links and special files reported, and a file reached twice kept once.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "factsheet-private.h"
#include "sync.h"
#include "tap.h"
#include "testlib.h"

static char *dir;

/* Makes DIR/NAME: a file holding TEXT, or a directory when TEXT is NULL. */
static void
make(const char *name, const char *text)
{
	char *path = temp_path(dir, name);
	FILE *f;

	if (text == NULL) {
		if (mkdir(path, 0755) != 0)
			printf("# mkdir %s failed\n", path);
	} else if ((f = fopen(path, "w")) != NULL) {
		fputs(text, f);
		fclose(f);
	} else {
		printf("# cannot write %s\n", path);
	}
	free(path);
}

static void
link_to(const char *target, const char *name)
{
	char *path = temp_path(dir, name);

	if (symlink(target, path) != 0)
		printf("# symlink %s failed\n", path);
	free(path);
}

/* The walk's entries, one a line: kind, path below DIR, reason. */
static char *
listing(const walk_t *w)
{
	static const char *const kinds[] = { "file", "skipped", "failed" };
	strbuf_t b = { 0 };
	size_t n = strlen(dir);

	strbuf_puts(&b, "");
	for (size_t i = 0; i < w->n; i++) {
		const walk_entry_t *e = &w->entries[i];
		const char *path = strncmp(e->path, dir, n) == 0 ?
		    e->path + n : e->path;

		strbuf_printf(&b, "%s %s%s%s\n", kinds[e->kind], path,
		    e->reason ? ": " : "", e->reason ? e->reason : "");
	}
	return strbuf_finish(&b);
}

static void
test_tree(void)
{
	const char *paths[] = { dir };
	walk_t w;
	char *got;

	make("b.txt", "bb");
	make("a.txt", "a");
	make(".hidden.txt", "hidden");
	make("thesaurus.txt", "log in, sign in\n");
	make("sub", NULL);
	make("sub/c.md", "# C\n");
	make("sub/.git", NULL);
	make("sub/.git/config", "x");
	link_to("a.txt", "alias.txt");
	link_to("nowhere", "broken");
	link_to("loop", "loop");
	link_to("..", "sub/up");
	{
		char *fifo = temp_path(dir, "fifo");

		if (mkfifo(fifo, 0600) != 0)
			printf("# mkfifo failed\n");
		free(fifo);
	}

	is_int(walk_paths(&w, paths, 1, NULL, 0), 0, "the tree is walked");
	got = listing(&w);
	is_str(got,
	    "file /a.txt\n"
	    "file /b.txt\n"
	    "skipped /broken: broken symbolic link\n"
	    "skipped /fifo: not a regular file (a FIFO)\n"
	    "skipped /loop: symbolic link loop\n"
	    "file /sub/c.md\n"
	    "skipped /sub/up: symbolic link loop (a directory it is in)\n",
	    "byte order; hidden, thesaurus.txt and the link to a.txt left "
	    "out; the rest reported");
	free(got);
	is_int(w.n_roots, 1, "the directory given is a root");
	is_int(w.n_blind, 0, "no directory was unreadable");
	if (w.n > 1) {
		is_int(w.entries[1].size, 2, "b.txt: its size");
		is_int(w.entries[1].real != NULL &&
		    strstr(w.entries[1].real, "/b.txt") != NULL, 1,
		    "b.txt: its real path");
	}
	walk_clear(&w);
}

static void
test_given(void)
{
	char *hidden = temp_path(dir, ".hidden.txt");
	char *a = temp_path(dir, "a.txt");
	char *alias = temp_path(dir, "alias.txt");
	char *missing = temp_path(dir, "missing.txt");
	const char *paths[] = { hidden, alias, a, missing };
	walk_t w;
	char *got;

	is_int(walk_paths(&w, paths, 4, NULL, 0), 0, "files given are walked");
	got = listing(&w);
	is_str(got,
	    "file /.hidden.txt\n"
	    "file /alias.txt\n"
	    "failed /missing.txt: No such file or directory\n",
	    "a hidden file given is taken; a.txt after its link is the "
	    "same file, kept once; a missing one failed");
	free(got);
	is_int(w.n_roots, 0, "no directory given, no root");
	walk_clear(&w);
	free(hidden);
	free(a);
	free(alias);
	free(missing);
}

/* "." walked from inside the tree: paths without "./"; --exclude
 * patterns leave out a file by name and a directory with all it holds. */
static void
test_here_and_excluded(void)
{
	const char *paths[] = { "." };
	const char *exclude[] = { "b.txt", "sub" };
	char *cwd = getcwd(NULL, 0);
	walk_t w;
	char *got;

	if (cwd == NULL || chdir(dir) != 0) {
		ok(0, "chdir %s", dir);
		free(cwd);
		return;
	}
	is_int(walk_paths(&w, paths, 1, exclude, 2), 0, "'.' is walked");
	got = listing(&w);
	is_str(got,
	    "file a.txt\n"
	    "skipped broken: broken symbolic link\n"
	    "skipped fifo: not a regular file (a FIFO)\n"
	    "skipped loop: symbolic link loop\n",
	    "'.': names as given, b.txt and sub/ excluded, the link to "
	    "a.txt the same file");
	free(got);
	walk_clear(&w);
	is_int(walk_paths(&w, paths, 1, (const char *[]){ "sub/*.md" }, 1),
	    0, "'.' is walked again");
	got = listing(&w);
	unlike(got, "c.md", "a pattern on the path below '.' excludes");
	like(got, "sub/up: symbolic link loop", "and leaves the rest of sub/");
	free(got);
	walk_clear(&w);
	if (chdir(cwd) != 0)
		printf("# chdir back to %s failed\n", cwd);
	free(cwd);
}

int
main(void)
{
	if ((dir = temp_dir("test-walk")) == NULL)
		return 1;
	test_tree();
	test_given();
	test_here_and_excluded();
	remove_tree(dir);
	free(dir);
	return done_testing();
}
