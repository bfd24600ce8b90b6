/*
 * test-thesaurus.c - the thesaurus of lib/thesaurus.c (reading the file,
 * phrase_words, phrase_in_words), then what it does end to end through
 * the public API on a temporary index of the bundled fact sheet:
 * synonyms, the contact kinds a query asks for, stopwords, spelling
 * correction, --explain, JSON and vanity phone numbers.
 */
#include <config.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "factsheet-private.h"
#include "tap.h"
#include "testlib.h"

#define CORPUS "corpus/pecos-technical-assistance-contacts.txt"
#define THESAURUS "corpus/thesaurus.txt"

static char *tmpdir;

/* Writes TEXT to a new file NAME in the temporary directory; free it. */
static char *
write_tmp(const char *name, const char *text)
{
	char *path = temp_path(tmpdir, name);
	FILE *f = fopen(path, "wb");

	if (f != NULL) {
		fputs(text, f);
		fclose(f);
	}
	return path;
}

/* Member I of group G, or NULL. */
static const char *
member(const thesaurus_t *t, size_t g, size_t i)
{
	if (g >= t->n_groups || i >= t->groups[g].n_members)
		return NULL;
	return t->groups[g].members[i];
}

/* ------------------------------------------------------------------ */
/* phrase_words and phrase_in_words                                   */

static void
words_is(const char *text, const char *want)
{
	char *got = phrase_words(text);

	is_str(got, want, "phrase_words('%s')", text);
	free(got);
}

static void
test_phrase_words(void)
{
	words_is("  \xe2\x80\x9cLog   In\xe2\x80\x9d  ", "log in");
	words_is("E-mail", "e mail");
	words_is("Sign-In", "sign in");
	words_is("I&A", "i&a");
	words_is("I&A System", "i&a system");
	words_is("can't", "can't");
	words_is("can\xe2\x80\x99t", "can't");
	words_is("contact_list", "contact_list");
	words_is("Internet-based PECOS", "internet based pecos");
	words_is("Who should I call?", "who should i call");
	words_is("", "");
	words_is(" , ; ", "");
	/* The query parser (Xapian) does not keep "®" in a word: neither
	 * should phrase_words, or "MLN Connects®" hides "mln connects". */
	words_is("MLN Connects\xc2\xae National Provider Call",
	    "mln connects national provider call");
}

static void
test_phrase_in_words(void)
{
	char *words;

	is_int(phrase_in_words("log in", "log in to log in"), 2,
	    "'log in' twice in 'log in to log in'");
	is_int(phrase_in_words("log in", "blog in"), 0,
	    "'log in' is not in 'blog in'");
	is_int(phrase_in_words("log in", "log inside"), 0,
	    "'log in' is not in 'log inside'");
	is_int(phrase_in_words("log in", "you log in"), 1,
	    "'log in' at the end");
	is_int(phrase_in_words("log in", "log in"), 1, "'log in' alone");
	is_int(phrase_in_words("log in", "login"), 0, "'log in' not in 'login'");
	is_int(phrase_in_words("log in", ""), 0, "nothing in no words");
	is_int(phrase_in_words("user id", "user ids and user id"), 1,
	    "'user id' whole only, not in 'user ids'");
	words = phrase_words("MLN Connects\xc2\xae National Provider Call");
	is_int(words ? phrase_in_words("mln connects", words) : 0, 1,
	    "'mln connects' is found in 'MLN Connects® ...' (%s)",
	    words ? words : "(null)");
	free(words);
}

/* ------------------------------------------------------------------ */
/* thesaurus_read                                                      */

