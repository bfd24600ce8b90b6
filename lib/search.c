/*
 * search.c - from the words people type to ranked hits: the query is
 * checked, normalized like the indexed text (with phone numbers in any
 * form rewritten to the ten digits the index holds), run by the shim,
 * and each hit's stored record read back.
 */
#include <config.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <unistr.h>

#include "factsheet-private.h"
#include "search-policy.h"
#include "xapian-shim.h"

typedef struct {
	factsheet_hit_t hit;
	record_t record;
	char *url;
} hit_t;

struct factsheet_results {
	shim_mset_t *mset;
	term_set_t terms;
	/* The contact kinds the query asked for. */
	int asks[FACTSHEET_CONTACT_LAST];
	hit_t *hits;
	size_t n_hits;
	unsigned long total;
	char *corrected;
	/* A correction of real words, offered, not run. */
	char *suggested;
	int partial;
	/* Whether the facets were counted (options' facets). */
	int facets;
	/* The message of the last failed call on the results (explain),
	 * which takes them const: it is no part of the results. */
	char *error;
};

/* Ranking policy across publications (tests/eval/real measures it). */
/* The query's words in a publication's title, as a share of their weight
 * in a section: a question naming a program prefers its publications. */
static const double title_weight = 0.5;
/* The query's words in a section's heading, as a share of their weight:
 * a heading that says most of what was asked beats a section that only
 * mentions its words (+7 questions in tests/eval/real, +1 bundled;
 * doc/relevance.md). */
static const double heading_weight = 0.35;
/* What the words as typed add beyond their thesaurus group: none, as
 * 0.3 to 2 changed the real set by -2 to 0 (doc/relevance.md). */
static const double typed_weight = 0;
/* What a hit keeps of its weight per hit of its publication ranked above
 * it: a long handbook leaves room for others that answer too. */
static const double same_publication_share = 0.8;

/* The query as the index spells it, or NULL when out of memory. */
static char *
prepare_query(const char *query)
{
	/* Phones first: a vanity number is spelled in capitals. */
	char *digits = contact_canonical_phones(query);
	char *prepared;

	if (digits == NULL)
		return NULL;
	prepared = text_normalize_query(digits);
	free(digits);
	return prepared;
}

/*
 * Caps on one query's work, whatever the index holds: words, quoted
 * phrases and wildcards typed (each wildcard covers at most 200 of the
 * index's terms, the most frequent), and seconds of matching, after which
 * the best hits found by then are returned, marked partial.
 */
static const size_t max_query_words = 128;
static const size_t max_query_phrases = 16;
static const size_t max_query_wildcards = 8;
static const double default_time_limit = 2.0;

/* Counts QUERY's words (runs of anything but spaces, quotes and
 * parentheses), quoted phrases and wildcards (words ending in '*'). */
static void
count_query(const char *query, size_t *words, size_t *phrases,
	    size_t *wildcards)
{
	size_t quotes = 0;
	int in_word = 0;

	*words = *phrases = *wildcards = 0;
	for (const char *p = query;; p++) {
		int word = *p != '\0' && strchr(" \t\r\n\f\v\"()", *p) == NULL;

		if (word && !in_word)
			(*words)++;
		if (!word && in_word && p[-1] == '*')
			(*wildcards)++;
		if (*p == '"')
			quotes++;
		in_word = word;
		if (*p == '\0')
			break;
	}
	*phrases = (quotes + 1) / 2;
}

