/*
 * testlib.h - what several unit tests need: text and section checks,
 * files of the source tree, read whole, fixtures read or parsed, the
 * section and contact look-ups the readers' tests share, and temporary
 * directories removed afterwards.  A test whose helper differs from one
 * here gives it another name, so a reader never meets two meanings.
 */
#ifndef FACTSHEET_TESTLIB_H
#define FACTSHEET_TESTLIB_H

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "factsheet-private.h"
#include "tap.h"

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

/* The 1-based line of the fixture holding NEEDLE first; 0 if none. */
static inline unsigned
fixture_line(const char *relative, const char *needle)
{
	char *path = source_path(relative), *bytes, *at;
	size_t len = 0;
	unsigned line = 0;

	if ((bytes = slurp(path, &len)) != NULL &&
	    (at = strstr(bytes, needle)) != NULL) {
		line = 1;
		for (const char *p = bytes; p < at; p++)
			line += *p == '\n';
	}
	free(bytes);
	free(path);
	return line;
}

/* The fixture RELATIVE read; prints the message on failure. */
static inline factsheet_publication_t *
read_fixture(const char *relative)
{
	char *path = source_path(relative), *msg = NULL;
	factsheet_publication_t *pub = NULL;
	factsheet_status_t st;

	st = factsheet_publication_read_file(path, &pub, &msg);
	if (st != FACTSHEET_STATUS_SUCCESS)
		printf("# %s: %s\n", relative, msg ? msg : "(no message)");
	free(msg);
	free(path);
	return pub;
}

/* Parses BYTES named SOURCE; prints the message on failure. */
static inline factsheet_publication_t *
parse(const char *source, const char *bytes)
{
	factsheet_publication_t *pub = NULL;
	char *msg = NULL;

	if (factsheet_publication_parse(source, bytes, strlen(bytes), &pub,
	    &msg) != FACTSHEET_STATUS_SUCCESS)
		printf("# %s: %s\n", source, msg ? msg : "(no message)");
	free(msg);
	return pub;
}

/* The first section headed HEADING, or NULL. */
static inline const factsheet_section_t *
section_headed(const factsheet_publication_t *pub, const char *heading)
{
	for (size_t i = 0; pub != NULL && i < pub->n_sections; i++)
		if (pub->sections[i].heading != NULL &&
		    strcmp(pub->sections[i].heading, heading) == 0)
			return &pub->sections[i];
	return NULL;
}

/* The first section whose anchor is ANCHOR, or NULL. */
static inline const factsheet_section_t *
section_anchored(const factsheet_publication_t *pub, const char *anchor)
{
	for (size_t i = 0; pub != NULL && i < pub->n_sections; i++)
		if (pub->sections[i].anchor != NULL &&
		    strcmp(pub->sections[i].anchor, anchor) == 0)
			return &pub->sections[i];
	return NULL;
}

/* Whether some section's heading or text holds NEEDLE. */
static inline int
section_mentions(const factsheet_publication_t *pub, const char *needle)
{
	for (size_t i = 0; pub != NULL && i < pub->n_sections; i++)
		if (contains(pub->sections[i].heading, needle) ||
		    contains(pub->sections[i].text, needle))
			return 1;
	return 0;
}

/* The contact of KIND and VALUE in S, or NULL. */
static inline const factsheet_contact_t *
contact(const factsheet_section_t *s, factsheet_contact_kind_t kind,
	const char *value)
{
	for (size_t i = 0; s != NULL && i < s->n_contacts; i++)
		if (s->contacts[i].kind == kind &&
		    strcmp(s->contacts[i].value, value) == 0)
			return &s->contacts[i];
	return NULL;
}

/* Whether some contact of PUB holds NEEDLE in its value. */
static inline int
any_contact_holds(const factsheet_publication_t *pub, const char *needle)
{
	for (size_t i = 0; pub != NULL && i < pub->n_sections; i++)
		for (size_t j = 0; j < pub->sections[i].n_contacts; j++)
			if (contains(pub->sections[i].contacts[j].value,
			    needle))
				return 1;
	return 0;
}

/* S's heading path joined by " > "; "" for none or no S. */
static inline char *
path_of(const factsheet_section_t *s)
{
	strbuf_t b = { 0 };

	for (size_t i = 0; s != NULL && i < s->n_path; i++)
		strbuf_printf(&b, "%s%s", i ? " > " : "", s->path[i]);
	return strbuf_finish(&b);
}

/* Checks S's heading path against WANT, the check named "WHAT: path". */
static inline void
is_path(const factsheet_section_t *s, const char *want, const char *what)
{
	char *path = path_of(s);

	is_str(path, want, "%s: path", what);
	free(path);
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

/*
 * A new empty directory under $TMPDIR (else /tmp) named
 * "factsheet-NAME-" and six random characters; NULL, with a diagnostic,
 * when it cannot be made.  Free it after remove_tree().
 */
static inline char *
temp_dir(const char *name)
{
	const char *tmp = getenv("TMPDIR");
	char *dir = str_printf("%s/factsheet-%s-XXXXXX",
	    tmp != NULL && *tmp != '\0' ? tmp : "/tmp", name);

	if (dir != NULL && mkdtemp(dir) == NULL) {
		printf("# mkdtemp %s: %s\n", dir, strerror(errno));
		free(dir);
		dir = NULL;
	}
	return dir;
}

/* DIR/NAME, to free; NULL when out of memory. */
static inline char *
temp_path(const char *dir, const char *name)
{
	return str_printf("%s/%s", dir, name);
}

#endif /* FACTSHEET_TESTLIB_H */
