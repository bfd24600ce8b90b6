/*
 * testlib.h - what several unit tests need: text and section checks,
 * files of the source tree, read whole, and temporary directories
 * removed afterwards.
 */
#ifndef FACTSHEET_TESTLIB_H
#define FACTSHEET_TESTLIB_H

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "factsheet-private.h"

/* Whether S (maybe NULL) holds NEEDLE. */
static inline int
contains(const char *s, const char *needle)
{
	return s != NULL && strstr(s, needle) != NULL;
}

/* How many of PUB's sections are of KIND. */
static inline size_t
count_kind(const factsheet_publication_t *pub, factsheet_section_kind_t kind)
{
	size_t n = 0;

	for (size_t i = 0; pub != NULL && i < pub->n_sections; i++)
		n += pub->sections[i].kind == kind;
	return n;
}

/* Every string of PUB that a reader sees, one after another. */
static inline char *
all_text(const factsheet_publication_t *pub)
{
	strbuf_t b = { 0 };

	strbuf_printf(&b, "%s\n%s\n", pub->title,
	    pub->series ? pub->series : "");
	for (size_t i = 0; i < pub->n_agency; i++)
		strbuf_printf(&b, "%s\n", pub->agency[i]);
	for (size_t i = 0; i < pub->n_sections; i++) {
		const factsheet_section_t *s = &pub->sections[i];

		strbuf_printf(&b, "%s\n%s\n%s\n%s\n%s\n", s->heading,
		    s->part ? s->part : "", s->text,
		    s->solution_heading ? s->solution_heading : "",
		    s->solution_text ? s->solution_text : "");
		for (size_t j = 0; j < s->n_contacts; j++)
			strbuf_printf(&b, "%s\n%s\n", s->contacts[j].label,
			    s->contacts[j].value);
	}
	return strbuf_finish(&b);
}

/* RELATIVE under the source tree ($top_srcdir, else "."); free it. */
static inline char *
source_path(const char *relative)
{
	const char *top = getenv("top_srcdir");

	return str_printf("%s/%s", top ? top : ".", relative);
}

/* The whole file at PATH, NUL-terminated; NULL on failure. */
static inline char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	strbuf_t b = { 0 };
	char buf[4096];
	size_t n;

	if (f == NULL)
		return NULL;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		strbuf_append(&b, buf, n);
	fclose(f);
	*len = b.len;
	return strbuf_finish(&b);
}

static inline int
remove_entry(const char *path, const struct stat *st, int flag,
	     struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* Removes DIR and everything below it. */
static inline void
remove_tree(const char *dir)
{
	nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

#endif /* FACTSHEET_TESTLIB_H */
