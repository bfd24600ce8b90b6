#!/bin/sh
# shard-faults.sh - a remote shard that is down or stopped (issue #21):
# factsheet-query --partial gives the results of the shards that answer,
# marked "partial" with the missing shard named, within the timeout, and
# exit 2 naming them when none answers; factsheet-serve answers the same
# over HTTP, names the shard in its log, keeps serving, and searches the
# shard again once it is back.  Loopback only.  POSIX sh.
. "$(dirname "$0")/setup.sh"

if ! command -v xapian-tcpsrv >/dev/null 2>&1; then
	echo "1..0 # SKIP xapian-tcpsrv not found (Debian package xapian-tools)"
	exit 0
fi
if ! command -v curl >/dev/null 2>&1; then
	echo "1..0 # SKIP curl not found"
	exit 0
fi
need_python
. "$top_srcdir/tests/server/common.sh"

PUBS="$top_srcdir/tests/eval/real/pubs"
ls "$PUBS" | sort >"$TMP/pubs"
FIRST=$(head -n 7 "$TMP/pubs" | sed "s|^|$PUBS/|")
SECOND=$(tail -n +8 "$TMP/pubs" | sed "s|^|$PUBS/|")

# shellcheck disable=SC2086
t "index the first half into a shard" \
    check_exit 0 "$INDEX" --db "$TMP/a" "$CORPUS" $FIRST
# shellcheck disable=SC2086
t "and the second half into another" \
    check_exit 0 "$INDEX" --db "$TMP/b" $SECOND

# Serves database $1 on loopback port $2 (a free one if empty): its pid
# in $SRV_PID, its port in $SRV_PORT.
serve_shard() {
	SRV_PORT=${2:-$(free_port)}
	# In a session of its own: on SIGTERM xapian-tcpsrv signals its
	# whole process group, which would be this script's.
	setsid xapian-tcpsrv --quiet --interface 127.0.0.1 --port "$SRV_PORT" \
	    "$1" >>"$TMP/tcpsrv.$SRV_PORT" 2>&1 &
	SRV_PID=$!
	BACKGROUND="$BACKGROUND $SRV_PID"
	wait_port "$SRV_PORT"
}

t "xapian-tcpsrv serves the first shard" serve_shard "$TMP/a"
PID_A=$SRV_PID
A="tcp://127.0.0.1:$SRV_PORT"
t "and the second" serve_shard "$TMP/b"
PID_B=$SRV_PID
PORT_B=$SRV_PORT
B="tcp://127.0.0.1:$SRV_PORT"

# py EXPR: EXPR over the JSON document d in $OUT.
py() {
	python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
print(eval(sys.argv[2]))' "$OUT" "$1"
}
is_py() {
	_got=$(py "$1" 2>&1) || _got="(not JSON: $(head -c 200 "$OUT"))"
	if [ "$_got" != "$2" ]; then
		echo "$1 is $_got, wanted $2"
		return 1
	fi
}

# A question the second shard answers (the VA publications are in it).
Q="change direct deposit"
SECOND_HIT=va-change-direct-deposit.pdf

