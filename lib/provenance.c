/*
 * provenance.c - the product number and revision date a publication
 * states about itself, as CMS prints them in a footer or under the
 * title: "ICN 908889 May 2015", "MLN908889", "ICN MLN1234567", "CMS
 * Product No. 11264", "Revised June 2016".  Read from the parsed
 * publication (front matter and section texts), so every format is read
 * the same way; where the text states several, the one nearest its start
 * or end wins, since that is where front matter and footers are.
 */
#include <config.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "factsheet-private.h"
#include "words.h"

/* A line of the publication: a front-matter line, a heading, a
 * paragraph or a list item. */
typedef struct {
	const char *start;
	size_t len;
} prov_line_t;

typedef struct {
	prov_line_t *items;
	size_t n;
	size_t size;
	int failed;
} prov_lines_t;

/* A date found, and how sure we are it is the revision date. */
enum {
	DATE_NONE,
	DATE_SHORT_LINE,	/* "June 2016" alone, or nearly, on a line */
	DATE_INTRODUCED,	/* "Revised May 2015", "Updated: May 2015" */
	DATE_WITH_PRODUCT	/* "ICN 908889 May 2015" */
};

/* A date on a line of its own counts only this near the ends. */
#define SHORT_LINE_REACH 5

static void
add_line(prov_lines_t *lines, const char *s, size_t len)
{
	if (lines->n == lines->size) {
		size_t size = lines->size ? lines->size * 2 : 64;
		prov_line_t *grown = realloc(lines->items,
		    size * sizeof *grown);

		if (grown == NULL) {
			lines->failed = 1;
			return;
		}
		lines->items = grown;
		lines->size = size;
	}
	lines->items[lines->n].start = s;
	lines->items[lines->n].len = len;
	lines->n++;
}

/* Each line of TEXT (paragraphs and list items), blank ones left out. */
static void
add_text(prov_lines_t *lines, const char *text)
{
	while (text != NULL && *text != '\0') {
		size_t len = strcspn(text, "\n");

		if (len > 0)
			add_line(lines, text, len);
		text += len + (text[len] == '\n');
	}
}

static void
collect_lines(const factsheet_publication_t *pub, prov_lines_t *lines)
{
	for (size_t i = 0; i < pub->n_agency; i++)
		add_text(lines, pub->agency[i]);
	add_text(lines, pub->title);
	add_text(lines, pub->series);
	for (size_t i = 0; i < pub->n_sections; i++) {
		const factsheet_section_t *s = &pub->sections[i];

		add_text(lines, s->heading);
		add_text(lines, s->text);
		add_text(lines, s->solution_heading);
		add_text(lines, s->solution_text);
	}
}

/* Whether the word WORD (any case) is at S, whole, within END. */
static size_t
word_at(const char *s, const char *end, const char *word)
{
	size_t n = strlen(word);

	if ((size_t)(end - s) < n || strncasecmp(s, word, n) != 0 ||
	    words_char_at(s, (size_t)(end - s), n))
		return 0;
	return n;
}

/* The digits at S (at least MIN of them, not followed by a letter or
 * digit); their count, or 0. */
static size_t
digits_at(const char *s, const char *end, size_t min)
{
	size_t n = 0;

	while (s + n < end && isdigit((unsigned char)s[n]))
		n++;
	if (n < min || n > 12 || words_char_at(s, (size_t)(end - s), n))
		return 0;
	return n;
}

static const char *
skip(const char *s, const char *end, const char *chars)
{
	while (s < end && strchr(chars, *s) != NULL)
		s++;
	return s;
}

/*
 * A product number at S: "ICN 908889", "ICN: MLN1234567", "MLN908889",
 * "Product No. 11264".  Returns its length in the text and sets *VALUE
 * to its normal form (the kind of number as written, spaces tidied), or
 * returns 0.
 */
static size_t
product_at(const char *s, const char *end, char **value)
{
	const char *p;
	size_t n, w;

	/* ICN, in capitals: "icn" is too likely a word's end. */
	if ((size_t)(end - s) >= 3 && strncmp(s, "ICN", 3) == 0 &&
	    word_at(s, end, "ICN") != 0) {
		p = skip(s + 3, end, " \t:#.");
		if ((w = word_at(p, end, "No")) != 0)
			p = skip(p + w, end, " \t:#.");
		if (end - p >= 3 && strncmp(p, "MLN", 3) == 0 &&
		    (n = digits_at(p + 3, end, 4)) != 0) {
			*value = str_printf("ICN MLN%.*s", (int)n, p + 3);
			return (size_t)(p + 3 + n - s);
		}
		if ((n = digits_at(p, end, 4)) != 0) {
			*value = str_printf("ICN %.*s", (int)n, p);
			return (size_t)(p + n - s);
		}
		return 0;
	}
	if ((size_t)(end - s) >= 3 && strncmp(s, "MLN", 3) == 0) {
		p = skip(s + 3, end, " ");
		if (p - s <= 4 && (n = digits_at(p, end, 4)) != 0) {
			*value = str_printf("MLN%.*s", (int)n, p);
			return (size_t)(p + n - s);
		}
		return 0;
	}
	if (*s != 'P' && *s != 'p')
		return 0;
	for (int k = 0; k < 2; k++) {
		const char *kind = k == 0 ? "Product" : "Publication";

		if ((w = word_at(s, end, kind)) == 0)
			continue;
		/* "Product No. 11264", "Product Number: 11264", "Product
		 * #11264"; a bare "Product 2015" is not one. */
		p = skip(s + w, end, " \t");
		if ((n = word_at(p, end, "No")) == 0 &&
		    (n = word_at(p, end, "Number")) == 0 &&
		    (p == end || *p != '#'))
			return 0;
		p = skip(p + n, end, " \t:#.");
		if ((n = digits_at(p, end, 3)) == 0)
			return 0;
		*value = str_printf("%s No. %.*s", kind, (int)n, p);
		return (size_t)(p + n - s);
	}
	return 0;
}

