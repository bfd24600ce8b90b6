/*
 * pdf.h - what the files of the PDF reader share: parse-pdf.c opens the
 * document and lays out untagged pages; pdf-tagged.c reads the structure
 * tree of a tagged one.
 */
#ifndef PDF_H
#define PDF_H

#include <poppler.h>

#include "factsheet-private.h"

/* Structure trees nested deeper than this are read no deeper. */
#define PDF_MAX_DEPTH 100

/* A PDF is read only if its Flate streams expand to no more than this
 * in all, and none of them draws text more often than that. */
#define PDF_MAX_INFLATED (256UL << 20)
#define PDF_MAX_TEXT_OPS 20000UL
/* Pages after this many seconds of reading one PDF are left unread, and
 * a page that alone took more than PDF_PAGE_SECONDS is left out.  The
 * environment variables FACTSHEET_PDF_SECONDS and
 * FACTSHEET_PDF_PAGE_SECONDS set others (seconds, fractions allowed), for
 * tests; see pdf_limit(). */
#define PDF_MAX_SECONDS 60
#define PDF_PAGE_SECONDS 10
/* The numbers of the pages left out that a warning names. */
#define PDF_SLOW_PAGES_NAMED 10

/*
 * Why the LEN bytes of PDF SOURCE are too costly to read, measured
 * before poppler reads them (pdf-guard.c), or NULL.  The caller frees
 * it.
 */
char *
pdf_guard_check(const char *source, const char *bytes, size_t len);

/* One line of a page's text, in reading order, and its box. */
typedef struct {
	const char *start;
	size_t len;
	double top, bottom;	/* y grows down the page */
	double size;		/* its tallest character's box */
	double font_size;	/* its type size, 0 if unknown */
	int boxed;		/* poppler gave its characters boxes */
	int bold;		/* set in a bold face throughout */
	int cells;		/* a table row, its cells apart by tabs */
	int column;		/* the first line of a column */
	int drop;		/* a page number, running header or footer */
} pdf_line_t;

typedef struct {
	char *text;		/* the lines, each ended by a newline */
	pdf_line_t *lines;
	size_t n_lines;
} pdf_page_t;

/*
 * Lays out PAGE's text as lines in reading order: the columns of a
 * page one after the other, a table's rows with their cells apart by
 * tabs, a link's address after the text it covers.  0, or -1 when out
 * of memory.
 */
int
pdf_layout_page(PopplerPage *page, pdf_page_t *pg);

/* A link's address URI after its label, which OUT holds from MARK on,
 * unless the label says it (reader_link_destination). */
void
pdf_link_destination(strbuf_t *out, size_t mark, const char *uri);

/* Appends LEN bytes of S without control characters, which a PDF's
 * fonts can map glyphs to. */
void
pdf_append_clean(strbuf_t *out, const char *s, size_t len);

/* DOC's metadata title, cleaned, if a person gave it (not a file name,
 * not a tool's default); else NULL.  The caller frees it. */
char *
pdf_metadata_title(PopplerDocument *doc, const char *source);

/* Whether TITLE, a metadata title, is one a person gave. */
int
pdf_title_is_good(const char *title, const char *source);

typedef enum {
	PDF_BLOCK_HEADING,
	PDF_BLOCK_PARAGRAPH,
	PDF_BLOCK_LIST_ITEM,
	PDF_BLOCK_TABLE_HEADER,	/* its cells only */
	PDF_BLOCK_TABLE_ROW,	/* TEXT names it */
	PDF_BLOCK_TABLE_END,
} pdf_block_kind_t;

/* A block of a publication, as its reader found it. */
typedef struct {
	pdf_block_kind_t kind;
	unsigned level;		/* a heading's, 1 to 6 */
	unsigned page;		/* 1-based; 0 if unknown */
	char *text;		/* owned */
	char **cells;		/* owned, with each cell */
	size_t n_cells;
} pdf_block_t;

typedef struct {
	pdf_block_t *blocks;
	size_t n, size;
} pdf_blocks_t;

/* A new block at the end of BLOCKS, taking TEXT over (NULL is fine);
 * NULL when out of memory (TEXT freed). */
pdf_block_t *
pdf_blocks_add(pdf_blocks_t *blocks, pdf_block_kind_t kind, char *text,
	       unsigned page);

/* Whether the LEN bytes at S are a page number line: "3", "- 3 -",
 * "Page 3 of 4". */
int
pdf_is_page_number(const char *s, size_t len);

/* Titles PUB (the metadata's, a first heading's, the file's name) and
 * hands BLOCKS to a builder of PUB; 0, or -1 when out of memory. */
int
pdf_blocks_publish(const pdf_blocks_t *blocks, PopplerDocument *doc,
		   factsheet_publication_t *pub);

void
pdf_blocks_free(pdf_blocks_t *blocks);

/* An untagged PDF being read (parse-pdf.c, pdf-styled.c). */
typedef struct {
	pdf_page_t *pages;
	size_t n_pages;
	strbuf_t out;
	unsigned hyphen_checks;
	size_t searched;	/* bytes, against HYPHEN_BUDGET */
	double body_size;	/* the type size of most text */
	int styled;		/* blocks made, from type sizes */
	char *tail;		/* the running lines, kept once */
	pdf_blocks_t blocks;
	int failed;
	size_t pages_left;	/* pages not read: the time limit came */
	double max_seconds;	/* that limit */
	double page_seconds;	/* the limit of one page */
	/* Pages left out, each over page_seconds: how many, and the
	 * numbers (1-based) of the first few. */
	size_t n_slow;
	unsigned slow[PDF_SLOW_PAGES_NAMED];
} pdf_reader_t;

/* parse-pdf.c: whether L has no text; whether it starts a paragraph
 * after P, lines of a paragraph being TIGHTEST apart; whether it gives a
 * contact ("Phone: ..."); whether it is a heading's, larger than the
 * body or bold. */
int pdf_is_blank_line(const pdf_line_t *l);
int pdf_starts_paragraph(const pdf_line_t *p, const pdf_line_t *l,
			 double tightest);
int pdf_is_contact_line(const pdf_line_t *l);
int pdf_is_display(const pdf_reader_t *r, const pdf_line_t *l);

/* Joins a word hyphenated at OUT's end with the rest at L's start;
 * whether it did (L then follows without a space). */
int pdf_join_hyphenated(pdf_reader_t *r, strbuf_t *out, const pdf_line_t *l);

/* pdf-styled.c: whether R's lines are set in more than one face (then
 * they go to the builder as blocks); those blocks, ended by TAIL. */
int pdf_is_styled(const pdf_reader_t *r);
void pdf_make_blocks(pdf_reader_t *r, double tightest, const char *tail,
		     pdf_blocks_t *blocks);

/*
 * Reads the structure tree of a tagged DOC into PUB through a builder:
 * headings with their levels, paragraphs, lists, tables, links labelled
 * by the text they cover, each block's page; then RUNNING, the running
 * headers and footers (artifacts, outside the tree), once; they and the
 * page numbers hold RUNNING_BYTES bytes other than white space.  Returns
 * 1 when done, 0 when DOC has no structure tree holding all its other
 * text (PUB untouched: lay out its pages instead), -1 when out of
 * memory.
 */
int
pdf_read_tagged(PopplerDocument *doc, factsheet_publication_t *pub,
		const char *running, size_t running_bytes);

#endif
