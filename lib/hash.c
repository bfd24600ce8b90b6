/*
 * hash.c - FNV-1a, 64 bits: the one hash of the library.  Short keys
 * (slugs, paths, file contents, thesaurus phrases) are cheap to hash with
 * it and well spread for a power-of-two table; as 16 hex digits it names
 * a file or a publication in the index, below Xapian's key length limit.
 * The values are stored in indexes, so they must never change.
 */
#include <string.h>

#include "factsheet-private.h"

uint64_t
hash_add(uint64_t h, const void *bytes, size_t len)
{
	const unsigned char *p = bytes;

	for (size_t i = 0; i < len; i++) {
		h ^= p[i];
		h *= UINT64_C(1099511628211);
	}
	return h;
}

uint64_t
hash_string(const char *s)
{
	return hash_add(HASH_START, s, strlen(s));
}

char *
hash_hex(uint64_t h)
{
	return str_printf("%016llx", (unsigned long long)h);
}
