/*
 * test-piece.c - piece.c and the records of pieces: a section of at most
 * PIECE_BYTES is one document, as it always was; a longer one is cut
 * into pieces of at most that many bytes, at blanks, with every word
 * kept, in order, once; the contacts go with the first piece.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "factsheet-private.h"
#include "tap.h"
#include "testlib.h"

/* The words of TEXT, one space between them: what the pieces must keep. */
static void
add_words(strbuf_t *b, const char *text)
{
	const char *p = text;

	while (*p != '\0') {
		size_t n;

		p += strspn(p, " \n\t");
		n = strcspn(p, " \n\t");
		if (n == 0)
			break;
		if (b->len > 0)
			strbuf_puts(b, " ");
		strbuf_printf(b, "%.*s", (int)n, p);
		p += n;
	}
}

/* Walks S's pieces: their count, the largest's bytes, and all their
 * words, text then solution text. */
static unsigned
walk(const factsheet_section_t *s, size_t *largest, char **text_words,
     char **solution_words, size_t *first_contacts, size_t *later_contacts)
{
	piece_iter_t it;
	factsheet_section_t view;
	strbuf_t text = { 0 }, solution = { 0 };
	unsigned n = 0;

	*largest = *first_contacts = *later_contacts = 0;
	piece_start(&it, s);
	while (piece_next(&it, &view) == 1) {
		size_t bytes = strlen(view.text) + (view.solution_text ?
		    strlen(view.solution_text) : 0);

		n++;
		if (bytes > *largest)
			*largest = bytes;
		add_words(&text, view.text);
		if (view.solution_text != NULL)
			add_words(&solution, view.solution_text);
		if (n == 1)
			*first_contacts = view.n_contacts;
		else
			*later_contacts += view.n_contacts;
		piece_clear(&view);
	}
	*text_words = strbuf_finish(&text);
	*solution_words = strbuf_finish(&solution);
	return n;
}

static char *
words_of(const char *text)
{
	strbuf_t b = { 0 };

	add_words(&b, text ? text : "");
	return strbuf_finish(&b);
}

/* N numbered words, a paragraph break every 7th. */
static char *
numbered(const char *word, size_t n)
{
	strbuf_t b = { 0 };

	for (size_t i = 0; i < n; i++)
		strbuf_printf(&b, "%s%s%zu", i == 0 ? "" : i % 7 ? " " :
		    "\n\n", word, i);
	return strbuf_finish(&b);
}

static void
test_short(void)
{
	factsheet_section_t s = { 0 }, view;
	piece_iter_t it;

	s.heading = "Short";
	s.text = "A short section.";
	is_int(section_pieces(&s), 1, "a short section: one piece");
	piece_start(&it, &s);
	is_int(piece_next(&it, &view), 1, "a short section: given");
	ok(view.text == s.text, "a short section: its own text, not a copy");
	is_int(view.pieces, 0, "a short section: not said to be in pieces");
	piece_clear(&view);
	is_int(piece_next(&it, &view), 0, "a short section: then no more");
}

static void
test_long_text(void)
{
	factsheet_section_t s = { 0 };
	factsheet_contact_t contact = { FACTSHEET_CONTACT_PHONE,
	    "800-555-0100", "Help desk" };
	size_t largest, first, later;
	char *text = numbered("word", 60000), *want, *got, *sol;
	unsigned n;

	s.heading = "Long";
	s.text = text;
	s.contacts = &contact;
	s.n_contacts = 1;
	n = walk(&s, &largest, &got, &sol, &first, &later);
	cmp_ok(strlen(text), >, (size_t)PIECE_BYTES * 6,
	    "a long text: over six pieces' bytes (%zu)", strlen(text));
	is_int(n, section_pieces(&s), "a long text: as many as it counts");
	cmp_ok(n, >=, 7, "a long text: at least seven pieces (%u)", n);
	cmp_ok(largest, <=, (size_t)PIECE_BYTES,
	    "a long text: no piece over %d bytes (%zu)", PIECE_BYTES, largest);
	cmp_ok(largest, >, (size_t)PIECE_BYTES / 2,
	    "a long text: pieces are not cut small (%zu)", largest);
	want = words_of(text);
	is_str(got, want, "a long text: every word kept, in order, once");
	is_str(sol, "", "a long text: no solution text made up");
	is_size(first, 1, "a long text: the contact is on the first piece");
	is_size(later, 0, "a long text: ... and on no other");
	free(want);
	free(got);
	free(sol);
	free(text);
}

