/* parse-pdf.c - placeholder until the pdf reader lands (this session). */
#include <config.h>

#include "factsheet-private.h"

factsheet_status_t
parse_pdf(factsheet_publication_t *pub, const char *bytes, size_t len,
	 char **message)
{
	(void)bytes;
	(void)len;
	*message = str_printf("%s: pdf is not supported yet", pub->source);
	return FACTSHEET_STATUS_BAD_INPUT;
}
