/*
 * search-policy.h - how factsheet ranks and corrects queries, handed to
 * the Xapian layer with each query (shim_query_t's policy).  Private to
 * libfactsheet.
 */
#ifndef FACTSHEET_SEARCH_POLICY_H
#define FACTSHEET_SEARCH_POLICY_H

#include "xapian-shim.h"

extern const shim_policy_t search_policy;

#endif /* FACTSHEET_SEARCH_POLICY_H */
