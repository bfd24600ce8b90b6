/*
 * test-readers.c - the Markdown and HTML readers on the fixtures of
 * tests/fixtures/ (an NPI FAQ page, an enrollment guide with nested
 * sections, a Markdown guide with numbered topics, a Problem/Solution
 * fact sheet with a pipe table): titles, sections, heading paths,
 * anchors, Problem/Solution blocks, contacts and line numbers; then
 * small inputs in memory for the edge cases, and one round trip through
 * a database.
 */
#include <config.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "factsheet-private.h"
#include "tap.h"
#include "testlib.h"

#define NPI_FAQ "tests/fixtures/npi-faq.html"
#define GUIDE_HTML "tests/fixtures/enrollment-guide.html"
#define GUIDE_MD "tests/fixtures/pecos-guide.md"
#define CONTACTS_MD "tests/fixtures/pecos-contacts.md"

#define LDQUO "\xe2\x80\x9c"
#define RDQUO "\xe2\x80\x9d"

static char tmpdir[] = "/tmp/factsheet-test-readers-XXXXXX";

/* The 1-based line of the fixture holding NEEDLE first; 0 if none. */
static unsigned
fixture_line(const char *relative, const char *needle)
{
	char *path = source_path(relative), *bytes, *at;
	size_t len = 0;
	unsigned line = 0;

	if ((bytes = slurp(path, &len)) != NULL &&
	    (at = strstr(bytes, needle)) != NULL) {
		line = 1;
		for (const char *p = bytes; p < at; p++)
			line += *p == '\n';
	}
	free(bytes);
	free(path);
	return line;
}

static factsheet_publication_t *
read_fixture(const char *relative)
{
	char *path = source_path(relative), *msg = NULL;
	factsheet_publication_t *pub = NULL;
	factsheet_status_t st;

	st = factsheet_publication_read_file(path, &pub, &msg);
	if (st != FACTSHEET_STATUS_SUCCESS)
		printf("# %s: %s\n", relative, msg ? msg : "(no message)");
	free(msg);
	free(path);
	return pub;
}

/* Parses BYTES named SOURCE; prints the message on failure. */
static factsheet_publication_t *
parse(const char *source, const char *bytes)
{
	factsheet_publication_t *pub = NULL;
	char *msg = NULL;

	if (factsheet_publication_parse(source, bytes, strlen(bytes), &pub,
	    &msg) != FACTSHEET_STATUS_SUCCESS)
		printf("# %s: %s\n", source, msg ? msg : "(no message)");
	free(msg);
	return pub;
}

static const factsheet_section_t *
section_headed(const factsheet_publication_t *pub, const char *heading)
{
	for (size_t i = 0; pub != NULL && i < pub->n_sections; i++)
		if (pub->sections[i].heading != NULL &&
		    strcmp(pub->sections[i].heading, heading) == 0)
			return &pub->sections[i];
	return NULL;
}

/* Whether some section's heading or text holds NEEDLE. */
static int
section_mentions(const factsheet_publication_t *pub, const char *needle)
{
	for (size_t i = 0; pub != NULL && i < pub->n_sections; i++)
		if (contains(pub->sections[i].heading, needle) ||
		    contains(pub->sections[i].text, needle))
			return 1;
	return 0;
}

/* The contact of KIND and VALUE in S, or NULL. */
static const factsheet_contact_t *
contact(const factsheet_section_t *s, factsheet_contact_kind_t kind,
	const char *value)
{
	for (size_t i = 0; s != NULL && i < s->n_contacts; i++)
		if (s->contacts[i].kind == kind &&
		    strcmp(s->contacts[i].value, value) == 0)
			return &s->contacts[i];
	return NULL;
}

/* S's heading path joined by " > ". */
static char *
path_of(const factsheet_section_t *s)
{
	strbuf_t b = { 0 };

	for (size_t i = 0; s != NULL && i < s->n_path; i++)
		strbuf_printf(&b, "%s%s", i ? " > " : "", s->path[i]);
	return strbuf_finish(&b);
}

#define HEADING(s) ((s) ? (s)->heading : NULL)
#define ANCHOR(s) ((s) ? (s)->anchor : NULL)
#define TEXT(s) ((s) ? (s)->text : NULL)
#define LINE(s) ((s) ? (s)->line : 0)
#define LABEL(c) ((c) ? (c)->label : NULL)

static void
is_path(const factsheet_section_t *s, const char *want, const char *what)
{
	char *path = path_of(s);

	is_str(path, want, "%s: path", what);
	free(path);
}

/* HTML ------------------------------------------------------------- */

