/*
 * url.c - where a section is published: the database's URL map turns a
 * source path into a public URL, with the section's anchor or PDF page.
 * The map is stored once, as metadata, so that every reader of the
 * database (the query program, the library, the server) gives the same
 * URL.
 */
#include <config.h>

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "factsheet-private.h"

/* Whether URL is one we may hand to a browser as a link. */
static int
url_acceptable(const char *url)
{
	return strncmp(url, "http://", 7) == 0 ||
	    strncmp(url, "https://", 8) == 0 ||
	    (url[0] == '/' && url[1] != '/');
}

/* DIR without a leading "./" and trailing slashes ("." for none). */
static char *
clean_dir(const char *dir)
{
	size_t n;

	while (dir[0] == '.' && dir[1] == '/')
		dir += 2;
	n = strlen(dir);
	while (n > 1 && dir[n - 1] == '/')
		n--;
	return str_ndup(dir, n);
}

factsheet_status_t
url_map_build(const char *const *dirs, const char *const *urls, size_t n,
	      char **text, char **message)
{
	strbuf_t b = { 0 };

	*text = NULL;
	*message = NULL;
	for (size_t i = 0; i < n; i++) {
		char *dir, real[PATH_MAX];

		if (dirs[i][0] == '\0' || strpbrk(dirs[i], "\t\n") != NULL ||
		    strpbrk(urls[i], "\t\n \"<>") != NULL) {
			free(strbuf_finish(&b));
			*message = str_printf("URL map: bad entry \"%s=%s\": "
			    "want DIR=URL, without tabs, newlines or spaces "
			    "in the URL", dirs[i], urls[i]);
			return FACTSHEET_STATUS_BAD_INPUT;
		}
		if (!url_acceptable(urls[i])) {
			free(strbuf_finish(&b));
			*message = str_printf("URL map: \"%s\" for %s: a URL "
			    "starts with http://, https:// or /", urls[i],
			    dirs[i]);
			return FACTSHEET_STATUS_BAD_INPUT;
		}
		if ((dir = clean_dir(dirs[i])) == NULL)
			break;
		strbuf_printf(&b, "%s\t%s\n", dir, urls[i]);
		/* Sources are kept as given: a folder named another way
		 * (absolute, relative) matches through its real path. */
		if (realpath(dirs[i], real) != NULL && strcmp(real, dir) != 0)
			strbuf_printf(&b, "%s\t%s\n", real, urls[i]);
		free(dir);
	}
	if ((*text = strbuf_finish(&b)) == NULL) {
		*message = str_printf("URL map: out of memory");
		return FACTSHEET_STATUS_OUT_OF_MEMORY;
	}
	return FACTSHEET_STATUS_SUCCESS;
}

/* S, percent-encoded but for what a URL path or fragment may hold. */
static void
put_encoded(strbuf_t *b, const char *s)
{
	static const char keep[] = "-._~/!$&'()*+,;=:@";

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr(keep, *p) != NULL)
			strbuf_append(b, (const char *)p, 1);
		else
			strbuf_printf(b, "%%%02X", *p);
	}
}

char *
url_for(const char *map, const char *source, const char *anchor,
	unsigned page, const char *format)
{
	const char *best_url = NULL, *rest = NULL;
	size_t best_dir = 0, best_url_len = 0;
	const char *src = source;
	strbuf_t b = { 0 };

	while (src[0] == '.' && src[1] == '/')
		src += 2;
	for (const char *line = map ? map : ""; *line != '\0';) {
		const char *tab = strchr(line, '\t');
		const char *nl = strchr(line, '\n');
		size_t dir_len;

		if (tab == NULL || nl == NULL || tab > nl)
			break;
		dir_len = (size_t)(tab - line);
		/* "." covers every relative path. */
		if (dir_len == 1 && line[0] == '.' && src[0] != '/' &&
		    best_url == NULL) {
			best_url = tab + 1;
			best_url_len = (size_t)(nl - tab - 1);
			rest = src;
		} else if (dir_len >= best_dir &&
		    strncmp(src, line, dir_len) == 0 &&
		    (src[dir_len] == '/' || (dir_len == 1 && line[0] == '/'))) {
			best_dir = dir_len;
			best_url = tab + 1;
			best_url_len = (size_t)(nl - tab - 1);
			rest = src + dir_len + (src[dir_len] == '/');
		}
		line = nl + 1;
	}
	if (best_url == NULL)
		return str_printf("%s", source);
	strbuf_append(&b, best_url, best_url_len);
	if (best_url_len > 0 && best_url[best_url_len - 1] != '/')
		strbuf_puts(&b, "/");
	put_encoded(&b, rest);
	if (format != NULL && strcmp(format, "pdf") == 0 && page > 0)
		strbuf_printf(&b, "#page=%u", page);
	else if (anchor != NULL && anchor[0] != '\0') {
		strbuf_puts(&b, "#");
		put_encoded(&b, anchor);
	}
	return strbuf_finish(&b);
}
