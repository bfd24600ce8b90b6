/*
 * parse-markdown.c - a Markdown publication into sections, by a small
 * line scanner: ATX and setext headings give the hierarchy; paragraphs
 * (list items on lines of their own), fenced code and pipe tables go to
 * the builder.  Inline markup is reduced to the words people search for,
 * a link keeping its URL beside its label so contact extraction finds
 * both.
 */
#include <config.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "factsheet-private.h"

#define MAX_CELLS 64
/* The longest link, code span or tag looked for: beyond it, brackets
 * and backticks are text, and scanning stays linear. */
#define MAX_LINK 2048

typedef struct {
	const char *s;
	size_t len;
} span_t;

typedef struct {
	factsheet_publication_t *pub;
	builder_t build;
	/* The first pass only looks for the title; the second builds. */
	int building;
	char *title;
	/* The input and where the scanner is in it. */
	const char *text;
	size_t len;
	size_t pos;
	unsigned lineno;
	/* The paragraph being gathered, as written: list items start a
	 * line, other lines are joined by a space. */
	strbuf_t para;
	unsigned para_line;
	unsigned para_lines;
	int para_list;
	/* A fenced code block: its fence, its lines. */
	size_t fence;
	char fence_char;
	strbuf_t code;
	unsigned code_line;
	int in_table;
	int in_comment;
	int failed;
} md_t;

/* Lines ------------------------------------------------------------- */

/* The next line (without its end of line); 0 at the end. */
static int
next_line(md_t *m, span_t *line)
{
	const char *nl;
	size_t end;

	if (m->pos >= m->len)
		return 0;
	nl = memchr(m->text + m->pos, '\n', m->len - m->pos);
	end = nl ? (size_t)(nl - m->text) : m->len;
	line->s = m->text + m->pos;
	line->len = end - m->pos;
	while (line->len > 0 && line->s[line->len - 1] == '\r')
		line->len--;
	m->pos = end + 1;
	m->lineno++;
	return 1;
}

static int
is_blank(span_t l)
{
	for (size_t i = 0; i < l.len; i++)
		if (!isspace((unsigned char)l.s[i]))
			return 0;
	return 1;
}

static span_t
trim(span_t l)
{
	while (l.len > 0 && isspace((unsigned char)l.s[0])) {
		l.s++;
		l.len--;
	}
	while (l.len > 0 && isspace((unsigned char)l.s[l.len - 1]))
		l.len--;
	return l;
}

/* L without the up to three spaces of indentation Markdown ignores. */
static span_t
unindent(span_t l)
{
	for (int i = 0; i < 3 && l.len > 0 && l.s[0] == ' '; i++) {
		l.s++;
		l.len--;
	}
	return l;
}

static int
has_char(span_t l, char c)
{
	return memchr(l.s, c, l.len) != NULL;
}

/* A line of C repeated at least MIN times, spaces inside if SPACES. */
static int
is_rule_of(span_t l, char c, size_t min, int spaces)
{
	size_t n = 0;

	l = trim(l);
	for (size_t i = 0; i < l.len; i++) {
		if (l.s[i] == c)
			n++;
		else if (!spaces || (l.s[i] != ' ' && l.s[i] != '\t'))
			return 0;
	}
	return n >= min;
}

static int
is_thematic_break(span_t l)
{
	return is_rule_of(l, '-', 3, 1) || is_rule_of(l, '*', 3, 1) ||
	    is_rule_of(l, '_', 3, 1);
}

/* The length of the fence ("```", "~~~" or longer) L opens, or 0. */
static size_t
fence_length(span_t l)
{
	size_t n = 0;

	l = unindent(l);
	if (l.len == 0 || (l.s[0] != '`' && l.s[0] != '~'))
		return 0;
	while (n < l.len && l.s[n] == l.s[0])
		n++;
	/* The info string of a backtick fence holds no backtick. */
	if (l.s[0] == '`' && memchr(l.s + n, '`', l.len - n) != NULL)
		return 0;
	return n >= 3 ? n : 0;
}

