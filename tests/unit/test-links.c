/*
 * test-links.c - links.c: where a web address starts, and the lines the
 * builder reads on its own.
 */
#include <config.h>

#include <stdint.h>
#include <string.h>

#include "factsheet-private.h"
#include "tap.h"

static void
test_web_prefix(void)
{
	is_int(links_scheme_length("https://www.cms.gov", SIZE_MAX), 8,
	    "https:// is a scheme");
	is_int(links_scheme_length("HTTP://cms.gov", SIZE_MAX), 7,
	    "HTTP:// in capitals too");
	is_int(links_scheme_length("www.cms.gov", SIZE_MAX), 0,
	    "www. is no scheme");
	is_int(links_scheme_length("https:/", SIZE_MAX), 0,
	    "a scheme cut short is none");
	is_int(links_scheme_length("https://x", 7), 0,
	    "nor one longer than the bytes given");
	is_int(links_web_prefix("www.cms.gov", SIZE_MAX), 4,
	    "www. starts a web address");
	is_int(links_web_prefix("Www.ssa.gov", SIZE_MAX), 4, "in any case");
	is_int(links_web_prefix("https://x", SIZE_MAX), 8,
	    "so does a scheme");
	is_int(links_web_prefix("mailto:a@b.gov", SIZE_MAX), 0,
	    "mailto: does not");
	is_int(links_web_prefix("wwwx.cms.gov", SIZE_MAX), 0,
	    "nor wwwx.");
	is_int(links_web_prefix("", SIZE_MAX), 0, "nor nothing");
}

static void
test_label_lines(void)
{
	int failed = 0;

	is_int(links_is_label_line("Problem: I can't log in", &failed), 1,
	    "Problem: is a label line");
	is_int(links_is_label_line("solution: call us", &failed), 1,
	    "solution: in any case");
	is_int(links_is_label_line("Phone: 1-866-484-8049", &failed), 1,
	    "a contact line is a label line");
	is_int(links_is_label_line("TTY: 1-866-523-4759", &failed), 1,
	    "a TTY line too");
	is_int(links_is_label_line("Call us about your problem today.",
	    &failed), 0, "a sentence is not");
	is_int(links_is_label_line("Note: read this first", &failed), 0,
	    "nor a colon that labels no contact");
	is_int(links_is_contact_line("Problem: I can't log in", &failed), 0,
	    "Problem: is no contact line");
	is_int(links_is_contact_line("Email: EUSsupport@cgi.com", NULL), 1,
	    "an email line is one, FAILED may be NULL");
	is_int(failed, 0, "nothing failed");
}

int
main(void)
{
	test_web_prefix();
	test_label_lines();
	return done_testing();
}
