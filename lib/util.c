/*
 * util.c - small string helpers shared by the library's modules, and
 * the one way they start a thread.
 */
#include <config.h>

#include <ctype.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "factsheet-private.h"

char *
str_printf(const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	/* The common copy of a string, without formatting it twice: a long
	 * section's text is copied this way. */
	if (strcmp(fmt, "%s") == 0) {
		va_start(ap, fmt);
		s = va_arg(ap, char *);
		va_end(ap);
		if (s != NULL)
			return str_ndup(s, strlen(s));
	}
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || (s = malloc((size_t)n + 1)) == NULL)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return s;
}

char *
str_ndup(const char *s, size_t n)
{
	char *copy = malloc(n + 1);

	if (copy != NULL) {
		memcpy(copy, s, n);
		copy[n] = '\0';
	}
	return copy;
}

void
strbuf_append(strbuf_t *b, const char *s, size_t n)
{
	if (b->failed)
		return;
	if (b->len + n + 1 > b->size) {
		size_t size = b->size ? b->size : 64;
		char *data;

		while (size < b->len + n + 1)
			size *= 2;
		if ((data = realloc(b->data, size)) == NULL) {
			b->failed = 1;
			return;
		}
		b->data = data;
		b->size = size;
	}
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
strbuf_puts(strbuf_t *b, const char *s)
{
	strbuf_append(b, s, strlen(s));
}

void
strbuf_printf(strbuf_t *b, const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || (s = malloc((size_t)n + 1)) == NULL) {
		b->failed = 1;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	strbuf_append(b, s, (size_t)n);
	free(s);
}

char *
strbuf_finish(strbuf_t *b)
{
	char *s = b->data;

	if (b->failed) {
		free(s);
		s = NULL;
	} else if (s == NULL) {
		s = calloc(1, 1);
	}
	b->data = NULL;
	b->len = b->size = 0;
	b->failed = 0;
	return s;
}

int
thread_start(pthread_t *thread, void *(*run)(void *), void *arg)
{
	sigset_t all, old;
	int started;

	/* The new thread inherits the mask: signals are left to the
	 * program's own threads. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	started = pthread_create(thread, NULL, run, arg) == 0;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return started;
}

char *
str_from_hex(const char *hex)
{
	size_t n = strlen(hex);
	char *out;

	if (n % 2 != 0 || (out = malloc(n / 2 + 1)) == NULL)
		return NULL;
	for (size_t i = 0; i < n / 2; i++) {
		unsigned v;

		if (!isxdigit((unsigned char)hex[2 * i]) ||
		    !isxdigit((unsigned char)hex[2 * i + 1]) ||
		    sscanf(hex + 2 * i, "%2x", &v) != 1 || v == 0) {
			free(out);
			return NULL;
		}
		out[i] = (char)v;
	}
	out[n / 2] = '\0';
	return out;
}
