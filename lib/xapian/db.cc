/*
 * db.cc - opening and closing a database, its schema check, counts,
 * metadata, the synonym table, a publication's records, and reopening a
 * reader on the latest revision.
 */
#include <config.h>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>

#include "internal.hh"

/*
 * Why DB, holding documents, cannot be read as this version reads an
 * index, or "" when it can: a new or empty index takes this schema.
 */
std::string
schema_mismatch(const Xapian::Database &db)
{
	if (db.get_doccount() == 0)
		return std::string();
	std::string version = db.get_metadata(schema_key);
	if (version == schema_version)
		return std::string();
	return "index made by " + std::string(version.empty() ||
	    std::atoi(version.c_str()) < std::atoi(schema_version) ?
	    "an earlier" : "a later") + " version of factsheet (schema " +
	    (version.empty() ? std::string("4 or before") : version) +
	    ", this version reads " + schema_version +
	    "): re-index with --force";
}

extern "C" factsheet_status_t
shim_db_open(const char *path, int writable, shim_db_t **out, char **message)
{
	shim_db_t *db = NULL;

	*out = NULL;
	*message = NULL;
	try {
		db = new shim_db;
		db->path = path;
		db->writable = writable != 0;
		db->emptied = false;
		db->remote = false;
		db->db = NULL;
		db->rw = NULL;
		db->words = NULL;
		db->builder = NULL;
		db->batches = 0;
		db->missing_ok = false;
		db->timeout_ms = 0;
		if (writable) {
			db->rw = new Xapian::WritableDatabase(path,
			    Xapian::DB_CREATE_OR_OPEN);
			db->db = db->rw;
			std::string mismatch = schema_mismatch(*db->rw);
			if (!mismatch.empty() && writable != 2)
				throw schema_error(mismatch);
			if (!mismatch.empty()) {
				/* Emptied, with its lexicon: the files are all
				 * indexed again (--force). */
				db->rw->close();
				delete db->rw;
				db->rw = NULL;
				db->db = NULL;
				db->rw = new Xapian::WritableDatabase(path,
				    Xapian::DB_CREATE_OR_OVERWRITE);
				db->db = db->rw;
				db->emptied = true;
			}
			db->rw->set_metadata(schema_key, schema_version);
			db->rw->set_metadata(features_key, features);
			db->builder = new_builder();
			db->batch_tag = new_batch_tag();
		} else {
			db->db = new Xapian::Database(path);
			std::string mismatch = schema_mismatch(*db->db);
			if (!mismatch.empty())
				throw schema_error(mismatch);
			db->words = new Xapian::Database(open_words(*db->db,
			    path));
		}
		*out = db;
		return FACTSHEET_STATUS_SUCCESS;
	} catch (...) {
		std::string error;
		factsheet_status_t status = classify(error, path, !writable);

		if (db != NULL) {
			delete db->builder;
			delete db->words;
			delete db->db;
			delete db;
		}
		*message = copy_string(error);
		return status;
	}
}

extern "C" void
shim_db_close(shim_db_t *db)
{
	if (db == NULL)
		return;
	try {
		/* WritableDatabase::close() commits what is pending. */
		db->db->close();
	} catch (...) {
		/* Nothing to report to: the caller committed explicitly. */
	}
	delete db->builder;
	delete db->words;
	delete db->db;
	delete db;
}

extern "C" const char *
shim_db_error(const shim_db_t *db)
{
	return db->error.c_str();
}

extern "C" factsheet_status_t
shim_db_term_count(shim_db_t *db, unsigned long *count)
{
	*count = 0;
	try {
		read_latest(db, [&] {
			unsigned long n = 0;
			/* A word is indexed as "Z" and its stem; a field's
			 * words carry a capital prefix after the "Z". */
			for (Xapian::TermIterator t =
			    db->db->allterms_begin("Z");
			    t != db->db->allterms_end("Z"); ++t) {
				const std::string term = *t;
				if (term.size() > 1 &&
				    !(term[1] >= 'A' && term[1] <= 'Z'))
					n++;
			}
			*count = n;
		});
		return FACTSHEET_STATUS_SUCCESS;
	} catch (...) {
		return classify(db->error, db->path, true);
	}
}

extern "C" factsheet_status_t
shim_db_count(shim_db_t *db, unsigned long *count)
{
	*count = 0;
	try {
		read_latest(db, [&] {
			*count = db->db->get_doccount();
		});
		return FACTSHEET_STATUS_SUCCESS;
	} catch (...) {
		return classify(db->error, db->path, true);
	}
}

/* A member as a synonym: a word by its stem, a phrase as a whole. */
static std::string
synonym_term(const Xapian::Stem &stem, const std::string &member)
{
	if (member.find(' ') != std::string::npos)
		return member;
	return "Z" + stem(member);
}

