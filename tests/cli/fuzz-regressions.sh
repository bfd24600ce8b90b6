#!/bin/sh
# fuzz-regressions.sh - replays every input the fuzzers ever found a fault
# with (tests/fuzz/regressions/HARNESS/) through the programs: each must
# end with a status of its own (0, 1 or 2), never a crash or a sanitizer
# report, nor a hang (a timeout the fuzzer found ends with status 124
# here, after a minute, rather than stalling the suite).
. "${top_srcdir:-.}/tests/cli/setup.sh"

db="$TMP/regress.db"
in_dir "$top_srcdir" "$INDEX" --db "$db" "$CORPUS" >/dev/null 2>&1

# A clean end: a status below 3 and no sanitizer report.
clean_end() {
	if [ "$rc" -gt 2 ]; then
		echo "ended with status $rc"
		return 1
	fi
	if grep -q "Sanitizer\|runtime error" "$ERR"; then
		echo "a sanitizer report"
		return 1
	fi
}

found=0
for dir in "$top_srcdir"/tests/fuzz/regressions/*/; do
	[ -d "$dir" ] || continue
	harness=$(basename "$dir")
	for input in "$dir"*; do
		[ -f "$input" ] || continue
		found=1
		name=$(basename "$input")
		case $harness in
		query)
			query=$(tr -d '\000' <"$input")
			run timeout 60 "$QUERY" --db "$db" -- "$query"
			;;
		text|markdown|html|pdf)
			ext=$(echo "$harness" | sed 's/text/txt/; s/markdown/md/')
			cp "$input" "$TMP/input.$ext"
			run timeout 60 "$INDEX" --db "$TMP/$harness.db" \
			    "$TMP/input.$ext"
			;;
		*)
			continue
			;;
		esac
		t "$harness regression $name ends cleanly" clean_end
	done
done
[ $found = 1 ] || skip "fuzz regressions" "none recorded yet"
done_testing
