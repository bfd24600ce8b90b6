/*
 * parse-factsheet.c - a CMS fact sheet, converted from PDF to text, into
 * a publication: front matter (agency lines, title, series), then
 * sections: Problem:/Solution: blocks, rows of a tab-separated table, and
 * runs of paragraphs under their headings.  Every paragraph lands in some
 * section, so no text of the file is unsearchable.
 */
#include <config.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>

#include "factsheet-private.h"

typedef struct {
	const char *start;
	size_t len;
} line_t;

/* A block is a run of non-blank lines. */
typedef struct {
	size_t first;
	size_t n;
	unsigned lineno;
} block_t;

typedef struct {
	factsheet_publication_t *pub;
	line_t *lines;
	size_t n_lines;
	block_t *blocks;
	size_t n_blocks;

	/* The section being filled, or NULL. */
	factsheet_section_t *current;
	strbuf_t text;
	strbuf_t solution;
	contact_list_t contacts;
	int in_solution;

	char *pending_heading;	/* a heading not yet followed by text */
	unsigned pending_line;
	char *part;		/* the heading over the current group */
	int failed;
} parser_t;

/* Lines and blocks ------------------------------------------------- */

static int
is_blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!strchr(" \t\r\f\v", s[i]))
			return 0;
	return 1;
}

static int
split_lines(parser_t *p, const char *text, size_t len)
{
	size_t n = 1, i;

	for (i = 0; i < len; i++)
		if (text[i] == '\n')
			n++;
	p->lines = calloc(n, sizeof *p->lines);
	p->blocks = calloc(n, sizeof *p->blocks);
	if (p->lines == NULL || p->blocks == NULL)
		return -1;
	for (i = 0; i < len;) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - text) : len;
		line_t *l = &p->lines[p->n_lines++];

		l->start = text + i;
		l->len = end - i;
		while (l->len > 0 && l->start[l->len - 1] == '\r')
			l->len--;
		i = end + 1;
	}
	for (i = 0; i < p->n_lines; i++) {
		if (is_blank(p->lines[i].start, p->lines[i].len))
			continue;
		if (i == 0 || is_blank(p->lines[i - 1].start,
		    p->lines[i - 1].len)) {
			block_t *b = &p->blocks[p->n_blocks++];
			b->first = i;
			b->lineno = (unsigned)i + 1;
		}
		p->blocks[p->n_blocks - 1].n++;
	}
	return 0;
}

static const line_t *
block_line(const parser_t *p, const block_t *b, size_t i)
{
	return &p->lines[b->first + i];
}

static int
line_starts_with(const line_t *l, const char *word)
{
	size_t n = strlen(word);

	return l->len >= n && strncasecmp(l->start, word, n) == 0;
}

static int
is_bullet(const line_t *l)
{
	return line_starts_with(l, "- ") || line_starts_with(l, "* ") ||
	    line_starts_with(l, "\xe2\x80\xa2");	/* U+2022 bullet */
}

/* A block's lines as one paragraph; list items keep their own lines. */
static char *
block_text(const parser_t *p, const block_t *b, size_t from)
{
	strbuf_t out = { 0 };

	for (size_t i = from; i < b->n; i++) {
		const line_t *l = block_line(p, b, i);
		char *line = str_ndup(l->start, l->len);

		if (line == NULL) {
			out.failed = 1;
			break;
		}
		text_squeeze_space(line);
		if (out.len > 0)
			strbuf_puts(&out, is_bullet(l) ? "\n" : " ");
		strbuf_puts(&out, line);
		free(line);
	}
	return strbuf_finish(&out);
}

/* A label line such as "Problem: X": X, or NULL if L is not one. */
static char *
labelled(const line_t *l, const char *label)
{
	size_t n = strlen(label);
	char *rest;

	if (!line_starts_with(l, label))
		return NULL;
	rest = str_ndup(l->start + n, l->len - n);
	return rest ? text_squeeze_space(rest) : NULL;
}

static int
has_tab(const line_t *l)
{
	return memchr(l->start, '\t', l->len) != NULL;
}

/* A table: every line has a tab, and there is a header and a row. */
static int
is_table(const parser_t *p, const block_t *b)
{
	if (b->n < 2)
		return 0;
	for (size_t i = 0; i < b->n; i++)
		if (!has_tab(block_line(p, b, i)))
			return 0;
	return 1;
}

