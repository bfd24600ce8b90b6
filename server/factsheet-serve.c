/*
 * factsheet-serve - search over HTTP for a documentation site: a JSON API
 * (/search, /suggest, /healthz), an OpenSearch description, a search page
 * and an embeddable search box, on libmicrohttpd.
 *
 * Each worker thread of the pool keeps its own reader of the database,
 * and brings it to the latest commit before each request, so an indexer
 * running beside it is seen at once.  SIGTERM stops accepting, lets the
 * requests in flight finish, and exits 0.
 */
#include <config.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>
#include <microhttpd.h>
#include <zlib.h>

#include "factsheet.h"

enum {
	EXIT_OK = 0,
	EXIT_ERROR = 2
};

static const char *progname = "factsheet-serve";

/* Request limits: hits a page, the deepest offset, connections, and the
 * seconds an idle or slow connection is kept. */
#define LIMIT_MAX 100
#define OFFSET_MAX 1000
#define SUGGEST_MAX 10
#define CONNECTIONS_MAX 512
#define TIMEOUT_SECONDS 10
/* How many matches the facets count, at least. */
#define FACET_DEPTH 1000
/* Seconds SIGTERM waits for requests in flight. */
#define DRAIN_SECONDS 30
/* How long answered clients get to close their connections at shutdown. */
#define CLOSE_GRACE_MS 2000
/* At shutdown, the listening socket closes after this long without a new
 * connection. */
#define ACCEPT_QUIET_MS 200

/* The headers of every response: no script but our own files. */
static const char csp[] = "default-src 'none'; script-src 'self'; "
    "style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

typedef struct {
	const char *path;	/* as requested */
	const char *file;	/* under the static directory */
	const char *type;
	char *body;
	size_t len;
} static_file_t;

static static_file_t static_files[] = {
	{ "/", "index.html", "text/html; charset=utf-8", NULL, 0 },
	{ "/widget.js", "widget.js", "text/javascript; charset=utf-8", NULL,
	  0 },
	{ "/widget.css", "widget.css", "text/css; charset=utf-8", NULL, 0 },
};
#define N_STATIC (sizeof static_files / sizeof static_files[0])

/* What the whole server shares, read-only once started. */
static struct {
	char *db_path;
	/* Every --db (or the default's one) and --words. */
	factsheet_shards_t shards;
	const char **map_dirs;
	const char **map_urls;
	size_t n_map;
	char *listen_host;	/* for /opensearch.xml without a Host */
	unsigned port;
} config;

/* Each worker thread's reader, opened on its first request; all of them
 * listed for closing at exit. */
static _Thread_local factsheet_db_t *thread_db;
static pthread_mutex_t readers_lock = PTHREAD_MUTEX_INITIALIZER;
static factsheet_db_t **readers;
static size_t n_readers;

/* Requests started and not yet answered, and connections open that have
 * not yet sent a request, for draining on SIGTERM. */
static atomic_long in_flight;
static atomic_long fresh_connections;
/* Connections handed to the workers at shutdown whose start no worker has
 * seen yet: MHD_add_connection() queues them for a worker thread, which
 * counts them in fresh_connections only when it picks them up. */
static atomic_long handed_over;
/* Connections open, answered or not. */
static atomic_long open_connections;

/* A connection's state: whether it has sent no request yet. */
typedef struct {
	int fresh;
} connection_t;

/* One request: when it started, what it was answered with. */
typedef struct {
	struct timespec start;
	unsigned status;
	char method[16];
	char *path;
	/* The shards a search left out, for the log; NULL for none. */
	char *missing;
} request_t;

static void
usage(FILE *out)
{
	fprintf(out, "usage: %s [--db PATH]... [--words PATH]... "
	    "[--timeout MS]\n"
	    "                       [--listen ADDR:PORT] [--threads N] "
	    "[--url-map DIR=URL]...\n", progname);
}

static void
help(void)
{
	usage(stdout);
	fputs("\nServe a factsheet database over HTTP: GET /search, /suggest, "
	    "/healthz,\n/opensearch.xml, a search page at / and a search box "
	    "at /widget.js.\n\n"
	    "  -d, --db PATH          the database (default: $FACTSHEET_DB, "
	    "else\n"
	    "                         ~/.local/share/factsheet/db, else the "
	    "bundled one); again to search\n"
	    "                         several as one; PATH may be a stub "
	    "file or\n"
	    "                         tcp://HOST:PORT\n"
	    "      --words PATH       spelling data and synonyms from the "
	    "database at PATH too\n"
	    "      --timeout MS       wait at most MS milliseconds for a "
	    "remote shard\n"
	    "  -l, --listen ADDR:PORT where to listen (default "
	    "127.0.0.1:8080; port 0\n"
	    "                         picks a free one, printed on stdout)\n"
	    "  -t, --threads N        worker threads, each with its own "
	    "reader (default:\n"
	    "                         the number of processors)\n"
	    "  -u, --url-map DIR=URL  give files under DIR at URL, instead of "
	    "the\n"
	    "                         database's map (repeatable)\n"
	    "  -h, --help             this help\n"
	    "  -V, --version          the version\n", stdout);
}

