/*
 * test-record.c - record.c: every section of the bundled fact sheet and
 * of an HTML page (heading paths, anchors) comes back from its stored
 * JSON record as it went in, and a record that is not one is refused.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "factsheet-private.h"
#include "tap.h"
#include "testlib.h"

static void
round_trip(const char *fixture)
{
	factsheet_publication_t *pub = read_fixture(fixture);

	cmp_ok(pub ? pub->n_sections : 0, >, 0, "%s parses into sections",
	    fixture);
	for (size_t i = 0; pub != NULL && i < pub->n_sections; i++) {
		const factsheet_section_t *s = &pub->sections[i];
		char *json = record_to_json(pub, s);
		record_t r;
		const factsheet_section_t *g = &r.section;

		if (json == NULL || record_from_json(json, &r) != 0) {
			ok(0, "%s: section %zu: a record read back", fixture,
			    i);
			free(json);
			continue;
		}
		is_int(g->kind, s->kind, "%s: %s: kind", fixture, s->slug);
		is_str(g->slug, s->slug, "%s: %s: slug", fixture, s->slug);
		is_str(g->heading, s->heading, "%s: %s: heading", fixture,
		    s->slug);
		is_str(g->part, s->part, "%s: %s: part", fixture, s->slug);
		is_str(g->anchor, s->anchor, "%s: %s: anchor", fixture,
		    s->slug);
		is_int(g->page, s->page, "%s: %s: page", fixture, s->slug);
		is_int(g->line, s->line, "%s: %s: line", fixture, s->slug);
		is_str(g->text, s->text, "%s: %s: text", fixture, s->slug);
		is_str(g->solution_heading, s->solution_heading,
		    "%s: %s: solution heading", fixture, s->slug);
		is_str(g->solution_text, s->solution_text,
		    "%s: %s: solution text", fixture, s->slug);
		is_int(g->n_path, s->n_path, "%s: %s: heading path length",
		    fixture, s->slug);
		for (size_t k = 0; k < s->n_path && k < g->n_path; k++)
			is_str(g->path[k], s->path[k], "%s: %s: path %zu",
			    fixture, s->slug, k);
		is_int(g->n_contacts, s->n_contacts, "%s: %s: contacts",
		    fixture, s->slug);
		for (size_t k = 0; k < s->n_contacts && k < g->n_contacts;
		    k++) {
			is_int(g->contacts[k].kind, s->contacts[k].kind,
			    "%s: %s: contact %zu kind", fixture, s->slug, k);
			is_str(g->contacts[k].value, s->contacts[k].value,
			    "%s: %s: contact %zu value", fixture, s->slug, k);
			is_str(g->contacts[k].label, s->contacts[k].label,
			    "%s: %s: contact %zu label", fixture, s->slug, k);
		}
		is_str(r.publication_id, pub->id, "%s: %s: publication id",
		    fixture, s->slug);
		is_str(r.publication_title, pub->title, "%s: %s: title",
		    fixture, s->slug);
		is_str(r.publication_source, pub->source, "%s: %s: source",
		    fixture, s->slug);
		is_str(r.publication_format, pub->format, "%s: %s: format",
		    fixture, s->slug);
		is_str(r.publication_product, pub->product,
		    "%s: %s: product", fixture, s->slug);
		is_str(r.publication_revised, pub->revised,
		    "%s: %s: revised", fixture, s->slug);
		record_clear(&r);
		is_int(record_publication_from_json(json, &r), 0,
		    "%s: %s: the publication alone read back", fixture,
		    s->slug);
		is_str(r.publication_id, pub->id, "%s: %s: alone: id",
		    fixture, s->slug);
		is_str(r.publication_title, pub->title, "%s: %s: alone: title",
		    fixture, s->slug);
		is_str(r.publication_source, pub->source,
		    "%s: %s: alone: source", fixture, s->slug);
		is_str(r.publication_revised, pub->revised,
		    "%s: %s: alone: revised", fixture, s->slug);
		is_str(r.section.text, NULL, "%s: %s: alone: no text read",
		    fixture, s->slug);
		record_clear(&r);
		free(json);
	}
	factsheet_publication_free(pub);
}

static void
test_refused(void)
{
	record_t r;

	is_int(record_from_json("not JSON", &r), -1, "not JSON: refused");
	is_str(r.section.heading, NULL, "not JSON: nothing read");
	record_clear(&r);
	is_int(record_from_json("{\"kind\": \"problem\"}", &r), -1,
	    "a record without its strings: refused");
	record_clear(&r);
}

/* A section whose text holds the key that starts the publication: the
 * quotes in a string are escaped, so it is not taken for it. */
static void
test_publication_in_text(void)
{
	factsheet_publication_t pub = { 0 };
	factsheet_section_t s = { 0 };
	record_t r;
	char *json;

	pub.id = "p1";
	pub.title = "The real title";
	pub.source = "real.txt";
	s.kind = FACTSHEET_SECTION_TEXT;
	s.slug = "s";
	s.heading = "Heading";
	s.text = "text ,\"publication\":{\"id\":\"fake\",\"title\":"
	    "\"Fake\",\"source\":\"fake.txt\"} and a backslash \\";
	json = record_to_json(&pub, &s);
	is_int(json ? record_publication_from_json(json, &r) : -1, 0,
	    "a text holding ,\"publication\":{ : read");
	is_str(r.publication_title, "The real title",
	    "a text holding ,\"publication\":{ : the real title");
	is_str(r.publication_source, "real.txt",
	    "a text holding ,\"publication\":{ : the real source");
	record_clear(&r);
	free(json);
	is_int(record_publication_from_json("{\"kind\": \"problem\"}", &r),
	    -1, "a record without a publication: refused");
	record_clear(&r);
}

int
main(void)
{
	round_trip("corpus/pecos-technical-assistance-contacts.txt");
	round_trip("tests/fixtures/npi-faq.html");
	test_refused();
	test_publication_in_text();
	return done_testing();
}
