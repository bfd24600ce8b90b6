#!/bin/sh
# run.sh - builds the libFuzzer harnesses with clang (AddressSanitizer and
# UndefinedBehaviorSanitizer) and runs each for a bounded time, seeded
# from corpus/ and tests/fixtures/.  Speaks TAP: one test a harness.
#
#   tests/fuzz/run.sh [SECONDS] [HARNESS...]
#
# A crash, leak or sanitizer report fails the harness; the input that
# caused it is copied to tests/fuzz/regressions/HARNESS/, which
# tests/cli/fuzz-regressions.sh replays in every `make check`, and the
# report names the file.  FUZZ_MAX_LEN caps an input's bytes (64 KiB;
# `make fuzz-long` runs 10 minutes a harness with 1 MiB).  Under CI the
# seed is fixed (FUZZ_SEED, default 1), so a finding there replays here
# with the same command.
# Needs clang (Debian clang-14, with its libFuzzer runtime) and a
# configured build tree for config.h.
set -u

top=$(cd "$(dirname "$0")/../.." && pwd)
build=${top_builddir:-$top}
seconds=${1:-60}
[ $# -gt 0 ] && shift
harnesses=${*:-text markdown html pdf query}
out="$build/tests/fuzz/out"
max_len=${FUZZ_MAX_LEN:-65536}
seed_opt=
if [ -n "${CI:-}" ] || [ -n "${FUZZ_SEED:-}" ]; then
	seed_opt="-seed=${FUZZ_SEED:-1}"
fi
cc=${CLANG:-clang}
cxx=${CLANGXX:-clang++}

command -v "$cc" >/dev/null || { echo "1..0 # SKIP $cc not found"; exit 0; }
[ -f "$build/config.h" ] || { echo "Bail out! configure first ($build/config.h)"; exit 1; }
mkdir -p "$out/obj"

pkgs="xapian-core jansson libxml-2.0 libcmark-gfm zlib"
pkg-config --exists poppler-glib && pkgs="$pkgs poppler-glib"
san="-fsanitize=address,undefined -fno-sanitize-recover=undefined"
defs="-DFACTSHEET_PKGDATADIR=\"/nonexistent\" -DFACTSHEET_BUILD_DB=\"/nonexistent\" -DFACTSHEET_SRCDIR=\"$top\""
cflags="-g -O1 $san -fsanitize=fuzzer-no-link -I$build -I$top/lib $defs $(pkg-config --cflags $pkgs)"
libs="$(pkg-config --libs $pkgs) -lunistring"

# The library once, instrumented for coverage.
objs=""
for src in "$top"/lib/*.c "$top"/lib/xapian/*.cc; do
	obj="$out/obj/$(basename "$src").o"
	case "$src" in
	*.cc) $cxx $cflags -std=c++11 -c "$src" -o "$obj" ;;
	*) $cc $cflags -std=c11 -D_GNU_SOURCE -c "$src" -o "$obj" ;;
	esac || { echo "Bail out! cannot compile $src"; exit 1; }
	objs="$objs $obj"
done

n=0
failed=0
for h in $harnesses; do
	n=$((n + 1))
	# The harness's settings, as a header: no quoting through the shell.
	conf="$out/fuzz-$h.h"
	case $h in
	text|markdown|html|pdf) main=fuzz-parse.c ;;
	query) main=fuzz-query.c ;;
	*) echo "not ok $n - $h: no such harness"; failed=$((failed + 1)); continue ;;
	esac
	case $h in
	text) echo '#define FUZZ_SOURCE "fuzz.txt"' ;;
	markdown) echo '#define FUZZ_SOURCE "fuzz.md"' ;;
	html) echo '#define FUZZ_SOURCE "fuzz.html"' ;;
	pdf) echo '#define FUZZ_SOURCE "fuzz.pdf"' ;;
	query) printf '#define FUZZ_CORPUS "%s"\n#define FUZZ_THESAURUS "%s"\n' \
	    "$top/corpus/pecos-technical-assistance-contacts.txt" \
	    "$top/corpus/thesaurus.txt" ;;
	esac >"$conf"
	bin="$out/fuzz-$h"
	if ! $cc $cflags -include "$conf" -std=c11 -D_GNU_SOURCE \
	    -c "$top/tests/fuzz/$main" -o "$bin.o" ||
	    ! $cxx $san -fsanitize=fuzzer "$bin.o" $objs $libs -o "$bin"; then
		echo "not ok $n - $h: does not build"
		failed=$((failed + 1))
		continue
	fi
	# Seeds: the bundled corpus and fixtures of the harness's kind.
	seeds="$out/seeds-$h"
	rm -rf "$seeds" && mkdir -p "$seeds"
	case $h in
	query) printf '%s\n' "password expired" "866-484-8049" \
	    "\"My Profile\" AND pecos" "passw* -login" "kind:problem has:tty" \
	    "who should I" "1-800-MEDICARE" "I&A" | split -l 1 - "$seeds/q" ;;
	pdf) cp "$top"/tests/fixtures/pdf/*.pdf "$seeds"/ 2>/dev/null ;;
	*) cp "$top"/corpus/*.txt "$seeds"/
	   find "$top/tests/fixtures" -type f ! -name '*.pdf' -exec cp {} "$seeds"/ \; 2>/dev/null ;;
	esac
	crashes="$out/crashes-$h"
	rm -rf "$crashes" && mkdir -p "$crashes"
	mkdir -p "$out/corpus-$h"
	# Its exit status says nothing the crash directory does not.
	"$bin" -max_total_time="$seconds" -max_len="$max_len" -timeout=10 \
	    -rss_limit_mb=2048 -artifact_prefix="$crashes/" $seed_opt \
	    "$out/corpus-$h" "$seeds" >"$out/fuzz-$h.log" 2>&1
	if [ -n "$(ls "$crashes")" ]; then
		mkdir -p "$top/tests/fuzz/regressions/$h"
		cp "$crashes"/* "$top/tests/fuzz/regressions/$h/"
		echo "not ok $n - $h: $(ls "$crashes" | wc -l) finding(s), kept in tests/fuzz/regressions/$h${seed_opt:+ ($seed_opt)}"
		for f in "$crashes"/*; do
			echo "# input: tests/fuzz/regressions/$h/$(basename "$f") ($(wc -c <"$f") bytes); replay: $bin $f"
		done
		sed -n '/ERROR:/,/SUMMARY/p' "$out/fuzz-$h.log" | head -30 | sed 's/^/# /'
		failed=$((failed + 1))
	else
		runs=$(grep -o 'Done [0-9]* runs' "$out/fuzz-$h.log" | tail -1)
		echo "ok $n - $h: ${runs:-ran} in ${seconds} s, no findings"
	fi
done
echo "1..$n"
[ $failed -eq 0 ]
