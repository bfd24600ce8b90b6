/*
 * test-highlight.c - lib/highlight.c on its own: which words of a text a
 * set of index terms marks, and which part of a long text is kept.
 *
 * No Xapian here.  The stemmer is a stand-in (fake_stem below) that strips
 * one trailing "ing", "ed" or "s": the highlighter only hands it
 * normalized words and looks its answer up among the terms' stems, so any
 * function with that shape tests the same code.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "factsheet-private.h"
#include "tap.h"
#include "testlib.h"

/* Counts its calls through CTX, so tests can see the context is passed. */
static char *
fake_stem(void *ctx, const char *word)
{
	static const char *const suffixes[] = { "ing", "ed", "s" };
	size_t n = strlen(word);

	if (ctx != NULL)
		++*(unsigned *)ctx;
	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		size_t k = strlen(suffixes[i]);

		if (n > k + 2 && strcmp(word + n - k, suffixes[i]) == 0)
			return str_ndup(word, n - k);
	}
	return str_ndup(word, n);
}

static size_t
count_of(const char *s, const char *needle)
{
	size_t n = 0;

	for (const char *p = s; p && (p = strstr(p, needle)) != NULL; p++)
		n++;
	return n;
}

/*
 * TEXT highlighted with TERMS (NULL-terminated) between "[" and "]";
 * free the result.
 */
static char *
hl_full(const char *const *terms, const char *text, size_t length,
	const char *open, const char *close, int escape_html)
{
	term_set_t set;
	char *out;

	if (term_set_init(&set, terms) != 0)
		return NULL;
	out = highlight_text(&set, fake_stem, NULL, text, length, open, close,
	    escape_html);
	term_set_clear(&set);
	return out;
}

static char *
hl(const char *const *terms, const char *text, size_t length)
{
	return hl_full(terms, text, length, "[", "]", 0);
}

/* Checks one highlight against the expected output. */
static void
hl_is(const char *const *terms, const char *text, size_t length,
      const char *want, const char *what)
{
	char *got = hl(terms, text, length);

	is_str(got, want, "%s", what);
	free(got);
}

static void
test_term_set(void)
{
	const char *const terms[] = {
		"XPpassword", "ZXSexpir", "log in", "Zpassword", "Specos",
		"XCK", "Q", "8664848049", NULL,
	};
	term_set_t set;

	is_int(term_set_init(&set, terms), 0, "term_set_init succeeds");
	is_int(set.n_words, 4, "four plain words (prefixed, phrase, number)");
	is_int(set.n_stems, 2, "two stems (the Z terms)");
	if (set.n_words == 4) {
		/* Sorted, prefixes gone. */
		is_str(set.words[0], "8664848049", "word 0: the number");
		is_str(set.words[1], "log in", "word 1: the phrase");
		is_str(set.words[2], "password", "word 2: XP stripped");
		is_str(set.words[3], "pecos", "word 3: S stripped");
	}
	if (set.n_stems == 2) {
		is_str(set.stems[0], "expir", "stem 0: Z and XS stripped");
		is_str(set.stems[1], "password", "stem 1: Z stripped");
	}
	term_set_clear(&set);
	is_size(set.n_words, 0, "term_set_clear leaves no words");
	is_size(set.n_stems, 0, "term_set_clear leaves no stems");
	ok(set.words == NULL, "term_set_clear frees the words");
	ok(set.stems == NULL, "term_set_clear frees the stems");
	/* Cleared twice, and a set that was never filled: no double free. */
	term_set_clear(&set);
	memset(&set, 0, sizeof set);
	term_set_clear(&set);
	is_int(set.n_words + set.n_stems, 0,
	    "term_set_clear leaves a zeroed set and a cleared one empty");
	is_int(set.words == NULL && set.stems == NULL, 1,
	    "and holding no arrays");

	is_int(term_set_init(&set, NULL), 0, "term_set_init with no terms");
	is_int(set.n_words + set.n_stems, 0, "no terms: an empty set");
	term_set_clear(&set);
}

