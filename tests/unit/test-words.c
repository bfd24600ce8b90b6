/*
 * test-words.c - words.c: what a word is, on the text fact sheets hold
 * (addresses, phone numbers, "Login.gov", hyphens, apostrophes, letters
 * beyond ASCII), and phrase_words(), the thesaurus's and highlighting's
 * view of a text.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "factsheet-private.h"
#include "words.h"
#include "tap.h"

/* TEXT's words as words_next() finds them, each between brackets. */
static char *
bracketed(const char *text)
{
	size_t len = strlen(text), pos = 0, start, n;
	strbuf_t b = { 0 };

	while ((n = words_next(text, len, &pos, &start)) > 0)
		strbuf_printf(&b, "[%.*s]", (int)n, text + start);
	return strbuf_finish(&b);
}

/* TEXT's dotted names as words_next_name() finds them, bracketed. */
static void
names_are(const char *text, const char *want, const char *what)
{
	size_t len = strlen(text), pos = 0, start, n;
	strbuf_t b = { 0 };
	char *got;

	while ((n = words_next_name(text, len, &pos, &start)) > 0)
		strbuf_printf(&b, "[%.*s]", (int)n, text + start);
	got = strbuf_finish(&b);
	is_str(got != NULL ? got : "", want, "%s", what);
	free(got);
}

static void
words_are(const char *text, const char *want, const char *what)
{
	char *got = bracketed(text);

	is_str(got, want, "%s", what);
	free(got);
}

static void
phrase_is(const char *text, const char *want, const char *what)
{
	char *got = phrase_words(text);

	is_str(got, want, "%s", what);
	free(got);
}

int
main(void)
{
	const char mixed[] = "Médicare x";

	/* Addresses come apart where the index takes them apart. */
	words_are("Email EUSsupport@cgi.com today.",
	    "[Email][EUSsupport][cgi][com][today]", "an email address");
	words_are("https://www.cms.gov/Downloads/contact_list.pdf",
	    "[https][www][cms][gov][Downloads][contact_list][pdf]",
	    "a URL: '_' joins, '.', '/' and ':' separate");
	words_are("Sign in with Login.gov.", "[Sign][in][with][Login][gov]",
	    "Login.gov is two words: a '.' between letters separates");
	/* Numbers. */
	words_are("Call 1-800-633-4227 (TTY: 1-877-486-2048).",
	    "[Call][1][800][633][4227][TTY][1][877][486][2048]",
	    "a phone number's hyphens separate its groups");
	words_are("(410) 786-3000", "[410][786][3000]",
	    "parentheses are no word's");
	words_are("Version 1.5 costs $1,000.00.", "[Version][1.5][costs]"
	    "[1,000.00]", "'.' and ',' between digits join");
	words_are("Page 3. Next", "[Page][3][Next]",
	    "a full stop after a number ends it");
	/* Hyphens, apostrophes, ampersands. */
	words_are("self-service, well-being", "[self][service][well][being]",
	    "hyphenated words are two");
	words_are("can't, don’t, the providers' claims",
	    "[can't][don’t][the][providers][claims]",
	    "an apostrophe joins before a letter, in either form");
	words_are("I&A, AT&T, Q & A", "[I&A][AT&T][Q][A]",
	    "'&' joins between letters, not between spaces");
	words_are("'quoted' text", "[quoted][text]",
	    "a leading or trailing quote is no part of a word");
	/* Beyond ASCII. */
	words_are("Médicare naïve Ångström", "[Médicare][naïve][Ångström]",
	    "accented letters are letters");
	words_are("nai\xcc\x88ve", "[nai\xcc\x88ve]",
	    "a combining mark stays in its word");
	words_are("“My Profile” — done®", "[My][Profile][done]",
	    "curly quotes, dashes and ® separate");
	words_are("", "", "no words in the empty string");
	words_are(" -- ", "", "no words in punctuation");

	is_int(words_count("Call 1-800-633-4227 now", 23), 6,
	    "words_count counts the groups of a phone number");
	is_int(words_count("I&A — can't", strlen("I&A — can't")), 2,
	    "words_count: a dash is no word");
	is_int(words_char_at(mixed, strlen(mixed), 1), 1,
	    "é, two bytes, is a word character");
	is_int(words_char_at(mixed, strlen(mixed), 9), 0,
	    "a space is not a word character");
	is_int(words_char_at(mixed, strlen(mixed), strlen(mixed)), 0,
	    "past the end is no word character");
	is_int(words_char_before(mixed, 3), 1,
	    "the character before byte 3 is é");
	is_int(words_char_before(mixed, 0), 0,
	    "nothing is before the start");
	is_int(words_char_before("a-b", 2), 0, "'-' is not a word character");

	/* phrase_words: normalized, then the same words. */
	phrase_is("Identity & Access Management",
	    "identity access management",
	    "a lone '&' is no word (the query parser drops it too)");
	phrase_is("I&A System", "i&a system", "'&' between letters joins");
	phrase_is("Can’t log in", "can't log in",
	    "a curly apostrophe is normalized and joins");
	phrase_is("EUSsupport@cgi.com", "eussupport cgi com",
	    "an email address as its words");
	phrase_is("“Login.gov”", "login gov", "Login.gov as two words");
	is_int(phrase_in_words("log in", "can't log in log in"), 2,
	    "phrase_in_words counts whole occurrences");
	is_int(phrase_in_words("log", "login log-in"), 0,
	    "phrase_in_words does not count a word's beginning");
	/* Names written with dots: one thing to a reader. */
	names_are("Sign in with Login.gov or ID.me.", "[Login.gov][ID.me]",
	    "names: Login.gov and ID.me, the full stop left out");
	names_are("Go to VA.gov. Then sign in.", "[VA.gov]",
	    "names: a full stop and a space end the name");
	names_are("Use api.bcda.cms.gov today", "[api.bcda.cms.gov]",
	    "names: several dots");
	names_are("Write to no-reply@login.gov now", "[login.gov]",
	    "names: the host of an address");
	names_are("It costs 1.5 dollars. End.Next", "[End.Next]",
	    "names: a number is one word already; a missing space joins");
	names_are("no dots here, nor at the end.", "",
	    "names: none");
	names_are("Medicare.gov’s guide", "[Medicare.gov’s]",
	    "names: the apostrophe stays in the last word");
	names_are("", "", "names: empty text");
	return done_testing();
}
