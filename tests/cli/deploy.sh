#!/bin/sh
# deploy.sh - the systemd unit doc/deployment.md ships
# (doc/factsheet-serve.service): its ExecStart runs, with its own options,
# the database and address swapped for a test database on a free loopback
# port, and /healthz answers 200; the database is under its ReadOnlyPaths;
# the hardening the document promises is there; systemd-analyze verify
# accepts it when systemd is installed.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/cli/setup.sh"
. "$top_srcdir/tests/server/common.sh"

UNIT="$top_srcdir/doc/factsheet-serve.service"

if ! command -v curl >/dev/null 2>&1; then
	echo "1..0 # SKIP curl not found"
	exit 0
fi

# The value of KEY= in the unit, each a line.
unit_values() {
	sed -n "s/^$1=//p" "$UNIT"
}

EXEC=$(unit_values ExecStart)
t "the unit has one ExecStart" eval '[ "$(unit_values ExecStart | wc -l)" -eq 1 ]'
# shellcheck disable=SC2086
set -- $EXEC
PROG=$1
shift
t "ExecStart starts factsheet-serve" eval '[ "${PROG##*/}" = factsheet-serve ] ||
    { echo "got $PROG"; false; }'

# The options, with --db and --listen swapped for ours; the unit's
# database kept to check against ReadOnlyPaths.
t "index the corpus" index_corpus "$TMP/db"
ARGS=
UNIT_DB=
LISTEN=
while [ $# -gt 0 ]; do
	case $1 in
	--db)
		UNIT_DB=$2
		ARGS="$ARGS --db $TMP/db"
		shift 2
		;;
	--listen)
		LISTEN=$2
		ARGS="$ARGS --listen 127.0.0.1:0"
		shift 2
		;;
	*)
		ARGS="$ARGS $1"
		shift
		;;
	esac
done
t "ExecStart names a database" eval '[ -n "$UNIT_DB" ]'
t "and an address to listen on" eval '[ -n "$LISTEN" ]'

# shellcheck disable=SC2086
"$SERVE" $ARGS >"$TMP/server.out" 2>"$TMP/server.log" &
SERVER=$!
BACKGROUND="$BACKGROUND $SERVER"
PORT=
i=0
while [ -z "$PORT" ] && [ $i -lt 100 ] && kill -0 "$SERVER" 2>/dev/null; do
	PORT=$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' \
	    "$TMP/server.out")
	[ -n "$PORT" ] || sleep 0.1
	i=$((i + 1))
done
t "factsheet-serve starts with the unit's options" \
    eval '[ -n "$PORT" ] || { cat "$TMP/server.log"; false; }'
code=000
i=0
while [ -n "$PORT" ] && [ $i -lt 100 ]; do
	code=$(curl -s -o "$TMP/healthz" -w '%{http_code}' \
	    "http://127.0.0.1:$PORT/healthz") || :
	[ "$code" = 200 ] && break
	sleep 0.1
	i=$((i + 1))
done
t "GET /healthz is 200" eval '[ "$code" = 200 ] || { echo "got $code"; false; }'
t "and says ok with the sections" \
    contains "$TMP/healthz" "{\"status\":\"ok\",\"sections\":$SECTIONS}"
kill -TERM "$SERVER"
srv_rc=0
wait "$SERVER" || srv_rc=$?
t "SIGTERM stops it with 0" eval '[ "$srv_rc" = 0 ] || { echo "got $srv_rc"; false; }'

# The database is read-only to the service: under one of its
# ReadOnlyPaths.
read_only() {
	for p in $(unit_values ReadOnlyPaths); do
		case $UNIT_DB/ in "${p%/}"/*) return 0 ;; esac
	done
	echo "$UNIT_DB is under none of: $(unit_values ReadOnlyPaths)"
	return 1
}
t "the database is under ReadOnlyPaths" read_only
for setting in NoNewPrivileges=yes ProtectSystem=strict DynamicUser=yes \
    ProtectHome=yes PrivateTmp=yes CapabilityBoundingSet= \
    TimeoutStopSec=40 KillSignal=SIGTERM; do
	t "the unit sets $setting" has_line "$UNIT" "$setting"
done

# systemd's own check, with the program from the build tree (the man
# page of Documentation= is not installed here: --man=no).  A setting it
# cannot parse is only a warning, so its messages must be none.
if command -v systemd-analyze >/dev/null 2>&1; then
	sed "s|^ExecStart=[^ ]*|ExecStart=$SERVE|" "$UNIT" \
	    >"$TMP/factsheet-serve.service"
	t "systemd-analyze verify accepts it" \
	    check_exit 0 systemd-analyze verify --man=no \
	    "$TMP/factsheet-serve.service"
	t "with no warning" lines_are "$ERR" 0
else
	skip "systemd-analyze verify accepts it" "systemd-analyze not found"
	skip "with no warning" "systemd-analyze not found"
fi

done_testing