static void
report(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void
report(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* --db, else $FACTSHEET_DB, else the user's if it exists, else bundled. */
static char *
choose_database(const char *db_arg)
{
	char *path;

	if (db_arg != NULL)
		return strdup(db_arg);
	path = factsheet_db_default_path();
	if (path != NULL && (getenv("FACTSHEET_DB") ||
	    access(path, F_OK) == 0))
		return path;
	free(path);
	return factsheet_db_bundled_path();
}

/* Reads the whole file PATH into *BODY; -1 with errno on failure. */
static int
slurp(const char *path, char **body, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, cap = 0;

	if (f == NULL)
		return -1;
	for (;;) {
		if (n == cap) {
			char *bigger = realloc(buf, cap = cap ? 2 * cap : 8192);

			if (bigger == NULL) {
				free(buf);
				fclose(f);
				errno = ENOMEM;
				return -1;
			}
			buf = bigger;
		}
		size_t got = fread(buf + n, 1, cap - n, f);

		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		free(buf);
		fclose(f);
		errno = EIO;
		return -1;
	}
	fclose(f);
	*body = buf;
	*len = n;
	return 0;
}

static int
load_static(void)
{
	for (size_t i = 0; i < N_STATIC; i++) {
		char *path = factsheet_static_path(static_files[i].file);

		if (path == NULL) {
			report("%s: not installed, and not in the source tree",
			    static_files[i].file);
			return -1;
		}
		if (slurp(path, &static_files[i].body,
		    &static_files[i].len) < 0) {
			report("%s: %s", path, strerror(errno));
			free(path);
			return -1;
		}
		free(path);
	}
	return 0;
}

/* This thread's reader, opened on first use, at the latest commit. */
static factsheet_db_t *
reader(const char **error)
{
	static _Thread_local char open_error[512];
	char *message = NULL;

	if (thread_db == NULL) {
		factsheet_db_t *db;

		if (factsheet_db_open_shards(&config.shards, &db, &message) !=
		    FACTSHEET_STATUS_SUCCESS) {
			snprintf(open_error, sizeof open_error, "%s",
			    message ? message : "cannot open the database");
			free(message);
			*error = open_error;
			return NULL;
		}
		pthread_mutex_lock(&readers_lock);
		factsheet_db_t **more = realloc(readers,
		    (n_readers + 1) * sizeof *readers);
		if (more != NULL) {
			readers = more;
			readers[n_readers++] = db;
		}
		pthread_mutex_unlock(&readers_lock);
		if (more == NULL) {
			factsheet_db_close(db);
			*error = "out of memory";
			return NULL;
		}
		thread_db = db;
	} else if (factsheet_db_reopen(thread_db) !=
	    FACTSHEET_STATUS_SUCCESS) {
		*error = factsheet_db_last_error(thread_db);
		return NULL;
	}
	return thread_db;
}

/* ------------------------------------------------------------------ */
/* Responses                                                           */

static enum MHD_Result
send_buffer(struct MHD_Connection *conn, request_t *req, unsigned status,
	    const char *type, const char *body, size_t len,
	    enum MHD_ResponseMemoryMode mode, int cors, int gzipped)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(len,
	    (void *)body, mode);
	enum MHD_Result ret;

	if (r == NULL)
		return MHD_NO;
	MHD_add_response_header(r, "Content-Type", type);
	MHD_add_response_header(r, "Content-Security-Policy", csp);
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	/* The API and the widget are for any docs site to use. */
	if (cors)
		MHD_add_response_header(r, "Access-Control-Allow-Origin", "*");
	if (gzipped)
		MHD_add_response_header(r, "Content-Encoding", "gzip");
	/* Whether it is gzipped depends on the request's Accept-Encoding. */
	if (strncmp(type, "application/json", 16) == 0)
		MHD_add_response_header(r, "Vary", "Accept-Encoding");
	if (status == MHD_HTTP_METHOD_NOT_ALLOWED)
		MHD_add_response_header(r, "Allow", "GET, HEAD");
	MHD_add_response_header(r, "Cache-Control", status == 200 &&
	    strncmp(type, "application/json", 16) != 0 ? "max-age=300" :
	    "no-store");
	req->status = status;
	ret = MHD_queue_response(conn, status, r);
	MHD_destroy_response(r);
	return ret;
}

/* Whether the request's Accept-Encoding takes gzip: a "gzip" (or "*")
 * coding whose q is not 0. */
static int
accepts_gzip(struct MHD_Connection *conn)
{
	const char *h = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_ACCEPT_ENCODING);

	while (h != NULL && *h != '\0') {
		size_t n;

		h += strspn(h, " \t,");
		n = strcspn(h, " \t;,");
		int named = (n == 4 && strncasecmp(h, "gzip", 4) == 0) ||
		    (n == 1 && *h == '*');
		const char *end = h + strcspn(h, ",");
		const char *q = h + n;

		/* "gzip;q=0" (or 0.0, 0.000) refuses it. */
		while (named && q < end && (q = strchr(q, ';')) != NULL &&
		    q < end) {
			q++;
			q += strspn(q, " \t");
			if ((q[0] == 'q' || q[0] == 'Q') && q[1] == '=') {
				q += 2;
				if (q[0] == '0' && strspn(q + 1, ".0") ==
				    strcspn(q + 1, " \t,;"))
					named = 0;
				break;
			}
		}
		if (named)
			return 1;
		h = end;
	}
	return 0;
}

