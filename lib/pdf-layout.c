/*
 * pdf-layout.c - the lines of an untagged PDF page in reading order,
 * from the boxes poppler gives each character.  Poppler's own text runs
 * across a page: the lines of two columns, or the cells of a table row,
 * come out as one line with no space between them.  So its lines are
 * cut where the characters jump apart, the pieces grouped into rows by
 * their height on the page, and a gutter looked for that many rows leave
 * free: below and above it, rows that wrap like running text are two
 * columns, read one after the other; rows that do not are a table, its
 * cells apart by tabs.
 */
#include <config.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "pdf.h"

/* Gutters tried at most per page. */
#define MAX_GUTTERS 256
/* Link annotations of a page at most. */
#define MAX_LINKS 256
/* Cells of a table row at most; the rest go into the last. */
#define MAX_CELLS 32

/* A run of characters with no wide gap, on one line. */
typedef struct {
	size_t from, to;	/* characters of the page text */
	double x0, x1, y0, y1;
	double font_size;
	int bold;
} seg_t;

/* Segments side by side: SEGS[FIRST..FIRST+N) of the sorted order. */
typedef struct {
	size_t first, n;
} row_t;

typedef struct {
	const char *text;
	size_t n_chars;
	size_t *off;		/* each character's byte offset, and the end */
	PopplerRectangle *rects;	/* one per character, or NULL */
	double *font_size;
	unsigned char *bold;
	int *link_first, *link_last;	/* a link's index, or -1 */
	char **uris;
	size_t n_uris;
	seg_t *segs;
	size_t n_segs;
	size_t *order;		/* segments by row, then left to right */
	row_t *rows;
	size_t n_rows;
	strbuf_t out;
	size_t link_mark;
	pdf_line_t *lines;
	size_t *starts;		/* where each line starts in OUT */
	size_t n_lines;
	int failed;
} layout_t;

static double
top_of(const PopplerRectangle *r)
{
	return r->y1 < r->y2 ? r->y1 : r->y2;
}

static double
bottom_of(const PopplerRectangle *r)
{
	return r->y1 < r->y2 ? r->y2 : r->y1;
}

static int
is_space_at(const layout_t *l, size_t k)
{
	return isspace((unsigned char)l->text[l->off[k]]);
}

/* Characters ----------------------------------------------------------- */

