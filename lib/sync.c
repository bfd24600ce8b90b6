/*
 * sync.c - keeping the index in step with the files and folders given.
 *
 * What is known of each file indexed is kept as database metadata beside
 * its sections, written in the same transaction, so the two never
 * disagree.  The keys hold a hash of the file's realpath (the path itself
 * may be longer than Xapian allows a key); the values are JSON:
 *
 *   file:<hash>    {"path", "source", "title", "size", "mtime", "hash",
 *                   "id", "thesaurus"}
 *   failed:<hash>  {"path", "size", "mtime", "reason"[, "skipped": true
 *                  for a file in a folder that is no publication]}
 *
 * "path" is the realpath, "source" the path as it was indexed, "mtime"
 * "seconds.nanoseconds", "hash" the FNV-1a hash of the content, "id" the
 * publication id whose sections to replace or delete, "thesaurus" the
 * hash of the thesaurus phrases the sections were indexed with.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include <unistr.h>

#include "factsheet-private.h"
#include "pipeline.h"
#include "sync.h"

/* Commit after this many files written, so that an interrupted run
 * keeps most of its work; each commit costs a sync to disk. */
#define COMMIT_EVERY 100

/* How many files are read and parsed ahead of the one being written:
 * enough to keep the second thread busy through a commit, and no more
 * once those waiting hold this many bytes of source between them. */
#define READ_AHEAD 64
#define READ_AHEAD_BYTES (4 << 20)

static const char file_prefix[] = "file:";
static const char failed_prefix[] = "failed:";

/* One file as the database remembers it. */
typedef struct {
	char *key;
	char *path;		/* realpath */
	char *source;		/* file: only */
	char *title;		/* file: only */
	json_int_t size;
	char *mtime;
	char *hash;		/* file: only */
	char *id;		/* file: only */
	char *thesaurus;	/* file: only */
	char *reason;		/* failed: only */
	int skipped;		/* failed: no publication, skipped */
	int seen;		/* found by this run's walk */
} state_t;

typedef struct {
	state_t *items;		/* sorted by path */
	size_t n;
} state_list_t;

/* What a file's size and time tell before reading it. */
typedef enum {
	MUST_READ,
	FAILED_AS_IS,		/* failed before, and has not changed */
	SAME_SIZE_AND_TIME	/* as indexed */
} first_look_t;

/*
 * A file read, parsed and made into documents, on the pipeline's thread
 * ahead of its turn, or when its turn comes.  What it points to is owned
 * until sync_file() takes it over.
 */
typedef struct {
	first_look_t look;	/* read only when MUST_READ */
	factsheet_status_t status;	/* of reading, parsing, making */
	char *message;		/* why not, when status says so */
	int parsed;		/* the failure, if any, came after reading */
	struct stat st;
	const char *not_publication;	/* an image in a folder: why */
	char *hash;
	int same_content;	/* the content indexed already */
	factsheet_publication_t *pub;
	shim_docs_t *docs;	/* NULL when made as written (streamed) */
} prepared_t;

/* A publication of more sections than this has its documents made as
 * they are written, not beforehand on the pipeline's thread: all of a
 * 50,000-section file's Xapian documents at once were most of the
 * memory indexing it took. */
#define STREAM_SECTIONS 2000

static pipeline_prepare_fn prepare_file;
static pipeline_clear_fn prepared_clear;

/* Changes, with the strings they point to, owned. */
typedef struct {
	factsheet_change_t *items;
	size_t n, size;
	int failed;
} change_list_t;

struct factsheet_sync {
	factsheet_db_t *db;	/* NULL in a dry run with no database */
	factsheet_sync_options_t options;
	walk_t walk;
	state_list_t files;
	state_list_t failures;
	state_t **removals;	/* into files */
	size_t n_removals;
	char *thesaurus;	/* the phrases' hash now */
	size_t next;		/* the next walk entry, then removal */
	size_t unsaved;		/* files written since the last commit */
	/* Reading and parsing ahead, on a second thread, when there is
	 * one; documents made there with a builder of its own. */
	pipeline_t *pipeline;
	shim_builder_t *builder;
	/* The item last given, and what it points to.  The publication
	 * and its documents stay in their prepared slot, which the pipeline
	 * frees on its own thread, or in ALONE without one. */
	factsheet_sync_item_t item;
	const factsheet_publication_t *pub;
	shim_docs_t *docs;
	prepared_t alone;
	change_list_t changes;
	char *reason;
};

const char *
factsheet_sync_state_name(factsheet_sync_state_t state)
{
	static const char *const names[] = {
		[FACTSHEET_SYNC_NEW] = "new",
		[FACTSHEET_SYNC_CHANGED] = "changed",
		[FACTSHEET_SYNC_UNCHANGED] = "unchanged",
		[FACTSHEET_SYNC_REMOVED] = "removed",
		[FACTSHEET_SYNC_FAILED] = "failed",
		[FACTSHEET_SYNC_SKIPPED] = "skipped",
	};

	return (unsigned)state < FACTSHEET_SYNC_LAST ? names[state] : "?";
}

const char *
factsheet_change_kind_name(factsheet_change_kind_t kind)
{
	static const char *const names[] = {
		[FACTSHEET_CHANGE_SECTION_ADDED] = "section added",
		[FACTSHEET_CHANGE_SECTION_REMOVED] = "section removed",
		[FACTSHEET_CHANGE_SECTION_CHANGED] = "section changed",
		[FACTSHEET_CHANGE_CONTACT] = "contact",
	};

	return (unsigned)kind < FACTSHEET_CHANGE_LAST ? names[kind] : "?";
}

