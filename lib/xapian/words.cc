/*
 * words.cc - what a word is for the spelling data: count_words(), on
 * Xapian's Unicode tables as the term generator splits text.
 */
#include <config.h>

#include "internal.hh"

/* Words longer than this are no words to suggest, nor does the term
 * generator index them. */
static const size_t max_spelling_bytes = 64;

/*
 * Counts TEXT's words into WORDS, for the spelling data: words are runs
 * of word characters, as the term generator splits them, kept whole
 * across an apostrophe or '&' between letters ("don't", "at&t") and a
 * '.' or ',' between digits ("1.5").  TEXT is case folded already.  The
 * index holds only stems, so the words are taken from the text itself.
 *
 * Words with a digit are left out: a number is no misspelling of another
 * (a phone number one digit off is not the help desk's), and the numbers
 * of contacts were three quarters of the words and a quarter of the time
 * spent indexing.
 */
void
count_words(spelling_counts &words, const char *text)
{
	Xapian::Utf8Iterator it(text), end;
	std::string word;
	unsigned prev = 0;
	bool number = false;

	while (true) {
		unsigned ch = it == end ? 0 : *it;
		if (ch != 0 && Xapian::Unicode::is_wordchar(ch)) {
			Xapian::Unicode::append_utf8(word, ch);
			number = number || Xapian::Unicode::get_category(ch) ==
			    Xapian::Unicode::DECIMAL_DIGIT_NUMBER;
			prev = ch;
			++it;
			continue;
		}
		if (!word.empty() && ch != 0) {
			/* An infix joins only if a word character follows. */
			Xapian::Utf8Iterator next = it;
			++next;
			unsigned after = next == end ? 0 : *next;
			bool digits = Xapian::Unicode::get_category(prev) ==
			    Xapian::Unicode::DECIMAL_DIGIT_NUMBER &&
			    Xapian::Unicode::get_category(after) ==
			    Xapian::Unicode::DECIMAL_DIGIT_NUMBER;
			bool infix = ch == '\'' || ch == 0x2019 || ch == '&' ?
			    Xapian::Unicode::is_wordchar(after) :
			    (ch == '.' || ch == ',') && digits;
			if (infix) {
				word += ch == 0x2019 ? '\'' : static_cast<char>(ch);
				++it;
				continue;
			}
		}
		if (!word.empty() && !number &&
		    word.size() <= max_spelling_bytes)
			words[word]++;
		word.clear();
		number = false;
		if (it == end)
			break;
		++it;
	}
}
