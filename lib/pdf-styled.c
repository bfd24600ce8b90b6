/*
 * pdf-styled.c - an untagged PDF set in more than one face, its lines as
 * blocks for the builder: headings by their type size and weight, list
 * items by their bullets, table rows by their cells, paragraphs where
 * parse-pdf.c would break them.
 */
#include <config.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "pdf.h"

/*
 * Whether the document sets some lines apart from its body text, in a
 * larger size or in bold: then those are its headings, at levels by
 * their sizes, and the pages go to the builder as blocks.  A document in
 * one face (a typewriter's) goes through the plain-text reader instead.
 */
int
pdf_is_styled(const pdf_reader_t *r)
{
	size_t display = 0, lines = 0;

	for (size_t p = 0; p < r->n_pages; p++)
		for (size_t i = 0; i < r->pages[p].n_lines; i++) {
			const pdf_line_t *l = &r->pages[p].lines[i];

			if (l->drop || pdf_is_blank_line(l))
				continue;
			lines++;
			display += pdf_is_display(r, l);
		}
	return display > 0 && display < lines;
}

/* The sizes of headings, largest first (at most BUILDER_LEVELS). */
static size_t
heading_sizes(const pdf_reader_t *r, double *sizes)
{
	size_t n = 0;

	for (size_t p = 0; p < r->n_pages; p++)
		for (size_t i = 0; i < r->pages[p].n_lines; i++) {
			const pdf_line_t *l = &r->pages[p].lines[i];
			double size = l->font_size;
			size_t k;

			if (l->drop || size < r->body_size * 1.15)
				continue;
			for (k = 0; k < n; k++)
				if (sizes[k] > size - 0.5 &&
				    sizes[k] < size + 0.5)
					break;
			if (k < n)
				continue;
			/* Kept in order, the smallest dropped when full. */
			for (k = n; k > 0 && sizes[k - 1] < size; k--)
				if (k < BUILDER_LEVELS)
					sizes[k] = sizes[k - 1];
			if (k < BUILDER_LEVELS)
				sizes[k] = size;
			if (n < BUILDER_LEVELS)
				n++;
		}
	return n;
}

static unsigned
heading_level(const double *sizes, size_t n, const pdf_line_t *l)
{
	for (size_t k = 0; k < n; k++)
		if (l->font_size > sizes[k] - 0.5)
			return (unsigned)k + 1;
	/* Bold at the body's size: below every larger heading. */
	return n < BUILDER_LEVELS ? (unsigned)n + 1 : BUILDER_LEVELS;
}

/* The bytes of a list item's bullet at S, or 0. */
static size_t
bullet_len(const char *s, size_t len)
{
	static const char *const bullets[] = {
		"\xe2\x80\xa2 ", "\xe2\x80\xa2", "\xef\x82\xb7", "\xe2\x96\xaa",
		"- ", "* ", "\xe2\x80\x93 ", "o ",
	};

	for (size_t i = 0; i < sizeof bullets / sizeof bullets[0]; i++) {
		size_t n = strlen(bullets[i]);

		if (len > n && memcmp(s, bullets[i], n) == 0)
			return n;
	}
	return 0;
}

/* Whether TEXT, a bold line at LEVEL, is a sentence that introduces
 * what follows: at the body's size (below every larger heading), ending
 * in a colon, of five words or more. */
static int
is_lead_in(const char *text, size_t len, unsigned level, size_t n_sizes)
{
	if (level <= n_sizes || len == 0 || text[len - 1] != ':')
		return 0;
	return text_count_words(text, len) >= 5;
}

/* A paragraph being gathered from lines. */
typedef struct {
	strbuf_t text;
	const pdf_line_t *first;
	int display;		/* every line a heading's */
	size_t n_lines;
	unsigned page;
} para_t;

static void
para_flush(pdf_reader_t *r, para_t *pa, pdf_blocks_t *blocks,
	   const double *sizes, size_t n_sizes)
{
	char *text = strbuf_finish(&pa->text);
	pdf_block_kind_t kind = PDF_BLOCK_PARAGRAPH;
	size_t skip = 0, len;
	pdf_block_t *b;

	if (text == NULL) {
		r->failed = 1;
		return;
	}
	if (pa->first == NULL || text[0] == '\0') {
		free(text);
		pa->first = NULL;
		return;
	}
	text_squeeze_space(text);
	len = strlen(text);
	/* A bold "Phone: ..." line is a contact, not a heading; nor is a
	 * sentence in bold at the body's size that leads into a list
	 * ("There are 6 ways you can try to avoid a foreclosure:"). */
	if ((pa->display && len <= 150 && text[len - 1] != '.' &&
	    !(pa->n_lines == 1 && pdf_is_contact_line(pa->first)) &&
	    !is_lead_in(text, len, heading_level(sizes, n_sizes, pa->first),
	    n_sizes)) ||
	    strncasecmp(text, "Problem:", 8) == 0 ||
	    strncasecmp(text, "Solution:", 9) == 0)
		kind = PDF_BLOCK_HEADING;
	else if ((skip = bullet_len(text, len)) > 0)
		kind = PDF_BLOCK_LIST_ITEM;
	if (skip > 0)
		memmove(text, text + skip, len - skip + 1);
	if ((b = pdf_blocks_add(blocks, kind, text, pa->page)) == NULL)
		r->failed = 1;
	else if (kind == PDF_BLOCK_HEADING)
		b->level = heading_level(sizes, n_sizes, pa->first);
	pa->first = NULL;
	pa->n_lines = 0;
}