static factsheet_status_t
check_query(factsheet_db_t *db, const char *query)
{
	size_t len = query ? strlen(query) : 0;
	size_t words, phrases, wildcards;

	if (len > FACTSHEET_QUERY_MAX)
		return db_fail(db, FACTSHEET_STATUS_BAD_QUERY, str_printf(
		    "query too long (%zu bytes; at most %d)", len,
		    FACTSHEET_QUERY_MAX));
	if (len == 0 || query[strspn(query, " \t\r\n\f\v")] == '\0')
		return db_fail(db, FACTSHEET_STATUS_BAD_QUERY,
		    str_printf("empty query: give some words to search for"));
	if (u8_check((const uint8_t *)query, len) != NULL)
		return db_fail(db, FACTSHEET_STATUS_BAD_QUERY,
		    str_printf("query is not valid UTF-8"));
	count_query(query, &words, &phrases, &wildcards);
	if (words > max_query_words)
		return db_fail(db, FACTSHEET_STATUS_BAD_QUERY, str_printf(
		    "query has too many words (%zu; at most %zu)", words,
		    max_query_words));
	if (phrases > max_query_phrases)
		return db_fail(db, FACTSHEET_STATUS_BAD_QUERY, str_printf(
		    "query has too many quoted phrases (%zu; at most %zu)",
		    phrases, max_query_phrases));
	if (wildcards > max_query_wildcards)
		return db_fail(db, FACTSHEET_STATUS_BAD_QUERY, str_printf(
		    "query has too many wildcards (%zu; at most %zu)",
		    wildcards, max_query_wildcards));
	return FACTSHEET_STATUS_SUCCESS;
}

static char *
stem_word(void *mset, const char *word)
{
	return shim_mset_stem(mset, word);
}

/*
 * Words that ask to reach someone, or name a way only an office offers
 * (a fax, a TTY line, a hotline).  Another word naming a kind of contact
 * ("phone", "email", "line", "file") may name the asker's own thing ("lost
 * my phone", "the confirmation email never came"): alone it asks for
 * that contact only in a query that is no more than a name and the kind
 * ("medicare phone"), or with a word of these, or with another word or
 * phrase of the contact lines ("TTY number").
 */
static const char *const reach_words[] = {
	"call", "contact", "reach", "talk", "speak", "fax", "tty", "tdd",
	"hotline",
};

/* Words before a kind that make it the way to reach someone: "by
 * phone", "over the phone", "via email". */
static const char *const channel_words[] = {
	"by", "over the", "via", "through",
};

/* Whether WORDS holds KIND_WORD as a channel ("by phone"); -1 out of
 * memory. */
static int
asks_by_channel(const char *kind_word, const char *words)
{
	for (size_t i = 0; i < sizeof channel_words / sizeof channel_words[0];
	    i++) {
		char *phrase = str_printf("%s %s", channel_words[i], kind_word);
		int found;

		if (phrase == NULL)
			return -1;
		found = phrase_in_words(phrase, words) > 0;
		free(phrase);
		if (found)
			return 1;
	}
	return 0;
}

/* Whether WORDS (phrase_words) holds a word of reach_words. */
static int
asks_to_reach(const char *words)
{
	for (size_t i = 0; i < sizeof reach_words / sizeof reach_words[0]; i++)
		if (phrase_in_words(reach_words[i], words))
			return 1;
	return 0;
}

/*
 * Which kinds of contact QUERY asks for ("what is the phone number",
 * "deaf line"), by the thesaurus's contact lines; 0 or -1 out of memory.
 */
static int
find_asks(factsheet_db_t *db, const char *query, int asks[])
{
	const char *intent = db_intent(db);
	char *words = phrase_words(query);
	/* Per kind: asked by a phrase, by a single word. */
	int by_phrase[FACTSHEET_CONTACT_LAST] = { 0 };
	int by_word[FACTSHEET_CONTACT_LAST] = { 0 };
	unsigned matched = 0;
	int short_query;

	if (words == NULL)
		return -1;
	while (*intent != '\0') {
		const char *tab = strchr(intent, '\t');
		const char *nl = strchr(intent, '\n');
		char *phrase;
		int channel = 0;

		if (tab == NULL || nl == NULL || tab > nl)
			break;
		phrase = str_ndup(tab + 1, (size_t)(nl - tab - 1));
		if (phrase == NULL) {
			free(words);
			return -1;
		}
		if (phrase_in_words(phrase, words)) {
			for (int k = 0; k < FACTSHEET_CONTACT_LAST; k++) {
				const char *name = factsheet_contact_kind_name(k);

				if (strlen(name) != (size_t)(tab - intent) ||
				    strncmp(intent, name, strlen(name)) != 0)
					continue;
				if (strchr(phrase, ' ') != NULL)
					by_phrase[k] = 1;
				else if ((channel = asks_by_channel(phrase,
				    words)) != 0)
					by_phrase[k] = 1;
				else
					by_word[k] = 1;
			}
			matched++;
		}
		free(phrase);
		if (channel < 0) {
			free(words);
			return -1;
		}
		intent = nl + 1;
	}
	/* At most two words: a name and a kind, or the kind alone. */
	short_query = strchr(words, ' ') == NULL ||
	    strchr(strchr(words, ' ') + 1, ' ') == NULL;
	for (int k = 0; k < FACTSHEET_CONTACT_LAST; k++)
		if (by_phrase[k] || (by_word[k] && (short_query ||
		    matched >= 2 || asks_to_reach(words))))
			asks[k] = 1;
	free(words);
	return 0;
}