/* The level (1 to 6) of an ATX heading, its text in *TEXT; else 0. */
static unsigned
atx_heading(span_t l, span_t *text)
{
	size_t level = 0, n;

	l = unindent(l);
	while (level < l.len && l.s[level] == '#')
		level++;
	if (level == 0 || level > 6 || (level < l.len &&
	    l.s[level] != ' ' && l.s[level] != '\t'))
		return 0;
	text->s = l.s + level;
	text->len = l.len - level;
	*text = trim(*text);
	/* A closing run of #s goes when a space parts it from the text. */
	n = text->len;
	while (n > 0 && text->s[n - 1] == '#')
		n--;
	if (n == 0 || text->s[n - 1] == ' ' || text->s[n - 1] == '\t')
		text->len = n;
	*text = trim(*text);
	return (unsigned)level;
}

/* A table's delimiter row: "|---|:--:|", pipes and dashes only. */
static int
is_delimiter_row(span_t l)
{
	int dash = 0;

	if (!has_char(l, '|'))
		return 0;
	for (size_t i = 0; i < l.len; i++) {
		if (l.s[i] == '-')
			dash = 1;
		else if (!strchr("|: \t", l.s[i]))
			return 0;
	}
	return dash;
}

/* L without its blockquote markers ("> "). */
static span_t
unquote(span_t l)
{
	for (;;) {
		span_t u = unindent(l);

		if (u.len == 0 || u.s[0] != '>')
			return l;
		l.s = u.s + 1;
		l.len = u.len - 1;
		if (l.len > 0 && l.s[0] == ' ') {
			l.s++;
			l.len--;
		}
	}
}

/* The bullet of a list item ("- ", "* ", "+ ", "12. ", "3) ") and
 * the item's text in *ITEM, or 0 if L is no list item. */
static size_t
list_marker(span_t l, span_t *item)
{
	size_t i = 0, digits;

	while (i < l.len && (l.s[i] == ' ' || l.s[i] == '\t'))
		i++;
	if (i < l.len && strchr("-*+", l.s[i]))
		i++;
	else {
		for (digits = 0; i < l.len && isdigit((unsigned char)l.s[i]) &&
		    digits < 9; digits++)
			i++;
		if (digits == 0 || i >= l.len ||
		    (l.s[i] != '.' && l.s[i] != ')'))
			return 0;
		i++;
	}
	if (i < l.len && l.s[i] != ' ' && l.s[i] != '\t')
		return 0;
	item->s = l.s + i;
	item->len = l.len - i;
	*item = trim(*item);
	return i;
}

/* Inline markup ---------------------------------------------------- */

static void render(strbuf_t *out, const char *s, size_t n, int urls);

static int
url_at(const char *p, const char *end)
{
	size_t n = (size_t)(end - p);

	return (n > 8 && strncasecmp(p, "https://", 8) == 0) ||
	    (n > 7 && strncasecmp(p, "http://", 7) == 0) ||
	    (n > 4 && strncasecmp(p, "www.", 4) == 0);
}

/* The CLOSE matching the OPEN at S, escapes skipped; NULL if none
 * within the length of a link, so that a run of brackets stays linear. */
static const char *
matching(const char *s, const char *end, char open, char close)
{
	int depth = 0;

	if (end - s > MAX_LINK)
		end = s + MAX_LINK;
	for (; s < end; s++) {
		if (*s == '\\' && s + 1 < end)
			s++;
		else if (*s == open)
			depth++;
		else if (*s == close && --depth == 0)
			return s;
	}
	return NULL;
}

/* [label](url "title") and ![alt](src); returns where it ends. */
static const char *
render_link(strbuf_t *out, const char *p, const char *end, int urls)
{
	int image = *p == '!';
	const char *open = p + image, *close, *paren;
	span_t dest;
	size_t mark;

	close = matching(open, end, '[', ']');
	if (close == NULL || close + 1 >= end || close[1] != '(' ||
	    (paren = matching(close + 1, end, '(', ')')) == NULL) {
		strbuf_append(out, p, 1);
		return p + 1;
	}
	mark = out->len;
	render(out, open + 1, (size_t)(close - open - 1), 0);
	dest.s = close + 2;
	dest.len = (size_t)(paren - dest.s);
	dest = trim(dest);
	if (dest.len > 0 && dest.s[0] == '<') {
		const char *gt = memchr(dest.s, '>', dest.len);

		dest.s++;
		dest.len = gt ? (size_t)(gt - dest.s) : dest.len - 1;
	} else {
		for (size_t i = 0; i < dest.len; i++)
			if (isspace((unsigned char)dest.s[i]))
				dest.len = i;
	}
	if (!image && urls)
		reader_link_destination(out, mark, dest.s, dest.len);
	return paren + 1;
}

