/*
 * remote.cc - several databases searched as one: local shards, stub
 * files naming them, and remote shards served by xapian-tcpsrv
 * ("tcp://host:port"), combined with Database::add_database, and the
 * local databases whose spelling data and synonyms their queries use.
 */
#include <config.h>

#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "internal.hh"

static const char tcp_scheme[] = "tcp://";

/* HOST:PORT into SPEC; false when it is not of that form. */
static bool
parse_host_port(const std::string &text, shard_spec &spec)
{
	size_t colon = text.rfind(':');

	if (colon == std::string::npos || colon == 0 ||
	    colon + 1 == text.size())
		return false;
	char *end;
	unsigned long port = std::strtoul(text.c_str() + colon + 1, &end, 10);
	if (*end != '\0' || port == 0 || port > 65535)
		return false;
	spec.remote = true;
	spec.where = text.substr(0, colon);
	spec.port = static_cast<unsigned>(port);
	return true;
}

/*
 * The shards of the stub file at PATH, one a line: "auto FOLDER" (or
 * "glass FOLDER"), relative to the stub's own folder, or "remote
 * HOST:PORT"; blank lines and "#" comments are skipped.  Xapian reads the
 * same lines; we read them ourselves so that each shard has its lexicon
 * and the timeout the caller asked for.
 */
static void
read_stub(const std::string &path, std::vector<shard_spec> &out)
{
	std::ifstream in(path);
	std::string line, dir = ".";
	size_t slash = path.rfind('/');
	unsigned number = 0;

	if (slash != std::string::npos)
		dir = path.substr(0, slash == 0 ? 1 : slash);
	if (!in)
		throw Xapian::DatabaseOpeningError("cannot read stub file");
	while (std::getline(in, line)) {
		number++;
		std::istringstream words(line);
		std::string type, where;
		if (!(words >> type) || type[0] == '#')
			continue;
		std::getline(words >> std::ws, where);
		shard_spec spec;
		spec.name = where;
		spec.remote = false;
		spec.port = 0;
		if (type == "remote" && !where.empty() && where[0] != ':' &&
		    parse_host_port(where, spec)) {
			spec.name = tcp_scheme + where;
		} else if ((type == "auto" || type == "glass" ||
		    type == "chert") && !where.empty()) {
			spec.where = where[0] == '/' ? where : dir + "/" + where;
			spec.name = spec.where;
		} else {
			throw Xapian::DatabaseOpeningError("stub file, line " +
			    std::to_string(number) + ": want \"auto FOLDER\" "
			    "or \"remote HOST:PORT\", not \"" + line + "\"");
		}
		out.push_back(spec);
	}
}

/* What NAME, a --db, names: a folder, a stub file or tcp://HOST:PORT. */
static void
parse_shard(const std::string &name, std::vector<shard_spec> &out)
{
	shard_spec spec;
	struct stat st;

	spec.name = name;
	spec.remote = false;
	spec.port = 0;
	if (name.compare(0, sizeof tcp_scheme - 1, tcp_scheme) == 0) {
		if (!parse_host_port(name.substr(sizeof tcp_scheme - 1), spec))
			throw Xapian::DatabaseOpeningError("want "
			    "tcp://HOST:PORT");
		out.push_back(spec);
	} else if (stat(name.c_str(), &st) == 0 && S_ISREG(st.st_mode)) {
		read_stub(name, out);
	} else {
		spec.where = name;
		out.push_back(spec);
	}
}

/* How long a shard that did not answer is left out before it is tried
 * again: each try may wait the whole timeout. */
static const std::chrono::seconds retry_after(2);

/* The shard SPEC, opened and checked, waited for at most TIMEOUT_MS. */
static Xapian::Database
open_shard(const shard_spec &spec, unsigned timeout_ms)
{
	Xapian::Database part = spec.remote ?
	    Xapian::Remote::open(spec.where, spec.port, timeout_ms,
	    timeout_ms) : Xapian::Database(spec.where);
	std::string mismatch = schema_mismatch(part);

	if (!mismatch.empty())
		throw schema_error(mismatch);
	return part;
}

/* DB's database and words, of the shards that answer, made afresh. */
static void
combine(shim_db_t *db)
{
	std::unique_ptr<Xapian::Database> all(new Xapian::Database());
	std::unique_ptr<Xapian::Database> words(new Xapian::Database());
	std::vector<Xapian::Database> parts, word_parts;
	std::vector<std::string> names;

	for (size_t i = 0; i < db->specs.size(); i++) {
		if (!db->up[i])
			continue;
		all->add_database(db->spec_dbs[i]);
		parts.push_back(db->spec_dbs[i]);
		names.push_back(db->specs[i].name);
		if (!db->specs[i].remote)
			word_parts.push_back(open_words(db->spec_dbs[i],
			    db->specs[i].where));
	}
	/* A remote shard serves no spelling data and no synonyms
	 * (Xapian 1.4): those come from local copies. */
	for (const Xapian::Database &extra : db->extra_words)
		word_parts.push_back(extra);
	for (Xapian::Database &part : word_parts)
		words->add_database(part);
	delete db->db;
	db->db = all.release();
	delete db->words;
	db->words = words.release();
	db->parts.swap(parts);
	db->part_names.swap(names);
	db->word_parts.swap(word_parts);
}

bool
shards_missing(const shim_db_t *db)
{
	return std::find(db->up.begin(), db->up.end(), false) != db->up.end();
}

