#!/bin/sh
# install.sh - "make install" into a temporary DESTDIR, then the installed
# programs, run from there, answer from the installed bundled index with
# its spelling data; "make uninstall" takes every file away again.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/cli/setup.sh"

need_python

DEST="$TMP/dest"
# The sub-make must not try to join the test run's job server.
unset MAKEFLAGS MFLAGS MAKELEVEL

t "make install DESTDIR=... succeeds" \
	check_exit 0 ${MAKE:-make} -s -C "$top_builddir" install \
	DESTDIR="$DEST"
bin=$(dirname "$(find "$DEST" -path '*/bin/factsheet-query' | head -n 1)")
data=$(dirname "$(find "$DEST" -path '*/share/factsheet/thesaurus.txt' |
    head -n 1)")
t "the programs are installed" \
	eval '[ -x "$bin/factsheet-query" ] && [ -x "$bin/factsheet-index" ] ||
	echo "missing under $DEST"'
t "the bundled index is installed with its spelling data" \
	eval '[ -f "$data/corpus.db/iamglass" ] &&
	[ -f "$data/corpus.db/lexicon/spelling.glass" ] ||
	{ echo "missing:"; find "$DEST" | diag; }'
t "no lock file is installed" \
	eval '! find "$DEST" -name flintlock | grep . >/dev/null'
t "factsheet-serve and its page and widget are installed" \
	eval '[ -x "$bin/factsheet-serve" ] && [ -f "$data/static/widget.js" ] &&
	[ -f "$data/static/widget.css" ] && [ -f "$data/static/index.html" ] &&
	[ -n "$(find "$DEST" -path "*/man1/factsheet-serve.1")" ] ||
	{ echo "missing:"; find "$DEST" | diag; }'
t "the man pages are installed" \
	eval '[ -n "$(find "$DEST" -path "*/man1/factsheet-query.1")" ] ||
	echo "no factsheet-query.1"'
t "the bash completion is installed under both programs' names" \
	eval '[ -n "$(find "$DEST" -path "*/bash-completion/completions/factsheet-index")" ] &&
	[ -n "$(find "$DEST" -path "*/bash-completion/completions/factsheet-query")" ] ||
	{ echo "missing:"; find "$DEST" | diag; }'
t "the zsh completion is installed" \
	eval '[ -n "$(find "$DEST" -path "*/zsh/*/_factsheet")" ] ||
	echo "no _factsheet"'

# From a neutral directory, no database of the user's: the installed
# program finds the installed index beside it, and corrects the spelling
# with the installed spelling data.
run in_dir "$TMP" "$bin/factsheet-query" --json pasword expird
t "the installed query answers 'pasword expird' (exit 0)" [ "$rc" -eq 0 ]
cp "$OUT" "$TMP/installed.json"
t "it names the installed index as the database it searched" \
	python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
if d["database"] != sys.argv[2]:
    sys.exit("database is %r, expected %r" % (d["database"], sys.argv[2]))
' "$TMP/installed.json" "$data/corpus.db"
t "it corrected the query with the installed spelling data" \
	python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
if d["corrected"] != "password expired":
    sys.exit("corrected is %r" % d["corrected"])
' "$TMP/installed.json"

# The installed indexer uses the installed thesaurus when asked.
run "$bin/factsheet-index" --db "$TMP/db" --thesaurus "$data/thesaurus.txt" \
	"$CORPUS"
t "the installed indexer indexes the corpus" [ "$rc" -eq 0 ]

t "make uninstall DESTDIR=... succeeds" \
	check_exit 0 ${MAKE:-make} -s -C "$top_builddir" uninstall \
	DESTDIR="$DEST"
t "uninstall leaves no file behind" \
	eval 'left=$(find "$DEST" -type f); [ -z "$left" ] ||
	{ echo "left behind:"; echo "$left"; }'

done_testing