/* <https://...> and <name@host> are links; other tags are dropped. */
static const char *
render_angle(strbuf_t *out, const char *p, const char *end)
{
	const char *q = p + 1, *gt;

	while (q < end && *q != '>' && *q != '<' &&
	    !isspace((unsigned char)*q))
		q++;
	if (q < end && *q == '>' && q > p + 1 &&
	    isalpha((unsigned char)p[1]) &&
	    (memchr(p, ':', (size_t)(q - p)) || memchr(p, '@',
	    (size_t)(q - p)))) {
		span_t inner = { p + 1, (size_t)(q - p - 1) };

		if (inner.len > 7 && strncasecmp(inner.s, "mailto:", 7) == 0) {
			inner.s += 7;
			inner.len -= 7;
		}
		strbuf_append(out, inner.s, inner.len);
		return q + 1;
	}
	if (p + 1 < end && (isalpha((unsigned char)p[1]) ||
	    (p[1] == '/' && p + 2 < end && isalpha((unsigned char)p[2]))) &&
	    (gt = memchr(p, '>', end - p < MAX_LINK ? (size_t)(end - p) :
	    MAX_LINK)) != NULL) {
		strbuf_puts(out, " ");
		return gt + 1;
	}
	strbuf_append(out, p, 1);
	return p + 1;
}

/* `code` keeps its characters; an unmatched run of backticks goes. */
static const char *
render_code(strbuf_t *out, const char *p, const char *end)
{
	size_t k = 0;

	while (p + k < end && p[k] == '`')
		k++;
	if (end - p > MAX_LINK)
		end = p + MAX_LINK;
	for (const char *q = p + k; q < end; q++) {
		size_t r = 0;

		while (q + r < end && q[r] == '`')
			r++;
		if (r == k) {
			span_t code = { p + k, (size_t)(q - p - k) };

			strbuf_append(out, code.s, code.len);
			return q + r;
		}
		q += r;
	}
	return p + k;
}

static void
append_utf8(strbuf_t *out, unsigned long c)
{
	char u[4];
	size_t n;

	if (c < 0x80) {
		u[0] = (char)c;
		n = 1;
	} else if (c < 0x800) {
		u[0] = (char)(0xc0 | (c >> 6));
		n = 2;
	} else if (c < 0x10000) {
		u[0] = (char)(0xe0 | (c >> 12));
		n = 3;
	} else {
		u[0] = (char)(0xf0 | (c >> 18));
		n = 4;
	}
	for (size_t i = 1; i < n; i++)
		u[i] = (char)(0x80 | ((c >> (6 * (n - 1 - i))) & 0x3f));
	strbuf_append(out, u, n);
}

/* &amp;, &#8217; and the few other entities converters leave. */
static const char *
render_entity(strbuf_t *out, const char *p, const char *end)
{
	static const struct {
		const char *name, *text;
	} named[] = {
		{ "amp", "&" }, { "lt", "<" }, { "gt", ">" },
		{ "quot", "\"" }, { "apos", "'" }, { "nbsp", " " },
		{ "ndash", "\xe2\x80\x93" }, { "mdash", "\xe2\x80\x94" },
		{ "lsquo", "\xe2\x80\x98" }, { "rsquo", "\xe2\x80\x99" },
		{ "ldquo", "\xe2\x80\x9c" }, { "rdquo", "\xe2\x80\x9d" },
		{ "hellip", "\xe2\x80\xa6" }, { "reg", "\xc2\xae" },
		{ "copy", "\xc2\xa9" }, { "trade", "\xe2\x84\xa2" },
	};
	const char *semi = memchr(p, ';', end - p < 12 ? (size_t)(end - p) :
	    12);
	size_t n = semi ? (size_t)(semi - p - 1) : 0;

	if (semi != NULL && p[1] == '#') {
		int hex = p[2] == 'x' || p[2] == 'X';
		char *stop;
		unsigned long c = isxdigit((unsigned char)p[2 + hex]) ?
		    strtoul(p + 2 + hex, &stop, hex ? 16 : 10) : 0;

		if (c >= 0x20 && c <= 0x10ffff && (c < 0xd800 || c > 0xdfff) &&
		    stop == semi) {
			append_utf8(out, c);
			return semi + 1;
		}
	}
	for (size_t i = 0; semi && i < sizeof named / sizeof named[0]; i++)
		if (strlen(named[i].name) == n &&
		    memcmp(p + 1, named[i].name, n) == 0) {
			strbuf_puts(out, named[i].text);
			return semi + 1;
		}
	strbuf_append(out, p, 1);
	return p + 1;
}

