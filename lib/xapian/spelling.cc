/*
 * spelling.cc - the spelling data: batches of words recorded with each
 * commit of the documents, the lexicon that holds them beside the
 * documents' database, recovery after a writer stopped between the two
 * commits, and the correction of a query's unknown words.
 */
#include <config.h>

#include "internal.hh"
#include "testing.h"
#include "words.h"

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
void
add_counts(spelling_counts &into, const spelling_counts &from)
{
	for (const auto &w : from)
		into[w.first] += w.second;
}

/* A tag no earlier writer used, so that a batch recorded by a commit that
 * failed, and marked by the lexicon, is never taken for a later batch. */
std::string
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
Xapian::Database
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
Xapian::Database
words_of(shim_db_t *db)
{
	return db->words != NULL ? *db->words : open_words(*db->db, db->path);
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
shim_lexicon_open(shim_db_t *db, shim_lexicon_t **out)
{
	std::unique_ptr<shim_lexicon> lex(new (std::nothrow) shim_lexicon);

	*out = NULL;
	if (!lex) {
		db->error = db->path + ": out of memory";
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
		factsheet_status_t status = classify(db->error, lex->path,
		    false);

		delete lex->rw;
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

/* The number of one-byte edits that turn A into B. */
static size_t
edit_distance(const std::string &a, const std::string &b)
{
	std::vector<size_t> row(b.size() + 1);

	for (size_t j = 0; j <= b.size(); j++)
		row[j] = j;
	for (size_t i = 1; i <= a.size(); i++) {
		size_t diagonal = row[0];
		row[0] = i;
		for (size_t j = 1; j <= b.size(); j++) {
			size_t up = row[j];
			row[j] = std::min({ row[j] + 1, row[j - 1] + 1,
			    diagonal + (a[i - 1] == b[j - 1] ? 0 : 1) });
			diagonal = up;
		}
	}
	return row[b.size()];
}

/*
 * The spelling suggestion for WORD from DB or, given PARTS (the lexicons
 * of several shards), from them: Xapian 1.4 merging several databases'
 * spelling data suggested "medicaid" for "medicaire" where each shard's
 * own data, and one database holding all of it, say "medicare".  Each
 * part is asked on its own; the nearest suggestion wins, then the one
 * more documents hold.
 */
static std::string
suggest(Xapian::Database &db, const std::vector<Xapian::Database> *parts,
	const Xapian::Stem &stem, const std::string &word)
{
	if (parts == NULL || parts->size() < 2)
		return db.get_spelling_suggestion(word);
	std::string best;
	size_t best_distance = 0;
	Xapian::doccount best_n = 0;
	for (const Xapian::Database &part : *parts) {
		std::string s = part.get_spelling_suggestion(word);
		if (s.empty() || s == best)
			continue;
		size_t d = edit_distance(word, s);
		Xapian::doccount n = db.get_termfreq("Z" + stem(s));
		if (best.empty() || d < best_distance ||
		    (d == best_distance && (n > best_n ||
		    (n == best_n && s < best)))) {
			best = s;
			best_distance = d;
			best_n = n;
		}
	}
	return best;
}

std::string
correct_words(Xapian::Database &db, const std::vector<Xapian::Database> *parts,
	      const Xapian::Stem &stem, const std::string &query,
	      const shim_policy_t &policy)
{
	std::string out;
	bool changed = false;
	std::set<std::string> phrase_words;
	bool phrase_words_read = false;

	/* Words are the index's (words.h); everything between them
	 * (spaces, dots of a URL, an email's @) is copied as it is. */
	const char *text = query.c_str();
	size_t pos = 0, start, n, copied = 0;
	while ((n = words_next(text, query.size(), &pos, &start)) > 0) {
		out.append(query, copied, start - copied);
		copied = start + n;
		std::string word = query.substr(start, n);
		std::string fixed = word;
		std::string z = "Z" + stem(word);
		/* Short words are mostly acronyms ("npi", "ffs"),
		 * which spelling data would turn into others. */
		bool known = word.size() < policy.min_corrected_bytes ||
		    word.find('\'') != std::string::npos ||
		    std::binary_search(policy.stopwords,
		    policy.stopwords + policy.n_stopwords, word,
		    [](const std::string &a, const std::string &b) {
			    return a < b;
		    }) ||
		    db.term_exists(z) ||
		    db.synonyms_begin(word) != db.synonyms_end(word) ||
		    db.synonyms_begin(z) != db.synonyms_end(z);
		/* The words of thesaurus phrases ("hearing" of "hearing
		 * impaired") are known too, though the publications may
		 * not use them; read only when a word is unknown
		 * otherwise, not for every query. */
		if (!known && !phrase_words_read) {
			read_phrase_words(db, phrase_words);
			phrase_words_read = true;
		}
		known = known || phrase_words.count(word) > 0;
		if (!known) {
			std::string s = suggest(db, parts, stem, word);
			if (!s.empty()) {
				fixed = s;
				changed = true;
			}
		}
		out += fixed;
	}
	out.append(query, copied, std::string::npos);
	return changed ? out : std::string();
}

/*
 * CORRECTED (QUERY with words corrected) with every real word of QUERY
 * (IS_REAL_WORD says which) put back as typed; *HELD whether any was
 * (query_keep_real_words).
 */
std::string
keep_real_words(const std::string &query, const std::string &corrected,
		int (*is_real_word)(const char *), bool *held)
{
	int any = 0;
	char *kept = query_keep_real_words(query.c_str(), corrected.c_str(),
	    is_real_word, &any);

	if (kept == NULL)
		throw std::bad_alloc();
	std::string out(kept);
	std::free(kept);
	*held = any != 0;
	return out;
}
