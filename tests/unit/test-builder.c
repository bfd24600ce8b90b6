/*
 * test-builder.c - the builder driven directly, as a reader drives it:
 * headings, paragraphs and tables in, sections out.  Mostly tables: what
 * makes one a list of resources, rows of topics or data kept as text,
 * how a header labels cells, and that each cell keeps its own contacts.
 * Then the slugs it gives repeated headings, through the Markdown reader.
 */
#include <config.h>

#include <stdarg.h>

#include "tap.h"
#include "testlib.h"

#define N(a) (sizeof (a) / sizeof (a)[0])

/* A publication being built, as a reader holds it. */
typedef struct {
	factsheet_publication_t *pub;
	builder_t b;
	unsigned line;
} build_t;

static void
start(build_t *t, const char *source)
{
	t->pub = calloc(1, sizeof *t->pub);
	t->pub->source = str_printf("%s", source);
	t->pub->title = str_printf("Title of %s", source);
	builder_init(&t->b, t->pub);
	t->line = 1;
}

static void
heading(build_t *t, unsigned level, const char *text)
{
	builder_heading(&t->b, level, text, NULL, t->line++);
}

static void
para(build_t *t, const char *text)
{
	builder_paragraph(&t->b, text, t->line++, strchr(text, '\n') == NULL);
}

static void
header(build_t *t, const char *const *cells, size_t n)
{
	builder_table_header(&t->b, cells, n, t->line++);
}

/* A row of N cells, the first its name. */
static void
row(build_t *t, const char *const *cells, size_t n)
{
	builder_table_row(&t->b, cells[0], cells + 1, n - 1, t->line++);
}

static factsheet_publication_t *
finish(build_t *t)
{
	ok(builder_finish(&t->b) == 0, "%s: builder_finish succeeds",
	    t->pub->source);
	return t->pub;
}

/* The section headed HEADING, or NULL, saying which there are. */
static const factsheet_section_t *
headed(const factsheet_publication_t *pub, const char *heading)
{
	const factsheet_section_t *s = section_headed(pub, heading);

	if (s != NULL)
		return s;
	printf("# no section headed '%s'; there are:\n", heading);
	for (size_t i = 0; i < pub->n_sections; i++)
		printf("#   %s: '%s'\n", factsheet_section_kind_name(
		    pub->sections[i].kind), pub->sections[i].heading);
	return NULL;
}

/* The sections holding a contact of KIND and VALUE. */
static size_t
sections_with(const factsheet_publication_t *pub,
	      factsheet_contact_kind_t kind, const char *value)
{
	size_t n = 0;

	for (size_t i = 0; i < pub->n_sections; i++)
		n += contact(&pub->sections[i], kind, value) != NULL;
	return n;
}

#define TEXT(s) ((s) ? (s)->text : NULL)
#define KIND(s) ((s) ? (int)(s)->kind : -1)
#define LABEL(c) ((c) ? (c)->label : NULL)

static void
is_heading_path(const factsheet_section_t *s, const char *want,
		const char *what)
{
	char *got = path_of(s);

	is_str(got, want, "%s: heading path", what);
	free(got);
}

/* Topics ------------------------------------------------------------ */

/* "Topic | EUS | MAC" with X marks: one section per topic. */
static void
test_topic_marks(void)
{
	static const char *const head[] = { "Topic", "EUS", "MAC" };
	static const char *const r1[] = { "Navigating the PECOS website",
	    "X", "" };
	static const char *const r2[] = { "Enrolling in Medicare", "", "X" };
	static const char *const r3[] = { "Resetting an I&A password", "X",
	    "" };
	factsheet_publication_t *pub;
	const factsheet_section_t *s;
	build_t t;

	start(&t, "who-to-call.html");
	heading(&t, 1, "Who Should I Call?");
	heading(&t, 2, "Common topics");
	header(&t, head, N(head));
	row(&t, r1, N(r1));
	row(&t, r2, N(r2));
	row(&t, r3, N(r3));
	builder_table_end(&t.b);
	pub = finish(&t);

	is_int(pub->n_sections, 3, "topic marks: one section per row, "
	    "nothing else");
	is_int(count_kind(pub, FACTSHEET_SECTION_TEXT), 3,
	    "topic marks: all three are plain sections");
	is_int(count_kind(pub, FACTSHEET_SECTION_RESOURCE), 0,
	    "topic marks: no resources (no links)");
	s = headed(pub, "Navigating the PECOS website");
	is_str(TEXT(s), "Topic: Navigating the PECOS website\nEUS: X",
	    "topic marks: the mark labelled by its column, the empty cell "
	    "left out");
	is_heading_path(s, "Who Should I Call? > Common topics", "topic marks");
	is_int(s ? s->line : 0, 4, "topic marks: the row's line");
	s = headed(pub, "Enrolling in Medicare");
	is_str(TEXT(s), "Topic: Enrolling in Medicare\nMAC: X",
	    "topic marks: second row, MAC");
	is_heading_path(s, "Who Should I Call? > Common topics",
	    "topic marks, second row");
	ok(pub->warning == NULL, "topic marks: no warning");
	factsheet_publication_free(pub);
}

