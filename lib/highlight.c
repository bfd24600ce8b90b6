/*
 * highlight.c - which words of a displayed text the query matched, and
 * the best sentences of a long text around them.
 *
 * Words are found as the index finds them (words.h) and compared
 * in their indexed form: normalized, and stemmed when the matching term
 * was a stem.  Phone numbers are compared by their ten digits, as the
 * index holds them.  Xapian's own snippet() is not used: it drops words
 * at the end of long texts and escapes HTML unconditionally.
 */
#include <config.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "factsheet-private.h"
#include "words.h"
#include "xapian-shim.h"

static int
compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The number of S in SET, counting from BASE, or 0 if absent. */
static size_t
set_find(char *const *set, size_t n, const char *s, size_t base)
{
	char *const *found;

	if (n == 0)
		return 0;
	found = bsearch(&s, set, n, sizeof *set, compare_strings);
	return found ? base + (size_t)(found - set) + 1 : 0;
}

/*
 * Splits index terms into plain words and stems, without their field
 * prefixes (shim_term_word).
 */
int
term_set_init(term_set_t *set, const char *const *terms)
{
	size_t n = 0;

	memset(set, 0, sizeof *set);
	while (terms && terms[n])
		n++;
	set->words = calloc(n + 1, sizeof *set->words);
	set->stems = calloc(n + 1, sizeof *set->stems);
	if (set->words == NULL || set->stems == NULL) {
		term_set_clear(set);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		int stem;
		const char *t = shim_term_word(terms[i], &stem);
		char *bare;

		if (*t == '\0')
			continue;
		if ((bare = str_printf("%s", t)) == NULL) {
			term_set_clear(set);
			return -1;
		}
		if (stem)
			set->stems[set->n_stems++] = bare;
		else
			set->words[set->n_words++] = bare;
	}
	qsort(set->words, set->n_words, sizeof *set->words, compare_strings);
	qsort(set->stems, set->n_stems, sizeof *set->stems, compare_strings);
	return 0;
}

void
term_set_clear(term_set_t *set)
{
	for (size_t i = 0; set->words && i < set->n_words; i++)
		free(set->words[i]);
	for (size_t i = 0; set->stems && i < set->n_stems; i++)
		free(set->stems[i]);
	for (size_t i = 0; set->typed && i < set->n_typed; i++)
		free(set->typed[i]);
	for (size_t i = 0; set->alone && i < set->n_alone; i++)
		free(set->alone[i]);
	for (size_t i = 0; set->joined && i < set->n_joined; i++)
		free(set->joined[i]);
	free(set->words);
	free(set->stems);
	free(set->typed);
	free(set->alone);
	free(set->joined);
	memset(set, 0, sizeof *set);
}

/* Adds WORD and its stem to LIST (room for them is there). */
static void
add_word_and_stem(char **list, size_t *n, const char *word,
		  term_stemmer_t stem, void *ctx)
{
	char *stemmed = stem(ctx, word);

	if (stemmed != NULL)
		list[(*n)++] = stemmed;
	if ((list[*n] = str_printf("%s", word)) != NULL)
		(*n)++;
}

/* TOKEN (a run of the query without spaces) after its field name. */
static const char *
after_field(const char *token, size_t len)
{
	const char *name;

	for (size_t i = 0; (name = shim_query_field(i)) != NULL; i++) {
		size_t n = strlen(name);

		if (len > n + 1 && strncmp(token, name, n) == 0 &&
		    token[n] == ':')
			return token + n + 1;
	}
	return token;
}

int
term_set_mark_typed(term_set_t *set, const char *query, term_stemmer_t stem,
		    void *ctx)
{
	char *words = phrase_words(query), *save = NULL, *w;
	size_t n = 1;

	if (words == NULL)
		return -1;
	for (const char *p = words; *p; p++)
		n += *p == ' ';
	set->typed = calloc(2 * n, sizeof *set->typed);
	set->alone = calloc(2 * n, sizeof *set->alone);
	set->joined = calloc(n, sizeof *set->joined);
	if (set->typed == NULL || set->alone == NULL || set->joined == NULL) {
		free(words);
		return -1;
	}
	for (w = strtok_r(words, " ", &save); w != NULL;
	    w = strtok_r(NULL, " ", &save))
		add_word_and_stem(set->typed, &set->n_typed, w, stem, ctx);
	free(words);
	/* Each run without spaces: one word is a word typed alone, more
	 * ("cgi.com") a joined token. */
	for (const char *p = query; *p != '\0'; ) {
		size_t len = strcspn(p, " \t\n");
		const char *token = after_field(p, len);
		char *raw = str_ndup(token, len - (size_t)(token - p));
		char *parts = raw ? phrase_words(raw) : NULL;

		free(raw);
		if (parts == NULL)
			return -1;
		if (parts[0] == '\0')
			free(parts);
		else if (strchr(parts, ' ') != NULL)
			set->joined[set->n_joined++] = parts;
		else {
			add_word_and_stem(set->alone, &set->n_alone, parts,
			    stem, ctx);
			free(parts);
		}
		p += len;
		p += strspn(p, " \t\n");
	}
	qsort(set->typed, set->n_typed, sizeof *set->typed, compare_strings);
	qsort(set->alone, set->n_alone, sizeof *set->alone, compare_strings);
	return 0;
}