/* LEN bytes of TEXT gzipped into a malloc'd buffer; NULL on failure
 * (the caller then sends TEXT as it is). */
static unsigned char *
gzip_text(const char *text, size_t len, size_t *out_len)
{
	z_stream z = { 0 };
	unsigned char *out;
	uLong bound;

	/* 15 + 16: a gzip wrapper, which every browser takes. */
	if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8,
	    Z_DEFAULT_STRATEGY) != Z_OK)
		return NULL;
	bound = deflateBound(&z, len) + 32;
	if ((out = malloc(bound)) == NULL) {
		deflateEnd(&z);
		return NULL;
	}
	z.next_in = (Bytef *)text;
	z.avail_in = len;
	z.next_out = out;
	z.avail_out = bound;
	if (deflate(&z, Z_FINISH) != Z_STREAM_END) {
		deflateEnd(&z);
		free(out);
		return NULL;
	}
	*out_len = z.total_out;
	deflateEnd(&z);
	return out;
}

/* Below this, gzip's header costs more than it saves. */
#define GZIP_MIN 1024

/* JSON text (malloc'd, taken over) with STATUS, gzipped when the client
 * takes it and it is worth it: a page of results is mostly text. */
static enum MHD_Result
send_json(struct MHD_Connection *conn, request_t *req, unsigned status,
	  char *text)
{
	const char *type = "application/json; charset=utf-8";
	size_t len, zlen;
	unsigned char *z;

	if (text == NULL)
		return MHD_NO;
	len = strlen(text);
	if (len < GZIP_MIN || !accepts_gzip(conn) ||
	    (z = gzip_text(text, len, &zlen)) == NULL)
		return send_buffer(conn, req, status, type, text, len,
		    MHD_RESPMEM_MUST_FREE, 1, 0);
	free(text);
	return send_buffer(conn, req, status, type, (const char *)z, zlen,
	    MHD_RESPMEM_MUST_FREE, 1, 1);
}

static enum MHD_Result
send_error(struct MHD_Connection *conn, request_t *req, unsigned status,
	   const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static enum MHD_Result
send_error(struct MHD_Connection *conn, request_t *req, unsigned status,
	   const char *fmt, ...)
{
	char message[1024];
	va_list ap;
	json_t *doc;
	char *text;

	va_start(ap, fmt);
	vsnprintf(message, sizeof message, fmt, ap);
	va_end(ap);
	doc = json_pack("{s:s, s:i}", "error", message, "status", (int)status);
	text = doc ? json_dumps(doc, JSON_COMPACT) : NULL;
	json_decref(doc);
	return send_json(conn, req, status, text);
}

static const char *
arg(struct MHD_Connection *conn, const char *name)
{
	return MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, name);
}

/* ARG as a whole number in [MIN, MAX] into *OUT; -1 if not. */
static int
number_arg(const char *value, unsigned min, unsigned max, unsigned *out)
{
	char *end;
	unsigned long n;

	if (value == NULL)
		return 0;
	if (value[0] < '0' || value[0] > '9')
		return -1;
	errno = 0;
	n = strtoul(value, &end, 10);
	if (errno != 0 || *end != '\0' || n < min || n > max)
		return -1;
	*out = (unsigned)n;
	return 0;
}

/* An empty filter parameter is no filter. */
static const char *
filter_arg(struct MHD_Connection *conn, const char *name)
{
	const char *v = arg(conn, name);

	return v != NULL && v[0] != '\0' ? v : NULL;
}

static unsigned
status_for(factsheet_status_t st)
{
	switch (st) {
	case FACTSHEET_STATUS_BAD_QUERY:
		return MHD_HTTP_BAD_REQUEST;
	case FACTSHEET_STATUS_DATABASE_NOT_FOUND:
	case FACTSHEET_STATUS_DATABASE_MODIFIED:
	case FACTSHEET_STATUS_DATABASE_LOCKED:
		return MHD_HTTP_SERVICE_UNAVAILABLE;
	default:
		return MHD_HTTP_INTERNAL_SERVER_ERROR;
	}
}

/* The query Q checked as the API wants it; NULL with a reply sent. */
static const char *
query_arg(struct MHD_Connection *conn, request_t *req, enum MHD_Result *ret)
{
	const char *q = arg(conn, "q");

	if (q == NULL || q[strspn(q, " \t\r\n")] == '\0') {
		*ret = send_error(conn, req, MHD_HTTP_BAD_REQUEST,
		    "q: give some words to search for");
		return NULL;
	}
	if (strlen(q) > FACTSHEET_QUERY_MAX) {
		*ret = send_error(conn, req, MHD_HTTP_BAD_REQUEST,
		    "q: query too long (%zu bytes; at most %d)", strlen(q),
		    FACTSHEET_QUERY_MAX);
		return NULL;
	}
	return q;
}

