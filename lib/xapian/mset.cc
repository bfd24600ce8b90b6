/*
 * mset.cc - the results of a search, as the C side reads them: the hits'
 * records and percentages, the total, the correction and suggestion, the
 * matched terms, and the stemmer they were stemmed with.
 */
#include <config.h>

#include "internal.hh"

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

extern "C" const char *const *
shim_mset_missing(const shim_mset_t *m, size_t *n)
{
	*n = m->missing.size();
	return m->missing_ptrs.empty() ? NULL : m->missing_ptrs.data();
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
