/*
 * test-contact.c - the contacts of lib/contact.c: phone numbers in the
 * forms people write them, "Label: value" lines exactly as the bundled
 * fact sheet has them, and links, emails and numbers in running text.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "factsheet-private.h"
#include "tap.h"
#include "testlib.h"

/* Checks that S is a phone number spanning SPAN bytes, 866-484-8049. */
static void
phone_ok(const char *s, size_t span)
{
	char digits[11] = "";
	size_t n = contact_match_phone(s, digits);

	is_int(n, span, "phone '%s' spans %zu bytes", s, span);
	is_str(digits, "8664848049", "phone '%s' gives its ten digits", s);
}

static void
phone_rejected(const char *s)
{
	char digits[11] = "";

	is_int(contact_match_phone(s, digits), 0, "'%s' is not a phone", s);
}

static void
test_match_phone(void)
{
	char digits[11] = "";

	phone_ok("1-866-484-8049", 14);
	phone_ok("866-484-8049", 12);
	phone_ok("(866) 484-8049", 14);
	phone_ok("8664848049", 10);
	phone_ok("18664848049", 11);
	phone_ok("866.484.8049", 12);
	phone_ok("+1 866 484 8049", 15);
	phone_ok("1 (866) 484-8049", 16);
	/* The number ends where the sentence goes on. */
	phone_ok("866-484-8049. Call us", 12);
	phone_ok("(866) 484-8049, or write", 14);
	phone_ok("(866)484-8049", 13);
	/* Digits after the number belong to the sentence, not to it. */
	phone_ok("866-484-8049 (24 hours)", 12);
	phone_ok("1-866-484-8049 (1-866-523-4759 TTY)", 14);
	phone_ok("866-484-8049 24 hours a day", 12);

	phone_rejected("2013-11-15");
	phone_rejected("12345");
	phone_rejected("866-484-804");
	phone_rejected("0661234567");	/* area code starts with 0 */
	phone_rejected("1234567890");	/* nor with 1 */
	phone_rejected("866-484-80499");
	phone_rejected("866-484-8049x");
	phone_rejected("+44 20 7946 0958");
	phone_rejected("PECOS");
	phone_rejected("");
	/* Found by fuzzing: a number cut short at the end of the string
	 * must not read past it (the terminator is no separator). */
	phone_rejected("1");
	phone_rejected("866");
	phone_rejected("1-866");
	phone_rejected("8866-4864-804884-\n-804");

	/* The TTY number in parentheses is a second number, not a group. */
	is_int(contact_match_phone("1-866-484-8049 (TTY 1-866-523-4759)",
	    digits), 14, "TTY in parentheses: only the first number");
	is_str(digits, "8664848049", "TTY in parentheses: first digits");
}

static void
canonical(const char *in, const char *want)
{
	char *got = contact_canonical_phones(in);

	is_str(got, want, "canonical phones of '%s'", in);
	free(got);
}

static void
test_canonical_phones(void)
{
	canonical("call (866) 484-8049 now", "call 8664848049 now");
	canonical("1-866-484-8049 (TTY 1-866-523-4759)",
	    "8664848049 (TTY 8665234759)");
	canonical("+1 866 484 8049", "8664848049");
	/* Dates and numbers inside words or URLs stay as they are. */
	canonical("Items/2013-11-15-NPC.html", "Items/2013-11-15-NPC.html");
	canonical("call x8664848049", "call x8664848049");
	canonical("no numbers here", "no numbers here");
	canonical("", "");
}

/* Finds the contact of KIND in LIST; NULL if there is none. */
static const factsheet_contact_t *
find(const contact_list_t *list, factsheet_contact_kind_t kind)
{
	for (size_t i = 0; i < list->n; i++)
		if (list->items[i].kind == kind)
			return &list->items[i];
	return NULL;
}

/* Finds the contact of KIND and VALUE in LIST. */
static const factsheet_contact_t *
find_value(const contact_list_t *list, factsheet_contact_kind_t kind,
	   const char *value)
{
	for (size_t i = 0; i < list->n; i++)
		if (list->items[i].kind == kind &&
		    strcmp(list->items[i].value, value) == 0)
			return &list->items[i];
	return NULL;
}

#define VALUE(c) ((c) ? (c)->value : NULL)
#define LABEL(c) ((c) ? (c)->label : NULL)

