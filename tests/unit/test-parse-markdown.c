/*
 * test-parse-markdown.c - the Markdown reader (lib/parse-markdown.c, on
 * cmark-gfm) on two publications in the style of federal help pages: a
 * help-center page with YAML front matter, {#id} anchors, a page break
 * under a paragraph, tables (one of a header row alone), <details>
 * blocks and entities; and a fact sheet converted from a PDF, whose page
 * breaks came out as "---" lines.  Then small inputs in memory for each
 * rule: front matter, attribute lists, "---", raw HTML, entities, links,
 * deep nesting.  Every word of each fixture's body must land in a
 * section.  Then a guide with numbered topics and a fact sheet with a
 * pipe table, input without structure and input with nothing in it.
 */
#include <config.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "factsheet-private.h"
#include "tap.h"
#include "testlib.h"

#define HELP_PAGE "tests/fixtures/replace-medicare-card.md"
#define FACT_SHEET "tests/fixtures/dmepos-enrollment.md"
#define GUIDE_MD "tests/fixtures/pecos-guide.md"
#define CONTACTS_MD "tests/fixtures/pecos-contacts.md"

#define NBSP "\xc2\xa0"
#define MDASH "\xe2\x80\x94"
#define LDQUO "\xe2\x80\x9c"
#define RDQUO "\xe2\x80\x9d"

/* The section whose text holds NEEDLE, or NULL. */
static const factsheet_section_t *
section_with(const factsheet_publication_t *pub, const char *needle)
{
	for (size_t i = 0; pub != NULL && i < pub->n_sections; i++)
		if (contains(pub->sections[i].text, needle))
			return &pub->sections[i];
	return NULL;
}

/* The headings of PUB's sections joined by " | ". */
static char *
headings_of(const factsheet_publication_t *pub)
{
	strbuf_t b = { 0 };

	for (size_t i = 0; pub != NULL && i < pub->n_sections; i++)
		strbuf_printf(&b, "%s%s", i ? " | " : "",
		    pub->sections[i].heading ? pub->sections[i].heading :
		    "(none)");
	return strbuf_finish(&b);
}

#define HEADING(s) ((s) ? (s)->heading : NULL)
#define ANCHOR(s) ((s) ? (s)->anchor : NULL)
#define TEXT(s) ((s) ? (s)->text : NULL)
#define LINE(s) ((s) ? (s)->line : 0)
#define LABEL(c) ((c) ? (c)->label : NULL)

/* Removes from S, in place, every span from OPEN to the CLOSE after it
 * (both included), putting a space instead. */
static void
cut_spans(char *s, const char *open, const char *close)
{
	char *at, *end;

	while ((at = strstr(s, open)) != NULL &&
	    (end = strstr(at + strlen(open), close)) != NULL) {
		end += strlen(close);
		*at = ' ';
		memmove(at + 1, end, strlen(end) + 1);
	}
}

/*
 * The words of Markdown SOURCE's body (3 letters or more) that are in
 * none of PUB's strings, separated by spaces; "" when every word landed.
 * Markup is taken off first: the front matter, comments, tags, link
 * destinations, attribute lists, entities and footnote marks.
 */
static char *
missing_words(const factsheet_publication_t *pub, const char *source)
{
	char *body = strdup(source), *all = all_text(pub), *w;
	strbuf_t missing = { 0 };

	if (body == NULL || all == NULL) {
		free(body);
		free(all);
		return NULL;
	}
	if (strncmp(body, "---\n", 4) == 0 &&
	    (w = strstr(body + 4, "\n---\n")) != NULL)
		memmove(body, w + 5, strlen(w + 5) + 1);
	cut_spans(body, "<!--", "-->");
	cut_spans(body, "<", ">");
	cut_spans(body, "](", ")");
	cut_spans(body, "{", "}");
	cut_spans(body, "&", ";");
	cut_spans(body, "[^", "]");
	for (w = body; *w != '\0'; ) {
		size_t n = 0;

		while (w[n] != '\0' && isalpha((unsigned char)w[n]))
			n++;
		/* The labels the builder reads as structure are no words
		 * of the text. */
		if (n >= 3 && !(n == 7 && strncasecmp(w, "Problem", n) == 0) &&
		    !(n == 8 && strncasecmp(w, "Solution", n) == 0)) {
			char word[64];
			int found = 0;

			snprintf(word, sizeof word, "%.*s", (int)n, w);
			for (const char *a = all; !found && *a != '\0'; a++)
				found = strncasecmp(a, word, n) == 0;
			if (!found)
				strbuf_printf(&missing, "%s%s",
				    missing.len ? " " : "", word);
		}
		w += n > 0 ? n : 1;
	}
	free(body);
	free(all);
	return strbuf_finish(&missing);
}

