#!/bin/sh
# api.sh - factsheet-serve over HTTP with curl: it starts on a free port,
# answers /healthz, /search (filters, facets, url), /suggest, the page, the
# widget and /opensearch.xml; refuses bad parameters, other methods and
# bodies with JSON errors of the right status; sends its security headers;
# logs one line a request; sees a re-index while serving without a failed
# request; and on SIGTERM finishes what is in flight and exits 0.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/cli/setup.sh"
. "$top_srcdir/tests/server/common.sh"

need_python
if ! command -v curl >/dev/null 2>&1; then
	echo "1..0 # SKIP curl not found"
	exit 0
fi

DB="$TMP/db"
build_site_db "$DB"

# get URL: the body in $OUT, the headers in $TMP/headers, the status in
# $code.
get() {
	last_cmd="curl $*"
	code=$(curl -s -o "$OUT" -D "$TMP/headers" -w '%{http_code}' "$@") ||
	    code=000
}
is_code() {
	if [ "$code" != "$1" ]; then
		echo "HTTP status $code, wanted $1"
		show "$OUT"
		return 1
	fi
}
# py EXPR: EXPR over the JSON document d in $OUT.
py() {
	python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
print(eval(sys.argv[2]))' "$OUT" "$1"
}
is_py() {
	_got=$(py "$1" 2>&1)
	if [ "$_got" != "$2" ]; then
		echo "$1: got '$_got', wanted '$2'"
		return 1
	fi
}
# error_is STATUS: a JSON error of that status.
error_is() {
	is_code "$1" && is_py 'd["status"]' "$1" &&
	    is_py 'isinstance(d["error"], str) and len(d["error"]) > 0' True &&
	    contains "$TMP/headers" "Content-Type: application/json"
}

t "starts on a free port and answers /healthz" start_server "$DB" --threads 2
t "it printed the port it picked" test -n "$PORT"
get "$BASE/healthz"
t "/healthz: 200, status ok, the sections counted" eval '
    is_code 200 && is_py "d[\"status\"]" ok && is_py "d[\"sections\"] > 12" True'

get "$BASE/search?q=password+expired"
t "/search 'password expired': Accessing the PECOS System first" eval '
    is_code 200 &&
    is_py "d[\"results\"][0][\"heading\"]" "Accessing the PECOS System"'
t "/search: the shape of factsheet-query --json" eval '
    is_py "\" \".join(sorted(k for k in d if k != \"facets\"))" \
	"corrected query results suggested total" &&
    is_py "d[\"query\"]" "password expired"'
t "/search: the url by the database's map, with its anchor" is_py \
    'd["results"][0]["url"]' \
    "https://docs.example.org/help/pecos.txt#accessing-the-pecos-system"
t "/search: the same url as factsheet-query --json" eval '
    "$QUERY" --db "$DB" --json password expired >"$TMP/cli.json" &&
    python3 -c "import json,sys; a=json.load(open(sys.argv[1])); b=json.load(open(sys.argv[2])); sys.exit([r[\"url\"] for r in a[\"results\"]] != [r[\"url\"] for r in b[\"results\"]])" \
	"$OUT" "$TMP/cli.json"'
# gzip when the client takes it: the same JSON, in fewer bytes.
cp "$OUT" "$TMP/plain.json"
plain_bytes=$(wc -c <"$TMP/plain.json")
get -H 'Accept-Encoding: gzip, deflate' "$BASE/search?q=password+expired"
t "/search with Accept-Encoding gzip: gzipped, Vary says why" eval '
    is_code 200 && contains "$TMP/headers" "Content-Encoding: gzip" &&
    contains "$TMP/headers" "Vary: Accept-Encoding"'
t "/search gzipped: the same JSON, in fewer bytes" eval '
    gzip -dc <"$OUT" >"$TMP/unzipped.json" &&
    cmp "$TMP/plain.json" "$TMP/unzipped.json" &&
    [ "$(wc -c <"$OUT")" -lt $((plain_bytes / 2)) ]'
