/*
 * parse-markdown.c - a Markdown publication into sections, through
 * cmark-gfm and its table, autolink and strikethrough extensions.  The
 * reader walks the tree cmark-gfm builds and feeds the builder: headings
 * give the hierarchy; paragraphs, lists (one item a line), code blocks
 * and block quotes are text; tables go row by row; raw HTML goes
 * through the HTML reader.  What Markdown has no syntax for, and
 * publications still carry, is read here: YAML front matter and the
 * Liquid of Jekyll pages, "{#id}" heading anchors, and a "---" page
 * break under a paragraph, which CommonMark reads as a heading.
 */
#include <config.h>

#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <libxml/HTMLparser.h>

#include "factsheet-private.h"

/* Blocks nested deeper than this (quotes in quotes, lists in lists) are
 * read as the text of the block at this depth: the walk is recursive,
 * and its depth is bounded by this, not by the input. */
#define MAX_DEPTH 64
/* Links nested in links (an image in a link) kept apart. */
#define MAX_LINKS 8
/* A "---" heading with more words than this is a paragraph over a page
 * break: headings are short. */
#define MAX_HEADING_WORDS 12

typedef struct {
	const char *s;
	size_t len;
} span_t;

/* A value of the front matter: its key, its text, its line, and where
 * it goes (META_TEXT, ...). */
typedef struct {
	char *key;
	char *text;
	unsigned line;
	int kind;
} meta_t;

typedef struct {
	factsheet_publication_t *pub;
	builder_t build;
	/* The Markdown after the front matter, and the lines before it. */
	const char *text;
	size_t len;
	unsigned line_offset;
	/* The lists being gathered into one paragraph, an item a line:
	 * lists written one after another are one list to a reader. */
	strbuf_t list;
	unsigned list_line;
	unsigned list_lines;
	/* The front matter's values; those kept as text wait for the first
	 * section (flush_meta). */
	meta_t *meta;
	size_t n_meta;
	/* The level of the last Markdown heading; 0 before the first. */
	unsigned level;
	int meta_done;
	int failed;
} md_t;

/* Spans and lines --------------------------------------------------- */

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

/* The line of S at *POS (without its end of line), moving *POS past
 * it; 0 at the end. */
static int
next_line(const char *s, size_t len, size_t *pos, span_t *line)
{
	const char *nl;
	size_t end;

	if (*pos >= len)
		return 0;
	nl = memchr(s + *pos, '\n', len - *pos);
	end = nl ? (size_t)(nl - s) : len;
	line->s = s + *pos;
	line->len = end - *pos;
	while (line->len > 0 && line->s[line->len - 1] == '\r')
		line->len--;
	*pos = nl ? end + 1 : len;
	return 1;
}

/* A node's first line in the file. */
static unsigned
line_of(const md_t *m, cmark_node *node)
{
	int line = cmark_node_get_start_line(node);

	return (line > 0 ? (unsigned)line : 1) + m->line_offset;
}

/* Inline markup ------------------------------------------------------ */

/* The href of an inline <a ...> tag, read by libxml2 so that its
 * entities are decoded; NULL if it has none. */
static char *
tag_href(const char *tag)
{
	size_t len = strlen(tag);
	htmlDocPtr doc;
	xmlNode *n;
	char *href = NULL;

	if (len > INT_MAX)
		return NULL;
	doc = htmlReadMemory(tag, (int)len, NULL, "UTF-8",
	    HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
	    HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC);
	if (doc == NULL)
		return NULL;
	/* html > body > (p >) a: the first element named "a". */
	for (n = xmlDocGetRootElement(doc); n != NULL; ) {
		if (n->type == XML_ELEMENT_NODE &&
		    strcasecmp((const char *)n->name, "a") == 0) {
			xmlChar *v = xmlGetProp(n, (const xmlChar *)"href");

			if (v != NULL) {
				href = strdup((const char *)v);
				xmlFree(v);
			}
			break;
		}
		n = n->children;
	}
	xmlFreeDoc(doc);
	return href;
}

/* Whether inline HTML TAG opens an element named NAME. */
static int
opens(const char *tag, const char *name)
{
	size_t n = strlen(name);

	return tag[0] == '<' && strncasecmp(tag + 1, name, n) == 0 &&
	    (tag[n + 1] == '>' || tag[n + 1] == '/' ||
	    isspace((unsigned char)tag[n + 1]));
}

/* Whether inline HTML TAG is "</a>" (and not "</abbr>"). */
static int
closes_anchor(const char *tag)
{
	return strncasecmp(tag, "</a", 3) == 0 &&
	    (tag[3] == '>' || isspace((unsigned char)tag[3]));
}

/*
 * After a link's label (OUT from MARK on), its destination URL as people
 * would type it.  An autolink ("www.cms.gov", a bare address) already
 * reads as its destination without the scheme cmark-gfm adds to it.
 */
static void
link_destination(strbuf_t *out, size_t mark, const char *url)
{
	static const char *const schemes[] = {
		"https://", "http://", "mailto:"
	};
	const char *bare = url;

	if (out->data == NULL || url == NULL)
		return;
	for (size_t i = 0; i < sizeof schemes / sizeof schemes[0]; i++)
		if (strncasecmp(url, schemes[i], strlen(schemes[i])) == 0)
			bare = url + strlen(schemes[i]);
	if (*bare != '\0' && memmem(out->data + mark, out->len - mark, bare,
	    strlen(bare)) != NULL)
		return;
	reader_link_destination(out, mark, url, strlen(url));
}

/*
 * LIT, the literal of text node N, less a kramdown span attribute list
 * that opens it right after a link, an emphasis or a code span
 * ("[FTC](https://ftc.gov){:target="_blank"}, run by"): markup that
 * cmark-gfm leaves as text, and that would otherwise run on from the
 * link's address into its words.
 */
static const char *
skip_span_attributes(cmark_node *n, const char *lit)
{
	cmark_node *prev = cmark_node_previous(n);
	const char *end;

	if (prev == NULL || lit[0] != '{' || lit[1] != ':')
		return lit;
	switch (cmark_node_get_type(prev)) {
	case CMARK_NODE_LINK:
	case CMARK_NODE_IMAGE:
	case CMARK_NODE_EMPH:
	case CMARK_NODE_STRONG:
	case CMARK_NODE_CODE:
		break;
	default:
		return lit;
	}
	if ((end = strchr(lit, '}')) == NULL ||
	    memchr(lit + 1, '{', (size_t)(end - lit - 1)) != NULL)
		return lit;
	return end + 1;
}

