/*
 * parse-html.c - an HTML publication into sections, through libxml2's
 * forgiving HTML parser (which also decodes every entity): the body is
 * walked in document order, h1-h6 give the hierarchy (with their ids,
 * for deep links), paragraphs, lists and definition lists give the text,
 * tables give a header row and one section a row.  Collapsed content is
 * content: a <details> under its <summary>, an accordion's hidden panel
 * under its button, a tab's panel under its tab, hidden="until-found".
 * Navigation chrome (navigation, the site's header, footer and banner,
 * breadcrumbs, skip and share links) and scripts are left out, and give
 * no contacts; links keep their URL beside their text for contact
 * extraction.
 */
#include <config.h>

#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "factsheet-private.h"

/* Deeper nesting than this is no document people wrote; it is cut
 * rather than risk the stack. */
#define MAX_DEPTH 200
#define MAX_CELLS 64

typedef struct {
	factsheet_publication_t *pub;
	builder_t *build;	/* borrowed: the publication's builder */
	unsigned line_offset;	/* of a fragment inside another file */
	/* Text and inline elements met between blocks, waiting for the
	 * block that ends them. */
	strbuf_t pending;
	size_t pending_blank;	/* its first bytes known to be blank */
	unsigned pending_line;
	unsigned last_line;
	unsigned level;		/* of the last h1-h6 */
	/* The last heading that is no collapsed item, to go back under
	 * when text follows the end of an accordion or a <details>. */
	char *outer;		/* owned; NULL if none */
	unsigned outer_level;
	int in_item;		/* the section is a collapsed item's */
	int item_closed;	/* and the item's content has ended */
	unsigned item_level;	/* the item's heading level */
	unsigned inside;	/* collapsed content being walked */
	int failed;
} html_t;

/* How an element's text is rendered. */
enum {
	RENDER_URLS = 1,	/* a link's URL after its text */
	RENDER_LINES = 2,	/* blocks on lines of their own */
	RENDER_PRE = 4		/* line ends kept */
};

typedef enum {
	BLOCK_INLINE,
	BLOCK_SKIP,
	BLOCK_HEADING,
	BLOCK_QUESTION,		/* <summary> of a <details> */
	BLOCK_TOGGLE,		/* a disclosure's button, not in a heading */
	BLOCK_LEAF,		/* one paragraph */
	BLOCK_LIST,
	BLOCK_DL,
	BLOCK_TABLE,
	BLOCK_CONTAINER
} block_t;

/* Elements ---------------------------------------------------------- */

/* libxml2's HTML parser lower-cases element and attribute names, so a
 * plain comparison does (test-readers checks upper-case markup). */
static int
is(const xmlNode *n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, name) == 0;
}

static int
is_one_of(const xmlNode *n, const char *const *names)
{
	for (; *names != NULL; names++)
		if (is(n, *names))
			return 1;
	return 0;
}

/* The value of attribute NAME of N, borrowed from the tree; or NULL. */
static const char *
attr(const xmlNode *n, const char *name)
{
	for (const xmlAttr *a = n->properties; a != NULL; a = a->next)
		if (strcmp((const char *)a->name, name) == 0)
			return a->children && a->children->content ?
			    (const char *)a->children->content : "";
	return NULL;
}

/* 1 to 6 for h1 to h6, else 0. */
static unsigned
heading_level(const xmlNode *n)
{
	const char *name = (const char *)n->name;

	if (n->type != XML_ELEMENT_NODE || tolower((unsigned char)name[0]) !=
	    'h' || name[1] < '1' || name[1] > '6' || name[2] != '\0')
		return 0;
	return (unsigned)(name[1] - '0');
}

/* The mark a collapsed panel gets, in the _private field libxml2 leaves
 * to applications, when a button of the page says it controls it; a
 * tab's panel gets the tab instead, which names it. */
static const char panel_mark;

/* Whether S holds WORD (ASCII letters in lower case), in any case. */
static int
holds_ci(const char *s, const char *word)
{
	size_t n = strlen(word);

	for (; s != NULL && *s != '\0'; s++)
		if (strncasecmp(s, word, n) == 0)
			return 1;
	return 0;
}

/* Whether some space-separated token of attribute NAME of N holds WORD
 * but not AVOID (or NULL): class="usa-breadcrumb__list" holds
 * "breadcrumb". */
static int
token_holds(const xmlNode *n, const char *name, const char *word,
	    const char *avoid)
{
	const char *v = attr(n, name);
	char token[128];

	while (v != NULL && *v != '\0') {
		size_t len;

		v += strspn(v, " \t\r\n\f");
		len = strcspn(v, " \t\r\n\f");
		if (len > 0 && len < sizeof token) {
			memcpy(token, v, len);
			token[len] = '\0';
			if (holds_ci(token, word) &&
			    (avoid == NULL || !holds_ci(token, avoid)))
				return 1;
		}
		v += len;
	}
	return 0;
}

/* Whether a token of N's class starts with PREFIX. */
static int
class_starts(const xmlNode *n, const char *prefix)
{
	const char *v = attr(n, "class");
	size_t len = strlen(prefix);

	while (v != NULL && *v != '\0') {
		v += strspn(v, " \t\r\n\f");
		if (strncasecmp(v, prefix, len) == 0)
			return 1;
		v += strcspn(v, " \t\r\n\f");
	}
	return 0;
}

/* Whether N's role (a list of tokens) is ROLE. */
static int
role_is(const xmlNode *n, const char *role)
{
	const char *v = attr(n, "role");
	size_t len = strlen(role);

	while (v != NULL && *v != '\0') {
		v += strspn(v, " \t\r\n\f");
		if (strncasecmp(v, role, len) == 0 &&
		    strchr(" \t\r\n\f", v[len]) != NULL)
			return 1;
		v += strcspn(v, " \t\r\n\f");
	}
	return 0;
}

/* Whether N is inside the page's own content: <main>, an <article>,
 * role=main. */
static int
in_content(const xmlNode *n)
{
	for (n = n->parent; n != NULL; n = n->parent)
		if (is(n, "main") || is(n, "article") || role_is(n, "main"))
			return 1;
	return 0;
}