static int
is_upper_line(const line_t *l)
{
	int letters = 0;

	for (size_t i = 0; i < l->len; i++) {
		unsigned char c = (unsigned char)l->start[i];

		if (islower(c))
			return 0;
		letters += isupper(c) != 0;
	}
	return letters > 0;
}

/*
 * A heading is one short line that reads like a title: no label colon,
 * no link, no sentence punctuation at its end.
 */
static int
is_heading_line(const line_t *l)
{
	unsigned char first = (unsigned char)l->start[0];
	char last = l->start[l->len - 1];
	size_t words = 1;

	if (l->len > 80 || memchr(l->start, ':', l->len) ||
	    memchr(l->start, '<', l->len) || has_tab(l) || is_bullet(l))
		return 0;
	if (!(isupper(first) || isdigit(first) || first >= 0x80))
		return 0;
	if (strchr(".,;!?", last))
		return 0;
	for (size_t i = 0; i < l->len; i++)
		words += l->start[i] == ' ';
	return words <= 12;
}

static int
is_heading(const parser_t *p, const block_t *b)
{
	return b->n == 1 && is_heading_line(block_line(p, b, 0));
}

/* Sections --------------------------------------------------------- */

static char *
slug_of(const char *s, size_t max_words)
{
	strbuf_t b = { 0 };
	size_t words = 0;
	int dash = 0;

	for (; *s != '\0' && words < max_words; s++) {
		unsigned char c = (unsigned char)*s;

		if (isalnum(c)) {
			if (dash && b.len > 0)
				strbuf_puts(&b, "-");
			dash = 0;
			c = (unsigned char)tolower(c);
			strbuf_append(&b, (const char *)&c, 1);
		} else if (!dash && b.len > 0) {
			dash = 1;
			if (c == ' ')
				words++;
		}
		if (b.len > 80)
			break;
	}
	return strbuf_finish(&b);
}

/* A slug unique in the publication: "resources", "resources-2", ... */
static char *
unique_slug(const factsheet_publication_t *pub, const char *base)
{
	char *slug;

	if (base[0] == '\0')
		base = "section";
	slug = str_printf("%s", base);

	for (unsigned n = 2; slug != NULL; n++) {
		size_t i;

		for (i = 0; i < pub->n_sections; i++)
			if (pub->sections[i].slug != NULL &&
			    strcmp(pub->sections[i].slug, slug) == 0)
				break;
		if (i == pub->n_sections)
			break;
		free(slug);
		slug = str_printf("%s-%u", base, n);
	}
	return slug;
}

static factsheet_section_t *
new_section(parser_t *p, factsheet_section_kind_t kind, char *heading,
	    unsigned line)
{
	factsheet_publication_t *pub = p->pub;
	factsheet_section_t *s, *grown;

	grown = realloc(pub->sections, (pub->n_sections + 1) * sizeof *s);
	if (grown == NULL) {
		free(heading);
		p->failed = 1;
		return NULL;
	}
	pub->sections = grown;
	s = &pub->sections[pub->n_sections++];
	memset(s, 0, sizeof *s);
	s->kind = kind;
	s->heading = heading;
	s->line = line;
	if (kind != FACTSHEET_SECTION_TEXT && p->part != NULL &&
	    (s->part = str_printf("%s", p->part)) == NULL)
		p->failed = 1;
	return s;
}

static void
finish_section(parser_t *p)
{
	factsheet_section_t *s = p->current;
	char *base;

	if (s == NULL)
		return;
	s->text = strbuf_finish(&p->text);
	if (s->solution_heading != NULL)
		s->solution_text = strbuf_finish(&p->solution);
	else
		free(strbuf_finish(&p->solution));
	s->contacts = p->contacts.items;
	s->n_contacts = p->contacts.n;
	if (p->contacts.failed)
		p->failed = 1;
	memset(&p->contacts, 0, sizeof p->contacts);
	/* A section without a heading of its own is named by its words. */
	base = slug_of(s->heading ? s->heading : s->text,
	    s->heading ? 12 : 6);
	if (base != NULL) {
		s->slug = unique_slug(p->pub, base);
		free(base);
	}
	if (s->heading == NULL &&
	    (s->heading = str_printf("%s", p->pub->title)) == NULL)
		p->failed = 1;
	if (s->text == NULL || s->slug == NULL ||
	    (s->solution_heading != NULL && s->solution_text == NULL))
		p->failed = 1;
	p->current = NULL;
	p->in_solution = 0;
}