get -H 'Accept-Encoding: gzip;q=0, identity' "$BASE/search?q=password+expired"
t "/search with gzip;q=0: not gzipped" eval '
    is_code 200 && lacks "$TMP/headers" "Content-Encoding" &&
    cmp "$TMP/plain.json" "$OUT"'
get -H 'Accept-Encoding: gzip' "$BASE/search?q=password&limit=0"
t "a short error is not gzipped" eval '
    is_code 400 && lacks "$TMP/headers" "Content-Encoding" &&
    contains "$OUT" "limit"'
get "$BASE/search?q=password+expired"
t "/search: facets by publication, kind and contact kind" eval '
    is_py "\" \".join(sorted(d[\"facets\"]))" "has kind publication" &&
    is_py "sum(p[\"count\"] for p in d[\"facets\"][\"publication\"]) == sum(d[\"facets\"][\"kind\"].values())" True &&
    is_py "all(p[\"title\"] and p[\"id\"] for p in d[\"facets\"][\"publication\"])" True'
get "$BASE/search?q=password&limit=100"
all=$(py 'd["total"]')
pub=$(py '[p["id"] for p in d["facets"]["publication"] if p["title"].startswith("PECOS Technical")][0]')
get "$BASE/search?q=password&limit=100&publication=$pub"
t "publication=: only that publication's sections" eval '
    is_code 200 && is_py "len(d[\"results\"]) > 0" True &&
    is_py "\"|\".join({r[\"publication\"][\"title\"] for r in d[\"results\"]})" \
	"PECOS Technical Assistance Contact Information" &&
    is_py "d[\"total\"] < $all" True'
get "$BASE/search?q=pecos&limit=100"
kinds=$(py 'd["facets"]["kind"]')
phones=$(py 'sum(any(c["kind"] == "phone" for c in r["contacts"]) for r in d["results"])')
t "facets: the kind and contact-kind counts are the matches' own" eval '
    is_py "d[\"total\"] < 100 and sum(d[\"facets\"][\"kind\"].values()) == d[\"total\"]" True &&
    is_py "d[\"facets\"][\"has\"][\"phone\"]" "$phones"'
get "$BASE/search?q=pecos&kind=problem&limit=100"
t "kind=problem: only problems" eval '
    is_code 200 && is_py "\"|\".join({r[\"kind\"] for r in d[\"results\"]})" problem'
t "kind=problem: as many as the kind facet counted" eval '
    is_py "d[\"total\"] == $kinds[\"problem\"]" True'
get "$BASE/search?q=pecos&has=tty"
t "has=tty: only sections with a TTY, the facet says so" eval '
    is_code 200 && is_py "all(any(c[\"kind\"] == \"tty\" for c in r[\"contacts\"]) for r in d[\"results\"]) and len(d[\"results\"]) > 0" True &&
    is_py "d[\"facets\"][\"has\"][\"tty\"] == d[\"total\"]" True'
get "$BASE/search?q=pecos&facets=0"
t "facets=0: no facets counted" eval 'is_code 200 && is_py "\"facets\" in d" False'
get "$BASE/search?q=pecos&limit=2&offset=1"
t "limit and offset" eval 'is_code 200 && is_py "[r[\"rank\"] for r in d[\"results\"]]" "[2, 3]"'
get "$BASE/search?q=xylophonequartz"
t "no match: 200 with no results" eval 'is_code 200 && is_py "d[\"results\"]" "[]"'
get "$BASE/search?q=pasword+expird"
t "a correction is given as corrected" eval '
    is_code 200 && is_py "d[\"corrected\"]" "password expired"'

get "$BASE/suggest?q=passw"
t "/suggest 'passw': the last word a prefix" eval '
    is_code 200 && is_py "\"Accessing the PECOS System\" in [s[\"heading\"] for s in d[\"suggestions\"]]" True'