static void
every_word_lands(const factsheet_publication_t *pub, const char *relative)
{
	char *path = source_path(relative), *bytes, *missing = NULL;
	size_t len = 0;

	if ((bytes = slurp(path, &len)) != NULL && pub != NULL)
		missing = missing_words(pub, bytes);
	is_str(missing, "", "%s: every word of the body is in a section",
	    relative);
	free(missing);
	free(bytes);
	free(path);
}

/* The help-center page ------------------------------------------------ */

static void
test_help_page(void)
{
	factsheet_publication_t *pub = read_fixture(HELP_PAGE);
	const factsheet_section_t *s;
	const factsheet_contact_t *c;
	const char *h1 = "Replace your Medicare card";
	char *all, *got;

	ok(pub != NULL, "the help page parses");
	if (pub == NULL)
		return;
	is_str(pub->format, "markdown", "help page: Markdown");
	is_str(pub->title, "Get a replacement Medicare card",
	    "front matter: title: is the title");
	is_str(pub->revised, "March 14, 2024",
	    "front matter: last_updated: is the revised date");
	ok(pub->warning == NULL, "help page: no warning");
	got = headings_of(pub);
	is_str(got, "Replace your Medicare card | Ways to get a new card | "
	    "Protect your card | Someone called and asked for your Medicare "
	    "Number | Lost or stolen card | Name or address "
	    "change | Card for RRB benefits | Card fees | What if my card was "
	    "stolen? | Can I laminate my card?", "help page: the sections");
	free(got);

	s = &pub->sections[0];
	is_str(HEADING(s), h1, "'# ... {#replace-card}': the attribute list "
	    "is no text");
	is_str(ANCHOR(s), "replace-card", "and its #id is the anchor");
	is_int(LINE(s), fixture_line(HELP_PAGE, "# Replace"),
	    "h1: its line, counting the front matter");
	ok(contains(TEXT(s), "How to print, order, or get a new Medicare card "
	    "if yours is lost, stolen, or damaged."), "front matter: a "
	    "description: block is text of the first section");
	ok(contains(TEXT(s), "lost card Medicare Beneficiary Identifier"),
	    "front matter: keywords: are text too");
	ok(contains(TEXT(s), "Your red, white & blue Medicare card"),
	    "&amp; decoded");
	unlike(TEXT(s), "{:", "a '{: .usa-intro}' line is no text");
	unlike(TEXT(s), "usa-intro", "nor its class name");

	s = section_headed(pub, "Ways to get a new card");
	is_str(ANCHOR(s), "ways", "'## ... {#ways}': anchor");
	is_path(s, h1, "h2");
	ok(contains(TEXT(s), "1. Log into (or create) your secure Medicare "
	    "account https://www.medicare.gov/account/login to print an "
	    "official copy of your card.\n2. Call 1-800-MEDICARE"),
	    "ordered items on lines, continuation joined, link as 'label "
	    "URL'");
	ok(contains(TEXT(s), "about 30" NBSP "days to arrive " MDASH " longer"),
	    "&nbsp; and &#8212; decoded");
	ok(contains(TEXT(s), "when mail volume is high."), "a paragraph over a "
	    "'---' page break stays text");
	ok(contact(s, FACTSHEET_CONTACT_WEBSITE, "https://www.rrb.gov") ||
	    contact(s, FACTSHEET_CONTACT_LINK, "https://www.rrb.gov"),
	    "an <https://...> autolink is a contact");

	s = section_headed(pub, "Protect your card");
	ok(s != NULL, "the heading after the page break is kept");
	is_str(ANCHOR(s), "protect", "and its anchor");
	is_path(s, h1, "after the page break");

	s = section_headed(pub, "Someone called and asked for your Medicare "
	    "Number");
	is_int(s ? (long)s->kind : -1,
	    FACTSHEET_SECTION_PROBLEM, "'Problem: ...' line is "
	    "a problem");
	is_int(LINE(s), fixture_line(HELP_PAGE, "Problem: Someone"),
	    "problem: its line");
	is_str(s ? s->solution_heading : NULL, "Hang up and report the call",
	    "'**Solution:** ...' its solution");
	like(s ? s->solution_text : NULL,
	    "Medicare will never call you", "solution text without "
	    "its contact lines");
	unlike(s ? s->solution_text : NULL, "Phone:", "solution text without "
	    "its contact lines");
	ok(contact(s, FACTSHEET_CONTACT_TTY, "1-877-486-2048") != NULL,
	    "a 'TTY:' line inside the paragraph is a TTY contact");

	/* A table of topics (links here and there, in no one column): a
	 * section per row, under the heading above, its cells labelled by
	 * the header row. */
	s = section_headed(pub, "Lost or stolen card");
	is_int(s ? (long)s->kind : -1, FACTSHEET_SECTION_TEXT,
	    "a row of topics is a text section");
	like(TEXT(s), "Topic: Lost or stolen card\nWho to call: "
	    "Social Security\nHow to reach them: 1-800-772-1213",
	    "a table's header row: every cell, the label of its column");
	is_path(s, "Replace your Medicare card > Who to contact",
	    "a row of topics");
	is_int(count_kind(pub, FACTSHEET_SECTION_RESOURCE), 0,
	    "3 body rows, 3 topics, no resources");
	ok(contact(s, FACTSHEET_CONTACT_TTY, "1-800-325-0778") != NULL,
	    "a cell's '<br>TTY ...': the TTY of its row");
	s = section_headed(pub, "Name or address change");
	c = contact(s, FACTSHEET_CONTACT_LINK,
	    "https://www.ssa.gov/myaccount/");
	is_str(LABEL(c), "Social Security", "a [link](url) in a cell, "
	    "labelled");
	s = section_headed(pub, "Card for RRB benefits");
	c = contact(s, FACTSHEET_CONTACT_LINK,
	    "https://www.rrb.gov/Benefits/Medicare?lang=en&tab=card");
	is_str(LABEL(c), "RRB Medicare page", "an inline <a href> in a cell: "
	    "its href, &amp; decoded, labelled");

	s = section_headed(pub, "Card fees");
	ok(contains(TEXT(s), "Item | Cost"), "a table of a header row alone "
	    "is not dropped");
	ok(contains(TEXT(s), "There is no charge for a replacement card."),
	    "the text after it");

	s = section_headed(pub, "What if my card was stolen?");
	is_path(s, "Replace your Medicare card > Frequently asked questions",
	    "a <summary> in an HTML block: under the '---' heading above");
	ok(contains(TEXT(s), "If you think someone is using your Medicare "
	    "Number, call 1-800-MEDICARE & ask about fraud protection."),
	    "the Markdown inside <details> is its text");
	s = section_headed(pub, "Can I laminate my card?");
	is_path(s, "Replace your Medicare card > Frequently asked questions",
	    "the next <details>: a sibling, not under the first");
	ok(contains(TEXT(s), "Yes. You can also keep a photocopy"),
	    "its HTML text");
	ok(section_with(pub, "Social Security may charge for certified "
	    "copies") != NULL, "a footnote's text is text");

	all = all_text(pub);
	unlike(all, "Page source",
	    "an HTML comment is no text");
	unlike(all, "web team",
	    "an HTML comment is no text");
	unlike(all, "help-page", "layout:, permalink:, sidebar: "
	    "dropped");
	unlike(all,
	    "/account/replacement-card/", "layout:, permalink:, sidebar: "
	    "dropped");
	unlike(all, "account-nav", "layout:, permalink:, sidebar: "
	    "dropped");
	unlike(all, "&amp;",
	    "no markup left");
	unlike(all, "&nbsp;",
	    "no markup left");
	unlike(all, "**",
	    "no markup left");
	unlike(all, "<br>",
	    "no markup left");
	free(all);
	every_word_lands(pub, HELP_PAGE);
	factsheet_publication_free(pub);
}

