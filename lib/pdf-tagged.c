/*
 * pdf-tagged.c - a tagged PDF through its structure tree, the way
 * Section 508 publications are made: headings with their levels,
 * paragraphs, lists, tables and links, in the order the author wrote
 * them.  Running headers, footers and page numbers are artifacts, outside
 * the tree, so they never reach the text.
 *
 * The tree's text runs carry no white space where a line wraps
 * ("including" at a line's end, "screenshots" on the next), so each run
 * is found in its page's text, which poppler lays out with line breaks,
 * and the white space between runs is taken from there.
 */
#include <config.h>

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "pdf.h"

/* Elements read at most, a bound on hostile trees. */
#define MAX_ELEMENTS 1000000
#define MAX_CELLS 64
/*
 * Marked-content runs read at most, in the document and on one page:
 * poppler parses a page's whole content stream for each, so a page of
 * very many runs costs their number times its size.  Past either bound
 * the layout reads the document instead.
 */
#define MAX_RUNS 10000
#define MAX_PAGE_RUNS 1000
/* Link annotations of a page matched at most. */
#define MAX_LINKS 1000
/* Bytes of page text searched for runs at most: past it, a run that is
 * not where the last one ended is taken as the tree gives it. */
#define SEARCH_BUDGET (256UL * 1024 * 1024)

/* A link annotation of a page and the text in its area, dense. */
typedef struct {
	char *uri;
	char *dense;
	int used;
} tagged_link_t;

/* A page's text, and the same without white space (DENSE) with the
 * offset in TEXT of each of its bytes. */
typedef struct {
	int loaded;
	char *text;		/* poppler's; g_free it */
	char *dense;
	size_t *pos;
	size_t n_dense;
	unsigned char *seen;	/* per byte of DENSE: found in a run */
	size_t cursor;		/* in DENSE, after the last run found */
	size_t runs;		/* against MAX_PAGE_RUNS */
	tagged_link_t *links;
	size_t n_links;
} tagged_page_t;

typedef struct {
	PopplerDocument *doc;
	tagged_page_t *pages;
	int n_pages;
	pdf_blocks_t blocks;
	strbuf_t out;		/* the text of the block being read */
	int out_page;		/* the page of its first run, or -1 */
	int run_page;		/* the page of the last run */
	int space;		/* white space is due before the next run */
	unsigned last_level;
	size_t elements;
	size_t searched;	/* bytes, against SEARCH_BUDGET */
	size_t covered;		/* bytes of page text found in runs */
	size_t running;		/* bytes of it in running lines */
	size_t runs;		/* against MAX_RUNS */
	int too_costly;		/* past MAX_RUNS or MAX_PAGE_RUNS */
	int first_row;		/* the next row is its table's first */
	int failed;
} tagged_t;

/* Pages -------------------------------------------------------------- */

/* The text in AREA of PAGE (PDF space, y up), without white space. */
static char *
area_dense(PopplerPage *page, const PopplerRectangle *area)
{
	PopplerRectangle r;
	double width, height;
	char *text, *dense;
	size_t n = 0;

	poppler_page_get_size(page, &width, &height);
	r.x1 = area->x1;
	r.x2 = area->x2;
	r.y1 = height - area->y2;
	r.y2 = height - area->y1;
	if ((text = poppler_page_get_text_for_area(page, &r)) == NULL)
		return NULL;
	if ((dense = malloc(strlen(text) + 1)) != NULL) {
		for (const char *s = text; *s != '\0'; s++)
			if (!isspace((unsigned char)*s))
				dense[n++] = *s;
		dense[n] = '\0';
	}
	g_free(text);
	return dense;
}

static void
page_links(tagged_t *t, PopplerPage *page, tagged_page_t *pg)
{
	GList *map = poppler_page_get_link_mapping(page), *l;
	size_t n = g_list_length(map);

	if (n > MAX_LINKS)
		n = MAX_LINKS;
	if (n > 0 && (pg->links = calloc(n, sizeof *pg->links)) == NULL)
		t->failed = 1;
	for (l = map; l != NULL && pg->links != NULL && pg->n_links < n;
	    l = l->next) {
		PopplerLinkMapping *m = l->data;
		tagged_link_t *k = &pg->links[pg->n_links];

		if (m->action == NULL ||
		    m->action->type != POPPLER_ACTION_URI ||
		    m->action->uri.uri == NULL)
			continue;
		k->uri = str_printf("%s", m->action->uri.uri);
		k->dense = area_dense(page, &m->area);
		if (k->uri == NULL || k->dense == NULL) {
			free(k->uri);
			free(k->dense);
			t->failed = 1;
			break;
		}
		pg->n_links++;
	}
	poppler_page_free_link_mapping(map);
}

