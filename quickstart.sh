#!/bin/sh
# quickstart.sh - from a fresh clone to answers, on Debian 12.
#
#   ./quickstart.sh          install missing build dependencies, build,
#                            index corpus/ and answer "password expired"
#   ./quickstart.sh check    the same set-up where missing, then run the
#                            whole test suite (make check)
#
# Build dependencies are installed with apt-get (through sudo when not
# root) only when dpkg says they are missing.  Building happens in place.
set -eu
cd "$(dirname "$0")"

deps="build-essential autoconf automake libtool pkg-config libxapian-dev
libunistring-dev libjansson-dev libxml2-dev libpoppler-glib-dev libcmark-gfm-dev
libcmark-gfm-extensions-dev zlib1g-dev libmicrohttpd-dev python3 wamerican"
# valgrind runs the memory checks of the test suite when present,
# xapian-tools' xapian-metadata lets tests look into a database, and its
# xapian-tcpsrv serves shards to tests/cli/shards.sh on loopback, and
# poppler-utils' pdftotext reads the PDF fixtures on its own, to check
# that every word of them lands in a section; zsh checks the zsh
# completion.
[ "${1:-}" = check ] && deps="$deps valgrind xapian-tools poppler-utils groff-base zsh"
# The server's tests: curl for the API, headless Chromium driven by
# playwright-core from npm (tests/server/package.json) for the page.
if [ "${1:-}" = check ]; then
	deps="$deps curl chromium"
	command -v npm >/dev/null 2>&1 || deps="$deps nodejs npm"
fi

missing=""
for pkg in $deps; do
	dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null |
	    grep -q "install ok installed" || missing="$missing $pkg"
done
if [ -n "$missing" ]; then
	echo "quickstart: installing$missing"
	sudo=""
	[ "$(id -u)" = 0 ] || sudo=sudo
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing
fi

[ -x configure ] || ./autogen.sh
[ -f Makefile ] || ./configure
make -j"$(nproc)"

case "${1:-}" in
check)
	(cd tests/server && { npm ci --no-audit --no-fund ||
	    npm install --no-audit --no-fund; }) >/dev/null
	make -j"$(nproc)" check
	;;
"")
	echo
	echo '$ ./query/factsheet-query password expired'
	./query/factsheet-query password expired
	;;
*)
	echo "usage: $0 [check]" >&2
	exit 2
	;;
esac
