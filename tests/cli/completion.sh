#!/bin/sh
# completion.sh - the bash completion of both programs, sourced into bash
# as bash-completion would: options, database paths (directories only),
# the --thesaurus, --color and --format words, field: names, kind: and
# has: words.  Every option --help names is completed.
. "$top_srcdir/tests/cli/setup.sh"

COMPLETION="$top_srcdir/completion/factsheet.bash"

if ! command -v bash >/dev/null 2>&1; then
	echo "1..0 # SKIP bash not found"
	exit 0
fi

# comp PROGRAM WORD...: the completions of the last WORD of the command
# line "PROGRAM WORD...", one a line in $OUT, as bash splits words (at =
# and : too), from the function `complete` registered for PROGRAM.
comp() {
	run in_dir "$TMP" bash -c '
	. "$1" || exit 2
	shift
	f=$(complete -p "$1" | sed -n "s/.* -F \([^ ]*\) .*/\1/p")
	[ -n "$f" ] || { echo "no completion for $1" >&2; exit 2; }
	line="$*"
	COMP_LINE=$line COMP_POINT=${#line}
	COMP_WORDS=()
	for w in "$@"; do
		case $w in
		*=*) COMP_WORDS+=("${w%%=*}" "=" "${w#*=}") ;;
		*:*) COMP_WORDS+=("${w%%:*}" ":" "${w#*:}") ;;
		*) COMP_WORDS+=("$w") ;;
		esac
	done
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	"$f" "$1" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
	printf "%s\n" "${COMPREPLY[@]}" | sed "/^$/d" | sort' _ "$COMPLETION" "$@"
}

# is_list WORD...: $OUT holds exactly these lines, in sorted order.
is_list() {
	printf '%s\n' "$@" | sed '/^$/d' | sort >"$TMP/want"
	same_files "$TMP/want" "$OUT"
}

mkdir -p "$TMP/dbs/alpha.db" "$TMP/dbs/beta.db"
: >"$TMP/dbs/notes.txt"

t "the completion file is valid bash" check_exit 0 bash -n "$COMPLETION"

t "query: '--f' -> --format=" \
	eval 'comp factsheet-query --f && is_list --format='
t "query: '--format=' -> full brief path" \
	eval 'comp factsheet-query --format= && is_list full brief path'
t "query: '--color=al' -> always" \
	eval 'comp factsheet-query --color=al && is_list always'
t "query: '--db dbs/' -> the directories only" \
	eval 'comp factsheet-query --db dbs/ && is_list dbs/alpha.db dbs/beta.db'
t "query: 'kind:' -> problem resource section" \
	eval 'comp factsheet-query password kind: &&
	    is_list problem resource section'
t "query: 'kind:re' -> resource" \
	eval 'comp factsheet-query kind:re && is_list resource'
t "query: 'has:t' -> tty" \
	eval 'comp factsheet-query has:t && is_list tty'
t "query: 'so' -> solution:" \
	eval 'comp factsheet-query password so && is_list solution:'
t "query: 'ti' -> title:" \
	eval 'comp factsheet-query ti && is_list title:'
t "query: an empty word completes nothing" \
	eval 'comp factsheet-query password "" && is_list'
t "index: '--st' -> --stats" \
	eval 'comp factsheet-index --st && is_list --stats'
t "index: '--db dbs/' -> the directories only" \
	eval 'comp factsheet-index --db dbs/ && is_list dbs/alpha.db dbs/beta.db'
t "index: '--thesaurus c' -> cms" \
	eval 'comp factsheet-index --thesaurus c && is_list cms'
t "index: a PATH completes files and folders" \
	eval 'comp factsheet-index dbs/ && is_list dbs/alpha.db dbs/beta.db dbs/notes.txt'

if command -v zsh >/dev/null 2>&1; then
	t "the zsh completion is valid zsh" \
		check_exit 0 zsh -n "$top_srcdir/completion/_factsheet"
else
	skip "the zsh completion is valid zsh" "zsh not found"
fi

# Every long option of --help, completed from its first letters.
for prog in factsheet-index factsheet-query; do
	"$top_builddir/$( [ $prog = factsheet-index ] && echo indexer ||
	    echo query)/$prog" --help | grep -o -- '--[a-z][a-z-]*' | sort -u \
	    >"$TMP/$prog.options"
	missing=
	while read -r option; do
		comp "$prog" "$option"
		grep -x -e "$option" -e "$option=" "$OUT" >/dev/null ||
		    missing="$missing $option"
	done <"$TMP/$prog.options"
	t "$prog: every option of --help is completed" \
		eval '[ -z "$missing" ] || { echo "not completed:$missing"; false; }'
done

done_testing