/* Page I (0-based), loaded the first time; NULL if there is none. */
static tagged_page_t *
page_get(tagged_t *t, int i)
{
	tagged_page_t *pg;
	PopplerPage *page;
	size_t len;

	if (i < 0 || i >= t->n_pages)
		return NULL;
	pg = &t->pages[i];
	if (pg->loaded)
		return pg->text != NULL ? pg : NULL;
	pg->loaded = 1;
	if ((page = poppler_document_get_page(t->doc, i)) == NULL)
		return NULL;
	pg->text = poppler_page_get_text(page);
	page_links(t, page, pg);
	g_object_unref(page);
	if (pg->text == NULL)
		return NULL;
	len = strlen(pg->text);
	pg->dense = malloc(len + 1);
	pg->pos = malloc((len + 1) * sizeof *pg->pos);
	pg->seen = calloc(len + 1, 1);
	if (pg->dense == NULL || pg->pos == NULL || pg->seen == NULL) {
		t->failed = 1;
		g_free(pg->text);
		pg->text = NULL;
		return NULL;
	}
	for (size_t k = 0; k < len; k++)
		if (!isspace((unsigned char)pg->text[k])) {
			pg->dense[pg->n_dense] = pg->text[k];
			pg->pos[pg->n_dense++] = k;
		}
	pg->dense[pg->n_dense] = '\0';
	return pg;
}

static void
pages_free(tagged_t *t)
{
	for (int i = 0; t->pages != NULL && i < t->n_pages; i++) {
		tagged_page_t *pg = &t->pages[i];

		g_free(pg->text);
		free(pg->dense);
		free(pg->pos);
		free(pg->seen);
		for (size_t k = 0; k < pg->n_links; k++) {
			free(pg->links[k].uri);
			free(pg->links[k].dense);
		}
		free(pg->links);
	}
	free(t->pages);
}

/* Text runs ----------------------------------------------------------- */

/*
 * Appends S (LEN bytes) with runs of white space as one space.  A line
 * that ends in a hyphen ("provider-" over "specific") goes on without
 * one: a word was split there, and keeping the hyphen keeps the word
 * whatever it was.
 */
static void
put_squeezed(tagged_t *t, const char *s, size_t len)
{
	int newline = 0;

	for (size_t i = 0; i < len; i++) {
		if (isspace((unsigned char)s[i])) {
			t->space = 1;
			newline |= s[i] == '\n';
			continue;
		}
		if (t->space && newline && t->out.len > 1 &&
		    t->out.data[t->out.len - 1] == '-' &&
		    isalpha((unsigned char)t->out.data[t->out.len - 2]))
			t->space = 0;
		if (t->space && t->out.len > 0 &&
		    t->out.data[t->out.len - 1] != ' ')
			strbuf_puts(&t->out, " ");
		t->space = 0;
		newline = 0;
		pdf_append_clean(&t->out, s + i, 1);
	}
}

/* The byte PDFDocEncoding gives character C, or -1: ASCII and Latin-1
 * as they are, 0x80 to 0x9e and 0xa0 the spec's own. */
static int
pdfdoc_byte(ucs4_t c)
{
	static const unsigned short high[] = {
		0x2022, 0x2020, 0x2021, 0x2026, 0x2014, 0x2013, 0x0192,
		0x2044, 0x2039, 0x203a, 0x2212, 0x2030, 0x201e, 0x201c,
		0x201d, 0x2018, 0x2019, 0x201a, 0x2122, 0xfb01, 0xfb02,
		0x0141, 0x0152, 0x0160, 0x0178, 0x017d, 0x0131, 0x0142,
		0x0153, 0x0161, 0x017e,
	};

	if (c < 0x80 || (c > 0xa0 && c <= 0xff && c != 0xad))
		return (int)c;
	if (c == 0x20ac)
		return 0xa0;
	for (size_t i = 0; i < sizeof high / sizeof high[0]; i++)
		if (high[i] == c)
			return 0x80 + (int)i;
	return -1;
}

