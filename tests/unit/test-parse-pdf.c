/*
 * test-parse-pdf.c - the PDF reader (parse-pdf.c and its pdf-*.c parts:
 * the guard, tagged structure, styled text, layout and blocks) through
 * the whole reading of real PDFs: paragraphs from the layout, running
 * footers, the plain-text model, pages, and the PDFs it must refuse.
 * (A PDF indexed and searched is test-search's; provenance on small
 * texts is test-provenance's.)
 *
 * The fixtures in tests/fixtures/pdf/ are real PDFs, remade by
 * tests/fixtures/pdf/make-fixtures.sh from the texts beside them:
 *
 *   enscript -q -B -f Courier10 -p - dme-supplier.txt |
 *       ps2pdf - dme-supplier.pdf
 *   enscript -q -B -e~ -f Helvetica10 \
 *       -t "Ordering and Referring Contacts" -p - ordering.txt |
 *       ps2pdf - ordering.pdf
 *   gs -q -dSAFER -dBATCH -dNOPAUSE -sDEVICE=pdfwrite \
 *       -sOutputFile=blank.pdf \
 *       -c "newpath 72 72 moveto 540 720 lineto stroke showpage"
 *   head -c 2000 dme-supplier.pdf > truncated.pdf
 *   qpdf --encrypt secret owner 256 -- ordering.pdf encrypted.pdf
 */
#include <config.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "factsheet-private.h"
#include "pdf.h"
#include "tap.h"
#include "testlib.h"

#define FIXTURES "tests/fixtures/pdf/"

static char *
fixture_path(const char *name)
{
	char *rel = str_printf(FIXTURES "%s", name), *path;

	path = rel ? source_path(rel) : NULL;
	free(rel);
	return path;
}

/* How often NEEDLE occurs in S. */
static size_t
occurrences(const char *s, const char *needle)
{
	size_t n = 0;

	while (s != NULL && (s = strstr(s, needle)) != NULL) {
		n++;
		s += strlen(needle);
	}
	return n;
}

/* Reads the file at PATH (taken over); prints why when it fails. */
static factsheet_publication_t *
read_path(char *path)
{
	factsheet_publication_t *pub = NULL;
	char *msg = NULL;

	if (factsheet_publication_read_file(path, &pub, &msg) !=
	    FACTSHEET_STATUS_SUCCESS)
		printf("# %s\n", msg ? msg : "cannot read the file");
	free(msg);
	free(path);
	return pub;
}

static factsheet_publication_t *
read_pdf(const char *name)
{
	return read_path(fixture_path(name));
}

/* The section with HEADING and KIND, or NULL. */
static const factsheet_section_t *
find_section(const factsheet_publication_t *pub,
	     factsheet_section_kind_t kind, const char *heading)
{
	for (size_t i = 0; pub != NULL && i < pub->n_sections; i++)
		if (pub->sections[i].kind == kind &&
		    pub->sections[i].heading != NULL &&
		    strcmp(pub->sections[i].heading, heading) == 0)
			return &pub->sections[i];
	return NULL;
}

/* The value of S's first contact of KIND, or NULL. */
static const char *
contact_value(const factsheet_section_t *s, factsheet_contact_kind_t kind)
{
	for (size_t i = 0; s != NULL && i < s->n_contacts; i++)
		if (s->contacts[i].kind == kind)
			return s->contacts[i].value;
	return NULL;
}