/* A site's header, unlike an article's, is page furniture. */
static int
is_site_header(const xmlNode *n)
{
	static const char *const articles[] = {
		"article", "main", "section", NULL
	};

	if (!is(n, "header") && !role_is(n, "banner"))
		return 0;
	for (n = n->parent; n != NULL; n = n->parent)
		if (is_one_of(n, articles) || role_is(n, "main"))
			return 0;
	return 1;
}

/* Whether HREF goes to the share form of a social network (or is an
 * e-mail to be addressed by the reader, "mailto:?subject=..."): it
 * passes the page on, it is no way to reach anyone. */
static int
is_share_url(const char *href)
{
	static const char *const shares[] = {
		"facebook.com/sharer", "facebook.com/share.php",
		"facebook.com/dialog/share", "twitter.com/intent/",
		"twitter.com/share", "x.com/intent/", "x.com/share",
		"linkedin.com/sharearticle", "linkedin.com/sharing/",
		"linkedin.com/cws/share", "pinterest.com/pin/create",
		"reddit.com/submit", "tumblr.com/share", "addtoany.com/",
		"addthis.com/", "api.whatsapp.com/send", NULL
	};

	href += strspn(href, " \t\r\n");
	if (strncasecmp(href, "mailto:?", 8) == 0)
		return 1;
	for (const char *const *s = shares; *s != NULL; s++) {
		size_t len = strlen(*s);

		/* At the start of a host name: "x.com/", not "fax.com/". */
		for (const char *h = href; *h != '\0'; h++)
			if (strncasecmp(h, *s, len) == 0 &&
			    (h == href || h[-1] == '/' || h[-1] == '.'))
				return 1;
	}
	return 0;
}

/* Whether link N only moves about the page: "Skip to main content",
 * "Back to top". */
static int
is_skip_link(const xmlNode *n)
{
	static const char *const skips[] = {
		"skip to ", "skip nav", "skip main", "jump to main",
		"jump to content", "back to top", "return to top",
		"go to top", "top of page", NULL
	};
	const char *href = attr(n, "href");
	xmlChar *content;
	const char *s;
	int yes = 0;

	if (href == NULL || href[strspn(href, " \t\r\n")] != '#' ||
	    (content = xmlNodeGetContent(n)) == NULL)
		return 0;
	s = (const char *)content + strspn((const char *)content,
	    " \t\r\n\f\v");
	for (const char *const *k = skips; *k != NULL && !yes; k++)
		yes = strncasecmp(s, *k, strlen(*k)) == 0;
	xmlFree(content);
	return yes;
}

/*
 * Navigation chrome: what a site puts around every page (navigation,
 * its header and footer, the "official website" banner, breadcrumbs,
 * skip links, share buttons, cookie notices, sidebars).  None of it is
 * the publication's text, and its links are no contacts.  A footer or an
 * <aside> inside <main> or an <article> is the article's own (a note, a
 * contact block), and is kept.
 */
static int
is_chrome(const xmlNode *n)
{
	static const char *const usa[] = {
		"usa-banner", "usa-identifier", "usa-skipnav", "usa-header",
		"usa-footer", "usa-nav", "usa-sidenav", "usa-breadcrumb", NULL
	};
	const char *label = attr(n, "aria-label");

	if (role_is(n, "navigation") || is_site_header(n))
		return 1;
	if ((is(n, "footer") || role_is(n, "contentinfo") || is(n, "aside") ||
	    role_is(n, "complementary")) && !in_content(n))
		return 1;
	for (const char *const *u = usa; *u != NULL; u++)
		if (class_starts(n, *u))
			return 1;
	if (token_holds(n, "class", "breadcrumb", NULL) ||
	    token_holds(n, "id", "breadcrumb", NULL) ||
	    holds_ci(label, "breadcrumb"))
		return 1;
	if (holds_ci(label, "official website of the united states") ||
	    holds_ci(label, "official government website"))
		return 1;
	if (token_holds(n, "class", "share", "shared") ||
	    token_holds(n, "id", "share", "shared") ||
	    token_holds(n, "aria-label", "share", "shared") ||
	    token_holds(n, "class", "skipnav", NULL) ||
	    token_holds(n, "class", "skip-link", NULL))
		return 1;
	if ((token_holds(n, "class", "cookie", NULL) ||
	    token_holds(n, "id", "cookie", NULL)) && !in_content(n))
		return 1;
	return is(n, "a") && (is_share_url(attr(n, "href") ?
	    attr(n, "href") : "") || is_skip_link(n));
}

/*
 * Hidden content that no reader of the page can reveal.  Collapsed
 * content is not that: hidden="until-found" is found by the browser's
 * search, and an accordion's panel (a button controls it, or its class
 * says so) opens with a click; both are indexed.
 */
static int
is_concealed(const xmlNode *n)
{
	const char *hidden = attr(n, "hidden");
	const char *aria = attr(n, "aria-hidden");

	/* Marked by the button or tab that opens it, or a tab's panel. */
	if (n->_private != NULL || role_is(n, "tabpanel"))
		return 0;
	if (hidden != NULL && strcasecmp(hidden, "until-found") != 0 &&
	    !token_holds(n, "class", "accordion", NULL) &&
	    !token_holds(n, "class", "collapse", NULL))
		return 1;
	return aria != NULL && strcasecmp(aria, "true") == 0;
}

/* A button that opens a collapsed panel: an accordion's or a
 * disclosure's (Bootstrap's may be a link that says what it opens). */
static int
is_toggle(const xmlNode *n)
{
	if (is(n, "a") && !role_is(n, "button"))
		return attr(n, "aria-controls") != NULL &&
		    attr(n, "aria-expanded") != NULL;
	return (is(n, "button") || role_is(n, "button")) &&
	    (attr(n, "aria-controls") != NULL ||
	    attr(n, "aria-expanded") != NULL);
}

/* Whether N is inside an h1-h6 (or a <summary>), which it names. */
static int
in_heading(const xmlNode *n)
{
	for (n = n->parent; n != NULL && n->type == XML_ELEMENT_NODE;
	    n = n->parent)
		if (heading_level(n) > 0 || is(n, "summary"))
			return 1;
	return 0;
}

