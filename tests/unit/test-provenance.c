/*
 * test-provenance.c - provenance.c: the product number and revision date
 * a publication states, as CMS prints them, read from any format.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "factsheet-private.h"
#include "tap.h"
#include "testlib.h"

/* SOURCE holding TEXT states PRODUCT and REVISED (either may be NULL). */
static void
states(const char *source, const char *text, const char *product,
       const char *revised)
{
	factsheet_publication_t *pub = NULL;
	char *msg = NULL;

	if (factsheet_publication_parse(source, text, strlen(text), &pub,
	    &msg) != FACTSHEET_STATUS_SUCCESS) {
		ok(0, "%s parses (%s)", source, msg ? msg : "no message");
		free(msg);
		return;
	}
	is_str(pub->product, product, "%s: product", source);
	is_str(pub->revised, revised, "%s: revision date", source);
	factsheet_publication_free(pub);
	free(msg);
}

int
main(void)
{
	factsheet_publication_t *pub;

	states("footer.txt", "Enrolling in Medicare\n\nSome text about "
	    "enrolling.\n\nMore text.\n\nICN 908889 May 2015\n",
	    "ICN 908889", "May 2015");
	states("mln.txt", "Title\n\nText.\n\nMLN908889 June 2016\n",
	    "MLN908889", "June 2016");
	states("product.txt", "Title\n\nText.\n\nCMS Product No. 11264\n"
	    "Revised June 2016\n", "Product No. 11264", "June 2016");
	states("none.txt", "Title\n\nNothing stated here at all.\n", NULL,
	    NULL);
	states("inside.txt", "Title\n\nClick the ICON908889 button.\n", NULL,
	    NULL);
	states("page.md", "# Title\n\nText.\n\nICN 908889 May 2015\n",
	    "ICN 908889", "May 2015");

	/* The bundled fact sheet states neither; its phone numbers and
	 * form names are not taken for them. */
	pub = read_fixture("corpus/pecos-technical-assistance-contacts.txt");
	ok(pub != NULL, "the bundled fact sheet parses");
	is_str(pub ? pub->product : "", NULL, "bundled: no product number");
	is_str(pub ? pub->revised : "", NULL, "bundled: no revision date");
	factsheet_publication_free(pub);
	return done_testing();
}