extern "C" factsheet_status_t
shim_db_set_synonyms(shim_db_t *db, const shim_group_t *groups,
		     size_t n_groups)
{
	try {
		if (!db->writable)
			throw Xapian::InvalidOperationError(
			    "database opened read-only");
		Xapian::Stem stem(stem_language);
		std::vector<std::string> old;
		for (Xapian::TermIterator k = db->rw->synonym_keys_begin();
		    k != db->rw->synonym_keys_end(); ++k)
			old.push_back(*k);
		for (const std::string &key : old)
			db->rw->clear_synonyms(key);
		for (size_t g = 0; g < n_groups; g++) {
			const shim_group_t &group = groups[g];
			for (size_t i = 0; i < group.n_members; i++) {
				std::string x = group.members[i];
				/* The parser looks a word up as typed and,
				 * stemming, by its stem: file it under both. */
				std::vector<std::string> keys{x};
				if (x.find(' ') == std::string::npos)
					keys.push_back("Z" + stem(x));
				for (size_t j = 0; j < group.n_members; j++) {
					std::string value = synonym_term(stem,
					    group.members[j]);
					for (const std::string &key : keys)
						if (j != i && value != key &&
						    value != "Z" + stem(x))
							db->rw->add_synonym(key,
							    value);
				}
			}
		}
		return FACTSHEET_STATUS_SUCCESS;
	} catch (...) {
		return classify(db->error, db->path, false);
	}
}

extern "C" factsheet_status_t
shim_db_phrases(shim_db_t *db, char ***phrases, size_t *n_phrases)
{
	std::vector<std::string> found;

	*phrases = NULL;
	*n_phrases = 0;
	try {
		/* A remote shard has no synonyms: the local words do. */
		Xapian::Database &w = db->words != NULL ? *db->words : *db->db;
		read_latest(db, [&] {
			found.clear();
			for (Xapian::TermIterator k = w.synonym_keys_begin();
			    k != w.synonym_keys_end(); ++k)
				if ((*k).find(' ') != std::string::npos)
					found.push_back(*k);
		});
	} catch (...) {
		return classify(db->error, db->path, !db->writable);
	}
	char **out = static_cast<char **>(std::calloc(found.size() + 1,
	    sizeof *out));
	if (out == NULL) {
		db->error = db->path + ": out of memory";
		return FACTSHEET_STATUS_OUT_OF_MEMORY;
	}
	for (size_t i = 0; i < found.size(); i++) {
		if ((out[i] = copy_string(found[i])) == NULL) {
			for (size_t j = 0; j < i; j++)
				std::free(out[j]);
			std::free(out);
			db->error = db->path + ": out of memory";
			return FACTSHEET_STATUS_OUT_OF_MEMORY;
		}
	}
	*phrases = out;
	*n_phrases = found.size();
	return FACTSHEET_STATUS_SUCCESS;
}

extern "C" factsheet_status_t
shim_db_set_metadata(shim_db_t *db, const char *key, const char *value)
{
	try {
		if (!db->writable)
			throw Xapian::InvalidOperationError(
			    "database opened read-only");
		db->rw->set_metadata(key, value);
		return FACTSHEET_STATUS_SUCCESS;
	} catch (...) {
		return classify(db->error, db->path, false);
	}
}

/*
 * KEY's value in DB.  Xapian reads a combined database's metadata from
 * its first shard only; ours are each shard's, and the value is each
 * distinct one, in shard order, a line apart: shards indexed with one
 * thesaurus share it, and their URL maps add up.
 */
static std::string
metadata_of(shim_db_t *db, const char *key)
{
	if (db->parts.size() < 2)
		return db->db->get_metadata(key);
	std::vector<std::string> seen;
	std::string v;
	for (Xapian::Database &part : db->parts) {
		std::string one = part.get_metadata(key);
		if (one.empty() || std::find(seen.begin(), seen.end(), one) !=
		    seen.end())
			continue;
		if (!v.empty() && v.back() != '\n')
			v += '\n';
		v += one;
		seen.push_back(one);
	}
	return v;
}

extern "C" factsheet_status_t
shim_db_get_metadata(shim_db_t *db, const char *key, char **value)
{
	*value = NULL;
	try {
		std::string v;
		read_latest(db, [&] { v = metadata_of(db, key); });
		if ((*value = copy_string(v)) == NULL) {
			db->error = db->path + ": out of memory";
			return FACTSHEET_STATUS_OUT_OF_MEMORY;
		}
		return FACTSHEET_STATUS_SUCCESS;
	} catch (...) {
		return classify(db->error, db->path, !db->writable);
	}
}

