/*
 * test-parse.c - the bundled fact sheet through the whole parser
 * (factsheet_publication_read_file): front matter, the four Problem
 * blocks with their contacts, the Resources table, and no line of the
 * file left out; then small inputs in memory for the edge cases.
 */
#include <config.h>

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
	ok(pub->id != NULL && pub->id[0] != '\0', "an id");
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
		ok(s && s->solution_text != NULL,
		    "problem %zu has solution text", i + 1);
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
	ok(s && !contains(s->solution_text, "Phone:") &&
	    !contains(s->solution_text, "Website:") &&
	    !contains(s->solution_text, "Email:") &&
	    !contains(s->solution_text, "Live Chat:"),
	    "problem 1: contact lines are not solution text");
	ok(s && contains(s->solution_text, "Find information on frequent "
	    "problems"), "problem 1: the solution paragraph is kept");
	ok(s && contains(s->text, "NOTE: A system-generated error message"),
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
	ok(s && contains(s->text, "the \xe2\x80\x9cMy Profile\xe2\x80\x9d "
	    "tab"), "problem 2: curly quotes kept in the text");
	ok(s && contains(s->solution_text, "\n- \xe2\x80\x9cI&A System Quick"),
	    "problem 2: list items start a line");

	s = nth_of_kind(pub, FACTSHEET_SECTION_PROBLEM, 2);
	is_int(count_contacts(s, FACTSHEET_CONTACT_LINK), 2,
	    "problem 3: two links");
	ok(s && contains(s->solution_text, "Medicare Learning Network"
	    REGISTERED " (MLN)"), "problem 3: registered sign kept");

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
		ok(s && s->solution_heading == NULL,
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
	ok(s && !contains(s->text, "<p>"), "Guided Pathways: no HTML tags");
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
	ok(pub->sections[0].kind == FACTSHEET_SECTION_TEXT &&
	    pub->sections[0].line == 12 &&
	    contains(pub->sections[0].text, "When using Internet-based"),
	    "the introduction is a text section at line 12");
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
parse(const char *what, const char *bytes, size_t len)
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

	lf = parse("LF text", bytes, len);
	other = parse("CRLF text", crlf.data, crlf.len);
	diff = lf && other ? differs(lf, other) : "no parse";
	ok(diff == NULL, "CRLF parses the same as LF (%s)",
	    diff ? diff : "same");
	factsheet_publication_free(other);

	other = parse("text with a BOM", bom.data, bom.len);
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
	factsheet_publication_t *pub = parse("BOM before the title", text,
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
	factsheet_publication_t *pub = parse("plain text", text,
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
	ok(pub->n_sections > 0 && contains(pub->sections[0].text,
	    "The office is closed on Monday. Bring your badge."),
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
	factsheet_publication_t *pub = parse("angle-bracketed URL cells",
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
	ok(s && contains(s->text, "ask") && !contains(s->text, "<b>"),
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
	factsheet_publication_t *pub = parse("Problem: on its own line", text,
	    sizeof text - 1);
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

	pub = parse("CJK headings", cjk, sizeof cjk - 1);
	is_int(pub ? pub->n_sections : 0, 2, "CJK headings: two sections");
	if (pub != NULL && pub->n_sections == 2) {
		is_str(pub->sections[0].slug, "section",
		    "CJK headings: first slug falls back to \"section\"");
		is_str(pub->sections[1].slug, "section-2",
		    "CJK headings: second slug is \"section-2\"");
	}
	factsheet_publication_free(pub);

	pub = parse("repeated headings", repeated, sizeof repeated - 1);
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

static void
test_bad_input(void)
{
	factsheet_publication_t *pub = (factsheet_publication_t *)&pub;
	char *msg = NULL;
	factsheet_status_t st;

	st = factsheet_publication_parse("empty.txt", "", 0, &pub, &msg);
	is_int(st, FACTSHEET_STATUS_BAD_INPUT, "empty text is bad input");
	ok(pub == NULL, "empty text: no publication");
	ok(contains(msg, "empty.txt"), "empty text: message names it");
	free(msg);

	st = factsheet_publication_read_file("/nonexistent/factsheet.txt",
	    &pub, &msg);
	is_int(st, FACTSHEET_STATUS_FILE_ERROR, "missing file: file error");
	ok(pub == NULL, "missing file: no publication");
	ok(contains(msg, "/nonexistent/factsheet.txt"),
	    "missing file: message names it");
	free(msg);

	st = factsheet_publication_read_file("/tmp", &pub, &msg);
	is_int(st, FACTSHEET_STATUS_FILE_ERROR, "a directory: file error");
	ok(contains(msg, "directory"), "a directory: message says so");
	free(msg);

	factsheet_publication_free(NULL);
	ok(1, "factsheet_publication_free(NULL) is safe");
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
	test_bad_input();
	return done_testing();
}