static void
set_url_map(factsheet_search_options_t *o)
{
	o->url_map_dirs = config.map_dirs;
	o->url_map_urls = config.map_urls;
	o->n_url_map = config.n_map;
}

/* The shards RESULTS left out, noted on REQ for the log. */
static void
note_missing(request_t *req, const factsheet_results_t *results)
{
	size_t n, len = 1;
	const char *const *missing = factsheet_results_missing(results, &n);

	if (n == 0 || req->missing != NULL)
		return;
	for (size_t i = 0; i < n; i++)
		len += strlen(missing[i]) + 2;
	if ((req->missing = malloc(len)) == NULL)
		return;
	req->missing[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			strcat(req->missing, ",");
		strcat(req->missing, missing[i]);
	}
}

static enum MHD_Result
do_search(struct MHD_Connection *conn, request_t *req)
{
	factsheet_search_options_t o = { .limit = 10, .facets = FACET_DEPTH };
	factsheet_results_t *results;
	factsheet_status_t st;
	enum MHD_Result ret;
	const char *q, *error;
	factsheet_db_t *db;

	if ((q = query_arg(conn, req, &ret)) == NULL)
		return ret;
	if (number_arg(arg(conn, "limit"), 1, LIMIT_MAX, &o.limit) < 0)
		return send_error(conn, req, MHD_HTTP_BAD_REQUEST,
		    "limit: a whole number from 1 to %d", LIMIT_MAX);
	if (number_arg(arg(conn, "offset"), 0, OFFSET_MAX, &o.offset) < 0)
		return send_error(conn, req, MHD_HTTP_BAD_REQUEST,
		    "offset: a whole number from 0 to %d", OFFSET_MAX);
	/* facets=0: no counting, for a caller that shows none. */
	if (arg(conn, "facets") != NULL && strcmp(arg(conn, "facets"), "0") == 0)
		o.facets = 0;
	o.publication = filter_arg(conn, "publication");
	o.kind = filter_arg(conn, "kind");
	o.has = filter_arg(conn, "has");
	set_url_map(&o);
	if ((db = reader(&error)) == NULL)
		return send_error(conn, req, MHD_HTTP_SERVICE_UNAVAILABLE,
		    "%s", error);
	st = factsheet_db_search(db, q, &o, &results);
	if (st != FACTSHEET_STATUS_SUCCESS)
		return send_error(conn, req, status_for(st), "%s",
		    factsheet_db_last_error(db));
	note_missing(req, results);
	char *text = factsheet_results_to_json(results, q, 0);

	factsheet_results_free(results);
	if (text == NULL)
		return send_error(conn, req, MHD_HTTP_INTERNAL_SERVER_ERROR,
		    "out of memory");
	return send_json(conn, req, MHD_HTTP_OK, text);
}

/* Q with its last word made a prefix ("passw" -> "passw*"), malloc'd. */
static char *
as_prefix(const char *q)
{
	size_t n = strlen(q);
	unsigned char last = n ? (unsigned char)q[n - 1] : 0;
	char *out = malloc(n + 2);

	if (out == NULL)
		return NULL;
	memcpy(out, q, n + 1);
	/* A word character (or any UTF-8 byte) ends the last word; a
	 * space, quote or '*' already typed leaves it as it is. */
	if ((last >= '0' && last <= '9') || (last >= 'a' && last <= 'z') ||
	    (last >= 'A' && last <= 'Z') || last >= 0x80) {
		out[n] = '*';
		out[n + 1] = '\0';
	}
	return out;
}

static enum MHD_Result
do_suggest(struct MHD_Connection *conn, request_t *req)
{
	factsheet_search_options_t o = { .limit = 3 * SUGGEST_MAX };
	factsheet_results_t *results = NULL;
	factsheet_status_t st;
	enum MHD_Result ret;
	const char *q, *error;
	factsheet_db_t *db;
	char *prefix;
	json_t *list, *doc;

	if ((q = query_arg(conn, req, &ret)) == NULL)
		return ret;
	set_url_map(&o);
	if ((db = reader(&error)) == NULL)
		return send_error(conn, req, MHD_HTTP_SERVICE_UNAVAILABLE,
		    "%s", error);
	if ((prefix = as_prefix(q)) == NULL)
		return send_error(conn, req, MHD_HTTP_INTERNAL_SERVER_ERROR,
		    "out of memory");
	st = factsheet_db_search(db, prefix, &o, &results);
	/* "a-" or a word the wildcard cannot take: the words as typed. */
	if (st == FACTSHEET_STATUS_BAD_QUERY && strcmp(prefix, q) != 0)
		st = factsheet_db_search(db, q, &o, &results);
	free(prefix);
	if (st != FACTSHEET_STATUS_SUCCESS)
		return send_error(conn, req, status_for(st), "%s",
		    factsheet_db_last_error(db));
	note_missing(req, results);
	list = json_array();
	for (size_t i = 0; list && i < factsheet_results_count(results) &&
	    json_array_size(list) < SUGGEST_MAX; i++) {
		const factsheet_hit_t *h = factsheet_results_hit(results, i);
		int seen = 0;

		for (size_t k = 0; k < json_array_size(list); k++)
			if (strcmp(json_string_value(json_object_get(
			    json_array_get(list, k), "heading")),
			    h->section->heading) == 0)
				seen = 1;
		if (!seen)
			json_array_append_new(list, json_pack("{s:s, s:s, s:s}",
			    "heading", h->section->heading,
			    "publication", h->publication_title,
			    "url", h->url));
	}
	factsheet_results_free(results);
	doc = json_pack("{s:s, s:o}", "query", q, "suggestions", list);
	char *text = doc ? json_dumps(doc, JSON_INDENT(2) |
	    JSON_PRESERVE_ORDER) : NULL;

	json_decref(doc);
	return send_json(conn, req, MHD_HTTP_OK, text);
}

