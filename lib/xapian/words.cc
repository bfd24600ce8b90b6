/*
 * words.cc - the words of a text for the spelling data: count_words(),
 * on the library's one rule of what a word is (lib/words.c).
 */
#include <config.h>

#include "internal.hh"
#include "testing.h"
#include "words.h"

/* Words longer than this are no words to suggest, nor does the term
 * generator index them. */
static const size_t max_spelling_bytes = 64;

/*
 * Counts TEXT's words into WORDS, for the spelling data: the words of
 * words_next(), with a right single quotation mark or a reversed one
 * written as the apostrophe, as the term generator writes it ("don’t"
 * is "don't").  TEXT is case folded already.  The index holds only
 * stems, so the words are taken from the text itself.
 *
 * Words with a digit are left out: a number is no misspelling of another
 * (a phone number one digit off is not the help desk's), and the numbers
 * of contacts were three quarters of the words and a quarter of the time
 * spent indexing.
 */
void
count_words(spelling_counts &words, const char *text)
{
	static const char right_quote[] = "\xe2\x80\x99";	/* U+2019 */
	static const char reversed_quote[] = "\xe2\x80\x9b";	/* U+201B */
	const size_t len = std::strlen(text);
	size_t pos = 0, start, n;
	std::string word;

	while ((n = words_next(text, len, &pos, &start)) > 0) {
		if (n > 3 * max_spelling_bytes ||
		    words_has_digit(text + start, n))
			continue;
		word.assign(text + start, n);
		for (const char *quote : { right_quote, reversed_quote })
			for (size_t q; (q = word.find(quote)) !=
			    std::string::npos;)
				word.replace(q, 3, "'");
		if (word.size() <= max_spelling_bytes)
			words[word]++;
	}
}

std::string
name_term(const std::string &written)
{
	static const char right_quote[] = "\xe2\x80\x99";	/* U+2019 */
	std::string name = Xapian::Unicode::tolower(written);

	for (size_t q; (q = name.find(right_quote)) != std::string::npos;)
		name.replace(q, 3, "'");
	if (name.size() > 2 && name.compare(name.size() - 2, 2, "'s") == 0)
		name.erase(name.size() - 2);
	if (name.find('.') == std::string::npos ||
	    name.size() > max_spelling_bytes)
		return std::string();
	return name;
}

std::set<std::string>
dotted_names(const std::string &text)
{
	std::set<std::string> names;
	size_t pos = 0, start, n;

	while ((n = words_next_name(text.data(), text.size(), &pos,
	    &start)) > 0) {
		std::string name = name_term(text.substr(start, n));
		if (!name.empty())
			names.insert(name);
	}
	return names;
}

extern "C" char *
shim_spelling_words(const char *text)
{
	try {
		spelling_counts counts;
		count_words(counts, text);
		std::map<std::string, Xapian::termcount> sorted(
		    counts.begin(), counts.end());
		std::string out;
		for (const auto &w : sorted)
			out += w.first + " " + std::to_string(w.second) + "\n";
		return copy_string(out);
	} catch (...) {
		return NULL;
	}
}
