/*
 * fuzz-parse.c - libFuzzer harness for the readers: the input is read as
 * the file named by FUZZ_SOURCE (set at build time: fuzz.txt, fuzz.md,
 * fuzz.html, or a PDF's extracted text with page breaks), parsed into a
 * publication, turned into index records, and freed.  Any crash, leak or
 * undefined behaviour is a finding.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "factsheet-private.h"

#ifndef FUZZ_SOURCE
#define FUZZ_SOURCE "fuzz.txt"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	factsheet_publication_t *pub = NULL;
	char *message = NULL;

	if (factsheet_publication_parse(FUZZ_SOURCE, (const char *)data,
	    size, &pub, &message) == FACTSHEET_STATUS_SUCCESS) {
		/* What the indexer stores must be buildable for any input. */
		for (size_t i = 0; i < pub->n_sections; i++)
			free(record_to_json(pub, &pub->sections[i]));
	}
	factsheet_publication_free(pub);
	free(message);
	return 0;
}