/* The fact sheet converted from a PDF -------------------------------- */

static void
test_converted_fact_sheet(void)
{
	factsheet_publication_t *pub = read_fixture(FACT_SHEET);
	const factsheet_section_t *s;
	const char *h1 = "Medicare Enrollment for DMEPOS Suppliers";
	char *got, *want;

	ok(pub != NULL, "the converted fact sheet parses");
	if (pub == NULL)
		return;
	is_str(pub->title, h1, "a setext (===) h1 is the title");
	got = headings_of(pub);
	want = str_printf("%s | What's changed? | Who must enroll | How to "
	    "enroll | Surety bond | Accreditation | Supplier standards | "
	    "Resources | National Supplier Clearinghouse | DMEPOS "
	    "Accreditation | Contact your MAC with claims questions. | %s",
	    h1, h1);
	is_str(got, want, "fact sheet: the sections, no empty heading, none "
	    "lost");
	free(got);
	free(want);
	ok(contains(TEXT(&pub->sections[0]), "MLN Fact Sheet \xc2\xb7 ICN "
	    "MLN905711 \xc2\xb7 Revised August 2023"), "&middot; decoded");

	s = section_headed(pub, "Who must enroll");
	ok(contains(TEXT(s), "dispense from a physician's office."),
	    "a sentence over '---': a paragraph of the section above");
	is_path(section_headed(pub, "How to enroll"), h1,
	    "the heading after it is still an h2");
	s = section_headed(pub, "How to enroll");
	is_str(ANCHOR(s), "how-to-enroll", "'{#how-to-enroll .unnumbered}': "
	    "the anchor, the class dropped");
	ok(contains(TEXT(s), "Note: Each practice location needs its own "
	    "enrollment, even when locations share a Tax Identification "
	    "Number."), "a block quote is text");

	s = section_headed(pub, "Surety bond");
	ok(s != NULL, "'{: .no_toc}' is no text of a heading");
	want = str_printf("%s > How to enroll", h1);
	is_path(s, want, "h3");
	free(want);
	ok(contains(TEXT(s), "surety bond before enrolling."), "a sentence "
	    "over '---' above an h3");

	s = section_headed(pub, "Accreditation");
	ok(contains(TEXT(s), "- Physicians and non-physician practitioners\n"
	    "- who furnish items as part of their professional services\n"
	    "- Pharmacists, orthotists & prosthetists (for some items only)"),
	    "nested list items on lines of their own");
	ok(contains(TEXT(s), "Getting accredited takes about 6 months, so "
	    "start early"), "a short line over '---' with a heading right "
	    "after it: no empty heading, its words kept");

	s = section_headed(pub, "Supplier standards");
	is_int(LINE(s), fixture_line(FACT_SHEET, "Supplier standards"),
	    "a real setext heading: the line of its text");
	ok(contains(TEXT(s), "42 CFR \xc2\xa7" NBSP "424.57(c)"),
	    "&sect;&nbsp; decoded");
	ok(contains(TEXT(s), "Standard 7: maintain a physical facility on an "
	    "appropriate site\nStandard 9:"), "an indented code block as "
	    "text, a line a line");

	s = section_headed(pub, "Resources");
	is_str(ANCHOR(s), "resources", "'{.unnumbered}': not text, no anchor");
	s = section_headed(pub, "Contact your MAC with claims questions.");
	is_int(s ? (long)s->kind : -1,
	    FACTSHEET_SECTION_RESOURCE, "a row whose first "
	    "cell is empty: named by its next cell");
	every_word_lands(pub, FACT_SHEET);
	factsheet_publication_free(pub);
}

