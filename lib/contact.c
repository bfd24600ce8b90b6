/*
 * contact.c - the details a person acts on: websites, phone, TTY and fax
 * numbers, email addresses, live chat, mailing addresses and document
 * links, found in "Label: value" lines and in running text, in the words
 * CMS uses ("TTY users can call ...", "go to Medicare.gov").
 */
#include <config.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "factsheet-private.h"

static int is_vanity_number(const char *value, size_t len);
static size_t number_digits(const char *value, size_t len, char digits[12]);
static int is_share_link(const char *url, size_t len);
static int mailto_is_safe(const char *p, size_t len);

static int
is_number_kind(factsheet_contact_kind_t kind)
{
	return kind == FACTSHEET_CONTACT_PHONE ||
	    kind == FACTSHEET_CONTACT_TTY || kind == FACTSHEET_CONTACT_FAX;
}

static int
is_web_kind(factsheet_contact_kind_t kind)
{
	return kind == FACTSHEET_CONTACT_WEBSITE ||
	    kind == FACTSHEET_CONTACT_LINK || kind == FACTSHEET_CONTACT_CHAT;
}

static int
has_control(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] < ' ' || s[i] == 0x7f)
			return 1;
	return 0;
}

/* Whether a word of the LEN bytes at S is a link of a scheme other than
 * http:, https:, tel: or a plain mailto:: a chat sentence that ran on
 * into "Website: <javascript:...>" is no contact. */
static int
has_unsafe_link(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		size_t n = 0;

		if (i > 0 && !strchr(" \t\n<(\"'", s[i - 1]))
			continue;
		while (i + n < len && !strchr(" \t\n<>", s[i + n]))
			n++;
		if (n > 0 && !contact_url_is_safe(s + i, n))
			return 1;
	}
	return 0;
}

/* Whether VALUE may be added as a contact of KIND at all. */
static int
acceptable(factsheet_contact_kind_t kind, const char *value, size_t len)
{
	if (!contact_url_is_safe(value, len))
		return 0;
	if (is_web_kind(kind) && has_unsafe_link(value, len))
		return 0;
	if ((kind == FACTSHEET_CONTACT_WEBSITE ||
	    kind == FACTSHEET_CONTACT_LINK ||
	    kind == FACTSHEET_CONTACT_EMAIL) && has_control(value, len))
		return 0;
	/* A bare address may not smuggle in the headers mailto: refuses. */
	if (kind == FACTSHEET_CONTACT_EMAIL && !mailto_is_safe(value, len))
		return 0;
	return !(is_web_kind(kind) && is_share_link(value, len));
}

/*
 * Whether LIST already holds this number as KIND, or holds it as a fax
 * and KIND is phone (a fax answers no call).  A number written both ways,
 * "1-800-MEDICARE (1-800-633-4227)", is one: its digits are kept.
 */
static int
number_known(contact_list_t *list, factsheet_contact_kind_t kind,
	     const char *value, size_t len)
{
	char digits[12], other[12];

	if (number_digits(value, len, digits) == 0)
		return 0;
	for (size_t i = 0; i < list->n; i++) {
		factsheet_contact_t *c = &list->items[i];

		if (!is_number_kind(c->kind) ||
		    number_digits(c->value, strlen(c->value), other) == 0 ||
		    strcmp(digits, other) != 0)
			continue;
		if (c->kind == FACTSHEET_CONTACT_FAX &&
		    kind == FACTSHEET_CONTACT_PHONE)
			return 1;
		if (c->kind != kind)
			continue;
		if (is_vanity_number(c->value, strlen(c->value)) &&
		    !is_vanity_number(value, len)) {
			char *v = str_ndup(value, len);

			if (v == NULL) {
				list->failed = 1;
			} else {
				free(c->value);
				c->value = v;
			}
		}
		return 1;
	}
	return 0;
}

void
contact_list_add(contact_list_t *list, factsheet_contact_kind_t kind,
		 const char *value, size_t value_len, const char *label)
{
	factsheet_contact_t *c;

	/* An autolink's brackets are no part of its address. */
	if (value_len >= 2 && value[0] == '<' && value[value_len - 1] == '>') {
		value++;
		value_len -= 2;
	}
	if (list->failed || value_len == 0 ||
	    !acceptable(kind, value, value_len))
		return;
	for (size_t i = 0; i < list->n; i++) {
		c = &list->items[i];
		if (c->kind == kind && strlen(c->value) == value_len &&
		    memcmp(c->value, value, value_len) == 0)
			return;
	}
	if (is_number_kind(kind) && number_known(list, kind, value, value_len))
		return;
	if (list->n == list->size) {
		size_t size = list->size ? list->size * 2 : 4;
		factsheet_contact_t *items;

		items = realloc(list->items, size * sizeof *items);
		if (items == NULL) {
			list->failed = 1;
			return;
		}
		list->items = items;
		list->size = size;
	}
	c = &list->items[list->n];
	c->kind = kind;
	c->value = str_ndup(value, value_len);
	c->label = str_ndup(label, strlen(label));
	if (c->value == NULL || c->label == NULL) {
		free(c->value);
		free(c->label);
		list->failed = 1;
		return;
	}
	text_squeeze_space(c->label);
	list->n++;
}

void
contact_list_clear(contact_list_t *list)
{
	for (size_t i = 0; i < list->n; i++) {
		free(list->items[i].value);
		free(list->items[i].label);
	}
	free(list->items);
	memset(list, 0, sizeof *list);
}

/* Safe links --------------------------------------------------------- */

/*
 * The scheme URL starts with, lower-cased into SCHEME (room for SIZE
 * bytes), and where its colon is; 0 when it has none.  Browsers skip
 * leading blanks and controls and drop tabs and newlines anywhere, so
 * "java<tab>script:" is read as javascript: here too.  A scheme too long
 * for SCHEME is returned as "?", which no check allows.
 */
static int
url_scheme(const char *url, size_t len, char *scheme, size_t size,
	   size_t *colon)
{
	size_t i = 0, n = 0;
	int too_long = 0;

	while (i < len && (unsigned char)url[i] <= ' ')
		i++;
	for (; i < len; i++) {
		unsigned char c = (unsigned char)url[i];

		if (c == '\t' || c == '\n' || c == '\r')
			continue;
		if (!(isalpha(c) || (n > 0 && (isdigit(c) || c == '+' ||
		    c == '-' || c == '.'))))
			break;
		if (n + 1 < size)
			scheme[n] = (char)tolower(c);
		else
			too_long = 1;
		n++;
	}
	if (n == 0 || i >= len || url[i] != ':')
		return 0;
	if (too_long) {
		scheme[0] = '?';
		n = 1;
	}
	scheme[n] = '\0';
	*colon = i;
	return 1;
}

/* Whether the text after "mailto:" asks for nothing but a message:
 * no line break, encoded or not, and no header but subject and body
 * (a "?bcc=" or "?to=" would copy the mail elsewhere). */
static int
mailto_is_safe(const char *p, size_t len)
{
	const char *q = memchr(p, '?', len);

	for (size_t i = 0; i < len; i++)
		if (p[i] == '\r' || p[i] == '\n' || (p[i] == '%' &&
		    i + 2 < len && p[i + 1] == '0' &&
		    (tolower((unsigned char)p[i + 2]) == 'a' ||
		    tolower((unsigned char)p[i + 2]) == 'd')))
			return 0;
	while (q != NULL && q < p + len) {
		size_t n;

		q++;
		for (n = 0; q + n < p + len && q[n] != '=' && q[n] != '&';
		    n++)
			;
		if (!((n == 7 && strncasecmp(q, "subject", 7) == 0) ||
		    (n == 4 && strncasecmp(q, "body", 4) == 0)))
			return 0;
		q = memchr(q, '&', len - (size_t)(q - p));
	}
	return 1;
}