/*
 * The text of NODE's inlines into OUT: a line break of the source, or a
 * <br>, is a newline, so a paragraph's lines stay apart; with URLS, a
 * link's destination follows its label.  Block nodes met on the way (in
 * a node too deep to walk block by block) are lines of their own.  The
 * walk is cmark-gfm's iterator, not a recursion.
 */
static void
render(md_t *m, cmark_node *node, strbuf_t *out, int urls)
{
	cmark_iter *iter = cmark_iter_new(node);
	cmark_event_type ev;
	size_t marks[MAX_LINKS], anchor_mark = 0;
	char *anchor_href = NULL;
	int n_links = 0, in_anchor = 0;

	if (iter == NULL) {
		m->failed = 1;
		return;
	}
	while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(iter);
		cmark_node_type type = cmark_node_get_type(n);
		const char *lit = cmark_node_get_literal(n);

		if (n == node)
			continue;
		switch (type) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			if (lit != NULL)
				strbuf_puts(out, skip_span_attributes(n, lit));
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			strbuf_puts(out, "\n");
			break;
		case CMARK_NODE_LINK:
			if (ev == CMARK_EVENT_ENTER) {
				if (n_links < MAX_LINKS)
					marks[n_links] = out->len;
				n_links++;
			} else if (--n_links < MAX_LINKS && urls) {
				link_destination(out, marks[n_links],
				    cmark_node_get_url(n));
			}
			break;
		case CMARK_NODE_HTML_INLINE:
			/* Tags are no text; a <br> breaks the line, an <a>
			 * keeps its href after its label, and a tag written
			 * over lines keeps the lines counted. */
			if (lit == NULL)
				break;
			if (opens(lit, "br")) {
				strbuf_puts(out, "\n");
			} else if (opens(lit, "a") && !in_anchor) {
				free(anchor_href);
				anchor_href = tag_href(lit);
				anchor_mark = out->len;
				in_anchor = 1;
			} else if (in_anchor && closes_anchor(lit)) {
				if (urls && anchor_href != NULL)
					link_destination(out, anchor_mark,
					    anchor_href);
				in_anchor = 0;
			} else {
				for (const char *p = lit; *p != '\0'; p++)
					if (*p == '\n')
						strbuf_puts(out, "\n");
			}
			break;
		case CMARK_NODE_HTML_BLOCK:
		case CMARK_NODE_CODE_BLOCK:
			strbuf_puts(out, "\n");
			if (lit != NULL)
				strbuf_puts(out, lit);
			strbuf_puts(out, "\n");
			break;
		default:
			/* Emphasis, images (their alt text): their
			 * children; any block (a table cell too): lines of
			 * its own. */
			if ((type & CMARK_NODE_TYPE_MASK) ==
			    CMARK_NODE_TYPE_BLOCK)
				strbuf_puts(out, "\n");
			break;
		}
	}
	free(anchor_href);
	cmark_iter_free(iter);
}

/* NODE's inline text, lines squeezed; NULL (M failed) out of memory. */
static char *
rendered(md_t *m, cmark_node *node, int urls)
{
	strbuf_t out = { 0 };
	char *text;

	render(m, node, &out, urls);
	if ((text = strbuf_finish(&out)) == NULL) {
		m->failed = 1;
		return NULL;
	}
	return text_squeeze_lines(text);
}

/* The same on one line, for headings and names. */
static char *
rendered_line(md_t *m, cmark_node *node)
{
	char *text = rendered(m, node, 0);

	return text ? text_squeeze_space(text) : NULL;
}

/*
 * Whether S (squeezed) is a kramdown attribute list, "{: .class}" or
 * "{:toc}": markup, not text.
 */
static int
is_attribute_list(const char *s)
{
	size_t n = strlen(s);

	return n >= 3 && s[0] == '{' && s[1] == ':' && s[n - 1] == '}' &&
	    memchr(s + 1, '{', n - 2) == NULL;
}

/*
 * Takes a trailing attribute list off heading TEXT ("Locked {#locked}",
 * "Intro {: .no_toc}", "FAQ {#faq .wide}"), in place; its "#id" is the
 * anchor, put in *ANCHOR (NULL if none).
 */
static void
strip_heading_attributes(md_t *m, char *text, char **anchor)
{
	size_t n = strlen(text);
	char *brace, *p;

	*anchor = NULL;
	if (n < 3 || text[n - 1] != '}' ||
	    (brace = memrchr(text, '{', n)) == NULL ||
	    (brace[1] != '#' && brace[1] != ':' && brace[1] != '.'))
		return;
	text[n - 1] = '\0';
	for (p = brace + 1; *p != '\0'; ) {
		size_t k;

		p += strspn(p, ": \t");
		k = strcspn(p, " \t");
		if (p[0] == '#' && k > 1 && *anchor == NULL &&
		    (*anchor = str_ndup(p + 1, k - 1)) == NULL)
			m->failed = 1;
		p += k;
	}
	*brace = '\0';
	text_squeeze_space(text);
}

/* Blocks ------------------------------------------------------------- */

static void flush_meta(md_t *m);

static void
emit(md_t *m, const char *text, unsigned line, int single_line)
{
	flush_meta(m);
	if (text[0] != '\0')
		builder_paragraph(&m->build, text, line, single_line);
}

/* The gathered list, as one paragraph. */
static void
flush_list(md_t *m)
{
	char *text;

	if (m->list.len == 0 && !m->list.failed)
		return;
	if ((text = strbuf_finish(&m->list)) == NULL) {
		m->failed = 1;
		return;
	}
	emit(m, text, m->list_line, m->list_lines == 1);
	free(text);
	m->list_lines = 0;
}

/*
 * Hands TEXT, whose lines are the source lines from LINE on, to the
 * builder: label lines alone, the others joined by spaces.  With
 * BULLET, the lines go to the list instead, as a new line that starts
 * with BULLET unless it is "".
 */