static enum MHD_Result
do_healthz(struct MHD_Connection *conn, request_t *req)
{
	const char *error;
	factsheet_db_t *db = reader(&error);
	unsigned long count;
	json_t *doc;

	if (db == NULL)
		return send_error(conn, req, MHD_HTTP_SERVICE_UNAVAILABLE,
		    "%s", error);
	if (factsheet_db_count(db, &count) != FACTSHEET_STATUS_SUCCESS)
		return send_error(conn, req, MHD_HTTP_SERVICE_UNAVAILABLE,
		    "%s", factsheet_db_last_error(db));
	doc = json_pack("{s:s, s:I}", "status", "ok", "sections",
	    (json_int_t)count);
	char *text = doc ? json_dumps(doc, JSON_COMPACT) : NULL;

	json_decref(doc);
	return send_json(conn, req, MHD_HTTP_OK, text);
}

/* HOST as a Host header may give it: a name or address and a port. */
static int
host_ok(const char *host)
{
	return host != NULL && host[0] != '\0' && strlen(host) < 256 &&
	    host[strspn(host, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]")] == '\0';
}

static enum MHD_Result
do_opensearch(struct MHD_Connection *conn, request_t *req)
{
	const char *host = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_HOST);
	char fallback[300];
	char *text;
	int n;

	if (!host_ok(host)) {
		snprintf(fallback, sizeof fallback, "%s:%u",
		    config.listen_host, config.port);
		host = fallback;
	}
	n = asprintf(&text,
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<OpenSearchDescription "
	    "xmlns=\"http://a9.com/-/spec/opensearch/1.1/\">\n"
	    "  <ShortName>factsheet</ShortName>\n"
	    "  <Description>Search the publications</Description>\n"
	    "  <InputEncoding>UTF-8</InputEncoding>\n"
	    "  <Url type=\"text/html\" template=\"http://%s/?q={searchTerms}\"/>\n"
	    "  <Url type=\"application/json\" "
	    "template=\"http://%s/search?q={searchTerms}\"/>\n"
	    "  <Url type=\"application/x-suggestions+json\" "
	    "template=\"http://%s/suggest?q={searchTerms}\"/>\n"
	    "</OpenSearchDescription>\n", host, host, host);
	if (n < 0)
		return MHD_NO;
	return send_buffer(conn, req, MHD_HTTP_OK,
	    "application/opensearchdescription+xml; charset=utf-8", text,
	    (size_t)n, MHD_RESPMEM_MUST_FREE, 1, 0);
}

/* ------------------------------------------------------------------ */
/* Dispatch and the access log                                         */

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *conn, const char *url,
	   const char *method, const char *version, const char *upload_data,
	   size_t *upload_data_size, void **con_cls)
{
	request_t *req = *con_cls;
	const char *length, *chunked;

	(void)cls;
	(void)version;
	(void)upload_data;
	if (req == NULL) {
		if ((req = calloc(1, sizeof *req)) == NULL)
			return MHD_NO;
		clock_gettime(CLOCK_MONOTONIC, &req->start);
		snprintf(req->method, sizeof req->method, "%s", method);
		req->path = strdup(url);
		atomic_fetch_add(&in_flight, 1);
		const union MHD_ConnectionInfo *ci = MHD_get_connection_info(
		    conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
		connection_t *c = ci ? ci->socket_context : NULL;

		if (c != NULL && c->fresh) {
			c->fresh = 0;
			atomic_fetch_sub(&fresh_connections, 1);
		}
		*con_cls = req;
		/* Refused before any body is read. */
		if (strcmp(method, MHD_HTTP_METHOD_GET) != 0 &&
		    strcmp(method, MHD_HTTP_METHOD_HEAD) != 0)
			return send_error(conn, req,
			    MHD_HTTP_METHOD_NOT_ALLOWED,
			    "%s: only GET and HEAD are served", method);
		length = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
		    MHD_HTTP_HEADER_CONTENT_LENGTH);
		chunked = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
		    MHD_HTTP_HEADER_TRANSFER_ENCODING);
		if ((length != NULL && strcmp(length, "0") != 0) ||
		    chunked != NULL)
			return send_error(conn, req,
			    413 /* Content Too Large */,
			    "requests have no body");
		return MHD_YES;
	}
	if (*upload_data_size != 0) {
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (strcmp(url, "/search") == 0)
		return do_search(conn, req);
	if (strcmp(url, "/suggest") == 0)
		return do_suggest(conn, req);
	if (strcmp(url, "/healthz") == 0)
		return do_healthz(conn, req);
	if (strcmp(url, "/opensearch.xml") == 0)
		return do_opensearch(conn, req);
	for (size_t i = 0; i < N_STATIC; i++)
		if (strcmp(url, static_files[i].path) == 0)
			return send_buffer(conn, req, MHD_HTTP_OK,
			    static_files[i].type, static_files[i].body,
			    static_files[i].len, MHD_RESPMEM_PERSISTENT, 1, 0);
	return send_error(conn, req, MHD_HTTP_NOT_FOUND, "no such page");
}