static void
test_fact_sheet(void)
{
	factsheet_publication_t *pub = read_pdf("dme-supplier.pdf");
	const factsheet_section_t *s, *intro;
	size_t problems = 0, footers = 0, footer_headings = 0;

	ok(pub != NULL, "dme-supplier.pdf reads");
	if (pub == NULL)
		return;
	is_str(pub->format, "pdf", "format detected as pdf");
	is_str(pub->title, "Durable Medical Equipment Supplier Help",
	    "title from the text (the metadata says 'Enscript Output')");
	is_str(pub->series, "PROVIDER-SUPPLIER ENROLLMENT FACT SHEET SERIES",
	    "series under the title");
	is_int(pub->n_agency, 2, "two agency lines");
	is_str(pub->n_agency > 1 ? pub->agency[1] : NULL,
	    "Centers for Medicare & Medicaid Services", "second agency line");
	ok(pub->warning == NULL, "no warning: the structure was found");
	for (size_t i = 0; i < pub->n_sections; i++) {
		s = &pub->sections[i];
		problems += s->kind == FACTSHEET_SECTION_PROBLEM;
		footers += occurrences(s->text, "ICN 908889 May 2015");
		footer_headings += contains(s->heading, "ICN") ||
		    contains(s->heading, "Page ") || contains(s->part, "ICN");
	}
	is_int(problems, 2, "two problems");

	s = find_section(pub, FACTSHEET_SECTION_PROBLEM,
	    "Supplier Number Not Received");
	ok(s != NULL, "first problem by its heading");
	is_str(s ? s->solution_heading : NULL,
	    "Contact the National Supplier Clearinghouse",
	    "first problem: its solution heading");
	is_str(s ? s->text : NULL, "You applied for a supplier number more "
	    "than 60 days ago and have not heard back from the National "
	    "Supplier Clearinghouse.", "the lines of a paragraph are joined");
	is_str(s ? s->solution_text : NULL, "The Clearinghouse can tell you "
	    "where your application stands.", "first problem: solution text, "
	    "the phone line taken out as a contact");
	is_str(contact_value(s, FACTSHEET_CONTACT_PHONE), "1-800-465-3203",
	    "first problem: phone");
	is_str(contact_value(s, FACTSHEET_CONTACT_TTY), "1-800-692-2326",
	    "first problem: TTY");
	is_int(s ? s->page : 0, 1, "first problem is on page 1");

	s = find_section(pub, FACTSHEET_SECTION_PROBLEM,
	    "Competitive Bidding Contract Questions");
	ok(s != NULL, "second problem by its heading");
	is_str(s ? s->solution_heading : NULL,
	    "Contact the Competitive Bidding Implementation Contractor",
	    "second problem: its solution heading");
	is_str(contact_value(s, FACTSHEET_CONTACT_WEBSITE),
	    "https://www.dmecompetitivebid.com", "second problem: website");
	is_str(contact_value(s, FACTSHEET_CONTACT_PHONE), "1-877-577-5331",
	    "second problem: phone");
	is_int(s ? s->page : 0, 1, "second problem is on page 1");

	intro = &pub->sections[0];
	ok(contains(intro->text, "sometimes need help with their Medicare "
	    "enrollment."), "the introduction is the first section");
	is_int(intro->page, 1, "the introduction is on page 1");

	s = find_section(pub, FACTSHEET_SECTION_TEXT, "Resources");
	ok(s != NULL, "the Resources heading of page 2 heads a section");
	is_int(s ? s->page : 0, 2, "Resources is on page 2");
	is_int(s ? s->n_path : 9, 0, "Resources sits under no heading");
	ok(contains(s ? s->text : NULL, "\n- DMEPOS Supplier Standards at "),
	    "its list items keep their own lines");
	is_int(s ? s->n_contacts : 0, 2, "its two links are contacts");
	is_str(s && s->n_contacts ? s->contacts[0].value : NULL,
	    "https://www.cms.gov/dmepos-standards", "the first link");

	is_int(footers, 1, "the running footer is kept once, not per page");
	is_int(footer_headings, 0, "no footer or page number heads a section");
	ok(!contains(pub->sections[pub->n_sections - 1].text, "Page 1 of 2"),
	    "page numbers are left out");
	is_str(pub->product, "ICN 908889", "product from the footer");
	is_str(pub->revised, "May 2015", "revision date from the footer");
	factsheet_publication_free(pub);
}