static int
read_chars(layout_t *l, PopplerPage *page)
{
	guint n_rects = 0;
	size_t n = 0;

	for (const char *s = l->text; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	l->n_chars = n;
	l->off = malloc((n + 1) * sizeof *l->off);
	l->font_size = calloc(n + 1, sizeof *l->font_size);
	l->bold = calloc(n + 1, 1);
	l->link_first = malloc((n + 1) * sizeof *l->link_first);
	l->link_last = malloc((n + 1) * sizeof *l->link_last);
	l->segs = malloc((n + 1) * sizeof *l->segs);
	if (l->off == NULL || l->font_size == NULL || l->bold == NULL ||
	    l->link_first == NULL || l->link_last == NULL || l->segs == NULL)
		return -1;
	n = 0;
	for (size_t i = 0; l->text[i] != '\0'; i++)
		if (((unsigned char)l->text[i] & 0xc0) != 0x80)
			l->off[n++] = i;
	l->off[n] = strlen(l->text);
	for (size_t k = 0; k <= n; k++)
		l->link_first[k] = l->link_last[k] = -1;
	if (!poppler_page_get_text_layout(page, &l->rects, &n_rects) ||
	    n_rects != n) {
		g_free(l->rects);
		l->rects = NULL;
	}
	return 0;
}

/* Each character's type size and whether its face is bold. */
static void
read_fonts(layout_t *l, PopplerPage *page)
{
	GList *attrs = poppler_page_get_text_attributes(page);

	for (GList *a = attrs; a != NULL; a = a->next) {
		PopplerTextAttributes *t = a->data;
		const char *name = t->font_name ? t->font_name : "";
		int bold = strstr(name, "Bold") != NULL ||
		    strstr(name, "bold") != NULL ||
		    strstr(name, "Black") != NULL ||
		    strstr(name, "Heavy") != NULL;

		for (gint k = t->start_index; k <= t->end_index; k++) {
			if (k < 0 || (size_t)k >= l->n_chars)
				continue;
			l->font_size[k] = t->font_size;
			l->bold[k] = (unsigned char)bold;
		}
	}
	poppler_page_free_text_attributes(attrs);
}

/* The characters each link annotation covers: its address goes after
 * the last, the first starting its label.  The areas of one link over
 * several lines, or their pieces, are one link. */
static void
read_links(layout_t *l, PopplerPage *page)
{
	GList *map = poppler_page_get_link_mapping(page);
	double width, height;
	size_t n = g_list_length(map);
	long *first, *last;

	poppler_page_get_size(page, &width, &height);
	if (n == 0 || l->rects == NULL) {
		poppler_page_free_link_mapping(map);
		return;
	}
	if (n > MAX_LINKS)
		n = MAX_LINKS;
	l->uris = calloc(n, sizeof *l->uris);
	first = calloc(n, sizeof *first);
	last = calloc(n, sizeof *last);
	if (l->uris == NULL || first == NULL || last == NULL)
		l->failed = 1;
	for (GList *m = map; m != NULL && !l->failed && l->n_uris < n;
	    m = m->next) {
		PopplerLinkMapping *lm = m->data;
		double y0 = height - lm->area.y2, y1 = height - lm->area.y1;
		long a = -1, b = -1;
		size_t u;

		if (lm->action == NULL || lm->action->type !=
		    POPPLER_ACTION_URI || lm->action->uri.uri == NULL)
			continue;
		for (size_t k = 0; k < l->n_chars; k++) {
			const PopplerRectangle *r = &l->rects[k];
			double cx = (r->x1 + r->x2) / 2;
			double cy = (r->y1 + r->y2) / 2;

			if (is_space_at(l, k) || cx < lm->area.x1 ||
			    cx > lm->area.x2 || cy < y0 || cy > y1)
				continue;
			if (a < 0)
				a = (long)k;
			b = (long)k;
		}
		if (a < 0)
			continue;
		for (u = 0; u < l->n_uris; u++)
			if (strcmp(l->uris[u], lm->action->uri.uri) == 0 &&
			    a < last[u] + 200 && b + 200 > first[u])
				break;
		if (u < l->n_uris) {
			first[u] = a < first[u] ? a : first[u];
			last[u] = b > last[u] ? b : last[u];
			continue;
		}
		if ((l->uris[u] = str_printf("%s", lm->action->uri.uri)) ==
		    NULL) {
			l->failed = 1;
			break;
		}
		first[u] = a;
		last[u] = b;
		l->n_uris++;
	}
	for (size_t u = 0; !l->failed && u < l->n_uris; u++)
		if (l->link_first[first[u]] < 0 && l->link_last[last[u]] < 0) {
			l->link_first[first[u]] = (int)u;
			l->link_last[last[u]] = (int)u;
		}
	free(first);
	free(last);
	poppler_page_free_link_mapping(map);
}

void
pdf_link_destination(strbuf_t *out, size_t mark, const char *uri)
{
	size_t len = strlen(uri);

	/* An address is the file's bytes, unchecked: one that is no text
	 * is left out. */
	if (u8_check((const uint8_t *)uri, len) != NULL)
		return;
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)uri[i] < 0x20 || uri[i] == 0x7f)
			return;
	/* "https://eus.custhelp.com" links to ".../": said already. */
	if (len > 1 && uri[len - 1] == '/' && out->data != NULL &&
	    memmem(out->data + mark, out->len - mark, uri, len - 1) != NULL)
		return;
	reader_link_destination(out, mark, uri, len);
}

/* Segments and rows ------------------------------------------------------ */