static void
emit_lines(md_t *m, char *text, unsigned line, const char *bullet)
{
	strbuf_t para = { 0 };
	unsigned para_line = 0, para_lines = 0;
	int started = 0;
	char *l = text, *nl;

	for (; l != NULL; l = nl ? nl + 1 : NULL, line++) {
		if ((nl = strchr(l, '\n')) != NULL)
			*nl = '\0';
		text_squeeze_space(l);
		/* A line of markup alone still counts as a line. */
		if (l[0] == '\0' || is_attribute_list(l))
			continue;
		/* A line the builder reads on its own, which Markdown
		 * joins to the lines around it, is kept apart. */
		if (links_is_label_line(l, &m->failed)) {
			if (para_lines > 0) {
				char *p = strbuf_finish(&para);

				if (p == NULL)
					m->failed = 1;
				else
					emit(m, p, para_line, para_lines == 1);
				free(p);
				para_lines = 0;
			}
			flush_list(m);
			emit(m, l, line, 1);
			started = 0;
			continue;
		}
		if (bullet != NULL) {
			if (m->list.len == 0 && !m->list.failed)
				m->list_line = line;
			else
				strbuf_puts(&m->list, started ? " " : "\n");
			if (!started && bullet[0] != '\0') {
				strbuf_puts(&m->list, bullet);
				strbuf_puts(&m->list, " ");
			}
			strbuf_puts(&m->list, l);
			m->list_lines++;
			started = 1;
			continue;
		}
		if (para_lines == 0)
			para_line = line;
		else
			strbuf_puts(&para, " ");
		strbuf_puts(&para, l);
		para_lines++;
	}
	if (para_lines > 0) {
		char *p = strbuf_finish(&para);

		if (p == NULL)
			m->failed = 1;
		else
			emit(m, p, para_line, para_lines == 1);
		free(p);
	} else {
		free(strbuf_finish(&para));
	}
}

/* A paragraph's raw text, lines kept: render() without squeezing. */
static char *
raw_lines(md_t *m, cmark_node *node)
{
	strbuf_t out = { 0 };
	char *text;

	render(m, node, &out, 1);
	if ((text = strbuf_finish(&out)) == NULL)
		m->failed = 1;
	return text;
}

static void
paragraph(md_t *m, cmark_node *node)
{
	char *text = raw_lines(m, node);

	if (text == NULL)
		return;
	flush_list(m);
	emit_lines(m, text, line_of(m, node), NULL);
	free(text);
}

/* Whether heading NODE was written over a "---" or "===" underline:
 * an ATX heading is one line, a setext one at least two. */
static int
is_setext(cmark_node *node)
{
	return cmark_node_get_end_line(node) > cmark_node_get_start_line(node);
}

/*
 * Whether a "---" heading is a paragraph over a page break: text of
 * several lines, of many words, or a sentence ending in a period; or a
 * heading over nothing, the last block or one followed by a heading as
 * high, which would lose its words.
 */
static int
is_page_break_paragraph(const char *text, cmark_node *node)
{
	size_t n = strlen(text);
	cmark_node *next = cmark_node_next(node);

	for (cmark_node *c = cmark_node_first_child(node); c != NULL;
	    c = cmark_node_next(c))
		if (cmark_node_get_type(c) == CMARK_NODE_SOFTBREAK ||
		    cmark_node_get_type(c) == CMARK_NODE_LINEBREAK)
			return 1;
	while (next != NULL &&
	    cmark_node_get_type(next) == CMARK_NODE_THEMATIC_BREAK)
		next = cmark_node_next(next);
	if (next == NULL || (cmark_node_get_type(next) == CMARK_NODE_HEADING &&
	    cmark_node_get_heading_level(next) <=
	    cmark_node_get_heading_level(node)))
		return 1;
	return text_count_words(text, strlen(text)) > MAX_HEADING_WORDS ||
	    (n > 0 && text[n - 1] == '.');
}

static void
heading(md_t *m, cmark_node *node)
{
	int level = cmark_node_get_heading_level(node);
	char *text, *anchor = NULL;

	flush_list(m);
	if ((text = rendered_line(m, node)) == NULL)
		return;
	strip_heading_attributes(m, text, &anchor);
	if (level == 2 && is_setext(node) &&
	    is_page_break_paragraph(text, node)) {
		/* CommonMark makes "paragraph\n---" a heading; publications
		 * mean a paragraph, then a page break. */
		free(text);
		free(anchor);
		paragraph(m, node);
		return;
	}
	/* A heading of no words ("#", an image alone) is none. */
	if (text[0] != '\0') {
		builder_heading(&m->build, level > 0 ? (unsigned)level : 1,
		    text, anchor, line_of(m, node));
		m->level = level > 0 ? (unsigned)level : 1;
		/* Front matter text goes under the first heading. */
		flush_meta(m);
	}
	free(text);
	free(anchor);
}


static void block(md_t *m, cmark_node *node, unsigned depth);

/* The blocks under PARENT, in order. */
/*
 * Raw HTML that a blank line cuts in two.  CommonMark ends an HTML block
 * at a blank line, so an element left open there (an accordion's <div>
 * over a blank line and an indented <ol>) goes on as an indented code
 * block, with its tags as text.  kramdown, and a browser, read the
 * whole element as HTML: so does this reader.  An HTML block that
 * leaves elements open runs on over the blocks after it that are more
 * of it (HTML blocks, and indented code that starts with a tag) until
 * they are closed, and the HTML reader reads that source, whole.
 */

/* Void elements: no end tag. */
static int
is_void_element(const char *name, size_t len)
{
	static const char *const voids[] = { "area", "base", "br", "col",
	    "embed", "hr", "img", "input", "link", "meta", "source", "track",
	    "wbr", NULL };

	for (size_t i = 0; voids[i] != NULL; i++)
		if (strlen(voids[i]) == len &&
		    strncasecmp(voids[i], name, len) == 0)
			return 1;
	return 0;
}

/* The elements S (LEN bytes of HTML) opens less those it closes; its
 * comments, void elements and self-closed tags open nothing. */