static void
test_parse_line(void)
{
	static const char chat[] = "Choose \"Live Chat\" in the menu on the "
	    "right side of the screen on the EUS website.";
	contact_list_t list = { 0 };
	const factsheet_contact_t *c;
	char line[256];

	ok(contact_parse_line(&list, "Website: <https://eus.custhelp.com>"),
	    "Website: line is a contact line");
	is_int(list.n, 1, "Website: one contact");
	c = find(&list, FACTSHEET_CONTACT_WEBSITE);
	is_str(VALUE(c), "https://eus.custhelp.com",
	    "Website: URL without angle brackets");
	is_str(LABEL(c), "Website", "Website: label");
	contact_list_clear(&list);
	is_size(list.n, 0, "clear empties the list");
	ok(list.items == NULL, "clear frees the items");

	ok(contact_parse_line(&list,
	    "Phone: 1-866-484-8049 (TTY 1-866-523-4759)"),
	    "Phone: line is a contact line");
	is_int(list.n, 2, "Phone: a phone and a TTY");
	c = find(&list, FACTSHEET_CONTACT_PHONE);
	is_str(VALUE(c), "1-866-484-8049", "Phone: the phone as written");
	is_str(LABEL(c), "Phone", "Phone: label");
	c = find(&list, FACTSHEET_CONTACT_TTY);
	is_str(VALUE(c), "1-866-523-4759", "Phone: the TTY number");
	is_str(LABEL(c), "TTY", "Phone: TTY label");
	contact_list_clear(&list);

	ok(contact_parse_line(&list, "Email: EUSsupport@cgi.com"),
	    "Email: line is a contact line");
	is_int(list.n, 1, "Email: one contact");
	c = find(&list, FACTSHEET_CONTACT_EMAIL);
	is_str(VALUE(c), "EUSsupport@cgi.com", "Email: the address");
	contact_list_clear(&list);

	snprintf(line, sizeof line, "Live Chat: %s", chat);
	ok(contact_parse_line(&list, line), "Live Chat: line is a contact");
	is_int(list.n, 1, "Live Chat: one contact");
	c = find(&list, FACTSHEET_CONTACT_CHAT);
	is_str(VALUE(c), chat, "Live Chat: the instruction is the value");
	is_str(LABEL(c), "Live Chat", "Live Chat: label");
	contact_list_clear(&list);

	ok(contact_parse_line(&list, "TTY: 1-866-523-4759"),
	    "TTY: line is a contact line");
	c = find(&list, FACTSHEET_CONTACT_TTY);
	is_str(VALUE(c), "1-866-523-4759", "TTY: line gives a TTY number");
	ok(find(&list, FACTSHEET_CONTACT_PHONE) == NULL,
	    "TTY: line gives no plain phone");
	contact_list_clear(&list);

	ok(contact_parse_line(&list, "Website: https://www.cms.gov."),
	    "Website: line with a full stop");
	is_str(VALUE(find(&list, FACTSHEET_CONTACT_WEBSITE)),
	    "https://www.cms.gov", "Website: full stop not in the URL");
	contact_list_clear(&list);

	ok(!contact_parse_line(&list, "Find information on frequent "
	    "problems, ask a question, or look up previous support history "
	    "on the EUS website."), "a sentence is not a contact line");
	ok(!contact_parse_line(&list, "NOTE: Passwords expire every 60 "
	    "days."), "NOTE: is not a contact label");
	ok(!contact_parse_line(&list, "Phoneme: 866-484-8049"),
	    "a label must be a whole word");
	ok(!contact_parse_line(&list, ""), "an empty line is not one");
	is_int(list.n, 0, "non-contact lines add nothing");
	contact_list_clear(&list);
}

static void
test_scan_links(void)
{
	contact_list_t list = { 0 };
	const factsheet_contact_t *c;

	contact_scan_text(&list, "- \xe2\x80\x9cIdentity & Access Frequently "
	    "Asked Questions (FAQs)\xe2\x80\x9d at "
	    "<https://nppes.cms.hhs.gov/IAWebContent/FAQs.pdf> helps you "
	    "navigate common I&A System problems;");
	is_int(list.n, 1, "quoted title: one link");
	c = find(&list, FACTSHEET_CONTACT_LINK);
	is_str(VALUE(c), "https://nppes.cms.hhs.gov/IAWebContent/FAQs.pdf",
	    "quoted title: URL without angle brackets");
	is_str(LABEL(c), "Identity & Access Frequently Asked Questions "
	    "(FAQs)", "quoted title: the title is the label");
	contact_list_clear(&list);

	contact_scan_text(&list, "For Medicare Enrollment Contractor contact "
	    "information for each State, refer to https://www.cms.gov/a/"
	    "contact_list.pdf on the CMS website.");
	c = find(&list, FACTSHEET_CONTACT_LINK);
	is_str(VALUE(c), "https://www.cms.gov/a/contact_list.pdf",
	    "sentence label: URL");
	is_str(LABEL(c), "For Medicare Enrollment Contractor contact "
	    "information for each State",
	    "sentence label: trailing \"refer to\" and comma stripped");
	contact_list_clear(&list);

	contact_scan_text(&list, "Knowing is half. Videos available on the "
	    "I&A System homepage at <https://nppes.cms.hhs.gov/IAWeb/"
	    "login.do> walk users through it.");
	is_str(LABEL(find(&list, FACTSHEET_CONTACT_LINK)),
	    "Videos available on the I&A System homepage",
	    "sentence label: starts at its sentence, \"at\" stripped");
	contact_list_clear(&list);

	contact_scan_text(&list, "If you don't know who to call for "
	    "assistance, refer to the \"Who should I call?\" CMS Provider "
	    "Enrollment Assistance Guide\" at <https://www.cms.gov/g.pdf> on "
	    "the CMS website.");
	is_str(LABEL(find(&list, FACTSHEET_CONTACT_LINK)),
	    "Who should I call? CMS Provider Enrollment Assistance Guide",
	    "unpaired inner quote dropped from the label");
	contact_list_clear(&list);

	contact_scan_text(&list, "See https://www.cms.gov/x.pdf.");
	is_str(VALUE(find(&list, FACTSHEET_CONTACT_LINK)),
	    "https://www.cms.gov/x.pdf", "trailing period not in the URL");
	contact_list_clear(&list);

	contact_scan_text(&list, "the \xe2\x80\x9chttps://www.cms.gov/q.pdf"
	    "\xe2\x80\x9d page");
	is_str(VALUE(find(&list, FACTSHEET_CONTACT_LINK)),
	    "https://www.cms.gov/q.pdf", "closing curly quote not in the URL");
	contact_list_clear(&list);

	contact_scan_text(&list, "visit www.cms.gov today");
	is_str(VALUE(find(&list, FACTSHEET_CONTACT_LINK)),
	    "https://www.cms.gov", "a www. address is a link, with https://");
	contact_list_clear(&list);

	contact_scan_text(&list, "https://a.gov/x and again https://a.gov/x");
	is_int(list.n, 1, "the same URL twice is one link");
	contact_list_clear(&list);
}