static void
test_long_solution(void)
{
	factsheet_section_t s = { 0 }, view;
	piece_iter_t it;
	size_t largest, first, later;
	char *sol_text = numbered("answer", 40000), *got, *sol, *want;

	s.kind = FACTSHEET_SECTION_PROBLEM;
	s.heading = "A problem";
	s.text = "The short problem.";
	s.solution_heading = "Call us";
	s.solution_text = sol_text;
	walk(&s, &largest, &got, &sol, &first, &later);
	is_str(got, "The short problem.", "a long solution: the text kept");
	want = words_of(sol_text);
	is_str(sol, want, "a long solution: every word kept, in order");
	cmp_ok(largest, <=, (size_t)PIECE_BYTES,
	    "a long solution: no piece over %d bytes", PIECE_BYTES);
	piece_start(&it, &s);
	is_int(piece_next(&it, &view), 1, "a long solution: a first piece");
	is_str(view.text, "The short problem.",
	    "a long solution: the first piece has the problem's text");
	cmp_ok(strlen(view.solution_text), >, 0,
	    "a long solution: ... and the solution's first words");
	is_str(view.solution_heading, "Call us",
	    "a long solution: the solution heading on the first piece");
	piece_clear(&view);
	is_int(piece_next(&it, &view), 1, "a long solution: a second piece");
	is_str(view.text, "", "a long solution: the second has no text");
	is_str(view.solution_heading, "Call us",
	    "a long solution: ... and the solution heading too");
	is_int(view.piece, 2, "a long solution: numbered 2");
	piece_clear(&view);
	free(want);
	free(got);
	free(sol);
	free(sol_text);
}

/* A text with no blank to cut at is cut between characters, never inside
 * one, and nothing is lost. */
static void
test_no_blanks(void)
{
	factsheet_section_t s = { 0 }, view;
	piece_iter_t it;
	strbuf_t all = { 0 }, joined = { 0 };
	int inside = 0;

	for (size_t i = 0; i < 3 * PIECE_BYTES / 3; i++)
		strbuf_puts(&all, "x\xc3\xa9");	/* "xé": 3 bytes */
	s.heading = "Blankless";
	s.text = strbuf_finish(&all);
	piece_start(&it, &s);
	while (piece_next(&it, &view) == 1) {
		if (((unsigned char)view.text[0] & 0xc0) == 0x80)
			inside++;
		strbuf_puts(&joined, view.text);
		piece_clear(&view);
	}
	is_int(inside, 0, "no blanks: no piece starts inside a character");
	{
		char *got = strbuf_finish(&joined);

		is_str(got, s.text, "no blanks: the pieces make the text");
		free(got);
	}
	free(s.text);
}

static void
test_records(void)
{
	factsheet_publication_t pub = { 0 };
	factsheet_section_t s = { 0 }, view;
	piece_iter_t it;
	record_t r;
	char *json;

	pub.id = "p1";
	pub.title = "Title";
	pub.source = "long.txt";
	s.kind = FACTSHEET_SECTION_TEXT;
	s.slug = "long";
	s.heading = "Long";
	s.text = numbered("word", 30000);
	piece_start(&it, &s);
	is_int(piece_next(&it, &view), 1, "records: a first piece");
	json = record_to_json(&pub, &view);
	is_int(record_is_continuation(json), 0,
	    "records: the first piece is no continuation");
	is_int(json ? record_from_json(json, &r) : -1, 0,
	    "records: the first piece read back");
	is_int(r.section.piece, 1, "records: piece 1");
	is_int(r.section.pieces, section_pieces(&s), "records: of all");
	record_clear(&r);
	is_int(record_publication_from_json(json, &r), 0,
	    "records: its publication read alone");
	is_str(r.publication_source, "long.txt",
	    "records: ... the publication's source");
	record_clear(&r);
	free(json);
	piece_clear(&view);
	is_int(piece_next(&it, &view), 1, "records: a second piece");
	json = record_to_json(&pub, &view);
	is_int(json ? record_is_continuation(json) : 0, 1,
	    "records: the second piece is a continuation");
	free(json);
	piece_clear(&view);
	free(s.text);
	/* A section stored whole: its record says nothing of pieces. */
	s.text = "Short.";
	json = record_to_json(&pub, &s);
	is_str(json ? strstr(json, "piece") : "", NULL,
	    "records: a whole section's record has no piece member");
	is_int(json ? record_is_continuation(json) : 1, 0,
	    "records: ... and is no continuation");
	free(json);
}

int
main(void)
{
	test_short();
	test_long_text();
	test_long_solution();
	test_no_blanks();
	test_records();
	return done_testing();
}