static void
seg_close(layout_t *l, seg_t *s, size_t to, size_t bold_chars,
	  size_t chars)
{
	/* Without the white space at its end. */
	while (to > s->from && is_space_at(l, to - 1))
		to--;
	if (to == s->from)
		return;
	s->to = to;
	s->bold = chars > 0 && bold_chars * 10 >= chars * 9;
	l->n_segs++;
}

/*
 * Cuts the page's lines where the next character is far from the last:
 * a gap wider than its height, a step back, or another height on the
 * page.  Without boxes, each line is one segment.
 */
static void
cut_segments(layout_t *l)
{
	seg_t *s = NULL;
	size_t bold = 0, chars = 0;
	const PopplerRectangle *last = NULL;

	for (size_t k = 0; k < l->n_chars; k++) {
		const PopplerRectangle *r = l->rects ? &l->rects[k] : NULL;
		double h;

		if (l->text[l->off[k]] == '\n') {
			if (s != NULL)
				seg_close(l, s, k, bold, chars);
			s = NULL;
			continue;
		}
		if (is_space_at(l, k))
			continue;
		if (s != NULL && r != NULL && last != NULL) {
			h = bottom_of(r) - top_of(r);
			if (bottom_of(last) - top_of(last) > h)
				h = bottom_of(last) - top_of(last);
			if (r->x1 - last->x2 > 0.8 * h ||
			    r->x2 < last->x1 - h ||
			    (r->y1 + r->y2) / 2 > bottom_of(last) ||
			    (r->y1 + r->y2) / 2 < top_of(last)) {
				seg_close(l, s, k, bold, chars);
				s = NULL;
			}
		}
		if (s == NULL) {
			s = &l->segs[l->n_segs];
			memset(s, 0, sizeof *s);
			s->from = k;
			if (r != NULL) {
				s->x0 = r->x1;
				s->x1 = r->x2;
				s->y0 = top_of(r);
				s->y1 = bottom_of(r);
			}
			bold = chars = 0;
		}
		if (r != NULL) {
			s->x0 = r->x1 < s->x0 ? r->x1 : s->x0;
			s->x1 = r->x2 > s->x1 ? r->x2 : s->x1;
			s->y0 = top_of(r) < s->y0 ? top_of(r) : s->y0;
			s->y1 = bottom_of(r) > s->y1 ? bottom_of(r) : s->y1;
			last = r;
		}
		if (l->font_size[k] > s->font_size)
			s->font_size = l->font_size[k];
		bold += l->bold[k];
		chars++;
	}
	if (s != NULL)
		seg_close(l, s, l->n_chars, bold, chars);
}

static const layout_t *sort_layout;

static int
by_height(const void *a, const void *b)
{
	const seg_t *x = &sort_layout->segs[*(const size_t *)a];
	const seg_t *y = &sort_layout->segs[*(const size_t *)b];
	double cx = (x->y0 + x->y1) / 2, cy = (y->y0 + y->y1) / 2;

	if (cx != cy)
		return cx < cy ? -1 : 1;
	return x->x0 < y->x0 ? -1 : x->x0 > y->x0;
}

static int
by_x(const void *a, const void *b)
{
	const seg_t *x = &sort_layout->segs[*(const size_t *)a];
	const seg_t *y = &sort_layout->segs[*(const size_t *)b];

	return x->x0 < y->x0 ? -1 : x->x0 > y->x0;
}

