/*
 * builder.c - sections from a stream of headings, paragraphs and table
 * rows, whatever format they were read from (plain text, Markdown, HTML,
 * PDF).  Problem:/Solution: blocks, contact lines and links are
 * recognised here, once, for every format; every paragraph lands in some
 * section, so no text is unsearchable.
 */
#include <config.h>

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>

#include "factsheet-private.h"

void
builder_init(builder_t *b, factsheet_publication_t *pub)
{
	memset(b, 0, sizeof *b);
	b->pub = pub;
}

/* A copy of S with its white space squeezed; NULL only out of memory. */
static char *
squeezed(builder_t *b, const char *s, size_t n)
{
	char *copy = str_ndup(s, n);

	if (copy == NULL)
		b->failed = 1;
	return copy ? text_squeeze_space(copy) : NULL;
}

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

/* FNV-1a: short keys, cheap to hash, well spread for a power of two. */
static size_t
slug_hash(const char *s)
{
	uint64_t h = UINT64_C(14695981039346656037);

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= UINT64_C(1099511628211);
	}
	return (size_t)h;
}

/* SLUG's entry in SET (whose size is not 0), or the empty slot where it
 * would go. */
static slug_entry_t *
slug_slot(const slug_set_t *set, const char *slug)
{
	size_t mask = set->size - 1, i = slug_hash(slug) & mask;

	while (set->entries[i].slug != NULL &&
	    strcmp(set->entries[i].slug, slug) != 0)
		i = (i + 1) & mask;
	return &set->entries[i];
}

static int
slug_set_has(const slug_set_t *set, const char *slug)
{
	return set->size > 0 && slug_slot(set, slug)->slug != NULL;
}

/* Adds a copy of SLUG, not in SET yet; -1 out of memory. */
static int
slug_set_add(slug_set_t *set, const char *slug)
{
	slug_entry_t *e;

	if ((set->used + 1) * 2 > set->size) {
		slug_set_t bigger = { 0 };

		bigger.size = set->size ? set->size * 2 : 64;
		if ((bigger.entries = calloc(bigger.size,
		    sizeof *bigger.entries)) == NULL)
			return -1;
		for (size_t i = 0; i < set->size; i++)
			if (set->entries[i].slug != NULL)
				*slug_slot(&bigger, set->entries[i].slug) =
				    set->entries[i];
		bigger.used = set->used;
		free(set->entries);
		*set = bigger;
	}
	e = slug_slot(set, slug);
	if ((e->slug = str_printf("%s", slug)) == NULL)
		return -1;
	e->next = 2;
	set->used++;
	return 0;
}

static void
slug_set_clear(slug_set_t *set)
{
	for (size_t i = 0; i < set->size; i++)
		free(set->entries[i].slug);
	free(set->entries);
	memset(set, 0, sizeof *set);
}

/*
 * A slug no earlier section has: BASE, else the first of "BASE-2",
 * "BASE-3", ... free.  Slugs are only ever added, so the suffixes below
 * the one BASE got last time are still taken: trying from the next one
 * gives the same slug as trying from 2, and a heading repeated a
 * thousand times costs no more each time than the first.
 */
static char *
unique_slug(slug_set_t *set, const char *base)
{
	char *slug;
	unsigned n;

	if (base[0] == '\0')
		base = "section";
	if (!slug_set_has(set, base))
		return slug_set_add(set, base) < 0 ? NULL :
		    str_printf("%s", base);
	for (n = slug_slot(set, base)->next; ; n++) {
		if ((slug = str_printf("%s-%u", base, n)) == NULL)
			return NULL;
		if (!slug_set_has(set, slug))
			break;
		free(slug);
	}
	if (slug_set_add(set, slug) < 0) {
		free(slug);
		return NULL;
	}
	/* Adding may have moved the entries: look BASE up again. */
	slug_slot(set, base)->next = n + 1;
	return slug;
}

/* The headings above a new section: the group heading of plain text, or
 * the heading hierarchy down to (but not including) SKIP_DEEPEST. */