/* A short paragraph just before a table is its caption. */
static void
test_caption(void)
{
	static const char *const head[] = { "Topic", "Who to call" };
	static const char *const r1[] = { "Forgotten password",
	    "I&A Help Desk" };
	static const char *const r2[] = { "Claims", "Your MAC" };
	factsheet_publication_t *pub;
	const factsheet_section_t *s;
	build_t t;

	start(&t, "caption.html");
	heading(&t, 1, "Provider Enrollment Assistance Guide");
	para(&t, "Table 1. Who to call about PECOS");
	header(&t, head, N(head));
	row(&t, r1, N(r1));
	builder_table_end(&t.b);
	para(&t, "Use the table below to find who to call:");
	header(&t, head, N(head));
	row(&t, r2, N(r2));
	builder_table_end(&t.b);
	pub = finish(&t);

	s = headed(pub, "Forgotten password");
	is_heading_path(s, "Provider Enrollment Assistance Guide > "
	    "Table 1. Who to call about PECOS", "caption");
	is_str(s ? s->part : NULL, "Table 1. Who to call about PECOS",
	    "caption: the part just above the row");
	is_str(pub->sections[0].text, "Table 1. Who to call about PECOS",
	    "caption: still text where it stands");
	s = headed(pub, "Claims");
	is_heading_path(s, "Provider Enrollment Assistance Guide",
	    "an introducing sentence is no caption");
	factsheet_publication_free(pub);
}

/* "State | Phone": each state keeps its own number. */
static void
test_states(void)
{
	static const char *const head[] = { "State", "Phone", "TTY" };
	static const char *const r1[] = { "Alabama", "1-877-567-7271",
	    "1-800-548-2546" };
	static const char *const r2[] = { "Alaska", "1-800-780-9972",
	    "711" };
	static const char *const r3[] = { "American Samoa",
	    "1-684-633-4590", "" };
	factsheet_publication_t *pub;
	const factsheet_section_t *s;
	const factsheet_contact_t *c;
	build_t t;

	start(&t, "states.md");
	heading(&t, 2, "State Health Insurance Assistance Programs");
	header(&t, head, N(head));
	row(&t, r1, N(r1));
	row(&t, r2, N(r2));
	row(&t, r3, N(r3));
	builder_table_end(&t.b);
	pub = finish(&t);

	is_int(pub->n_sections, 3, "states: a section per state");
	s = headed(pub, "Alabama");
	is_int(KIND(s), FACTSHEET_SECTION_TEXT, "states: Alabama is a topic");
	is_str(TEXT(s), "State: Alabama\nPhone: 1-877-567-7271\n"
	    "TTY: 1-800-548-2546", "states: Alabama's cells labelled");
	c = contact(s, FACTSHEET_CONTACT_PHONE, "1-877-567-7271");
	is_str(LABEL(c), "Phone", "states: Alabama's phone");
	ok(contact(s, FACTSHEET_CONTACT_TTY, "1-800-548-2546") != NULL,
	    "states: a number under a TTY column is a TTY");
	ok(contact(s, FACTSHEET_CONTACT_PHONE, "1-800-548-2546") == NULL,
	    "states: and not a phone");
	is_int(s ? s->n_contacts : 0, 2, "states: Alabama has its 2 "
	    "numbers only");
	s = headed(pub, "Alaska");
	ok(contact(s, FACTSHEET_CONTACT_PHONE, "1-800-780-9972") != NULL,
	    "states: Alaska's phone");
	ok(contact(s, FACTSHEET_CONTACT_TTY, "711") != NULL,
	    "states: Alaska's relay number 711 under the TTY column");
	is_int(s ? s->n_contacts : 0, 2, "states: Alaska has its two "
	    "numbers only");
	is_int(sections_with(pub, FACTSHEET_CONTACT_PHONE, "1-877-567-7271"),
	    1, "states: Alabama's phone is in one section");
	s = headed(pub, "American Samoa");
	is_str(TEXT(s), "State: American Samoa\nPhone: 1-684-633-4590",
	    "states: an empty TTY cell gives no line");
	factsheet_publication_free(pub);
}

/* Two tables side by side under a repeated header, as print does. */
static void
test_side_by_side(void)
{
	static const char *const head[] = { "State", "Phone", "State",
	    "Phone" };
	static const char *const r1[] = { "Alabama", "1-877-567-7271",
	    "Montana", "1-800-551-3191" };
	static const char *const r2[] = { "Alaska", "1-800-780-9972",
	    "Nebraska", "1-800-234-7119" };
	static const char *const r3[] = { "Arizona", "1-800-432-4040", "",
	    "" };
	factsheet_publication_t *pub;
	const factsheet_section_t *s;
	build_t t;

	start(&t, "side.pdf");
	heading(&t, 1, "SHIP phone numbers");
	header(&t, head, N(head));
	row(&t, r1, N(r1));
	row(&t, r2, N(r2));
	row(&t, r3, N(r3));
	builder_table_end(&t.b);
	pub = finish(&t);

	is_int(pub->n_sections, 5, "side by side: five states, five "
	    "sections");
	s = headed(pub, "Montana");
	is_str(TEXT(s), "State: Montana\nPhone: 1-800-551-3191",
	    "side by side: the right-hand state is a row of its own");
	is_int(s ? s->n_contacts : 0, 1, "side by side: Montana, one "
	    "number");
	ok(contact(s, FACTSHEET_CONTACT_PHONE, "1-800-551-3191") != NULL,
	    "side by side: Montana's own number");
	s = headed(pub, "Alabama");
	is_int(s ? s->n_contacts : 0, 1, "side by side: Alabama, one number");
	ok(contact(s, FACTSHEET_CONTACT_PHONE, "1-877-567-7271") != NULL,
	    "side by side: Alabama's own number");
	is_int(s ? s->line : 0, 3, "side by side: Alabama's line");
	s = headed(pub, "Montana");
	is_int(s ? s->line : 0, 3, "side by side: Montana on the same line");
	ok(headed(pub, "Arizona") != NULL, "side by side: a half-empty row "
	    "keeps its state");
	factsheet_publication_free(pub);
}

