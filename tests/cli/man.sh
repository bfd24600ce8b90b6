#!/bin/sh
# man.sh - the man pages render cleanly: no warning from groff, no stray
# or nested quotes in the text, and every option of --help documented.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/cli/setup.sh"

if ! command -v groff >/dev/null 2>&1; then
	echo "1..0 # SKIP groff not found"
	exit 0
fi
for page in indexer/factsheet-index query/factsheet-query server/factsheet-serve; do
	program="$top_builddir/$page"
	page=${page#*/}
	src="$top_srcdir/doc/$page.1"
	# -P-cbou: plain text, no bold, underline or overstrike.
	groff -mandoc -Tutf8 -ww -P-cbou "$src" >"$TMP/$page.txt" \
	    2>"$TMP/$page.err" ||
	    echo "groff failed" >>"$TMP/$page.err"
	t "$page.1: groff renders it without a warning" lines_are "$TMP/$page.err" 0
	t "$page.1: no empty or nested quotes" \
		eval '! tr "\n" " " <"$TMP/$page.txt" | grep -o -E ".{20}(\"\"|“[^”]*“|”[^“]*”).{0,20}"'
	t "$page.1: every long option of --help is in it" \
		eval '"$program" --help | grep -o -E -- "--[a-z][a-z-]+" | sort -u | while read -r o; do
			grep -q -F -e "$o" "$TMP/$page.txt" ||
			    { echo "$o is not in $page.1"; exit 1; }
		done'
done

done_testing
