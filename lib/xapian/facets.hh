/*
 * facets.hh - counting a search's facets: its matches by publication, by
 * kind and by contact kind, as the matcher sees them.  Private to the
 * Xapian layer (lib/xapian/).
 */
#ifndef FACTSHEET_XAPIAN_FACETS_HH
#define FACTSHEET_XAPIAN_FACETS_HH

#include "internal.hh"

/*
 * Counts the matches by publication (a value slot, read as each match is
 * seen) and by kind and contact kind (boolean terms).  Reading each
 * match's term list for those cost six times the query itself; the
 * matches are kept instead, and fill() then walks the posting list of
 * each kind term over them, after the match.
 */
class FacetSpy : public Xapian::MatchSpy {
public:
	void operator()(const Xapian::Document &doc, double) override;

	/* The counts, most frequent first, into M's facets: the kinds and
	 * contact kinds from DB, at most MAX_PUBLICATIONS publications,
	 * each with one example document's record. */
	void fill(const Xapian::Database &db, size_t max_publications,
		  shim_mset &m);

private:
	struct count {
		unsigned long n = 0;
		Xapian::docid example = 0;
	};
	std::map<std::string, count> counts[SHIM_FACET_LAST];
	std::vector<Xapian::docid> seen;

	void count_terms(const Xapian::Database &db);
	void count_posting(const Xapian::Database &db, const std::string &term,
			   shim_facet_t facet, const std::string &value);
	void add(shim_facet_t facet, const std::string &value,
		 Xapian::docid did);
	static void sorted_into(const Xapian::Database &db,
				const std::map<std::string, count> &counts,
				bool records, size_t max_records,
				shim_mset::facet_list &out);
};

#endif
