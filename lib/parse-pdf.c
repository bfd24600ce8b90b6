/*
 * parse-pdf.c - a PDF publication through poppler-glib.  A tagged PDF
 * is read through its structure tree (pdf-tagged.c).  An untagged one is
 * laid out from its characters' boxes (pdf-layout.c): lines in reading
 * order, with no blank lines, so the gaps between lines say where
 * paragraphs break.  Page numbers and running headers and footers are
 * taken out of the pages (a footer would otherwise read as a heading)
 * and kept once, at the end.  A PDF set in more than one face then goes
 * to the builder as blocks, its headings by their type (pdf-styled.c);
 * one in a single face goes, its pages ended by form feeds, through the
 * plain-text reader, as its text would.  Each section keeps the page it
 * starts on.
 */
#include <config.h>

#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <poppler.h>

#include "pdf.h"


/* Pages ------------------------------------------------------------ */

int
pdf_is_blank_line(const pdf_line_t *l)
{
	for (size_t i = 0; i < l->len; i++)
		if (!isspace((unsigned char)l->start[i]))
			return 0;
	return 1;
}

/* The top (LAST = 0) or bottom line of PG with text and not dropped:
 * on the page, when its lines have boxes (a page number under two
 * columns is read before the second), else in reading order. */
static pdf_line_t *
edge_line(pdf_page_t *pg, int last)
{
	pdf_line_t *edge = NULL;

	for (size_t i = 0; i < pg->n_lines; i++) {
		pdf_line_t *l = &pg->lines[last ? pg->n_lines - 1 - i : i];

		if (l->drop || pdf_is_blank_line(l))
			continue;
		if (!l->boxed)
			return edge != NULL ? edge : l;
		if (edge == NULL || (last ? l->bottom > edge->bottom + 0.5 :
		    l->top < edge->top - 0.5))
			edge = l;
	}
	return edge;
}

/* "3", "- 3 -", "Page 3", "Page 3 of 4", "3 of 4". */
int
pdf_is_page_number(const char *s, size_t len)
{
	const char *end = s + len;
	int numbers = 0;

	for (;;) {
		while (s < end && (isspace((unsigned char)*s) || *s == '-'))
			s++;
		if (s == end)
			break;
		if (isdigit((unsigned char)*s)) {
			while (s < end && isdigit((unsigned char)*s))
				s++;
			numbers++;
		} else if (end - s >= 4 && strncasecmp(s, "page", 4) == 0 &&
		    numbers == 0) {
			s += 4;
		} else if (end - s >= 2 && strncasecmp(s, "of", 2) == 0 &&
		    numbers == 1) {
			s += 2;
		} else {
			return 0;
		}
	}
	return numbers == 1 || numbers == 2;
}

static int
is_page_number(const pdf_line_t *l)
{
	return pdf_is_page_number(l->start, l->len);
}

static size_t
digits(const char *s, size_t len)
{
	size_t n = 0;

	while (n < len && isdigit((unsigned char)s[n]))
		n++;
	return n;
}

/* Whether A and B are the same line but for their numbers ("Page 1 of
 * 4" and "Page 2 of 4") and white space. */
static int
same_but_numbers(const pdf_line_t *a, const pdf_line_t *b)
{
	size_t i = 0, j = 0;

	for (;;) {
		while (i < a->len && isspace((unsigned char)a->start[i]))
			i++;
		while (j < b->len && isspace((unsigned char)b->start[j]))
			j++;
		if (i == a->len || j == b->len)
			return i == a->len && j == b->len;
		if (isdigit((unsigned char)a->start[i]) &&
		    isdigit((unsigned char)b->start[j])) {
			i += digits(a->start + i, a->len - i);
			j += digits(b->start + j, b->len - j);
			continue;
		}
		if (a->start[i] != b->start[j])
			return 0;
		i++;
		j++;
	}
}

/*
 * Marks page numbers at the top or bottom of a page, then the first and
 * last lines that recur on other pages: running headers and footers.
 * Those recurring lines are appended once, from the last page they are
 * on, after the last page, where they stay searchable ("ICN 908889 May
 * 2015") without splitting sections.  Returns -1 when out of memory.
 */
