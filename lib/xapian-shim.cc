/*
 * xapian-shim.cc - the only file that knows Xapian.
 *
 * Each exported function runs its body inside one try block and hands any
 * exception to classify(), which turns it into a status and keeps the
 * message on the handle.  Results are copied into C memory before they
 * leave, so no C++ object or exception crosses into the C side.
 */
#include <config.h>

#include <cstdio>
#include <cstdlib>
#include <algorithm>
#include <cctype>
#include <chrono>
#include <cfloat>
#include <cmath>
#include <cstring>
#include <iterator>
#include <limits>
#include <map>
#include <memory>
#include <new>
#include <random>
#include <stdexcept>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "xapian-shim.h"

/*
 * The English stemmer with a memory: a batch of publications repeats
 * the same few thousand words, and stemming each occurrence again was a
 * tenth of indexing.  Bounded, so that memory stays flat however many
 * words a corpus has (phone numbers, names, codes): past max_words it
 * forgets everything, and the common words come back at once.  Twenty
 * thousand words are about 2 MiB.
 */
class remembering_stemmer : public Xapian::StemImplementation {
	Xapian::Stem stem;
	std::unordered_map<std::string, std::string> known;
	static const size_t max_words = 20000;

public:
	explicit remembering_stemmer(const char *language) : stem(language) {}

	std::string operator()(const std::string &word) override
	{
		auto it = known.find(word);

		if (it != known.end())
			return it->second;
		if (known.size() >= max_words)
			known.clear();
		return known.emplace(word, stem(word)).first->second;
	}

	std::string get_description() const override
	{
		return "remembering " + stem.get_description();
	}
};

typedef std::unordered_map<std::string, Xapian::termcount> spelling_counts;

/* Makes documents, on whichever thread prepares publications. */
struct shim_builder {
	Xapian::TermGenerator tg;
	std::string error;
};

/* A publication's documents, made and waiting to be written. */
struct shim_docs {
	std::vector<Xapian::Document> docs;
	/* The spelling words of its text, and how often each occurs. */
	spelling_counts spelling;
};

struct shim_db {
	std::string path;
	bool writable;
	/* Opened for writing over an index of another schema, which the
	 * first commit empties, with its lexicon. */
	bool emptied;
	Xapian::Database *db;	/* points into rw when writable */
	Xapian::WritableDatabase *rw;
	/* When reading, where queries look words up: the documents'
	 * database and the lexicon beside it.  NULL when writing: each
	 * search then reads what the lexicon has committed (words_of). */
	Xapian::Database *words;
	/* When writable: documents made here, the spelling words of those
	 * written since the last batch was sealed, and what tells this
	 * writer's batches from those of writers before it. */
	shim_builder *builder;
	spelling_counts spelling;
	/* Those of a publication written in steps, until its end. */
	spelling_counts streamed;
	std::string batch_tag;
	unsigned long batches;
	std::string error;
};

/* A batch of spelling words, recorded in the documents' database under
 * KEY until the lexicon holds them. */
struct shim_words {
	std::string key;
	spelling_counts words;
};

/* The spelling data's own database, written on a thread of its own. */
struct shim_lexicon {
	std::string path;
	Xapian::WritableDatabase *rw;
	/* Words added since the last commit, and the batches they came in. */
	size_t unsaved;
	std::vector<std::string> unsaved_keys;
	std::string error;
};

struct shim_mset {
	Xapian::Database db;	/* for --explain */
	Xapian::Stem stem;
	std::vector<std::string> data;
	std::vector<int> percent;
	/* The terms the hits matched, wildcards and synonyms expanded. */
	std::vector<std::string> terms;
	std::vector<const char *> term_ptrs;
	unsigned long total;
	std::string corrected;
	/* A correction of real words, offered, not run. */
	std::string suggested;
	/* Matching stopped at the time limit. */
	bool partial;
	/* Per shim_facet_t: values, counts, a record of each. */
	struct facet_list {
		std::vector<std::string> values, records;
		std::vector<unsigned long> counts;
		std::vector<const char *> value_ptrs, record_ptrs;
	} facets[SHIM_FACET_LAST];
};

/* English stemming everywhere: the corpus is CMS's English publications. */
static const char stem_language[] = "english";

/* Each document's JSON record is in this value slot rather than in its
 * data: glass deflates document data on the writing thread as each
 * document is added, a tenth of that thread's time, and keeps values as
 * they are.  The database is larger by the difference. */
static const Xapian::valueno record_slot = 0;
/* Each document's publication id, for spreading a query's hits over
 * publications: reading it from each hit's term list was an eighth of a
 * plain query's instructions. */
static const Xapian::valueno publication_slot = 1;

/*
 * What the index holds and how, as notmuch keeps it: a schema number,
 * raised whenever an index made before cannot be read as it is, and the
 * list of features it has, for people to read.  An index of another
 * schema is refused with a message that says to index again with --force,
 * which empties it first (shim_db_open).  5: every word with its
 * position; each named field's words again under its prefix, without
 * positions; no second copy of the text; the publication id in a value.
 */
static const char schema_key[] = "factsheet:schema";
static const char schema_version[] = "5";
static const char features_key[] = "factsheet:features";
static const char features[] =
    "positions\nfield-terms\nrecord-in-value\npublication-value\n"
    "stem-only\nlexicon\n";

/* The positions kept of one term in one section: a phrase check reads
 * at most this many of each of its words in a section, however often a
 * word repeats there.  The word itself is counted every time. */
static const Xapian::termcount positions_max = 5000;

/* The position gap between two texts, so that no phrase spans them. */
static const Xapian::termpos field_gap = 100;

/* How much more the query's words as a phrase count than apart, and a
 * section holding the kind of contact asked for. */
static const double phrase_boost = 1.0;
static const double contact_boost = 0.5;

/* An index of a schema this version does not read. */
struct schema_error : std::runtime_error {
	explicit schema_error(const std::string &m) : std::runtime_error(m) {}
};

/*
 * Turns the exception being handled into a status and a message that
 * names CONTEXT (the database path).  READING says the failure came while
 * reading, where a plain DatabaseError means damaged files.
 */
static factsheet_status_t
classify(std::string &error, const std::string &context, bool reading)
{
	try {
		throw;
	} catch (const schema_error &e) {
		error = context + ": " + e.what();
		return FACTSHEET_STATUS_DATABASE_ERROR;
	} catch (const Xapian::DatabaseLockError &e) {
		error = context + ": database is locked by another indexer (" +
			e.get_msg() + ")";
		return FACTSHEET_STATUS_DATABASE_LOCKED;
	} catch (const Xapian::DatabaseNotFoundError &e) {
		error = context + ": no database there (" + e.get_msg() + ")";
		return FACTSHEET_STATUS_DATABASE_NOT_FOUND;
	} catch (const Xapian::DatabaseCorruptError &e) {
		error = context + ": database is corrupt (" + e.get_msg() + ")";
		return FACTSHEET_STATUS_DATABASE_CORRUPT;
	} catch (const Xapian::DatabaseVersionError &e) {
		error = context + ": not a database this Xapian can read (" +
			e.get_msg() + ")";
		return FACTSHEET_STATUS_DATABASE_CORRUPT;
	} catch (const Xapian::DatabaseModifiedError &e) {
		error = context + ": database changed while reading (" +
			e.get_msg() + ")";
		return FACTSHEET_STATUS_DATABASE_MODIFIED;
	} catch (const Xapian::DatabaseOpeningError &e) {
		error = context + ": cannot open database (" + e.get_msg() +
			")";
		return FACTSHEET_STATUS_DATABASE_CORRUPT;
	} catch (const Xapian::DatabaseError &e) {
		/* Reading fails this way when the files are damaged ("EOF
		 * reading block 2"); writing, also when the disk is full. */
		if (reading) {
			error = context + ": database is corrupt or unreadable ("
				+ e.get_msg() + ")";
			return FACTSHEET_STATUS_DATABASE_CORRUPT;
		}
		/* The system's reason ("No space left on device") is kept
		 * apart from the message. */
		error = context + ": " + e.get_msg();
		if (e.get_error_string() != NULL)
			error += std::string(" (") + e.get_error_string() + ")";
		return FACTSHEET_STATUS_DATABASE_ERROR;
	} catch (const Xapian::QueryParserError &e) {
		error = context + ": " + e.get_msg();
		return FACTSHEET_STATUS_BAD_QUERY;
	} catch (const Xapian::Error &e) {
		error = context + ": " + e.get_description();
		return FACTSHEET_STATUS_XAPIAN_EXCEPTION;
	} catch (const std::bad_alloc &) {
		error = context + ": out of memory";
		return FACTSHEET_STATUS_OUT_OF_MEMORY;
	} catch (const std::exception &e) {
		error = context + ": " + e.what();
		return FACTSHEET_STATUS_XAPIAN_EXCEPTION;
	} catch (...) {
		error = context + ": unknown C++ exception";
		return FACTSHEET_STATUS_XAPIAN_EXCEPTION;
	}
}

/* How many times a read starts again on a newer revision. */
static const int read_retries = 3;

/*
 * Runs READ, which must start from scratch each time.  A writer that
 * commits twice while we read discards the revision being read, and
 * Xapian says so with DatabaseModifiedError: reopen the latest revision
 * and read again, a few times before giving up with DATABASE_MODIFIED.
 */
