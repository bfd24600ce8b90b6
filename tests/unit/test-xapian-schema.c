/*
 * test-xapian-schema.c - lib/xapian/schema.cc: the one table of index
 * fields, which the term generator and the query parser both read.  Its rules, checked so
 * that a field added later keeps them: Xapian omega's prefixes (Q for the
 * id, S for the title, X... for our own, capitals only), no prefix a
 * prefix of another's free-text terms, names unique, filters without
 * weight.
 */
#include <config.h>

#include <ctype.h>
#include <string.h>

#include "xapian/testing.h"
#include "tap.h"

static shim_field_info_t
info(field_id_t field)
{
	shim_field_info_t f;

	shim_field_info(field, &f);
	return f;
}

/* Whether P is capitals only (the empty prefix too). */
static int
capitals(const char *p)
{
	for (; *p; p++)
		if (!isupper((unsigned char)*p))
			return 0;
	return 1;
}

int
main(void)
{
	int bad_prefix = 0, shared = 0, bad_name = 0, weighted_filter = 0;

	is_str(info(FIELD_ID).prefix, "Q", "the unique id: Q");
	is_int(info(FIELD_ID).boolean, 1, "the id is a filter");
	is_str(info(FIELD_TITLE).prefix, "S", "the title: S");
	is_str(info(FIELD_BODY).prefix, "", "the body: no prefix");
	is_str(info(FIELD_BODY).name, NULL, "the body: no query name");
	for (int i = 0; i < FIELD_LAST; i++) {
		shim_field_info_t fi = info((field_id_t)i);
		const shim_field_info_t *f = &fi;

		if (f->prefix == NULL || !capitals(f->prefix) ||
		    (strlen(f->prefix) > 1 && f->prefix[0] != 'X')) {
			printf("# field %d: prefix '%s'\n", i,
			    f->prefix ? f->prefix : "(null)");
			bad_prefix++;
		}
		if (f->boolean && f->weight != 0) {
			printf("# field %d: a filter with weight %u\n", i,
			    f->weight);
			weighted_filter++;
		}
		for (int j = 0; j < i; j++) {
			shim_field_info_t gi = info((field_id_t)j);
			const shim_field_info_t *g = &gi;

			if (f->prefix && g->prefix && f->prefix[0] != '\0' &&
			    strcmp(f->prefix, g->prefix) == 0) {
				printf("# fields %d and %d: prefix '%s'\n",
				    j, i, f->prefix);
				shared++;
			}
			if (f->name && g->name && strcmp(f->name, g->name) ==
			    0) {
				printf("# fields %d and %d: name '%s'\n", j, i,
				    f->name);
				bad_name++;
			}
		}
		if (f->name != NULL && (f->name[0] == '\0' ||
		    strspn(f->name, "abcdefghijklmnopqrstuvwxyz") !=
		    strlen(f->name))) {
			printf("# field %d: name '%s'\n", i, f->name);
			bad_name++;
		}
	}
	is_int(bad_prefix, 0, "every prefix: capitals, X... when longer "
	    "than one");
	is_int(shared, 0, "no two fields share a prefix (but the empty one)");
	is_int(bad_name, 0, "query names: lower-case words, each once");
	is_int(weighted_filter, 0, "filters add no weight to plain queries");
	is_int(info(FIELD_PROBLEM).weight > info(FIELD_BODY).weight, 1,
	    "a problem's heading counts more than body text");
	return done_testing();
}
