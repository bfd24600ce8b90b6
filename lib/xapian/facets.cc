/*
 * facets.cc - counting a query's matches by publication, kind and contact
 * kind (FacetSpy), and handing the counts out with the results.
 */
#include <config.h>

#include "internal.hh"

void
FacetSpy::operator()(const Xapian::Document &doc, double)
{
	add(SHIM_FACET_PUBLICATION, doc.get_value(publication_slot),
	    doc.get_docid());
	seen.push_back(doc.get_docid());
}

void
FacetSpy::count_terms(const Xapian::Database &db)
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
			/* "XCK" is not "XCKX...": our prefixes are upper
			 * case, values lower case. */
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

void
FacetSpy::see(Xapian::docid did)
{
	seen.push_back(did);
}

void
FacetSpy::count_publications(const Xapian::Database &db,
			     const Xapian::ValueCountMatchSpy &values)
{
	const std::string prefix = fields[FIELD_PUBLICATION].prefix;
	for (Xapian::TermIterator v = values.values_begin();
	    v != values.values_end(); ++v) {
		if ((*v).empty())
			continue;
		Xapian::PostingIterator p = db.postlist_begin(prefix + *v);
		if (p == db.postlist_end(prefix + *v))
			continue;
		count &c = counts[SHIM_FACET_PUBLICATION][*v];
		c.n = v.get_termfreq();
		c.example = *p;
	}
}

/* The matches seen (sorted) that TERM indexes, under VALUE. */
void
FacetSpy::count_posting(const Xapian::Database &db, const std::string &term,
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

void
FacetSpy::add(shim_facet_t facet, const std::string &value,
	      Xapian::docid did)
{
	if (value.empty())
		return;
	count &c = counts[facet][value];
	if (c.n++ == 0)
		c.example = did;
}

/* COUNTS, most frequent first, into OUT; with RECORDS, each value's
 * example document's record too. */
static void
fill_facet(const Xapian::Database &db,
	   const std::map<std::string, FacetSpy::count> &counts, bool records,
	   size_t max_publication_facets, shim_mset::facet_list &out)
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

/* The counts SPY made (none without one) into M's facets, the
 * publications' limited to MAX_PUBLICATIONS, with a record of each. */
void
fill_facets(const Xapian::Database &db, FacetSpy *spy,
	    size_t max_publications, shim_mset *m)
{
	for (shim_mset::facet_list &f : m->facets)
		f = shim_mset::facet_list();
	if (spy == NULL)
		return;
	spy->count_terms(db);
	for (int f = 0; f < SHIM_FACET_LAST; f++)
		fill_facet(db, spy->counts[f], f == SHIM_FACET_PUBLICATION,
		    max_publications, m->facets[f]);
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