/* Matched byte ranges of a text, in order, each with the number of the
 * term it matched. */
typedef struct {
	size_t (*spans)[4];
	size_t n;
	size_t size;
	int failed;
} spans_t;

static void
add_span(spans_t *s, size_t start, size_t end, size_t term)
{
	if (s->failed)
		return;
	if (s->n == s->size) {
		size_t size = s->size ? s->size * 2 : 16;
		size_t (*grown)[4] = realloc(s->spans, size * sizeof *grown);

		if (grown == NULL) {
			s->failed = 1;
			return;
		}
		s->spans = grown;
		s->size = size;
	}
	s->spans[s->n][0] = start;
	s->spans[s->n][1] = end;
	s->spans[s->n][2] = term;
	s->spans[s->n][3] = 0;
	s->n++;
}

/*
 * English stemming changes only the ends of words, so WORD can stem to
 * one of SET's stems only if they begin alike: most words of a text are
 * never handed to the stemmer.
 */
static int
may_stem_to(const term_set_t *set, const char *word)
{
	size_t lo = 0, hi = set->n_stems;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strncmp(set->stems[mid], word, 2);

		if (c == 0)
			return 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* How the person typed the word FORM of term TERM: TYPED_ALONE,
 * TYPED_JOINED (only inside a joined token such as an address), or 0. */
enum { TYPED_ALONE = 1, TYPED_JOINED = 2 };

static int
typed_how(const term_set_t *set, size_t term, const char *form)
{
	if (term == 0 || !set_find(set->typed, set->n_typed, form, 0))
		return 0;
	/* A set without the words' ways (tests) has them all alone. */
	if (set->alone == NULL ||
	    set_find(set->alone, set->n_alone, form, 0))
		return TYPED_ALONE;
	return TYPED_JOINED;
}

/*
 * The number of the term WORD matches (1-based), or 0; *TYPED says
 * whether and how the person typed it (as a word or by its stem).
 */
static size_t
word_matches(const term_set_t *set, const char *word, size_t len,
	     term_stemmer_t stem, void *ctx, int *typed)
{
	char buf[64], *raw = NULL, *norm = NULL;
	size_t term = 0, i;

	/* Most words are short ASCII: lower case them in place of the
	 * full normalization, without allocating. */
	for (i = 0; i < len && i < sizeof buf - 1; i++) {
		if ((unsigned char)word[i] >= 0x80)
			break;
		buf[i] = (char)tolower((unsigned char)word[i]);
	}
	if (i == len) {
		buf[len] = '\0';
		norm = buf;
	} else if ((raw = str_ndup(word, len)) != NULL) {
		norm = text_normalize(raw);
	}
	*typed = 0;
	if (norm != NULL) {
		term = set_find(set->words, set->n_words, norm, 0);
		*typed = typed_how(set, term, norm);
		if (term == 0 && may_stem_to(set, norm)) {
			char *stemmed = stem(ctx, norm);

			if (stemmed != NULL) {
				term = set_find(set->stems, set->n_stems,
				    stemmed, set->n_words);
				*typed = typed_how(set, term, stemmed);
			}
			free(stemmed);
		}
	}
	if (norm != buf)
		free(norm);
	free(raw);
	return term;
}

/*
 * A word that does not match whole is tried part by part: a query may
 * not keep whole what the index does ("contact_list", "can't", "i&a").
 */
static void
match_word(spans_t *spans, const term_set_t *set, const char *text,
	   size_t start, size_t end, term_stemmer_t stem, void *ctx,
	   int level)
{
	/* First the dots between digits ("1.5"), then the joiners the
	 * index keeps but a query may not: "_" and "'" before "&", so
	 * that "AT&T's" still finds "at&t". */
	static const char *const separators[] = { ".", "_'", "&" };
	size_t a = start, term;
	int typed;

	if ((term = word_matches(set, text + start, end - start, stem, ctx,
	    &typed))) {
		add_span(spans, start, end, term);
		if (!spans->failed)
			spans->spans[spans->n - 1][3] = (size_t)typed;
		return;
	}
	for (; level < 3; level++) {
		size_t i;

		for (i = start; i < end; i++)
			if (strchr(separators[level], text[i]))
				break;
		if (i < end)
			break;
	}
	if (level == 3)
		return;
	for (size_t i = start; i <= end; i++) {
		if (i < end && !strchr(separators[level], text[i]))
			continue;
		if (i > a)
			match_word(spans, set, text, a, i, stem, ctx,
			    level + 1);
		a = i + 1;
	}
}

/* Removes the spans inside [START, END), which one span replaces. */
static void
drop_spans_within(spans_t *spans, size_t start, size_t end)
{
	size_t w = 0;

	for (size_t k = 0; k < spans->n; k++)
		if (spans->spans[k][1] <= start || spans->spans[k][0] >= end)
			memcpy(spans->spans[w++], spans->spans[k],
			    sizeof spans->spans[k]);
	spans->n = w;
}

static int
compare_spans(const void *a, const void *b)
{
	const size_t *x = a, *y = b;

	return x[0] < y[0] ? -1 : x[0] > y[0];
}

/* Whether C ends a run of text without spaces. */
static int
is_space(char c)
{
	return c == ' ' || c == '\n' || c == '\t' || c == '\0';
}

/*
 * A word typed only inside a joined token ("com" of "EUSsupport@cgi.com")
 * is marked only where the whole token is: there one span covers it,
 * separators included, and "com" of another address is not marked.
 * SPANS are sorted.
 */
static void
keep_joined(spans_t *spans, const term_set_t *set, const char *text)
{
	size_t w = 0;

	for (size_t k = 0; k < spans->n; ) {
		size_t a = spans->spans[k][0], b, j, end;
		char *raw, *parts;
		int found = 0;

		if (spans->spans[k][3] != TYPED_JOINED) {
			memmove(spans->spans[w++], spans->spans[k],
			    sizeof spans->spans[k]);
			k++;
			continue;
		}
		/* The run without spaces around it, and its spans. */
		while (a > 0 && !is_space(text[a - 1]))
			a--;
		for (b = spans->spans[k][1]; !is_space(text[b]); b++)
			;
		for (j = k; j < spans->n && spans->spans[j][0] < b; j++)
			;
		raw = str_ndup(text + a, b - a);
		parts = raw ? phrase_words(raw) : NULL;
		for (size_t i = 0; parts && i < set->n_joined && !found; i++)
			found = phrase_in_words(set->joined[i], parts) > 0;
		free(raw);
		free(parts);
		if (found) {
			/* One span from the first joined word's start to
			 * the last one's end. */
			end = spans->spans[k][1];
			for (size_t i = k; i < j; i++)
				if (spans->spans[i][3] == TYPED_JOINED &&
				    spans->spans[i][1] > end)
					end = spans->spans[i][1];
			memmove(spans->spans[w], spans->spans[k],
			    sizeof spans->spans[k]);
			spans->spans[w][1] = end;
			spans->spans[w][3] = TYPED_ALONE;
			w++;
			for (k++; k < j && spans->spans[k][0] < end; k++)
				;
			continue;
		}
		/* Not the token typed: drop the joined words' spans. */
		for (; k < j; k++)
			if (spans->spans[k][3] != TYPED_JOINED)
				memmove(spans->spans[w++], spans->spans[k],
				    sizeof spans->spans[k]);
	}
	spans->n = w;
}

/*
 * The stems of the words last seen, so that a text repeating a word is
 * not stemmed again at each repetition: stemming costs thousands of
 * instructions a word, and a long section repeats its words many times.
 * Direct-mapped by the word's hash; a collision only costs a stemming.
 */
enum { STEM_MEMO_SLOTS = 64, STEM_MEMO_WORD = 32 };

typedef struct {
	term_stemmer_t stem;
	void *ctx;
	char word[STEM_MEMO_SLOTS][STEM_MEMO_WORD];
	char *stemmed[STEM_MEMO_SLOTS];
} stem_memo_t;

/* A term_stemmer_t over MEMO: a copy of WORD's stem, which the caller
 * frees, or NULL. */
static char *
memo_stem(void *memo, const char *word)
{
	stem_memo_t *m = memo;
	size_t len = strlen(word), slot;
	char *stemmed;

	if (len >= STEM_MEMO_WORD)
		return m->stem(m->ctx, word);
	slot = (size_t)(hash_string(word) % STEM_MEMO_SLOTS);
	if (m->stemmed[slot] == NULL || strcmp(m->word[slot], word) != 0) {
		if ((stemmed = m->stem(m->ctx, word)) == NULL)
			return NULL;
		free(m->stemmed[slot]);
		m->stemmed[slot] = stemmed;
		memcpy(m->word[slot], word, len + 1);
	}
	return str_ndup(m->stemmed[slot], strlen(m->stemmed[slot]));
}

static void
find_spans(spans_t *spans, const term_set_t *set, const char *text,
	   term_stemmer_t stem, void *ctx)
{
	size_t n = strlen(text), pos = 0, start, word;
	stem_memo_t *memo;

	if (n == 0 || (set->n_words == 0 && set->n_stems == 0))
		return;
	if ((memo = calloc(1, sizeof *memo)) == NULL) {
		spans->failed = 1;
		return;
	}
	memo->stem = stem;
	memo->ctx = ctx;
	while ((word = words_next(text, n, &pos, &start)) > 0)
		match_word(spans, set, text, start, start + word, memo_stem,
		    memo, 0);
	for (size_t i = 0; i < STEM_MEMO_SLOTS; i++)
		free(memo->stemmed[i]);
	free(memo);
	/* Phone numbers are matched whole, by their digits. */
	for (size_t i = 0; i < n; i++) {
		char digits[11];
		size_t len;

		if (words_char_before(text, i) ||
		    !(isdigit((unsigned char)text[i]) || text[i] == '(' ||
		    text[i] == '+'))
			continue;
		if ((len = contact_match_phone(text + i, digits)) == 0)
			continue;
		/* Queries ask for the digits as a stem ("Z8006334227"), the
		 * digits being their own stem; as a plain term too. */
		size_t term = set_find(set->stems, set->n_stems, digits,
		    set->n_words);

		if (term == 0)
			term = set_find(set->words, set->n_words, digits, 0);
		if (term != 0) {
			/* The number replaces the spans of its parts. */
			drop_spans_within(spans, i, i + len);
			add_span(spans, i, i + len, term);
			if (!spans->failed)
				spans->spans[spans->n - 1][3] = 1;
		}
		i += len - 1;
	}
	if (spans->n > 1)
		qsort(spans->spans, spans->n, sizeof *spans->spans,
		    compare_spans);
	keep_joined(spans, set, text);
}

/* Sentences end after ". ", "? ", "! " or at a line break. */
static size_t
sentence_end(const char *text, size_t from, size_t n)
{
	for (size_t i = from; i < n; i++) {
		if (text[i] == '\n')
			return i + 1;
		if (strchr(".?!", text[i]) && (i + 1 == n || text[i + 1] == ' '))
			return i + 1;
	}
	return n;
}

/* Moves P back to the start of its word, not below FLOOR. */
static size_t
word_start(const char *text, size_t p, size_t floor)
{
	while (p > floor && text[p - 1] != ' ' && text[p - 1] != '\n')
		p--;
	return p;
}

/*
 * Where to end a window that starts at A and should end near P: at a
 * word's start after A, else at a character's start after A, never
 * inside a character.
 */
static size_t
cut_before(const char *text, size_t p, size_t a)
{
	size_t q = word_start(text, p, a);

	if (q > a)
		return q;
	while (p > a && ((unsigned char)text[p] & 0xc0) == 0x80)
		p--;
	if (p > a)
		return p;
	do
		p++;
	while (((unsigned char)text[p] & 0xc0) == 0x80);
	return p;
}

/*
 * How well [A, B) matches: distinct words the person typed first, then
 * distinct words matched through the thesaurus, so that "An expired
 * password" beats "changing your password, or retrieving a forgotten
 * password", then the number of matches.
 */
static size_t
score(const spans_t *spans, size_t a, size_t b)
{
	size_t typed = 0, distinct = 0, hits = 0, lo = 0, hi = spans->n;

	/* The spans are in order of their starts (find_spans): only those
	 * from A to B are read, so choosing among a text's sentences costs
	 * its matches once, not once a sentence, however often a word
	 * repeats. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (spans->spans[mid][0] < a)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t k = lo; k < spans->n && spans->spans[k][0] < b; k++) {
		size_t j;

		if (spans->spans[k][1] > b)
			continue;
		hits++;
		for (j = lo; j < k; j++)
			if (spans->spans[j][2] == spans->spans[k][2])
				break;
		distinct += j == k;
		typed += j == k && spans->spans[k][3];
	}
	return typed * 1000000 + distinct * 1000 + hits;
}

/*
 * Chooses [*START, *END) of about LENGTH bytes of TEXT: the sentence with
 * the most matches (the first such), then the sentences after it while
 * they fit, then those before it.
 */
static void
choose_window(const char *text, const spans_t *spans, size_t length,
	      size_t *start, size_t *end)
{
	size_t n = strlen(text), cuts[256], n_cuts = 0, best = 0, hits = 0;
	size_t a, b;

	*start = 0;
	*end = n;
	if (n <= length)
		return;
	/* Sentence starts; texts of more sentences are cut at the last. */
	for (a = 0; a < n && n_cuts < 255; a = sentence_end(text, a, n))
		cuts[n_cuts++] = a;
	cuts[n_cuts] = n;
	for (size_t i = 0; i < n_cuts; i++) {
		size_t h = score(spans, cuts[i], cuts[i + 1]);

		if (h > hits) {
			hits = h;
			best = i;
		}
	}
	a = cuts[best];
	b = cuts[best + 1];
	if (b - a > length) {
		/* One long sentence: start a third of the way before its
		 * first match, at a word. */
		size_t first = a;

		for (size_t k = 0; k < spans->n; k++)
			if (spans->spans[k][0] >= a) {
				first = spans->spans[k][0];
				break;
			}
		if (first > a + length / 3)
			a = word_start(text, first - length / 3, a);
		b = a + length < n ? cut_before(text, a + length, a) : n;
	} else {
		for (size_t i = best + 1; i < n_cuts &&
		    cuts[i + 1] - a <= length; i++)
			b = cuts[i + 1];
		for (size_t i = best; i > 0 && b - cuts[i - 1] <= length; i--)
			a = cuts[i - 1];
	}
	while (a < b && (text[a] == ' ' || text[a] == '\n'))
		a++;
	while (b > a && (text[b - 1] == ' ' || text[b - 1] == '\n'))
		b--;
	*start = a;
	*end = b;
}

static void
append_escaped(strbuf_t *b, const char *s, size_t n, int escape_html)
{
	size_t from = 0;

	if (!escape_html) {
		strbuf_append(b, s, n);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		const char *entity = s[i] == '&' ? "&amp;" : s[i] == '<' ?
		    "&lt;" : s[i] == '>' ? "&gt;" : s[i] == '"' ? "&quot;" :
		    NULL;

		if (entity == NULL)
			continue;
		strbuf_append(b, s + from, i - from);
		strbuf_puts(b, entity);
		from = i + 1;
	}
	strbuf_append(b, s + from, n - from);
}

char *
highlight_text(const term_set_t *set, term_stemmer_t stem, void *ctx,
	       const char *text, size_t length, const char *open,
	       const char *close, int escape_html)
{
	spans_t spans = { 0 };
	strbuf_t out = { 0 };
	size_t start, end, at;

	find_spans(&spans, set, text, stem, ctx);
	if (spans.failed) {
		free(spans.spans);
		return NULL;
	}
	if (length == 0) {
		start = 0;
		end = strlen(text);
	} else {
		choose_window(text, &spans, length, &start, &end);
	}
	if (start > 0)
		strbuf_puts(&out, "... ");
	at = start;
	for (size_t k = 0; k < spans.n; k++) {
		size_t a = spans.spans[k][0], b = spans.spans[k][1];

		if (a < at || b > end)
			continue;
		append_escaped(&out, text + at, a - at, escape_html);
		strbuf_puts(&out, open);
		append_escaped(&out, text + a, b - a, escape_html);
		strbuf_puts(&out, close);
		at = b;
	}
	append_escaped(&out, text + at, end - at, escape_html);
	if (end < strlen(text))
		strbuf_puts(&out, end > 0 && strchr(".?!", text[end - 1]) ?
		    " ..." : "...");
	free(spans.spans);
	return strbuf_finish(&out);
}
