/*
 * file.c - reading a publication's file whole, and the name it is shown
 * by.  The indexer reads every file through here, so every refusal (not
 * a file, too large, unreadable) is worded the same way.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "factsheet-private.h"

static factsheet_status_t
refuse(int fd, char *buf, factsheet_status_t status, char **message,
       char *text)
{
	free(buf);
	if (fd >= 0)
		close(fd);
	*message = text;
	return status;
}

factsheet_status_t
file_read(const char *path, char **bytes, size_t *len, struct stat *st,
	  char **message)
{
	struct stat own;
	size_t size, n = 0;
	char *buf;
	int fd;

	*bytes = NULL;
	*len = 0;
	*message = NULL;
	if (st == NULL)
		st = &own;
	/* Not blocking, so that a FIFO given by name is refused, not read
	 * forever. */
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) < 0 ||
	    fstat(fd, st) < 0)
		return refuse(fd, NULL, FACTSHEET_STATUS_FILE_ERROR, message,
		    str_printf("%s: %s", path, strerror(errno)));
	if (!S_ISREG(st->st_mode))
		return refuse(fd, NULL, FACTSHEET_STATUS_FILE_ERROR, message,
		    str_printf("%s: %s", path, S_ISDIR(st->st_mode) ?
		    "is a directory; give the files in it" :
		    "not a regular file"));
	if ((uintmax_t)st->st_size > TEXT_MAX_BYTES)
		return refuse(fd, NULL, FACTSHEET_STATUS_BAD_INPUT, message,
		    str_printf("%s: file too large (%jd bytes; the limit is "
		    "%lu)", path, (intmax_t)st->st_size, TEXT_MAX_BYTES));
	/* One byte more than the size, to see a file that grew. */
	size = (size_t)st->st_size + 1;
	if ((buf = malloc(size)) == NULL)
		goto no_memory;
	for (;;) {
		ssize_t got;

		if (n == size) {
			char *grown;

			if (size > TEXT_MAX_BYTES)
				return refuse(fd, buf,
				    FACTSHEET_STATUS_BAD_INPUT, message,
				    str_printf("%s: file too large (more "
				    "than %lu bytes)", path, TEXT_MAX_BYTES));
			if ((grown = realloc(buf, 2 * size)) == NULL)
				goto no_memory;
			buf = grown;
			size *= 2;
		}
		if ((got = read(fd, buf + n, size - n)) < 0) {
			if (errno == EINTR)
				continue;
			return refuse(fd, buf, FACTSHEET_STATUS_FILE_ERROR,
			    message, str_printf("%s: %s", path,
			    strerror(errno)));
		}
		if (got == 0)
			break;
		n += (size_t)got;
	}
	close(fd);
	*bytes = buf;
	*len = n;
	return FACTSHEET_STATUS_SUCCESS;
no_memory:
	return refuse(fd, buf, FACTSHEET_STATUS_OUT_OF_MEMORY, message,
	    str_printf("%s: out of memory", path));
}

const char *
file_source_name(const char *path)
{
	while (path[0] == '.' && path[1] == '/' && path[2] != '\0')
		path += 2 + strspn(path + 2, "/");
	return path;
}
