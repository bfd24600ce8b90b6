#!/bin/sh
# browser.sh - the search page and widget in headless Chromium (Debian's
# chromium), driven by playwright-core (tests/server/package.json, in
# node_modules beside it: npm ci there).  Skips when chromium, node or
# playwright-core is missing, except under CI (CI=true), where that is a
# failure.  Screenshots go to tests/server/artifacts/ in the build tree.
# PLAYWRIGHT_NODE_MODULES names another node_modules (a distcheck tree
# or a second build has none of its own).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/cli/setup.sh"
. "$top_srcdir/tests/server/common.sh"

CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
missing=
[ -x "$CHROMIUM" ] || missing="chromium ($CHROMIUM)"
command -v node >/dev/null 2>&1 || missing="$missing node"
MODULES=${PLAYWRIGHT_NODE_MODULES:-$top_srcdir/tests/server/node_modules}
[ -d "$MODULES/playwright-core" ] ||
    missing="$missing playwright-core (npm ci in tests/server)"
if [ -n "$missing" ]; then
	if [ "${CI:-}" = true ]; then
		echo "not ok 1 - browser tests: missing$missing under CI"
		echo "1..1"
		exit 1
	fi
	echo "1..0 # SKIP missing$missing"
	exit 0
fi

DB="$TMP/db"
ARTIFACTS="$top_builddir/tests/server/artifacts"
mkdir -p "$ARTIFACTS"
# A free port for the sample docs site, which the URL map points at.
DOCS_PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$SITE/guides"
cp "$CORPUS" "$SITE/pecos.txt"
cp "$top_srcdir/tests/fixtures/enrollment-help.html" \
    "$top_srcdir/tests/fixtures/pecos-guide.md" "$SITE/guides/"
# A publication whose headings hold markup and a script.
cat >"$SITE/hostile.txt" <<'HOSTILE'
Hostile <script>window.pwned = true</script> Fact Sheet

Common Problems and Who to Contact

Problem: Zebra <script>window.pwned = true</script> login <img src=x onerror="window.pwned=true">

A zebra login fails with an error.

Solution: Contact the Zebra <b onmouseover="window.pwned=true">Help</b> Desk

Website: <javascript:window.pwned=true>
HOSTILE
"$INDEX" --db "$DB" --thesaurus cms \
    --url-map "$SITE=http://127.0.0.1:$DOCS_PORT/" \
    "$SITE" >/dev/null
start_server "$DB" --threads 2 || { echo "not ok 1 - server starts"; echo 1..1; exit 1; }

NODE_PATH="$MODULES" \
    node "$top_srcdir/tests/server/browser.mjs" "$BASE" "$ARTIFACTS" \
    "$DOCS_PORT"
status=$?
stop_server
exit $status
