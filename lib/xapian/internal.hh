/*
 * internal.hh - what every file of the Xapian layer shares: the handles
 * behind the opaque types of xapian-shim.h, the mapping of exceptions to
 * a status and message (classify), the retry of a read on a database a
 * writer changed (read_latest), and copying results into C memory.
 *
 * Each exported function runs its body inside one try block and hands any
 * exception to classify(), which turns it into a status and keeps the
 * message on the handle.  Results are copied into C memory before they
 * leave, so no C++ object or exception crosses into the C side.
 * Private to the Xapian layer (lib/xapian/).
 */
#ifndef FACTSHEET_XAPIAN_INTERNAL_HH
#define FACTSHEET_XAPIAN_INTERNAL_HH

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

#include "query-syntax.h"
#include "xapian-shim.h"
#include "schema.hh"

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

/* A shard a stub file or --db names, before it is opened (remote.cc). */
struct shard_spec {
	std::string name;	/* as given, for messages */
	bool remote;
	std::string where;	/* a folder, or host for a remote shard */
	unsigned port;
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
	/* Several databases as one (remote.cc): each shard, as opened and
	 * as named, and whether one is remote or there are several: then
	 * searches run none of our own MatchSpy or PostingSource, which
	 * a remote shard cannot run, and which see one shard's docids. */
	std::vector<Xapian::Database> parts;
	std::vector<std::string> part_names;
	/* Each local shard's words (its database and lexicon), and those
	 * of --words, asked one by one for spelling suggestions. */
	std::vector<Xapian::Database> word_parts;
	bool remote;
	/* Bytes of records added since Xapian last wrote its buffers out
	 * (index.cc, flush_if_large). */
	size_t unflushed = 0;
	/* Every shard named, whether it answers, and each one's database
	 * when it does: parts and part_names are those that answer.  A
	 * shard that does not is left out when MISSING_OK, and tried again
	 * at the earliest at RETRY_AT; the --words databases are kept
	 * apart, to combine again. */
	std::vector<shard_spec> specs;
	std::vector<bool> up;
	std::vector<Xapian::Database> spec_dbs;
	std::vector<Xapian::Database> extra_words;
	std::vector<std::string> extra_word_paths;
	bool missing_ok;
	unsigned timeout_ms;
	std::chrono::steady_clock::time_point retry_at;
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
	/* The shards that did not answer, left out of the results. */
	std::vector<std::string> missing;
	std::vector<const char *> missing_ptrs;
	/* The last failure of a call on the results (explain), which
	 * takes them const: what it leaves is no part of the results. */
	mutable std::string error;
	/* Per shim_facet_t: values, counts, a record of each. */
	struct facet_list {
		std::vector<std::string> values, records;
		std::vector<unsigned long> counts;
		std::vector<const char *> value_ptrs, record_ptrs;
	} facets[SHIM_FACET_LAST];
};

/* An index of a schema this version does not read. */
struct schema_error : std::runtime_error {
	explicit schema_error(const std::string &m) : std::runtime_error(m) {}
};

/*
 * Turns the exception being handled into a status and a message that
 * names CONTEXT (the database path).  READING says the failure came while
 * reading, where a plain DatabaseError means damaged files.
 */
inline factsheet_status_t
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

inline char *
copy_string(const std::string &s)
{
	char *copy = static_cast<char *>(std::malloc(s.size() + 1));

	if (copy != NULL)
		std::memcpy(copy, s.c_str(), s.size() + 1);
	return copy;
}

/* Copies STRINGS into a malloc'd array of malloc'd strings. */
inline char **
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


/* The parser's flags for a query as typed (parser.cc). */
static const unsigned parser_flags =
    Xapian::QueryParser::FLAG_DEFAULT |		/* phrase, boolean, +/- */
    Xapian::QueryParser::FLAG_WILDCARD |
    Xapian::QueryParser::FLAG_AUTO_MULTIWORD_SYNONYMS |
    Xapian::QueryParser::FLAG_SPELLING_CORRECTION;

/* db.cc */
std::string
schema_mismatch(const Xapian::Database &db);