static void
test_metadata_title(void)
{
	factsheet_publication_t *pub = read_pdf("ordering.pdf");
	const factsheet_section_t *s;

	ok(pub != NULL, "ordering.pdf reads");
	if (pub == NULL)
		return;
	is_str(pub->title, "Ordering and Referring Contacts",
	    "title from the PDF's metadata");
	s = find_section(pub, FACTSHEET_SECTION_PROBLEM,
	    "Claim Denied for the Ordering Provider");
	ok(s != NULL, "its problem, after a heading in a larger type");
	is_str(s ? s->solution_heading : NULL,
	    "Check the Ordering and Referring File", "its solution heading");
	is_str(contact_value(s, FACTSHEET_CONTACT_WEBSITE),
	    "https://data.cms.gov/ordering-referring", "its website");
	is_int(s ? s->page : 0, 1, "a one-page PDF: page 1");
	is_str(pub->product, "MLN1234567", "an MLN product number");
	is_str(pub->revised, "June 2016", "'Revised June 2016'");
	factsheet_publication_free(pub);
}

/* Every section's text and solution, one after the other. */
static char *
body_text(const factsheet_publication_t *pub)
{
	strbuf_t b = { 0 };

	for (size_t i = 0; pub != NULL && i < pub->n_sections; i++) {
		const factsheet_section_t *s = &pub->sections[i];

		strbuf_printf(&b, "%s\n%s\n", s->text ? s->text : "",
		    s->solution_text ? s->solution_text : "");
	}
	return strbuf_finish(&b);
}

/* The section headed HEADING, whatever its kind; its index in *AT. */
static const factsheet_section_t *
section_named(const factsheet_publication_t *pub, const char *heading,
	      size_t *at)
{
	for (size_t i = 0; pub != NULL && i < pub->n_sections; i++)
		if (pub->sections[i].heading != NULL &&
		    strcmp(pub->sections[i].heading, heading) == 0) {
			if (at != NULL)
				*at = i;
			return &pub->sections[i];
		}
	return NULL;
}

/* The first contact of S with VALUE, or NULL. */
static const factsheet_contact_t *
contact_with(const factsheet_section_t *s, const char *value)
{
	for (size_t i = 0; s != NULL && i < s->n_contacts; i++)
		if (strcmp(s->contacts[i].value, value) == 0)
			return &s->contacts[i];
	return NULL;
}

/* A contact of PUB with VALUE, in whatever section. */
static const factsheet_contact_t *
any_contact(const factsheet_publication_t *pub, const char *value,
	    factsheet_contact_kind_t kind)
{
	for (size_t i = 0; pub != NULL && i < pub->n_sections; i++) {
		const factsheet_contact_t *c =
		    contact_with(&pub->sections[i], value);

		if (c != NULL && c->kind == kind)
			return c;
	}
	return NULL;
}

static const char *const resource_rows[] = {
	"Internet-based PECOS",
	"MLN Connects\xc2\xae National Provider Call \"Streamlined Access to "
	    "PECOS, EHR, and NPPES\"",
	"MLN Guided Pathways (GPs)",
	"National Provider Identifier",
};