static void
test_empty_set(void)
{
	const char *const none[] = { NULL };
	const char *const prefixes_only[] = { "XCK", "Q", "K", NULL };
	static const char text[] = "Passwords expire every 60 days & more.";
	term_set_t set;
	char *out;

	hl_is(none, text, 0, text, "empty term set: text unchanged");
	hl_is(prefixes_only, text, 0, text,
	    "terms that are only prefixes: text unchanged");
	hl_is(none, "", 0, "", "empty text stays empty");

	out = hl_full(none, text, 0, "<b>", "</b>", 1);
	is_str(out, "Passwords expire every 60 days &amp; more.",
	    "empty term set with escape_html: only escaped");
	free(out);

	/* The ctx pointer reaches the stemmer; no stemming when no stems. */
	if (term_set_init(&set, none) == 0) {
		unsigned calls = 0;

		out = highlight_text(&set, fake_stem, &calls, text, 0, "[",
		    "]", 0);
		is_str(out, text, "highlight_text with an empty set");
		is_int(calls, 0, "no stems: the stemmer is never called");
		free(out);
		term_set_clear(&set);
	}
}

static void
test_words(void)
{
	const char *const password[] = { "password", NULL };
	const char *const xp[] = { "XPpassword", NULL };
	const char *const zpass[] = { "Zpassword", NULL };
	const char *const expir[] = { "ZXSexpir", NULL };
	const char *const file[] = { "file", NULL };
	const char *const pecos[] = { "pecos", NULL };
	const char *const cant[] = { "can't", NULL };
	term_set_t set;

	hl_is(password, "Your Password, your PASSWORD, your password.", 0,
	    "Your [Password], your [PASSWORD], your [password].",
	    "words matched case-insensitively");
	hl_is(password, "Passwords and passwordless are other words", 0,
	    "Passwords and passwordless are other words",
	    "a plain word matches only whole words, not stems");
	hl_is(xp, "Reset your password.", 0, "Reset your [password].",
	    "a field prefix (XP) is ignored");
	hl_is(zpass, "“Passwords” expire; a password too.", 0,
	    "“[Passwords]” expire; a [password] too.",
	    "a Z term matches through the stemmer, inside curly quotes");
	hl_is(expir, "It expired, is expiring, or expires.", 0,
	    "It [expired], is [expiring], or expires.",
	    "ZXS stem: words whose stem is 'expir' (fake stemmer)");
	/* NFKC: full-width letters and the "fi" ligature. */
	hl_is(password, "\xef\xbc\xb0\xef\xbc\xa1\xef\xbc\xb3\xef\xbc\xb3"
	    "\xef\xbc\xb7\xef\xbc\xaf\xef\xbc\xb2\xef\xbc\xa4 here", 0,
	    "[\xef\xbc\xb0\xef\xbc\xa1\xef\xbc\xb3\xef\xbc\xb3"
	    "\xef\xbc\xb7\xef\xbc\xaf\xef\xbc\xb2\xef\xbc\xa4] here",
	    "full-width PASSWORD matches through NFKC");
	hl_is(file, "Download the \xef\xac\x81le now", 0,
	    "Download the [\xef\xac\x81le] now",
	    "the 'fi' ligature matches through NFKC");
	hl_is(pecos, "PECOS® and the PECOS site", 0,
	    "[PECOS]® and the [PECOS] site",
	    "a word before ® is matched, the ® is not part of it");
	hl_is(cant, "If you can’t log in, you can't.", 0,
	    "If you [can’t] log in, you [can't].",
	    "an apostrophe word, curly or straight, matches whole");

	/* The stemmer sees only words that may stem to a term. */
	if (term_set_init(&set, zpass) == 0) {
		unsigned calls = 0;
		char *out = highlight_text(&set, fake_stem, &calls,
		    "Many other words, then passwords.", 0, "[", "]", 0);

		is_str(out, "Many other words, then [passwords].",
		    "stem match with a context");
		cmp_ok(calls, >=, 1, "the stemmer got the ctx");
		cmp_ok(calls, <=, 2, "the stemmer got only the words starting "
		    "like a stem");
		free(out);
		term_set_clear(&set);
	}
}