static long
html_open_elements(const char *s, size_t len)
{
	const char *p = s, *end = s + len;
	long open = 0;

	while ((p = memchr(p, '<', (size_t)(end - p))) != NULL) {
		const char *name, *gt;
		size_t n = 0;
		int closing;

		if (end - p >= 4 && memcmp(p, "<!--", 4) == 0) {
			const char *c = p + 4;

			while (c + 3 <= end && memcmp(c, "-->", 3) != 0)
				c++;
			if (c + 3 > end)
				break;
			p = c + 3;
			continue;
		}
		closing = p + 1 < end && p[1] == '/';
		name = p + 1 + closing;
		if (name >= end || !isalpha((unsigned char)*name)) {
			p++;
			continue;
		}
		while (name + n < end &&
		    (isalnum((unsigned char)name[n]) || name[n] == '-'))
			n++;
		if ((gt = memchr(name + n, '>', (size_t)(end - name - n))) ==
		    NULL)
			break;
		if (closing)
			open--;
		else if (!is_void_element(name, n) && gt[-1] != '/')
			open++;
		p = gt + 1;
	}
	return open;
}

/* The byte at which line LINE (1 is the first) of the Markdown starts,
 * or its length after its last line. */
static size_t
line_start(const md_t *m, int line)
{
	size_t pos = 0;

	for (int l = 1; l < line && pos < m->len; l++) {
		const char *nl = memchr(m->text + pos, '\n', m->len - pos);

		pos = nl != NULL ? (size_t)(nl - m->text) + 1 : m->len;
	}
	return pos;
}

/* The source of NODE's lines, through LAST's. */
static span_t
source_lines(const md_t *m, cmark_node *node, cmark_node *last)
{
	span_t sp;
	size_t from = line_start(m, cmark_node_get_start_line(node));
	size_t to = line_start(m, cmark_node_get_end_line(last) + 1);

	sp.s = m->text + from;
	sp.len = to > from ? to - from : 0;
	return sp;
}

/* Whether NODE is more of an open HTML element: raw HTML, or indented
 * code whose first line is a tag. */
static int
continues_html(cmark_node *node)
{
	const char *lit;
	int fence_length, fence_offset;
	char fence_char;

	switch (cmark_node_get_type(node)) {
	case CMARK_NODE_HTML_BLOCK:
		return 1;
	case CMARK_NODE_CODE_BLOCK:
		if (cmark_node_get_fenced(node, &fence_length, &fence_offset,
		    &fence_char))
			return 0;
		lit = cmark_node_get_literal(node);
		return lit != NULL && lit[strspn(lit, " \t")] == '<';
	default:
		return 0;
	}
}

/* The last block of the raw HTML region NODE starts: NODE itself when it
 * closes what it opens. */
static cmark_node *
html_region_end(const md_t *m, cmark_node *node)
{
	cmark_node *last = node, *c;
	span_t sp = source_lines(m, node, node);
	long open = html_open_elements(sp.s, sp.len);

	for (c = cmark_node_next(node); open > 0 && c != NULL &&
	    continues_html(c); c = cmark_node_next(c)) {
		sp = source_lines(m, c, c);
		open += html_open_elements(sp.s, sp.len);
		last = c;
	}
	return last;
}

static void html_text(md_t *, const char *, size_t, unsigned);

/* The raw HTML of NODE through LAST, read whole. */
static void
html_region(md_t *m, cmark_node *node, cmark_node *last)
{
	span_t sp = source_lines(m, node, last);
	char *html = strndup(sp.s, sp.len);

	if (html == NULL) {
		m->failed = 1;
		return;
	}
	html_text(m, html, sp.len, line_of(m, node));
	free(html);
}

static void
walk(md_t *m, cmark_node *parent, unsigned depth)
{
	for (cmark_node *c = cmark_node_first_child(parent);
	    c != NULL && !m->failed; c = cmark_node_next(c)) {
		cmark_node *last;

		if (cmark_node_get_type(c) == CMARK_NODE_HTML_BLOCK &&
		    (last = html_region_end(m, c)) != c) {
			html_region(m, c, last);
			c = last;
		} else {
			block(m, c, depth);
		}
	}
}

/*
 * A list: each item a line, "- item" or "3. item" however written;
 * nested lists follow their item, an item a line; a later paragraph of
 * an item is a line of its own; other blocks in an item (code, a table)
 * are blocks of their own.
 */
static void
list(md_t *m, cmark_node *node, unsigned depth)
{
	int ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST;
	int number = cmark_node_get_list_start(node);

	for (cmark_node *item = cmark_node_first_child(node);
	    item != NULL && !m->failed;
	    item = cmark_node_next(item), number++) {
		char bullet[16];
		int first = 1;

		if (ordered)
			snprintf(bullet, sizeof bullet, "%d.", number);
		else
			snprintf(bullet, sizeof bullet, "-");
		for (cmark_node *c = cmark_node_first_child(item); c != NULL;
		    c = cmark_node_next(c)) {
			cmark_node_type type = cmark_node_get_type(c);
			char *text;

			if (type == CMARK_NODE_PARAGRAPH) {
				if ((text = raw_lines(m, c)) == NULL)
					return;
				emit_lines(m, text, line_of(m, c),
				    first ? bullet : "");
				free(text);
			} else {
				block(m, c, depth + 1);
			}
			first = 0;
		}
	}
}

/* A code block's text, as written, from its first line of code. */
static void
code_block(md_t *m, cmark_node *node)
{
	const char *lit = cmark_node_get_literal(node);
	char *code, fence_char;
	unsigned line = line_of(m, node);
	int fence_length, fence_offset;

	flush_list(m);
	if (lit == NULL || (code = strdup(lit)) == NULL) {
		m->failed = lit != NULL;
		return;
	}
	if (cmark_node_get_fenced(node, &fence_length, &fence_offset,
	    &fence_char))
		line++;
	emit(m, text_squeeze_lines(code), line, 0);
	free(code);
}

/*
 * Raw HTML goes through the HTML reader, into the same builder: a
 * <details> block, a <table>, an <h2 id="...">.  Comments are no text;
 * a block of comments alone is not worth parsing.
 */