/* Whether NAME is one of the N names NAME_OF gives. */
static int
known_name(const char *name, int n, const char *(*name_of)(int))
{
	for (int i = 0; i < n; i++)
		if (strcmp(name, name_of(i)) == 0)
			return 1;
	return 0;
}

static const char *
section_kind_name(int k)
{
	return factsheet_section_kind_name((factsheet_section_kind_t)k);
}

static const char *
contact_kind_name(int k)
{
	return factsheet_contact_kind_name((factsheet_contact_kind_t)k);
}

/*
 * OPTIONS' filters as boolean terms into FILTERS (room for three), their
 * count in *N; BAD_QUERY for a kind no section or contact has.
 */
static factsheet_status_t
filter_terms(factsheet_db_t *db, const factsheet_search_options_t *options,
	     char **filters, size_t *n)
{
	*n = 0;
	if (options == NULL)
		return FACTSHEET_STATUS_SUCCESS;
	if (options->kind != NULL && !known_name(options->kind,
	    FACTSHEET_SECTION_LAST, section_kind_name))
		return db_fail(db, FACTSHEET_STATUS_BAD_QUERY, str_printf(
		    "unknown section kind \"%s\" (problem, resource or "
		    "section)", options->kind));
	if (options->has != NULL && !known_name(options->has,
	    FACTSHEET_CONTACT_LAST, contact_kind_name))
		return db_fail(db, FACTSHEET_STATUS_BAD_QUERY, str_printf(
		    "unknown contact kind \"%s\" (website, phone, tty, email, "
		    "chat, link, fax or address)", options->has));
	if (options->publication != NULL)
		filters[(*n)++] = shim_field_term(FIELD_PUBLICATION,
		    options->publication);
	if (options->kind != NULL)
		filters[(*n)++] = shim_field_term(FIELD_KIND, options->kind);
	if (options->has != NULL)
		filters[(*n)++] = shim_field_term(FIELD_CONTACT_KIND,
		    options->has);
	for (size_t i = 0; i < *n; i++)
		if (filters[i] == NULL) {
			for (size_t j = 0; j < *n; j++)
				free(filters[j]);
			*n = 0;
			return db_fail(db, FACTSHEET_STATUS_OUT_OF_MEMORY,
			    str_printf("out of memory"));
		}
	return FACTSHEET_STATUS_SUCCESS;
}

/* The public URL of each hit, by the database's URL map. */
static factsheet_status_t
set_urls(factsheet_db_t *db, const factsheet_search_options_t *options,
	 factsheet_results_t *r)
{
	char *map = NULL, *message;
	factsheet_status_t status;

	if (options != NULL && options->n_url_map > 0) {
		status = url_map_build(options->url_map_dirs,
		    options->url_map_urls, options->n_url_map, &map, &message);
		if (status != FACTSHEET_STATUS_SUCCESS)
			return db_fail(db, status, message);
	} else if ((status = shim_db_get_metadata(db_shim(db), URL_MAP_KEY,
	    &map)) != FACTSHEET_STATUS_SUCCESS)
		return db_fail_shim(db, status);
	for (size_t i = 0; i < r->n_hits; i++) {
		hit_t *h = &r->hits[i];
		const factsheet_section_t *s = &h->record.section;

		h->url = url_for(map, h->hit.publication_source ?
		    h->hit.publication_source : "", s->anchor, s->page,
		    h->hit.publication_format);
		if (h->url == NULL) {
			free(map);
			return db_fail(db, FACTSHEET_STATUS_OUT_OF_MEMORY,
			    str_printf("out of memory"));
		}
		h->hit.url = h->url;
	}
	free(map);
	return FACTSHEET_STATUS_SUCCESS;
}

