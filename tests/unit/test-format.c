/*
 * test-format.c - format.c: what a file is, by its content first, then by
 * its name, and which files are no publication at all; then the same
 * through factsheet_publication_parse(), which hands the bytes to the
 * reader of the format found.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "factsheet-private.h"
#include "tap.h"
#include "testlib.h"

#define NPI_FAQ "tests/fixtures/npi-faq.html"

static void
is_format(const char *source, const char *bytes, const char *want)
{
	is_str(format_name(format_detect(source, bytes, strlen(bytes))), want,
	    "%s is %s", source, want);
}

static void
test_detect(void)
{
	is_format("a.txt", "%PDF-1.7\n", "pdf");
	is_format("a.md", "%PDF-1.4 whatever its name", "pdf");
	is_format("a.txt", "<!DOCTYPE html><p>x</p>", "html");
	is_format("a.txt", "\xef\xbb\xbf<html><body>x</body></html>", "html");
	is_format("a.txt", "<!-- generated -->\n  <div>x</div>", "html");
	is_format("a.md", "<!-- front -->\n# Title\n", "markdown");
	is_format("page", "<!-- a comment, then text -->\nPlain words.\n",
	    "html");
	is_format("a.html", "Plain words.\n", "html");
	is_format("a.htm", "Plain words.\n", "html");
	is_format("a.md", "Plain words.\n", "markdown");
	is_format("a.markdown", "Plain words.\n", "markdown");
	is_format("notes", "Intro.\n\n## Topic\n\nText.\n", "markdown");
	is_format("guide.rst", "Title\n=====\n\n# not a heading\n", "text");
	is_format("sheet.txt", "Problem: x\nSolution: y\n", "text");
	is_format("sheet", "Problem: x\nSolution: y\n", "text");
	is_format("a.txt", "", "text");
}

static void
test_not_publication(void)
{
	static const struct {
		const char *bytes;
		size_t len;
		const char *want;
	} cases[] = {
		{ "\x89PNG\r\n\x1a\n", 8, "not a publication (a PNG image)" },
		{ "\xff\xd8\xff\xe0", 4, "not a publication (a JPEG image)" },
		{ "GIF89a", 6, "not a publication (a GIF image)" },
		{ "PK\x03\x04", 4, "not a publication (a ZIP archive)" },
		/* gzip data is read inflated: what it holds decides. */
		{ "\x1f\x8b\x08", 3, NULL },
		{ "<?xml version=\"1.0\"?><svg></svg>", 32,
		    "not a publication (an SVG image)" },
		{ "<html><body><svg></svg></body></html>", 38, NULL },
		{ "Problem: x\n", 11, NULL },
		{ "", 0, NULL },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		is_str(format_not_publication(cases[i].bytes, cases[i].len),
		    cases[i].want, "case %zu: %s", i,
		    cases[i].want ? cases[i].want : "may be a publication");
}

/* What a file's content says wins over its name, through the whole
 * parse: the reader chosen reads it as that reader would. */
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
	is_str(pub && pub->n_sections > 0 ? pub->sections[0].heading : NULL,
	    "Topic one", "and its heading read as one");
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
	ok(pub != NULL, "comments, then '# ' headings: parses");
	is_int(section_mentions(pub, "generated"), 0,
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

int
main(void)
{
	test_detect();
	test_not_publication();
	test_dispatch();
	is_str(format_name(FORMAT_TEXT), "text", "FORMAT_TEXT's name");
	is_str(format_name(FORMAT_PDF), "pdf", "FORMAT_PDF's name");
	return done_testing();
}