int
contact_url_is_safe(const char *url, size_t len)
{
	/* Schemes that run code or read the reader's own files, refused
	 * even where a colon and a space would make a label of them. */
	static const char *const never[] = {
		"javascript", "vbscript", "data", "file", "livescript",
	};
	char scheme[16];
	size_t colon;

	if (!url_scheme(url, len, scheme, sizeof scheme, &colon))
		return 1;
	for (size_t i = 0; i < sizeof never / sizeof never[0]; i++)
		if (strcmp(scheme, never[i]) == 0)
			return 0;
	/* "Note: ..." or "Attn: Claims" is a label, not a scheme. */
	if (colon + 1 >= len || isspace((unsigned char)url[colon + 1]))
		return 1;
	if (strcmp(scheme, "http") == 0 || strcmp(scheme, "https") == 0 ||
	    strcmp(scheme, "tel") == 0)
		return 1;
	if (strcmp(scheme, "mailto") == 0)
		return mailto_is_safe(url + colon + 1, len - colon - 1);
	return 0;
}

/*
 * Whether URL is a "share this page" button: it posts the page to a
 * social network, and reaches nobody who can help.
 */
static int
is_share_link(const char *url, size_t len)
{
	static const struct {
		const char *host;	/* the domain, or one under it */
		const char *path;	/* the path starts so; "" any */
	} shares[] = {
		{ "facebook.com", "/sharer" },
		{ "facebook.com", "/share" },
		{ "facebook.com", "/dialog/share" },
		{ "twitter.com", "/intent" },
		{ "twitter.com", "/share" },
		{ "x.com", "/intent" },
		{ "x.com", "/share" },
		{ "linkedin.com", "/share" },
		{ "linkedin.com", "/cws/share" },
		{ "pinterest.com", "/pin/create" },
		{ "reddit.com", "/submit" },
		{ "tumblr.com", "/share" },
		{ "whatsapp.com", "/send" },
		{ "addthis.com", "" },
		{ "sharethis.com", "" },
	};
	const char *host = url, *end = url + len, *path;
	size_t n;

	if (memchr(url, ' ', len) != NULL)
		return 0;
	for (const char *p = url; p + 3 <= end; p++)
		if (memcmp(p, "://", 3) == 0) {
			host = p + 3;
			break;
		}
	for (path = host; path < end && *path != '/' && *path != '?' &&
	    *path != '#'; path++)
		;
	n = (size_t)(path - host);
	for (size_t i = 0; i < sizeof shares / sizeof shares[0]; i++) {
		size_t h = strlen(shares[i].host), l = strlen(shares[i].path);

		if (n < h || strncasecmp(path - h, shares[i].host, h) != 0 ||
		    (n > h && *(path - h - 1) != '.'))
			continue;
		if ((size_t)(end - path) >= l &&
		    strncasecmp(path, shares[i].path, l) == 0)
			return 1;
	}
	return 0;
}

/* Phone numbers ---------------------------------------------------- */

/* Group lengths of a number: 8664848049, 18664848049, 866-484-8049,
 * 1-866-484-8049 (and the same with dots, spaces, parentheses). */
static int
phone_shape(const size_t *groups, size_t n, const char *digits)
{
	size_t total = 0;

	for (size_t i = 0; i < n; i++)
		total += groups[i];
	if (n == 1)
		return total == 10 || (total == 11 && digits[0] == '1');
	if (n == 3)
		return groups[0] == 3 && groups[1] == 3 && groups[2] == 4;
	if (n == 4)
		return groups[0] == 1 && digits[0] == '1' && groups[1] == 3 &&
		    groups[2] == 3 && groups[3] == 4;
	return 0;
}

/* The telephone keypad: ABC is 2, DEF 3, ..., WXYZ 9. */
static char
keypad_digit(char c)
{
	static const char keys[] = "22233344455566677778889999";

	return keys[c - 'A'];
}

/* A separator inside a number; never the terminating NUL, which
 * strchr() would find. */
static int
is_number_separator(char c)
{
	return c == '-' || c == '.' || c == ' ';
}

static size_t
digit_run(const char *p)
{
	size_t n = 0;

	while (isdigit((unsigned char)p[n]))
		n++;
	return n;
}

static size_t
letter_run(const char *p)
{
	size_t n = 0;

	while (p[n] >= 'A' && p[n] <= 'Z')
		n++;
	return n;
}

/*
 * A vanity number: 1-800-MEDICARE (the first seven letters count) or
 * 1-800-633-HELP, letters in capitals as they are printed.
 */
static size_t
match_vanity(const char *s, char digits[11])
{
	const char *p = s;
	size_t nd = 0, n;

	if (*p == '+')
		p++;
	if (*p == '1' && is_number_separator(p[1]))
		p += 2;
	if (*p == '(' && digit_run(p + 1) == 3 && p[4] == ')') {
		memcpy(digits, p + 1, 3);
		p += 5;
		p += *p == ' ' || *p == '-';
	} else if (digit_run(p) == 3 && is_number_separator(p[3])) {
		memcpy(digits, p, 3);
		p += 4;
	} else {
		return 0;
	}
	nd = 3;
	if (digit_run(p) == 3 && is_number_separator(p[3]) &&
	    letter_run(p + 4) == 4) {
		memcpy(digits + 3, p, 3);
		nd = 6;
		p += 4;
	}
	n = letter_run(p);
	if (n < 10 - nd || isalnum((unsigned char)p[n]) ||
	    digits[0] == '0' || digits[0] == '1')
		return 0;
	for (size_t i = 0; nd < 10; i++)
		digits[nd++] = keypad_digit(p[i]);
	digits[10] = '\0';
	return (size_t)(p + n - s);
}

size_t
contact_match_phone(const char *s, char digits[11])
{
	const char *p = s, *ends[5];
	char all[32];
	size_t groups[5], n_groups = 0, n_digits = 0;

	if ((n_digits = match_vanity(s, digits)) > 0)
		return n_digits;
	if (*p == '+') {
		p++;
		if (*p != '1')
			return 0;
	}
	/* Read up to five groups of digits, each with its end. */
	while (n_groups < 5) {
		const char *q = p;
		int paren = 0;
		size_t len = 0;

		if (*q == '(') {
			paren = 1;
			q++;
		}
		while (isdigit((unsigned char)*q) && n_digits + len < 31) {
			all[n_digits + len] = *q++;
			len++;
		}
		if (len == 0 || (paren && *q != ')'))
			break;
		q += paren;
		groups[n_groups] = len;
		ends[n_groups++] = q;
		n_digits += len;
		/* One separator between groups, ") " counting as one. */
		if ((*q == '-' || *q == '.' || *q == ' ') &&
		    (isdigit((unsigned char)q[1]) || q[1] == '('))
			p = q + 1;
		else if (paren && isdigit((unsigned char)*q))
			p = q;
		else
			break;
	}
	/* The longest run of groups shaped like a number, followed by no
	 * letter or digit: "866-484-8049 24 hours" is 866-484-8049. */
	while (n_groups > 0 && !(phone_shape(groups, n_groups, all) &&
	    !isalnum((unsigned char)*ends[n_groups - 1])))
		n_groups--;
	if (n_groups == 0)
		return 0;
	p = ends[n_groups - 1];
	n_digits = 0;
	for (size_t i = 0; i < n_groups; i++)
		n_digits += groups[i];
	if (n_digits == 11) {
		memmove(all, all + 1, 10);
		n_digits = 10;
	}
	/* North American area codes never start with 0 or 1. */
	if (all[0] == '0' || all[0] == '1')
		return 0;
	memcpy(digits, all, 10);
	digits[10] = '\0';
	return (size_t)(p - s);
}