/* What element N is, by itself. */
static block_t
element_kind(const xmlNode *n)
{
	static const char *const skip[] = {
		"script", "style", "nav", "noscript",
		"template", "svg", "select", "iframe", "object",
		"head", "title", NULL
	};
	static const char *const leaves[] = {
		"p", "pre", "address", "caption", "figcaption", "legend",
		"dt", NULL
	};
	static const char *const containers[] = {
		"html", "body", "div", "section", "article", "main",
		"blockquote", "dd", "li", "center", "details", "dialog",
		"fieldset", "figure", "form", "hgroup", "hr", "header",
		"footer", "aside", "tbody", "thead", "tfoot", "tr", "td", "th",
		"search", NULL
	};

	if (is_one_of(n, skip) || is_chrome(n) || is_concealed(n))
		return BLOCK_SKIP;
	/* A tab names its panel, where it is read. */
	if (role_is(n, "tab") && attr(n, "aria-controls") != NULL)
		return BLOCK_SKIP;
	/* A button's label is no text, but an accordion's names what it
	 * opens: the heading it sits in, or a heading of its own. */
	if (in_heading(n) && (is(n, "button") || is_toggle(n)))
		return BLOCK_INLINE;
	if (is_toggle(n))
		return BLOCK_TOGGLE;
	if (is(n, "button"))
		return BLOCK_SKIP;
	if (heading_level(n) > 0)
		return BLOCK_HEADING;
	if (is(n, "summary"))
		return BLOCK_QUESTION;
	if (is_one_of(n, leaves))
		return BLOCK_LEAF;
	if (is(n, "ul") || is(n, "ol") || is(n, "menu"))
		return BLOCK_LIST;
	if (is(n, "dl"))
		return BLOCK_DL;
	if (is(n, "table"))
		return BLOCK_TABLE;
	if (is_one_of(n, containers))
		return BLOCK_CONTAINER;
	return BLOCK_INLINE;
}

/* Whether inline element N holds blocks, through a few inline levels. */
static int
holds_blocks(const xmlNode *n, int depth)
{
	for (const xmlNode *c = n->children; c != NULL; c = c->next) {
		block_t kind;

		if (c->type != XML_ELEMENT_NODE || is(c, "a"))
			continue;
		if ((kind = element_kind(c)) != BLOCK_INLINE &&
		    kind != BLOCK_SKIP)
			return 1;
		if (kind == BLOCK_INLINE && depth < 8 &&
		    holds_blocks(c, depth + 1))
			return 1;
	}
	return 0;
}

static block_t
block_kind(const xmlNode *n)
{
	block_t kind = element_kind(n);

	/* A <span> or <font> around headings and lists (VA.gov wraps a
	 * whole group of questions in one) holds blocks, not words of a
	 * line; a link is kept whole, for its URL. */
	if (kind == BLOCK_INLINE && n->type == XML_ELEMENT_NODE &&
	    !is(n, "a") && holds_blocks(n, 0))
		return BLOCK_CONTAINER;
	return kind;
}

static unsigned
line_of(html_t *p, const xmlNode *n)
{
	long line = xmlGetLineNo(n), parent;

	/* libxml2 gives a text node the line where it ends: its words
	 * start as many line ends earlier as follow the first of them. */
	if (n->type == XML_TEXT_NODE && n->content != NULL && line > 0) {
		const char *s = (const char *)n->content;

		for (s += strspn(s, " \t\r\n\f\v"); *s != '\0'; s++)
			line -= *s == '\n';
		if (n->parent != NULL &&
		    (parent = xmlGetLineNo(n->parent)) > line)
			line = parent;
	}
	if (line > 0 && line <= UINT_MAX - p->line_offset)
		p->last_line = (unsigned)line + p->line_offset;
	return p->last_line;
}

/* Text -------------------------------------------------------------- */

/* Text as written, its line ends kept only in preformatted text, and
 * no-break spaces (&nbsp;, everywhere on CMS pages) as spaces. */
static void
add_text(strbuf_t *out, const char *s, int flags)
{
	while (*s != '\0') {
		size_t n = strcspn(s, "\t\r\n\f\v\xc2");

		strbuf_append(out, s, n);
		s += n;
		if (*s == '\0')
			break;
		if (s[0] == '\xc2' && s[1] != '\xa0') {
			strbuf_append(out, s++, 1);
			continue;
		}
		strbuf_puts(out, (flags & RENDER_PRE) && *s == '\n' ? "\n" :
		    " ");
		s += s[0] == '\xc2' ? 2 : 1;
	}
}

static void render(const xmlNode *n, strbuf_t *out, int flags, int depth);

static void
render_children(const xmlNode *n, strbuf_t *out, int flags, int depth)
{
	for (const xmlNode *c = n->children; c != NULL; c = c->next)
		render(c, out, flags, depth + 1);
}

/* A list's items on lines of their own: "- item", "2. item". */
static void
render_list(const xmlNode *list, strbuf_t *out, int flags, int depth)
{
	unsigned number = 0;
	size_t mark, start;

	for (const xmlNode *c = list->children; c != NULL; c = c->next) {
		if (!is(c, "li")) {
			render(c, out, flags, depth + 1);
			continue;
		}
		if (block_kind(c) == BLOCK_SKIP)
			continue;
		mark = out->len;
		if (is(list, "ol"))
			strbuf_printf(out, "\n%u. ", number + 1);
		else
			strbuf_puts(out, "\n- ");
		start = out->len;
		render_children(c, out, flags & ~RENDER_LINES, depth + 1);
		/* An item of skipped elements only (a tab list's buttons)
		 * is no item. */
		if (!out->failed && out->len >= start &&
		    out->data[start + strspn(out->data + start,
		    " \t\r\n\f\v")] == '\0') {
			out->len = mark;
			out->data[mark] = '\0';
			continue;
		}
		number++;
		strbuf_puts(out, "\n");
	}
}

