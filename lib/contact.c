/*
 * contact.c - the details a person acts on: websites, phone and TTY
 * numbers, email addresses, live chat and document links, found in
 * "Label: value" lines and in running text.
 */
#include <config.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "factsheet-private.h"

void
contact_list_add(contact_list_t *list, factsheet_contact_kind_t kind,
		 const char *value, size_t value_len, const char *label)
{
	factsheet_contact_t *c;

	if (list->failed || value_len == 0)
		return;
	for (size_t i = 0; i < list->n; i++) {
		c = &list->items[i];
		if (c->kind == kind && strlen(c->value) == value_len &&
		    memcmp(c->value, value, value_len) == 0)
			return;
	}
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

/* "TTY" or "TDD" just before P: the number is for the deaf relay. */
static int
introduced_as_tty(const char *text, const char *p)
{
	const char *start = p - text > 12 ? p - 12 : text;

	for (const char *q = start; q + 3 <= p; q++)
		if (strncasecmp(q, "TTY", 3) == 0 ||
		    strncasecmp(q, "TDD", 3) == 0)
			return 1;
	return 0;
}

static void
scan_phones(contact_list_t *list, const char *text, const char *label)
{
	for (const char *p = text; *p != '\0'; p++) {
		char digits[11];
		size_t n;

		if (!(isdigit((unsigned char)*p) || *p == '(' || *p == '+') ||
		    !phone_may_start(text, p))
			continue;
		if ((n = contact_match_phone(p, digits)) == 0)
			continue;
		if (introduced_as_tty(text, p))
			contact_list_add(list, FACTSHEET_CONTACT_TTY, p, n,
			    "TTY");
		else
			contact_list_add(list, FACTSHEET_CONTACT_PHONE, p, n,
			    label);
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

static void
scan_emails(contact_list_t *list, const char *text, const char *label)
{
	for (const char *at = strchr(text, '@'); at != NULL;
	    at = strchr(at + 1, '@')) {
		const char *start;
		size_t len;

		if (email_around(text, at, &start, &len))
			contact_list_add(list, FACTSHEET_CONTACT_EMAIL, start,
			    len, label);
	}
}

/* Where a URL starts at P ("http://", "https://", "www."), else 0. */
static int
url_starts(const char *text, const char *p)
{
	if (p > text && (isalnum((unsigned char)p[-1]) || p[-1] == '/'))
		return 0;
	return strncasecmp(p, "https://", 8) == 0 ||
	    strncasecmp(p, "http://", 7) == 0 ||
	    strncasecmp(p, "www.", 4) == 0;
}

static size_t
url_length(const char *p)
{
	size_t n = strcspn(p, " \t\r\n<>\"'");

	/* Trailing punctuation ends the sentence, not the URL. */
	while (n > 0 && strchr(".,;:!?)", p[n - 1]))
		n--;
	/* A closing curly quote (U+201D) is not part of it either. */
	for (size_t i = 0; i + 2 < n; i++)
		if (memcmp(p + i, "\xe2\x80\x9d", 3) == 0)
			n = i;
	return n;
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
		":", ",", "(", " -", "<",
	};
	int again = 1;

	while (again) {
		size_t n = strlen(s);

		again = 0;
		for (size_t i = 0; i < sizeof tails / sizeof tails[0]; i++) {
			size_t t = strlen(tails[i]);

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
		char *label;

		if (!url_starts(text, p) || (n = url_length(p)) == 0)
			continue;
		if ((label = link_label(text, p)) == NULL) {
			list->failed = 1;
			return;
		}
		contact_list_add(list, FACTSHEET_CONTACT_LINK, p, n, label);
		free(label);
		p += n - 1;
	}
}

void
contact_scan_text(contact_list_t *list, const char *text)
{
	scan_urls(list, text);
	scan_emails(list, text, "Email");
	scan_phones(list, text, "Phone");
}

/* "Label: value" lines ------------------------------------------- */

static const struct {
	const char *label;
	factsheet_contact_kind_t kind;
} line_labels[] = {
	{ "Website", FACTSHEET_CONTACT_WEBSITE },
	{ "Web site", FACTSHEET_CONTACT_WEBSITE },
	{ "Web", FACTSHEET_CONTACT_WEBSITE },
	{ "URL", FACTSHEET_CONTACT_WEBSITE },
	{ "Phone", FACTSHEET_CONTACT_PHONE },
	{ "Telephone", FACTSHEET_CONTACT_PHONE },
	{ "Toll-free", FACTSHEET_CONTACT_PHONE },
	{ "Toll free", FACTSHEET_CONTACT_PHONE },
	{ "Tel", FACTSHEET_CONTACT_PHONE },
	{ "TTY", FACTSHEET_CONTACT_TTY },
	{ "TDD", FACTSHEET_CONTACT_TTY },
	{ "Email", FACTSHEET_CONTACT_EMAIL },
	{ "E-mail", FACTSHEET_CONTACT_EMAIL },
	{ "Live Chat", FACTSHEET_CONTACT_CHAT },
	{ "Chat", FACTSHEET_CONTACT_CHAT },
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
	switch (line_labels[i].kind) {
	case FACTSHEET_CONTACT_WEBSITE: {
		const char *p = value;

		if (*p == '<')
			p++;
		n = strcspn(p, " \t>");
		while (n > 0 && strchr(".,;", p[n - 1]))
			n--;
		contact_list_add(list, FACTSHEET_CONTACT_WEBSITE, p, n,
		    line_labels[i].label);
		break;
	}
	case FACTSHEET_CONTACT_PHONE:
	case FACTSHEET_CONTACT_TTY:
		/* "Phone: 1-866-484-8049 (TTY 1-866-523-4759)" holds both;
		 * a line labelled TTY makes all of its numbers TTY. */
		if (line_labels[i].kind == FACTSHEET_CONTACT_TTY)
			scan_phones(list, line, "TTY");
		else
			scan_phones(list, value, line_labels[i].label);
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
	default:
		break;
	}
	return 1;
}