factsheet_status_t
factsheet_db_search(factsheet_db_t *db, const char *query,
		    const factsheet_search_options_t *options,
		    factsheet_results_t **out)
{
	factsheet_results_t *r;
	factsheet_status_t status;
	shim_query_t q = { 0 };
	char *prepared, *boost[FACTSHEET_CONTACT_LAST], *filters[3];
	size_t n_filters;
	int asks[FACTSHEET_CONTACT_LAST] = { 0 };
	const char *corrected;

	*out = NULL;
	if ((status = check_query(db, query)) != FACTSHEET_STATUS_SUCCESS)
		return status;
	if ((status = filter_terms(db, options, filters, &n_filters)) !=
	    FACTSHEET_STATUS_SUCCESS)
		return status;
	q.filter_terms = (const char *const *)filters;
	q.n_filter_terms = n_filters;
	q.facet_depth = options ? options->facets : 0;
	if ((prepared = prepare_query(query)) == NULL) {
		for (size_t k = 0; k < n_filters; k++)
			free(filters[k]);
		return db_fail(db, FACTSHEET_STATUS_OUT_OF_MEMORY,
		    str_printf("out of memory"));
	}
	if (find_asks(db, query, asks) < 0) {
		for (size_t k = 0; k < n_filters; k++)
			free(filters[k]);
		free(prepared);
		return db_fail(db, FACTSHEET_STATUS_OUT_OF_MEMORY,
		    str_printf("out of memory"));
	}
	for (int k = 0; k < FACTSHEET_CONTACT_LAST; k++)
		if (asks[k] && (boost[q.n_boost_terms] = shim_field_term(
		    FIELD_CONTACT_KIND, factsheet_contact_kind_name(k))) != NULL)
			q.n_boost_terms++;
	q.policy = &search_policy;
	q.boost_terms = (const char *const *)boost;
	q.title_weight = title_weight;
	q.heading_weight = heading_weight;
	q.typed_weight = typed_weight;
	q.same_publication_share = same_publication_share;
	q.query = prepared;
	q.offset = options ? options->offset : 0;
	q.limit = options && options->limit ? options->limit : 10;
	q.time_limit = options && options->time_limit > 0 ?
	    options->time_limit : default_time_limit;
	/* A word of the English word list is not corrected, only offered
	 * a correction. */
	q.is_real_word = dictionary_has;
	if ((r = calloc(1, sizeof *r)) == NULL) {
		free(prepared);
		for (size_t k = 0; k < q.n_boost_terms; k++)
			free(boost[k]);
		for (size_t k = 0; k < n_filters; k++)
			free(filters[k]);
		return db_fail(db, FACTSHEET_STATUS_OUT_OF_MEMORY,
		    str_printf("out of memory"));
	}
	memcpy(r->asks, asks, sizeof r->asks);
	r->facets = q.facet_depth > 0;
	status = shim_db_search(db_shim(db), &q, &r->mset);
	for (size_t k = 0; k < q.n_boost_terms; k++)
		free(boost[k]);
	for (size_t k = 0; k < n_filters; k++)
		free(filters[k]);
	if (status != FACTSHEET_STATUS_SUCCESS) {
		free(prepared);
		free(r);
		return db_fail_shim(db, status);
	}
	r->total = shim_mset_total(r->mset);
	r->partial = shim_mset_partial(r->mset);
	r->n_hits = shim_mset_size(r->mset);
	r->hits = calloc(r->n_hits ? r->n_hits : 1, sizeof *r->hits);
	corrected = shim_mset_corrected(r->mset);
	if (r->hits == NULL ||
	    term_set_init(&r->terms, shim_mset_terms(r->mset)) < 0 ||
	    term_set_mark_typed(&r->terms, corrected ? corrected : prepared,
	    stem_word, r->mset) < 0 ||
	    (corrected != NULL &&
	    (r->corrected = str_printf("%s", corrected)) == NULL) ||
	    (shim_mset_suggested(r->mset) != NULL &&
	    (r->suggested = str_printf("%s", shim_mset_suggested(r->mset)))
	    == NULL)) {
		free(prepared);
		factsheet_results_free(r);
		return db_fail(db, FACTSHEET_STATUS_OUT_OF_MEMORY,
		    str_printf("out of memory"));
	}
	free(prepared);
	for (size_t i = 0; i < r->n_hits; i++) {
		hit_t *h = &r->hits[i];

		if (record_from_json(shim_mset_data(r->mset, i),
		    &h->record) != 0) {
			r->n_hits = i;
			factsheet_results_free(r);
			return db_fail(db, FACTSHEET_STATUS_DATABASE_CORRUPT,
			    str_printf("a document in the database holds no "
			    "valid record (rebuild it with factsheet-index)"));
		}
		h->hit.rank = q.offset + (unsigned)i + 1;
		h->hit.percent = shim_mset_percent(r->mset, i);
		h->hit.publication_title = h->record.publication_title;
		h->hit.publication_source = h->record.publication_source;
		h->hit.publication_format = h->record.publication_format ?
		    h->record.publication_format : "text";
		h->hit.publication_product = h->record.publication_product;
		h->hit.publication_revised = h->record.publication_revised;
		h->hit.section = &h->record.section;
	}
	if ((status = set_urls(db, options, r)) != FACTSHEET_STATUS_SUCCESS) {
		factsheet_results_free(r);
		return status;
	}
	*out = r;
	return FACTSHEET_STATUS_SUCCESS;
}

