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
	ok(list.n == 0 && list.items == NULL, "clear empties the list");

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
	is_str(VALUE(find(&list, FACTSHEET_CONTACT_LINK)), "www.cms.gov",
	    "a www. address is a link");
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

int
main(void)
{
	test_match_phone();
	test_canonical_phones();
	test_parse_line();
	test_scan_links();
	test_scan_emails_phones();
	return done_testing();
}
