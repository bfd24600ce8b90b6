/*
 * parse-factsheet.c - plain text into a publication: a CMS fact sheet
 * converted from PDF, a help file, a text manual, an FAQ, or a
 * reStructuredText source.  Front matter (agency lines, title, series),
 * then sections: Problem:/Solution: blocks, rows of a tab-separated
 * table, questions and their answers (Q:/A:), and runs of paragraphs
 * under their headings.
 *
 * Headings are underlined (and maybe overlined) with a line of one
 * punctuation character, numbered ("1.2 Passwords", "IV. Appeals",
 * "Chapter 2"), in capitals, or short lines standing alone.  As
 * reStructuredText has it, a kind of heading takes the level of its
 * first appearance: the first kind met is level 1, the next new one
 * level 2, and so on, so a document's own hierarchy is kept whatever
 * characters it underlines with.  A question ("Q:", or a line ending in
 * "?" over its answer) heads a section one level below the heading
 * above it.  A file with none of these is read as a fact sheet always
 * was: its short lines alone head sections, or groups of problems and
 * rows.
 *
 * Every paragraph lands in some section, so no text of the file is
 * unsearchable.  Only markup is left out: adornment lines, and in
 * reStructuredText the directives, targets, comments, options and the
 * characters of inline markup; the content of a directive (a note, a
 * warning, a code block) is text like any other.
 */
#include <config.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>


#include "factsheet-private.h"

typedef enum {
	LINE_TEXT,
	LINE_BLANK,
	LINE_MARKUP,		/* no words: an adornment, a directive */
	LINE_TITLE,		/* the text of an underlined heading */
	LINE_HTML		/* the content of a raw HTML directive */
} line_role_t;

typedef struct {
	const char *start;
	size_t len;
	unsigned page;		/* 1 + the form feeds before it */
	unsigned indent;	/* columns of leading white space */
	line_role_t role;
	int style;		/* a title's adornment (STYLE_ADORNED) */
	int own_line;		/* starts a line of its paragraph */
	/* The name of a reStructuredText target over the line (".. _x:"),
	 * the anchor of the title it may be; in the file's bytes. */
	const char *target;
	size_t target_len;
} line_t;

/*
 * Kinds of heading, one level each in the order they first appear.
 * Numbered headings are a kind per depth of their number ("1." and
 * "1.2"); a word such as "Chapter" is a kind of its own.
 */
#define STYLE_NUMBER 0x10	/* + depth */
#define STYLE_LETTER 0x20
#define STYLE_ROMAN 0x21
#define STYLE_CAPS 0x22
#define STYLE_WORD 0x40		/* + word * 8 + depth */
#define STYLE_ADORNED 0x1000	/* + character * 2 + overlined */
#define MAX_STYLES 32

/* A block is a run of text lines, or one heading line. */
typedef struct {
	size_t first;
	size_t n;
	unsigned lineno;
	unsigned page;
	int style;		/* a heading's kind, 0 for text */
	int html;		/* the content of a raw HTML directive */
	int question;		/* a question alone on its line */
} block_t;

/* A reStructuredText name and what it stands for: a hyperlink target
 * and its address, or a substitution and its text. */
typedef struct {
	char *name;
	char *value;
	int substitution;
} rst_def_t;

typedef struct {
	factsheet_publication_t *pub;
	line_t *lines;
	size_t n_lines;
	block_t *blocks;
	size_t n_blocks;
	builder_t build;
	int paged;		/* pages apart by form feeds (from a PDF) */
	int rst;		/* reStructuredText */
	rst_def_t *defs;
	size_t n_defs;
	/* The kinds of heading met so far, in order: their levels. */
	int styles[MAX_STYLES];
	size_t n_styles;
	int hierarchy;		/* headings have levels */
	int qa;			/* questions with answers ("Q:", "A:") */
	unsigned explicit_level;	/* of the last marked heading */
	unsigned base_level;	/* of the last heading not a question */
	int in_question;	/* an answer may follow, "A:" and all */
	char last_letter;	/* of the last lettered heading */
	int failed;
} parser_t;

/* Lines and blocks ------------------------------------------------- */

static int
is_blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!strchr(" \t\r\f\v", s[i]))
			return 0;
	return 1;
}

static unsigned
indent_of(const char *s, size_t len)
{
	unsigned col = 0;

	for (size_t i = 0; i < len && (s[i] == ' ' || s[i] == '\t'); i++)
		col = s[i] == '\t' ? (col + 8) / 8 * 8 : col + 1;
	return col;
}

static int
split_lines(parser_t *p, const char *text, size_t len)
{
	size_t n = 1, i;
	unsigned feeds = 0;

	for (i = 0; i < len; i++)
		if (text[i] == '\n')
			n++;
		else if (text[i] == '\f')
			p->paged = 1;
	p->lines = calloc(n, sizeof *p->lines);
	p->blocks = calloc(n, sizeof *p->blocks);
	if (p->lines == NULL || p->blocks == NULL)
		return -1;
	for (i = 0; i < len;) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - text) : len;
		line_t *l = &p->lines[p->n_lines++];

		l->start = text + i;
		l->len = end - i;
		while (l->len > 0 && l->start[l->len - 1] == '\r')
			l->len--;
		/* A page's first line may start with its form feed. */
		for (; l->len > 0 && l->start[0] == '\f'; l->len--, l->start++)
			feeds++;
		l->page = 1 + feeds;
		for (size_t k = 0; k < l->len; k++)
			feeds += l->start[k] == '\f';
		l->role = is_blank(l->start, l->len) ? LINE_BLANK : LINE_TEXT;
		l->indent = indent_of(l->start, l->len);
		i = end + 1;
	}
	return 0;
}

/* Groups the lines into blocks, once their roles are known: markup and
 * blank lines part blocks, and a title is a block of its own. */
static void
make_blocks(parser_t *p)
{
	int open = 0;

	for (size_t i = 0; i < p->n_lines; i++) {
		const line_t *l = &p->lines[i];
		block_t *b;

		if (l->role == LINE_BLANK || l->role == LINE_MARKUP) {
			open = 0;
			continue;
		}
		/* A new page starts a new block too. */
		if (!open || l->role == LINE_TITLE ||
		    l->page != p->lines[i - 1].page ||
		    (l->role == LINE_HTML) != (p->lines[i - 1].role ==
		    LINE_HTML)) {
			b = &p->blocks[p->n_blocks++];
			b->first = i;
			b->lineno = (unsigned)i + 1;
			b->page = l->page;
			b->style = l->role == LINE_TITLE ? l->style : 0;
			b->html = l->role == LINE_HTML;
		}
		p->blocks[p->n_blocks - 1].n++;
		open = l->role != LINE_TITLE;
	}
}

static const line_t *
block_line(const parser_t *p, const block_t *b, size_t i)
{
	return &p->lines[b->first + i];
}

static int
line_starts_with(const line_t *l, const char *word)
{
	size_t n = strlen(word);

	return l->len >= n && strncasecmp(l->start, word, n) == 0;
}

static int
is_bullet(const line_t *l)
{
	return line_starts_with(l, "- ") || line_starts_with(l, "* ") ||
	    line_starts_with(l, "\xe2\x80\xa2");	/* U+2022 bullet */
}

/* Characters, not bytes, of S: what an underline is measured against. */
static size_t
width_of(const char *s, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xc0) != 0x80;
	return n;
}

/* S without the white space at its ends. */
static void
trim(const char **s, size_t *len)
{
	while (*len > 0 && isspace((unsigned char)**s)) {
		(*s)++;
		(*len)--;
	}
	while (*len > 0 && isspace((unsigned char)(*s)[*len - 1]))
		(*len)--;
}

/* S past its spaces and tabs, not beyond END: a line of the file is not
 * a string, and the last may end the buffer. */
static const char *
skip_blanks(const char *s, const char *end)
{
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	return s;
}

static int
ends_with_char(const line_t *l, const char *chars)
{
	const char *s = l->start;
	size_t len = l->len;

	trim(&s, &len);
	return len > 0 && s[len - 1] != '\0' &&
	    strchr(chars, s[len - 1]) != NULL;
}

/* Headings ---------------------------------------------------------- */

/*
 * The character of an adornment line (a line of three or more of one
 * punctuation character at the margin: "=====", "-----", "~~~~~"), or
 * 0 if L is not one.
 */
static char
adornment(const line_t *l)
{
	static const char chars[] = "=-~*^\"+#'`:._<>";
	const char *s = l->start;
	size_t len = l->len, n = 0;

	while (len > 0 && isspace((unsigned char)s[len - 1]))
		len--;
	if (len < 3 || l->indent > 0 || strchr(chars, s[0]) == NULL ||
	    s[0] == '\0')
		return 0;
	for (; n < len && s[n] == s[0]; n++)
		;
	return n == len ? s[0] : 0;
}