/* Without a header, the cells show tables side by side. */
static void
test_side_by_side_shape(void)
{
	static const char *const r1[] = { "Alabama", "1-800-243-5463",
	    "Montana", "1-800-551-3191" };
	static const char *const r2[] = { "Alaska", "1-800-478-6065", "",
	    "" };
	static const char *const t1[] = { "Medicare", "1-800-633-4227",
	    "Hospital care", "Part A" };
	static const char *const t2[] = { "Social Security",
	    "1-800-772-1213", "Retirement", "https://www.ssa.gov" };
	factsheet_publication_t *pub;
	const factsheet_section_t *s;
	build_t t;

	start(&t, "shape.pdf");
	heading(&t, 1, "SHIP phone numbers");
	row(&t, r1, N(r1));
	row(&t, r2, N(r2));
	builder_table_end(&t.b);
	heading(&t, 1, "Agencies");
	row(&t, t1, N(t1));
	row(&t, t2, N(t2));
	builder_table_end(&t.b);
	pub = finish(&t);

	s = headed(pub, "Montana");
	is_str(TEXT(s), "1-800-551-3191", "shape: Montana cut from "
	    "Alabama's row");
	is_int(s ? s->n_contacts : 0, 1, "shape: Montana, one number");
	s = headed(pub, "Alabama");
	is_int(s ? s->n_contacts : 0, 1, "shape: Alabama, one number");
	ok(headed(pub, "Alaska") != NULL, "shape: Alaska, its half row");
	ok(section_headed(pub, "Hospital care") == NULL,
	    "shape: a piece holding other kinds of contact is no table "
	    "side by side");
	ok(section_headed(pub, "Retirement") == NULL,
	    "shape: a piece holding no contact is no table side by side");
	s = headed(pub, "Social Security");
	ok(contact(s, FACTSHEET_CONTACT_PHONE, "1-800-772-1213") != NULL,
	    "shape: an uncut row keeps its phone");
	ok(contact(s, FACTSHEET_CONTACT_LINK, "https://www.ssa.gov") != NULL,
	    "shape: an uncut row keeps its link");
	factsheet_publication_free(pub);
}

/* Each cell is read on its own: numbers of two cells never join. */
static void
test_cells_apart(void)
{
	static const char *const head[] = { "Office", "Room", "Extension" };
	static const char *const r1[] = { "Enrollment office", "Suite 800",
	    "555 0199" };
	static const char *const r2[] = { "Claims office", "Suite 200",
	    "555 0142" };
	char digits[11];
	factsheet_publication_t *pub;
	const factsheet_section_t *s;
	build_t t;

	/* Run together, the two cells would read as a phone number. */
	ok(contact_match_phone("800 555 0199", digits) > 0,
	    "cells apart: '800 555 0199' is a phone number when joined");
	start(&t, "offices.html");
	heading(&t, 1, "Offices");
	header(&t, head, N(head));
	row(&t, r1, N(r1));
	row(&t, r2, N(r2));
	builder_table_end(&t.b);
	pub = finish(&t);

	s = headed(pub, "Enrollment office");
	is_int(s ? (long)s->n_contacts : -1, 0, "cells apart: no phone across "
	    "'Suite 800' and '555 0199'");
	is_str(TEXT(s), "Office: Enrollment office\nRoom: Suite 800\n"
	    "Extension: 555 0199", "cells apart: every cell kept");
	factsheet_publication_free(pub);
}

/* Link labels: the cell's words, else its column, else the row's name. */
static void
test_link_labels(void)
{
	static const char *const head[] = { "Topic", "Who to call",
	    "More help" };
	static const char *const r1[] = { "Enrollment questions",
	    "Your MAC", "https://www.cms.gov/mac-contacts" };
	static const char *const r2[] = { "PECOS access", "EUS Help Desk",
	    "EUS website https://eus.custhelp.com" };
	static const char *const r3[] = { "NPI questions",
	    "NPI Enumerator", "" };
	static const char *const r4[] = { "Claims", "Your MAC", "" };
	static const char *const n1[] = { "Enrollment questions",
	    "https://www.cms.gov/mac-contacts" };
	static const char *const n2[] = { "NPI questions", "NPPES" };
	static const char *const n3[] = { "Claims", "Your MAC" };
	factsheet_publication_t *pub;
	const factsheet_section_t *s;
	build_t t;

	start(&t, "labels.html");
	heading(&t, 1, "Help");
	header(&t, head, N(head));
	row(&t, r1, N(r1));
	row(&t, r2, N(r2));
	row(&t, r3, N(r3));
	row(&t, r4, N(r4));
	builder_table_end(&t.b);
	heading(&t, 1, "No header");
	row(&t, n1, N(n1));
	row(&t, n2, N(n2));
	row(&t, n3, N(n3));
	builder_table_end(&t.b);
	pub = finish(&t);

	s = headed(pub, "Enrollment questions");
	is_int(KIND(s), FACTSHEET_SECTION_TEXT, "labels: 2 of 4 rows with a "
	    "link are topics, not resources");
	is_str(LABEL(contact(s, FACTSHEET_CONTACT_LINK,
	    "https://www.cms.gov/mac-contacts")), "More help",
	    "labels: a bare link is labelled by its column");
	is_str(TEXT(s), "Topic: Enrollment questions\nWho to call: Your MAC\n"
	    "More help: https://www.cms.gov/mac-contacts",
	    "labels: the link stays in a topic's text");
	s = headed(pub, "PECOS access");
	is_str(LABEL(contact(s, FACTSHEET_CONTACT_LINK,
	    "https://eus.custhelp.com")), "EUS website",
	    "labels: a link beside words is labelled by them");
	s = &pub->sections[pub->n_sections - 3];
	is_str(s->heading, "Enrollment questions", "labels: the table "
	    "without a header is topics too");
	is_str(LABEL(contact(s, FACTSHEET_CONTACT_LINK,
	    "https://www.cms.gov/mac-contacts")), "Enrollment questions",
	    "labels: no header, a bare link named by its row");
	is_str(TEXT(s), "https://www.cms.gov/mac-contacts", "labels: no "
	    "header, cells unlabelled");
	factsheet_publication_free(pub);
}