static void
test_scan_emails_phones(void)
{
	contact_list_t list = { 0 };
	const factsheet_contact_t *c;
	const char *text;

	contact_scan_text(&list, "Write to EUSsupport@cgi.com.");
	is_int(list.n, 1, "email: one contact");
	c = find(&list, FACTSHEET_CONTACT_EMAIL);
	is_str(VALUE(c), "EUSsupport@cgi.com", "trailing period not in email");
	is_str(LABEL(c), "Email", "email: label");
	contact_list_clear(&list);

	contact_scan_text(&list, "user@localhost and @cms.gov");
	is_int(list.n, 0, "no address without a dotted domain or a user");
	contact_list_clear(&list);

	text = "For an NPI, contact the Enumerator at 1-800-465-3203 or TTY "
	    "1-800-692-2326.";
	contact_scan_text(&list, text);
	is_int(list.n, 2, "inline: a phone and a TTY");
	c = find(&list, FACTSHEET_CONTACT_PHONE);
	is_str(VALUE(c), "1-800-465-3203", "inline: the phone");
	is_str(LABEL(c), "Phone", "inline: phone label");
	c = find(&list, FACTSHEET_CONTACT_TTY);
	is_str(VALUE(c), "1-800-692-2326", "inline: the TTY number");
	ok(find_value(&list, FACTSHEET_CONTACT_PHONE, "1-800-692-2326") ==
	    NULL, "inline: the TTY number is not also a phone");

	/* Scanning again finds the same contacts: none added twice. */
	contact_scan_text(&list, text);
	is_int(list.n, 2, "duplicates are not added twice");
	contact_list_add(&list, FACTSHEET_CONTACT_PHONE, "1-800-465-3203", 14,
	    "Phone");
	is_int(list.n, 2, "contact_list_add skips a duplicate");
	contact_list_add(&list, FACTSHEET_CONTACT_TTY, "1-800-465-3203", 14,
	    "TTY");
	is_int(list.n, 3, "same value, other kind: added");
	contact_list_add(&list, FACTSHEET_CONTACT_EMAIL, "x", 0, "Email");
	is_int(list.n, 3, "an empty value is not added");
	contact_list_clear(&list);

	contact_scan_text(&list, "Call 866-484-8049 (24 hours a day).");
	is_str(VALUE(find(&list, FACTSHEET_CONTACT_PHONE)), "866-484-8049",
	    "a number followed by \"(24 hours\" is found");
	contact_list_clear(&list);

	contact_scan_text(&list, "the 2013-11-15 call, 12345 people");
	is_int(list.n, 0, "dates and counts are not phones");
	contact_list_clear(&list);

	contact_scan_text(&list, "");
	is_int(list.n, 0, "empty text: nothing");
	contact_list_clear(&list);
}

/* Prints what LIST holds when a check failed since FAILED (tap_failed
 * before them), so that it shows what was found. */
static void
show(const contact_list_t *list, int failed)
{
	if (tap_failed == failed)
		return;
	if (list->n == 0)
		printf("#   found no contact\n");
	for (size_t i = 0; i < list->n; i++)
		printf("#   found %s '%s' (label '%s')\n",
		    factsheet_contact_kind_name(list->items[i].kind),
		    list->items[i].value, list->items[i].label);
}

static size_t
count_of(const contact_list_t *list, factsheet_contact_kind_t kind)
{
	size_t n = 0;

	for (size_t i = 0; i < list->n; i++)
		n += list->items[i].kind == kind;
	return n;
}

/* TEXT on one line, its line breaks shown as \n, for a TAP line. */
static const char *
one_line(const char *text)
{
	static char buf[512];
	size_t n = 0;

	for (; *text != '\0' && n + 3 < sizeof buf; text++) {
		if (*text == '\n') {
			buf[n++] = '\\';
			buf[n++] = 'n';
		} else {
			buf[n++] = *text;
		}
	}
	buf[n] = '\0';
	return buf;
}

/* Checks that scanning TEXT gives exactly the contacts WANT lists, as
 * "kind value" lines ("tty 1-877-486-2048\n"); "" for none. */
static void
scans_to(const char *text, const char *want)
{
	contact_list_t list = { 0 };
	strbuf_t got = { 0 };
	char *s;

	contact_scan_text(&list, text);
	for (size_t i = 0; i < list.n; i++)
		strbuf_printf(&got, "%s %s\n",
		    factsheet_contact_kind_name(list.items[i].kind),
		    list.items[i].value);
	strbuf_puts(&got, "");
	s = strbuf_finish(&got);
	is_str(s, want, "contacts of \"%s\"", one_line(text));
	free(s);
	contact_list_clear(&list);
}

/* The same for one "Label: value" line, which must be a contact line
 * when WANT is not "". */
static void
line_gives(const char *line, const char *want)
{
	contact_list_t list = { 0 };
	strbuf_t got = { 0 };
	int is_line = contact_parse_line(&list, line);
	char *s;

	ok(is_line == (want[0] != '\0'), "\"%s\" is %sa contact line", line,
	    want[0] != '\0' ? "" : "not ");
	for (size_t i = 0; i < list.n; i++)
		strbuf_printf(&got, "%s %s\n",
		    factsheet_contact_kind_name(list.items[i].kind),
		    list.items[i].value);
	strbuf_puts(&got, "");
	s = strbuf_finish(&got);
	is_str(s, want, "contacts of line \"%s\"", line);
	free(s);
	contact_list_clear(&list);
}