static void
html_text(md_t *m, const char *lit, size_t len, unsigned line)
{
	const char *p;

	flush_list(m);
	if (lit == NULL)
		return;
	for (p = lit + strspn(lit, " \t\r\n"); strncmp(p, "<!--", 4) == 0;
	    p += strspn(p, " \t\r\n")) {
		const char *end = strstr(p + 4, "-->");

		if (end == NULL)
			return;
		p = end + 3;
	}
	if (*p == '\0')
		return;
	flush_meta(m);
	/* Headings an earlier HTML block gave (a <summary>) are not over
	 * this one: each block's questions go one level below the last
	 * Markdown heading, so that <details> after <details> are siblings.
	 * A heading still waiting for its text stays. */
	for (unsigned i = m->level; i < BUILDER_LEVELS &&
	    !m->build.heading_open; i++) {
		free(m->build.levels[i]);
		m->build.levels[i] = NULL;
	}
	if (parse_html_into(&m->build, lit, len, line) < 0)
		m->failed = 1;
}

static void
html_block(md_t *m, cmark_node *node)
{
	const char *lit = cmark_node_get_literal(node);

	html_text(m, lit, lit != NULL ? strlen(lit) : 0, line_of(m, node));
}

/*
 * One row of a table.  The header row goes as it is, every cell; a
 * body row is named by its first cell with words, its other cells
 * (links kept, as "label URL") after it, and the name cell too when its
 * link gives more than the name.
 */
static void
table_row(md_t *m, cmark_node *row)
{
	size_t n = 0, k = 0, name_at = 0;
	char **cells, *name = NULL, *flat;
	const char **rest;
	cmark_node *c;

	for (c = cmark_node_first_child(row); c != NULL; c = cmark_node_next(c))
		n++;
	cells = calloc(n + 1, sizeof *cells);
	rest = calloc(n + 1, sizeof *rest);
	if (cells == NULL || rest == NULL) {
		m->failed = 1;
		goto out;
	}
	n = 0;
	for (c = cmark_node_first_child(row); c != NULL; c = cmark_node_next(c))
		if ((cells[n++] = rendered(m, c, 1)) == NULL)
			goto out;
	if (cmark_gfm_extensions_get_table_row_is_header(row)) {
		builder_table_header(&m->build, (const char *const *)cells, n,
		    line_of(m, row));
		goto out;
	}
	for (c = cmark_node_first_child(row); c != NULL;
	    c = cmark_node_next(c), name_at++) {
		free(name);
		if ((name = rendered_line(m, c)) == NULL || name[0] != '\0')
			break;
	}
	if (name == NULL || name[0] == '\0')
		goto out;
	if ((flat = strdup(cells[name_at])) == NULL) {
		m->failed = 1;
		goto out;
	}
	if (strcmp(text_squeeze_space(flat), name) != 0)
		rest[k++] = cells[name_at];
	free(flat);
	for (size_t i = name_at + 1; i < n; i++)
		rest[k++] = cells[i];
	builder_table_row(&m->build, name, rest, k, line_of(m, row));
out:
	free(name);
	for (size_t i = 0; cells != NULL && i < n; i++)
		free(cells[i]);
	free(cells);
	free(rest);
}

static void
table(md_t *m, cmark_node *node)
{
	flush_list(m);
	flush_meta(m);
	for (cmark_node *row = cmark_node_first_child(node);
	    row != NULL && !m->failed; row = cmark_node_next(row))
		table_row(m, row);
	builder_table_end(&m->build);
}

static void
block(md_t *m, cmark_node *node, unsigned depth)
{
	if (depth > MAX_DEPTH) {
		/* Too deep to walk: its text, a line a block. */
		paragraph(m, node);
		return;
	}
	switch (cmark_node_get_type(node)) {
	case CMARK_NODE_HEADING:
		heading(m, node);
		break;
	case CMARK_NODE_PARAGRAPH:
		paragraph(m, node);
		break;
	case CMARK_NODE_LIST:
		list(m, node, depth);
		break;
	case CMARK_NODE_CODE_BLOCK:
		code_block(m, node);
		break;
	case CMARK_NODE_HTML_BLOCK:
		html_block(m, node);
		break;
	case CMARK_NODE_THEMATIC_BREAK:
		/* A page break: no heading, no text; a list ends. */
		flush_list(m);
		break;
	default:
		if (strcmp(cmark_node_get_type_string(node), "table") == 0) {
			table(m, node);
		} else {
			/* Block quotes and footnotes: their blocks. */
			flush_list(m);
			walk(m, node, depth + 1);
		}
		break;
	}
}

/* Front matter -------------------------------------------------------- */

/* A line of YAML front matter: "key: value", an indented or "- "
 * continuation, a comment; a "---" rule over a paragraph is not. */
static int
is_yaml_line(span_t l)
{
	size_t i = 0;

	if (trim(l).len == 0 || strchr(" \t-#", l.s[0]))
		return 1;
	while (i < l.len && (isalnum((unsigned char)l.s[i]) ||
	    strchr("_-", l.s[i])))
		i++;
	return i > 0 && i < l.len && l.s[i] == ':';
}

/*
 * The bytes of the YAML front matter at the top of TEXT ("---", lines
 * of YAML, "---" or "..."), and in *LINES its lines; 0 if there is none.
 */
static size_t
front_matter_end(const char *text, size_t len, unsigned *lines)
{
	size_t pos = 0;
	span_t l;

	*lines = 1;
	if (!next_line(text, len, &pos, &l) || trim(l).len != 3 ||
	    memcmp(trim(l).s, "---", 3) != 0 || l.s[0] != '-')
		return 0;
	while (next_line(text, len, &pos, &l)) {
		span_t t = trim(l);

		++*lines;
		if (t.len == 3 && l.s[0] == t.s[0] &&
		    (memcmp(t.s, "---", 3) == 0 || memcmp(t.s, "...", 3) == 0))
			return pos;
		if (!is_yaml_line(l))
			return 0;
	}
	return 0;
}

/* S without the quotes around it, in place. */
static char *
unquote(char *s)
{
	size_t n = strlen(s);

	if (n >= 2 && (s[0] == '"' || s[0] == '\'') && s[n - 1] == s[0]) {
		memmove(s, s + 1, n - 2);
		s[n - 2] = '\0';
	}
	return s;
}

/* Where KEY's value goes. */
enum {
	META_TEXT,		/* the first section's text */
	META_DROP,		/* nowhere: about the site, not the text */
	META_TITLE,
	META_REVISED,
	META_PRODUCT
};

