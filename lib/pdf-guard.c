/*
 * pdf-guard.c - what a PDF costs to read, measured before poppler reads
 * it.  A few hundred KB of Flate streams can expand to hundreds of MB of
 * content, and poppler's text extraction, which no caller can interrupt,
 * slows down more than linearly with the pieces of text one page draws
 * (20,000 on one spot took 7 s, 40,000 took 54 s).  So each Flate stream
 * is inflated here into a small buffer, counting its bytes and its
 * text-showing operators, and a file over a cap is refused as a whole,
 * with the cap named, before any of its pages is read.
 */
#include <config.h>

#include <limits.h>
#include <string.h>

#include <zlib.h>

#include "pdf.h"

/* The bytes a stream's dictionary may take, looked back over for its
 * filter. */
#define DICT_SPAN 4096

/* Whether the dictionary just before STREAM (in BYTES) names a Flate
 * filter: the only one that packs content this tightly. */
static int
is_flate(const char *bytes, const char *stream)
{
	const char *from = stream - bytes > DICT_SPAN ? stream - DICT_SPAN :
	    bytes;
	const char *open = NULL;

	/* The nearest "<<" before STREAM opens its dictionary (a nested
	 * one, /DecodeParms, comes after /Filter or holds none). */
	for (const char *p = stream - 2; p >= from; p--)
		if (p[0] == '<' && p[1] == '<') {
			open = p;
			break;
		}
	return open != NULL && memmem(open, (size_t)(stream - open),
	    "/FlateDecode", 12) != NULL;
}

/* Counts "Tj", "TJ", "'" and '"' operators: a token ending in T then j
 * or J, followed by white space.  PREV carries the bytes before BUF
 * across buffers. */
static unsigned long
count_text_ops(const unsigned char *buf, size_t n, unsigned char prev[2])
{
	unsigned long ops = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = buf[i];

		if ((c == ' ' || c == '\n' || c == '\r') &&
		    prev[0] == 'T' && (prev[1] == 'j' || prev[1] == 'J'))
			ops++;
		prev[0] = prev[1];
		prev[1] = c;
	}
	return ops;
}

/* Inflates the stream at P (at most LEFT bytes), adding its size to
 * *TOTAL; the text operators it holds, or what was counted when the
 * total passed its cap. */
static unsigned long
measure_stream(const unsigned char *p, size_t left, size_t *total)
{
	unsigned char out[64 * 1024], prev[2] = { 0, 0 };
	unsigned long ops = 0;
	z_stream z;
	int ret;

	memset(&z, 0, sizeof z);
	if (inflateInit(&z) != Z_OK)
		return 0;
	z.next_in = (unsigned char *)p;
	z.avail_in = left > UINT_MAX ? UINT_MAX : (unsigned)left;
	do {
		z.next_out = out;
		z.avail_out = sizeof out;
		ret = inflate(&z, Z_NO_FLUSH);
		if (ret != Z_OK && ret != Z_STREAM_END)
			break;
		*total += sizeof out - z.avail_out;
		ops += count_text_ops(out, sizeof out - z.avail_out, prev);
	} while (ret == Z_OK && z.avail_out == 0 &&
	    *total <= PDF_MAX_INFLATED && ops <= PDF_MAX_TEXT_OPS);
	inflateEnd(&z);
	return ops;
}

char *
pdf_guard_check(const char *source, const char *bytes, size_t len)
{
	size_t total = 0;
	const char *p = bytes, *end = bytes + len;

	while ((p = memmem(p, (size_t)(end - p), "stream", 6)) != NULL) {
		const char *data = p + 6;
		unsigned long ops;

		/* "endstream" is no start; "stream" is followed by an end
		 * of line, then the data. */
		if (p - bytes >= 3 && memcmp(p - 3, "end", 3) == 0) {
			p = data;
			continue;
		}
		if (data < end && *data == '\r')
			data++;
		if (data >= end || *data != '\n' || !is_flate(bytes, p)) {
			p = data;
			continue;
		}
		data++;
		ops = measure_stream((const unsigned char *)data,
		    (size_t)(end - data), &total);
		if (total > PDF_MAX_INFLATED)
			return str_printf("%s: not read: its streams expand to "
			    "more than %lu MiB (the limit)", source,
			    PDF_MAX_INFLATED >> 20);
		if (ops > PDF_MAX_TEXT_OPS)
			return str_printf("%s: not read: one page or object "
			    "draws text more than %lu times (the limit)",
			    source, (unsigned long)PDF_MAX_TEXT_OPS);
		p = data;
	}
	return NULL;
}
