/*
 * rank.cc - ranking a query's matches: BM25 in document order for ties,
 * the phrase lift among the first candidates, and the spread of hits
 * over publications.
 */
#include <config.h>

#include "internal.hh"

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

/*
 * The documents QUERY matches that PHRASE matches too, weighed as
 * within() weighs them: on a remote shard, which cannot run our
 * DocidSource, the phrase is checked in every match, not the first few.
 */
static Xapian::MSet
among(const Xapian::Database &db, const Xapian::Query &phrase,
      const Xapian::Query &query)
{
	Xapian::Enquire enquire(db);

	enquire.set_weighting_scheme(Xapian::BM25Weight());
	enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, phrase,
	    query));
	return enquire.get_mset(0, db.get_doccount());
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
std::vector<candidate>
rank(Xapian::Database &db, const Xapian::Query &query,
     const Xapian::Query &phrase, Xapian::doccount wanted, double share,
     double time_limit, Xapian::doccount *total, bool *partial,
     FacetSpy *spy, Xapian::doccount facet_depth,
     const shim_policy_t &policy, bool remote)
{
	const Xapian::doccount rerank_depth = policy.rerank_depth;
	const double phrase_boost = policy.phrase_boost;

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
	/* A long section is stored in pieces: one hit a section, its best
	 * piece.  Only an index holding pieces collapses, so every other
	 * keeps its matcher and its estimates exactly. */
	if (db.get_value_freq(section_slot) > 0)
		enquire.set_collapse_key(section_slot);
	/* A remote shard runs Xapian's own spy only: the kinds are then
	 * counted over the first FACET_DEPTH matches. */
	Xapian::ValueCountMatchSpy publications(publication_slot);
	if (spy != NULL)
		enquire.add_matchspy(remote ?
		    static_cast<Xapian::MatchSpy *>(&publications) : spy);
	auto start = std::chrono::steady_clock::now();
	Xapian::MSet mset = enquire.get_mset(0, depth,
	    spy != NULL ? std::max(depth, facet_depth) : 0);
	if (spy != NULL && remote) {
		spy->count_publications(db, publications);
		Xapian::MSet firsts = enquire.get_mset(0, facet_depth);
		for (Xapian::MSetIterator it = firsts.begin();
		    it != firsts.end(); ++it)
			spy->see(*it);
	}
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
		Xapian::MSet lifted = remote ? among(db, phrase, query) :
		    within(db, phrase, dids, Xapian::BM25Weight());
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