/* An underline of LEN characters fits a title of WIDTH characters, give
 * or take: people draw them by eye. */
static int
underline_fits(size_t len, size_t width)
{
	return width > 0 && width <= 100 && len * 3 >= width * 2 &&
	    len <= width * 2 + 8;
}

static int
has_alnum(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (isalnum((unsigned char)s[i]) || (unsigned char)s[i] >= 0x80)
			return 1;
	return 0;
}

/* Whether the line before I lets line I start a title: a blank line, or
 * markup, or the start of the file. */
static int
title_may_start(const parser_t *p, size_t i)
{
	return i == 0 || p->lines[i - 1].role == LINE_BLANK ||
	    p->lines[i - 1].role == LINE_MARKUP;
}

/* Marks underlined and overlined titles, and the adornment lines with
 * no title (transitions, rules), which carry no words. */
static void
find_titles(parser_t *p)
{
	for (size_t i = 0; i < p->n_lines; i++) {
		line_t *l = &p->lines[i];
		char c;

		if (l->role != LINE_TEXT)
			continue;
		if ((c = adornment(l)) != 0) {
			line_t *t = i + 1 < p->n_lines ? l + 1 : NULL;
			line_t *u = i + 2 < p->n_lines ? l + 2 : NULL;

			l->role = LINE_MARKUP;
			/* An overline, a title, an underline the same. */
			if (t != NULL && u != NULL && t->role == LINE_TEXT &&
			    adornment(t) == 0 && adornment(u) == c &&
			    has_alnum(t->start, t->len) &&
			    title_may_start(p, i)) {
				const char *s = t->start;
				size_t len = t->len;

				trim(&s, &len);
				if (width_of(s, len) <= l->len + 2) {
					t->role = LINE_TITLE;
					t->style = STYLE_ADORNED +
					    (unsigned char)c * 2 + 1;
					u->role = LINE_MARKUP;
					i += 2;
				}
			}
			continue;
		}
		if (i + 1 < p->n_lines && l->indent == 0 &&
		    title_may_start(p, i) && has_alnum(l->start, l->len) &&
		    (c = adornment(l + 1)) != 0) {
			const line_t *u = l + 1;
			size_t ulen = u->len;

			while (ulen > 0 && isspace((unsigned char)
			    u->start[ulen - 1]))
				ulen--;
			if (underline_fits(ulen, width_of(l->start, l->len))) {
				l->role = LINE_TITLE;
				l->style = STYLE_ADORNED + (unsigned char)c * 2;
				p->lines[i + 1].role = LINE_MARKUP;
				i++;
			}
		}
	}
}

/* The level of a kind of heading: the order of its first appearance. */
static unsigned
style_level(parser_t *p, int style)
{
	size_t i;

	for (i = 0; i < p->n_styles; i++)
		if (p->styles[i] == style)
			break;
	if (i == p->n_styles && p->n_styles < MAX_STYLES)
		p->styles[p->n_styles++] = style;
	return i + 1 < BUILDER_LEVELS ? (unsigned)i + 1 : BUILDER_LEVELS;
}

/* Digits at S (at most two: a chapter, not a year); their count. */
static size_t
small_number(const char *s, const char *end)
{
	size_t n = 0;

	while (s + n < end && isdigit((unsigned char)s[n]))
		n++;
	return n <= 2 ? n : 0;
}

/* The value of the N digits at S: atoi() would read past the end of a
 * buffer that ends in them. */
static unsigned
digits_value(const char *s, size_t n)
{
	unsigned v = 0;

	for (size_t i = 0; i < n; i++)
		v = v * 10 + (unsigned)(s[i] - '0');
	return v;
}

/* A roman numeral from I to about XC at S; its length, or 0. */
static size_t
roman_number(const char *s, const char *end, unsigned *value)
{
	static const char *const tens[] = {
		"", "X", "XX", "XXX", "XL", "L", "LX", "LXX", "LXXX", "XC",
	};
	static const char *const units[] = {
		"", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX",
	};
	size_t best = 0;

	for (size_t t = 0; t < 10; t++) {
		size_t tl = strlen(tens[t]);

		if ((size_t)(end - s) < tl || strncmp(s, tens[t], tl) != 0)
			continue;
		for (size_t u = 0; u < 10; u++) {
			size_t ul = strlen(units[u]);

			if ((size_t)(end - s) >= tl + ul &&
			    strncmp(s + tl, units[u], ul) == 0 &&
			    tl + ul > best) {
				best = tl + ul;
				*value = (unsigned)(t * 10 + u);
			}
		}
	}
	return best;
}

/*
 * The number of a numbered heading at the start of L: "1.", "1.2",
 * "2.3.1", "A.", "IV.", "Section 3:", "Chapter 2".  Returns the bytes up
 * to the title (0 if L has no such number) and sets *STYLE to the kind
 * and *VALUE to the number's last part (2 for "1.2", 1 for "A.");
 * *WORD says it was introduced by a word, which may end in a colon.
 */
static size_t
heading_number(const parser_t *p, const line_t *l, int *style, int *word,
	       unsigned *value)
{
	static const char *const words[] = {
		"Section", "Chapter", "Part", "Appendix", "Article",
		"Module", "Lesson", "Unit",
	};
	const char *s = l->start, *end = l->start + l->len, *q;
	size_t n, depth = 0;

	*word = 0;
	if (l->indent > 0 || l->len == 0)
		return 0;
	for (size_t w = 0; w < sizeof words / sizeof words[0]; w++) {
		size_t wl = strlen(words[w]);

		if (l->len <= wl + 1 || strncasecmp(s, words[w], wl) != 0 ||
		    s[wl] != ' ')
			continue;
		q = s + wl + 1;
		if ((n = small_number(q, end)) != 0) {
			*value = digits_value(q, n);
			for (depth = 1, q += n; q + 1 < end && *q == '.' &&
			    (n = small_number(q + 1, end)) != 0; depth++) {
				*value = digits_value(q + 1, n);
				q += 1 + n;
			}
		} else if ((n = roman_number(q, end, value)) != 0 ||
		    (isupper((unsigned char)*q) && (n = 1) &&
		    (*value = (unsigned)(*q - 'A' + 1)))) {
			depth = 1;
			q += n;
		} else {
			return 0;
		}
		if (q < end && (*q == '.' || *q == ':'))
			q++;
		if (q < end && *q != ' ')
			return 0;
		*word = 1;
		*style = STYLE_WORD + (int)w * 8 + (int)(depth < 7 ? depth : 7);
		return (size_t)(skip_blanks(q, end) - s);
	}
	q = s;
	if ((n = small_number(q, end)) != 0) {
		*value = digits_value(q, n);
		for (depth = 1, q += n; q + 1 < end && *q == '.' &&
		    (n = small_number(q + 1, end)) != 0; depth++) {
			*value = digits_value(q + 1, n);
			q += 1 + n;
		}
		/* "1." needs its period; "1.2" may go without. */
		if (q < end && *q == '.')
			q++;
		else if (depth == 1)
			return 0;
		*style = STYLE_NUMBER + (int)(depth < 8 ? depth : 8);
	} else if ((n = roman_number(q, end, value)) != 0 && q + n < end &&
	    q[n] == '.' && !(n == 1 && p->last_letter == q[0] - 1)) {
		/* "I." is a roman one unless it follows "H." */
		q += n + 1;
		*style = STYLE_ROMAN;
	} else if (isupper((unsigned char)*q) && q + 1 < end && q[1] == '.') {
		*value = (unsigned)(*q - 'A' + 1);
		q += 2;
		*style = STYLE_LETTER;
	} else {
		return 0;
	}
	if (q >= end || (*q != ' ' && *q != '\t'))
		return 0;
	q = skip_blanks(q, end);
	/* The title starts with a letter or a quotation mark. */
	if (q >= end || !(isalpha((unsigned char)*q) || *q == '"' ||
	    (unsigned char)*q >= 0x80))
		return 0;
	return (size_t)(q - s);
}

static int
has_tab(const line_t *l)
{
	return memchr(l->start, '\t', l->len) != NULL;
}

/* A line short enough to be a title: no tab, a dozen words at most. */
static int
title_sized(const line_t *l)
{
	return !has_tab(l) && width_of(l->start, l->len) <= 80 &&
	    text_count_words(l->start, l->len) <= 12;
}