static void
set_path(builder_t *b, factsheet_section_t *s, int skip_deepest)
{
	size_t n = 0, deepest = 0;

	for (size_t i = 0; i < BUILDER_LEVELS; i++)
		if (b->levels[i] != NULL)
			deepest = i + 1;
	if (skip_deepest && deepest > 0)
		deepest--;
	if ((s->path = calloc(BUILDER_LEVELS + 1, sizeof *s->path)) == NULL) {
		b->failed = 1;
		return;
	}
	for (size_t i = 0; i < deepest; i++)
		if (b->levels[i] != NULL &&
		    (s->path[n++] = str_printf("%s", b->levels[i])) == NULL)
			b->failed = 1;
	if (b->part != NULL && n == 0 &&
	    (s->path[n++] = str_printf("%s", b->part)) == NULL)
		b->failed = 1;
	s->n_path = n;
	if (n > 0 && (s->part = str_printf("%s", s->path[n - 1])) == NULL)
		b->failed = 1;
}

static factsheet_section_t *
new_section(builder_t *b, factsheet_section_kind_t kind, char *heading,
	    unsigned line)
{
	factsheet_publication_t *pub = b->pub;
	factsheet_section_t *s, *grown;

	grown = realloc(pub->sections, (pub->n_sections + 1) * sizeof *s);
	if (grown == NULL) {
		free(heading);
		b->failed = 1;
		return NULL;
	}
	pub->sections = grown;
	s = &pub->sections[pub->n_sections++];
	memset(s, 0, sizeof *s);
	s->kind = kind;
	s->heading = heading;
	s->line = line;
	s->page = b->page;
	/* A text section named by the deepest heading sits under the
	 * others; problems and rows sit under all of them. */
	set_path(b, s, kind == FACTSHEET_SECTION_TEXT && heading != NULL &&
	    b->hierarchy);
	if (b->anchor != NULL) {
		s->anchor = b->anchor;
		b->anchor = NULL;
	}
	b->current = s;
	/* A heading's own contacts ("Email EUSsupport@cgi.com") are its
	 * section's; a "TTY" or "Fax" heading files the numbers below. */
	contact_scan_heading(&b->contacts, heading);
	return s;
}

static void
finish_section(builder_t *b)
{
	factsheet_section_t *s = b->current;
	char *base;

	if (s == NULL)
		return;
	s->text = strbuf_finish(&b->text);
	if (s->solution_heading != NULL)
		s->solution_text = strbuf_finish(&b->solution);
	else
		free(strbuf_finish(&b->solution));
	s->contacts = b->contacts.items;
	s->n_contacts = b->contacts.n;
	if (b->contacts.failed)
		b->failed = 1;
	memset(&b->contacts, 0, sizeof b->contacts);
	/* A section without a heading of its own is named by its words. */
	base = slug_of(s->heading ? s->heading : s->text ? s->text : "",
	    s->heading ? 12 : 6);
	if (base != NULL) {
		s->slug = unique_slug(&b->slugs, base);
		free(base);
	}
	if (s->heading == NULL && b->pub->title != NULL &&
	    (s->heading = str_printf("%s", b->pub->title)) == NULL)
		b->failed = 1;
	if (s->anchor == NULL && s->slug != NULL &&
	    (s->anchor = str_printf("%s", s->slug)) == NULL)
		b->failed = 1;
	if (s->text == NULL || s->slug == NULL || s->heading == NULL ||
	    (s->solution_heading != NULL && s->solution_text == NULL))
		b->failed = 1;
	b->current = NULL;
	b->in_solution = 0;
}

static void
append_paragraph(strbuf_t *sb, const char *para)
{
	if (sb->len > 0)
		strbuf_puts(sb, "\n\n");
	strbuf_puts(sb, para);
}

/* A plain-text heading met earlier and followed by no text heads a
 * group: the problems and rows below it. */
static void
pending_becomes_part(builder_t *b)
{
	if (b->pending_heading == NULL)
		return;
	free(b->part);
	b->part = b->pending_heading;
	b->pending_heading = NULL;
}