/* Links here and there among topics make no list of resources. */
static void
test_scattered_links(void)
{
	static const char *const head[] = { "Topic", "Who to contact",
	    "Phone" };
	static const char *const r1[] = { "PECOS user ID or password",
	    "EUS Help Desk https://eus.custhelp.com",
	    "1-866-484-8049\nTTY 1-866-523-4759" };
	static const char *const r2[] = { "NPI application", "NPI Enumerator",
	    "1-800-465-3203" };
	static const char *const r3[] = { "Enrollment status", "Your MAC",
	    "See the MAC contact list https://www.cms.gov/mac-contacts.pdf" };
	factsheet_publication_t *pub;
	const factsheet_section_t *s;
	build_t t;

	start(&t, "scattered.html");
	heading(&t, 2, "Who to call");
	header(&t, head, N(head));
	row(&t, r1, N(r1));
	row(&t, r2, N(r2));
	row(&t, r3, N(r3));
	builder_table_end(&t.b);
	pub = finish(&t);

	is_int(count_kind(pub, FACTSHEET_SECTION_RESOURCE), 0,
	    "scattered: 2 rows of 3 link, in no one column: no resources");
	s = headed(pub, "PECOS user ID or password");
	is_int(KIND(s), FACTSHEET_SECTION_TEXT, "scattered: a topic");
	is_str(TEXT(s), "Topic: PECOS user ID or password\n"
	    "Who to contact: EUS Help Desk https://eus.custhelp.com\n"
	    "Phone: 1-866-484-8049\nTTY 1-866-523-4759",
	    "scattered: every cell under its column");
	ok(contact(s, FACTSHEET_CONTACT_TTY, "1-866-523-4759") != NULL,
	    "scattered: the TTY line of the Phone cell is a TTY");
	ok(contact(s, FACTSHEET_CONTACT_PHONE, "1-866-484-8049") != NULL,
	    "scattered: the phone");
	is_str(LABEL(contact(s, FACTSHEET_CONTACT_LINK,
	    "https://eus.custhelp.com")), "EUS Help Desk",
	    "scattered: the link named by its words");
	s = headed(pub, "Enrollment status");
	is_str(LABEL(contact(s, FACTSHEET_CONTACT_LINK,
	    "https://www.cms.gov/mac-contacts.pdf")), "See the MAC contact "
	    "list", "scattered: a link under 'Phone' is still a link");
	factsheet_publication_free(pub);
}

/* Resources --------------------------------------------------------- */

/* The CMS "Resources" shape: name | link, a row per resource. */
static void
test_resources(void)
{
	static const char *const head[] = { "Resource", "Website" };
	static const char *const r1[] = { "Internet-based PECOS",
	    "https://pecos.cms.hhs.gov/pecos/login.do" };
	static const char *const r2[] = { "MLN Guided Pathways (GPs)",
	    "<p>Provider Specific Medicare Resources https://www.cms.gov/"
	    "gp/provider.pdf</p> <p>All Other GP Resources "
	    "https://www.cms.gov/gp/all.html</p>" };
	static const char *const r3[] = { "NPI Enumerator",
	    "Phone: 1-800-465-3203\nNPPES Help "
	    "https://nppes.cms.hhs.gov/webhelp" };
	static const char *const r4[] = { "Enrollment contractors",
	    "See your MAC" };
	factsheet_publication_t *pub;
	const factsheet_section_t *s;
	const factsheet_contact_t *c;
	build_t t;

	start(&t, "resources.txt");
	heading(&t, 0, "Resources");
	header(&t, head, N(head));
	row(&t, r1, N(r1));
	row(&t, r2, N(r2));
	row(&t, r3, N(r3));
	row(&t, r4, N(r4));
	builder_table_end(&t.b);
	para(&t, "The Medicare Learning Network Disclaimers are available.");
	pub = finish(&t);

	is_int(count_kind(pub, FACTSHEET_SECTION_RESOURCE), 4,
	    "resources: 3 of 4 rows link, all 4 rows are resources");
	s = headed(pub, "Resources");
	is_int(s ? (long)s->kind : -1, FACTSHEET_SECTION_TEXT,
	    "resources: the heading's own section");
	is_int(s ? (long)s->line : -1, 1,
	    "resources: the heading's own section");
	is_str(TEXT(s), "Resource | Website", "resources: the column titles, "
	    "which label no cell, are its text");
	s = headed(pub, "Internet-based PECOS");
	is_int(KIND(s), FACTSHEET_SECTION_RESOURCE, "resources: a resource");
	is_str(s ? s->part : NULL, "Resources", "resources: under the "
	    "plain-text heading above");
	is_str(TEXT(s), "", "resources: a link-only cell leaves no text");
	c = contact(s, FACTSHEET_CONTACT_LINK,
	    "https://pecos.cms.hhs.gov/pecos/login.do");
	is_str(LABEL(c), "Internet-based PECOS", "resources: a bare link "
	    "is named by its row, not by the 'Website' column");
	s = headed(pub, "MLN Guided Pathways (GPs)");
	is_int(s ? s->n_contacts : 0, 2, "resources: two links from <p>s");
	is_str(LABEL(contact(s, FACTSHEET_CONTACT_LINK,
	    "https://www.cms.gov/gp/all.html")), "All Other GP Resources",
	    "resources: a link named by its paragraph's words");
	is_str(TEXT(s), "Provider Specific Medicare Resources\n"
	    "All Other GP Resources", "resources: words without URLs or tags");
	s = headed(pub, "NPI Enumerator");
	ok(contact(s, FACTSHEET_CONTACT_PHONE, "1-800-465-3203") != NULL,
	    "resources: a phone line in a cell");
	is_str(TEXT(s), "Phone: 1-800-465-3203\nNPPES Help", "resources: "
	    "the number stays in the text");
	s = headed(pub, "Enrollment contractors");
	is_str(TEXT(s), "See your MAC", "resources: a row without link "
	    "keeps its words");
	s = &pub->sections[pub->n_sections - 1];
	is_int(s->kind, FACTSHEET_SECTION_TEXT,
	    "resources: the text after the table is a text section");
	ok(s->part == NULL, "resources: the text after the table is not "
	    "under its heading");
	like(s->text, "Disclaimers", "resources: the text after the table");
	ok(pub->warning == NULL, "resources: no warning");
	factsheet_publication_free(pub);
}