/* Whether L opens with a heading's number, or an item's. */
static int
is_numbered(const parser_t *p, const line_t *l)
{
	int style, word;
	unsigned value;

	return heading_number(p, l, &style, &word, &value) != 0;
}

/* Whether L reads as the first line of a paragraph under a heading: a
 * sentence at the margin, not another heading, item or label. */
static int
starts_paragraph(const parser_t *p, const line_t *l)
{
	int lower = 0;

	if (l->indent > 0 || is_bullet(l) || is_numbered(p, l) ||
	    !(isupper((unsigned char)l->start[0]) ||
	    isdigit((unsigned char)l->start[0]) ||
	    (unsigned char)l->start[0] >= 0x80))
		return 0;
	for (size_t i = 0; i < l->len; i++)
		lower += islower((unsigned char)l->start[i]) != 0;
	return lower > 0;
}

/* The nearest line before line I that is not blank or markup, or NULL
 * when a title or the start of the file comes first. */
static const line_t *
line_before(const parser_t *p, size_t i)
{
	while (i > 0) {
		const line_t *l = &p->lines[--i];

		if (l->role == LINE_TEXT)
			return l;
		if (l->role != LINE_BLANK)
			return NULL;
	}
	return NULL;
}

/*
 * The nearest line at the margin from line I on (going back if BACK),
 * past blank and indented lines, or NULL when markup or a title comes
 * first.  An indented line is the body of a list item, and the margin
 * line beyond it may be the next item.
 */
static const line_t *
margin_line(const parser_t *p, size_t i, int back)
{
	for (;;) {
		const line_t *l;

		if (back ? i == 0 : i >= p->n_lines)
			return NULL;
		l = back ? &p->lines[--i] : &p->lines[i++];
		if (l->role == LINE_TEXT && l->indent == 0)
			return l;
		if (l->role != LINE_BLANK && l->role != LINE_TEXT)
			return NULL;
	}
}

static char
qa_label(const line_t *l, size_t *rest);

/* Whether the LEN bytes of S end in a word that ends no title ("and",
 * "the", "to"): a line of a paragraph broken before its end. */
static int
ends_with_small_word(const char *s, size_t len)
{
	static const char *const words[] = {
		"a", "an", "the", "and", "or", "of", "to", "in", "for",
		"with", "on", "by", "at", "from", "your", "is", "are", "be",
	};
	size_t n = len;

	while (n > 0 && isalpha((unsigned char)s[n - 1]))
		n--;
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strlen(words[i]) == len - n &&
		    strncasecmp(s + n, words[i], len - n) == 0)
			return 1;
	return 0;
}

/* Whether L is the item numbered VALUE - 1 (NEXT: VALUE + 1) of the
 * kind STYLE: one of a list with the item of VALUE. */
static int
is_neighbour(const parser_t *p, const line_t *l, int style, unsigned value,
	     int next)
{
	int other_style, word;
	unsigned other;

	return l != NULL && heading_number(p, l, &other_style, &word,
	    &other) != 0 && other_style == style &&
	    other == (next ? value + 1 : value - 1);
}

/*
 * Whether block BI opens with a numbered heading rather than an item of
 * a numbered list.  The items of a list follow one another in order, or
 * a line ending in a colon, or have indented bodies; a heading stands
 * alone, with text of its own before the next of its kind.
 */
static int
numbered_heading(parser_t *p, size_t bi, int *style)
{
	const block_t *b = &p->blocks[bi];
	const line_t *l = block_line(p, b, 0), *other;
	const char *title;
	size_t off, len, rest;
	int word;
	unsigned value;

	if (b->style != 0 || b->html || bi + 1 >= p->n_blocks ||
	    (p->qa && qa_label(l, &rest) != 0) || !title_sized(l) ||
	    (off = heading_number(p, l, style, &word, &value)) == 0)
		return 0;
	title = l->start + off;
	len = l->len - off;
	trim(&title, &len);
	/* A title starts with a capital ("1.5 million providers" does
	 * not) and does not end a sentence. */
	if (len == 0 ? !word : strchr(".,;:", title[len - 1]) != NULL ||
	    !(isupper((unsigned char)title[0]) || title[0] == '"' ||
	    (unsigned char)title[0] >= 0x80))
		return 0;
	/* Text right under it is a paragraph, not the line's own end. */
	if (b->n > 1 && (!starts_paragraph(p, block_line(p, b, 1)) ||
	    ends_with_small_word(title, len)))
		return 0;
	if ((other = line_before(p, b->first)) != NULL &&
	    ends_with_char(other, ":"))
		return 0;
	if (is_neighbour(p, margin_line(p, b->first, 1), *style, value, 0))
		return 0;
	if (b->n == 1) {
		size_t next = b->first + 1;

		while (next < p->n_lines && p->lines[next].role == LINE_BLANK)
			next++;
		if (next < p->n_lines && p->lines[next].role == LINE_TEXT &&
		    p->lines[next].indent > 0)
			return 0;
		if (is_neighbour(p, margin_line(p, b->first + 1, 0), *style,
		    value, 1))
			return 0;
	}
	if (*style == STYLE_LETTER)
		p->last_letter = l->start[0];
	return 1;
}

/* Whether block BI opens with a heading in capitals standing alone:
 * "ENROLLMENT REQUIREMENTS", "OVERVIEW". */
static int
caps_heading(const parser_t *p, size_t bi)
{
	const block_t *b = &p->blocks[bi];
	const line_t *l = block_line(p, b, 0), *before;
	size_t upper = 0, lower = 0, rest;

	if (b->style != 0 || b->html || bi + 1 >= p->n_blocks ||
	    l->indent > 0 || !title_sized(l) || is_bullet(l) ||
	    is_numbered(p, l) ||
	    memchr(l->start, ':', l->len) || ends_with_char(l, ".,;") ||
	    (p->qa && qa_label(l, &rest) != 0))
		return 0;
	for (size_t i = 0; i < l->len; i++) {
		upper += isupper((unsigned char)l->start[i]) != 0;
		lower += islower((unsigned char)l->start[i]) != 0;
	}
	if (upper < 5 || lower * 6 > upper ||
	    (text_count_words(l->start, l->len) < 2 && upper < 6))
		return 0;
	if (b->n > 1 && !starts_paragraph(p, block_line(p, b, 1)))
		return 0;
	before = line_before(p, b->first);
	return before == NULL || !ends_with_char(before, ":");
}

/* Questions and answers --------------------------------------------- */

/* Whether block B is one short line asking a question: "How do I find
 * my IP address?" */
static int
is_question_line(const parser_t *p, const block_t *b)
{
	const line_t *l = block_line(p, b, 0);

	return b->n == 1 && b->style == 0 && !b->html && l->indent == 0 &&
	    title_sized(l) && ends_with_char(l, "?") &&
	    (isupper((unsigned char)l->start[0]) ||
	    (unsigned char)l->start[0] >= 0x80) && !is_numbered(p, l);
}

/*
 * Whether block BI is a question heading an answer, as FAQs saved as
 * text have them: a question alone on its line, then a paragraph that is
 * no other question (questions one after another are a list of them).
 */
static int
question_heading(const parser_t *p, size_t bi)
{
	return bi + 1 < p->n_blocks && is_question_line(p, &p->blocks[bi]) &&
	    !is_question_line(p, &p->blocks[bi + 1]) &&
	    p->blocks[bi + 1].style == 0;
}

/* Whether L is heading-sized, or a heading-sized question followed by a
 * short sentence that qualifies it on the same line. */
static int
asks_then_says(const line_t *l)
{
	const char *q = memchr(l->start, '?', l->len);
	line_t question = *l;

	if (title_sized(l))
		return 1;
	if (q == NULL || width_of(l->start, l->len) > 80)
		return 0;
	question.len = (size_t)(q - l->start) + 1;
	return title_sized(&question);
}

/*
 * Whether block BI is a statement among question headings, as FAQs have
 * some ("I tried to download the files and got an error message.", "Why
 * is my job stuck? It's queued."): one short sentence alone on its line
 * where a question would be, after the answer to one question and before
 * a paragraph that runs on to the next question or the end.
 */
