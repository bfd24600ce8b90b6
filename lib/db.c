/*
 * db.c - opening databases and turning a parsed publication into one
 * document per section: each section's fields, normalized, with the
 * weights of the field table.
 */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "factsheet-private.h"
#include "lexicon.h"
#include "sync.h"
#include "writeback.h"
#include "xapian-shim.h"

struct factsheet_db {
	shim_db_t *shim;
	/* When open for writing: the spelling data, written beside. */
	lexicon_t *lexicon;
	/* The database's directory, when open for writing: its files are
	 * written back while a commit runs. */
	char *path;
	char *error;
	/* The thesaurus phrases documents carry as terms, loaded once. */
	char **phrases;
	size_t n_phrases;
	int phrases_loaded;
	/* What the thesaurus says people ask for: "kind\tphrase" lines. */
	char *intent;
};

static factsheet_status_t commit(factsheet_db_t *db, int all);

/* Where the thesaurus's contact kinds are kept in the database. */
static const char intent_key[] = "factsheet:intent";
/* Which thesaurus the database holds: the file it came from, or "none". */
static const char thesaurus_key[] = "factsheet:thesaurus";

/* Keeps the message of the last failure, from the shim or our own. */
static factsheet_status_t
fail(factsheet_db_t *db, factsheet_status_t status, char *message)
{
	free(db->error);
	db->error = message;
	return status;
}

static factsheet_status_t
fail_shim(factsheet_db_t *db, factsheet_status_t status)
{
	return fail(db, status, str_printf("%s", shim_db_error(db->shim)));
}

/* Whether DIR holds an entry NAME. */
static int
file_in(const char *dir, const char *name)
{
	char *p = str_printf("%s/%s", dir, name);
	int found = p != NULL && access(p, F_OK) == 0;

	free(p);
	return found;
}

/* Whether folder PATH holds a Xapian database, or nothing at all. */
static int
empty_or_database(const char *path)
{
	DIR *dir = opendir(path);
	struct dirent *d;
	int ok = 1;

	if (dir == NULL)
		return 1;	/* Xapian says why it cannot open it */
	while (ok && (d = readdir(dir)) != NULL)
		ok = strcmp(d->d_name, ".") == 0 ||
		    strcmp(d->d_name, "..") == 0;
	closedir(dir);
	if (ok)
		return 1;
	return file_in(path, "iamglass") || file_in(path, "iamchert") ||
	    file_in(path, "XAPIANDB");
}

/*
 * Why PATH is no database to open in MODE, or NULL: a folder holding
 * other files (an index created inside it would mix with them), or one
 * this process may not write, which Xapian would report as locked.
 */
static char *
not_ours(const char *path, factsheet_db_mode_t mode)
{
	struct stat st;
	char *lock;
	int writable;

	if (stat(path, &st) < 0 || !S_ISDIR(st.st_mode))
		return NULL;
	if (!empty_or_database(path))
		return str_printf("%s: not a factsheet database (a folder "
		    "holding other files); give --db a new or empty folder",
		    path);
	if (mode != FACTSHEET_DB_READ_WRITE)
		return NULL;
	if ((lock = str_printf("%s/flintlock", path)) == NULL)
		return NULL;
	writable = access(path, W_OK) == 0 &&
	    (access(lock, F_OK) != 0 || access(lock, W_OK) == 0);
	free(lock);
	if (writable)
		return NULL;
	return str_printf("%s: database is read-only (%s); indexing needs "
	    "write access to it", path, strerror(errno));
}

/* Whether PATH names several databases or a remote one: a stub file or
 * tcp://HOST:PORT. */
static int
is_shard_list(const char *path)
{
	struct stat st;

	return strncmp(path, "tcp://", 6) == 0 ||
	    (stat(path, &st) == 0 && S_ISREG(st.st_mode));
}

