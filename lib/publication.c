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

/* Drops the controls of every string a reader made of PUB's text; its
 * source is a path, shown escaped, and kept as it is to find the file. */
static void
strip_controls(factsheet_publication_t *pub)
{
	text_strip_controls(pub->title);
	text_strip_controls(pub->series);
	text_strip_controls(pub->product);
	text_strip_controls(pub->revised);
	for (size_t i = 0; i < pub->n_agency; i++)
		text_strip_controls(pub->agency[i]);
	for (size_t i = 0; i < pub->n_sections; i++) {
		factsheet_section_t *s = &pub->sections[i];

		text_strip_controls(s->slug);
		text_strip_controls(s->heading);
		text_strip_controls(s->part);
		for (size_t k = 0; k < s->n_path; k++)
			text_strip_controls(s->path[k]);
		text_strip_controls(s->anchor);
		text_strip_controls(s->text);
		text_strip_controls(s->solution_heading);
		text_strip_controls(s->solution_text);
		for (size_t k = 0; k < s->n_contacts; k++) {
			text_strip_controls(s->contacts[k].value);
			text_strip_controls(s->contacts[k].label);
		}
	}
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

factsheet_status_t
factsheet_publication_parse(const char *source, const char *bytes, size_t len,
			    factsheet_publication_t **out, char **message)
{
	factsheet_publication_t *pub;
	factsheet_status_t status;
	format_t format;
	const char *not;

	*out = NULL;
	*message = NULL;
	if ((not = format_not_publication(bytes, len)) != NULL) {
		*message = str_printf("%s: %s", source, not);
		return FACTSHEET_STATUS_BAD_INPUT;
	}
	format = format_detect(source, bytes, len);
	/* A PDF is binary; its reader checks the text it extracts. */
	if (format != FORMAT_PDF &&
	    (status = text_check(source, bytes, len, message)) !=
	    FACTSHEET_STATUS_SUCCESS)
		return status;
	pub = calloc(1, sizeof *pub);
	/* "./corpus/x.txt" is shown as "corpus/x.txt". */
	while (source[0] == '.' && source[1] == '/' && source[2] != '\0')
		source += 2 + strspn(source + 2, "/");
	if (pub == NULL || (pub->source = str_printf("%s", source)) == NULL ||
	    (pub->id = publication_id(source)) == NULL ||
	    (pub->format = str_printf("%s", format_name(format))) == NULL) {
		factsheet_publication_free(pub);
		*message = str_printf("%s: out of memory", source);
		return FACTSHEET_STATUS_OUT_OF_MEMORY;
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
	if (status == FACTSHEET_STATUS_SUCCESS && provenance_find(pub) < 0) {
		*message = str_printf("%s: out of memory", pub->source);
		status = FACTSHEET_STATUS_OUT_OF_MEMORY;
	}
	if (status != FACTSHEET_STATUS_SUCCESS &&
	    pub->n_sections >= SECTIONS_MAX) {
		free(*message);
		*message = str_printf("%s: not indexed: more than %lu sections "
		    "(the limit); split the file", pub->source, SECTIONS_MAX);
		status = FACTSHEET_STATUS_BAD_INPUT;
	}
	if (status != FACTSHEET_STATUS_SUCCESS) {
		factsheet_publication_free(pub);
		return status;
	}
	strip_controls(pub);
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
