/*
 * walk.c - the paths given to the indexer as a list of files: each
 * directory walked with fts(3), its names in byte order, so that the
 * same tree gives the same order on every machine and in every locale.
 * What cannot be indexed (FIFOs, devices, sockets, symbolic link loops)
 * is listed with the reason, for the caller to report; it never stops
 * the walk.
 */
#include <config.h>

#include <errno.h>
#include <fnmatch.h>
#include <fts.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "factsheet-private.h"
#include "sync.h"

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

/* Orders a directory's entries by name, byte by byte. */
static int
compare_names(const FTSENT **a, const FTSENT **b)
{
	return strcmp((*a)->fts_name, (*b)->fts_name);
}

/* What fts(3) found at E, which is not to be skipped, as an entry. */
static void
take(walk_t *w, FTSENT *e, const char *path)
{
	struct stat st;

	switch (e->fts_info) {
	case FTS_F:
		if (strcmp(e->fts_name, thesaurus_name) != 0)
			add_file(w, path, e->fts_statp);
		break;
	case FTS_DC:
		add_entry(w, WALK_SKIPPED, path, str_printf("symbolic link "
		    "loop (a directory it is in)"));
		break;
	case FTS_SLNONE:
		/* fts(3) says so of any link stat(2) fails on; a loop of
		 * links is told apart by stat's errno. */
		if (stat(e->fts_accpath, &st) < 0 && errno == ELOOP)
			add_entry(w, WALK_SKIPPED, path,
			    str_printf("symbolic link loop"));
		else
			add_entry(w, WALK_SKIPPED, path,
			    str_printf("broken symbolic link"));
		break;
	case FTS_NS:
		if (e->fts_errno == ELOOP)
			add_entry(w, WALK_SKIPPED, path,
			    str_printf("symbolic link loop"));
		else
			add_failure(w, path, e->fts_errno);
		break;
	case FTS_DNR:
	case FTS_ERR:
		if (e->fts_errno == ENOMEM) {
			w->failed = 1;
			break;
		}
		add_failure(w, path, e->fts_errno);
		/* A folder not read: what the index has below it stays. */
		if (e->fts_info == FTS_DNR &&
		    add_dir(&w->blind, &w->n_blind, e->fts_accpath) < 0)
			w->failed = 1;
		break;
	case FTS_DEFAULT:
		add_entry(w, WALK_SKIPPED, path,
		    special_reason(e->fts_statp->st_mode));
		break;
	default:
		/* FTS_D: its entries follow; FTS_DP: done with it. */
		break;
	}
}

/*
 * Walks the directory ROOT with fts(3): symbolic links followed, names in
 * byte order, hidden and excluded names left out (a directory with all it
 * holds), the paths as given below ROOT.
 */
static void
walk_dir(walk_t *w, const char *root)
{
	char *const roots[] = { (char *)root, NULL };
	/* "corpus/" and "corpus" both give "corpus/name"; "." gives "name",
	 * as a publication's source drops a leading "./". */
	int here = strcmp(root, ".") == 0 || strcmp(root, "./") == 0;
	FTS *fts = fts_open(roots, FTS_LOGICAL | FTS_NOCHDIR, compare_names);
	FTSENT *e;

	if (fts == NULL) {
		if (errno == ENOMEM)
			w->failed = 1;
		else
			add_failure(w, root, errno);
		return;
	}
	/* fts_read() leaves errno alone at the end, sets it on failure. */
	while (!w->failed && (errno = 0, e = fts_read(fts)) != NULL) {
		const char *path = e->fts_path;

		if (e->fts_level > FTS_ROOTLEVEL) {
			if (here && strncmp(path, "./", 2) == 0)
				path += 2;
			/* Hidden names, and what --exclude names. */
			if (e->fts_info != FTS_DP &&
			    (e->fts_name[0] == '.' ||
			    excluded(w, path, e->fts_name))) {
				if (e->fts_info == FTS_D)
					fts_set(fts, e, FTS_SKIP);
				continue;
			}
		}
		take(w, e, path);
	}
	if (!w->failed && errno != 0)
		add_failure(w, root, errno);
	fts_close(fts);
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
				walk_dir(w, paths[i]);
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