/* The rank of a date key, best first; -1 if KEY is none. */
static int
date_rank(const char *key)
{
	static const char *const keys[] = {
		"revised", "last_updated", "last-updated", "lastupdated",
		"last_modified", "last-modified", "modified", "updated",
		"last_reviewed", "reviewed", "date", "published_date",
		"publish_date", "date_published",
	};

	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (strcasecmp(key, keys[i]) == 0)
			return (int)i;
	return -1;
}

/* Whether KEY ends in "id" as a word ("id", "feedback_id"). */
static int
is_id_key(const char *key)
{
	size_t n = strlen(key);

	return strcasecmp(key, "id") == 0 || (n > 3 &&
	    strchr("_-", key[n - 3]) && strcasecmp(key + n - 2, "id") == 0);
}

/* Whether VALUE is one lower-case token with a '-' or '/' in it: a
 * slug or a path ("verify-your-identity", "/help/"). */
static int
is_slug(const char *value)
{
	if (strpbrk(value, "-/") == NULL)
		return 0;
	for (const char *p = value; *p != '\0'; p++)
		if (!islower((unsigned char)*p) &&
		    !isdigit((unsigned char)*p) && !strchr("-/_.", *p))
			return 0;
	return 1;
}

/* Whether VALUE says nothing in words: a YAML boolean or null, a
 * number, a date, a hash, a slug. */
static int
is_wordless(const char *value)
{
	static const char *const words[] = {
		"true", "false", "yes", "no", "on", "off", "null", "~"
	};
	int letters = 0;

	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strcasecmp(value, words[i]) == 0)
			return 1;
	if (is_slug(value))
		return 1;
	/* "7d0c54c6", "2024-03-14": no run of two letters. */
	for (const char *p = value; *p != '\0'; p++) {
		letters = isalpha((unsigned char)*p) ? letters + 1 : 0;
		if (letters == 2 || (unsigned char)*p >= 0x80)
			return 0;
	}
	return 1;
}

static int
meta_kind(const char *key, const char *value)
{
	/*
	 * Keys of static site generators (Jekyll, Hugo, the U.S. Web Design
	 * System's templates) that say how a page is laid out and where it
	 * lives, never what it says: dropped, as are ids, switches and
	 * numbers.  Every other value (a description, a summary, keywords,
	 * an agency, a contact) is kept as text of the first section, so no
	 * word a person may search for is lost.
	 */
	static const char *const site[] = {
		"layout", "permalink", "redirect_from", "redirect_to", "slug",
		"uid", "lang", "language", "locale", "sidebar", "nav_order",
		"nav_exclude", "parent", "grand_parent", "has_children",
		"has_toc", "weight", "draft", "published", "template", "type",
		"aliases", "menu", "toc", "toc_sticky", "search", "sitemap",
		"image", "thumbnail", "hero_image", "css", "js", "scripts",
		"styles", "body_class", "class", "comments", "share",
		"excerpt_separator", "sort", "order", "collection", "output",
		"url", "canonical", "canonical_url", "robots", "noindex",
		"expiry_date", "expires", "feed", "sidenav", "seo_title",
	};

	if (strcasecmp(key, "title") == 0 ||
	    strcasecmp(key, "page_title") == 0)
		return META_TITLE;
	if (date_rank(key) >= 0)
		return META_REVISED;
	/* The MLN product number ("ICN MLN6958831") has its own field. */
	if (strcasecmp(key, "product") == 0 || strcasecmp(key, "icn") == 0)
		return META_PRODUCT;
	if (is_id_key(key) || is_wordless(value))
		return META_DROP;
	for (size_t i = 0; i < sizeof site / sizeof site[0]; i++)
		if (strcasecmp(key, site[i]) == 0)
			return META_DROP;
	return META_TEXT;
}

/*
 * The value of front matter KEY (LEN bytes), or NULL.  A page shows it
 * where its Liquid says, so it is no longer text of the first section.
 */
static const char *
meta_use(md_t *m, const char *key, size_t len)
{
	for (size_t i = 0; i < m->n_meta; i++)
		if (strlen(m->meta[i].key) == len &&
		    strncasecmp(m->meta[i].key, key, len) == 0) {
			if (m->meta[i].kind == META_TEXT)
				m->meta[i].kind = META_DROP;
			return m->meta[i].text;
		}
	return NULL;
}

/* Ends the value of KEY, at LINE: kept for flush_meta() and Liquid. */
static void
meta_value(md_t *m, const char *key, strbuf_t *value, unsigned line)
{
	char *v = strbuf_finish(value), *k = strdup(key);
	meta_t *grown;

	grown = v && k ? realloc(m->meta, (m->n_meta + 1) * sizeof *m->meta) :
	    NULL;
	if (grown == NULL) {
		free(v);
		free(k);
		m->failed = 1;
		return;
	}
	m->meta = grown;
	m->meta[m->n_meta].key = k;
	m->meta[m->n_meta].text = text_squeeze_space(v);
	m->meta[m->n_meta++].line = line;
}

/*
 * The title, revision date and product number among the front matter's
 * values; the others are marked as text or dropped.
 */
static void
meta_fields(md_t *m)
{
	int best_date = INT_MAX;

	for (size_t i = 0; i < m->n_meta; i++) {
		meta_t *e = &m->meta[i];
		char **field = NULL;
		int rank;

		e->kind = e->text[0] == '\0' ? META_DROP :
		    meta_kind(e->key, e->text);
		if (e->kind == META_TITLE)
			field = &m->pub->title;
		else if (e->kind == META_PRODUCT)
			field = &m->pub->product;
		else if (e->kind == META_REVISED &&
		    (rank = date_rank(e->key)) < best_date) {
			best_date = rank;
			free(m->pub->revised);
			m->pub->revised = NULL;
			field = &m->pub->revised;
		}
		if (field != NULL && *field == NULL &&
		    (*field = strdup(e->text)) == NULL)
			m->failed = 1;
		/* The same words twice ("description", "lead") once. */
		for (size_t j = 0; j < i && e->kind == META_TEXT; j++)
			if (m->meta[j].kind == META_TEXT &&
			    strcmp(m->meta[j].text, e->text) == 0)
				e->kind = META_DROP;
	}
}

