/*
 * decode.c - the bytes of a file as the readers take them: a gzip file
 * inflated (zlib), and text that is not UTF-8 but is valid Windows-1252
 * (of which Latin-1's printable characters are a part) converted to
 * UTF-8 (iconv), so that a publication saved by an old editor is read,
 * with a warning, instead of refused.
 */
#include <config.h>

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>
#include <zlib.h>

#include "factsheet-private.h"

int
decode_is_gzip(const char *bytes, size_t len)
{
	return len >= 2 && (unsigned char)bytes[0] == 0x1f &&
	    (unsigned char)bytes[1] == 0x8b;
}

factsheet_status_t
decode_gunzip(const char *source, const char *bytes, size_t len,
	      char **out, size_t *out_len, char **message)
{
	z_stream z;
	size_t size = len * 4 + 1024, n = 0;
	char *buf = malloc(size);
	int rc = Z_OK;

	*out = NULL;
	*out_len = 0;
	memset(&z, 0, sizeof z);
	/* 16 + MAX_WBITS: a gzip header and trailer, not zlib's. */
	if (buf == NULL || inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) {
		free(buf);
		*message = str_printf("%s: out of memory", source);
		return FACTSHEET_STATUS_OUT_OF_MEMORY;
	}
	z.next_in = (Bytef *)(uintptr_t)bytes;
	z.avail_in = (uInt)len;
	for (;;) {
		if (n == size) {
			char *grown = size > TEXT_MAX_BYTES ? NULL :
			    realloc(buf, size * 2);

			if (grown == NULL)
				break;
			buf = grown;
			size *= 2;
		}
		z.next_out = (Bytef *)buf + n;
		z.avail_out = (uInt)(size - n);
		rc = inflate(&z, Z_NO_FLUSH);
		n = size - z.avail_out;
		/* Files joined with cat are one gzip file of several
		 * members. */
		if (rc == Z_STREAM_END && z.avail_in > 0 &&
		    decode_is_gzip((const char *)z.next_in, z.avail_in)) {
			inflateReset(&z);
			continue;
		}
		if (rc != Z_OK && !(rc == Z_BUF_ERROR && n == size))
			break;
	}
	inflateEnd(&z);
	if (n > TEXT_MAX_BYTES) {
		free(buf);
		*message = str_printf("%s: file too large uncompressed (more "
		    "than %lu bytes)", source, TEXT_MAX_BYTES);
		return FACTSHEET_STATUS_BAD_INPUT;
	}
	if (rc != Z_STREAM_END) {
		free(buf);
		if (rc == Z_MEM_ERROR || n == size) {
			*message = str_printf("%s: out of memory", source);
			return FACTSHEET_STATUS_OUT_OF_MEMORY;
		}
		*message = str_printf("%s: byte %lu: bad gzip data (%s)",
		    source, (unsigned long)(len - z.avail_in),
		    rc == Z_BUF_ERROR ? "truncated" :
		    z.msg ? z.msg : "corrupt");
		return FACTSHEET_STATUS_BAD_INPUT;
	}
	buf[n] = '\0';
	*out = buf;
	*out_len = n;
	return FACTSHEET_STATUS_SUCCESS;
}

factsheet_status_t
decode_legacy_text(const char *bytes, size_t len, char **out,
		   size_t *out_len)
{
	iconv_t cd;
	char *in = (char *)(uintptr_t)bytes, *buf, *p;
	size_t in_left = len, size = len * 3 + 1, out_left = size - 1;

	*out = NULL;
	*out_len = 0;
	/* Valid UTF-8, or binary (a NUL): nothing to convert. */
	if (u8_check((const uint8_t *)bytes, len) == NULL ||
	    memchr(bytes, '\0', len) != NULL)
		return FACTSHEET_STATUS_BAD_INPUT;
	if ((buf = malloc(size)) == NULL)
		return FACTSHEET_STATUS_OUT_OF_MEMORY;
	if ((cd = iconv_open("UTF-8", "WINDOWS-1252")) == (iconv_t)-1) {
		free(buf);
		return errno == ENOMEM ? FACTSHEET_STATUS_OUT_OF_MEMORY :
		    FACTSHEET_STATUS_BAD_INPUT;
	}
	p = buf;
	/* Each byte is at most three bytes of UTF-8: the output never runs
	 * out; a byte Windows-1252 leaves undefined stops it (EILSEQ). */
	if (iconv(cd, &in, &in_left, &p, &out_left) == (size_t)-1) {
		iconv_close(cd);
		free(buf);
		return FACTSHEET_STATUS_BAD_INPUT;
	}
	iconv_close(cd);
	*p = '\0';
	*out = buf;
	*out_len = (size_t)(p - buf);
	return FACTSHEET_STATUS_SUCCESS;
}