template <typename Reopen, typename Read>
static void
read_latest_with(Reopen reopen, Read read)
{
	for (int attempt = 0;; attempt++) {
		try {
			read();
			return;
		} catch (const Xapian::DatabaseModifiedError &) {
			if (attempt == read_retries)
				throw;
			reopen();
		}
	}
}

template <typename Read>
static void
read_latest(Xapian::Database &db, Read read)
{
	read_latest_with([&] { db.reopen(); }, read);
}

/* DB's documents and the words beside them, both on their latest. */
template <typename Read>
static void
read_latest(shim_db_t *db, Read read)
{
	read_latest_with([&] {
		db->db->reopen();
		if (db->words != NULL)
			db->words->reopen();
	}, read);
}

static char *
copy_string(const std::string &s)
{
	char *copy = static_cast<char *>(std::malloc(s.size() + 1));

	if (copy != NULL)
		std::memcpy(copy, s.c_str(), s.size() + 1);
	return copy;
}

/* Copies STRINGS into a malloc'd array of malloc'd strings. */
static char **
copy_strings(const std::vector<std::string> &strings)
{
	char **out = static_cast<char **>(std::calloc(strings.size() + 1,
	    sizeof *out));

	if (out == NULL)
		return NULL;
	for (size_t i = 0; i < strings.size(); i++) {
		if ((out[i] = copy_string(strings[i])) == NULL) {
			for (size_t j = 0; j < i; j++)
				std::free(out[j]);
			std::free(out);
			return NULL;
		}
	}
	return out;
}

static shim_builder *
new_builder()
{
	shim_builder *b = new shim_builder;

	b->tg.set_stemmer(Xapian::Stem(new remembering_stemmer(
	    stem_language)));
	/* Each word once, as "Z" and its stem: half the postings of the
	 * word and its stem both, and phrases match on stems.  The query
	 * parser must agree (setup_parser). */
	b->tg.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL_Z);
	return b;
}

/*
 * The spelling data is kept in a database of its own, the lexicon, in
 * the subdirectory "lexicon" of the documents' database, and written on
 * a thread of its own (lexicon.c): Xapian rewrites and deflates the
 * trigram lists of every new word at the commit that adds it, a fifth of
 * a run over the PostgreSQL docs, which the documents' writer now waits
 * for only at a full commit.  Each commit of the documents records the
 * spelling words of what it wrote under a metadata key of this prefix;
 * the lexicon marks each batch it adds under the key's name after its
 * own prefix, in the same commit as the words.  A writer opening both
 * after a crash adds the batches recorded and not marked, and forgets
 * those marked.
 */
static const char pending_prefix[] = "spelling-pending:";
static const char applied_prefix[] = "applied:";
static const char lexicon_dir[] = "/lexicon";

/* WORDS as "word\tcount" lines. */
static std::string
serialize_words(const spelling_counts &words)
{
	std::string out;

	for (const auto &w : words) {
		out += w.first;
		out += '\t';
		out += std::to_string(w.second);
		out += '\n';
	}
	return out;
}

/* Adds the counts of serialize_words() text TEXT to WORDS. */
static void
parse_words(spelling_counts &words, const std::string &text)
{
	size_t at = 0;

	while (at < text.size()) {
		size_t tab = text.find('\t', at);
		size_t end = text.find('\n', at);
		if (end == std::string::npos)
			end = text.size();
		if (tab != std::string::npos && tab > at && tab < end)
			words[text.substr(at, tab - at)] += static_cast<
			    Xapian::termcount>(std::strtoul(
			    text.c_str() + tab + 1, NULL, 10));
		at = end + 1;
	}
}

/* Adds the counts of FROM to INTO. */
static void
add_counts(spelling_counts &into, const spelling_counts &from)
{
	for (const auto &w : from)
		into[w.first] += w.second;
}

/* A tag no earlier writer used, so that a batch recorded by a commit that
 * failed, and marked by the lexicon, is never taken for a later batch. */
static std::string
new_batch_tag()
{
	std::random_device random;
	char tag[17];

	std::snprintf(tag, sizeof tag, "%08x%08x", random(), random());
	return tag;
}

/* A view of DB for looking words up, with the lexicon beside it at PATH
 * when there is one: a database indexed before the lexicon was kept
 * apart holds its spelling data itself. */
static Xapian::Database
open_words(const Xapian::Database &db, const std::string &path)
{
	Xapian::Database words(db);

	try {
		words.add_database(Xapian::Database(path + lexicon_dir));
	} catch (const Xapian::DatabaseNotFoundError &) {
	}
	return words;
}

/* Where DB's queries look words up.  A writer's view is made afresh,
 * with what the lexicon has committed by now. */
static Xapian::Database
words_of(shim_db_t *db)
{
	return db->words != NULL ? *db->words : open_words(*db->db, db->path);
}

/*
 * Why DB, holding documents, cannot be read as this version reads an
 * index, or "" when it can: a new or empty index takes this schema.
 */
static std::string
schema_mismatch(const Xapian::Database &db)
{
	if (db.get_doccount() == 0)
		return std::string();
	std::string version = db.get_metadata(schema_key);
	if (version == schema_version)
		return std::string();
	return "index made by " + std::string(version.empty() ||
	    std::atoi(version.c_str()) < std::atoi(schema_version) ?
	    "an earlier" : "a later") + " version of factsheet (schema " +
	    (version.empty() ? std::string("4 or before") : version) +
	    ", this version reads " + schema_version +
	    "): re-index with --force";
}

extern "C" factsheet_status_t
shim_db_open(const char *path, int writable, shim_db_t **out, char **message)
{
	shim_db_t *db = NULL;

	*out = NULL;
	*message = NULL;
	try {
		db = new shim_db;
		db->path = path;
		db->writable = writable != 0;
		db->emptied = false;
		db->db = NULL;
		db->rw = NULL;
		db->words = NULL;
		db->builder = NULL;
		db->batches = 0;
		if (writable) {
			db->rw = new Xapian::WritableDatabase(path,
			    Xapian::DB_CREATE_OR_OPEN);
			db->db = db->rw;
			std::string mismatch = schema_mismatch(*db->rw);
			if (!mismatch.empty() && writable != 2)
				throw schema_error(mismatch);
			if (!mismatch.empty()) {
				/* Emptied, with its lexicon: the files are all
				 * indexed again (--force). */
				db->rw->close();
				delete db->rw;
				db->rw = NULL;
				db->db = NULL;
				db->rw = new Xapian::WritableDatabase(path,
				    Xapian::DB_CREATE_OR_OVERWRITE);
				db->db = db->rw;
				db->emptied = true;
			}
			db->rw->set_metadata(schema_key, schema_version);
			db->rw->set_metadata(features_key, features);
			db->builder = new_builder();
			db->batch_tag = new_batch_tag();
		} else {
			db->db = new Xapian::Database(path);
			std::string mismatch = schema_mismatch(*db->db);
			if (!mismatch.empty())
				throw schema_error(mismatch);
			db->words = new Xapian::Database(open_words(*db->db,
			    path));
		}
		*out = db;
		return FACTSHEET_STATUS_SUCCESS;
	} catch (...) {
		std::string error;
		factsheet_status_t status = classify(error, path, !writable);

		if (db != NULL) {
			delete db->builder;
			delete db->words;
			delete db->db;
			delete db;
		}
		*message = copy_string(error);
		return status;
	}
}

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
static void
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

extern "C" void
shim_db_close(shim_db_t *db)
{
	if (db == NULL)
		return;
	try {
		/* WritableDatabase::close() commits what is pending. */
		db->db->close();
	} catch (...) {
		/* Nothing to report to: the caller committed explicitly. */
	}
	delete db->builder;
	delete db->words;
	delete db->db;
	delete db;
}

extern "C" const char *
shim_db_error(const shim_db_t *db)
{
	return db->error.c_str();
}

/*
 * Indexes TEXT with the field's weight and its words' positions, for
 * plain queries and phrases, so that a word in a heading counts more than
 * the same word in body text; and again under the field's prefix, without
 * positions, for field: queries (Omega's way: a field word is one posting
 * list, no position to read).  A phrase in a field is the phrase anywhere
 * and its words in the field (words_in_field).  Texts are FIELD_GAP
 * positions apart, so that no phrase spans two.  The words go into
 * SPELLING as often as they occur.  A field of no weight (the title, on
 * every section) is indexed under its prefix only, for title: queries.
 */
static void
index_text(Xapian::TermGenerator &tg, spelling_counts &spelling,
	   const shim_text_t &t)
{
	const field_t &f = fields[t.field];
	unsigned emphasis = t.emphasis ? t.emphasis : 1;

	if (f.weight == 0) {
		tg.index_text_without_positions(t.text, 1, f.prefix);
		return;
	}
	if (f.no_positions) {
		tg.index_text_without_positions(t.text, f.weight * emphasis,
		    f.prefix);
		count_words(spelling, t.text);
		return;
	}
	tg.index_text(t.text, f.weight * emphasis);
	tg.increase_termpos(field_gap);
	if (f.name != NULL)
		tg.index_text_without_positions(t.text, emphasis, f.prefix);
	count_words(spelling, t.text);
}