static char *
state_key(const char *prefix, const char *real)
{
	char *h = hash_hex(hash_string(real));
	char *key = h ? str_printf("%s%s", prefix, h) : NULL;

	free(h);
	return key;
}

static char *
format_mtime(const struct timespec *t)
{
	return str_printf("%lld.%09ld", (long long)t->tv_sec,
	    (long)t->tv_nsec);
}

static factsheet_status_t
out_of_memory(factsheet_sync_t *s)
{
	if (s->db != NULL)
		return db_fail(s->db, FACTSHEET_STATUS_OUT_OF_MEMORY,
		    str_printf("out of memory"));
	return FACTSHEET_STATUS_OUT_OF_MEMORY;
}

/* State ----------------------------------------------------------------- */

static void
state_clear(state_t *st)
{
	free(st->key);
	free(st->path);
	free(st->source);
	free(st->title);
	free(st->mtime);
	free(st->hash);
	free(st->id);
	free(st->thesaurus);
	free(st->reason);
	memset(st, 0, sizeof *st);
}

static void
state_list_clear(state_list_t *list)
{
	for (size_t i = 0; i < list->n; i++)
		state_clear(&list->items[i]);
	free(list->items);
	list->items = NULL;
	list->n = 0;
}

static char *
json_dup(json_t *object, const char *key)
{
	const char *s = json_string_value(json_object_get(object, key));

	return s ? str_printf("%s", s) : NULL;
}

/* Whether S is UTF-8, as JSON strings must be. */
static int
is_utf8(const char *s)
{
	return u8_check((const uint8_t *)s, strlen(s)) == NULL;
}

/*
 * Sets a state's "path" in ROOT to PATH; a path that is not UTF-8, as a
 * file name may be, is kept as bytes, in hex under "path_hex", so that
 * the file is still found unchanged, and removed once gone.  -1 when out
 * of memory.
 */
static int
set_path(json_t *root, const char *path)
{
	strbuf_t hex = { 0 };
	char *s;
	int rc;

	if (is_utf8(path))
		return json_object_set_new(root, "path", json_string(path));
	for (const unsigned char *p = (const unsigned char *)path; *p; p++)
		strbuf_printf(&hex, "%02x", *p);
	if ((s = strbuf_finish(&hex)) == NULL)
		return -1;
	rc = json_object_set_new(root, "path_hex", json_string(s));
	free(s);
	return rc;
}

/* The path set_path() stored in ROOT, or NULL. */
static char *
get_path(json_t *root)
{
	const char *hex = json_string_value(json_object_get(root, "path_hex"));

	return hex ? str_from_hex(hex) : json_dup(root, "path");
}

/* Reads one stored value; 0, or -1 when it is not one we wrote. */
static int
state_parse(state_t *st, const char *key, const char *value, int file)
{
	json_t *root = json_loads(value, 0, NULL);
	int ok;

	memset(st, 0, sizeof *st);
	if (root == NULL)
		return -1;
	st->key = str_printf("%s", key);
	st->path = get_path(root);
	st->size = json_integer_value(json_object_get(root, "size"));
	st->mtime = json_dup(root, "mtime");
	if (file) {
		st->source = json_dup(root, "source");
		st->title = json_dup(root, "title");
		st->hash = json_dup(root, "hash");
		st->id = json_dup(root, "id");
		st->thesaurus = json_dup(root, "thesaurus");
		ok = st->source && st->title && st->hash && st->id &&
		    st->thesaurus;
	} else {
		st->reason = json_dup(root, "reason");
		st->skipped = json_is_true(json_object_get(root, "skipped"));
		ok = st->reason != NULL;
	}
	json_decref(root);
	if (!ok || st->key == NULL || st->path == NULL || st->mtime == NULL) {
		state_clear(st);
		return -1;
	}
	return 0;
}

static int
compare_state(const void *a, const void *b)
{
	return strcmp(((const state_t *)a)->path, ((const state_t *)b)->path);
}

/* Loads every state under PREFIX, sorted by path. */
static factsheet_status_t
state_load(factsheet_sync_t *s, const char *prefix, state_list_t *list)
{
	char **keys, **values;
	size_t n;
	factsheet_status_t status;

	list->items = NULL;
	list->n = 0;
	if (s->db == NULL)
		return FACTSHEET_STATUS_SUCCESS;
	status = db_metadata_list(s->db, prefix, &keys, &values, &n);
	if (status != FACTSHEET_STATUS_SUCCESS)
		return status;
	if ((list->items = calloc(n ? n : 1, sizeof *list->items)) == NULL) {
		db_strings_free(keys, n);
		db_strings_free(values, n);
		return out_of_memory(s);
	}
	/* A value we cannot read is as if there were none: the file is
	 * simply indexed again. */
	for (size_t i = 0; i < n; i++)
		if (state_parse(&list->items[list->n], keys[i], values[i],
		    prefix == file_prefix) == 0)
			list->n++;
	db_strings_free(keys, n);
	db_strings_free(values, n);
	qsort(list->items, list->n, sizeof *list->items, compare_state);
	return FACTSHEET_STATUS_SUCCESS;
}

static state_t *
state_find(const state_list_t *list, const char *path)
{
	state_t probe = { .path = (char *)path };

	if (list->n == 0)
		return NULL;
	return bsearch(&probe, list->items, list->n, sizeof *list->items,
	    compare_state);
}