/* Segments whose middles are at one height make a row. */
static int
make_rows(layout_t *l)
{
	if ((l->order = malloc((l->n_segs + 1) * sizeof *l->order)) == NULL ||
	    (l->rows = malloc((l->n_segs + 1) * sizeof *l->rows)) == NULL)
		return -1;
	for (size_t i = 0; i < l->n_segs; i++)
		l->order[i] = i;
	if (l->rects == NULL) {
		/* Without boxes poppler's order is all there is. */
		for (size_t i = 0; i < l->n_segs; i++)
			l->rows[l->n_rows++] = (row_t){ i, 1 };
		return 0;
	}
	sort_layout = l;
	qsort(l->order, l->n_segs, sizeof *l->order, by_height);
	for (size_t i = 0; i < l->n_segs;) {
		const seg_t *a = &l->segs[l->order[i]];
		size_t j = i + 1;

		while (j < l->n_segs) {
			const seg_t *b = &l->segs[l->order[j]];
			double mid = (b->y0 + b->y1) / 2;

			if (mid < a->y0 || mid > a->y1)
				break;
			j++;
		}
		qsort(l->order + i, j - i, sizeof *l->order, by_x);
		l->rows[l->n_rows++] = (row_t){ i, j - i };
		i = j;
	}
	return 0;
}

static const seg_t *
row_seg(const layout_t *l, const row_t *r, size_t i)
{
	return &l->segs[l->order[r->first + i]];
}

/* Whether row R has a segment across X. */
static int
crosses(const layout_t *l, const row_t *r, double x)
{
	for (size_t i = 0; i < r->n; i++)
		if (row_seg(l, r, i)->x0 < x && row_seg(l, r, i)->x1 > x)
			return 1;
	return 0;
}

/* Whether row R has segments on both sides of X, none across it. */
static int
both_sides(const layout_t *l, const row_t *r, double x)
{
	return r->n > 1 && !crosses(l, r, x) && row_seg(l, r, 0)->x1 < x &&
	    row_seg(l, r, r->n - 1)->x0 > x;
}

/* The gutter most rows leave free with text on both sides; its number
 * of such rows in *SCORE. */
static double
find_gutter(const layout_t *l, size_t *score)
{
	double best = 0, tried[MAX_GUTTERS];
	size_t n_tried = 0;

	*score = 0;
	for (size_t i = 0; i < l->n_rows && n_tried < MAX_GUTTERS; i++) {
		const row_t *r = &l->rows[i];

		for (size_t k = 1; k < r->n && n_tried < MAX_GUTTERS; k++) {
			/* Just left of where the right side starts: the
			 * cells of a column start at one x, and end at
			 * many. */
			double x = row_seg(l, r, k)->x0 - 1;
			size_t n = 0;
			int seen = 0;

			for (size_t t = 0; t < n_tried && !seen; t++)
				seen = tried[t] > x - 2 && tried[t] < x + 2;
			if (seen)
				continue;
			tried[n_tried++] = x;
			for (size_t j = 0; j < l->n_rows; j++)
				n += both_sides(l, &l->rows[j], x);
			if (n > *score) {
				*score = n;
				best = x;
			}
		}
	}
	return best;
}

/* Lines ---------------------------------------------------------------- */

static pdf_line_t *
line_new(layout_t *l)
{
	pdf_line_t *line = &l->lines[l->n_lines++];

	memset(line, 0, sizeof *line);
	l->starts[l->n_lines - 1] = l->out.len;
	return line;
}

/* Appends segment S's text to OUT, a link's address after its text,
 * and takes its box into LINE's. */
static void
put_seg(layout_t *l, strbuf_t *out, pdf_line_t *line, const seg_t *s)
{
	for (size_t k = s->from; k < s->to; k++) {
		if (l->link_first[k] >= 0)
			l->link_mark = out->len;
		pdf_append_clean(out, l->text + l->off[k],
		    l->off[k + 1] - l->off[k]);
		if (l->link_last[k] >= 0 && l->link_mark <= out->len)
			pdf_link_destination(out, l->link_mark,
			    l->uris[l->link_last[k]]);
	}
	if (l->rects != NULL) {
		line->top = line->boxed && line->top < s->y0 ? line->top :
		    s->y0;
		line->bottom = line->boxed && line->bottom > s->y1 ?
		    line->bottom : s->y1;
		for (size_t k = s->from; k < s->to; k++) {
			const PopplerRectangle *r = &l->rects[k];

			if (!is_space_at(l, k) &&
			    bottom_of(r) - top_of(r) > line->size)
				line->size = bottom_of(r) - top_of(r);
		}
		line->boxed = 1;
	}
	if (s->font_size > line->font_size)
		line->font_size = s->font_size;
}

