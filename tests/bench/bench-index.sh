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
# A shared machine's speed drifts by a third from one minute to the next,
# so the tools run in turn, ROUNDS times over (default 3), and each line
# gives the median time, the fastest and slowest, and the median peak
# memory.  PEERS=no runs factsheet-index alone: how its memory grows with
# the corpus (say 1000 10000 50000) without waiting for the others.
set -eu

BENCH=bench-index
. "$(dirname "$0")/common.sh"
gen="$top/../shared/bench/gen-factsheets.py"
pgdocs=/usr/share/doc/postgresql-doc-15/html
sizes=${*:-1000 10000}

needs "time recollcmd xapian-omega libxapian-dev" /usr/bin/time \
    recollindex omindex xapian-config
built "$index"
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

rounds=${ROUNDS:-3}

# Runs a command (timed) and adds "seconds KiB ..." to the file FIGURES,
# or "failed ..." when it failed.
measure() {
	figures=$1
	shift
	if timed "$out/time" "$@"; then
		cat "$out/time" >>"$figures"
	else
		echo "failed with status $status (see: $*)" >>"$figures"
	fi
}

# "NAME  median s (fastest-slowest, N runs)  median MiB" from FIGURES.
summarize() {
	name=$1 figures=$2
	if grep -q '^failed' "$figures"; then
		echo "$name  $(grep -m 1 '^failed' "$figures")"
		return
	fi
	secs=$(cut -d' ' -f1 "$figures" | median)
	fastest=$(cut -d' ' -f1 "$figures" | sort -n | head -n 1)
	slowest=$(cut -d' ' -f1 "$figures" | sort -n | tail -n 1)
	kib=$(cut -d' ' -f2 "$figures" | median)
	echo "$name  $secs s ($fastest-$slowest, $(wc -l <"$figures")" \
	    "runs)  $((kib / 1024)) MiB"
}

run_all() {
	label=$1 tree=$2
	echo "== $label ($(find "$tree" -type f | wc -l) files," \
	    "$(du -sh "$tree" | cut -f1))"
	rm -f "$out"/figures.*
	find "$tree" -type f | sort >"$out/files"
	mkdir -p "$out/recoll"
	printf 'topdirs = %s\n' "$tree" >"$out/recoll/recoll.conf"
	round=0
	while [ "$round" -lt "$rounds" ]; do
		rm -rf "$out/fs.db" "$out/omega.db" "$out/loop.db" \
		    "$out/recoll/xapiandb" "$out/recoll/idxstatus.txt"
		measure "$out/figures.fs" "$index" --db "$out/fs.db" "$tree"
		measure "$out/figures.rerun" "$index" --db "$out/fs.db" "$tree"
		if [ "${PEERS:-yes}" != no ]; then
			measure "$out/figures.omindex" omindex \
			    --db "$out/omega.db" --url / "$tree"
			measure "$out/figures.recoll" recollindex \
			    -c "$out/recoll" -z
			measure "$out/figures.loop" sh -c \
			    "'$out/xapian-loop' '$out/loop.db' <'$out/files'"
		fi
		round=$((round + 1))
	done
	summarize "factsheet-index" "$out/figures.fs"
	summarize "factsheet-index, unchanged re-run" "$out/figures.rerun"
	[ "${PEERS:-yes}" = no ] && return
	summarize "omindex" "$out/figures.omindex"
	summarize "recollindex" "$out/figures.recoll"
	summarize "xapian-loop" "$out/figures.loop"
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