static void
on_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
	      enum MHD_ConnectionNotificationCode code)
{
	connection_t *c = *socket_context;

	(void)cls;
	(void)conn;
	if (code == MHD_CONNECTION_NOTIFY_STARTED)
		atomic_fetch_add(&open_connections, 1);
	else
		atomic_fetch_sub(&open_connections, 1);
	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		if ((c = calloc(1, sizeof *c)) != NULL) {
			c->fresh = 1;
			atomic_fetch_add(&fresh_connections, 1);
		}
		*socket_context = c;
		/* Counted now, so no longer only handed over. */
		long h = atomic_load(&handed_over);
		while (h > 0 &&
		    !atomic_compare_exchange_weak(&handed_over, &h, h - 1))
			;
	} else if (c != NULL) {
		if (c->fresh)
			atomic_fetch_sub(&fresh_connections, 1);
		free(c);
		*socket_context = NULL;
	}
}

/* S percent-encoded but for what a URL may show as it is. */
static void
put_escaped(FILE *out, const char *s)
{
	static const char keep[] = "-._~/!$'()*,;:@";

	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr(keep, *p) != NULL)
			fputc(*p, out);
		else
			fprintf(out, "%%%02X", *p);
}

static enum MHD_Result
log_arg(void *cls, enum MHD_ValueKind kind, const char *key,
	const char *value)
{
	FILE *out = cls;
	static _Thread_local int first;

	(void)kind;
	if (key == NULL) {	/* reset */
		first = 1;
		return MHD_YES;
	}
	fputc(first ? '?' : '&', out);
	first = 0;
	put_escaped(out, key);
	if (value != NULL) {
		fputc('=', out);
		put_escaped(out, value);
	}
	return MHD_YES;
}

/* One line a request on stderr: time, method, path and query, status,
 * microseconds. */
static void
on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
	     enum MHD_RequestTerminationCode toe)
{
	request_t *req = *con_cls;
	struct timespec end;
	char when[32], *line = NULL;
	size_t len = 0;
	time_t now = time(NULL);
	struct tm tm;
	FILE *out;

	(void)cls;
	if (req == NULL)
		return;
	*con_cls = NULL;
	clock_gettime(CLOCK_MONOTONIC, &end);
	gmtime_r(&now, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
	if ((out = open_memstream(&line, &len)) != NULL) {
		fprintf(out, "%s ", when);
		put_escaped(out, req->method);
		fputc(' ', out);
		put_escaped(out, req->path ? req->path : "-");
		log_arg(out, MHD_GET_ARGUMENT_KIND, NULL, NULL);
		MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND,
		    log_arg, out);
		fprintf(out, " %u %ldus%s", req->status ? req->status : 0,
		    (long)((end.tv_sec - req->start.tv_sec) * 1000000L +
		    (end.tv_nsec - req->start.tv_nsec) / 1000),
		    toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" :
		    " (not completed)");
		if (req->missing != NULL) {
			fputs(" partial, not answering: ", out);
			put_escaped(out, req->missing);
		}
		fputc('\n', out);
		fclose(out);
		fputs(line, stderr);
		free(line);
	}
	atomic_fetch_sub(&in_flight, 1);
	free(req->missing);
	free(req->path);
	free(req);
}

/* ------------------------------------------------------------------ */
/* Start, serve, drain                                                 */