void
builder_problem(builder_t *b, const char *heading, unsigned line)
{
	char *h;

	finish_section(b);
	pending_becomes_part(b);
	b->heading_open = 0;
	b->structured = 1;
	if ((h = squeezed(b, heading, strlen(heading))) != NULL)
		new_section(b, FACTSHEET_SECTION_PROBLEM, h, line);
}

void
builder_solution(builder_t *b, const char *heading)
{
	if (b->current == NULL ||
	    b->current->kind != FACTSHEET_SECTION_PROBLEM ||
	    b->current->solution_heading != NULL) {
		/* A Solution: with no Problem: before it is text. */
		char *para = str_printf("Solution: %s", heading);

		if (para == NULL)
			b->failed = 1;
		else
			builder_paragraph(b, para, b->last_line, 1);
		free(para);
		return;
	}
	b->current->solution_heading = squeezed(b, heading, strlen(heading));
	if (b->current->solution_heading != NULL)
		contact_scan_text(&b->contacts, b->current->solution_heading);
	b->in_solution = 1;
}

/* If S starts with LABEL (any case), the rest; else NULL. */
static const char *
after_label(const char *s, const char *label)
{
	size_t n = strlen(label);

	s += strspn(s, " \t");
	if (strncasecmp(s, label, n) != 0)
		return NULL;
	return s + n + strspn(s + n, " \t");
}

void
builder_heading(builder_t *b, unsigned level, const char *text,
		const char *anchor, unsigned line)
{
	const char *rest;

	b->last_line = line;
	if ((rest = after_label(text, "Problem:")) != NULL) {
		/* The problem links to its own heading, not one above. */
		free(b->anchor);
		b->anchor = anchor ? str_printf("%s", anchor) : NULL;
		builder_problem(b, rest, line);
		return;
	}
	if ((rest = after_label(text, "Solution:")) != NULL) {
		builder_solution(b, rest);
		return;
	}
	finish_section(b);
	free(b->anchor);
	b->anchor = anchor ? str_printf("%s", anchor) : NULL;
	if (level == 0) {
		pending_becomes_part(b);
		b->pending_heading = squeezed(b, text, strlen(text));
		b->pending_line = line;
		return;
	}
	/* A heading of a hierarchy replaces those at its level and below. */
	b->hierarchy = 1;
	b->structured = 1;
	if (level > BUILDER_LEVELS)
		level = BUILDER_LEVELS;
	for (size_t i = level - 1; i < BUILDER_LEVELS; i++) {
		free(b->levels[i]);
		b->levels[i] = NULL;
	}
	b->levels[level - 1] = squeezed(b, text, strlen(text));
	b->heading_open = 1;
	b->pending_line = line;
}

/* The section a paragraph goes to, started if need be. */
static factsheet_section_t *
section_for_text(builder_t *b, unsigned line)
{
	if (b->pending_heading != NULL) {
		/* A plain-text heading with text of its own starts a
		 * top-level section and closes any group above it. */
		finish_section(b);
		free(b->part);
		b->part = NULL;
		new_section(b, FACTSHEET_SECTION_TEXT, b->pending_heading,
		    b->pending_line);
		b->pending_heading = NULL;
	} else if (b->heading_open) {
		char *heading = NULL;

		for (size_t i = BUILDER_LEVELS; i > 0 && heading == NULL; i--)
			if (b->levels[i - 1] != NULL)
				heading = str_printf("%s", b->levels[i - 1]);
		finish_section(b);
		b->heading_open = 0;
		new_section(b, FACTSHEET_SECTION_TEXT, heading,
		    b->pending_line);
	} else if (b->current == NULL) {
		new_section(b, FACTSHEET_SECTION_TEXT, NULL, line);
	}
	return b->current;
}

