/*
 * publication.c - reading a file into a parsed publication.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "factsheet-private.h"

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
	char *id = hash_hex(hash_string(real ? real : source));

	free(real);
	return id;
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
	source = file_source_name(source);
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
	strip_controls(pub);
	*out = pub;
	return FACTSHEET_STATUS_SUCCESS;
}

factsheet_status_t
factsheet_publication_read_file(const char *path,
				factsheet_publication_t **out,
				char **message)
{
	char *bytes;
	size_t len;
	factsheet_status_t status;

	*out = NULL;
	if ((status = file_read(path, &bytes, &len, NULL, message)) !=
	    FACTSHEET_STATUS_SUCCESS)
		return status;
	status = factsheet_publication_parse(path, bytes, len, out, message);
	free(bytes);
	return status;
}
