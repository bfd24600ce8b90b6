/*
 * search.cc - running a query: the lifts (typed words, title, heading,
 * contact kinds), the correction rule and the suggestion, and the words
 * to highlight.  Ranking is in rank.cc, facets in facets.cc, the
 * results' accessors in mset.cc, explain in explain.cc.
 */
#include <config.h>

#include "internal.hh"
#include "words.h"


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

/*
 * TEXT with each name written with dots that the index holds whole
 * (index.cc) marked for the parser as one term (name_field, parser.cc):
 * "login.gov lost phone" asks for Login.gov, not for "login" and for
 * "gov" wherever they are.  A name the index does not hold stays words.
 */
static std::string
mark_names(const Xapian::Database &db, const std::string &text)
{
	std::string out;
	size_t pos = 0, start, n, done = 0;

	while ((n = words_next_name(text.data(), text.size(), &pos,
	    &start)) > 0) {
		/* Only a name standing as a word of its own: not the host
		 * of "ab2d@cms.hhs.gov", nor in "www.cms.gov/x". */
		size_t end = start + n;
		if ((start > 0 && text[start - 1] != ' ') ||
		    (end < text.size() && text[end] != ' ' &&
		    std::strchr(",;?!", text[end]) == NULL &&
		    !(text[end] == '.' && (end + 1 == text.size() ||
		    text[end + 1] == ' '))))
			continue;
		std::string name = name_term(text.substr(start, n));
		if (name.empty() || !db.term_exists("Z" + name))
			continue;
		out += text.substr(done, start - done);
		out += marked_name(name);
		done = start + n;
	}
	return out + text.substr(done);
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
	/* Names only among plain words: "solution:login.gov" is a field
	 * query.  A word alone is plain when it is, twice. */
	std::string marked = mark_fields(text);
	if (is_plain_words(text) || (text.find(' ') == std::string::npos &&
	    is_plain_words(text + " " + text)))
		marked = mark_names(db, marked);
	Xapian::Query query = qp.parse_query(marked, flags);

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

/*
 * The first WANTED hits of TEXT, as build_query() makes it, within
 * FILTER (empty for none); *WORDS is the query without its lifts.  The
 * parser's correction of TEXT goes to *CORRECTED unless it is NULL.
 */
static std::vector<candidate>
rank_text(shim_db_t *db, Xapian::QueryParser &qp, const shim_query_t *q,
	  const std::string &text, const Xapian::Query &filter,
	  Xapian::doccount wanted, std::string *corrected,
	  Xapian::Query *words, Xapian::doccount *total, bool *partial,
	  FacetSpy *spy)
{
	Xapian::Query phrase;
	Xapian::Query query = build_query(*db->db, qp, q, text, corrected,
	    words, &phrase);

	if (!filter.empty())
		query = Xapian::Query(Xapian::Query::OP_FILTER, query, filter);
	return rank(*db->db, query, phrase, wanted, q->same_publication_share,
	    q->time_limit, total, partial, spy, q->facet_depth, *q->policy,
	    db->remote);
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
	Xapian::Query words;
	Xapian::Query filter(Xapian::Query::OP_AND, q->filter_terms,
	    q->filter_terms + q->n_filter_terms);
	Xapian::doccount wanted = q->offset + q->limit, total;
	m->partial = false;
	FacetSpy first_spy, second_spy, *spy = NULL;
	if (q->facet_depth > 0)
		spy = &first_spy;
	std::vector<candidate> hits = rank_text(db, qp, q, q->query, filter,
	    wanted, &corrected, &words, &total, &m->partial, spy);
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

	/* Run the spelling correction when the query as typed finds
	 * nothing, or far less than the corrected one. */
	m->corrected.clear();
	if (!corrected.empty() && corrected != q->query) {
		Xapian::Query second_words;
		Xapian::doccount second_total;
		std::vector<candidate> second = rank_text(db, qp, q,
		    corrected, filter, wanted, NULL, &second_words,
		    &second_total, &m->partial,
		    spy != NULL ? &second_spy : NULL);
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
		Xapian::Query third_words;
		Xapian::doccount third_total;
		bool third_partial = false;
		std::vector<candidate> third = rank_text(db, qp, q, suggested,
		    filter, wanted, NULL, &third_words, &third_total,
		    &third_partial, NULL);
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
	fill_facets(*db->db, spy, q->policy->max_publication_facets, m);
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
		try {
			read_latest(db, [&] { run_query(db, q, m); });
		} catch (const Xapian::NetworkError &) {
			/* A shard stopped answering mid-query: once more,
			 * without it, when the caller takes results without
			 * it. */
			if (!drop_unreachable(db))
				throw;
			read_latest(db, [&] { run_query(db, q, m); });
		}
		for (size_t i = 0; i < db->specs.size(); i++)
			if (!db->up[i])
				m->missing.push_back(db->specs[i].name);
		for (const std::string &name : m->missing)
			m->missing_ptrs.push_back(name.c_str());
		m->missing_ptrs.push_back(NULL);
		*out = m;
		return FACTSHEET_STATUS_SUCCESS;
	} catch (...) {
		delete m;
		return classify(db->error, db->path, true);
	}
}