/* The text of node N, appended to OUT; lines to be squeezed. */
static void
render(const xmlNode *n, strbuf_t *out, int flags, int depth)
{
	block_t kind;
	size_t mark;

	if (depth > MAX_DEPTH)
		return;
	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		if (n->content != NULL)
			add_text(out, (const char *)n->content, flags);
		return;
	}
	if (n->type != XML_ELEMENT_NODE ||
	    (kind = block_kind(n)) == BLOCK_SKIP)
		return;
	if (is(n, "br")) {
		strbuf_puts(out, "\n");
	} else if (is(n, "img")) {
		const char *alt = attr(n, "alt");

		/* Alt text is a word of the sentence: "our logo, and". */
		strbuf_printf(out, " %s", alt ? alt : "");
	} else if (kind == BLOCK_LIST) {
		render_list(n, out, flags, depth);
	} else if (is(n, "a")) {
		const char *href = attr(n, "href");

		mark = out->len;
		render_children(n, out, flags, depth);
		if ((flags & RENDER_URLS) && href != NULL) {
			href += strspn(href, " \t\r\n");
			reader_link_destination(out, mark, href,
			    strcspn(href, " \t\r\n"));
		}
	} else if (kind != BLOCK_INLINE) {
		const char *sep = (flags & RENDER_LINES) &&
		    !is(n, "td") && !is(n, "th") ? "\n" : " ";

		if (is(n, "pre"))
			flags |= RENDER_PRE;
		strbuf_puts(out, sep);
		render_children(n, out, flags, depth);
		strbuf_puts(out, sep);
	} else {
		render_children(n, out, flags, depth);
	}
}

/* N's text as lines; NULL (and P failed) when out of memory. */
static char *
text_of(html_t *p, const xmlNode *n, int flags)
{
	strbuf_t out = { 0 };
	char *text;

	if (n->type == XML_ELEMENT_NODE && block_kind(n) == BLOCK_LIST)
		render_list(n, &out, flags, 0);
	else
		render_children(n, &out, flags, 0);
	if ((text = strbuf_finish(&out)) == NULL)
		p->failed = 1;
	return text ? text_squeeze_lines(text) : NULL;
}

/* N's text on one line, for headings and names. */
static char *
line_text_of(html_t *p, const xmlNode *n)
{
	char *text = text_of(p, n, 0);

	return text ? text_squeeze_space(text) : NULL;
}

/* Paragraphs --------------------------------------------------------- */

/* LINE without its list marker ("- ", "3. "). */
static const char *
item_text(const char *line)
{
	const char *s = line;

	if (s[0] == '-' && s[1] == ' ')
		return s + 2;
	while (isdigit((unsigned char)*s))
		s++;
	return s > line && s[0] == '.' && s[1] == ' ' ? s + 2 : line;
}

/*
 * Before text from LINE: text after the end of an accordion's panel or a
 * <details> is not the last item's but the heading's over them, which
 * is given again for it.
 */
static void
resume(html_t *p, unsigned line)
{
	if (!p->in_item || !p->item_closed)
		return;
	if (p->outer != NULL)
		builder_heading(p->build, p->outer_level, p->outer, NULL, line);
	p->in_item = 0;
	p->item_closed = 0;
}

static void
flush_run(html_t *p, strbuf_t *run, unsigned *lines, unsigned line)
{
	char *text = strbuf_finish(run);

	if (text == NULL)
		p->failed = 1;
	else if (text[0] != '\0') {
		resume(p, line);
		builder_paragraph(p->build, text, line, *lines == 1);
	}
	free(text);
	*lines = 0;
}

/*
 * TEXT (lines) as a paragraph from source line LINE.  A label line goes
 * to the builder on its own, where it starts a Problem: or Solution:
 * block or becomes a contact.
 */
static void
emit_text(html_t *p, char *text, unsigned line)
{
	strbuf_t run = { 0 };
	unsigned lines = 0;
	char *save = NULL;

	for (char *l = strtok_r(text, "\n", &save); l != NULL;
	    l = strtok_r(NULL, "\n", &save)) {
		if (links_is_label_line(item_text(l), NULL)) {
			flush_run(p, &run, &lines, line);
			resume(p, line);
			builder_paragraph(p->build, item_text(l), line, 1);
			continue;
		}
		if (run.len > 0)
			strbuf_puts(&run, "\n");
		strbuf_puts(&run, l);
		lines++;
	}
	flush_run(p, &run, &lines, line);
}

static void
flush_pending(html_t *p)
{
	char *text = strbuf_finish(&p->pending);

	p->pending_blank = 0;
	if (text == NULL) {
		p->failed = 1;
		return;
	}
	emit_text(p, text_squeeze_lines(text), p->pending_line);
	free(text);
}

/* Whether the pending text is still blank; what is known to be blank
 * is not looked at again. */
static int
pending_is_blank(html_t *p)
{
	for (; p->pending_blank < p->pending.len; p->pending_blank++)
		if (!isspace((unsigned char)p->pending.data[p->pending_blank]))
			return 0;
	return 1;
}

/* Text or an inline element outside any paragraph. */
static void
add_inline(html_t *p, const xmlNode *n, int depth)
{
	if (pending_is_blank(p))
		p->pending_line = line_of(p, n);
	render(n, &p->pending, RENDER_URLS, depth);
}

static void
paragraph(html_t *p, const xmlNode *n, int flags)
{
	char *text = text_of(p, n, flags);

	if (text != NULL)
		emit_text(p, text, line_of(p, n));
	free(text);
}

/* Headings ---------------------------------------------------------- */

static const char *
id_of(const xmlNode *n)
{
	const char *id = attr(n, "id");

	if ((id == NULL || id[0] == '\0') && is(n, "a"))
		id = attr(n, "name");
	return id != NULL && id[0] != '\0' ? id : NULL;
}

/* The first <a id=...> or <a name=...> inside N. */
static const char *
inner_anchor(const xmlNode *n, int depth)
{
	const char *id;

	for (const xmlNode *c = n->children; c && depth < 4; c = c->next) {
		if (is(c, "a") && (id = id_of(c)) != NULL)
			return id;
		if (c->type == XML_ELEMENT_NODE &&
		    (id = inner_anchor(c, depth + 1)) != NULL)
			return id;
	}
	return NULL;
}