/* What the fact sheet laid out as an MLN page gives, tagged or not. */
static void
check_mln_page(const char *name, int tagged)
{
	factsheet_publication_t *pub = read_pdf(name);
	const factsheet_section_t *s;
	char *text;
	size_t rows = 0;

	ok(pub != NULL, "%s reads", name);
	if (pub == NULL)
		return;
	is_str(pub->title, "PECOS Technical Assistance Contact Information",
	    "%s: title from the first heading (the metadata's is a file "
	    "name)", name);
	s = find_section(pub, FACTSHEET_SECTION_PROBLEM,
	    "Navigating/Accessing PECOS Website");
	ok(s != NULL, "%s: the first problem by its heading", name);
	is_int(s ? s->n_path : 0, 2, "%s: under two headings", name);
	is_str(s && s->n_path > 1 ? s->path[1] : NULL,
	    "Common Problems and Who to Contact",
	    "%s: the H2 above the problem's H3", name);
	is_str(s ? s->solution_heading : NULL,
	    "Contact CMS External User Services (EUS) Help Desk",
	    "%s: its solution heading", name);
	is_str(contact_value(s, FACTSHEET_CONTACT_PHONE), "1-866-484-8049",
	    "%s: its phone", name);
	is_str(contact_value(s, FACTSHEET_CONTACT_TTY), "1-866-523-4759",
	    "%s: its TTY", name);
	is_str(contact_value(s, FACTSHEET_CONTACT_EMAIL), "EUSsupport@cgi.com",
	    "%s: its email", name);
	is_int(s ? s->page : 0, 1, "%s: on page 1", name);
	s = find_section(pub, FACTSHEET_SECTION_PROBLEM,
	    "Enrolling in Medicare via PECOS (Non-Technical)");
	is_int(s ? s->page : 0, 2, "%s: the third problem on page 2", name);

	for (size_t i = 0; i < 4; i++) {
		s = find_section(pub, FACTSHEET_SECTION_RESOURCE,
		    resource_rows[i]);
		ok(s != NULL, "%s: resource row '%s'", name, resource_rows[i]);
		is_int(s ? s->page : 0, 3, "%s: row %zu on page 3", name, i);
		rows += s != NULL && s->n_contacts > 0;
	}
	is_int(rows, 4, "%s: each row has its link", name);
	s = find_section(pub, FACTSHEET_SECTION_RESOURCE, resource_rows[0]);
	ok(contact_with(s, "https://pecos.cms.hhs.gov/pecos/login.do") != NULL,
	    "%s: the first row's link", name);
	text = body_text(pub);
	ok(contains(text, "Website"), "%s: the header row's words are kept",
	    name);
	is_int(occurrences(text, "Page 1 of 3") + occurrences(text,
	    "Page 2 of 3"), 0, "%s: no page numbers in the text", name);
	is_int(occurrences(text, "ICN 908889 May 2015"), 1,
	    "%s: the running footer is kept once", name);
	is_int(occurrences(text, "PECOS Technical Assistance Contact "
	    "Information"), 1, "%s: the running header is kept once", name);
	is_str(pub->product, "ICN 908889", "%s: product from the footer%s",
	    name, tagged ? ", an artifact" : "");
	is_str(pub->revised, "May 2015", "%s: revision date from the footer",
	    name);
	ok(contains(text, "instructions, including screenshots, about"),
	    "%s: words apart where a line wraps", name);
	ok(contains(text, "provider-specific Medicare enrollment"),
	    "%s: a compound broken at a line's end keeps its hyphen", name);
	ok(any_contact(pub, "https://nppes.cms.hhs.gov/IAWebContent/"
	    "Quick_Reference_Guide.pdf", FACTSHEET_CONTACT_LINK) != NULL,
	    "%s: a link annotation is a link contact", name);
	ok(contains(text, "I&A System Quick Reference Guide https://nppes."
	    "cms.hhs.gov/IAWebContent/Quick_Reference_Guide.pdf"),
	    "%s: the link's address follows the text it covers", name);
	free(text);
	factsheet_publication_free(pub);
}

static void
test_mln_pages(void)
{
	check_mln_page("mln-factsheet.pdf", 1);
	check_mln_page("mln-factsheet-untagged.pdf", 0);
}