/* Row R's segments FROM..TO as one line, apart by SEP. */
static void
put_line(layout_t *l, const row_t *r, size_t from, size_t to,
	 const char *sep)
{
	pdf_line_t *line;
	int bold = 1;

	if (from >= to)
		return;
	line = line_new(l);
	for (size_t i = from; i < to; i++) {
		if (i > from)
			strbuf_puts(&l->out, sep);
		put_seg(l, &l->out, line, row_seg(l, r, i));
		bold &= row_seg(l, r, i)->bold;
	}
	line->bold = bold;
	line->cells = sep[0] == '\t' && to - from > 1;
	line->len = l->out.len - l->starts[line - l->lines];
	strbuf_puts(&l->out, "\n");
}

/* The number of segments of row R left of X. */
static size_t
left_of(const layout_t *l, const row_t *r, double x)
{
	size_t n = 0;

	while (n < r->n && row_seg(l, r, n)->x1 < x)
		n++;
	return n;
}

static int
starts_lower(const layout_t *l, const seg_t *s)
{
	return islower((unsigned char)l->text[l->off[s->from]]);
}

/* A row of a table, its cells apart by tabs. */
static void
flush_row(layout_t *l, strbuf_t *cells, size_t n, const pdf_line_t *box)
{
	pdf_line_t *line;

	if (n == 0)
		return;
	line = line_new(l);
	for (size_t i = 0; i < n; i++) {
		char *cell = strbuf_finish(&cells[i]);

		if (cell == NULL) {
			l->failed = 1;
			continue;
		}
		if (i > 0)
			strbuf_puts(&l->out, "\t");
		strbuf_puts(&l->out, cell);
		free(cell);
	}
	line->top = box->top;
	line->bottom = box->bottom;
	line->size = box->size;
	line->font_size = box->font_size;
	line->boxed = box->boxed;
	line->bold = box->bold;
	line->cells = n > 1;
	line->len = l->out.len - l->starts[line - l->lines];
	strbuf_puts(&l->out, "\n");
}

/*
 * Rows FIRST..LAST of a table: a row with text on both sides of the
 * gutter X opens a row of cells, a segment a cell; the rows of one side
 * just under it (a cell's text wrapped) go on in the cells they lie
 * under.  Other rows are lines of their own.
 */
static void
put_table(layout_t *l, size_t first, size_t last, double x)
{
	strbuf_t cells[MAX_CELLS];
	double starts[MAX_CELLS];
	pdf_line_t box = { 0 };
	size_t n = 0;

	memset(cells, 0, sizeof cells);
	for (size_t i = first; i < last; i++) {
		const row_t *r = &l->rows[i];
		const seg_t *top = row_seg(l, r, 0);
		double h = top->y1 - top->y0;

		if (n > 0 && !both_sides(l, r, x) && top->y0 - box.bottom <
		    0.5 * h) {
			for (size_t k = 0; k < r->n; k++) {
				const seg_t *s = row_seg(l, r, k);
				size_t c = 0;

				while (c + 1 < n && starts[c + 1] <= s->x0 + 2)
					c++;
				strbuf_puts(&cells[c], " ");
				put_seg(l, &cells[c], &box, s);
			}
			continue;
		}
		flush_row(l, cells, n, &box);
		n = 0;
		if (!both_sides(l, r, x)) {
			put_line(l, r, 0, r->n, " ");
			continue;
		}
		memset(&box, 0, sizeof box);
		box.bold = 1;
		for (size_t k = 0; k < r->n; k++) {
			const seg_t *s = row_seg(l, r, k);

			if (n < MAX_CELLS) {
				starts[n] = s->x0;
				n++;
			} else {
				strbuf_puts(&cells[n - 1], " ");
			}
			put_seg(l, &cells[n - 1], &box, s);
			box.bold &= s->bold;
		}
	}
	flush_row(l, cells, n, &box);
}