/*
 * After a failure to reach a shard: each remote shard is connected to
 * afresh (a connection a failed query used may hold replies not read),
 * and those that do not answer are left out, when DB may leave them out.
 * True when a shard still answers.  Tried only when DB has remote shards.
 */
bool
drop_unreachable(shim_db_t *db)
{
	if (!db->missing_ok)
		return false;
	bool any = false;
	for (size_t i = 0; i < db->specs.size(); i++) {
		if (!db->specs[i].remote) {
			any = any || db->up[i];
			continue;
		}
		db->up[i] = false;
		try {
			db->spec_dbs[i] = open_shard(db->specs[i],
			    db->timeout_ms);
			db->up[i] = true;
			any = true;
		} catch (const Xapian::NetworkError &) {
			db->spec_dbs[i] = Xapian::Database();
		}
	}
	db->retry_at = std::chrono::steady_clock::now() + retry_after;
	if (any)
		combine(db);
	return any;
}

/* The shards DB left out, tried again once their time has come: those
 * that answer again are searched again. */
void
retry_missing(shim_db_t *db)
{
	if (!shards_missing(db) ||
	    std::chrono::steady_clock::now() < db->retry_at)
		return;
	bool back = false;
	for (size_t i = 0; i < db->specs.size(); i++) {
		if (db->up[i])
			continue;
		try {
			db->spec_dbs[i] = open_shard(db->specs[i],
			    db->timeout_ms);
			db->up[i] = true;
			back = true;
		} catch (const Xapian::NetworkError &) {
		}
	}
	db->retry_at = std::chrono::steady_clock::now() + retry_after;
	if (back)
		combine(db);
}

void
open_local_shards_again(shim_db_t *db)
{
	std::vector<Xapian::Database> again(db->spec_dbs), words;

	for (size_t i = 0; i < db->specs.size(); i++)
		if (db->up[i] && !db->specs[i].remote)
			again[i] = open_shard(db->specs[i], db->timeout_ms);
	for (const std::string &path : db->extra_word_paths)
		words.push_back(open_words(Xapian::Database(path), path));
	db->spec_dbs.swap(again);
	db->extra_words.swap(words);
	combine(db);
}

extern "C" factsheet_status_t
shim_db_open_shards(const char *const *paths, size_t n_paths,
		    const char *const *words, size_t n_words,
		    unsigned timeout_ms, int missing_ok, shim_db_t **out,
		    char **message)
{
	std::unique_ptr<shim_db> db;
	std::string current, down, first_error;
	factsheet_status_t first_status = FACTSHEET_STATUS_SUCCESS;

	*out = NULL;
	*message = NULL;
	try {
		db.reset(new shim_db);
		db->writable = false;
		db->emptied = false;
		db->remote = false;
		db->rw = NULL;
		db->builder = NULL;
		db->batches = 0;
		db->db = NULL;
		db->words = NULL;
		db->missing_ok = missing_ok != 0;
		db->timeout_ms = timeout_ms;
		db->retry_at = std::chrono::steady_clock::now() + retry_after;
		for (size_t i = 0; i < n_paths; i++) {
			current = paths[i];
			if (i > 0)
				db->path += ", ";
			db->path += paths[i];
			size_t before = db->specs.size();
			parse_shard(paths[i], db->specs);
			if (db->specs.size() == before)
				throw Xapian::DatabaseOpeningError("a stub "
				    "file naming no database");
		}
		/* Each shard is opened on its own: a combined database fails
		 * as a whole when one of its shards does. */
		bool any = false;
		for (const shard_spec &spec : db->specs) {
			current = spec.name;
			Xapian::Database part;
			bool up = true;
			try {
				part = open_shard(spec, timeout_ms);
			} catch (const Xapian::NetworkError &) {
				if (!db->missing_ok)
					throw;
				if (first_status == FACTSHEET_STATUS_SUCCESS)
					first_status = classify(first_error,
					    spec.name, true);
				down += (down.empty() ? "" : ", ") + spec.name;
				up = false;
			}
			db->spec_dbs.push_back(part);
			db->up.push_back(up);
			any = any || up;
			if (spec.remote)
				db->remote = true;
		}
		if (!any) {
			*message = copy_string("no shard answers (" + down +
			    "): " + first_error);
			return first_status;
		}
		for (size_t i = 0; i < n_words; i++) {
			current = words[i];
			Xapian::Database part(words[i]);
			db->extra_words.push_back(open_words(part, words[i]));
			db->extra_word_paths.push_back(words[i]);
		}
		combine(db.get());
		/* Our PostingSource and MatchSpy see one database's
		 * docids: several, like a remote one, take Xapian's own. */
		if (db->specs.size() > 1)
			db->remote = true;
		*out = db.release();
		return FACTSHEET_STATUS_SUCCESS;
	} catch (...) {
		std::string error;
		factsheet_status_t status = classify(error, current, true);

		if (db) {
			delete db->words;
			delete db->db;
		}
		*message = copy_string(error);
		return status;
	}
}

extern "C" int
shim_db_is_remote(const shim_db_t *db)
{
	return db->remote;
}

extern "C" factsheet_status_t
shim_db_check_shards(shim_db_t *db, char **down)
{
	*down = NULL;
	for (size_t i = 0; i < db->parts.size(); i++) {
		try {
			db->parts[i].reopen();
			(void)db->parts[i].get_doccount();
		} catch (...) {
			std::string error;
			factsheet_status_t status = classify(error,
			    db->part_names[i], true);
			db->error = error;
			*down = copy_string(db->part_names[i]);
			return status;
		}
	}
	return FACTSHEET_STATUS_SUCCESS;
}
