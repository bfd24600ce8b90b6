/*
 * record.c - a section as the JSON record stored in its Xapian document,
 * and back.  The record is what a hit shows, so searching never has to
 * re-read or re-parse the source file.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "factsheet-private.h"

static json_t *
string_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

char *
record_to_json(const factsheet_publication_t *pub,
	       const factsheet_section_t *s)
{
	json_t *root, *contacts, *solution, *path;
	char *out;

	contacts = json_array();
	for (size_t i = 0; contacts && i < s->n_contacts; i++) {
		const factsheet_contact_t *c = &s->contacts[i];

		json_array_append_new(contacts, json_pack("{s:s, s:s, s:s}",
		    "kind", factsheet_contact_kind_name(c->kind),
		    "value", c->value, "label", c->label));
	}
	path = json_array();
	for (size_t i = 0; path && i < s->n_path; i++)
		json_array_append_new(path, json_string(s->path[i]));
	solution = s->solution_heading ? json_pack("{s:s, s:s}",
	    "heading", s->solution_heading,
	    "text", s->solution_text ? s->solution_text : "") : json_null();
	root = json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:I, s:s, s:o, "
	    "s:o, s:I}",
	    "kind", factsheet_section_kind_name(s->kind),
	    "slug", s->slug,
	    "heading", s->heading,
	    "part", string_or_null(s->part),
	    "path", path,
	    "anchor", string_or_null(s->anchor),
	    "page", (json_int_t)s->page,
	    "text", s->text,
	    "solution", solution,
	    "contacts", contacts,
	    "line", (json_int_t)s->line);
	if (root == NULL)
		return NULL;
	/* Only a section stored in pieces says so: the record of one
	 * stored whole is as it always was. */
	if (s->pieces > 1 &&
	    (json_object_set_new(root, "piece", json_integer(s->piece)) < 0 ||
	    json_object_set_new(root, "pieces", json_integer(s->pieces)) < 0)) {
		json_decref(root);
		return NULL;
	}
	/* Last, as record_publication_from_json expects. */
	if (json_object_set_new(root, "publication", json_pack(
	    "{s:s, s:s, s:s, s:s, s:o, s:o}",
	    "id", pub->id, "title", pub->title,
	    "source", pub->source,
	    "format", pub->format ? pub->format : "text",
	    "product", string_or_null(pub->product),
	    "revised", string_or_null(pub->revised))) < 0) {
		json_decref(root);
		return NULL;
	}
	out = json_dumps(root, JSON_COMPACT);
	json_decref(root);
	return out;
}

static char *
dup_string(json_t *object, const char *key)
{
	const char *s = json_string_value(json_object_get(object, key));

	return s ? str_printf("%s", s) : NULL;
}

static factsheet_section_kind_t
section_kind_from_name(const char *name)
{
	for (int k = 0; k < FACTSHEET_SECTION_LAST; k++)
		if (name && strcmp(name, factsheet_section_kind_name(k)) == 0)
			return (factsheet_section_kind_t)k;
	return FACTSHEET_SECTION_TEXT;
}

static factsheet_contact_kind_t
contact_kind_from_name(const char *name)
{
	for (int k = 0; k < FACTSHEET_CONTACT_LAST; k++)
		if (name && strcmp(name, factsheet_contact_kind_name(k)) == 0)
			return (factsheet_contact_kind_t)k;
	return FACTSHEET_CONTACT_LINK;
}