/* A run of *, _ or ~~ marks emphasis unless it stands alone between
 * spaces ("2 * 3") or joins a word ("contact_list.pdf"). */
static const char *
render_emphasis(strbuf_t *out, const char *start, const char *p,
		const char *end)
{
	size_t k = 0;
	unsigned char prev = p > start ? (unsigned char)p[-1] : ' ';
	unsigned char next;

	while (p + k < end && p[k] == *p)
		k++;
	next = p + k < end ? (unsigned char)p[k] : ' ';
	if ((*p == '~' && k < 2) || (isspace(prev) && isspace(next)) ||
	    (*p == '_' && isalnum(prev) && isalnum(next)))
		strbuf_append(out, p, k);
	return p + k;
}

/* N bytes of Markdown at S as plain text; with URLS, links keep their
 * destination after their label. */
static void
render(strbuf_t *out, const char *s, size_t n, int urls)
{
	const char *p = s, *end = s + n;

	while (p < end) {
		if (*p == '\\' && p + 1 < end &&
		    ispunct((unsigned char)p[1])) {
			strbuf_append(out, p + 1, 1);
			p += 2;
		} else if (*p == '`') {
			p = render_code(out, p, end);
		} else if (*p == '[' || (*p == '!' && p + 1 < end &&
		    p[1] == '[')) {
			p = render_link(out, p, end, urls);
		} else if (*p == '<') {
			p = render_angle(out, p, end);
		} else if (*p == '&') {
			p = render_entity(out, p, end);
		} else if (url_at(p, end) && (p == s ||
		    !isalnum((unsigned char)p[-1]))) {
			/* A bare URL is kept whole, underscores and all. */
			size_t k = 0;

			while (p + k < end && !isspace((unsigned char)p[k]) &&
			    !strchr("<*`", p[k]))
				k++;
			strbuf_append(out, p, k);
			p += k;
		} else if (*p == '*' || *p == '_' || *p == '~') {
			p = render_emphasis(out, s, p, end);
		} else {
			strbuf_append(out, p++, 1);
		}
	}
}

/* Renders N bytes of S; NULL (and M failed) when out of memory. */
static char *
rendered(md_t *m, const char *s, size_t n, int urls)
{
	strbuf_t out = { 0 };
	char *text;

	render(&out, s, n, urls);
	if ((text = strbuf_finish(&out)) == NULL)
		m->failed = 1;
	return text ? text_squeeze_lines(text) : NULL;
}

/*
 * A line the builder reads on its own: "Problem: ...", "Solution: ...",
 * or a contact line ("Phone: ...", "**TTY:** ...").  Markdown would join
 * it to its neighbours; it is kept apart.
 */
static int
is_label_line(md_t *m, span_t l)
{
	static const char *const labels[] = { "Problem:", "Solution:" };
	contact_list_t scratch = { 0 };
	char *s;
	int yes = 0;

	while (l.len > 0 && strchr("*_ \t", l.s[0])) {
		l.s++;
		l.len--;
	}
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (l.len >= strlen(labels[i]) &&
		    strncasecmp(l.s, labels[i], strlen(labels[i])) == 0)
			return 1;
	if (memchr(l.s, ':', l.len) == NULL)
		return 0;
	if ((s = str_ndup(l.s, l.len)) == NULL) {
		m->failed = 1;
		return 0;
	}
	yes = contact_parse_line(&scratch, s);
	contact_list_clear(&scratch);
	free(s);
	return yes;
}

/* Blocks ------------------------------------------------------------ */