static void
add_paragraph(strbuf_t *b, const char *para)
{
	if (b->len > 0)
		strbuf_puts(b, "\n\n");
	strbuf_puts(b, para);
}

/* A heading met earlier and followed by no text heads a group. */
static void
pending_becomes_part(parser_t *p)
{
	if (p->pending_heading == NULL)
		return;
	free(p->part);
	p->part = p->pending_heading;
	p->pending_heading = NULL;
}

static void
start_problem(parser_t *p, const block_t *b, char *heading)
{
	size_t from = 1;

	finish_section(p);
	pending_becomes_part(p);
	/* "Problem:" alone on its line: the heading is the next line. */
	if (heading[0] == '\0' && b->n > 1) {
		const line_t *l = block_line(p, b, 1);

		free(heading);
		if ((heading = str_ndup(l->start, l->len)) == NULL) {
			p->failed = 1;
			return;
		}
		text_squeeze_space(heading);
		from = 2;
	}
	p->current = new_section(p, FACTSHEET_SECTION_PROBLEM, heading,
	    b->lineno);
	if (p->current != NULL && from < b->n) {
		char *para = block_text(p, b, from);

		if (para == NULL) {
			p->failed = 1;
			return;
		}
		add_paragraph(&p->text, para);
		contact_scan_text(&p->contacts, para);
		free(para);
	}
}

/*
 * The paragraphs of an HTML table cell ("<p>Label https://...</p>"),
 * through libxml2's forgiving HTML parser, one per line.
 */