int
record_from_json(const char *json, record_t *r)
{
	factsheet_section_t *s = &r->section;
	json_t *root, *solution, *contacts, *pub, *path;
	contact_list_t list = { 0 };
	int ok;

	memset(r, 0, sizeof *r);
	root = json_loads(json, 0, NULL);
	if (root == NULL)
		return -1;
	s->kind = section_kind_from_name(json_string_value(
	    json_object_get(root, "kind")));
	s->slug = dup_string(root, "slug");
	s->heading = dup_string(root, "heading");
	s->part = dup_string(root, "part");
	s->anchor = dup_string(root, "anchor");
	s->page = (unsigned)json_integer_value(json_object_get(root, "page"));
	path = json_object_get(root, "path");
	if (json_array_size(path) > 0 &&
	    (s->path = calloc(json_array_size(path), sizeof *s->path))) {
		for (size_t i = 0; i < json_array_size(path); i++) {
			const char *p = json_string_value(
			    json_array_get(path, i));

			if (p != NULL && (s->path[s->n_path] =
			    str_printf("%s", p)) != NULL)
				s->n_path++;
		}
	}
	s->text = dup_string(root, "text");
	s->line = (unsigned)json_integer_value(json_object_get(root, "line"));
	s->piece = (unsigned)json_integer_value(json_object_get(root, "piece"));
	s->pieces = (unsigned)json_integer_value(json_object_get(root,
	    "pieces"));
	solution = json_object_get(root, "solution");
	if (json_is_object(solution)) {
		s->solution_heading = dup_string(solution, "heading");
		s->solution_text = dup_string(solution, "text");
	}
	contacts = json_object_get(root, "contacts");
	for (size_t i = 0; i < json_array_size(contacts); i++) {
		json_t *c = json_array_get(contacts, i);
		const char *value = json_string_value(
		    json_object_get(c, "value"));
		const char *label = json_string_value(
		    json_object_get(c, "label"));

		if (value == NULL)
			continue;
		contact_list_add(&list, contact_kind_from_name(
		    json_string_value(json_object_get(c, "kind"))), value,
		    strlen(value), label ? label : "");
	}
	s->contacts = list.items;
	s->n_contacts = list.n;
	pub = json_object_get(root, "publication");
	r->publication_id = dup_string(pub, "id");
	r->publication_title = dup_string(pub, "title");
	r->publication_source = dup_string(pub, "source");
	r->publication_format = dup_string(pub, "format");
	r->publication_product = dup_string(pub, "product");
	r->publication_revised = dup_string(pub, "revised");
	json_decref(root);
	ok = s->slug && s->heading && s->text && r->publication_title &&
	    r->publication_source && !list.failed;
	if (!ok) {
		record_clear(r);
		return -1;
	}
	return 0;
}

/*
 * The "publication" member is the record's last (record_to_json puts it
 * there), and a string holds no unescaped quote, so the last
 * ',"publication":{' of a compact record starts it.  The facets name up
 * to 50 publications per search: reading those few bytes instead of each
 * example's whole record halved the server's work for a search.
 */
static const char publication_key[] = ",\"publication\":{";

int
record_publication_from_json(const char *json, record_t *r)
{
	const char *at = NULL, *p = json;
	json_t *pub;
	size_t len;

	memset(r, 0, sizeof *r);
	while ((p = strstr(p, publication_key)) != NULL)
		at = p++;
	len = at ? strlen(at) : 0;
	/* The object, without the record's own closing brace. */
	if (at == NULL || len < sizeof publication_key + 1 ||
	    at[len - 1] != '}')
		return record_from_json(json, r);
	at += sizeof publication_key - 2;
	if ((pub = json_loadb(at, strlen(at) - 1, 0, NULL)) == NULL)
		return record_from_json(json, r);
	r->publication_id = dup_string(pub, "id");
	r->publication_title = dup_string(pub, "title");
	r->publication_source = dup_string(pub, "source");
	r->publication_format = dup_string(pub, "format");
	r->publication_product = dup_string(pub, "product");
	r->publication_revised = dup_string(pub, "revised");
	json_decref(pub);
	if (r->publication_title == NULL || r->publication_source == NULL) {
		record_clear(r);
		return -1;
	}
	return 0;
}

void
record_clear(record_t *r)
{
	section_clear(&r->section);
	free(r->publication_id);
	free(r->publication_title);
	free(r->publication_source);
	free(r->publication_format);
	free(r->publication_product);
	free(r->publication_revised);
	memset(r, 0, sizeof *r);
}

/*
 * A string member holds no unescaped quote, so ',"piece":' is the
 * member itself; pieces are numbered from 1.
 */
int
record_is_continuation(const char *json)
{
	const char *at = strstr(json, ",\"piece\":");

	return at != NULL && strncmp(at, ",\"piece\":1,", 11) != 0;
}