/* Under a heading with an id, the first resource takes the id; the
 * column titles go to the heading's section. */
static void
test_resources_anchor(void)
{
	static const char *const head[] = { "Help desk", "How to reach it" };
	static const char *const r1[] = { "NPI Enumerator",
	    "NPPES Help https://nppes.cms.hhs.gov/webhelp" };
	static const char *const r2[] = { "EUS Help Desk",
	    "EUS website https://eus.custhelp.com" };
	factsheet_publication_t *pub;
	const factsheet_section_t *s;
	build_t t;

	start(&t, "anchor.html");
	heading(&t, 1, "NPI FAQ");
	builder_heading(&t.b, 2, "Who to contact", "contacts", t.line++);
	header(&t, head, N(head));
	row(&t, r1, N(r1));
	row(&t, r2, N(r2));
	builder_table_end(&t.b);
	pub = finish(&t);

	s = headed(pub, "NPI Enumerator");
	is_int(KIND(s), FACTSHEET_SECTION_RESOURCE, "anchor: a resource");
	is_str(s ? s->anchor : NULL, "contacts", "anchor: the first row "
	    "links to the table's heading");
	is_heading_path(s, "NPI FAQ > Who to contact", "anchor: the row");
	s = headed(pub, "Who to contact");
	is_str(TEXT(s), "Help desk | How to reach it", "anchor: the column "
	    "titles in the heading's section");
	is_str(s ? s->anchor : NULL, "who-to-contact", "anchor: which has "
	    "its slug");
	factsheet_publication_free(pub);
}

/* Data -------------------------------------------------------------- */

/* Numbers by year: no row is named by words; the table stays text. */
static void
test_data_years(void)
{
	static const char *const head[] = { "Year", "Part B premium",
	    "Deductible" };
	static const char *const r1[] = { "2023", "$164.90", "$226" };
	static const char *const r2[] = { "2024", "$174.70", "$240" };
	factsheet_publication_t *pub;
	const factsheet_section_t *s;
	build_t t;

	start(&t, "costs.md");
	heading(&t, 2, "Part B costs");
	para(&t, "Most people pay the standard premium.");
	header(&t, head, N(head));
	row(&t, r1, N(r1));
	row(&t, r2, N(r2));
	builder_table_end(&t.b);
	para(&t, "Call 1-800-633-4227 with questions.");
	pub = finish(&t);

	is_int(pub->n_sections, 1, "data: the table stays in its section");
	s = headed(pub, "Part B costs");
	is_str(TEXT(s), "Most people pay the standard premium.\n\n"
	    "Year | Part B premium | Deductible\n2023 | $164.90 | $226\n"
	    "2024 | $174.70 | $240\n\nCall 1-800-633-4227 with questions.",
	    "data: rows as lines between the paragraphs around it");
	ok(section_headed(pub, "2023") == NULL,
	    "data: no section named by a year");
	ok(pub->warning == NULL, "data: a table still counts as structure");
	factsheet_publication_free(pub);
}