static int
statement_heading(const parser_t *p, size_t bi)
{
	const block_t *b = &p->blocks[bi];
	const line_t *l = block_line(p, b, 0);
	size_t up, down;

	if (bi == 0 || bi + 1 >= p->n_blocks || b->n != 1 || b->style != 0 ||
	    b->html || l->indent != 0 || !asks_then_says(l) ||
	    !ends_with_char(l, ".") ||
	    !isupper((unsigned char)l->start[0]) || is_numbered(p, l) ||
	    p->blocks[bi - 1].question || p->blocks[bi - 1].style != 0 ||
	    p->blocks[bi + 1].style != 0 || p->blocks[bi + 1].question ||
	    !starts_paragraph(p, block_line(p, &p->blocks[bi + 1], 0)))
		return 0;
	/* The nearest heading above is a question, the next one below is
	 * a question too, or there is none. */
	for (up = bi; up > 0 && p->blocks[up - 1].style == 0 &&
	    !p->blocks[up - 1].question; up--)
		;
	if (up == 0 || !p->blocks[up - 1].question)
		return 0;
	for (down = bi + 1; down < p->n_blocks &&
	    p->blocks[down].style == 0 && !p->blocks[down].question; down++)
		;
	return down == p->n_blocks || p->blocks[down].question;
}

/*
 * 'Q' or 'A' when L opens with a question or answer label ("Q:", "Q.",
 * "Q1:", "Question:", "Question 3:", "A:", "Answer:"), setting *REST to
 * the bytes up to its text; else 0.
 */
static char
qa_label(const line_t *l, size_t *rest)
{
	const char *s = l->start, *end = l->start + l->len, *q;
	char kind;
	int word = 1;

	if (l->indent > 0 || l->len < 2)
		return 0;
	if (line_starts_with(l, "Question")) {
		q = s + 8;
		kind = 'Q';
	} else if (line_starts_with(l, "Answer")) {
		q = s + 6;
		kind = 'A';
	} else if (s[0] == 'Q' || s[0] == 'A') {
		q = s + 1;
		kind = s[0];
		word = 0;
	} else {
		return 0;
	}
	if (word && q + 1 < end && *q == ' ' && isdigit((unsigned char)q[1]))
		q++;
	while (q < end && isdigit((unsigned char)*q))
		q++;
	/* "Q." and "A." but not "Question." */
	if (q >= end || !(*q == ':' || (*q == '.' && !word)))
		return 0;
	q++;
	if (q < end && *q != ' ' && *q != '\t')
		return 0;
	*rest = (size_t)(skip_blanks(q, end) - s);
	return kind;
}

/* Whether the file has questions and answers both. */
static void
find_qa(parser_t *p)
{
	size_t questions = 0, answers = 0, rest;

	for (size_t i = 0; i < p->n_lines; i++) {
		char kind;

		if (p->lines[i].role != LINE_TEXT)
			continue;
		kind = qa_label(&p->lines[i], &rest);
		questions += kind == 'Q';
		answers += kind == 'A';
	}
	p->qa = questions > 0 && answers > 0;
}

/* reStructuredText -------------------------------------------------- */

/* What of a directive is text: its argument (a note's first words, a
 * topic's title), its body (a note's, a code block's), or neither. */
#define KEEP_ARGUMENT 1
#define DROP_BODY 2
#define RAW_BODY 4

static int
directive_flags(const char *name, size_t len)
{
	static const struct {
		const char *name;
		int flags;
	} known[] = {
		{ "note", KEEP_ARGUMENT }, { "warning", KEEP_ARGUMENT },
		{ "tip", KEEP_ARGUMENT }, { "important", KEEP_ARGUMENT },
		{ "caution", KEEP_ARGUMENT }, { "attention", KEEP_ARGUMENT },
		{ "danger", KEEP_ARGUMENT }, { "error", KEEP_ARGUMENT },
		{ "hint", KEEP_ARGUMENT }, { "seealso", KEEP_ARGUMENT },
		{ "admonition", KEEP_ARGUMENT }, { "topic", KEEP_ARGUMENT },
		{ "sidebar", KEEP_ARGUMENT }, { "rubric", KEEP_ARGUMENT },
		{ "title", KEEP_ARGUMENT }, { "table", KEEP_ARGUMENT },
		{ "list-table", KEEP_ARGUMENT }, { "csv-table", KEEP_ARGUMENT },
		{ "image", DROP_BODY }, { "include", DROP_BODY },
		{ "literalinclude", DROP_BODY }, { "toctree", DROP_BODY },
		{ "contents", DROP_BODY }, { "sectnum", DROP_BODY },
		{ "meta", DROP_BODY }, { "index", DROP_BODY },
		{ "highlight", DROP_BODY }, { "default-role", DROP_BODY },
		{ "role", DROP_BODY }, { "tabularcolumns", DROP_BODY },
		{ "target-notes", DROP_BODY }, { "raw", RAW_BODY },
	};

	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
		if (strlen(known[i].name) == len &&
		    strncasecmp(known[i].name, name, len) == 0)
			return known[i].flags;
	/* Whatever else a directive is, its body may be content. */
	return 0;
}

/* Reference names match whatever their case and spacing. */
static char *
rst_name(const char *s, size_t len)
{
	char *name = str_ndup(s, len);

	if (name == NULL)
		return NULL;
	text_squeeze_space(name);
	for (char *c = name; *c != '\0'; c++)
		*c = (char)tolower((unsigned char)*c);
	return name;
}

static void
add_def(parser_t *p, const char *name, size_t name_len, const char *value,
	size_t value_len, int substitution)
{
	rst_def_t *grown = realloc(p->defs, (p->n_defs + 1) * sizeof *grown);
	rst_def_t *d;

	if (grown == NULL) {
		p->failed = 1;
		return;
	}
	p->defs = grown;
	d = &p->defs[p->n_defs];
	d->name = rst_name(name, name_len);
	d->value = str_ndup(value, value_len);
	d->substitution = substitution;
	if (d->name == NULL || d->value == NULL) {
		free(d->name);
		free(d->value);
		p->failed = 1;
		return;
	}
	text_squeeze_space(d->value);
	p->n_defs++;
}

/* What a target or substitution NAME stands for, or NULL. */
static const char *
find_def(const parser_t *p, const char *name, size_t len, int substitution)
{
	char *key = rst_name(name, len);
	const char *value = NULL;

	for (size_t i = 0; key != NULL && i < p->n_defs && value == NULL; i++)
		if (p->defs[i].substitution == substitution &&
		    strcmp(p->defs[i].name, key) == 0)
			value = p->defs[i].value;
	free(key);
	return value;
}

/* The line after the body of the construct opening at line I: the lines
 * indented deeper than it, and blank lines among them. */
static size_t
body_end(const parser_t *p, size_t i)
{
	unsigned indent = p->lines[i].indent;
	size_t j = i + 1;

	while (j < p->n_lines && (p->lines[j].role == LINE_BLANK ||
	    p->lines[j].indent > indent))
		j++;
	while (j > i + 1 && p->lines[j - 1].role == LINE_BLANK)
		j--;
	return j;
}

static void
set_role(parser_t *p, size_t from, size_t to, line_role_t role)
{
	for (size_t j = from; j < to; j++)
		p->lines[j].role = role;
}

/* The text of a line, past its indent. */
static const char *
line_text(const line_t *l, size_t *len)
{
	const char *s = l->start;

	*len = l->len;
	while (*len > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		(*len)--;
	}
	return s;
}

/* A field (":Date: 2024-03-01"): read as "Date: 2024-03-01", a line of
 * its own; a date field is the publication's revision date. */
static void
rst_field(parser_t *p, line_t *l)
{
	static const char *const dates[] = {
		"date", "revised", "updated", "last updated", "revision date",
	};
	size_t len;
	const char *s = line_text(l, &len), *colon;

	if (len < 3 || s[0] != ':' || s[1] == ':' || s[1] == ' ' ||
	    (colon = memchr(s + 1, ':', len - 1)) == NULL ||
	    memchr(s, '`', (size_t)(colon - s)) != NULL ||
	    (colon + 1 < s + len && colon[1] != ' '))
		return;
	l->len -= (size_t)(s + 1 - l->start);
	l->start = s + 1;
	l->own_line = 1;
	for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++) {
		size_t n = strlen(dates[i]);
		const char *value = colon + 1;
		size_t value_len = (size_t)(s + len - value);

		trim(&value, &value_len);
		if ((size_t)(colon - s - 1) == n &&
		    strncasecmp(s + 1, dates[i], n) == 0 && value_len > 0 &&
		    p->pub->revised == NULL &&
		    (p->pub->revised = str_ndup(value, value_len)) == NULL)
			p->failed = 1;
	}
}

/* An internal target (".. _name:") names the line it stands over, from
 * line I on, past blank lines and other targets. */
static void
mark_target(parser_t *p, size_t i, const char *name, size_t len)
{
	while (i < p->n_lines && (p->lines[i].role == LINE_BLANK ||
	    (p->lines[i].len > 4 && strncmp(p->lines[i].start, ".. _", 4) ==
	    0)))
		i++;
	if (i < p->n_lines && p->lines[i].target == NULL) {
		p->lines[i].target = name;
		p->lines[i].target_len = len;
	}
}

