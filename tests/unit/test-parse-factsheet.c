/*
 * test-parse-factsheet.c - the plain-text reader (parse-factsheet.c).
 * The bundled fact sheet through the whole parser
 * (factsheet_publication_read_file): front matter, the four Problem
 * blocks with their contacts, the Resources table, and no line of the
 * file left out.  Then help files of other layouts (tests/readers, where
 * their golden sections are too):
 * underlined headings, a reStructuredText module help, a manual with
 * numbered headings and headings in capitals, a Q:/A: FAQ, each with
 * its headings, levels and every word kept; then small inputs in memory
 * for the edge cases.
 */
#include <config.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "factsheet-private.h"
#include "tap.h"
#include "testlib.h"

#define CORPUS "corpus/pecos-technical-assistance-contacts.txt"
#define EN_DASH "\xe2\x80\x93"
#define REGISTERED "\xc2\xae"

static char *
corpus_path(void)
{
	return source_path(CORPUS);
}

/* Sections of KIND, in order: the Nth one, or NULL. */
static const factsheet_section_t *
nth_of_kind(const factsheet_publication_t *pub, factsheet_section_kind_t kind,
	    size_t n)
{
	for (size_t i = 0; i < pub->n_sections; i++)
		if (pub->sections[i].kind == kind && n-- == 0)
			return &pub->sections[i];
	return NULL;
}

static size_t
count_contacts(const factsheet_section_t *s, factsheet_contact_kind_t kind)
{
	size_t n = 0;

	for (size_t i = 0; s != NULL && i < s->n_contacts; i++)
		n += s->contacts[i].kind == kind;
	return n;
}

/* The Nth contact of KIND in S, or NULL. */
static const factsheet_contact_t *
nth_contact(const factsheet_section_t *s, factsheet_contact_kind_t kind,
	    size_t n)
{
	for (size_t i = 0; s != NULL && i < s->n_contacts; i++)
		if (s->contacts[i].kind == kind && n-- == 0)
			return &s->contacts[i];
	return NULL;
}

/* A section holding a contact of KIND and VALUE, or NULL. */
static const factsheet_section_t *
section_with_contact(const factsheet_publication_t *pub,
		     factsheet_contact_kind_t kind, const char *value)
{
	for (size_t i = 0; i < pub->n_sections; i++) {
		const factsheet_section_t *s = &pub->sections[i];

		for (size_t j = 0; j < s->n_contacts; j++)
			if (s->contacts[j].kind == kind &&
			    strcmp(s->contacts[j].value, value) == 0)
				return s;
	}
	return NULL;
}

#define HEADING(s) ((s) ? (s)->heading : NULL)
#define VALUE(c) ((c) ? (c)->value : NULL)
#define LABEL(c) ((c) ? (c)->label : NULL)

/* Resource row N of PUB: its first link is URL, labelled by the row's
 * name, LABEL. */
static void
row_link_is(const factsheet_publication_t *pub, size_t n, const char *url,
	    const char *label, const char *what)
{
	const factsheet_contact_t *c = nth_contact(nth_of_kind(pub,
	    FACTSHEET_SECTION_RESOURCE, n), FACTSHEET_CONTACT_LINK, 0);

	is_str(VALUE(c), url, "%s: its URL", what);
	is_str(LABEL(c), label, "%s: named by row", what);
}

/* Is the squeezed LINE of the file kept somewhere in PUB? */
static int
line_is_kept(const factsheet_publication_t *pub, const char *all,
	     char *line, int table_header)
{
	contact_list_t found = { 0 };
	int kept = 1;

	if (strncmp(line, "Problem:", 8) == 0 ||
	    strncmp(line, "Solution:", 9) == 0)
		line = text_squeeze_space(strchr(line, ':') + 1);
	/* Column titles ("Resource	Website") name no content. */
	if (table_header)
		return 1;
	if (strchr(line, '\t') != NULL) {
		/* A table row: its name heads a section holding its links. */
		char *tab = strchr(line, '\t');
		const factsheet_section_t *s = NULL;

		*tab = '\0';
		for (size_t i = 0; i < pub->n_sections; i++)
			if (strcmp(pub->sections[i].heading, line) == 0)
				s = &pub->sections[i];
		contact_scan_text(&found, tab + 1);
		kept = s != NULL && found.n > 0;
		for (size_t i = 0; kept && i < found.n; i++)
			kept = section_with_contact(pub, found.items[i].kind,
			    found.items[i].value) == s;
	} else if (contact_parse_line(&found, line)) {
		/* A contact line lives on as its contacts. */
		kept = found.n > 0;
		for (size_t i = 0; kept && i < found.n; i++)
			kept = section_with_contact(pub, found.items[i].kind,
			    found.items[i].value) != NULL;
	} else {
		kept = strstr(all, line) != NULL;
	}
	contact_list_clear(&found);
	return kept;
}

static void
test_nothing_lost(const factsheet_publication_t *pub, const char *bytes)
{
	char *all = all_text(pub);
	const char *p = bytes;
	size_t lost = 0, lines = 0;
	int prev_blank = 1;

	while (*p != '\0') {
		size_t n = strcspn(p, "\n");
		char *line = str_ndup(p, n);
		char *tab;

		/* Squeeze all but tabs, which mark table cells. */
		for (tab = line; (tab = strchr(tab, '\t')) != NULL; tab++)
			*tab = '\x1f';
		text_squeeze_space(line);
		for (tab = line; (tab = strchr(tab, '\x1f')) != NULL; tab++)
			*tab = '\t';
		if (line[0] != '\0') {
			lines++;
			if (!line_is_kept(pub, all, line, prev_blank &&
			    strchr(line, '\t') != NULL)) {
				lost++;
				printf("# line not found: %s\n", line);
			}
		}
		prev_blank = line[0] == '\0';
		free(line);
		p += n + (p[n] == '\n');
	}
	ok(lines > 40, "the file has its %zu non-blank lines", lines);
	is_int(lost, 0, "every non-blank line of the file is kept");

	ok(contains(all, "Please note: The information in this publication "
	    "applies only"), "the \"Please note\" paragraph is kept");
	ok(contains(all, "Check out CMS on:"), "the last line is kept");
	ok(contains(all, "are registered trademarks of the U.S. Department"),
	    "the trademark notice is kept");
	ok(contains(all, "Common Problems and Who to Contact"),
	    "the group heading is kept");
	free(all);
}

static void
test_front(const factsheet_publication_t *pub)
{
	is_str(pub->title, "PECOS Technical Assistance Contact Information",
	    "title");
	is_str(pub->series, "PROVIDER" EN_DASH "SUPPLIER ENROLLMENT FACT "
	    "SHEET SERIES", "series, en dash kept");
	is_int(pub->n_agency, 2, "two agency lines");
	if (pub->n_agency == 2) {
		is_str(pub->agency[0], "DEPARTMENT OF HEALTH AND HUMAN "
		    "SERVICES", "agency line 1");
		is_str(pub->agency[1], "Centers for Medicare & Medicaid "
		    "Services", "agency line 2");
	}
	ok(pub->warning == NULL, "no warning for a fact sheet");
	ok(contains(pub->source, CORPUS), "source is the path given");
	cmp_ok(pub->id ? strlen(pub->id) : 0, >, 0, "an id");
}

