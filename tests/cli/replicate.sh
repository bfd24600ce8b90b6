#!/bin/sh
# replicate.sh - a query host follows the indexing host with Xapian's
# replication tools (issue #21): factsheet-index --replicate keeps
# changesets, xapian-replicate-server serves the master's folder,
# xapian-replicate copies the database and, as a database of its own, its
# lexicon (the spelling data, which replicating the database does not
# carry); a replica answers as the master does, follows a re-index, and
# a factsheet-serve on it picks the change up without a restart or a
# failed request.  Loopback only.  POSIX sh.
. "$(dirname "$0")/setup.sh"

for tool in xapian-replicate xapian-replicate-server curl; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "1..0 # SKIP $tool not found"
		exit 0
	fi
done
need_python
. "$top_srcdir/tests/server/common.sh"

OLD=1-866-484-8049
NEW=1-866-484-7777
mkdir "$TMP/src" "$TMP/master"
cp "$CORPUS" "$TMP/src/pecos.txt"
MASTER="$TMP/master/db"
REPLICA="$TMP/replica"

t "index with --replicate" check_exit 0 "$INDEX" --replicate \
    --db "$MASTER" "$TMP/src"
t "the master keeps a changeset" test -f "$MASTER/changes1"

RPORT=$(free_port)
# In a session of its own, as xapian-tcpsrv: a signal to its process
# group must not reach this script.
setsid xapian-replicate-server --interface 127.0.0.1 --port "$RPORT" \
    "$TMP/master" >"$TMP/replicate-server.log" 2>&1 &
BACKGROUND="$BACKGROUND $!"
t "xapian-replicate-server serves the master's folder" wait_port "$RPORT"

# One pass of replication: the database, then its lexicon as a database
# of its own, into the replica's folder.
replicate() {
	xapian-replicate -h 127.0.0.1 -p "$RPORT" -m db -o "$REPLICA" &&
	    xapian-replicate -h 127.0.0.1 -p "$RPORT" -m db/lexicon -o \
	    "$REPLICA/lexicon"
}

# The database alone first: the lexicon, a folder inside it, is not
# carried.
t "replicate the database" check_exit 0 xapian-replicate -h 127.0.0.1 \
    -p "$RPORT" -m db -o "$REPLICA"
t "replicating the database does not carry its lexicon" \
    test ! -e "$REPLICA/lexicon"
t "without it, the replica corrects no misspelling" eval '
	check_exit 1 "$QUERY" --json --db "$REPLICA" -- pecoss &&
	contains "$OUT" "\"corrected\": null"'
t "replicate the lexicon as a database of its own" replicate
t "the replica corrects a misspelling as the master does" eval '
	check_exit 0 "$QUERY" --json --db "$REPLICA" -- pecoss &&
	contains "$OUT" "\"corrected\": \"pecos\""'
t "the master does too" eval '
	check_exit 0 "$QUERY" --json --db "$MASTER" -- pecoss &&
	contains "$OUT" "\"corrected\": \"pecos\""'
t "factsheet-query on the replica finds the contact" eval '
	check_exit 0 "$QUERY" --json --db "$REPLICA" -- EUS help desk phone &&
	contains "$OUT" "$OLD"'

# factsheet-serve on the replica, before the change reaches it.
t "factsheet-serve starts on the replica" start_server "$REPLICA"
URL="$BASE/search?q=EUS+help+desk+phone"
curl -s -o "$OUT" "$URL"
t "serve: the contact as it was" contains "$OUT" "$OLD"

# The contact changes on the indexing host.
sed "s/$OLD/$NEW/" "$CORPUS" >"$TMP/src/pecos.txt"
t "the source changed" contains "$TMP/src/pecos.txt" "$NEW"
t "re-index the master with --replicate" check_exit 0 "$INDEX" --replicate \
    --db "$MASTER" "$TMP/src"

# Requests all through a replication, each status on a line in
# $TMP/codes, until $TMP/stop-polling appears.
start_polling() {
	rm -f "$TMP/stop-polling"
	(
		while [ ! -e "$TMP/stop-polling" ]; do
			curl -s -o /dev/null -w '%{http_code}\n' "$URL" ||
			    echo 000
		done
	) >"$TMP/codes" 2>&1 &
	POLLER=$!
	BACKGROUND="$BACKGROUND $POLLER"
}

# Polls the server until it answers with $1 in $OUT (10 s at most): it
# reopens on each request, so the change is there at once, but the wait
# is for a slow machine.  Then stops the poller.
await_change() {
	seen=no
	i=0
	while [ $i -lt 50 ]; do
		curl -s -o "$OUT" "$URL"
		if grep -F -e "$1" "$OUT" >/dev/null; then
			seen=yes
			break
		fi
		sleep 0.2
		i=$((i + 1))
	done
	touch "$TMP/stop-polling"
	wait "$POLLER" || :
	n_codes=$(wc -l <"$TMP/codes")
	echo "# $n_codes requests during the replication"
}

all_200() {
	test "$n_codes" -gt 0 &&
	    test "$(grep -c -v '^200$' "$TMP/codes")" -eq 0 ||
	    { sort "$TMP/codes" | uniq -c; false; }
}

copy_before=$(tail -n 1 "$REPLICA/XAPIANDB")
start_polling
t "replicate the change" replicate
await_change "$NEW"
t "serve: the changed contact, without a restart" test "$seen" = yes
t "serve: the old number gone" lacks "$OUT" "$OLD"
t "serve: every request during the replication answered 200" all_200
t "the changesets were applied to the copy in use" test \
    "$(tail -n 1 "$REPLICA/XAPIANDB")" = "$copy_before"
t "factsheet-query on the replica: the changed contact" eval '
	check_exit 0 "$QUERY" --json --db "$REPLICA" -- EUS help desk phone &&
	contains "$OUT" "$NEW"'

# A re-index that keeps no changesets: xapian-replicate then copies the
# whole database into a new folder and deletes the one the server has
# open.
NEWER=1-866-484-6666
sed "s/$OLD/$NEWER/" "$CORPUS" >"$TMP/src/pecos.txt"
t "re-index the master without --replicate" check_exit 0 "$INDEX" \
    --db "$MASTER" "$TMP/src"
start_polling
t "replicate the change" replicate
await_change "$NEWER"
t "a whole copy was made: the replica names another" test \
    "$(tail -n 1 "$REPLICA/XAPIANDB")" != "$copy_before"
t "serve: the changed contact, without a restart" test "$seen" = yes
t "serve: every request during the replication answered 200" all_200
t "serve: the replica's lexicon still corrects" eval '
	curl -s -o "$OUT" "$BASE/search?q=pecoss" &&
	contains "$OUT" "\"corrected\": \"pecos\""'
stop_server
t "serve: exits 0" test "$server_rc" -eq 0

done_testing