/* Small inputs ---------------------------------------------------------- */

static void
test_front_matter(void)
{
	factsheet_publication_t *pub;
	char *all;

	pub = parse("fm.md", "---\ntitle: 'Appeals: a guide'\ndate: "
	    "2023-05-01\nrevised: June 2024\nproduct: MLN006562\nlayout: "
	    "page\nsummary: |\n  File an appeal if you disagree\n  with a "
	    "coverage decision.\ntags: [appeals, claims]\n...\n\n## Level 1 "
	    "appeal\n\nAsk for a redetermination within 120 days.\n");
	is_str(pub ? pub->title : NULL, "Appeals: a guide", "quoted title");
	is_str(pub ? pub->revised : NULL, "June 2024", "revised: beats date:");
	is_str(pub ? pub->product : NULL, "MLN006562", "product: its field");
	is_str(pub ? TEXT(&pub->sections[0]) : NULL, "File an appeal if you "
	    "disagree with a coverage decision.\n\n[appeals, claims]\n\nAsk "
	    "for a redetermination within 120 days.", "a '|' block and a "
	    "list are text of the first section, before its own");
	is_int(pub ? LINE(&pub->sections[0]) : 0, 13, "that section: its "
	    "heading's line");
	all = pub ? all_text(pub) : NULL;
	unlike(all, "page\n",
	    "layout: dropped, the date in its field only");
	unlike(all, "2023-05-01",
	    "layout: dropped, the date in its field only");
	free(all);
	factsheet_publication_free(pub);

	pub = parse("nofm.md", "Intro paragraph.\n\n---\ntitle: not front "
	    "matter\n---\n\nMore.\n");
	ok(section_headed(pub, "title: not front matter") != NULL,
	    "'---' lower down is no front matter (here a setext heading)");
	factsheet_publication_free(pub);

	pub = parse("lines.md", "---\ntitle: T\ndescription: Words here\n"
	    "---\n\nBody text.\n");
	is_str(pub ? TEXT(&pub->sections[0]) : NULL, "Words here\n\nBody "
	    "text.", "no heading: front matter text before the body's");
	is_int(pub ? LINE(&pub->sections[0]) : 0, 3, "the section starts at "
	    "the line of description:");
	factsheet_publication_free(pub);

	pub = parse("only.md", "---\ntitle: Only a title\nlayout: x\n---\n");
	ok(pub == NULL, "front matter and nothing else: no text to index");
	factsheet_publication_free(pub);
}