static void
test_read_groups(void)
{
	static const char text[] =
	    "# A comment line, then a blank one and white space\n"
	    "\n"
	    "   \t \n"
	    "password, Passcode ,  PWD   # a comment after the words\n"
	    "\xe2\x80\x9cLog In\xe2\x80\x9d, sign-in, E-mail, I&A, can't, "
	    "can\xe2\x80\x99t\n"
	    "phone: call, telephone\n"
	    "tty: deaf\n"
	    "foo: bar, baz\n"
	    "website: url, Web Address\r\n"
	    "  # indented comment\n"
	    "chat:live chat,chat\n";
	char *path = write_tmp("groups.txt", text), *msg = (char *)"x";
	thesaurus_t t;
	factsheet_status_t st;

	st = thesaurus_read(path, &t, &msg);
	is_int(st, FACTSHEET_STATUS_SUCCESS, "thesaurus_read: success");
	ok(msg == NULL, "no message on success");
	is_int(t.n_groups, 7, "seven groups (comments and blanks ignored)");
	if (t.n_groups != 7) {
		thesaurus_clear(&t);
		free(msg);
		free(path);
		return;
	}
	is_int(t.groups[0].n_members, 3, "group 1: three members");
	is_str(member(&t, 0, 0), "password", "group 1: password");
	is_str(member(&t, 0, 1), "passcode", "group 1: trimmed, folded");
	is_str(member(&t, 0, 2), "pwd", "group 1: comment cut off");
	is_int(t.groups[0].kind, FACTSHEET_CONTACT_LAST, "group 1: no kind");
	is_int(t.groups[0].line, 4, "group 1: line 4");

	is_int(t.groups[1].n_members, 6, "group 2: six members");
	is_str(member(&t, 1, 0), "log in", "group 2: curly quotes dropped");
	is_str(member(&t, 1, 1), "sign in", "group 2: sign-in is 'sign in'");
	is_str(member(&t, 1, 2), "e mail", "group 2: E-mail is 'e mail'");
	is_str(member(&t, 1, 3), "i&a", "group 2: I&A is 'i&a'");
	is_str(member(&t, 1, 4), "can't", "group 2: can't kept whole");
	is_str(member(&t, 1, 5), "can't", "group 2: can’t folded to can't");
	is_int(t.groups[1].line, 5, "group 2: line 5");

	is_int(t.groups[2].kind, FACTSHEET_CONTACT_PHONE, "phone: sets kind");
	is_int(t.groups[2].n_members, 2, "phone: two members");
	is_str(member(&t, 2, 0), "call", "phone: the label is no member");
	is_str(member(&t, 2, 1), "telephone", "phone: telephone");

	is_int(t.groups[3].kind, FACTSHEET_CONTACT_TTY, "tty: sets kind");
	is_int(t.groups[3].n_members, 1, "tty: one member is enough");
	is_str(member(&t, 3, 0), "deaf", "tty: deaf");

	is_int(t.groups[4].kind, FACTSHEET_CONTACT_LAST,
	    "'foo:' is no contact kind");
	is_str(member(&t, 4, 0), "foo bar", "'foo: bar' is a phrase");
	is_str(member(&t, 4, 1), "baz", "then baz");

	is_int(t.groups[5].kind, FACTSHEET_CONTACT_WEBSITE, "website: kind");
	is_str(member(&t, 5, 1), "web address", "CRLF line: no CR kept");
	is_int(t.groups[6].kind, FACTSHEET_CONTACT_CHAT,
	    "chat: kind without a space after the colon");
	is_str(member(&t, 6, 0), "live chat", "chat: live chat");
	is_int(t.groups[6].line, 11, "last group: line 11");
	thesaurus_clear(&t);
	is_size(t.n_groups, 0, "thesaurus_clear empties it");
	ok(t.groups == NULL, "thesaurus_clear frees the groups");
	thesaurus_clear(&t);
	free(path);
}

/* Expects thesaurus_read of TEXT to fail with STATUS and a message
 * holding every one of the NEEDLES (NULL-terminated). */