factsheet_status_t
factsheet_db_open(const char *path, factsheet_db_mode_t mode,
		  factsheet_db_t **out, char **message)
{
	factsheet_db_t *db;
	factsheet_status_t status;
	struct stat st;

	*out = NULL;
	*message = NULL;
	/* Say plainly what Xapian reports in its own terms. */
	if (stat(path, &st) == 0 && !S_ISDIR(st.st_mode)) {
		*message = str_printf("%s: not a database (a file, not a "
		    "directory)", path);
		return FACTSHEET_STATUS_DATABASE_ERROR;
	}
	if ((*message = not_ours(path, mode)) != NULL)
		return FACTSHEET_STATUS_DATABASE_ERROR;
	if (mode == FACTSHEET_DB_READ_ONLY && stat(path, &st) < 0 &&
	    errno == ENOENT) {
		*message = str_printf("%s: no database there (index some "
		    "publications with factsheet-index first)", path);
		return FACTSHEET_STATUS_DATABASE_NOT_FOUND;
	}
	if ((db = calloc(1, sizeof *db)) == NULL) {
		*message = str_printf("%s: out of memory", path);
		return FACTSHEET_STATUS_OUT_OF_MEMORY;
	}
	if (mode != FACTSHEET_DB_READ_ONLY &&
	    (db->path = str_printf("%s", path)) == NULL) {
		free(db);
		*message = str_printf("%s: out of memory", path);
		return FACTSHEET_STATUS_OUT_OF_MEMORY;
	}
	status = shim_db_open(path, mode == FACTSHEET_DB_READ_ONLY ? 0 :
	    mode == FACTSHEET_DB_READ_WRITE ? 1 : 2, &db->shim, message);
	if (status == FACTSHEET_STATUS_SUCCESS &&
	    mode != FACTSHEET_DB_READ_ONLY &&
	    (status = lexicon_open(db->shim, &db->lexicon, message)) !=
	    FACTSHEET_STATUS_SUCCESS)
		shim_db_close(db->shim);
	if (status != FACTSHEET_STATUS_SUCCESS) {
		free(db->path);
		free(db);
		return status;
	}
	*out = db;
	return FACTSHEET_STATUS_SUCCESS;
}

factsheet_status_t
factsheet_db_open_shards(const factsheet_shards_t *shards,
			 factsheet_db_t **out, char **message)
{
	factsheet_db_t *db;
	factsheet_status_t status;

	*out = NULL;
	*message = NULL;
	/* One local folder is opened as before, with its messages. */
	if (shards->n_paths == 1 && shards->n_words == 0 &&
	    !is_shard_list(shards->paths[0]))
		return factsheet_db_open(shards->paths[0],
		    FACTSHEET_DB_READ_ONLY, out, message);
	if (shards->n_paths == 0) {
		*message = str_printf("no database given");
		return FACTSHEET_STATUS_DATABASE_NOT_FOUND;
	}
	if ((db = calloc(1, sizeof *db)) == NULL) {
		*message = str_printf("%s: out of memory", shards->paths[0]);
		return FACTSHEET_STATUS_OUT_OF_MEMORY;
	}
	status = shim_db_open_shards(shards->paths, shards->n_paths,
	    shards->words, shards->n_words, shards->timeout_ms > 0 ?
	    shards->timeout_ms : FACTSHEET_SHARD_TIMEOUT_MS,
	    shards->missing_ok, &db->shim, message);
	if (status != FACTSHEET_STATUS_SUCCESS) {
		free(db);
		return status;
	}
	*out = db;
	return FACTSHEET_STATUS_SUCCESS;
}

factsheet_status_t
factsheet_db_check_shards(factsheet_db_t *db, char **down)
{
	factsheet_status_t status = shim_db_check_shards(db->shim, down);

	return status == FACTSHEET_STATUS_SUCCESS ? status :
	    fail_shim(db, status);
}

static void
free_phrases(factsheet_db_t *db)
{
	for (size_t i = 0; i < db->n_phrases; i++)
		free(db->phrases[i]);
	free(db->phrases);
	db->phrases = NULL;
	db->n_phrases = 0;
	db->phrases_loaded = 0;
}

void
factsheet_db_close(factsheet_db_t *db)
{
	if (db == NULL)
		return;
	if (db->lexicon != NULL) {
		char **keys;
		size_t n_keys;

		/* What was written since the last commit is committed, as
		 * closing would, and its words then go to the lexicon, which
		 * commits them; the documents' database, closing, forgets
		 * them. */
		(void)commit(db, 0);
		lexicon_close(db->lexicon, &keys, &n_keys);
		(void)shim_db_forget_words(db->shim, keys, n_keys);
		shim_strings_free(keys, n_keys);
	}
	shim_db_close(db->shim);
	free(db->path);
	free_phrases(db);
	free(db->intent);
	free(db->error);
	free(db);
}

const char *
factsheet_db_last_error(const factsheet_db_t *db)
{
	return db->error ? db->error : "";
}