static int
mark_running_lines(pdf_reader_t *r, strbuf_t *running)
{
	pdf_line_t **edge;

	for (size_t p = 0; p < r->n_pages; p++)
		for (int last = 0; last < 2; last++) {
			pdf_line_t *l = edge_line(&r->pages[p], last);

			if (l != NULL && is_page_number(l))
				l->drop = 1;
		}
	if (r->n_pages < 2)
		return 0;
	if ((edge = calloc(r->n_pages, sizeof *edge)) == NULL)
		return -1;
	for (int last = 0; last < 2; last++) {
		for (size_t p = 0; p < r->n_pages; p++)
			edge[p] = edge_line(&r->pages[p], last);
		for (size_t p = r->n_pages; p-- > 0;) {
			pdf_line_t *l = edge[p];
			int seen = 0;

			if (l == NULL || l->drop || l->len > 120)
				continue;
			for (size_t q = 0; q < r->n_pages; q++)
				if (q != p && edge[q] != NULL &&
				    !edge[q]->drop &&
				    same_but_numbers(l, edge[q])) {
					edge[q]->drop = 1;
					seen = 1;
				}
			if (!seen)
				continue;
			l->drop = 1;
			if (running->len > 0)
				strbuf_puts(running, " ");
			strbuf_append(running, l->start, l->len);
		}
	}
	free(edge);
	return 0;
}

/* Paragraphs -------------------------------------------------------- */

static int
starts_with_label(const pdf_line_t *l)
{
	const char *s = l->start, *end = l->start + l->len;

	while (s < end && isspace((unsigned char)*s))
		s++;
	return (end - s >= 8 && strncasecmp(s, "Problem:", 8) == 0) ||
	    (end - s >= 9 && strncasecmp(s, "Solution:", 9) == 0);
}

/*
 * The gap from line P down to line L, in heights of the smaller: 0.3 or
 * so between lines of a paragraph.  Returns 0 when the two cannot be
 * compared so: no boxes, another type size (a heading), or L beside or
 * above P (another column or table cell).
 */
static int
line_gap(const pdf_line_t *p, const pdf_line_t *l, double *gap)
{
	double h = p->size < l->size ? p->size : l->size;
	double big = p->size < l->size ? l->size : p->size;

	if (!p->boxed || !l->boxed || h <= 0 || big - h > big * 0.12 ||
	    l->top < p->bottom - h / 2)
		return 0;
	*gap = (l->top - p->bottom) / h;
	return 1;
}

/*
 * The tightest spacing of lines in the document (lines of a paragraph),
 * so that a paragraph break is a gap clearly wider, in 1.5-spaced text
 * as in single-spaced.
 */
static double
tightest_gap(const pdf_reader_t *r)
{
	double tightest = -1, gap;

	for (size_t p = 0; p < r->n_pages; p++) {
		const pdf_page_t *pg = &r->pages[p];

		for (size_t i = 1; i < pg->n_lines; i++)
			if (!pg->lines[i - 1].drop && !pg->lines[i].drop &&
			    line_gap(&pg->lines[i - 1], &pg->lines[i], &gap) &&
			    gap >= 0 && (tightest < 0 || gap < tightest))
				tightest = gap;
	}
	return tightest < 0 ? 0 : tightest;
}

/*
 * Whether line L starts a paragraph after line P of the same page: a
 * Problem:/Solution: label, a gap wider than the document's lines of a
 * paragraph have (at least half a line, and always past 0.9 of one:
 * double-spaced lines are closer, paragraphs a blank line apart or set
 * apart by a margin are not), or lines that cannot be compared.
 */
int
pdf_starts_paragraph(const pdf_line_t *p, const pdf_line_t *l, double tightest)
{
	double gap, wide = tightest + 0.3;

	if (starts_with_label(l))
		return 1;
	if (!p->boxed || !l->boxed)
		return 0;
	if (!line_gap(p, l, &gap))
		return 1;
	if (wide < 0.5)
		wide = 0.5;
	if (wide > 0.9)
		wide = 0.9;
	return gap > wide;
}

/* Hyphenated words looked up at most, and bytes of text searched for
 * them, bounds on hostile input. */
#define MAX_HYPHEN_CHECKS 200
#define HYPHEN_BUDGET (128UL * 1024 * 1024)

