/*
 * walk.c - the paths given to the indexer as a list of files: each
 * directory walked recursively, its names in byte order, so that the
 * same tree gives the same order on every machine and in every locale.
 * What cannot be indexed (FIFOs, devices, sockets, symbolic link loops)
 * is listed with the reason, for the caller to report; it never stops
 * the walk.
 */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "factsheet-private.h"
#include "sync.h"

/* A directory being walked, and the one above it: a link back to any
 * of them is a loop. */
typedef struct ancestor {
	dev_t dev;
	ino_t ino;
	const struct ancestor *up;
} ancestor_t;

/* The thesaurus ships beside the fact sheets in corpus/: a folder's
 * thesaurus is configuration, not a publication. */
static const char thesaurus_name[] = "thesaurus.txt";

/* Adds an entry, taking REASON over; NULL when out of memory. */
static walk_entry_t *
add_entry(walk_t *w, walk_kind_t kind, const char *path, char *reason)
{
	walk_entry_t *e;

	if (w->failed || (kind != WALK_FILE && reason == NULL))
		goto fail;
	if (w->n == w->size) {
		size_t size = w->size ? 2 * w->size : 64;
		walk_entry_t *grown = realloc(w->entries,
		    size * sizeof *grown);

		if (grown == NULL)
			goto fail;
		w->entries = grown;
		w->size = size;
	}
	e = &w->entries[w->n];
	memset(e, 0, sizeof *e);
	e->kind = kind;
	e->reason = reason;
	if ((e->path = str_printf("%s", path)) == NULL)
		goto fail;
	w->n++;
	return e;
fail:
	free(reason);
	w->failed = 1;
	return NULL;
}

static void
add_failure(walk_t *w, const char *path, int err)
{
	add_entry(w, WALK_FAILED, path, str_printf("%s", strerror(err)));
}

/* Appends realpath(PATH) to a list of directories; 0, or -1. */
static int
add_dir(char ***list, size_t *n, const char *path)
{
	char *real = realpath(path, NULL);
	char **grown;

	if (real == NULL)
		return 0;	/* gone already: nothing to say about it */
	if ((grown = realloc(*list, (*n + 1) * sizeof *grown)) == NULL) {
		free(real);
		return -1;
	}
	grown[(*n)++] = real;
	*list = grown;
	return 0;
}

static void
add_file(walk_t *w, const char *path, const struct stat *st)
{
	char *real = realpath(path, NULL);
	walk_entry_t *e;

	if (real == NULL) {
		add_failure(w, path, errno);
		return;
	}
	if ((e = add_entry(w, WALK_FILE, path, NULL)) == NULL) {
		free(real);
		return;
	}
	e->real = real;
	e->size = st->st_size;
	e->mtime = st->st_mtim;
}

/* Why a file of mode MODE is not indexed. */
static char *
special_reason(mode_t mode)
{
	const char *what = S_ISFIFO(mode) ? "a FIFO" :
	    S_ISCHR(mode) ? "a character device" :
	    S_ISBLK(mode) ? "a block device" :
	    S_ISSOCK(mode) ? "a socket" : "an unknown kind of file";

	return str_printf("not a regular file (%s)", what);
}

/* Looks PATH up as stat(2) sees it; 0, or -1 with the entry added. */
static int
look(walk_t *w, const char *path, struct stat *st)
{
	struct stat link;
	int err;

	if (stat(path, st) == 0)
		return 0;
	err = errno;
	if (err == ELOOP)
		add_entry(w, WALK_SKIPPED, path,
		    str_printf("symbolic link loop"));
	else if (err == ENOENT && lstat(path, &link) == 0 &&
	    S_ISLNK(link.st_mode))
		add_entry(w, WALK_SKIPPED, path,
		    str_printf("broken symbolic link"));
	else
		add_failure(w, path, err);
	return -1;
}

static int
compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in directory PATH but hidden ones, sorted; -1 on failure
 * with errno set. */
static int
read_names(const char *path, char ***names, size_t *n_names)
{
	DIR *dir = opendir(path);
	struct dirent *d;
	char **list = NULL;
	size_t n = 0, size = 0;
	int err = 0;

	*names = NULL;
	*n_names = 0;
	if (dir == NULL)
		return -1;
	for (;;) {
		errno = 0;
		if ((d = readdir(dir)) == NULL) {
			err = errno;
			break;
		}
		/* Hidden names, "." and ".." among them. */
		if (d->d_name[0] == '.')
			continue;
		if (n == size) {
			size_t grown_size = size ? 2 * size : 32;
			char **grown = realloc(list,
			    grown_size * sizeof *grown);

			if (grown == NULL) {
				err = ENOMEM;
				break;
			}
			list = grown;
			size = grown_size;
		}
		if ((list[n] = str_printf("%s", d->d_name)) == NULL) {
			err = ENOMEM;
			break;
		}
		n++;
	}
	closedir(dir);
	if (err != 0) {
		for (size_t i = 0; i < n; i++)
			free(list[i]);
		free(list);
		errno = err;
		return -1;
	}
	if (n > 0)
		qsort(list, n, sizeof *list, compare_names);
	*names = list;
	*n_names = n;
	return 0;
}

/* Whether --exclude leaves PATH (whose last part is NAME) out. */
static int
excluded(const walk_t *w, const char *path, const char *name)
{
	for (size_t i = 0; i < w->n_exclude; i++)
		if (fnmatch(w->exclude[i], name, 0) == 0 ||
		    fnmatch(w->exclude[i], path, 0) == 0)
			return 1;
	return 0;
}