static const char *const months[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
	"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct",
	"Nov", "Dec",
};

/*
 * A date at S: a month by name, maybe a day, and a year from Medicare's
 * (1965) on: "May 2015", "Sept. 2016", "June 14, 2016".  Returns its
 * length, or 0.
 */
static size_t
date_at(const char *s, const char *end)
{
	const char *p = NULL;
	size_t n;
	int year;

	/* Months are capitalized: most words end the search here. */
	if (!isupper((unsigned char)*s))
		return 0;
	for (size_t i = 0; i < sizeof months / sizeof months[0]; i++)
		if (months[i][0] == *s &&
		    (n = word_at(s, end, months[i])) != 0) {
			p = s + n;
			break;
		}
	if (p == NULL)
		return 0;
	if (p < end && *p == '.')
		p++;
	p = skip(p, end, " \t");
	if ((n = digits_at(p, end, 1)) != 0 && n <= 2 && p + n < end &&
	    p[n] == ',') {
		/* "June 14, 2016" */
		p = skip(p + n + 1, end, " \t");
	}
	if (digits_at(p, end, 4) != 4)
		return 0;
	year = atoi(p);
	if (year < 1965 || year > 2099)
		return 0;
	return (size_t)(p + 4 - s);
}

/* Whether the words just before AT introduce a revision date:
 * "Revised", "Rev.", "Updated", "Last updated on", "Revision date:". */
static int
introduced(const char *line, const char *at)
{
	static const char *const words[] = {
		"revised", "rev", "updated", "revision date", "revision",
		"date revised", "last reviewed", "reviewed",
	};
	const char *p = at;

	while (p > line && strchr(" \t:.-", p[-1]) != NULL)
		p--;
	/* "Revised in May 2015", "Updated on June 14, 2016" */
	if (p - line >= 2 && (strncasecmp(p - 2, "in", 2) == 0 ||
	    strncasecmp(p - 2, "on", 2) == 0) &&
	    !words_char_before(line, (size_t)(p - 2 - line))) {
		p -= 2;
		while (p > line && strchr(" \t:.-", p[-1]) != NULL)
			p--;
	}
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
		size_t n = strlen(words[i]);

		if ((size_t)(p - line) >= n &&
		    strncasecmp(p - n, words[i], n) == 0 &&
		    !words_char_before(line, (size_t)(p - n - line)))
			return 1;
	}
	return 0;
}

/* How far line I of N is from the nearer end of the publication. */
static size_t
distance(size_t i, size_t n)
{
	return i < n - 1 - i ? i : n - 1 - i;
}

int
provenance_find(factsheet_publication_t *pub)
{
	prov_lines_t lines = { 0 };
	char *product = NULL, *date = NULL;
	size_t product_distance = (size_t)-1, date_distance = (size_t)-1;
	int date_rank = DATE_NONE, failed = 0;

	collect_lines(pub, &lines);
	if (lines.failed) {
		free(lines.items);
		return -1;
	}
	for (size_t i = 0; i < lines.n && !failed; i++) {
		const char *line = lines.items[i].start;
		const char *end = line + lines.items[i].len;
		size_t d = distance(i, lines.n), n;
		int has_product = 0;

		/* The first product number on the line. */
		for (const char *s = line; s < end; s++) {
			char *value = NULL;

			if (words_char_before(line, (size_t)(s - line)))
				continue;
			if ((n = product_at(s, end, &value)) == 0)
				continue;
			if (value == NULL) {
				failed = 1;
				break;
			}
			has_product = 1;
			/* Ties go to the later line: the footer. */
			if (d <= product_distance) {
				free(product);
				product = value;
				product_distance = d;
			} else {
				free(value);
			}
			break;
		}
		for (const char *s = line; s < end && !failed; s++) {
			int rank;

			if (words_char_before(line, (size_t)(s - line)) ||
			    (n = date_at(s, end)) == 0)
				continue;
			if (has_product)
				rank = DATE_WITH_PRODUCT;
			else if (introduced(line, s))
				rank = DATE_INTRODUCED;
			else if (text_count_words(line,
			    (size_t)(end - line)) <= 8 &&
			    d < SHORT_LINE_REACH)
				rank = DATE_SHORT_LINE;
			else
				rank = DATE_NONE;
			if (rank > date_rank ||
			    (rank == date_rank && rank != DATE_NONE &&
			    d <= date_distance)) {
				char *copy = str_ndup(s, n);

				if (copy == NULL) {
					failed = 1;
					break;
				}
				free(date);
				date = text_squeeze_space(copy);
				date_rank = rank;
				date_distance = d;
			}
			s += n - 1;
		}
	}
	free(lines.items);
	if (failed) {
		free(product);
		free(date);
		return -1;
	}
	/* A reader that found them itself (in metadata) knows better. */
	if (pub->product == NULL)
		pub->product = product;
	else
		free(product);
	if (pub->revised == NULL)
		pub->revised = date;
	else
		free(date);
	return 0;
}