static int
is_blank_text(const xmlNode *n)
{
	if (n->type == XML_COMMENT_NODE)
		return 1;
	if (n->type != XML_TEXT_NODE || n->content == NULL)
		return 0;
	for (const xmlChar *s = n->content; *s != '\0'; s++)
		if (!isspace(*s))
			return 0;
	return 1;
}

static const xmlNode *
previous_element(const xmlNode *n)
{
	for (n = n->prev; n != NULL && is_blank_text(n); n = n->prev)
		;
	return n;
}

/*
 * Where a heading can be linked to: its id, an anchor inside it, the id
 * of a section or div it starts, or an empty <a name=...> just before.
 */
static const char *
anchor_of(const xmlNode *h)
{
	static const char *const wrappers[] = {
		"section", "div", "article", "details", NULL
	};
	const xmlNode *prev;
	const char *id;

	if ((id = id_of(h)) != NULL || (id = inner_anchor(h, 0)) != NULL)
		return id;
	for (const xmlNode *n = h; n->parent != NULL &&
	    is_one_of(n->parent, wrappers) && previous_element(n) == NULL;
	    n = n->parent)
		if ((id = id_of(n->parent)) != NULL)
			return id;
	prev = previous_element(h);
	if (is(prev, "a") && prev->children == NULL &&
	    (id = id_of(prev)) != NULL)
		return id;
	return NULL;
}

/* The first id of attribute NAME of N (a list of ids, such as
 * aria-controls), copied to BUF; or NULL. */
static const char *
first_id(const xmlNode *n, const char *name, char *buf, size_t size)
{
	const char *ids = attr(n, name);
	size_t len;

	if (ids == NULL)
		return NULL;
	ids += strspn(ids, " \t\r\n\f");
	if ((len = strcspn(ids, " \t\r\n\f")) == 0 || len >= size)
		return NULL;
	memcpy(buf, ids, len);
	buf[len] = '\0';
	return buf;
}

/* The first toggle inside N, an accordion heading's button. */
static const xmlNode *
inner_toggle(const xmlNode *n, int depth)
{
	const xmlNode *found;

	for (const xmlNode *c = n->children; c && depth < 4; c = c->next) {
		if (is_toggle(c))
			return c;
		if (c->type == XML_ELEMENT_NODE &&
		    (found = inner_toggle(c, depth + 1)) != NULL)
			return found;
	}
	return NULL;
}

/* Where a heading or a toggle can be linked to: as anchor_of() finds,
 * else the panel its button opens (USWDS accordions open the panel a
 * link names). */
static const char *
anchor_or_panel(const xmlNode *n, char *buf, size_t size)
{
	const char *id = anchor_of(n);
	const xmlNode *toggle = is_toggle(n) ? n : inner_toggle(n, 0);

	if (id == NULL && toggle != NULL)
		id = first_id(toggle, "aria-controls", buf, size);
	return id;
}

/* What a heading is to collapsed content. */
typedef enum {
	HEADING_OUTER,		/* none of it: the page's own */
	HEADING_ITEM,		/* an accordion's item (a button in it) */
	HEADING_INNER		/* inside an item's content */
} heading_role_t;

static void
heading(html_t *p, const xmlNode *n, unsigned level, heading_role_t role)
{
	char *text = line_text_of(p, n), buf[128];

	if (text == NULL || text[0] == '\0') {
		free(text);
		return;
	}
	builder_heading(p->build, level, text, anchor_or_panel(n, buf,
	    sizeof buf), line_of(p, n));
	if (role == HEADING_OUTER) {
		p->in_item = 0;
		free(p->outer);
		p->outer = text;
		p->outer_level = level;
		return;
	}
	if (role == HEADING_ITEM) {
		p->in_item = 1;
		p->item_closed = 0;
		p->item_level = level;
	}
	free(text);
}

/*
 * Whether TEXT, a disclosure's label, says only how to open it ("Show
 * more", "Read more", "Expand all"): no heading, as it names nothing.
 */
static int
is_control_label(const char *text)
{
	static const char *const labels[] = {
		"more", "less", "details", "read more", "see more",
		"show more", "show less", "view more", "learn more",
		"more details", "show details", "see details", "view details",
		"more information", "more info", "expand", "collapse",
		"expand all", "collapse all", "open all", "close all",
		"show all", "hide all", "toggle", "open", "close", "menu",
		NULL
	};
	static const char *const starts[] = {
		"show ", "hide ", "expand ", "collapse ", NULL
	};
	size_t len = strlen(text);

	/* "More...", "Show more +", "More…" */
	while (len > 0 && strchr(" .:+-\xa6\x80\xe2", text[len - 1]) != NULL)
		len--;
	for (const char *const *l = labels; *l != NULL; l++)
		if (strlen(*l) == len && strncasecmp(text, *l, len) == 0)
			return 1;
	for (const char *const *l = starts; *l != NULL; l++)
		if (strncasecmp(text, *l, strlen(*l)) == 0)
			return 1;
	return 0;
}

/*
 * What opens collapsed content (a <summary>, an accordion's button, a
 * <dt> question) with its label TEXT: a heading one level below the
 * last, or at the level of a heading inside it; the content that
 * follows is its section.  A label that only says "Show more" stays a
 * line of the text it opens.
 */
static void
question(html_t *p, const xmlNode *n, const char *text, const char *anchor)
{
	unsigned level = p->level < BUILDER_LEVELS ? p->level + 1 :
	    BUILDER_LEVELS;
	char buf[128];

	if (is_control_label(text)) {
		resume(p, line_of(p, n));
		builder_paragraph(p->build, text, line_of(p, n), 1);
		return;
	}
	for (const xmlNode *c = n->children; c != NULL; c = c->next)
		if (heading_level(c) > 0) {
			level = heading_level(c);
			break;
		}
	builder_heading(p->build, level, text, anchor ? anchor :
	    anchor_or_panel(n, buf, sizeof buf), line_of(p, n));
	p->in_item = 1;
	p->item_closed = 0;
	p->item_level = level;
}

/* Blocks ------------------------------------------------------------ */