void
builder_paragraph(builder_t *b, const char *para, unsigned line,
		  int single_line)
{
	const char *rest;
	factsheet_section_t *s;

	b->last_line = line;
	if ((rest = after_label(para, "Problem:")) != NULL && *rest != '\0' &&
	    strchr(rest, '\n') == NULL) {
		builder_problem(b, rest, line);
		return;
	}
	if ((rest = after_label(para, "Solution:")) != NULL &&
	    b->current != NULL &&
	    b->current->kind == FACTSHEET_SECTION_PROBLEM &&
	    b->current->solution_heading == NULL &&
	    strchr(rest, '\n') == NULL) {
		builder_solution(b, rest);
		return;
	}
	if ((s = section_for_text(b, line)) == NULL)
		return;
	if (s->kind == FACTSHEET_SECTION_PROBLEM && b->in_solution) {
		/* Contact lines become contacts, not solution text. */
		if (single_line && contact_parse_line(&b->contacts, para))
			return;
		append_paragraph(&b->solution, para);
	} else {
		append_paragraph(&b->text, para);
		if (single_line && contact_parse_line(&b->contacts, para))
			return;
	}
	contact_scan_text(&b->contacts, para);
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
 * Whether CELL holds an HTML tag: "<" and a name ended by ">", "/" or a
 * space ("<p>", "</p>", "<a href=...>"); an angle-bracketed URL
 * ("<https://...>") is no tag, but the link it marks.
 */
static int
has_html_tag(const char *cell, size_t len)
{
	for (const char *lt = memchr(cell, '<', len); lt != NULL;
	    lt = memchr(lt + 1, '<', len - (size_t)(lt + 1 - cell))) {
		const char *p = lt + 1, *end = cell + len;

		if (p < end && *p == '/')
			p++;
		if (p >= end || !isalpha((unsigned char)*p))
			continue;
		while (p < end && isalnum((unsigned char)*p))
			p++;
		if (p < end && (*p == '>' || *p == '/' ||
		    isspace((unsigned char)*p)))
			return 1;
	}
	return 0;
}

/*
 * A cell's links become link contacts labelled by the words beside
 * them, or by the row's name; those words also become the row's text.
 */
static void
add_cell(builder_t *b, const char *name, const char *cell, size_t len)
{
	int html = has_html_tag(cell, len);
	char *text = html ? html_cell_text(cell, len) : str_ndup(cell, len);
	char *line, *save = NULL;

	if (text == NULL) {
		b->failed = 1;
		return;
	}
	for (line = strtok_r(text, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		contact_list_t found = { 0 };
		strbuf_t words = { 0 };
		const char *rest = line;
		char *label;

		contact_scan_text(&found, line);
		/* The words of the line without its URLs name its links. */
		for (size_t i = 0; i < found.n; i++) {
			const char *at = strstr(rest, found.items[i].value);
			const char *after;

			if (at == NULL)
				continue;
			after = at + strlen(found.items[i].value);
			/* The brackets of "<https://...>" go with it. */
			if (at > rest && at[-1] == '<' && *after == '>') {
				at--;
				after++;
			}
			strbuf_append(&words, rest, (size_t)(at - rest));
			rest = after;
		}
		strbuf_puts(&words, rest);
		if ((label = strbuf_finish(&words)) == NULL) {
			b->failed = 1;
			contact_list_clear(&found);
			break;
		}
		text_squeeze_space(label);
		for (size_t i = 0; i < found.n; i++) {
			factsheet_contact_t *c = &found.items[i];

			contact_list_add(&b->contacts, c->kind, c->value,
			    strlen(c->value),
			    c->kind == FACTSHEET_CONTACT_LINK ?
			    (label[0] ? label : name) : c->label);
		}
		if (label[0] != '\0') {
			if (b->text.len > 0)
				strbuf_puts(&b->text, "\n");
			strbuf_puts(&b->text, label);
		}
		free(label);
		contact_list_clear(&found);
	}
	free(text);
}

void
builder_table_row(builder_t *b, const char *name, const char *const *cells,
		  size_t n_cells, unsigned line)
{
	char *heading;

	if (!b->in_table) {
		/* The heading over a table names the group of its rows. */
		finish_section(b);
		pending_becomes_part(b);
		b->heading_open = 0;
		b->in_table = 1;
		b->structured = 1;
	}
	finish_section(b);
	if ((heading = squeezed(b, name, strlen(name))) == NULL ||
	    new_section(b, FACTSHEET_SECTION_RESOURCE, heading, line) == NULL)
		return;
	for (size_t i = 0; i < n_cells; i++)
		add_cell(b, heading, cells[i], strlen(cells[i]));
	finish_section(b);
}

void
builder_table_header(builder_t *b, const char *const *cells, size_t n_cells,
		     unsigned line)
{
	strbuf_t row = { 0 };
	char *text;

	/* Until rows are labelled by it, the header is kept as a line of
	 * text, so that none of its words is lost. */
	for (size_t i = 0; i < n_cells; i++) {
		if (i > 0)
			strbuf_puts(&row, " | ");
		strbuf_puts(&row, cells[i]);
	}
	if ((text = strbuf_finish(&row)) == NULL) {
		b->failed = 1;
		return;
	}
	if (text[0] != '\0')
		builder_paragraph(b, text, line, 0);
	free(text);
}

void
builder_table_end(builder_t *b)
{
	if (!b->in_table)
		return;
	b->in_table = 0;
	/* What follows a plain-text table is no longer under its heading. */
	free(b->part);
	b->part = NULL;
}

void
builder_page(builder_t *b, unsigned page)
{
	b->page = page;
}

int
builder_finish(builder_t *b)
{
	finish_section(b);
	/* A heading at the very end still gets a section of its own. */
	if ((b->pending_heading != NULL || b->heading_open) && !b->failed) {
		section_for_text(b, b->pending_line);
		finish_section(b);
	}
	/* Still indexed, but the person indexing should know. */
	if (!b->failed && !b->structured && b->pub->n_sections > 0 &&
	    (b->pub->warning = str_printf("%s: no headings, Problem/Solution "
	    "blocks or tables found; indexed as %zu plain section%s",
	    b->pub->source, b->pub->n_sections,
	    b->pub->n_sections == 1 ? "" : "s")) == NULL)
		b->failed = 1;
	free(b->pending_heading);
	free(b->part);
	free(b->anchor);
	for (size_t i = 0; i < BUILDER_LEVELS; i++)
		free(b->levels[i]);
	slug_set_clear(&b->slugs);
	free(strbuf_finish(&b->text));
	free(strbuf_finish(&b->solution));
	contact_list_clear(&b->contacts);
	return b->failed ? -1 : 0;
}

/* Whether some of the N bytes at S is a digit. */
static int
has_digit(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (isdigit((unsigned char)s[i]))
			return 1;
	return 0;
}

void
reader_link_destination(strbuf_t *out, size_t mark, const char *dest,
			size_t len)
{
	const char *label = out->data ? out->data + mark : "";
	size_t label_len = out->data ? out->len - mark : 0;
	const char *query;
	int tel = 0;

	if (len > 7 && strncasecmp(dest, "mailto:", 7) == 0) {
		dest += 7;
		len -= 7;
	} else if (len > 4 && strncasecmp(dest, "tel:", 4) == 0) {
		dest += 4;
		len -= 4;
		tel = 1;
	} else if (!((len > 8 && strncasecmp(dest, "https://", 8) == 0) ||
	    (len > 7 && strncasecmp(dest, "http://", 7) == 0) ||
	    (len > 4 && strncasecmp(dest, "www.", 4) == 0))) {
		return;		/* a page of the same site, an anchor */
	}
	/* A label that gives the address, or the number, says it already;
	 * a query string it may leave out.  DEST ends at LEN, not at a NUL
	 * (a Markdown source goes on). */
	query = memchr(dest, '?', len);
	if (len == 0 || (tel && has_digit(label, label_len)) ||
	    memmem(label, label_len, dest, query ? (size_t)(query - dest) :
	    len) != NULL)
		return;
	strbuf_puts(out, " ");
	strbuf_append(out, dest, len);
}