/*
 * Explicit markup: directives (".. note::"), hyperlink targets (".. _x:
 * URL"), substitution definitions (".. |x| replace:: ..."), footnotes and
 * comments.  Their lines carry no words, but a directive's content does,
 * and a footnote is text; the content is scanned too, for the markup
 * nested in it.
 */
static void
find_rst_markup(parser_t *p)
{
	for (size_t i = 0; i < p->n_lines && !p->failed; i++) {
		line_t *l = &p->lines[i];
		size_t len, end, j, n, colons;
		const char *s = line_text(l, &len), *t, *arg, *close;
		int flags;

		if (l->role != LINE_TEXT)
			continue;
		if (len >= 3 && strncmp(s, "__ ", 3) == 0) {
			/* An anonymous target. */
			l->role = LINE_MARKUP;
			continue;
		}
		if (s[0] == ':') {
			rst_field(p, l);
			continue;
		}
		if (len < 2 || s[0] != '.' || s[1] != '.' ||
		    (len > 2 && s[2] != ' '))
			continue;
		end = body_end(p, i);
		/* ".. note::" and "..   note::" alike. */
		t = len > 2 ? skip_blanks(s + 2, s + len) : s + len;
		len = (size_t)(s + len - t);
		if (len > 0 && t[0] == '[' &&
		    (close = memchr(t, ']', len)) != NULL) {
			/* A footnote or citation: its text is content. */
			l->start = skip_blanks(close + 1, t + len);
			l->len = (size_t)(t + len - l->start);
			l->own_line = 1;
			if (is_blank(l->start, l->len))
				l->role = LINE_MARKUP;
			continue;
		}
		if (len > 1 && t[0] == '_') {
			const char *colon = memchr(t + 1, ':', len - 1);

			if (t[1] == '`' && (close = memchr(t + 2, '`',
			    len - 2)) != NULL)
				colon = memchr(close, ':',
				    (size_t)(t + len - close));
			if (colon != NULL) {
				const char *name = t + 1;
				size_t name_len = (size_t)(colon - name);
				const char *url = colon + 1;
				size_t url_len = (size_t)(t + len - url);

				if (name[0] == '`' && name_len >= 2) {
					name++;
					name_len -= 2;
				}
				trim(&url, &url_len);
				if (url_len > 0)
					add_def(p, name, name_len, url,
					    url_len, 0);
				else
					mark_target(p, end, name, name_len);
			}
			set_role(p, i, end, LINE_MARKUP);
			i = end - 1;
			continue;
		}
		if (len > 1 && t[0] == '|' &&
		    (close = memchr(t + 1, '|', len - 1)) != NULL) {
			const char *d = skip_blanks(close + 1, t + len);
			size_t dlen = (size_t)(t + len - d);

			if (dlen > 9 && strncmp(d, "replace::", 9) == 0) {
				const char *value = d + 9;
				size_t value_len = dlen - 9;

				trim(&value, &value_len);
				add_def(p, t + 1, (size_t)(close - t - 1),
				    value, value_len, 1);
			} else {
				/* An image stands for no words. */
				add_def(p, t + 1, (size_t)(close - t - 1),
				    "", 0, 1);
			}
			set_role(p, i, end, LINE_MARKUP);
			i = end - 1;
			continue;
		}
		for (n = 0; n < len && (isalnum((unsigned char)t[n]) ||
		    strchr("-_:.", t[n]) != NULL) &&
		    !(t[n] == ':' && n + 1 < len && t[n + 1] == ':'); n++)
			;
		/* One space may come before the "::" (".. note ::"). */
		if (n > 0 && n + 2 < len && t[n] == ' ' && t[n + 1] == ':' &&
		    t[n + 2] == ':')
			colons = n + 1;
		else
			colons = n;
		if (n == 0 || colons + 1 >= len || t[colons] != ':' ||
		    t[colons + 1] != ':') {
			/* A comment: none of it is the publication's text. */
			set_role(p, i, end, LINE_MARKUP);
			i = end - 1;
			continue;
		}
		flags = directive_flags(t, n);
		arg = t + colons + 2;
		len = (size_t)(t + len - arg);
		trim(&arg, &len);
		if ((flags & KEEP_ARGUMENT) && len > 0) {
			l->start = arg;
			l->len = len;
		} else {
			l->role = LINE_MARKUP;
		}
		/* Options (":alt: ...", ":linenos:") are settings. */
		for (j = i + 1; j < end; j++) {
			const char *o = line_text(&p->lines[j], &n);

			if (p->lines[j].role != LINE_TEXT || n == 0 ||
			    o[0] != ':')
				break;
			p->lines[j].role = LINE_MARKUP;
		}
		if (flags & DROP_BODY) {
			set_role(p, j, end, LINE_MARKUP);
			i = end - 1;
		} else if (flags & RAW_BODY) {
			set_role(p, j, end, len == 4 &&
			    strncasecmp(arg, "html", 4) == 0 ? LINE_HTML :
			    LINE_MARKUP);
			while (j < end && p->lines[j].role == LINE_HTML &&
			    is_blank(p->lines[j].start, p->lines[j].len))
				p->lines[j++].role = LINE_BLANK;
			i = end - 1;
		}
	}
}

/* Whether the text looks like reStructuredText: a directive, a target
 * or a comment at the margin, or a field list at the top. */
static int
looks_like_rst(const parser_t *p)
{
	const char *dot = strrchr(p->pub->source, '.');

	if (dot != NULL && (strcasecmp(dot, ".rst") == 0 ||
	    strcasecmp(dot, ".rest") == 0))
		return 1;
	for (size_t i = 0; i < p->n_lines; i++) {
		const line_t *l = &p->lines[i];
		const char *colon;

		if (l->indent > 0 || l->len < 5 ||
		    strncmp(l->start, ".. ", 3) != 0)
			continue;
		if (l->start[3] == '_' || l->start[3] == '|')
			return 1;
		colon = memchr(l->start, ':', l->len);
		if (colon != NULL && colon + 1 < l->start + l->len &&
		    colon[1] == ':')
			return 1;
	}
	return 0;
}

/* Lines of reStructuredText with no word at all (the borders of a grid
 * table, a "::" alone) are markup. */
static void
drop_wordless(parser_t *p)
{
	for (size_t i = 0; i < p->n_lines; i++) {
		line_t *l = &p->lines[i];

		if (l->role == LINE_TEXT && !has_alnum(l->start, l->len))
			l->role = LINE_MARKUP;
	}
}

/* Whether inline markup may start at S[I]: at the start, or after white
 * space or an opening punctuation mark. */
static int
markup_start(const char *s, size_t i)
{
	return i == 0 || strchr(" \t\n(\"'<[{/-:", s[i - 1]) != NULL;
}

/* Whether inline markup may end before S[I]: at the end, or before
 * white space or punctuation. */
static int
markup_end(const char *s, size_t i)
{
	return s[i] == '\0' || strchr(" \t\n.,;:!?)\"']}/-\\>_", s[i]) != NULL;
}

/* How far inline markup may reach: no search for its end crosses a
 * whole long paragraph for every star of it. */
#define INLINE_REACH 2048

/* The end of inline markup from S[FROM] closed by CLOSE, not after white
 * space; NULL if none within reach. */
static const char *
markup_close(const char *s, size_t from, const char *close)
{
	size_t n = strlen(close);

	if (s[from] == '\0')
		return NULL;
	for (size_t i = from + 1; i < from + INLINE_REACH && s[i] != '\0';
	    i++)
		if (strncmp(s + i, close, n) == 0 &&
		    !isspace((unsigned char)s[i - 1]) && markup_end(s, i + n))
			return s + i;
	return NULL;
}

/*
 * The words of a reference's text ("PECOS <https://...>" or a target's
 * name) into OUT, then the address it links to, as people would type
 * it.
 */
static void
put_reference(const parser_t *p, strbuf_t *out, const char *s, size_t len,
	      int link)
{
	const char *lt = len > 0 && s[len - 1] == '>' ?
	    memrchr(s, '<', len) : NULL;
	size_t mark = out->len;
	const char *dest = NULL;
	size_t dest_len = 0;

	if (lt != NULL) {
		size_t label_len = (size_t)(lt - s);

		dest = lt + 1;
		dest_len = len - label_len - 2;
		while (label_len > 0 &&
		    isspace((unsigned char)s[label_len - 1]))
			label_len--;
		/* "<target>" alone names the target. */
		strbuf_append(out, label_len > 0 ? s : dest,
		    label_len > 0 ? label_len : dest_len);
		if (dest_len > 0 && dest[dest_len - 1] == '_') {
			const char *url = find_def(p, dest, dest_len - 1, 0);

			dest = url;
			dest_len = url ? strlen(url) : 0;
		}
	} else {
		strbuf_append(out, s, len);
		if (link && (dest = find_def(p, s, len, 0)) != NULL)
			dest_len = strlen(dest);
	}
	if (link && dest != NULL && dest_len > 0)
		reader_link_destination(out, mark, dest, dest_len);
}