static void walk(html_t *p, const xmlNode *parent, int depth);

/* Whether a list holds headings or tables: then its items are walked
 * as blocks rather than flattened to lines. */
static int
has_structure(const xmlNode *n, int depth)
{
	for (const xmlNode *c = n->children; c && depth < MAX_DEPTH;
	    c = c->next) {
		block_t kind;

		if (c->type != XML_ELEMENT_NODE)
			continue;
		kind = block_kind(c);
		if (kind == BLOCK_HEADING || kind == BLOCK_TABLE ||
		    kind == BLOCK_DL || kind == BLOCK_QUESTION ||
		    kind == BLOCK_TOGGLE ||
		    (kind != BLOCK_SKIP && has_structure(c, depth + 1)))
			return 1;
	}
	return 0;
}

static void
list(html_t *p, const xmlNode *n, int depth)
{
	if (has_structure(n, depth)) {
		walk(p, n, depth + 1);
		flush_pending(p);
	} else {
		paragraph(p, n, RENDER_URLS);
	}
}

/* A term that is no question with its definition: "TTY: 1-877-...". */
static void
term_and_definition(html_t *p, char *term, unsigned line, const xmlNode *dd)
{
	char *def = dd ? text_of(p, dd, RENDER_URLS | RENDER_LINES) : NULL;
	char *text;

	if (def != NULL && def[0] != '\0')
		text = str_printf("%s%s %s", term,
		    term[strlen(term) - 1] == ':' ? "" : ":", def);
	else
		text = str_printf("%s", term);
	if (text == NULL)
		p->failed = 1;
	else
		emit_text(p, text, line);
	free(text);
	free(def);
}

static void
definition_list(html_t *p, const xmlNode *dl, int depth)
{
	char *term = NULL;
	unsigned term_line = 0;

	for (const xmlNode *n = dl->children; n && !p->failed; n = n->next) {
		char *text;

		if (n->type != XML_ELEMENT_NODE ||
		    block_kind(n) == BLOCK_SKIP)
			continue;
		if (is(n, "dt")) {
			if (term != NULL)
				term_and_definition(p, term, term_line, NULL);
			free(term);
			term = NULL;
			if ((text = line_text_of(p, n)) == NULL ||
			    text[0] == '\0') {
				free(text);
			} else if (text[strlen(text) - 1] == '?') {
				question(p, n, text, NULL);
				free(text);
			} else {
				term = text;
				term_line = line_of(p, n);
			}
		} else if (is(n, "dd") && term != NULL) {
			term_and_definition(p, term, term_line, n);
			free(term);
			term = NULL;
		} else if (is(n, "div") && depth < MAX_DEPTH) {
			definition_list(p, n, depth + 1);
		} else {
			walk(p, n, depth + 1);
			flush_pending(p);
		}
	}
	if (term != NULL)
		term_and_definition(p, term, term_line, NULL);
	free(term);
}

/* The row after ROW of table T (the first when ROW is NULL), through
 * thead, tbody and tfoot but not into nested tables. */
static const xmlNode *
next_row(const xmlNode *t, const xmlNode *row)
{
	static const char *const groups[] = {
		"thead", "tbody", "tfoot", NULL
	};
	const xmlNode *n;

	if (row == NULL)
		n = t->children;
	else if (row->next != NULL || row->parent == t)
		n = row->next;
	else
		n = row->parent->next;
	while (n != NULL) {
		if (is(n, "tr"))
			return n;
		if (is_one_of(n, groups) && n->parent == t &&
		    n->children != NULL)
			n = n->children;
		else if (n->next != NULL || n->parent == t)
			n = n->next;
		else
			n = n->parent->next;
	}
	return NULL;
}

static size_t
row_cells(const xmlNode *row, const xmlNode **cells)
{
	size_t n = 0;

	for (const xmlNode *c = row->children; c && n < MAX_CELLS;
	    c = c->next)
		if (is(c, "td") || is(c, "th"))
			cells[n++] = c;
	return n;
}

/* A header row: all its cells are <th>, or it is in <thead>. */
static int
is_header_row(const xmlNode *row, const xmlNode *const *cells, size_t n)
{
	if (is(row->parent, "thead"))
		return 1;
	for (size_t i = 0; i < n; i++)
		if (!is(cells[i], "th"))
			return 0;
	return 1;
}

/* A header row: every cell's text (on one line, an empty corner cell
 * included) to the builder, which labels the rows' cells with it. */
static void
table_header(html_t *p, const xmlNode *row, const xmlNode *const *cells,
	     size_t n)
{
	char *texts[MAX_CELLS];
	size_t k, words = 0;

	for (k = 0; k < n; k++) {
		if ((texts[k] = line_text_of(p, cells[k])) == NULL)
			break;
		words += texts[k][0] != '\0';
	}
	if (k == n && words > 0 && !p->failed) {
		resume(p, line_of(p, row));
		builder_table_header(p->build, (const char *const *)texts, n,
		    line_of(p, row));
	}
	for (size_t i = 0; i < k; i++)
		free(texts[i]);
}

/* One row: its first cell with text names it, the others hold its
 * text and contacts (a link as "text URL"). */
static void
table_row(html_t *p, const xmlNode *row, const xmlNode *const *cells,
	  size_t n)
{
	char *texts[MAX_CELLS + 1], *name = NULL;
	size_t k = 0, first;

	for (first = 0; first < n; first++) {
		free(name);
		if ((name = line_text_of(p, cells[first])) == NULL ||
		    name[0] != '\0')
			break;
	}
	if (name == NULL || first == n) {
		free(name);
		return;
	}
	/* A link in the name cell is kept, labelled by the name. */
	texts[k] = text_of(p, cells[first], RENDER_URLS | RENDER_LINES);
	if (texts[k] != NULL && strcmp(texts[k], name) != 0 &&
	    strchr(texts[k], '\n') == NULL)
		k++;
	else
		free(texts[k]);
	for (size_t i = first + 1; i < n; i++)
		if ((texts[k] = text_of(p, cells[i],
		    RENDER_URLS | RENDER_LINES)) != NULL)
			k++;
	if (!p->failed) {
		resume(p, line_of(p, row));
		builder_table_row(p->build, name, (const char *const *)texts,
		    k, line_of(p, row));
	}
	free(name);
	for (size_t i = 0; i < k; i++)
		free(texts[i]);
}