/* "Topic | Who to call": a row per topic, none named after a cell. */
static void
check_who_to_call(const char *name)
{
	static const char *const topics[][2] = {
		{ "Password reset for the Identity and Access System", "EUS" },
		{ "PECOS error messages", "EUS" },
		{ "Status of an enrollment application", "MAC" },
		{ "Reporting a change of practice location", "MAC" },
		{ "Lost National Provider Identifier notice",
		    "NPI Enumerator" },
	};
	factsheet_publication_t *pub = read_pdf(name);
	char *text;

	ok(pub != NULL, "%s reads", name);
	is_str(pub ? pub->title : NULL,
	    "Who Should I Call? Provider Enrollment Assistance",
	    "%s: the metadata's title", name);
	for (size_t i = 0; i < 5; i++) {
		const factsheet_section_t *s =
		    section_named(pub, topics[i][0], NULL);

		ok(s != NULL, "%s: a section for '%s'", name, topics[i][0]);
		ok(contains(s ? s->text : NULL, topics[i][1]),
		    "%s: it says whom to call (%s)", name, topics[i][1]);
	}
	ok(section_named(pub, "EUS", NULL) == NULL,
	    "%s: no section named after the cell 'EUS'", name);
	ok(section_named(pub, "MAC", NULL) == NULL,
	    "%s: no section named after the cell 'MAC'", name);
	text = body_text(pub);
	ok(contains(text, "Who to call"), "%s: the header's words kept",
	    name);
	free(text);
	is_str(contact_value(section_named(pub, "Contact Numbers", NULL),
	    FACTSHEET_CONTACT_PHONE), "1-866-484-8049",
	    "%s: the numbers below the table", name);
	factsheet_publication_free(pub);
}

static void
test_who_to_call(void)
{
	check_who_to_call("who-to-call.pdf");
	check_who_to_call("who-to-call-untagged.pdf");
}

static void
check_toll_free(const char *name)
{
	factsheet_publication_t *pub = read_pdf(name);
	const factsheet_section_t *s = section_named(pub, "Call us", NULL);

	ok(pub != NULL, "%s reads", name);
	ok(s != NULL, "%s: its 'Call us' heading", name);
	is_str(contact_value(s, FACTSHEET_CONTACT_PHONE), "1-800-772-1213",
	    "%s: 'Toll-free number 1-800-772-1213' is a phone", name);
	is_str(contact_value(s, FACTSHEET_CONTACT_TTY), "1-800-325-0778",
	    "%s: its TTY", name);
	ok(contains(s ? s->text : NULL, "Toll-free number 1-800-772-1213"),
	    "%s: the line is in the text", name);
	factsheet_publication_free(pub);
}

static void
test_toll_free(void)
{
	check_toll_free("ssa-contact.pdf");
	check_toll_free("ssa-contact-untagged.pdf");
}

static void
test_columns(void)
{
	static const char *const order[] = {
		"Revalidation Deadlines", "Application Fee",
		"Ordering and Certifying", "Questions", "Training Calendar",
	};
	factsheet_publication_t *pub = read_pdf("columns.pdf");
	const factsheet_section_t *s;
	size_t at = 0, last = 0;
	int in_order = 1;
	char *text;

	ok(pub != NULL, "columns.pdf reads");
	if (pub == NULL)
		return;
	is_str(pub->title, "Provider Enrollment News", "title from the first "
	    "heading (the metadata's is 'Microsoft Word - newsletter.docx')");
	for (size_t i = 0; i < 5; i++) {
		s = section_named(pub, order[i], &at);
		ok(s != NULL, "a section '%s'", order[i]);
		if (s == NULL || (i > 0 && at <= last)) {
			printf("# '%s' at %zu, after %zu\n", order[i], at,
			    last);
			in_order = 0;
		}
		last = at;
	}
	ok(in_order, "the left column, then the right, then page 2");
	s = section_named(pub, "Revalidation Deadlines", NULL);
	is_int(s ? s->n_path : 0, 1, "an H2 by its size under the H1");
	ok(contains(s ? s->text : NULL, "revalidate its Medicare enrollment "
	    "every five years"), "'enroll-' and 'ment' joined: %s",
	    s ? s->text : "(none)");
	s = section_named(pub, "Application Fee", NULL);
	ok(contains(s ? s->text : NULL, "A hardship exception"),
	    "the section goes on at the top of the right column");
	s = section_named(pub, "Questions", NULL);
	ok(contains(s ? s->text : NULL, "with an enrollment application."),
	    "'appli-' and 'cation' joined");
	is_str(contact_value(s, FACTSHEET_CONTACT_PHONE), "1-800-633-4227",
	    "the phone at the right column's foot");
	s = section_named(pub, "Training Calendar", NULL);
	is_int(s ? s->page : 0, 2, "the section of page 2");
	text = body_text(pub);
	is_int(occurrences(text, "\n1\n") + occurrences(text, "\n2\n"), 0,
	    "page numbers are left out");
	is_int(occurrences(text, "MLN Connects Newsletter"), 1,
	    "the running header is kept once");
	ok(!contains(text, "enroll-"), "no word left broken");
	free(text);
	factsheet_publication_free(pub);
}