/*
 * The text of reStructuredText inline markup, the markup gone: roles
 * (":ref:`Text <target>`" -> "Text"), literals, emphasis, hyperlink
 * references (with the address they link to), substitutions (with their
 * text); a paragraph's closing "::" (a code block follows) reads ":".
 */
static char *
rst_inline(const parser_t *p, const char *s)
{
	strbuf_t out = { 0 };
	size_t i = 0, n = strlen(s);

	while (i < n) {
		const char *close;
		size_t k;

		if (s[i] == '`' && s[i + 1] == '`' && markup_start(s, i) &&
		    (close = markup_close(s, i + 2, "``")) != NULL) {
			strbuf_append(&out, s + i + 2, (size_t)(close - s) -
			    i - 2);
			i = (size_t)(close - s) + 2;
			continue;
		}
		if (s[i] == ':' && markup_start(s, i)) {
			for (k = i + 1; k < n &&
			    (isalnum((unsigned char)s[k]) ||
			    strchr("-_.+", s[k]) != NULL ||
			    (s[k] == ':' && s[k + 1] != '`')); k++)
				;
			if (k > i + 1 && s[k] == ':' && s[k + 1] == '`' &&
			    (close = strchr(s + k + 2, '`')) != NULL) {
				put_reference(p, &out, s + k + 2,
				    (size_t)(close - s) - k - 2, 0);
				i = (size_t)(close - s) + 1;
				continue;
			}
		}
		if (s[i] == '`' && markup_start(s, i) &&
		    (close = strchr(s + i + 1, '`')) != NULL &&
		    close > s + i + 1) {
			size_t after = (size_t)(close - s) + 1;
			int link = s[after] == '_';

			put_reference(p, &out, s + i + 1,
			    (size_t)(close - s) - i - 1, link);
			after += strspn(s + after, "_");
			i = after;
			continue;
		}
		if (s[i] == '*' && markup_start(s, i) && s[i + 1] != '\0' &&
		    !isspace((unsigned char)s[i + 1])) {
			size_t stars = s[i + 1] == '*' ? 2 : 1;

			if ((close = markup_close(s, i + stars, stars == 2 ?
			    "**" : "*")) != NULL) {
				strbuf_append(&out, s + i + stars,
				    (size_t)(close - s) - i - stars);
				i = (size_t)(close - s) + stars;
				continue;
			}
		}
		if (s[i] == '|' && markup_start(s, i) && s[i + 1] != '\0' &&
		    !isspace((unsigned char)s[i + 1]) &&
		    (close = markup_close(s, i + 1, "|")) != NULL &&
		    memchr(s + i + 1, '\n', (size_t)(close - s) - i - 1) ==
		    NULL) {
			const char *value = find_def(p, s + i + 1,
			    (size_t)(close - s) - i - 1, 1);

			if (value != NULL)
				strbuf_puts(&out, value);
			else
				strbuf_append(&out, s + i + 1,
				    (size_t)(close - s) - i - 1);
			i = (size_t)(close - s) + 1;
			i += strspn(s + i, "_");
			continue;
		}
		if (s[i] == ']' && s[i + 1] == '_' && markup_end(s, i + 2)) {
			/* A footnote reference, "[1]_". */
			strbuf_puts(&out, "]");
			i += 2;
			continue;
		}
		if (s[i] == '_' && i > 0 && isalnum((unsigned char)s[i - 1]) &&
		    s[i + 1] != '_' && markup_end(s, i + 1)) {
			/* "PECOS_", a reference to a named target. */
			size_t w = i;

			while (w > 0 && (isalnum((unsigned char)s[w - 1]) ||
			    s[w - 1] == '-'))
				w--;
			if (i - w <= out.len &&
			    find_def(p, s + w, i - w, 0) != NULL) {
				size_t mark = out.len - (i - w);
				const char *url = find_def(p, s + w, i - w, 0);

				reader_link_destination(&out, mark, url,
				    strlen(url));
				i++;
				continue;
			}
		}
		strbuf_append(&out, s + i, 1);
		i++;
	}
	/* "Do this::" reads "Do this:"; a lone " ::" is dropped. */
	if (out.len >= 2 && out.data[out.len - 1] == ':' &&
	    out.data[out.len - 2] == ':') {
		out.len--;
		if (out.len == 1 || out.data[out.len - 2] == ' ' ||
		    out.data[out.len - 2] == '\n')
			out.len--;
		while (out.len > 0 && isspace((unsigned char)
		    out.data[out.len - 1]))
			out.len--;
		out.data[out.len] = '\0';
	}
	return strbuf_finish(&out);
}

/* Paragraphs -------------------------------------------------------- */

/* A line that starts a line of its paragraph: a list item. */
static int
is_item(const parser_t *p, const line_t *l)
{
	size_t len, n;
	const char *s = line_text(l, &len);

	if (l->own_line || is_bullet(l))
		return 1;
	if (p->rst && len > 2 && (s[0] == '-' || s[0] == '*' ||
	    s[0] == '+') && s[1] == ' ')
		return 1;
	if (len > 3 && s[0] == '#' && s[1] == '.' && s[2] == ' ')
		return 1;
	for (n = 0; n < len && isdigit((unsigned char)s[n]); n++)
		;
	return n > 0 && n <= 3 && n + 1 < len && (s[n] == '.' ||
	    s[n] == ')') && s[n + 1] == ' ';
}

/* A block's lines as one paragraph; list items keep their own lines. */
static char *
block_text(const parser_t *p, const block_t *b, size_t from)
{
	strbuf_t out = { 0 };
	char *text;

	for (size_t i = from; i < b->n; i++) {
		const line_t *l = block_line(p, b, i);
		char *line = str_ndup(l->start, l->len);

		if (line == NULL) {
			out.failed = 1;
			break;
		}
		text_squeeze_space(line);
		if (out.len > 0)
			strbuf_puts(&out, is_item(p, l) ? "\n" : " ");
		strbuf_puts(&out, line);
		free(line);
	}
	text = strbuf_finish(&out);
	if (text != NULL && p->rst) {
		char *plain = rst_inline(p, text);

		free(text);
		text = plain;
	}
	return text;
}

/* Text of its own: a paragraph to add, not markup alone. */
static int
has_words(const char *s)
{
	return s != NULL && has_alnum(s, strlen(s));
}

/* PARA, a paragraph at LINE, to the current section. */
static void
add_paragraph(parser_t *p, char *para, unsigned line, int single_line)
{
	if (para == NULL) {
		p->failed = 1;
		return;
	}
	if (has_words(para))
		builder_paragraph(&p->build, para, line, single_line);
	free(para);
}

/* Lines FROM.. of block B as one paragraph of the current section. */
static void
add_lines(parser_t *p, const block_t *b, size_t from)
{
	if (from >= b->n)
		return;
	add_paragraph(p, block_text(p, b, from), b->lineno + (unsigned)from,
	    b->n - from == 1);
}

/* A label line such as "Problem: X": X, or NULL if L is not one. */
static char *
labelled(const line_t *l, const char *label)
{
	size_t n = strlen(label);
	char *rest;

	if (!line_starts_with(l, label))
		return NULL;
	rest = str_ndup(l->start + n, l->len - n);
	return rest ? text_squeeze_space(rest) : NULL;
}

/* A table: every line has a tab, and there is a header and a row. */
static int
is_table(const parser_t *p, const block_t *b)
{
	if (b->n < 2)
		return 0;
	for (size_t i = 0; i < b->n; i++)
		if (!has_tab(block_line(p, b, i)))
			return 0;
	return 1;
}

static int
is_upper_line(const line_t *l)
{
	int letters = 0;

	for (size_t i = 0; i < l->len; i++) {
		unsigned char c = (unsigned char)l->start[i];

		if (islower(c))
			return 0;
		letters += isupper(c) != 0;
	}
	return letters > 0;
}

/*
 * A heading is one short line that reads like a title: no label colon,
 * no link, no sentence punctuation at its end.
 */
