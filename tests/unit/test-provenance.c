/*
 * test-provenance.c - provenance.c: the product number and revision date
 * a publication states, as CMS prints them, read from any format; ICN,
 * MLN and product numbers, dates introduced or alone, and look-alikes
 * that are neither.
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

/* Parses TEXT as a plain-text file; NULL (and a diagnostic) on failure. */
static factsheet_publication_t *
parse_text(const char *text)
{
	factsheet_publication_t *pub = NULL;
	char *msg = NULL;

	if (factsheet_publication_parse("small.txt", text, strlen(text), &pub,
	    &msg) != FACTSHEET_STATUS_SUCCESS)
		printf("# %s\n", msg ? msg : "parse failed");
	free(msg);
	return pub;
}

/* The provenance of TEXT is PRODUCT and REVISED (either may be NULL). */
static void
expect_provenance(const char *text, const char *product, const char *revised,
		  const char *what)
{
	factsheet_publication_t *pub = parse_text(text);

	ok(pub != NULL, "%s: parses", what);
	is_str(pub ? pub->product : NULL, product, "%s: product", what);
	is_str(pub ? pub->revised : NULL, revised, "%s: revised", what);
	factsheet_publication_free(pub);
}

static void
test_provenance(void)
{
	expect_provenance("Help Line Fact Sheet\n\nCall us any day.\n\n"
	    "ICN 908889 May 2015\n", "ICN 908889", "May 2015",
	    "an ICN footer");
	expect_provenance("Help Line Fact Sheet\n\nCall us any day.\n\n"
	    "MLN908889 June 2016\n", "MLN908889", "June 2016",
	    "an MLN footer");
	expect_provenance("Help Line Fact Sheet\n\nCall us any day.\n\n"
	    "ICN MLN1234567 September 2017\n", "ICN MLN1234567",
	    "September 2017", "ICN MLN number");
	expect_provenance("Help Line Fact Sheet\n\nCall us any day.\n\n"
	    "ICN: 908889\n", "ICN 908889", NULL, "'ICN:' spaced out");
	expect_provenance("Help Line Fact Sheet\n\nCall us any day.\n\n"
	    "CMS Product No. 11264\nRevised May 2015\n", "Product No. 11264",
	    "May 2015", "a product number, revised");
	expect_provenance("Help Line Fact Sheet\n\nThis fact sheet was "
	    "revised in May 2015 to add the new numbers of the help desk, "
	    "which answers every day of the week.\n", NULL, "May 2015",
	    "'revised in' within a sentence");
	expect_provenance("Help Line Fact Sheet\n\nCall us any day.\n\n"
	    "June 2016\n", NULL, "June 2016", "a date alone on the last line");
	expect_provenance("Help Line Fact Sheet\n\nCall us any day.\n\n"
	    "Page 3 of 4\n", NULL, NULL, "a page number states nothing");
	expect_provenance("Help Line Fact Sheet\n\nBeginning January 2016, "
	    "suppliers must renew their enrollment with the Clearinghouse "
	    "every three years, as the rules require.\n", NULL, NULL,
	    "a date in running text is not a revision date");
	expect_provenance("Help Line Fact Sheet\n\nThe MLN Connects calls, "
	    "the icn 123456 typo, Product 2015 results and ICN 1-800-633-4227 "
	    "are no product numbers.\n", NULL, NULL, "look-alikes");
	expect_provenance("Help Line Fact Sheet\n\nFirst line.\n\n"
	    "See also MLN111111 for more.\n\nThird.\n\nFourth.\n\nFifth.\n\n"
	    "Sixth.\n\nSeventh.\n\nICN 908889\n", "ICN 908889", NULL,
	    "the number nearest an end wins");
	expect_provenance("Help Line Fact Sheet\n\nMay 2014\n\nCall us any "
	    "day.\n\nRevised June 2016\n", NULL, "June 2016",
	    "'Revised' beats a bare date");
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
	test_provenance();
	return done_testing();
}