/*
 * RAW as poppler 22 gives the text of some structure elements: UTF-8
 * read as PDFDocEncoding and encoded again ("Network\u00c2\u00ae" for
 * "Network\u00ae", "\u00e2\u2022\u017d" for a right quote).  When every
 * character of RAW has a byte in that encoding and those bytes make
 * valid UTF-8 past ASCII, they are the text, written over RAW (they are
 * fewer).
 */
static void
undouble_utf8(char *raw)
{
	const uint8_t *s = (const uint8_t *)raw;
	size_t len = strlen(raw), n = 0;
	uint8_t *bytes;
	int wide = 0;

	if ((bytes = malloc(len + 1)) == NULL)
		return;
	for (size_t i = 0; i < len;) {
		ucs4_t c;
		int k = u8_mbtouc(&c, s + i, len - i), b = pdfdoc_byte(c);

		if (b < 0) {
			free(bytes);
			return;	/* a character of no such byte */
		}
		bytes[n++] = (uint8_t)b;
		wide |= b >= 0x80;
		i += (size_t)k;
	}
	if (wide && u8_check(bytes, n) == NULL) {
		memcpy(raw, bytes, n);
		raw[n] = '\0';
	}
	free(bytes);
}

/*
 * A marked-content run of text, RAW, on page I: found in the page's
 * text after the last run (or anywhere), it is taken from there, with
 * the white space the page has before it; a run not found is taken as
 * the tree gives it.
 */
static void
put_run(tagged_t *t, const char *raw, int i)
{
	tagged_page_t *pg = page_get(t, i);
	char *dense;
	const char *at = NULL;
	size_t n = 0, len = strlen(raw);

	if ((dense = malloc(len + 1)) == NULL) {
		t->failed = 1;
		return;
	}
	/* A paragraph goes on over a page break. */
	if (t->out.len > 0 && t->run_page != i)
		t->space = 1;
	for (size_t k = 0; k < len; k++)
		if (!isspace((unsigned char)raw[k]))
			dense[n++] = raw[k];
	dense[n] = '\0';
	if (n > 0 && t->out_page < 0)
		t->out_page = i;
	if (n > 0)
		t->run_page = i;
	if (n > 0 && pg != NULL) {
		/* Mostly the run is just where the last one ended. */
		if (pg->cursor + n <= pg->n_dense &&
		    memcmp(pg->dense + pg->cursor, dense, n) == 0)
			at = pg->dense + pg->cursor;
		if (at == NULL && t->searched < SEARCH_BUDGET) {
			t->searched += pg->n_dense;
			at = memmem(pg->dense + pg->cursor,
			    pg->n_dense - pg->cursor, dense, n);
			if (at == NULL)
				at = memmem(pg->dense, pg->n_dense, dense, n);
		}
	}
	if (at != NULL) {
		size_t a = (size_t)(at - pg->dense);
		size_t from = pg->pos[a], to = pg->pos[a + n - 1] + 1;

		/* White space just before the run, on the page (or, for
		 * a run found elsewhere, in the tree). */
		if ((a == pg->cursor && a > 0 &&
		    from > pg->pos[a - 1] + 1) ||
		    isspace((unsigned char)raw[0]))
			t->space = 1;
		put_squeezed(t, pg->text + from, to - from);
		pg->cursor = a + n;
		memset(pg->seen + a, 1, n);
		t->covered += n;
		if (isspace((unsigned char)raw[len > 0 ? len - 1 : 0]))
			t->space = 1;
	} else {
		put_squeezed(t, raw, len);
	}
	free(dense);
}

/* The link annotation of page I whose area holds LABEL's text (or is
 * within it), not yet given to another link; NULL if none. */