void
factsheet_results_free(factsheet_results_t *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->n_hits; i++) {
		record_clear(&r->hits[i].record);
		free(r->hits[i].url);
	}
	free(r->hits);
	free(r->corrected);
	free(r->suggested);
	free(r->error);
	term_set_clear(&r->terms);
	shim_mset_free(r->mset);
	free(r);
}

unsigned long
factsheet_results_total(const factsheet_results_t *r)
{
	return r->total;
}

size_t
factsheet_results_count(const factsheet_results_t *r)
{
	return r->n_hits;
}

int
factsheet_results_partial(const factsheet_results_t *r)
{
	return r->partial;
}

const char *const *
factsheet_results_missing(const factsheet_results_t *r, size_t *n)
{
	return shim_mset_missing(r->mset, n);
}

const char *
factsheet_results_corrected(const factsheet_results_t *r)
{
	return r->corrected;
}

const char *
factsheet_results_suggested(const factsheet_results_t *r)
{
	return r->suggested;
}

int
factsheet_results_asks_for(const factsheet_results_t *r,
			   factsheet_contact_kind_t kind)
{
	return (unsigned)kind < FACTSHEET_CONTACT_LAST && r->asks[kind];
}

void
factsheet_results_contact_order(const factsheet_results_t *r,
				const factsheet_section_t *s, size_t *order)
{
	/* From the most specific need to the most general. */
	static const factsheet_contact_kind_t specific[] = {
		FACTSHEET_CONTACT_TTY, FACTSHEET_CONTACT_FAX,
		FACTSHEET_CONTACT_CHAT, FACTSHEET_CONTACT_EMAIL,
		FACTSHEET_CONTACT_ADDRESS, FACTSHEET_CONTACT_PHONE,
		FACTSHEET_CONTACT_WEBSITE, FACTSHEET_CONTACT_LINK,
	};
	size_t n = 0;

	for (size_t k = 0; k < sizeof specific / sizeof specific[0]; k++) {
		if (!r->asks[specific[k]])
			continue;
		for (size_t i = 0; i < s->n_contacts; i++)
			if (s->contacts[i].kind == specific[k])
				order[n++] = i;
	}
	for (size_t i = 0; i < s->n_contacts; i++)
		if (!factsheet_results_asks_for(r, s->contacts[i].kind))
			order[n++] = i;
}