/* Whether PATH is DIR or below it. */
static int
path_under(const char *path, const char *dir)
{
	size_t len = strlen(dir);

	return strncmp(path, dir, len) == 0 &&
	    (path[len] == '/' || path[len] == '\0' ||
	    (len > 0 && dir[len - 1] == '/'));
}

/* Whether PATH was found by walking a directory, not named itself. */
static int
in_folder(const factsheet_sync_t *s, const char *path)
{
	for (size_t i = 0; i < s->walk.n_roots; i++)
		if (path_under(path, s->walk.roots[i]))
			return 1;
	return 0;
}

/* Whether a remembered file not found now is gone: it was under a
 * directory walked, and not under one that could not be read. */
static int
is_gone(const factsheet_sync_t *s, const state_t *st)
{
	int under_root = 0;

	if (st->seen)
		return 0;
	for (size_t i = 0; i < s->walk.n_roots && !under_root; i++)
		under_root = path_under(st->path, s->walk.roots[i]);
	for (size_t i = 0; i < s->walk.n_blind && under_root; i++)
		if (path_under(st->path, s->walk.blind[i]))
			return 0;
	return under_root;
}

/*
 * PATH as an absolute path without links, also when it is gone: its
 * realpath, else its folder's realpath and its name, else as given made
 * absolute.  NULL when out of memory.
 */
static char *
absolute_path(const char *path)
{
	char *real = realpath(path, NULL), *copy, *slash, *dir, *cwd, *out;
	const char *name;

	if (real != NULL)
		return real;
	if ((copy = str_printf("%s", path)) == NULL)
		return NULL;
	while ((slash = strrchr(copy, '/')) != NULL && slash[1] == '\0' &&
	    slash != copy)
		*slash = '\0';
	if ((slash = strrchr(copy, '/')) == NULL) {
		dir = realpath(".", NULL);
		name = copy;
	} else if (slash == copy) {
		dir = realpath("/", NULL);
		name = copy + 1;
	} else {
		*slash = '\0';
		dir = realpath(copy, NULL);
		name = slash + 1;
	}
	if (dir != NULL) {
		out = str_printf("%s/%s", strcmp(dir, "/") == 0 ? "" : dir,
		    name);
		free(dir);
	} else if (path[0] == '/' || (cwd = getcwd(NULL, 0)) == NULL) {
		out = str_printf("%s", path);
	} else {
		out = str_printf("%s/%s", cwd, path);
		free(cwd);
	}
	free(copy);
	return out;
}

/*
 * --remove: each path given, and the publication whose source is written
 * as it, become roots under which every file is gone.  A path that names
 * nothing in the index fails, naming it.
 */
static factsheet_status_t
removal_roots(factsheet_sync_t *s, const char *const *paths, size_t n)
{
	walk_t *w = &s->walk;

	if ((w->roots = calloc(2 * n + 1, sizeof *w->roots)) == NULL)
		return out_of_memory(s);
	for (size_t i = 0; i < n; i++) {
		size_t before = w->n_roots;
		int found = 0;

		if ((w->roots[w->n_roots++] = absolute_path(paths[i])) ==
		    NULL)
			return out_of_memory(s);
		for (size_t k = 0; k < s->files.n; k++)
			if (strcmp(s->files.items[k].source, paths[i]) == 0 &&
			    (w->roots[w->n_roots++] = str_printf("%s",
			    s->files.items[k].path)) == NULL)
				return out_of_memory(s);
		for (size_t k = 0; k < s->files.n && !found; k++)
			for (size_t r = before; r < w->n_roots && !found; r++)
				found = path_under(s->files.items[k].path,
				    w->roots[r]);
		if (!found)
			return db_fail(s->db, FACTSHEET_STATUS_FILE_ERROR,
			    str_printf("%s: not in the index", paths[i]));
	}
	return FACTSHEET_STATUS_SUCCESS;
}

/* The JSON value of a file's state; NULL when out of memory. */
static char *
file_state_json(const factsheet_sync_t *s, const char *real,
		const char *source, const char *title, const struct stat *st,
		const char *hash, const char *id)
{
	char *mtime = format_mtime(&st->st_mtim), *out = NULL;
	json_t *root = mtime ? json_pack("{s:s, s:s, s:I, s:s, s:s, "
	    "s:s, s:s}", "source", source, "title", title,
	    "size", (json_int_t)st->st_size, "mtime", mtime, "hash", hash,
	    "id", id, "thesaurus", s->thesaurus) : NULL;

	if (root != NULL && set_path(root, real) == 0)
		out = json_dumps(root, JSON_COMPACT);
	json_decref(root);
	free(mtime);
	return out;
}

/* Changes ---------------------------------------------------------------- */

static void
changes_clear(change_list_t *list)
{
	for (size_t i = 0; i < list->n; i++) {
		factsheet_change_t *c = &list->items[i];

		free((char *)c->slug);
		free((char *)c->heading);
		free((char *)c->label);
		free((char *)c->old_value);
		free((char *)c->new_value);
	}
	free(list->items);
	memset(list, 0, sizeof *list);
}

static char *
dup_or_null(const char *s)
{
	return s ? str_printf("%s", s) : NULL;
}

