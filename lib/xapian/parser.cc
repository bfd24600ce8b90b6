/*
 * parser.cc - the query parser: its fields, wildcards expanded over
 * stems, phrases in a field, and the rewriting of a query string that
 * passes those to the parser (mark_fields, unmark_fields).
 */
#include <config.h>

#include "internal.hh"

/*
 * Expands a wildcard over the stemmed terms ("Z", the field's prefix,
 * the stem), all the index holds: Xapian 1.4's parser would expand it
 * over unstemmed terms.  A stem can be shorter than the word typed
 * ("experienc*" and the stem "experi" of "experience"), so the words of
 * the spelling data that start with it give their stems too.
 */
class stem_wildcard : public Xapian::FieldProcessor {
	/* The field, or NULL for words in any field. */
	const field_t *field;
	std::string prefix;
	Xapian::Database db;
	Xapian::Stem stem;
	/* Enough for any prefix worth typing; "a*" stops here. */
	size_t max_words;
	/* The index's terms a wildcard covers at most, the most frequent:
	 * "a*" would otherwise OR thousands of posting lists. */
	Xapian::termcount max_expansion;

public:
	stem_wildcard(const field_t *f, const Xapian::Database &database,
		      const Xapian::Stem &s, const shim_policy_t &policy)
	    : field(f), prefix(std::string("Z") + (f != NULL ? f->prefix : "")),
	      db(database), stem(s), max_words(policy.wildcard_words),
	      max_expansion(policy.wildcard_terms) {}

	Xapian::Query operator()(const std::string &word) override
	{
		std::set<std::string> stems;
		Xapian::TermIterator t = db.spellings_begin();

		t.skip_to(word);
		for (; t != db.spellings_end() && stems.size() < max_words &&
		    (*t).compare(0, word.size(), word) == 0; ++t) {
			std::string z = prefix + stem(*t);
			if (z.compare(0, prefix.size() + word.size(),
			    prefix + word) != 0)
				stems.insert(z);
		}
		Xapian::Query all(Xapian::Query::OP_WILDCARD, prefix + word,
		    max_expansion, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
		if (stems.empty())
			return all;
		return Xapian::Query(Xapian::Query::OP_OR, all,
		    Xapian::Query(Xapian::Query::OP_OR, stems.begin(),
		    stems.end()));
	}
};

static std::string
to_hex(const std::string &s)
{
	static const char digits[] = "0123456789abcdef";
	std::string out;

	for (unsigned char c : s) {
		out += digits[c >> 4];
		out += digits[c & 0xf];
	}
	return out;
}

static int
hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* What to_hex encoded; as far as it is hex, for text typed by hand. */
static std::string
from_hex(const std::string &hex)
{
	std::string out;

	for (size_t i = 0; i + 1 < hex.size(); i += 2) {
		int high = hex_value(hex[i]), low = hex_value(hex[i + 1]);
		if (high < 0 || low < 0)
			break;
		out += static_cast<char>(high << 4 | low);
	}
	return out;
}

/*
 * The words of TEXT, a phrase when quoted, in field F: each word under
 * the field's prefix, and the phrase anywhere in the section, as no
 * phrase spans two texts.  The title's words have no positions (they are
 * on every section, under its prefix only): there a phrase asks for the
 * words only.
 */
static Xapian::Query
words_in_field(const field_t &f, const Xapian::Stem &stem,
	       const std::string &text)
{
	Xapian::QueryParser qp;

	qp.set_stemmer(stem);
	qp.set_stemming_strategy(Xapian::QueryParser::STEM_ALL_Z);
	Xapian::Query prefixed = qp.parse_query(text,
	    Xapian::QueryParser::FLAG_PHRASE, f.prefix);
	std::vector<std::string> each(prefixed.get_unique_terms_begin(),
	    prefixed.get_unique_terms_end());
	if (each.empty())
		return Xapian::Query();
	Xapian::Query all(Xapian::Query::OP_AND, each.begin(), each.end());
	if (f.weight == 0 || each.size() == 1)
		return all;
	return Xapian::Query(Xapian::Query::OP_FILTER, all,
	    qp.parse_query(text, Xapian::QueryParser::FLAG_PHRASE));
}

/*
 * A quoted phrase in a field, solution:"reset your password" (PHRASE).
 * Xapian 1.4's parser hands no quoted text to a FieldProcessor, so
 * mark_fields passes it in hex.
 */
class field_phrase : public Xapian::FieldProcessor {
	const field_t &field;
	Xapian::Stem stem;

public:
	field_phrase(const field_t &f, const Xapian::Stem &s)
	    : field(f), stem(s) {}