const factsheet_hit_t *
factsheet_results_hit(const factsheet_results_t *r, size_t i)
{
	return i < r->n_hits ? &r->hits[i].hit : NULL;
}


char *
factsheet_results_highlight(const factsheet_results_t *r, const char *text,
			    size_t length, const char *open,
			    const char *close, int escape_html)
{
	return highlight_text(&r->terms, stem_word, r->mset, text, length,
	    open, close, escape_html);
}

static int
heavier_first(const void *a, const void *b)
{
	const factsheet_explain_t *x = a, *y = b;

	if (x->weight != y->weight)
		return x->weight < y->weight ? 1 : -1;
	return strcmp(x->term, y->term);
}

/*
 * Keeps MESSAGE as R's last error and returns STATUS.  R is const to its
 * callers; its error, written here only, is no part of the results.
 */
static factsheet_status_t
results_fail(const factsheet_results_t *r, factsheet_status_t status,
	     char *message)
{
	factsheet_results_t *w = (factsheet_results_t *)r;

	free(w->error);
	w->error = message;
	return status;
}

factsheet_status_t
factsheet_results_explain(const factsheet_results_t *r, size_t i,
			  factsheet_explain_t **out, size_t *n_out)
{
	shim_term_weight_t *rows;
	factsheet_explain_t *terms;
	const record_t *record;
	char *id;
	size_t n;
	factsheet_status_t status;

	*out = NULL;
	*n_out = 0;
	if (i >= r->n_hits)
		return results_fail(r, FACTSHEET_STATUS_BAD_QUERY, str_printf(
		    "explain: no hit %zu, the results hold %zu", i,
		    r->n_hits));
	record = &r->hits[i].record;
	if (record->publication_id == NULL)
		return results_fail(r, FACTSHEET_STATUS_DATABASE_CORRUPT,
		    str_printf("explain: hit %zu names no publication", i));
	if ((id = section_piece_id(record->publication_id,
	    record->section.slug, record->section.piece)) == NULL)
		return results_fail(r, FACTSHEET_STATUS_OUT_OF_MEMORY,
		    str_printf("explain: out of memory"));
	status = shim_mset_explain(r->mset, id, &rows, &n);
	free(id);
	if (status != FACTSHEET_STATUS_SUCCESS)
		return results_fail(r, status, str_printf("%s",
		    shim_mset_error(r->mset)));
	if ((terms = calloc(n ? n : 1, sizeof *terms)) == NULL) {
		for (size_t k = 0; k < n; k++)
			free(rows[k].term);
		free(rows);
		return results_fail(r, FACTSHEET_STATUS_OUT_OF_MEMORY,
		    str_printf("explain: out of memory"));
	}
	for (size_t k = 0; k < n; k++) {
		terms[k].term = rows[k].term;
		terms[k].field = shim_term_field(rows[k].term);
		terms[k].wdf = rows[k].wdf;
		terms[k].documents = rows[k].documents;
		terms[k].weight = rows[k].weight;
	}
	free(rows);
	qsort(terms, n, sizeof *terms, heavier_first);
	*out = terms;
	*n_out = n;
	return FACTSHEET_STATUS_SUCCESS;
}

const char *
factsheet_results_last_error(const factsheet_results_t *r)
{
	/* A message str_printf could not make is still a failure. */
	return r->error != NULL ? r->error : "";
}

void
factsheet_explain_free(factsheet_explain_t *terms, size_t n)
{
	for (size_t k = 0; terms && k < n; k++)
		free(terms[k].term);
	free(terms);
}