static void
test_npi_faq(void)
{
	factsheet_publication_t *pub = read_fixture(NPI_FAQ);
	const factsheet_section_t *s;
	const factsheet_contact_t *c;
	char *all;

	ok(pub != NULL, "the NPI FAQ page parses");
	if (pub == NULL)
		return;
	is_str(pub->format, "html", "NPI FAQ: format");
	is_str(pub->title,
	    "National Provider Identifier (NPI) Frequently Asked Questions",
	    "NPI FAQ: title from <title>");
	ok(pub->warning == NULL, "NPI FAQ: no warning, headings give "
	    "structure");
	is_int(pub->n_sections, 7, "NPI FAQ: 7 sections");
	is_int(count_kind(pub, FACTSHEET_SECTION_TEXT), 5,
	    "NPI FAQ: the introduction and 4 questions");
	is_int(count_kind(pub, FACTSHEET_SECTION_RESOURCE), 2,
	    "NPI FAQ: 2 rows of the contact table");

	s = &pub->sections[0];
	is_str(HEADING(s), "NPI Frequently Asked Questions",
	    "first section: the h1 and its introduction");
	is_int(s->n_path, 0, "the h1 has no path above it");
	ok(contains(TEXT(s), "applying for, updating and using your National "
	    "Provider Identifier (NPI)."), "introduction: white space "
	    "squeezed");
	is_str(ANCHOR(s), "npi-frequently-asked-questions",
	    "an h1 without id: the slug as anchor");

	s = section_headed(pub, "What is an NPI?");
	ok(s != NULL, "question 'What is an NPI?' is a section");
	is_str(ANCHOR(s), "what-is-an-npi", "question anchor: its h2 id");
	is_path(s, "NPI Frequently Asked Questions", "question");
	ok(contains(TEXT(s), "Centers for Medicare & Medicaid Services "
	    "(CMS)."), "entities decoded (&amp;)");
	is_int(LINE(s), fixture_line(NPI_FAQ, "<h2 id=\"what-is-an-npi\""),
	    "question: line of its h2");

	s = section_headed(pub, "How do I apply for an NPI?");
	is_str(ANCHOR(s), "how-to-apply", "second question: its id");
	ok(contains(TEXT(s), "Enumeration System (NPPES "
	    "https://nppes.cms.hhs.gov), or mail"), "a link in a paragraph: "
	    "text then URL");
	ok(contains(TEXT(s), "\n- Online applications take about 20 "
	    "minutes.\n- Paper applications take up to 20 business days."),
	    "list items on lines of their own");
	ok(contact(s, FACTSHEET_CONTACT_LINK, "https://nppes.cms.hhs.gov") !=
	    NULL, "the NPPES link is a contact");

	s = section_headed(pub, "I forgot my NPI. Who should I call?");
	ok(s != NULL, "question 'I forgot my NPI' is a section");
	is_str(ANCHOR(s), "forgot-npi", "its anchor");
	ok(contact(s, FACTSHEET_CONTACT_PHONE, "1-800-465-3203") != NULL,
	    "inline phone: 'the Enumerator at 1-800-465-3203'");
	ok(contact(s, FACTSHEET_CONTACT_TTY, "1-800-692-2326") != NULL,
	    "inline TTY: 'or TTY 1-800-692-2326'");
	ok(contact(s, FACTSHEET_CONTACT_PHONE, "1-800-692-2326") == NULL,
	    "the TTY number is not also a phone");
	ok(contact(s, FACTSHEET_CONTACT_EMAIL,
	    "customerservice@npienumerator.com") != NULL,
	    "a mailto: link is an email contact");
	ok(!contains(TEXT(s), "mailto:"), "no mailto: in the text");
	ok(!contains(TEXT(s), "customerservice@npienumerator.com "
	    "customerservice@npienumerator.com"),
	    "a link whose text is its address is not doubled");

	s = section_headed(pub, "My NPPES password expired. How do I reset "
	    "it?");
	ok(contains(TEXT(s), "Select " LDQUO "Forgot Password" RDQUO " on "
	    "the NPPES sign-in page"), "&ldquo; &rdquo; decoded");

	s = section_headed(pub, "NPI Enumerator");
	ok(s != NULL && s->kind == FACTSHEET_SECTION_RESOURCE,
	    "table row 'NPI Enumerator' is a resource");
	is_path(s, "NPI Frequently Asked Questions > Who to contact",
	    "table row");
	is_str(ANCHOR(s), "contacts", "the first row links to the table's "
	    "heading");
	ok(contact(s, FACTSHEET_CONTACT_PHONE, "1-800-465-3203") != NULL,
	    "row: Phone: line in a cell");
	ok(contact(s, FACTSHEET_CONTACT_TTY, "1-800-692-2326") != NULL,
	    "row: TTY: line in a cell");
	c = contact(s, FACTSHEET_CONTACT_LINK,
	    "https://nppes.cms.hhs.gov/webhelp/nppeshelp/HEADER.html");
	is_str(LABEL(c), "NPPES Help", "row: a link labelled by its text");
	is_int(LINE(s), fixture_line(NPI_FAQ, "<td>NPI Enumerator") - 1,
	    "row: line of its <tr>");

	s = section_headed(pub, "CMS External User Services (EUS) Help Desk");
	c = contact(s, FACTSHEET_CONTACT_LINK, "https://eus.custhelp.com");
	is_str(LABEL(c), "EUS website", "second row: its link's label");
	ok(contact(s, FACTSHEET_CONTACT_PHONE, "1-866-484-8049") != NULL,
	    "second row: its phone");
	ok(section_headed(pub, "Help desk") == NULL,
	    "the header row is no section");

	all = all_text(pub);
	ok(all && !contains(all, "analytics") && !contains(all, "color"),
	    "script and style are left out");
	ok(all && !contains(all, "Medicaid Services\nMedicare") &&
	    !contains(all, "CMS.gov"), "site header and nav are left out");
	ok(all && !contains(all, "Security Boulevard"),
	    "the footer is left out");
	ok(all && !contains(all, "Medicare Learning Network"),
	    "the aside is left out");
	free(all);
	factsheet_publication_free(pub);
}