static void
read_fails(const char *what, const char *text, factsheet_status_t status,
	   const char *const *needles)
{
	char *path = write_tmp("bad.txt", text), *msg = NULL;
	thesaurus_t t;
	factsheet_status_t st = thesaurus_read(path, &t, &msg);

	is_int(st, status, "%s: %s", what, factsheet_status_to_string(status));
	ok(contains(msg, path), "%s: message names the file (%s)", what,
	    msg ? msg : "(null)");
	for (size_t i = 0; needles[i] != NULL; i++)
		ok(contains(msg, needles[i]), "%s: message says '%s'", what,
		    needles[i]);
	is_size(t.n_groups, 0, "%s: no groups left", what);
	ok(t.groups == NULL, "%s: no group array left", what);
	free(msg);
	free(path);
}

static void
test_read_errors(void)
{
	const char *const line3[] = { "line 3", NULL };
	const char *const line2[] = { "line 2", NULL };
	const char *const utf8[] = { "line 3", "byte 4", "UTF-8", NULL };
	char *missing = temp_path(tmpdir, "no-such-thesaurus.txt"), *msg = NULL;
	thesaurus_t t;
	factsheet_status_t st;

	read_fails("a single word", "password, pwd\n# fine\nlonely\n",
	    FACTSHEET_STATUS_BAD_INPUT, line3);
	read_fails("a word and an empty member", "password, pwd\nlonely, ,\n",
	    FACTSHEET_STATUS_BAD_INPUT, line2);
	read_fails("invalid UTF-8", "ok, fine\n# c\nbad \xff word, x\n",
	    FACTSHEET_STATUS_BAD_INPUT, utf8);
	read_fails("truncated UTF-8", "ok, fine\n\nbad \xe2\x80, x\n",
	    FACTSHEET_STATUS_BAD_INPUT, utf8);

	st = thesaurus_read(missing, &t, &msg);
	is_int(st, FACTSHEET_STATUS_FILE_ERROR, "a missing file: FILE_ERROR");
	ok(contains(msg, missing), "missing file: message names it (%s)",
	    msg ? msg : "(null)");
	ok(t.n_groups == 0, "missing file: no groups");
	free(msg);
	msg = NULL;

	st = thesaurus_read(tmpdir, &t, &msg);
	is_int(st, FACTSHEET_STATUS_FILE_ERROR, "a directory: FILE_ERROR");
	ok(contains(msg, tmpdir), "directory: message names it (%s)",
	    msg ? msg : "(null)");
	free(msg);
	free(missing);

	/* An empty file is an empty thesaurus, not an error. */
	{
		char *path = write_tmp("empty.txt", "# nothing\n\n");

		msg = NULL;
		st = thesaurus_read(path, &t, &msg);
		is_int(st, FACTSHEET_STATUS_SUCCESS, "comments only: success");
		is_int(t.n_groups, 0, "comments only: no groups");
		thesaurus_clear(&t);
		free(msg);
		free(path);
	}
}

static void
test_shipped(void)
{
	char *path = source_path(THESAURUS), *msg = NULL;
	int kinds[FACTSHEET_CONTACT_LAST] = { 0 }, all_kinds = 1;
	size_t small = 0, empty = 0;
	int login = 0, email = 0;
	thesaurus_t t;
	factsheet_status_t st;

	st = thesaurus_read(path, &t, &msg);
	is_int(st, FACTSHEET_STATUS_SUCCESS, "the shipped thesaurus parses "
	    "(%s)", msg ? msg : "no message");
	ok(msg == NULL, "shipped: no message");
	ok(t.n_groups >= 40, "shipped: at least 40 groups (%zu)", t.n_groups);
	for (size_t g = 0; g < t.n_groups; g++) {
		const thesaurus_group_t *grp = &t.groups[g];

		if (grp->kind < FACTSHEET_CONTACT_LAST)
			kinds[grp->kind] = 1;
		else if (grp->n_members < 2)
			small++;
		for (size_t i = 0; i < grp->n_members; i++) {
			empty += grp->members[i][0] == '\0';
			login |= strcmp(grp->members[i], "sign in") == 0 &&
			    strcmp(grp->members[0], "log in") == 0;
			email |= grp->kind == FACTSHEET_CONTACT_EMAIL &&
			    strcmp(grp->members[i], "e mail") == 0;
		}
	}
	for (int k = 0; k < FACTSHEET_CONTACT_LAST; k++) {
		if (!kinds[k])
			printf("# no '%s:' line\n",
			    factsheet_contact_kind_name(k));
		all_kinds &= kinds[k];
	}
	ok(all_kinds, "shipped: all six contact kinds have a line");
	is_int(small, 0, "shipped: every plain group has two members or more");
	is_int(empty, 0, "shipped: no empty member");
	ok(login, "shipped: 'sign in' is in the 'log in' group");
	ok(email, "shipped: 'e-mail' is 'e mail' in the email line");
	thesaurus_clear(&t);
	free(msg);
	free(path);
}

