/*
 * test-file.c - file.c: reading a file whole, each refusal worded with the
 * file's name, and the name a file is shown by.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "factsheet-private.h"
#include "tap.h"
#include "testlib.h"

/* Writes LEN bytes of TEXT to DIR/NAME; its path, to free. */
static char *
write_file(const char *dir, const char *name, const char *text, size_t len)
{
	char *path = temp_path(dir, name);
	FILE *f = path ? fopen(path, "wb") : NULL;

	if (f == NULL || fwrite(text, 1, len, f) != len) {
		printf("# cannot write %s\n", path ? path : name);
		if (f != NULL)
			fclose(f);
		return path;
	}
	fclose(f);
	return path;
}

/* Reading PATH fails with STATUS, a message that starts with PATH and
 * holds WHY, and no bytes. */
static void
refused(const char *path, factsheet_status_t status, const char *why,
	const char *what)
{
	char *bytes = (char *)&bytes, *message = NULL;
	size_t len = 1;

	is_int(file_read(path, &bytes, &len, NULL, &message), status,
	    "%s: refused", what);
	is_str(bytes, NULL, "%s: no bytes", what);
	is_int(len, 0, "%s: length 0", what);
	is_int(message != NULL && strncmp(message, path, strlen(path)) == 0,
	    1, "%s: the message starts with the path (%s)", what,
	    message ? message : "none");
	is_int(contains(message, why), 1, "%s: the message says '%s'", what,
	    why);
	free(message);
}

static void
test_read(const char *dir)
{
	static const char text[] = "Problem: a\0b\n";
	char *path = write_file(dir, "sheet.txt", text, sizeof text - 1);
	char *empty = write_file(dir, "empty.txt", "", 0);
	char *missing = temp_path(dir, "missing.txt");
	char *fifo = temp_path(dir, "fifo");
	char *bytes = NULL, *message = (char *)&message;
	struct stat st;
	size_t len = 0;

	is_int(file_read(path, &bytes, &len, &st, &message),
	    FACTSHEET_STATUS_SUCCESS, "a file is read");
	is_int(len, sizeof text - 1, "all of it, past a NUL byte");
	is_int(bytes != NULL && memcmp(bytes, text, len) == 0, 1,
	    "byte for byte");
	is_int(st.st_size, (long)(sizeof text - 1), "its stat is given back");
	is_str(message, NULL, "no message on success");
	free(bytes);

	is_int(file_read(empty, &bytes, &len, NULL, &message),
	    FACTSHEET_STATUS_SUCCESS, "an empty file is read (the parser "
	    "refuses it)");
	is_int(len, 0, "an empty file: no bytes");
	free(bytes);

	refused(missing, FACTSHEET_STATUS_FILE_ERROR,
	    "No such file or directory", "a missing file");
	refused(dir, FACTSHEET_STATUS_FILE_ERROR,
	    "is a directory; give the files in it", "a directory");
	if (fifo != NULL && mkfifo(fifo, 0600) == 0)
		refused(fifo, FACTSHEET_STATUS_FILE_ERROR,
		    "not a regular file", "a FIFO, not waited on");
	else
		ok(0, "make a FIFO");
	free(path);
	free(empty);
	free(missing);
	free(fifo);
}

static void
test_source_name(void)
{
	is_str(file_source_name("./corpus/x.txt"), "corpus/x.txt",
	    "a leading ./ is left out");
	is_str(file_source_name(".//./corpus/x.txt"), "corpus/x.txt",
	    "and the slashes and ./ after it");
	is_str(file_source_name("./"), "./", "./ alone stays");
	is_str(file_source_name("corpus/./x.txt"), "corpus/./x.txt",
	    "a ./ inside is kept");
	is_str(file_source_name("../x.txt"), "../x.txt", "../ is kept");
	is_str(file_source_name("/abs/x.txt"), "/abs/x.txt",
	    "an absolute path is kept");
}

int
main(void)
{
	char *dir = temp_dir("test-file");

	if (dir == NULL)
		return 1;
	test_read(dir);
	test_source_name();
	remove_tree(dir);
	free(dir);
	return done_testing();
}