static void
test_enrollment_guide(void)
{
	factsheet_publication_t *pub = read_fixture(GUIDE_HTML);
	const factsheet_section_t *s;
	const char *h1 = "Medicare Enrollment for Physicians and Other Part B "
	    "Suppliers";
	char *want;

	ok(pub != NULL, "the HTML enrollment guide parses");
	if (pub == NULL)
		return;
	is_str(pub->title, h1, "guide: title");
	ok(pub->warning == NULL, "guide: no warning");
	is_int(pub->n_sections, 9, "guide: 9 sections");
	is_int(count_kind(pub, FACTSHEET_SECTION_PROBLEM), 1,
	    "guide: one Problem block");

	s = &pub->sections[0];
	is_str(HEADING(s), h1, "an article's <header> keeps its h1");
	ok(contains(TEXT(s), "enroll in Medicare through PECOS."),
	    "the h1's text");

	s = section_headed(pub, "Before you apply");
	is_str(ANCHOR(s), "before-you-apply", "h2: the id of the <section> "
	    "it starts");
	is_path(s, h1, "h2");

	s = section_headed(pub, "Get an NPI");
	is_str(ANCHOR(s), "get-an-npi", "h3: the id of its nested <section>");
	want = str_printf("%s > Before you apply", h1);
	is_path(s, want, "h3 under h2 under h1");
	is_int(LINE(s), fixture_line(GUIDE_HTML, "<h3>Get an NPI"),
	    "h3: its line");

	s = section_headed(pub, "Set up an I&A account");
	is_str(ANCHOR(s), "identity-and-access", "h3: the id of the <div> it "
	    "starts");
	is_path(s, want, "second h3");
	free(want);

	s = section_headed(pub, "Apply in PECOS");
	is_str(ANCHOR(s), "apply-in-pecos", "second h2: its section's id");
	ok(contains(TEXT(s), "choose " LDQUO "My Enrollments" RDQUO "."),
	    "UTF-8 read as UTF-8 whatever <meta charset> says");

	s = section_headed(pub, "You cannot sign in to PECOS");
	ok(s != NULL && s->kind == FACTSHEET_SECTION_PROBLEM,
	    "a 'Problem:' h3 starts a Problem block");
	is_str(ANCHOR(s), "pecos-sign-in", "the problem: the <a name> "
	    "before its heading");
	is_str(s ? s->solution_heading : NULL,
	    "Reset your password in the I&A System",
	    "a 'Solution:' h4 is its solution");
	ok(s && contains(s->solution_text, "contact the EUS Help Desk."),
	    "solution text");
	ok(contact(s, FACTSHEET_CONTACT_PHONE, "1-866-484-8049") != NULL,
	    "problem: 'Phone: ... (TTY ...)' gives the phone");
	ok(contact(s, FACTSHEET_CONTACT_TTY, "1-866-523-4759") != NULL,
	    "and the TTY");
	ok(contact(s, FACTSHEET_CONTACT_EMAIL, "EUSsupport@cgi.com") != NULL,
	    "problem: an Email: line after a <br>");
	ok(s && !contains(s->solution_text, "Phone:"),
	    "contact lines are contacts, not solution text");

	s = section_headed(pub, "Is there a fee to enroll?");
	ok(s != NULL, "a <dt> question is a section");
	is_str(ANCHOR(s), "fee", "the <dt> id");
	want = str_printf("%s > Common questions", h1);
	is_path(s, want, "a <dt> question sits one level below the h2");
	ok(contains(TEXT(s), "physicians and non-physician practitioners do "
	    "not."), "its <dd> answer");

	s = section_headed(pub, "How long does processing take?");
	is_str(ANCHOR(s), "how-long-does-processing-take",
	    "a <dt> without id: the slug");
	ok(contains(TEXT(s), "Live Chat: Choose " LDQUO "Live Chat" RDQUO),
	    "a term that is no question stays text: 'term: definition'");
	ok(s && s->n_contacts == 1 && s->contacts[0].kind ==
	    FACTSHEET_CONTACT_CHAT, "and a Live Chat term is a chat contact");

	s = section_headed(pub, "When do I revalidate?");
	is_str(ANCHOR(s), "revalidation", "a <summary> question: the id of "
	    "its <details>");
	is_path(s, want, "a <summary> question");
	ok(contains(TEXT(s), "Every five years"), "its answer");
	free(want);
	factsheet_publication_free(pub);
}

/* Markdown ----------------------------------------------------------- */