/* ------------------------------------------------------------------ */
/* Vanity numbers                                                      */

static void
vanity_ok(const char *s, const char *want, size_t span)
{
	char digits[11] = "";
	size_t n = contact_match_phone(s, digits);

	is_int(n, span, "'%s' spans %zu bytes", s, span);
	is_str(n ? digits : NULL, want, "'%s' is %s", s, want);
}

static void
vanity_rejected(const char *s)
{
	char digits[11] = "";

	is_int(contact_match_phone(s, digits), 0, "'%s' is no phone", s);
}

static void
test_vanity(void)
{
	char *canon;

	vanity_ok("1-800-MEDICARE", "8006334227", 14);
	vanity_ok("1-800-633-HELP", "8006334357", 14);
	vanity_ok("(800) MEDICARE", "8006334227", 14);
	vanity_ok("800-MEDICARE", "8006334227", 12);
	vanity_ok("1-800-MEDICARE.", "8006334227", 14);
	vanity_rejected("1-800-MEDIC");
	vanity_rejected("1-800-Medicare");
	vanity_rejected("1-800-MEDICAREX1");

	canon = contact_canonical_phones("call 1-800-MEDICARE now");
	is_str(canon, "call 8006334227 now", "canonical phones: vanity");
	free(canon);
	canon = contact_canonical_phones("1-800-633-4227 or 1-800-MEDICARE");
	is_str(canon, "8006334227 or 8006334227",
	    "canonical phones: digits and vanity alike");
	free(canon);
}

/* ------------------------------------------------------------------ */
/* End to end                                                          */

static factsheet_results_t *
search(factsheet_db_t *db, const char *query)
{
	factsheet_results_t *r = NULL;
	factsheet_status_t st = factsheet_db_search(db, query, NULL, &r);

	if (st != FACTSHEET_STATUS_SUCCESS)
		printf("# search '%s': %s\n", query,
		    factsheet_db_last_error(db));
	return r;
}

/* Whether R asks for contacts of KIND: 1 or 0; -1 without R. */
static int
asks(const factsheet_results_t *r, factsheet_contact_kind_t kind)
{
	return r ? factsheet_results_asks_for(r, kind) != 0 : -1;
}

static const char *
heading(const factsheet_results_t *r, size_t i)
{
	const factsheet_hit_t *h = r ? factsheet_results_hit(r, i) : NULL;

	return h && h->section ? h->section->heading : NULL;
}

/* Whether any field of hit I's section holds NEEDLE. */
static int
hit_has(const factsheet_results_t *r, size_t i, const char *needle)
{
	const factsheet_hit_t *h = r ? factsheet_results_hit(r, i) : NULL;
	const factsheet_section_t *s = h ? h->section : NULL;

	return s && (contains(s->heading, needle) ||
	    contains(s->text, needle) ||
	    contains(s->solution_heading, needle) ||
	    contains(s->solution_text, needle));
}

static void
first_is(factsheet_db_t *db, const char *query, const char *want)
{
	factsheet_results_t *r = search(db, query);

	is_str(heading(r, 0), want, "'%s' finds '%s' first", query, want);
	factsheet_results_free(r);
}

