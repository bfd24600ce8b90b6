/*
 * tap.h - a few macros that print the Test Anything Protocol, so that
 * every assertion is counted by automake's TAP driver.
 */
#ifndef FACTSHEET_TAP_H
#define FACTSHEET_TAP_H

#include <stdio.h>
#include <string.h>

static int tap_count;
static int tap_failed;

#define ok(cond, ...) do {						\
	int ok_ = (cond) != 0;						\
	printf("%s %d - ", ok_ ? "ok" : "not ok", ++tap_count);		\
	printf(__VA_ARGS__);						\
	printf("\n");							\
	if (!ok_) {							\
		tap_failed++;						\
		printf("#   at %s:%d: %s\n", __FILE__, __LINE__, #cond);	\
	}								\
} while (0)

/* Compares strings, NULL included, and shows both on failure. */
#define is_str(got, want, ...) do {					\
	const char *g_ = (got), *w_ = (want);				\
	int same_ = (g_ == NULL && w_ == NULL) ||			\
	    (g_ != NULL && w_ != NULL && strcmp(g_, w_) == 0);		\
	ok(same_, __VA_ARGS__);						\
	if (!same_)							\
		printf("#   got:  '%s'\n#   want: '%s'\n",		\
		    g_ ? g_ : "(null)", w_ ? w_ : "(null)");		\
} while (0)

#define is_int(got, want, ...) do {					\
	long g_ = (long)(got), w_ = (long)(want);			\
	ok(g_ == w_, __VA_ARGS__);					\
	if (g_ != w_)							\
		printf("#   got:  %ld\n#   want: %ld\n", g_, w_);	\
} while (0)

#define is_size(got, want, ...) do {					\
	size_t gs_ = (size_t)(got), ws_ = (size_t)(want);		\
	ok(gs_ == ws_, __VA_ARGS__);					\
	if (gs_ != ws_)							\
		printf("#   got:  %zu\n#   want: %zu\n", gs_, ws_);	\
} while (0)

/* GOT compared with WANT by OP (>, <=, ...), as longs; both shown on
 * failure: cmp_ok(count, >, 0, "some hits"). */
#define cmp_ok(got, op, want, ...) do {					\
	long gc_ = (long)(got), wc_ = (long)(want);			\
	ok(gc_ op wc_, __VA_ARGS__);					\
	if (!(gc_ op wc_))						\
		printf("#   got:  %ld\n#   want: %s %ld\n", gc_, #op, wc_); \
} while (0)

/* GOT (NULL fails) holds, or lacks, the string PART; both shown on
 * failure. */
#define like(got, part, ...) tap_holds_((got), (part), 1, __VA_ARGS__)
#define unlike(got, part, ...) tap_holds_((got), (part), 0, __VA_ARGS__)
#define tap_holds_(got, part, want, ...) do {				\
	const char *g_ = (got), *p_ = (part);				\
	int same_ = g_ != NULL && (strstr(g_, p_) != NULL) == (want);	\
	ok(same_, __VA_ARGS__);						\
	if (!same_)							\
		printf("#   got:  '%s'\n#   %s '%s'\n",		\
		    g_ ? g_ : "(null)", (want) ? "holding:" : "lacking:", p_); \
} while (0)

/* GOT (NULL fails) begins, or ends, with PART; both shown on failure. */
#define begins(got, part, ...) tap_at_((got), (part), 0, __VA_ARGS__)
#define ends(got, part, ...) tap_at_((got), (part), 1, __VA_ARGS__)
#define tap_at_(got, part, at_end, ...) do {				\
	const char *g_ = (got), *p_ = (part);				\
	size_t gl_ = g_ ? strlen(g_) : 0, pl_ = strlen(p_);		\
	int same_ = g_ != NULL && gl_ >= pl_ &&				\
	    strncmp(g_ + ((at_end) ? gl_ - pl_ : 0), p_, pl_) == 0;	\
	ok(same_, __VA_ARGS__);						\
	if (!same_)							\
		printf("#   got:  '%s'\n#   %s '%s'\n",		\
		    g_ ? g_ : "(null)", (at_end) ? "ending:" : "beginning:", \
		    p_);							\
} while (0)

/* Prints the plan; the exit status tells the driver if all passed. */
static int
done_testing(void)
{
	printf("1..%d\n", tap_count);
	return tap_failed == 0 ? 0 : 1;
}

#endif /* FACTSHEET_TAP_H */