/* Adds a change, copying its strings. */
static void
change_add(change_list_t *list, factsheet_change_kind_t kind,
	   const factsheet_section_t *section, const char *label,
	   factsheet_contact_kind_t contact_kind, const char *old_value,
	   const char *new_value)
{
	factsheet_change_t *c;

	if (list->failed)
		return;
	if (list->n == list->size) {
		size_t size = list->size ? 2 * list->size : 16;
		factsheet_change_t *grown = realloc(list->items,
		    size * sizeof *grown);

		if (grown == NULL) {
			list->failed = 1;
			return;
		}
		list->items = grown;
		list->size = size;
	}
	c = &list->items[list->n++];
	c->kind = kind;
	c->slug = dup_or_null(section->slug);
	c->heading = dup_or_null(section->heading);
	c->label = dup_or_null(label);
	c->contact_kind = contact_kind;
	c->old_value = dup_or_null(old_value);
	c->new_value = dup_or_null(new_value);
	if (c->slug == NULL || c->heading == NULL ||
	    (label != NULL && c->label == NULL) ||
	    (old_value != NULL && c->old_value == NULL) ||
	    (new_value != NULL && c->new_value == NULL))
		list->failed = 1;
}

/*
 * The contacts of a changed section, kind by kind: values in both are
 * left out, and the others paired in order, so that a number replaced by
 * another reads "old -> new" and one added or dropped has only one side.
 */
static void
diff_contacts(change_list_t *list, const factsheet_section_t *old,
	      const factsheet_section_t *new)
{
	const char *base = new->solution_heading ? new->solution_heading :
	    new->heading;
	size_t n_old = old->n_contacts, n_new = new->n_contacts;
	const char **gone = calloc(n_old + 1, sizeof *gone);
	const char **added = calloc(n_new + 1, sizeof *added);
	char *used = calloc(n_new + 1, 1);

	if (gone == NULL || added == NULL || used == NULL) {
		list->failed = 1;
		goto out;
	}
	for (int k = 0; k < FACTSHEET_CONTACT_LAST; k++) {
		size_t n_gone = 0, n_added = 0;
		char *label;

		for (size_t i = 0; i < n_old; i++) {
			size_t j;

			if ((int)old->contacts[i].kind != k)
				continue;
			for (j = 0; j < n_new; j++)
				if (!used[j] &&
				    (int)new->contacts[j].kind == k &&
				    strcmp(new->contacts[j].value,
				    old->contacts[i].value) == 0)
					break;
			if (j < n_new)
				used[j] = 1;
			else
				gone[n_gone++] = old->contacts[i].value;
		}
		for (size_t j = 0; j < n_new; j++)
			if (!used[j] && (int)new->contacts[j].kind == k)
				added[n_added++] = new->contacts[j].value;
		if (n_gone == 0 && n_added == 0)
			continue;
		label = str_printf("%s %s", base,
		    factsheet_contact_kind_name((factsheet_contact_kind_t)k));
		if (label == NULL) {
			list->failed = 1;
			break;
		}
		for (size_t i = 0; i < n_gone || i < n_added; i++)
			change_add(list, FACTSHEET_CHANGE_CONTACT, new, label,
			    (factsheet_contact_kind_t)k,
			    i < n_gone ? gone[i] : NULL,
			    i < n_added ? added[i] : NULL);
		free(label);
	}
out:
	free(gone);
	free(added);
	free(used);
}

/* A stored record as JSON, without where the section sits in the file:
 * text moved down a line is not a changed section. */
static json_t *
record_content(const char *json)
{
	json_t *root = json_loads(json, 0, NULL);

	if (root != NULL) {
		json_object_del(root, "line");
		json_object_del(root, "page");
	}
	return root;
}

/* Whether VIEW, a section or piece of PUB, is stored as OLD_JSON says,
 * where it sits in the file aside; sets *FAILED out of memory. */
static int
same_record(const factsheet_publication_t *pub,
	    const factsheet_section_t *view, const char *old_json,
	    int *failed)
{
	char *json = record_to_json(pub, view);
	json_t *a = json ? record_content(json) : NULL;
	json_t *b = record_content(old_json);
	/* An old record we cannot read counts as changed. */
	int same = a && b && json_equal(a, b);

	if (json == NULL || a == NULL)
		*failed = 1;
	json_decref(a);
	json_decref(b);
	free(json);
	return same;
}

/*
 * Whether section S of PUB is stored as it was: its record against the
 * old one at FIRST, and for a section in pieces, each piece against the
 * old piece of its number, of the N_OLD records OLD (read where OK).
 */
static int
same_section(const factsheet_publication_t *pub, const factsheet_section_t *s,
	     const record_t *old, char **old_json, const char *ok,
	     size_t n_old, size_t first, int *failed)
{
	piece_iter_t it;
	factsheet_section_t view;
	unsigned had = old[first].section.pieces, k = 0;
	int same = 1, got;

	piece_start(&it, s);
	if (it.pieces != (had > 1 ? had : 1))
		return 0;
	while (same && (got = piece_next(&it, &view)) == 1) {
		size_t j = first;

		if (++k > 1) {
			for (j = 0; j < n_old; j++)
				if (ok[j] && old[j].section.piece == k &&
				    strcmp(old[j].section.slug, s->slug) == 0)
					break;
		}
		same = j < n_old && same_record(pub, &view, old_json[j],
		    failed);
		piece_clear(&view);
	}
	if (got < 0)
		*failed = 1;
	return same;
}

/*
 * The sections of PUB (NULL when it is gone) against the N_OLD records
 * stored for it: added, removed, and changed with their contacts.
 */
