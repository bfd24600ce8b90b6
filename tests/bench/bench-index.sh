#!/bin/sh
# bench-index.sh - indexing speed and memory, side by side in one run:
# factsheet-index against Recoll's recollindex, Xapian's omindex and a
# minimal single-threaded Xapian C++ loop (TermGenerator + add_document,
# compiled here from the source below), over the same trees:
#
#   - the PostgreSQL HTML documentation (Debian postgresql-doc-15),
#   - generated fact sheets (../shared/bench/gen-factsheets.py), N of them
#     for each N given (default: 1000 10000),
#
# then a re-run of factsheet-index over the unchanged tree.  Wall time
# and peak resident memory come from GNU time; each tool indexes into a
# fresh database.  A benchmark, not a test: it asserts nothing.
#
#   tests/bench/bench-index.sh [N...]
#
# PEERS=no runs factsheet-index alone: how its memory grows with the
# corpus (say 1000 10000 50000) without waiting for the others.
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
build=${top_builddir:-$top}
index="$build/indexer/factsheet-index"
gen="$top/../shared/bench/gen-factsheets.py"
out="$build/tests/bench/out"
pgdocs=/usr/share/doc/postgresql-doc-15/html
sizes=${*:-1000 10000}

for tool in /usr/bin/time recollindex omindex xapian-config; do
	command -v "$tool" >/dev/null || {
		echo "bench-index: $tool not found (apt-get install time" \
		    "recollcmd xapian-omega libxapian-dev)" >&2
		exit 2
	}
done
[ -x "$index" ] || { echo "bench-index: build first" >&2; exit 2; }
mkdir -p "$out"

# The baseline: what Xapian itself costs, with nothing else to do.
cat >"$out/xapian-loop.cc" <<'EOF'
// Indexes every file named on stdin as one document: the floor any
// Xapian-based indexer stands on.
#include <xapian.h>
#include <fstream>
#include <iostream>
#include <sstream>
int main(int argc, char **argv) {
	Xapian::WritableDatabase db(argv[1], Xapian::DB_CREATE_OR_OVERWRITE);
	Xapian::TermGenerator tg;
	tg.set_stemmer(Xapian::Stem("english"));
	std::string path;
	while (std::getline(std::cin, path)) {
		std::ifstream in(path);
		std::stringstream text;
		text << in.rdbuf();
		Xapian::Document doc;
		tg.set_document(doc);
		tg.index_text(text.str());
		doc.set_data(path);
		db.add_document(doc);
	}
	db.commit();
	(void)argc;
}
EOF
g++ -O2 -o "$out/xapian-loop" "$out/xapian-loop.cc" $(xapian-config --libs --cxxflags)

# "name seconds peak-MiB" for one command, its output discarded.
measure() {
	name=$1
	shift
	status=0
	/usr/bin/time -f "%e %M" -o "$out/time" "$@" >/dev/null 2>&1 ||
	    status=$?
	# factsheet-index exits 2 when some files failed: still a full run.
	if [ "$status" -gt 2 ] || [ ! -s "$out/time" ]; then
		echo "$name  failed with status $status (see: $*)"
		return
	fi
	secs=$(tail -n 1 "$out/time" | cut -d' ' -f1)
	kib=$(tail -n 1 "$out/time" | cut -d' ' -f2)
	echo "$name  $secs s  $((kib / 1024)) MiB"
}

run_all() {
	label=$1 tree=$2
	echo "== $label ($(find "$tree" -type f | wc -l) files," \
	    "$(du -sh "$tree" | cut -f1))"
	rm -rf "$out/fs.db" "$out/omega.db" "$out/loop.db" "$out/recoll"
	measure "factsheet-index" "$index" --db "$out/fs.db" "$tree"
	measure "factsheet-index, unchanged re-run" "$index" --db "$out/fs.db" \
	    "$tree"
	[ "${PEERS:-yes}" = no ] && return
	measure "omindex" omindex --db "$out/omega.db" --url / "$tree"
	mkdir -p "$out/recoll"
	printf 'topdirs = %s\n' "$tree" >"$out/recoll/recoll.conf"
	measure "recollindex" recollindex -c "$out/recoll" -z
	find "$tree" -type f | sort >"$out/files"
	measure "xapian-loop" sh -c "'$out/xapian-loop' '$out/loop.db' <'$out/files'"
}

if [ -d "$pgdocs" ]; then
	run_all "PostgreSQL HTML documentation" "$pgdocs"
else
	echo "bench-index: no $pgdocs (apt-get install postgresql-doc-15)" >&2
fi
for n in $sizes; do
	[ -d "$out/gen-$n" ] || python3 "$gen" "$n" "$out/gen-$n" >/dev/null
	run_all "$n generated fact sheets" "$out/gen-$n"
done