shim_db_t *
db_shim(factsheet_db_t *db)
{
	return db->shim;
}

/* The texts of one document, normalized, freed together.  As many as
 * the section has: a section with a hundred contacts keeps them all. */
typedef struct {
	shim_text_t *items;
	size_t n, cap;
	int failed;
} doc_texts_t;

/* The capacity after CAP when an array of CAP items is full. */
static size_t
grown_cap(size_t cap)
{
	return cap ? cap * 2 : 16;
}

static void
add_text(doc_texts_t *t, field_id_t field, const char *text,
	 unsigned emphasis)
{
	char *normal;

	if (text == NULL || text[0] == '\0' || t->failed)
		return;
	if (t->n == t->cap) {
		size_t cap = grown_cap(t->cap);
		shim_text_t *items = realloc(t->items, cap * sizeof *items);

		if (items == NULL) {
			t->failed = 1;
			return;
		}
		t->items = items;
		t->cap = cap;
	}
	if ((normal = text_normalize(text)) == NULL) {
		t->failed = 1;
		return;
	}
	t->items[t->n].field = field;
	t->items[t->n].text = normal;
	t->items[t->n].emphasis = emphasis;
	t->n++;
}

static void
clear_texts(doc_texts_t *t)
{
	for (size_t i = 0; i < t->n; i++)
		free((char *)t->items[i].text);
	free(t->items);
	t->items = NULL;
	t->n = t->cap = 0;
}

/* A contact as words: label, value, and a phone's ten digits too. */
static void
add_contact(doc_texts_t *t, const factsheet_contact_t *c)
{
	char *digits = NULL, *words;

	if (c->kind == FACTSHEET_CONTACT_PHONE ||
	    c->kind == FACTSHEET_CONTACT_TTY ||
	    c->kind == FACTSHEET_CONTACT_FAX)
		digits = contact_canonical_phones(c->value);
	words = str_printf("%s %s %s %s", factsheet_contact_kind_name(c->kind),
	    c->label, c->value, digits ? digits : "");
	if (words == NULL)
		t->failed = 1;
	else
		add_text(t, FIELD_CONTACT, words, 1);
	free(words);
	free(digits);
}

static void
section_texts(doc_texts_t *t, const factsheet_publication_t *pub,
	      const factsheet_section_t *s, int first)
{
	add_text(t, FIELD_TITLE, pub->title, 1);
	if (first) {
		/* The front matter is searchable through the first section. */
		add_text(t, FIELD_FRONT, pub->title, 1);
		add_text(t, FIELD_FRONT, pub->series, 1);
		for (size_t i = 0; i < pub->n_agency; i++)
			add_text(t, FIELD_FRONT, pub->agency[i], 1);
	}
	switch (s->kind) {
	case FACTSHEET_SECTION_PROBLEM:
		add_text(t, FIELD_PROBLEM, s->heading, 1);
		break;
	case FACTSHEET_SECTION_RESOURCE:
		add_text(t, FIELD_RESOURCE, s->heading, 1);
		break;
	default:
		/* A headless section borrows the title, already indexed. */
		if (strcmp(s->heading, pub->title) != 0)
			add_text(t, FIELD_HEADING, s->heading, 1);
		break;
	}
	for (size_t i = 0; i < s->n_path; i++)
		add_text(t, FIELD_BODY, s->path[i], 1);
	add_text(t, FIELD_BODY, s->text, 1);
	add_text(t, FIELD_SOLUTION, s->solution_heading, 2);
	add_text(t, FIELD_SOLUTION, s->solution_text, 1);
	for (size_t i = 0; i < s->n_contacts; i++)
		add_contact(t, &s->contacts[i]);
}

/* Terms a document carries as they are: every thesaurus phrase the
 * section holds, however many. */
typedef struct {
	char **items;
	unsigned *wdfs;
	size_t n, cap;
	int failed;
} doc_terms_t;

static void
add_term(doc_terms_t *t, char *term, unsigned wdf)
{
	if (term == NULL) {
		t->failed = 1;
		return;
	}
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->items[i], term) == 0) {
			free(term);
			return;
		}
	if (t->n == t->cap) {
		size_t cap = grown_cap(t->cap);
		char **items = realloc(t->items, cap * sizeof *items);
		unsigned *wdfs;

		if (items != NULL)
			t->items = items;
		/* The capacity grows once both arrays have. */
		if (items == NULL ||
		    (wdfs = realloc(t->wdfs, cap * sizeof *wdfs)) == NULL) {
			free(term);
			t->failed = 1;
			return;
		}
		t->wdfs = wdfs;
		t->cap = cap;
	}
	t->wdfs[t->n] = wdf;
	t->items[t->n++] = term;
}