/* Hands TEXT, a paragraph from source line LINE, to the builder. */
static void
emit_paragraph(md_t *m, const char *text, unsigned line, int single_line)
{
	if (m->building && text[0] != '\0')
		builder_paragraph(&m->build, text, line, single_line);
}

static void
flush_paragraph(md_t *m)
{
	char *raw = strbuf_finish(&m->para);
	char *text;

	if (raw == NULL) {
		m->failed = 1;
		return;
	}
	if (m->building && raw[0] != '\0' &&
	    (text = rendered(m, raw, strlen(raw), 1)) != NULL) {
		emit_paragraph(m, text, m->para_line, m->para_lines == 1);
		free(text);
	}
	free(raw);
	m->para_lines = 0;
	m->para_list = 0;
}

static void
heading(md_t *m, unsigned level, span_t t, unsigned line)
{
	char *text, *anchor = NULL;
	const char *brace;

	/* "{#id}" at the end (Pandoc, kramdown) is the heading's anchor. */
	if (t.len > 2 && t.s[t.len - 1] == '}' &&
	    (brace = memrchr(t.s, '{', t.len)) != NULL && brace[1] == '#') {
		size_t n = strcspn(brace + 2, " \t}");

		if (n > 0 && (anchor = str_ndup(brace + 2, n)) == NULL)
			m->failed = 1;
		t.len = (size_t)(brace - t.s);
		t = trim(t);
	}
	if ((text = rendered(m, t.s, t.len, 0)) == NULL) {
		free(anchor);
		return;
	}
	text_squeeze_space(text);
	if (!m->building) {
		/* The title: the first level-1 heading that is no label. */
		if (level == 1 && m->title == NULL && text[0] != '\0' &&
		    strncasecmp(text, "Problem:", 8) != 0 &&
		    strncasecmp(text, "Solution:", 9) != 0) {
			m->title = text;
			text = NULL;
		}
	} else if (text[0] != '\0') {
		builder_heading(&m->build, level, text, anchor, line);
	}
	free(text);
	free(anchor);
}

/* A line of a paragraph; BULLET is its list marker ("-", "3.") or
 * NULL. */
static void
add_line(md_t *m, span_t l, const char *bullet, size_t bullet_len)
{
	if (is_blank(l))
		return;
	if (is_label_line(m, l)) {
		char *text;

		flush_paragraph(m);
		if (m->building &&
		    (text = rendered(m, l.s, l.len, 1)) != NULL) {
			emit_paragraph(m, text, m->lineno, 1);
			free(text);
		}
		return;
	}
	if (m->para.len == 0)
		m->para_line = m->lineno;
	else
		strbuf_puts(&m->para, bullet ? "\n" : " ");
	if (bullet != NULL) {
		strbuf_append(&m->para, bullet, bullet_len);
		strbuf_puts(&m->para, " ");
		m->para_list = 1;
	}
	strbuf_append(&m->para, l.s, l.len);
	m->para_lines++;
}

/* Splits a table row at its unescaped pipes. */
static size_t
split_cells(span_t l, span_t *cells)
{
	size_t n = 0;
	const char *p, *end, *start;

	l = trim(l);
	p = l.s;
	end = l.s + l.len;
	if (p < end && *p == '|')
		p++;
	if (end > p && end[-1] == '|' && !(end - p >= 2 && end[-2] == '\\'))
		end--;
	for (start = p; p <= end && n < MAX_CELLS; p++) {
		if (p < end && *p == '\\' && p + 1 < end) {
			p++;
			continue;
		}
		if (p == end || *p == '|') {
			span_t c = { start, (size_t)(p - start) };

			cells[n++] = trim(c);
			start = p + 1;
		}
	}
	return n;
}

