# bash completion for factsheet-index and factsheet-query -*- shell-script -*-
# Options, database paths (directories), the --thesaurus, --color and
# --format words, and in queries the field: names and the kind: and has:
# words.  Needs nothing of the bash-completion package but compgen.

_factsheet_fields="title: problem: heading: solution: contact: resource: kind: has:"
_factsheet_kinds="problem resource section"
_factsheet_has="phone tty fax email chat address website link"

# Sets COMPREPLY to the words of $1 that start with $2.
_factsheet_words()
{
	local IFS=$' \t\n'
	COMPREPLY=($(compgen -W "$1" -- "$2"))
}

# Sets COMPREPLY to the directories starting with $1.
_factsheet_dirs()
{
	local IFS=$'\n'
	COMPREPLY=($(compgen -d -- "$1"))
}

# Sets COMPREPLY to the files and directories starting with $1.
_factsheet_files()
{
	local IFS=$'\n'
	COMPREPLY=($(compgen -f -- "$1"))
}

_factsheet_index()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev=
	[ "$COMP_CWORD" -gt 0 ] && prev=${COMP_WORDS[COMP_CWORD - 1]}
	COMPREPLY=()
	case $prev in
	-d | --db)
		_factsheet_dirs "$cur"
		return ;;
	-t | --thesaurus)
		_factsheet_files "$cur"
		COMPREPLY+=($(compgen -W "cms none" -- "$cur"))
		return ;;
	-x | --exclude | --url-map)
		return ;;
	esac
	case $cur in
	--wait=* | --replicate=*)
		return ;;
	-*)
		_factsheet_words "--db --json --thesaurus --dry-run --report
		    --retry-failed --force --wait --exclude --url-map --replicate --remove
		    --list --stats --sections --help --version" "$cur"
		return ;;
	esac
	_factsheet_files "$cur"
}

_factsheet_query()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev= IFS=$' \t\n'
	[ "$COMP_CWORD" -gt 0 ] && prev=${COMP_WORDS[COMP_CWORD - 1]}
	COMPREPLY=()
	# bash splits "--color=auto" and "kind:problem" at = and : when
	# they are in COMP_WORDBREAKS: put the word back together.
	if [ "$cur" = "=" ] || [ "$cur" = ":" ]; then
		prev=$prev$cur
		cur=
	elif [ "$prev" = "=" ] || [ "$prev" = ":" ]; then
		[ "$COMP_CWORD" -gt 1 ] &&
		    prev=${COMP_WORDS[COMP_CWORD - 2]}$prev
	fi
	case $prev in
	-d | --db | --words)
		_factsheet_dirs "$cur"
		return ;;
	-n | --limit | -o | --offset | --timeout)
		return ;;
	--color=)
		_factsheet_words "auto always never" "$cur"
		return ;;
	--format=)
		_factsheet_words "full brief path" "$cur"
		return ;;
	kind:)
		_factsheet_words "$_factsheet_kinds" "$cur"
		return ;;
	has:)
		_factsheet_words "$_factsheet_has" "$cur"
		return ;;
	esac
	case $cur in
	--color=*)
		_factsheet_words "auto always never" "${cur#*=}"
		COMPREPLY=("${COMPREPLY[@]/#/--color=}")
		return ;;
	--format=*)
		_factsheet_words "full brief path" "${cur#*=}"
		COMPREPLY=("${COMPREPLY[@]/#/--format=}")
		return ;;
	kind:*)
		_factsheet_words "$_factsheet_kinds" "${cur#*:}"
		COMPREPLY=("${COMPREPLY[@]/#/kind:}")
		return ;;
	has:*)
		_factsheet_words "$_factsheet_has" "${cur#*:}"
		COMPREPLY=("${COMPREPLY[@]/#/has:}")
		return ;;
	-*)
		_factsheet_words "--db --words --timeout --partial --json
		    --explain --limit --offset --color= --format= --help --version" "$cur"
		# --color= and --format= take their word after the =.
		[ "${#COMPREPLY[@]}" -eq 1 ] &&
		    [ "${COMPREPLY[0]%=}" != "${COMPREPLY[0]}" ] &&
		    type compopt >/dev/null 2>&1 && compopt -o nospace
		return ;;
	esac
	# A word of the query: the field names it may start.
	[ -n "$cur" ] || return
	_factsheet_words "$_factsheet_fields" "$cur"
	[ "${#COMPREPLY[@]}" -gt 0 ] && type compopt >/dev/null 2>&1 &&
	    compopt -o nospace
	return 0
}

complete -F _factsheet_index factsheet-index
complete -F _factsheet_query factsheet-query
