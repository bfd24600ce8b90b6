#!/bin/sh
# readers.sh - the readers' golden files (tests/readers/README): for each
# fixture, `factsheet-index --sections` gives exactly its NAME.json, and
# every word of its body text lands in some section.
. "$(dirname "$0")/setup.sh"
need_python

READERS="$top_srcdir/tests/readers"
WORDS="$READERS/words.py"
have_pdftotext=1
command -v pdftotext >/dev/null 2>&1 || have_pdftotext=0

# Every word of fixture $1 is in sections $2, less those of $3 if there.
all_words_in() {
	_aw_skip=
	[ -f "$3" ] && _aw_skip=$3
	if ! python3 "$WORDS" "$1" "$2" $_aw_skip >"$TMP/missing"; then
		echo "words of $(basename "$1") in no section" \
		    "($(wc -l <"$TMP/missing" | tr -d ' ')):"
		head -n 40 "$TMP/missing" | tr '\n' ' '
		echo
		return 1
	fi
}

# The bundled fact sheet is checked the same way, from corpus/.
for fixture in "$READERS"/* "$top_srcdir"/corpus/*.txt; do
	name=${fixture##*/}
	dir=${fixture%/*}
	case $name in
	*.json|*.skip|*.src|README|words.py|thesaurus.txt) continue ;;
	esac
	base=${name%.*}
	expected="$READERS/$base.json"
	got="$TMP/$base.json"
	t "$name: splits as $base.json" \
	    eval 'check_exit 0 in_dir "$dir" "$INDEX" --sections "$name" &&
	    cp "$OUT" "$got" && same_files "$expected" "$got"'
	case $name in
	*.pdf)
		if [ $have_pdftotext = 0 ]; then
			skip "$name: every word in a section" \
			    "pdftotext (poppler-utils) not found"
			continue
		fi ;;
	esac
	if [ -f "$got" ]; then
		t "$name: every word in a section" \
		    all_words_in "$fixture" "$got" "$READERS/$base.skip"
	else
		t "$name: every word in a section" false
	fi
done

# A tagged PDF whose structure tree leaves out a line ("Mail the completed
# form to:", drawn outside any tag): the line is still in a section, and
# so is every other word.
deposit="$top_srcdir/tests/eval/real/pubs/va-change-direct-deposit.pdf"
t "tagged PDF: a line outside the structure tree is kept" \
    eval 'check_exit 0 "$INDEX" --sections "$deposit" &&
    contains "$OUT" "Mail the completed form to:"'
if [ $have_pdftotext = 1 ]; then
	t "tagged PDF: every word of a page is in a section" \
	    eval 'check_exit 0 "$INDEX" --sections "$deposit" &&
	    cp "$OUT" "$TMP/deposit.json" &&
	    all_words_in "$deposit" "$TMP/deposit.json" /dev/null'
else
	skip "tagged PDF: every word of a page is in a section" \
	    "pdftotext (poppler-utils) not found"
fi

# A file that cannot be read: one message naming it, status 2, and the
# files after it still shown.
t "--sections: a missing file is an error naming it, the next is shown" \
    eval 'check_exit 2 in_dir "$top_srcdir/corpus" "$INDEX" --sections \
    no-such-file.txt pecos-technical-assistance-contacts.txt &&
    has_line "$ERR" "factsheet-index: no-such-file.txt: .*" &&
    lines_are "$ERR" 1 && contains "$OUT" "\"title\": \"PECOS Technical"'
t "--sections: an empty file has no sections and a warning naming it" \
    eval ': >"$TMP/empty.txt" && check_exit 0 "$INDEX" --sections \
    "$TMP/empty.txt" && contains "$OUT" "\"sections\": []" &&
    contains "$OUT" "empty.txt: empty file"'
done_testing