static void
test_tty(void)
{
	contact_list_t list = { 0 };
	int failed;

	/* The Medicare handbook's own sentence, 44 times over. */
	scans_to("Call 1-800-MEDICARE (1-800-633-4227). TTY users can call "
	    "1-877-486-2048.",
	    "phone 1-800-633-4227\ntty 1-877-486-2048\n");
	scans_to("TTY users can call 1-877-486-2048.",
	    "tty 1-877-486-2048\n");
	scans_to("Call Social Security at 1-800-772-1213 "
	    "(TTY 1-800-325-0778).",
	    "phone 1-800-772-1213\ntty 1-800-325-0778\n");
	scans_to("TTY/TDD users should call 1-800-555-0199.",
	    "tty 1-800-555-0199\n");
	scans_to("TDD 1-800-555-0142", "tty 1-800-555-0142\n");
	scans_to("If you are deaf or hard of hearing, call "
	    "1-800-555-0110.", "tty 1-800-555-0110\n");
	scans_to("Hearing impaired callers: 1-800-555-0111.",
	    "tty 1-800-555-0111\n");
	scans_to("1-877-486-2048 (TTY)", "tty 1-877-486-2048\n");
	scans_to("For relay assistance, TTY: 711.", "tty 711\n");
	scans_to("Call the Telecommunications Relay Service at 711.",
	    "tty 711\n");
	scans_to("TTY\n1-877-486-2048", "tty 1-877-486-2048\n");
	scans_to("TTY users can call 1-800-555-0120 or 1-800-555-0121.",
	    "tty 1-800-555-0120\ntty 1-800-555-0121\n");
	/* A TTY sentence does not reach into the next one. */
	scans_to("TTY users can call 1-877-486-2048. Everyone else can "
	    "call 1-800-633-4227.",
	    "tty 1-877-486-2048\nphone 1-800-633-4227\n");
	scans_to("Call 1-800-555-0122 (TTY 1-800-555-0123) or "
	    "1-800-555-0124.",
	    "phone 1-800-555-0122\ntty 1-800-555-0123\n"
	    "phone 1-800-555-0124\n");
	scans_to("Toll-free number 1-800-772-1213",
	    "phone 1-800-772-1213\n");
	/* A paragraph in the handbook's style, every kind at once. */
	scans_to("Contact Social Security at ssa.gov or 1-800-772-1213. TTY "
	    "users can call 1-800-325-0778. You can also go to shiphelp.org, "
	    "or call 1-877-839-2675.",
	    "link https://ssa.gov\nlink https://shiphelp.org\n"
	    "phone 1-800-772-1213\ntty 1-800-325-0778\n"
	    "phone 1-877-839-2675\n");
	scans_to("TTY users should call 711.", "tty 711\n");
	/* Negatives: a hearing is no TTY, 711 alone is no contact. */
	scans_to("To request a hearing, call 1-800-555-0125.",
	    "phone 1-800-555-0125\n");
	scans_to("Send Form 711 by May 1.", "");
	scans_to("Call 1-800-555-0126 or 711-555-0127.",
	    "phone 1-800-555-0126\nphone 711-555-0127\n");
	scans_to("Room 711, 7500 Security Boulevard", "");

	line_gives("TTY: 711", "tty 711\n");
	line_gives("TTY/TDD: 1-877-486-2048", "tty 1-877-486-2048\n");
	line_gives("TTY: 1-800-555-0128 or 1-800-555-0129",
	    "tty 1-800-555-0128\ntty 1-800-555-0129\n");
	line_gives("Phone: 1-866-484-8049 (TTY 1-866-523-4759)",
	    "phone 1-866-484-8049\ntty 1-866-523-4759\n");

	/* Under a TTY heading a bare number is the TTY's; under a heading
	 * that names both, it is a phone. */
	failed = tap_failed;
	contact_scan_heading(&list, "TTY users");
	contact_scan_text(&list, "1-877-486-2048, Monday through Friday.");
	ok(find_value(&list, FACTSHEET_CONTACT_TTY, "1-877-486-2048") !=
	    NULL, "a number under a TTY heading is a TTY");
	is_size(list.n, 1, "and the only contact");
	show(&list, failed);
	contact_list_clear(&list);
	contact_scan_heading(&list, "For people who are deaf or hard of "
	    "hearing");
	contact_scan_text(&list, "Phone: see above. Reach us at "
	    "1-800-555-0130.");
	ok(find_value(&list, FACTSHEET_CONTACT_TTY, "1-800-555-0130") !=
	    NULL, "a number under a \"deaf or hard of hearing\" heading");
	contact_list_clear(&list);
	/* A paragraph that is only a label files the next one's numbers. */
	contact_scan_text(&list, "TTY");
	contact_scan_text(&list, "1-877-486-2048");
	contact_scan_text(&list, "1-800-633-4227");
	ok(find_value(&list, FACTSHEET_CONTACT_TTY, "1-877-486-2048") != NULL,
	    "a \"TTY\" paragraph files the next paragraph's number");
	ok(find_value(&list, FACTSHEET_CONTACT_PHONE, "1-800-633-4227") !=
	    NULL, "only that one: the next is a phone");
	contact_list_clear(&list);
	contact_parse_line(&list, "Fax:");
	contact_scan_text(&list, "(844) 555-0132");
	ok(find_value(&list, FACTSHEET_CONTACT_FAX, "(844) 555-0132") != NULL,
	    "a \"Fax:\" line alone files the next line's number");
	contact_list_clear(&list);
	contact_scan_heading(&list, "TTY users");
	contact_scan_text(&list, "Phone");
	contact_scan_text(&list, "1-800-633-4227");
	ok(find_value(&list, FACTSHEET_CONTACT_PHONE, "1-800-633-4227") !=
	    NULL, "a \"Phone\" paragraph under a TTY heading: a phone");
	contact_list_clear(&list);
	contact_scan_heading(&list, "Phone and TTY");
	contact_scan_text(&list, "1-800-555-0131");
	ok(find_value(&list, FACTSHEET_CONTACT_PHONE, "1-800-555-0131") !=
	    NULL, "a heading naming a phone and a TTY: a bare number is a "
	    "phone");
	contact_list_clear(&list);
}