static void
test_synonyms(factsheet_db_t *db)
{
	factsheet_results_t *r;

	first_is(db, "sign in", "Accessing the PECOS System");
	first_is(db, "log in", "Accessing the PECOS System");

	r = search(db, "username");
	cmp_ok(r ? factsheet_results_count(r) : 0, >, 0, "'username' has hits");
	ok(hit_has(r, 0, "user ID"), "'username' finds a section with "
	    "'user ID' (%s)", heading(r, 0) ? heading(r, 0) : "(none)");
	factsheet_results_free(r);
}

static void
test_asks(factsheet_db_t *db)
{
	factsheet_results_t *r;

	r = search(db, "deaf");
	is_int(asks(r, FACTSHEET_CONTACT_TTY), 1,
	    "'deaf' asks for a TTY");
	is_int(asks(r, FACTSHEET_CONTACT_PHONE), 0,
	    "'deaf' does not ask for a phone");
	is_str(heading(r, 0), "Navigating/Accessing PECOS Website",
	    "'deaf' finds the section with the TTY number first");
	factsheet_results_free(r);

	r = search(db, "what is the phone number");
	is_int(asks(r, FACTSHEET_CONTACT_PHONE), 1,
	    "'what is the phone number' asks for a phone");
	is_int(asks(r, FACTSHEET_CONTACT_EMAIL), 0,
	    "'what is the phone number' does not ask for an email");
	is_int(asks(r, FACTSHEET_CONTACT_LAST), 0,
	    "asks_for an out-of-range kind is false");
	factsheet_results_free(r);

	r = search(db, "Hard of Hearing");
	is_int(asks(r, FACTSHEET_CONTACT_TTY), 1,
	    "'Hard of Hearing' (a phrase, any case) asks for a TTY");
	factsheet_results_free(r);

	r = search(db, "E-mail");
	is_int(asks(r, FACTSHEET_CONTACT_EMAIL), 1,
	    "'E-mail' asks for an email");
	factsheet_results_free(r);

	/* A kind's word for the asker's own thing asks for no contact;
	 * with a word to reach someone, or as the way to, it does. */
	r = search(db, "lost my phone at the office");
	is_int(asks(r, FACTSHEET_CONTACT_PHONE), 0,
	    "'lost my phone at the office' does not ask for a phone");
	factsheet_results_free(r);
	r = search(db, "pecos help desk who to call");
	is_int(asks(r, FACTSHEET_CONTACT_PHONE), 1,
	    "'pecos help desk who to call' asks for a phone");
	factsheet_results_free(r);
	r = search(db, "can I enroll by phone");
	is_int(asks(r, FACTSHEET_CONTACT_PHONE), 1,
	    "'can I enroll by phone' asks for a phone");
	factsheet_results_free(r);
	r = search(db, "EUS phone");
	is_int(asks(r, FACTSHEET_CONTACT_PHONE), 1,
	    "'EUS phone' (a name and a kind) asks for a phone");
	factsheet_results_free(r);

	r = search(db, "password");
	for (int k = 0; r && k < FACTSHEET_CONTACT_LAST; k++)
		if (factsheet_results_asks_for(r, k))
			printf("# 'password' asks for %s\n",
			    factsheet_contact_kind_name(k));
	is_int(asks(r, FACTSHEET_CONTACT_PHONE), 0,
	    "'password' asks for no phone");
	is_int(asks(r, FACTSHEET_CONTACT_TTY), 0,
	    "'password' asks for no TTY");
	factsheet_results_free(r);

	r = search(db, "who should I");
	cmp_ok(r ? factsheet_results_count(r) : 0, >, 0, "a query of "
	    "stopwords only ('who should I') still has hits");
	factsheet_results_free(r);
}