get "$BASE/suggest?q=p"
t "/suggest: at most 10 headings, each once" eval '
    is_code 200 && is_py "0 < len(d[\"suggestions\"]) <= 10" True &&
    is_py "len({s[\"heading\"] for s in d[\"suggestions\"]}) == len(d[\"suggestions\"])" True'

get "$BASE/search"
t "no q: 400" error_is 400
get "$BASE/search?q=+"
t "blank q: 400" error_is 400
long=$(python3 -c 'print("a" * 1100)')
get "$BASE/search?q=$long"
t "q over 1024 bytes: 400" error_is 400
for bad in limit=0 limit=101 limit=abc limit=-1 offset=-1 offset=x kind=bogus has=pager; do
	get "$BASE/search?q=pecos&$bad"
	t "$bad: 400" error_is 400
done
get "$BASE/search?q=%FF%FE"
t "q not UTF-8: 400" error_is 400
get "$BASE/search?q=%22unclosed+AND"
t "q any syntax: never a 500" eval '[ "$code" = 200 ] || [ "$code" = 400 ]'
get "$BASE/no-such-page"
t "unknown path: 404" error_is 404
get -X POST --data q=pecos "$BASE/search"
t "POST: 405 with Allow: GET, HEAD" eval '
    error_is 405 && contains "$TMP/headers" "Allow: GET, HEAD"'
get -X DELETE "$BASE/search?q=pecos"
t "DELETE: 405" error_is 405
get -X GET --data-binary @"$CORPUS" "$BASE/search?q=pecos"
t "a GET with a body: 413" error_is 413
get -I "$BASE/healthz"
t "HEAD: 200" is_code 200

get "$BASE/search?q=pecos"
t "CSP: script-src 'self', nothing inline" eval '
    contains "$TMP/headers" "Content-Security-Policy:" &&
    contains "$TMP/headers" "script-src '\''self'\''" &&
    lacks "$TMP/headers" "unsafe-inline" && lacks "$TMP/headers" "unsafe-eval"'
t "X-Content-Type-Options: nosniff" contains "$TMP/headers" \
    "X-Content-Type-Options: nosniff"
get "$BASE/"
t "/: the search page, HTML, with the CSP" eval '
    is_code 200 && contains "$TMP/headers" "Content-Type: text/html" &&
    contains "$TMP/headers" "Content-Security-Policy:" &&
    contains "$OUT" "data-factsheet-search"'
t "/: no inline script or handler attributes" eval '
    ! grep -Ei "<script>|<script[^>]*>[^<]|[[:space:]]on[a-z]+=|javascript:|style=" "$OUT"'
get "$BASE/widget.js"
t "/widget.js: JavaScript, no innerHTML, no eval" eval '
    is_code 200 && contains "$TMP/headers" "Content-Type: text/javascript" &&
    ! grep -E "innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function" "$OUT"'
get "$BASE/widget.css"
t "/widget.css: CSS" eval 'is_code 200 && contains "$TMP/headers" "Content-Type: text/css"'
get -H "Host: search.example.org" "$BASE/opensearch.xml"
t "/opensearch.xml names the search URL" eval '
    is_code 200 && contains "$OUT" "<OpenSearchDescription" &&
    contains "$OUT" "http://search.example.org/?q={searchTerms}"'
get -H "Host: evil\"><x" "$BASE/opensearch.xml"
t "/opensearch.xml: a hostile Host is not echoed" eval '
    is_code 200 && lacks "$OUT" "evil" && contains "$OUT" "127.0.0.1:$PORT"'

t "access log: one line a request, path and query escaped, status, µs" \
    has_line "$SERVER_LOG" \
    '[0-9-]+T[0-9:]+Z GET /search\?q=password%20expired 200 [0-9]+us'
t "access log: the 405 logged" has_line "$SERVER_LOG" \
    '[0-9-]+T[0-9:]+Z POST /search 405 [0-9]+us'
t "access log: an escape in a query stays escaped" has_line "$SERVER_LOG" \
    '.* GET /search\?q=%FF%FE 400 [0-9]+us'