/* Jekyll pages, as federal static sites (USWDS templates) write them. */
static void
test_liquid(void)
{
	factsheet_publication_t *pub;
	const factsheet_section_t *s;
	char *all;

	pub = parse("support.md", "---\nlayout: api-docs\npage_title: "
	    "\"Support\"\nshow-side-nav: false\nfeedback_id: \"e9112e33\"\n"
	    "description: Contact the team.\nlead: Contact the team.\n---\n\n"
	    "# {{ page.page_title }}\n\nRead the [guide]({{ '/guide.html' | "
	    "relative_url }}) first.\n\n{% comment %}\nDraft: not for "
	    "publication.\n{% endcomment %}\n\n## Questions\n\n"
	    "{% include accordion.html\n    id=\"a1\"\n    heading=\"Who is "
	    "eligible?\"\n%}\n\n```\n{% raw %}{{ token }}{% endraw %}\n```\n"
	    "\nLast line.\n");
	is_str(pub ? pub->title : NULL, "Support", "page_title: is the title");
	s = pub ? &pub->sections[0] : NULL;
	is_str(HEADING(s), "Support", "{{ page.page_title }}: the front "
	    "matter's value");
	is_str(TEXT(s), "Contact the team.\n\nRead the guide first.",
	    "a link to a Liquid URL keeps its label; a value said twice is "
	    "text once; false and an id are no text");
	s = section_headed(pub, "Questions");
	ok(contains(TEXT(s), "Who is eligible?"), "an include's heading= is "
	    "text");
	ok(contains(TEXT(s), "{{ token }}"), "{%% raw %%} keeps its Liquid");
	is_int(LINE(s), 18, "lines still counted, across a comment");
	all = pub ? all_text(pub) : NULL;
	unlike(all, "Draft",
	    "comments, tags and ids are no text");
	unlike(all, "{%",
	    "comments, tags and ids are no text");
	unlike(all, "relative_url",
	    "comments, tags and ids are no text");
	unlike(all, "e9112e33",
	    "comments, tags and ids are no text");
	free(all);
	factsheet_publication_free(pub);

	/* Login.gov's help pages keep a list in the front matter and show
	 * it through an include. */
	pub = parse("inc.md", "---\ntitle: Verify in person\ncategory: "
	    "verify-your-identity\nbring_list:\n- __Your ID.__ A driver's "
	    "license.\n- __The barcode.__ Print the email.\n---\n\nIntro."
	    "\n\n### What do I bring?\n\n{% include icon-list.html "
	    "items=page.bring_list size='md' %}\n");
	s = section_headed(pub, "What do I bring?");
	is_str(TEXT(s), "Your ID. A driver's license. The barcode. Print the "
	    "email.", "an include's items=page.key: the value, where the "
	    "include is, as Markdown");
	is_str(pub ? TEXT(&pub->sections[0]) : NULL, "Intro.", "and not "
	    "also in the first section; a slug value is no text");
	factsheet_publication_free(pub);

	/* Liquid left open: the rest is text, or (in a comment) gone. */
	pub = parse("open1.md", "---\ntitle: T\n---\nWords {{ here\n");
	is_str(pub ? TEXT(&pub->sections[0]) : NULL, "Words {{ here",
	    "an unclosed {{ is text");
	factsheet_publication_free(pub);
	pub = parse("open2.md", "---\ntitle: T\n---\nKept.\n{% raw %}{% "
	    "x %}{{ y }}\n\n{% comment %}gone {% endraw %}\n");
	is_str(pub ? TEXT(&pub->sections[0]) : NULL, "Kept. {% x %}{{ y }}\n"
	    "\n{% comment %}gone", "{%% raw %%} keeps the Liquid it holds, a "
	    "comment tag too");
	factsheet_publication_free(pub);
	pub = parse("open3.md", "---\ntitle: T\n---\nKept.\n{% comment %}"
	    "\ngone\n");
	is_str(pub ? TEXT(&pub->sections[0]) : NULL, "Kept.", "a comment left "
	    "open runs to the end");
	factsheet_publication_free(pub);

	pub = parse("plain.md", "# Templates\n\nWrite {{ name }} in the "
	    "form.\n");
	like(pub ? TEXT(&pub->sections[0]) : NULL, "Write {{ name }} in the "
	    "form.", "without front matter, Jekyll renders no Liquid: text");
	factsheet_publication_free(pub);
}