static int
is_heading_line(const line_t *l)
{
	unsigned char first = (unsigned char)l->start[0];
	char last = l->start[l->len - 1];
	size_t words = 1;

	if (l->len > 80 || memchr(l->start, ':', l->len) ||
	    memchr(l->start, '<', l->len) || has_tab(l) || is_bullet(l))
		return 0;
	if (!(isupper(first) || isdigit(first) || first >= 0x80))
		return 0;
	if (strchr(".,;!?", last))
		return 0;
	for (size_t i = 0; i < l->len; i++)
		words += l->start[i] == ' ';
	return words <= 12;
}

static int
is_heading(const parser_t *p, const block_t *b)
{
	/* A numbered line that is no heading is an item of a list. */
	return b->n == 1 && is_heading_line(block_line(p, b, 0)) &&
	    !is_numbered(p, block_line(p, b, 0));
}

static char *
line_copy(const parser_t *p, const line_t *l)
{
	char *s = str_ndup(l->start, l->len);

	if (s != NULL && p->rst) {
		char *plain = rst_inline(p, s);

		free(s);
		s = plain;
	}
	return s ? text_squeeze_space(s) : NULL;
}

/* Whether block B may be front matter: not a heading of any kind. */
static int
is_plain_block(const parser_t *p, const block_t *b)
{
	const line_t *l = block_line(p, b, 0);
	size_t rest;

	return b->style == 0 && !b->html && !is_numbered(p, l) &&
	    qa_label(l, &rest) == 0;
}

/* Front matter ----------------------------------------------------- */

/* Short lines with no sentence end: agency lines, title, series. */
static int
is_front_block(const parser_t *p, const block_t *b)
{
	if (!is_plain_block(p, b))
		return 0;
	for (size_t i = 0; i < b->n; i++) {
		const line_t *l = block_line(p, b, i);

		if (l->len > 100 || l->start[l->len - 1] == '.' ||
		    has_tab(l) || line_starts_with(l, "Problem:"))
			return 0;
	}
	return 1;
}

/* Whether block B is one line with a year ("Updated January 2024",
 * "Version 2.1, June 2023"): a date under a title, not one. */
static int
is_dated(const parser_t *p, const block_t *b)
{
	const line_t *l = block_line(p, b, 0);

	if (b->n != 1)
		return 0;
	for (size_t i = 0; i + 4 <= l->len; i++)
		if ((strncmp(l->start + i, "19", 2) == 0 ||
		    strncmp(l->start + i, "20", 2) == 0) &&
		    isdigit((unsigned char)l->start[i + 2]) &&
		    isdigit((unsigned char)l->start[i + 3]) &&
		    (i == 0 || !isalnum((unsigned char)l->start[i - 1])) &&
		    (i + 4 == l->len || !isalnum((unsigned char)
		    l->start[i + 4])))
			return 1;
	return 0;
}

/* Whether block B is an adorned title whose adornment no other title
 * has: the document's title, as reStructuredText takes it. */
static int
is_unique_title(const parser_t *p, const block_t *b)
{
	if (b->style < STYLE_ADORNED)
		return 0;
	for (size_t i = 0; i < p->n_blocks; i++)
		if (&p->blocks[i] != b && p->blocks[i].style == b->style)
			return 0;
	return 1;
}

static void
set_agency(parser_t *p, const block_t *b)
{
	factsheet_publication_t *pub = p->pub;

	pub->agency = calloc(b->n, sizeof *pub->agency);
	if (pub->agency == NULL) {
		p->failed = 1;
		return;
	}
	for (size_t j = 0; j < b->n; j++)
		if ((pub->agency[pub->n_agency++] =
		    line_copy(p, block_line(p, b, j))) == NULL)
			p->failed = 1;
}

/* Returns the index of the first block after the front matter. */
static size_t
parse_front(parser_t *p)
{
	factsheet_publication_t *pub = p->pub;
	size_t i = 0;

	if (p->n_blocks == 0)
		return 0;
	/* An adorned title first, or under the agency's lines. */
	if (p->n_blocks > 1 && !p->rst && is_front_block(p, &p->blocks[0]) &&
	    is_unique_title(p, &p->blocks[1])) {
		set_agency(p, &p->blocks[0]);
		i = 1;
	}
	if (is_unique_title(p, &p->blocks[i])) {
		if ((pub->title = line_copy(p, block_line(p, &p->blocks[i],
		    0))) == NULL)
			p->failed = 1;
		return i + 1;
	}
	if (i > 0 || p->rst)
		return i;
	/* Agency lines: a block of several short lines over a one-line
	 * title, or one line in capitals over a title of one or two. */
	if (p->n_blocks > 2 && is_front_block(p, &p->blocks[0]) &&
	    is_front_block(p, &p->blocks[1]) && !is_dated(p, &p->blocks[1]) &&
	    (p->blocks[1].n == 1 ? p->blocks[0].n > 1 ||
	    is_upper_line(block_line(p, &p->blocks[0], 0)) :
	    p->blocks[1].n == 2 && p->blocks[0].n == 1 &&
	    is_upper_line(block_line(p, &p->blocks[0], 0)))) {
		set_agency(p, &p->blocks[0]);
		i = 1;
	}
	if (i < p->n_blocks && is_front_block(p, &p->blocks[i]) &&
	    !is_dated(p, &p->blocks[i]) && p->blocks[i].n <= 2 &&
	    !line_starts_with(block_line(p, &p->blocks[i], 0), "Problem:")) {
		pub->title = block_text(p, &p->blocks[i], 0);
		i++;
		/* A line in capitals under the title names the series. */
		if (i < p->n_blocks && p->blocks[i].n == 1 &&
		    is_front_block(p, &p->blocks[i]) &&
		    is_upper_line(block_line(p, &p->blocks[i], 0))) {
			pub->series = line_copy(p, block_line(p, &p->blocks[i],
			    0));
			i++;
		}
	}
	return i;
}

/* The body ---------------------------------------------------------- */

/* Marks the numbered headings and those in capitals of the body; any
 * heading with a level gives the document a hierarchy. */
static void
find_headings(parser_t *p, size_t from)
{
	for (size_t i = from; i < p->n_blocks; i++) {
		block_t *b = &p->blocks[i];
		int style;

		if (b->style == 0 && !p->rst) {
			if (numbered_heading(p, i, &style))
				b->style = style;
			else if (caps_heading(p, i))
				b->style = STYLE_CAPS;
			else
				b->question = question_heading(p, i);
		}
		if (b->style != 0 || b->question)
			p->hierarchy = 1;
	}
	/* Once the questions are known, the statements among them. */
	for (size_t i = from; i < p->n_blocks && p->hierarchy; i++)
		if (!p->rst && statement_heading(p, i))
			p->blocks[i].question = 1;
	if (p->qa)
		p->hierarchy = 1;
}

/* The anchor of a title at line L, from a target over it (or over its
 * overline), as docutils makes an id of it: lower case, a dash for each
 * run of other characters.  NULL if none. */
static char *
title_anchor(parser_t *p, const line_t *l)
{
	strbuf_t id = { 0 };
	const line_t *over = l > p->lines ? l - 1 : NULL;

	if (l->target == NULL && over != NULL &&
	    over->role == LINE_MARKUP && over->target != NULL)
		l = over;
	if (l->target == NULL)
		return NULL;
	for (size_t i = 0; i < l->target_len; i++) {
		unsigned char c = (unsigned char)l->target[i];

		if (isalnum(c)) {
			char lower = (char)tolower(c);

			strbuf_append(&id, &lower, 1);
		} else if (id.len > 0 && id.data[id.len - 1] != '-') {
			strbuf_puts(&id, "-");
		}
	}
	if (id.len > 0 && id.data[id.len - 1] == '-')
		id.data[--id.len] = '\0';
	if (id.len == 0) {
		free(strbuf_finish(&id));
		return NULL;
	}
	if (id.failed)
		p->failed = 1;
	return strbuf_finish(&id);
}

static void
add_heading(parser_t *p, unsigned level, const line_t *l, unsigned line)
{
	char *h = line_copy(p, l), *anchor = title_anchor(p, l);

	if (h == NULL)
		p->failed = 1;
	else if (has_words(h))
		builder_heading(&p->build, level, h, anchor, line);
	free(h);
	free(anchor);
}

/* A "Problem:" block: its heading (on the label's line or the next),
 * then any description lines of the same block. */
static void
add_problem(parser_t *p, const block_t *b, char *heading)
{
	size_t from = 1;

	if (heading[0] == '\0' && b->n > 1) {
		free(heading);
		heading = line_copy(p, block_line(p, b, 1));
		from = 2;
	}
	if (heading == NULL) {
		p->failed = 1;
		return;
	}
	builder_problem(&p->build, heading, b->lineno);
	free(heading);
	add_lines(p, b, from);
}