static void
clear_terms(doc_terms_t *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->items[i]);
	free(t->items);
	free(t->wdfs);
	t->items = NULL;
	t->wdfs = NULL;
	t->n = t->cap = 0;
}

/*
 * The thesaurus phrases in the section's words, so that a synonym such
 * as "sign in" finds "log in", and the kinds of contact it holds, so that
 * asking for a phone finds the sections with one.
 */
static void
section_terms(doc_terms_t *t, const factsheet_db_t *db,
	      const factsheet_section_t *s)
{
	strbuf_t all = { 0 };
	char *words;

	strbuf_printf(&all, "%s\n%s\n%s\n%s", s->heading, s->text,
	    s->solution_heading ? s->solution_heading : "",
	    s->solution_text ? s->solution_text : "");
	for (size_t i = 0; i < s->n_contacts; i++) {
		strbuf_printf(&all, "\n%s", s->contacts[i].label);
		add_term(t, shim_field_term(FIELD_CONTACT_KIND,
		    factsheet_contact_kind_name(s->contacts[i].kind)), 1);
	}
	words = all.failed ? NULL : phrase_words(all.data);
	free(strbuf_finish(&all));
	if (words == NULL) {
		t->failed = 1;
		return;
	}
	/* A phrase counts as often as it occurs, as words do. */
	for (size_t i = 0; i < db->n_phrases; i++) {
		unsigned count = phrase_in_words(db->phrases[i], words);

		if (count > 0)
			add_term(t, str_printf("%s", db->phrases[i]), count);
	}
	free(words);
}

static int
compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static factsheet_status_t
load_phrases(factsheet_db_t *db)
{
	factsheet_status_t status;

	if (db->phrases_loaded)
		return FACTSHEET_STATUS_SUCCESS;
	status = shim_db_phrases(db->shim, &db->phrases, &db->n_phrases);
	if (status != FACTSHEET_STATUS_SUCCESS)
		return fail_shim(db, status);
	db->phrases_loaded = 1;
	return FACTSHEET_STATUS_SUCCESS;
}

/* A publication's sections as the shim takes them, owning their
 * strings: one document a section, or a piece of a long one. */
typedef struct {
	size_t n;
	shim_document_t *docs;
	doc_texts_t *texts;
	char **ids;
	char **sections;
	doc_terms_t *terms;
} doc_batch_t;

/* Where batch_fill goes on from: a section, and its pieces so far. */
typedef struct {
	size_t section;
	int open;
	piece_iter_t pieces;
} doc_cursor_t;

static void
batch_clear(doc_batch_t *b)
{
	for (size_t j = 0; b->docs && b->texts && b->ids && b->terms &&
	    b->sections && j < b->n; j++) {
		clear_texts(&b->texts[j]);
		clear_terms(&b->terms[j]);
		free(b->ids[j]);
		free(b->sections[j]);
		free((char *)b->docs[j].data);
	}
	free(b->docs);
	free(b->texts);
	free(b->terms);
	free(b->ids);
	free(b->sections);
	memset(b, 0, sizeof *b);
}

/* Fills B from one piece of a section: VIEW, the I-th section of PUB. */
static void
batch_add(doc_batch_t *b, const factsheet_db_t *db,
	  const factsheet_publication_t *pub, size_t i,
	  const factsheet_section_t *view)
{
	size_t k = b->n++;
	shim_document_t *d = &b->docs[k];

	section_texts(&b->texts[k], pub, view, i == 0 && view->piece <= 1);
	b->ids[k] = section_piece_id(pub->id, view->slug, view->piece);
	if (view->pieces > 1 &&
	    (b->sections[k] = section_id(pub->id, view->slug)) == NULL)
		b->texts[k].failed = 1;
	d->id = b->ids[k];
	d->section = b->sections[k];
	d->kind = factsheet_section_kind_name(view->kind);
	d->texts = b->texts[k].items;
	d->n_texts = b->texts[k].n;
	d->data = record_to_json(pub, view);
	section_terms(&b->terms[k], db, view);
	d->terms = (const char *const *)b->terms[k].items;
	d->term_wdfs = b->terms[k].wdfs;
	d->n_terms = b->terms[k].n;
}