static void
diff_publication(change_list_t *list, const factsheet_publication_t *pub,
		 char **old_json, size_t n_old)
{
	record_t *old = calloc(n_old + 1, sizeof *old);
	char *ok = calloc(n_old + 1, 1), *matched = calloc(n_old + 1, 1);
	size_t n_new = pub ? pub->n_sections : 0;

	if (old == NULL || ok == NULL || matched == NULL) {
		list->failed = 1;
		goto out;
	}
	/* A section stored in pieces is compared by its first: the
	 * others are neither added nor removed sections. */
	for (size_t i = 0; i < n_old; i++) {
		ok[i] = record_from_json(old_json[i], &old[i]) == 0;
		if (ok[i] && old[i].section.piece > 1)
			matched[i] = 1;
	}
	for (size_t j = 0; j < n_new; j++) {
		const factsheet_section_t *s = &pub->sections[j];
		size_t i;
		int same;

		for (i = 0; i < n_old; i++)
			if (ok[i] && !matched[i] &&
			    strcmp(old[i].section.slug, s->slug) == 0)
				break;
		if (i == n_old) {
			change_add(list, FACTSHEET_CHANGE_SECTION_ADDED, s,
			    NULL, FACTSHEET_CONTACT_LAST, NULL, NULL);
			continue;
		}
		matched[i] = 1;
		same = same_section(pub, s, old, old_json, ok, n_old, i,
		    &list->failed);
		if (same)
			continue;
		change_add(list, FACTSHEET_CHANGE_SECTION_CHANGED, s, NULL,
		    FACTSHEET_CONTACT_LAST, NULL, NULL);
		diff_contacts(list, &old[i].section, s);
	}
	for (size_t i = 0; i < n_old; i++)
		if (ok[i] && !matched[i])
			change_add(list, FACTSHEET_CHANGE_SECTION_REMOVED,
			    &old[i].section, NULL, FACTSHEET_CONTACT_LAST,
			    NULL, NULL);
out:
	for (size_t i = 0; old && ok && i < n_old; i++)
		if (ok[i])
			record_clear(&old[i]);
	free(old);
	free(ok);
	free(matched);
}

/* The sync -------------------------------------------------------------- */

factsheet_status_t
factsheet_sync_begin(factsheet_db_t *db, const char *const *paths,
		     size_t n_paths, const factsheet_sync_options_t *options,
		     factsheet_sync_t **out)
{
	factsheet_sync_t *s;
	factsheet_status_t status;

	*out = NULL;
	if ((s = calloc(1, sizeof *s)) == NULL)
		return db ? db_fail(db, FACTSHEET_STATUS_OUT_OF_MEMORY,
		    str_printf("out of memory")) :
		    FACTSHEET_STATUS_OUT_OF_MEMORY;
	s->db = db;
	if (options != NULL)
		s->options = *options;
	if (db == NULL && !s->options.dry_run) {
		free(s);
		return FACTSHEET_STATUS_DATABASE_ERROR;
	}
	if (s->options.remove) {
		memset(&s->walk, 0, sizeof s->walk);
	} else if (walk_paths(&s->walk, paths, n_paths, s->options.exclude,
	    s->options.n_exclude) < 0) {
		status = out_of_memory(s);
		goto fail;
	}
	if ((status = state_load(s, file_prefix, &s->files)) !=
	    FACTSHEET_STATUS_SUCCESS ||
	    (status = state_load(s, failed_prefix, &s->failures)) !=
	    FACTSHEET_STATUS_SUCCESS)
		goto fail;
	if (db != NULL) {
		if ((status = db_phrases_fingerprint(db, &s->thesaurus)) !=
		    FACTSHEET_STATUS_SUCCESS)
			goto fail;
	} else if ((s->thesaurus = str_printf("%s", "")) == NULL) {
		status = out_of_memory(s);
		goto fail;
	}
	if (s->options.remove &&
	    (status = removal_roots(s, paths, n_paths)) !=
	    FACTSHEET_STATUS_SUCCESS)
		goto fail;
	for (size_t i = 0; i < s->walk.n; i++) {
		const walk_entry_t *e = &s->walk.entries[i];
		state_t *st;

		if (e->kind != WALK_FILE)
			continue;
		if ((st = state_find(&s->files, e->real)) != NULL)
			st->seen = 1;
		if ((st = state_find(&s->failures, e->real)) != NULL)
			st->seen = 1;
	}
	s->removals = calloc(s->files.n + 1, sizeof *s->removals);
	if (s->removals == NULL) {
		status = out_of_memory(s);
		goto fail;
	}
	for (size_t i = 0; i < s->files.n; i++)
		if (is_gone(s, &s->files.items[i]))
			s->removals[s->n_removals++] = &s->files.items[i];
	if (!s->options.dry_run) {
		if ((status = db_ready_to_make(db)) !=
		    FACTSHEET_STATUS_SUCCESS)
			goto fail;
		if ((status = shim_builder_new(db_shim(db), &s->builder)) !=
		    FACTSHEET_STATUS_SUCCESS) {
			db_fail_shim(db, status);
			goto fail;
		}
	}
	/* Without a second thread, each file is prepared in its turn. */
	if (s->walk.n > 1)
		s->pipeline = pipeline_start(s->walk.n, READ_AHEAD,
		    READ_AHEAD_BYTES, sizeof(prepared_t), prepare_file,
		    prepared_clear, s);
	*out = s;
	return FACTSHEET_STATUS_SUCCESS;
fail:
	factsheet_sync_free(s);
	return status;
}

size_t
factsheet_sync_total(const factsheet_sync_t *s)
{
	return s->walk.n + s->n_removals;
}

/* Forgets what the last item pointed to. */
static void
item_reset(factsheet_sync_t *s)
{
	s->pub = NULL;
	s->docs = NULL;
	if (s->pipeline == NULL)
		prepared_clear(s, &s->alone);
	changes_clear(&s->changes);
	free(s->reason);
	s->reason = NULL;
	memset(&s->item, 0, sizeof s->item);
}

