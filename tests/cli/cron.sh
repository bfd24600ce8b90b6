#!/bin/sh
# cron.sh - batch runs as a cron job makes them: the exit status says
# whether something failed in this run; empty, Latin-1 and gzip files;
# --exclude; skipped files reported once; whole lines in one log.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/cli/setup.sh"

DB="$TMP/db"
DOCS="$TMP/docs"
mkdir -p "$DOCS/drafts"
cp "$CORPUS" "$DOCS/pecos.txt"
cat >"$DOCS/drafts/draft.txt" <<'EOF'
Draft Help Sheet

Problem: Cannot Open the Draftgate

The draftgate stays closed.
EOF
cp "$DOCS/drafts/draft.txt" "$DOCS/old.bak"
printf '\211PNG\r\n\032\nnot really an image' >"$DOCS/logo.png"
: >"$DOCS/empty.txt"
# Markdown, gzipped: read through zlib as the name inside says.
printf '# Gzip Guide\n\n## Cannot Find the Gzipgate\n\nThe gzipgate is hidden.\n' |
    gzip -c >"$DOCS/guide.md.gz"
# Neither UTF-8 nor Windows-1252: a real failure.
printf 'Bad Sheet\n\nProblem: caf\201\n' >"$DOCS/bad.txt"

index() {
	run "$INDEX" --db "$DB" --exclude '*.bak' --exclude drafts "$@" "$DOCS"
}

index
t "first run: exit 2, a file failed in this run" [ "$rc" -eq 2 ]
t "first run: the failure names the file" \
	has_line "$ERR" "factsheet-index: $DOCS/bad.txt: line 3, byte .*"
t "first run: the empty file is a warning" \
	contains "$ERR" "warning: $DOCS/empty.txt: empty file"
t "first run: the image is reported as skipped" \
	contains "$ERR" "$DOCS/logo.png: skipped: not a publication (a PNG image)"
t "first run: 3 new publications (pecos, empty, guide)" \
	contains "$OUT" "Indexed 3 publications"
t "a .gz publication is read through zlib and searchable" \
	eval 'check_exit 0 "$QUERY" --db "$DB" --format=path gzipgate &&
	has_line "$OUT" "$DOCS/guide.md.gz#.*"'
t "--exclude PATTERN: a folder matching it is not indexed" \
	check_exit 1 "$QUERY" --db "$DB" draftgate

index
t "second run: exit 0, nothing failed in this run" [ "$rc" -eq 0 ]
t "second run: the old failure is a warning naming it" \
	contains "$ERR" "warning: $DOCS/bad.txt: skipped (failed before: "
t "second run: the image is not reported again" lacks "$ERR" "logo.png"
t "second run: the empty file is not reported again" lacks "$ERR" "empty.txt"
t "second run: one line on stderr, the warning" lines_are "$ERR" 1
t "second run: the summary says a file failed before" \
	contains "$OUT" "1 unchanged file failed before"

# The file changes and still fails: a failure of this run.
printf 'Bad Sheet\n\nProblem: caf\201 again\n' >"$DOCS/bad.txt"
index
t "a failed file changed and fails again: exit 2" [ "$rc" -eq 2 ]

t "--exclude: without it the excluded files are indexed" \
	eval 'run "$INDEX" --db "$TMP/all.db" "$DOCS" &&
	check_exit 0 "$QUERY" --db "$TMP/all.db" --format=path draftgate &&
	lines_are "$OUT" 2'

t "--dry-run: a skipped file is listed once, on stdout" \
	eval 'run "$INDEX" --db "$TMP/fresh.db" --dry-run "$DOCS" &&
	lacks "$ERR" "logo.png" && contains "$OUT" "skipped: $DOCS/logo.png"'

# Everything into one log, as 2>&1 does: every line whole.
"$INDEX" --db "$TMP/log.db" "$DOCS" >"$TMP/log" 2>&1 || :
t "one log: every line is a whole message or the summary" \
	eval '! grep -v -E "^(factsheet-index: |Indexed )" "$TMP/log" ||
	{ echo "split lines:"; cat "$TMP/log"; false; }'
t "one log: the summary line is whole" \
	has_line "$TMP/log" "Indexed [0-9]+ publications .*\\."

done_testing
