/*
 * builder.c - sections from a stream of headings, paragraphs and table
 * rows, whatever format they were read from (plain text, Markdown, HTML,
 * PDF).  Problem:/Solution: blocks, contact lines and links are
 * recognised here, once, for every format; every paragraph lands in some
 * section, so no text is unsearchable.
 */
#include <config.h>

#include <ctype.h>
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

/* SLUG's entry in SET (whose size is not 0), or the empty slot where it
 * would go. */
static slug_entry_t *
slug_slot(const slug_set_t *set, const char *slug)
{
	size_t mask = set->size - 1, i = (size_t)hash_string(slug) & mask;

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
	/* Room for a table's caption too, and a NULL after the last. */
	if ((s->path = calloc(BUILDER_LEVELS + 3, sizeof *s->path)) == NULL) {
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

static void append_paragraph(strbuf_t *sb, const char *para);

/* Where the current section's text goes: its solution once one began. */
static strbuf_t *
text_target(builder_t *b)
{
	return b->current != NULL &&
	    b->current->kind == FACTSHEET_SECTION_PROBLEM && b->in_solution ?
	    &b->solution : &b->text;
}

/* Whether the publication is at SECTIONS_MAX with its last section
 * open: what follows goes into that section. */
static int
at_cap(const builder_t *b)
{
	return b->pub->n_sections >= SECTIONS_MAX && b->current != NULL;
}

/* A new section, taking HEADING over; SKIP_DEEPEST as set_path. */
static factsheet_section_t *
new_section_at(builder_t *b, factsheet_section_kind_t kind, char *heading,
	       unsigned line, int skip_deepest)
{
	factsheet_publication_t *pub = b->pub;
	factsheet_section_t *s, *grown;
	size_t n = pub->n_sections;

	/* Past the cap the last section stays open and takes the rest of
	 * the file, headings as paragraphs: nothing is dropped, and a file
	 * of 400,000 short sections costs what one of 50,000 does. */
	if (n >= SECTIONS_MAX && b->current != NULL) {
		if (heading != NULL)
			append_paragraph(text_target(b), heading);
		free(heading);
		b->over_cap++;
		return b->current;
	}
	/* Room doubles at each power of two: one realloc a section made
	 * a file of 400,000 sections quadratic. */
	if ((n & (n - 1)) == 0) {
		grown = realloc(pub->sections, (n ? 2 * n : 1) * sizeof *s);
		if (grown == NULL) {
			free(heading);
			b->failed = 1;
			return NULL;
		}
		pub->sections = grown;
	}
	s = &pub->sections[pub->n_sections++];
	memset(s, 0, sizeof *s);
	s->kind = kind;
	s->heading = heading;
	s->line = line;
	s->page = b->page;
	set_path(b, s, skip_deepest);
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

static factsheet_section_t *
new_section(builder_t *b, factsheet_section_kind_t kind, char *heading,
	    unsigned line)
{
	/* A text section named by the deepest heading sits under the
	 * others; problems and rows sit under all of them. */
	return new_section_at(b, kind, heading, line,
	    kind == FACTSHEET_SECTION_TEXT && heading != NULL && b->hierarchy);
}

static void
finish_section(builder_t *b)
{
	factsheet_section_t *s = b->current;
	char *base;

	if (s == NULL || (at_cap(b) && !b->finishing))
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
	if (at_cap(b)) {
		append_paragraph(text_target(b), b->pending_heading);
		free(b->pending_heading);
		b->pending_heading = NULL;
		b->over_cap++;
		return;
	}
	free(b->part);
	b->part = b->pending_heading;
	b->pending_heading = NULL;
}

/* Whatever comes after a table ends it, for a reader that does not say
 * so: its rows then come before what follows, as in the file.  What
 * comes next is no caption of a table after it. */
static void
end_open_table(builder_t *b)
{
	if (b->in_table)
		builder_table_end(b);
	free(b->caption);
	b->caption = NULL;
}

void
builder_problem(builder_t *b, const char *heading, unsigned line)
{
	char *h;

	end_open_table(b);
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
	end_open_table(b);
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

	end_open_table(b);
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
	if (at_cap(b)) {
		char *h = squeezed(b, text, strlen(text));

		/* The last section takes it, as a paragraph. */
		if (h != NULL)
			append_paragraph(text_target(b), h);
		free(h);
		b->over_cap++;
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

static int is_label(const char *s);

/*
 * Whether PARA may be a table's caption, if a table follows ("Table 2.
 * Who to call", "Medicare Administrative Contractors by State"): one
 * short line of words, no address, not a sentence ending in a period,
 * colon or comma (an introduction: "Call the office below:").
 */
static int
is_caption(const char *para)
{
	size_t n = strlen(para);

	while (n > 0 && isspace((unsigned char)para[n - 1]))
		n--;
	return n > 0 && n <= 120 && strchr(".:;,", para[n - 1]) == NULL &&
	    strchr(para, '\n') == NULL && strstr(para, "://") == NULL &&
	    strchr(para, '@') == NULL && is_label(para);
}

void
builder_paragraph(builder_t *b, const char *para, unsigned line,
		  int single_line)
{
	const char *rest;
	factsheet_section_t *s;

	end_open_table(b);
	b->last_line = line;
	if (is_caption(para) &&
	    (b->caption = squeezed(b, para, strlen(para))) == NULL)
		return;
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

/* Tables -------------------------------------------------------------
 *
 * A reader hands a table over as an optional header row, then its rows
 * (a name, then the other cells), then its end.  They are held until
 * the end because only the whole table tells what it is:
 *
 * - a list of resources (the CMS "Resources" table: name | link): one
 *   resource section per row, named by its first cell;
 * - rows of topics ("Topic | Who to call", "State | Phone"): one
 *   section per row, named by its first cell, each other cell a line
 *   labelled by its column's header ("MAC: X");
 * - data (numbers, dates, codes, or too many columns to read as a
 *   record): lines of the current section's text, as "a | b | c".
 *
 * table_kind() holds the rules.  They look only at the cells' words and
 * links, never at the format the table came from, so the same table in
 * plain text, Markdown, HTML or PDF gives the same sections.  Before
 * them, tables printed side by side ("State | Phone | State | Phone")
 * are unfolded into one; after them, topics inside a Solution stay in
 * its text, and a header without rows is text too.  Every cell's words
 * land in some section; each line of each cell is read for contacts on
 * its own, so no number runs into the next cell's.
 */

/* A table wider than this (its name column included) is a grid of
 * values: one section per row would hold more labels than words. */
#define TABLE_MAX_COLUMNS 8

/* A first cell longer than this is prose, not a label naming a row. */
#define LABEL_MAX_BYTES 200

/*
 * Whether a row's first cell can name a section: a word of letters in
 * it (not only a number, an amount, a date such as "05/2024" or a code
 * such as "A01.1"), more letters than digits, and short.  Bytes of
 * UTF-8 sequences count as letters: names in other scripts are names.
 */
static int
is_label(const char *s)
{
	size_t letters = 0, digits = 0, run = 0, longest = 0, len = 0;

	for (; s[len] != '\0'; len++) {
		unsigned char c = (unsigned char)s[len];

		if (isalpha(c) || c >= 0x80) {
			letters++;
			if (++run > longest)
				longest = run;
		} else {
			digits += isdigit(c) != 0;
			run = 0;
		}
	}
	return longest >= 2 && letters > digits && len <= LABEL_MAX_BYTES;
}

/* Whether NAME is the label of a contact line ("Phone", "TTY",
 * "Email"). */
static int
is_contact_label(builder_t *b, const char *name)
{
	contact_list_t found = { 0 };
	char *line = str_printf("%s:", name);
	int label;

	if (line == NULL) {
		b->failed = 1;
		return 0;
	}
	label = contact_parse_line(&found, line);
	contact_list_clear(&found);
	free(line);
	return label;
}

/* The kinds of contact in TEXT, one bit each. */
static unsigned
contact_kinds(builder_t *b, const char *text)
{
	contact_list_t found = { 0 };
	unsigned kinds = 0;

	contact_scan_text(&found, text);
	if (found.failed)
		b->failed = 1;
	for (size_t i = 0; i < found.n; i++)
		kinds |= 1u << found.items[i].kind;
	contact_list_clear(&found);
	return kinds;
}

/*
 * Whether ROW's second cell is its name again with the name's link
 * ("PECOS https://pecos.cms.hhs.gov"), which the readers hand over as
 * the first of the other cells so that the link is kept.
 */
static int
has_name_link(const builder_row_t *row)
{
	size_t n;

	if (row->n_cells < 2)
		return 0;
	n = strlen(row->cells[0]);
	return n > 0 && strncmp(row->cells[1], row->cells[0], n) == 0 &&
	    row->cells[1][n] == ' ';
}

/*
 * The header cell over cell I of ROW (0 is the name), or NULL.  The
 * cells line up with the header from the left; the name's own link
 * sits under the name's header.  A reader that drops empty cells may
 * shift the later ones: a label is then wrong, but no word is lost.
 */
static const char *
column_of(const builder_table_t *t, const builder_row_t *row, size_t i)
{
	size_t col = i;

	if (t->header == NULL)
		return NULL;
	if (i > 0 && has_name_link(row))
		col = i - 1;
	if (col >= t->n_header || t->header[col][0] == '\0')
		return NULL;
	return t->header[col];
}

/*
 * The contacts of LINE, a line of a cell under COLUMN (NULL if none) in
 * the row NAME, added to LIST; returns the line's words without its web
 * addresses (NULL out of memory).  A column titled as a contact
 * ("Phone", "TTY", "Email") says what its numbers and addresses are,
 * as a "Phone: ..." line would, and so, if BY_NAME, does a row named
 * as one ("TTY | 1-877-486-2048").  A link is labelled by the words beside
 * it, else by its column, else by the row's name.  Each line is read on
 * its own, so no number or address runs into the next cell's.
 */
static char *
line_contacts(contact_list_t *list, const char *line, const char *column,
	      const char *name, int by_name)
{
	contact_list_t found = { 0 };
	strbuf_t words = { 0 };
	const char *rest = line;
	char *label, *titled = NULL;
	int parsed = 0;

	/* A title that gives no contact ("Phone: See the contact list
	 * https://...") leaves the line to be read as running text. */
	if (column != NULL) {
		if ((titled = str_printf("%s: %s", column, line)) == NULL)
			return NULL;
		parsed = contact_parse_line(&found, titled) && found.n > 0;
		free(titled);
	}
	/* So does a row named as one: "TTY | 1-877-486-2048". */
	if (!parsed && by_name) {
		if ((titled = str_printf("%s: %s", name, line)) == NULL)
			return NULL;
		parsed = contact_parse_line(&found, titled) && found.n > 0;
		free(titled);
	}
	if (!parsed)
		parsed = contact_parse_line(&found, line) && found.n > 0;
	if (!parsed)
		contact_scan_text(&found, line);
	/* The words of the line without its web addresses name them. */
	for (size_t i = 0; i < found.n; i++) {
		const char *at, *after;

		if (found.items[i].kind != FACTSHEET_CONTACT_LINK ||
		    (at = strstr(rest, found.items[i].value)) == NULL)
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
	if ((label = strbuf_finish(&words)) == NULL || found.failed) {
		free(label);
		contact_list_clear(&found);
		return NULL;
	}
	text_squeeze_space(label);
	for (size_t i = 0; i < found.n; i++) {
		const factsheet_contact_t *c = &found.items[i];
		const char *l = c->label;

		if (c->kind == FACTSHEET_CONTACT_LINK)
			l = label[0] ? label : column ? column : name;
		contact_list_add(list, c->kind, c->value, strlen(c->value), l);
	}
	contact_list_clear(&found);
	return label;
}

/*
 * The contacts of every line of cell I of ROW, added to the section
 * being built.  In a resource row the words beside the links are the
 * row's text, as they always were, unlabelled (see resource_header), and
 * a link-only cell leaves no text.
 */
static void
cell_contacts(builder_t *b, const builder_table_t *t, const builder_row_t *row,
	      size_t i, int resource)
{
	const char *column = resource ? NULL : column_of(t, row, i);
	char *copy = str_printf("%s", row->cells[i]), *line, *save = NULL;

	if (copy == NULL) {
		b->failed = 1;
		return;
	}
	for (line = strtok_r(copy, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		char *words = line_contacts(&b->contacts, line, column,
		    row->cells[0], !resource && i > 0);

		if (words == NULL) {
			b->failed = 1;
			break;
		}
		if (resource && i > 0 && words[0] != '\0') {
			if (b->text.len > 0)
				strbuf_puts(&b->text, "\n");
			strbuf_puts(&b->text, words);
		}
		free(words);
	}
	free(copy);
}

/*
 * The text of a topic row: a line per cell that has words, labelled by
 * its column ("MAC: X", "Phone: 1-800-..."), the name first under its
 * own column ("State: Alabama") so that no header word is lost.
 */
static void
topic_text(builder_t *b, const builder_table_t *t, const builder_row_t *row)
{
	const char *column;

	if (!has_name_link(row) && (column = column_of(t, row, 0)) != NULL)
		strbuf_printf(&b->text, "%s: %s", column, row->cells[0]);
	for (size_t i = 1; i < row->n_cells; i++) {
		if (row->cells[i][0] == '\0')
			continue;
		if (b->text.len > 0)
			strbuf_puts(&b->text, "\n");
		column = column_of(t, row, i);
		if (column != NULL && strcmp(column, row->cells[i]) != 0)
			strbuf_printf(&b->text, "%s: ", column);
		strbuf_puts(&b->text, row->cells[i]);
	}
}

static void table_text(builder_t *b, const builder_table_t *t,
		       unsigned line);

/*
 * The column titles of a list of resources ("Resource | Website") label
 * none of its cells, a resource's text being its own words beside its
 * links: they are kept as a line of the section the table is in.  The
 * rows still sit under the heading above, and the first still takes its
 * anchor.
 */
static void
resource_header(builder_t *b, const builder_table_t *t)
{
	builder_table_t head = *t;
	char *anchor = b->anchor, *group = NULL;

	if (t->header == NULL || t->n_header == 0)
		return;
	if (b->pending_heading != NULL &&
	    (group = str_printf("%s", b->pending_heading)) == NULL) {
		b->failed = 1;
		return;
	}
	b->anchor = NULL;
	head.n_rows = 0;
	table_text(b, &head, t->header_line);
	finish_section(b);
	if (group != NULL) {
		free(b->part);
		b->part = group;
	}
	free(b->anchor);
	b->anchor = anchor;
}

/* CAPTION as the last of the headings above S. */
static void
add_to_path(builder_t *b, factsheet_section_t *s, const char *caption)
{
	if ((s->path[s->n_path] = str_printf("%s", caption)) == NULL) {
		b->failed = 1;
		return;
	}
	s->n_path++;
	free(s->part);
	if ((s->part = str_printf("%s", caption)) == NULL)
		b->failed = 1;
}

/* Each row its own section: a resource, or a topic under CAPTION if
 * not NULL. */
static void
table_sections(builder_t *b, const builder_table_t *t, int resource,
	       const char *caption)
{
	factsheet_section_t *s;
	unsigned page = b->page;

	if (resource)
		resource_header(b, t);
	/* The heading over the table names the group of its rows. */
	finish_section(b);
	pending_becomes_part(b);
	b->heading_open = 0;
	for (size_t r = 0; r < t->n_rows && !b->failed; r++) {
		const builder_row_t *row = &t->rows[r];
		char *heading = str_printf("%s", row->cells[0]);
		size_t before = b->pub->n_sections;

		b->page = row->page;
		if (heading == NULL) {
			b->failed = 1;
			break;
		}
		/* A topic sits under every heading above the table, and
		 * under the table's caption. */
		if ((s = new_section_at(b, resource ?
		    FACTSHEET_SECTION_RESOURCE : FACTSHEET_SECTION_TEXT,
		    heading, row->line, 0)) == NULL)
			break;
		/* Past the cap S is the last section, not the row's. */
		if (!resource && caption != NULL && s->path != NULL &&
		    b->pub->n_sections > before)
			add_to_path(b, s, caption);
		if (!resource)
			topic_text(b, t, row);
		for (size_t i = 0; i < row->n_cells; i++)
			cell_contacts(b, t, row, i, resource);
		finish_section(b);
	}
	b->page = page;
	/* What follows a plain-text table is no longer under its heading. */
	free(b->part);
	b->part = NULL;
}

/* CELL with its lines joined, for a line of a data table. */
static void
put_cell(strbuf_t *sb, const char *cell)
{
	for (const char *p = cell; *p != '\0'; p++) {
		if (*p == '\n')
			strbuf_puts(sb, "; ");
		else
			strbuf_append(sb, p, 1);
	}
}

/*
 * A data table, or a header without rows: lines of the current
 * section's text ("Year | Premium", "2024 | $174.70"), its header
 * first; the contacts of each cell go to that section.
 */
static void
table_text(builder_t *b, const builder_table_t *t, unsigned line)
{
	factsheet_section_t *s = section_for_text(b, line);
	strbuf_t lines = { 0 };
	char *text;

	if (s == NULL)
		return;
	for (size_t i = 0; i < t->n_header; i++) {
		if (i > 0)
			strbuf_puts(&lines, " | ");
		put_cell(&lines, t->header[i]);
	}
	for (size_t r = 0; r < t->n_rows; r++) {
		const builder_row_t *row = &t->rows[r];

		if (lines.len > 0)
			strbuf_puts(&lines, "\n");
		for (size_t i = 0; i < row->n_cells; i++) {
			if (i > 0)
				strbuf_puts(&lines, " | ");
			put_cell(&lines, row->cells[i]);
			cell_contacts(b, t, row, i, 0);
		}
	}
	if ((text = strbuf_finish(&lines)) == NULL) {
		b->failed = 1;
		return;
	}
	if (text[0] != '\0')
		append_paragraph(s->kind == FACTSHEET_SECTION_PROBLEM &&
		    b->in_solution ? &b->solution : &b->text, text);
	free(text);
}

/*
 * A header repeated across the row ("State | Phone | State | Phone") lays
 * two or more tables side by side, as print layouts do to save space;
 * the repeat length, or 0.
 */
static size_t
header_period(const builder_table_t *t)
{
	for (size_t p = 2; t->header != NULL && p <= t->n_header / 2; p++) {
		size_t i;

		if (t->n_header % p != 0 || t->header[0][0] == '\0')
			continue;
		for (i = p; i < t->n_header; i++)
			if (strcasecmp(t->header[i], t->header[i % p]) != 0)
				break;
		if (i == t->n_header)
			return p;
	}
	return 0;
}

/* Whether every cell of ROW from FROM on, N of them, is empty. */
static int
all_empty(const builder_row_t *row, size_t from, size_t n)
{
	for (size_t i = from; i < from + n; i++)
		if (row->cells[i][0] != '\0')
			return 0;
	return 1;
}

/* Whether ROW is cut into pieces of P cells: it is WIDTH cells wide,
 * and each piece with words has a name. */
static int
row_cuts(const builder_row_t *row, size_t width, size_t p)
{
	if (row->n_cells != width)
		return 0;
	for (size_t g = 0; g < width; g += p)
		if (row->cells[g][0] == '\0' && !all_empty(row, g, p))
			return 0;
	return 1;
}

/*
 * Without a header to repeat, tables side by side show in their cells:
 * cut into pieces of P, every piece of a row WIDTH wide is named by a
 * label with no contact (or is empty), the cells at the same place in
 * each piece hold the same kinds of contact ("Alabama | 1-800-243-5463
 * | Montana | 1-800-551-3191"), and every piece holds one.  A row of
 * topics whose cells hold no contact is never cut.  The repeat length,
 * or 0.
 */
static size_t
shape_period(builder_t *b, const builder_table_t *t, size_t width)
{
	for (size_t p = 2; p <= width / 2; p++) {
		unsigned kinds[TABLE_MAX_COLUMNS] = { 0 };
		int seen[TABLE_MAX_COLUMNS] = { 0 };
		size_t full = 0;
		int fits = width % p == 0 && p <= TABLE_MAX_COLUMNS;

		for (size_t r = 0; fits && r < t->n_rows; r++) {
			const builder_row_t *row = &t->rows[r];

			if (row->n_cells != width)
				continue;
			full++;
			for (size_t g = 0; fits && g < width; g += p) {
				unsigned any = 0;

				if (all_empty(row, g, p))
					continue;
				fits = is_label(row->cells[g]) &&
				    contact_kinds(b, row->cells[g]) == 0;
				for (size_t o = 1; fits && o < p; o++) {
					unsigned k = contact_kinds(b,
					    row->cells[g + o]);

					if (row->cells[g + o][0] == '\0')
						continue;
					if (!seen[o])
						kinds[o] = k;
					seen[o] = 1;
					fits = k == kinds[o];
					any |= k;
				}
				fits = fits && any != 0;
			}
		}
		if (fits && full > 0)
			return p;
	}
	return 0;
}

/*
 * Tables laid side by side become one: each row of a full width is cut
 * into rows of the repeat length, so that one state's phone stays with
 * that state.  A piece without a name leaves its row whole, an empty
 * piece is dropped, and a row of another width is left as it is.  On
 * running out of memory T is left as it was.
 */
static int
unfold_side_by_side(builder_t *b, builder_table_t *t)
{
	size_t width = 0, p, n = 0;
	builder_row_t *rows;

	for (size_t r = 0; r < t->n_rows; r++)
		if (t->rows[r].n_cells > width)
			width = t->rows[r].n_cells;
	if (t->n_rows == 0)
		return 0;
	if (t->header != NULL) {
		width = t->n_header;
		p = header_period(t);
	} else {
		p = shape_period(b, t, width);
	}
	if (p == 0)
		return 0;
	if ((rows = calloc(t->n_rows * (width / p), sizeof *rows)) == NULL)
		return -1;
	/* First the new rows, sharing the cells' strings... */
	for (size_t r = 0; r < t->n_rows; r++) {
		const builder_row_t *row = &t->rows[r];

		if (!row_cuts(row, width, p)) {
			rows[n++] = *row;
			continue;
		}
		for (size_t g = 0; g < width; g += p) {
			if (all_empty(row, g, p))
				continue;
			rows[n] = *row;
			rows[n].n_cells = p;
			if ((rows[n].cells = malloc(p * sizeof *row->cells)) ==
			    NULL)
				goto fail;
			memcpy(rows[n++].cells, row->cells + g,
			    p * sizeof *row->cells);
		}
	}
	/* ...then, nothing left to fail, the old ones let go. */
	for (size_t r = 0; r < t->n_rows; r++) {
		builder_row_t *row = &t->rows[r];

		if (!row_cuts(row, width, p))
			continue;
		for (size_t g = 0; g < width; g += p)
			if (all_empty(row, g, p))
				for (size_t i = g; i < g + p; i++)
					free(row->cells[i]);
		free(row->cells);
	}
	/* A name is one line, as the readers' own are. */
	for (size_t r = 0; r < n; r++)
		text_squeeze_space(rows[r].cells[0]);
	free(t->rows);
	t->rows = rows;
	t->n_rows = t->size = n;
	for (size_t i = p; i < t->n_header; i++)
		free(t->header[i]);
	if (t->header != NULL)
		t->n_header = p;
	return 0;
fail:
	/* The arrays made for pieces go; the strings stay with T. */
	for (size_t r = 0, k = 0; r < t->n_rows && k < n; r++) {
		const builder_row_t *row = &t->rows[r];

		if (!row_cuts(row, width, p)) {
			k++;
			continue;
		}
		for (size_t g = 0; g < width && k < n; g += p)
			if (!all_empty(row, g, p))
				free(rows[k++].cells);
	}
	free(rows);
	return -1;
}

typedef enum {
	TABLE_RESOURCES,
	TABLE_TOPICS,
	TABLE_DATA
} table_kind_t;

/*
 * What a table is, from its rows:
 * - one column, or more than TABLE_MAX_COLUMNS: data, for a row is then
 *   a single value or a grid line, no record with a name;
 * - fewer than two rows in three named by a label (is_label: words,
 *   not numbers, dates or codes): data, for its rows have no names to
 *   be found by;
 * - more than half of the rows named as contact lines are ("Phone |
 *   1-800-633-4227", "TTY | ..."): data, the contact details of the
 *   section it is in, not sections named "Phone";
 * - a column of links, more than half of its cells holding a web
 *   address: a list of resources, each row one of them (a list may have
 *   a row without a link, "See your MAC"; links here and there among
 *   topics, a help desk's site in one row and a contact list in another
 *   column of the next, leave them topics; a phone or an email makes no
 *   resource: "State | Phone" is a table of topics);
 * - else topics, each row a record under its name.
 */
static table_kind_t
table_kind(builder_t *b, const builder_table_t *t)
{
	size_t widest = 0, labels = 0, details = 0;
	size_t links[TABLE_MAX_COLUMNS + 1] = { 0 };

	for (size_t r = 0; r < t->n_rows; r++) {
		const builder_row_t *row = &t->rows[r];
		size_t shift = has_name_link(row);

		if (row->n_cells > widest)
			widest = row->n_cells;
		labels += is_label(row->cells[0]);
		details += is_contact_label(b, row->cells[0]);
		/* The name's own link is no column of links. */
		for (size_t i = 1 + shift; i < row->n_cells; i++)
			if (i - shift <= TABLE_MAX_COLUMNS &&
			    (contact_kinds(b, row->cells[i]) &
			    1u << FACTSHEET_CONTACT_LINK) != 0)
				links[i - shift]++;
	}
	if (widest < 2 || widest > TABLE_MAX_COLUMNS ||
	    labels * 3 < t->n_rows * 2 || details * 2 > t->n_rows)
		return TABLE_DATA;
	for (size_t i = 1; i <= TABLE_MAX_COLUMNS; i++)
		if (links[i] * 2 > t->n_rows)
			return TABLE_RESOURCES;
	return TABLE_TOPICS;
}

static void
table_clear(builder_table_t *t)
{
	for (size_t i = 0; i < t->n_header; i++)
		free(t->header[i]);
	free(t->header);
	for (size_t r = 0; r < t->n_rows; r++) {
		for (size_t i = 0; i < t->rows[r].n_cells; i++)
			free(t->rows[r].cells[i]);
		free(t->rows[r].cells);
	}
	free(t->rows);
	memset(t, 0, sizeof *t);
}

/* A table is starting: the one before it, if any, is complete. */
static void
table_begin(builder_t *b)
{
	if (b->in_table && (b->table.header != NULL || b->table.n_rows > 0))
		builder_table_end(b);
	b->in_table = 1;
}

/* Whether an angle-bracketed web address starts at P ("<https://"). */
static size_t
angle_url_length(const char *p)
{
	const char *end;

	if (p[0] != '<' || links_web_prefix(p + 1, SIZE_MAX) == 0)
		return 0;
	end = p + 1 + strcspn(p + 1, "<> \t\n");
	return *end == '>' ? (size_t)(end + 1 - p) : 0;
}

/*
 * The text of a cell as lines: an HTML cell's paragraphs ("<p>Label
 * https://...</p>") each on a line, white space squeezed, no empty line.
 * The HTML parser would take "<https://...>" beside a tag for a tag of
 * its own and drop the address: it goes in without its brackets.
 */
static char *
cell_text(const char *cell)
{
	size_t len = strlen(cell), n;
	strbuf_t bare = { 0 };
	char *text, *html;

	if (!has_html_tag(cell, len)) {
		text = str_ndup(cell, len);
		return text ? text_squeeze_lines(text) : NULL;
	}
	for (const char *p = cell; *p != '\0'; p++) {
		if ((n = angle_url_length(p)) > 0) {
			strbuf_append(&bare, p + 1, n - 2);
			p += n - 1;
		} else {
			strbuf_append(&bare, p, 1);
		}
	}
	if ((html = strbuf_finish(&bare)) == NULL)
		return NULL;
	text = html_cell_text(html, strlen(html));
	free(html);
	return text ? text_squeeze_lines(text) : NULL;
}

void
builder_table_header(builder_t *b, const char *const *cells, size_t n_cells,
		     unsigned line)
{
	builder_table_t *t = &b->table;

	table_begin(b);
	b->last_line = line;
	if ((t->header = calloc(n_cells + 1, sizeof *t->header)) == NULL) {
		b->failed = 1;
		return;
	}
	t->header_line = line;
	for (; t->n_header < n_cells; t->n_header++) {
		char *text = cell_text(cells[t->n_header]);

		/* A header cell is a title: its lines make one. */
		if (text == NULL) {
			b->failed = 1;
			return;
		}
		for (char *nl = strchr(text, '\n'); nl; nl = strchr(nl, '\n'))
			*nl = ' ';
		t->header[t->n_header] = text;
	}
}

void
builder_table_row(builder_t *b, const char *name, const char *const *cells,
		  size_t n_cells, unsigned line)
{
	builder_table_t *t = &b->table;
	builder_row_t *row;

	b->in_table = 1;
	b->last_line = line;
	if (t->n_rows == t->size) {
		size_t size = t->size ? t->size * 2 : 8;
		builder_row_t *rows = realloc(t->rows, size * sizeof *rows);

		if (rows == NULL) {
			b->failed = 1;
			return;
		}
		t->rows = rows;
		t->size = size;
	}
	row = &t->rows[t->n_rows];
	row->line = line;
	row->page = b->page;
	row->n_cells = 0;
	if ((row->cells = calloc(n_cells + 1, sizeof *row->cells)) == NULL ||
	    (row->cells[0] = squeezed(b, name, strlen(name))) == NULL) {
		free(row->cells);
		b->failed = 1;
		return;
	}
	t->n_rows++;
	for (row->n_cells = 1; row->n_cells <= n_cells; row->n_cells++)
		if ((row->cells[row->n_cells] =
		    cell_text(cells[row->n_cells - 1])) == NULL) {
			b->failed = 1;
			return;
		}
}

void
builder_table_end(builder_t *b)
{
	builder_table_t *t = &b->table;
	unsigned line;

	if (!b->in_table)
		return;
	b->in_table = 0;
	if (t->header == NULL && t->n_rows == 0)
		return;
	/* A table is structure, whatever it turns out to be. */
	b->structured = 1;
	line = t->header != NULL ? t->header_line : t->rows[0].line;
	if (!b->failed && unfold_side_by_side(b, t) < 0)
		b->failed = 1;
	if (b->failed) {
		table_clear(t);
		return;
	}
	if (t->n_rows == 0) {
		/* A header without rows still says something. */
		table_text(b, t, line);
	} else {
		table_kind_t kind = table_kind(b, t);

		/* Topics in a Solution are part of that answer, which is what
		 * a search returns: its text, with all their contacts. */
		if (kind == TABLE_TOPICS && b->current != NULL &&
		    b->current->kind == FACTSHEET_SECTION_PROBLEM &&
		    b->in_solution)
			kind = TABLE_DATA;
		if (kind == TABLE_DATA)
			table_text(b, t, line);
		else
			table_sections(b, t, kind == TABLE_RESOURCES,
			    b->caption);
	}
	table_clear(t);
	free(b->caption);
	b->caption = NULL;
}

void
builder_page(builder_t *b, unsigned page)
{
	b->page = page;
}

/* LINE less a list item's marker ("- ", "* ", "1. "). */
static const char *
item_text_of(const char *line)
{
	const char *p = line;

	if ((p[0] == '-' || p[0] == '*') && p[1] == ' ')
		return p + 2;
	while (isdigit((unsigned char)*p))
		p++;
	if (p > line && (*p == '.' || *p == ')') && p[1] == ' ')
		return p + 2;
	return line;
}

/* Whether the N bytes at LINE are the heading of a section of PUB other
 * than the one at SELF. */
static int
names_heading(const factsheet_publication_t *pub, size_t self,
	      const char *line, size_t n)
{
	for (size_t i = 0; i < pub->n_sections; i++) {
		const char *h = pub->sections[i].heading;

		if (i != self && h != NULL && strlen(h) == n &&
		    strncmp(h, line, n) == 0)
			return 1;
	}
	return 0;
}

/* Whether section SELF of PUB is a table of contents: plain text of two
 * lines or more, each naming another section's heading, and nothing
 * else (no contact, no solution). */
static int
is_contents(const factsheet_publication_t *pub, size_t self)
{
	const factsheet_section_t *s = &pub->sections[self];
	const char *line = s->text;
	size_t lines = 0;

	if (s->kind != FACTSHEET_SECTION_TEXT || s->n_contacts > 0 ||
	    s->solution_heading != NULL || line == NULL)
		return 0;
	while (*line != '\0') {
		const char *end = strchr(line, '\n'), *item;

		if (end == NULL)
			end = line + strlen(line);
		item = item_text_of(line);
		if (end > line && !names_heading(pub, self, item,
		    (size_t)(end - item)))
			return 0;
		lines += end > line;
		line = *end == '\n' ? end + 1 : end;
	}
	return lines >= 2;
}

/* Takes HEADING out of the heading path of S, and out of its part. */
static void
unlist_heading(factsheet_section_t *s, const char *heading)
{
	size_t k = 0;

	for (size_t i = 0; i < s->n_path; i++) {
		if (strcmp(s->path[i], heading) == 0)
			free(s->path[i]);
		else
			s->path[k++] = s->path[i];
	}
	s->n_path = k;
	if (s->part != NULL && strcmp(s->part, heading) == 0) {
		free(s->part);
		s->part = k > 0 ? str_printf("%s", s->path[k - 1]) : NULL;
	}
}

/*
 * Leaves out each table of contents ("On this page" and the questions
 * below it): navigation, whose every word is in the headings it lists.
 * Left in, it answers queries meant for those sections, and the sections
 * sit under its heading in their paths.
 */
static void
drop_contents(builder_t *b)
{
	factsheet_publication_t *pub = b->pub;

	for (size_t i = 0; i < pub->n_sections; ) {
		char *heading;

		if (!is_contents(pub, i)) {
			i++;
			continue;
		}
		heading = pub->sections[i].heading;
		pub->sections[i].heading = NULL;
		section_clear(&pub->sections[i]);
		memmove(&pub->sections[i], &pub->sections[i + 1],
		    (pub->n_sections - i - 1) * sizeof pub->sections[0]);
		pub->n_sections--;
		for (size_t k = i; heading != NULL && k < pub->n_sections; k++)
			unlist_heading(&pub->sections[k], heading);
		free(heading);
	}
}

/* Says that the file has more sections than SECTIONS_MAX, and where
 * the rest went. */
static void
cap_warning(builder_t *b)
{
	factsheet_publication_t *pub = b->pub;
	char *note, *joined;

	note = str_printf("%s: more than %lu sections (the limit): the last "
	    "section holds the rest of the file (%lu more heading%s)",
	    pub->source, SECTIONS_MAX, b->over_cap,
	    b->over_cap == 1 ? "" : "s");
	if (note == NULL) {
		b->failed = 1;
		return;
	}
	if (pub->warning == NULL) {
		pub->warning = note;
		return;
	}
	joined = str_printf("%s; %s", pub->warning, note);
	free(note);
	if (joined == NULL) {
		b->failed = 1;
		return;
	}
	free(pub->warning);
	pub->warning = joined;
}

int
builder_finish(builder_t *b)
{
	end_open_table(b);
	/* A heading at the very end still gets a section of its own
	 * (section_for_text closes the one before). */
	if ((b->pending_heading != NULL || b->heading_open) && !b->failed)
		section_for_text(b, b->pending_line);
	b->finishing = 1;
	finish_section(b);
	if (!b->failed)
		drop_contents(b);
	/* Still indexed, but the person indexing should know. */
	if (!b->failed && !b->structured && b->pub->n_sections > 0 &&
	    (b->pub->warning = str_printf("%s: no headings, Problem/Solution "
	    "blocks or tables found; indexed as %zu plain section%s",
	    b->pub->source, b->pub->n_sections,
	    b->pub->n_sections == 1 ? "" : "s")) == NULL)
		b->failed = 1;
	if (!b->failed && b->over_cap > 0)
		cap_warning(b);
	free(b->pending_heading);
	free(b->part);
	free(b->anchor);
	for (size_t i = 0; i < BUILDER_LEVELS; i++)
		free(b->levels[i]);
	slug_set_clear(&b->slugs);
	table_clear(&b->table);
	free(b->caption);
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
	} else if (links_web_prefix(dest, len) == 0 ||
	    links_web_prefix(dest, len) == len) {
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