static void
test_spelling(factsheet_db_t *db)
{
	factsheet_results_t *r;

	r = search(db, "pasword expird");
	is_str(r ? factsheet_results_corrected(r) : NULL, "password expired",
	    "'pasword expird' is corrected");
	is_str(heading(r, 0), "Accessing the PECOS System",
	    "the corrected query finds the password problem");
	factsheet_results_free(r);

	r = search(db, "password expired");
	ok(r != NULL, "'password expired' runs");
	is_str(r ? factsheet_results_corrected(r) : NULL, NULL,
	    "a correct query is not corrected");
	factsheet_results_free(r);

	r = search(db, "npi");
	ok(r != NULL, "'npi' runs");
	is_str(r ? factsheet_results_corrected(r) : NULL, NULL,
	    "a short acronym is never corrected (npi)");
	factsheet_results_free(r);

	r = search(db, "nppes ehr");
	is_str(r ? factsheet_results_corrected(r) : NULL, NULL,
	    "acronyms in a query of several words are not corrected");
	factsheet_results_free(r);
}

static void
test_explain(factsheet_db_t *db)
{
	factsheet_results_t *r = search(db, "password expired");
	factsheet_explain_t *terms = NULL;
	size_t n = 0, bad_weight = 0, unsorted = 0, no_field = 0;
	factsheet_status_t st;

	if (r == NULL) {
		ok(0, "'password expired' for explain");
		return;
	}
	is_str(factsheet_results_last_error(r), "",
	    "explain: no error before any call failed");
	st = factsheet_results_explain(r, 0, &terms, &n);
	is_int(st, FACTSHEET_STATUS_SUCCESS, "explain hit 0");
	ok(n > 0, "explain: some terms (%zu)", n);
	for (size_t k = 0; k < n; k++) {
		bad_weight += !(terms[k].weight > 0);
		unsorted += k > 0 && terms[k].weight > terms[k - 1].weight;
		no_field += terms[k].field == NULL || terms[k].field[0] == '\0';
		if (terms[k].term == NULL || terms[k].term[0] == '\0')
			no_field++;
	}
	is_int(bad_weight, 0, "explain: every weight above 0");
	is_int(unsorted, 0, "explain: heaviest first");
	is_int(no_field, 0, "explain: every term and field named");
	cmp_ok(n > 0 ? (long)terms[0].wdf : 0, >, 0,
	    "explain: the heaviest term has a wdf");
	cmp_ok(n > 0 ? (long)terms[0].documents : 0, >, 0,
	    "explain: the heaviest term has a document count");
	factsheet_explain_free(terms, n);

	terms = (factsheet_explain_t *)&terms;
	n = 99;
	st = factsheet_results_explain(r, factsheet_results_count(r), &terms,
	    &n);
	cmp_ok(st, !=, FACTSHEET_STATUS_SUCCESS,
	    "explain past the last hit: an error");
	ok(terms == NULL, "explain past the last hit: no terms");
	is_size(n, 0, "explain past the last hit: a count of 0");
	ok(strstr(factsheet_results_last_error(r), "no hit") != NULL,
	    "explain past the last hit: the results say why (%s)",
	    factsheet_results_last_error(r));
	factsheet_explain_free(NULL, 0);
	factsheet_results_free(r);
}