static void
test_problems(const factsheet_publication_t *pub)
{
	static const struct {
		const char *heading, *solution;
		unsigned line;
	} want[] = {
		{ "Navigating/Accessing PECOS Website",
		  "Contact CMS External User Services (EUS) Help Desk", 20 },
		{ "Accessing the PECOS System",
		  "Access I&A System or Contact I&A System Help", 42 },
		{ "Enrolling in Medicare via PECOS (Non-Technical)",
		  "Read Provider Enrollment Publications or Contact Your "
		  "Medicare Enrollment Contractor", 60 },
		{ "Not Sure Who to Call for the Particular Issue",
		  "Refer to the Provider Enrollment Assistance Guide", 72 },
	};

	is_int(count_kind(pub, FACTSHEET_SECTION_PROBLEM), 4,
	    "exactly four problems");
	for (size_t i = 0; i < 4; i++) {
		const factsheet_section_t *s = nth_of_kind(pub,
		    FACTSHEET_SECTION_PROBLEM, i);

		is_str(HEADING(s), want[i].heading, "problem %zu heading",
		    i + 1);
		is_str(s ? s->solution_heading : NULL, want[i].solution,
		    "problem %zu solution heading", i + 1);
		cmp_ok(s && s->solution_text ? strlen(s->solution_text) : 0,
		    >, 0, "problem %zu has solution text", i + 1);
		is_str(s ? s->part : NULL, "Common Problems and Who to Contact",
		    "problem %zu part", i + 1);
		is_int(s ? s->line : 0, want[i].line, "problem %zu line",
		    i + 1);
	}
}

static void
test_problem_contacts(const factsheet_publication_t *pub)
{
	const factsheet_section_t *s;
	const factsheet_contact_t *c;

	s = nth_of_kind(pub, FACTSHEET_SECTION_PROBLEM, 0);
	is_int(s ? s->n_contacts : 0, 5, "problem 1: five contacts");
	is_str(VALUE(nth_contact(s, FACTSHEET_CONTACT_WEBSITE, 0)),
	    "https://eus.custhelp.com", "problem 1: website");
	is_str(VALUE(nth_contact(s, FACTSHEET_CONTACT_PHONE, 0)),
	    "1-866-484-8049", "problem 1: phone");
	is_str(VALUE(nth_contact(s, FACTSHEET_CONTACT_TTY, 0)),
	    "1-866-523-4759", "problem 1: TTY");
	is_str(VALUE(nth_contact(s, FACTSHEET_CONTACT_EMAIL, 0)),
	    "EUSsupport@cgi.com", "problem 1: email");
	is_str(VALUE(nth_contact(s, FACTSHEET_CONTACT_CHAT, 0)),
	    "Choose \"Live Chat\" in the menu on the right side of the screen "
	    "on the EUS website.", "problem 1: live chat instruction");
	is_int(count_contacts(s, FACTSHEET_CONTACT_LINK), 0,
	    "problem 1: no links");
	unlike(s ? s->solution_text : NULL, "Phone:",
	    "problem 1: contact lines are not solution text");
	unlike(s ? s->solution_text : NULL, "Website:",
	    "problem 1: contact lines are not solution text");
	unlike(s ? s->solution_text : NULL, "Email:",
	    "problem 1: contact lines are not solution text");
	unlike(s ? s->solution_text : NULL, "Live Chat:",
	    "problem 1: contact lines are not solution text");
	like(s ? s->solution_text : NULL,
	    "Find information on frequent " "problems",
	    "problem 1: the solution paragraph is kept");
	like(s ? s->text : NULL, "NOTE: A system-generated error message",
	    "problem 1: its NOTE is description text");

	s = nth_of_kind(pub, FACTSHEET_SECTION_PROBLEM, 1);
	is_int(count_contacts(s, FACTSHEET_CONTACT_LINK), 3,
	    "problem 2: three links");
	c = nth_contact(s, FACTSHEET_CONTACT_LINK, 0);
	is_str(LABEL(c), "Identity & Access Frequently Asked Questions (FAQs)",
	    "problem 2: link 1 label");
	is_str(VALUE(c), "https://nppes.cms.hhs.gov/IAWebContent/FAQs.pdf",
	    "problem 2: link 1 URL");
	c = nth_contact(s, FACTSHEET_CONTACT_LINK, 1);
	is_str(LABEL(c), "I&A System Quick Reference Guide",
	    "problem 2: link 2 label");
	is_str(VALUE(c), "https://nppes.cms.hhs.gov/IAWebContent/"
	    "Quick_Reference_Guide.pdf", "problem 2: link 2 URL");
	c = nth_contact(s, FACTSHEET_CONTACT_LINK, 2);
	is_str(LABEL(c), "Videos available on the I&A System homepage",
	    "problem 2: link 3 label");
	is_str(VALUE(c), "https://nppes.cms.hhs.gov/IAWeb/login.do",
	    "problem 2: link 3 URL");
	/* The display text is the publication's, curly quotes and all. */
	like(s ? s->text : NULL,
	    "the \xe2\x80\x9cMy Profile\xe2\x80\x9d " "tab",
	    "problem 2: curly quotes kept in the text");
	like(s ? s->solution_text : NULL, "\n- \xe2\x80\x9cI&A System Quick",
	    "problem 2: list items start a line");

	s = nth_of_kind(pub, FACTSHEET_SECTION_PROBLEM, 2);
	is_int(count_contacts(s, FACTSHEET_CONTACT_LINK), 2,
	    "problem 3: two links");
	like(s ? s->solution_text : NULL, "Medicare Learning Network"
	    REGISTERED " (MLN)", "problem 3: registered sign kept");

	s = nth_of_kind(pub, FACTSHEET_SECTION_PROBLEM, 3);
	is_str(s ? s->text : NULL, "", "problem 4: no description");
	is_int(count_contacts(s, FACTSHEET_CONTACT_LINK), 1,
	    "problem 4: one link");
	c = nth_contact(s, FACTSHEET_CONTACT_LINK, 0);
	is_str(LABEL(c), "Who should I call? CMS Provider Enrollment "
	    "Assistance Guide", "problem 4: link label");
	is_str(VALUE(c), "https://www.cms.gov/Medicare/Provider-Enrollment-"
	    "and-Certification/MedicareProviderSupEnroll/Downloads/"
	    "CMSProviderEnrollmentAssistanceGuide.pdf", "problem 4: link URL");
}

