/*
 * render-text.c - the terminal view of hits.  Matched words come from the
 * library as text between two marker bytes; wrapping is computed on the
 * text without them (libunistring's u8_width_linebreaks, which knows wide
 * characters and break rules), then the highlight is laid back on.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <unilbrk.h>

#include "render-text.h"

#define MARK_OPEN "\x01"
#define MARK_CLOSE "\x02"

#define SGR_MATCH "\x1b[1;31m"
#define SGR_HEADING "\x1b[1m"
#define SGR_DIM "\x1b[2m"
#define SGR_RESET "\x1b[0m"

/*
 * Prints MARKED (text with MARK_OPEN/MARK_CLOSE around matches) wrapped
 * to the width, each line after INDENT spaces; the first line starts at
 * column FIRST_COLUMN, where the caller has already printed a label.
 * STYLE is the text's own look ("" or bold), restored after each match.
 */
static void
print_wrapped(FILE *out, const render_options_t *o, const char *text,
	      int indent, int first_column, const char *style)
{
	/* Nothing the index holds reaches the terminal raw: an old index,
	 * or a file name, may still hold an escape sequence. */
	char *marked = factsheet_escape(text, "\t\n" MARK_OPEN MARK_CLOSE);
	size_t n = marked ? strlen(marked) : 0, len = 0;
	char *plain = malloc(n + 1), *breaks = malloc(n + 1);
	char *keep = malloc(n + 1);
	unsigned char *lit = malloc(n + 1);
	int on = 0, spaces = 0, line_start = 0, width = o->width - indent;

	if (marked == NULL || plain == NULL || breaks == NULL ||
	    keep == NULL || lit == NULL)
		goto out;
	for (size_t i = 0; i < n; i++) {
		if (marked[i] == MARK_OPEN[0] || marked[i] == MARK_CLOSE[0]) {
			on = marked[i] == MARK_OPEN[0];
			continue;
		}
		plain[len] = marked[i];
		lit[len++] = (unsigned char)on;
	}
	plain[len] = '\0';
	if (width < 20)
		width = 20;
	/* A URL, a path, an address or an option broken across lines
	 * cannot be clicked, copied or typed: keep each whole (any word with
	 * a slash or an @, or starting with a hyphen), on a line of its own
	 * if need be. */
	memset(keep, UC_BREAK_UNDEFINED, len + 1);
	for (size_t i = 0; i < len;) {
		size_t n = strcspn(plain + i, " \t\n");

		if (n > 1 && (memchr(plain + i, '/', n) != NULL ||
		    memchr(plain + i, '@', n) != NULL || plain[i] == '-'))
			memset(keep + i + 1, UC_BREAK_PROHIBITED, n - 1);
		i += n + (i + n < len);
	}
	u8_width_linebreaks((const uint8_t *)plain, len, width,
	    first_column - indent, 0, keep, "UTF-8", breaks);
	if (o->color)
		fputs(style, out);
	on = 0;
	for (size_t i = 0; i < len; i++) {
		if (breaks[i] == UC_BREAK_MANDATORY ||
		    breaks[i] == UC_BREAK_POSSIBLE) {
			/* Spaces at the end of a line are dropped, and an
			 * empty line gets no indent. */
			fputc('\n', out);
			spaces = 0;
			line_start = 1;
			if (breaks[i] == UC_BREAK_MANDATORY)
				continue;
		}
		if (plain[i] == ' ') {
			spaces += !line_start;
			continue;
		}
		if (line_start)
			fprintf(out, "%*s", indent, "");
		line_start = 0;
		/* The highlight ends with the matched word, not after the
		 * space that follows it. */
		if (o->color && on && spaces > 0 && !lit[i]) {
			fputs(SGR_RESET, out);
			fputs(style, out);
			on = 0;
		}
		for (; spaces > 0; spaces--)
			fputc(' ', out);
		if (o->color && lit[i] != on) {
			fputs(SGR_RESET, out);
			fputs(lit[i] ? SGR_MATCH : style, out);
			on = lit[i];
		}
		fputc(plain[i], out);
	}
	if (o->color)
		fputs(SGR_RESET, out);
out:
	fputc('\n', out);
	free(marked);
	free(plain);
	free(breaks);
	free(keep);
	free(lit);
}

/* TEXT with the query's words marked (whole when LENGTH is 0). */
static char *
marked(const factsheet_results_t *r, const char *text, size_t length)
{
	char *m = factsheet_results_highlight(r, text, length, MARK_OPEN,
	    MARK_CLOSE, 0);

	return m ? m : strdup(text);
}

static void
print_field(FILE *out, const render_options_t *o,
	    const factsheet_results_t *r, const char *label, const char *text,
	    size_t length)
{
	char *m = marked(r, text, length);
	int column = 0;

	if (m == NULL)
		return;
	column += fprintf(out, "   %s", label);
	print_wrapped(out, o, m, 3, column, "");
	free(m);
}

static const char *
contact_label(factsheet_contact_kind_t kind)
{
	static const char *const labels[FACTSHEET_CONTACT_LAST] = {
		"Website:", "Phone:", "TTY:", "Email:", "Live chat:", "Link:",
		"Fax:", "Address:",
	};

	return (unsigned)kind < FACTSHEET_CONTACT_LAST ? labels[kind] :
	    "Link:";
}