/* Wide and one-column tables are data too; their contacts are found. */
static void
test_data_shapes(void)
{
	static const char *const wide_head[] = { "Plan", "A", "B", "C", "D",
	    "F", "G", "K", "L" };
	static const char *const wide[] = { "Part A coinsurance", "Yes",
	    "Yes", "Yes", "Yes", "Yes", "Yes", "50%", "75%" };
	static const char *const one1[] = { "Call 1-800-633-4227" };
	static const char *const one2[] = { "Visit https://www.medicare.gov" };
	static const char *const codes[] = { "A0428", "Ambulance service, "
	    "basic life support", "Phone: 1-866-484-8049" };
	factsheet_publication_t *pub;
	const factsheet_section_t *s;
	build_t t;

	start(&t, "shapes.html");
	heading(&t, 1, "Medigap plans");
	header(&t, wide_head, N(wide_head));
	row(&t, wide, N(wide));
	builder_table_end(&t.b);
	heading(&t, 1, "Contact us");
	row(&t, one1, N(one1));
	row(&t, one2, N(one2));
	builder_table_end(&t.b);
	heading(&t, 1, "Codes");
	row(&t, codes, N(codes));
	builder_table_end(&t.b);
	pub = finish(&t);

	is_int(pub->n_sections, 3, "shapes: one section per heading, no "
	    "row sections");
	s = headed(pub, "Medigap plans");
	is_str(TEXT(s), "Plan | A | B | C | D | F | G | K | L\n"
	    "Part A coinsurance | Yes | Yes | Yes | Yes | Yes | Yes | "
	    "50% | 75%",
	    "shapes: 9 columns are a grid, kept as lines");
	s = headed(pub, "Contact us");
	is_str(TEXT(s), "Call 1-800-633-4227\nVisit https://www.medicare.gov",
	    "shapes: a one-column table is lines");
	ok(contact(s, FACTSHEET_CONTACT_PHONE, "1-800-633-4227") != NULL,
	    "shapes: a one-column table's phone is found");
	ok(contact(s, FACTSHEET_CONTACT_LINK, "https://www.medicare.gov") !=
	    NULL, "shapes: and its link");
	s = headed(pub, "Codes");
	is_str(TEXT(s), "A0428 | Ambulance service, basic life support | "
	    "Phone: 1-866-484-8049", "shapes: a row named by a code is data");
	ok(contact(s, FACTSHEET_CONTACT_PHONE, "1-866-484-8049") != NULL,
	    "shapes: a data table's contacts go to its section");
	factsheet_publication_free(pub);
}

/* Rows named as contact lines are the details of their section. */
static void
test_contact_card(void)
{
	static const char *const r1[] = { "Phone", "1-800-633-4227" };
	static const char *const r2[] = { "TTY", "1-877-486-2048" };
	static const char *const r3[] = { "Website",
	    "https://www.medicare.gov" };
	factsheet_publication_t *pub;
	const factsheet_section_t *s;
	const factsheet_contact_t *c;
	build_t t;

	start(&t, "card.html");
	heading(&t, 2, "Contact Medicare");
	row(&t, r1, N(r1));
	row(&t, r2, N(r2));
	row(&t, r3, N(r3));
	builder_table_end(&t.b);
	pub = finish(&t);

	is_int(pub->n_sections, 1, "card: one section, none named 'Phone'");
	s = headed(pub, "Contact Medicare");
	is_str(TEXT(s), "Phone | 1-800-633-4227\nTTY | 1-877-486-2048\n"
	    "Website | https://www.medicare.gov", "card: its lines");
	ok(contact(s, FACTSHEET_CONTACT_TTY, "1-877-486-2048") != NULL,
	    "card: the number on the TTY row is a TTY");
	ok(contact(s, FACTSHEET_CONTACT_PHONE, "1-877-486-2048") == NULL,
	    "card: and not a phone");
	c = contact(s, FACTSHEET_CONTACT_WEBSITE, "https://www.medicare.gov");
	is_str(LABEL(c), "Website", "card: the Website row is a website");
	factsheet_publication_free(pub);
}

/* A header row and no body rows: its words are text. */
static void
test_header_only(void)
{
	static const char *const head[] = { "Plan type", "Monthly premium",
	    "Who to call" };
	factsheet_publication_t *pub;
	const factsheet_section_t *s;
	build_t t;

	start(&t, "empty-table.md");
	heading(&t, 1, "Medicare Advantage");
	heading(&t, 2, "Compare plans");
	header(&t, head, N(head));
	builder_table_end(&t.b);
	heading(&t, 2, "Enroll");
	para(&t, "Enroll during the open enrollment period.");
	pub = finish(&t);

	s = headed(pub, "Compare plans");
	is_str(TEXT(s), "Plan type | Monthly premium | Who to call",
	    "header only: its cells are the section's text");
	is_heading_path(s, "Medicare Advantage", "header only");
	ok(headed(pub, "Enroll") != NULL, "header only: what follows goes on");
	ok(pub->warning == NULL, "header only: structure, no warning");
	factsheet_publication_free(pub);
}

/* Order, ends and structure ----------------------------------------- */

/* A table a reader does not end is ended by what follows, or by
 * builder_finish; its rows come before what follows. */
static void
test_unended(void)
{
	static const char *const r1[] = { "Hospital care", "Part A" };
	static const char *const r2[] = { "Doctor visits", "Part B" };
	factsheet_publication_t *pub;
	build_t t;

	start(&t, "unended.txt");
	para(&t, "What each part covers.");
	row(&t, r1, N(r1));
	para(&t, "Then a paragraph.");
	row(&t, r2, N(r2));
	pub = finish(&t);

	is_int(pub->n_sections, 4, "unended: text, row, text, row");
	is_size(pub->n_sections, 4, "unended: four sections");
	if (pub->n_sections == 4) {
		is_str(pub->sections[1].heading, "Hospital care",
		    "unended: the first row second");
		is_str(pub->sections[2].text, "Then a paragraph.",
		    "unended: then the paragraph, in file order");
		is_str(pub->sections[3].heading, "Doctor visits",
		    "unended: then the second row");
	}
	is_str(pub->n_sections == 4 ? pub->sections[3].text : NULL,
	    "Part B", "unended: the last row, ended by builder_finish");
	factsheet_publication_free(pub);
}