/* Fills B with up to N documents of PUB's sections from *AT on, a long
 * section's pieces one by one (all of them when N is SIZE_MAX); reads
 * only DB's phrases, loaded beforehand.  *AT ends where the next batch
 * begins. */
static factsheet_status_t
batch_fill(doc_batch_t *b, const factsheet_db_t *db,
	   const factsheet_publication_t *pub, doc_cursor_t *at, size_t n)
{
	size_t room = n;

	/* All of them: as many as the sections' pieces. */
	if (n == SIZE_MAX) {
		room = 0;
		for (size_t i = at->section; i < pub->n_sections; i++)
			room += section_pieces(&pub->sections[i]);
	}
	b->docs = calloc(room ? room : 1, sizeof *b->docs);
	b->texts = calloc(room ? room : 1, sizeof *b->texts);
	b->ids = calloc(room ? room : 1, sizeof *b->ids);
	b->sections = calloc(room ? room : 1, sizeof *b->sections);
	b->terms = calloc(room ? room : 1, sizeof *b->terms);
	if (b->docs == NULL || b->texts == NULL || b->ids == NULL ||
	    b->sections == NULL || b->terms == NULL)
		return FACTSHEET_STATUS_OUT_OF_MEMORY;
	while (b->n < room && at->section < pub->n_sections) {
		factsheet_section_t view;
		int got;

		if (!at->open) {
			piece_start(&at->pieces, &pub->sections[at->section]);
			at->open = 1;
		}
		if ((got = piece_next(&at->pieces, &view)) < 0)
			return FACTSHEET_STATUS_OUT_OF_MEMORY;
		if (got == 0) {
			at->open = 0;
			at->section++;
			continue;
		}
		batch_add(b, db, pub, at->section, &view);
		piece_clear(&view);
		{
			size_t k = b->n - 1;

			if (b->texts[k].failed || b->terms[k].failed ||
			    b->ids[k] == NULL || b->docs[k].data == NULL)
				return FACTSHEET_STATUS_OUT_OF_MEMORY;
		}
	}
	return FACTSHEET_STATUS_SUCCESS;
}

/* Whether batch_fill has documents left to give from *AT. */
static int
cursor_more(const factsheet_publication_t *pub, const doc_cursor_t *at)
{
	return at->section < pub->n_sections;
}

/* Sections db_make_docs makes at a time. */
static const size_t make_chunk = 64;

factsheet_status_t
db_ready_to_make(factsheet_db_t *db)
{
	return load_phrases(db);
}

factsheet_status_t
db_make_docs(const factsheet_db_t *db, shim_builder_t *builder,
	     const factsheet_publication_t *pub, shim_docs_t **out,
	     char **message)
{
	factsheet_status_t status = FACTSHEET_STATUS_SUCCESS;
	doc_cursor_t at = { 0 };

	*out = NULL;
	*message = NULL;
	/* A few sections at a time: what the shim takes of a section (a
	 * copy of its record, fixed arrays of terms) is then held for those
	 * only, not for 50,000 at once. */
	do {
		doc_batch_t batch = { 0 };

		status = batch_fill(&batch, db, pub, &at, make_chunk);
		if (status == FACTSHEET_STATUS_SUCCESS &&
		    (status = shim_builder_make(builder, pub->id, batch.docs,
		    batch.n, out)) != FACTSHEET_STATUS_SUCCESS)
			*message = str_printf("%s: %s", pub->source,
			    shim_builder_error(builder));
		else if (status == FACTSHEET_STATUS_OUT_OF_MEMORY)
			*message = str_printf("%s: out of memory",
			    pub->source);
		batch_clear(&batch);
	} while (status == FACTSHEET_STATUS_SUCCESS && cursor_more(pub, &at));
	if (status != FACTSHEET_STATUS_SUCCESS) {
		shim_docs_free(*out);
		*out = NULL;
	}
	return status;
}