extern "C" factsheet_status_t
shim_builder_new(const shim_db_t *db, shim_builder_t **out, char **message)
{
	*out = NULL;
	*message = NULL;
	try {
		(void)db;
		*out = new_builder();
		return FACTSHEET_STATUS_SUCCESS;
	} catch (...) {
		std::string error;
		factsheet_status_t status = classify(error, "indexing", false);

		*message = copy_string(error);
		return status;
	}
}

extern "C" void
shim_builder_free(shim_builder_t *b)
{
	delete b;
}

extern "C" const char *
shim_builder_error(const shim_builder_t *b)
{
	return b->error.c_str();
}

/* Drops the positions of DOC's terms past the first positions_max of
 * each, keeping their counts (wdf). */
static void
cap_positions(Xapian::Document &doc)
{
	/* Each term over, and its first position to drop. */
	std::vector<std::pair<std::string, Xapian::termpos>> over;

	for (Xapian::TermIterator t = doc.termlist_begin();
	    t != doc.termlist_end(); ++t) {
		if (t.positionlist_count() <= positions_max)
			continue;
		Xapian::PositionIterator p = t.positionlist_begin();
		for (Xapian::termcount i = 0; i < positions_max; i++)
			++p;
		over.emplace_back(*t, *p);
	}
	for (const auto &o : over)
		doc.remove_postings(o.first, o.second,
		    std::numeric_limits<Xapian::termpos>::max(), 0);
}

/* PUBLICATION_ID's documents from DOCS, added to OUT; throws what Xapian
 * throws. */
static void
make_docs(shim_builder *b, const char *publication_id,
	  const shim_document_t *docs, size_t n_docs, shim_docs *out)
{
	Xapian::TermGenerator &tg = b->tg;
	const std::string pub_term =
	    std::string(fields[FIELD_PUBLICATION].prefix) + publication_id;

	for (size_t i = 0; i < n_docs; i++) {
		const shim_document_t &d = docs[i];
		Xapian::Document doc;
		tg.set_document(doc);
		for (size_t j = 0; j < d.n_texts; j++)
			index_text(tg, out->spelling, d.texts[j]);
		cap_positions(doc);
		doc.add_boolean_term(
		    std::string(fields[FIELD_ID].prefix) + d.id);
		doc.add_boolean_term(pub_term);
		doc.add_boolean_term(
		    std::string(fields[FIELD_KIND].prefix) + d.kind);
		for (size_t j = 0; j < d.n_terms; j++)
			doc.add_term(d.terms[j], d.term_wdfs[j]);
		doc.add_value(record_slot, d.data);
		doc.add_value(publication_slot, publication_id);
		out->docs.push_back(doc);
	}
	/* The generator keeps the last document it was given.  Let go of
	 * it now: the documents' reference counts are not atomic, and the
	 * writing thread takes references (to read the values) while this
	 * one would otherwise drop the generator's at the next set_document. */
	tg.set_document(Xapian::Document());
}

extern "C" factsheet_status_t
shim_builder_make(shim_builder_t *b, const char *publication_id,
		  const shim_document_t *docs, size_t n_docs,
		  shim_docs_t **out)
{
	try {
		if (*out == NULL)
			*out = new shim_docs;
		make_docs(b, publication_id, docs, n_docs, *out);
		return FACTSHEET_STATUS_SUCCESS;
	} catch (...) {
		return classify(b->error, publication_id, false);
	}
}

extern "C" void
shim_docs_free(shim_docs_t *docs)
{
	delete docs;
}

extern "C" factsheet_status_t
shim_db_write_publication(shim_db_t *db, const char *publication_id,
			  shim_docs_t *docs, const char *const *keys,
			  const char *const *values, size_t n_meta)
{
	bool in_transaction = false;

	try {
		if (!db->writable)
			throw Xapian::InvalidOperationError(
			    "database opened read-only");
		const std::string pub_term =
		    std::string(fields[FIELD_PUBLICATION].prefix) +
		    publication_id;

		/* An unflushed transaction: the publication is replaced as a
		 * whole at the next commit, or not at all. */
		db->rw->begin_transaction(false);
		in_transaction = true;
		db->rw->delete_document(pub_term);
		/* Each id term is the publication's id and a slug unique in
		 * it, so with the old documents gone there is none to replace:
		 * adding spares a lookup of every id term. */
		for (size_t i = 0; docs != NULL && i < docs->docs.size(); i++) {
			db->rw->add_document(docs->docs[i]);
			/* Xapian has its postings now: a large publication
			 * need not be held twice. */
			docs->docs[i] = Xapian::Document();
		}
		/* What the caller keeps about the file goes in with its
		 * documents, so the two never disagree after a crash. */
		for (size_t i = 0; i < n_meta; i++)
			db->rw->set_metadata(keys[i], values[i]);
		db->rw->commit_transaction();
		if (docs != NULL)
			add_counts(db->spelling, docs->spelling);
		return FACTSHEET_STATUS_SUCCESS;
	} catch (...) {
		factsheet_status_t status = classify(db->error, db->path,
		    false);

		if (in_transaction) {
			try {
				db->rw->cancel_transaction();
			} catch (...) {
			}
		}
		return status;
	}
}

extern "C" factsheet_status_t
shim_db_begin_publication(shim_db_t *db, const char *publication_id)
{
	try {
		if (!db->writable)
			throw Xapian::InvalidOperationError(
			    "database opened read-only");
		db->streamed.clear();
		db->rw->begin_transaction(false);
		try {
			db->rw->delete_document(
			    std::string(fields[FIELD_PUBLICATION].prefix) +
			    publication_id);
		} catch (...) {
			db->rw->cancel_transaction();
			throw;
		}
		return FACTSHEET_STATUS_SUCCESS;
	} catch (...) {
		return classify(db->error, db->path, false);
	}
}

extern "C" factsheet_status_t
shim_db_add_documents(shim_db_t *db, const char *publication_id,
		      const shim_document_t *docs, size_t n_docs)
{
	try {
		shim_docs made;

		make_docs(db->builder, publication_id, docs, n_docs, &made);
		for (Xapian::Document &doc : made.docs) {
			db->rw->add_document(doc);
			doc = Xapian::Document();
		}
		add_counts(db->streamed, made.spelling);
		return FACTSHEET_STATUS_SUCCESS;
	} catch (...) {
		return classify(db->error, db->path, false);
	}
}

extern "C" factsheet_status_t
shim_db_end_publication(shim_db_t *db, const char *const *keys,
			const char *const *values, size_t n_meta)
{
	try {
		for (size_t i = 0; i < n_meta; i++)
			db->rw->set_metadata(keys[i], values[i]);
		db->rw->commit_transaction();
		add_counts(db->spelling, db->streamed);
		db->streamed.clear();
		return FACTSHEET_STATUS_SUCCESS;
	} catch (...) {
		return classify(db->error, db->path, false);
	}
}

extern "C" void
shim_db_cancel_publication(shim_db_t *db)
{
	db->streamed.clear();
	try {
		db->rw->cancel_transaction();
	} catch (...) {
	}
}

extern "C" factsheet_status_t
shim_db_replace_publication(shim_db_t *db, const char *publication_id,
			    const shim_document_t *docs, size_t n_docs)
{
	return shim_db_replace_publication_meta(db, publication_id, docs,
	    n_docs, NULL, NULL, 0);
}

extern "C" factsheet_status_t
shim_db_replace_publication_meta(shim_db_t *db, const char *publication_id,
				 const shim_document_t *docs, size_t n_docs,
				 const char *const *keys,
				 const char *const *values, size_t n_meta)
{
	std::unique_ptr<shim_docs> made;

	try {
		if (!db->writable)
			throw Xapian::InvalidOperationError(
			    "database opened read-only");
		if (n_docs > 0) {
			made.reset(new shim_docs);
			make_docs(db->builder, publication_id, docs, n_docs,
			    made.get());
		}
	} catch (...) {
		return classify(db->error, db->path, false);
	}
	return shim_db_write_publication(db, publication_id, made.get(), keys,
	    values, n_meta);
}

extern "C" factsheet_status_t
shim_db_commit(shim_db_t *db)
{
	try {
		if (db->writable)
			db->rw->commit();
		return FACTSHEET_STATUS_SUCCESS;
	} catch (...) {
		return classify(db->error, db->path, false);
	}
}

extern "C" factsheet_status_t
shim_db_seal_words(shim_db_t *db, shim_words_t **out)
{
	std::unique_ptr<shim_words> words;

	*out = NULL;
	try {
		if (!db->writable || db->spelling.empty())
			return FACTSHEET_STATUS_SUCCESS;
		char number[24];
		std::snprintf(number, sizeof number, "%06lu", ++db->batches);
		words.reset(new shim_words);
		words->key = pending_prefix + db->batch_tag + "-" + number;
		db->rw->set_metadata(words->key,
		    serialize_words(db->spelling));
		words->words.swap(db->spelling);
		*out = words.release();
		return FACTSHEET_STATUS_SUCCESS;
	} catch (...) {
		return classify(db->error, db->path, false);
	}
}

extern "C" void
shim_words_free(shim_words_t *words)
{
	delete words;
}

extern "C" factsheet_status_t
shim_db_forget_words(shim_db_t *db, char *const *keys, size_t n_keys)
{
	try {
		for (size_t i = 0; i < n_keys; i++)
			db->rw->set_metadata(keys[i], std::string());
		return FACTSHEET_STATUS_SUCCESS;
	} catch (...) {
		return classify(db->error, db->path, false);
	}
}