/* Commits once enough files have been written since the last time. */
static factsheet_status_t
written(factsheet_sync_t *s)
{
	if (++s->unsaved < COMMIT_EVERY)
		return FACTSHEET_STATUS_SUCCESS;
	s->unsaved = 0;
	return db_commit_some(s->db);
}

/*
 * The item for a file that failed: MESSAGE (taken over) names it as
 * "PATH: reason"; the reason is kept, and remembered with the file's
 * size and time unless REMEMBER is 0 (out of memory is no fault of the
 * file's).
 */
static factsheet_status_t
file_failed(factsheet_sync_t *s, const walk_entry_t *e, char *message,
	    const struct stat *st, int remember, int skipped)
{
	const char *reason = message ? message : "out of memory";
	/* A name that is not UTF-8 is read, and named, escaped. */
	char *shown = is_utf8(e->path) ? NULL : factsheet_escape(e->path, NULL);
	const char *path = shown ? shown : e->path;
	factsheet_status_t status = FACTSHEET_STATUS_SUCCESS;

	/* Messages name the file as given, or as a publication's source,
	 * which drops a leading "./". */
	for (int i = 0; i < 2; i++) {
		size_t len = strlen(path);

		if (strncmp(reason, path, len) == 0 && reason[len] == ':' &&
		    reason[len + 1] == ' ') {
			reason += len + 2;
			break;
		}
		path = file_source_name(path);
	}
	s->reason = str_printf("%s", reason);
	free(shown);
	free(message);
	if (s->reason == NULL)
		return out_of_memory(s);
	s->item.state = skipped ? FACTSHEET_SYNC_SKIPPED :
	    FACTSHEET_SYNC_FAILED;
	s->item.reason = s->reason;
	if (remember && !s->options.dry_run) {
		char *key = state_key(failed_prefix, e->real);
		char *mtime = format_mtime(&st->st_mtim), *value = NULL;
		json_t *root = mtime ? json_pack("{s:I, s:s, s:s}",
		    "size", (json_int_t)st->st_size,
		    "mtime", mtime, "reason", s->reason) : NULL;

		if (root != NULL && skipped)
			json_object_set_new(root, "skipped", json_true());

		if (root != NULL && set_path(root, e->real) == 0)
			value = json_dumps(root, JSON_COMPACT);
		if (key == NULL || value == NULL)
			status = out_of_memory(s);
		else if ((status = db_set_metadata(s->db, key, value)) ==
		    FACTSHEET_STATUS_SUCCESS)
			status = written(s);
		json_decref(root);
		free(value);
		free(mtime);
		free(key);
	}
	return status;
}

/* A file unchanged but for its time: remember the new time, so the next
 * run need not read it, and forget that it once failed. */
static factsheet_status_t
refresh_state(factsheet_sync_t *s, const walk_entry_t *e,
	      const state_t *old, const state_t *failure,
	      const struct stat *st)
{
	char *value;
	factsheet_status_t status = FACTSHEET_STATUS_SUCCESS;

	if (s->options.dry_run)
		return status;
	if (failure != NULL &&
	    (status = db_set_metadata(s->db, failure->key, "")) !=
	    FACTSHEET_STATUS_SUCCESS)
		return status;
	value = file_state_json(s, e->real, old->source, old->title, st,
	    old->hash, old->id);
	if (value == NULL)
		return out_of_memory(s);
	if ((status = db_set_metadata(s->db, old->key, value)) ==
	    FACTSHEET_STATUS_SUCCESS)
		status = written(s);
	free(value);
	return status;
}

static int
same_time(const state_t *st, const struct timespec *t)
{
	char *mtime = format_mtime(t);
	int same = mtime != NULL && strcmp(mtime, st->mtime) == 0;

	free(mtime);
	return same;
}

/* Indexes PUB, read from E with stat ST and content HASH. */
static factsheet_status_t
index_file(factsheet_sync_t *s, const walk_entry_t *e, const state_t *old,
	   const struct stat *st, const char *hash)
{
	const factsheet_publication_t *pub = s->pub;
	char **records = NULL, *file_key = NULL, *failed_key = NULL;
	char *value = NULL;
	size_t n_records = 0;
	factsheet_status_t status = FACTSHEET_STATUS_SUCCESS;

	/* The sections indexed now, to diff, and to tell a file new to
	 * the sync from one indexed before it kept state. */
	if (s->db != NULL && (s->options.report || old == NULL) &&
	    (status = db_publication_records(s->db, pub->id, &records,
	    &n_records)) != FACTSHEET_STATUS_SUCCESS)
		return status;
	s->item.state = old != NULL || n_records > 0 ?
	    FACTSHEET_SYNC_CHANGED : FACTSHEET_SYNC_NEW;
	s->item.publication = pub;
	s->item.title = pub->title;
	if (s->options.report) {
		diff_publication(&s->changes, pub, records, n_records);
		if (s->changes.failed) {
			status = out_of_memory(s);
			goto out;
		}
		s->item.changes = s->changes.items;
		s->item.n_changes = s->changes.n;
	}
	if (s->options.dry_run)
		goto out;
	file_key = state_key(file_prefix, e->real);
	failed_key = state_key(failed_prefix, e->real);
	value = file_state_json(s, e->real, pub->source, pub->title, st, hash,
	    pub->id);
	if (file_key == NULL || failed_key == NULL || value == NULL) {
		status = out_of_memory(s);
		goto out;
	}
	{
		const char *keys[] = { file_key, failed_key };
		const char *values[] = { value, "" };

		if (pub->n_sections > STREAM_SECTIONS)
			status = db_write_streamed(s->db, pub, keys, values,
			    2);
		else
			status = db_write_docs(s->db, pub->id, s->docs, keys,
			    values, 2);
	}
	if (status == FACTSHEET_STATUS_SUCCESS)
		status = written(s);
out:
	db_strings_free(records, n_records);
	free(file_key);
	free(failed_key);
	free(value);
	return status;
}