/* A number may start here: not inside a word or another number. */
static int
phone_may_start(const char *text, const char *p)
{
	return p == text || !isalnum((unsigned char)p[-1]);
}

char *
contact_canonical_phones(const char *s)
{
	strbuf_t b = { 0 };
	const char *p = s;

	while (*p != '\0') {
		char digits[11];
		size_t n = 0;

		if ((isdigit((unsigned char)*p) || *p == '(' || *p == '+') &&
		    phone_may_start(s, p))
			n = contact_match_phone(p, digits);
		if (n > 0) {
			strbuf_append(&b, digits, 10);
			p += n;
		} else {
			strbuf_append(&b, p++, 1);
		}
	}
	return strbuf_finish(&b);
}

static int
is_vanity_number(const char *value, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (isalpha((unsigned char)value[i]))
			return 1;
	return 0;
}

/* The ten digits of the number VALUE is, wholly, or "711" (the relay
 * service); their count, or 0 when VALUE is no number. */
static size_t
number_digits(const char *value, size_t len, char digits[12])
{
	if (len == 3 && memcmp(value, "711", 3) == 0) {
		memcpy(digits, "711", 4);
		return 3;
	}
	if (contact_match_phone(value, digits) != len)
		return 0;
	return 10;
}

/* What the words before a number say it is. */
typedef struct {
	factsheet_contact_kind_t kind;	/* or FACTSHEET_CONTACT_LAST */
	unsigned seen;			/* 1 << each kind a word named */
	int connective;			/* only "or", "and" and , / ; */
} number_words_t;

static int
word_is(const char *word, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strcmp(word, *list) == 0)
			return 1;
	return 0;
}

/*
 * Reads the words from FROM to TO: "TTY users can call", "deaf or hard of
 * hearing", "fax it to", "Phone:".  The word nearest the number wins,
 * except that "call", "dial" and "toll-free" say nothing after a TTY
 * word ("TTY users can call ..."), and "phone" right after one, or after
 * "text", is the TTY's own ("TTY phone", "text telephone").  "Hearing"
 * alone is no TTY word ("to request a hearing, call ..."): only "hard of
 * hearing" and "hearing impaired" are.
 */
static number_words_t
number_words(const char *from, const char *to)
{
	static const char *const tty[] = {
		"tty", "ttys", "tdd", "ttd", "teletype", "teletypewriter",
		"deaf", "relay", "impaired", NULL,
	};
	static const char *const fax[] = {
		"fax", "faxes", "faxed", "faxing", "facsimile", NULL,
	};
	static const char *const phone[] = {
		"phone", "telephone", "voice", "tel", NULL,
	};
	static const char *const weak_phone[] = {
		"call", "dial", "toll", "tollfree", "hotline", "helpline", NULL,
	};
	number_words_t r = { FACTSHEET_CONTACT_LAST, 0, 1 };
	char word[16], prev[16] = "", prev2[16] = "";

	for (const char *p = from; p < to;) {
		size_t n = 0;
		factsheet_contact_kind_t says = FACTSHEET_CONTACT_LAST;

		if (!isalpha((unsigned char)*p)) {
			if (!strchr(" \t\n,/;", *p))
				r.connective = 0;
			p++;
			continue;
		}
		while (p + n < to && isalpha((unsigned char)p[n]))
			n++;
		if (n < sizeof word) {
			for (size_t i = 0; i < n; i++)
				word[i] = (char)tolower((unsigned char)p[i]);
			word[n] = '\0';
		} else {
			word[0] = '\0';
		}
		p += n;
		if (strcmp(word, "or") != 0 && strcmp(word, "and") != 0)
			r.connective = 0;
		if (word_is(word, tty) && !(strcmp(word, "impaired") == 0 &&
		    strcmp(prev, "hearing") != 0))
			says = FACTSHEET_CONTACT_TTY;
		else if (strcmp(word, "hearing") == 0 &&
		    strcmp(prev, "of") == 0 && strcmp(prev2, "hard") == 0)
			says = FACTSHEET_CONTACT_TTY;
		else if (word_is(word, fax))
			says = FACTSHEET_CONTACT_FAX;
		else if (word_is(word, phone))
			says = strcmp(prev, "text") == 0 ||
			    (r.kind == FACTSHEET_CONTACT_TTY &&
			    word_is(prev, tty)) ? FACTSHEET_CONTACT_TTY :
			    FACTSHEET_CONTACT_PHONE;
		else if (word_is(word, weak_phone) &&
		    r.kind != FACTSHEET_CONTACT_TTY)
			says = FACTSHEET_CONTACT_PHONE;
		if (says != FACTSHEET_CONTACT_LAST) {
			r.kind = says;
			r.seen |= 1u << says;
		}
		memcpy(prev2, prev, sizeof prev);
		memcpy(prev, word, sizeof word);
	}
	return r;
}

/*
 * A label just after a number: "1-877-486-2048 (TTY)", "... (fax)".  A
 * label followed by a number introduces that one instead: "1-800-772-1213
 * (TTY 1-800-325-0778)".
 */
static factsheet_contact_kind_t
number_label_after(const char *p)
{
	factsheet_contact_kind_t kind = FACTSHEET_CONTACT_LAST;
	size_t n = 0;

	p += strspn(p, " ");
	if (*p == '(')
		p += 1 + strspn(p + 1, " ");
	while (isalpha((unsigned char)p[n]))
		n++;
	if ((n == 3 && (strncasecmp(p, "tty", 3) == 0 ||
	    strncasecmp(p, "tdd", 3) == 0)))
		kind = FACTSHEET_CONTACT_TTY;
	else if ((n == 3 && strncasecmp(p, "fax", 3) == 0) ||
	    (n == 9 && strncasecmp(p, "facsimile", 9) == 0))
		kind = FACTSHEET_CONTACT_FAX;
	if (kind == FACTSHEET_CONTACT_LAST)
		return FACTSHEET_CONTACT_LAST;
	for (size_t i = 0; i < 16 && (isalpha((unsigned char)p[n]) ||
	    (p[n] != '\0' && strchr(" :/-", p[n]))); i++)
		n++;
	if (isdigit((unsigned char)p[n]) || (p[n] == '(' &&
	    isdigit((unsigned char)p[n + 1])))
		return FACTSHEET_CONTACT_LAST;
	return kind;
}

/* Where the sentence holding P starts, not before FROM: after ". " and
 * the like when a capital follows ("... 4227). TTY users can call"). */
static const char *
sentence_start(const char *from, const char *p)
{
	for (const char *q = p; q > from; q--) {
		const char *r = q;

		if (!isupper((unsigned char)*q) || !isspace((unsigned char)
		    q[-1]))
			continue;
		while (r > from && isspace((unsigned char)r[-1]))
			r--;
		if (r > from && strchr(".!?", r[-1]) != NULL)
			return q;
	}
	return from;
}

/* Whether WORD (lower case) is in the N bytes from P, any case. */
static int
mentions(const char *p, size_t n, const char *word)
{
	size_t len = strlen(word);

	for (size_t i = 0; i < n && p[i] != '\0'; i++)
		if (strncasecmp(p + i, word, len) == 0)
			return 1;
	return 0;
}

