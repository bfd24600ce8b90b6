/*
 * fuzz-parse.c - libFuzzer harness for the readers: the input is read as
 * the file named by FUZZ_SOURCE (set at build time: fuzz.txt, fuzz.md,
 * fuzz.html, or a PDF's extracted text with page breaks), parsed into a
 * publication, turned into index records, and freed.  Any crash, leak or
 * undefined behaviour is a finding, and so is a control or bidi character
 * left in what it says, or in the text the programs would show of it.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <unistr.h>

#include "factsheet-private.h"

#ifndef FUZZ_SOURCE
#define FUZZ_SOURCE "fuzz.txt"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Aborts, a finding, when S holds a control other than tab and newline,
 * or when the terminal form of it holds one at all. */
static void
check_clean(const char *s, const char *what)
{
	char *shown;

	if (s == NULL)
		return;
	for (const uint8_t *p = (const uint8_t *)s; *p != '\0';) {
		ucs4_t c;
		int n = u8_strmbtouc(&c, p);

		if (n <= 0) {
			fprintf(stderr, "%s: not UTF-8 at byte %zu\n", what,
			    (size_t)(p - (const uint8_t *)s));
			abort();
		}
		if (c != '\t' && c != '\n' && text_is_control(c)) {
			fprintf(stderr, "%s: raw control U+%04X at byte %zu\n",
			    what, (unsigned)c,
			    (size_t)(p - (const uint8_t *)s));
			abort();
		}
		p += n;
	}
	if ((shown = factsheet_escape(s, "\n")) == NULL)
		return;
	for (const char *p = shown; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 && *p != '\n') {
			fprintf(stderr, "%s: escaped form holds 0x%02x\n",
			    what, (unsigned char)*p);
			abort();
		}
	free(shown);
}

/* Everything a publication says, as the programs would print it. */
static void
check_publication(const factsheet_publication_t *pub)
{
	check_clean(pub->title, "title");
	check_clean(pub->series, "series");
	check_clean(pub->product, "product");
	check_clean(pub->revised, "revised");
	for (size_t i = 0; i < pub->n_agency; i++)
		check_clean(pub->agency[i], "agency");
	for (size_t i = 0; i < pub->n_sections; i++) {
		const factsheet_section_t *s = &pub->sections[i];

		check_clean(s->heading, "heading");
		check_clean(s->slug, "slug");
		check_clean(s->anchor, "anchor");
		check_clean(s->text, "text");
		check_clean(s->solution_heading, "solution heading");
		check_clean(s->solution_text, "solution text");
		for (size_t k = 0; k < s->n_path; k++)
			check_clean(s->path[k], "path");
		for (size_t k = 0; k < s->n_contacts; k++) {
			check_clean(s->contacts[k].value, "contact value");
			check_clean(s->contacts[k].label, "contact label");
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	factsheet_publication_t *pub = NULL;
	char *message = NULL;

	if (factsheet_publication_parse(FUZZ_SOURCE, (const char *)data,
	    size, &pub, &message) == FACTSHEET_STATUS_SUCCESS) {
		check_publication(pub);
		/* What the indexer stores must be buildable for any input. */
		for (size_t i = 0; i < pub->n_sections; i++)
			free(record_to_json(pub, &pub->sections[i]));
	}
	factsheet_publication_free(pub);
	free(message);
	return 0;
}
