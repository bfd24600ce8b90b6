/*
 * fuzz-query.c - libFuzzer harness for queries: the input is a query run
 * against an index of the bundled corpus (built once, on the first call,
 * from FUZZ_CORPUS), then rendered as JSON with --explain's data.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "factsheet.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static factsheet_db_t *db;

static void
open_index(void)
{
	char dir[] = "/tmp/fuzz-query-XXXXXX", path[64], *message = NULL;
	factsheet_publication_t *pub = NULL;
	factsheet_db_t *w = NULL;

	if (mkdtemp(dir) == NULL)
		abort();
	snprintf(path, sizeof path, "%s/db", dir);
	if (factsheet_db_open(path, FACTSHEET_DB_READ_WRITE, &w, &message) ||
	    factsheet_db_set_thesaurus(w, FUZZ_THESAURUS) ||
	    factsheet_publication_read_file(FUZZ_CORPUS, &pub, &message) ||
	    factsheet_db_add_publication(w, pub) || factsheet_db_commit(w))
		abort();
	factsheet_publication_free(pub);
	factsheet_db_close(w);
	if (factsheet_db_open(path, FACTSHEET_DB_READ_ONLY, &db, &message))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	factsheet_results_t *r = NULL;
	char *query = malloc(size + 1);

	if (db == NULL)
		open_index();
	if (query == NULL)
		return 0;
	memcpy(query, data, size);
	query[size] = '\0';
	if (factsheet_db_search(db, query, NULL, &r) ==
	    FACTSHEET_STATUS_SUCCESS) {
		free(factsheet_results_to_json(r, query, 1));
		for (size_t i = 0; i < factsheet_results_count(r); i++) {
			const factsheet_hit_t *h = factsheet_results_hit(r, i);

			free(factsheet_results_highlight(r, h->section->text,
			    80, "[", "]", 0));
		}
	}
	factsheet_results_free(r);
	free(query);
	return 0;
}
