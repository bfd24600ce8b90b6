/*
 * format.c - what a file is, from its first bytes rather than its name:
 * PDF by its magic, HTML by its first tag, Markdown by its headings or
 * its extension; anything else is plain text, reStructuredText included
 * (the text reader knows its markup).
 */
#include <config.h>

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "factsheet-private.h"

const char *
format_name(format_t format)
{
	static const char *const names[] = {
		[FORMAT_TEXT] = "text",
		[FORMAT_MARKDOWN] = "markdown",
		[FORMAT_HTML] = "html",
		[FORMAT_PDF] = "pdf",
	};

	return names[format];
}

static int
has_extension(const char *source, const char *ext)
{
	const char *dot = strrchr(source, '.');

	return dot != NULL && strcasecmp(dot + 1, ext) == 0;
}

/* Whether some line of the first bytes is an ATX heading ("## Topic")
 * or a fenced code block. */
static int
looks_like_markdown(const char *bytes, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		size_t hashes = 0;

		if (i > 0 && bytes[i - 1] != '\n')
			continue;
		while (i + hashes < len && bytes[i + hashes] == '#')
			hashes++;
		if (hashes >= 1 && hashes <= 6 && i + hashes < len &&
		    bytes[i + hashes] == ' ')
			return 1;
		if (len - i >= 3 && memcmp(bytes + i, "```", 3) == 0)
			return 1;
	}
	return 0;
}

format_t
format_detect(const char *source, const char *bytes, size_t len)
{
	static const char *const html_starts[] = {
		"<!doctype html", "<html", "<head", "<body", "<?xml",
		"<h1", "<div", "<p>", "<meta", "<title",
	};
	size_t i = 0;
	int comment = 0;

	if (len >= 5 && memcmp(bytes, "%PDF-", 5) == 0)
		return FORMAT_PDF;
	if (len >= 3 && memcmp(bytes, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	/* Comments first say nothing: HTML pages and Markdown sources (a
	 * generator's note, front matter for a site) both open with one. */
	for (;;) {
		const char *end;

		while (i < len && isspace((unsigned char)bytes[i]))
			i++;
		if (len - i < 4 || memcmp(bytes + i, "<!--", 4) != 0)
			break;
		comment = 1;
		end = memmem(bytes + i + 4, len - i - 4, "-->", 3);
		i = end != NULL ? (size_t)(end + 3 - bytes) : len;
	}
	for (size_t k = 0; k < sizeof html_starts / sizeof html_starts[0];
	    k++) {
		size_t n = strlen(html_starts[k]);

		if (len - i >= n && strncasecmp(bytes + i, html_starts[k],
		    n) == 0)
			return FORMAT_HTML;
	}
	/* Named as reStructuredText, a file is that, even where a line of
	 * it would pass for Markdown's ("# " in a block of shell). */
	if (has_extension(source, "rst") || has_extension(source, "rest"))
		return FORMAT_TEXT;
	if (has_extension(source, "html") || has_extension(source, "htm"))
		return FORMAT_HTML;
	if (has_extension(source, "md") || has_extension(source, "markdown") ||
	    looks_like_markdown(bytes, len < 65536 ? len : 65536))
		return FORMAT_MARKDOWN;
	return comment ? FORMAT_HTML : FORMAT_TEXT;
}

/* Case-insensitive search for NEEDLE in the first N bytes of HAY. */
static int
has_within(const char *hay, size_t n, const char *needle)
{
	size_t k = strlen(needle);

	for (size_t i = 0; i + k <= n; i++)
		if (strncasecmp(hay + i, needle, k) == 0)
			return 1;
	return 0;
}

const char *
format_not_publication(const char *bytes, size_t len)
{
	static const struct {
		const char *magic;
		size_t n;
		const char *what;
	} magics[] = {
		{ "\x89PNG", 4, "not a publication (a PNG image)" },
		{ "\xff\xd8\xff", 3, "not a publication (a JPEG image)" },
		{ "GIF8", 4, "not a publication (a GIF image)" },
		{ "PK\x03\x04", 4, "not a publication (a ZIP archive)" },
		/* gzip data is read inflated (decode.c). */
	};
	size_t head = len < 1024 ? len : 1024;

	for (size_t i = 0; i < sizeof magics / sizeof magics[0]; i++)
		if (len >= magics[i].n &&
		    memcmp(bytes, magics[i].magic, magics[i].n) == 0)
			return magics[i].what;
	/* What a .tar.gz holds, once inflated. */
	if (len > 262 && memcmp(bytes + 257, "ustar", 5) == 0)
		return "not a publication (a tar archive)";
	/* Drawings are XML too; an HTML page that embeds one says <html>. */
	if (has_within(bytes, head, "<svg") && !has_within(bytes, head, "<html"))
		return "not a publication (an SVG image)";
	return NULL;
}