/* Adds WORDS to LEX's spelling data, sorted, as Xapian keeps them and
 * their fragments (faster than hash order: the PostgreSQL docs' words,
 * 0.79-0.89 s against 0.88-1.00), and marks the batch KEY added. */
static void
add_batch(shim_lexicon *lex, const std::string &key,
	  const spelling_counts &words)
{
	std::vector<std::pair<std::string, Xapian::termcount>> sorted(
	    words.begin(), words.end());

	std::sort(sorted.begin(), sorted.end());
	for (const auto &w : sorted)
		lex->rw->add_spelling(w.first, w.second);
	lex->rw->set_metadata(applied_prefix + key, "1");
	lex->unsaved += sorted.size();
	lex->unsaved_keys.push_back(key);
}

/*
 * Brings DB and LEX together after a writer that stopped between their
 * commits: a batch recorded in DB and marked in LEX is forgotten in DB's
 * next commit; one recorded and not marked is added again; a mark whose
 * batch DB no longer records has done its work.
 */
static void
recover_batches(shim_db *db, shim_lexicon *lex)
{
	std::set<std::string> recorded;

	for (Xapian::TermIterator k = db->rw->metadata_keys_begin(
	    pending_prefix); k != db->rw->metadata_keys_end(pending_prefix);
	    ++k)
		recorded.insert(*k);
	for (Xapian::TermIterator k = lex->rw->metadata_keys_begin(
	    applied_prefix); k != lex->rw->metadata_keys_end(applied_prefix);
	    ++k) {
		const std::string mark = *k;
		const std::string key = mark.substr(sizeof applied_prefix - 1);
		if (recorded.erase(key) > 0)
			db->rw->set_metadata(key, std::string());
		else
			lex->rw->set_metadata(mark, std::string());
	}
	for (const std::string &key : recorded) {
		spelling_counts words;
		parse_words(words, db->rw->get_metadata(key));
		add_batch(lex, key, words);
	}
}

extern "C" factsheet_status_t
shim_lexicon_open(shim_db_t *db, shim_lexicon_t **out, char **message)
{
	std::unique_ptr<shim_lexicon> lex(new (std::nothrow) shim_lexicon);

	*out = NULL;
	*message = NULL;
	if (!lex) {
		*message = copy_string(db->path + ": out of memory");
		return FACTSHEET_STATUS_OUT_OF_MEMORY;
	}
	lex->path = db->path + lexicon_dir;
	lex->rw = NULL;
	lex->unsaved = 0;
	try {
		if (!db->writable)
			throw Xapian::InvalidOperationError(
			    "database opened read-only");
		lex->rw = new Xapian::WritableDatabase(lex->path,
		    db->emptied ? Xapian::DB_CREATE_OR_OVERWRITE :
		    Xapian::DB_CREATE_OR_OPEN);
		recover_batches(db, lex.get());
		*out = lex.release();
		return FACTSHEET_STATUS_SUCCESS;
	} catch (...) {
		std::string error;
		factsheet_status_t status = classify(error, lex->path, false);

		delete lex->rw;
		*message = copy_string(error);
		return status;
	}
}

extern "C" factsheet_status_t
shim_lexicon_add(shim_lexicon_t *lex, const shim_words_t *words)
{
	if (words == NULL)
		return FACTSHEET_STATUS_SUCCESS;
	try {
		/* Half a batch must not be committed: were adding to fail
		 * midway, every word added since the last commit goes, and
		 * their batches stay recorded for the next writer. */
		lex->rw->begin_transaction(false);
		add_batch(lex, words->key, words->words);
		lex->rw->commit_transaction();
		return FACTSHEET_STATUS_SUCCESS;
	} catch (...) {
		factsheet_status_t status = classify(lex->error, lex->path,
		    false);

		try {
			lex->rw->cancel_transaction();
		} catch (...) {
		}
		lex->unsaved = 0;
		lex->unsaved_keys.clear();
		return status;
	}
}

extern "C" size_t
shim_lexicon_unsaved(const shim_lexicon_t *lex)
{
	return lex->unsaved;
}

extern "C" factsheet_status_t
shim_lexicon_commit(shim_lexicon_t *lex, char ***keys, size_t *n_keys)
{
	*keys = NULL;
	*n_keys = 0;
	try {
		lex->rw->commit();
	} catch (...) {
		return classify(lex->error, lex->path, false);
	}
	lex->unsaved = 0;
	*keys = copy_strings(lex->unsaved_keys);
	*n_keys = *keys != NULL ? lex->unsaved_keys.size() : 0;
	lex->unsaved_keys.clear();
	if (*keys == NULL) {
		/* The batches stay recorded: a later writer forgets them. */
		lex->error = lex->path + ": out of memory";
		return FACTSHEET_STATUS_OUT_OF_MEMORY;
	}
	return FACTSHEET_STATUS_SUCCESS;
}

extern "C" const char *
shim_lexicon_error(const shim_lexicon_t *lex)
{
	return lex->error.c_str();
}

extern "C" void
shim_lexicon_close(shim_lexicon_t *lex)
{
	if (lex == NULL)
		return;
	try {
		/* Commits what was added since the last commit, marks and
		 * all: the batches are whole either way. */
		lex->rw->close();
	} catch (...) {
	}
	delete lex->rw;
	delete lex;
}

extern "C" factsheet_status_t
shim_db_spelling_frequency(shim_db_t *db, const char *word,
			   unsigned long *frequency)
{
	*frequency = 0;
	try {
		read_latest(db, [&] {
			/* The spelling words' iterator gives each one's
			 * frequency as its term frequency. */
			Xapian::Database words = words_of(db);
			Xapian::TermIterator t = words.spellings_begin();
			t.skip_to(word);
			*frequency = t != words.spellings_end() &&
			    *t == word ? t.get_termfreq() : 0;
		});
		return FACTSHEET_STATUS_SUCCESS;
	} catch (...) {
		return classify(db->error, db->path, !db->writable);
	}
}

extern "C" factsheet_status_t
shim_db_term_count(shim_db_t *db, unsigned long *count)
{
	*count = 0;
	try {
		read_latest(db, [&] {
			unsigned long n = 0;
			/* A word is indexed as "Z" and its stem; a field's
			 * words carry a capital prefix after the "Z". */
			for (Xapian::TermIterator t =
			    db->db->allterms_begin("Z");
			    t != db->db->allterms_end("Z"); ++t) {
				const std::string term = *t;
				if (term.size() > 1 &&
				    !(term[1] >= 'A' && term[1] <= 'Z'))
					n++;
			}
			*count = n;
		});
		return FACTSHEET_STATUS_SUCCESS;
	} catch (...) {
		return classify(db->error, db->path, true);
	}
}

extern "C" factsheet_status_t
shim_db_count(shim_db_t *db, unsigned long *count)
{
	*count = 0;
	try {
		read_latest(db, [&] {
			*count = db->db->get_doccount();
		});
		return FACTSHEET_STATUS_SUCCESS;
	} catch (...) {
		return classify(db->error, db->path, true);
	}
}

/* A member as a synonym: a word by its stem, a phrase as a whole. */
static std::string
synonym_term(const Xapian::Stem &stem, const std::string &member)
{
	if (member.find(' ') != std::string::npos)
		return member;
	return "Z" + stem(member);
}

extern "C" factsheet_status_t
shim_db_set_synonyms(shim_db_t *db, const shim_group_t *groups,
		     size_t n_groups)
{
	try {
		if (!db->writable)
			throw Xapian::InvalidOperationError(
			    "database opened read-only");
		Xapian::Stem stem(stem_language);
		std::vector<std::string> old;
		for (Xapian::TermIterator k = db->rw->synonym_keys_begin();
		    k != db->rw->synonym_keys_end(); ++k)
			old.push_back(*k);
		for (const std::string &key : old)
			db->rw->clear_synonyms(key);
		for (size_t g = 0; g < n_groups; g++) {
			const shim_group_t &group = groups[g];
			for (size_t i = 0; i < group.n_members; i++) {
				std::string x = group.members[i];
				/* The parser looks a word up as typed and,
				 * stemming, by its stem: file it under both. */
				std::vector<std::string> keys{x};
				if (x.find(' ') == std::string::npos)
					keys.push_back("Z" + stem(x));
				for (size_t j = 0; j < group.n_members; j++) {
					std::string value = synonym_term(stem,
					    group.members[j]);
					for (const std::string &key : keys)
						if (j != i && value != key &&
						    value != "Z" + stem(x))
							db->rw->add_synonym(key,
							    value);
				}
			}
		}
		return FACTSHEET_STATUS_SUCCESS;
	} catch (...) {
		return classify(db->error, db->path, false);
	}
}