/* The "no structure" warning: a table is structure, text alone not. */
static void
test_warning(void)
{
	static const char *const r1[] = { "1", "2" };
	factsheet_publication_t *pub;
	build_t t;

	start(&t, "plain.txt");
	para(&t, "Just a paragraph.");
	pub = finish(&t);
	is_str(pub->warning, "plain.txt: no headings, Problem/Solution "
	    "blocks or tables found; indexed as 1 plain section",
	    "warning: text alone");
	factsheet_publication_free(pub);

	start(&t, "numbers.txt");
	para(&t, "Just a paragraph.");
	row(&t, r1, N(r1));
	builder_table_end(&t.b);
	pub = finish(&t);
	ok(pub->warning == NULL, "warning: none with a table of numbers");
	is_str(pub->n_sections ? pub->sections[0].text : NULL,
	    "Just a paragraph.\n\n1 | 2", "warning: its numbers are text");
	factsheet_publication_free(pub);
}

/* A data table in a Solution goes on in the solution's text. */
static void
test_in_solution(void)
{
	static const char *const head[] = { "Day", "Hours" };
	static const char *const r1[] = { "Mon-Fri", "8 a.m. - 8 p.m. ET" };
	factsheet_publication_t *pub;
	const factsheet_section_t *s;
	build_t t;

	start(&t, "hours.txt");
	builder_problem(&t.b, "Cannot reach the help desk", t.line++);
	builder_solution(&t.b, "Call during business hours");
	para(&t, "The help desk is open:");
	header(&t, head, N(head));
	row(&t, r1, N(r1));
	builder_table_end(&t.b);
	pub = finish(&t);

	s = headed(pub, "Cannot reach the help desk");
	is_int(pub->n_sections, 1, "in solution: one problem");
	is_str(s ? s->solution_text : NULL, "The help desk is open:\n\n"
	    "Day | Hours\nMon-Fri | 8 a.m. - 8 p.m. ET",
	    "in solution: the table is solution text");
	factsheet_publication_free(pub);
}

/* Every word of every cell lands in some section. */
static void
test_nothing_lost(void)
{
	static const char *const words[] = { "Topic", "EUS", "MAC",
	    "Navigating", "Enrolling", "Who", "Premium", "2024", "$174.70",
	    "Alabama", "1-877-567-7271", "State", "Phone" };
	static const char *const h1[] = { "Topic", "EUS", "MAC" };
	static const char *const a1[] = { "Navigating PECOS", "X", "" };
	static const char *const a2[] = { "Enrolling", "", "X" };
	static const char *const h2[] = { "Who", "Premium" };
	static const char *const b1[] = { "2024", "$174.70" };
	static const char *const h3[] = { "State", "Phone", "State",
	    "Phone" };
	static const char *const c1[] = { "Alabama", "1-877-567-7271", "",
	    "" };
	factsheet_publication_t *pub;
	char *all;
	build_t t;

	start(&t, "all.html");
	heading(&t, 1, "All");
	header(&t, h1, N(h1));
	row(&t, a1, N(a1));
	row(&t, a2, N(a2));
	builder_table_end(&t.b);
	header(&t, h2, N(h2));
	row(&t, b1, N(b1));
	builder_table_end(&t.b);
	header(&t, h3, N(h3));
	row(&t, c1, N(c1));
	builder_table_end(&t.b);
	pub = finish(&t);
	all = all_text(pub);
	for (size_t i = 0; i < N(words); i++)
		ok(contains(all, words[i]), "nothing lost: '%s'", words[i]);
	free(all);
	factsheet_publication_free(pub);
}

/* Tables of contents ------------------------------------------------ */

/* "On this page" listing the questions below it is navigation: left out,
 * and out of their heading paths.  One listing a line that heads no
 * section is kept, so that line's words are not lost. */
static void
test_contents(void)
{
	factsheet_publication_t *pub;
	const factsheet_section_t *s;
	build_t t;

	start(&t, "faq.md");
	heading(&t, 1, "Decision reviews");
	para(&t, "Learn more about the review options.");
	heading(&t, 2, "On this page");
	para(&t, "- What is new evidence?\n- What is Duty to Assist?");
	heading(&t, 3, "What is new evidence?");
	para(&t, "Evidence VA did not have before.");
	heading(&t, 3, "What is Duty to Assist?");
	para(&t, "VA helps you get records.");
	pub = finish(&t);
	ok(section_headed(pub, "On this page") == NULL,
	    "contents: 'On this page' is left out");
	is_int(pub->n_sections, 3, "contents: the three other sections");
	s = headed(pub, "What is new evidence?");
	is_heading_path(s, "Decision reviews", "contents: a question");
	is_str(s ? s->part : NULL, "Decision reviews",
	    "contents: a question's part");
	factsheet_publication_free(pub);

	start(&t, "partial.md");
	heading(&t, 2, "On this page");
	para(&t, "- What is new evidence?\n- What if I miss the deadline?");
	heading(&t, 3, "What is new evidence?");
	para(&t, "Evidence VA did not have before.");
	pub = finish(&t);
	s = headed(pub, "On this page");
	is_str(TEXT(s), "- What is new evidence?\n- What if I miss the "
	    "deadline?", "contents: a list naming a line no heading has is "
	    "kept whole");
	factsheet_publication_free(pub);
}

/* Slugs ------------------------------------------------------------- */

/*
 * The slugs of a Markdown document whose "## " headings are HEADINGS
 * (separated by '|'), each over a line of text, joined by spaces; NULL
 * if it does not parse.
 */