static void
test_markdown_guide(void)
{
	factsheet_publication_t *pub = read_fixture(GUIDE_MD);
	const factsheet_section_t *s;
	const factsheet_contact_t *c;
	const char *h1 = "Internet-based PECOS Guide";
	char *all, *want;

	ok(pub != NULL, "the Markdown guide parses");
	if (pub == NULL)
		return;
	is_str(pub->format, "markdown", "Markdown guide: format");
	is_str(pub->title, "Internet-based PECOS: A Guide for Physicians",
	    "the front matter's title");
	ok(pub->warning == NULL, "Markdown guide: no warning");
	is_int(pub->n_sections, 6, "Markdown guide: 6 sections");
	is_int(count_kind(pub, FACTSHEET_SECTION_TEXT), 6,
	    "all of them text");

	s = &pub->sections[0];
	is_str(HEADING(s), h1, "first section: the h1");
	is_int(LINE(s), fixture_line(GUIDE_MD, "# Internet-based"),
	    "h1: its line, counting the front matter");
	ok(contains(TEXT(s), "through Internet-based PECOS, the Provider "
	    "Enrollment, Chain and Ownership System."),
	    "lines joined by spaces, ** stripped");
	c = contact(s, FACTSHEET_CONTACT_LINK, "https://www.cms.gov/medicare/"
	    "enrollment-renewal/providers-suppliers/pecos-faqs");
	ok(c != NULL && contains(c->label, "PECOS FAQs"),
	    "a [label](url) link: found with its label");
	ok(contains(TEXT(s), "See the PECOS FAQs https://www.cms.gov/"),
	    "a link as 'label url'");

	s = section_headed(pub, "1. Getting started");
	ok(s != NULL, "'## 1. Getting started' is a section");
	is_path(s, h1, "numbered topic");
	is_str(ANCHOR(s), "1-getting-started", "numbered topic: its slug");
	ok(contains(TEXT(s), "Before you begin, you need:\n\n- an NPI from "
	    "NPPES;\n- an I&A user ID and password;\n- your practice location "
	    "and licensure details."), "- and * items as '- item' lines, _ "
	    "stripped");

	s = section_headed(pub, "2. Signing in");
	c = contact(s, FACTSHEET_CONTACT_LINK, "https://pecos.cms.hhs.gov");
	ok(c != NULL, "an <https://...> autolink is a contact");
	ok(contains(TEXT(s), "with your I&A user ID. If your password "
	    "expired, select Forgot Password and"), "* stripped, lines "
	    "joined");

	s = section_headed(pub, "2.1 Locked accounts");
	is_str(ANCHOR(s), "locked", "'{#locked}' is the anchor");
	want = str_printf("%s > 2. Signing in", h1);
	is_path(s, want, "### under ## under #");
	free(want);
	is_int(LINE(s), fixture_line(GUIDE_MD, "### 2.1"), "### line");

	s = section_headed(pub, "3. Submitting your application");
	ok(s != NULL, "closing #s are stripped from the heading");
	ok(contains(TEXT(s), "1. Review the application.\n2. Sign it "
	    "electronically.\n3. Upload supporting documents (CMS-855I, "
	    "contact_list.pdf)."), "numbered items on lines, ` stripped, "
	    "contact_list kept");
	ok(contains(TEXT(s), "# Not a heading: the tracking number format\n"
	    "Tracking ID: 20240101-000123"), "fenced code kept as text");
	ok(section_headed(pub, "Not a heading: the tracking number format") ==
	    NULL, "a # line in code is no heading");

	s = section_headed(pub, "Getting help");
	ok(s != NULL, "a setext (---) heading");
	is_path(s, h1, "setext h2 under the h1");
	is_int(LINE(s), fixture_line(GUIDE_MD, "Getting help"),
	    "setext heading: the line of its text");
	ok(contact(s, FACTSHEET_CONTACT_PHONE, "1-866-484-8049") != NULL,
	    "inline phone across a line break");
	ok(contact(s, FACTSHEET_CONTACT_TTY, "1-866-523-4759") != NULL,
	    "inline TTY");

	all = all_text(pub);
	ok(all && !contains(all, "Converted from"), "HTML comments skipped");
	ok(all && !contains(all, "MLN6958831"), "front matter not indexed");
	ok(all && !contains(all, "**") && !contains(all, "`"),
	    "no emphasis markers left");
	free(all);
	factsheet_publication_free(pub);
}