factsheet_status_t
db_write_streamed(factsheet_db_t *db, const factsheet_publication_t *pub,
		  const char *const *keys, const char *const *values,
		  size_t n_meta)
{
	factsheet_status_t status = load_phrases(db);
	doc_cursor_t at = { 0 };

	if (status != FACTSHEET_STATUS_SUCCESS)
		return status;
	if ((status = shim_db_begin_publication(db->shim, pub->id)) !=
	    FACTSHEET_STATUS_SUCCESS)
		return fail_shim(db, status);
	while (status == FACTSHEET_STATUS_SUCCESS && cursor_more(pub, &at)) {
		doc_batch_t batch = { 0 };

		if ((status = batch_fill(&batch, db, pub, &at,
		    make_chunk)) == FACTSHEET_STATUS_SUCCESS)
			status = shim_db_add_documents(db->shim, pub->id,
			    batch.docs, batch.n);
		batch_clear(&batch);
	}
	if (status == FACTSHEET_STATUS_SUCCESS)
		status = shim_db_end_publication(db->shim, keys, values,
		    n_meta);
	if (status == FACTSHEET_STATUS_SUCCESS)
		return status;
	shim_db_cancel_publication(db->shim);
	if (status == FACTSHEET_STATUS_OUT_OF_MEMORY)
		return db_fail(db, status, str_printf("%s: out of memory",
		    pub->source));
	return fail_shim(db, status);
}

factsheet_status_t
db_write_docs(factsheet_db_t *db, const char *id, shim_docs_t *docs,
	      const char *const *keys, const char *const *values,
	      size_t n_meta)
{
	factsheet_status_t status = shim_db_write_publication(db->shim, id,
	    docs, keys, values, n_meta);

	return status == FACTSHEET_STATUS_SUCCESS ? status :
	    fail_shim(db, status);
}

factsheet_status_t
factsheet_db_add_publication(factsheet_db_t *db,
			     const factsheet_publication_t *pub)
{
	doc_batch_t batch = { 0 };
	doc_cursor_t at = { 0 };
	factsheet_status_t status = load_phrases(db);

	if (status != FACTSHEET_STATUS_SUCCESS)
		return status;
	if ((status = batch_fill(&batch, db, pub, &at, SIZE_MAX)) ==
	    FACTSHEET_STATUS_SUCCESS &&
	    (status = shim_db_replace_publication_meta(db->shim, pub->id,
	    batch.docs, batch.n, NULL, NULL, 0)) !=
	    FACTSHEET_STATUS_SUCCESS)
		status = fail_shim(db, status);
	if (status == FACTSHEET_STATUS_OUT_OF_MEMORY)
		fail(db, status, str_printf("%s: out of memory", pub->source));
	batch_clear(&batch);
	return status;
}

factsheet_status_t
db_delete_publication(factsheet_db_t *db, const char *id,
		      const char *const *keys, const char *const *values,
		      size_t n_meta)
{
	return db_write_docs(db, id, NULL, keys, values, n_meta);
}

factsheet_status_t
db_set_metadata(factsheet_db_t *db, const char *key, const char *value)
{
	factsheet_status_t status = shim_db_set_metadata(db->shim, key,
	    value);

	return status == FACTSHEET_STATUS_SUCCESS ? status :
	    fail_shim(db, status);
}

factsheet_status_t
db_metadata_list(factsheet_db_t *db, const char *prefix, char ***keys,
		 char ***values, size_t *n)
{
	factsheet_status_t status = shim_db_metadata_list(db->shim, prefix,
	    keys, values, n);

	return status == FACTSHEET_STATUS_SUCCESS ? status :
	    fail_shim(db, status);
}

factsheet_status_t
db_publication_records(factsheet_db_t *db, const char *id, char ***records,
		       size_t *n)
{
	factsheet_status_t status = shim_db_publication_data(db->shim, id,
	    records, n);

	return status == FACTSHEET_STATUS_SUCCESS ? status :
	    fail_shim(db, status);
}

void
db_strings_free(char **strings, size_t n)
{
	shim_strings_free(strings, n);
}

/*
 * How the shim makes terms of words; a new scheme means every
 * publication indexed under the old one must be indexed again.  2: each
 * word as its stem only ("Z" and the stem), with positions.  3: each
 * field at positions of its own, after a marker, for field: queries.
 * 4: the record in a value slot, not in the document's data.  5: every
 * word with positions, field words under their prefix (the shim's
 * schema 5, which refuses an index of another).
 */
static const char index_scheme[] = "terms:5";

/*
 * Documents carry the thesaurus phrases they contain, so a publication
 * indexed under other phrases must be indexed again: the FNV-1a hash of
 * the index scheme and the sorted phrases tells whether they changed.
 */