static void
test_fax(void)
{
	contact_list_t list = { 0 };
	int failed;

	line_gives("Fax: 1-844-555-0101", "fax 1-844-555-0101\n");
	line_gives("Fax number: (844) 555-0102", "fax (844) 555-0102\n");
	line_gives("Phone: 1-800-555-0103 Fax: 1-844-555-0104",
	    "phone 1-800-555-0103\nfax 1-844-555-0104\n");
	scans_to("Complete the form and fax it to 1-844-555-0105.",
	    "fax 1-844-555-0105\n");
	scans_to("Call 1-800-555-0106 or fax 1-844-555-0107.",
	    "phone 1-800-555-0106\nfax 1-844-555-0107\n");
	scans_to("1-844-555-0108 (fax)", "fax 1-844-555-0108\n");
	scans_to("Facsimile 1-844-555-0109", "fax 1-844-555-0109\n");

	/* A number once filed as a fax never comes back as a phone. */
	contact_parse_line(&list, "Fax: 1-844-555-0110");
	contact_scan_text(&list, "Send the form to 1-844-555-0110.");
	is_int(count_of(&list, FACTSHEET_CONTACT_PHONE), 0,
	    "a fax number is never also a phone");
	is_int(list.n, 1, "the fax number once");
	contact_list_add(&list, FACTSHEET_CONTACT_PHONE, "844-555-0110", 12,
	    "Phone");
	is_int(count_of(&list, FACTSHEET_CONTACT_PHONE), 0,
	    "the fax's digits written another way are no phone either");
	contact_list_clear(&list);

	failed = tap_failed;
	contact_scan_heading(&list, "Fax");
	contact_scan_text(&list, "1-844-555-0111. To talk to someone, call "
	    "1-800-555-0112.");
	ok(find_value(&list, FACTSHEET_CONTACT_FAX, "1-844-555-0111") !=
	    NULL, "a number under a Fax heading is a fax");
	ok(find_value(&list, FACTSHEET_CONTACT_PHONE, "1-800-555-0112") !=
	    NULL, "\"call\" under a Fax heading is still a phone");
	show(&list, failed);
	contact_list_clear(&list);
}

static void
test_bare_web_addresses(void)
{
	contact_list_t list = { 0 };
	const factsheet_contact_t *c;

	scans_to("Visit Medicare.gov/care-compare to compare nursing homes.",
	    "link https://Medicare.gov/care-compare\n");
	scans_to("For more, go to www.ssa.gov.", "link https://www.ssa.gov\n");
	scans_to("Apply online at ssa.gov/medicare.",
	    "link https://ssa.gov/medicare\n");
	scans_to("Visit Login.gov/help", "link https://Login.gov/help\n");
	scans_to("(See Medicare.gov), or SSA.GOV.",
	    "link https://Medicare.gov\nlink https://SSA.GOV\n");
	scans_to("Read Medicare.gov\xe2\x80\x99s guide.",
	    "link https://Medicare.gov\n");
	scans_to("Open https://www.medicare.gov/plan-compare today.",
	    "link https://www.medicare.gov/plan-compare\n");
	scans_to("Go to http://go.cms.gov/x.", "link http://go.cms.gov/x\n");

	contact_scan_text(&list, "go to CMS.gov");
	c = find(&list, FACTSHEET_CONTACT_LINK);
	is_str(VALUE(c), "https://CMS.gov", "go to CMS.gov: the address");
	is_str(LABEL(c), "Link", "go to CMS.gov: no verb for a label");
	contact_list_clear(&list);
	contact_scan_text(&list, "To find a doctor, visit Medicare.gov.");
	is_str(LABEL(find(&list, FACTSHEET_CONTACT_LINK)), "To find a doctor",
	    "the sentence names a bare address");
	contact_list_clear(&list);
	/* A site named inside a phrase is labelled by its name, not by the
	 * words before it (va-change-direct-deposit.pdf's heading). */
	contact_scan_text(&list,
	    "Change your address through your VA.gov profile");
	c = find(&list, FACTSHEET_CONTACT_LINK);
	is_str(VALUE(c), "https://VA.gov", "VA.gov profile: the address");
	is_str(LABEL(c), "VA.gov", "VA.gov profile: the site's name labels it");
	contact_list_clear(&list);
	contact_scan_text(&list,
	    "You can sign in to VA.gov and change your address.");
	is_str(LABEL(find(&list, FACTSHEET_CONTACT_LINK)), "VA.gov",
	    "sign in to VA.gov and ...: the site's name labels it");
	contact_list_clear(&list);

	/* Negatives: emails, files, versions, abbreviations, code. */
	scans_to("Email EUSsupport@cgi.com", "email EUSsupport@cgi.com\n");
	scans_to("Write to john.smith@cms.hhs.gov.",
	    "email john.smith@cms.hhs.gov\n");
	scans_to("Download form.pdf or CMS-855I.pdf from the list.", "");
	scans_to("Version 1.2.3 of the system.", "");
	scans_to("Some forms (e.g. the CMS-40B) need a signature.", "");
	scans_to("Open index.html or README.md, or ASP.NET pages.", "");
	scans_to("the contact_list.pdf file", "");
	scans_to("www. alone", "");

	/* A link as readers write it, its text then its address: one. */
	scans_to("Contact Medicare.gov https://Medicare.gov if you need help.",
	    "link https://Medicare.gov\n");
	scans_to("Report it at IdentityTheft.gov <https://www.identitytheft.gov/"
	    ">.", "link https://www.identitytheft.gov/\n");
	scans_to("See https://www.ic3.gov/{:class=\"usa-link--external\"}",
	    "link https://www.ic3.gov/\n");
	line_gives("Website: IdentityTheft.gov https://www.identitytheft.gov/"
	    "{:class=\"usa-link--external\"}, run by the FTC",
	    "website https://www.identitytheft.gov/\n");
	line_gives("Website: Medicare.gov", "website https://Medicare.gov\n");
	line_gives("Web address: www.ssa.gov.",
	    "website https://www.ssa.gov\n");
	line_gives("Website: <https://eus.custhelp.com>",
	    "website https://eus.custhelp.com\n");
}