/* Whether the pages hold WORD (LEN bytes, any case) as a word of its
 * own, or at least followed by no letter (AFTER_ONLY). */
static int
page_holds(pdf_reader_t *r, const char *word, size_t len, int after_only)
{
	for (size_t p = 0; p < r->n_pages; p++) {
		const char *text = r->pages[p].text;

		r->searched += text != NULL ? strlen(text) : 0;
		for (const char *t = text; t != NULL && *t != '\0'; t++) {
			if (strncasecmp(t, word, len) != 0)
				continue;
			/* Not the rest of a word broken over lines. */
			if (t > text && (t[-1] == '-' || (t[-1] == '\n' &&
			    t - 1 > text && t[-2] == '-')))
				continue;
			if (!isalpha((unsigned char)t[len]) && (after_only ||
			    t == text || !isalpha((unsigned char)t[-1])))
				return 1;
		}
	}
	return 0;
}

/*
 * Joins a word hyphenated at a line's end, whose first part ends OUT,
 * with the rest at the start of line L: "enroll-" and "ment" make
 * "enrollment".  The hyphen stays ("provider-" and "specific" make
 * "provider-specific") when the document writes the compound so within
 * a line, or both parts are words it uses alone.  Returns whether it
 * joined them; then L's text is to follow without a space.
 */
int
pdf_join_hyphenated(pdf_reader_t *r, strbuf_t *out, const pdf_line_t *l)
{
	size_t stem = 0, rest = 0;
	char word[128];
	int compound = 0;

	if (out->len < 3 || out->data[out->len - 1] != '-' ||
	    l->len == 0 || !islower((unsigned char)l->start[0]))
		return 0;
	while (stem < out->len - 1 && stem < 60 &&
	    isalpha((unsigned char)out->data[out->len - 2 - stem]))
		stem++;
	while (rest < l->len && rest < 60 &&
	    isalpha((unsigned char)l->start[rest]))
		rest++;
	if (stem < 2)
		return 0;
	if (r->hyphen_checks < MAX_HYPHEN_CHECKS &&
	    r->searched < HYPHEN_BUDGET) {
		r->hyphen_checks++;
		memcpy(word, out->data + out->len - 1 - stem, stem + 1);
		memcpy(word + stem + 1, l->start, rest);
		word[stem + 1 + rest] = '\0';
		compound = page_holds(r, word, stem + 1 + rest, 1) ||
		    (page_holds(r, word, stem, 0) &&
		    page_holds(r, word + stem + 1, rest, 0));
	}
	if (!compound)
		out->len--;	/* the hyphen */
	return 1;
}

/* A line that gives a contact ("Phone: 1-800-633-4227"), a list
 * item whose bullet was a drawing. */
int
pdf_is_contact_line(const pdf_line_t *l)
{
	contact_list_t scratch = { 0 };
	const char *colon = memchr(l->start, ':', l->len);
	char *line;
	int yes;

	if (colon == NULL || colon - l->start > 30 ||
	    (line = str_ndup(l->start, l->len)) == NULL)
		return 0;
	yes = contact_parse_line(&scratch, line);
	contact_list_clear(&scratch);
	free(line);
	return yes;
}

/* Set larger than the body text, or in bold: a heading's line. */
int
pdf_is_display(const pdf_reader_t *r, const pdf_line_t *l)
{
	return l->bold || (r->body_size > 0 &&
	    l->font_size >= r->body_size * 1.15);
}

/*
 * The page's kept lines, a blank line between paragraphs; the first
 * line of a column or a table, a contact line, and a line in bold after
 * one that is not (or the other way) start paragraphs too.  A heading
 * wrapped over lines is one line again.
 */