static size_t
relay_number(const char *text, const char *p)
{
	if (strncmp(p, "711", 3) != 0 || isalnum((unsigned char)p[3]) ||
	    (p > text && (p[-1] == '-' || p[-1] == '.')) ||
	    ((p[3] == '-' || p[3] == '.') && isdigit((unsigned char)p[4])))
		return 0;
	return 3;
}

/*
 * Finds the numbers in TEXT.  Each is what the words before it in its
 * sentence (since the number before) say, or a label after it, or
 * DEFAULT_KIND; "or" between two numbers keeps the kind ("TTY:
 * 1-800-... or 1-800-...").  711, the relay service, counts only as a
 * TTY.  Phones take LABEL.
 */
static void
scan_phones(contact_list_t *list, const char *text, const char *label,
	    factsheet_contact_kind_t default_kind)
{
	const char *prev_end = text;
	factsheet_contact_kind_t prev_kind = FACTSHEET_CONTACT_LAST;

	for (const char *p = text; *p != '\0'; p++) {
		char digits[11];
		const char *from;
		factsheet_contact_kind_t kind;
		number_words_t w;
		size_t n;
		int relay = 0;

		if (!(isdigit((unsigned char)*p) || *p == '(' || *p == '+') ||
		    !phone_may_start(text, p))
			continue;
		if ((n = contact_match_phone(p, digits)) == 0) {
			if ((n = relay_number(text, p)) == 0)
				continue;
			relay = 1;
		}
		from = sentence_start(prev_end, p);
		w = number_words(from, p);
		kind = number_label_after(p + n);
		if (kind == FACTSHEET_CONTACT_LAST)
			kind = w.kind;
		if (kind == FACTSHEET_CONTACT_LAST && w.connective &&
		    from == prev_end && prev_end != text)
			kind = prev_kind;
		if (kind == FACTSHEET_CONTACT_LAST)
			kind = default_kind;
		if (relay && kind != FACTSHEET_CONTACT_TTY &&
		    !mentions(p, 40, "relay"))
			continue;
		if (relay)
			kind = FACTSHEET_CONTACT_TTY;
		contact_list_add(list, kind, p, n,
		    kind == FACTSHEET_CONTACT_TTY ? "TTY" :
		    kind == FACTSHEET_CONTACT_FAX ? "Fax" :
		    default_kind == FACTSHEET_CONTACT_PHONE ? label : "Phone");
		prev_end = p + n;
		prev_kind = kind;
		p += n - 1;
	}
}

/* Email addresses and URLs ----------------------------------------- */

static int
is_email_char(char c)
{
	return isalnum((unsigned char)c) || strchr("._%+-", c) != NULL;
}

/* If AT is the '@' of an address, sets its span and returns 1. */
static int
email_around(const char *text, const char *at, const char **start,
	     size_t *len)
{
	const char *b = at, *e = at + 1, *dot = NULL;

	while (b > text && is_email_char(b[-1]))
		b--;
	while (isalnum((unsigned char)*e) || *e == '-' || *e == '.')
		e++;
	/* The address may end a sentence: "... at help@cms.gov." */
	while (e > at + 1 && e[-1] == '.')
		e--;
	for (const char *q = at + 1; q < e; q++)
		if (*q == '.')
			dot = q;
	if (b == at || dot == NULL || dot >= e - 2)
		return 0;
	*start = b;
	*len = (size_t)(e - b);
	return 1;
}

/*
 * Whether the address of LEN bytes at START, in TEXT, is part of a word
 * that asks for more than a message: "x@cms.gov%0d%0aBcc:y@z.com" or
 * "mailto:x@cms.gov?bcc=y@z.com" adds a header, and neither address in
 * it is a contact.
 */
static int
in_unsafe_mailto(const char *text, const char *start, size_t len)
{
	const char *b = start, *e = start + len;

	while (b > text && !strchr(" \t\n<>", b[-1]))
		b--;
	while (*e != '\0' && !strchr(" \t\n<>", *e))
		e++;
	if ((size_t)(e - b) > 7 && strncasecmp(b, "mailto:", 7) == 0)
		b += 7;
	return !mailto_is_safe(b, (size_t)(e - b));
}

static void
scan_emails(contact_list_t *list, const char *text, const char *label)
{
	for (const char *at = strchr(text, '@'); at != NULL;
	    at = strchr(at + 1, '@')) {
		const char *start;
		size_t len;

		if (email_around(text, at, &start, &len) &&
		    !in_unsafe_mailto(text, start, len))
			contact_list_add(list, FACTSHEET_CONTACT_EMAIL, start,
			    len, label);
	}
}

static size_t
url_length(const char *p)
{
	/* Quotes and no-break spaces end it: U+201D, U+2019, U+00A0; so
	 * does "{:", which no address holds (a brace is written %7B) but
	 * kramdown puts after a link for its attributes. */
	static const char *const ends[] = {
		"\xe2\x80\x9d", "\xe2\x80\x99", "\xc2\xa0", "{:",
	};
	size_t n = strcspn(p, " \t\r\n<>\"'");

	for (size_t k = 0; k < sizeof ends / sizeof ends[0]; k++) {
		size_t e = strlen(ends[k]);

		for (size_t i = 0; i + e <= n; i++)
			if (memcmp(p + i, ends[k], e) == 0) {
				n = i;
				break;
			}
	}
	/* Trailing punctuation ends the sentence, not the URL. */
	while (n > 0 && strchr(".,;:!?)", p[n - 1]))
		n--;
	return n;
}

/*
 * Whether the N bytes at LABEL are a top-level domain a web address
 * written without "https://" ends in.  Only the common ones count, so
 * that file names (form.pdf, index.html) and "e.g." are not addresses;
 * in capitals only GOV, MIL, EDU, ORG and COM of an address all in
 * capitals ("SSA.GOV", not "ASP.NET").
 */
static int
known_tld(const char *label, size_t n, int capitals)
{
	static const char *const lower[] = {
		"gov", "mil", "edu", "org", "com", "net", "us", "io", "info",
		"biz",
	};
	static const char *const upper[] = {
		"GOV", "MIL", "EDU", "ORG", "COM",
	};

	for (size_t i = 0; i < sizeof lower / sizeof lower[0]; i++)
		if (strlen(lower[i]) == n && memcmp(label, lower[i], n) == 0)
			return 1;
	for (size_t i = 0; capitals && i < sizeof upper / sizeof upper[0]; i++)
		if (strlen(upper[i]) == n && memcmp(label, upper[i], n) == 0)
			return 1;
	return 0;
}

/*
 * The length of the host name at P written without a scheme
 * ("Medicare.gov", "ssa.gov", "Login.gov"), else 0: two or more labels,
 * the last a known domain, standing alone as a word.  Not a part of an
 * email address ("EUSsupport@cgi.com"), a longer name or a path, nor a
 * version number (1.2.3).
 */
static size_t
bare_host_length(const char *text, const char *p)
{
	const char *q = p, *last = p;
	size_t labels = 0;
	int capitals = 1;

	if (p > text && (isalnum((unsigned char)p[-1]) ||
	    strchr(".@/_-:\\%+=&#~$", p[-1]) != NULL))
		return 0;
	for (;;) {
		const char *l = q;

		while (isalnum((unsigned char)*q) || *q == '-') {
			if (islower((unsigned char)*q))
				capitals = 0;
			q++;
		}
		if (q == l || *l == '-' || q[-1] == '-' || q - l > 63)
			return 0;
		labels++;
		last = l;
		if (*q == '.' && isalnum((unsigned char)q[1])) {
			q++;
			continue;
		}
		break;
	}
	if (labels < 2 || *q == '@' || *q == '_' ||
	    !known_tld(last, (size_t)(q - last), capitals))
		return 0;
	return (size_t)(q - p);
}