static const char *
link_uri(tagged_t *t, int i, const char *label)
{
	tagged_page_t *pg = page_get(t, i);
	char *dense;
	size_t n = 0;
	const char *uri = NULL;

	if (pg == NULL || (dense = malloc(strlen(label) + 1)) == NULL)
		return NULL;
	for (const char *s = label; *s != '\0'; s++)
		if (!isspace((unsigned char)*s))
			dense[n++] = *s;
	dense[n] = '\0';
	for (size_t k = 0; n > 0 && k < pg->n_links && uri == NULL; k++) {
		tagged_link_t *l = &pg->links[k];

		if (l->used || l->dense[0] == '\0' ||
		    (strstr(l->dense, dense) == NULL &&
		    strstr(dense, l->dense) == NULL))
			continue;
		uri = l->uri;
		/* A link wrapped over lines has an area on each. */
		for (size_t j = k; j < pg->n_links; j++)
			if (strcmp(pg->links[j].uri, uri) == 0 &&
			    strstr(dense, pg->links[j].dense) != NULL)
				pg->links[j].used = 1;
		l->used = 1;
	}
	free(dense);
	return uri;
}

/* The tree ------------------------------------------------------------ */

static int
is_heading_kind(PopplerStructureElementKind k)
{
	return k == POPPLER_STRUCTURE_ELEMENT_HEADING ||
	    (k >= POPPLER_STRUCTURE_ELEMENT_HEADING_1 &&
	    k <= POPPLER_STRUCTURE_ELEMENT_HEADING_6);
}

/* Elements that flow within a line of text. */
static int
is_inline_kind(PopplerStructureElementKind k)
{
	switch (k) {
	case POPPLER_STRUCTURE_ELEMENT_CONTENT:
	case POPPLER_STRUCTURE_ELEMENT_OBJECT_REFERENCE:
	case POPPLER_STRUCTURE_ELEMENT_SPAN:
	case POPPLER_STRUCTURE_ELEMENT_QUOTE:
	case POPPLER_STRUCTURE_ELEMENT_NOTE:
	case POPPLER_STRUCTURE_ELEMENT_REFERENCE:
	case POPPLER_STRUCTURE_ELEMENT_BIBENTRY:
	case POPPLER_STRUCTURE_ELEMENT_CODE:
	case POPPLER_STRUCTURE_ELEMENT_LINK:
	case POPPLER_STRUCTURE_ELEMENT_ANNOT:
	case POPPLER_STRUCTURE_ELEMENT_RUBY:
	case POPPLER_STRUCTURE_ELEMENT_RUBY_BASE_TEXT:
	case POPPLER_STRUCTURE_ELEMENT_RUBY_ANNOT_TEXT:
	case POPPLER_STRUCTURE_ELEMENT_RUBY_PUNCTUATION:
	case POPPLER_STRUCTURE_ELEMENT_WARICHU:
	case POPPLER_STRUCTURE_ELEMENT_WARICHU_TEXT:
	case POPPLER_STRUCTURE_ELEMENT_WARICHU_PUNCTUATION:
	case POPPLER_STRUCTURE_ELEMENT_FORMULA:
		return 1;
	default:
		return 0;
	}
}

/* Elements that stand apart from the text around them. */
static int
is_block_kind(PopplerStructureElementKind k)
{
	return !is_inline_kind(k) && k != POPPLER_STRUCTURE_ELEMENT_NONSTRUCT &&
	    k != POPPLER_STRUCTURE_ELEMENT_LIST_BODY &&
	    k != POPPLER_STRUCTURE_ELEMENT_PRIVATE;
}

/* Whether every child of the element at IT flows within a line (a
 * NonStruct or Div wrapping only text is a paragraph of its own); a
 * NonStruct child is looked into, as it may wrap blocks. */
static int
holds_only_inline(PopplerStructureElementIter *it, int depth)
{
	PopplerStructureElementIter *c;
	int yes = 1;

	if (depth >= PDF_MAX_DEPTH ||
	    (c = poppler_structure_element_iter_get_child(it)) == NULL)
		return 1;
	do {
		PopplerStructureElement *e =
		    poppler_structure_element_iter_get_element(c);
		PopplerStructureElementKind k;

		if (e == NULL)
			continue;
		k = poppler_structure_element_get_kind(e);
		if (k == POPPLER_STRUCTURE_ELEMENT_NONSTRUCT)
			yes = holds_only_inline(c, depth + 1);
		else if (!is_inline_kind(k))
			yes = 0;
		g_object_unref(e);
	} while (yes && poppler_structure_element_iter_next(c));
	poppler_structure_element_iter_free(c);
	return yes;
}