# Re-index while serving: every request answers 200, and the new
# publication is found without a restart.
cat >"$SITE/zebra.md" <<'ZEBRA'
# Zebra Portal Guide

## Resetting a Zebra Portal Password

Zebra portal passwords are reset from the zebracorn page.
ZEBRA
(
	i=0
	while [ $i -lt 6 ]; do
		"$INDEX" --db "$DB" --force "$SITE" >/dev/null 2>&1 || exit 1
		i=$((i + 1))
	done
) &
indexer=$!
BACKGROUND="$BACKGROUND $indexer"
: >"$TMP/codes"
while kill -0 "$indexer" 2>/dev/null; do
	curl -s -o /dev/null -w '%{http_code}\n' \
	    "$BASE/search?q=password+expired&limit=20" >>"$TMP/codes"
	curl -s -o /dev/null -w '%{http_code}\n' \
	    "$BASE/suggest?q=zebr" >>"$TMP/codes"
done
wait "$indexer"
indexer_rc=$?
t "the indexer re-indexed six times while serving" test "$indexer_rc" = 0
t "requests during the re-index: all 200 ($(wc -l <"$TMP/codes") made)" eval '
    [ "$(wc -l <"$TMP/codes")" -gt 10 ] &&
    ! grep -v "^200$" "$TMP/codes"'
get "$BASE/search?q=zebracorn"
t "the new publication is served without a restart" eval '
    is_code 200 && is_py "d[\"results\"][0][\"heading\"]" \
	"Resetting a Zebra Portal Password" &&
    is_py "d[\"results\"][0][\"url\"]" \
	"https://docs.example.org/help/zebra.md#resetting-a-zebra-portal-password"'

# SIGTERM while requests are in flight: each one started is answered.  One
# request is sent half before the signal, the rest after it.
python3 - "$PORT" "$TMP/slow.ready" >"$TMP/slow" 2>&1 <<'SLOW' &
import socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.sendall(b"GET /search?q=pecos HTTP/1.1\r\nHost: localhost\r\n")
open(sys.argv[2], "w").close()
time.sleep(0.5)
s.sendall(b"Connection: close\r\n\r\n")
data = b""
while True:
    chunk = s.recv(65536)
    if not chunk:
        break
    data += chunk
print(data.split(b"\r\n")[0].decode())
SLOW
slow=$!
i=0
while [ ! -f "$TMP/slow.ready" ] && [ $i -lt 100 ]; do
	sleep 0.05
	i=$((i + 1))
done
: >"$TMP/burst"
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
	( curl -s -o /dev/null -w '%{http_code}\n' \
	    "$BASE/search?q=enrollment+application+pecos&limit=100" \
	    >>"$TMP/burst" 2>/dev/null || echo "curl $?" >>"$TMP/burst" ) &
done
sleep 0.05
stop_server
wait
t "SIGTERM: exit 0" test "$server_rc" = 0
t "SIGTERM: says it stopped" contains "$SERVER_LOG" "stopped (Terminated)"
t "SIGTERM: a request half sent before it is answered 200" has_line \
    "$TMP/slow" 'HTTP/1.1 200 OK'
t "SIGTERM: requests that got in were answered 200, none cut" eval '
    ! grep -Ev "^200$|^000$|^curl 7$" "$TMP/burst"'

t "--listen without a port: exit 2, one message" eval '
    check_exit 2 "$SERVE" --db "$DB" --listen 127.0.0.1 && lines_are "$ERR" 1'
t "--db that is not there: exit 2, naming it" eval '
    check_exit 2 "$SERVE" --db "$TMP/nowhere" --listen 127.0.0.1:0 &&
    contains "$ERR" "$TMP/nowhere"'
t "--url-map to javascript: refused" eval '
    check_exit 2 "$SERVE" --db "$DB" --listen 127.0.0.1:0 \
	--url-map "$SITE=javascript:alert(1)" &&
    contains "$ERR" "http://, https:// or /"'
t "--threads 0: exit 2" check_exit 2 "$SERVE" --db "$DB" --threads 0

done_testing