static void
test_markdown_factsheet(void)
{
	factsheet_publication_t *pub = read_fixture(CONTACTS_MD);
	const factsheet_section_t *s;
	const factsheet_contact_t *c;
	const char *h1 = "PECOS Technical Assistance Contact Information";
	char *want;

	ok(pub != NULL, "the Markdown fact sheet parses");
	if (pub == NULL)
		return;
	is_str(pub->title, h1, "the first h1 is the title");
	ok(pub->warning == NULL, "fact sheet: no warning");
	/* The table's header row is kept as a line of text of "Resources"
	 * (builder_table_header), so that a table of a header alone still
	 * has its words: a section more than the scanner gave. */
	is_int(pub->n_sections, 7, "fact sheet: 7 sections");
	is_int(count_kind(pub, FACTSHEET_SECTION_PROBLEM), 2,
	    "2 Problem blocks");
	is_int(count_kind(pub, FACTSHEET_SECTION_RESOURCE), 3,
	    "3 rows of the pipe table");

	s = section_headed(pub, "Navigating/Accessing PECOS Website");
	ok(s && s->kind == FACTSHEET_SECTION_PROBLEM,
	    "'## Problem: ...' is a problem");
	is_path(s, h1, "problem");
	is_str(ANCHOR(s), "navigating-accessing-pecos-website",
	    "problem: its slug as anchor, not the h1's");
	is_int(LINE(s), fixture_line(CONTACTS_MD, "## Problem: Navigating"),
	    "problem: its line");
	is_str(s ? s->solution_heading : NULL,
	    "Contact CMS External User Services (EUS) Help Desk",
	    "'**Solution:** ...' is its solution");
	ok(s && contains(s->solution_text, "support history on the EUS "
	    "website https://eus.custhelp.com."), "solution text with its "
	    "link");
	ok(contact(s, FACTSHEET_CONTACT_WEBSITE, "https://eus.custhelp.com")
	    != NULL, "'- Website: <url>' item is a website");
	ok(contact(s, FACTSHEET_CONTACT_PHONE, "1-866-484-8049") != NULL,
	    "'- Phone: ... (TTY ...)' gives the phone");
	ok(contact(s, FACTSHEET_CONTACT_TTY, "1-866-523-4759") != NULL,
	    "and the TTY");
	ok(contact(s, FACTSHEET_CONTACT_EMAIL, "EUSsupport@cgi.com") != NULL,
	    "'- Email: <address>' is an email");
	ok(s && !contains(s->solution_text, "Phone:") &&
	    !contains(s->text, "Phone:"), "contact lines are contacts");

	s = section_headed(pub, "Accessing the PECOS System");
	is_str(s ? s->solution_heading : NULL,
	    "Access I&A System or Contact I&A System Help",
	    "a plain 'Solution: ...' paragraph");
	ok(s && contains(s->text, "NOTE: Passwords expire every 60 days."),
	    "problem description");
	ok(s && contains(s->solution_text, "recover forgotten login "
	    "information."), "solution text");
	ok(s && !contains(s->solution_text, "TTY"), "Phone:/TTY: lines of "
	    "the same paragraph are kept apart as contacts");
	ok(contact(s, FACTSHEET_CONTACT_TTY, "1-866-523-4759") != NULL,
	    "the TTY: line");

	want = str_printf("%s > Resources", h1);
	s = section_headed(pub, "Medicare Enrollment for Providers");
	ok(s && s->kind == FACTSHEET_SECTION_RESOURCE, "a table row is a "
	    "resource, named by its first cell");
	is_path(s, want, "row");
	is_int(LINE(s), fixture_line(CONTACTS_MD, "| Medicare Enrollment"),
	    "row: its line");
	c = contact(s, FACTSHEET_CONTACT_LINK, "https://www.cms.gov/medicare/"
	    "enrollment-renewal/providers-suppliers");
	is_str(LABEL(c), "Enrollment page", "row: the link's label");

	s = section_headed(pub, "I&A Quick Reference Guide");
	ok(s != NULL, "emphasis stripped from a row's name");
	c = contact(s, FACTSHEET_CONTACT_LINK, "https://nppes.cms.hhs.gov/"
	    "IAWebContent/Quick_Reference_Guide.pdf");
	is_str(LABEL(c), "I&A Quick Reference Guide",
	    "a bare link is labelled by the row's name");

	s = section_headed(pub, "PECOS");
	c = contact(s, FACTSHEET_CONTACT_LINK, "https://pecos.cms.hhs.gov");
	is_str(LABEL(c), "PECOS", "a link in the name cell is kept");
	ok(contains(TEXT(s), "user ID | password"), "an escaped \\| is text");
	ok(section_headed(pub, "Resource") == NULL, "the header row is no "
	    "section");
	s = section_headed(pub, "Resources");
	ok(s && s->kind == FACTSHEET_SECTION_TEXT &&
	    contains(TEXT(s), "Resource | Where to find it"), "but its words "
	    "are the text of the heading above: %s", TEXT(s) ? TEXT(s) :
	    "(none)");
	free(want);
	factsheet_publication_free(pub);
}

/* Small inputs -------------------------------------------------------- */

static void
test_unstructured(void)
{
	factsheet_publication_t *pub;

	pub = parse("notes.md", "Call 1-800-633-4227 for help.\n\n"
	    "Or write to us.\n");
	ok(pub != NULL, "plain Markdown parses");
	is_str(pub ? pub->title : NULL, "notes", "no h1: the file's name");
	is_int(pub ? pub->n_sections : 0, 1, "its paragraphs: one section");
	is_str(pub ? pub->warning : NULL, "notes.md: no headings, "
	    "Problem/Solution blocks or tables found; indexed as 1 plain "
	    "section", "Markdown without structure: a warning");
	ok(pub && contact(&pub->sections[0], FACTSHEET_CONTACT_PHONE,
	    "1-800-633-4227") != NULL, "its contacts still found");
	factsheet_publication_free(pub);

	pub = parse("page.html", "<html><body><div>Some words\n  here.</div>"
	    "<p>More words.</p></body></html>");
	ok(pub != NULL, "plain HTML parses");
	is_str(pub ? pub->title : NULL, "page", "no title: the file's name");
	is_str(pub ? pub->warning : NULL, "page.html: no headings, "
	    "Problem/Solution blocks or tables found; indexed as 1 plain "
	    "section", "HTML without structure: a warning");
	is_str(pub ? TEXT(&pub->sections[0]) : NULL,
	    "Some words here.\n\nMore words.", "text outside <p> is kept");
	factsheet_publication_free(pub);

	pub = parse("t.md", "Intro.\n\n| a | b |\n|---|---|\n| x | y |\n");
	ok(pub != NULL && pub->warning == NULL, "a table alone is structure");
	factsheet_publication_free(pub);

	pub = parse("p.html", "<p><strong>Problem:</strong> Cannot log in</p>"
	    "<p><strong>Solution:</strong> Reset your password</p>"
	    "<p>Phone: 1-866-484-8049</p>");
	ok(pub != NULL && pub->warning == NULL, "a Problem block alone is "
	    "structure");
	ok(pub && pub->n_sections == 1 && pub->sections[0].kind ==
	    FACTSHEET_SECTION_PROBLEM, "<p><strong>Problem:</strong> starts "
	    "a problem");
	is_str(pub ? pub->sections[0].solution_heading : NULL,
	    "Reset your password", "and <strong>Solution:</strong> its "
	    "solution");
	factsheet_publication_free(pub);
}

