/*
 * links.c - where a web address starts, and which lines the builder
 * reads on its own ("Problem: ...", "Phone: ...").  The readers, the
 * builder and the contact scanner all ask these questions; one answer
 * keeps them from disagreeing on what is a link or a label.
 */
#include <config.h>

#include <string.h>
#include <strings.h>

#include "factsheet-private.h"

/* The length of PREFIX when the LEN bytes at P start with it, any case. */
static size_t
starts(const char *p, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);

	return len >= n && strncasecmp(p, prefix, n) == 0 ? n : 0;
}

size_t
links_scheme_length(const char *p, size_t len)
{
	size_t n;

	if ((n = starts(p, len, "https://")) == 0)
		n = starts(p, len, "http://");
	return n;
}

size_t
links_web_prefix(const char *p, size_t len)
{
	size_t n;

	if ((n = links_scheme_length(p, len)) == 0)
		n = starts(p, len, "www.");
	return n;
}

int
links_is_contact_line(const char *line, int *failed)
{
	contact_list_t scratch = { 0 };
	int yes;

	if (strchr(line, ':') == NULL)
		return 0;
	yes = contact_parse_line(&scratch, line);
	if (scratch.failed && failed != NULL)
		*failed = 1;
	contact_list_clear(&scratch);
	return yes;
}

int
links_is_label_line(const char *line, int *failed)
{
	return starts(line, strlen(line), "Problem:") != 0 ||
	    starts(line, strlen(line), "Solution:") != 0 ||
	    links_is_contact_line(line, failed);
}