static void
walk_dir(walk_t *w, const char *path, const struct stat *st,
	 const ancestor_t *up)
{
	ancestor_t self = { st->st_dev, st->st_ino, up };
	char **names;
	size_t n_names;
	size_t len = strlen(path);
	/* "corpus/" and "corpus" both give "corpus/name"; "." gives "name",
	 * as a publication's source drops a leading "./". */
	int here = strcmp(path, ".") == 0 || strcmp(path, "./") == 0;
	const char *sep = len > 0 && path[len - 1] == '/' ? "" : "/";

	if (read_names(path, &names, &n_names) < 0) {
		int err = errno;

		if (err == ENOMEM) {
			w->failed = 1;
			return;
		}
		add_failure(w, path, err);
		if (add_dir(&w->blind, &w->n_blind, path) < 0)
			w->failed = 1;
		return;
	}
	for (size_t i = 0; i < n_names && !w->failed; i++) {
		char *child = here ? str_printf("%s", names[i]) :
		    str_printf("%s%s%s", path, sep, names[i]);
		struct stat cst;
		const ancestor_t *a;

		if (child == NULL) {
			w->failed = 1;
			break;
		}
		if (excluded(w, child, names[i]) || look(w, child, &cst) < 0) {
			free(child);
			continue;
		}
		if (S_ISDIR(cst.st_mode)) {
			for (a = &self; a != NULL; a = a->up)
				if (a->dev == cst.st_dev &&
				    a->ino == cst.st_ino)
					break;
			if (a != NULL)
				add_entry(w, WALK_SKIPPED, child,
				    str_printf("symbolic link loop (a "
				    "directory it is in)"));
			else
				walk_dir(w, child, &cst, &self);
		} else if (S_ISREG(cst.st_mode)) {
			if (strcmp(names[i], thesaurus_name) != 0)
				add_file(w, child, &cst);
		} else {
			add_entry(w, WALK_SKIPPED, child,
			    special_reason(cst.st_mode));
		}
		free(child);
	}
	for (size_t i = 0; i < n_names; i++)
		free(names[i]);
	free(names);
}

static void
free_entry(walk_entry_t *e)
{
	free(e->path);
	free(e->real);
	free(e->reason);
}

/* Orders entries by realpath, then by place in the list. */
static int
compare_real(const void *a, const void *b)
{
	const walk_entry_t *x = *(walk_entry_t *const *)a;
	const walk_entry_t *y = *(walk_entry_t *const *)b;
	int c = strcmp(x->real, y->real);

	return c != 0 ? c : (x > y) - (x < y);
}

/* A file given twice (in two roots, or through a link) is kept where it
 * came first: it is one publication. */
static int
drop_duplicates(walk_t *w)
{
	walk_entry_t **files = malloc((w->n ? w->n : 1) * sizeof *files);
	size_t n_files = 0, kept = 0;

	if (files == NULL)
		return -1;
	for (size_t i = 0; i < w->n; i++)
		if (w->entries[i].kind == WALK_FILE)
			files[n_files++] = &w->entries[i];
	qsort(files, n_files, sizeof *files, compare_real);
	for (size_t k = n_files; k-- > 1;)
		if (strcmp(files[k]->real, files[k - 1]->real) == 0) {
			free_entry(files[k]);
			files[k]->path = NULL;
		}
	free(files);
	for (size_t i = 0; i < w->n; i++)
		if (w->entries[i].path != NULL)
			w->entries[kept++] = w->entries[i];
	w->n = kept;
	return 0;
}

int
walk_paths(walk_t *w, const char *const *paths, size_t n_paths,
	   const char *const *exclude, size_t n_exclude)
{
	memset(w, 0, sizeof *w);
	w->exclude = exclude;
	w->n_exclude = n_exclude;
	for (size_t i = 0; i < n_paths && !w->failed; i++) {
		const char *slash = strrchr(paths[i], '/');
		struct stat st;

		/* A path given is looked at whatever its name: only what a
		 * walk finds is skipped for being hidden.  An excluded one is
		 * left out, as a shell glob may name it. */
		if (excluded(w, paths[i], slash ? slash + 1 : paths[i]))
			continue;
		if (stat(paths[i], &st) < 0) {
			add_failure(w, paths[i], errno);
		} else if (S_ISDIR(st.st_mode)) {
			if (add_dir(&w->roots, &w->n_roots, paths[i]) < 0)
				w->failed = 1;
			else
				walk_dir(w, paths[i], &st, NULL);
		} else if (S_ISREG(st.st_mode)) {
			add_file(w, paths[i], &st);
		} else {
			add_entry(w, WALK_SKIPPED, paths[i],
			    special_reason(st.st_mode));
		}
	}
	if (!w->failed && drop_duplicates(w) < 0)
		w->failed = 1;
	return w->failed ? -1 : 0;
}

void
walk_clear(walk_t *w)
{
	for (size_t i = 0; i < w->n; i++)
		free_entry(&w->entries[i]);
	free(w->entries);
	for (size_t i = 0; i < w->n_roots; i++)
		free(w->roots[i]);
	free(w->roots);
	for (size_t i = 0; i < w->n_blind; i++)
		free(w->blind[i]);
	free(w->blind);
	memset(w, 0, sizeof *w);
}