static void
test_json(factsheet_db_t *db)
{
	factsheet_results_t *r = search(db, "password expired");
	char *with = r ? factsheet_results_to_json(r, "password expired", 1) :
	    NULL;
	char *without = r ? factsheet_results_to_json(r, "password expired",
	    0) : NULL;
	json_error_t err;
	json_t *a = with ? json_loads(with, 0, &err) : NULL;
	json_t *b = without ? json_loads(without, 0, &err) : NULL;
	json_t *ra = json_object_get(a, "results");
	json_t *rb = json_object_get(b, "results");
	size_t missing = 0, present = 0, empty = 0;

	ok(a != NULL, "JSON with explain parses");
	ok(b != NULL, "JSON without explain parses");
	cmp_ok(json_array_size(ra), >, 0, "JSON: some results");
	is_size(json_array_size(rb), json_array_size(ra),
	    "JSON: the same results both ways");
	for (size_t i = 0; i < json_array_size(ra); i++) {
		json_t *e = json_object_get(json_array_get(ra, i), "explain");

		missing += !json_is_array(e);
		empty += json_is_array(e) && json_array_size(e) == 0;
	}
	for (size_t i = 0; i < json_array_size(rb); i++)
		present += json_object_get(json_array_get(rb, i), "explain") !=
		    NULL;
	is_int(missing, 0, "explain=1: every result has an 'explain' array");
	is_int(empty, 0, "explain=1: no 'explain' array is empty");
	is_int(present, 0, "explain=0: no result has an 'explain' key");
	{
		json_t *e0 = json_array_get(json_object_get(
		    json_array_get(ra, 0), "explain"), 0);

		static const struct {
			const char *key;
			json_type type;
		} keys[] = {
			{ "term", JSON_STRING }, { "field", JSON_STRING },
			{ "weight", JSON_REAL }, { "wdf", JSON_INTEGER },
			{ "documents", JSON_INTEGER },
		};

		for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
			json_t *v = json_object_get(e0, keys[k].key);

			is_int(v ? (long)json_typeof(v) : -1, keys[k].type,
			    "explain entries have '%s' of JSON type %d",
			    keys[k].key, (int)keys[k].type);
		}
	}
	ok(json_is_null(json_object_get(a, "corrected")),
	    "JSON: corrected is null when nothing was corrected");
	json_decref(a);
	json_decref(b);
	free(with);
	free(without);
	factsheet_results_free(r);
}

/* The hits of QUERY as one string of ids, for comparing runs. */
static char *
ranking(factsheet_db_t *db, const char *query)
{
	factsheet_results_t *r = search(db, query);
	strbuf_t b = { 0 };

	for (size_t i = 0; r && i < factsheet_results_count(r); i++) {
		const factsheet_hit_t *h = factsheet_results_hit(r, i);

		strbuf_printf(&b, "%s#%s %d\n", h->publication_source,
		    h->section->slug, h->percent);
	}
	factsheet_results_free(r);
	return strbuf_finish(&b);
}

static void
test_determinism(factsheet_db_t *db)
{
	static const char *const queries[] = {
		"password expired", "help", "who should I", "pecos",
	};

	for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
		char *one = ranking(db, queries[i]);
		char *two = ranking(db, queries[i]);

		cmp_ok(one ? strlen(one) : 0, >, 0, "'%s' ranks some hits",
		    queries[i]);
		is_str(two, one, "'%s' twice: the same order", queries[i]);
		free(one);
		free(two);
	}
}