	Xapian::Query operator()(const std::string &hex) override
	{
		return words_in_field(field, stem,
		    "\"" + from_hex(hex) + "\"");
	}
};

static std::string
upper(std::string s)
{
	for (char &c : s)
		c = std::toupper(static_cast<unsigned char>(c));
	return s;
}

/* The free-text field named NAME in queries, or NULL. */
static const field_t *
text_field(const std::string &name)
{
	for (int i = 0; i < FIELD_LAST; i++)
		if (fields[i].name != NULL && !fields[i].boolean &&
		    name == fields[i].name)
			return &fields[i];
	return NULL;
}

static bool
is_word_byte(unsigned char c)
{
	return std::isalnum(c) || c >= 0x80 || c == '_' || c == '\'' ||
	    c == '&';
}

/*
 * QUERY with each wildcard outside quotes ("passw*", "solution:pass*",
 * "-passw*") turned into its wildcard field, for stem_wildcard, and each
 * quoted phrase in a field (solution:"a b") into its phrase field, for
 * field_words.
 */
std::string
mark_fields(const std::string &query)
{
	std::string out;
	bool quoted = false;

	for (size_t i = 0; i < query.size();) {
		char c = query[i];
		size_t sign = i > 0 && (query[i - 1] == '+' ||
		    query[i - 1] == '-') ? 1 : 0;
		bool starts = i == sign || query[i - 1 - sign] == ' ' ||
		    query[i - 1 - sign] == '(';
		if (c == '"')
			quoted = !quoted;
		/* Spaces and parentheses go as they are: a token never
		 * starts with one (and would be empty at a space). */
		if (quoted || c == '"' || c == '+' || c == '-' || c == ' ' ||
		    c == '(' || c == ')' || !starts) {
			out += c;
			i++;
			continue;
		}
		size_t end = query.find_first_of(" )\"", i);
		if (end == std::string::npos)
			end = query.size();
		std::string token = query.substr(i, end - i);
		size_t colon = token.find(':');
		std::string name = colon == std::string::npos ? "" :
		    token.substr(0, colon);
		std::string word = token.substr(colon == std::string::npos ?
		    0 : colon + 1);
		if (word.empty() && end < query.size() && query[end] == '"' &&
		    text_field(name) != NULL) {
			/* To the closing quote, or the end as Xapian has it. */
			size_t close = query.find('"', end + 1);
			if (close == std::string::npos)
				close = query.size();
			std::string phrase = query.substr(end + 1,
			    close - end - 1);
			if (phrase.find_first_not_of(' ') !=
			    std::string::npos) {
				out += phrase_field + upper(name) + ":" +
				    to_hex(phrase);
				i = close < query.size() ? close + 1 : close;
				continue;
			}
		}
		bool wildcard = word.size() > 1 && word.back() == '*' &&
		    (name.empty() || text_field(name) != NULL);
		if (wildcard) {
			word.pop_back();
			for (unsigned char w : word)
				wildcard = wildcard && is_word_byte(w);
		}
		if (wildcard)
			out += wildcard_field + upper(name) + ":" + word;
		else
			out += token;
		i = end;
	}
	return out;
}

/* QUERY as typed again, where mark_fields changed it. */
std::string
unmark_fields(const std::string &query)
{
	std::string out;
	size_t start = 0;

	for (;;) {
		size_t wild = query.find(wildcard_field, start);
		size_t phrase = query.find(phrase_field, start);
		size_t at = std::min(wild, phrase);
		if (at == std::string::npos)
			break;
		const std::string mark = at == wild ? wildcard_field :
		    phrase_field;
		size_t colon = query.find(':', at);
		size_t end = query.find_first_of(" )\"", at);
		if (end == std::string::npos)
			end = query.size();
		bool starts = at == 0 ||
		    std::strchr(" (+-", query[at - 1]) != NULL;
		if (!starts || colon == std::string::npos || colon > end) {
			/* The word as typed, not a mark. */
			out += query.substr(start, at + 1 - start);
			start = at + 1;
			continue;
		}
		std::string name = query.substr(at + mark.size(),
		    colon - at - mark.size());
		for (char &c : name)
			c = std::tolower(static_cast<unsigned char>(c));
		std::string value = query.substr(colon + 1, end - colon - 1);
		out += query.substr(start, at - start);
		if (!name.empty())
			out += name + ":";
		if (at == wild)
			out += value + "*";
		else
			out += "\"" + from_hex(value) + "\"";
		start = end;
	}
	return out + query.substr(start);
}

void
setup_parser(Xapian::QueryParser &qp, Xapian::Database &db,
	     const Xapian::Stem &stem, const shim_policy_t &policy)
{
	qp.set_database(db);
	qp.set_stemmer(stem);
	/* As the index holds words (new_builder): "Z" and the stem only. */
	qp.set_stemming_strategy(Xapian::QueryParser::STEM_ALL_Z);
	qp.set_default_op(Xapian::Query::OP_OR);
	qp.add_prefix(wildcard_field, (new stem_wildcard(NULL, db,
	    stem, policy))->release());
	for (int i = 0; i < FIELD_LAST; i++) {
		const field_t &f = fields[i];
		if (f.name == NULL)
			continue;
		if (f.boolean) {
			qp.add_boolean_prefix(f.name, f.prefix);
		} else {
			qp.add_prefix(f.name, f.prefix);
			qp.add_prefix(wildcard_field + upper(f.name),
			    (new stem_wildcard(&f, db, stem,
			    policy))->release());
			qp.add_prefix(phrase_field + upper(f.name),
			    (new field_phrase(f, stem))->release());
		}
	}
}

/* Plain words only: no quotes, operators, prefixes or wildcards. */
bool
is_plain_words(const std::string &q)
{
	size_t words = 0;
	bool in_word = false;

	for (unsigned char c : q) {
		if (c == '"' || c == '(' || c == ')' || c == '*' || c == ':' ||
		    c == '+' || (c >= 'A' && c <= 'Z'))
			return false;
		bool word = c != ' ';
		words += word && !in_word;
		in_word = word;
	}
	return words > 1;
}

/*
 * The stemmed terms the wildcards of QUERY cover, by their beginning:
 * "passw*" gives "Zpassw", "solution:pass*" gives "ZXSpass".
 */
std::vector<std::string>
wildcard_stems(const std::string &query)
{
	std::vector<std::string> stems;
	size_t start = 0;

	for (size_t i = 0; i <= query.size(); i++) {
		if (i < query.size() && query[i] != ' ' && query[i] != '*')
			continue;
		if (i < query.size() && query[i] == '*' && i > start) {
			std::string w = query.substr(start, i - start);
			while (!w.empty() && (w[0] == '+' || w[0] == '-' ||
			    w[0] == '('))
				w.erase(0, 1);
			std::string prefix;
			size_t colon = w.rfind(':');
			if (colon != std::string::npos) {
				const field_t *f = text_field(w.substr(0, colon));
				if (f != NULL)
					prefix = f->prefix;
				w.erase(0, colon + 1);
			}
			if (!w.empty())
				stems.push_back("Z" + prefix + w);
		}
		start = i + 1;
	}
	return stems;
}
