/*
 * inventory.c - what a database holds, for factsheet-index --list and
 * --stats: the publications sync.c remembers (its "file:" and "failed:"
 * metadata), the sections stored for each, and the database's size.
 */
#include <config.h>

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "factsheet-private.h"
#include "sync.h"

static char *
dup_member(json_t *object, const char *key)
{
	const char *s = json_string_value(json_object_get(object, key));

	return s ? str_printf("%s", s) : NULL;
}

/* A state's path as shown: a name kept as bytes (sync.c, "path_hex")
 * escaped, as every name that is not UTF-8 is. */
static char *
state_path(json_t *root)
{
	const char *hex = json_string_value(json_object_get(root, "path_hex"));
	char *bytes, *shown;

	if (hex == NULL)
		return dup_member(root, "path");
	if ((bytes = str_from_hex(hex)) == NULL)
		return NULL;
	shown = factsheet_escape(bytes, NULL);
	free(bytes);
	return shown;
}

/* Fills E from the stored records of its publication ID: how many
 * sections, and the format and revision date they were read with. */
static factsheet_status_t
add_sections(factsheet_db_t *db, const char *id, factsheet_entry_t *e)
{
	char **records;
	size_t n;
	factsheet_status_t status;

	if ((status = db_publication_records(db, id, &records, &n)) !=
	    FACTSHEET_STATUS_SUCCESS)
		return status;
	/* A section stored in pieces is one section. */
	e->sections = 0;
	for (size_t i = 0; i < n; i++)
		e->sections += !record_is_continuation(records[i]);
	if (n > 0) {
		json_t *root = json_loads(records[0], 0, NULL);
		json_t *pub = json_object_get(root, "publication");

		e->format = dup_member(pub, "format");
		e->revised = dup_member(pub, "revised");
		json_decref(root);
	}
	db_strings_free(records, n);
	return FACTSHEET_STATUS_SUCCESS;
}

static int
compare_entry(const void *a, const void *b)
{
	return strcmp(((const factsheet_entry_t *)a)->source,
	    ((const factsheet_entry_t *)b)->source);
}

/* The entry of PATH in E (N of them), or NULL. */
static factsheet_entry_t *
entry_of(factsheet_entry_t *e, size_t n, const char *path)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(e[i].path, path) == 0)
			return &e[i];
	return NULL;
}

factsheet_status_t
factsheet_db_list(factsheet_db_t *db, factsheet_entry_t **out, size_t *n_out)
{
	char **keys = NULL, **values = NULL, **fkeys = NULL, **fvalues = NULL;
	size_t n = 0, nf = 0, k = 0;
	factsheet_entry_t *e = NULL;
	factsheet_status_t status;

	*out = NULL;
	*n_out = 0;
	if ((status = db_metadata_list(db, "file:", &keys, &values, &n)) !=
	    FACTSHEET_STATUS_SUCCESS)
		return status;
	if ((status = db_metadata_list(db, "failed:", &fkeys, &fvalues,
	    &nf)) != FACTSHEET_STATUS_SUCCESS)
		goto out;
	if ((e = calloc(n + nf + 1, sizeof *e)) == NULL) {
		status = db_fail(db, FACTSHEET_STATUS_OUT_OF_MEMORY,
		    str_printf("out of memory"));
		goto out;
	}
	for (size_t i = 0; i < n && status == FACTSHEET_STATUS_SUCCESS; i++) {
		json_t *root = json_loads(values[i], 0, NULL);
		char *id = dup_member(root, "id");

		e[k].source = dup_member(root, "source");
		e[k].path = state_path(root);
		e[k].title = dup_member(root, "title");
		json_decref(root);
		/* A value we did not write is left out, as sync does. */
		if (e[k].source == NULL || e[k].path == NULL || id == NULL) {
			free(e[k].source);
			free(e[k].path);
			free(e[k].title);
			memset(&e[k], 0, sizeof e[k]);
			free(id);
			continue;
		}
		status = add_sections(db, id, &e[k]);
		free(id);
		k++;
	}
	/* A failure beside a publication is its newer version failing;
	 * one alone is a file never indexed. */
	for (size_t i = 0; i < nf && status == FACTSHEET_STATUS_SUCCESS; i++) {
		json_t *root = json_loads(fvalues[i], 0, NULL);
		char *path = state_path(root);
		factsheet_entry_t *f = path ? entry_of(e, k, path) : NULL;

		if (path != NULL && !json_is_true(json_object_get(root,
		    "skipped"))) {
			if (f == NULL) {
				f = &e[k++];
				f->path = path;
				f->source = str_printf("%s", path);
				path = NULL;
			}
			free(f->failure);
			f->failure = dup_member(root, "reason");
		}
		free(path);
		json_decref(root);
	}
	if (status == FACTSHEET_STATUS_SUCCESS) {
		qsort(e, k, sizeof *e, compare_entry);
		*out = e;
		*n_out = k;
		e = NULL;
	}
out:
	factsheet_entries_free(e, k);
	db_strings_free(keys, n);
	db_strings_free(values, n);
	db_strings_free(fkeys, nf);
	db_strings_free(fvalues, nf);
	return status;
}

void
factsheet_entries_free(factsheet_entry_t *entries, size_t n)
{
	if (entries == NULL)
		return;
	for (size_t i = 0; i < n; i++) {
		free(entries[i].source);
		free(entries[i].path);
		free(entries[i].title);
		free(entries[i].format);
		free(entries[i].revised);
		free(entries[i].failure);
	}
	free(entries);
}

/* The bytes of the files under PATH, recursively. */
static unsigned long long
disk_usage(const char *path)
{
	unsigned long long total = 0;
	struct stat st;
	DIR *dir;
	struct dirent *d;

	if (lstat(path, &st) < 0)
		return 0;
	if (!S_ISDIR(st.st_mode))
		return S_ISREG(st.st_mode) ? (unsigned long long)st.st_size : 0;
	if ((dir = opendir(path)) == NULL)
		return 0;
	while ((d = readdir(dir)) != NULL) {
		char *child;

		if (strcmp(d->d_name, ".") == 0 || strcmp(d->d_name, "..") == 0)
			continue;
		if ((child = str_printf("%s/%s", path, d->d_name)) != NULL)
			total += disk_usage(child);
		free(child);
	}
	closedir(dir);
	return total;
}

unsigned long long
factsheet_db_disk_usage(const char *path)
{
	return disk_usage(path);
}

char *
factsheet_db_last_run(factsheet_db_t *db)
{
	char *value = NULL;

	if (shim_db_get_metadata(db_shim(db), "last-run", &value) !=
	    FACTSHEET_STATUS_SUCCESS || value == NULL || value[0] == '\0') {
		free(value);
		return NULL;
	}
	return value;
}