static void
test_attributes(void)
{
	factsheet_publication_t *pub;
	const factsheet_section_t *s;

	pub = parse("a.md", "Eligibility {#eligible}\n=======\n\nText.\n\n"
	    "## Costs {: #costs .h-anchor}\n\nMore.\n\n## Forms {.wide}\n\n"
	    "Form CMS-40B.\n{: .usa-list}\n\n## {#empty}\n\nLast.\n");
	s = pub ? &pub->sections[0] : NULL;
	is_str(HEADING(s), "Eligibility", "setext heading: {#id} stripped");
	is_str(ANCHOR(s), "eligible", "and its anchor");
	s = section_headed(pub, "Costs");
	is_str(ANCHOR(s), "costs", "kramdown {: #id .class}");
	s = section_headed(pub, "Forms");
	is_str(ANCHOR(s), "forms", "{.class} alone: no anchor, no text");
	is_str(TEXT(s), "Form CMS-40B.\n\nLast.", "a '{: .class}' line is no "
	    "text; a heading of an attribute list alone is none");
	factsheet_publication_free(pub);
}

static void
test_page_breaks(void)
{
	factsheet_publication_t *pub;
	char *got;

	/* The case of the issue: the paragraph over "---" and the heading
	 * above it. */
	pub = parse("pb.md", "# Enrollment\n\n## Revalidation\n\nRevalidate "
	    "every 5 years\n---\n\n## Reporting changes\n\nReport within 30 "
	    "days.\n");
	got = headings_of(pub);
	is_str(got, "Revalidation | Reporting changes", "a line over '---' "
	    "before a heading: no empty heading, the one above kept");
	free(got);
	is_str(pub ? TEXT(section_headed(pub, "Revalidation")) : NULL,
	    "Revalidate every 5 years", "its words under the heading above");
	factsheet_publication_free(pub);

	pub = parse("quote.md", "> ## Note\n\nText after.\n");
	is_str(pub ? HEADING(&pub->sections[0]) : NULL, "Note",
	    "an ATX heading in a block quote, last in it: still a heading");
	factsheet_publication_free(pub);

	pub = parse("pb2.md", "## Billing\n\nSubmit claims within 12 months "
	    "of the date of service, or the claim is denied by the\n"
	    "contractor\n---\nNew page text.\n\n***\n\n___\n");
	is_int(pub ? (long)pub->n_sections : -1,
	    1, "a paragraph of two lines over '---': "
	    "one section");
	is_str(pub ? TEXT(&pub->sections[0]) : NULL, "Submit claims within 12 "
	    "months of the date of service, or the claim is denied by the "
	    "contractor\n\nNew page text.", "its text, and the next page's");
	factsheet_publication_free(pub);

	pub = parse("pb3.md", "# Guide\n\nContacts\n---\n\nCall us.\n\n"
	    "Appeals and grievances in Medicare Advantage plans are handled "
	    "apart from Original Medicare\n---\n\nText.\n");
	got = headings_of(pub);
	is_str(got, "Contacts", "a short line over '---' with text below is a "
	    "heading; one of more than 12 words is not");
	free(got);
	is_str(pub ? TEXT(section_headed(pub, "Contacts")) : NULL, "Call us."
	    "\n\nAppeals and grievances in Medicare Advantage plans are "
	    "handled apart from Original Medicare\n\nText.", "the long one is "
	    "text");
	factsheet_publication_free(pub);
}