static void
test_bad_input(void)
{
	static const struct {
		const char *source, *bytes;
	} cases[] = {
		{ "empty-body.html", "<html><head><title>T</title></head>"
		    "<body>  \n </body></html>" },
		{ "only-script.html", "<html><body><script>x()</script>"
		    "<nav>Menu</nav></body></html>" },
		{ "comments.md", "# \n\n<!-- nothing\nhere -->\n" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		factsheet_publication_t *pub = (factsheet_publication_t *)&pub;
		char *msg = NULL;
		factsheet_status_t st;

		st = factsheet_publication_parse(cases[i].source,
		    cases[i].bytes, strlen(cases[i].bytes), &pub, &msg);
		is_int(st, FACTSHEET_STATUS_BAD_INPUT, "%s: bad input",
		    cases[i].source);
		ok(pub == NULL, "%s: no publication", cases[i].source);
		ok(contains(msg, cases[i].source), "%s: the message names "
		    "it: %s", cases[i].source, msg ? msg : "(null)");
		free(msg);
	}
}

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
	ok(sorted != NULL && same == 0, "20,000 answers: no slug twice");
	free(sorted);
	is_str(pub && pub->n_sections > 0 ?
	    pub->sections[pub->n_sections - 1].slug : NULL, "answer-20000",
	    "20,000 answers: the last is answer-20000");
	factsheet_publication_free(pub);
}

static void
test_dispatch(void)
{
	char *path = source_path(NPI_FAQ), *bytes;
	factsheet_publication_t *pub;
	size_t len = 0;

	bytes = slurp(path, &len);
	pub = bytes ? parse("faq-page.txt", bytes) : NULL;
	ok(pub != NULL, "an HTML page named .txt parses");
	is_str(pub ? pub->format : NULL, "html", "it is read as HTML");
	is_int(pub ? pub->n_sections : 0, 7, "with the same 7 sections");
	factsheet_publication_free(pub);
	free(bytes);
	free(path);

	pub = parse("topics.txt", "## Topic one\n\nSome *text*.\n");
	is_str(pub ? pub->format : NULL, "markdown",
	    "'## ' headings in a .txt: Markdown");
	is_str(pub ? HEADING(&pub->sections[0]) : NULL, "Topic one",
	    "and its heading read as one");
	factsheet_publication_free(pub);

	pub = parse("x.md", "Title\n=====\n\nText.\n");
	is_str(pub ? pub->title : NULL, "Title", "a setext h1 is the title");
	factsheet_publication_free(pub);

	/* A leading comment says nothing of the format. */
	pub = parse("notes.txt", "<!-- generated; do not edit -->\n"
	    "<!--\n  two -->\n# Enrollment notes\n\n## Topic one\n\n"
	    "Some text.\n");
	is_str(pub ? pub->format : NULL, "markdown",
	    "comments, then '# ' headings: Markdown");
	is_str(pub ? pub->title : NULL, "Enrollment notes",
	    "its title is the first heading");
	ok(pub != NULL && !section_mentions(pub, "generated"),
	    "and the comments are no text of it");
	factsheet_publication_free(pub);

	pub = parse("page.txt", "<!-- saved page -->\n<html><body>"
	    "<h1>Title</h1><p>Words.</p></body></html>\n");
	is_str(pub ? pub->format : NULL, "html",
	    "a comment, then <html>: HTML");
	factsheet_publication_free(pub);

	pub = parse("bare.txt", "<!-- a note -->\nPlain words follow.\n");
	is_str(pub ? pub->format : NULL, "html",
	    "a comment, then no Markdown: HTML, as it opens like a page");
	factsheet_publication_free(pub);
}

static void
test_markdown_details(void)
{
	factsheet_publication_t *pub;
	const factsheet_section_t *s;

	pub = parse("d.md", "# Heading with `code` and [a link](/x) #\n\n"
	    "Files: snake_case_name, 2 * 3 = 6, ~5 days, ~~old~~ new.\n"
	    "A \\*literal\\* star, <b>bold</b> tag and <!-- hidden --> text."
	    "\n\nMail <mailto:help@cms.hhs.gov> or [us](mailto:a@cms.gov).\n"
	    "\n> Quoted line\n> continues.\n\n***\n\n"
	    "1) first\n   continued\n2) second\n");
	s = pub ? &pub->sections[0] : NULL;
	is_str(HEADING(s), "Heading with code and a link",
	    "heading: markup, relative link and closing # gone");
	ok(contains(TEXT(s), "Files: snake_case_name, 2 * 3 = 6, ~5 days, old "
	    "new."), "intraword _, lone *, single ~ kept; ~~ stripped");
	ok(contains(TEXT(s), "A *literal* star, bold tag and text."),
	    "escapes, inline tags, inline comments");
	ok(contact(s, FACTSHEET_CONTACT_EMAIL, "help@cms.hhs.gov") != NULL,
	    "a <mailto:> autolink");
	ok(contact(s, FACTSHEET_CONTACT_EMAIL, "a@cms.gov") != NULL,
	    "a [label](mailto:) link");
	ok(contains(TEXT(s), "\n\nQuoted line continues.\n\n"),
	    "block quotes are text");
	ok(contains(TEXT(s), "1. first continued\n2. second"),
	    "1) items, continuation lines joined");
	factsheet_publication_free(pub);

	/* cmark-gfm decodes entities as CommonMark says: &#0; is U+FFFD
	 * (the scanner kept it as written). */
	pub = parse("f.md", "AT&amp;T &ldquo;Quick&rdquo; &#8212; &#x2122; "
	    "&bogus; & &#0; &#xZZ;\n");
	is_str(pub ? TEXT(&pub->sections[0]) : NULL, "AT&T " LDQUO "Quick"
	    RDQUO " \xe2\x80\x94 \xe2\x84\xa2 &bogus; & \xef\xbf\xbd "
	    "&#xZZ;", "entities decoded, others kept as written");
	factsheet_publication_free(pub);

	/* Issue 15: a sentence over "---" is a paragraph, then a page
	 * break (the scanner made it a setext heading). */
	pub = parse("g.md", "---\nA paragraph between rules.\n---\n\nMore.\n");
	is_str(pub ? TEXT(&pub->sections[0]) : NULL,
	    "A paragraph between rules.\n\nMore.", "a rule over a paragraph "
	    "is no front matter, and a sentence over a rule no heading");
	factsheet_publication_free(pub);

	pub = parse("e.md", "Intro\n\n```\nunclosed fence\n# no heading");
	ok(pub && pub->n_sections == 1 && contains(TEXT(&pub->sections[0]),
	    "unclosed fence\n# no heading"), "an unclosed fence runs to the "
	    "end");
	factsheet_publication_free(pub);
}

