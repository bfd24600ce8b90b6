/*
 * factsheet-private.h - declarations shared inside libfactsheet, in the
 * order the data flows: text, contacts, parsing, records.
 */
#ifndef FACTSHEET_PRIVATE_H
#define FACTSHEET_PRIVATE_H

#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "factsheet.h"

/* util.c ------------------------------------------------------------ */

/* The bytes written as HEX (two lower- or upper-case digits a byte), as
 * a string; NULL when out of memory or HEX is no such thing (a NUL byte
 * included).  A file name that is not UTF-8 is kept so in the index. */
char *
str_from_hex(const char *hex);

/* printf into a new string; NULL when out of memory. */
char *
str_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A copy of N bytes of S, NUL-terminated; NULL when out of memory. */
char *
str_ndup(const char *s, size_t n);

/* A growing string.  On allocation failure it sets FAILED and stops
 * growing, so callers check once at the end. */
typedef struct {
	char *data;
	size_t len;
	size_t size;
	int failed;
} strbuf_t;

void strbuf_append(strbuf_t *b, const char *s, size_t n);
void strbuf_puts(strbuf_t *b, const char *s);
void strbuf_printf(strbuf_t *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Hands the string to the caller (NULL if anything failed); B is reset. */
char *strbuf_finish(strbuf_t *b);

/* Starts RUN(ARG) on a new thread that blocks every signal, so that
 * signals reach only the threads of the program; 1 when started. */
int thread_start(pthread_t *thread, void *(*run)(void *), void *arg);

/* hash.c ------------------------------------------------------------ */

/* FNV-1a, 64 bits.  Stored in indexes (file keys, publication ids), so it
 * never changes.  Start a running hash at HASH_START. */
#define HASH_START UINT64_C(14695981039346656037)

/* H with the LEN bytes at BYTES added. */
uint64_t
hash_add(uint64_t h, const void *bytes, size_t len);

/* The hash of the string S (its bytes before the NUL). */
uint64_t
hash_string(const char *s);

/* H as 16 lower-case hex digits; NULL when out of memory. */
char *
hash_hex(uint64_t h);

/* text.c ------------------------------------------------------------ */

/* A publication has at most this many sections (builder.c): a manual
 * has a few thousand.  Past it the rest of the file goes into the last
 * section, with a warning: nothing is dropped, and the cost of a file
 * of very many short sections stays bounded. */
#define SECTIONS_MAX 50000UL

/* Input larger than this is refused rather than parsed. */
#define TEXT_MAX_BYTES (64UL * 1024 * 1024)

/*
 * Checks that BYTES is text we index: not empty, not binary, valid UTF-8.
 * On failure returns BAD_INPUT with *MESSAGE naming SOURCE, the line and
 * the byte offset.
 */
factsheet_status_t
text_check(const char *source, const char *bytes, size_t len, char **message);

/*
 * The form words are indexed in: NFKC, curly quotes and dashes folded to
 * ASCII, case folded.  Returns NULL when out of memory.
 */
char *
text_normalize(const char *s);

/*
 * The same for a query, but the operators AND, OR, NOT, XOR, NEAR, ADJ
 * keep their case so the query parser still sees them.
 */
char *
text_normalize_query(const char *s);

/* Collapses runs of white space to one space and trims both ends, in
 * place; returns S. */
char *
text_squeeze_space(char *s);

/* Squeezes each line of S and drops the empty ones, in place; returns
 * S. */
char *
text_squeeze_lines(char *s);

/* How many words the LEN bytes at S hold, by the index's rule (words.h):
 * what a reader weighs a line by ("a heading has at most 12 words"). */
size_t
text_count_words(const char *s, size_t len);

/* file.c ------------------------------------------------------------ */

struct stat;

/*
 * Reads the regular file at PATH whole (at most TEXT_MAX_BYTES) into
 * *BYTES (free it) and *LEN, and its stat into *ST unless ST is NULL.  On
 * failure *BYTES is NULL and *MESSAGE (free it) names PATH and says why.
 */
factsheet_status_t
file_read(const char *path, char **bytes, size_t *len, struct stat *st,
	  char **message);

/* The name a file is shown by: PATH without a leading "./" ("./corpus/x"
 * is "corpus/x"); points into PATH. */
const char *
file_source_name(const char *path);

/* escape.c ---------------------------------------------------------- */

/* Whether C is a C0 or C1 control, DEL, or a bidi control (embeddings,
 * overrides, isolates and the marks): never shown as it is. */
int
text_is_control(uint32_t c);

/*
 * Drops from S, in place, every character text_is_control() names but
 * tab and newline; CR, form feed and vertical tab become a space.
 * Returns how many were dropped.
 */
size_t
text_strip_controls(char *s);

/* contact.c --------------------------------------------------------- */

/* A contact list under construction. */
typedef struct {
	factsheet_contact_t *items;
	size_t n;
	size_t size;
	int failed;
	/* What a number nothing introduces is, as the heading above the
	 * text says ("TTY", "Fax"): 1 + that kind, or 0 for a phone. */
	int heading_kind;
	/* The same for the next text only, said by a text that was nothing
	 * but a label ("TTY" above "1-877-486-2048"); 0 when none. */
	int label_kind;
} contact_list_t;

/*
 * Adds a contact unless one of the same kind and value (or, for numbers,
 * the same digits) is there, a fax's number is offered as a phone, or a
 * web or email value fails contact_url_is_safe() or is a share button.
 */
void
contact_list_add(contact_list_t *list, factsheet_contact_kind_t kind,
		 const char *value, size_t value_len, const char *label);

/*
 * Whether the LEN bytes at URL may be shown as something to follow: no
 * scheme, or http, https, tel, or mailto with no header but subject and
 * body and no encoded line break.  javascript:, data:, vbscript:, file:
 * and every other scheme are refused.
 */
int
contact_url_is_safe(const char *url, size_t len);

void
contact_list_clear(contact_list_t *list);

/*
 * Recognises a "Label: value" contact line (Website:, Phone:, Email:,
 * Live Chat:, TTY:, ...), adding its contacts; returns 1 if LINE was one.
 */
int
contact_parse_line(contact_list_t *list, const char *line);

/*
 * Finds contacts in running text: URLs, with or without a scheme (with
 * their label or sentence), email addresses, phone numbers (TTY or fax
 * when so introduced), live chat, mailing addresses.
 */
void
contact_scan_text(contact_list_t *list, const char *text);

/*
 * Finds the contacts in a section's HEADING, and remembers whether the
 * heading names a TTY or fax line, so that the numbers under it are
 * filed as such by later contact_scan_text() calls on LIST.
 */
void
contact_scan_heading(contact_list_t *list, const char *heading);

/*
 * If S starts with a North American phone number in any common form
 * (1-866-484-8049, (866) 484-8049, 866.484.8049, 8664848049, +1 866 ...,
 * and vanity numbers such as 1-800-MEDICARE),
 * writes its ten digits and a NUL to DIGITS and returns the bytes it
 * spans; else returns 0.
 */
size_t
contact_match_phone(const char *s, char digits[11]);

/*
 * Rewrites every phone number in S to its ten digits, the form the index
 * holds, so any way of typing a number finds it.  NULL when out of memory.
 */
char *
contact_canonical_phones(const char *s);

/* links.c ----------------------------------------------------------- */

/* The length of "https://" or "http://" (any case) when the LEN bytes at
 * P start with it, else 0.  LEN may be SIZE_MAX when P ends in a NUL. */
size_t
links_scheme_length(const char *p, size_t len);

/* The length of the start of a web address at the LEN bytes at P: a
 * scheme as above, or "www."; else 0. */
size_t
links_web_prefix(const char *p, size_t len);

/* Whether LINE is a contact line ("Phone: ...", "TTY: ..."), which the
 * builder reads on its own.  Sets *FAILED (unless NULL) when out of
 * memory. */
int
links_is_contact_line(const char *line, int *failed);

/* Whether LINE is "Problem: ...", "Solution: ..." or a contact line. */
int
links_is_label_line(const char *line, int *failed);

/* thesaurus.c ------------------------------------------------------- */

/* One line of the thesaurus: equivalent words and phrases. */
typedef struct {
	char **members;		/* as phrase_words() gives them */
	size_t n_members;
	/* The contact kind these words ask for, or FACTSHEET_CONTACT_LAST. */
	factsheet_contact_kind_t kind;
	unsigned line;
} thesaurus_group_t;

typedef struct {
	thesaurus_group_t *groups;
	size_t n_groups;
} thesaurus_t;

/* Reads the thesaurus at PATH; on failure *MESSAGE names file and line. */
factsheet_status_t
thesaurus_read(const char *path, thesaurus_t *t, char **message);

void
thesaurus_group_clear(thesaurus_group_t *group);

void
thesaurus_clear(thesaurus_t *t);

/*
 * TEXT as the query parser splits it: normalized words ("i&a",
 * "contact_list", "can't" kept whole; words.h says what a word is)
 * joined by single spaces.  In words.c.
 */
char *
phrase_words(const char *text);

/* How often PHRASE occurs in WORDS (both as phrase_words gives), whole. */
unsigned
phrase_in_words(const char *phrase, const char *words);

/* format.c ---------------------------------------------------------- */

typedef enum {
	FORMAT_TEXT,
	FORMAT_MARKDOWN,
	FORMAT_HTML,
	FORMAT_PDF
} format_t;

/* What LEN bytes named SOURCE are, by content first, then by name. */
format_t
format_detect(const char *source, const char *bytes, size_t len);

/* "text", "markdown", "html", "pdf". */
const char *
format_name(format_t format);

/*
 * NULL when LEN bytes may be a publication; else why they are not ("not
 * a publication (an SVG image)"), for folders holding images beside
 * their pages.
 */
const char *
format_not_publication(const char *bytes, size_t len);

/* decode.c ---------------------------------------------------------- */

/* Whether LEN bytes start as gzip data does. */
int
decode_is_gzip(const char *bytes, size_t len);

/*
 * Inflates the gzip data BYTES into *OUT (malloc'd, NUL-terminated, *OUT_LEN
 * bytes).  On failure *OUT is NULL and *MESSAGE names SOURCE and what is
 * wrong (truncated, corrupt, too large).
 */
factsheet_status_t
decode_gunzip(const char *source, const char *bytes, size_t len,
	      char **out, size_t *out_len, char **message);

/*
 * BYTES, text that is not valid UTF-8 but is valid Windows-1252 (or
 * Latin-1), converted to UTF-8 in *OUT (malloc'd).  BAD_INPUT, *OUT NULL,
 * when it is valid UTF-8, binary or not Windows-1252 either.
 */
factsheet_status_t
decode_legacy_text(const char *bytes, size_t len, char **out,
		   size_t *out_len);

/* builder.c --------------------------------------------------------- */

/* Heading levels a hierarchy keeps (HTML's h1 to h6). */
#define BUILDER_LEVELS 6

/* A slug given to a section, and the suffix to try next when a later
 * section's words make the same slug ("answer" -> "answer-2"). */
typedef struct {
	char *slug;		/* owned; NULL for an empty slot */
	unsigned next;
} slug_entry_t;

/* The slugs given so far: open addressing, at most half full. */
typedef struct {
	slug_entry_t *entries;
	size_t size;		/* a power of two, or 0 */
	size_t used;
} slug_set_t;

/* One row of a table as a reader handed it over: its name first, then
 * its other cells as given (text, or HTML for a plain-text table). */
typedef struct {
	char **cells;
	size_t n_cells;
	unsigned line;
	unsigned page;
} builder_row_t;

/* A table held until its end, when its shape decides what it becomes:
 * resource rows, one section per topic, or lines of text. */
typedef struct {
	char **header;		/* NULL when the reader gave none */
	size_t n_header;
	unsigned header_line;
	builder_row_t *rows;
	size_t n_rows;
	size_t size;
} builder_table_t;

/* Turns a stream of headings, paragraphs and rows into sections. */
typedef struct {
	factsheet_publication_t *pub;
	factsheet_section_t *current;
	strbuf_t text;
	strbuf_t solution;
	contact_list_t contacts;
	int in_solution;
	int in_table;
	builder_table_t table;	/* the table being read, if in_table */
	/* The last paragraph, if short enough to be the caption of a
	 * table that follows it at once; else NULL. */
	char *caption;
	/* Plain text: a heading waits to see whether text follows; one
	 * that none follows names the group of problems or rows below. */
	char *pending_heading;
	char *part;
	/* Formats with levels: the headings above, outermost first, and
	 * whether the deepest has no section yet. */
	char *levels[BUILDER_LEVELS];
	int hierarchy;
	int heading_open;
	/* A heading level, a Problem: or a table was seen; without any,
	 * builder_finish sets the publication's warning. */
	int structured;
	unsigned pending_line;
	unsigned last_line;
	char *anchor;		/* for the next section */
	unsigned page;		/* of the next section; 0 if none */
	slug_set_t slugs;	/* those of pub->sections */
	/* Headings met past SECTIONS_MAX, whose text went into the last
	 * section; builder_finish warns when there were any. */
	unsigned long over_cap;
	int finishing;		/* the last section may close */
	int failed;
} builder_t;

void builder_init(builder_t *b, factsheet_publication_t *pub);

/* A heading of LEVEL 1 to 6, or 0 in formats without levels (plain
 * text); ANCHOR is its HTML id, or NULL.  "Problem:" and "Solution:"
 * headings start those blocks. */
void builder_heading(builder_t *b, unsigned level, const char *text,
		     const char *anchor, unsigned line);

/* A paragraph (list items on lines of their own).  SINGLE_LINE says it
 * may be a contact line ("Phone: ..."). */
void builder_paragraph(builder_t *b, const char *text, unsigned line,
		       int single_line);

void builder_problem(builder_t *b, const char *heading, unsigned line);
void builder_solution(builder_t *b, const char *heading);

/*
 * A table's header row, before its rows: every cell's text, the first
 * cell included.  The header labels the row cells that follow ("MAC:
 * X"); a table without one gets no call.
 */
void builder_table_header(builder_t *b, const char *const *cells,
			  size_t n_cells, unsigned line);

/* One row of a table: its name and its other cells (HTML allowed). */
void builder_table_row(builder_t *b, const char *name,
		       const char *const *cells, size_t n_cells,
		       unsigned line);

/*
 * The end of a table.  Its header and rows are held until here, then
 * become one resource section per row (a table listing resources with
 * links), one section per row (rows of topics, their cells labelled by
 * the header), or lines of the current section's text (a data table);
 * builder.c says how it decides.
 */
void builder_table_end(builder_t *b);

/* The page the following sections start on (PDF). */
void builder_page(builder_t *b, unsigned page);

/* Closes the last section and frees the builder's own memory; 0, or -1
 * when out of memory somewhere along the way. */
int builder_finish(builder_t *b);

/*
 * A link's destination DEST (LEN bytes) after its label, which OUT holds
 * from MARK on, as people would type it ("EUS website
 * https://eus.custhelp.com"): for a web address, an email (mailto:) or a
 * phone (tel:) that the label does not already say; nothing for a page of
 * the same site or an anchor.  Shared by the HTML and Markdown readers.
 */
void reader_link_destination(strbuf_t *out, size_t mark, const char *dest,
			     size_t len);

/* parse-factsheet.c ------------------------------------------------- */

/*
 * The readers: each turns a file's bytes into *PUB (allocated, with its
 * id and source set) through a builder.  Text, Markdown and HTML get
 * checked UTF-8; PDF gets the raw file.  On failure *MESSAGE names the
 * source and what is wrong.
 */
factsheet_status_t
parse_factsheet(factsheet_publication_t *pub, const char *text, size_t len,
		char **message);

factsheet_status_t
parse_markdown(factsheet_publication_t *pub, const char *text, size_t len,
	       char **message);

factsheet_status_t
parse_html(factsheet_publication_t *pub, const char *text, size_t len,
	   char **message);

/*
 * The blocks of LEN bytes of HTML (a fragment, such as a raw HTML block
 * of a Markdown file starting at LINE) fed to the builder B of another
 * reader; 0, or -1 when out of memory (B's failure is set too).
 */
int
parse_html_into(builder_t *b, const char *html, size_t len, unsigned line);

factsheet_status_t
parse_pdf(factsheet_publication_t *pub, const char *bytes, size_t len,
	  char **message);

/* publication.c ----------------------------------------------------- */

/* A title from the file's name, without directory and extension, for a
 * publication whose text offers none; NULL when out of memory. */
char *
title_from_source(const char *source);

/* provenance.c ------------------------------------------------------ */

/* Fills in the product number and revision date PUB's text states; 0, or
 * -1 when out of memory. */
int
provenance_find(factsheet_publication_t *pub);

/* section.c --------------------------------------------------------- */

void
section_clear(factsheet_section_t *section);

/* A section's id in the index, unique: its publication's id and its
 * slug.  Malloc'd; NULL when out of memory. */
char *
section_id(const char *publication_id, const char *slug);

/* The id of a section's document: that of piece PIECE of it when the
 * section is stored in pieces (piece.c), the section's own for the first
 * or for a section stored whole (PIECE 0 or 1). */
char *
section_piece_id(const char *publication_id, const char *slug,
		 unsigned piece);

/* piece.c ----------------------------------------------------------- */

/* The most bytes of text and solution text one document of a section
 * holds: a longer section is stored as pieces of at most this many, so
 * that no document's record, positions or snippet grow with the file. */
#define PIECE_BYTES 65536

/* Walks a section's pieces: piece_start, then piece_next until it gives
 * 0. */
typedef struct {
	const factsheet_section_t *section;
	size_t text_len, solution_len;
	size_t text_at, solution_at;	/* where the next piece starts */
	unsigned piece, pieces;
} piece_iter_t;

/* How many documents S is stored as: 1 when it fits in one. */
unsigned
section_pieces(const factsheet_section_t *s);

void
piece_start(piece_iter_t *it, const factsheet_section_t *s);

/*
 * The next piece of the section as *VIEW: the section itself when it is
 * stored whole (piece and pieces 0), else a copy sharing its strings but
 * for text and solution_text, which are that piece's (malloc'd), and the
 * contacts, which only the first piece carries.  1 when a piece was
 * given (free it with piece_clear), 0 after the last, -1 out of memory.
 */
int
piece_next(piece_iter_t *it, factsheet_section_t *view);

/* Frees what piece_next allocated for VIEW. */
void
piece_clear(factsheet_section_t *view);

/* record.c ---------------------------------------------------------- */

/* A section and its publication as the JSON stored in the index. */
char *
record_to_json(const factsheet_publication_t *pub,
	       const factsheet_section_t *section);

/* Reads a stored record back; 0 on success.  Strings are malloc'd. */
typedef struct {
	factsheet_section_t section;
	char *publication_id;
	char *publication_title;
	char *publication_source;
	char *publication_format;
	char *publication_product;	/* NULL if it states none */
	char *publication_revised;	/* NULL if it states none */
} record_t;

int
record_from_json(const char *json, record_t *record);

/* Only the publication_* members of a stored record, read without the
 * rest; 0 on success. */
int
record_publication_from_json(const char *json, record_t *record);

void
record_clear(record_t *record);

/* Whether stored record JSON is a piece of a section after its first,
 * read without decoding it: a publication's sections are its records
 * less these. */
int
record_is_continuation(const char *json);

/* highlight.c ------------------------------------------------------- */

/* The words a query matched, split into plain words and stems. */
typedef struct {
	char **words;
	size_t n_words;
	char **stems;
	size_t n_stems;
	/* The words the person typed, and their stems: a snippet prefers
	 * them to words matched only through the thesaurus. */
	char **typed;
	size_t n_typed;
	/* Of those, the words typed on their own, and their stems; the
	 * rest were typed only as parts of an address, a URL or another
	 * joined token ("EUSsupport@cgi.com"), whose words are phrases
	 * (each its parts, normalized, joined by spaces). */
	char **alone;
	size_t n_alone;
	char **joined;
	size_t n_joined;
} term_set_t;

/* Fills SET from index terms (NULL-terminated); 0, or -1 out of memory. */
int
term_set_init(term_set_t *set, const char *const *terms);

void
term_set_clear(term_set_t *set);

/* Stems a normalized word as the index does; returns malloc'd text. */
typedef char *(*term_stemmer_t)(void *ctx, const char *word);

/* Records the words of QUERY as those typed; 0, or -1 out of memory. */
int
term_set_mark_typed(term_set_t *set, const char *query, term_stemmer_t stem,
		    void *ctx);

/*
 * TEXT with the words SET matched between OPEN and CLOSE.  With LENGTH
 * not 0, only about LENGTH bytes of its best sentences, "..." marking
 * cuts.  ESCAPE_HTML escapes & < > " of the text (not the marks).
 */
char *
highlight_text(const term_set_t *set, term_stemmer_t stem, void *ctx,
	       const char *text, size_t length, const char *open,
	       const char *close, int escape_html);

/* dictionary.c ------------------------------------------------------ */

/* Whether WORD (lowercase, as a query holds it) is a real English word:
 * a line of the word list, as it is or with a capital first letter. */
int
dictionary_has(const char *word);

/* db.c -------------------------------------------------------------- */

struct shim_db;

/* The shim handle under DB, for search.c. */
struct shim_db *
db_shim(factsheet_db_t *db);

/* The thesaurus's "kind<TAB>phrase" lines of words asking for a kind of
 * contact; "" when there are none.  Valid until DB is closed. */
const char *
db_intent(factsheet_db_t *db);

/* Records MESSAGE (taken over) as DB's last error; returns STATUS. */
factsheet_status_t
db_fail(factsheet_db_t *db, factsheet_status_t status, char *message);

/* Records the shim's last message as DB's last error; returns STATUS. */
factsheet_status_t
db_fail_shim(factsheet_db_t *db, factsheet_status_t status);

/* url.c: the database's URL map, kept under this metadata key as
 * "DIR<TAB>URL" lines. */
#define URL_MAP_KEY "factsheet:url-map"

/* The map's text for DIRS[i] -> URLS[i]; BAD_INPUT with *MESSAGE for an
 * entry that is not DIR=URL with an http(s) or site-relative URL. */
factsheet_status_t
url_map_build(const char *const *dirs, const char *const *urls, size_t n,
	      char **text, char **message);

/* SOURCE's public URL by MAP (NULL: none), with "#page=N" for a PDF page
 * or "#ANCHOR"; SOURCE itself when no entry covers it.  Malloc'd. */
char *
url_for(const char *map, const char *source, const char *anchor,
	unsigned page, const char *format);

#endif /* FACTSHEET_PRIVATE_H */