static first_look_t
first_look(const factsheet_sync_t *s, const walk_entry_t *e)
{
	const state_t *old = state_find(&s->files, e->real);
	const state_t *failure = state_find(&s->failures, e->real);

	/* A failure is not retried until the file changes: it would only
	 * fail the same way, at the cost of reading it. */
	if (failure != NULL && !s->options.retry_failed && !s->options.force &&
	    failure->size == (json_int_t)e->size &&
	    same_time(failure, &e->mtime) &&
	    (!failure->skipped || in_folder(s, e->real)))
		return FAILED_AS_IS;
	/* Same size and time: taken as unchanged without reading it. */
	if (old != NULL && failure == NULL && !s->options.force &&
	    old->size == (json_int_t)e->size && same_time(old, &e->mtime) &&
	    strcmp(old->thesaurus, s->thesaurus) == 0)
		return SAME_SIZE_AND_TIME;
	return MUST_READ;
}

/*
 * Reads, parses and makes documents of walk entry I into P.  Reads S
 * and writes nothing but P, so that it can run on the pipeline's thread
 * while the sync writes.
 */
static size_t
prepare_file(void *context, size_t i, void *slot)
{
	const factsheet_sync_t *s = context;
	const walk_entry_t *e = &s->walk.entries[i];
	const state_t *old;
	prepared_t *p = slot;
	char *bytes = NULL, *shown = NULL, *id;
	size_t len;

	if (e->kind != WALK_FILE ||
	    (p->look = first_look(s, e)) != MUST_READ)
		return 0;
	p->st.st_size = e->size;
	p->st.st_mtim = e->mtime;
	if ((p->status = file_read(e->path, &bytes, &len, &p->st,
	    &p->message)) != FACTSHEET_STATUS_SUCCESS)
		return 0;
	/* An image beside the pages of a folder is no failure; one named
	 * on its own is, as the reader says. */
	if (in_folder(s, e->real) &&
	    (p->not_publication = format_not_publication(bytes, len)) != NULL)
		goto out;
	p->parsed = 1;
	if ((p->hash = hash_hex(hash_add(HASH_START, bytes, len))) == NULL) {
		p->status = FACTSHEET_STATUS_OUT_OF_MEMORY;
		goto out;
	}
	/* Touched, or copied back as it was: the same content. */
	old = state_find(&s->files, e->real);
	if (old != NULL && !s->options.force &&
	    old->size == (json_int_t)len && strcmp(old->hash, p->hash) == 0 &&
	    strcmp(old->thesaurus, s->thesaurus) == 0) {
		p->same_content = 1;
		goto out;
	}
	/* A name that is not UTF-8 is read as bytes and shown escaped
	 * ("b\\xff.txt"): the index keeps text as UTF-8 (records, JSON). */
	if (!is_utf8(e->path) &&
	    (shown = factsheet_escape(e->path, NULL)) == NULL) {
		p->status = FACTSHEET_STATUS_OUT_OF_MEMORY;
		goto out;
	}
	p->status = factsheet_publication_parse(shown ? shown : e->path,
	    bytes, len, &p->pub, &p->message);
	/* Its id is its real path's, bytes and all, as for any other. */
	if (shown != NULL && p->status == FACTSHEET_STATUS_SUCCESS &&
	    (id = hash_hex(hash_string(e->real))) != NULL) {
		free(p->pub->id);
		p->pub->id = id;
	} else if (shown != NULL && p->status == FACTSHEET_STATUS_SUCCESS) {
		p->status = FACTSHEET_STATUS_OUT_OF_MEMORY;
	}
	/* The publication holds what it needs of them. */
	free(bytes);
	bytes = NULL;
	if (p->status != FACTSHEET_STATUS_SUCCESS || s->options.dry_run)
		goto out;
	/* A warning, not a failure. */
	free(p->message);
	p->message = NULL;
	if (s->builder != NULL && p->pub->n_sections <= STREAM_SECTIONS)
		p->status = db_make_docs(s->db, s->builder, p->pub, &p->docs,
		    &p->message);
out:
	free(bytes);
	free(shown);
	/* What the publication and its documents hold grows with its
	 * source. */
	return p->pub != NULL ? len : 0;
}

static void
prepared_clear(void *context, void *slot)
{
	prepared_t *p = slot;

	(void)context;
	free(p->message);
	free(p->hash);
	factsheet_publication_free(p->pub);
	shim_docs_free(p->docs);
	memset(p, 0, sizeof *p);
}