/* index.cc */
shim_builder *
new_builder();

/* words.cc: the words of a text, as the spelling data counts them. */
void
count_words(spelling_counts &words, const char *text);

/* The name written with dots WRITTEN ("Login.gov’s") as the one term the
 * index holds it under ("login.gov"): lower case, a possessive "'s" left
 * out; empty when it is no such name (words.cc). */
std::string
name_term(const std::string &written);

/* The names written with dots in TEXT ("Login.gov", "ID.me"), each once,
 * as name_term() gives them. */
std::set<std::string>
dotted_names(const std::string &text);

/* spelling.cc */
void
add_counts(spelling_counts &into, const spelling_counts &from);
std::string
new_batch_tag();
Xapian::Database
open_words(const Xapian::Database &db, const std::string &path);
Xapian::Database
words_of(shim_db_t *db);
std::string
correct_words(Xapian::Database &db, const std::vector<Xapian::Database> *parts,
	      const Xapian::Stem &stem,
	      const std::string &query, const shim_policy_t &policy);
std::string
keep_real_words(const std::string &query, const std::string &corrected,
		int (*is_real_word)(const char *), bool *held);

/* parser.cc */
std::string
mark_fields(const std::string &query);
std::string
marked_name(const std::string &name);
std::string
unmark_fields(const std::string &query);
void
setup_parser(Xapian::QueryParser &qp, Xapian::Database &db,
	     const Xapian::Stem &stem, const shim_policy_t &policy);
bool
is_plain_words(const std::string &q);
std::vector<std::string>
wildcard_stems(const std::string &query);

/* A candidate hit: its document, weight and Xapian's percentage. */
struct candidate {
	Xapian::docid did;
	double weight;
	int percent;
};

/*
 * Counts the matches by publication (a value slot, read as each match is
 * seen) and by kind and contact kind (boolean terms), with one document
 * of each value.  Reading each match's term list for those cost six
 * times the query itself; the matches are kept instead, and
 * count_terms() then walks the posting list of each kind term over them,
 * after the match (facets.cc).
 */
class FacetSpy : public Xapian::MatchSpy {
public:
	struct count {
		unsigned long n = 0;
		Xapian::docid example = 0;
	};
	std::map<std::string, count> counts[SHIM_FACET_LAST];

	void operator()(const Xapian::Document &doc, double) override;
	/* The kind and contact-kind counts of the matches seen, from DB. */
	void count_terms(const Xapian::Database &db);
	/*
	 * What a remote shard counts for us, as it runs none of our code:
	 * a match DID seen, and the publication counts of a
	 * ValueCountMatchSpy, each with one document of it from DB.
	 */
	void see(Xapian::docid did);
	void count_publications(const Xapian::Database &db,
				const Xapian::ValueCountMatchSpy &values);

private:
	std::vector<Xapian::docid> seen;

	void count_posting(const Xapian::Database &db, const std::string &term,
			   shim_facet_t facet, const std::string &value);
	void add(shim_facet_t facet, const std::string &value,
		 Xapian::docid did);
};

/* remote.cc: whether DB left out a shard that did not answer; after a
 * failure to reach a shard, DB without those that do not answer, true
 * when some still do and a query may be run again. */
bool
shards_missing(const shim_db_t *db);
bool
drop_unreachable(shim_db_t *db);
void
retry_missing(shim_db_t *db);
/* DB's local shards and --words opened afresh by their paths. */
void
open_local_shards_again(shim_db_t *db);

/* rank.cc */
std::vector<candidate>
rank(Xapian::Database &db, const Xapian::Query &query,
     const Xapian::Query &phrase, Xapian::doccount wanted, double share,
     double time_limit, Xapian::doccount *total, bool *partial,
     FacetSpy *spy, Xapian::doccount facet_depth,
     const shim_policy_t &policy, bool remote);

/* facets.cc */
void
fill_facets(const Xapian::Database &db, FacetSpy *spy,
	    size_t max_publications, shim_mset *m);

#endif /* FACTSHEET_XAPIAN_INTERNAL_HH */
