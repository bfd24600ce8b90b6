/*
 * index.cc - documents: the term generator (the builder), each
 * section's text under its fields, writing and replacing a publication
 * in one transaction, and the commit.
 */
#include <config.h>

#include "internal.hh"
#include "testing.h"

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

shim_builder *
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
 * The names written with dots in TEXT ("Login.gov"), which the term
 * generator splits into words ("login", "gov"), as one term each too,
 * "Z" and the name, with no weight of its own (a within-document
 * frequency of 0), so that no section's length changes: a query naming
 * it counts its words only in the sections that hold it whole
 * (whole_name, parser.cc).  The words stay, so "login" still finds it.
 */
static void
add_names(Xapian::TermGenerator &tg, const char *text)
{
	Xapian::Document doc = tg.get_document();

	for (const std::string &name : dotted_names(text))
		doc.add_boolean_term("Z" + name);
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
		add_names(tg, t.text);
		count_words(spelling, t.text);
		return;
	}
	tg.index_text(t.text, f.weight * emphasis);
	tg.increase_termpos(field_gap);
	if (f.name != NULL)
		tg.index_text_without_positions(t.text, emphasis, f.prefix);
	add_names(tg, t.text);
	count_words(spelling, t.text);
}

extern "C" factsheet_status_t
shim_builder_new(shim_db_t *db, shim_builder_t **out)
{
	*out = NULL;
	try {
		*out = new_builder();
		return FACTSHEET_STATUS_SUCCESS;
	} catch (...) {
		return classify(db->error, "indexing", false);
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
		if (d.section != NULL)
			doc.add_value(section_slot, d.section);
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

/*
 * Xapian 1.4 keeps what is added in memory (postings, positions, values)
 * until a commit or every XAPIAN_FLUSH_THRESHOLD documents (10,000),
 * however large each is, and a publication is one transaction: the
 * pieces of a 50 MB section of unique numbers held 420 MB there.  Past
 * this many bytes of records added, the buffers are written to the
 * tables, uncommitted, so a transaction can still be cancelled.
 */
static const size_t flush_bytes = 4 << 20;

/* Counts DOC's bytes, and past flush_bytes has Xapian write out its
 * buffers.  Opening the list of all terms writes out the postings and
 * positions, opening a value stream the values: both do so without a
 * commit, a transaction being possibly open (glass_database.cc,
 * open_allterms and open_value_list). */
static void
flush_if_large(shim_db *db, const Xapian::Document &doc)
{
	db->unflushed += doc.get_value(record_slot).size();
	if (db->unflushed < flush_bytes)
		return;
	db->unflushed = 0;
	(void)db->rw->allterms_begin();
	(void)db->rw->valuestream_begin(record_slot);
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
			flush_if_large(db, docs->docs[i]);
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
			flush_if_large(db, doc);
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
