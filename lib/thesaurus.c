/*
 * thesaurus.c - the domain vocabulary file: one group of equivalent words
 * or phrases a line, optionally headed by the contact kind its words ask
 * for ("phone: phone, call, telephone").  Members are kept as the query
 * parser sees them: normalized words joined by single spaces.
 */
#include <config.h>

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "factsheet-private.h"

static factsheet_contact_kind_t
kind_from_label(const char *label, size_t n)
{
	for (int k = 0; k < FACTSHEET_CONTACT_LAST; k++) {
		const char *name = factsheet_contact_kind_name(k);

		if (strlen(name) == n && strncmp(label, name, n) == 0)
			return (factsheet_contact_kind_t)k;
	}
	return FACTSHEET_CONTACT_LAST;
}

static int
add_member(thesaurus_group_t *g, const char *text)
{
	char *words = phrase_words(text), **grown;

	if (words == NULL)
		return -1;
	if (words[0] == '\0') {
		free(words);
		return 0;
	}
	grown = realloc(g->members, (g->n_members + 1) * sizeof *grown);
	if (grown == NULL) {
		free(words);
		return -1;
	}
	g->members = grown;
	g->members[g->n_members++] = words;
	return 0;
}

/* Parses one line into G; returns 0, or -1 out of memory. */
static int
parse_line(char *line, thesaurus_group_t *g)
{
	char *colon = strchr(line, ':'), *save = NULL, *member;

	g->kind = FACTSHEET_CONTACT_LAST;
	if (colon != NULL) {
		char *label = line + strspn(line, " \t");
		size_t n = (size_t)(colon - label);

		while (n > 0 && isspace((unsigned char)label[n - 1]))
			n--;
		g->kind = kind_from_label(label, n);
		if (g->kind != FACTSHEET_CONTACT_LAST)
			line = colon + 1;
	}
	for (member = strtok_r(line, ",", &save); member != NULL;
	    member = strtok_r(NULL, ",", &save))
		if (add_member(g, member) < 0)
			return -1;
	return 0;
}

factsheet_status_t
thesaurus_read(const char *path, thesaurus_t *t, char **message)
{
	FILE *f;
	char *line = NULL;
	size_t size = 0;
	unsigned lineno = 0;
	ssize_t len;
	factsheet_status_t status = FACTSHEET_STATUS_SUCCESS;

	memset(t, 0, sizeof *t);
	*message = NULL;
	if ((f = fopen(path, "r")) == NULL) {
		*message = str_printf("%s: %s", path, strerror(errno));
		return FACTSHEET_STATUS_FILE_ERROR;
	}
	while ((len = getline(&line, &size, f)) >= 0) {
		thesaurus_group_t g = { 0 }, *grown;
		const uint8_t *bad;

		lineno++;
		if ((bad = u8_check((const uint8_t *)line, (size_t)len))) {
			*message = str_printf("%s: line %u, byte %zu: invalid "
			    "UTF-8", path, lineno,
			    (size_t)((const char *)bad - line));
			status = FACTSHEET_STATUS_BAD_INPUT;
			break;
		}
		line[strcspn(line, "\r\n#")] = '\0';
		if (line[strspn(line, " \t")] == '\0')
			continue;
		g.line = lineno;
		if (parse_line(line, &g) < 0 ||
		    (grown = realloc(t->groups, (t->n_groups + 1) *
		    sizeof *grown)) == NULL) {
			thesaurus_group_clear(&g);
			status = FACTSHEET_STATUS_OUT_OF_MEMORY;
			*message = str_printf("%s: out of memory", path);
			break;
		}
		t->groups = grown;
		if (g.n_members < 2 && g.kind == FACTSHEET_CONTACT_LAST) {
			*message = str_printf("%s: line %u: a group needs two "
			    "or more words, separated by commas", path, lineno);
			thesaurus_group_clear(&g);
			status = FACTSHEET_STATUS_BAD_INPUT;
			break;
		}
		t->groups[t->n_groups++] = g;
	}
	if (status == FACTSHEET_STATUS_SUCCESS && ferror(f)) {
		*message = str_printf("%s: %s", path, strerror(errno));
		status = FACTSHEET_STATUS_FILE_ERROR;
	}
	free(line);
	fclose(f);
	if (status != FACTSHEET_STATUS_SUCCESS)
		thesaurus_clear(t);
	return status;
}

void
thesaurus_group_clear(thesaurus_group_t *g)
{
	for (size_t i = 0; i < g->n_members; i++)
		free(g->members[i]);
	free(g->members);
	memset(g, 0, sizeof *g);
}

void
thesaurus_clear(thesaurus_t *t)
{
	for (size_t i = 0; i < t->n_groups; i++)
		thesaurus_group_clear(&t->groups[i]);
	free(t->groups);
	memset(t, 0, sizeof *t);
}
