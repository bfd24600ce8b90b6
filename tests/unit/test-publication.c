/*
 * test-publication.c - publication.c: what every reader's publication
 * goes through.  A gzip file is read by the name inside it, a Latin-1
 * file with a warning, an empty one as a publication with no sections,
 * images and archives refused; its title falls back on the file name,
 * its id is its real path's hash, controls are stripped from its text;
 * a file that cannot be read is FILE_ERROR naming it.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>

#include "factsheet-private.h"
#include "testlib.h"

static char *tmpdir;

static factsheet_publication_t *
parse_bytes(const char *source, const char *bytes, size_t len,
	    factsheet_status_t want, char **message)
{
	factsheet_publication_t *pub = NULL;
	char *msg = NULL;
	factsheet_status_t st;

	st = factsheet_publication_parse(source, bytes, len, &pub, &msg);
	is_int(st, want, "%s: %s", source, factsheet_status_to_string(want));
	if (message != NULL)
		*message = msg;
	else
		free(msg);
	return pub;
}

static void
test_titles(void)
{
	static const struct {
		const char *source, *title;
	} cases[] = {
		{ "corpus/help-desk.txt", "help-desk" },
		{ "guide.md.gz", "guide.md" },
		{ ".profile", ".profile" },
		{ "README", "README" },
		{ "a/b/c.d.html", "c.d" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *t = title_from_source(cases[i].source);

		is_str(t, cases[i].title, "title_from_source(%s)",
		    cases[i].source);
		free(t);
	}
}

static void
test_gzip(void)
{
	static const char md[] = "## Topic one\n\nSome *text*.\n";
	unsigned char gz[256];
	uLongf n = sizeof gz;
	z_stream z;
	factsheet_publication_t *pub;
	char *msg = NULL;

	memset(&z, 0, sizeof z);
	if (deflateInit2(&z, 9, Z_DEFLATED, 16 + MAX_WBITS, 8,
	    Z_DEFAULT_STRATEGY) != Z_OK) {
		ok(0, "zlib makes gzip data");
		return;
	}
	z.next_in = (Bytef *)(uintptr_t)md;
	z.avail_in = sizeof md - 1;
	z.next_out = gz;
	z.avail_out = sizeof gz;
	deflate(&z, Z_FINISH);
	n = sizeof gz - z.avail_out;
	deflateEnd(&z);

	pub = parse_bytes("topics.md.gz", (char *)gz, n,
	    FACTSHEET_STATUS_SUCCESS, NULL);
	is_str(pub ? pub->format : NULL, "markdown",
	    "a .md.gz is read as the Markdown inside");
	is_str(pub ? pub->source : NULL, "topics.md.gz",
	    "its source is the file's own name");
	is_str(pub && pub->n_sections > 0 ? pub->sections[0].heading : NULL,
	    "Topic one", "its heading");
	factsheet_publication_free(pub);

	pub = parse_bytes("cut.md.gz", (char *)gz, n / 2,
	    FACTSHEET_STATUS_BAD_INPUT, &msg);
	ok(pub == NULL, "truncated gzip: no publication");
	like(msg, "cut.md.gz: byte ", "truncated gzip: the file and byte");
	free(msg);
}

static void
test_encodings(void)
{
	static const char latin1[] = "Problem: Caf\xe9 card lost\n\n"
	    "Solution: Call 1-800-633-4227\n";
	static const char controls[] = "Problem: Bell\x07 rings\n\n"
	    "Solution: Silence\x1b it\n";
	factsheet_publication_t *pub;
	char *msg = NULL;

	pub = parse_bytes("latin1.txt", latin1, sizeof latin1 - 1,
	    FACTSHEET_STATUS_SUCCESS, NULL);
	is_str(pub ? pub->warning : NULL, "latin1.txt: not UTF-8; read as "
	    "Windows-1252 (Latin-1)", "Latin-1: a warning naming the file");
	is_str(pub && pub->n_sections > 0 ? pub->sections[0].heading : NULL,
	    "Caf\xc3\xa9 card lost", "Latin-1: é read as é");
	factsheet_publication_free(pub);

	pub = parse_bytes("bell.txt", controls, sizeof controls - 1,
	    FACTSHEET_STATUS_SUCCESS, NULL);
	is_str(pub && pub->n_sections > 0 ? pub->sections[0].heading : NULL,
	    "Bell rings", "a control character dropped from a heading");
	unlike(pub && pub->n_sections > 0 ? pub->sections[0].solution_heading
	    : NULL, "\x1b", "and from a solution");
	factsheet_publication_free(pub);

	pub = parse_bytes("nul.txt", "Problem: x\0y\n", 13,
	    FACTSHEET_STATUS_BAD_INPUT, &msg);
	ok(pub == NULL, "a NUL byte: no publication");
	like(msg, "nul.txt", "a NUL byte: the message names the file");
	free(msg);
}

static void
test_empty_and_not(void)
{
	factsheet_publication_t *pub;
	char *msg = NULL;

	pub = parse_bytes("blank.md", " \n\t\n", 4, FACTSHEET_STATUS_SUCCESS,
	    NULL);
	is_size(pub ? pub->n_sections : 99, 0, "white space only: no sections");
	is_str(pub ? pub->warning : NULL, "blank.md: empty file (only white "
	    "space): no sections", "white space only: a warning");
	is_str(pub ? pub->title : NULL, "blank.md",
	    "an empty file: titled by its name");
	factsheet_publication_free(pub);

	pub = parse_bytes("empty.txt", "", 0, FACTSHEET_STATUS_SUCCESS, NULL);
	is_str(pub ? pub->warning : NULL, "empty.txt: empty file: no "
	    "sections", "an empty file: a warning");
	factsheet_publication_free(pub);

	pub = parse_bytes("logo.txt", "\x89PNG\r\n\x1a\n", 8,
	    FACTSHEET_STATUS_BAD_INPUT, &msg);
	ok(pub == NULL, "a PNG named .txt: no publication");
	is_str(msg, "logo.txt: not a publication (a PNG image)",
	    "a PNG named .txt: the message says what it is");
	free(msg);
}

static void
test_files(void)
{
	char *path = temp_path(tmpdir, "sheet.txt");
	char *missing = temp_path(tmpdir, "missing.txt");
	char *cwd = getcwd(NULL, 0), *msg = NULL;
	factsheet_publication_t *a = NULL, *b = NULL;
	FILE *f;

	if ((f = fopen(path, "w")) != NULL) {
		fputs("Problem: x\n\nSolution: y\n", f);
		fclose(f);
	}
	is_int(factsheet_publication_read_file(path, &a, &msg),
	    FACTSHEET_STATUS_SUCCESS, "a file read by its path");
	free(msg);
	msg = NULL;
	/* The same file by a relative path: the same id. */
	if (cwd != NULL && chdir(tmpdir) == 0) {
		is_int(factsheet_publication_read_file("./sheet.txt", &b,
		    &msg), FACTSHEET_STATUS_SUCCESS, "and by ./sheet.txt");
		free(msg);
		msg = NULL;
		if (chdir(cwd) != 0)
			printf("# chdir %s failed\n", cwd);
	}
	is_str(b ? b->source : NULL, "sheet.txt", "'./' dropped from the "
	    "source");
	is_str(b ? b->id : NULL, a ? a->id : "(no id)",
	    "one file, one id, however it is named");
	is_size(a && a->id ? strlen(a->id) : 0, 16, "an id of 16 hex digits");
	factsheet_publication_free(a);
	factsheet_publication_free(b);

	a = (factsheet_publication_t *)&a;
	is_int(factsheet_publication_read_file(missing, &a, &msg),
	    FACTSHEET_STATUS_FILE_ERROR, "a missing file: FILE_ERROR");
	ok(a == NULL, "a missing file: no publication");
	like(msg, missing, "a missing file: the message names it");
	free(msg);
	free(cwd);
	free(path);
	free(missing);
}

int
main(void)
{
	if ((tmpdir = temp_dir("test-publication")) == NULL) {
		ok(0, "a temporary directory");
		return done_testing();
	}
	test_titles();
	test_gzip();
	test_encodings();
	test_empty_and_not();
	test_files();
	remove_tree(tmpdir);
	free(tmpdir);
	return done_testing();
}