/* "ADDR:PORT", "[v6]:PORT" or ":PORT" into ADDR; -1 with a message. */
static int
parse_listen(const char *spec, struct sockaddr_storage *addr,
	     socklen_t *addr_len, char **host, unsigned *port)
{
	const char *colon = strrchr(spec, ':');
	char name[256];
	size_t n;
	char *end;
	unsigned long p;

	if (colon == NULL) {
		report("--listen \"%s\": want ADDR:PORT", spec);
		return -1;
	}
	errno = 0;
	p = strtoul(colon + 1, &end, 10);
	if (colon[1] == '\0' || *end != '\0' || errno != 0 || p > 65535) {
		report("--listen \"%s\": the port is a number from 0 to 65535",
		    spec);
		return -1;
	}
	n = (size_t)(colon - spec);
	if (n >= 2 && spec[0] == '[' && spec[n - 1] == ']') {
		spec++;
		n -= 2;
	}
	if (n >= sizeof name) {
		report("--listen \"%s\": address too long", spec);
		return -1;
	}
	memcpy(name, spec, n);
	name[n] = '\0';
	if (n == 0)
		strcpy(name, "127.0.0.1");
	memset(addr, 0, sizeof *addr);
	struct sockaddr_in *v4 = (struct sockaddr_in *)addr;
	struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)addr;

	if (inet_pton(AF_INET, name, &v4->sin_addr) == 1) {
		v4->sin_family = AF_INET;
		v4->sin_port = htons((uint16_t)p);
		*addr_len = sizeof *v4;
	} else if (inet_pton(AF_INET6, name, &v6->sin6_addr) == 1) {
		v6->sin6_family = AF_INET6;
		v6->sin6_port = htons((uint16_t)p);
		*addr_len = sizeof *v6;
	} else {
		report("--listen \"%s\": \"%s\" is not an IP address", spec,
		    name);
		return -1;
	}
	*host = strdup(name);
	*port = (unsigned)p;
	return *host ? 0 : -1;
}

static void
close_readers(void)
{
	for (size_t i = 0; i < n_readers; i++)
		factsheet_db_close(readers[i]);
	free(readers);
	readers = NULL;
	n_readers = 0;
}

static void
on_fatal(const char *message)
{
	report("%s", message);
	_exit(EXIT_ERROR);
}