/*
 * The length of the web address at P, else 0: "https://...",
 * "http://...", "www...." or a host name with a known domain and any path
 * ("Medicare.gov/care-compare").  *BARE says "https://" is missing.
 */
static size_t
web_address_at(const char *text, const char *p, int *bare)
{
	size_t n;

	if (p > text && (isalnum((unsigned char)p[-1]) || p[-1] == '/'))
		return 0;
	*bare = 0;
	if (links_scheme_length(p, SIZE_MAX) > 0)
		return url_length(p);
	*bare = 1;
	if (links_web_prefix(p, SIZE_MAX) > 0) {
		n = url_length(p);
		return n > 4 && memchr(p + 4, '.', n - 4) != NULL ? n : 0;
	}
	if ((n = bare_host_length(text, p)) == 0)
		return 0;
	if (p[n] == '/' || p[n] == '?' || p[n] == '#')
		n = url_length(p);
	return n;
}

/* The N bytes at P as a contact's URL: with "https://" when BARE. */
static char *
web_value(const char *p, size_t n, int bare)
{
	return bare ? str_printf("https://%.*s", (int)n, p) : str_ndup(p, n);
}

/*
 * The address with a scheme that the bare address of N bytes at P is the
 * text of, as readers write a link: "IdentityTheft.gov
 * https://www.identitytheft.gov/" or "Medicare.gov <https://...>".  Its
 * host must end in P's host.  NULL when none follows.
 */