static void
test_html_details(void)
{
	factsheet_publication_t *pub;
	const factsheet_section_t *s;
	strbuf_t deep = { 0 };

	pub = parse("faq.html", "<h1>FAQ</h1>\n"
	    "<p><strong>Who do I call about my application?</strong></p>\n"
	    "<p>Call 1-866-484-8049.</p>\n"
	    "<a id=\"q2\"></a>\n<h2>Second</h2><p>Two.</p>\n"
	    "<h2><a name=\"q3\"></a>Third</h2><p>Three.</p>\n"
	    "<table><tr><td>Layout cell with <a href=\"https://x.gov\">link"
	    "</a></td></tr></table>\n"
	    "<ol><li>One<ul><li>nested</li></ul></li><li>Two</li></ol>\n"
	    "<pre>line one\n  line two</pre>\n"
	    "<p>Tel <a href=\"tel:+18004653203\">call us</a>, "
	    "<img alt=\"CMS logo\" src=\"l.png\">, "
	    "<span hidden>secret</span><a href=\"/relative\">rel</a>.</p>");
	ok(pub != NULL, "a fragment parses");
	is_str(pub ? pub->title : NULL, "FAQ", "no <title>: the first h1");
	s = section_headed(pub, "FAQ");
	ok(contains(TEXT(s), "Who do I call about my application?\n\nCall "
	    "1-866-484-8049."), "a <p><strong>Q?</strong></p> FAQ stays "
	    "paragraphs");
	is_str(ANCHOR(section_headed(pub, "Second")), "q2",
	    "an empty <a id> before a heading");
	is_str(ANCHOR(section_headed(pub, "Third")), "q3",
	    "an <a name> inside a heading");
	s = section_headed(pub, "Third");
	ok(contains(TEXT(s), "Layout cell with link https://x.gov"),
	    "a one-column table is text, not rows");
	ok(count_kind(pub, FACTSHEET_SECTION_RESOURCE) == 0,
	    "and gives no resources");
	ok(contains(TEXT(s), "1. One\n- nested\n2. Two"),
	    "ordered and nested lists");
	ok(contains(TEXT(s), "line one\nline two"), "<pre> keeps its lines");
	ok(contains(TEXT(s), "Tel call us +18004653203, CMS logo, rel."),
	    "tel: numbers, image alt text, hidden and relative links");
	factsheet_publication_free(pub);

	pub = parse("lines.html", "<html>\n<body>\n<div>\n\n  Loose text "
	    "on line five,\n  going on.\n</div>\n<p>\nOn eight.</p>\n");
	s = pub ? &pub->sections[0] : NULL;
	is_int(LINE(s), 5, "loose text: the line of its first word");
	is_str(TEXT(s), "Loose text on line five, going on.\n\nOn eight.",
	    "loose text, then a paragraph");
	factsheet_publication_free(pub);

	pub = parse("layout.html", "<table><tr><td>Menu</td><td>"
	    "<h2 id=\"q\">What&nbsp;is&nbsp;PECOS?</h2><p>An&nbsp;online "
	    "system.</p></td></tr></table>");
	s = section_headed(pub, "What is PECOS?");
	ok(s != NULL, "a table holding headings lays out a page: its "
	    "headings are headings; &nbsp; is a space");
	is_str(TEXT(s), "An online system.", "and its text is text");
	ok(pub && count_kind(pub, FACTSHEET_SECTION_RESOURCE) == 0,
	    "not rows");
	factsheet_publication_free(pub);

	/* Nesting deeper than any page: cut, not a crash. */
	for (int i = 0; i < 5000; i++)
		strbuf_puts(&deep, "<div>");
	strbuf_puts(&deep, "deep text");
	if (deep.data != NULL) {
		char *msg = NULL;
		factsheet_status_t st;

		pub = NULL;
		st = factsheet_publication_parse("deep.html", deep.data,
		    deep.len, &pub, &msg);
		ok(st == FACTSHEET_STATUS_SUCCESS ||
		    st == FACTSHEET_STATUS_BAD_INPUT,
		    "5000 nested <div>s: a status, not a crash");
		factsheet_publication_free(pub);
		free(msg);
	}
	free(strbuf_finish(&deep));
}