/* Whether the walk may go on: within the bounds, memory left. */
static int
may_go_on(tagged_t *t, int depth)
{
	return !t->failed && !t->too_costly && depth < PDF_MAX_DEPTH &&
	    t->elements < MAX_ELEMENTS;
}

/* What is done with one element of the tree, at IT, DEPTH deep. */
typedef void visit_fn(tagged_t *t, PopplerStructureElementIter *it,
		      PopplerStructureElement *e, int depth);

/* VISIT on each child of the element at IT, in the tree's order, while
 * the bounds allow. */
static void
each_child(tagged_t *t, PopplerStructureElementIter *it, int depth,
	   visit_fn *visit)
{
	PopplerStructureElementIter *c;

	if (!may_go_on(t, depth) ||
	    (c = poppler_structure_element_iter_get_child(it)) == NULL)
		return;
	do {
		PopplerStructureElement *e =
		    poppler_structure_element_iter_get_element(c);

		if (e == NULL)
			continue;
		visit(t, c, e, depth);
		g_object_unref(e);
	} while (may_go_on(t, depth) && poppler_structure_element_iter_next(c));
	poppler_structure_element_iter_free(c);
}

static void inline_children(tagged_t *t, PopplerStructureElementIter *it,
			    int depth);

/* The text of element E (at IT) and all below it, into T->out. */
static void
inline_element(tagged_t *t, PopplerStructureElementIter *it,
	       PopplerStructureElement *e, int depth)
{
	PopplerStructureElementKind k = poppler_structure_element_get_kind(e);
	size_t mark;

	t->elements++;
	if (k == POPPLER_STRUCTURE_ELEMENT_CONTENT) {
		int page = poppler_structure_element_get_page(e);
		tagged_page_t *pg = page >= 0 && page < t->n_pages ?
		    &t->pages[page] : NULL;
		char *raw;

		if (++t->runs > MAX_RUNS ||
		    (pg != NULL && ++pg->runs > MAX_PAGE_RUNS)) {
			t->too_costly = 1;
			return;
		}
		raw = poppler_structure_element_get_text(e,
		    POPPLER_STRUCTURE_GET_TEXT_NONE);

		if (raw != NULL) {
			undouble_utf8(raw);
			put_run(t, raw, page);
		}
		g_free(raw);
		return;
	}
	if (k == POPPLER_STRUCTURE_ELEMENT_LINK) {
		const char *uri;

		if (t->space && t->out.len > 0)
			strbuf_puts(&t->out, " ");
		t->space = 0;
		mark = t->out.len;
		inline_children(t, it, depth + 1);
		if (t->out.failed || t->out.len == mark)
			return;
		strbuf_append(&t->out, "", 0);
		/* The page of its label's last run: a link's own page is
		 * often unset. */
		uri = link_uri(t, t->run_page, t->out.data + mark);
		if (uri != NULL)
			pdf_link_destination(&t->out, mark, uri);
		return;
	}
	if (is_block_kind(k))
		t->space = 1;	/* a block inside a cell: apart */
	inline_children(t, it, depth + 1);
	if (is_block_kind(k))
		t->space = 1;
}

static void
inline_children(tagged_t *t, PopplerStructureElementIter *it, int depth)
{
	each_child(t, it, depth, inline_element);
}

/* The text read so far, taken; NULL when out of memory. */
static char *
take_text(tagged_t *t)
{
	char *text = strbuf_finish(&t->out);

	t->space = 0;
	if (text == NULL)
		t->failed = 1;
	return text;
}

static pdf_block_t *
add_block(tagged_t *t, pdf_block_kind_t kind, char *text)
{
	pdf_block_t *b = pdf_blocks_add(&t->blocks, kind, text,
	    t->out_page >= 0 ? (unsigned)t->out_page + 1 : 0);

	if (b == NULL)
		t->failed = 1;
	return b;
}

/* The text read so far, if any, as a block of KIND. */
static pdf_block_t *
flush_text(tagged_t *t, pdf_block_kind_t kind)
{
	pdf_block_t *b = NULL;
	char *text;

	if ((text = take_text(t)) == NULL)
		return NULL;
	if (text[0] != '\0')
		b = add_block(t, kind, text);
	else
		free(text);
	t->out_page = -1;
	return b;
}