static void
test_resources(const factsheet_publication_t *pub)
{
	static const char *const names[] = {
		"Internet-based PECOS",
		"MLN Connects" REGISTERED " National Provider Call "
		"\"Streamlined Access to PECOS, EHR, and NPPES\"",
		"MLN Guided Pathways (GPs)",
		"National Provider Identifier",
	};
	const factsheet_section_t *s;
	const factsheet_contact_t *c;

	is_int(count_kind(pub, FACTSHEET_SECTION_RESOURCE), 4,
	    "exactly four resources");
	for (size_t i = 0; i < 4; i++) {
		s = nth_of_kind(pub, FACTSHEET_SECTION_RESOURCE, i);
		is_str(HEADING(s), names[i], "resource %zu name", i + 1);
		is_str(s ? s->part : NULL, "Resources", "resource %zu part",
		    i + 1);
		is_int(s ? s->line : 0, 85 + i, "resource %zu line", i + 1);
		is_int(s ? (long)s->solution_heading : -1, NULL,
		    "resource %zu has no solution", i + 1);
	}

	row_link_is(pub, 0, "https://pecos.cms.hhs.gov/pecos/login.do",
	    "Internet-based PECOS", "PECOS row");

	/* The date in the URL is not mistaken for a phone number. */
	s = nth_of_kind(pub, FACTSHEET_SECTION_RESOURCE, 1);
	is_int(s ? s->n_contacts : 0, 1, "NPC row: one contact, the link");

	s = nth_of_kind(pub, FACTSHEET_SECTION_RESOURCE, 2);
	is_int(count_contacts(s, FACTSHEET_CONTACT_LINK), 2,
	    "Guided Pathways row: two links from the <p> cell");
	c = nth_contact(s, FACTSHEET_CONTACT_LINK, 0);
	is_str(LABEL(c), "Provider Specific Medicare Resources",
	    "Guided Pathways: first label");
	is_str(VALUE(c), "https://www.cms.gov/Outreach-and-Education/Medicare-"
	    "Learning-Network-MLN/MLNEdWebGuide/Downloads/Guided_Pathways_"
	    "Provider_Specific_Booklet.pdf", "Guided Pathways: first URL");
	c = nth_contact(s, FACTSHEET_CONTACT_LINK, 1);
	is_str(LABEL(c), "All Other GP Resources",
	    "Guided Pathways: second label");
	is_str(VALUE(c), "https://www.cms.gov/Outreach-and-Education/Medicare-"
	    "Learning-Network-MLN/MLNEdWebGuide/Guided_Pathways.html",
	    "Guided Pathways: second URL");
	unlike(s ? s->text : NULL, "<p>", "Guided Pathways: no HTML tags");
}

static void
test_sections(const factsheet_publication_t *pub)
{
	size_t dup = 0, bad = 0;

	for (size_t i = 0; i < pub->n_sections; i++) {
		const factsheet_section_t *s = &pub->sections[i];

		if (s->slug == NULL || s->slug[0] == '\0' ||
		    s->heading == NULL || s->text == NULL ||
		    (s->solution_heading == NULL) !=
		    (s->solution_text == NULL) || s->line == 0)
			bad++;
		for (size_t j = 0; j < i; j++)
			if (s->slug && pub->sections[j].slug &&
			    strcmp(s->slug, pub->sections[j].slug) == 0)
				dup++;
	}
	is_int(bad, 0, "every section has a slug, heading, text and line");
	is_int(dup, 0, "slugs are unique");
	is_int(pub->sections[0].kind, FACTSHEET_SECTION_TEXT,
	    "the introduction is a text section");
	is_int(pub->sections[0].line, 12, "the introduction is at line 12");
	like(pub->sections[0].text, "When using Internet-based",
	    "the introduction's text");
}

static void
test_corpus(void)
{
	char *path = corpus_path(), *msg = (char *)"sentinel", *bytes;
	factsheet_publication_t *pub = NULL;
	factsheet_status_t st;
	size_t len = 0;

	st = factsheet_publication_read_file(path, &pub, &msg);
	is_int(st, FACTSHEET_STATUS_SUCCESS, "bundled file parses");
	ok(msg == NULL, "no message on success");
	bytes = slurp(path, &len);
	if (pub == NULL || bytes == NULL || pub->n_sections == 0) {
		ok(0, "cannot go on without the parsed file");
	} else {
		test_front(pub);
		test_problems(pub);
		test_problem_contacts(pub);
		test_resources(pub);
		test_sections(pub);
		test_nothing_lost(pub, bytes);
	}
	free(msg);
	free(bytes);
	factsheet_publication_free(pub);
	free(path);
}

/* The first difference between two parses, or NULL if none. */
static const char *
differs(const factsheet_publication_t *a, const factsheet_publication_t *b)
{
#define SAME(x, y) ((x) == NULL ? (y) == NULL : (y) && !strcmp((x), (y)))
	if (!SAME(a->title, b->title))
		return "title";
	if (!SAME(a->series, b->series))
		return "series";
	if (!SAME(a->warning, b->warning))
		return "warning";
	if (a->n_agency != b->n_agency)
		return "number of agency lines";
	for (size_t i = 0; i < a->n_agency; i++)
		if (!SAME(a->agency[i], b->agency[i]))
			return "agency line";
	if (a->n_sections != b->n_sections)
		return "number of sections";
	for (size_t i = 0; i < a->n_sections; i++) {
		const factsheet_section_t *s = &a->sections[i];
		const factsheet_section_t *t = &b->sections[i];

		if (s->kind != t->kind || s->line != t->line ||
		    s->n_contacts != t->n_contacts)
			return "section kind, line or contact count";
		if (!SAME(s->slug, t->slug) || !SAME(s->heading, t->heading) ||
		    !SAME(s->part, t->part) || !SAME(s->text, t->text))
			return "section slug, heading, part or text";
		if (!SAME(s->solution_heading, t->solution_heading) ||
		    !SAME(s->solution_text, t->solution_text))
			return "solution";
		for (size_t j = 0; j < s->n_contacts; j++)
			if (s->contacts[j].kind != t->contacts[j].kind ||
			    !SAME(s->contacts[j].value, t->contacts[j].value) ||
			    !SAME(s->contacts[j].label, t->contacts[j].label))
				return "contact";
	}
	return NULL;
#undef SAME
}

/* Parses BYTES as "mem.txt"; NULL (and a failed test) on failure. */
static factsheet_publication_t *
parse_mem(const char *what, const char *bytes, size_t len)
{
	factsheet_publication_t *pub = NULL;
	char *msg = NULL;
	factsheet_status_t st;

	st = factsheet_publication_parse("mem.txt", bytes, len, &pub, &msg);
	is_int(st, FACTSHEET_STATUS_SUCCESS, "%s parses", what);
	if (msg != NULL)
		printf("# %s\n", msg);
	free(msg);
	return pub;
}

static void
test_line_endings(void)
{
	char *path = corpus_path(), *bytes;
	size_t len = 0;
	strbuf_t crlf = { 0 }, bom = { 0 };
	factsheet_publication_t *lf, *other;
	const char *diff;

	bytes = slurp(path, &len);
	ok(bytes != NULL, "the bundled file can be read");
	if (bytes == NULL) {
		free(path);
		return;
	}
	for (size_t i = 0; i < len; i++)
		if (bytes[i] == '\n')
			strbuf_puts(&crlf, "\r\n");
		else
			strbuf_append(&crlf, &bytes[i], 1);
	strbuf_puts(&bom, "\xef\xbb\xbf");
	strbuf_append(&bom, bytes, len);

	lf = parse_mem("LF text", bytes, len);
	other = parse_mem("CRLF text", crlf.data, crlf.len);
	diff = lf && other ? differs(lf, other) : "no parse";
	ok(diff == NULL, "CRLF parses the same as LF (%s)",
	    diff ? diff : "same");
	factsheet_publication_free(other);

	other = parse_mem("text with a BOM", bom.data, bom.len);
	diff = lf && other ? differs(lf, other) : "no parse";
	ok(diff == NULL, "a BOM changes nothing (%s)", diff ? diff : "same");
	factsheet_publication_free(other);

	factsheet_publication_free(lf);
	free(strbuf_finish(&crlf));
	free(strbuf_finish(&bom));
	free(bytes);
	free(path);
}

