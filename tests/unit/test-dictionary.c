/*
 * test-dictionary.c - dictionary.c: the word list spelling correction
 * leaves alone, read once from $FACTSHEET_DICTIONARY: a word is a whole
 * line of it, as typed or with a capital first letter (names), the last
 * line without its newline too.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>

#include "factsheet-private.h"
#include "testlib.h"

int
main(void)
{
	char *dir = temp_dir("test-dictionary"), *path;
	FILE *f;

	if (dir == NULL || (path = temp_path(dir, "words")) == NULL) {
		ok(0, "a temporary word list");
		return done_testing();
	}
	if ((f = fopen(path, "w")) != NULL) {
		fputs("expired\npassword\nTexas\nlog", f);
		fclose(f);
	}
	setenv("FACTSHEET_DICTIONARY", path, 1);

	is_int(dictionary_has("password"), 1, "a line of the list");
	is_int(dictionary_has("expired"), 1, "the first line");
	is_int(dictionary_has("log"), 1, "the last line, without a newline");
	is_int(dictionary_has("pass"), 0, "the start of a line is no word");
	is_int(dictionary_has("word"), 0, "the end of a line is no word");
	is_int(dictionary_has("texas"), 1, "a name, typed in lower case");
	is_int(dictionary_has("Texas"), 1, "a name as the list spells it");
	is_int(dictionary_has("Password"), 0, "a capital the list lacks");
	is_int(dictionary_has("pasword"), 0, "a misspelling is not in it");
	is_int(dictionary_has(""), 0, "the empty word is not in it");

	remove_tree(dir);
	free(path);
	free(dir);
	return done_testing();
}