static char *
html_cell_text(const char *cell, size_t len)
{
	htmlDocPtr doc;
	strbuf_t out = { 0 };
	xmlNodePtr root, body, n;

	doc = htmlReadMemory(cell, (int)len, NULL, "UTF-8",
	    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
	if (doc == NULL)
		return str_ndup(cell, len);
	root = xmlDocGetRootElement(doc);
	body = root;
	for (n = root ? root->children : NULL; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    strcasecmp((const char *)n->name, "body") == 0)
			body = n;
	for (n = body ? body->children : NULL; n != NULL; n = n->next) {
		xmlChar *content = xmlNodeGetContent(n);

		if (content == NULL)
			continue;
		text_squeeze_space((char *)content);
		if (content[0] != '\0') {
			if (out.len > 0)
				strbuf_puts(&out, "\n");
			strbuf_puts(&out, (const char *)content);
		}
		xmlFree(content);
	}
	xmlFreeDoc(doc);
	return strbuf_finish(&out);
}

/*
 * A cell's links become link contacts labelled by the words beside
 * them, or by the row's name; those words also become the row's text.
 */
static void
add_cell(parser_t *p, const char *name, const char *cell, size_t len)
{
	int html = memchr(cell, '<', len) != NULL;
	char *text = html ? html_cell_text(cell, len) : str_ndup(cell, len);
	char *line, *save = NULL;

	if (text == NULL) {
		p->failed = 1;
		return;
	}
	for (line = strtok_r(text, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		contact_list_t found = { 0 };
		strbuf_t words = { 0 };
		const char *rest = line;

		contact_scan_text(&found, line);
		/* The words of the line without its URLs name its links. */
		for (size_t i = 0; i < found.n; i++) {
			const char *at = strstr(rest, found.items[i].value);

			if (at == NULL)
				continue;
			strbuf_append(&words, rest, (size_t)(at - rest));
			rest = at + strlen(found.items[i].value);
		}
		strbuf_puts(&words, rest);
		char *label = strbuf_finish(&words);
		if (label == NULL) {
			p->failed = 1;
			contact_list_clear(&found);
			break;
		}
		text_squeeze_space(label);
		for (size_t i = 0; i < found.n; i++) {
			factsheet_contact_t *c = &found.items[i];

			contact_list_add(&p->contacts, c->kind, c->value,
			    strlen(c->value),
			    c->kind == FACTSHEET_CONTACT_LINK ?
			    (label[0] ? label : name) : c->label);
		}
		if (label[0] != '\0') {
			if (p->text.len > 0)
				strbuf_puts(&p->text, "\n");
			strbuf_puts(&p->text, label);
		}
		free(label);
		contact_list_clear(&found);
	}
	free(text);
}

/* Each row below the header is one resource section. */
static void
add_table(parser_t *p, const block_t *b)
{
	finish_section(p);
	pending_becomes_part(p);
	for (size_t i = 1; i < b->n && !p->failed; i++) {
		const line_t *l = block_line(p, b, i);
		const char *tab = memchr(l->start, '\t', l->len);
		const char *end = l->start + l->len;
		char *name = str_ndup(l->start, (size_t)(tab - l->start));

		if (name == NULL) {
			p->failed = 1;
			return;
		}
		text_squeeze_space(name);
		p->current = new_section(p, FACTSHEET_SECTION_RESOURCE, name,
		    b->lineno + (unsigned)i);
		if (p->current == NULL)
			return;
		for (const char *cell = tab + 1; cell < end;) {
			const char *next = memchr(cell, '\t',
			    (size_t)(end - cell));
			size_t n = next ? (size_t)(next - cell) :
			    (size_t)(end - cell);

			add_cell(p, name, cell, n);
			cell += n + 1;
		}
		finish_section(p);
	}
	/* What follows a table is no longer under the table's heading. */
	free(p->part);
	p->part = NULL;
}

static void
add_text(parser_t *p, const block_t *b)
{
	char *para = block_text(p, b, 0);

	if (para == NULL) {
		p->failed = 1;
		return;
	}
	if (p->pending_heading != NULL) {
		/* A heading with text of its own starts a top-level
		 * section and closes any group above it. */
		finish_section(p);
		free(p->part);
		p->part = NULL;
		p->current = new_section(p, FACTSHEET_SECTION_TEXT,
		    p->pending_heading, p->pending_line);
		p->pending_heading = NULL;
	} else if (p->current == NULL) {
		p->current = new_section(p, FACTSHEET_SECTION_TEXT, NULL,
		    b->lineno);
	}
	if (p->current == NULL) {
		free(para);
		return;
	}
	if (p->current->kind == FACTSHEET_SECTION_PROBLEM && p->in_solution) {
		/* Contact lines become contacts, not solution text. */
		if (b->n == 1 && contact_parse_line(&p->contacts, para)) {
			free(para);
			return;
		}
		add_paragraph(&p->solution, para);
	} else {
		add_paragraph(&p->text, para);
		if (b->n == 1 && contact_parse_line(&p->contacts, para)) {
			free(para);
			return;
		}
	}
	contact_scan_text(&p->contacts, para);
	free(para);
}

static void
add_heading(parser_t *p, const block_t *b)
{
	const line_t *l = block_line(p, b, 0);

	finish_section(p);
	pending_becomes_part(p);
	if ((p->pending_heading = str_ndup(l->start, l->len)) == NULL) {
		p->failed = 1;
		return;
	}
	text_squeeze_space(p->pending_heading);
	p->pending_line = b->lineno;
}

/* Front matter ----------------------------------------------------- */

/* Short lines with no sentence end: agency lines, title, series. */
static int
is_front_block(const parser_t *p, const block_t *b)
{
	for (size_t i = 0; i < b->n; i++) {
		const line_t *l = block_line(p, b, i);

		if (l->len > 100 || l->start[l->len - 1] == '.' ||
		    has_tab(l) || line_starts_with(l, "Problem:"))
			return 0;
	}
	return 1;
}

static char *
line_copy(const line_t *l)
{
	char *s = str_ndup(l->start, l->len);

	return s ? text_squeeze_space(s) : NULL;
}

/* Returns the index of the first block after the front matter. */
static size_t
parse_front(parser_t *p)
{
	factsheet_publication_t *pub = p->pub;
	size_t i = 0;

	if (p->n_blocks == 0)
		return 0;
	/* Agency lines: a block of several short lines, or capitals, over a
	 * one-line title. */
	if (p->n_blocks > 2 && is_front_block(p, &p->blocks[0]) &&
	    (p->blocks[0].n > 1 || is_upper_line(block_line(p,
	    &p->blocks[0], 0))) && is_front_block(p, &p->blocks[1]) &&
	    p->blocks[1].n == 1) {
		const block_t *b = &p->blocks[0];

		pub->agency = calloc(b->n, sizeof *pub->agency);
		if (pub->agency == NULL) {
			p->failed = 1;
			return 0;
		}
		for (size_t j = 0; j < b->n; j++)
			if ((pub->agency[pub->n_agency++] =
			    line_copy(block_line(p, b, j))) == NULL)
				p->failed = 1;
		i = 1;
	}
	if (i < p->n_blocks && is_front_block(p, &p->blocks[i]) &&
	    p->blocks[i].n <= 2 &&
	    !line_starts_with(block_line(p, &p->blocks[i], 0), "Problem:")) {
		pub->title = block_text(p, &p->blocks[i], 0);
		i++;
		/* A line in capitals under the title names the series. */
		if (i < p->n_blocks && p->blocks[i].n == 1 &&
		    is_front_block(p, &p->blocks[i]) &&
		    is_upper_line(block_line(p, &p->blocks[i], 0))) {
			pub->series = line_copy(block_line(p, &p->blocks[i],
			    0));
			i++;
		}
	}
	return i;
}

/* The whole parse ---------------------------------------------------- */

static void
parse_body(parser_t *p, size_t from)
{
	for (size_t i = from; i < p->n_blocks && !p->failed; i++) {
		const block_t *b = &p->blocks[i];
		const line_t *first = block_line(p, b, 0);
		char *rest;

		if ((rest = labelled(first, "Problem:")) != NULL) {
			start_problem(p, b, rest);
		} else if (p->current != NULL &&
		    p->current->kind == FACTSHEET_SECTION_PROBLEM &&
		    p->current->solution_heading == NULL &&
		    (rest = labelled(first, "Solution:")) != NULL) {
			p->current->solution_heading = rest;
			p->in_solution = 1;
			if (b->n > 1) {
				char *para = block_text(p, b, 1);

				if (para == NULL) {
					p->failed = 1;
					return;
				}
				add_paragraph(&p->solution, para);
				contact_scan_text(&p->contacts, para);
				free(para);
			}
		} else if (is_table(p, b)) {
			add_table(p, b);
		} else if (is_heading(p, b) && i + 1 < p->n_blocks) {
			add_heading(p, b);
		} else {
			add_text(p, b);
		}
	}
	finish_section(p);
	/* A heading at the very end still gets a section of its own. */
	if (p->pending_heading != NULL && !p->failed) {
		p->current = new_section(p, FACTSHEET_SECTION_TEXT,
		    p->pending_heading, p->pending_line);
		p->pending_heading = NULL;
		finish_section(p);
	}
}

/* A title from the file name when the text offers none. */
static char *
title_from_source(const char *source)
{
	const char *base = strrchr(source, '/');
	const char *dot;

	base = base ? base + 1 : source;
	dot = strrchr(base, '.');
	return str_ndup(base, dot && dot != base ? (size_t)(dot - base) :
	    strlen(base));
}

factsheet_status_t
parse_factsheet(factsheet_publication_t *pub, const char *text, size_t len,
		char **message)
{
	parser_t p = { 0 };
	size_t body, problems = 0, resources = 0;

	*message = NULL;
	p.pub = pub;
	/* A byte order mark is not part of the first line. */
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
		text += 3;
		len -= 3;
	}
	if (split_lines(&p, text, len) < 0) {
		p.failed = 1;
		goto out;
	}
	body = parse_front(&p);
	if (pub->title == NULL && !p.failed)
		pub->title = title_from_source(pub->source);
	if (!p.failed)
		parse_body(&p, body);
	for (size_t i = 0; i < pub->n_sections; i++) {
		problems += pub->sections[i].kind == FACTSHEET_SECTION_PROBLEM;
		resources += pub->sections[i].kind ==
		    FACTSHEET_SECTION_RESOURCE;
	}
	if (!p.failed && problems == 0 && resources == 0) {
		pub->warning = str_printf("%s: no Problem/Solution blocks or "
		    "Resources table found; indexed as %zu plain section%s",
		    pub->source, pub->n_sections,
		    pub->n_sections == 1 ? "" : "s");
		p.failed = pub->warning == NULL;
	}
out:
	if (p.current != NULL)
		finish_section(&p);
	free(strbuf_finish(&p.text));
	free(strbuf_finish(&p.solution));
	contact_list_clear(&p.contacts);
	free(p.pending_heading);
	free(p.part);
	free(p.lines);
	free(p.blocks);
	if (p.failed || pub->title == NULL) {
		*message = str_printf("%s: out of memory while parsing",
		    pub->source);
		return FACTSHEET_STATUS_OUT_OF_MEMORY;
	}
	return FACTSHEET_STATUS_SUCCESS;
}