/* The text of the element at IT as one block of KIND, unless empty. */
static pdf_block_t *
text_block(tagged_t *t, PopplerStructureElementIter *it, pdf_block_kind_t kind,
	   int depth)
{
	flush_text(t, PDF_BLOCK_PARAGRAPH);
	inline_children(t, it, depth + 1);
	return flush_text(t, kind);
}

static unsigned
heading_level(tagged_t *t, PopplerStructureElementKind k)
{
	if (k == POPPLER_STRUCTURE_ELEMENT_HEADING)
		return t->last_level ? t->last_level : 1;
	return (unsigned)(k - POPPLER_STRUCTURE_ELEMENT_HEADING_1) + 1;
}

static void walk_blocks(tagged_t *t, PopplerStructureElementIter *it,
			int depth);
static void block_element(tagged_t *t, PopplerStructureElementIter *it,
			  PopplerStructureElement *e, int depth);

/* A list item at IT: a line of its own.  Its label ("1.", a bullet) is
 * markup, left out as in the other formats. */
static void
list_item(tagged_t *t, PopplerStructureElementIter *it, int depth)
{
	PopplerStructureElementIter *c;

	flush_text(t, PDF_BLOCK_PARAGRAPH);
	if (!may_go_on(t, depth) ||
	    (c = poppler_structure_element_iter_get_child(it)) == NULL)
		return;
	do {
		PopplerStructureElement *e =
		    poppler_structure_element_iter_get_element(c);

		if (e == NULL)
			continue;
		if (poppler_structure_element_get_kind(e) ==
		    POPPLER_STRUCTURE_ELEMENT_LIST_LABEL) {
			/* Read, so that it counts as found on the page,
			 * then left out. */
			size_t mark = t->out.len;
			int space = t->space;

			inline_element(t, c, e, depth + 1);
			t->out.len = mark;
			t->space = space;
		} else {
			inline_element(t, c, e, depth + 1);
		}
		g_object_unref(e);
	} while (may_go_on(t, depth) && poppler_structure_element_iter_next(c));
	poppler_structure_element_iter_free(c);
	flush_text(t, PDF_BLOCK_LIST_ITEM);
}

/* One row (TR) of a table: its cells' texts, and whether all are TH. */
static void
walk_row(tagged_t *t, PopplerStructureElementIter *it, int depth,
	 int *first_row)
{
	PopplerStructureElementIter *c;
	char *cells[MAX_CELLS];
	size_t n = 0;
	int all_th = 1, page = -1;

	if (!may_go_on(t, depth) ||
	    (c = poppler_structure_element_iter_get_child(it)) == NULL)
		return;
	do {
		PopplerStructureElement *e =
		    poppler_structure_element_iter_get_element(c);
		PopplerStructureElementKind k;
		char *text;

		if (e == NULL)
			continue;
		t->elements++;
		k = poppler_structure_element_get_kind(e);
		all_th &= k == POPPLER_STRUCTURE_ELEMENT_TABLE_HEADING;
		t->out_page = -1;
		if (n + 1 < MAX_CELLS) {
			t->space = 0;
		} else {
			/* Cells past the last go into it. */
			t->space = 1;
			strbuf_puts(&t->out, cells[--n]);
			free(cells[n]);
		}
		inline_children(t, c, depth + 1);
		if (page < 0)
			page = t->out_page;
		g_object_unref(e);
		if ((text = take_text(t)) == NULL)
			break;
		cells[n++] = text;
	} while (may_go_on(t, depth) && poppler_structure_element_iter_next(c));
	poppler_structure_element_iter_free(c);
	t->out_page = page;
	if (n > 0 && !t->failed) {
		pdf_block_t *b;
		size_t first = 0;

		if (*first_row && all_th) {
			b = add_block(t, PDF_BLOCK_TABLE_HEADER, NULL);
		} else {
			/* A row is named by its first cell with text. */
			while (first + 1 < n && cells[first][0] == '\0')
				first++;
			b = add_block(t, PDF_BLOCK_TABLE_ROW, cells[first]);
			cells[first] = NULL;
			first++;
		}
		if (b != NULL && n > first &&
		    (b->cells = calloc(n - first, sizeof *b->cells)) == NULL)
			t->failed = 1;
		for (size_t i = first; b != NULL && b->cells != NULL && i < n;
		    i++) {
			b->cells[b->n_cells++] = cells[i];
			cells[i] = NULL;
		}
	}
	for (size_t i = 0; i < n; i++)
		free(cells[i]);
	t->out_page = -1;
	*first_row = 0;
}

