/*
 * explain.cc - why a hit ranked where it did: which of the query's terms
 * its section holds, how often, in how many documents, and what each
 * weighs there.
 */
#include <config.h>

#include "internal.hh"

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
		return classify(m->error, "explain", true);
	}
	shim_term_weight_t *copy = static_cast<shim_term_weight_t *>(
	    std::calloc(rows.size() + 1, sizeof *copy));
	if (copy == NULL) {
		m->error = "explain: out of memory";
		return FACTSHEET_STATUS_OUT_OF_MEMORY;
	}
	for (size_t k = 0; k < rows.size(); k++) {
		if ((copy[k].term = copy_string(rows[k].term)) == NULL) {
			for (size_t j = 0; j < k; j++)
				std::free(copy[j].term);
			std::free(copy);
			m->error = "explain: out of memory";
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

extern "C" const char *
shim_mset_error(const shim_mset_t *m)
{
	return m->error.c_str();
}