static void
test_bom_title(void)
{
	static const char text[] = "\xef\xbb\xbfLost Password Help\n\n"
	    "Problem: Lost password\n\nSolution: Reset it\n\n"
	    "Phone: 866-484-8049\n";
	factsheet_publication_t *pub = parse_mem("BOM before the title", text,
	    sizeof text - 1);

	is_str(pub ? pub->title : NULL, "Lost Password Help",
	    "BOM is not part of the title");
	factsheet_publication_free(pub);
}

static void
test_plain_text(void)
{
	static const char text[] = "Meeting Notes\n\n"
	    "The office is closed on Monday.\nBring your badge.\n\n"
	    "Parking is behind the building.\n";
	factsheet_publication_t *pub = parse_mem("plain text", text,
	    sizeof text - 1);
	size_t other = 0;

	if (pub == NULL)
		return;
	is_str(pub->title, "Meeting Notes", "plain text: title");
	ok(pub->warning != NULL, "plain text: a warning");
	ok(contains(pub->warning, "mem.txt"), "plain text: warning names the "
	    "source (%s)", pub->warning ? pub->warning : "(null)");
	ok(pub->n_sections > 0, "plain text: still has sections");
	for (size_t i = 0; i < pub->n_sections; i++)
		other += pub->sections[i].kind != FACTSHEET_SECTION_TEXT;
	is_int(other, 0, "plain text: all sections are plain text");
	like(pub->n_sections > 0 ? pub->sections[0].text : NULL,
	    "The office is closed on Monday. Bring your badge.",
	    "plain text: lines of a paragraph joined");
	factsheet_publication_free(pub);
}

/* A table cell's URL in angle brackets is a link, not an HTML tag. */
static void
test_angle_url_cell(void)
{
	static const char text[] = "Links\n\nResources\n\n"
	    "Resource\tWebsite\n"
	    "Enrollment Help\t<https://www.cms.gov/enroll>\n"
	    "Forms\tSee <https://www.cms.gov/forms> or <b>ask</b>\n";
	factsheet_publication_t *pub = parse_mem("angle-bracketed URL cells",
	    text, sizeof text - 1);
	const factsheet_section_t *s;

	if (pub == NULL)
		return;
	is_int(count_kind(pub, FACTSHEET_SECTION_RESOURCE), 2,
	    "angle URL cells: two resources");
	/* The link without its brackets, which leave the row's name. */
	row_link_is(pub, 0, "https://www.cms.gov/enroll", "Enrollment Help",
	    "angle URL cell");
	/* A real tag beside it still sends the cell through the HTML
	 * parser, which keeps the words. */
	s = nth_of_kind(pub, FACTSHEET_SECTION_RESOURCE, 1);
	like(s ? s->text : NULL, "ask",
	    "a cell with a tag: its words, no tag (%s)",
	    s && s->text ? s->text : "(null)");
	unlike(s ? s->text : NULL, "<b>",
	    "a cell with a tag: its words, no tag (%s)",
	    s && s->text ? s->text : "(null)");
	factsheet_publication_free(pub);
}

static void
test_problem_next_line(void)
{
	static const char text[] = "Lost Password Help\n\n"
	    "Problem:\nLost password\nYou forgot your password.\n\n"
	    "Solution: Reset it\n\n"
	    "Phone: 1-866-484-8049\n";
	factsheet_publication_t *pub = parse_mem("Problem: on its own line",
	    text, sizeof text - 1);
	const factsheet_section_t *s;

	if (pub == NULL)
		return;
	ok(pub->warning == NULL, "heading on next line: no warning");
	is_int(count_kind(pub, FACTSHEET_SECTION_PROBLEM), 1,
	    "heading on next line: one problem");
	s = nth_of_kind(pub, FACTSHEET_SECTION_PROBLEM, 0);
	is_str(HEADING(s), "Lost password", "heading on next line: heading");
	is_str(s ? s->text : NULL, "You forgot your password.",
	    "heading on next line: the rest is text");
	is_str(s ? s->solution_heading : NULL, "Reset it",
	    "heading on next line: solution");
	is_str(VALUE(nth_contact(s, FACTSHEET_CONTACT_PHONE, 0)),
	    "1-866-484-8049", "heading on next line: phone");
	is_int(s ? s->line : 0, 3, "heading on next line: line 3");
	factsheet_publication_free(pub);
}

static void
test_slugs_and_titles(void)
{
	/* Headings with no ASCII letter to make a slug from. */
	static const char cjk[] = "Notes\n\n\xe6\x97\xa5\xe6\x9c\xac\n\n"
	    "First one.\n\n\xe4\xb8\xad\xe6\x96\x87\n\nSecond one.\n";
	static const char repeated[] = "Notes\n\nOverview\n\nFirst.\n\n"
	    "Overview\n\nSecond.\n\nOverview\n\nThird.\n";
	static const char untitled[] = "Problem: Lost password\n\n"
	    "Solution: Reset it\n\nPhone: 866-484-8049\n";
	factsheet_publication_t *pub;
	char *msg = NULL;

	pub = parse_mem("CJK headings", cjk, sizeof cjk - 1);
	is_int(pub ? pub->n_sections : 0, 2, "CJK headings: two sections");
	if (pub != NULL && pub->n_sections == 2) {
		is_str(pub->sections[0].slug, "section",
		    "CJK headings: first slug falls back to \"section\"");
		is_str(pub->sections[1].slug, "section-2",
		    "CJK headings: second slug is \"section-2\"");
	}
	factsheet_publication_free(pub);

	pub = parse_mem("repeated headings", repeated, sizeof repeated - 1);
	is_int(pub ? pub->n_sections : 0, 3, "repeated headings: three "
	    "sections");
	if (pub != NULL && pub->n_sections == 3) {
		is_str(pub->sections[0].slug, "overview", "first: overview");
		is_str(pub->sections[1].slug, "overview-2",
		    "second: overview-2");
		is_str(pub->sections[2].slug, "overview-3",
		    "third: overview-3");
	}
	factsheet_publication_free(pub);

	/* No title line: the file's name stands in for it. */
	pub = NULL;
	is_int(factsheet_publication_parse("./dir/my-sheet.txt", untitled,
	    sizeof untitled - 1, &pub, &msg), FACTSHEET_STATUS_SUCCESS,
	    "untitled text parses");
	is_str(pub ? pub->title : NULL, "my-sheet",
	    "untitled: title from the file name");
	is_str(pub ? pub->source : NULL, "dir/my-sheet.txt",
	    "untitled: leading ./ dropped from the source");
	is_int(pub ? count_kind(pub, FACTSHEET_SECTION_PROBLEM) : 0, 1,
	    "untitled: the problem is a section");
	free(msg);
	factsheet_publication_free(pub);
}

/* Help files of other layouts --------------------------------------- */

#define TEXT_FIXTURES "tests/readers/"