static const char *
url_named_by(const char *p, size_t n)
{
	const char *q = p + n, *host, *h;
	size_t len = strspn(p, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789.-"), hl;

	if (len > n)
		len = n;
	q += strspn(q, " ");
	if (*q == '<' || *q == '(')
		q++;
	if (links_scheme_length(q, SIZE_MAX) == 0)
		return NULL;
	host = q + links_scheme_length(q, SIZE_MAX);
	hl = strspn(host, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789.-");
	if (hl < len)
		return NULL;
	h = host + hl - len;
	if (strncasecmp(h, p, len) != 0 || (h > host && h[-1] != '.'))
		return NULL;
	return q;
}

static int
is_quote_at(const char *p)
{
	return *p == '"' || strncmp(p, "\xe2\x80\x9c", 3) == 0 ||
	    strncmp(p, "\xe2\x80\x9d", 3) == 0;
}

/* Words that join a label to its URL: "... Guide at <url>". */
static void
strip_connectors(char *s)
{
	static const char *const tails[] = {
		" at", " refer to", " to", " visit", " see", " on", " via",
		" go", ":", ",", "(", " -", "<",
	};
	int again = 1;

	while (again) {
		size_t n = strlen(s);

		again = 0;
		for (size_t i = 0; i < sizeof tails / sizeof tails[0]; i++) {
			size_t t = strlen(tails[i]);

			/* A label that is nothing but one ("go to", "Visit")
			 * goes whole. */
			if (tails[i][0] == ' ' && strcasecmp(s, tails[i] + 1) ==
			    0) {
				s[0] = '\0';
				break;
			}
			if (n >= t && strcasecmp(s + n - t, tails[i]) == 0) {
				s[n - t] = '\0';
				text_squeeze_space(s);
				again = 1;
				break;
			}
		}
	}
}

/*
 * The label of the URL at P: the quoted title before it in its sentence
 * ("“I&A System Quick Reference Guide” at https://..."), else the
 * sentence up to the URL without its joining words.
 */
static char *
link_label(const char *text, const char *p)
{
	const char *start = p, *first_q = NULL, *last_q = NULL;
	strbuf_t b = { 0 };
	char *label;

	while (start > text && start[-1] != '\n' &&
	    !(start - text >= 2 && strchr(".!?", start[-2]) &&
	    start[-1] == ' ' && isupper((unsigned char)start[0])))
		start--;
	if (start[0] == '-' && start[1] == ' ')
		start += 2;
	for (const char *q = start; q < p; q++) {
		if (is_quote_at(q)) {
			if (first_q == NULL)
				first_q = q;
			last_q = q;
		}
	}
	if (first_q != NULL && last_q != first_q) {
		/* Keep the text between the outer quotes, minus any quote
		 * left unpaired inside ("Who should I call?" CMS ...). */
		for (const char *q = first_q; q < last_q;) {
			if (is_quote_at(q)) {
				q += (*q == '"') ? 1 : 3;
				continue;
			}
			strbuf_append(&b, q++, 1);
		}
	} else {
		strbuf_append(&b, start, (size_t)(p - start));
	}
	if ((label = strbuf_finish(&b)) == NULL)
		return NULL;
	text_squeeze_space(label);
	strip_connectors(label);
	if (label[0] == '\0') {
		free(label);
		label = str_ndup("Link", 4);
	}
	return label;
}

static void
scan_urls(contact_list_t *list, const char *text)
{
	for (const char *p = text; *p != '\0'; p++) {
		size_t n;
		char *label, *value;
		int bare;

		if ((n = web_address_at(text, p, &bare)) == 0)
			continue;
		/* A link's text that is its own address is not another. */
		if (bare && url_named_by(p, n) != NULL) {
			p += n - 1;
			continue;
		}
		/* A site named in the middle of a phrase ("your VA.gov
		 * profile", "sign in to VA.gov and ...") is labelled by its
		 * name: the words before it are not its title. */
		if (bare && p[n] == ' ' && isalpha((unsigned char)p[n + 1]))
			label = str_ndup(p, n);
		else
			label = link_label(text, p);
		value = web_value(p, n, bare);
		if (label == NULL || value == NULL) {
			free(label);
			free(value);
			list->failed = 1;
			return;
		}
		contact_list_add(list, FACTSHEET_CONTACT_LINK, value,
		    strlen(value), label);
		free(label);
		free(value);
		p += n - 1;
	}
}

/* Live chat ----------------------------------------------------------- */

/* The alphabetic word ending just before P (after blanks and hyphens),
 * lower-cased into WORD; "" when there is none. */
static void
word_before(const char *text, const char *p, char word[16])
{
	const char *e = p, *b;

	while (e > text && (e[-1] == ' ' || e[-1] == '-'))
		e--;
	for (b = e; b > text && isalpha((unsigned char)b[-1]); b--)
		;
	word[0] = '\0';
	if (e - b > 0 && e - b < 16) {
		for (const char *q = b; q < e; q++)
			word[q - b] = (char)tolower((unsigned char)*q);
		word[e - b] = '\0';
	}
}

/*
 * Whether the "chat" at P offers one: "Live chat", "online chat", "Chat
 * with us", "chat with a representative", "Chat now".
 */
static int
offers_chat(const char *text, const char *p)
{
	static const char *const before[] = { "live", "online", "web", NULL };
	static const char *const after[] = {
		"with", "online", "now", "live", NULL,
	};
	char word[16];
	const char *q = p + 4;
	size_t n = 0;

	if (strncasecmp(p, "chat", 4) != 0 || isalpha((unsigned char)p[4]) ||
	    (p > text && isalpha((unsigned char)p[-1])))
		return 0;
	word_before(text, p, word);
	if (word_is(word, before))
		return 1;
	q += strspn(q, " ");
	while (isalpha((unsigned char)q[n]) && n < sizeof word - 1) {
		word[n] = (char)tolower((unsigned char)q[n]);
		n++;
	}
	word[n] = '\0';
	return word_is(word, after);
}

/* The sentence around P: from after the last ". X" or line break to the
 * next end of sentence or line. */
static void
sentence_around(const char *text, const char *p, const char **start,
		const char **end)
{
	const char *b = p, *e = p;

	while (b > text && b[-1] != '\n' && !(b - text >= 2 &&
	    strchr(".!?", b[-2]) && b[-1] == ' ' &&
	    isupper((unsigned char)b[0])))
		b--;
	if (b[0] == '-' && b[1] == ' ')
		b += 2;
	while (*e != '\0' && *e != '\n' && !(strchr(".!?", *e) &&
	    (e[1] == '\0' || isspace((unsigned char)e[1]))))
		e++;
	if (*e != '\0' && *e != '\n')
		e++;
	*start = b;
	*end = e;
}

static size_t
count_kind(const contact_list_t *list, factsheet_contact_kind_t kind)
{
	size_t n = 0;

	for (size_t i = 0; i < list->n; i++)
		n += list->items[i].kind == kind;
	return n;
}

/*
 * The web address of the chat offered at P, in the sentence from B to E:
 * the first after P ("start a live chat <https://...>"), else the last
 * before it; NULL when there is none, or no memory.
 */
static char *
chat_address(const char *text, const char *b, const char *p,
	     const char *e)
{
	const char *found = NULL;
	size_t found_n = 0;
	int found_bare = 0;

	for (const char *q = b; q < e; q++) {
		int bare;
		size_t n = web_address_at(text, q, &bare);

		if (n == 0)
			continue;
		if (q + n > e)
			break;
		if (!(bare && url_named_by(q, n) != NULL)) {
			found = q;
			found_n = n;
			found_bare = bare;
			if (q >= p)
				break;
		}
		q += n - 1;
	}
	return found ? web_value(found, found_n, found_bare) : NULL;
}

/*
 * "Live chat" and "Chat with us": the value is the web address the
 * sentence gives for it, else the sentence, which says where to find it.
 */
static void
scan_chat(contact_list_t *list, const char *text)
{
	for (const char *p = text; *p != '\0'; p++) {
		const char *b, *e;
		char *value = NULL;

		if ((*p != 'c' && *p != 'C') || !offers_chat(text, p))
			continue;
		sentence_around(text, p, &b, &e);
		if ((value = chat_address(text, b, p, e)) == NULL) {
			/* The sentence itself says where, unless a chat
			 * was already found: "You can talk or live chat
			 * with a real person" after the chat's link. */
			if (count_kind(list, FACTSHEET_CONTACT_CHAT) > 0) {
				p = e > p ? e - 1 : p;
				continue;
			}
			if ((value = str_ndup(b, (size_t)(e - b))) != NULL)
				text_squeeze_space(value);
		}
		if (value == NULL) {
			list->failed = 1;
			return;
		}
		contact_list_add(list, FACTSHEET_CONTACT_CHAT, value,
		    strlen(value), "Live chat");
		free(value);
		p = e > p ? e - 1 : p;
	}
}

/* Mailing addresses --------------------------------------------------- */

/* A state, district or territory just before END ("MD", "Maryland");
 * where it starts, or NULL. */
static const char *
state_before(const char *text, const char *end)
{
	static const char codes[] =
	    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD "
	    "MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD "
	    "TN TX UT VT VA WA WV WI WY PR VI GU AS MP AA AE AP";
	static const char *const names[] = {
		"Alabama", "Alaska", "Arizona", "Arkansas", "California",
		"Colorado", "Connecticut", "Delaware", "District of Columbia",
		"Florida", "Georgia", "Hawaii", "Idaho", "Illinois",
		"Indiana", "Iowa", "Kansas", "Kentucky", "Louisiana", "Maine",
		"Maryland", "Massachusetts", "Michigan", "Minnesota",
		"Mississippi", "Missouri", "Montana", "Nebraska", "Nevada",
		"New Hampshire", "New Jersey", "New Mexico", "New York",
		"North Carolina", "North Dakota", "Ohio", "Oklahoma", "Oregon",
		"Pennsylvania", "Rhode Island", "South Carolina",
		"South Dakota", "Tennessee", "Texas", "Utah", "Vermont",
		"Virginia", "Washington", "West Virginia", "Wisconsin",
		"Wyoming", "Puerto Rico", "Guam", "Virgin Islands",
	};
	const char *b;

	if (end - text >= 2 && isupper((unsigned char)end[-1]) &&
	    isupper((unsigned char)end[-2]) && (end - text == 2 ||
	    !isalnum((unsigned char)end[-3]))) {
		/* Codes are 3 bytes apart, the last one without its space. */
		for (size_t i = 0; i + 1 < sizeof codes; i += 3)
			if (codes[i] == end[-2] && codes[i + 1] == end[-1])
				return end - 2;
	}
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		size_t n = strlen(names[i]);

		if ((size_t)(end - text) < n)
			continue;
		b = end - n;
		if (strncmp(b, names[i], n) == 0 && (b == text ||
		    !isalnum((unsigned char)b[-1])))
			return b;
	}
	return NULL;
}

/* Whether a street-type word ("Boulevard", "St.") is between P and END. */
static int
names_street(const char *p, const char *end)
{
	static const char *const kinds[] = {
		"street", "st", "avenue", "ave", "boulevard", "blvd", "road",
		"rd", "drive", "dr", "lane", "ln", "way", "parkway", "pkwy",
		"place", "pl", "court", "ct", "circle", "cir", "highway",
		"hwy", "plaza", "square", "sq", "terrace", "trail", "pike",
		"turnpike", "center", "centre", "mall", "row", "alley", NULL,
	};

	while (p < end) {
		char word[16];
		size_t n = 0;

		if (!isalpha((unsigned char)*p)) {
			p++;
			continue;
		}
		while (p + n < end && isalpha((unsigned char)p[n]))
			n++;
		if (n < sizeof word) {
			for (size_t i = 0; i < n; i++)
				word[i] = (char)tolower((unsigned char)p[i]);
			word[n] = '\0';
			if (word_is(word, kinds))
				return 1;
		}
		p += n;
	}
	return 0;
}

/* The length of a post office box at P ("P.O. Box", "PO Box", "Post
 * Office Box") up to its number, else 0. */
static size_t
po_box_at(const char *p)
{
	static const char *const forms[] = {
		"P.O. Box ", "P. O. Box ", "P.O.Box ", "PO Box ",
		"Post Office Box ",
	};

	for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
		size_t n = strlen(forms[i]);

		if (strncasecmp(p, forms[i], n) == 0 &&
		    isalnum((unsigned char)p[n]))
			return n;
	}
	return 0;
}

/*
 * Where the street line of the address whose city ends at COMMA starts:
 * the nearest post office box, or house number followed by a name with a
 * street-type word, within a few lines before; NULL if none.
 */
static const char *
street_before(const char *text, const char *comma)
{
	const char *lim = comma - text > 200 ? comma - 200 : text;
	int lines = 0;

	for (const char *q = comma - 1; q >= lim && lines <= 3; q--) {
		size_t n;

		if (*q == '\n')
			lines++;
		if (q > text && !strchr(" \t\n,(", q[-1]))
			continue;
		if (po_box_at(q) > 0)
			return q;
		if ((n = digit_run(q)) == 0 || n > 6)
			continue;
		if (isalpha((unsigned char)q[n]) &&
		    !isalpha((unsigned char)q[n + 1]))
			n++;
		if (q[n] == ' ' && isalpha((unsigned char)q[n + 1]) &&
		    names_street(q + n, comma))
			return q;
	}
	return NULL;
}

