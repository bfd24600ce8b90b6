/*
 * test-parse-html.c - the HTML reader (lib/parse-html.c) on the pages of
 * tests/fixtures/ (an NPI FAQ page, an enrollment guide with nested
 * sections, a .gov help page with its banner, navigation, breadcrumbs,
 * share links, accordion, who-to-call table and footers): titles,
 * sections, heading paths, anchors, Problem/Solution blocks, contacts,
 * line numbers, and every word of each page's <main> in some section;
 * then small pages in memory for collapsed content, navigation chrome,
 * tables and edge cases; a fragment read into another reader's builder;
 * pages without structure or with nothing to read.  (The round trip
 * through a database is test-search's.)
 */
#include <config.h>

#include <ctype.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "factsheet-private.h"
#include "tap.h"
#include "testlib.h"

#define NPI_FAQ "tests/fixtures/npi-faq.html"
#define GUIDE_HTML "tests/fixtures/enrollment-guide.html"
#define GOV_HELP "tests/fixtures/enrollment-help.html"

#define LDQUO "\xe2\x80\x9c"
#define RDQUO "\xe2\x80\x9d"

static char *tmpdir;

/* The headings of PUB's sections that WANT (NULL-terminated) lacks,
 * joined by " | ": "" when there are none. */
static char *
headings_not_in(const factsheet_publication_t *pub, const char *const *want)
{
	strbuf_t b = { 0 };

	strbuf_puts(&b, "");
	for (size_t i = 0; pub != NULL && i < pub->n_sections; i++) {
		const char *const *w;

		for (w = want; *w != NULL; w++)
			if (strcmp(*w, pub->sections[i].heading) == 0)
				break;
		if (*w == NULL)
			strbuf_printf(&b, "%s%s", b.len ? " | " : "",
			    pub->sections[i].heading);
	}
	return strbuf_finish(&b);
}

#define HEADING(s) ((s) ? (s)->heading : NULL)
#define ANCHOR(s) ((s) ? (s)->anchor : NULL)
#define TEXT(s) ((s) ? (s)->text : NULL)
#define LINE(s) ((s) ? (s)->line : 0)
#define LABEL(c) ((c) ? (c)->label : NULL)
#define LEVELS(s) ((s) ? (s)->n_path : 99)

static const char *const npi_headings[] = {
	"NPI Frequently Asked Questions", "What is an NPI?",
	"How do I apply for an NPI?", "I forgot my NPI. Who should I call?",
	"My NPPES password expired. How do I reset it?", "Who to contact",
	"NPI Enumerator", "CMS External User Services (EUS) Help Desk", NULL
};

/* HTML ------------------------------------------------------------- */