t "both shards answer: whole results, the second shard's among them" eval '
	check_exit 0 "$QUERY" --partial --json --limit 20 --db "$A" --db "$B" \
	    -- "$Q" &&
	is_py "\"partial\" in d" False &&
	is_py "any(h[\"publication\"][\"source\"].endswith(\"$SECOND_HIT\")
	    for h in d[\"results\"])" True'

# Seconds since the epoch, with a fraction.
now() {
	python3 -c 'import time; print(time.time())'
}
# Whether fewer than $3 seconds passed from $1 to $2.
within() {
	python3 -c 'import sys
s = float(sys.argv[2]) - float(sys.argv[1])
print("took %.1f s" % s)
sys.exit(0 if s < float(sys.argv[3]) else 1)' "$1" "$2" "$3"
}

kill -STOP "$PID_B"
start=$(now)
run timeout 30 "$QUERY" --partial --timeout 1000 --json --limit 20 \
    --db "$A" --db "$B" -- "$Q"
end=$(now)
t "a stopped shard, --partial: exit 0" test "$rc" -eq 0
t "within the timeout, not a hang (< 10 s)" within "$start" "$end" 10
t "marked partial" is_py "d[\"partial\"]" True
t "the stopped shard named as missing" is_py "d[\"missing\"]" "['$B']"
t "the other shard's results" is_py "len(d[\"results\"]) > 0" True
t "one line on stderr names it" eval '
	lines_are "$ERR" 1 && contains "$ERR" "$B not answering"'
t "a stopped shard without --partial: exit 2 naming it" eval '
	check_exit 2 timeout 30 "$QUERY" --timeout 1000 --db "$A" --db "$B" \
	    -- "$Q" && contains "$ERR" "127.0.0.1:$PORT_B"'
kill -CONT "$PID_B"

# factsheet-serve over both shards, while both answer.
t "factsheet-serve starts over both shards" \
    start_server "$A" --db "$B" --timeout 1000 --threads 1

# get URL: the body in $OUT, the status in $code.
get() {
	last_cmd="curl $*"
	code=$(curl -s -m 30 -o "$OUT" -w '%{http_code}' "$@") || code=000
}
is_code() {
	if [ "$code" != "$1" ]; then
		echo "HTTP status $code, wanted $1"
		show "$OUT"
		return 1
	fi
}
URL="$BASE/search?q=change+direct+deposit&limit=20"

get "$URL"
t "serve: whole results while both answer" eval '
	is_code 200 && is_py "\"missing\" in d" False'

kill "$PID_B"
wait "$PID_B" 2>/dev/null || :
get "$URL"
t "serve: the second shard killed: 200" is_code 200
t "serve: marked partial" is_py "d[\"partial\"]" True
t "serve: the killed shard named" is_py "d[\"missing\"]" "['$B']"
t "serve: the first shard's results" is_py "len(d[\"results\"]) > 0" True
t "serve: its log names the shard" contains "$SERVER_LOG" \
    "partial, not answering: $B"
get "$BASE/healthz"
t "serve: still serving" is_code 200

# The shard back on its port: searched again within a few seconds.
t "xapian-tcpsrv serves the second shard again, on its port" \
    serve_shard "$TMP/b" "$PORT_B"
PID_B=$SRV_PID
back=no
i=0
while [ $i -lt 100 ]; do
	get "$URL"
	if [ "$code" = 200 ] && [ "$(py '"missing" in d')" = False ]; then
		back=yes
		break
	fi
	sleep 0.2
	i=$((i + 1))
done
t "serve: the shard back is searched again, without a restart" \
    test "$back" = yes
t "serve: its results again" is_py "any(h[\"publication\"][\"source\"]
    .endswith(\"$SECOND_HIT\") for h in d[\"results\"])" True

# A shard stopped while the server has it open: no hang.  xapian-tcpsrv
# serves each connection in a child of its own: its whole process group
# is stopped.
kill -STOP -- "-$PID_B"
start=$(now)
get "$URL"
end=$(now)
t "serve: the second shard stopped: 200" is_code 200
t "serve: within the timeout, not a hang (< 10 s)" within "$start" "$end" 10
t "serve: the stopped shard named" is_py "d[\"missing\"]" "['$B']"
kill -CONT -- "-$PID_B"

# No shard answers: a clear error naming them, exit 2.
kill "$PID_B" "$PID_A"
wait "$PID_B" 2>/dev/null || :
wait "$PID_A" 2>/dev/null || :
t "no shard answers: exit 2, naming both" eval '
	check_exit 2 timeout 30 "$QUERY" --partial --timeout 1000 \
	    --db "$A" --db "$B" -- "$Q" &&
	contains "$ERR" "$A" && contains "$ERR" "$B"'
get "$URL"
t "serve: no shard answers: 503" is_code 503
t "serve: the error names one" contains "$OUT" "127.0.0.1"
t "serve: still running" kill -0 "$SERVER"
stop_server
t "serve: exits 0 on SIGTERM" test "$server_rc" -eq 0

done_testing
