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

#include <unictype.h>
#include <unistr.h>

#include "factsheet-private.h"

/* A character of a word as the query parser keeps them together: letters
 * and digits ("®" is not), and the joiners of "i&a", "contact_list" and
 * "can't".  ASCII, most of the text, without asking libunistring. */
static int
is_word_char(ucs4_t c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '&' || c == '_' ||
		    c == '\'';
	return uc_is_alnum(c);
}

/* Whether the character at P (before END) is a word character; its
 * length in *N.  ASCII is taken as it is, without decoding. */
static int
word_char_at(const uint8_t *p, const uint8_t *end, int *n)
{
	ucs4_t c = *p;

	*n = c < 0x80 ? 1 : u8_mbtouc(&c, p, (size_t)(end - p));
	return is_word_char(c);
}

char *
phrase_words(const char *text)
{
	char *norm = text_normalize(text);
	const uint8_t *p, *end;
	strbuf_t b = { 0 };

	if (norm == NULL)
		return NULL;
	p = (const uint8_t *)norm;
	end = p + strlen(norm);
	while (p < end) {
		const uint8_t *word = p;
		int n;

		/* A run of word characters is one word, appended whole. */
		while (p < end && word_char_at(p, end, &n))
			p += n;
		if (p > word) {
			if (b.len > 0)
				strbuf_puts(&b, " ");
			strbuf_append(&b, (const char *)word,
			    (size_t)(p - word));
		}
		/* The character that ended it, N bytes, is no word's. */
		if (p < end)
			p += n;
	}
	free(norm);
	return strbuf_finish(&b);
}

unsigned
phrase_in_words(const char *phrase, const char *words)
{
	size_t n = strlen(phrase);
	unsigned count = 0;

	for (const char *p = words; (p = strstr(p, phrase)) != NULL; p++)
		if ((p == words || p[-1] == ' ') &&
		    (p[n] == '\0' || p[n] == ' '))
			count++;
	return count;
}

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
