# setup.sh - sourced by every tests/cli/*.sh: a private temporary
# directory, the programs under test, a neutral environment and small TAP
# helpers.  POSIX sh.
#
# make check exports top_srcdir and top_builddir as absolute paths; run by
# hand from the top of an in-tree build, both default to that directory.
#
# The helpers:
#   run CMD...              runs CMD, stdout in $OUT, stderr in $ERR, status
#                           in $rc (never aborts the script)
#   check_exit N CMD...     run, then true when the status is N
#   t DESC CHECK...         one TAP test: "ok" when CHECK succeeds, else
#                           "not ok" with CHECK's complaint and the last
#                           command's status, stderr and stdout as "# " lines
#   skip DESC REASON        "ok N - DESC # SKIP REASON"
#   contains FILE STRING    FILE holds STRING (fixed string)
#   icontains FILE STRING   the same, ignoring case
#   lacks FILE STRING       FILE does not hold STRING
#   has_line FILE ERE       some line of FILE matches ERE as a whole
#   lines_are FILE N        FILE has N lines
#   same_files A B          A and B are byte for byte equal (diff if not)
#   in_dir DIR CMD...       runs CMD in DIR
#   done_testing            prints the plan "1..N"
# A check prints its complaint on standard output and returns non-zero; t
# shows the complaint as diagnostics.

set -eu

if [ -z "${top_srcdir:-}" ]; then
	top_srcdir=$(cd "$(dirname "$0")/../.." && pwd)
fi
top_builddir=${top_builddir:-$top_srcdir}

INDEX="$top_builddir/indexer/factsheet-index"
QUERY="$top_builddir/query/factsheet-query"
CORPUS="$top_srcdir/corpus/pecos-technical-assistance-contacts.txt"
# The corpus as the golden output and the JSON tests name it: indexed with
# this path from $top_srcdir (see index_corpus).
CORPUS_REL=corpus/pecos-technical-assistance-contacts.txt
# What the corpus parses into (README: every Problem block, every row of
# the Resources table, and the other runs of paragraphs: the introduction,
# both "Resources" headings, the second with the table's column titles,
# and the disclaimers).
PROBLEMS=4
RESOURCES=4
SECTIONS=12

TMP=$(mktemp -d "${TMPDIR:-/tmp}/factsheet-cli.XXXXXX")
OUT="$TMP/stdout"
ERR="$TMP/stderr"
WHY="$TMP/why"
# Background processes a test starts; killed on the way out.
BACKGROUND=

cleanup() {
	for pid in $BACKGROUND; do
		kill "$pid" 2>/dev/null || :
	done
	rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

# Nothing from the caller's environment may choose the database, colour
# or width, or touch the real home directory.
unset FACTSHEET_DB NO_COLOR COLUMNS LINES
HOME="$TMP/home"
XDG_DATA_HOME="$TMP/xdg"
export HOME XDG_DATA_HOME
mkdir "$HOME" "$XDG_DATA_HOME"

# For the tests that start servers on loopback (shards, replication).
# A free loopback port, the kernel's choice.
free_port() {
	python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

# Waits up to 10 s for something to listen on loopback port $1.
wait_port() {
	python3 -c 'import socket, sys, time
for _ in range(200):
    try:
        socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1).close()
        sys.exit(0)
    except OSError:
        time.sleep(0.05)
sys.exit(1)' "$1"
}

tap_n=0
rc=0
last_cmd=

run() {
	last_cmd=$*
	if "$@" >"$OUT" 2>"$ERR"; then
		rc=0
	else
		rc=$?
	fi
	return 0
}

check_exit() {
	_ce_want=$1
	shift
	run "$@"
	if [ "$rc" -ne "$_ce_want" ]; then
		echo "exit status $rc, expected $_ce_want"
		return 1
	fi
}

in_dir() (
	cd "$1"
	shift
	"$@"
)

# The first lines of file $1, to show what a check looked at.
show() {
	echo "--- $(basename "$1") (first 20 lines):"
	head -n 20 "$1"
}

contains() {
	if ! grep -F -e "$2" "$1" >/dev/null; then
		echo "$(basename "$1") lacks: $2"
		show "$1"
		return 1
	fi
}

icontains() {
	if ! grep -i -F -e "$2" "$1" >/dev/null; then
		echo "$(basename "$1") lacks (ignoring case): $2"
		show "$1"
		return 1
	fi
}

lacks() {
	if grep -F -e "$2" "$1" >/dev/null; then
		echo "$(basename "$1") should not contain: $2"
		show "$1"
		return 1
	fi
}

has_line() {
	if ! grep -E -x -e "$2" "$1" >/dev/null; then
		echo "no line of $(basename "$1") matches: $2"
		show "$1"
		return 1
	fi
}

lines_are() {
	_la_n=$(wc -l <"$1" | tr -d ' ')
	if [ "$_la_n" -ne "$2" ]; then
		echo "$(basename "$1") has $_la_n lines, expected $2"
		show "$1"
		return 1
	fi
}

same_files() {
	if ! cmp -s "$1" "$2"; then
		echo "$1 and $2 differ:"
		diff -u "$1" "$2" | head -n 60 || :
		return 1
	fi
}

# Every line of standard input as a TAP diagnostic.
diag() {
	sed 's/^/# /'
}

t() {
	_t_desc=$1
	shift
	tap_n=$((tap_n + 1))
	last_cmd=
	if "$@" >"$WHY" 2>&1; then
		echo "ok $tap_n - $_t_desc"
		return 0
	fi
	echo "not ok $tap_n - $_t_desc"
	diag <"$WHY"
	if [ -n "$last_cmd" ]; then
		echo "# last command: $last_cmd"
		echo "# exit status: $rc"
		echo "# stderr:"
		head -n 20 "$ERR" | diag
		echo "# stdout (first 20 lines):"
		head -n 20 "$OUT" | diag
	fi
	return 0
}

skip() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - $1 # SKIP $2"
}