/* Whether the line from B to E may name whom an address reaches
 * ("Centers for Medicare & Medicaid Services"): short, capitalised at
 * both ends, not a sentence nor an introduction ("Mail it to:"). */
static int
is_recipient_line(const char *b, const char *e)
{
	const char *last;

	while (b < e && isspace((unsigned char)*b))
		b++;
	while (e > b && isspace((unsigned char)e[-1]))
		e--;
	if (e - b == 0 || e - b > 70 || strchr(".:;?!", e[-1]) ||
	    !(isupper((unsigned char)*b) || isdigit((unsigned char)*b)))
		return 0;
	for (last = e; last > b && !isspace((unsigned char)last[-1]); last--)
		;
	if (!(isupper((unsigned char)*last) || isdigit((unsigned char)*last) ||
	    *last == '&'))
		return 0;
	for (const char *q = b; q < e; q++)
		if (*q == '@' || *q == '/' || (*q == '.' && q + 1 < e &&
		    q[1] == ' '))
			return 0;
	return 1;
}

/*
 * The name in front of a street on the same line ("Centers for Medicare &
 * Medicaid Services 7500 Security Boulevard", "Social Security
 * Administration, P.O. Box 17769"): two or more capitalised words, with
 * "for", "of", "and", "the", "&" between them, or one word in capitals
 * ("CMS").  Where it starts, else NULL.
 */
static const char *
recipient_before(const char *text, const char *street)
{
	static const char *const joins[] = {
		"for", "of", "and", "the", "on", "&", NULL,
	};
	const char *e = street, *start = NULL;
	size_t words = 0;
	int capitals = 0;

	while (e > text && e[-1] == ' ')
		e--;
	if (e > text && e[-1] == ',')
		e--;
	while (words < 10) {
		const char *b = e;
		char w[16];
		size_t n;

		while (b > text && e - b < 40 && !isspace((unsigned char)b[-1]))
			b--;
		n = (size_t)(e - b);
		if (n == 0 || n >= sizeof w || (b > text && !isspace(
		    (unsigned char)b[-1])))
			break;
		for (size_t i = 0; i < n; i++)
			w[i] = (char)tolower((unsigned char)b[i]);
		w[n] = '\0';
		if (isupper((unsigned char)*b) && !strchr(".:;,", e[-1])) {
			start = b;
			words++;
			capitals = 1;
			for (const char *q = b; q < e; q++)
				if (islower((unsigned char)*q))
					capitals = 0;
		} else if (!word_is(w, joins)) {
			break;
		}
		e = b;
		while (e > text && e[-1] == ' ')
			e--;
	}
	return words >= 2 || (words == 1 && capitals) ? start : NULL;
}

/* Whether the N bytes at P are a house or box number, a street-type word
 * or a compass point: what may stand just before a city's name. */
static int
ends_street(const char *p, size_t n)
{
	static const char *const points[] = {
		"n", "s", "e", "w", "ne", "nw", "se", "sw", NULL,
	};
	char w[4];

	while (n > 0 && p[n - 1] == '.')
		n--;
	if (n > 0 && digit_run(p) >= n)
		return 1;
	if (n > 0 && n < sizeof w) {
		for (size_t i = 0; i < n; i++)
			w[i] = (char)tolower((unsigned char)p[i]);
		w[n] = '\0';
		if (word_is(w, points) && isupper((unsigned char)*p))
			return 1;
	}
	return n > 0 && names_street(p, p + n);
}

/*
 * Where the city before COMMA starts when its street runs straight into
 * it on one line ("Boulevard Baltimore, MD", "Box 1234 Baltimore, MD"):
 * a ", " belongs there.  NULL when a comma or line break already parts
 * them.
 */
static const char *
city_after_street(const char *street, const char *comma)
{
	const char *e = comma;

	for (int words = 0; words < 3; words++) {
		const char *b = e, *pb;

		while (b > street && isalpha((unsigned char)b[-1]))
			b--;
		if (b == e || !isupper((unsigned char)*b) || b - street < 2 ||
		    b[-1] != ' ')
			return NULL;
		for (pb = b - 1; pb > street && !isspace((unsigned char)
		    pb[-1]); pb--)
			;
		if (strchr(",", b[-2]) != NULL)
			return NULL;
		if (ends_street(pb, (size_t)(b - 1 - pb)))
			return b;
		e = b - 1;
	}
	return NULL;
}

/* Adds to B the pieces of START to END: its lines, trimmed, without a
 * trailing comma, each after a ", ". */
static void
address_pieces(strbuf_t *b, const char *start, const char *end)
{
	while (start < end) {
		const char *nl = memchr(start, '\n', (size_t)(end - start));
		const char *e = nl ? nl : end;
		char *line = str_ndup(start, (size_t)(e - start));

		if (line != NULL) {
			size_t n = strlen(text_squeeze_space(line));

			while (n > 0 && line[n - 1] == ',')
				line[--n] = '\0';
			if (n > 0) {
				if (b->len > 0)
					strbuf_puts(b, ", ");
				strbuf_puts(b, line);
			}
		} else {
			b->failed = 1;
		}
		free(line);
		start = nl ? nl + 1 : end;
	}
}

/* Adds the address: the recipient from START, the street from STREET,
 * the city from CITY (or NULL when a comma or line break parts it), to
 * END; its pieces joined by ", ". */
static void
add_address(contact_list_t *list, const char *start, const char *street,
	    const char *city, const char *end)
{
	strbuf_t b = { 0 };
	char *value;

	address_pieces(&b, start, street);
	address_pieces(&b, street, city ? city : end);
	if (city != NULL)
		address_pieces(&b, city, end);
	if ((value = strbuf_finish(&b)) == NULL) {
		list->failed = 1;
		return;
	}
	contact_list_add(list, FACTSHEET_CONTACT_ADDRESS, value, strlen(value),
	    "Address");
	free(value);
}

/*
 * Mailing addresses: a street or post office box line and a "City, ST
 * 12345" (or "City, State 12345-6789") line, with the lines naming the
 * recipient above them when the street starts a line.
 */
static void
scan_addresses(contact_list_t *list, const char *text)
{
	for (const char *p = text; *p != '\0'; p++) {
		const char *end, *state, *c, *street, *start;

		if (!isdigit((unsigned char)*p) || (p > text &&
		    (isalnum((unsigned char)p[-1]) || p[-1] == '-')))
			continue;
		if (digit_run(p) != 5) {
			p += digit_run(p) - 1;
			continue;
		}
		end = p + 5;
		if (*end == '-' && digit_run(end + 1) == 4)
			end += 5;
		if (isalnum((unsigned char)*end))
			continue;
		for (c = p; c > text && (c[-1] == ' ' || c[-1] == '\t'); c--)
			;
		if (c == p || (state = state_before(text, c)) == NULL)
			continue;
		for (c = state; c > text && c[-1] == ' '; c--)
			;
		if (c == text || c[-1] != ',' ||
		    (street = street_before(text, c - 1)) == NULL)
			continue;
		start = street;
		for (int i = 0; i < 3 && start > text && start[-1] == '\n';
		    i++) {
			const char *b = start - 1;

			while (b > text && b[-1] != '\n')
				b--;
			if (!is_recipient_line(b, start - 1))
				break;
			start = b;
		}
		if (start == street && (start = recipient_before(text,
		    street)) == NULL)
			start = street;
		add_address(list, start, street, city_after_street(street,
		    c - 1), end);
		p = end - 1;
	}
}

