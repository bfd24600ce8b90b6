/*
 * test-url.c - url.c: the URL map (DIR=URL entries, checked and stored
 * as "DIR<TAB>URL" lines) and the public URL of a section by it: the
 * longest folder wins, "." covers relative paths, the rest of the path
 * and the anchor percent-encoded, a PDF's page as "#page=N".
 */
#include <config.h>

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "factsheet-private.h"
#include "tap.h"

static void
url_is(const char *map, const char *source, const char *anchor,
       unsigned page, const char *format, const char *want,
       const char *what)
{
	char *got = url_for(map, source, anchor, page, format);

	is_str(got, want, "%s", what);
	free(got);
}

static void
test_url_for(void)
{
	static const char map[] = "docs\thttps://example.gov/help\n"
	    "docs/pdf\thttps://files.example.gov/\n"
	    ".\t/site/\n"
	    "/srv/www\thttps://www.example.gov\n";

	url_is(map, "docs/a.html", "q-1", 0, "html",
	    "https://example.gov/help/a.html#q-1",
	    "a folder's URL, a '/' between it and the rest, the anchor");
	url_is(map, "./docs/a.html", NULL, 0, "html",
	    "https://example.gov/help/a.html", "a leading './' is dropped");
	url_is(map, "docs/pdf/guide.pdf", "ignored", 3, "pdf",
	    "https://files.example.gov/guide.pdf#page=3",
	    "the longest folder wins; a PDF gets its page, not the anchor");
	url_is(map, "docs/pdf/guide.pdf", "top", 0, "pdf",
	    "https://files.example.gov/guide.pdf#top",
	    "a PDF without a page: the anchor");
	url_is(map, "docs/Help Center/é.md", "a b", 0, "markdown",
	    "https://example.gov/help/Help%20Center/%C3%A9.md#a%20b",
	    "spaces and non-ASCII bytes percent-encoded, '/' kept");
	url_is(map, "docsx/a.md", NULL, 0, "markdown", "/site/docsx/a.md",
	    "'docs' does not cover 'docsx': '.' does");
	url_is(map, "notes/a.md", "", 0, "markdown", "/site/notes/a.md",
	    "'.' covers a relative path; an empty anchor adds nothing");
	url_is(map, "/srv/www/faq.html", "x", 0, "html",
	    "https://www.example.gov/faq.html#x", "an absolute folder");
	url_is(map, "/elsewhere/faq.html", "x", 0, "html",
	    "/elsewhere/faq.html", "no entry covers it: the source itself");
	url_is(NULL, "docs/a.html", "q-1", 0, "html", "docs/a.html",
	    "no map: the source itself");
	url_is("/\thttps://example.gov\n", "/a/b.md", NULL, 0, "markdown",
	    "https://example.gov/a/b.md", "'/' covers every absolute path");
	url_is("docs\thttps://example.gov/help", "docs/a.html", NULL, 0,
	    "html", "docs/a.html", "a line without its newline is no entry");
}

static void
build_is(const char *dir, const char *url, const char *want,
	 const char *what)
{
	const char *dirs[] = { dir }, *urls[] = { url };
	char *text = NULL, *msg = NULL;

	is_int(url_map_build(dirs, urls, 1, &text, &msg),
	    FACTSHEET_STATUS_SUCCESS, "%s: built", what);
	is_str(text, want, "%s", what);
	is_str(msg, NULL, "%s: no message", what);
	free(text);
	free(msg);
}

static void
build_fails(const char *dir, const char *url, const char *part,
	    const char *what)
{
	const char *dirs[] = { "ok", dir }, *urls[] = { "/ok/", url };
	char *text = (char *)"unset", *msg = NULL;

	is_int(url_map_build(dirs, urls, 2, &text, &msg),
	    FACTSHEET_STATUS_BAD_INPUT, "%s: bad input", what);
	is_str(text, NULL, "%s: no map", what);
	like(msg, part, "%s: the message says why", what);
	free(msg);
}

static void
test_build(void)
{
	char cwd[PATH_MAX], *want;

	build_is("no-such-dir/", "https://example.gov/help",
	    "no-such-dir\thttps://example.gov/help\n",
	    "trailing slashes dropped; a folder not there: one line");
	build_is("./no-such-dir", "/site", "no-such-dir\t/site\n",
	    "a leading './' dropped");
	if (getcwd(cwd, sizeof cwd) != NULL) {
		want = str_printf(".\t/site/\n%s\t/site/\n", cwd);
		build_is(".", "/site/", want,
		    "a folder that is there: its real path too");
		free(want);
	}
	build_fails("docs", "javascript:alert(1)", "starts with http://",
	    "a javascript: URL");
	build_fails("docs", "//evil.example", "starts with http://",
	    "a protocol-relative URL");
	build_fails("docs", "https://example.gov/a b", "bad entry",
	    "a space in the URL");
	build_fails("", "https://example.gov/", "bad entry", "no folder");
	build_fails("a\tb", "https://example.gov/", "bad entry",
	    "a tab in the folder");
}

int
main(void)
{
	test_url_for();
	test_build();
	return done_testing();
}