static void
table(html_t *p, const xmlNode *t, int depth)
{
	const xmlNode *row, *cells[MAX_CELLS];
	size_t widest = 0;

	for (row = next_row(t, NULL); row != NULL; row = next_row(t, row)) {
		size_t n = row_cells(row, cells);

		widest = n > widest ? n : widest;
	}
	for (const xmlNode *c = t->children; c != NULL; c = c->next)
		if (is(c, "caption"))
			paragraph(p, c, RENDER_URLS);
	/* A table of one column, or holding headings or tables, lays out
	 * a page: it is no list of rows. */
	if (widest < 2 || has_structure(t, depth)) {
		for (row = next_row(t, NULL); row && !p->failed;
		    row = next_row(t, row)) {
			walk(p, row, depth + 1);
			flush_pending(p);
		}
		return;
	}
	for (row = next_row(t, NULL); row && !p->failed;
	    row = next_row(t, row)) {
		size_t n = row_cells(row, cells);

		if (n > 0 && is_header_row(row, cells, n))
			table_header(p, row, cells, n);
		else if (n > 0)
			table_row(p, row, cells, n);
	}
	builder_table_end(p->build);
}

/* The element the first id of attribute NAME of N names, or NULL. */
static const xmlNode *
referred(const xmlNode *n, const char *name)
{
	char buf[128];
	const char *id = first_id(n, name, buf, sizeof buf);
	xmlAttrPtr a;

	if (id == NULL || n->doc == NULL ||
	    (a = xmlGetID(n->doc, (const xmlChar *)id)) == NULL)
		return NULL;
	return a->parent;
}

/*
 * A container N.  A tab's panel is headed by its tab (the one that
 * controls it, or the one it is labelled by); the end of collapsed
 * content (a panel, a <details>, hidden="until-found") ends the item it
 * was under.
 */
static void
collapsed(html_t *p, const xmlNode *n, int depth)
{
	const char *hidden = attr(n, "hidden");
	const xmlNode *tab = n->_private != NULL &&
	    n->_private != &panel_mark ? n->_private : NULL;
	char *text;
	int collapsible;

	if (tab == NULL && role_is(n, "tabpanel"))
		tab = referred(n, "aria-labelledby");
	if (tab != NULL && (text = line_text_of(p, tab)) != NULL) {
		if (text[0] != '\0')
			question(p, tab, text, id_of(n));
		free(text);
	}
	if (!(collapsible = is(n, "details") || n->_private != NULL ||
	    tab != NULL || (hidden != NULL &&
	    strcasecmp(hidden, "until-found") == 0))) {
		walk(p, n, depth + 1);
		flush_pending(p);
		return;
	}
	p->inside++;
	walk(p, n, depth + 1);
	flush_pending(p);
	p->inside--;
	p->item_closed = 1;
}

/* The blocks under PARENT, in document order. */
static void
walk(html_t *p, const xmlNode *parent, int depth)
{
	if (depth > MAX_DEPTH)
		return;
	for (const xmlNode *n = parent->children; n && !p->failed;
	    n = n->next) {
		block_t kind;
		char *text;
		unsigned level;

		if (n->type == XML_TEXT_NODE ||
		    n->type == XML_CDATA_SECTION_NODE) {
			add_inline(p, n, depth);
			continue;
		}
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if ((kind = block_kind(n)) == BLOCK_INLINE) {
			add_inline(p, n, depth);
			continue;
		}
		if (kind == BLOCK_SKIP)
			continue;
		flush_pending(p);
		switch (kind) {
		case BLOCK_HEADING:
			/* An accordion's headings are its items: questions
			 * or buttons after them sit beside them, below the
			 * heading over the accordion. */
			level = heading_level(n);
			if (inner_toggle(n, 0) != NULL) {
				heading(p, n, level, HEADING_ITEM);
			} else if (p->inside > 0 && p->in_item &&
			    !p->item_closed) {
				/* A heading in an item's answer is below
				 * the item, whatever its own level. */
				if (level <= p->item_level)
					level = p->item_level <
					    BUILDER_LEVELS ?
					    p->item_level + 1 : BUILDER_LEVELS;
				heading(p, n, level, HEADING_INNER);
			} else {
				p->level = level;
				heading(p, n, level, HEADING_OUTER);
			}
			break;
		case BLOCK_QUESTION:
		case BLOCK_TOGGLE:
			if ((text = line_text_of(p, n)) != NULL &&
			    text[0] != '\0')
				question(p, n, text, NULL);
			free(text);
			break;
		case BLOCK_LEAF:
			paragraph(p, n, RENDER_URLS | (is(n, "pre") ?
			    RENDER_PRE : 0));
			break;
		case BLOCK_LIST:
			list(p, n, depth);
			break;
		case BLOCK_DL:
			definition_list(p, n, depth);
			break;
		case BLOCK_TABLE:
			table(p, n, depth);
			break;
		default:
			collapsed(p, n, depth);
			break;
		}
	}
}

/* The document ------------------------------------------------------ */

static const xmlNode *
child_named(const xmlNode *n, const char *name)
{
	for (n = n ? n->children : NULL; n != NULL; n = n->next)
		if (is(n, name))
			return n;
	return NULL;
}

/* The first element named NAME under N, in document order. */
static const xmlNode *
find(const xmlNode *n, const char *name, int depth)
{
	const xmlNode *found;

	for (n = n ? n->children : NULL; n && depth < MAX_DEPTH; n = n->next) {
		if (is(n, name))
			return n;
		if ((found = find(n, name, depth + 1)) != NULL)
			return found;
	}
	return NULL;
}

/*
 * TITLE without the site's name after it ("Get help | CMS") when the
 * page's h1 H1 confirms what the page is called; in place.
 */