extern "C" factsheet_status_t
shim_db_phrases(shim_db_t *db, char ***phrases, size_t *n_phrases)
{
	std::vector<std::string> found;

	*phrases = NULL;
	*n_phrases = 0;
	try {
		read_latest(db, [&] {
			found.clear();
			for (Xapian::TermIterator k =
			    db->db->synonym_keys_begin();
			    k != db->db->synonym_keys_end(); ++k)
				if ((*k).find(' ') != std::string::npos)
					found.push_back(*k);
		});
	} catch (...) {
		return classify(db->error, db->path, !db->writable);
	}
	char **out = static_cast<char **>(std::calloc(found.size() + 1,
	    sizeof *out));
	if (out == NULL) {
		db->error = db->path + ": out of memory";
		return FACTSHEET_STATUS_OUT_OF_MEMORY;
	}
	for (size_t i = 0; i < found.size(); i++) {
		if ((out[i] = copy_string(found[i])) == NULL) {
			for (size_t j = 0; j < i; j++)
				std::free(out[j]);
			std::free(out);
			db->error = db->path + ": out of memory";
			return FACTSHEET_STATUS_OUT_OF_MEMORY;
		}
	}
	*phrases = out;
	*n_phrases = found.size();
	return FACTSHEET_STATUS_SUCCESS;
}

extern "C" factsheet_status_t
shim_db_set_metadata(shim_db_t *db, const char *key, const char *value)
{
	try {
		if (!db->writable)
			throw Xapian::InvalidOperationError(
			    "database opened read-only");
		db->rw->set_metadata(key, value);
		return FACTSHEET_STATUS_SUCCESS;
	} catch (...) {
		return classify(db->error, db->path, false);
	}
}

extern "C" factsheet_status_t
shim_db_get_metadata(shim_db_t *db, const char *key, char **value)
{
	*value = NULL;
	try {
		std::string v;
		read_latest(db, [&] { v = db->db->get_metadata(key); });
		if ((*value = copy_string(v)) == NULL) {
			db->error = db->path + ": out of memory";
			return FACTSHEET_STATUS_OUT_OF_MEMORY;
		}
		return FACTSHEET_STATUS_SUCCESS;
	} catch (...) {
		return classify(db->error, db->path, !db->writable);
	}
}

extern "C" factsheet_status_t
shim_db_metadata_list(shim_db_t *db, const char *prefix, char ***keys,
		      char ***values, size_t *n)
{
	std::vector<std::string> k, v;

	*keys = NULL;
	*values = NULL;
	*n = 0;
	try {
		read_latest(db, [&] {
			k.clear();
			v.clear();
			for (Xapian::TermIterator it =
			    db->db->metadata_keys_begin(prefix);
			    it != db->db->metadata_keys_end(prefix); ++it) {
				k.push_back(*it);
				v.push_back(db->db->get_metadata(*it));
			}
		});
	} catch (...) {
		return classify(db->error, db->path, !db->writable);
	}
	if ((*keys = copy_strings(k)) == NULL ||
	    (*values = copy_strings(v)) == NULL) {
		shim_strings_free(*keys, k.size());
		*keys = NULL;
		db->error = db->path + ": out of memory";
		return FACTSHEET_STATUS_OUT_OF_MEMORY;
	}
	*n = k.size();
	return FACTSHEET_STATUS_SUCCESS;
}

extern "C" factsheet_status_t
shim_db_publication_data(shim_db_t *db, const char *publication_id,
			 char ***data, size_t *n)
{
	std::vector<std::string> found;

	*data = NULL;
	*n = 0;
	try {
		const std::string pub_term =
		    std::string(fields[FIELD_PUBLICATION].prefix) +
		    publication_id;
		/* Postings come in docid order: the order sections were
		 * added in, which is the publication's own. */
		read_latest(db, [&] {
			found.clear();
			for (Xapian::PostingIterator p =
			    db->db->postlist_begin(pub_term);
			    p != db->db->postlist_end(pub_term); ++p)
				found.push_back(db->db->get_document(*p)
				    .get_value(record_slot));
		});
	} catch (...) {
		return classify(db->error, db->path, !db->writable);
	}
	if ((*data = copy_strings(found)) == NULL) {
		db->error = db->path + ": out of memory";
		return FACTSHEET_STATUS_OUT_OF_MEMORY;
	}
	*n = found.size();
	return FACTSHEET_STATUS_SUCCESS;
}

extern "C" void
shim_strings_free(char **strings, size_t n)
{
	if (strings == NULL)
		return;
	for (size_t i = 0; i < n; i++)
		std::free(strings[i]);
	std::free(strings);
}

/* Words too common to rank by: a question's "how do I" and "what is the"
 * leave its subject to decide.  A query of nothing else keeps them. */
static const char *const stopwords[] = {
	"a", "about", "am", "an", "and", "any", "are", "as", "at", "be",
	"been", "but", "by", "can", "could", "did", "do", "does", "for",
	"from", "get", "got", "had", "has", "have", "how", "i", "i'm", "if",
	"in", "into", "is", "it", "its", "me", "my", "of", "on", "or",
	"our", "out", "please", "should", "so", "than", "that", "the", "their",
	"them", "then", "there", "these", "this", "to", "up", "was", "we", "were",
	"what", "when", "where", "which", "who", "why", "will", "with",
	"would", "you", "your",
};

/*
 * A wildcard goes to the parser as a field of its own, named in capitals,
 * which a case-folded query holds nowhere but in its operators:
 * "passw*" as "WILDCARD:passw", "solution:pass*" as
 * "WILDCARDSOLUTION:pass".
 */
static const char wildcard_field[] = "WILDCARD";

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
	static const size_t max_words = 100;
	/* The index's terms a wildcard covers at most, the most frequent:
	 * "a*" would otherwise OR thousands of posting lists. */
	static const Xapian::termcount max_expansion = 200;

public:
	stem_wildcard(const field_t *f, const Xapian::Database &database,
		      const Xapian::Stem &s)
	    : field(f), prefix(std::string("Z") + (f != NULL ? f->prefix : "")),
	      db(database), stem(s) {}

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

/* Where mark_fields puts a quoted phrase in one field, by its name. */
static const char phrase_field[] = "PHRASE";

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
static std::string
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
static std::string
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

static void
setup_parser(Xapian::QueryParser &qp, Xapian::Database &db,
	     const Xapian::Stem &stem)
{
	qp.set_database(db);
	qp.set_stemmer(stem);
	/* As the index holds words (new_builder): "Z" and the stem only. */
	qp.set_stemming_strategy(Xapian::QueryParser::STEM_ALL_Z);
	qp.set_default_op(Xapian::Query::OP_OR);
	qp.add_prefix(wildcard_field, (new stem_wildcard(NULL, db,
	    stem))->release());
	for (int i = 0; i < FIELD_LAST; i++) {
		const field_t &f = fields[i];
		if (f.name == NULL)
			continue;
		if (f.boolean) {
			qp.add_boolean_prefix(f.name, f.prefix);
		} else {
			qp.add_prefix(f.name, f.prefix);
			qp.add_prefix(wildcard_field + upper(f.name),
			    (new stem_wildcard(&f, db, stem))->release());
			qp.add_prefix(phrase_field + upper(f.name),
			    (new field_phrase(f, stem))->release());
		}
	}
}

static const unsigned parser_flags =
    Xapian::QueryParser::FLAG_DEFAULT |		/* phrase, boolean, +/- */
    Xapian::QueryParser::FLAG_WILDCARD |
    Xapian::QueryParser::FLAG_AUTO_MULTIWORD_SYNONYMS |
    Xapian::QueryParser::FLAG_SPELLING_CORRECTION;

/* Plain words only: no quotes, operators, prefixes or wildcards. */
static bool
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
 * TEXT's words under the prefixes of the N fields FIELDS, parsed as typed,
 * without the thesaurus, as one OR; only the terms the index holds: one it
 * does not would lower every hit's percentage and change no order.
 */
static Xapian::Query
in_fields(const Xapian::Database &db, Xapian::QueryParser &qp,
	  const std::string &text, const field_id_t *ids, size_t n)
{
	std::vector<std::string> held;

	for (size_t i = 0; i < n; i++) {
		Xapian::Query parsed = qp.parse_query(text,
		    Xapian::QueryParser::FLAG_DEFAULT, fields[ids[i]].prefix);
		for (Xapian::TermIterator t = parsed.get_unique_terms_begin();
		    t != parsed.get_unique_terms_end(); ++t)
			if (db.term_exists(*t))
				held.push_back(*t);
	}
	return Xapian::Query(Xapian::Query::OP_OR, held.begin(), held.end());
}

/* QUERY, whose hits holding LIFT gain LIFT's weight times SHARE; the
 * lift adds no matches. */
static Xapian::Query
lift(const Xapian::Query &query, const Xapian::Query &by, double share)
{
	if (by.empty())
		return query;
	return Xapian::Query(Xapian::Query::OP_AND_MAYBE, query,
	    Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, by, share));
}

/*
 * The query people mean: QUERY as parsed, where sections holding a
 * contact of a kind asked for rank higher; the boost adds no matches.
 * *WORDS is the query without the boost, *PHRASE the words as one phrase
 * (empty unless the query is plain words), for rank() to favour.
 */