static void
test_html(void)
{
	factsheet_publication_t *pub;
	const factsheet_section_t *s;
	char *all;

	pub = parse("h.md", "# Help\n\n## Contact us\n\n<div class=\"usa-"
	    "alert\">\n<p>Call <strong>1-800-633-4227</strong> &amp; ask for "
	    "help.</p>\n</div>\n\n<!-- a note\nfor editors -->\n\n<details>"
	    "<summary>After hours</summary><p>Use the "
	    "<a href=\"https://www.medicare.gov/talk-to-someone\">live chat"
	    "</a>.</p></details>\n\nPhone: 1-800-633-4227<br>TTY: "
	    "1-877-486-2048\n\nAsk <abbr title=\"Centers for Medicare\">CMS"
	    "</abbr> <!-- inline --> today.\n\nSee <a href=\"https://www."
	    "ssa.gov\"><abbr>SSA</abbr>'s site</a>.\n");
	s = section_headed(pub, "Contact us");
	ok(contains(TEXT(s), "Call 1-800-633-4227 & ask for help."),
	    "a raw HTML block: its text, through the HTML reader");
	ok(contact(s, FACTSHEET_CONTACT_PHONE, "1-800-633-4227") != NULL,
	    "and its contacts");
	s = section_headed(pub, "After hours");
	is_path(s, "Help > Contact us", "<details><summary>: a heading below "
	    "the last Markdown one");
	ok(contains(TEXT(s), "live chat"), "its text");
	ok(contact(s, FACTSHEET_CONTACT_TTY, "1-877-486-2048") != NULL,
	    "a <br> between 'Phone:' and 'TTY:' keeps the lines apart");
	ok(contains(TEXT(s), "Ask CMS today."), "inline tags and comments "
	    "are no text, the words inside them are");
	ok(contains(TEXT(s), "See SSA's site https://www.ssa.gov."),
	    "an inline <a href> ends at </a>, not at </abbr>");
	all = pub ? all_text(pub) : NULL;
	unlike(all, "editors", "comments and attributes are no "
	    "text");
	unlike(all, "inline", "comments and attributes are no "
	    "text");
	unlike(all, "usa-alert", "comments and attributes are no "
	    "text");
	free(all);
	factsheet_publication_free(pub);
}

static void
test_inline(void)
{
	factsheet_publication_t *pub;
	const factsheet_section_t *s;

	pub = parse("i.md", "# Links\n\nVisit www.cms.gov, email "
	    "help@cms.hhs.gov or see https://www.ssa.gov/.\n\nRead the "
	    "[manual][pim].\n\n[pim]: https://www.cms.gov/pim \"PIM\"\n\n"
	    "&copy; 2024 CMS &mdash; &#x2122; &#169; &notanentity;\n");
	s = pub ? &pub->sections[0] : NULL;
	ok(contains(TEXT(s), "Visit www.cms.gov, email help@cms.hhs.gov or "
	    "see https://www.ssa.gov/."), "autolinks read as written, once");
	ok(contact(s, FACTSHEET_CONTACT_EMAIL, "help@cms.hhs.gov") != NULL,
	    "an email autolink is an email");
	ok(contains(TEXT(s), "Read the manual https://www.cms.gov/pim."),
	    "a reference link keeps its destination");
	ok(!contains(TEXT(s), "[pim]"), "a reference definition is no text");
	ok(contains(TEXT(s), "\xc2\xa9 2024 CMS " MDASH " \xe2\x84\xa2 "
	    "\xc2\xa9 &notanentity;"), "named and numeric entities decoded by "
	    "cmark-gfm, an unknown one kept");
	factsheet_publication_free(pub);
}