static void
test_chat(void)
{
	scans_to("Live chat is available at Medicare.gov/talk-to-someone, "
	    "24 hours a day.",
	    "link https://Medicare.gov/talk-to-someone\n"
	    "chat https://Medicare.gov/talk-to-someone\n");
	scans_to("Chat with us: select the chat icon at the bottom of any "
	    "page.",
	    "chat Chat with us: select the chat icon at the bottom of any "
	    "page.\n");
	scans_to("Questions? You can chat with a representative Monday "
	    "through Friday. Or write.",
	    "chat You can chat with a representative Monday through "
	    "Friday.\n");
	scans_to("Use online chat.", "chat Use online chat.\n");
	/* The chat's own link, not the sentence's first; the next sentence
	 * about it adds nothing. */
	scans_to("Contact Medicare.gov at 800-633-4227 for assistance, or "
	    "start a live chat https://www.medicare.gov/talk-to-someone. You "
	    "can talk or live chat with a real person, 24 hours a day.",
	    "link https://Medicare.gov\n"
	    "link https://www.medicare.gov/talk-to-someone\n"
	    "phone 800-633-4227\n"
	    "chat https://www.medicare.gov/talk-to-someone\n");
	scans_to("The chatbot answers; chatter stops; a chat about plans.",
	    "");
	line_gives("Live Chat: Choose \"Live Chat\" in the menu.",
	    "chat Choose \"Live Chat\" in the menu.\n");
}

static void
test_emails_in_headings(void)
{
	contact_list_t list = { 0 };
	int failed;

	failed = tap_failed;
	contact_scan_heading(&list, "Email EUSsupport@cgi.com");
	ok(find_value(&list, FACTSHEET_CONTACT_EMAIL, "EUSsupport@cgi.com") !=
	    NULL, "an email in a heading is found");
	show(&list, failed);
	contact_list_clear(&list);
}

static void
test_addresses(void)
{
	scans_to("Centers for Medicare & Medicaid Services\n"
	    "7500 Security Boulevard\nBaltimore, MD 21244",
	    "address Centers for Medicare & Medicaid Services, 7500 Security "
	    "Boulevard, Baltimore, MD 21244\n");
	scans_to("Mail your appeal to:\nMedicare Claims Office\n"
	    "P.O. Box 1234\nSpringfield, IL 62701-1234\n",
	    "address Medicare Claims Office, P.O. Box 1234, Springfield, IL "
	    "62701-1234\n");
	scans_to("Send it to Social Security Administration, P.O. Box 17769, "
	    "Baltimore, MD 21235.",
	    "address Social Security Administration, P.O. Box 17769, "
	    "Baltimore, MD 21235\n");
	/* The lines of a Markdown paragraph come joined by spaces. */
	scans_to("Centers for Medicare & Medicaid Services 7500 Security "
	    "Boulevard Baltimore, MD 21244",
	    "address Centers for Medicare & Medicaid Services, 7500 Security "
	    "Boulevard, Baltimore, MD 21244\n");
	scans_to("Visit 200 Independence Avenue SW Washington, DC 20201.",
	    "address 200 Independence Avenue SW, Washington, DC 20201\n");
	scans_to("Write to CMS P.O. Box 1234 Silver Spring, MD 20910.",
	    "address CMS, P.O. Box 1234, Silver Spring, MD 20910\n");
	scans_to("CMS\n7500 Security Blvd., Mail Stop C2-21-15\n"
	    "Baltimore, Maryland 21244-1850",
	    "address CMS, 7500 Security Blvd., Mail Stop C2-21-15, Baltimore, "
	    "Maryland 21244-1850\n");
	scans_to("You can write to us at\n200 Independence Avenue SW\n"
	    "Washington, DC 20201",
	    "address 200 Independence Avenue SW, Washington, DC 20201\n");
	/* Negatives: a city and ZIP code with no street, a count. */
	scans_to("In 2023, 12345 people in Baltimore, MD 21244 enrolled.", "");
	scans_to("Plan 12345 covers 40 counties, MD 21244 and more.", "");
	/* Two capitals that are no state (once read past the table). */
	scans_to("Send it to 7500 Security Blvd, Baltimore, ZZ 21244.", "");

	line_gives("Address: 200 Independence Avenue SW, Washington, DC 20201",
	    "address 200 Independence Avenue SW, Washington, DC 20201\n");
	line_gives("Address: see the back of your card", "");
}

static void
test_share_links(void)
{
	scans_to("Share: https://www.facebook.com/sharer/sharer.php?u=https:"
	    "//www.cms.gov https://twitter.com/intent/tweet?url=a "
	    "https://x.com/intent/post?url=a "
	    "https://www.linkedin.com/shareArticle?url=a "
	    "https://www.addthis.com/bookmark.php?v=300", "");
	scans_to("Follow us at https://www.facebook.com/CMSGov.",
	    "link https://www.facebook.com/CMSGov\n");
}