/*
 * Reads the front matter, LEN bytes at TEXT, into M->meta: a value for
 * each top-level key, its lines or list items joined.
 */
static void
front_matter(md_t *m, const char *text, size_t len)
{
	strbuf_t value = { 0 };
	char key[64] = "";
	unsigned lineno = 1, key_line = 0;
	size_t pos = 0;
	span_t l;

	next_line(text, len, &pos, &l);
	while (next_line(text, len, &pos, &l)) {
		span_t t = trim(l);
		const char *colon;
		char *s;

		lineno++;
		if (t.len == 0 || t.s[0] == '#' || pos >= len)
			continue;
		if (!isspace((unsigned char)l.s[0]) && l.s[0] != '-' &&
		    (colon = memchr(l.s, ':', l.len)) != NULL) {
			/* A new key: the last one's value is complete. */
			if (key[0] != '\0')
				meta_value(m, key, &value, key_line);
			snprintf(key, sizeof key, "%.*s",
			    (int)(colon - l.s), l.s);
			key_line = lineno;
			t.s = colon + 1;
			t.len = (size_t)(l.s + l.len - t.s);
			t = trim(t);
			/* "|" and ">" start a block of lines. */
			if (t.len <= 2 && t.len > 0 && strchr("|>", t.s[0]))
				continue;
		} else if (t.len > 1 && t.s[0] == '-' &&
		    isspace((unsigned char)t.s[1])) {
			t.s += 2;
			t.len -= 2;
			t = trim(t);
		}
		if ((s = str_ndup(t.s, t.len)) == NULL) {
			m->failed = 1;
			break;
		}
		if (value.len > 0)
			strbuf_puts(&value, " ");
		strbuf_puts(&value, unquote(s));
		free(s);
	}
	if (key[0] != '\0')
		meta_value(m, key, &value, key_line);
	else
		free(strbuf_finish(&value));
	meta_fields(m);
}

/* The front matter's values kept as text, into the first section. */
static void
flush_meta(md_t *m)
{
	if (m->meta_done)
		return;
	m->meta_done = 1;
	for (size_t i = 0; i < m->n_meta && !m->failed; i++)
		if (m->meta[i].kind == META_TEXT)
			builder_paragraph(&m->build, m->meta[i].text,
			    m->meta[i].line, 0);
}

static void
meta_clear(md_t *m)
{
	for (size_t i = 0; i < m->n_meta; i++) {
		free(m->meta[i].key);
		free(m->meta[i].text);
	}
	free(m->meta);
	m->meta = NULL;
	m->n_meta = 0;
}

/* Liquid ---------------------------------------------------------------- */

/* The quoted value of parameter NAME in a Liquid tag of LEN bytes at
 * TAG ("{% include accordion.html heading=\"...\" %}"), or an empty
 * span. */
static span_t
tag_parameter(const char *tag, size_t len, const char *name)
{
	size_t n = strlen(name);
	span_t v = { "", 0 };

	for (const char *p = tag; p + n + 2 < tag + len; p++) {
		const char *q, *end;

		if ((p > tag && !isspace((unsigned char)p[-1])) ||
		    strncmp(p, name, n) != 0 || p[n] != '=' ||
		    (p[n + 1] != '"' && p[n + 1] != '\''))
			continue;
		q = p + n + 2;
		if ((end = memchr(q, p[n + 1], (size_t)(tag + len - q))) !=
		    NULL) {
			v.s = q;
			v.len = (size_t)(end - q);
		}
		break;
	}
	return v;
}

/* Whether Liquid tag INNER (without its "{%" "%}") is NAME. */
static int
is_tag(span_t inner, const char *name)
{
	size_t n = strlen(name);

	if (inner.len > 0 && inner.s[0] == '-') {
		inner.s++;
		inner.len--;
	}
	inner = trim(inner);
	return inner.len >= n && strncmp(inner.s, name, n) == 0 &&
	    (inner.len == n || strchr(" \t\r\n-", inner.s[n]));
}

/*
 * The front matter values an include is given ("items=page.bring_list"):
 * what it shows, where it shows it.
 */
static void
page_parameters(md_t *m, strbuf_t *out, span_t inner)
{
	const char *p = inner.s, *end = inner.s + inner.len;

	while (p < end) {
		const char *eq = memchr(p, '=', (size_t)(end - p)), *v;
		size_t n;

		if (eq == NULL || end - eq < 6)
			break;
		p = eq + 1;
		if (strncmp(p, "page.", 5) != 0)
			continue;
		n = strcspn(p + 5, " \t\r\n%}");
		if ((v = meta_use(m, p + 5, n)) != NULL) {
			strbuf_puts(out, v);
			strbuf_puts(out, " ");
		}
		p += 5 + n;
	}
}

/* Liquid state: inside {% raw %} or {% comment %}. */
typedef struct {
	int raw;
	int comment;
} liquid_t;

/*
 * What the Liquid OPEN ... CLOSE (both braces included) leaves in OUT:
 * a front matter value for "{{ page.key }}", an include's heading= or
 * title= words, the tag itself inside {% raw %}; else nothing.
 */
static void
liquid_markup(md_t *m, liquid_t *state, strbuf_t *out,
	      const char *open, const char *close)
{
	span_t inner = trim((span_t){ open + 2, (size_t)(close - open - 4) });
	span_t words;

	if (open[1] == '%' && is_tag(inner, "endraw"))
		state->raw = 0;
	else if (state->raw)
		strbuf_append(out, open, (size_t)(close - open));
	else if (open[1] == '%' && is_tag(inner, "raw"))
		state->raw = 1;
	else if (open[1] == '%' && is_tag(inner, "comment"))
		state->comment = 1;
	else if (open[1] == '%' && is_tag(inner, "endcomment"))
		state->comment = 0;
	else if (state->comment)
		return;
	else if (open[1] == '{' && inner.len > 5 &&
	    strncmp(inner.s, "page.", 5) == 0) {
		size_t n = strcspn(inner.s + 5, " \t\r\n|}");
		const char *v = meta_use(m, inner.s + 5, n);

		if (v != NULL)
			strbuf_puts(out, v);
	} else if (open[1] == '%') {
		words = tag_parameter(inner.s, inner.len, "heading");
		if (words.len == 0)
			words = tag_parameter(inner.s, inner.len, "title");
		strbuf_append(out, words.s, words.len);
		page_parameters(m, out, inner);
	}
}