static void
test_vanity_search(factsheet_db_t *db)
{
	static const char text[] = "Medicare Help Line\n\n"
	    "Problem: Questions about your benefits\n\n"
	    "You have a question about what Original Medicare covers.\n\n"
	    "Solution: Call the Medicare help line\n\n"
	    "Phone: 1-800-MEDICARE\n";
	static const char *const queries[] = {
		"1-800-633-4227", "8006334227", "(800) 633-4227",
		"1-800-MEDICARE",
	};
	factsheet_publication_t *pub = NULL;
	char *msg = NULL;
	const factsheet_section_t *s;
	factsheet_status_t st;

	st = factsheet_publication_parse("vanity.txt", text, sizeof text - 1,
	    &pub, &msg);
	is_int(st, FACTSHEET_STATUS_SUCCESS, "the vanity publication parses "
	    "(%s)", msg ? msg : "no message");
	free(msg);
	if (pub == NULL)
		return;
	s = pub->n_sections > 0 ? &pub->sections[0] : NULL;
	is_size(s ? s->n_contacts : 0, 1, "it has one contact");
	is_int(s && s->n_contacts > 0 ? (long)s->contacts[0].kind : -1,
	    FACTSHEET_CONTACT_PHONE, "its contact is a phone");
	is_str(s && s->n_contacts > 0 ? s->contacts[0].value : NULL,
	    "1-800-MEDICARE", "its contact is 1-800-MEDICARE");
	is_int(factsheet_db_add_publication(db, pub),
	    FACTSHEET_STATUS_SUCCESS, "index it beside the fact sheet");
	is_int(factsheet_db_commit(db), FACTSHEET_STATUS_SUCCESS, "commit");

	for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
		factsheet_results_t *r = search(db, queries[i]);
		char *marked = r ? factsheet_results_highlight(r,
		    "Phone: 1-800-MEDICARE", 0, "[", "]", 0) : NULL;

		if (i < 3) {
			is_str(heading(r, 0), "Questions about your benefits",
			    "'%s' finds the 1-800-MEDICARE section",
			    queries[i]);
			is_int(r ? factsheet_results_count(r) : 0, 1,
			    "'%s' finds only it", queries[i]);
		}
		/* The number typed as printed is searched by its digits,
		 * like every other way of typing it. */
		is_str(marked, "Phone: [1-800-MEDICARE]",
		    "'%s' highlights the vanity number", queries[i]);
		free(marked);
		factsheet_results_free(r);
	}
	factsheet_publication_free(pub);
}

static void
test_end_to_end(void)
{
	char *path = temp_path(tmpdir, "db"), *thesaurus = source_path(THESAURUS);
	char *corpus = source_path(CORPUS), *missing = temp_path(tmpdir, "missing.txt");
	factsheet_publication_t *pub = NULL;
	factsheet_db_t *db = NULL;
	char *msg = NULL;
	factsheet_status_t st;

	st = factsheet_db_open(path, FACTSHEET_DB_READ_WRITE, &db, &msg);
	is_int(st, FACTSHEET_STATUS_SUCCESS, "create a database (%s)",
	    msg ? msg : "ok");
	free(msg);
	msg = NULL;
	if (db == NULL)
		goto out;
	st = factsheet_db_set_thesaurus(db, missing);
	is_int(st, FACTSHEET_STATUS_FILE_ERROR,
	    "set_thesaurus of a missing file: FILE_ERROR");
	ok(contains(factsheet_db_last_error(db), missing),
	    "set_thesaurus: the error names the file (%s)",
	    factsheet_db_last_error(db));
	st = factsheet_db_set_thesaurus(db, thesaurus);
	is_int(st, FACTSHEET_STATUS_SUCCESS, "install the shipped thesaurus");
	if (st != FACTSHEET_STATUS_SUCCESS)
		printf("# %s\n", factsheet_db_last_error(db));
	st = factsheet_publication_read_file(corpus, &pub, &msg);
	is_int(st, FACTSHEET_STATUS_SUCCESS, "read the fact sheet (%s)",
	    msg ? msg : "ok");
	free(msg);
	if (pub == NULL)
		goto out;
	is_int(factsheet_db_add_publication(db, pub),
	    FACTSHEET_STATUS_SUCCESS, "index the fact sheet");
	is_int(factsheet_db_commit(db), FACTSHEET_STATUS_SUCCESS, "commit");

	test_synonyms(db);
	test_asks(db);
	test_spelling(db);
	test_explain(db);
	test_json(db);
	test_determinism(db);
	test_vanity_search(db);
out:
	factsheet_publication_free(pub);
	factsheet_db_close(db);
	free(path);
	free(thesaurus);
	free(corpus);
	free(missing);
}

int
main(void)
{
	if ((tmpdir = temp_dir("test-thesaurus")) == NULL)
		return 1;
	test_phrase_words();
	test_phrase_in_words();
	test_read_groups();
	test_read_errors();
	test_shipped();
	test_vanity();
	test_end_to_end();
	remove_tree(tmpdir);
	free(tmpdir);
	return done_testing();
}
