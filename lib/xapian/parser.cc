/*
 * parser.cc - the query parser: its fields, wildcards expanded over
 * stems, phrases in a field, and the markers the rewriting of a query
 * string (query-syntax.c) gives those for the parser.
 */
#include <config.h>

#include "internal.hh"
#include "words.h"

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

/* What query_to_hex() encoded, as far as it is hex. */
static std::string
from_hex(const std::string &hex)
{
	size_t n;
	char *s = query_from_hex(hex.c_str(), &n);

	if (s == NULL)
		throw std::bad_alloc();
	std::string out(s, n);
	std::free(s);
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

/*
 * A name written with dots, whole ("login.gov", passed in hex by
 * mark_names, search.cc): its words, as the index holds them, weighed
 * only in the sections that hold the name itself (index.cc), not "gov"
 * wherever it is.
 */
class whole_name : public Xapian::FieldProcessor {
	Xapian::Stem stem;
public:
	explicit whole_name(const Xapian::Stem &s) : stem(s) {}
	Xapian::Query operator()(const std::string &hex) override
	{
		std::string name = from_hex(hex);
		std::vector<std::string> words;
		size_t pos = 0, start, n;
		while ((n = words_next(name.data(), name.size(), &pos,
		    &start)) > 0)
			words.push_back("Z" + stem(name.substr(start, n)));
		return Xapian::Query(Xapian::Query::OP_FILTER,
		    Xapian::Query(Xapian::Query::OP_OR, words.begin(),
		    words.end()), Xapian::Query("Z" + name));
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

/* Whether the LEN bytes at NAME name a free-text field of queries. */
static int
is_text_field(const char *name, size_t len)
{
	return text_field(std::string(name, len)) != NULL;
}

static const query_markers_t markers = {
	wildcard_field, phrase_field, is_text_field
};

extern "C" const query_markers_t *
shim_query_markers(void)
{
	return &markers;
}

/* A malloc'd result of query-syntax.c as a string; throws when it is
 * NULL (out of memory). */
static std::string
taken(char *s)
{
	if (s == NULL)
		throw std::bad_alloc();
	std::string out(s);
	std::free(s);
	return out;
}

/* QUERY with each wildcard and each quoted phrase in a field turned into
 * a field of its own, for stem_wildcard and field_phrase
 * (query_mark_fields). */
std::string
mark_fields(const std::string &query)
{
	return taken(query_mark_fields(query.c_str(), &markers));
}

/* NAME (a name_term()) as the parser's field for it, whole_name. */
std::string
marked_name(const std::string &name)
{
	return std::string(name_field) + ":" +
	    taken(query_to_hex(name.data(), name.size()));
}

/* QUERY as typed again, where mark_fields changed it. */
std::string
unmark_fields(const std::string &query)
{
	return taken(query_unmark_fields(query.c_str(), &markers));
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
	qp.add_prefix(name_field, (new whole_name(stem))->release());
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
	return query_is_plain_words(q.c_str()) != 0;
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