static char *
slugs_of(const char *headings)
{
	strbuf_t md = { 0 }, slugs = { 0 };
	factsheet_publication_t *pub;
	char *bytes;

	strbuf_puts(&md, "# Collisions\n\n");
	for (const char *h = headings; *h != '\0'; ) {
		size_t n = strcspn(h, "|");

		strbuf_printf(&md, "## %.*s\n\nText.\n\n", (int)n, h);
		h += n + (h[n] == '|');
	}
	if ((bytes = strbuf_finish(&md)) == NULL)
		return NULL;
	pub = parse("collisions.md", bytes);
	free(bytes);
	if (pub == NULL)
		return NULL;
	for (size_t i = 0; i < pub->n_sections; i++)
		strbuf_printf(&slugs, "%s%s", i ? " " : "",
		    pub->sections[i].slug ? pub->sections[i].slug : "(null)");
	factsheet_publication_free(pub);
	return strbuf_finish(&slugs);
}

static void
test_slug_collisions(void)
{
	/* A repeated heading takes the first of base, base-2, base-3, ...
	 * that no earlier section has, whatever heading gave it that. */
	static const struct {
		const char *headings, *slugs, *what;
	} cases[] = {
		{ "Intro|Intro|Intro", "intro intro-2 intro-3",
		  "a heading three times" },
		{ "Intro|Intro|Intro 2", "intro intro-2 intro-2-2",
		  "\"Intro 2\" after two Intros: its own slug is taken" },
		{ "Intro 2|Intro|Intro", "intro-2 intro intro-3",
		  "\"Intro 2\" first: the second Intro skips intro-2" },
		{ "Intro|intro-2|Intro|Intro", "intro intro-2 intro-3 intro-4",
		  "a heading spelt like a slug: \"intro-2\"" },
		{ "Intro|Intro 3|Intro|Intro|Intro",
		  "intro intro-3 intro-2 intro-4 intro-5",
		  "\"Intro 3\" early: intro-2 still free, intro-3 skipped" },
		{ "Intro|Intro|Intro 2|Intro 2|Intro",
		  "intro intro-2 intro-2-2 intro-2-3 intro-3",
		  "suffixes of a suffixed slug" },
		{ "Intro 2|Intro 2|Intro|Intro|Intro 2-2",
		  "intro-2 intro-2-2 intro intro-3 intro-2-2-2",
		  "\"Intro 2-2\" once intro-2-2 is given: its own base" },
		{ "FAQ|faq|F.A.Q.|Faq", "faq faq-2 f-a-q faq-3",
		  "case and punctuation make one base" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *got = slugs_of(cases[i].headings);

		is_str(got, cases[i].slugs, "slugs: %s", cases[i].what);
		free(got);
	}
}

/*
 * A FAQ of 20,000 answers under one heading, "Answer": every slug is
 * that of its place, so all are different, and the last is
 * "answer-20000".  (Giving them once took a pass over every earlier
 * section per suffix tried: hours for this document.)
 */
static int
compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
test_many_repeated_headings(void)
{
	enum { N = 20000 };
	strbuf_t md = { 0 };
	factsheet_publication_t *pub;
	size_t wrong = 0, same = 0;
	char *bytes, want[32], **sorted;

	strbuf_puts(&md, "# FAQ\n\n");
	for (unsigned i = 1; i <= N; i++)
		strbuf_printf(&md, "## Answer\n\nAnswer number %u.\n\n", i);
	bytes = strbuf_finish(&md);
	pub = bytes ? parse("faq.md", bytes) : NULL;
	free(bytes);
	is_int(pub ? pub->n_sections : 0, N, "20,000 answers: as many "
	    "sections");
	for (size_t i = 0; pub != NULL && i < pub->n_sections; i++) {
		if (i == 0)
			snprintf(want, sizeof want, "answer");
		else
			snprintf(want, sizeof want, "answer-%zu", i + 1);
		if (pub->sections[i].slug == NULL ||
		    strcmp(pub->sections[i].slug, want) != 0)
			wrong++;
	}
	is_int(wrong, 0, "20,000 answers: answer, answer-2, ... in order");
	sorted = pub && wrong == 0 ? calloc(N, sizeof *sorted) : NULL;
	for (size_t i = 0; sorted != NULL && i < N; i++)
		sorted[i] = pub->sections[i].slug;
	if (sorted != NULL) {
		qsort(sorted, N, sizeof *sorted, compare_strings);
		for (size_t i = 1; i < N; i++)
			same += strcmp(sorted[i - 1], sorted[i]) == 0;
	}
	ok(sorted != NULL, "20,000 answers: slugs to compare");
	is_size(same, 0, "20,000 answers: no slug twice");
	free(sorted);
	is_str(pub && pub->n_sections > 0 ?
	    pub->sections[pub->n_sections - 1].slug : NULL, "answer-20000",
	    "20,000 answers: the last is answer-20000");
	factsheet_publication_free(pub);
}

int
main(void)
{
	test_topic_marks();
	test_caption();
	test_states();
	test_side_by_side();
	test_side_by_side_shape();
	test_cells_apart();
	test_link_labels();
	test_scattered_links();
	test_resources();
	test_resources_anchor();
	test_data_years();
	test_data_shapes();
	test_contact_card();
	test_header_only();
	test_unended();
	test_warning();
	test_in_solution();
	test_nothing_lost();
	test_contents();
	test_slug_collisions();
	test_many_repeated_headings();
	return done_testing();
}
