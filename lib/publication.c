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
	source = file_source_name(source);
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