/* The fixture NAME parsed, its bytes in *BYTES; NULL (and a failed
 * test) if it does not parse. */
static factsheet_publication_t *
read_text_fixture(const char *name, char **bytes)
{
	char *path = source_path(name), *msg = NULL;
	factsheet_publication_t *pub = NULL;
	size_t len = 0;

	is_int(factsheet_publication_read_file(path, &pub, &msg),
	    FACTSHEET_STATUS_SUCCESS, "%s parses", name);
	if (msg != NULL)
		printf("# %s\n", msg);
	*bytes = slurp(path, &len);
	free(msg);
	free(path);
	return pub;
}

/* The first section headed HEADING, or NULL. */
static const factsheet_section_t *
section_named(const factsheet_publication_t *pub, const char *heading)
{
	for (size_t i = 0; pub != NULL && i < pub->n_sections; i++)
		if (strcmp(pub->sections[i].heading, heading) == 0)
			return &pub->sections[i];
	return NULL;
}

/* The headings above S, joined by " / "; "" for none. */
static char *
slashed_path_of(const factsheet_section_t *s)
{
	strbuf_t b = { 0 };

	strbuf_puts(&b, "");
	for (size_t i = 0; s != NULL && i < s->n_path; i++)
		strbuf_printf(&b, "%s%s", i ? " / " : "", s->path[i]);
	return strbuf_finish(&b);
}

/* The section headed HEADING sits under the headings PATH. */
static void
path_is(const factsheet_publication_t *pub, const char *heading,
	const char *path)
{
	const factsheet_section_t *s = section_named(pub, heading);
	char *got = slashed_path_of(s);

	ok(s != NULL, "a section is headed \"%s\"", heading);
	is_str(got, path, "\"%s\" sits under its headings", heading);
	free(got);
}

/* The words of S (runs of letters, digits and any non-ASCII bytes),
 * lower-cased, each between spaces: " a b c ". */
static char *
word_list(const char *s)
{
	strbuf_t b = { 0 };
	int in = 0;

	strbuf_puts(&b, " ");
	for (; s != NULL && *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (isalnum(c) || c >= 0x80) {
			char lower = (char)tolower(c);

			strbuf_append(&b, &lower, 1);
			in = 1;
		} else if (in) {
			strbuf_puts(&b, " ");
			in = 0;
		}
	}
	if (in)
		strbuf_puts(&b, " ");
	return strbuf_finish(&b);
}

/*
 * Every word of the file BYTES is in some section of PUB (or its
 * title), but for the words of DROPPED ("toctree maxdepth"): markup,
 * which the reader leaves out, and which then must not be found.
 */
static void
words_kept(const factsheet_publication_t *pub, const char *bytes,
	   const char *dropped, const char *what)
{
	char *text = all_text(pub), *kept = word_list(text);
	char *file = word_list(bytes), *markup = word_list(dropped);
	char *word = file + 1, *end;
	strbuf_t missing = { 0 }, leaked = { 0 };

	strbuf_puts(&missing, "");
	strbuf_puts(&leaked, "");
	for (; (end = strchr(word, ' ')) != NULL; word = end + 1) {
		char *key = str_printf(" %.*s ", (int)(end - word), word);

		if (strstr(kept, key) == NULL && strstr(markup, key) == NULL &&
		    strstr(missing.data, key) == NULL)
			strbuf_puts(&missing, key + 1);
		free(key);
	}
	for (word = markup + 1; (end = strchr(word, ' ')) != NULL;
	    word = end + 1) {
		char *key = str_printf(" %.*s ", (int)(end - word), word);

		if (strstr(kept, key) != NULL)
			strbuf_puts(&leaked, key + 1);
		free(key);
	}
	is_str(missing.data, "", "%s: every word of the file is kept", what);
	is_str(leaked.data, "", "%s: no word of its markup is text", what);
	free(strbuf_finish(&missing));
	free(strbuf_finish(&leaked));
	free(text);
	free(kept);
	free(file);
	free(markup);
}

/* The help file of 1,700 words with underlined headings: a section per
 * heading, levels by the order of the underline characters. */
static void
test_underlined(void)
{
	static const char *const headings[] = {
		"What Revalidation Is", "Why CMS Revalidates Enrollments",
		"Who Must Revalidate", "Finding Your Due Date",
		"Using the Revalidation List", "Notices From Your MAC",
		"Submitting Your Revalidation", "Revalidating Online in PECOS",
		"Revalidating on Paper", "Application Fees",
		"After You Submit", "Site Visits", "Checking Your Status",
		"Missing Your Due Date", "Getting Reactivated",
		"Reassigned Practitioners",
		"Reporting Changes Between Revalidations",
		"Changes to Report Within 30 Days",
		"Changes to Report Within 90 Days", "Changes of Ownership",
		"Providers Who No Longer Bill Medicare",
		"Deceased Practitioners",
		"Practitioners With Several Enrollments", "DMEPOS Suppliers",
		"Words Used in This Help File",
		"Questions About Your Application",
		"Problems With PECOS or Your Password",
		"Problems With the Revalidation List",
	};
	char *bytes = NULL;
	factsheet_publication_t *pub = read_text_fixture(TEXT_FIXTURES
	    "revalidation-help.txt", &bytes);
	const factsheet_section_t *s;
	size_t found = 0;

	if (pub == NULL) {
		free(bytes);
		return;
	}
	is_str(pub->title, "Medicare Revalidation: Help for Providers and "
	    "Suppliers", "underlined: the title underlined alone is the "
	    "title");
	ok(pub->warning == NULL, "underlined: no warning (%s)",
	    pub->warning ? pub->warning : "none");
	is_str(pub->revised, "August 2023", "underlined: revision date");
	for (size_t i = 0; i < sizeof headings / sizeof headings[0]; i++)
		found += section_named(pub, headings[i]) != NULL;
	is_int(found, sizeof headings / sizeof headings[0],
	    "underlined: a section for each of the 28 headings with text");
	is_int(pub->n_sections, 29, "underlined: and the introduction");
	path_is(pub, "What Revalidation Is", "");
	path_is(pub, "Why CMS Revalidates Enrollments",
	    "What Revalidation Is");
	path_is(pub, "Site Visits", "After You Submit");
	path_is(pub, "Problems With PECOS or Your Password", "Getting Help");
	path_is(pub, "DMEPOS Suppliers", "Special Situations");
	s = section_named(pub, "Words Used in This Help File");
	like(s ? s->text : NULL,
	    "Revocation The end of your billing " "privileges",
	    "underlined: a definition list is text");
	s = &pub->sections[0];
	is_str(s->heading, pub->title, "underlined: the introduction is "
	    "headed by the title");
	ok(contains(s->text, "Revalidation means confirming"),
	    "underlined: the introduction has both its paragraphs");
	/* A rule of dashes between paragraphs is no heading. */
	s = section_named(pub, "Notices From Your MAC");
	like(s ? s->text : NULL,
	    "up to six months before your due date.",
	    "underlined: the rule after a "
	    "paragraph is neither a heading nor text");
	unlike(s ? s->text : NULL, "---", "underlined: the rule after a "
	    "paragraph is neither a heading nor text");
	s = section_named(pub, "Revalidating Online in PECOS");
	like(s ? s->text : NULL, "\n2. On the My Enrollments page, find",
	    "underlined: numbered steps keep their lines");
	like(s ? s->text : NULL,
	    "Identity & Access Management (I&A) user " "ID",
	    "underlined: an item's indented line joins it");
	is_str(VALUE(nth_contact(section_named(pub, "Problems With PECOS or "
	    "Your Password"), FACTSHEET_CONTACT_TTY, 0)), "1-866-523-4759",
	    "underlined: contact lines under a heading");
	words_kept(pub, bytes, "", "underlined");
	factsheet_publication_free(pub);
	free(bytes);
}