factsheet_status_t
db_phrases_fingerprint(factsheet_db_t *db, char **out)
{
	factsheet_status_t status = load_phrases(db);
	char **sorted;
	uint64_t h = HASH_START;

	*out = NULL;
	if (status != FACTSHEET_STATUS_SUCCESS)
		return status;
	if ((sorted = calloc(db->n_phrases + 1, sizeof *sorted)) == NULL)
		return fail(db, FACTSHEET_STATUS_OUT_OF_MEMORY,
		    str_printf("out of memory"));
	if (db->n_phrases > 0) {
		memcpy(sorted, db->phrases, db->n_phrases * sizeof *sorted);
		qsort(sorted, db->n_phrases, sizeof *sorted, compare_strings);
	}
	for (size_t i = 0; i <= db->n_phrases; i++) {
		const char *s = i == 0 ? index_scheme : sorted[i - 1];

		/* The NUL separates the scheme and phrases. */
		h = hash_add(h, s, strlen(s) + 1);
	}
	free(sorted);
	if ((*out = hash_hex(h)) == NULL)
		return fail(db, FACTSHEET_STATUS_OUT_OF_MEMORY,
		    str_printf("out of memory"));
	return FACTSHEET_STATUS_SUCCESS;
}

/* Forgets, in the next commit, the batches of spelling words the lexicon
 * has committed, and records there those written since, in *WORDS. */
static factsheet_status_t
seal_words(factsheet_db_t *db, shim_words_t **words)
{
	char **keys;
	size_t n_keys;
	factsheet_status_t status;

	*words = NULL;
	lexicon_take_committed(db->lexicon, &keys, &n_keys);
	status = shim_db_forget_words(db->shim, keys, n_keys);
	shim_strings_free(keys, n_keys);
	if (status == FACTSHEET_STATUS_SUCCESS)
		status = shim_db_seal_words(db->shim, words);
	return status;
}

/*
 * Commits the documents, the tables' pages written back meanwhile, with
 * the record of their spelling words, which the lexicon gets only once
 * that commit is made: a batch it committed first would be counted again
 * when a run killed in between indexed the same files again.  With ALL,
 * the lexicon commits the batches it had at the same time as the
 * documents, and this commit's after them.
 */
static factsheet_status_t
commit(factsheet_db_t *db, int all)
{
	factsheet_status_t status = FACTSHEET_STATUS_SUCCESS;
	shim_words_t *words = NULL;
	writeback_t *w;
	char **tables = NULL;
	size_t n_tables = 0;

	if (db->lexicon != NULL) {
		if ((status = seal_words(db, &words)) !=
		    FACTSHEET_STATUS_SUCCESS)
			return fail_shim(db, status);
		if (all)
			lexicon_commit_start(db->lexicon);
	}
	/* Without the list the commit only waits for its sync, as it would
	 * with no writeback at all. */
	if (shim_db_table_files(db->shim, &tables, &n_tables) !=
	    FACTSHEET_STATUS_SUCCESS)
		n_tables = 0;
	w = writeback_start((const char *const *)tables, n_tables);
	status = shim_db_commit(db->shim);
	writeback_stop(w);
	shim_strings_free(tables, n_tables);
	if (status != FACTSHEET_STATUS_SUCCESS) {
		/* Recorded in nothing committed: the files are indexed
		 * again, and their words counted then. */
		shim_words_free(words);
		words = NULL;
		status = fail_shim(db, status);
	}
	if (db->lexicon != NULL) {
		lexicon_give(db->lexicon, words);
		if (all) {
			char *message;
			factsheet_status_t lexicon_status;

			lexicon_commit_start(db->lexicon);
			lexicon_status = lexicon_commit_wait(db->lexicon,
			    &message);
			if (status == FACTSHEET_STATUS_SUCCESS &&
			    lexicon_status != FACTSHEET_STATUS_SUCCESS)
				return fail(db, lexicon_status, message);
			free(message);
		}
	}
	return status;
}

factsheet_status_t
factsheet_db_commit(factsheet_db_t *db)
{
	return commit(db, 1);
}

factsheet_status_t
db_commit_some(factsheet_db_t *db)
{
	return commit(db, 0);
}

lexicon_t *
db_lexicon(factsheet_db_t *db)
{
	return db->lexicon;
}

factsheet_status_t
factsheet_db_count(factsheet_db_t *db, unsigned long *count)
{
	factsheet_status_t status = shim_db_count(db->shim, count);

	return status == FACTSHEET_STATUS_SUCCESS ? status :
	    fail_shim(db, status);
}