/* One row of a pipe table: its first cell names it. */
static void
table_row(md_t *m, span_t l)
{
	span_t spans[MAX_CELLS];
	char *cells[MAX_CELLS + 1], *name;
	size_t n = split_cells(l, spans), k = 0;

	if (!m->building || n == 0)
		return;
	name = rendered(m, spans[0].s, spans[0].len, 0);
	/* A link in the name cell is kept, labelled by the name. */
	cells[k] = rendered(m, spans[0].s, spans[0].len, 1);
	if (cells[k] != NULL && name != NULL && strcmp(cells[k], name) != 0)
		k++;
	else
		free(cells[k]);
	for (size_t i = 1; i < n; i++)
		if ((cells[k] = rendered(m, spans[i].s, spans[i].len, 1)) !=
		    NULL)
			k++;
	if (name != NULL && !m->failed) {
		text_squeeze_space(name);
		if (name[0] != '\0') {
			builder_table_row(&m->build, name,
			    (const char *const *)cells, k, m->lineno);
		}
	}
	free(name);
	for (size_t i = 0; i < k; i++)
		free(cells[i]);
}

static void
end_table(md_t *m)
{
	if (m->in_table && m->building)
		builder_table_end(&m->build);
	m->in_table = 0;
}

/* A fenced block's text, as written. */
static void
flush_code(md_t *m)
{
	char *code = strbuf_finish(&m->code);

	if (code == NULL) {
		m->failed = 1;
		return;
	}
	emit_paragraph(m, text_squeeze_lines(code), m->code_line, 0);
	free(code);
	m->fence = 0;
}

/* Whether L closes the open fence. */
static int
closes_fence(const md_t *m, span_t l)
{
	size_t n = 0;

	l = unindent(l);
	while (n < l.len && l.s[n] == m->fence_char)
		n++;
	l.s += n;
	l.len -= n;
	return n >= m->fence && is_blank(l);
}

/* The line after this one, without moving on. */
static int
peek_line(const md_t *m, span_t *line)
{
	md_t copy = *m;

	return next_line(&copy, line);
}

/* One line outside code blocks and comments. */
static void
process_line(md_t *m, span_t l)
{
	span_t text, next;
	unsigned level;
	size_t n;

	l = unquote(l);
	if (is_blank(l)) {
		flush_paragraph(m);
		end_table(m);
		return;
	}
	if (m->in_table) {
		if (has_char(l, '|')) {
			table_row(m, l);
			return;
		}
		end_table(m);
	}
	if ((n = fence_length(l)) > 0) {
		flush_paragraph(m);
		m->fence = n;
		m->fence_char = unindent(l).s[0];
		m->code_line = m->lineno + 1;
		return;
	}
	if ((level = atx_heading(l, &text)) > 0) {
		flush_paragraph(m);
		heading(m, level, text, m->lineno);
		return;
	}
	/* A paragraph underlined with === or --- is a heading. */
	if (m->para.len > 0 && !m->para_list &&
	    (is_rule_of(l, '=', 1, 0) || is_rule_of(l, '-', 1, 0))) {
		char *raw = strbuf_finish(&m->para);

		if (raw == NULL) {
			m->failed = 1;
			return;
		}
		text.s = raw;
		text.len = strlen(raw);
		heading(m, trim(l).s[0] == '=' ? 1 : 2, text, m->para_line);
		free(raw);
		m->para_lines = 0;
		return;
	}
	if (is_thematic_break(l)) {
		flush_paragraph(m);
		return;
	}
	if (has_char(l, '|') && peek_line(m, &next) &&
	    is_delimiter_row(next)) {
		/* The header row names the columns, not a resource. */
		flush_paragraph(m);
		next_line(m, &next);
		m->in_table = 1;
		return;
	}
	if ((n = list_marker(l, &text)) > 0) {
		span_t marker = trim((span_t){ l.s, n });

		/* Items read "- item" or "3. item" however written. */
		if (strchr("-*+", marker.s[0])) {
			add_line(m, text, "-", 1);
		} else {
			char number[12];

			snprintf(number, sizeof number, "%.*s.",
			    (int)(marker.len - 1), marker.s);
			add_line(m, text, number, strlen(number));
		}
		return;
	}
	add_line(m, trim(l), NULL, 0);
}

/* L without its HTML comments, which may span lines; NULL when out of
 * memory. */
static char *
strip_comments(md_t *m, span_t l)
{
	strbuf_t out = { 0 };
	const char *p = l.s, *end = l.s + l.len;

	while (p < end) {
		const char *mark;

		if (m->in_comment) {
			mark = memmem(p, (size_t)(end - p), "-->", 3);
			if (mark == NULL)
				break;
			m->in_comment = 0;
			p = mark + 3;
			continue;
		}
		mark = memmem(p, (size_t)(end - p), "<!--", 4);
		strbuf_append(&out, p, mark ? (size_t)(mark - p) :
		    (size_t)(end - p));
		if (mark == NULL)
			break;
		m->in_comment = 1;
		p = mark + 4;
	}
	return strbuf_finish(&out);
}

