/*
 * search.cc - running a query: the lifts (typed words, title, heading,
 * contact kinds), ranking with the phrase lift among the first
 * candidates, spreading hits over publications, the correction rule,
 * facets, the results' accessors, and explain.
 */
#include <config.h>

#include "internal.hh"


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
		query = lift(query, kinds, q->policy->contact_boost);
	}
	return query;
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

	/*
	 * What a remote shard counts for us, as it runs none of our code:
	 * a match DID seen, and the publication counts of a
	 * ValueCountMatchSpy, each with one document of it from DB.
	 */
	void see(Xapian::docid did)
	{
		seen.push_back(did);
	}
	void count_publications(const Xapian::Database &db,
				const Xapian::ValueCountMatchSpy &values)
	{
		const std::string prefix = fields[FIELD_PUBLICATION].prefix;
		for (Xapian::TermIterator v = values.values_begin();
		    v != values.values_end(); ++v) {
			if ((*v).empty())
				continue;
			Xapian::PostingIterator p = db.postlist_begin(prefix +
			    *v);
			if (p == db.postlist_end(prefix + *v))
				continue;
			count &c = counts[SHIM_FACET_PUBLICATION][*v];
			c.n = v.get_termfreq();
			c.example = *p;
		}
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

/* Runs one query into M; the database may be reopened by the caller. */
static void
run_query(shim_db_t *db, const shim_query_t *q, shim_mset *m)
{
	Xapian::QueryParser qp;
	const shim_policy_t &policy = *q->policy;
	Xapian::SimpleStopper stopper(policy.stopwords,
	    policy.stopwords + policy.n_stopwords);
	Xapian::Database lexicon = words_of(db);
	setup_parser(qp, lexicon, m->stem, policy);
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
		corrected = correct_words(lexicon, &db->word_parts, m->stem,
		    q->query, policy);
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
	    spy, q->facet_depth, policy, db->remote);

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
		    spy != NULL ? &second_spy : NULL, q->facet_depth, policy,
		    db->remote);
		if (!second.empty() && (hits.empty() ||
		    second_total >= policy.correction_ratio * total)) {
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
		    q->time_limit, &third_total, &third_partial, NULL, 0,
		    policy, db->remote);
		if (!third.empty() && (hits.empty() ||
		    third_total >= policy.correction_ratio * total))
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
		    q->policy->max_publication_facets, m->facets[f]);
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