static void
test_unsafe(void)
{
	static const struct {
		const char *url;
		int safe;
	} cases[] = {
		{ "https://www.cms.gov", 1 },
		{ "http://go.cms.gov/x", 1 },
		{ "tel:+18006334227", 1 },
		{ "mailto:help@cms.gov", 1 },
		{ "mailto:help@cms.gov?subject=Help&body=Hi", 1 },
		{ "/Medicare/Provider-Enrollment", 1 },
		{ "Note: see below", 1 },
		{ "javascript:alert(1)", 0 },
		{ "JavaScript:alert(1)", 0 },
		{ " java\tscript:alert(1)", 0 },
		{ "javascript: alert(1)", 0 },
		{ "data:text/html,<script>alert(1)</script>", 0 },
		{ "vbscript:msgbox(1)", 0 },
		{ "file:///etc/passwd", 0 },
		{ "ftp://ftp.cms.gov/x", 0 },
		{ "mailto:help@cms.gov?bcc=x@example.com", 0 },
		{ "mailto:help@cms.gov?subject=a%0d%0aBcc:x@example.com", 0 },
		{ "mailto:help@cms.gov%0ABcc:x@example.com", 0 },
	};
	contact_list_t list = { 0 };
	int failed;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		is_int(contact_url_is_safe(cases[i].url,
		    strlen(cases[i].url)), cases[i].safe, "'%s' is %ssafe",
		    cases[i].url, cases[i].safe ? "" : "not ");

	failed = tap_failed;
	contact_list_add(&list, FACTSHEET_CONTACT_LINK, "javascript:alert(1)",
	    19, "Link");
	contact_list_add(&list, FACTSHEET_CONTACT_WEBSITE,
	    "data:text/html,x", 16, "Website");
	contact_list_add(&list, FACTSHEET_CONTACT_CHAT, "vbscript:x", 10,
	    "Live chat");
	contact_list_add(&list, FACTSHEET_CONTACT_EMAIL,
	    "help@cms.gov?bcc=x@example.com", 30, "Email");
	contact_list_add(&list, FACTSHEET_CONTACT_LINK,
	    "https://www.facebook.com/sharer.php?u=x", 39, "Share");
	is_int(list.n, 0, "unsafe and share links are never contacts");
	show(&list, failed);
	contact_list_clear(&list);
	ok(contact_parse_line(&list, "Website: javascript:alert(1)"),
	    "a Website: line with javascript: is a contact line");
	is_size(list.n, 0, "but it adds nothing");
	contact_list_clear(&list);
}

/* The link probes of issue 20: each is text, never a contact, in every
 * way a reader hands it over; a safe autolink loses its brackets. */
static void
test_hostile_links(void)
{
	contact_list_t list = { 0 };

	scans_to("Website: <javascript:alert(document.cookie)>", "");
	scans_to("Live chat: <data:text/html;base64,PHNjcmlwdD4=>", "");
	scans_to("Email: <mailto:help@cms.gov%0d%0aBcc:evil@example.com>",
	    "");
	scans_to("Email: help@cms.gov%0D%0ABcc:evil@example.com", "");
	scans_to("Write to mailto:help@cms.gov?bcc=evil@example.com today",
	    "");
	scans_to("Write to help@cms.gov?cc=evil@example.com today", "");
	scans_to("Write to help@cms.gov today", "email help@cms.gov\n");
	scans_to("Email: <mailto:help@cms.gov?subject=Help>",
	    "email help@cms.gov\n");
	line_gives("Live chat: <https://chat.cms.gov/>",
	    "chat https://chat.cms.gov/\n");
	/* A chat sentence that runs on into a hostile link is text. */
	contact_list_add(&list, FACTSHEET_CONTACT_CHAT, "Chat with us, or "
	    "see <javascript:alert(1)>", 40, "Live chat");
	contact_list_add(&list, FACTSHEET_CONTACT_WEBSITE,
	    "<data:text/html,x>", 18, "Website");
	is_int(list.n, 0, "a chat sentence or a website with a hostile "
	    "link is no contact");
	contact_list_add(&list, FACTSHEET_CONTACT_WEBSITE,
	    "<https://www.cms.gov/>", 22, "Website");
	is_str(list.n == 1 ? list.items[0].value : NULL,
	    "https://www.cms.gov/", "an autolink's brackets are dropped");
	contact_list_clear(&list);
}

/* Cells of a two-column table of states, each scanned alone: each
 * state's number stays with it. */
static void
test_state_cells(void)
{
	static const char *const cells[][2] = {
		{ "Alabama", "1-800-555-0141" },
		{ "Alaska", "TTY 1-800-555-0142" },
	};

	for (size_t i = 0; i < 2; i++) {
		contact_list_t list = { 0 };

		contact_scan_text(&list, cells[i][0]);
		contact_scan_text(&list, cells[i][1]);
		is_int(list.n, 1, "%s: one number", cells[i][0]);
		is_str(list.n ? list.items[0].value : NULL,
		    cells[i][1] + (i == 1 ? 4 : 0), "%s: its own number",
		    cells[i][0]);
		contact_list_clear(&list);
	}
}

/* The builder scans headings: the sections of a small Markdown page. */
static void
test_sections(void)
{
	static const char md[] =
	    "# Contact us\n\n"
	    "## Email EUSsupport@cgi.com\n\nWe answer within a day.\n\n"
	    "## TTY\n\n1-877-486-2048, 24 hours a day.\n\n"
	    "## Fax\n\nSend forms to 1-844-555-0150.\n\n"
	    "## Phone\n\nCall 1-800-633-4227.\n\n"
	    "## Problem: Locked out\n\nYou cannot sign in.\n\n"
	    "### Solution: Email help@example.gov\n\nSay who you are.\n";
	static const struct {
		const char *heading;
		factsheet_contact_kind_t kind;
		const char *value;
	} want[] = {
		{ "Email EUSsupport@cgi.com", FACTSHEET_CONTACT_EMAIL,
		    "EUSsupport@cgi.com" },
		{ "TTY", FACTSHEET_CONTACT_TTY, "1-877-486-2048" },
		{ "Fax", FACTSHEET_CONTACT_FAX, "1-844-555-0150" },
		{ "Phone", FACTSHEET_CONTACT_PHONE, "1-800-633-4227" },
		{ "Locked out", FACTSHEET_CONTACT_EMAIL, "help@example.gov" },
	};
	factsheet_publication_t *pub = NULL;
	char *msg = NULL;

	is_int(factsheet_publication_parse("contact.md", md, sizeof md - 1,
	    &pub, &msg), FACTSHEET_STATUS_SUCCESS, "the page parses");
	free(msg);
	for (size_t w = 0; pub != NULL && w < sizeof want / sizeof want[0];
	    w++) {
		const factsheet_section_t *s = NULL;

		for (size_t i = 0; i < pub->n_sections; i++)
			if (strcmp(pub->sections[i].heading,
			    want[w].heading) == 0)
				s = &pub->sections[i];
		is_size(s ? s->n_contacts : 0, 1, "section \"%s\": one "
		    "contact", want[w].heading);
		is_str(s && s->n_contacts > 0 ? factsheet_contact_kind_name(
		    s->contacts[0].kind) : NULL,
		    factsheet_contact_kind_name(want[w].kind),
		    "section \"%s\": its kind", want[w].heading);
		is_str(s && s->n_contacts > 0 ? s->contacts[0].value : NULL,
		    want[w].value, "section \"%s\": its value",
		    want[w].heading);
		for (size_t i = 0; s != NULL && i < s->n_contacts &&
		    tap_failed > 0; i++)
			printf("#   has %s '%s'\n", factsheet_contact_kind_name(
			    s->contacts[i].kind), s->contacts[i].value);
	}
	factsheet_publication_free(pub);
}