/* One part of a table at IT: a row, a THead, TBody or TFoot of rows, or
 * a block beside them. */
static void
table_part(tagged_t *t, PopplerStructureElementIter *it,
	   PopplerStructureElement *e, int depth)
{
	PopplerStructureElementKind k = poppler_structure_element_get_kind(e);

	if (k == POPPLER_STRUCTURE_ELEMENT_TABLE_ROW) {
		t->elements++;
		walk_row(t, it, depth + 1, &t->first_row);
	} else if (k == POPPLER_STRUCTURE_ELEMENT_TABLE_HEADER ||
	    k == POPPLER_STRUCTURE_ELEMENT_TABLE_BODY ||
	    k == POPPLER_STRUCTURE_ELEMENT_TABLE_FOOTER) {
		t->elements++;
		each_child(t, it, depth + 1, table_part);
	} else {
		block_element(t, it, e, depth + 1);
		flush_text(t, PDF_BLOCK_PARAGRAPH);
	}
}

/*
 * The element E at IT, at the level of blocks: a heading, paragraph,
 * list or table is a block; text beside blocks (a Div's own text) waits
 * in T->out for the block it ends up as; anything else groups blocks.
 */
static void
block_element(tagged_t *t, PopplerStructureElementIter *it,
	      PopplerStructureElement *e, int depth)
{
	PopplerStructureElementKind k = poppler_structure_element_get_kind(e);
	pdf_block_t *b;

	if (is_inline_kind(k)) {
		inline_element(t, it, e, depth);
		return;
	}
	t->elements++;
	if (is_heading_kind(k)) {
		if ((b = text_block(t, it, PDF_BLOCK_HEADING, depth)) != NULL)
			b->level = t->last_level = heading_level(t, k);
	} else if (k == POPPLER_STRUCTURE_ELEMENT_LIST_ITEM) {
		list_item(t, it, depth);
	} else if (k == POPPLER_STRUCTURE_ELEMENT_TABLE) {
		/* A table inside a cell has a first row of its own. */
		int outer_first_row = t->first_row;

		t->first_row = 1;
		flush_text(t, PDF_BLOCK_PARAGRAPH);
		each_child(t, it, depth + 1, table_part);
		t->first_row = outer_first_row;
		add_block(t, PDF_BLOCK_TABLE_END, NULL);
	} else if (k == POPPLER_STRUCTURE_ELEMENT_LIST ||
	    !holds_only_inline(it, depth)) {
		flush_text(t, PDF_BLOCK_PARAGRAPH);
		walk_blocks(t, it, depth + 1);
		flush_text(t, PDF_BLOCK_PARAGRAPH);
	} else {
		/* P, Caption, or a NonStruct or Div of text alone. */
		text_block(t, it, PDF_BLOCK_PARAGRAPH, depth);
	}
}

/* The blocks under the element at IT, in the tree's order. */
static void
walk_blocks(tagged_t *t, PopplerStructureElementIter *it, int depth)
{
	each_child(t, it, depth, block_element);
}

/*
 * Whether the tree's text is all of the pages' text but for artifacts
 * (running lines, page numbers): a tree that tags only some of it (a
 * cover, a form's fields; chromium leaves out <strong>) would lose the
 * rest, which the layout keeps.  2% is left for what is drawn twice or
 * laid out otherwise.
 */
static int
covers_pages(tagged_t *t)
{
	size_t total = 0;

	for (int i = 0; i < t->n_pages; i++) {
		const tagged_page_t *pg = page_get(t, i);

		total += pg != NULL ? pg->n_dense : 0;
	}
	total = total > t->running ? total - t->running : 0;
	return t->covered * 100 >= total * 98;
}

