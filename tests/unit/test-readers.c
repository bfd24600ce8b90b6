/*
 * test-readers.c - the Markdown reader on the fixtures of tests/fixtures/
 * (a Markdown guide with numbered topics, a Problem/Solution fact sheet
 * with a pipe table): titles, sections, heading paths, anchors,
 * Problem/Solution blocks, contacts and line numbers; then what all
 * readers share: unstructured input, bad input, telling the formats
 * apart, slugs.  The HTML reader has test-parse-html.
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
#define GUIDE_MD "tests/fixtures/pecos-guide.md"
#define CONTACTS_MD "tests/fixtures/pecos-contacts.md"

#define LDQUO "\xe2\x80\x9c"
#define RDQUO "\xe2\x80\x9d"

static char *tmpdir;

#define HEADING(s) ((s) ? (s)->heading : NULL)
#define ANCHOR(s) ((s) ? (s)->anchor : NULL)
#define TEXT(s) ((s) ? (s)->text : NULL)
#define LINE(s) ((s) ? (s)->line : 0)
#define LABEL(c) ((c) ? (c)->label : NULL)

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
	like(c ? c->label : NULL, "PECOS FAQs",
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
	unlike(all, "Converted from", "HTML comments skipped");
	unlike(all, "MLN6958831", "front matter not indexed");
	unlike(all, "**",
	    "no emphasis markers left");
	unlike(all, "`",
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
	is_int(s ? (long)s->kind : -1, FACTSHEET_SECTION_PROBLEM,
	    "'## Problem: ...' is a problem");
	is_path(s, h1, "problem");
	is_str(ANCHOR(s), "navigating-accessing-pecos-website",
	    "problem: its slug as anchor, not the h1's");
	is_int(LINE(s), fixture_line(CONTACTS_MD, "## Problem: Navigating"),
	    "problem: its line");
	is_str(s ? s->solution_heading : NULL,
	    "Contact CMS External User Services (EUS) Help Desk",
	    "'**Solution:** ...' is its solution");
	like(s ? s->solution_text : NULL,
	    "support history on the EUS " "website https://eus.custhelp.com.",
	    "solution text with its "
	    "link");
	ok(contact(s, FACTSHEET_CONTACT_WEBSITE, "https://eus.custhelp.com")
	    != NULL, "'- Website: <url>' item is a website");
	ok(contact(s, FACTSHEET_CONTACT_PHONE, "1-866-484-8049") != NULL,
	    "'- Phone: ... (TTY ...)' gives the phone");
	ok(contact(s, FACTSHEET_CONTACT_TTY, "1-866-523-4759") != NULL,
	    "and the TTY");
	ok(contact(s, FACTSHEET_CONTACT_EMAIL, "EUSsupport@cgi.com") != NULL,
	    "'- Email: <address>' is an email");
	unlike(s ? s->solution_text : NULL,
	    "Phone:", "contact lines are contacts");
	unlike(s ? s->text : NULL, "Phone:", "contact lines are contacts");

	s = section_headed(pub, "Accessing the PECOS System");
	is_str(s ? s->solution_heading : NULL,
	    "Access I&A System or Contact I&A System Help",
	    "a plain 'Solution: ...' paragraph");
	like(s ? s->text : NULL, "NOTE: Passwords expire every 60 days.",
	    "problem description");
	like(s ? s->solution_text : NULL,
	    "recover forgotten login " "information.", "solution text");
	unlike(s ? s->solution_text : NULL, "TTY", "Phone:/TTY: lines of "
	    "the same paragraph are kept apart as contacts");
	ok(contact(s, FACTSHEET_CONTACT_TTY, "1-866-523-4759") != NULL,
	    "the TTY: line");

	want = str_printf("%s > Resources", h1);
	s = section_headed(pub, "Medicare Enrollment for Providers");
	is_int(s ? (long)s->kind : -1,
	    FACTSHEET_SECTION_RESOURCE, "a table row is a "
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
	is_int(pub ? (long)pub->warning : -1,
	    NULL, "a table alone is structure");
	factsheet_publication_free(pub);

	pub = parse("p.html", "<p><strong>Problem:</strong> Cannot log in</p>"
	    "<p><strong>Solution:</strong> Reset your password</p>"
	    "<p>Phone: 1-866-484-8049</p>");
	is_int(pub ? (long)pub->warning : -1, NULL, "a Problem block alone is "
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
	factsheet_publication_t *pub, *html;
	size_t len = 0;

	bytes = slurp(path, &len);
	pub = bytes ? parse("faq-page.txt", bytes) : NULL;
	html = read_fixture(NPI_FAQ);
	ok(pub != NULL, "an HTML page named .txt parses");
	is_str(pub ? pub->format : NULL, "html", "it is read as HTML");
	is_int(pub ? pub->n_sections : 0, html ? html->n_sections : 1,
	    "with the same sections as when named .html");
	factsheet_publication_free(pub);
	factsheet_publication_free(html);
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

int
main(void)
{
	if ((tmpdir = temp_dir("test-readers")) == NULL)
		return 1;
	test_markdown_guide();
	test_markdown_factsheet();
	test_unstructured();
	test_bad_input();
	test_dispatch();
	test_slug_collisions();
	test_many_repeated_headings();
	test_markdown_details();
	remove_tree(tmpdir);
	free(tmpdir);
	return done_testing();
}