/* libxml2's HTML parser gives element and attribute names in lower
 * case, which the reader relies on: upper-case markup reads the same. */
static void
test_html_upper_case(void)
{
	static const char lower[] = "<html><body><h1 id=\"top\">FAQ</h1>"
	    "<p>Call <a href=\"tel:+18004653203\">us</a>.<span hidden>concealed"
	    "</span></p><h2>Links</h2><table><tr><th>Resource</th>"
	    "<th>Website</th></tr><tr><td>PECOS</td><td><a href=\"https://"
	    "pecos.cms.hhs.gov\">log in</a></td></tr></table>"
	    "<dl><dt>Term</dt><dd>Meaning</dd></dl><script>scripted</script>"
	    "</body></html>";
	static const char upper[] = "<HTML><BODY><H1 ID=\"top\">FAQ</H1>"
	    "<P>Call <A HREF=\"tel:+18004653203\">us</A>.<SPAN HIDDEN>concealed"
	    "</SPAN></P><H2>Links</H2><TABLE><TR><TH>Resource</TH>"
	    "<TH>Website</TH></TR><TR><TD>PECOS</TD><TD><A HREF=\"https://"
	    "pecos.cms.hhs.gov\">log in</A></TD></TR></TABLE>"
	    "<DL><DT>Term</DT><DD>Meaning</DD></DL><SCRIPT>scripted</SCRIPT>"
	    "</BODY></HTML>";
	factsheet_publication_t *a = parse("lower.html", lower);
	factsheet_publication_t *b = parse("upper.html", upper);
	size_t same = 0, n = a ? a->n_sections : 0;

	ok(n >= 3, "lower-case HTML: sections (%zu)", n);
	is_int(b ? b->n_sections : 0, n, "upper-case HTML: as many");
	for (size_t i = 0; b != NULL && i < n && i < b->n_sections; i++) {
		const factsheet_section_t *x = &a->sections[i];
		const factsheet_section_t *y = &b->sections[i];

		int contacts = x->n_contacts == y->n_contacts;

		for (size_t j = 0; contacts && j < x->n_contacts; j++)
			contacts = x->contacts[j].kind == y->contacts[j].kind &&
			    strcmp(x->contacts[j].value,
			    y->contacts[j].value) == 0;
		same += x->kind == y->kind && contacts &&
		    strcmp(x->heading, y->heading) == 0 &&
		    strcmp(x->text, y->text) == 0 &&
		    (x->anchor == NULL) == (y->anchor == NULL) &&
		    (x->anchor == NULL || strcmp(x->anchor, y->anchor) == 0);
	}
	is_int(same, n, "upper-case HTML: the same sections, texts, anchors "
	    "and contacts");
	ok(a && b && count_kind(a, FACTSHEET_SECTION_RESOURCE) == 1 &&
	    count_kind(b, FACTSHEET_SECTION_RESOURCE) == 1 &&
	    !section_mentions(b, "scripted") &&
	    !section_mentions(b, "concealed"),
	    "the table row, no script, no hidden text");
	factsheet_publication_free(a);
	factsheet_publication_free(b);
}

/* End to end --------------------------------------------------------- */

static void
search_first(factsheet_db_t *db, const char *query, const char *heading,
	     const char *anchor)
{
	factsheet_results_t *r = NULL;
	const factsheet_hit_t *h = NULL;
	factsheet_status_t st;

	st = factsheet_db_search(db, query, NULL, &r);
	is_int(st, FACTSHEET_STATUS_SUCCESS, "search '%s'", query);
	if (r != NULL && factsheet_results_count(r) > 0)
		h = factsheet_results_hit(r, 0);
	is_str(h && h->section ? h->section->heading : NULL, heading,
	    "'%s': the question comes first", query);
	is_str(h && h->section ? h->section->anchor : NULL, anchor,
	    "'%s': with its anchor", query);
	is_str(h ? h->publication_format : NULL, "html",
	    "'%s': from an HTML publication", query);
	factsheet_results_free(r);
}

static void
test_search(void)
{
	factsheet_publication_t *pub = read_fixture(NPI_FAQ);
	char *path = str_printf("%s/db", tmpdir), *msg = NULL;
	factsheet_db_t *db = NULL;
	factsheet_status_t st;

	st = factsheet_db_open(path, FACTSHEET_DB_READ_WRITE, &db, &msg);
	is_int(st, FACTSHEET_STATUS_SUCCESS, "open a temporary database");
	if (db != NULL && pub != NULL) {
		is_int(factsheet_db_add_publication(db, pub),
		    FACTSHEET_STATUS_SUCCESS, "index the NPI FAQ page");
		is_int(factsheet_db_commit(db), FACTSHEET_STATUS_SUCCESS,
		    "commit");
		search_first(db, "forgot my NPI", "I forgot my NPI. Who should "
		    "I call?", "forgot-npi");
		search_first(db, "NPPES password expired reset",
		    "My NPPES password expired. How do I reset it?",
		    "password-expired");
	}
	factsheet_db_close(db);
	factsheet_publication_free(pub);
	free(msg);
	free(path);
}

int
main(void)
{
	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	test_npi_faq();
	test_enrollment_guide();
	test_markdown_guide();
	test_markdown_factsheet();
	test_unstructured();
	test_bad_input();
	test_dispatch();
	test_slug_collisions();
	test_many_repeated_headings();
	test_markdown_details();
	test_html_details();
	test_html_upper_case();
	test_search();
	remove_tree(tmpdir);
	return done_testing();
}