extern "C" factsheet_status_t
shim_db_metadata_list(shim_db_t *db, const char *prefix, char ***keys,
		      char ***values, size_t *n)
{
	std::vector<std::string> k, v;

	*keys = NULL;
	*values = NULL;
	*n = 0;
	try {
		read_latest(db, [&] {
			k.clear();
			v.clear();
			for (Xapian::TermIterator it =
			    db->db->metadata_keys_begin(prefix);
			    it != db->db->metadata_keys_end(prefix); ++it) {
				k.push_back(*it);
				v.push_back(db->db->get_metadata(*it));
			}
		});
	} catch (...) {
		return classify(db->error, db->path, !db->writable);
	}
	if ((*keys = copy_strings(k)) == NULL ||
	    (*values = copy_strings(v)) == NULL) {
		shim_strings_free(*keys, k.size());
		*keys = NULL;
		db->error = db->path + ": out of memory";
		return FACTSHEET_STATUS_OUT_OF_MEMORY;
	}
	*n = k.size();
	return FACTSHEET_STATUS_SUCCESS;
}

extern "C" factsheet_status_t
shim_db_publication_data(shim_db_t *db, const char *publication_id,
			 char ***data, size_t *n)
{
	std::vector<std::string> found;

	*data = NULL;
	*n = 0;
	try {
		const std::string pub_term =
		    std::string(fields[FIELD_PUBLICATION].prefix) +
		    publication_id;
		/* Postings come in docid order: the order sections were
		 * added in, which is the publication's own. */
		read_latest(db, [&] {
			found.clear();
			for (Xapian::PostingIterator p =
			    db->db->postlist_begin(pub_term);
			    p != db->db->postlist_end(pub_term); ++p)
				found.push_back(db->db->get_document(*p)
				    .get_value(record_slot));
		});
	} catch (...) {
		return classify(db->error, db->path, !db->writable);
	}
	if ((*data = copy_strings(found)) == NULL) {
		db->error = db->path + ": out of memory";
		return FACTSHEET_STATUS_OUT_OF_MEMORY;
	}
	*n = found.size();
	return FACTSHEET_STATUS_SUCCESS;
}

extern "C" void
shim_strings_free(char **strings, size_t n)
{
	if (strings == NULL)
		return;
	for (size_t i = 0; i < n; i++)
		std::free(strings[i]);
	std::free(strings);
}

/*
 * DB opened afresh by its path.  A replica is a stub file naming the copy
 * to read: when xapian-replicate makes a full copy (the changesets it
 * needs are gone), it names the new copy and deletes the one open, which
 * reopen() cannot follow.
 */
static void
open_again(shim_db_t *db)
{
	if (!db->specs.empty()) {
		open_local_shards_again(db);
		return;
	}
	std::unique_ptr<Xapian::Database> fresh(new Xapian::Database(
	    db->path));
	std::string mismatch = schema_mismatch(*fresh);
	if (!mismatch.empty())
		throw schema_error(mismatch);
	std::unique_ptr<Xapian::Database> words(new Xapian::Database(
	    open_words(*fresh, db->path)));
	delete db->db;
	db->db = fresh.release();
	delete db->words;
	db->words = words.release();
}

extern "C" factsheet_status_t
shim_db_reopen(shim_db_t *db)
{
	try {
		if (!db->writable) {
			retry_missing(db);
			try {
				try {
					db->db->reopen();
				} catch (const Xapian::NetworkError &) {
					/* A remote shard gone since: without
					 * it. */
					if (!drop_unreachable(db))
						throw;
				}
				if (db->words != NULL)
					db->words->reopen();
			} catch (const Xapian::DatabaseOpeningError &) {
				open_again(db);
			}
		}
		return FACTSHEET_STATUS_SUCCESS;
	} catch (...) {
		return classify(db->error, db->path, true);
	}
}

/*
 * A database is a directory of tables (glass: postlist.glass and the
 * others) and a version file; what a commit writes is in the regular
 * files directly in it.  The lexicon's own directory is no part of it.
 */
extern "C" factsheet_status_t
shim_db_table_files(shim_db_t *db, char ***files, size_t *n_files)
{
	std::vector<std::string> found;
	DIR *d;
	struct dirent *e;

	*files = NULL;
	*n_files = 0;
	if ((d = opendir(db->path.c_str())) == NULL) {
		db->error = db->path + ": " + std::strerror(errno);
		return FACTSHEET_STATUS_FILE_ERROR;
	}
	try {
		while ((e = readdir(d)) != NULL) {
			struct stat st;
			if (e->d_name[0] == '.' ||
			    fstatat(dirfd(d), e->d_name, &st,
			    AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode))
				continue;
			found.push_back(db->path + "/" + e->d_name);
		}
	} catch (...) {
		closedir(d);
		return classify(db->error, db->path, true);
	}
	closedir(d);
	std::sort(found.begin(), found.end());
	if ((*files = copy_strings(found)) == NULL) {
		db->error = db->path + ": out of memory";
		return FACTSHEET_STATUS_OUT_OF_MEMORY;
	}
	*n_files = found.size();
	return FACTSHEET_STATUS_SUCCESS;
}
