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


#include "factsheet-private.h"

typedef struct {
	const char *start;
	size_t len;
	unsigned page;		/* 1 + the form feeds before it */
} line_t;

/* A block is a run of non-blank lines. */
typedef struct {
	size_t first;
	size_t n;
	unsigned lineno;
	unsigned page;
} block_t;

typedef struct {
	factsheet_publication_t *pub;
	line_t *lines;
	size_t n_lines;
	block_t *blocks;
	size_t n_blocks;
	builder_t build;
	int paged;		/* pages apart by form feeds (from a PDF) */
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
	unsigned feeds = 0;

	for (i = 0; i < len; i++)
		if (text[i] == '\n')
			n++;
		else if (text[i] == '\f')
			p->paged = 1;
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
		/* A page's first line may start with its form feed. */
		for (; l->len > 0 && l->start[0] == '\f'; l->len--, l->start++)
			feeds++;
		l->page = 1 + feeds;
		for (size_t k = 0; k < l->len; k++)
			feeds += l->start[k] == '\f';
		i = end + 1;
	}
	for (i = 0; i < p->n_lines; i++) {
		if (is_blank(p->lines[i].start, p->lines[i].len))
			continue;
		/* A new page starts a new block too. */
		if (i == 0 || is_blank(p->lines[i - 1].start,
		    p->lines[i - 1].len) ||
		    p->lines[i].page != p->lines[i - 1].page) {
			block_t *b = &p->blocks[p->n_blocks++];
			b->first = i;
			b->lineno = (unsigned)i + 1;
			b->page = p->lines[i].page;
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

/* Lines FROM.. of block B as one paragraph of the current section. */
static void
add_lines(parser_t *p, const block_t *b, size_t from)
{
	char *para;

	if (from >= b->n)
		return;
	if ((para = block_text(p, b, from)) == NULL) {
		p->failed = 1;
		return;
	}
	builder_paragraph(&p->build, para, b->lineno + (unsigned)from,
	    b->n - from == 1);
	free(para);
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

/* The body ---------------------------------------------------------- */

/* A "Problem:" block: its heading (on the label's line or the next),
 * then any description lines of the same block. */
static void
add_problem(parser_t *p, const block_t *b, char *heading)
{
	size_t from = 1;

	if (heading[0] == '\0' && b->n > 1) {
		free(heading);
		heading = line_copy(block_line(p, b, 1));
		from = 2;
	}
	if (heading == NULL) {
		p->failed = 1;
		return;
	}
	builder_problem(&p->build, heading, b->lineno);
	free(heading);
	add_lines(p, b, from);
}

/* Each row below a table's header is one resource section. */
static void
add_table(parser_t *p, const block_t *b)
{
	for (size_t i = 1; i < b->n && !p->failed; i++) {
		const line_t *l = block_line(p, b, i);
		char *row = str_ndup(l->start, l->len), *cells[64], *save = NULL;
		size_t n = 0;

		if (row == NULL) {
			p->failed = 1;
			return;
		}
		for (char *c = strtok_r(row, "\t", &save); c != NULL && n < 64;
		    c = strtok_r(NULL, "\t", &save))
			cells[n++] = c;
		if (n > 0)
			builder_table_row(&p->build, cells[0],
			    (const char *const *)cells + 1, n - 1,
			    b->lineno + (unsigned)i);
		free(row);
	}
	builder_table_end(&p->build);
}

static void
parse_body(parser_t *p, size_t from)
{
	for (size_t i = from; i < p->n_blocks && !p->failed; i++) {
		const block_t *b = &p->blocks[i];
		const line_t *first = block_line(p, b, 0);
		char *rest;

		if (p->paged && b->page != p->build.page)
			builder_page(&p->build, b->page);
		if ((rest = labelled(first, "Problem:")) != NULL) {
			add_problem(p, b, rest);
		} else if (p->build.current != NULL &&
		    p->build.current->kind == FACTSHEET_SECTION_PROBLEM &&
		    p->build.current->solution_heading == NULL &&
		    (rest = labelled(first, "Solution:")) != NULL) {
			builder_solution(&p->build, rest);
			free(rest);
			add_lines(p, b, 1);
		} else if (is_table(p, b)) {
			add_table(p, b);
		} else if (is_heading(p, b) && i + 1 < p->n_blocks) {
			char *h = line_copy(first);

			if (h == NULL)
				p->failed = 1;
			else
				builder_heading(&p->build, 0, h, NULL,
				    b->lineno);
			free(h);
		} else {
			add_lines(p, b, 0);
		}
	}
}

factsheet_status_t
parse_factsheet(factsheet_publication_t *pub, const char *text, size_t len,
		char **message)
{
	parser_t p = { 0 };
	size_t body;

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
	builder_init(&p.build, pub);
	if (!p.failed && pub->title != NULL)
		parse_body(&p, body);
	if (builder_finish(&p.build) < 0)
		p.failed = 1;
out:
	free(p.lines);
	free(p.blocks);
	if (p.failed || pub->title == NULL) {
		*message = str_printf("%s: out of memory while parsing",
		    pub->source);
		return FACTSHEET_STATUS_OUT_OF_MEMORY;
	}
	return FACTSHEET_STATUS_SUCCESS;
}