static void
test_phones(void)
{
	const char *const number[] = { "8664848049", "484", "866", NULL };
	const char *const parts[] = { "484", NULL };
	const char *const vanity[] = { "8006334227", NULL };
	const char *const prefixed[] = { "XC8664848049", NULL };
	char *out;

	hl_is(number, "Call 1-866-484-8049 or (866) 484-8049 now; room 484.",
	    0, "Call [1-866-484-8049] or [(866) 484-8049] now; room [484].",
	    "a phone number is matched whole, by its ten digits");
	out = hl(number, "Phone: 1-866-484-8049 (TTY 1-866-523-4759)", 0);
	is_str(out, "Phone: [1-866-484-8049] (TTY 1-[866]-523-4759)",
	    "the number in the set is one span; another keeps its parts");
	is_int(count_of(out, "["), 2, "two spans, none nested");
	free(out);
	hl_is(number, "Dial 866.484.8049 or 8664848049.", 0,
	    "Dial [866.484.8049] or [8664848049].",
	    "dotted and bare forms too");
	hl_is(prefixed, "Phone: 866-484-8049", 0, "Phone: [866-484-8049]",
	    "a contact-field number (XC prefix) too");
	hl_is(parts, "Call 1-866-484-8049", 0, "Call 1-866-[484]-8049",
	    "a number not in the set: its parts match as words");
	hl_is(vanity, "Call 1-800-MEDICARE (1-800-633-4227) today", 0,
	    "Call [1-800-MEDICARE] ([1-800-633-4227]) today",
	    "a vanity number is matched by its digits");
}

static void
test_url_parts(void)
{
	const char *const custhelp[] = { "custhelp", NULL };
	const char *const eus[] = { "eus", NULL };
	const char *const cgi[] = { "XCcgi", NULL };
	const char *const cl[] = { "contact_list", NULL };
	const char *const ia[] = { "i&a", NULL };

	hl_is(custhelp, "Website: <https://eus.custhelp.com>", 0,
	    "Website: <https://eus.[custhelp].com>",
	    "a part of a URL-like token is matched");
	hl_is(eus, "Visit eus.custhelp.com or the EUS site.", 0,
	    "Visit [eus].custhelp.com or the [EUS] site.",
	    "the first part of a host, and the word alone");
	hl_is(cgi, "Email: EUSsupport@cgi.com", 0,
	    "Email: EUSsupport@[cgi].com", "a part of an email address");
	/* The index keeps "contact_list" and "i&a" whole (Xapian's word
	 * characters), so the highlighter should mark them whole. */
	hl_is(cl, "See contact_list for your state.", 0,
	    "See [contact_list] for your state.",
	    "contact_list alone is matched whole");
	hl_is(cl, "See https://www.cms.gov/Downloads/contact_list.pdf now.",
	    0, "See https://www.cms.gov/Downloads/[contact_list].pdf now.",
	    "contact_list inside a file name is matched whole");
	hl_is(ia, "Use the I&A System.", 0, "Use the [I&A] System.",
	    "I&A is matched as the index holds it (i&a)");
}

static void
test_escape(void)
{
	const char *const terms[] = { "password", "ia", NULL };
	char *out;

	out = hl_full(terms, "Tom & \"Jerry\" <password> & Co.", 0, "<mark>",
	    "</mark>", 1);
	is_str(out, "Tom &amp; &quot;Jerry&quot; &lt;<mark>password</mark>"
	    "&gt; &amp; Co.", "escape_html escapes & < > \" but not the marks");
	free(out);
	out = hl_full(terms, "a <b>password</b>", 0, "<mark>", "</mark>", 0);
	is_str(out, "a <b><mark>password</mark></b>",
	    "without escape_html the text is copied as it is");
	free(out);
	out = hl_full(terms, "x&lt;password", 0, "<m>", "</m>", 1);
	is_str(out, "x&amp;lt;<m>password</m>",
	    "an entity already in the text is escaped again");
	free(out);
}