static void
page_write(pdf_reader_t *r, const pdf_page_t *pg, double tightest,
	   strbuf_t *out)
{
	const pdf_line_t *prev = NULL;

	for (size_t i = 0; i < pg->n_lines; i++) {
		const pdf_line_t *l = &pg->lines[i];

		if (l->drop || pdf_is_blank_line(l)) {
			/* What follows a blank or dropped line is new. */
			prev = NULL;
			continue;
		}
		if (l->cells && prev != NULL && prev->cells && !l->column)
			strbuf_puts(out, "\n");
		else if (prev == NULL || l->column || l->cells != prev->cells ||
		    l->bold != prev->bold || pdf_is_contact_line(l) ||
		    pdf_starts_paragraph(prev, l, tightest))
			strbuf_puts(out, "\n\n");
		else if (!l->cells && pdf_is_display(r, prev) &&
		    pdf_is_display(r, l))
			strbuf_puts(out, " ");
		else if (l->cells || !pdf_join_hyphenated(r, out, l))
			strbuf_puts(out, "\n");
		pdf_append_clean(out, l->start, l->len);
		prev = l;
	}
}

/* The document ------------------------------------------------------ */

static PopplerDocument *
open_document(const char *bytes, size_t len, GBytes **data, GError **error)
{
#if POPPLER_CHECK_VERSION(0, 82, 0)
	*data = g_bytes_new_static(bytes, len);
	return poppler_document_new_from_bytes(*data, NULL, error);
#else
	/* Older poppler takes a mutable pointer but only reads it. */
	*data = NULL;
	return poppler_document_new_from_data((char *)bytes, (int)len, NULL,
	    error);
#endif
}

/* Gives PUB the title TITLE (taken over), and the sections that were
 * named after the old one. */
static void
retitle(factsheet_publication_t *pub, char *title)
{
	for (size_t i = 0; i < pub->n_sections; i++) {
		factsheet_section_t *s = &pub->sections[i];
		char *copy;

		if (pub->title == NULL || s->heading == NULL ||
		    strcmp(s->heading, pub->title) != 0 ||
		    (copy = str_printf("%s", title)) == NULL)
			continue;
		free(s->heading);
		s->heading = copy;
	}
	free(pub->title);
	pub->title = title;
}

/* The type size most of the text is set in; 0 if none is known. */
static double
body_size(const pdf_reader_t *r)
{
	double sizes[64], best = 0;
	size_t counts[64] = { 0 }, n = 0, most = 0;

	for (size_t p = 0; p < r->n_pages; p++)
		for (size_t i = 0; i < r->pages[p].n_lines; i++) {
			const pdf_line_t *l = &r->pages[p].lines[i];
			size_t k;

			if (l->drop || l->font_size <= 0)
				continue;
			for (k = 0; k < n; k++)
				if (sizes[k] > l->font_size - 0.25 &&
				    sizes[k] < l->font_size + 0.25)
					break;
			if (k == n && n == 64)
				continue;
			if (k == n)
				sizes[n++] = l->font_size;
			counts[k] += l->len;
		}
	for (size_t k = 0; k < n; k++)
		if (counts[k] > most) {
			most = counts[k];
			best = sizes[k];
		}
	return best;
}

/* The time limit in environment variable NAME if it holds a positive
 * number of seconds, else DEFAULT_SECONDS. */
static double
pdf_limit(const char *name, double default_seconds)
{
	const char *s = getenv(name);
	char *end;
	double v;

	if (s == NULL || *s == '\0')
		return default_seconds;
	v = strtod(s, &end);
	return *end == '\0' && v > 0 ? v : default_seconds;
}

