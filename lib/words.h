/*
 * words.h - what a word is, once for the whole library (private).
 *
 * A word is what the index's term generator (Xapian's) takes as one: a
 * run of word characters (letters, combining marks, digits and other
 * numbers, connector punctuation such as '_'), held together across an
 * apostrophe or '&' with a word character after it ("can't", "i&a") and
 * across a '.' or ',' between two digits ("1.5", "1,000").  Everything
 * else separates words: spaces, '@', '/', ':', '-', and a '.' between
 * letters ("Login.gov" is two words, as the index has it).
 *
 * Text is UTF-8; positions are byte offsets.  Nothing here allocates but
 * phrase_words().
 */
#ifndef FACTSHEET_WORDS_H
#define FACTSHEET_WORDS_H

#include <stddef.h>

#include <unitypes.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Whether C is a word character: a letter, mark, number or connector. */
int
words_is_word_char(ucs4_t c);

/* Whether the character that starts at byte I of S (LEN bytes) is a word
 * character; 0 at or past the end. */
int
words_char_at(const char *s, size_t len, size_t i);

/* Whether the character that ends just before byte I of S is a word
 * character; 0 at the start. */
int
words_char_before(const char *s, size_t i);

/*
 * The next word of S (LEN bytes) at or after byte *POS: its start in
 * *START and its length returned; *POS moves past it.  0 when no word is
 * left.  Start with *POS = 0.
 */
size_t
words_next(const char *s, size_t len, size_t *pos, size_t *start);

/*
 * The next name written with dots inside ("Login.gov", "ID.me",
 * "api.bcda.cms.gov") at or after byte *POS of S (LEN bytes): words
 * joined by a '.' with a word character on each side, which the rule
 * above splits.  To a reader it is one thing: the index holds it also as
 * one term, and a query's name matches that first.  Its start in *START,
 * its length returned, *POS past it; 0 when none is left.  A full stop
 * ends no name ("Login.gov." is "Login.gov").
 */
size_t
words_next_name(const char *s, size_t len, size_t *pos, size_t *start);

/* How many words S (LEN bytes) holds. */
size_t
words_count(const char *s, size_t len);

/* Whether S (LEN bytes) holds a decimal digit, of any script. */
int
words_has_digit(const char *s, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* FACTSHEET_WORDS_H */