/* Running text -------------------------------------------------------- */

/* The kind of number a heading or bare label names: a TTY ("TTY users",
 * "For people who are deaf or hard of hearing") or a fax, when it names
 * no other; else FACTSHEET_CONTACT_LAST. */
static factsheet_contact_kind_t
names_number_kind(const char *text)
{
	number_words_t w = number_words(text, text + strlen(text));

	if (w.seen == 1u << FACTSHEET_CONTACT_TTY)
		return FACTSHEET_CONTACT_TTY;
	if (w.seen == 1u << FACTSHEET_CONTACT_FAX)
		return FACTSHEET_CONTACT_FAX;
	return FACTSHEET_CONTACT_LAST;
}

/* The kind of number a text that is nothing but a label names ("TTY",
 * "TTY/TDD", "Fax number", "Phone"), for the numbers of the text after
 * it; else FACTSHEET_CONTACT_LAST. */
static factsheet_contact_kind_t
bare_label_kind(const char *text)
{
	static const factsheet_contact_kind_t kinds[] = {
		FACTSHEET_CONTACT_PHONE, FACTSHEET_CONTACT_TTY,
		FACTSHEET_CONTACT_FAX,
	};
	size_t n = strlen(text);
	number_words_t w;

	if (n == 0 || n > 24 || strpbrk(text, "0123456789") != NULL)
		return FACTSHEET_CONTACT_LAST;
	w = number_words(text, text + n);
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (w.seen == 1u << kinds[i])
			return kinds[i];
	return FACTSHEET_CONTACT_LAST;
}

void
contact_scan_text(contact_list_t *list, const char *text)
{
	factsheet_contact_kind_t numbers = FACTSHEET_CONTACT_PHONE, label;

	if (list->label_kind > 0)
		numbers = (factsheet_contact_kind_t)(list->label_kind - 1);
	else if (list->heading_kind > 0)
		numbers = (factsheet_contact_kind_t)(list->heading_kind - 1);
	list->label_kind = 0;
	scan_urls(list, text);
	scan_emails(list, text, "Email");
	scan_phones(list, text, "Phone", numbers);
	scan_chat(list, text);
	scan_addresses(list, text);
	if ((label = bare_label_kind(text)) != FACTSHEET_CONTACT_LAST)
		list->label_kind = 1 + (int)label;
}

void
contact_scan_heading(contact_list_t *list, const char *heading)
{
	factsheet_contact_kind_t kind;

	list->heading_kind = 0;
	if (heading == NULL)
		return;
	contact_scan_text(list, heading);
	if ((kind = names_number_kind(heading)) != FACTSHEET_CONTACT_LAST)
		list->heading_kind = 1 + (int)kind;
}

/* "Label: value" lines ------------------------------------------- */

static const struct {
	const char *label;
	factsheet_contact_kind_t kind;
} line_labels[] = {
	{ "Website", FACTSHEET_CONTACT_WEBSITE },
	{ "Web site", FACTSHEET_CONTACT_WEBSITE },
	{ "Web address", FACTSHEET_CONTACT_WEBSITE },
	{ "Web", FACTSHEET_CONTACT_WEBSITE },
	{ "URL", FACTSHEET_CONTACT_WEBSITE },
	{ "Phone", FACTSHEET_CONTACT_PHONE },
	{ "Telephone", FACTSHEET_CONTACT_PHONE },
	{ "Toll-free", FACTSHEET_CONTACT_PHONE },
	{ "Toll free", FACTSHEET_CONTACT_PHONE },
	{ "Tel", FACTSHEET_CONTACT_PHONE },
	{ "TTY", FACTSHEET_CONTACT_TTY },
	{ "TDD", FACTSHEET_CONTACT_TTY },
	{ "TTY/TDD", FACTSHEET_CONTACT_TTY },
	{ "TDD/TTY", FACTSHEET_CONTACT_TTY },
	{ "Fax", FACTSHEET_CONTACT_FAX },
	{ "Fax number", FACTSHEET_CONTACT_FAX },
	{ "Facsimile", FACTSHEET_CONTACT_FAX },
	{ "Email", FACTSHEET_CONTACT_EMAIL },
	{ "E-mail", FACTSHEET_CONTACT_EMAIL },
	{ "Email address", FACTSHEET_CONTACT_EMAIL },
	{ "Live Chat", FACTSHEET_CONTACT_CHAT },
	{ "Chat", FACTSHEET_CONTACT_CHAT },
	{ "Address", FACTSHEET_CONTACT_ADDRESS },
	{ "Mailing address", FACTSHEET_CONTACT_ADDRESS },
	{ "Mail", FACTSHEET_CONTACT_ADDRESS },
};

int
contact_parse_line(contact_list_t *list, const char *line)
{
	const char *value;
	size_t i, n;

	line += strspn(line, " \t");
	for (i = 0; i < sizeof line_labels / sizeof line_labels[0]; i++) {
		n = strlen(line_labels[i].label);
		if (strncasecmp(line, line_labels[i].label, n) == 0 &&
		    line[n] == ':')
			break;
	}
	if (i == sizeof line_labels / sizeof line_labels[0])
		return 0;
	value = line + n + 1;
	value += strspn(value, " \t");
	list->label_kind = 0;
	switch (line_labels[i].kind) {
	case FACTSHEET_CONTACT_WEBSITE: {
		const char *p = value, *q;
		char *url;
		int bare = 0;

		if (*p == '<')
			p++;
		n = strcspn(p, " \t>");
		while (n > 0 && strchr(".,;", p[n - 1]))
			n--;
		/* "Website: Medicare.gov" is https://Medicare.gov, and
		 * "Website: IdentityTheft.gov https://www..." the latter. */
		if (web_address_at(p, p, &bare) == 0)
			bare = 0;
		if (bare && (q = url_named_by(p, n)) != NULL) {
			p = q;
			n = url_length(p);
			bare = 0;
		}
		if ((url = web_value(p, n, bare)) == NULL) {
			list->failed = 1;
			break;
		}
		contact_list_add(list, FACTSHEET_CONTACT_WEBSITE, url,
		    strlen(url), line_labels[i].label);
		free(url);
		break;
	}
	case FACTSHEET_CONTACT_PHONE:
	case FACTSHEET_CONTACT_TTY:
	case FACTSHEET_CONTACT_FAX:
		/* "Phone: 1-866-484-8049 (TTY 1-866-523-4759)" holds both;
		 * a line labelled TTY or Fax makes its numbers so unless
		 * words say otherwise. */
		scan_phones(list, value, line_labels[i].label,
		    line_labels[i].kind);
		/* "TTY:" alone labels the number on the next line. */
		if (value[strspn(value, " \t\r\n")] == '\0')
			list->label_kind = 1 + (int)line_labels[i].kind;
		break;
	case FACTSHEET_CONTACT_EMAIL:
		scan_emails(list, value, line_labels[i].label);
		break;
	case FACTSHEET_CONTACT_CHAT:
		n = strlen(value);
		while (n > 0 && isspace((unsigned char)value[n - 1]))
			n--;
		contact_list_add(list, FACTSHEET_CONTACT_CHAT, value, n,
		    line_labels[i].label);
		break;
	case FACTSHEET_CONTACT_ADDRESS: {
		size_t before = list->n;

		/* Only a line that holds an address is one: "Address:
		 * see below" stays text. */
		scan_addresses(list, value);
		return list->n > before;
	}
	default:
		break;
	}
	return 1;
}
