/*
 * test-hash.c - hash.c: FNV-1a's published values, since file keys and
 * publication ids stored in indexes are made of it and must not change.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "factsheet-private.h"
#include "tap.h"

static void
is_hex(uint64_t h, const char *want, const char *what)
{
	char *got = hash_hex(h);

	is_str(got, want, "%s", what);
	free(got);
}

int
main(void)
{
	factsheet_publication_t *pub = NULL;
	char *message = NULL;
	const char text[] = "Problem: x\n\nSolution: y\n";

	is_hex(hash_string(""), "cbf29ce484222325", "the empty string");
	is_hex(hash_string("a"), "af63dc4c8601ec8c", "\"a\"");
	is_hex(hash_string("foobar"), "85944171f73967e8", "\"foobar\"");
	is_hex(hash_add(hash_string("foo"), "bar", 3), "85944171f73967e8",
	    "a running hash is the hash of the whole");
	is_hex(hash_add(HASH_START, "a\0b", 3),
	    "e5d29919042666b2", "bytes after a NUL count");

	/* A publication's id is the hash of its path, "./" left out, when
	 * the file has no real path. */
	is_int(factsheet_publication_parse("./no/such/dir/sheet.txt", text,
	    strlen(text), &pub, &message), FACTSHEET_STATUS_SUCCESS,
	    "a publication parses");
	is_str(pub ? pub->id : NULL, "cffa641b8cc778d2",
	    "its id is FNV-1a of its path");
	factsheet_publication_free(pub);
	free(message);
	return done_testing();
}