/* The reStructuredText help of a provider-enrollment module. */
static void
test_rst(void)
{
	char *bytes = NULL;
	factsheet_publication_t *pub = read_text_fixture(TEXT_FIXTURES
	    "enrollment-help.rst", &bytes);
	const factsheet_section_t *s;
	const factsheet_contact_t *c;

	if (pub == NULL) {
		free(bytes);
		return;
	}
	is_str(pub->format, "text", "rst: read as text");
	is_str(pub->title, "Provider Enrollment Application Module Help",
	    "rst: the overlined title is the title");
	is_str(pub->revised, "March 4, 2024", "rst: :Date: is the revision "
	    "date");
	is_int(pub->n_sections, 10, "rst: the introduction and nine "
	    "sections");
	path_is(pub, "Before You Begin", "");
	path_is(pub, "Signing In", "Before You Begin");
	path_is(pub, "Reassigning Benefits", "Starting an Application / "
	    "Choosing the Enrollment Type");
	path_is(pub, "Uploading Documents", "Starting an Application");
	s = section_named(pub, "Reassigning Benefits");
	is_str(s ? s->anchor : NULL, "reassignment",
	    "rst: a target over a title is its anchor");
	s = section_named(pub, "Uploading Documents");
	is_str(s ? s->anchor : NULL, "uploading-documents",
	    "rst: a title without one is anchored by its slug");
	s = &pub->sections[0];
	ok(contains(s->text, "Date: March 4, 2024\nVersion: 4.2"),
	    "rst: fields read as lines of text");
	ok(contains(s->text, "in Provider Enrollment, Chain, and Ownership "
	    "System."), "rst: a substitution gives its text");
	c = nth_contact(s, FACTSHEET_CONTACT_LINK, 0);
	is_str(VALUE(c), "https://www.cms.gov/medicare/forms",
	    "rst: an embedded link is a link");
	s = section_named(pub, "Before You Begin");
	like(s ? s->text : NULL,
	    "Passwords expire every 60 days. If your " "password has expired",
	    "rst: a note's text is kept");
	unlike(s ? s->text : NULL, "note::", "rst: its directive is not");
	s = section_named(pub, "Who Must Enroll");
	like(s ? s->text : NULL,
	    "through the ordering and referring " "application",
	    "rst: a :ref: role gives its text");
	s = section_named(pub, "Signing In");
	like(s ? s->text : NULL, "Do not share your user ID.",
	    "rst: a warning's indented body is kept");
	like(s ? s->text : NULL, "Select Log In, then",
	    "rst: strong emphasis loses its stars");
	c = nth_contact(s, FACTSHEET_CONTACT_LINK, 0);
	is_str(VALUE(c), "https://pecos.cms.hhs.gov/pecos/login.do",
	    "rst: PECOS_ links to its target's address");
	s = section_named(pub, "Uploading Documents");
	like(s ? s->text : NULL, "for example:\n\nNPI1234567890_IRS_CP575",
	    "rst: a literal block is text, its \"::\" a colon");
	like(s ? s->text : NULL,
	    "Error 4012: The file type is not " "accepted.",
	    "rst: a code block's code is kept");
	s = section_named(pub, "Submitting and Tracking");
	like(s ? s->text : NULL, "Processing times",
	    "rst: a list table's title and cells are kept");
	like(s ? s->text : NULL, "45 calendar days",
	    "rst: a list table's title and cells are kept");
	s = section_named(pub, "Getting Help");
	c = nth_contact(s, FACTSHEET_CONTACT_LINK, 0);
	is_str(LABEL(c), "See Medicare Enrollment Contractors",
	    "rst: an anonymous link's label");
	is_str(VALUE(nth_contact(s, FACTSHEET_CONTACT_TTY, 0)),
	    "1-866-523-4759", "rst: contacts of its text");
	like(s ? s->text : NULL,
	    "Provider Enrollment, Chain, and Ownership "
	    "System frequently asked questions",
	    "rst: a seealso's argument is text");
	/* Directive names and options, the toctree's entries, image paths,
	 * roles and the reviewer's comment are markup. */
	words_kept(pub, bytes, "replace image images logo png contents "
	    "local depth toctree maxdepth started revalidation note alt "
	    "checklist width 480px ref warning tip guilabel code block text "
	    "table header rows seealso reviewer screenshots show 2022 layout "
	    "update them next release", "rst");
	factsheet_publication_free(pub);
	free(bytes);
}

/* A text manual: numbered headings and headings in capitals, with
 * numbered lists that stay lists. */
static void
test_manual(void)
{
	char *bytes = NULL;
	factsheet_publication_t *pub = read_text_fixture(TEXT_FIXTURES
	    "enrollment-manual.txt", &bytes);
	const factsheet_section_t *s;

	if (pub == NULL) {
		free(bytes);
		return;
	}
	is_str(pub->title, "Ordering and Referring Enrollment User Manual",
	    "manual: title over two lines");
	is_int(pub->n_agency, 1, "manual: one agency line");
	ok(pub->warning == NULL, "manual: no warning");
	path_is(pub, "1. INTRODUCTION", "");
	path_is(pub, "1.1 Why Enrollment Matters", "1. INTRODUCTION");
	path_is(pub, "1.2 Who Should Read This Manual", "1. INTRODUCTION");
	path_is(pub, "2. ELIGIBILITY", "");
	path_is(pub, "OPTING OUT OF MEDICARE", "2. ELIGIBILITY");
	path_is(pub, "3.1 Paper Applications", "3. APPLYING ONLINE");
	path_is(pub, "A. Reconsideration", "4. APPEALS");
	path_is(pub, "B. Administrative Law Judge Hearing", "4. APPEALS");
	s = section_named(pub, "CONTENTS");
	like(s ? s->text : NULL, "1. Introduction\n2. Eligibility",
	    "manual: the table of contents is text");
	ok(section_named(pub, "1. Introduction") == NULL,
	    "manual: no heading from the table of contents");
	s = section_named(pub, "2. ELIGIBILITY");
	like(s ? s->text : NULL, "following:\n\n1. A doctor of medicine",
	    "manual: a list after a colon is text");
	s = section_named(pub, "3. APPLYING ONLINE");
	like(s ? s->text : NULL, "1. Log in to PECOS.",
	    "manual: steps apart by blank lines are text");
	like(s ? s->text : NULL, "4. Complete each screen",
	    "manual: steps apart by blank lines are text");
	like(s ? s->text : NULL, "Your MAC sends a letter",
	    "manual: steps apart by blank lines are text");
	ok(section_named(pub, "1. Log in to PECOS.") == NULL,
	    "manual: step 1 is no heading");
	ok(section_named(pub, "4. Complete each screen, then select "
	    "Submit.") == NULL, "manual: step 4 is no heading");
	s = section_named(pub, "CONTACT INFORMATION");
	is_str(VALUE(nth_contact(s, FACTSHEET_CONTACT_EMAIL, 0)),
	    "EUSsupport@cgi.com", "manual: contacts under a capitals "
	    "heading");
	words_kept(pub, bytes, "", "manual");
	factsheet_publication_free(pub);
	free(bytes);
}