static void
print_contacts(FILE *out, const render_options_t *o,
	       const factsheet_results_t *r, const factsheet_section_t *s)
{
	size_t *order = calloc(s->n_contacts + 1, sizeof *order);

	if (order == NULL)
		return;
	/* The contacts the query asked for come first. */
	factsheet_results_contact_order(r, s, order);
	for (size_t n = 0; n < s->n_contacts; n++) {
		const factsheet_contact_t *c = &s->contacts[order[n]];
		int column = fprintf(out, "   %-11s", contact_label(c->kind));

		if (c->kind == FACTSHEET_CONTACT_LINK) {
			char *m = marked(r, c->label, 0);

			if (m != NULL)
				print_wrapped(out, o, m, 14, column, "");
			free(m);
			m = factsheet_escape(c->value, NULL);
			fprintf(out, "%*s%s\n", 14, "", m ? m : "?");
			free(m);
		} else {
			char *m = marked(r, c->value, 0);

			if (m != NULL)
				print_wrapped(out, o, m, 14, column, "");
			free(m);
		}
	}
	free(order);
}

/* For people tuning the thesaurus: the terms that ranked the hit. */
static void
print_explain(FILE *out, const render_options_t *o,
	      const factsheet_results_t *r, size_t i)
{
	factsheet_explain_t *terms;
	size_t n;
	double total = 0;

	if (factsheet_results_explain(r, i, &terms, &n) !=
	    FACTSHEET_STATUS_SUCCESS) {
		char *why = factsheet_escape(factsheet_results_last_error(r),
		    NULL);

		fprintf(out, "   explain: %s\n", why ? why : "failed");
		free(why);
		return;
	}
	for (size_t k = 0; k < n; k++)
		total += terms[k].weight;
	fprintf(out, "   %sexplain: %zu matched term%s, weights summing to "
	    "%.3f%s\n", o->color ? SGR_DIM : "", n, n == 1 ? "" : "s", total,
	    o->color ? SGR_RESET : "");
	for (size_t k = 0; k < n; k++) {
		char *term = factsheet_escape(terms[k].term, NULL);

		fprintf(out, "     %8.3f  %-24s %-9s wdf %-3u in %lu "
		    "section%s\n", terms[k].weight, term ? term : "?",
		    terms[k].field, terms[k].wdf, terms[k].documents,
		    terms[k].documents == 1 ? "" : "s");
		free(term);
	}
	factsheet_explain_free(terms, n);
}

/* Problem text can run long: its best sentences are enough to judge. */
#define DESCRIPTION_LENGTH 300

static void
render_hit(FILE *out, const render_options_t *o,
	   const factsheet_results_t *r, size_t i)
{
	const factsheet_hit_t *h = factsheet_results_hit(r, i);
	const factsheet_section_t *s = h->section;
	char *heading = marked(r, s->heading, 0), *where;
	int column;

	if (o->format == RENDER_PATH) {
		/* Scripts get the place to open, nothing else. */
		fprintf(out, "%s#%s\n", h->publication_source,
		    s->anchor ? s->anchor : s->slug);
		free(heading);
		return;
	}
	column = fprintf(out, "%u. [%d%%] ", h->rank, h->percent);
	if (heading != NULL)
		print_wrapped(out, o, heading, column, column, SGR_HEADING);
	free(heading);
	if (o->format == RENDER_BRIEF) {
		print_contacts(out, o, r, s);
		return;
	}
	/* Where it comes from: "file:line" that editors open, or for a
	 * PDF "file.pdf#page=N" that viewers open at the page. */
	if ((where = malloc(strlen(h->publication_title) +
	    strlen(h->publication_source) + 96)) != NULL) {
		if (s->page > 0)
			sprintf(where, "%s, %s#page=%u", h->publication_title,
			    h->publication_source, s->page);
		else
			sprintf(where, "%s, %s:%u", h->publication_title,
			    h->publication_source, s->line);
		/* A long section shows the piece that matched best. */
		if (s->pieces > 1)
			sprintf(where + strlen(where), " (part %u of %u of a "
			    "long section)", s->piece, s->pieces);
		fputs("   ", out);
		print_wrapped(out, o, where, 3, 3, SGR_DIM);
		free(where);
	}
	if (s->text[0] != '\0')
		print_field(out, o, r, "", s->text, DESCRIPTION_LENGTH);
	if (s->solution_heading != NULL) {
		print_field(out, o, r, "Solution: ", s->solution_heading, 0);
		/* A piece of a long section is a fragment: its best
		 * sentences, as of a description, not 64 KB of it. */
		if (s->solution_text && s->solution_text[0] != '\0')
			print_field(out, o, r, "", s->solution_text,
			    s->pieces > 1 ? DESCRIPTION_LENGTH : 0);
	}
	print_contacts(out, o, r, s);
	if (o->explain)
		print_explain(out, o, r, i);
}

void
render_results(FILE *out, const factsheet_results_t *r,
	       const render_options_t *o)
{
	const char *corrected = factsheet_results_corrected(r);
	const char *suggested = factsheet_results_suggested(r);

	if (corrected != NULL && o->format != RENDER_PATH) {
		char *shown = factsheet_escape(corrected, NULL);

		fprintf(out, "Showing results for: %s\n\n", shown ? shown :
		    "?");
		free(shown);
	}
	if (suggested != NULL && o->format != RENDER_PATH) {
		char *shown = factsheet_escape(suggested, NULL);

		fprintf(out, "Did you mean: %s?\n\n", shown ? shown : "?");
		free(shown);
	}
	for (size_t i = 0; i < factsheet_results_count(r); i++) {
		if (i > 0 && o->format != RENDER_PATH)
			fputc('\n', out);
		render_hit(out, o, r, i);
	}
}
