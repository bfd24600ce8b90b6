/*
 * dictionary.c - the English word list (Debian's wamerican by default)
 * that spelling correction leaves alone: a query word in it is a real
 * word, so a correction of it is only suggested, never run in its place.
 * Read at run time, once, from $FACTSHEET_DICTIONARY when set (empty:
 * none) or from the path configure chose; without it every word the
 * index does not know may be corrected, as before.
 */
#include <config.h>

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "factsheet-private.h"

/* The list's lines, between a leading and a trailing newline, so that
 * "\nword\n" is found for every word of it. */
static char *words;
static size_t words_len;
static pthread_once_t words_once = PTHREAD_ONCE_INIT;

static void
load_words(void)
{
	const char *path = getenv("FACTSHEET_DICTIONARY");
	char *bytes, *message;
	size_t len;

	if (path == NULL)
		path = FACTSHEET_DICTIONARY;
	if (path[0] == '\0' ||
	    file_read(path, &bytes, &len, NULL, &message) !=
	    FACTSHEET_STATUS_SUCCESS) {
		/* No list: nothing counts as a real word (the README says
		 * to install wamerican). */
		if (path[0] != '\0')
			free(message);
		return;
	}
	if ((words = malloc(len + 3)) != NULL) {
		words[0] = '\n';
		memcpy(words + 1, bytes, len);
		words_len = len + 1;
		if (words[words_len - 1] != '\n')
			words[words_len++] = '\n';
		words[words_len] = '\0';
	}
	free(bytes);
}

/* Whether "\nWORD\n" (N bytes of it) is a line of the list. */
static int
has_line(const char *word, size_t n)
{
	char *needle = malloc(n + 3);
	int found;

	if (needle == NULL)
		return 0;
	needle[0] = '\n';
	memcpy(needle + 1, word, n);
	needle[n + 1] = '\n';
	needle[n + 2] = '\0';
	found = memmem(words, words_len, needle, n + 2) != NULL;
	free(needle);
	return found;
}

int
dictionary_has(const char *word)
{
	size_t n = strlen(word);
	char *capital;
	int found;

	pthread_once(&words_once, load_words);
	if (words == NULL || n == 0)
		return 0;
	if (has_line(word, n))
		return 1;
	/* Query words are lowercase; the list spells names with a capital
	 * ("Texas" is no misspelling of "taxes"). */
	if (word[0] < 'a' || word[0] > 'z' || (capital = strdup(word)) == NULL)
		return 0;
	capital[0] = (char)(capital[0] - 'a' + 'A');
	found = has_line(capital, n);
	free(capital);
	return found;
}