static void
test_whole_text(void)
{
	const char *const terms[] = { "password", "Zexpir",
		"nationalprovidentstand", NULL };
	static const char text[] = "For more information about the Medicare "
	    "enrollment process and what to do when your password is expired, "
	    "visit the Medicare Provider-Supplier Enrollment web page at "
	    "https://www.cms.gov/Regulations-and-Guidance/HIPAA-"
	    "Administrative-Simplification/NationalProvIdentStand on the CMS "
	    "website, where the last words are kept: password";
	char *out = hl(terms, text, 0);

	begins(out, "For more information", "length 0: starts at the start");
	ok(contains(out, "/[NationalProvIdentStand] on the CMS website"),
	    "length 0: the long URL is kept, its part matched");
	ends(out, "the last words are kept: [password]",
	    "length 0: nothing dropped at the end");
	ok(!contains(out, "..."), "length 0: no ellipsis");
	is_int(out ? strlen(out) : 0, strlen(text) + 4 * 2,
	    "length 0: the whole text plus four pairs of marks");
	free(out);

	/* A LENGTH longer than the text keeps it all too. */
	out = hl(terms, text, sizeof text + 10);
	unlike(out, "...", "a length beyond the text: no ellipsis");
	is_size(out ? strlen(out) : 0, strlen(text) + 8,
	    "a length beyond the text keeps all of it");
	free(out);
}

static void
test_windows(void)
{
	const char *const terms[] = { "password", "Zexpir", NULL };
	/* The same word three times counts once: the second sentence has
	 * two distinct terms and wins. */
	static const char repeat_first[] = "Your password, your password, or "
	    "your password is needed here. An expired password must be reset.";
	static const char best_first[] = "An expired password must be reset. "
	    "Your password, your password, or your password is needed here.";
	static const char middle[] = "This sentence is only padding text. "
	    "An expired password. Other padding text is here at the end.";
	static const char tie[] = "A password is one. Another sentence. "
	    "A password is two.";
	char *out;

	hl_is(terms, repeat_first, 40,
	    "... An [expired] [password] must be reset.",
	    "the sentence with the most distinct terms wins, '... ' before");
	hl_is(terms, best_first, 40,
	    "An [expired] [password] must be reset. ...",
	    "the best sentence first: ' ...' after it");
	hl_is(terms, middle, 25, "... An [expired] [password]. ...",
	    "a middle sentence: cut on both sides");
	out = hl(terms, middle, 60);
	begins(out, "... An [expired]", "the best sentence first");
	like(out, "Other padding text is here at the end.",
	    "sentences after the best one are added while they fit");
	free(out);
	hl_is(terms, tie, 20, "A [password] is one. ...",
	    "a tie goes to the first sentence");

	/* One long sentence: cut at words, around the first match. */
	out = hl(terms, "Lorem ipsum dolor sit amet consectetur adipiscing "
	    "elit sed do eiusmod tempor the expired password is here and "
	    "then more words follow for a long while after it", 40);
	begins(out, "... ", "one long sentence: cut before the window");
	like(out, "[expired] [password]", "one long sentence: the window "
	    "holds the match");
	cmp_ok(out ? strlen(out) : 0, <, 40 + 4 + 4 + 8 + 4,
	    "one long sentence: a window of about the length asked");
	ends(out, "...", "cut inside a sentence: '...' at the end");
	unlike(out, " ...", "cut inside a sentence: '...' right after the "
	    "last word");
	free(out);
}

/* Highlights TEXT at every length from 1 past its end and counts the
 * outputs that are not valid UTF-8. */
static size_t
invalid_utf8_lengths(const char *const *terms, const char *text,
		     size_t *first_bad)
{
	size_t bad = 0, n = strlen(text);

	*first_bad = 0;
	for (size_t length = 1; length <= n + 2; length++) {
		char *out = hl_full(terms, text, length, "<mark>", "</mark>",
		    1);

		if (out == NULL || u8_check((const uint8_t *)out,
		    strlen(out)) != NULL) {
			if (bad++ == 0)
				*first_bad = length;
			if (bad <= 3)
				printf("# length %zu: '%s'\n", length,
				    out ? out : "(null)");
		}
		free(out);
	}
	return bad;
}

