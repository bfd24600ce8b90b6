/*
 * test-format.c - format.c: what a file is, by its content first, then by
 * its name, and which files are no publication at all.
 */
#include <config.h>

#include <string.h>

#include "factsheet-private.h"
#include "tap.h"

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

int
main(void)
{
	test_detect();
	test_not_publication();
	is_str(format_name(FORMAT_TEXT), "text", "FORMAT_TEXT's name");
	is_str(format_name(FORMAT_PDF), "pdf", "FORMAT_PDF's name");
	return done_testing();
}