/* A table: its first line is the header, the builder decides what the
 * rows below are. */
static void
add_table(parser_t *p, const block_t *b)
{
	for (size_t i = 0; i < b->n && !p->failed; i++) {
		const line_t *l = block_line(p, b, i);
		char *row = str_ndup(l->start, l->len), *cells[64], *save = NULL;
		size_t n = 0;

		if (row == NULL) {
			p->failed = 1;
			return;
		}
		for (char *c = strtok_r(row, "\t", &save); c != NULL && n < 64;
		    c = strtok_r(NULL, "\t", &save))
			cells[n++] = c;
		if (n > 0 && i == 0)
			builder_table_header(&p->build,
			    (const char *const *)cells, n, b->lineno);
		else if (n > 0)
			builder_table_row(&p->build, cells[0],
			    (const char *const *)cells + 1, n - 1,
			    b->lineno + (unsigned)i);
		free(row);
	}
	builder_table_end(&p->build);
}

/* Whether block B holds a question, or opens with the answer to one. */
static int
is_qa_block(const parser_t *p, const block_t *b)
{
	size_t rest;

	for (size_t i = 0; i < b->n; i++)
		if (qa_label(block_line(p, b, i), &rest) == 'Q')
			return 1;
	return p->in_question && qa_label(block_line(p, b, 0), &rest) == 'A';
}

/* The question or answer gathered in TEXT: a heading one level below
 * the last heading that is not a question, or a paragraph. */
static void
flush_qa(parser_t *p, strbuf_t *text, int question, unsigned line,
	 int single_line)
{
	char *s = strbuf_finish(text);
	unsigned level = p->base_level + 1;

	if (s != NULL && p->rst) {
		char *plain = rst_inline(p, s);

		free(s);
		s = plain;
	}
	if (s == NULL) {
		p->failed = 1;
		return;
	}
	if (question && has_words(s)) {
		builder_heading(&p->build, level < BUILDER_LEVELS ? level :
		    BUILDER_LEVELS, s, NULL, line);
		p->in_question = 1;
		free(s);
	} else {
		add_paragraph(p, s, line, single_line);
	}
}

/*
 * A block of questions and answers: each question heads a section of
 * its own, and its answer is the section's text, labels left out.  The
 * answer may follow in the same block or the next ones.
 */
static void
add_qa(parser_t *p, const block_t *b)
{
	strbuf_t text = { 0 };
	int question = 0;
	size_t lines = 0;
	unsigned line = b->lineno;

	for (size_t i = 0; i < b->n && !p->failed; i++) {
		const line_t *l = block_line(p, b, i);
		size_t rest = 0;
		char kind = qa_label(l, &rest);
		char *words;

		if (kind == 'Q' || (kind == 'A' && (question ||
		    p->in_question))) {
			if (text.len > 0 || question)
				flush_qa(p, &text, question, line, lines == 1);
			question = kind == 'Q';
			line = b->lineno + (unsigned)i;
			lines = 0;
		} else {
			rest = 0;
		}
		if ((words = str_ndup(l->start + rest, l->len - rest)) ==
		    NULL) {
			p->failed = 1;
			break;
		}
		text_squeeze_space(words);
		if (words[0] != '\0') {
			if (text.len > 0)
				strbuf_puts(&text, is_item(p, l) ? "\n" : " ");
			strbuf_puts(&text, words);
			lines++;
		}
		free(words);
	}
	if (text.len > 0 || question)
		flush_qa(p, &text, question, line, lines == 1);
	else
		free(strbuf_finish(&text));
}

static int
is_contents(const line_t *l)
{
	const char *s = l->start;
	size_t len = l->len;

	trim(&s, &len);
	return (len == 8 && strncasecmp(s, "contents", 8) == 0) ||
	    (len == 17 && strncasecmp(s, "table of contents", 17) == 0);
}

/* A heading of a hierarchy at LEVEL, not a question. */
static void
heading_at(parser_t *p, const block_t *b, unsigned level)
{
	add_heading(p, level, block_line(p, b, 0), b->lineno);
	p->base_level = level;
	p->in_question = 0;
}

/*
 * Whether heading block I has neither text nor headings under it: the
 * next block is a heading of its level or above.  A section of its own
 * words keeps them, since no section would have them in its path.
 */
static int
is_empty_heading(parser_t *p, size_t i)
{
	const block_t *next = i + 1 < p->n_blocks ? &p->blocks[i + 1] : NULL;

	return next != NULL && next->style != 0 &&
	    !is_contents(block_line(p, next, 0)) &&
	    style_level(p, next->style) <= p->explicit_level;
}

static void
parse_body(parser_t *p, size_t from)
{
	for (size_t i = from; i < p->n_blocks && !p->failed; i++) {
		const block_t *b = &p->blocks[i];
		const line_t *first = block_line(p, b, 0);
		char *rest;

		if (p->paged && b->page != p->build.page)
			builder_page(&p->build, b->page);
		if (b->html) {
			const line_t *last = block_line(p, b, b->n - 1);

			if (parse_html_into(&p->build, first->start,
			    (size_t)(last->start + last->len - first->start),
			    b->lineno) < 0)
				p->failed = 1;
		} else if (b->style != 0 && i + 1 == p->n_blocks) {
			/* A title with nothing under it ends the file: its
			 * words are the last text. */
			add_lines(p, b, 0);
		} else if (b->style != 0) {
			/* A heading marked as one: underlined, numbered,
			 * in capitals.  A table of contents, first, does
			 * not make the chapters after it a level deeper. */
			p->explicit_level = is_contents(first) ? 1 :
			    style_level(p, b->style);
			heading_at(p, b, p->explicit_level);
			if (b->n == 1 && is_empty_heading(p, i))
				add_lines(p, b, 0);
			else
				add_lines(p, b, 1);
		} else if ((rest = labelled(first, "Problem:")) != NULL) {
			add_problem(p, b, rest);
		} else if (p->build.current != NULL &&
		    p->build.current->kind == FACTSHEET_SECTION_PROBLEM &&
		    p->build.current->solution_heading == NULL &&
		    (rest = labelled(first, "Solution:")) != NULL) {
			builder_solution(&p->build, rest);
			free(rest);
			add_lines(p, b, 1);
		} else if (is_table(p, b)) {
			add_table(p, b);
		} else if (p->qa && is_qa_block(p, b)) {
			add_qa(p, b);
		} else if (b->question) {
			/* A question alone heads its answer, one level
			 * below the last heading that is no question. */
			add_heading(p, p->base_level + 1 < BUILDER_LEVELS ?
			    p->base_level + 1 : BUILDER_LEVELS, first,
			    b->lineno);
		} else if (!p->rst && is_heading(p, b) && !is_dated(p, b) &&
		    i + 1 < p->n_blocks) {
			/* A short line alone: in a hierarchy, a heading
			 * under the last one marked. */
			if (p->hierarchy)
				heading_at(p, b, p->explicit_level + 1 <
				    BUILDER_LEVELS ? p->explicit_level + 1 :
				    BUILDER_LEVELS);
			else
				add_heading(p, 0, first, b->lineno);
		} else {
			add_lines(p, b, 0);
		}
	}
}

factsheet_status_t
parse_factsheet(factsheet_publication_t *pub, const char *text, size_t len,
		char **message)
{
	parser_t p = { 0 };
	size_t body;

	*message = NULL;
	p.pub = pub;
	/* A byte order mark is not part of the first line. */
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
		text += 3;
		len -= 3;
	}
	if (split_lines(&p, text, len) < 0) {
		p.failed = 1;
		goto out;
	}
	if ((p.rst = looks_like_rst(&p)) != 0)
		find_rst_markup(&p);
	find_titles(&p);
	if (p.rst)
		drop_wordless(&p);
	find_qa(&p);
	make_blocks(&p);
	body = parse_front(&p);
	find_headings(&p, body);
	if (pub->title == NULL && !p.failed)
		pub->title = title_from_source(pub->source);
	builder_init(&p.build, pub);
	if (!p.failed && pub->title != NULL)
		parse_body(&p, body);
	if (builder_finish(&p.build) < 0)
		p.failed = 1;
out:
	free(p.lines);
	free(p.blocks);
	for (size_t i = 0; i < p.n_defs; i++) {
		free(p.defs[i].name);
		free(p.defs[i].value);
	}
	free(p.defs);
	if (p.failed || pub->title == NULL) {
		*message = str_printf("%s: out of memory while parsing",
		    pub->source);
		return FACTSHEET_STATUS_OUT_OF_MEMORY;
	}
	return FACTSHEET_STATUS_SUCCESS;
}
