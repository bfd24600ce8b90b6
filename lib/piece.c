/*
 * piece.c - a long section as the consecutive pieces it is stored in.
 * One document of more than PIECE_BYTES of text made everything a hit
 * costs grow with the file: its record decoded, its snippet chosen, its
 * JSON written, and while indexing, its copies (issue 20).  The pieces
 * cut the text, then the solution text, at a line break or a space, so
 * no word is split and nothing is left out but the blank between them.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "factsheet-private.h"

/* Where a piece of S[FROM..LEN) of at most BUDGET bytes ends: at the
 * last line break in the budget's second half, else the last space,
 * else at a character's start. */
static size_t
cut(const char *s, size_t from, size_t len, size_t budget)
{
	size_t end;

	if (len - from <= budget)
		return len;
	end = from + budget;
	for (size_t i = end; i > from + budget / 2; i--)
		if (s[i] == '\n')
			return i;
	for (size_t i = end; i > from + budget / 2; i--)
		if (s[i] == ' ')
			return i;
	while (end > from + 1 && ((unsigned char)s[end] & 0xc0) == 0x80)
		end--;
	return end;
}

/* The blanks between two pieces belong to neither. */
static size_t
skip_blanks(const char *s, size_t at, size_t len)
{
	while (at < len && (s[at] == '\n' || s[at] == ' ' || s[at] == '\t'))
		at++;
	return at;
}

/*
 * The next piece's bounds in text [*TA, *TB) and solution text [*SA,
 * *SB), advancing IT; 0 when there is none.  A piece fills up from the
 * text; the piece the text ends in goes on into the solution text only
 * while it has half its room left, so a short problem keeps its first
 * words of solution with it.
 */
static int
next_bounds(piece_iter_t *it, size_t *ta, size_t *tb, size_t *sa, size_t *sb)
{
	const factsheet_section_t *s = it->section;
	size_t room = PIECE_BYTES;

	if (it->piece > 0 && it->text_at >= it->text_len &&
	    it->solution_at >= it->solution_len)
		return 0;
	*ta = *tb = it->text_at;
	*sa = *sb = it->solution_at;
	if (it->text_at < it->text_len) {
		*tb = cut(s->text, it->text_at, it->text_len, room);
		room -= *tb - *ta;
		it->text_at = skip_blanks(s->text, *tb, it->text_len);
	}
	if (it->text_at >= it->text_len &&
	    it->solution_at < it->solution_len &&
	    (room >= PIECE_BYTES / 2 ||
	    it->solution_len - it->solution_at <= room)) {
		*sb = cut(s->solution_text, it->solution_at,
		    it->solution_len, room);
		it->solution_at = skip_blanks(s->solution_text, *sb,
		    it->solution_len);
	}
	it->piece++;
	return 1;
}

static void
start(piece_iter_t *it, const factsheet_section_t *s)
{
	memset(it, 0, sizeof *it);
	it->section = s;
	it->text_len = s->text ? strlen(s->text) : 0;
	it->solution_len = s->solution_text ? strlen(s->solution_text) : 0;
}

unsigned
section_pieces(const factsheet_section_t *s)
{
	piece_iter_t it;
	size_t ta, tb, sa, sb;

	start(&it, s);
	if (it.text_len + it.solution_len <= PIECE_BYTES)
		return 1;
	while (next_bounds(&it, &ta, &tb, &sa, &sb))
		;
	return it.piece;
}

void
piece_start(piece_iter_t *it, const factsheet_section_t *s)
{
	start(it, s);
	it->pieces = section_pieces(s);
}

static char *
slice(const char *s, size_t from, size_t to)
{
	char *out = malloc(to - from + 1);

	if (out != NULL) {
		memcpy(out, s + from, to - from);
		out[to - from] = '\0';
	}
	return out;
}

int
piece_next(piece_iter_t *it, factsheet_section_t *view)
{
	const factsheet_section_t *s = it->section;
	size_t ta, tb, sa, sb;

	if (it->pieces <= 1) {
		if (it->piece > 0)
			return 0;
		it->piece = 1;
		*view = *s;
		return 1;
	}
	if (!next_bounds(it, &ta, &tb, &sa, &sb))
		return 0;
	*view = *s;
	view->piece = it->piece;
	view->pieces = it->pieces;
	if (it->piece > 1) {
		view->contacts = NULL;
		view->n_contacts = 0;
	}
	view->text = slice(s->text ? s->text : "", ta, tb);
	view->solution_text = s->solution_text ?
	    slice(s->solution_text, sa, sb) : NULL;
	if (view->text == NULL ||
	    (s->solution_text != NULL && view->solution_text == NULL)) {
		piece_clear(view);
		return -1;
	}
	return 1;
}

void
piece_clear(factsheet_section_t *view)
{
	if (view->pieces > 1) {
		free(view->text);
		free(view->solution_text);
	}
	memset(view, 0, sizeof *view);
}
