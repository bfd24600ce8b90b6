/*
 * publication.c - reading a file into a parsed publication.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "factsheet-private.h"

/* provenance.c: fills in the product number and revision date PUB's
 * text states; 0, or -1 when out of memory. */
int
provenance_find(factsheet_publication_t *pub);

void
factsheet_publication_free(factsheet_publication_t *pub)
{
	if (pub == NULL)
		return;
	for (size_t i = 0; i < pub->n_sections; i++)
		section_clear(&pub->sections[i]);
	free(pub->sections);
	for (size_t i = 0; i < pub->n_agency; i++)
		free(pub->agency[i]);
	free(pub->agency);
	free(pub->id);
	free(pub->source);
	free(pub->title);
	free(pub->series);
	free(pub->format);
	free(pub->product);
	free(pub->revised);
	free(pub->warning);
	free(pub);
}

char *
title_from_source(const char *source)
{
	const char *base = strrchr(source, '/');
	const char *dot;

	base = base ? base + 1 : source;
	dot = strrchr(base, '.');
	return str_ndup(base, dot && dot != base ? (size_t)(dot - base) :
	    strlen(base));
}

/*
 * A publication's id: FNV-1a of its absolute path, so the same file keeps
 * its id however it is named on the command line, and ids stay short
 * enough for Xapian's term length limit.
 */
static char *
publication_id(const char *source)
{
	char *real = realpath(source, NULL);
	const char *s = real ? real : source;
	uint64_t h = 14695981039346656037ULL;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	free(real);
	return str_printf("%016llx", (unsigned long long)h);
}

/* Whether LEN bytes hold nothing but white space. */
static int
blank(const char *bytes, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (bytes[i] == '\0' || !strchr(" \t\r\n\f\v", bytes[i]))
			return 0;
	return 1;
}

/* SOURCE without a ".gz" ending: the name a gzip file's content is
 * recognised by ("guide.md.gz" is Markdown). */
static char *
name_inside(const char *source)
{
	size_t n = strlen(source);

	if (n > 3 && strcmp(source + n - 3, ".gz") == 0)
		n -= 3;
	return str_printf("%.*s", (int)n, source);
}

/* Adds NOTE (taken over) to PUB's warning. */
static int
add_warning(factsheet_publication_t *pub, char *note)
{
	char *joined;

	if (note == NULL)
		return 0;
	if (pub->warning == NULL) {
		pub->warning = note;
		return 0;
	}
	joined = str_printf("%s; %s", pub->warning, note);
	free(note);
	if (joined == NULL)
		return -1;
	free(pub->warning);
	pub->warning = joined;
	return 0;
}

static factsheet_status_t
parse_decoded(const char *source, const char *name, const char *bytes,
	      size_t len, factsheet_publication_t **out, char **message);

factsheet_status_t
factsheet_publication_parse(const char *source, const char *bytes, size_t len,
			    factsheet_publication_t **out, char **message)
{
	char *plain, *name;
	size_t plain_len;
	factsheet_status_t status;

	*out = NULL;
	*message = NULL;
	if (!decode_is_gzip(bytes, len))
		return parse_decoded(source, source, bytes, len, out,
		    message);
	if ((status = decode_gunzip(source, bytes, len, &plain, &plain_len,
	    message)) != FACTSHEET_STATUS_SUCCESS)
		return status;
	if ((name = name_inside(source)) == NULL) {
		free(plain);
		*message = str_printf("%s: out of memory", source);
		return FACTSHEET_STATUS_OUT_OF_MEMORY;
	}
	status = parse_decoded(source, name, plain, plain_len, out, message);
	free(name);
	free(plain);
	return status;
}