done_testing() {
	echo "1..$tap_n"
}

# Skips the whole script when python3, which reads the JSON back, is
# missing.
need_python() {
	command -v python3 >/dev/null 2>&1 && return 0
	echo "1..0 # SKIP python3 not found (needed to parse JSON)"
	exit 0
}

# Writes COUNT copies of the corpus into folder DIR, sheet-100.txt on,
# the first 50 (one commit's worth of the indexer's 100) with WORD added
# to their Problem lines: a word only the run's first commit holds.
sheets_with_word() {
	mkdir -p "$1"
	_sw_i=100
	while [ $_sw_i -lt $((100 + $2)) ]; do
		if [ $_sw_i -lt 150 ]; then _sw_word=$3; else _sw_word=; fi
		sed "s/^\(Problem: .*\)$/\1 $_sw_word/" "$CORPUS" \
		    >"$1/sheet-$_sw_i.txt"
		_sw_i=$((_sw_i + 1))
	done
}

# How many commits' spelling words database $1 holds back, recorded
# (needs xapian-metadata, from xapian-tools).
held_records() {
	xapian-metadata list "$1" 2>/dev/null | grep -c '^spelling-pending:'
}

# Indexes the corpus into database $1 under its relative name, so that
# results name it "corpus/pecos-technical-assistance-contacts.txt", with
# the CMS thesaurus, as the bundled index is.
index_corpus() {
	check_exit 0 in_dir "$top_srcdir" "$INDEX" --db "$1" --thesaurus cms \
	    "$CORPUS_REL"
}

# The first line of the human output in $OUT is hit 1 with heading $1.
first_hit_is() {
	_fh_first=$(head -n 1 "$OUT")
	case $_fh_first in
	"1. ["*"%] $1")
		return 0 ;;
	esac
	echo "first line: $_fh_first"
	echo "expected:   1. [NN%] $1"
	return 1
}

# Runs a query against $DB; true when it finds something and hit 1 has
# heading $1.
query_first() {
	_qf_heading=$1
	shift
	check_exit 0 "$QUERY" --db "$DB" "$@" && first_hit_is "$_qf_heading"
}

# The headings of the hits in the human output in $OUT, one a line.
hit_headings() {
	sed -n 's/^[0-9][0-9]*\. \[[0-9][0-9]*%\] //p' "$OUT"
}

# hold_lock DB: a real factsheet-index holds DB's write lock, in the
# background ($reader and $holder, killed on the way out).  It opens the
# database before it reads its files, and its complaints about sixty long
# missing file names (180 KB, more than a pipe holds) go to a FIFO whose
# reader never reads, so it blocks in write(2), database open, until
# release_lock kills the reader and SIGPIPE ends it.  (Xapian's lock is
# an fcntl lock on flintlock: flock(1) cannot take it.)
hold_lock() {
	_db=$1
	_long=$TMP/no-such-directory
	_segment=$(printf '%0200d' 0 | tr 0 a)
	for _i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15; do
		_long=$_long/$_segment
	done
	rm -f "$TMP/lock.fifo"
	mkfifo "$TMP/lock.fifo"
	sleep 120 <"$TMP/lock.fifo" &
	reader=$!
	(
		set --
		_i=0
		while [ "$_i" -lt 60 ]; do
			_i=$((_i + 1))
			set -- "$@" "$_long/$_i.txt"
		done
		exec "$INDEX" --db "$_db" "$@"
	) >/dev/null 2>"$TMP/lock.fifo" &
	holder=$!
	BACKGROUND="$reader $holder"
}

# until_locked ARG...: runs the indexer with ARGs until it says the
# database is locked; it may win the race once, before the holder has
# opened the database, which costs nothing.  Sets $locked to yes or no
# and leaves $rc, $OUT and $ERR of the last run.
until_locked() {
	locked=no
	for _try in 1 2 3 4 5 6 7 8 9 10; do
		sleep 1
		kill -0 "$holder" 2>/dev/null || break
		run "$INDEX" "$@"
		if [ "$rc" -eq 2 ] && grep -i "locked" "$ERR" >/dev/null; then
			locked=yes
			break
		fi
	done
}

# release_lock: ends the holder and its FIFO's reader.
release_lock() {
	kill "$reader" 2>/dev/null || :
	wait "$holder" 2>/dev/null || :
	wait "$reader" 2>/dev/null || :
	BACKGROUND=
}

# pecos_total: the --json total of "pecos" in $DB.
pecos_total() {
	"$QUERY" --db "$DB" --json --limit 1 pecos |
	sed -n 's/^ *"total": *\([0-9][0-9]*\),*$/\1/p'
}

# still_answers: $DB answers "pecos" with the total it had before the bad
# case ($TOTAL).
still_answers() {
	_sa_now=$(pecos_total 2>&1 || :)
	if [ "$_sa_now" != "$TOTAL" ]; then
		echo "the index answered 'pecos' with total '$_sa_now', before: '$TOTAL'"
		return 1
	fi
}
