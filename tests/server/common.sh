# common.sh - sourced by tests/server/*.sh, after tests/cli/setup.sh: an
# index of the corpus and fixtures with a URL map and the CMS thesaurus (a
# CMS site's, as the bundled index), and a factsheet-serve on a free port.
#
#   build_site_db DB        index corpus + fixtures into DB, mapped to
#                           https://docs.example.org/help/
#   start_server DB [ARGS]  start the server on a free port; sets $PORT,
#                           $BASE, $SERVER (pid), $SERVER_OUT, $SERVER_LOG
#   stop_server             SIGTERM, wait; sets $server_rc
SERVE="$top_builddir/server/factsheet-serve"
SITE="$TMP/site"

build_site_db() {
	mkdir -p "$SITE/guides"
	cp "$CORPUS" "$SITE/pecos.txt"
	cp "$top_srcdir/tests/fixtures/enrollment-help.html" \
	    "$top_srcdir/tests/fixtures/pecos-guide.md" "$SITE/guides/"
	"$INDEX" --db "$1" --thesaurus cms \
	    --url-map "$SITE=https://docs.example.org/help/" \
	    "$SITE" >/dev/null
}

start_server() {
	_db=$1
	shift
	SERVER_OUT="$TMP/server.out"
	SERVER_LOG="$TMP/server.log"
	"$SERVE" --db "$_db" --listen 127.0.0.1:0 "$@" \
	    >"$SERVER_OUT" 2>"$SERVER_LOG" &
	SERVER=$!
	BACKGROUND="$BACKGROUND $SERVER"
	PORT=
	_i=0
	while [ $_i -lt 100 ]; do
		PORT=$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' \
		    "$SERVER_OUT")
		[ -n "$PORT" ] && break
		kill -0 "$SERVER" 2>/dev/null || break
		sleep 0.1
		_i=$((_i + 1))
	done
	BASE="http://127.0.0.1:$PORT"
	# Ready when /healthz answers.
	_i=0
	while [ -n "$PORT" ] && [ $_i -lt 100 ]; do
		curl -sf "$BASE/healthz" >/dev/null 2>&1 && return 0
		sleep 0.1
		_i=$((_i + 1))
	done
	echo "factsheet-serve did not start:" >&2
	cat "$SERVER_OUT" "$SERVER_LOG" >&2
	return 1
}

stop_server() {
	kill -TERM "$SERVER" 2>/dev/null || :
	server_rc=0
	wait "$SERVER" || server_rc=$?
}