static void
test_bold_contact(void)
{
	factsheet_publication_t *pub = read_pdf("bold-contact.pdf");
	const factsheet_section_t *s;

	ok(pub != NULL, "bold-contact.pdf reads");
	s = section_named(pub, "Medicare Help Line", NULL);
	ok(s != NULL, "its heading, larger than the text, heads a section");
	is_str(contact_value(s, FACTSHEET_CONTACT_PHONE), "1-800-633-4227",
	    "a phone line in bold is the section's phone");
	ok(section_named(pub, "Phone: 1-800-633-4227", NULL) == NULL,
	    "and no heading");
	ok(contains(s ? s->text : NULL, "except some federal holidays."),
	    "the text after it stays in the section");
	factsheet_publication_free(pub);
}

static void
test_title_rules(void)
{
	static const struct {
		const char *title;
		int good;
	} cases[] = {
		{ "PECOS Technical Assistance Contact Information", 1 },
		{ "Who Should I Call?", 1 },
		{ "MLN908889-PECOS-Contacts.pdf", 0 },
		{ "enrollment.docx", 0 },
		{ "page.html", 0 },
		{ "Microsoft Word - newsletter.docx", 0 },
		{ "Microsoft Word - x.doc", 0 },
		{ "", 0 },
		{ "untitled", 0 },
		{ "Untitled", 0 },
		{ "who-to-call", 0 },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		is_int(pdf_title_is_good(cases[i].title,
		    "/tmp/who-to-call.pdf"), cases[i].good,
		    "title '%s' is %s", cases[i].title, cases[i].good ?
		    "kept" : "not a title");
}

/* Reading NAME fails as BAD_INPUT with a message naming the file and
 * holding WHY. */
static void
expect_bad(const char *name, const char *why)
{
	char *path = fixture_path(name), *msg = NULL;
	factsheet_publication_t *pub = (factsheet_publication_t *)&pub;
	factsheet_status_t st;

	st = factsheet_publication_read_file(path, &pub, &msg);
	is_int(st, FACTSHEET_STATUS_BAD_INPUT, "%s: bad input", name);
	ok(pub == NULL, "%s: no publication", name);
	ok(contains(msg, path), "%s: the message names the file (%s)", name,
	    msg ? msg : "(null)");
	ok(contains(msg, why), "%s: the message says '%s'", name, why);
	free(msg);
	free(path);
}

static void
test_bad_pdfs(void)
{
	static const char garbage[] = "%PDF-1.4\n1 0 obj << /Type /Catalog";
	factsheet_publication_t *pub = NULL;
	char *msg = NULL;
	factsheet_status_t st;

	expect_bad("truncated.pdf", "not a readable PDF (");
	expect_bad("truncated.pdf", "damaged");
	expect_bad("encrypted.pdf", "not a readable PDF (");
	expect_bad("encrypted.pdf", "encrypted");
	expect_bad("blank.pdf", "no text (scanned?)");

	st = factsheet_publication_parse("memory.pdf", garbage,
	    sizeof garbage - 1, &pub, &msg);
	is_int(st, FACTSHEET_STATUS_BAD_INPUT, "a PDF header over garbage");
	ok(pub == NULL, "garbage: no publication");
	ok(contains(msg, "memory.pdf: not a readable PDF ("),
	    "garbage: the message names the source (%s)", msg ? msg :
	    "(null)");
	free(msg);
}

int
main(void)
{
	test_fact_sheet();
	test_metadata_title();
	test_mln_pages();
	test_who_to_call();
	test_toll_free();
	test_columns();
	test_bold_contact();
	test_title_rules();
	test_bad_pdfs();
	return done_testing();
}