/* A table row's cells, the line's tabs apart; the first row of a table
 * is its header when it is set in bold. */
static void
add_row(pdf_reader_t *r, const pdf_line_t *l, unsigned page, int first,
	pdf_blocks_t *blocks)
{
	char *row = str_ndup(l->start, l->len), *save = NULL;
	pdf_block_t *b;
	char **cells = calloc(l->len + 1, sizeof *cells);
	size_t n = 0;

	if (row == NULL || cells == NULL) {
		free(row);
		free(cells);
		r->failed = 1;
		return;
	}
	for (char *c = strtok_r(row, "\t", &save); c != NULL;
	    c = strtok_r(NULL, "\t", &save))
		if ((cells[n++] = str_printf("%s", c)) == NULL)
			r->failed = 1;
	free(row);
	if (n == 0 || r->failed) {
		for (size_t i = 0; i < n; i++)
			free(cells[i]);
		free(cells);
		return;
	}
	if (first && l->bold) {
		b = pdf_blocks_add(blocks, PDF_BLOCK_TABLE_HEADER, NULL, page);
	} else {
		b = pdf_blocks_add(blocks, PDF_BLOCK_TABLE_ROW, cells[0],
		    page);
		memmove(cells, cells + 1, (n - 1) * sizeof *cells);
		n--;
	}
	if (b == NULL) {
		r->failed = 1;
		for (size_t i = 0; i < n; i++)
			free(cells[i]);
		free(cells);
		return;
	}
	b->cells = cells;
	b->n_cells = n;
}

/*
 * The pages' lines as blocks: paragraphs broken where page_write would
 * break them, then told apart: a heading (every line larger or bold,
 * short, no full stop), a list item (a bullet), a table row (cells).
 * The running lines, kept once, end the last page.
 */
void
pdf_make_blocks(pdf_reader_t *r, double tightest, const char *tail,
	    pdf_blocks_t *blocks)
{
	double sizes[BUILDER_LEVELS] = { 0 };
	size_t n_sizes = heading_sizes(r, sizes);
	para_t pa = { 0 };
	int in_table = 0;

	for (size_t p = 0; p < r->n_pages && !r->failed; p++) {
		const pdf_page_t *pg = &r->pages[p];
		const pdf_line_t *prev = NULL;

		para_flush(r, &pa, blocks, sizes, n_sizes);
		for (size_t i = 0; i < pg->n_lines && !r->failed; i++) {
			const pdf_line_t *l = &pg->lines[i];
			int display = pdf_is_display(r, l);

			if (l->drop || pdf_is_blank_line(l)) {
				prev = NULL;
				continue;
			}
			if (l->cells) {
				para_flush(r, &pa, blocks, sizes, n_sizes);
				add_row(r, l, (unsigned)p + 1, !in_table,
				    blocks);
				in_table = 1;
				prev = l;
				continue;
			}
			if (in_table &&
			    pdf_blocks_add(blocks, PDF_BLOCK_TABLE_END, NULL,
			    (unsigned)p + 1) == NULL)
				r->failed = 1;
			in_table = 0;
			if (prev == NULL || pa.first == NULL || l->column ||
			    prev->cells || l->bold != prev->bold ||
			    display != pa.display || pdf_is_contact_line(l) ||
			    bullet_len(l->start, l->len) > 0 ||
			    (display && l->font_size != prev->font_size) ||
			    pdf_starts_paragraph(prev, l, tightest)) {
				para_flush(r, &pa, blocks, sizes, n_sizes);
				pa.first = l;
				pa.display = display;
				pa.page = (unsigned)p + 1;
			} else if (!pdf_join_hyphenated(r, &pa.text, l)) {
				strbuf_puts(&pa.text, " ");
			}
			pdf_append_clean(&pa.text, l->start, l->len);
			pa.n_lines++;
			prev = l;
		}
	}
	para_flush(r, &pa, blocks, sizes, n_sizes);
	if (in_table && pdf_blocks_add(blocks, PDF_BLOCK_TABLE_END, NULL,
	    (unsigned)r->n_pages) == NULL)
		r->failed = 1;
	if (tail[0] != '\0') {
		char *copy = str_printf("%s", tail);

		if (copy == NULL || pdf_blocks_add(blocks, PDF_BLOCK_PARAGRAPH,
		    copy, (unsigned)r->n_pages) == NULL)
			r->failed = 1;
	}
}