/* The words a snippet is chosen from: all of a section but its title. */
static char *
snippet_source(const factsheet_section_t *s)
{
	strbuf_t b = { 0 };

	strbuf_puts(&b, s->text);
	if (s->solution_heading != NULL) {
		strbuf_printf(&b, "%s%s.", b.len ? "\n" : "",
		    s->solution_heading);
		if (s->solution_text && s->solution_text[0])
			strbuf_printf(&b, "\n%s", s->solution_text);
	}
	for (size_t i = 0; i < s->n_contacts; i++)
		strbuf_printf(&b, "%s%s: %s", b.len ? "\n" : "",
		    s->contacts[i].label, s->contacts[i].value);
	if (b.len == 0)
		strbuf_puts(&b, s->heading);
	return strbuf_finish(&b);
}

/* Snippets are HTML: text escaped, matches in <mark>, cuts as "...". */
#define SNIPPET_LENGTH 240

static json_t *
explain_to_json(const factsheet_results_t *r, size_t i)
{
	factsheet_explain_t *terms;
	size_t n;
	json_t *array;

	if (factsheet_results_explain(r, i, &terms, &n) !=
	    FACTSHEET_STATUS_SUCCESS)
		return json_null();
	array = json_array();
	for (size_t k = 0; array && k < n; k++)
		json_array_append_new(array, json_pack("{s:s, s:s, s:i, s:I, "
		    "s:f}", "term", terms[k].term, "field", terms[k].field,
		    "wdf", (int)terms[k].wdf,
		    "documents", (json_int_t)terms[k].documents,
		    "weight", terms[k].weight));
	factsheet_explain_free(terms, n);
	return array;
}

static json_t *
hit_to_json(const factsheet_results_t *r, const factsheet_hit_t *h)
{
	const factsheet_section_t *s = h->section;
	json_t *contacts = json_array(), *solution, *hit;
	char *source = snippet_source(s), *snippet = NULL;
	/* The one string the readers did not clean: a file name. */
	char *path = factsheet_escape(h->publication_source, NULL);

	if (source != NULL)
		snippet = factsheet_results_highlight(r, source,
		    SNIPPET_LENGTH, "<mark>", "</mark>", 1);
	size_t *order = calloc(s->n_contacts + 1, sizeof *order);

	if (order != NULL)
		factsheet_results_contact_order(r, s, order);
	for (size_t i = 0; order && contacts && i < s->n_contacts; i++) {
		const factsheet_contact_t *c = &s->contacts[order[i]];

		json_array_append_new(contacts, json_pack("{s:s, s:s, s:s}",
		    "kind", factsheet_contact_kind_name(c->kind),
		    "value", c->value, "label", c->label));
	}
	free(order);
	solution = s->solution_heading ? json_pack("{s:s, s:s}",
	    "heading", s->solution_heading, "text", s->solution_text) :
	    json_null();
	hit = json_pack("{s:i, s:i, s:s, s:{s:s, s:s}, s:s, s:s, s:o, s:o, "
	    "s:s}",
	    "rank", (int)h->rank, "percent", h->percent,
	    "kind", factsheet_section_kind_name(s->kind),
	    "publication", "title", h->publication_title,
	    "source", path ? path : "",
	    "heading", s->heading, "text", s->text,
	    "solution", solution, "contacts", contacts,
	    "snippet", snippet ? snippet : "");
	if (hit != NULL)
		json_object_set_new(hit, "url", json_string(h->url ? h->url :
		    ""));
	/* Added after the documented shape: where the section sits (its
	 * headings, an anchor to link to, a PDF page). */
	if (hit != NULL) {
		json_t *path = json_array();

		for (size_t i = 0; path && i < s->n_path; i++)
			json_array_append_new(path, json_string(s->path[i]));
		json_object_set_new(hit, "path", path ? path : json_null());
		json_object_set_new(hit, "anchor", s->anchor ?
		    json_string(s->anchor) : json_null());
		json_object_set_new(hit, "page", s->page ?
		    json_integer(s->page) : json_null());
		/* A long section's hit is its best piece, whose text it
		 * shows: which one, of how many. */
		if (s->pieces > 1) {
			json_object_set_new(hit, "piece",
			    json_integer(s->piece));
			json_object_set_new(hit, "pieces",
			    json_integer(s->pieces));
		}
		json_t *pub = json_object_get(hit, "publication");
		json_object_set_new(pub, "format",
		    json_string(h->publication_format));
		json_object_set_new(pub, "product", h->publication_product ?
		    json_string(h->publication_product) : json_null());
		json_object_set_new(pub, "revised", h->publication_revised ?
		    json_string(h->publication_revised) : json_null());
	}
	free(path);
	free(source);
	free(snippet);
	return hit;
}