static factsheet_status_t
sync_file(factsheet_sync_t *s, const walk_entry_t *e, prepared_t *p)
{
	const state_t *old = state_find(&s->files, e->real);
	const state_t *failure = state_find(&s->failures, e->real);
	factsheet_status_t status;

	switch (p->look) {
	case FAILED_AS_IS:
		s->item.state = failure->skipped ? FACTSHEET_SYNC_SKIPPED :
		    FACTSHEET_SYNC_FAILED;
		s->item.reason = failure->reason;
		s->item.failed_before = 1;
		return FACTSHEET_STATUS_SUCCESS;
	case SAME_SIZE_AND_TIME:
		s->item.state = FACTSHEET_SYNC_UNCHANGED;
		s->item.title = old->title;
		return FACTSHEET_STATUS_SUCCESS;
	case MUST_READ:
		break;
	}
	/* Remembered, so that it is reported once, not on every run. */
	if (p->not_publication != NULL)
		return file_failed(s, e, str_printf("%s", p->not_publication),
		    &p->st, 1, 1);
	if (p->status == FACTSHEET_STATUS_OUT_OF_MEMORY && p->parsed &&
	    p->pub == NULL && p->message == NULL)
		return out_of_memory(s);
	if (p->status != FACTSHEET_STATUS_SUCCESS && p->pub == NULL) {
		/* Taken over by file_failed. */
		char *message = p->message;

		p->message = NULL;
		return file_failed(s, e, message, &p->st,
		    p->status != FACTSHEET_STATUS_OUT_OF_MEMORY, 0);
	}
	if (p->same_content) {
		s->item.state = FACTSHEET_SYNC_UNCHANGED;
		s->item.title = old->title;
		return refresh_state(s, e, old, failure, &p->st);
	}
	/* Making the documents failed: no fault of the file's. */
	if (p->status != FACTSHEET_STATUS_SUCCESS) {
		status = db_fail(s->db, p->status, p->message);
		p->message = NULL;
		return status;
	}
	/* Freed with the slot: on the pipeline's thread, not here, where
	 * it was a tenth of this thread's time. */
	s->pub = p->pub;
	s->docs = p->docs;
	return index_file(s, e, old, &p->st, p->hash);
}

static factsheet_status_t
sync_removal(factsheet_sync_t *s, const state_t *gone)
{
	char **records = NULL, *failed_key = NULL;
	size_t n_records = 0;
	factsheet_status_t status = FACTSHEET_STATUS_SUCCESS;

	s->item.state = FACTSHEET_SYNC_REMOVED;
	s->item.source = gone->source;
	s->item.title = gone->title;
	if (s->options.report) {
		if ((status = db_publication_records(s->db, gone->id,
		    &records, &n_records)) != FACTSHEET_STATUS_SUCCESS)
			return status;
		diff_publication(&s->changes, NULL, records, n_records);
		db_strings_free(records, n_records);
		if (s->changes.failed)
			return out_of_memory(s);
		s->item.changes = s->changes.items;
		s->item.n_changes = s->changes.n;
	}
	if (s->options.dry_run)
		return status;
	if ((failed_key = state_key(failed_prefix, gone->path)) == NULL)
		return out_of_memory(s);
	{
		const char *keys[] = { gone->key, failed_key };
		const char *values[] = { "", "" };

		status = db_delete_publication(s->db, gone->id, keys, values,
		    2);
	}
	free(failed_key);
	if (status == FACTSHEET_STATUS_SUCCESS)
		status = written(s);
	return status;
}

factsheet_status_t
factsheet_sync_next(factsheet_sync_t *s, const factsheet_sync_item_t **item)
{
	factsheet_status_t status = FACTSHEET_STATUS_SUCCESS;

	*item = NULL;
	item_reset(s);
	if (s->next < s->walk.n) {
		const walk_entry_t *e = &s->walk.entries[s->next++];

		prepared_t *p = &s->alone;

		if (s->pipeline != NULL)
			p = pipeline_take(s->pipeline, s->next - 1);
		else
			(void)prepare_file(s, s->next - 1, p);
		s->item.source = e->path;
		switch (e->kind) {
		case WALK_FILE:
			status = sync_file(s, e, p);
			break;
		case WALK_SKIPPED:
			s->item.state = FACTSHEET_SYNC_SKIPPED;
			s->item.reason = e->reason;
			break;
		default:
			s->item.state = FACTSHEET_SYNC_FAILED;
			s->item.reason = e->reason;
			break;
		}
	} else if (s->next < s->walk.n + s->n_removals) {
		status = sync_removal(s, s->removals[s->next++ - s->walk.n]);
	} else {
		return FACTSHEET_STATUS_SUCCESS;
	}
	if (status == FACTSHEET_STATUS_SUCCESS)
		*item = &s->item;
	return status;
}

factsheet_status_t
factsheet_sync_end(factsheet_sync_t *s)
{
	factsheet_status_t status;

	item_reset(s);
	if (s->options.dry_run)
		return FACTSHEET_STATUS_SUCCESS;
	/* A file that failed and is gone has nothing left to retry. */
	for (size_t i = 0; i < s->failures.n; i++) {
		const state_t *f = &s->failures.items[i];

		if (is_gone(s, f) &&
		    (status = db_set_metadata(s->db, f->key, "")) !=
		    FACTSHEET_STATUS_SUCCESS)
			return status;
	}
	/* For --stats. */
	{
		char when[32];
		time_t now = time(NULL);
		struct tm tm;

		strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ",
		    gmtime_r(&now, &tm));
		if ((status = db_set_metadata(s->db, "last-run", when)) !=
		    FACTSHEET_STATUS_SUCCESS)
			return status;
	}
	s->unsaved = 0;
	return factsheet_db_commit(s->db);
}

void
factsheet_sync_free(factsheet_sync_t *s)
{
	if (s == NULL)
		return;
	/* First: its thread reads what follows. */
	pipeline_stop(s->pipeline);
	s->pipeline = NULL;
	shim_builder_free(s->builder);
	item_reset(s);
	walk_clear(&s->walk);
	state_list_clear(&s->files);
	state_list_clear(&s->failures);
	free(s->removals);
	free(s->thesaurus);
	free(s);
}
