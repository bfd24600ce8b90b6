/*
 * schema.cc - the index fields and what the C side may ask of them: the
 * term of a value in a boolean field, the field a term was indexed
 * under, a term without its prefixes, and the names fields have in
 * queries.  Prefixes follow Xapian omega's conventions: Q for the unique
 * id, S for the title, X... for our own; "Z" before a stem.
 */
#include <config.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "internal.hh"
#include "testing.h"

/* In the order of field_id_t. */
const field_t fields[FIELD_LAST] = {
	/* FIELD_TITLE: on every section, so only title: queries see it;
	 * plain queries find it in the publication's first section. */
	{ "title", "S", 0, 0, 0 },
	/* FIELD_PROBLEM, FIELD_HEADING: a section's own heading says what
	 * it answers: its words count five times its text's (three lost
	 * the question's own heading to sections that only mention its
	 * words, tests/eval/real). */
	{ "problem", "XP", 5, 0, 0 },
	{ "heading", "XH", 5, 0, 0 },
	/* FIELD_SOLUTION, FIELD_CONTACT, FIELD_RESOURCE, FIELD_BODY */
	{ "solution", "XS", 1, 0, 0 },
	{ "contact", "XC", 1, 0, 0 },
	{ "resource", "XR", 3, 0, 0 },
	{ NULL, "", 1, 0, 0 },
	/* FIELD_FRONT: the title, series and agencies make the first
	 * section found by a query naming the page; without positions, so
	 * that the page's title as a phrase does not lift that section
	 * over the one the phrase's words are about (tests/eval/real). */
	{ NULL, "", 1, 0, 1 },
	/* FIELD_KIND */
	{ "kind", "K", 0, 1, 0 },
	/* FIELD_CONTACT_KIND: with a within-document frequency of 1, not
	 * 0, so that a query asking for a phone can give weight to
	 * sections holding one. */
	{ "has", "XCK", 0, 1, 0 },
	/* FIELD_PUBLICATION, FIELD_ID */
	{ "pub", "XPUB", 0, 1, 0 },
	{ "id", "Q", 0, 1, 0 },
};

extern "C" char *
shim_field_term(field_id_t field, const char *value)
{
	const char *prefix = fields[field].prefix;
	size_t n = std::strlen(prefix), m = std::strlen(value);
	char *term = static_cast<char *>(std::malloc(n + m + 1));

	if (term != NULL) {
		std::memcpy(term, prefix, n);
		std::memcpy(term + n, value, m + 1);
	}
	return term;
}

extern "C" const char *
shim_term_field(const char *term)
{
	const field_t *best = NULL;

	if (std::strchr(term, ' ') != NULL)
		return "phrase";
	if (term[0] == 'Z')
		term++;
	for (int i = 0; i < FIELD_LAST; i++) {
		size_t n = std::strlen(fields[i].prefix);

		if (n > 0 && std::strncmp(term, fields[i].prefix, n) == 0 &&
		    !std::isupper(static_cast<unsigned char>(term[n])) &&
		    (best == NULL || n > std::strlen(best->prefix)))
			best = &fields[i];
	}
	return best && best->name ? best->name : "any";
}

extern "C" const char *
shim_term_word(const char *term, int *stem)
{
	*stem = term[0] == 'Z';
	term += *stem;
	/* Prefixes are capitals, terms themselves are case folded. */
	while (std::isupper(static_cast<unsigned char>(*term)))
		term++;
	return term;
}

extern "C" const char *
shim_query_field(size_t i)
{
	for (int f = 0; f < FIELD_LAST; f++)
		if (fields[f].name != NULL && i-- == 0)
			return fields[f].name;
	return NULL;
}

extern "C" void
shim_field_info(field_id_t field, shim_field_info_t *out)
{
	const field_t &f = fields[field];

	out->name = f.name;
	out->prefix = f.prefix;
	out->weight = f.weight;
	out->boolean = f.boolean;
	out->no_positions = f.no_positions;
}