static Xapian::Query
build_query(const Xapian::Database &db, Xapian::QueryParser &qp,
	    const shim_query_t *q, const std::string &text,
	    std::string *corrected, Xapian::Query *words,
	    Xapian::Query *phrase)
{
	/* Plain words get our own spelling correction (correct_words);
	 * the parser's, which looks up every unknown word, is for the rest. */
	unsigned flags = parser_flags;
	if (corrected == NULL || is_plain_words(text) ||
	    text.find(' ') == std::string::npos)
		flags &= ~Xapian::QueryParser::FLAG_SPELLING_CORRECTION;
	Xapian::Query query = qp.parse_query(mark_fields(text), flags);

	if (corrected != NULL)
		*corrected = unmark_fields(qp.get_corrected_query_string());
	if (query.empty()) {
		/* Stopwords only ("who should I"): Xapian 1.4 then parses
		 * to nothing when a thesaurus phrase starts with those words,
		 * so parse them as plain words. */
		Xapian::QueryParser plain(qp);
		plain.set_stopper(NULL);
		query = plain.parse_query(mark_fields(text), flags &
		    ~Xapian::QueryParser::FLAG_AUTO_MULTIWORD_SYNONYMS);
	}
	*words = query;
	if (query.empty())
		return query;
	*phrase = Xapian::Query();
	if (is_plain_words(text))
		*phrase = qp.parse_query("\"" + text + "\"",
		    Xapian::QueryParser::FLAG_PHRASE);
	if (q->typed_weight > 0 && (is_plain_words(text) ||
	    text.find(' ') == std::string::npos)) {
		Xapian::Query typed = qp.parse_query(text,
		    flags & ~(Xapian::QueryParser::FLAG_AUTO_MULTIWORD_SYNONYMS |
		    Xapian::QueryParser::FLAG_SPELLING_CORRECTION));
		query = lift(query, typed, q->typed_weight);
	}
	if (q->title_weight > 0 && (is_plain_words(text) ||
	    text.find(' ') == std::string::npos)) {
		/* A question that names a program or a form prefers the
		 * publications about it. */
		const field_id_t title[] = { FIELD_TITLE };
		query = lift(query, in_fields(db, qp, text, title, 1),
		    q->title_weight);
	}
	if (q->heading_weight > 0 && is_plain_words(text)) {
		/* A heading that says most of what was asked. */
		const field_id_t heading[] = { FIELD_HEADING, FIELD_PROBLEM };
		query = lift(query, in_fields(db, qp, text, heading, 2),
		    q->heading_weight);
	}
	if (q->n_boost_terms > 0) {
		Xapian::Query kinds(Xapian::Query::OP_OR, q->boost_terms,
		    q->boost_terms + q->n_boost_terms);
		query = lift(query, kinds, contact_boost);
	}
	return query;
}

/*
 * The stemmed terms the wildcards of QUERY cover, by their beginning:
 * "passw*" gives "Zpassw", "solution:pass*" gives "ZXSpass".
 */
static std::vector<std::string>
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

/*
 * QUERY with each word corrected that the index does not know in any
 * form (as typed, by stem, as a synonym) and that is no stopword; "" when
 * nothing needs correcting.  The query parser's own correction also
 * corrects words that are synonyms or stopwords ("my" to "may").
 */
/* The single words of the synonym table's multi-word keys. */
static void
read_phrase_words(Xapian::Database &db, std::set<std::string> &words)
{
	for (Xapian::TermIterator k = db.synonym_keys_begin();
	    k != db.synonym_keys_end(); ++k) {
		const std::string &key = *k;
		if (key.find(' ') == std::string::npos)
			continue;
		size_t start = 0, space;
		while ((space = key.find(' ', start)) != std::string::npos) {
			words.insert(key.substr(start, space - start));
			start = space + 1;
		}
		words.insert(key.substr(start));
	}
}

static std::string
correct_words(Xapian::Database &db, const Xapian::Stem &stem,
	      const std::string &query)
{
	std::string out, word;
	bool changed = false;
	std::set<std::string> phrase_words;
	bool phrase_words_read = false;

	/* Words are what the parser keeps together; everything else
	 * (spaces, dots of a URL, an email's @) is copied as it is. */
	for (size_t i = 0; i <= query.size(); i++) {
		unsigned char c = i < query.size() ? query[i] : ' ';
		if (std::isalnum(c) || c >= 0x80 || c == '&' || c == '_' ||
		    c == '\'') {
			word += c;
			continue;
		}
		if (!word.empty()) {
			std::string fixed = word;
			std::string z = "Z" + stem(word);
			/* Short words are mostly acronyms ("npi", "ffs"),
			 * which spelling data would turn into others. */
			bool known = word.size() < 4 ||
			    word.find('\'') != std::string::npos ||
			    std::binary_search(std::begin(stopwords),
			    std::end(stopwords), word,
			    [](const std::string &a, const std::string &b) {
				    return a < b;
			    }) ||
			    db.term_exists(z) ||
			    db.synonyms_begin(word) != db.synonyms_end(word) ||
			    db.synonyms_begin(z) != db.synonyms_end(z);
			/* The words of thesaurus phrases ("hearing" of
			 * "hearing impaired") are known too, though the
			 * publications may not use them; read only when a
			 * word is unknown otherwise, not for every query. */
			if (!known && !phrase_words_read) {
				read_phrase_words(db, phrase_words);
				phrase_words_read = true;
			}
			known = known || phrase_words.count(word) > 0;
			if (!known) {
				std::string s = db.get_spelling_suggestion(word);
				if (!s.empty()) {
					fixed = s;
					changed = true;
				}
			}
			out += fixed;
			word.clear();
		}
		if (i < query.size())
			out += query[i];
	}
	return changed ? out : std::string();
}

/* Where each word of TEXT starts and how long it is, words as
 * correct_words() sees them. */
static std::vector<std::pair<size_t, size_t>>
word_spans(const std::string &text)
{
	std::vector<std::pair<size_t, size_t>> spans;
	size_t start = 0;

	for (size_t i = 0; i <= text.size(); i++) {
		unsigned char c = i < text.size() ? text[i] : ' ';
		if (std::isalnum(c) || c >= 0x80 || c == '&' || c == '_' ||
		    c == '\'')
			continue;
		if (i > start)
			spans.push_back({start, i - start});
		start = i + 1;
	}
	return spans;
}

/*
 * CORRECTED (QUERY with words corrected) with every real word of QUERY
 * (IS_REAL_WORD says which) put back as typed; *HELD whether any was.
 * A correction that changed the number of words is kept as it is.
 */
static std::string
keep_real_words(const std::string &query, const std::string &corrected,
		int (*is_real_word)(const char *), bool *held)
{
	std::vector<std::pair<size_t, size_t>> a = word_spans(query);
	std::vector<std::pair<size_t, size_t>> b = word_spans(corrected);
	std::string out;
	size_t copied = 0;

	*held = false;
	if (a.size() != b.size())
		return corrected;
	for (size_t i = 0; i < a.size(); i++) {
		std::string typed = query.substr(a[i].first, a[i].second);
		std::string fixed = corrected.substr(b[i].first, b[i].second);
		if (typed == fixed || !is_real_word(typed.c_str()))
			continue;
		out += corrected.substr(copied, b[i].first - copied);
		out += typed;
		copied = b[i].first + b[i].second;
		*held = true;
	}
	out += corrected.substr(copied);
	return out;
}

/* A candidate hit: its document, weight and Xapian's percentage. */
struct candidate {
	Xapian::docid did;
	double weight;
	int percent;
};

/*
 * Matches exactly the given documents, with no weight: a filter to check
 * a phrase in a few candidates only, cheaper than reading each one's
 * unique term.
 */
namespace {

class DocidSource : public Xapian::PostingSource {
	std::vector<Xapian::docid> dids;
	size_t pos;
	bool started;

    public:
	explicit DocidSource(std::vector<Xapian::docid> d)
	    : dids(std::move(d)), pos(0), started(false)
	{
		std::sort(dids.begin(), dids.end());
		set_maxweight(0);
	}
	Xapian::doccount get_termfreq_min() const { return dids.size(); }
	Xapian::doccount get_termfreq_est() const { return dids.size(); }
	Xapian::doccount get_termfreq_max() const { return dids.size(); }
	void next(double)
	{
		if (started)
			pos++;
		started = true;
	}
	void skip_to(Xapian::docid did, double)
	{
		started = true;
		while (pos < dids.size() && dids[pos] < did)
			pos++;
	}
	bool at_end() const { return pos >= dids.size(); }
	Xapian::docid get_docid() const { return dids[pos]; }
	void init(const Xapian::Database &)
	{
		pos = 0;
		started = false;
	}
	std::string get_description() const { return "DocidSource"; }
};

} // namespace

/* How many of the first candidates an exact phrase can lift. */
static const Xapian::doccount rerank_depth = 50;

/* The documents of DIDS that QUERY matches in DB, weighed by WEIGHT. */
static Xapian::MSet
within(const Xapian::Database &db, const Xapian::Query &query,
       const std::vector<Xapian::docid> &dids, const Xapian::Weight &weight)
{
	Xapian::Enquire enquire(db);

	enquire.set_weighting_scheme(weight);
	enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query,
	    Xapian::Query((new DocidSource(dids))->release())));
	return enquire.get_mset(0, dids.size());
}

/* The publication id of document DID. */
static std::string
publication_of(const Xapian::Database &db, Xapian::docid did)
{
	return db.get_document(did, Xapian::DOC_ASSUME_VALID).get_value(
	    publication_slot);
}

/*
 * HITS, in order of weight, with each hit's weight times SHARE for every
 * hit of its publication above it, and sorted again: one long handbook
 * does not take every place when other publications answer too.  Hits
 * of one publication keep their order among themselves; hits all of one
 * publication are left as they are.  Percentages follow the weights.
 */