/* The text from P to END, or only its newlines inside a comment. */
static void
kept(strbuf_t *out, const char *p, const char *end, int comment)
{
	if (!comment) {
		strbuf_append(out, p, (size_t)(end - p));
		return;
	}
	for (; p < end; p++)
		if (*p == '\n')
			strbuf_puts(out, "\n");
}

/*
 * Jekyll's Liquid in the LEN bytes at TEXT (a page with front matter,
 * the only kind Jekyll renders): "{{ page.key }}" becomes the front
 * matter's value; other output and tags are template code, not text,
 * and go, all but the words an include shows (its heading= or title=)
 * and what {% raw %} keeps; {% comment %} blocks go whole.  Newlines
 * stay, so lines keep their numbers.  NULL when out of memory.
 */
static char *
expand_liquid(md_t *m, const char *text, size_t len)
{
	strbuf_t out = { 0 };
	const char *p = text, *end = text + len;
	liquid_t state = { 0 };
	int verbatim;

	while (p < end) {
		const char *open = NULL, *close = NULL;

		for (const char *q = p; q + 1 < end && open == NULL; q++)
			if (q[0] == '{' && (q[1] == '{' || q[1] == '%'))
				open = q;
		if (open != NULL)
			close = memmem(open + 2, (size_t)(end - open - 2),
			    open[1] == '{' ? "}}" : "%}", 2);
		if (close == NULL) {
			kept(&out, p, end, state.comment && !state.raw);
			break;
		}
		close += 2;
		kept(&out, p, open, state.comment && !state.raw);
		verbatim = state.raw;
		liquid_markup(m, &state, &out, open, close);
		/* A tag kept as written keeps its newlines already. */
		verbatim = verbatim && state.raw;
		kept(&out, open, verbatim ? open : close, 1);
		p = close;
	}
	return strbuf_finish(&out);
}

/* The publication ------------------------------------------------------ */

/* The first level-1 heading that is no Problem: or Solution: label. */
static char *
first_h1(md_t *m, cmark_node *doc)
{
	cmark_iter *iter = cmark_iter_new(doc);
	cmark_event_type ev;
	char *title = NULL;

	if (iter == NULL) {
		m->failed = 1;
		return NULL;
	}
	while (title == NULL && !m->failed &&
	    (ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(iter);
		char *anchor = NULL;

		if (ev != CMARK_EVENT_ENTER ||
		    cmark_node_get_type(n) != CMARK_NODE_HEADING ||
		    cmark_node_get_heading_level(n) != 1 ||
		    (title = rendered_line(m, n)) == NULL)
			continue;
		strip_heading_attributes(m, title, &anchor);
		free(anchor);
		if (title[0] == '\0' ||
		    strncasecmp(title, "Problem:", 8) == 0 ||
		    strncasecmp(title, "Solution:", 9) == 0) {
			free(title);
			title = NULL;
		}
	}
	cmark_iter_free(iter);
	return title;
}

static void
register_extensions(void)
{
	cmark_gfm_core_extensions_ensure_registered();
}

/* The tree of the Markdown in M; NULL if cmark-gfm fails. */
static cmark_node *
parse_tree(md_t *m)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	static const char *const extensions[] = {
		"table", "autolink", "strikethrough"
	};
	cmark_parser *parser;
	cmark_node *doc;

	/* The extensions' registry is global: filled once, whatever the
	 * number of threads parsing. */
	pthread_once(&once, register_extensions);
	/* Footnotes are parsed so that their text is text, not a link
	 * reference definition that vanishes; "~" alone is a tilde. */
	parser = cmark_parser_new(CMARK_OPT_FOOTNOTES |
	    CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE);
	if (parser == NULL)
		return NULL;
	for (size_t i = 0; i < sizeof extensions / sizeof extensions[0]; i++) {
		cmark_syntax_extension *ext =
		    cmark_find_syntax_extension(extensions[i]);

		if (ext == NULL || !cmark_parser_attach_syntax_extension(parser,
		    ext)) {
			cmark_parser_free(parser);
			return NULL;
		}
	}
	cmark_parser_feed(parser, m->text, m->len);
	doc = cmark_parser_finish(parser);
	cmark_parser_free(parser);
	return doc;
}

factsheet_status_t
parse_markdown(factsheet_publication_t *pub, const char *text, size_t len,
	       char **message)
{
	md_t m = { 0 };
	cmark_node *doc;
	size_t body;
	char *liquid = NULL;

	*message = NULL;
	/* A byte order mark is not part of the first line. */
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
		text += 3;
		len -= 3;
	}
	m.pub = pub;
	if ((body = front_matter_end(text, len, &m.line_offset)) > 0)
		front_matter(&m, text, body);
	else
		m.line_offset = 0;
	m.text = text + body;
	m.len = len - body;
	if (body > 0 && (memmem(m.text, m.len, "{{", 2) != NULL ||
	    memmem(m.text, m.len, "{%", 2) != NULL)) {
		if ((liquid = expand_liquid(&m, m.text, m.len)) == NULL) {
			meta_clear(&m);
			*message = str_printf("%s: out of memory while "
			    "parsing", pub->source);
			return FACTSHEET_STATUS_OUT_OF_MEMORY;
		}
		m.text = liquid;
		m.len = strlen(liquid);
	}
	if ((doc = parse_tree(&m)) == NULL) {
		*message = str_printf("%s: the Markdown parser failed",
		    pub->source);
		meta_clear(&m);
		free(liquid);
		return FACTSHEET_STATUS_OUT_OF_MEMORY;
	}
	if (pub->title == NULL && (pub->title = first_h1(&m, doc)) == NULL)
		pub->title = title_from_source(pub->source);
	if (pub->title == NULL)
		m.failed = 1;
	builder_init(&m.build, pub);
	if (!m.failed)
		walk(&m, doc, 0);
	flush_list(&m);
	flush_meta(&m);
	if (builder_finish(&m.build) < 0)
		m.failed = 1;
	cmark_node_free(doc);
	free(strbuf_finish(&m.list));
	meta_clear(&m);
	free(liquid);
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