/* Parses LEN bytes of SOURCE, recognised by the file name NAME. */
static factsheet_status_t
parse_decoded(const char *source, const char *name, const char *bytes,
	      size_t len, factsheet_publication_t **out, char **message)
{
	factsheet_publication_t *pub;
	factsheet_status_t status;
	format_t format;
	const char *not;
	char *converted = NULL, *note = NULL;
	size_t converted_len;
	int empty = 0;

	if ((not = format_not_publication(bytes, len)) != NULL) {
		*message = str_printf("%s: %s", source, not);
		return FACTSHEET_STATUS_BAD_INPUT;
	}
	format = format_detect(name, bytes, len);
	/* An empty file is a publication with nothing in it yet: a
	 * warning, and its old sections go, as the file says. */
	if (format != FORMAT_PDF && blank(bytes, len)) {
		empty = 1;
		note = str_printf("%s: empty file%s: no sections", source,
		    len ? " (only white space)" : "");
	} else if (format != FORMAT_PDF &&
	    decode_legacy_text(bytes, len, &converted, &converted_len) ==
	    FACTSHEET_STATUS_SUCCESS) {
		bytes = converted;
		len = converted_len;
		note = str_printf("%s: not UTF-8; read as Windows-1252 "
		    "(Latin-1)", source);
	}
	/* A PDF is binary; its reader checks the text it extracts. */
	if (format != FORMAT_PDF && !empty &&
	    (status = text_check(source, bytes, len, message)) !=
	    FACTSHEET_STATUS_SUCCESS) {
		free(converted);
		free(note);
		return status;
	}
	pub = calloc(1, sizeof *pub);
	/* "./corpus/x.txt" is shown as "corpus/x.txt". */
	while (source[0] == '.' && source[1] == '/' && source[2] != '\0')
		source += 2 + strspn(source + 2, "/");
	if (pub == NULL || (pub->source = str_printf("%s", source)) == NULL ||
	    (pub->id = publication_id(source)) == NULL ||
	    (pub->format = str_printf("%s", format_name(format))) == NULL ||
	    (empty && (pub->title = str_printf("%s", source)) == NULL)) {
		factsheet_publication_free(pub);
		free(converted);
		free(note);
		*message = str_printf("%s: out of memory", source);
		return FACTSHEET_STATUS_OUT_OF_MEMORY;
	}
	if (empty) {
		status = FACTSHEET_STATUS_SUCCESS;
		goto parsed;
	}
	switch (format) {
	case FORMAT_PDF:
		status = parse_pdf(pub, bytes, len, message);
		break;
	case FORMAT_HTML:
		status = parse_html(pub, bytes, len, message);
		break;
	case FORMAT_MARKDOWN:
		status = parse_markdown(pub, bytes, len, message);
		break;
	default:
		status = parse_factsheet(pub, bytes, len, message);
		break;
	}
parsed:
	free(converted);
	if (status == FACTSHEET_STATUS_SUCCESS && provenance_find(pub) < 0) {
		*message = str_printf("%s: out of memory", pub->source);
		status = FACTSHEET_STATUS_OUT_OF_MEMORY;
	}
	if (status != FACTSHEET_STATUS_SUCCESS) {
		free(note);
	} else if (add_warning(pub, note) < 0) {
		*message = str_printf("%s: out of memory", pub->source);
		status = FACTSHEET_STATUS_OUT_OF_MEMORY;
	}
	if (status != FACTSHEET_STATUS_SUCCESS) {
		factsheet_publication_free(pub);
		return status;
	}
	*out = pub;
	return FACTSHEET_STATUS_SUCCESS;
}

/* Reads all of FD; 0 on success, else errno. */
static int
read_all(int fd, size_t size_hint, char **bytes, size_t *len)
{
	size_t size = size_hint + 1, n = 0;
	char *buf = malloc(size);

	if (buf == NULL)
		return ENOMEM;
	for (;;) {
		ssize_t got;

		if (n == size) {
			char *grown;

			if (size > TEXT_MAX_BYTES + 1) {
				/* Large enough to be refused as too large. */
				break;
			}
			grown = realloc(buf, size * 2);
			if (grown == NULL) {
				free(buf);
				return ENOMEM;
			}
			buf = grown;
			size *= 2;
		}
		got = read(fd, buf + n, size - n);
		if (got < 0) {
			int err = errno;

			if (err == EINTR)
				continue;
			free(buf);
			return err;
		}
		if (got == 0)
			break;
		n += (size_t)got;
	}
	*bytes = buf;
	*len = n;
	return 0;
}

factsheet_status_t
factsheet_publication_read_file(const char *path,
				factsheet_publication_t **out,
				char **message)
{
	struct stat st;
	char *bytes = NULL;
	size_t len = 0;
	int fd, err;
	factsheet_status_t status;

	*out = NULL;
	*message = NULL;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		*message = str_printf("%s: %s", path, strerror(errno));
		return FACTSHEET_STATUS_FILE_ERROR;
	}
	if (fstat(fd, &st) < 0) {
		*message = str_printf("%s: %s", path, strerror(errno));
		close(fd);
		return FACTSHEET_STATUS_FILE_ERROR;
	}
	if (S_ISDIR(st.st_mode) || !S_ISREG(st.st_mode)) {
		*message = str_printf("%s: %s", path, S_ISDIR(st.st_mode) ?
		    "is a directory; give the files in it" :
		    "not a regular file");
		close(fd);
		return FACTSHEET_STATUS_FILE_ERROR;
	}
	if ((uintmax_t)st.st_size > TEXT_MAX_BYTES) {
		*message = str_printf("%s: file too large (%jd bytes; the "
		    "limit is %lu)", path, (intmax_t)st.st_size,
		    TEXT_MAX_BYTES);
		close(fd);
		return FACTSHEET_STATUS_BAD_INPUT;
	}
	err = read_all(fd, (size_t)st.st_size, &bytes, &len);
	close(fd);
	if (err != 0) {
		*message = str_printf("%s: %s", path, strerror(err));
		return err == ENOMEM ? FACTSHEET_STATUS_OUT_OF_MEMORY :
		    FACTSHEET_STATUS_FILE_ERROR;
	}
	status = factsheet_publication_parse(path, bytes, len, out, message);
	free(bytes);
	return status;
}