/* One facet's values and counts: {"value": count, ...} in order of
 * count, or for publications [{"id", "title", "count"}, ...]. */
static json_t *
facet_to_json(const factsheet_results_t *r, shim_facet_t facet)
{
	const char *const *values, *const *records;
	const unsigned long *counts;
	size_t n = shim_mset_facets(r->mset, facet, &values, &counts,
	    &records);
	json_t *out = facet == SHIM_FACET_PUBLICATION ? json_array() :
	    json_object();

	for (size_t i = 0; out != NULL && i < n; i++) {
		if (facet != SHIM_FACET_PUBLICATION) {
			json_object_set_new(out, values[i],
			    json_integer((json_int_t)counts[i]));
			continue;
		}
		record_t rec = { 0 };
		int ok = record_publication_from_json(records[i], &rec) == 0;
		char *source = ok ? factsheet_escape(rec.publication_source,
		    NULL) : NULL;

		json_array_append_new(out, json_pack("{s:s, s:s?, s:s?, s:I}",
		    "id", values[i],
		    "title", ok ? rec.publication_title : NULL,
		    "source", source,
		    "count", (json_int_t)counts[i]));
		free(source);
		if (ok)
			record_clear(&rec);
	}
	return out;
}

char *
factsheet_results_to_json(const factsheet_results_t *r, const char *query,
			  int explain)
{
	return factsheet_results_to_json_named(r, query, explain, NULL);
}

char *
factsheet_results_to_json_named(const factsheet_results_t *r,
				const char *query, int explain,
				const char *database)
{
	json_t *root, *hits = json_array();
	char *out;

	for (size_t i = 0; hits && i < r->n_hits; i++) {
		json_t *hit = hit_to_json(r, &r->hits[i].hit);

		if (hit != NULL && explain)
			json_object_set_new(hit, "explain",
			    explain_to_json(r, i));
		if (hit == NULL || json_array_append_new(hits, hit) != 0) {
			json_decref(hits);
			return NULL;
		}
	}
	root = json_pack("{s:s, s:o, s:o, s:I, s:o}",
	    "query", query,
	    "corrected", r->corrected ? json_string(r->corrected) :
	    json_null(),
	    "suggested", r->suggested ? json_string(r->suggested) :
	    json_null(),
	    "total", (json_int_t)r->total,
	    "results", hits);
	/* Only when it is so: most answers are whole.  A shard that did
	 * not answer is named. */
	size_t n_missing;
	const char *const *missing = shim_mset_missing(r->mset, &n_missing);
	if (root != NULL && (r->partial || n_missing > 0) &&
	    json_object_set_new(root, "partial", json_true()) != 0) {
		json_decref(root);
		return NULL;
	}
	if (root != NULL && n_missing > 0) {
		json_t *names = json_array();

		for (size_t i = 0; names != NULL && i < n_missing; i++)
			if (json_array_append_new(names,
			    json_string(missing[i])) != 0) {
				json_decref(names);
				names = NULL;
			}
		if (names == NULL ||
		    json_object_set_new(root, "missing", names) != 0) {
			json_decref(root);
			return NULL;
		}
	}
	if (root == NULL)
		return NULL;
	if (r->facets)
		json_object_set_new(root, "facets", json_pack("{s:o, s:o, s:o}",
		    "publication", facet_to_json(r, SHIM_FACET_PUBLICATION),
		    "kind", facet_to_json(r, SHIM_FACET_KIND),
		    "has", facet_to_json(r, SHIM_FACET_CONTACT_KIND)));
	if (database != NULL && json_object_set_new(root, "database",
	    json_string(database)) != 0) {
		json_decref(root);
		return NULL;
	}
	out = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(root);
	return out;
}
