/*
 * test-section.c - section.c: the names of statuses, contact kinds and
 * section kinds (every one named, each once, a value out of range given
 * a name too), a section cleared whole, and a section's id.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "factsheet-private.h"
#include "tap.h"

/* How many of the N names are empty or the same as an earlier one. */
static int
bad_names(const char *(*name)(int), int n)
{
	int bad = 0;

	for (int i = 0; i < n; i++) {
		const char *a = name(i);

		if (a == NULL || a[0] == '\0') {
			printf("# %d has no name\n", i);
			bad++;
			continue;
		}
		for (int j = 0; j < i; j++)
			if (strcmp(a, name(j)) == 0) {
				printf("# %d and %d are both '%s'\n", j, i, a);
				bad++;
			}
	}
	return bad;
}

static const char *
status_name(int i)
{
	return factsheet_status_to_string((factsheet_status_t)i);
}

static const char *
contact_name(int i)
{
	return factsheet_contact_kind_name((factsheet_contact_kind_t)i);
}

static const char *
section_name(int i)
{
	return factsheet_section_kind_name((factsheet_section_kind_t)i);
}

static void
test_names(void)
{
	is_int(bad_names(status_name, FACTSHEET_STATUS_LAST), 0,
	    "every status has a name of its own");
	is_str(status_name(FACTSHEET_STATUS_SUCCESS), "success",
	    "SUCCESS is 'success'");
	is_str(status_name(FACTSHEET_STATUS_BAD_INPUT),
	    "not a text file we can index", "BAD_INPUT says what it means");
	is_str(status_name(FACTSHEET_STATUS_LAST), "unknown status",
	    "the sentinel is 'unknown status'");
	is_str(status_name(-1), "unknown status", "so is -1");

	is_int(bad_names(contact_name, FACTSHEET_CONTACT_LAST), 0,
	    "every contact kind has a name of its own");
	is_str(contact_name(FACTSHEET_CONTACT_TTY), "tty", "TTY is 'tty'");
	is_str(contact_name(FACTSHEET_CONTACT_ADDRESS), "address",
	    "the last kind, ADDRESS, is 'address'");
	is_str(contact_name(FACTSHEET_CONTACT_LAST), "link",
	    "out of range: 'link'");

	is_int(bad_names(section_name, FACTSHEET_SECTION_LAST), 0,
	    "every section kind has a name of its own");
	is_str(section_name(FACTSHEET_SECTION_PROBLEM), "problem",
	    "PROBLEM is 'problem'");
	is_str(section_name(FACTSHEET_SECTION_TEXT), "section",
	    "TEXT is 'section'");
	is_str(section_name(FACTSHEET_SECTION_LAST), "section",
	    "out of range: 'section'");
}

static void
test_clear(void)
{
	factsheet_section_t s, zero;
	char **path = calloc(2, sizeof *path);

	memset(&s, 0, sizeof s);
	memset(&zero, 0, sizeof zero);
	s.slug = str_printf("%s", "locked");
	s.heading = str_printf("%s", "Locked out");
	s.anchor = str_printf("%s", "q-locked");
	s.text = str_printf("%s", "Call us.");
	s.solution_heading = str_printf("%s", "Call the help desk");
	s.solution_text = str_printf("%s", "Phone: 1-866-484-8049");
	if (path != NULL) {
		path[0] = str_printf("%s", "Help");
		path[1] = str_printf("%s", "Accounts");
		s.path = path;
		s.n_path = 2;
	}
	/* Everything is freed (valgrind.sh and the sanitizer build see a
	 * leak); the section is left empty for use again. */
	section_clear(&s);
	is_int(memcmp(&s, &zero, sizeof s), 0, "section_clear zeroes it");
	section_clear(&s);
	is_int(memcmp(&s, &zero, sizeof s), 0, "and clears it again");
}

static void
test_id(void)
{
	char *id = section_id("3f2a9c0e1b7d4a55", "locked-out");

	is_str(id, "3f2a9c0e1b7d4a55#locked-out",
	    "a section's id: publication id, '#', slug");
	free(id);
}

int
main(void)
{
	test_names();
	test_clear();
	test_id();
	return done_testing();
}