static void
test_utf8_cuts(void)
{
	const char *const terms[] = { "password", "Zexpir", "mln", NULL };
	static const char quotes[] = "There is a password section on the "
	    "“My Profile” tab. “Identity & Access” “FAQs” help you. "
	    "The Medicare Learning Network® (MLN®) expired password "
	    "guide® is “here”. And® “more” ®®® “text” after it.";
	static const char no_spaces[] = "“Password”®“Expired”®®®“MLN”"
	    "®®®®®®®®®®“password”";
	static const char long_word_first[] = "“Passwords” expire every "
	    "sixty days and then you reset them.";
	size_t first_bad, bad;
	char *out;

	/* Realistic snippet lengths on text with quotes and ®. */
	bad = 0;
	for (size_t length = 20; length <= 120; length++) {
		out = hl(terms, quotes, length);
		bad += out == NULL ||
		    u8_check((const uint8_t *)out, strlen(out)) != NULL;
		free(out);
	}
	is_int(bad, 0, "lengths 20..120 on “ ” ® text: always valid UTF-8");

	bad = invalid_utf8_lengths(terms, quotes, &first_bad);
	is_int(bad, 0, "every length on “ ” ® text gives valid UTF-8");
	bad = invalid_utf8_lengths(terms, no_spaces, &first_bad);
	is_int(bad, 0, "every length on text with no spaces gives valid UTF-8 "
	    "(first bad length %zu)", first_bad);
	bad = invalid_utf8_lengths(terms, long_word_first, &first_bad);
	is_int(bad, 0, "every length on a text starting with “ gives valid "
	    "UTF-8 (first bad length %zu)", first_bad);
}

/* TEXT highlighted with TERMS, the words typed being QUERY's. */
static char *
hl_typed(const char *const *terms, const char *query, const char *text)
{
	term_set_t set;
	char *out = NULL;

	if (term_set_init(&set, terms) == 0 &&
	    term_set_mark_typed(&set, query, fake_stem, NULL) == 0)
		out = highlight_text(&set, fake_stem, NULL, text, 0, "[", "]",
		    0);
	term_set_clear(&set);
	return out;
}

/* An address typed whole marks itself whole, and not its parts in other
 * addresses; a word typed alone is marked wherever it is. */
static void
test_joined_tokens(void)
{
	const char *const email[] = { "Zeussupport", "Zcgi", "Zcom", NULL };
	const char *const url[] = { "Zeus", "Zcusthelp", "Zcom", NULL };
	static const char text[] = "Website: https://eus.custhelp.com\n"
	    "Email: EUSsupport@cgi.com.";
	char *out;

	out = hl_typed(email, "EUSsupport@cgi.com", text);
	is_str(out, "Website: https://eus.custhelp.com\n"
	    "Email: [EUSsupport@cgi.com].",
	    "the email typed: marked whole, not .com of the URL");
	free(out);
	out = hl_typed(email + 1, "cgi.com", text);
	is_str(out, "Website: https://eus.custhelp.com\n"
	    "Email: EUSsupport@[cgi.com].",
	    "part of the email typed: that part, whole");
	free(out);
	out = hl_typed(url, "eus.custhelp.com", text);
	is_str(out, "Website: https://[eus.custhelp.com]\n"
	    "Email: EUSsupport@cgi.com.",
	    "the URL's host typed: marked whole, not the email's com");
	free(out);
	out = hl_typed(url + 2, "com", text);
	is_str(out, "Website: https://eus.custhelp.[com]\n"
	    "Email: EUSsupport@cgi.[com].",
	    "'com' typed alone: marked in both");
	free(out);
	out = hl_typed(email, "solution:EUSsupport@cgi.com", text);
	is_str(out, "Website: https://eus.custhelp.com\n"
	    "Email: [EUSsupport@cgi.com].",
	    "a field name before the address is no part of it");
	free(out);
}

int
main(void)
{
	test_term_set();
	test_empty_set();
	test_words();
	test_phones();
	test_url_parts();
	test_escape();
	test_whole_text();
	test_windows();
	test_utf8_cuts();
	test_joined_tokens();
	return done_testing();
}