/* Seconds from A to B. */
static double
seconds_between(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) +
	    (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

/* All pages' text: paragraphs apart, pages after form feeds. */
static int
read_pages(PopplerDocument *doc, pdf_reader_t *r)
{
	int n = poppler_document_get_n_pages(doc);
	strbuf_t running = { 0 };
	struct timespec start, before, now;
	double tightest;
	char *tail;

	r->max_seconds = pdf_limit("FACTSHEET_PDF_SECONDS", PDF_MAX_SECONDS);
	r->page_seconds = pdf_limit("FACTSHEET_PDF_PAGE_SECONDS",
	    PDF_PAGE_SECONDS);
	if (n <= 0)
		return 0;
	if ((r->pages = calloc((size_t)n, sizeof *r->pages)) == NULL)
		return -1;
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (int i = 0; i < n; i++) {
		PopplerPage *page;
		int rc = 0;

		clock_gettime(CLOCK_MONOTONIC, &before);
		if (seconds_between(&start, &before) >= r->max_seconds) {
			r->pages_left = (size_t)(n - i);
			break;
		}
		page = poppler_document_get_page(doc, i);

		r->n_pages++;
		if (page != NULL) {
			rc = pdf_layout_page(page, &r->pages[i]);
			g_object_unref(page);
		}
		if (rc < 0)
			return -1;
		/* Poppler cannot be stopped inside a page (the draw cap of
		 * pdf-guard.c bounds it); a page that took too long is left
		 * out, as one that may be built to cost. */
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (seconds_between(&before, &now) > r->page_seconds) {
			free(r->pages[i].text);
			free(r->pages[i].lines);
			memset(&r->pages[i], 0, sizeof r->pages[i]);
			if (r->n_slow < PDF_SLOW_PAGES_NAMED)
				r->slow[r->n_slow] = (unsigned)i + 1;
			r->n_slow++;
		}
	}
	if (mark_running_lines(r, &running) < 0)
		return -1;
	if ((tail = strbuf_finish(&running)) == NULL)
		return -1;
	tightest = tightest_gap(r);
	r->body_size = body_size(r);
	if ((r->styled = pdf_is_styled(r)) != 0) {
		pdf_make_blocks(r, tightest, tail, &r->blocks);
		if (r->failed) {
			free(tail);
			return -1;
		}
	}
	/* A form feed ends each page, as pdftotext writes them, so even a
	 * single page is numbered. */
	for (size_t p = 0; p < r->n_pages; p++) {
		page_write(r, &r->pages[p], tightest, &r->out);
		if (p + 1 == r->n_pages && tail[0] != '\0') {
			/* One block, so its first line reads as no heading. */
			strbuf_puts(&r->out, "\n\n");
			pdf_append_clean(&r->out, tail, strlen(tail));
		}
		strbuf_puts(&r->out, "\n\f\n");
	}
	r->tail = tail;
	return r->out.failed ? -1 : 0;
}

/* The bytes, white space aside, of the lines dropped from the pages:
 * page numbers, running headers and footers. */
static size_t
dropped_bytes(const pdf_reader_t *r)
{
	size_t n = 0;

	for (size_t p = 0; p < r->n_pages; p++)
		for (size_t i = 0; i < r->pages[p].n_lines; i++) {
			const pdf_line_t *l = &r->pages[p].lines[i];

			for (size_t k = 0; l->drop && k < l->len; k++)
				n += !isspace((unsigned char)l->start[k]);
		}
	return n;
}

/* Adds to PUB's warning the pages R left out, each over the time limit
 * of a page. */
static factsheet_status_t
warn_slow_pages(factsheet_publication_t *pub, const pdf_reader_t *r,
		char **message)
{
	strbuf_t pages = { 0 };
	size_t named = r->n_slow < PDF_SLOW_PAGES_NAMED ? r->n_slow :
	    PDF_SLOW_PAGES_NAMED;
	char *list, *w;

	for (size_t i = 0; i < named; i++)
		strbuf_printf(&pages, "%s%u", i > 0 ? ", " : "", r->slow[i]);
	if (r->n_slow > named)
		strbuf_printf(&pages, " and %zu more", r->n_slow - named);
	if ((list = strbuf_finish(&pages)) == NULL)
		goto oom;
	w = str_printf("%s: page%s %s left out: reading %s took more than "
	    "%g s (the limit of a page)%s%s", pub->source,
	    r->n_slow == 1 ? "" : "s", list, r->n_slow == 1 ? "it" : "each",
	    r->page_seconds, pub->warning ? "; " : "",
	    pub->warning ? pub->warning : "");
	free(list);
	if (w == NULL)
		goto oom;
	free(pub->warning);
	pub->warning = w;
	return FACTSHEET_STATUS_SUCCESS;
oom:
	*message = str_printf("%s: out of memory", pub->source);
	return FACTSHEET_STATUS_OUT_OF_MEMORY;
}

static void
reader_clear(pdf_reader_t *r)
{
	for (size_t i = 0; i < r->n_pages; i++) {
		free(r->pages[i].text);
		free(r->pages[i].lines);
	}
	free(r->pages);
	free(strbuf_finish(&r->out));
	pdf_blocks_free(&r->blocks);
	free(r->tail);
}

static int
has_text(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!isspace((unsigned char)s[i]))
			return 1;
	return 0;
}