static void
test_npi_faq(void)
{
	factsheet_publication_t *pub = read_fixture(NPI_FAQ);
	const factsheet_section_t *s;
	const factsheet_contact_t *c;
	char *all, *extra;

	ok(pub != NULL, "the NPI FAQ page parses");
	if (pub == NULL)
		return;
	is_str(pub->format, "html", "NPI FAQ: format");
	is_str(pub->title,
	    "National Provider Identifier (NPI) Frequently Asked Questions",
	    "NPI FAQ: title from <title>");
	ok(pub->warning == NULL, "NPI FAQ: no warning, headings give "
	    "structure");
	/* The table's header row is the builder's to place (a line of the
	 * table heading's section, or labels of the rows' cells): what is
	 * checked is that no other section appears. */
	extra = headings_not_in(pub, npi_headings);
	is_str(extra, "", "NPI FAQ: the introduction, 4 questions, the "
	    "table's heading and 2 rows, no other section");
	free(extra);
	is_int(count_kind(pub, FACTSHEET_SECTION_TEXT) -
	    (section_headed(pub, "Who to contact") != NULL), 5,
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
	is_int(s ? (long)s->kind : -1, FACTSHEET_SECTION_RESOURCE,
	    "table row 'NPI Enumerator' is a resource");
	is_path(s, "NPI Frequently Asked Questions > Who to contact",
	    "table row");
	ok(section_anchored(pub, "contacts") != NULL, "the table's heading "
	    "keeps its id, on its own section or its first row's");
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
	ok(section_mentions(pub, "How to reach it"), "but its words are "
	    "kept");

	all = all_text(pub);
	unlike(all, "analytics",
	    "script and style are left out");
	unlike(all, "color",
	    "script and style are left out");
	unlike(all,
	    "Medicaid Services\nMedicare", "site header and nav are left out");
	unlike(all, "CMS.gov", "site header and nav are left out");
	unlike(all, "Security Boulevard",
	    "the footer is left out");
	ok(contains(TEXT(section_headed(pub, "My NPPES password expired. How "
	    "do I reset it?")), "Related: Medicare Learning Network\xc2\xae "
	    "articles"), "an <aside> inside <main> is content, under the "
	    "heading it follows");
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
	is_int(s ? (long)s->kind : -1, FACTSHEET_SECTION_PROBLEM,
	    "a 'Problem:' h3 starts a Problem block");
	is_str(ANCHOR(s), "pecos-sign-in", "the problem: the <a name> "
	    "before its heading");
	is_str(s ? s->solution_heading : NULL,
	    "Reset your password in the I&A System",
	    "a 'Solution:' h4 is its solution");
	like(s ? s->solution_text : NULL, "contact the EUS Help Desk.",
	    "solution text");
	ok(contact(s, FACTSHEET_CONTACT_PHONE, "1-866-484-8049") != NULL,
	    "problem: 'Phone: ... (TTY ...)' gives the phone");
	ok(contact(s, FACTSHEET_CONTACT_TTY, "1-866-523-4759") != NULL,
	    "and the TTY");
	ok(contact(s, FACTSHEET_CONTACT_EMAIL, "EUSsupport@cgi.com") != NULL,
	    "problem: an Email: line after a <br>");
	unlike(s ? s->solution_text : NULL, "Phone:",
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
	is_size(s ? s->n_contacts : 0, 1, "a Live Chat term gives a contact");
	is_int(s && s->n_contacts > 0 ? (long)s->contacts[0].kind : -1,
	    FACTSHEET_CONTACT_CHAT, "and it is a chat contact");

	s = section_headed(pub, "When do I revalidate?");
	is_str(ANCHOR(s), "revalidation", "a <summary> question: the id of "
	    "its <details>");
	is_path(s, want, "a <summary> question");
	ok(contains(TEXT(s), "Every five years"), "its answer");
	free(want);
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
	is_size(pub ? count_kind(pub, FACTSHEET_SECTION_RESOURCE) : 99, 0,
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
	is_size(a ? count_kind(a, FACTSHEET_SECTION_RESOURCE) : 0, 1,
	    "lower-case HTML: the table row");
	is_size(b ? count_kind(b, FACTSHEET_SECTION_RESOURCE) : 0, 1,
	    "upper-case HTML: the table row");
	is_int(b ? section_mentions(b, "scripted") : -1, 0,
	    "upper-case HTML: no script");
	is_int(b ? section_mentions(b, "concealed") : -1, 0,
	    "upper-case HTML: no hidden text");
	factsheet_publication_free(a);
	factsheet_publication_free(b);
}

/* Nothing lost ------------------------------------------------------- */

/* The words of S (runs of ASCII letters and digits, lower-cased), each
 * appended to OUT as " word". */
static void
add_words(strbuf_t *out, const char *s)
{
	while (*s != '\0') {
		if (!isalnum((unsigned char)*s)) {
			s++;
			continue;
		}
		strbuf_puts(out, " ");
		for (; isalnum((unsigned char)*s); s++) {
			char c = (char)tolower((unsigned char)*s);

			strbuf_append(out, &c, 1);
		}
	}
}

/*
 * The words of the text under N, read with libxml2 on its own rules, not
 * the reader's: everything but scripts, styles and the elements whose
 * class holds one of CHROME, which the test names for each page.
 */
static void
body_words(const xmlNode *n, const char *const *chrome, strbuf_t *out)
{
	for (; n != NULL; n = n->next) {
		xmlChar *class;
		int skip;

		if (n->type == XML_TEXT_NODE && n->content != NULL) {
			add_words(out, (const char *)n->content);
			continue;
		}
		if (n->type != XML_ELEMENT_NODE)
			continue;
		skip = strcmp((const char *)n->name, "script") == 0 ||
		    strcmp((const char *)n->name, "style") == 0;
		class = xmlGetProp(n, (const xmlChar *)"class");
		for (const char *const *c = chrome; !skip && class && *c; c++)
			skip = strstr((const char *)class, *c) != NULL;
		xmlFree(class);
		if (!skip)
			body_words(n->children, chrome, out);
	}
}

static const xmlNode *
element_named(const xmlNode *n, const char *name)
{
	const xmlNode *found;

	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)n->name, name) == 0)
			return n;
		if ((found = element_named(n->children, name)) != NULL)
			return found;
	}
	return NULL;
}

/*
 * Every word of the fixture's <main> (or <body>), less the chrome inside
 * it that CHROME names by class, is in some section of its publication:
 * its heading, path, text, solution or contacts.  MARKUP (" word ...
 * ") lists the words that are structure, not text: the labels of
 * Problem: and Solution: blocks.
 */