static void
drop_site_name(char *title, const char *h1)
{
	static const char *const separators[] = {
		" | ", " - ", " \xe2\x80\x93 ", " \xe2\x80\x94 ", " :: ", NULL
	};
	size_t len = strlen(h1);

	if (len == 0 || strncmp(title, h1, len) != 0)
		return;
	for (const char *const *s = separators; *s != NULL; s++)
		if (strncmp(title + len, *s, strlen(*s)) == 0) {
			title[len] = '\0';
			return;
		}
}

/* <title> (less the site's name), else the first <h1>, else the file's
 * name. */
static char *
title_of(html_t *p, const xmlNode *root, const xmlNode *body)
{
	const xmlNode *n = child_named(child_named(root, "head"), "title");
	const xmlNode *h1 = find(body, "h1", 0);
	char *title = NULL, *first = NULL;

	if (h1 != NULL && (first = line_text_of(p, h1)) == NULL)
		return NULL;
	if (n != NULL && (title = line_text_of(p, n)) != NULL &&
	    title[0] == '\0') {
		free(title);
		title = NULL;
	}
	if (title != NULL && first != NULL)
		drop_site_name(title, first);
	if (title == NULL && !p->failed && first != NULL && first[0] != '\0') {
		title = first;
		first = NULL;
	}
	free(first);
	if (title == NULL && !p->failed)
		title = title_from_source(p->pub->source);
	return title;
}

/* Marks the panels that the space-separated ids IDS name, as opened
 * by CONTROL: a tab is kept, as it names its panel. */
static void
mark_ids(htmlDocPtr doc, xmlNode *control, const char *ids)
{
	char id[128];

	while (*ids != '\0') {
		size_t len;
		xmlAttrPtr a;

		ids += strspn(ids, " \t\r\n\f");
		len = strcspn(ids, " \t\r\n\f");
		if (len > 0 && len < sizeof id) {
			memcpy(id, ids, len);
			id[len] = '\0';
			/* libxml2 keeps the ids of an HTML document. */
			if ((a = xmlGetID(doc, (const xmlChar *)id)) != NULL &&
			    a->parent != NULL)
				a->parent->_private = role_is(control,
				    "tab") ? (void *)control :
				    (void *)&panel_mark;
		}
		ids += len;
	}
}

/*
 * Marks every element that a button of the page says it opens
 * (aria-controls): an accordion's panel, hidden until the button is
 * pressed, is content all the same.  Done before the walk, as a panel
 * may come before its button.  Buttons of the chrome (the banner's
 * "Here's how you know", a menu) open no content.
 */
static void
mark_panels(htmlDocPtr doc, xmlNode *n, int depth)
{
	for (; n != NULL && depth <= MAX_DEPTH; n = n->next) {
		const char *ids;

		if (n->type != XML_ELEMENT_NODE || is_chrome(n))
			continue;
		if ((ids = attr(n, "aria-controls")) != NULL)
			mark_ids(doc, n, ids);
		mark_panels(doc, n->children, depth + 1);
	}
}

/* Parses LEN bytes of HTML with libxml2's forgiving parser, as UTF-8
 * whatever the document says; NULL if nothing could be read. */
static htmlDocPtr
read_html(const char *text, size_t len)
{
	/* A byte order mark is not part of the first line. */
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
		text += 3;
		len -= 3;
	}
	return len > INT_MAX ? NULL : htmlReadMemory(text, (int)len, NULL,
	    "UTF-8", HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
	    HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC);
}

int
parse_html_into(builder_t *b, const char *html, size_t len, unsigned line)
{
	html_t p = { 0 };
	htmlDocPtr doc;
	const xmlNode *root, *body;

	p.pub = b->pub;
	p.build = b;
	p.line_offset = line > 0 ? line - 1 : 0;
	p.last_line = line;
	/* A <summary> or <dt> goes one level below the borrowed builder's
	 * deepest heading, not above it. */
	for (unsigned i = BUILDER_LEVELS; i > 0 && p.level == 0; i--)
		if (b->levels[i - 1] != NULL)
			p.level = i;
	if ((doc = read_html(html, len)) == NULL)
		return 0;
	root = xmlDocGetRootElement(doc);
	mark_panels(doc, xmlDocGetRootElement(doc), 0);
	/* A fragment's elements land in the body libxml2 makes for it,
	 * or its head for elements such as <meta>. */
	if ((body = child_named(root, "body")) != NULL) {
		walk(&p, body, 0);
		flush_pending(&p);
	}
	free(strbuf_finish(&p.pending));
	free(p.outer);
	xmlFreeDoc(doc);
	if (p.failed)
		b->failed = 1;
	return p.failed ? -1 : 0;
}

factsheet_status_t
parse_html(factsheet_publication_t *pub, const char *text, size_t len,
	   char **message)
{
	html_t p = { 0 };
	builder_t build;
	htmlDocPtr doc;
	const xmlNode *root, *body;

	*message = NULL;
	p.pub = pub;
	p.build = &build;
	/* The text is checked UTF-8 whatever its <meta charset> says. */
	if ((doc = read_html(text, len)) == NULL) {
		*message = str_printf("%s: not an HTML document that can be "
		    "read", pub->source);
		return FACTSHEET_STATUS_BAD_INPUT;
	}
	root = xmlDocGetRootElement(doc);
	mark_panels(doc, xmlDocGetRootElement(doc), 0);
	body = child_named(root, "body");
	p.last_line = 1;
	pub->title = title_of(&p, root, body);
	builder_init(&build, pub);
	if (pub->title == NULL)
		p.failed = 1;
	else if (body != NULL) {
		walk(&p, body, 0);
		flush_pending(&p);
	}
	if (builder_finish(&build) < 0)
		p.failed = 1;
	free(strbuf_finish(&p.pending));
	free(p.outer);
	xmlFreeDoc(doc);
	if (p.failed) {
		*message = str_printf("%s: out of memory while parsing",
		    pub->source);
		return FACTSHEET_STATUS_OUT_OF_MEMORY;
	}
	if (pub->n_sections == 0) {
		*message = str_printf("%s: no text in the HTML body",
		    pub->source);
		return FACTSHEET_STATUS_BAD_INPUT;
	}
	return FACTSHEET_STATUS_SUCCESS;
}
