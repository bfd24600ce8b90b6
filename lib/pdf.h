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

/*
 * Reads the structure tree of a tagged DOC into PUB through a builder:
 * headings with their levels, paragraphs, lists, tables, links labelled
 * by the text they cover, each block's page.  Returns 1 when done, 0
 * when DOC has no structure tree holding text (PUB untouched: lay out
 * its pages instead), -1 when out of memory.
 */
int
pdf_read_tagged(PopplerDocument *doc, factsheet_publication_t *pub);

#endif
