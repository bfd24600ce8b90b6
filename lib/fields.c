/*
 * fields.c - the index fields.  Prefixes follow Xapian omega's
 * conventions: Q for the unique id, S for the title, X... for our own.
 */
#include "fields.h"

const field_t fields[FIELD_LAST] = {
	/* The title is on every section, so only title: queries see it;
	 * plain queries find it in the publication's first section. */
	[FIELD_TITLE] = { "title", "S", 0, 0 },
	/* A section's own heading says what it answers: its words count
	 * five times its text's (three lost the question's own heading to
	 * sections that only mention its words, tests/eval/real). */
	[FIELD_PROBLEM] = { "problem", "XP", 5, 0 },
	[FIELD_HEADING] = { "heading", "XH", 5, 0 },
	[FIELD_SOLUTION] = { "solution", "XS", 1, 0 },
	[FIELD_CONTACT] = { "contact", "XC", 1, 0 },
	[FIELD_RESOURCE] = { "resource", "XR", 3, 0 },
	[FIELD_BODY] = { NULL, "", 1, 0 },
	/* The title, series and agencies make the first section found by
	 * a query naming the page; without positions, so that the page's
	 * title as a phrase does not lift that section over the one the
	 * phrase's words are about (tests/eval/real). */
	[FIELD_FRONT] = { NULL, "", 1, 0, 1 },
	[FIELD_KIND] = { "kind", "K", 0, 1 },
	/* With a within-document frequency of 1, not 0, so that a query
	 * asking for a phone can give weight to sections holding one. */
	[FIELD_CONTACT_KIND] = { "has", "XCK", 0, 1 },
	[FIELD_PUBLICATION] = { "pub", "XPUB", 0, 1 },
	[FIELD_ID] = { "id", "Q", 0, 1 },
};