/* A Q:/A: FAQ: each question is a section, its answer the text. */
static void
test_faq(void)
{
	char *bytes = NULL;
	factsheet_publication_t *pub = read_text_fixture(TEXT_FIXTURES
	    "npi-enumeration-faq.txt", &bytes);
	const factsheet_section_t *s;

	if (pub == NULL) {
		free(bytes);
		return;
	}
	is_str(pub->title, "National Provider Identifier (NPI) Frequently "
	    "Asked Questions", "faq: title over two lines, the date under "
	    "it left");
	is_int(pub->n_sections, 9, "faq: the introduction and eight "
	    "questions");
	path_is(pub, "Who needs an NPI?", "Applying for an NPI");
	path_is(pub, "How do I apply?", "Applying for an NPI");
	path_is(pub, "I moved my practice. Do I have to update NPPES?",
	    "Changing Your Information");
	path_is(pub, "Can a deactivated NPI be used again?", "Deactivation");
	s = section_named(pub, "Does it cost anything to apply?");
	is_str(s ? s->text : NULL, "No. There is no fee for an NPI.",
	    "faq: the answer is the text, without its label");
	s = section_named(pub, "How do I apply?");
	like(s ? s->text : NULL, "NPI Enumerator P.O. Box 6059",
	    "faq: an answer's later paragraphs stay with it");
	s = section_named(pub, "I forgot my NPPES password.");
	{
		char *start = s ? str_ndup(s->text, 24) : NULL;

		is_str(start, "Select \"Forgot Password\"",
		    "faq: \"Answer:\" alone on its line");
		free(start);
	}
	is_str(VALUE(nth_contact(s, FACTSHEET_CONTACT_PHONE, 0)),
	    "1-866-484-8049", "faq: an answer's phone number");
	/* The labels of questions and answers. */
	words_kept(pub, bytes, "q answer", "faq");
	factsheet_publication_free(pub);
	free(bytes);
}

/* A .rst file is text, whatever its lines look like. */
static void
test_rst_format(void)
{
	static const char text[] = "Resetting Passwords\n"
	    "===================\n\nRun this::\n\n# reset-password --user\n\n"
	    "Then sign in.\n";
	static const char raw[] = "Help\n====\n\nBefore.\n\n"
	    ".. raw:: html\n\n   <p>Write to the\n\n   <a href=\""
	    "mailto:EUSsupport@cgi.com\">help desk</a>.</p>\n\n"
	    ".. raw:: latex\n\n   \\newpage latex\n\nAfter.\n";
	static const char spaced[] = "Topic\n=====\n\n"
	    "..    important::\n      Do not share your password.\n\n"
	    ".. note :: Note Title\n   Passwords expire.\n\n"
	    ".. figure:: picture.png\n   :alt: alternate text\n\n"
	    "   The caption of the figure.\n\nEnd.\n";
	factsheet_publication_t *pub = NULL;
	const factsheet_section_t *s;
	char *msg = NULL;

	is_int(factsheet_publication_parse("help/reset.rst", text,
	    sizeof text - 1, &pub, &msg), FACTSHEET_STATUS_SUCCESS,
	    ".rst with a \"# \" line parses");
	is_str(pub ? pub->format : NULL, "text", ".rst is read as text");
	is_str(pub ? pub->title : NULL, "Resetting Passwords",
	    ".rst: its title");
	is_int(pub ? (long)pub->n_sections : -1, 1,
	    ".rst: the \"# \" line is text");
	like(pub ? pub->sections[0].text : NULL,
	    "Run this:\n\n# reset-password --user\n\nThen sign in.",
	    ".rst: the \"# \" line is text");
	free(msg);
	factsheet_publication_free(pub);

	pub = NULL;
	is_int(factsheet_publication_parse("help/raw.rst", raw,
	    sizeof raw - 1, &pub, &msg), FACTSHEET_STATUS_SUCCESS,
	    ".rst with raw HTML parses");
	s = pub && pub->n_sections > 0 ? &pub->sections[0] : NULL;
	like(s ? s->text : NULL, "Before.", "raw HTML is read as HTML, raw "
	    "LaTeX left out");
	like(s ? s->text : NULL,
	    "Write to the help desk", "raw HTML is read as HTML, raw "
	    "LaTeX left out");
	like(s ? s->text : NULL, "After.", "raw HTML is read as HTML, raw "
	    "LaTeX left out");
	unlike(s ? s->text : NULL, "<p>", "raw HTML is read as HTML, raw "
	    "LaTeX left out");
	unlike(s ? s->text : NULL, "latex", "raw HTML is read as HTML, raw "
	    "LaTeX left out");
	is_str(VALUE(nth_contact(s, FACTSHEET_CONTACT_EMAIL, 0)),
	    "EUSsupport@cgi.com", "raw HTML: its link's address");
	free(msg);
	factsheet_publication_free(pub);

	pub = NULL;
	is_int(factsheet_publication_parse("help/spaced.rst", spaced,
	    sizeof spaced - 1, &pub, &msg), FACTSHEET_STATUS_SUCCESS,
	    ".rst with spaced directives parses");
	s = pub && pub->n_sections > 0 ? &pub->sections[0] : NULL;
	like(s ? s->text : NULL,
	    "Do not share your password.", "directives written \"..   "
	    "important::\" and \".. note ::\" keep their content");
	like(s ? s->text : NULL,
	    "Note Title Passwords expire.", "directives written \"..   "
	    "important::\" and \".. note ::\" keep their content");
	like(s ? s->text : NULL,
	    "The caption of the figure.", "directives written \"..   "
	    "important::\" and \".. note ::\" keep their content");
	unlike(s ? s->text : NULL, "alternate", "directives written \"..   "
	    "important::\" and \".. note ::\" keep their content");
	free(msg);
	factsheet_publication_free(pub);
}