int
main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "words", required_argument, NULL, 'W' },
		{ "timeout", required_argument, NULL, 'T' },
		{ "listen", required_argument, NULL, 'l' },
		{ "threads", required_argument, NULL, 't' },
		{ "url-map", required_argument, NULL, 'u' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db_arg = NULL, *listen_arg = "127.0.0.1:8080";
	const char *map_dirs[argc > 0 ? argc : 1], *map_urls[argc > 0 ? argc : 1];
	const char *db_args[argc > 0 ? argc : 1], *word_args[argc > 0 ? argc : 1];
	size_t n_map = 0;
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	unsigned threads = cpus > 0 && cpus < 64 ? (unsigned)cpus : 2;
	struct sockaddr_storage addr;
	socklen_t addr_len;
	struct MHD_Daemon *daemon;
	const union MHD_DaemonInfo *info;
	factsheet_db_t *db;
	char *message = NULL;
	sigset_t stop;
	int c, sig, status = EXIT_OK;

	setvbuf(stdout, NULL, _IOLBF, 0);
	setvbuf(stderr, NULL, _IOLBF, 0);
	while ((c = getopt_long(argc, argv, "d:l:t:u:hV", options,
	    NULL)) != -1) {
		switch (c) {
		case 'd':
			db_arg = optarg;
			db_args[config.shards.n_paths++] = optarg;
			break;
		case 'W':
			word_args[config.shards.n_words++] = optarg;
			break;
		case 'T':
			if (number_arg(optarg, 1, 600000,
			    &config.shards.timeout_ms) < 0) {
				report("--timeout \"%s\": milliseconds, from 1 "
				    "to 600000", optarg);
				return EXIT_ERROR;
			}
			break;
		case 'l':
			listen_arg = optarg;
			break;
		case 't':
			if (number_arg(optarg, 1, 64, &threads) < 0) {
				report("--threads \"%s\": a number from 1 to "
				    "64", optarg);
				return EXIT_ERROR;
			}
			break;
		case 'u': {
			char *eq = strchr(optarg, '=');

			if (eq == NULL || eq == optarg || eq[1] == '\0') {
				report("--url-map \"%s\": want DIR=URL",
				    optarg);
				return EXIT_ERROR;
			}
			/* Split in argv itself: nothing to free on any
			 * way out. */
			*eq = '\0';
			map_dirs[n_map] = optarg;
			map_urls[n_map] = eq + 1;
			n_map++;
			break;
		}
		case 'h':
			help();
			return EXIT_OK;
		case 'V':
			printf("%s %s\n", progname, PACKAGE_VERSION);
			return EXIT_OK;
		default:
			usage(stderr);
			return EXIT_ERROR;
		}
	}
	if (optind != argc) {
		report("unexpected argument \"%s\"", argv[optind]);
		usage(stderr);
		return EXIT_ERROR;
	}
	config.map_dirs = map_dirs;
	config.map_urls = map_urls;
	config.n_map = n_map;
	if (parse_listen(listen_arg, &addr, &addr_len, &config.listen_host,
	    &config.port) < 0)
		return EXIT_ERROR;
	if ((config.db_path = choose_database(db_arg)) == NULL) {
		report("no database: give --db PATH");
		return EXIT_ERROR;
	}
	config.shards.paths = db_args;
	config.shards.words = word_args;
	/* A docs site answers from the shards that answer, saying which did
	 * not ("partial", "missing"); each is tried again a few seconds on. */
	config.shards.missing_ok = 1;
	if (config.shards.n_paths == 0) {
		db_args[0] = config.db_path;
		config.shards.n_paths = 1;
	}
	factsheet_set_fatal_handler(on_fatal);
	/* Fail now, not on the first request: the database opens, and the
	 * URL map is one the library takes. */
	if (factsheet_db_open_shards(&config.shards, &db, &message) !=
	    FACTSHEET_STATUS_SUCCESS) {
		report("%s", message);
		free(message);
		return EXIT_ERROR;
	}
	if (n_map > 0) {
		factsheet_search_options_t o = { .limit = 1 };
		factsheet_results_t *r = NULL;

		set_url_map(&o);
		if (factsheet_db_search(db, "x", &o, &r) ==
		    FACTSHEET_STATUS_BAD_INPUT) {
			report("%s", factsheet_db_last_error(db));
			factsheet_db_close(db);
			return EXIT_ERROR;
		}
		factsheet_results_free(r);
	}
	factsheet_db_close(db);
	if (load_static() < 0)
		return EXIT_ERROR;

	/* The workers inherit a mask without these: only sigwait below
	 * takes them. */
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);

	daemon = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD |
	    MHD_USE_ITC | MHD_USE_ERROR_LOG |
	    (addr.ss_family == AF_INET6 ? MHD_USE_IPv6 : 0),
	    (uint16_t)config.port, NULL, NULL, on_request, NULL,
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
	    MHD_OPTION_THREAD_POOL_SIZE, threads,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)TIMEOUT_SECONDS,
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned)CONNECTIONS_MAX,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)32768,
	    MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
	    MHD_OPTION_NOTIFY_CONNECTION, on_connection, NULL,
	    MHD_OPTION_END);
	if (daemon == NULL) {
		report("cannot listen on %s: %s", listen_arg,
		    strerror(errno ? errno : EADDRINUSE));
		return EXIT_ERROR;
	}
	info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
	if (info != NULL && info->port != 0)
		config.port = info->port;
	printf("%s: listening on http://%s%s%s:%u/ (database %s, %u "
	    "threads)\n", progname, addr.ss_family == AF_INET6 ? "[" : "",
	    config.listen_host, addr.ss_family == AF_INET6 ? "]" : "",
	    config.port, config.db_path, threads);

	while (sigwait(&stop, &sig) == 0 && sig == SIGHUP)
		;	/* each request reads the latest commit anyway */
	/* Stop accepting, but serve the connections the kernel had already
	 * accepted for us: they are handed to the workers.  Closing the
	 * listening socket resets any connection still in its queue, so it
	 * is closed only once no new one has come for ACCEPT_QUIET_MS;
	 * later ones are refused. */
	MHD_socket listener = MHD_quiesce_daemon(daemon);

	if (listener != MHD_INVALID_SOCKET) {
		fcntl(listener, F_SETFL, fcntl(listener, F_GETFL) | O_NONBLOCK);
		for (;;) {
			struct sockaddr_storage peer;
			socklen_t peer_len = sizeof peer;
			int fd = accept(listener, (struct sockaddr *)&peer,
			    &peer_len);

			if (fd < 0) {
				struct pollfd p = { .fd = listener,
				    .events = POLLIN };

				if (errno == EINTR || (errno == EAGAIN &&
				    poll(&p, 1, ACCEPT_QUIET_MS) > 0))
					continue;
				break;
			}
			/* MHD closes FD itself when it cannot take it. */
			atomic_fetch_add(&handed_over, 1);
			if (MHD_add_connection(daemon, fd,
			    (struct sockaddr *)&peer, peer_len) != MHD_YES)
				atomic_fetch_sub(&handed_over, 1);
		}
		close(listener);
	}
	/* Let what is in flight finish: every request under way, and every
	 * connection that has not sent its first request yet (it times out
	 * if it never does).  Idle keep-alive connections are closed. */
	for (int i = 0; i < DRAIN_SECONDS * 100 &&
	    (atomic_load(&in_flight) > 0 ||
	    atomic_load(&fresh_connections) > 0 ||
	    atomic_load(&handed_over) > 0); i++) {
		struct timespec tick = { 0, 10 * 1000 * 1000 };

		nanosleep(&tick, NULL);
	}
	/* Then give the clients a moment to read their answers and close:
	 * closing a connection first may reset it, and a reset makes the
	 * client's kernel drop an answer it has not read yet (curl 56, one
	 * run in four under load).  Idle keep-alive connections are closed
	 * after that. */
	for (int i = 0; i < CLOSE_GRACE_MS / 10 &&
	    atomic_load(&open_connections) > 0; i++) {
		struct timespec tick = { 0, 10 * 1000 * 1000 };

		nanosleep(&tick, NULL);
	}
	if (atomic_load(&in_flight) > 0) {
		report("stopping with %ld requests unanswered",
		    (long)atomic_load(&in_flight));
		status = EXIT_ERROR;
	}
	MHD_stop_daemon(daemon);
	fprintf(stderr, "%s: stopped (%s)\n", progname, strsignal(sig));
	close_readers();
	for (size_t i = 0; i < N_STATIC; i++)
		free(static_files[i].body);
	free(config.db_path);
	free(config.listen_host);
	return status;
}
