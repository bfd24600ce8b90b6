/*
 * section.c - the names of the library's enums and the release of a
 * section, apart from parsing so that a program that only searches does
 * not load the parser and its libraries.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "factsheet-private.h"

const char *
factsheet_status_to_string(factsheet_status_t status)
{
	static const char *const names[FACTSHEET_STATUS_LAST] = {
		[FACTSHEET_STATUS_SUCCESS] = "success",
		[FACTSHEET_STATUS_OUT_OF_MEMORY] = "out of memory",
		[FACTSHEET_STATUS_FILE_ERROR] = "cannot read file",
		[FACTSHEET_STATUS_BAD_INPUT] = "not a text file we can index",
		[FACTSHEET_STATUS_DATABASE_NOT_FOUND] = "no database",
		[FACTSHEET_STATUS_DATABASE_LOCKED] = "database is locked",
		[FACTSHEET_STATUS_DATABASE_CORRUPT] = "database is corrupt",
		[FACTSHEET_STATUS_DATABASE_MODIFIED] =
		    "database changed while reading",
		[FACTSHEET_STATUS_DATABASE_ERROR] = "database error",
		[FACTSHEET_STATUS_BAD_QUERY] = "bad query",
		[FACTSHEET_STATUS_XAPIAN_EXCEPTION] = "Xapian error",
	};

	if ((unsigned)status >= FACTSHEET_STATUS_LAST)
		return "unknown status";
	return names[status];
}

const char *
factsheet_contact_kind_name(factsheet_contact_kind_t kind)
{
	static const char *const names[FACTSHEET_CONTACT_LAST] = {
		"website", "phone", "tty", "email", "chat", "link", "fax",
		"address",
	};

	return (unsigned)kind < FACTSHEET_CONTACT_LAST ? names[kind] : "link";
}

const char *
factsheet_section_kind_name(factsheet_section_kind_t kind)
{
	static const char *const names[FACTSHEET_SECTION_LAST] = {
		"problem", "resource", "section",
	};

	return (unsigned)kind < FACTSHEET_SECTION_LAST ? names[kind] :
	    "section";
}

void
section_clear(factsheet_section_t *s)
{
	contact_list_t contacts = {
		.items = s->contacts, .n = s->n_contacts,
	};

	free(s->slug);
	free(s->heading);
	free(s->part);
	for (size_t i = 0; i < s->n_path; i++)
		free(s->path[i]);
	free(s->path);
	free(s->anchor);
	free(s->text);
	free(s->solution_heading);
	free(s->solution_text);
	contact_list_clear(&contacts);
	memset(s, 0, sizeof *s);
}

char *
section_id(const char *publication_id, const char *slug)
{
	return str_printf("%s#%s", publication_id, slug);
}

char *
section_piece_id(const char *publication_id, const char *slug,
		 unsigned piece)
{
	return piece > 1 ? str_printf("%s#%s#%u", publication_id, slug,
	    piece) : section_id(publication_id, slug);
}