/* Small texts: what is a heading and what is not. */
static void
test_heading_kinds(void)
{
	static const char steps[] = "Enrollment Steps\n\n"
	    "Follow these steps.\n\n1. Log in to PECOS\n\n"
	    "2. Select My Enrollments\n\n3. Choose Submit\n\n"
	    "Your MAC writes to you.\n";
	static const char short_rule[] = "Enrollment Notes\n\n"
	    "A paragraph that runs on to some length before it ends.\n---\n\n"
	    "More text here.\n";
	static const char overlined[] = "=========\nPasswords\n=========\n\n"
	    "Reset\n-----\nUse the link.\n\nExpiry\n------\n"
	    "Every 60 days.\n\nSee also\n--------\n";
	static const char empty[] = "Guide\n\nOverview\n========\n\n"
	    "Details\n=======\n\nText.\n";
	static const char qa_block[] = "PECOS Questions\n\n"
	    "Q: Who signs?\nA: The authorized official.\n"
	    "Q: When?\nA: Before you submit.\n";
	static const char outline[] = "Enrollment Guide\n\n"
	    "I. OVERVIEW\n\nMedicare pays enrolled providers.\n\n"
	    "II. PASSWORDS\n\n2.1 Resetting a Password\n"
	    "Passwords expire every 60 days.\n\n"
	    "1.5 million providers enrolled in\nMedicare last year.\n\n"
	    "Part B covers doctors and\nMedicare pays 80 percent.\n";
	static const char chapters[] = "Provider Manual\n\n"
	    "Chapter 1 Getting Started\n\nSign in first.\n\n"
	    "Chapter 2 Enrollment\n\nThen enroll.\n";
	factsheet_publication_t *pub;
	const factsheet_section_t *s;

	pub = parse_mem("an outline", outline, sizeof outline - 1);
	path_is(pub, "I. OVERVIEW", "");
	path_is(pub, "2.1 Resetting a Password", "II. PASSWORDS");
	s = section_named(pub, "2.1 Resetting a Password");
	like(s ? s->text : NULL, "Passwords expire every 60 days.",
	    "a number or a word starting a paragraph makes no heading");
	like(s ? s->text : NULL, "1.5 million providers enrolled in Medicare",
	    "a number or a word starting a paragraph makes no heading");
	like(s ? s->text : NULL, "Part B covers doctors and Medicare pays",
	    "a number or a word starting a paragraph makes no heading");
	is_int(pub ? pub->n_sections : 0, 2, "an outline: two sections");
	factsheet_publication_free(pub);

	pub = parse_mem("chapters", chapters, sizeof chapters - 1);
	path_is(pub, "Chapter 1 Getting Started", "");
	path_is(pub, "Chapter 2 Enrollment", "");
	factsheet_publication_free(pub);

	pub = parse_mem("steps without periods", steps, sizeof steps - 1);
	ok(pub != NULL, "steps apart by blank lines parse");
	ok(section_named(pub, "1. Log in to PECOS") == NULL,
	    "step 1, apart by blank lines, is no heading");
	ok(section_named(pub, "3. Choose Submit") == NULL,
	    "step 3, apart by blank lines, is no heading");
	s = pub ? nth_of_kind(pub, FACTSHEET_SECTION_TEXT, 0) : NULL;
	like(s ? s->text : NULL, "1. Log in to PECOS\n\n2. Select",
	    "the steps and the text after them are one section's");
	like(s ? s->text : NULL, "Your MAC writes to you.",
	    "the steps and the text after them are one section's");
	factsheet_publication_free(pub);

	pub = parse_mem("a short rule", short_rule, sizeof short_rule - 1);
	s = pub && pub->n_sections > 0 ? &pub->sections[0] : NULL;
	like(s ? s->text : NULL, "before it ends.\n\nMore text here.",
	    "a long line over a short rule is text, not a heading");
	factsheet_publication_free(pub);

	pub = parse_mem("an empty heading", empty, sizeof empty - 1);
	s = section_named(pub, "Overview");
	is_str(s ? s->text : NULL, "Overview", "a heading with nothing under "
	    "it keeps its words in a section of its own");
	s = section_named(pub, "Details");
	is_str(s ? s->text : NULL, "Text.", "the next heading has its text");
	factsheet_publication_free(pub);

	pub = parse_mem("an overlined title", overlined, sizeof overlined - 1);
	is_str(pub ? pub->title : NULL, "Passwords",
	    "an overlined title is the title");
	is_int(pub ? pub->n_sections : 0, 2, "two underlined sections");
	s = section_named(pub, "Expiry");
	is_str(s ? s->text : NULL, "Every 60 days.\n\nSee also",
	    "text right under its underline; a last title is text");
	factsheet_publication_free(pub);

	pub = parse_mem("questions in one block", qa_block,
	    sizeof qa_block - 1);
	s = section_named(pub, "When?");
	is_str(s ? s->text : NULL, "Before you submit.",
	    "questions and answers line after line");
	is_str(pub ? section_named(pub, "Who signs?") ? section_named(pub,
	    "Who signs?")->text : NULL : NULL, "The authorized official.",
	    "the first answer ends where the next question starts");
	factsheet_publication_free(pub);
}

static void
test_bad_input(void)
{
	factsheet_publication_t *pub = (factsheet_publication_t *)&pub;
	char *msg = NULL, *dir;
	factsheet_status_t st;

	/* An empty file is a publication with no sections, and a warning. */
	st = factsheet_publication_parse("empty.txt", "", 0, &pub, &msg);
	is_int(st, FACTSHEET_STATUS_SUCCESS, "empty text is no failure");
	ok(pub != NULL, "empty text: a publication");
	is_size(pub ? pub->n_sections : 99, 0, "empty text: no sections");
	like(pub ? pub->warning : NULL, "empty.txt: empty file",
	    "empty text: the warning names it");
	factsheet_publication_free(pub);
	free(msg);

	st = factsheet_publication_read_file("/nonexistent/factsheet.txt",
	    &pub, &msg);
	is_int(st, FACTSHEET_STATUS_FILE_ERROR, "missing file: file error");
	ok(pub == NULL, "missing file: no publication");
	ok(contains(msg, "/nonexistent/factsheet.txt"),
	    "missing file: message names it");
	free(msg);

	dir = source_path("corpus");
	st = factsheet_publication_read_file(dir, &pub, &msg);
	free(dir);
	is_int(st, FACTSHEET_STATUS_FILE_ERROR, "a directory: file error");
	ok(contains(msg, "directory"), "a directory: message says so");
	free(msg);

	/* Freeing NULL is allowed; a crash here fails the test. */
	factsheet_publication_free(NULL);
}

/* A form feed, as pdftotext writes between pages, starts a page. */
static void
test_text_pages(void)
{
	factsheet_publication_t *pub = parse("small.txt", "Paged Fact Sheet\n\n"
	    "Some help for you.\n\nProblem: First Thing\n\nIt broke.\n\n"
	    "Solution: Call Us\n\nPhone: 1-800-633-4227\n"
	    "\fProblem: Second Thing\n\nIt broke again.\n");
	const factsheet_section_t *a, *b;

	ok(pub != NULL, "a text with a form feed (as pdftotext writes)");
	a = section_named(pub, "First Thing");
	b = section_named(pub, "Second Thing");
	is_int(a ? a->page : 0, 1, "the problem before the form feed: page 1");
	ok(b != NULL, "a form feed at a line's start does not hide its label");
	is_int(b ? b->page : 0, 2, "the problem after it: page 2");
	factsheet_publication_free(pub);

	pub = parse("plain.txt", "Plain Sheet\n\nNo form feed here.\n");
	is_int(pub && pub->n_sections ? pub->sections[0].page : 9, 0,
	    "a text without form feeds has no pages");
	factsheet_publication_free(pub);
}


int
main(void)
{
	test_corpus();
	test_line_endings();
	test_bom_title();
	test_plain_text();
	test_problem_next_line();
	test_angle_url_cell();
	test_slugs_and_titles();
	test_underlined();
	test_rst();
	test_manual();
	test_faq();
	test_heading_kinds();
	test_rst_format();
	test_bad_input();
	test_text_pages();
	return done_testing();
}
