/*
 * pdf-blocks.c - what a PDF's readers found (headings with their
 * levels, paragraphs, list items, table rows, each with its page), handed
 * to the builder in order, once the title is known: it may be the first
 * heading.
 */
#include <config.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "pdf.h"

/* A run of list items as one paragraph, an item a line. */
static void
flush_items(builder_t *b, strbuf_t *items)
{
	char *text = strbuf_finish(items);

	if (text == NULL)
		b->failed = 1;
	else if (text[0] != '\0')
		builder_paragraph(b, text, 0, 0);
	free(text);
}

static void
feed_builder(const pdf_blocks_t *blocks, builder_t *b)
{
	strbuf_t items = { 0 };

	for (size_t i = 0; i < blocks->n && !b->failed; i++) {
		const pdf_block_t *k = &blocks->blocks[i];

		if (k->kind != PDF_BLOCK_LIST_ITEM ||
		    links_is_contact_line(k->text, NULL))
			flush_items(b, &items);
		if (k->page != 0 && k->page != b->page)
			builder_page(b, k->page);
		switch (k->kind) {
		case PDF_BLOCK_HEADING:
			builder_heading(b, k->level, k->text, NULL, 0);
			break;
		case PDF_BLOCK_PARAGRAPH:
			builder_paragraph(b, k->text, 0, 1);
			break;
		case PDF_BLOCK_LIST_ITEM:
			if (links_is_contact_line(k->text, NULL)) {
				builder_paragraph(b, k->text, 0, 1);
				break;
			}
			if (items.len > 0)
				strbuf_puts(&items, "\n");
			strbuf_puts(&items, "- ");
			strbuf_puts(&items, k->text);
			break;
		case PDF_BLOCK_TABLE_HEADER:
			builder_table_header(b, (const char *const *)k->cells,
			    k->n_cells, 0);
			break;
		case PDF_BLOCK_TABLE_ROW:
			builder_table_row(b, k->text,
			    (const char *const *)k->cells, k->n_cells, 0);
			break;
		case PDF_BLOCK_TABLE_END:
			builder_table_end(b);
			break;
		}
	}
	flush_items(b, &items);
}

void
pdf_blocks_free(pdf_blocks_t *blocks)
{
	for (size_t i = 0; i < blocks->n; i++) {
		free(blocks->blocks[i].text);
		for (size_t k = 0; k < blocks->blocks[i].n_cells; k++)
			free(blocks->blocks[i].cells[k]);
		free(blocks->blocks[i].cells);
	}
	free(blocks->blocks);
	memset(blocks, 0, sizeof *blocks);
}

pdf_block_t *
pdf_blocks_add(pdf_blocks_t *blocks, pdf_block_kind_t kind, char *text,
	       unsigned page)
{
	pdf_block_t *b;

	if (blocks->n == blocks->size) {
		size_t size = blocks->size ? 2 * blocks->size : 64;
		pdf_block_t *more = realloc(blocks->blocks,
		    size * sizeof *more);

		if (more == NULL) {
			free(text);
			return NULL;
		}
		blocks->blocks = more;
		blocks->size = size;
	}
	b = &blocks->blocks[blocks->n++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	b->text = text;
	b->page = page;
	return b;
}

/* The title: the metadata's when a person gave it, else the first
 * heading, else the file's name. */
static char *
title_of(const pdf_blocks_t *blocks, PopplerDocument *doc,
	 const char *source)
{
	char *title = pdf_metadata_title(doc, source);

	for (size_t i = 0; title == NULL && i < blocks->n; i++)
		if (blocks->blocks[i].kind == PDF_BLOCK_HEADING)
			return str_printf("%s", blocks->blocks[i].text);
	return title != NULL ? title : title_from_source(source);
}

int
pdf_blocks_publish(const pdf_blocks_t *blocks, PopplerDocument *doc,
		   factsheet_publication_t *pub)
{
	builder_t b;
	int failed = 0;

	if ((pub->title = title_of(blocks, doc, pub->source)) == NULL)
		return -1;
	builder_init(&b, pub);
	feed_builder(blocks, &b);
	if (builder_finish(&b) < 0)
		failed = 1;
	return failed ? -1 : 0;
}

/* Text and titles ------------------------------------------------- */

/* Without C0 controls but tab, DEL and C1. */
void
pdf_append_clean(strbuf_t *out, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c < 0x20 && c != '\t') || c == 0x7f)
			continue;
		if (c == 0xc2 && i + 1 < len &&
		    (unsigned char)s[i + 1] >= 0x80 &&
		    (unsigned char)s[i + 1] <= 0x9f) {
			i++;
			continue;
		}
		strbuf_append(out, s + i, 1);
	}
}

/*
 * Whether a PDF's metadata title is one a person gave: not empty, not
 * the name of the file it was made from, nor what a tool puts there by
 * itself ("Microsoft Word - x.docx", "Untitled", "Enscript Output").
 */
int
pdf_title_is_good(const char *title, const char *source)
{
	static const char *const junk[] = {
		"untitled", "enscript output", "document", "title", "none",
		"no title", "slide 1", "powerpoint presentation", "pdf",
	};
	static const char *const exts[] = {
		".doc", ".docx", ".dot", ".rtf", ".odt", ".pdf", ".ps", ".txt",
		".htm", ".html", ".indd", ".qxd", ".ppt", ".pptx", ".xls",
		".xlsx", ".tex", ".dvi",
	};
	const char *base = strrchr(source, '/');
	size_t len = strlen(title), letters = 0, base_len;

	for (size_t i = 0; i < len; i++)
		letters += isalpha((unsigned char)title[i]) ||
		    (unsigned char)title[i] >= 0x80;
	if (letters < 3 || len > 200 || strpbrk(title, "/\\") != NULL ||
	    strncasecmp(title, "Microsoft ", 10) == 0)
		return 0;
	for (size_t i = 0; i < sizeof junk / sizeof junk[0]; i++)
		if (strcasecmp(title, junk[i]) == 0)
			return 0;
	for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++) {
		size_t n = strlen(exts[i]);

		if (len > n && strcasecmp(title + len - n, exts[i]) == 0)
			return 0;
	}
	base = base ? base + 1 : source;
	base_len = strcspn(base, ".");
	return !(len == base_len && strncasecmp(title, base, len) == 0);
}

char *
pdf_metadata_title(PopplerDocument *doc, const char *source)
{
	gchar *raw = poppler_document_get_title(doc);
	strbuf_t clean = { 0 };
	char *title, *message = NULL;

	if (raw == NULL)
		return NULL;
	pdf_append_clean(&clean, raw, strlen(raw));
	g_free(raw);
	if ((title = strbuf_finish(&clean)) == NULL)
		return NULL;
	text_squeeze_space(title);
	if (text_check(source, title, strlen(title), &message) !=
	    FACTSHEET_STATUS_SUCCESS || !pdf_title_is_good(title, source)) {
		free(title);
		title = NULL;
	}
	free(message);
	return title;
}