static void
spread_publications(const Xapian::Database &db, std::vector<candidate> &hits,
		    double share)
{
	if (share >= 1 || hits.size() < 2)
		return;
	std::vector<std::string> pubs;
	std::map<std::string, unsigned> seen;
	for (const candidate &c : hits)
		seen[*pubs.insert(pubs.end(), publication_of(db, c.did))] = 0;
	/* With one publication there is no one to make room for. */
	if (seen.size() < 2)
		return;
	double top = 0;
	int top_percent = 0;
	for (size_t i = 0; i < hits.size(); i++) {
		candidate &c = hits[i];
		top_percent = std::max(top_percent, c.percent);
		c.weight *= std::pow(share, seen[pubs[i]]++);
		top = std::max(top, c.weight);
	}
	std::stable_sort(hits.begin(), hits.end(),
	    [](const candidate &a, const candidate &b) {
		    return a.weight > b.weight;
	    });
	for (candidate &c : hits)
		c.percent = top > 0 ? static_cast<int>(top_percent * c.weight /
		    top + 0.5) : 0;
}

/*
 * The first WANTED hits of QUERY, those holding PHRASE lifted by its
 * weight.  The phrase is checked only among the first candidates: as part
 * of the query it would be checked in every matching document, which
 * costs ten times the search on a large index.
 */
/*
 * Counts, for the facets, the publication, kinds and contact kinds of
 * each match the matcher looks at, and one document of each value.
 */
/*
 * Counts the matches by publication (a value slot, read as each match is
 * seen) and by kind and contact kind (boolean terms).  Reading each
 * match's term list for those cost six times the query itself; the
 * matches are kept instead, and count_terms() then walks the posting
 * list of each kind term over them, after the match.
 */
class FacetSpy : public Xapian::MatchSpy {
public:
	struct count {
		unsigned long n = 0;
		Xapian::docid example = 0;
	};
	std::map<std::string, count> counts[SHIM_FACET_LAST];

	void operator()(const Xapian::Document &doc, double) override
	{
		add(SHIM_FACET_PUBLICATION, doc.get_value(publication_slot),
		    doc.get_docid());
		seen.push_back(doc.get_docid());
	}

	/* The kind and contact-kind counts of the matches seen, from DB. */
	void count_terms(const Xapian::Database &db)
	{
		static const struct {
			shim_facet_t facet;
			field_id_t field;
		} boolean_fields[] = {
			{ SHIM_FACET_KIND, FIELD_KIND },
			{ SHIM_FACET_CONTACT_KIND, FIELD_CONTACT_KIND },
		};
		std::sort(seen.begin(), seen.end());
		for (const auto &f : boolean_fields) {
			const std::string prefix = fields[f.field].prefix;
			for (Xapian::TermIterator t = db.allterms_begin(prefix);
			    t != db.allterms_end(prefix); ++t) {
				const std::string term = *t;
				/* "XCK" is not "XCKX...": our prefixes are
				 * upper case, values lower case. */
				if (term.size() <= prefix.size() ||
				    std::isupper(static_cast<unsigned char>(
				    term[prefix.size()])))
					continue;
				count_posting(db, term, f.facet,
				    term.substr(prefix.size()));
			}
		}
		seen.clear();
	}

private:
	std::vector<Xapian::docid> seen;

	/* The matches seen (sorted) that TERM indexes, under VALUE. */
	void count_posting(const Xapian::Database &db, const std::string &term,
			   shim_facet_t facet, const std::string &value)
	{
		Xapian::PostingIterator p = db.postlist_begin(term);
		for (Xapian::docid did : seen) {
			p.skip_to(did);
			if (p == db.postlist_end(term))
				return;
			if (*p == did)
				add(facet, value, did);
		}
	}

	void add(shim_facet_t facet, const std::string &value,
		 Xapian::docid did)
	{
		if (value.empty())
			return;
		count &c = counts[facet][value];
		if (c.n++ == 0)
			c.example = did;
	}
};

static std::vector<candidate>
rank(Xapian::Database &db, const Xapian::Query &query,
     const Xapian::Query &phrase, Xapian::doccount wanted, double share,
     double time_limit, Xapian::doccount *total, bool *partial,
     FacetSpy *spy, Xapian::doccount facet_depth)
{
	Xapian::Enquire enquire(db);
	enquire.set_weighting_scheme(Xapian::BM25Weight());
	/* Equal weights fall back to document order, which is indexing
	 * order: the same query gives the same ranking every time. */
	enquire.set_docid_order(Xapian::Enquire::ASCENDING);
	enquire.set_query(query);
	Xapian::doccount depth = phrase.empty() && share >= 1 ? wanted :
	    std::max(wanted, rerank_depth);
	std::vector<candidate> hits;
	std::vector<Xapian::docid> dids;
	int top_percent = 0;

	/* Xapian stops matching at the limit and says nothing: a match
	 * that took as long is taken to have stopped there. */
	if (time_limit > 0)
		enquire.set_time_limit(time_limit);
	if (spy != NULL)
		enquire.add_matchspy(spy);
	auto start = std::chrono::steady_clock::now();
	Xapian::MSet mset = enquire.get_mset(0, depth,
	    spy != NULL ? std::max(depth, facet_depth) : 0);
	if (time_limit > 0 && std::chrono::duration<double>(
	    std::chrono::steady_clock::now() - start).count() >= time_limit)
		*partial = true;
	*total = mset.get_matches_estimated();
	for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it) {
		hits.push_back({*it, it.get_weight(), it.get_percent()});
		dids.push_back(*it);
		top_percent = std::max(top_percent, it.get_percent());
	}
	if (!phrase.empty() && !dids.empty()) {
		Xapian::MSet lifted = within(db, phrase, dids,
		    Xapian::BM25Weight());
		std::map<Xapian::docid, double> bonus;
		for (Xapian::MSetIterator it = lifted.begin();
		    it != lifted.end(); ++it)
			bonus[*it] = phrase_boost * it.get_weight();
		if (!bonus.empty()) {
			double top = 0;
			for (candidate &c : hits) {
				auto b = bonus.find(c.did);
				if (b != bonus.end())
					c.weight += b->second;
				top = std::max(top, c.weight);
			}
			std::stable_sort(hits.begin(), hits.end(),
			    [](const candidate &a, const candidate &b) {
				    if (a.weight != b.weight)
					    return a.weight > b.weight;
				    return a.did < b.did;
			    });
			/* Percentages follow the new weights, scaled to the
			 * best Xapian gave. */
			for (candidate &c : hits)
				c.percent = top > 0 ? static_cast<int>(
				    top_percent * c.weight / top + 0.5) : 0;
		}
	}
	spread_publications(db, hits, share);
	if (hits.size() > wanted)
		hits.resize(wanted);
	return hits;
}

/* How many publications the facets name at most, the most frequent. */
static const size_t max_publication_facets = 50;

/* COUNTS, most frequent first, into OUT; with RECORDS, each value's
 * example document's record too. */
static void
fill_facet(const Xapian::Database &db,
	   const std::map<std::string, FacetSpy::count> &counts, bool records,
	   shim_mset::facet_list &out)
{
	std::vector<std::pair<std::string, FacetSpy::count>> sorted(
	    counts.begin(), counts.end());
	std::stable_sort(sorted.begin(), sorted.end(),
	    [](const std::pair<std::string, FacetSpy::count> &a,
	       const std::pair<std::string, FacetSpy::count> &b) {
		    return a.second.n > b.second.n;
	    });
	if (records && sorted.size() > max_publication_facets)
		sorted.resize(max_publication_facets);
	for (const auto &v : sorted) {
		out.values.push_back(v.first);
		out.counts.push_back(v.second.n);
		out.records.push_back(records ? db.get_document(
		    v.second.example, Xapian::DOC_ASSUME_VALID).get_value(
		    record_slot) : std::string());
	}
	for (size_t i = 0; i < out.values.size(); i++) {
		out.value_ptrs.push_back(out.values[i].c_str());
		out.record_ptrs.push_back(out.records[i].c_str());
	}
}