/* A line of YAML front matter: "key: value", an indented or "- "
 * continuation, a comment; a "---" rule over a paragraph is not. */
static int
is_yaml_line(span_t l)
{
	size_t i = 0;

	if (is_blank(l) || strchr(" \t-#", l.s[0]))
		return 1;
	while (i < l.len && (isalnum((unsigned char)l.s[i]) ||
	    strchr("_-", l.s[i])))
		i++;
	return i > 0 && i < l.len && l.s[i] == ':';
}

/* YAML front matter ("---" lines around "title: ..."): its title. */
static void
front_matter(md_t *m)
{
	md_t at = *m;
	span_t l;
	char *title = NULL;

	if (!next_line(&at, &l) || !is_rule_of(l, '-', 3, 0) ||
	    trim(l).len != 3)
		return;
	while (next_line(&at, &l)) {
		span_t t = trim(l);

		if (t.len == 3 && (memcmp(t.s, "---", 3) == 0 ||
		    memcmp(t.s, "...", 3) == 0)) {
			/* Front matter it was: skip it. */
			m->pos = at.pos;
			m->lineno = at.lineno;
			if (!m->building && m->title == NULL)
				m->title = title;
			else
				free(title);
			return;
		}
		if (!is_yaml_line(l))
			break;
		if (title == NULL && t.len > 6 &&
		    strncasecmp(t.s, "title:", 6) == 0) {
			t.s += 6;
			t.len -= 6;
			t = trim(t);
			if (t.len >= 2 && (t.s[0] == '"' || t.s[0] == '\'') &&
			    t.s[t.len - 1] == t.s[0]) {
				t.s++;
				t.len -= 2;
			}
			if (t.len > 0 && (title = str_ndup(t.s, t.len)) ==
			    NULL)
				m->failed = 1;
		}
	}
	free(title);
}

static void
scan(md_t *m)
{
	span_t l;

	m->pos = 0;
	m->lineno = 0;
	m->in_table = m->in_comment = 0;
	m->fence = 0;
	front_matter(m);
	while (!m->failed && next_line(m, &l)) {
		char *clean;

		if (m->fence > 0) {
			if (closes_fence(m, l)) {
				flush_code(m);
			} else {
				strbuf_append(&m->code, l.s, l.len);
				strbuf_puts(&m->code, "\n");
			}
			continue;
		}
		if (!m->building && m->title != NULL)
			break;
		if ((clean = strip_comments(m, l)) == NULL) {
			m->failed = 1;
			break;
		}
		process_line(m, (span_t){ clean, strlen(clean) });
		free(clean);
	}
	if (m->fence > 0)
		flush_code(m);
	flush_paragraph(m);
	end_table(m);
}

factsheet_status_t
parse_markdown(factsheet_publication_t *pub, const char *text, size_t len,
	       char **message)
{
	md_t m = { 0 };

	*message = NULL;
	/* A byte order mark is not part of the first line. */
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
		text += 3;
		len -= 3;
	}
	m.pub = pub;
	m.text = text;
	m.len = len;
	scan(&m);
	pub->title = m.title ? m.title : title_from_source(pub->source);
	if (pub->title == NULL)
		m.failed = 1;
	builder_init(&m.build, pub);
	m.building = 1;
	if (!m.failed)
		scan(&m);
	if (builder_finish(&m.build) < 0)
		m.failed = 1;
	free(strbuf_finish(&m.para));
	free(strbuf_finish(&m.code));
	if (m.failed) {
		*message = str_printf("%s: out of memory while parsing",
		    pub->source);
		return FACTSHEET_STATUS_OUT_OF_MEMORY;
	}
	if (pub->n_sections == 0) {
		*message = str_printf("%s: no text to index", pub->source);
		return FACTSHEET_STATUS_BAD_INPUT;
	}
	return FACTSHEET_STATUS_SUCCESS;
}