factsheet_status_t
db_fail(factsheet_db_t *db, factsheet_status_t status, char *message)
{
	return fail(db, status, message);
}

factsheet_status_t
db_fail_shim(factsheet_db_t *db, factsheet_status_t status)
{
	return fail_shim(db, status);
}

factsheet_status_t
factsheet_db_set_thesaurus(factsheet_db_t *db, const char *path)
{
	thesaurus_t t = { 0 };
	shim_group_t *groups;
	strbuf_t intent = { 0 };
	char *message, *intent_text;
	factsheet_status_t status = FACTSHEET_STATUS_SUCCESS;

	/* No PATH: no thesaurus, an empty synonym table. */
	if (path != NULL &&
	    (status = thesaurus_read(path, &t, &message)) !=
	    FACTSHEET_STATUS_SUCCESS)
		return fail(db, status, message);
	groups = calloc(t.n_groups ? t.n_groups : 1, sizeof *groups);
	if (groups == NULL) {
		thesaurus_clear(&t);
		return fail(db, FACTSHEET_STATUS_OUT_OF_MEMORY,
		    str_printf("out of memory"));
	}
	for (size_t i = 0; i < t.n_groups; i++) {
		const thesaurus_group_t *g = &t.groups[i];

		groups[i].members = (const char *const *)g->members;
		groups[i].n_members = g->n_members;
		for (size_t j = 0; g->kind != FACTSHEET_CONTACT_LAST &&
		    j < g->n_members; j++)
			strbuf_printf(&intent, "%s\t%s\n",
			    factsheet_contact_kind_name(g->kind),
			    g->members[j]);
	}
	if ((intent_text = strbuf_finish(&intent)) == NULL)
		status = fail(db, FACTSHEET_STATUS_OUT_OF_MEMORY,
		    str_printf("out of memory"));
	else if ((status = shim_db_set_synonyms(db->shim, groups,
	    t.n_groups)) != FACTSHEET_STATUS_SUCCESS ||
	    (status = shim_db_set_metadata(db->shim, intent_key,
	    intent_text)) != FACTSHEET_STATUS_SUCCESS ||
	    (status = shim_db_set_metadata(db->shim, thesaurus_key,
	    path ? path : "none")) != FACTSHEET_STATUS_SUCCESS)
		status = fail_shim(db, status);
	free(intent_text);
	free(groups);
	thesaurus_clear(&t);
	/* The phrases to look for in documents may have changed. */
	free_phrases(db);
	free(db->intent);
	db->intent = NULL;
	return status;
}

char *
factsheet_db_thesaurus(factsheet_db_t *db)
{
	char *value = NULL;

	if (shim_db_get_metadata(db->shim, thesaurus_key, &value) !=
	    FACTSHEET_STATUS_SUCCESS || value == NULL || value[0] == '\0') {
		free(value);
		return NULL;
	}
	return value;
}

factsheet_status_t
factsheet_db_term_count(factsheet_db_t *db, unsigned long *count)
{
	factsheet_status_t status = shim_db_term_count(db->shim, count);

	return status == FACTSHEET_STATUS_SUCCESS ? status :
	    fail_shim(db, status);
}

factsheet_status_t
factsheet_db_set_url_map(factsheet_db_t *db, const char *const *dirs,
			 const char *const *urls, size_t n)
{
	char *text, *message;
	factsheet_status_t status = url_map_build(dirs, urls, n, &text,
	    &message);

	if (status != FACTSHEET_STATUS_SUCCESS)
		return fail(db, status, message);
	status = shim_db_set_metadata(db->shim, URL_MAP_KEY, text);
	free(text);
	return status == FACTSHEET_STATUS_SUCCESS ? status :
	    fail_shim(db, status);
}

factsheet_status_t
factsheet_db_reopen(factsheet_db_t *db)
{
	factsheet_status_t status = shim_db_reopen(db->shim);

	/* The thesaurus a writer loaded since may say other things. */
	free(db->intent);
	db->intent = NULL;
	return status == FACTSHEET_STATUS_SUCCESS ? status :
	    fail_shim(db, status);
}

const char *
db_intent(factsheet_db_t *db)
{
	if (db->intent == NULL &&
	    shim_db_get_metadata(db->shim, intent_key, &db->intent) !=
	    FACTSHEET_STATUS_SUCCESS)
		return "";
	return db->intent;
}