static void
nothing_lost(const char *relative, const char *const *chrome,
	     const char *markup)
{
	char *path = source_path(relative), *bytes, *have = NULL;
	factsheet_publication_t *pub = read_fixture(relative);
	strbuf_t want = { 0 }, got = { 0 }, missing = { 0 };
	size_t len = 0, n_words = 0;
	htmlDocPtr doc = NULL;
	const xmlNode *top;

	if ((bytes = slurp(path, &len)) != NULL)
		doc = htmlReadMemory(bytes, (int)len, NULL, "UTF-8",
		    HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
		    HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
	top = doc ? xmlDocGetRootElement(doc) : NULL;
	if (element_named(top, "main") != NULL)
		top = element_named(top, "main");
	else
		top = element_named(top, "body");
	if (top != NULL)
		body_words(top->children, chrome, &want);
	if (pub != NULL && (have = all_text(pub)) != NULL)
		add_words(&got, have);
	strbuf_puts(&got, " ");
	strbuf_puts(&want, " ");
	strbuf_puts(&missing, "");
	for (char *w = want.data; w != NULL && w[1] != '\0'; ) {
		char *end = strchr(w + 1, ' '), word[128];

		snprintf(word, sizeof word, "%.*s ", (int)(end - w), w);
		n_words++;
		if ((got.data == NULL || strstr(got.data, word) == NULL) &&
		    !contains(markup, word))
			strbuf_printf(&missing, "%s", word + 1);
		w = end;
	}
	ok(n_words > 50, "%s: the words of its body (%zu)", relative,
	    n_words);
	is_str(missing.data, "", "%s: every word of its body in a section",
	    relative);
	free(strbuf_finish(&missing));
	free(strbuf_finish(&want));
	free(strbuf_finish(&got));
	free(have);
	if (doc != NULL)
		xmlFreeDoc(doc);
	free(bytes);
	free(path);
	factsheet_publication_free(pub);
}

static void
test_nothing_lost(void)
{
	static const char *const npi_chrome[] = { NULL };
	static const char *const guide_chrome[] = { NULL };
	static const char *const gov_chrome[] = {
		"usa-breadcrumb", "social-share", "back-to-top", NULL
	};

	nothing_lost(NPI_FAQ, npi_chrome, "");
	nothing_lost(GUIDE_HTML, guide_chrome, " problem solution ");
	nothing_lost(GOV_HELP, gov_chrome, "");
}

/* A .gov help page ---------------------------------------------------- */

static void
test_gov_help_page(void)
{
	static const char *const headings[] = {
		"Get help with Medicare provider enrollment",
		"My PECOS account is locked. What do I do?",
		"How often must I revalidate my enrollment?",
		"Is there an application fee?", "Where do I get an NPI?",
		"Before you call", "Who to call",
		"PECOS user ID and password", "Application status",
		"NPI questions", NULL
	};
	factsheet_publication_t *pub = read_fixture(GOV_HELP);
	const char *h1 = "Get help with Medicare provider enrollment";
	const char *faq = "Get help with Medicare provider enrollment > "
	    "Common questions";
	const factsheet_section_t *s;
	char *all, *extra;

	ok(pub != NULL, "the .gov help page parses");
	if (pub == NULL)
		return;
	is_str(pub->title, h1, "title: <title> less the site's name, as the "
	    "h1 confirms");
	for (const char *const *h = headings; *h != NULL; h++)
		ok(section_headed(pub, *h) != NULL, "a section '%s'", *h);
	/* The article's footer, after the table, lands in a section the
	 * builder names; it is checked by its words below. */
	extra = headings_not_in(pub, headings);
	ok(extra != NULL, "the other sections' headings");
	unlike(extra, "|", "at most one other section, for the article's "
	    "footer");
	free(extra);

	s = section_headed(pub, "My PECOS account is locked. What do I do?");
	is_path(s, faq, "an accordion's h3 button");
	is_str(ANCHOR(s), "q-locked", "its anchor: the panel it opens");
	ok(contains(TEXT(s), "After three failed sign-in attempts"),
	    "its hidden panel is its text");
	ok(contact(s, FACTSHEET_CONTACT_PHONE, "1-866-484-8049") != NULL,
	    "and gives its phone");
	ok(contact(s, FACTSHEET_CONTACT_TTY, "1-866-523-4759") != NULL,
	    "and its TTY");
	is_int(LINE(s), fixture_line(GOV_HELP, "<h3 class=\"usa-accordion__"
	    "heading\">"), "its line: the h3's");

	s = section_headed(pub, "How often must I revalidate my enrollment?");
	ok(contains(TEXT(s), "- Submit your revalidation in PECOS before the "
	    "due date."), "a panel's list");

	s = section_headed(pub, "Is there an application fee?");
	is_path(s, faq, "a button outside any heading, after the "
	    "accordion's h3s: beside them");
	ok(contains(TEXT(s), "Institutional providers pay an application "
	    "fee"), "its aria-hidden panel, which it controls, is its text");
	is_str(ANCHOR(s), "q-fee", "its anchor: its panel");

	s = section_headed(pub, "Where do I get an NPI?");
	is_path(s, faq, "a <summary> after them");
	is_str(ANCHOR(s), "npi-help", "its anchor: its <details>");
	ok(contact(s, FACTSHEET_CONTACT_PHONE, "1-800-465-3203") != NULL,
	    "its phone");

	s = section_headed(pub, "Before you call");
	ok(contains(TEXT(s), "Have your NPI, your PECOS user ID"),
	    "hidden=\"until-found\" text is text");
	ok(contains(TEXT(s), "Show more\n\nIf you enroll as a group"),
	    "a 'Show more' summary is no heading: a line of the text");

	/* One link in three rows: a table of topics, not of resources. */
	s = section_headed(pub, "PECOS user ID and password");
	is_int(s ? (long)s->kind : -1, FACTSHEET_SECTION_TEXT,
	    "a row of the who-to-call table, named by its <th scope=row>");
	ok(contains(TEXT(s), "Help desk: EUS Help Desk"), "its cells "
	    "labelled by the header row");
	is_str(s ? s->part : NULL, "Help desks for provider enrollment",
	    "under the table's caption");
	is_str(LABEL(contact(s, FACTSHEET_CONTACT_LINK,
	    "https://eus.custhelp.com")), "EUS Help Desk",
	    "its link, labelled");
	ok(section_mentions(pub, "Topic"), "the header row's words are "
	    "handed over");
	ok(section_headed(pub, "Topic") == NULL, "and it is no row");
	ok(section_mentions(pub, "Help desks for provider enrollment"),
	    "the caption is text");

	ok(section_mentions(pub, "Page last modified: 03/14/2024"),
	    "a <footer> inside the article is content");
	ok(any_contact_holds(pub, "ProviderEnrollment@cms.hhs.gov"),
	    "and its email a contact");

	all = all_text(pub);
	unlike(all, "Skip to main", "no skip link");
	unlike(all, "official website",
	    "no 'official website' banner, nor its hidden panel");
	unlike(all, "how you know",
	    "no 'official website' banner, nor its hidden panel");
	unlike(all, ".gov website",
	    "no 'official website' banner, nor its hidden panel");
	unlike(all, "Coding",
	    "no site header, navigation or search");
	unlike(all, "Search CMS",
	    "no site header, navigation or search");
	unlike(all, "Home", "no breadcrumbs");
	unlike(all, "Facebook", "no share links");
	unlike(all, "LinkedIn", "no share links");
	unlike(all, "Twitter", "no share links");
	unlike(all, "Back to top", "no 'Back to top'");
	unlike(all, "Contact us",
	    "no site footer, nor the identifier below it");
	unlike(all, "Security Boulevard",
	    "no site footer, nor the identifier below it");
	unlike(all, "Accessibility support",
	    "no site footer, nor the identifier below it");
	free(all);
	{
		static const char *const chrome[] = {
			"1-800-633-4227", "facebook", "twitter", "x.com",
			"linkedin",
		};

		for (size_t i = 0; i < sizeof chrome / sizeof chrome[0]; i++)
			is_int(any_contact_holds(pub, chrome[i]), 0,
			    "chrome gives no contact holding '%s' (footer "
			    "phone, social links)", chrome[i]);
	}
	factsheet_publication_free(pub);
}

/* Collapsed content ---------------------------------------------------- */

static void
test_collapsed(void)
{
	factsheet_publication_t *pub;
	const factsheet_section_t *s;

	pub = parse("cards.html", "<h1>Medicare cards</h1>\n"
	    "<h2 id=\"faq\">Questions</h2>\n"
	    "<div class=\"usa-accordion\">\n"
	    "<h4 class=\"usa-accordion__heading\"><button type=\"button\" "
	    "class=\"usa-accordion__button\" aria-expanded=\"false\" "
	    "aria-controls=\"a1\">How do I replace my card?</button></h4>\n"
	    "<div id=\"a1\" class=\"usa-accordion__content\" hidden>\n"
	    "<p>Sign in to your Medicare account to print a copy.</p></div>\n"
	    "<h4><button aria-controls=\"a2\">Is my card free?</button></h4>\n"
	    "<div id=\"a2\" hidden><p>Yes, there is no charge.</p></div>\n"
	    "</div>\n"
	    "<button aria-expanded=\"false\" aria-controls=\"a3\">What if my "
	    "name changed?</button>\n"
	    "<div id=\"a3\" aria-hidden=\"true\"><p>Contact Social Security "
	    "first.</p></div>\n"
	    "<h2>Other</h2><p>After the list.<span hidden>concealed</span>"
	    "<span aria-hidden=\"true\">icon</span></p>\n"
	    "<div hidden><p>Not for readers.</p></div>\n"
	    "<button type=\"button\">Print this page</button>\n"
	    "<div class=\"accordion-panel\" hidden><p>Opened by script.</p>"
	    "</div>\n"
	    "<div id=\"p9\" hidden><p>Opened by a later button.</p></div>\n"
	    "<button aria-controls=\"p9\">Later</button>\n");
	s = section_headed(pub, "How do I replace my card?");
	is_path(s, "Medicare cards > Questions", "a USWDS accordion item");
	ok(contains(TEXT(s), "Sign in to your Medicare account"),
	    "its hidden panel");
	is_str(ANCHOR(s), "a1", "its anchor: its panel");
	s = section_headed(pub, "Is my card free?");
	is_path(s, "Medicare cards > Questions", "the second item");
	is_str(TEXT(s), "Yes, there is no charge.", "its panel");
	s = section_headed(pub, "What if my name changed?");
	is_path(s, "Medicare cards > Questions", "a button of its own: "
	    "one level below the h2, beside the h4 items");
	is_str(TEXT(s), "Contact Social Security first.", "its aria-hidden "
	    "panel");
	is_int(section_mentions(pub, "concealed"), 0,
	    "a hidden element no button opens stays out");
	is_int(section_mentions(pub, "icon"), 0,
	    "an aria-hidden icon stays out");
	is_int(section_mentions(pub, "Not for readers"), 0,
	    "an aria-hidden element stays out");
	ok(!section_mentions(pub, "Print this page"), "a button that opens "
	    "nothing is no text");
	ok(section_mentions(pub, "Opened by script."), "a hidden accordion "
	    "panel by its class is text");
	ok(section_mentions(pub, "Opened by a later button."),
	    "a panel before its button is text");
	factsheet_publication_free(pub);

	pub = parse("details.html", "<h1>Appeals</h1><h2>Help</h2>"
	    "<p>Intro.</p><details><summary>Read more</summary>"
	    "<p>Extra words.</p></details>\n"
	    "<details id=\"d1\"><summary><h3>Can I appeal?</h3></summary>"
	    "<p>Yes, within 120 days.</p></details>\n"
	    "<h2>Dates</h2><div hidden=\"until-found\"><h3 id=\"deadline\">"
	    "Deadlines</h3><p>File by March 31.</p></div>\n");
	s = section_headed(pub, "Help");
	is_str(TEXT(s), "Intro.\n\nRead more\n\nExtra words.", "a 'Read "
	    "more' summary: a line of the text it opens");
	s = section_headed(pub, "Can I appeal?");
	is_path(s, "Appeals > Help", "a summary holding an h3");
	is_str(ANCHOR(s), "d1", "its anchor: its <details>");
	is_str(TEXT(s), "Yes, within 120 days.", "its content");
	s = section_headed(pub, "Deadlines");
	is_path(s, "Appeals > Dates", "a heading inside hidden=until-found");
	is_str(TEXT(s), "File by March 31.", "and its text");
	factsheet_publication_free(pub);

	/* Text after an accordion is the heading's over it, not the last
	 * item's. */
	pub = parse("after.html", "<h1>Cards</h1><h2 id=\"q\">Questions</h2>"
	    "<details><summary>Lost card?</summary><p>Print one.</p>"
	    "</details>\n<h3><button aria-controls=\"z\">Name change?"
	    "</button></h3><div id=\"z\" hidden><p>Call SSA.</p></div>\n"
	    "<p>Still stuck? Call 1-800-633-4227.</p>\n"
	    "<h2>Next</h2><p>Next text.</p>");
	s = section_headed(pub, "Name change?");
	is_str(TEXT(s), "Call SSA.", "the last item: its panel only");
	is_int(s ? (long)s->n_contacts : -1,
	    0, "and no contact of the text after it");
	s = pub && pub->n_sections > 2 ? &pub->sections[2] : NULL;
	is_str(HEADING(s), "Questions", "text after the accordion: under "
	    "the accordion's heading again");
	is_str(TEXT(s), "Still stuck? Call 1-800-633-4227.", "its text");
	is_path(s, "Cards", "at the heading's place");
	ok(contact(s, FACTSHEET_CONTACT_PHONE, "1-800-633-4227") != NULL,
	    "with its contact");
	is_str(HEADING(pub && pub->n_sections > 3 ? &pub->sections[3] : NULL),
	    "Next", "then the next heading");
	factsheet_publication_free(pub);

	/* Bootstrap's collapse, opened by a link. */
	pub = parse("bootstrap.html", "<h1>Help</h1><div class=\"card\">"
	    "<a href=\"#c1\" data-toggle=\"collapse\" aria-expanded=\"false\""
	    " aria-controls=\"c1\">Who answers the phone?</a><div id=\"c1\" "
	    "class=\"collapse\"><p>The help desk, 7 a.m. to 7 p.m.</p></div>"
	    "</div>");
	s = section_headed(pub, "Who answers the phone?");
	is_str(TEXT(s), "The help desk, 7 a.m. to 7 p.m.", "a link that "
	    "opens a panel heads it");
	is_str(ANCHOR(s), "c1", "its anchor: the panel");
	factsheet_publication_free(pub);

	/* A heading in an answer (h3 in a panel under an h2's accordion,
	 * or an h2 in one) is below the question, not in its place. */
	pub = parse("inner.html", "<h1>ID</h1><h2>Verify</h2><ul "
	    "class=\"usa-accordion\"><li><button aria-controls=\"v0\">How "
	    "do I verify online?</button><div id=\"v0\" class=\"usa-"
	    "accordion-content\"><h3>Fastest way</h3><p>Use your account."
	    "</p><h2>Other ways</h2><p>Use ID.me.</p></div></li><li><button "
	    "aria-controls=\"v1\">In person?</button><div id=\"v1\"><p>Yes."
	    "</p></div></li></ul><p>More help.</p>");
	s = section_headed(pub, "Fastest way");
	is_path(s, "ID > Verify > How do I verify online?", "an h3 in an "
	    "answer: below the question");
	s = section_headed(pub, "Other ways");
	is_path(s, "ID > Verify > How do I verify online?", "an h2 in an "
	    "answer: below the question too");
	s = section_headed(pub, "In person?");
	is_path(s, "ID > Verify", "the next question: beside the first");
	s = pub && pub->n_sections > 0 ? &pub->sections[pub->n_sections - 1] :
	    NULL;
	is_str(HEADING(s), "Verify", "text after the list: the h2's again");
	is_str(TEXT(s), "More help.", "its text");
	factsheet_publication_free(pub);

	/* Tabs: each panel under its tab's name, though the tabs come
	 * first and all but one panel are hidden. */
	pub = parse("tabs.html", "<h1>Costs</h1><div role=\"tablist\">"
	    "<button role=\"tab\" aria-controls=\"pa\" aria-selected=\"true\">"
	    "Part A</button><button role=\"tab\" aria-controls=\"pb\">"
	    "Part B</button></div>\n"
	    "<div role=\"tabpanel\" id=\"pa\"><p>Most people pay no premium."
	    "</p></div>\n<div role=\"tabpanel\" id=\"pb\" hidden><p>The "
	    "standard premium is set each year.</p></div>\n");
	s = section_headed(pub, "Part A");
	is_str(TEXT(s), "Most people pay no premium.", "a tab's panel under "
	    "its name");
	is_str(ANCHOR(s), "pa", "its anchor: the panel");
	s = section_headed(pub, "Part B");
	is_str(TEXT(s), "The standard premium is set each year.",
	    "a hidden tab panel under its name");
	is_path(s, "Costs", "below the h1");
	factsheet_publication_free(pub);

	pub = parse("tabs2.html", "<h1>Plans</h1><div role=\"tablist\">"
	    "<a role=\"tab\" id=\"t1\" href=\"#p1\">Drug plans</a> "
	    "<a role=\"tab\" id=\"t2\" href=\"#p2\">Health plans</a></div>"
	    "<section role=\"tabpanel\" id=\"p1\" aria-labelledby=\"t1\">"
	    "<p>Compare drug plans.</p></section><section role=\"tabpanel\" "
	    "id=\"p2\" aria-labelledby=\"t2\" hidden><p>Compare health "
	    "plans.</p></section>");
	s = section_headed(pub, "Health plans");
	is_str(TEXT(s), "Compare health plans.", "a hidden tab panel, "
	    "without aria-controls: under the tab it is labelled by");
	is_str(ANCHOR(s), "p2", "its anchor: the panel");
	factsheet_publication_free(pub);
}

/* Navigation chrome --------------------------------------------------- */

static void
test_chrome(void)
{
	factsheet_publication_t *pub;
	char *all;

	pub = parse("chrome.html", "<html><body>\n"
	    "<header><button aria-controls=\"find\">Search</button></header>"
	    "\n<div id=\"find\" hidden><p>Find a form.</p></div>\n"
	    "<a href=\"#main\" class=\"sr-only\">Skip to main content</a>\n"
	    "<div role=\"banner\"><a href=\"/\">Agency home</a></div>\n"
	    "<div role=\"navigation\"><a href=\"/a\">Topics</a></div>\n"
	    "<div id=\"breadcrumbs\"><a href=\"/\">Start</a> &gt; Help</div>\n"
	    "<main id=\"main\"><h1>Replacement cards</h1>\n"
	    "<p>Call 1-800-633-4227.</p>\n"
	    "<div class=\"share-tools\"><span>Spread the word</span></div>\n"
	    "<p>Follow <a href=\"https://www.facebook.com/Medicare\">Medicare "
	    "on Facebook</a>. <a href=\"https://www.facebook.com/sharer/"
	    "sharer.php?u=x\">Post it</a> <a href=\"https://x.com/intent/"
	    "tweet?text=x\">Tweet it</a> <a href=\"mailto:?subject=Cards\">"
	    "Mail it</a> <a href=\"https://max.com/intent/\">Max</a>.</p>\n"
	    "<p><a href=\"#top\">Back to top</a> <a href=\"#npi\">Skip this "
	    "step</a> if you have an NPI.</p>\n"

	    "<footer><p>Written by the Office of Communications.</p></footer>"
	    "</main>\n"
	    "<article><h2>Related</h2><p>Body.</p><aside>Note: forms are "
	    "free.</aside><footer>"
	    "<p>Reviewed in May.</p></footer></article>\n"
	    "<footer><p>Contact us: 1-800-555-0100</p></footer>\n"
	    "<aside><p>Popular pages</p></aside>\n"
	    "<div role=\"contentinfo\"><p>Site map</p></div>\n"
	    "<div class=\"cookie-consent\"><p>We use cookies.</p></div>\n"
	    "</body></html>\n");
	all = pub ? all_text(pub) : NULL;
	ok(all != NULL, "a page with chrome parses");
	unlike(all, "Skip to", "skip link: out");
	unlike(all, "Agency home", "role=banner: out");
	unlike(all, "Topics", "role=navigation: out");
	unlike(all, "Start", "id=breadcrumbs: out");
	unlike(all, "Spread the word", "a share widget: out");
	unlike(all, "Post it", "share links: out");
	unlike(all, "Tweet it", "share links: out");
	unlike(all, "Mail it", "share links: out");
	like(all, "Max", "a link to a host ending in x: in");
	unlike(all, "Back to top", "'Back to top': out");
	like(all, "Skip this step if you have an NPI.",
	    "a link in the page that says 'Skip' is no skip link: in");
	unlike(all, "Find a form", "a panel opened by a "
	    "button of the site header: out");
	unlike(all, "Contact us",
	    "the site's <footer> and role=contentinfo: out");
	unlike(all, "Site map",
	    "the site's <footer> and role=contentinfo: out");
	unlike(all, "cookies", "a cookie notice: out");
	unlike(all, "Popular pages", "a sidebar <aside> "
	    "outside the content: out");
	like(all, "Written by the Office of Communications.",
	    "a <footer> inside <main>: in");
	like(all, "Reviewed in May.", "an <article>'s "
	    "<footer>: in");
	like(all, "Note: forms are free.", "an <article>'s "
	    "<aside>: in");
	free(all);
	is_int(pub ? any_contact_holds(pub, "https://www.facebook.com/"
	    "Medicare") : -1, 1, "a link to follow an agency is still a "
	    "contact");
	is_int(pub ? any_contact_holds(pub, "sharer") : -1, 0,
	    "no contact from a share link");
	is_int(pub ? any_contact_holds(pub, "intent/tweet") : -1, 0,
	    "no contact from a tweet link");
	is_int(pub ? any_contact_holds(pub, "0100") : -1, 0,
	    "no contact from a form number in chrome");
	factsheet_publication_free(pub);
}

/* Tables -------------------------------------------------------------- */

static void
test_table_headers(void)
{
	factsheet_publication_t *pub;
	const factsheet_section_t *s;

	pub = parse("calls.html", "<h1>Calls</h1><h2>Who to call</h2>\n"
	    "<table><thead><tr><th></th><th>Phone</th><th>Website</th></tr>"
	    "</thead><tbody><tr><td>PECOS</td><td>1-866-484-8049</td><td>"
	    "<a href=\"https://pecos.cms.hhs.gov\">PECOS site</a></td></tr>"
	    "</tbody></table>\n"
	    "<h2>Forms</h2><table><tr><th>Form</th><th>Use it to</th></tr>"
	    "</table>\n"
	    "<h2>Hours</h2><table><tr><th>Desk</th><th>Open</th></tr>"
	    "<tr><td>EUS</td><td>7 a.m. to 7 p.m.</td></tr></table>\n");
	s = section_headed(pub, "PECOS");
	is_int(s ? (long)s->kind : -1, FACTSHEET_SECTION_RESOURCE,
	    "a row after a <thead> header");
	ok(contact(s, FACTSHEET_CONTACT_PHONE, "1-866-484-8049") != NULL,
	    "its phone");
	is_str(LABEL(contact(s, FACTSHEET_CONTACT_LINK,
	    "https://pecos.cms.hhs.gov")), "PECOS site", "its link, "
	    "labelled by its text");
	ok(section_mentions(pub, "Website"), "the <thead> row is handed "
	    "over");
	ok(section_mentions(pub, "Use it to"), "a table of a header row "
	    "only: its words kept");
	is_int(section_mentions(pub, "Open"), 1,
	    "an all-<th> first row: its words kept");
	ok(section_headed(pub, "Desk") == NULL,
	    "an all-<th> first row: a header, no row");
	ok(section_headed(pub, "EUS") != NULL, "and the row under it");
	factsheet_publication_free(pub);
}

/* A fragment into another reader's builder ---------------------------- */

static void
test_parse_html_into(void)
{
	static const char fragment[] = "<div class=\"note\">\n"
	    "<h2 id=\"lost-card\">Lost card</h2>\n"
	    "<p>Call\n1-800-633-4227.</p>\n"
	    "<nav><a href=\"/\">Home</a></nav>\n"
	    "</div>\n";
	factsheet_publication_t *pub = calloc(1, sizeof *pub);
	const factsheet_section_t *s;
	builder_t b;
	int rc;

	if (pub == NULL)
		return;
	pub->source = str_printf("guide.md");
	pub->id = str_printf("guide");
	pub->format = str_printf("markdown");
	pub->title = str_printf("Guide");
	builder_init(&b, pub);
	/* As the Markdown reader would: its own blocks, a raw HTML block
	 * from line 10, then its own again. */
	builder_heading(&b, 1, "Guide", NULL, 1);
	builder_paragraph(&b, "Markdown text.", 3, 1);
	rc = parse_html_into(&b, fragment, strlen(fragment), 10);
	is_int(rc, 0, "parse_html_into: 0");
	rc = parse_html_into(&b, "<b>Bold</b> words", 17, 15);
	is_int(rc, 0, "an inline fragment: 0");
	rc = parse_html_into(&b, "", 0, 16);
	is_int(rc, 0, "an empty fragment: 0, nothing added");
	builder_heading(&b, 2, "After", NULL, 20);
	builder_paragraph(&b, "More.", 22, 1);
	is_int(builder_finish(&b), 0, "the builder finishes");

	is_int(pub->n_sections, 3, "three sections: Guide, the fragment's "
	    "h2, After");
	s = section_headed(pub, "Guide");
	is_str(TEXT(s), "Markdown text.", "the reader's text before");
	s = section_headed(pub, "Lost card");
	is_path(s, "Guide", "the fragment's h2 under the reader's h1");
	is_str(ANCHOR(s), "lost-card", "its id");
	is_int(LINE(s), 11, "its line: the fragment's second, counted from "
	    "line 10");
	is_str(TEXT(s), "Call 1-800-633-4227.\n\nBold words",
	    "its text, then the inline fragment's");
	ok(contact(s, FACTSHEET_CONTACT_PHONE, "1-800-633-4227") != NULL,
	    "its contact");
	ok(!section_mentions(pub, "Home"), "chrome in a fragment: out");
	s = section_headed(pub, "After");
	is_str(TEXT(s), "More.", "the reader goes on after it");
	is_str(pub->title, "Guide", "the reader's title is kept");
	factsheet_publication_free(pub);
}

/* End to end --------------------------------------------------------- */

/* HTML without headings, Problem/Solution blocks or tables: one section
 * and a warning; a Problem block alone is structure; a page with nothing
 * to read is bad input. */
static void
test_unstructured_html(void)
{
	static const struct {
		const char *source, *bytes;
	} empty[] = {
		{ "empty-body.html", "<html><head><title>T</title></head>"
		    "<body>  \n </body></html>" },
		{ "only-script.html", "<html><body><script>x()</script>"
		    "<nav>Menu</nav></body></html>" },
	};
	factsheet_publication_t *pub;

	pub = parse("page.html", "<html><body><div>Some words\n  here.</div>"
	    "<p>More words.</p></body></html>");
	ok(pub != NULL, "plain HTML parses");
	is_str(pub ? pub->title : NULL, "page", "no title: the file's name");
	is_str(pub ? pub->warning : NULL, "page.html: no headings, "
	    "Problem/Solution blocks or tables found; indexed as 1 plain "
	    "section", "HTML without structure: a warning");
	is_str(pub && pub->n_sections > 0 ? TEXT(&pub->sections[0]) : NULL,
	    "Some words here.\n\nMore words.", "text outside <p> is kept");
	factsheet_publication_free(pub);

	pub = parse("p.html", "<p><strong>Problem:</strong> Cannot log in</p>"
	    "<p><strong>Solution:</strong> Reset your password</p>"
	    "<p>Phone: 1-866-484-8049</p>");
	ok(pub != NULL, "a Problem block alone parses");
	is_str(pub ? pub->warning : NULL, NULL, "a Problem block alone is "
	    "structure");
	is_size(pub ? pub->n_sections : 0, 1, "a Problem block: one section");
	is_int(pub && pub->n_sections > 0 ? (long)pub->sections[0].kind : -1,
	    FACTSHEET_SECTION_PROBLEM, "<p><strong>Problem:</strong> starts "
	    "a problem");
	is_str(pub && pub->n_sections > 0 ? pub->sections[0].solution_heading :
	    NULL, "Reset your password", "and <strong>Solution:</strong> its "
	    "solution");
	factsheet_publication_free(pub);

	for (size_t i = 0; i < sizeof empty / sizeof empty[0]; i++) {
		char *msg = NULL;
		factsheet_status_t st;

		pub = (factsheet_publication_t *)&pub;
		st = factsheet_publication_parse(empty[i].source,
		    empty[i].bytes, strlen(empty[i].bytes), &pub, &msg);
		is_int(st, FACTSHEET_STATUS_BAD_INPUT, "%s: bad input",
		    empty[i].source);
		ok(pub == NULL, "%s: no publication", empty[i].source);
		like(msg, empty[i].source, "%s: the message names it",
		    empty[i].source);
		free(msg);
	}
}

int
main(void)
{
	if ((tmpdir = temp_dir("test-parse-html")) == NULL)
		return 1;
	test_npi_faq();
	test_enrollment_guide();
	test_gov_help_page();
	test_nothing_lost();
	test_collapsed();
	test_chrome();
	test_table_headers();
	test_html_details();
	test_html_upper_case();
	test_parse_html_into();
	test_unstructured_html();
	remove_tree(tmpdir);
	free(tmpdir);
	return done_testing();
}