factsheet_status_t
parse_pdf(factsheet_publication_t *pub, const char *bytes, size_t len,
	  char **message)
{
	pdf_reader_t r = { 0 };
	GError *error = NULL;
	GBytes *data = NULL;
	PopplerDocument *doc;
	factsheet_status_t status;
	char *title = NULL;
	int tagged;

	*message = NULL;
	if (len > INT_MAX) {
		*message = str_printf("%s: file too large", pub->source);
		return FACTSHEET_STATUS_BAD_INPUT;
	}
	if ((*message = pdf_guard_check(pub->source, bytes, len)) != NULL)
		return FACTSHEET_STATUS_BAD_INPUT;
	doc = open_document(bytes, len, &data, &error);
	if (doc == NULL) {
		*message = str_printf("%s: not a readable PDF (%s)",
		    pub->source, error && error->message ? error->message :
		    "unknown error");
		if (error != NULL)
			g_error_free(error);
		if (data != NULL)
			g_bytes_unref(data);
		return FACTSHEET_STATUS_BAD_INPUT;
	}
	/* The pages are laid out even when tagged: their running lines,
	 * artifacts out of the structure tree, still say things (a product
	 * number, a date). */
	if (read_pages(doc, &r) < 0) {
		status = FACTSHEET_STATUS_OUT_OF_MEMORY;
		*message = str_printf("%s: out of memory while reading the PDF",
		    pub->source);
	} else if ((tagged = pdf_read_tagged(doc, pub, r.tail ? r.tail :
	    "", dropped_bytes(&r))) != 0) {
		status = tagged > 0 ? FACTSHEET_STATUS_SUCCESS :
		    FACTSHEET_STATUS_OUT_OF_MEMORY;
		if (tagged < 0)
			*message = str_printf("%s: out of memory while reading "
			    "the PDF", pub->source);
	} else if (!has_text(r.out.data, r.out.len)) {
		status = FACTSHEET_STATUS_BAD_INPUT;
		*message = str_printf("%s: no text (scanned?); a PDF needs a "
		    "text layer to be indexed", pub->source);
	} else if ((status = text_check(pub->source, r.out.data, r.out.len,
	    message)) == FACTSHEET_STATUS_SUCCESS) {
		if (r.styled) {
			if (pdf_blocks_publish(&r.blocks, doc, pub) < 0) {
				status = FACTSHEET_STATUS_OUT_OF_MEMORY;
				*message = str_printf("%s: out of memory while "
				    "reading the PDF", pub->source);
			}
			goto out;
		}
		title = pdf_metadata_title(doc, pub->source);
		status = parse_factsheet(pub, r.out.data, r.out.len, message);
		if (status == FACTSHEET_STATUS_SUCCESS && title != NULL) {
			retitle(pub, title);
			title = NULL;
		}
	}
out:
	if (status == FACTSHEET_STATUS_SUCCESS && r.pages_left > 0) {
		char *w = str_printf("%s: read only %zu of its %zu pages: "
		    "reading it took more than %g s (the limit)%s%s",
		    pub->source, r.n_pages, r.n_pages + r.pages_left,
		    r.max_seconds, pub->warning ? "; " : "",
		    pub->warning ? pub->warning : "");

		free(pub->warning);
		pub->warning = w;
	}
	if (status == FACTSHEET_STATUS_SUCCESS && r.n_slow > 0)
		status = warn_slow_pages(pub, &r, message);
	/* Pages that all said the same line, dropped as a running header,
	 * leave nothing: indexed as nothing, but not in silence. */
	if (status == FACTSHEET_STATUS_SUCCESS && pub->n_sections == 0 &&
	    pub->warning == NULL &&
	    (pub->warning = str_printf("%s: no sections found in its %d "
	    "page%s (only running headers and footers, or text repeated on "
	    "every page)", pub->source, poppler_document_get_n_pages(doc),
	    poppler_document_get_n_pages(doc) == 1 ? "" : "s")) == NULL) {
		status = FACTSHEET_STATUS_OUT_OF_MEMORY;
		*message = str_printf("%s: out of memory", pub->source);
	}
	free(title);
	reader_clear(&r);
	g_object_unref(doc);
	if (data != NULL)
		g_bytes_unref(data);
	return status;
}