/*
 * Rows FIRST..LAST, which leave the gutter X free: columns when their
 * lines wrap like running text (lines going on in lower case) or most
 * rows hold one side only; else a table, a row a line.
 */
static void
put_zone(layout_t *l, size_t first, size_t last, double x)
{
	size_t both = 0, single = 0, wraps = 0;

	for (size_t i = first; i < last; i++) {
		const row_t *r = &l->rows[i];
		size_t n = left_of(l, r, x);

		both += n > 0 && n < r->n;
		single += n == 0 || n == r->n;
		if (i > first && r->n > 0 && starts_lower(l, row_seg(l, r, 0)))
			wraps++;
		if (i > first && n < r->n && starts_lower(l, row_seg(l, r, n)))
			wraps++;
	}
	if (both < 2) {
		for (size_t i = first; i < last; i++)
			put_line(l, &l->rows[i], 0, l->rows[i].n, " ");
		return;
	}
	if (wraps >= 2 || single > both) {
		for (int side = 0; side < 2; side++) {
			int started = 0;

			for (size_t i = first; i < last; i++) {
				const row_t *r = &l->rows[i];
				size_t n = left_of(l, r, x);
				size_t before = l->n_lines;

				put_line(l, r, side ? n : 0, side ? r->n : n,
				    " ");
				if (l->n_lines > before && !started) {
					l->lines[before].column = 1;
					started = 1;
				}
			}
		}
		return;
	}
	put_table(l, first, last, x);
}

static void
put_rows(layout_t *l)
{
	size_t score;
	double x = find_gutter(l, &score);

	for (size_t i = 0; i < l->n_rows;) {
		size_t j = i;

		if (score >= 2)
			while (j < l->n_rows && !crosses(l, &l->rows[j], x))
				j++;
		if (j == i) {
			put_line(l, &l->rows[i], 0, l->rows[i].n, " ");
			i++;
			continue;
		}
		put_zone(l, i, j, x);
		i = j;
	}
}

static void
layout_clear(layout_t *l)
{
	free(l->off);
	g_free(l->rects);
	free(l->font_size);
	free(l->bold);
	free(l->link_first);
	free(l->link_last);
	for (size_t i = 0; i < l->n_uris; i++)
		free(l->uris[i]);
	free(l->uris);
	free(l->segs);
	free(l->order);
	free(l->rows);
	free(l->starts);
	free(strbuf_finish(&l->out));
}

int
pdf_layout_page(PopplerPage *page, pdf_page_t *pg)
{
	layout_t l = { 0 };
	char *text = poppler_page_get_text(page);
	int rc = -1;

	if (text == NULL)
		return 0;
	l.text = text;
	if (read_chars(&l, page) < 0)
		goto out;
	read_fonts(&l, page);
	read_links(&l, page);
	cut_segments(&l);
	if (l.failed || make_rows(&l) < 0 ||
	    (l.lines = calloc(l.n_segs + 1, sizeof *l.lines)) == NULL ||
	    (l.starts = calloc(l.n_segs + 1, sizeof *l.starts)) == NULL)
		goto out;
	put_rows(&l);
	if (l.out.failed)
		goto out;
	/* The text is where it stays: the lines' offsets become pointers. */
	pg->text = strbuf_finish(&l.out);
	if (pg->text == NULL)
		goto out;
	for (size_t i = 0; i < l.n_lines; i++)
		l.lines[i].start = pg->text + l.starts[i];
	pg->lines = l.lines;
	pg->n_lines = l.n_lines;
	l.lines = NULL;
	rc = 0;
out:
	free(l.lines);
	layout_clear(&l);
	g_free(text);
	return rc;
}