/* The lines of the LEN bytes at S but page numbers and running lines
 * (in RUNNING), into the text being read. */
static void
add_missed_lines(tagged_t *t, const char *s, size_t len, const char *running)
{
	const char *end = s + len;

	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t n = nl != NULL ? (size_t)(nl - s) : (size_t)(end - s);
		char *line = str_ndup(s, n);

		if (line == NULL) {
			t->failed = 1;
			return;
		}
		g_strstrip(line);
		if (line[0] != '\0' && !pdf_is_page_number(line, strlen(line)) &&
		    strstr(running, line) == NULL) {
			t->space = t->out.len > 0;
			put_squeezed(t, line, strlen(line));
		}
		free(line);
		s += n + (nl != NULL);
	}
}

/*
 * The page text no run of the tree was found in, page by page, as
 * paragraphs after the tree's: a tree that holds nearly all of it (a
 * form's "Mail the completed form to:" drawn outside any tag) loses
 * nothing.  Stretches without a letter (page numbers, bullets) and the
 * running lines (RUNNING, kept already) are left out.
 */
static void
add_missed(tagged_t *t, const char *running)
{
	for (int i = 0; i < t->n_pages && !t->failed; i++) {
		tagged_page_t *pg = page_get(t, i);
		size_t a = 0;

		while (pg != NULL && a < pg->n_dense && !t->failed) {
			size_t b = a, from, to;
			char *text;
			int letters = 0;

			if (pg->seen[a]) {
				a++;
				continue;
			}
			while (b < pg->n_dense && !pg->seen[b])
				letters |= isalpha((unsigned char)
				    pg->dense[b++]) || pg->dense[b - 1] & 0x80;
			from = pg->pos[a];
			to = pg->pos[b - 1] + 1;
			a = b;
			if (!letters)
				continue;
			t->out_page = i;
			add_missed_lines(t, pg->text + from, to - from,
			    running);
			if ((text = take_text(t)) == NULL)
				return;
			if (text[0] != '\0')
				add_block(t, PDF_BLOCK_PARAGRAPH, text);
			else
				free(text);
			t->out_page = -1;
		}
	}
}

int
pdf_read_tagged(PopplerDocument *doc, factsheet_publication_t *pub,
		const char *running, size_t running_bytes)
{
	PopplerStructureElementIter *root =
	    poppler_structure_element_iter_new(doc);
	tagged_t t = { 0 };
	int has_text = 0;

	if (root == NULL)
		return 0;
	t.doc = doc;
	t.out_page = -1;
	t.running = running_bytes;
	t.n_pages = poppler_document_get_n_pages(doc);
	if (t.n_pages > 0 &&
	    (t.pages = calloc((size_t)t.n_pages, sizeof *t.pages)) == NULL)
		t.failed = 1;
	/* The root iterator is at the first of the tree's top elements. */
	do {
		PopplerStructureElement *e =
		    poppler_structure_element_iter_get_element(root);

		if (e == NULL)
			continue;
		block_element(&t, root, e, 0);
		g_object_unref(e);
	} while (may_go_on(&t, 0) && poppler_structure_element_iter_next(root));
	flush_text(&t, PDF_BLOCK_PARAGRAPH);
	poppler_structure_element_iter_free(root);
	for (size_t i = 0; i < t.blocks.n && !has_text; i++)
		has_text = t.blocks.blocks[i].text != NULL ||
		    t.blocks.blocks[i].n_cells > 0;
	if (has_text && !t.failed && (t.too_costly || !covers_pages(&t)))
		has_text = 0;
	if (has_text && !t.failed)
		add_missed(&t, running);
	if (!t.failed && has_text && running[0] != '\0') {
		char *copy = str_printf("%s", running);

		if (copy == NULL || pdf_blocks_add(&t.blocks,
		    PDF_BLOCK_PARAGRAPH, copy, (unsigned)t.n_pages) == NULL)
			t.failed = 1;
	}
	if (!t.failed && has_text &&
	    pdf_blocks_publish(&t.blocks, doc, pub) < 0)
		t.failed = 1;
	free(strbuf_finish(&t.out));
	pdf_blocks_free(&t.blocks);
	pages_free(&t);
	if (t.failed)
		return -1;
	return has_text;
}