/*
 * Through the index and the shipped thesaurus: a query asking for a
 * phone never asks for a fax, and the fax and the mailing address are
 * asked for by their own words and shown first when they are.
 */
static void
test_search_kinds(void)
{
	static const char text[] = "Claims Office\n\n"
	    "Problem: Sending a paper claim form\n\n"
	    "You need to send a paper claim form to Medicare.\n\n"
	    "Solution: Contact the claims office\n\n"
	    "Phone: 1-800-555-0160\n\n"
	    "Fax: 1-844-555-0161\n\n"
	    "Address: 7500 Security Boulevard, Baltimore, MD 21244\n";
	static const struct {
		const char *query;
		factsheet_contact_kind_t first;	/* shown first */
		factsheet_contact_kind_t not_asked;
	} cases[] = {
		{ "what is the phone number for claims",
		    FACTSHEET_CONTACT_PHONE, FACTSHEET_CONTACT_FAX },
		{ "call the claims office", FACTSHEET_CONTACT_PHONE,
		    FACTSHEET_CONTACT_FAX },
		{ "fax a claim form", FACTSHEET_CONTACT_FAX,
		    FACTSHEET_CONTACT_PHONE },
		{ "mailing address for claim forms",
		    FACTSHEET_CONTACT_ADDRESS, FACTSHEET_CONTACT_FAX },
	};
	char *dir = temp_dir("test-contact"), *path = NULL;
	char *thesaurus = source_path("corpus/thesaurus.txt"), *msg = NULL;
	factsheet_publication_t *pub = NULL;
	factsheet_db_t *db = NULL;

	if (dir == NULL || (path = temp_path(dir, "db")) == NULL ||
	    factsheet_db_open(path, FACTSHEET_DB_READ_WRITE, &db, &msg) !=
	    FACTSHEET_STATUS_SUCCESS) {
		ok(0, "create a database (%s)", msg ? msg : "no directory");
		goto out;
	}
	is_int(factsheet_db_set_thesaurus(db, thesaurus),
	    FACTSHEET_STATUS_SUCCESS, "install the shipped thesaurus");
	is_int(factsheet_publication_parse("claims.txt", text,
	    sizeof text - 1, &pub, &msg), FACTSHEET_STATUS_SUCCESS,
	    "the claims publication parses");
	if (pub == NULL)
		goto out;
	is_int(factsheet_db_add_publication(db, pub),
	    FACTSHEET_STATUS_SUCCESS, "index it");
	is_int(factsheet_db_commit(db), FACTSHEET_STATUS_SUCCESS, "commit");
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		factsheet_results_t *r = NULL;
		const factsheet_hit_t *h;
		size_t order[8] = { 0 };

		if (factsheet_db_search(db, cases[i].query, NULL, &r) !=
		    FACTSHEET_STATUS_SUCCESS) {
			ok(0, "'%s': %s", cases[i].query,
			    factsheet_db_last_error(db));
			continue;
		}
		h = factsheet_results_hit(r, 0);
		is_size(h ? h->section->n_contacts : 0, 3,
		    "'%s' finds the section with its three contacts",
		    cases[i].query);
		ok(factsheet_results_asks_for(r, cases[i].first),
		    "'%s' asks for a %s", cases[i].query,
		    factsheet_contact_kind_name(cases[i].first));
		ok(!factsheet_results_asks_for(r, cases[i].not_asked),
		    "'%s' does not ask for a %s", cases[i].query,
		    factsheet_contact_kind_name(cases[i].not_asked));
		if (h != NULL && h->section->n_contacts == 3) {
			factsheet_contact_kind_t got;

			factsheet_results_contact_order(r, h->section, order);
			got = h->section->contacts[order[0]].kind;
			is_str(factsheet_contact_kind_name(got),
			    factsheet_contact_kind_name(cases[i].first),
			    "'%s': the contact shown first", cases[i].query);
		}
		factsheet_results_free(r);
	}
out:
	free(msg);
	factsheet_publication_free(pub);
	factsheet_db_close(db);
	if (dir != NULL)
		remove_tree(dir);
	free(dir);
	free(path);
	free(thesaurus);
}

int
main(void)
{
	test_match_phone();
	test_canonical_phones();
	test_parse_line();
	test_scan_links();
	test_scan_emails_phones();
	test_tty();
	test_fax();
	test_bare_web_addresses();
	test_chat();
	test_emails_in_headings();
	test_addresses();
	test_share_links();
	test_unsafe();
	test_hostile_links();
	test_state_cells();
	test_sections();
	test_search_kinds();
	return done_testing();
}