/* Runs one query into M; the database may be reopened by the caller. */
static void
run_query(shim_db_t *db, const shim_query_t *q, shim_mset *m)
{
	Xapian::QueryParser qp;
	Xapian::SimpleStopper stopper(std::begin(stopwords),
	    std::end(stopwords));
	Xapian::Database lexicon = words_of(db);
	setup_parser(qp, lexicon, m->stem);
	qp.set_stopper(&stopper);
	std::string corrected;
	Xapian::Query words, phrase;
	Xapian::Query filter(Xapian::Query::OP_AND, q->filter_terms,
	    q->filter_terms + q->n_filter_terms);
	Xapian::Query query = build_query(*db->db, qp, q, q->query,
	    &corrected, &words, &phrase);
	if (!filter.empty())
		query = Xapian::Query(Xapian::Query::OP_FILTER, query, filter);
	if (is_plain_words(q->query) || std::strchr(q->query, ' ') == NULL)
		corrected = correct_words(lexicon, m->stem, q->query);
	/* A real word is never corrected in silence: the correction of
	 * those is only offered. */
	std::string suggested;
	bool held = false;
	if (!corrected.empty() && q->is_real_word != NULL) {
		std::string kept = keep_real_words(q->query, corrected,
		    q->is_real_word, &held);
		if (held) {
			suggested = corrected;
			corrected = kept == q->query ? std::string() : kept;
		}
	}

	Xapian::doccount wanted = q->offset + q->limit, total;
	m->partial = false;
	FacetSpy first_spy, second_spy, *spy = NULL;
	if (q->facet_depth > 0)
		spy = &first_spy;
	std::vector<candidate> hits = rank(*db->db, query, phrase, wanted,
	    q->same_publication_share, q->time_limit, &total, &m->partial,
	    spy, q->facet_depth);

	/* Run the spelling correction when the query as typed finds
	 * nothing, or far less than the corrected one. */
	m->corrected.clear();
	if (!corrected.empty() && corrected != q->query) {
		Xapian::Query second_words, second_phrase;
		Xapian::Query second_query = build_query(*db->db, qp, q,
		    corrected, NULL, &second_words, &second_phrase);
		if (!filter.empty())
			second_query = Xapian::Query(Xapian::Query::OP_FILTER,
			    second_query, filter);
		Xapian::doccount second_total;
		std::vector<candidate> second = rank(*db->db, second_query,
		    second_phrase, wanted, q->same_publication_share,
		    q->time_limit, &second_total, &m->partial,
		    spy != NULL ? &second_spy : NULL, q->facet_depth);
		if (!second.empty() && (hits.empty() ||
		    second_total >= 3 * total)) {
			if (spy != NULL)
				spy = &second_spy;
			hits = second;
			total = second_total;
			words = second_words;
			m->corrected = corrected;
		}
	}
	/* The suggestion is offered when it would find what the query run
	 * does not, or far more. */
	m->suggested.clear();
	if (!suggested.empty()) {
		Xapian::Query third_words, third_phrase;
		Xapian::Query third_query = build_query(*db->db, qp, q,
		    suggested, NULL, &third_words, &third_phrase);
		if (!filter.empty())
			third_query = Xapian::Query(Xapian::Query::OP_FILTER,
			    third_query, filter);
		Xapian::doccount third_total;
		bool third_partial = false;
		std::vector<candidate> third = rank(*db->db, third_query,
		    third_phrase, wanted, q->same_publication_share,
		    q->time_limit, &third_total, &third_partial, NULL, 0);
		if (!third.empty() && (hits.empty() ||
		    third_total >= 3 * total))
			m->suggested = suggested;
	}

	/* The words to highlight are those of the query as parsed, with
	 * its synonyms, not the boosts' (a phrase keeps its stopwords). */
	std::set<std::string> terms;
	terms.insert(words.get_unique_terms_begin(),
	    words.get_unique_terms_end());
	std::vector<std::string> wildcards = wildcard_stems(q->query);
	m->data.clear();
	m->percent.clear();
	m->db = *db->db;
	for (size_t i = q->offset; i < hits.size(); i++) {
		Xapian::Document doc = db->db->get_document(hits[i].did);
		m->data.push_back(doc.get_value(record_slot));
		m->percent.push_back(hits[i].percent);
		/* Xapian 1.4 reports no matching terms for a wildcard: take
		 * the document's own words that the pattern covers. */
		for (const std::string &w : wildcards)
			for (Xapian::TermIterator t = doc.termlist_begin();
			    t != doc.termlist_end(); ++t) {
				t.skip_to(w);
				if (t == doc.termlist_end() ||
				    (*t).compare(0, w.size(), w) != 0)
					break;
				terms.insert(*t);
			}
	}
	for (shim_mset::facet_list &f : m->facets)
		f = shim_mset::facet_list();
	if (spy != NULL)
		spy->count_terms(*db->db);
	for (int f = 0; spy != NULL && f < SHIM_FACET_LAST; f++)
		fill_facet(*db->db, spy->counts[f], f == SHIM_FACET_PUBLICATION,
		    m->facets[f]);
	m->terms.assign(terms.begin(), terms.end());
	m->term_ptrs.clear();
	for (const std::string &t : m->terms)
		m->term_ptrs.push_back(t.c_str());
	m->term_ptrs.push_back(NULL);
	m->total = total;
}

extern "C" factsheet_status_t
shim_db_search(shim_db_t *db, const shim_query_t *q, shim_mset_t **out)
{
	shim_mset *m = NULL;

	*out = NULL;
	try {
		m = new shim_mset;
		m->stem = Xapian::Stem(stem_language);
		m->total = 0;
		m->partial = false;
		/* Everything the results need is copied out while the
		 * revision is still there to read. */
		read_latest(db, [&] { run_query(db, q, m); });
		*out = m;
		return FACTSHEET_STATUS_SUCCESS;
	} catch (...) {
		delete m;
		return classify(db->error, db->path, true);
	}
}

extern "C" size_t
shim_mset_facets(const shim_mset_t *m, shim_facet_t facet,
		 const char *const **values, const unsigned long **counts,
		 const char *const **records)
{
	const shim_mset::facet_list &f = m->facets[facet];

	*values = f.value_ptrs.data();
	*counts = f.counts.data();
	*records = f.record_ptrs.data();
	return f.values.size();
}

extern "C" factsheet_status_t
shim_db_reopen(shim_db_t *db)
{
	try {
		if (!db->writable) {
			db->db->reopen();
			if (db->words != NULL)
				db->words->reopen();
		}
		return FACTSHEET_STATUS_SUCCESS;
	} catch (...) {
		return classify(db->error, db->path, true);
	}
}

extern "C" void
shim_mset_free(shim_mset_t *m)
{
	delete m;
}

extern "C" unsigned long
shim_mset_total(const shim_mset_t *m)
{
	return m->total;
}

extern "C" size_t
shim_mset_size(const shim_mset_t *m)
{
	return m->data.size();
}

extern "C" const char *
shim_mset_data(const shim_mset_t *m, size_t i)
{
	return m->data[i].c_str();
}

extern "C" int
shim_mset_percent(const shim_mset_t *m, size_t i)
{
	return m->percent[i];
}

extern "C" int
shim_mset_partial(const shim_mset_t *m)
{
	return m->partial;
}

extern "C" const char *
shim_mset_corrected(const shim_mset_t *m)
{
	return m->corrected.empty() ? NULL : m->corrected.c_str();
}

extern "C" const char *
shim_mset_suggested(const shim_mset_t *m)
{
	return m->suggested.empty() ? NULL : m->suggested.c_str();
}

extern "C" const char *const *
shim_mset_terms(const shim_mset_t *m)
{
	return m->term_ptrs.data();
}

extern "C" char *
shim_mset_stem(const shim_mset_t *m, const char *word)
{
	try {
		return copy_string(m->stem(word));
	} catch (...) {
		return NULL;
	}
}

/* One matched term of a hit, as explain_hit finds it. */
struct term_weight {
	std::string term;
	unsigned wdf;
	unsigned long documents;
	double weight;
};

/*
 * Which of TERMS the section with unique term ID_TERM holds, and what
 * each weighs there, in DB as it is now.
 */
static std::vector<term_weight>
explain_hit(Xapian::Database &db, const std::vector<std::string> &terms,
	    const std::string &id_term)
{
	Xapian::PostingIterator p;

	if ((p = db.postlist_begin(id_term)) == db.postlist_end(id_term))
		throw Xapian::DocNotFoundError("the section is no longer in "
		    "the database");
	Xapian::Document doc = db.get_document(*p);
	std::vector<term_weight> rows;
	for (const std::string &term : terms) {
		Xapian::TermIterator t = doc.termlist_begin();
		t.skip_to(term);
		if (t == doc.termlist_end() || *t != term)
			continue;
		/* The term's own share: its BM25 weight in this document,
		 * as a one-term query. */
		Xapian::Enquire e(db);
		e.set_query(Xapian::Query(Xapian::Query::OP_FILTER,
		    Xapian::Query(term), Xapian::Query(id_term)));
		Xapian::MSet one = e.get_mset(0, 1);
		rows.push_back({term, t.get_wdf(), db.get_termfreq(term),
		    one.empty() ? 0.0 : one.begin().get_weight()});
	}
	return rows;
}

extern "C" factsheet_status_t
shim_mset_explain(const shim_mset_t *m, const char *section_id,
		  shim_term_weight_t **out, size_t *n_out)
{
	std::vector<term_weight> rows;

	*out = NULL;
	*n_out = 0;
	try {
		/* Explained after the search, when a writer may have
		 * committed since: then the section is found again by its
		 * unique term, as the latest revision holds it. */
		Xapian::Database db = m->db;
		const std::string id_term =
		    std::string(fields[FIELD_ID].prefix) + section_id;
		read_latest(db, [&] {
			rows = explain_hit(db, m->terms, id_term);
		});
	} catch (...) {
		std::string error;
		return classify(error, "explain", true);
	}
	shim_term_weight_t *copy = static_cast<shim_term_weight_t *>(
	    std::calloc(rows.size() + 1, sizeof *copy));
	if (copy == NULL)
		return FACTSHEET_STATUS_OUT_OF_MEMORY;
	for (size_t k = 0; k < rows.size(); k++) {
		if ((copy[k].term = copy_string(rows[k].term)) == NULL) {
			for (size_t j = 0; j < k; j++)
				std::free(copy[j].term);
			std::free(copy);
			return FACTSHEET_STATUS_OUT_OF_MEMORY;
		}
		copy[k].wdf = rows[k].wdf;
		copy[k].documents = rows[k].documents;
		copy[k].weight = rows[k].weight;
	}
	*out = copy;
	*n_out = rows.size();
	return FACTSHEET_STATUS_SUCCESS;
}