/* Nesting deeper than the walk goes is read as text, without a crash. */
static void
test_deep_nesting(void)
{
	strbuf_t md = { 0 };
	factsheet_publication_t *pub;
	char *bytes;

	strbuf_puts(&md, "# Deep\n\n");
	for (int i = 0; i < 5000; i++)
		strbuf_puts(&md, ">");
	strbuf_puts(&md, " quoted words\n\n");
	for (int i = 0; i < 300; i++)
		strbuf_printf(&md, "%*s- item%d\n", i * 2, "", i);
	strbuf_puts(&md, "\n");
	for (int i = 0; i < 3000; i++)
		strbuf_puts(&md, "*_");
	strbuf_puts(&md, "emphasised");
	for (int i = 0; i < 3000; i++)
		strbuf_puts(&md, "_*");
	strbuf_puts(&md, "\n");
	bytes = strbuf_finish(&md);
	pub = bytes ? parse("deep.md", bytes) : NULL;
	free(bytes);
	ok(pub != NULL, "5,000 nested quotes and 300 nested lists parse");
	ok(section_with(pub, "quoted words") != NULL, "the quote's words");
	ok(section_with(pub, "item0") != NULL, "the first item");
	ok(section_with(pub, "item299") != NULL, "the last item");
	ok(section_with(pub, "emphasised") != NULL, "deep emphasis");
	factsheet_publication_free(pub);
}

/* A Markdown guide with numbered topics (tests/fixtures/pecos-guide.md)
 * and a Problem/Solution fact sheet with a pipe table
 * (pecos-contacts.md); tests/readers has their whole sections. */
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
	is_int(s ? (long)s->kind : -1, FACTSHEET_SECTION_TEXT,
	    "the heading above the table is a text section");
	like(TEXT(s), "Resource | Where to find it", "and its words are "
	    "that section's text");
	free(want);
	factsheet_publication_free(pub);
}

/* Markdown without headings, Problem/Solution blocks or tables: one
 * section, a warning, its contacts still found; a table alone is
 * structure. */
static void
test_unstructured_markdown(void)
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
	ok(contact(pub && pub->n_sections > 0 ? &pub->sections[0] : NULL,
	    FACTSHEET_CONTACT_PHONE, "1-800-633-4227") != NULL,
	    "its contacts still found");
	factsheet_publication_free(pub);

	pub = parse("t.md", "Intro.\n\n| a | b |\n|---|---|\n| x | y |\n");
	ok(pub != NULL, "a table alone parses");
	is_str(pub ? pub->warning : NULL, NULL, "a table alone is structure");
	factsheet_publication_free(pub);

	/* Nothing but an empty heading and a comment: no publication. */
	{
		static const char bytes[] = "# \n\n<!-- nothing\nhere -->\n";
		char *msg = NULL;
		factsheet_status_t st;

		pub = (factsheet_publication_t *)&pub;
		st = factsheet_publication_parse("comments.md", bytes,
		    sizeof bytes - 1, &pub, &msg);
		is_int(st, FACTSHEET_STATUS_BAD_INPUT, "comments.md: bad input");
		ok(pub == NULL, "comments.md: no publication");
		like(msg, "comments.md", "comments.md: the message names it");
		free(msg);
	}
}

static void
test_details(void)
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
	is_size(pub ? pub->n_sections : 0, 1, "an unclosed fence: one section");
	like(pub && pub->n_sections > 0 ? TEXT(&pub->sections[0]) : NULL,
	    "unclosed fence\n# no heading", "an unclosed fence runs to the "
	    "end");
	factsheet_publication_free(pub);
}

int
main(void)
{
	test_help_page();
	test_converted_fact_sheet();
	test_front_matter();
	test_liquid();
	test_attributes();
	test_page_breaks();
	test_html();
	test_inline();
	test_deep_nesting();
	test_markdown_guide();
	test_markdown_factsheet();
	test_unstructured_markdown();
	test_details();
	return done_testing();
}
