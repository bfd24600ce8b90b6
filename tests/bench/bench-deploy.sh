#!/bin/sh
# bench-deploy.sh - the capacity figures of doc/deployment.md (issue 21,
# item 6), on generated fact sheets, in three parts:
#
#   serve      requests/s per core: factsheet-serve --threads 1 pinned to
#              core 0 (taskset -c 0) with wrk pinned to core 1, then
#              --threads 2 on cores 0 and 1 with wrk beside it (so the
#              2-core figure pays for wrk's own CPU: a lower bound on the
#              scaling), for bench-serve.sh's query classes; the two
#              set-ups alternate in each round, their order reversed from
#              one round to the next.
#   size       the database's size (du) and its lexicon side folder's,
#              separately, at each of SIZES sheets, each indexed afresh,
#              with the size per 1,000 sheets, to show how linear it is.
#   replicate  replication lag after a 1% change: REPL_N sheets indexed
#              with XAPIAN_MAX_CHANGESETS set, xapian-replicate-server on
#              loopback, two xapian-replicate clients (one with Xapian's
#              default reader time, -r 30, one with -r $FAST_R); each round
#              changes a phone number in 1% of the sheets, re-indexes
#              (incremental), and times from the end of the re-index (its
#              last commit made) until factsheet-query on each replica
#              finds the last changed number (polled every 0.1 s), then
#              checks every changed number is there.  Also the changeset
#              bytes each re-index wrote (what the clients fetch).  The
#              rounds are GAP (35) seconds apart: a client applying two
#              changesets in one update waits its reader time (-r) between
#              them, so changes closer than that queue up behind the wait.
#              Only the main database is replicated: the spelling data in
#              DB/lexicon is a database of its own, which this does not
#              carry.
#
# The load average is printed beside every figure: the machine is shared.
# A benchmark, not a test: it asserts nothing.
#
#   tests/bench/bench-deploy.sh [PART...]     (default: serve size replicate)
#
# N (10000) sheets for the served database, from the shared generator
# ($GEN or ../shared/bench/gen-factsheets.py), SIZES ("1000 5000 10000")
# the sizes measured (the first K of the N generated, hard-linked),
# REPL_N (1000) the replicated sheets, ROUNDS (3) the rounds of serve and
# replicate, SECS (10) and CONNS (8) wrk's duration and connections,
# INTERVAL (1) xapian-replicate's -i in seconds, FAST_R (0) the second
# client's -r, GAP (35) the seconds between replication rounds.
# Everything is kept in tests/bench/out; the databases of serve and size
# are built again only when missing.
set -eu

BENCH=bench-deploy
. "$(dirname "$0")/common.sh"
n=${N:-10000}
sizes=${SIZES:-1000 5000 10000}
repl_n=${REPL_N:-1000}
rounds=${ROUNDS:-3}
secs=${SECS:-10}
conns=${CONNS:-8}
interval=${INTERVAL:-1}
fast_r=${FAST_R:-0}
gap=${GAP:-35}
gen=${GEN:-$top/../shared/bench/gen-factsheets.py}
serve=${SERVE:-$build/server/factsheet-serve}
parts=${*:-serve size replicate}

needs "curl" curl
needs "util-linux" taskset
built "$index"
built "$query"
[ -f "$gen" ] || { echo "$BENCH: needs $gen (set GEN)" >&2; exit 2; }
for part in $parts; do
	case $part in
	serve)
		needs "wrk" wrk
		built "$serve"
		;;
	size) ;;
	replicate) needs "xapian-tools" xapian-replicate xapian-replicate-server ;;
	*) echo "$BENCH: unknown part $part (serve, size, replicate)" >&2; exit 2 ;;
	esac
done

# The most sheets any part needs, generated once; a smaller set is the
# first K of them, hard-linked.
most=$n
for k in $sizes $repl_n; do
	[ "$k" -le "$most" ] || most=$k
done
mkdir -p "$out"
[ -d "$out/gen-$most" ] || python3 "$gen" "$most" "$out/gen-$most" >/dev/null

# sheets K: the folder of the first K sheets.
sheets() {
	if [ "$1" = "$most" ]; then
		echo "$out/gen-$most"
		return
	fi
	if [ ! -d "$out/first-$1" ]; then
		mkdir "$out/first-$1.tmp"
		ls "$out/gen-$most" | sort | head -n "$1" | while read -r f; do
			ln "$out/gen-$most/$f" "$out/first-$1.tmp/$f"
		done
		mv "$out/first-$1.tmp" "$out/first-$1"
	fi
	echo "$out/first-$1"
}

# database K: a database of the first K sheets, indexed when missing.
database() {
	db="$out/$(basename "$(sheets "$1")").db"
	if [ ! -d "$db" ]; then
		rm -rf "$db.tmp"
		"$index" --db "$db.tmp" "$(sheets "$1")" >/dev/null
		mv "$db.tmp" "$db"
	fi
	echo "$db"
}

trap stop_pids EXIT INT TERM

load1() {
	cut -d' ' -f1 /proc/loadavg
}

now() {
	date +%s.%N
}

# The median (min-max, n N) of column COL of the lines on standard input.
spread() {
	awk -v col="$1" '{ print $col }' | sort -n | awk '{ v[NR] = $1 }
	    END { if (NR) printf "%s (%s-%s, n %d)", v[int((NR + 1) / 2)],
	    v[1], v[NR], NR; else printf "none" }'
}

# ---- serve ----------------------------------------------------------------

# start_serve CPUS THREADS: factsheet-serve on $db pinned to CPUS; sets
# $port.
start_serve() {
	log="$run/serve-$2.out"
	taskset -c "$1" "$serve" --db "$db" --threads "$2" \
	    --listen 127.0.0.1:0 >"$log" 2>/dev/null &
	pids="$pids $!"
	port=$(serve_port "$log")
	wait_http "http://127.0.0.1:$port/healthz"
}

# measure SETUP CLASS URL ROUND: one wrk run, appended to $run/results as
# "ROUND SETUP CLASS req/s p50-ms p99-ms errors requests load1".
measure() {
	l=$(load1)
	case $1 in
	1core) taskset -c 1 wrk -t1 -c"$conns" -d"${secs}s" --latency "$3" \
	    >"$run/wrk.out" 2>&1 || true ;;
	2core) wrk -t2 -c"$conns" -d"${secs}s" --latency "$3" \
	    >"$run/wrk.out" 2>&1 || true ;;
	esac
	cp "$run/wrk.out" "$run/wrk-$4-$1-$2.out"
	echo "$4 $1 $2 $(wrk_figures "$run/wrk.out") $l" | tee -a "$run/results"
}

part_serve() {
	db=$(database "$n")
	run="$out/deploy-serve"
	rm -rf "$run"
	mkdir -p "$run"
	start_serve 0 1
	port1=$port
	start_serve 0,1 2
	port2=$port
	classes="one-word|enrollment
two-words|hospital claims
phrase|\"prepared statement\"
field|problem:enrollment
phone|1-858-855-7328
misspelling|tablespase"
	echo "serve: $n sheets ($db), $rounds rounds, wrk ${secs} s," \
	    "$conns connections; 1core: --threads 1 on core 0, wrk -t1 on" \
	    "core 1; 2core: --threads 2 on cores 0-1, wrk -t2 unpinned;" \
	    "$(date -u '+%F %H:%M UTC'), load average $(load)"
	echo "round setup class req/s p50-ms p99-ms errors requests load1"
	: >"$run/results"
	r=1
	while [ "$r" -le "$rounds" ]; do
		if [ $((r % 2)) -eq 1 ]; then order="1core 2core"; else order="2core 1core"; fi
		echo "$classes" | while IFS='|' read -r class q; do
			for setup in $order; do
				case $setup in
				1core) p=$port1 ;;
				2core) p=$port2 ;;
				esac
				measure "$setup" "$class" \
				    "http://127.0.0.1:$p/search?limit=10&q=$(urlenc "$q")" \
				    "round$r"
			done
		done
		r=$((r + 1))
	done
	echo "serve: load average after: $(load), $(date -u '+%H:%M UTC')"
	echo "setup class: req/s median (min-max, n); p50 ms median; p99 ms median; errors; load1 min-max"
	for setup in 1core 2core; do
		echo "$classes" | while IFS='|' read -r class q; do
			rows=$(awk -v s="$setup" -v c="$class" '$2 == s && $3 == c' "$run/results")
			printf "%s %s: %s; p50 %s; p99 %s; errors %s; load %s\n" \
			    "$setup" "$class" \
			    "$(echo "$rows" | spread 4)" \
			    "$(echo "$rows" | spread 5 | cut -d' ' -f1)" \
			    "$(echo "$rows" | spread 6 | cut -d' ' -f1)" \
			    "$(echo "$rows" | awk '{ e += $7 } END { print e + 0 }')" \
			    "$(echo "$rows" | awk '{ print $9 }' | sort -n | sed -n '1p;$p' | paste -sd-)"
		done
	done
	echo "class: 2core over 1core req/s, per round: median (min-max, n)"
	echo "$classes" | while IFS='|' read -r class q; do
		printf "%s: %s\n" "$class" "$(awk -v c="$class" '$3 == c { v[$1, $2] = $4; r[$1] = 1 }
		    END { for (k in r) if (v[k, "1core"] > 0)
		    printf "%.2f\n", v[k, "2core"] / v[k, "1core"] }' "$run/results" | spread 1)"
	done
}

# ---- size -----------------------------------------------------------------

part_size() {
	echo "size: $(date -u '+%F %H:%M UTC'), load average $(load)"
	echo "sheets sections database-KiB main-KiB lexicon-KiB main-KiB-per-1000 lexicon-KiB-per-1000"
	for k in $sizes; do
		db=$(database "$k")
		sync
		total=$(du -sk "$db" | cut -f1)
		lex=$(du -sk "$db/lexicon" | cut -f1)
		sections=$("$index" --db "$db" --stats --json 2>/dev/null |
		    grep -o '"sections": *[0-9]*' | grep -o '[0-9]*$' || echo '?')
		main=$((total - lex))
		echo "$k $sections $total $main $lex" |
		    awk '{ printf "%s %s %s %s %s %.0f %.0f\n", $1, $2, $3, $4,
		    $5, $4 * 1000 / $1, $5 * 1000 / $1 }'
	done
}

# ---- replicate ------------------------------------------------------------

# changes_after DIR NUM: the bytes and count of DIR's changesets numbered
# above NUM, "BYTES COUNT".
changes_after() {
	ls "$1" | sed -n 's/^changes\([0-9][0-9]*\)$/\1/p' |
	    while read -r c; do
		[ "$c" -gt "$2" ] && wc -c <"$1/changes$c"
	    done | awk '{ b += $1; k++ } END { printf "%d %d\n", b, k }'
}

last_change() {
	ls "$1" | sed -n 's/^changes\([0-9][0-9]*\)$/\1/p' | sort -n |
	    tail -n 1 | grep . || echo 0
}

# found REPLICA NUMBER: factsheet-query on REPLICA finds NUMBER.
found() {
	"$query" --db "$1" --format=path "$2" >/dev/null 2>&1
}

# poll REPLICA NUMBER: waits (up to 300 s) until REPLICA finds NUMBER;
# prints the time then.
poll() {
	i=0
	until found "$1" "$2"; do
		i=$((i + 1))
		[ "$i" -lt 3000 ] || { echo "$BENCH: $1 never found $2" >&2; exit 2; }
		sleep 0.1
	done
	now
}

part_replicate() {
	run="$out/deploy-replicate-$repl_n"
	rm -rf "$run"
	mkdir -p "$run/master" "$run/sheets"
	# Copies, not links: the rounds change them.
	cp -p "$(sheets "$repl_n")"/* "$run/sheets/"
	XAPIAN_MAX_CHANGESETS=${XAPIAN_MAX_CHANGESETS:-100}
	export XAPIAN_MAX_CHANGESETS
	echo "replicate: $repl_n sheets, XAPIAN_MAX_CHANGESETS=$XAPIAN_MAX_CHANGESETS," \
	    "xapian-replicate -i $interval, rounds $gap s apart, $(date -u '+%F %H:%M UTC'), load average $(load)"
	t=$(now)
	"$index" --db "$run/master/db" "$run/sheets" >/dev/null
	echo "replicate: first index $(echo "$(now) $t" | awk '{ printf "%.1f", $1 - $2 }') s," \
	    "$(du -sk "$run/master/db" | cut -f1) KiB with lexicon" \
	    "$(du -sk "$run/master/db/lexicon" | cut -f1) KiB"
	rport=$(free_port)
	# In a session of its own: on SIGTERM it signals its whole process
	# group, which would be this script's (and its caller's).
	setsid xapian-replicate-server -I 127.0.0.1 -p "$rport" "$run/master" \
	    >"$run/server.log" 2>&1 &
	pids="$pids $!"
	sleep 0.5
	t=$(now)
	xapian-replicate -h 127.0.0.1 -p "$rport" -m db -i "$interval" \
	    "$run/replica-r30" >"$run/client-r30.log" 2>&1 &
	pids="$pids $!"
	xapian-replicate -h 127.0.0.1 -p "$rport" -m db -i "$interval" \
	    -r "$fast_r" "$run/replica-r$fast_r" >"$run/client-r$fast_r.log" 2>&1 &
	pids="$pids $!"
	first=$(sed -n 's/^Phone: \([0-9-]*\).*/\1/p' "$run/sheets/pub-000001.txt" | head -n 1)
	a=$(poll "$run/replica-r30" "$first")
	b=$(poll "$run/replica-r$fast_r" "$first")
	echo "replicate: full copies answer after $(echo "$a $t" | awk '{ printf "%.1f", $1 - $2 }') s" \
	    "and $(echo "$b $t" | awk '{ printf "%.1f", $1 - $2 }') s," \
	    "$(du -sk "$run/replica-r30" | cut -f1) KiB each"
	echo "round sheets-changed reindex-s changesets bytes lexicon-changeset-bytes lag-r30-s lag-r${fast_r}-s load1"
	: >"$run/results"
	step=100
	r=1
	while [ "$r" -le "$rounds" ]; do
		# 1% of the sheets, other ones each round: sheets r,
		# r + 100, r + 200 ...; each gets a new first phone
		# number, 1-8RR-5XX-XXXX, that no sheet had.
		changed=0
		last=
		ls "$run/sheets" | sort | awk -v r="$r" -v s="$step" \
		    '(NR - r) % s == 0 && NR >= r' >"$run/round-$r"
		while read -r f; do
			changed=$((changed + 1))
			num=$(printf '1-8%02d-5%02d-%04d' "$r" "$((changed / 10000))" \
			    "$((changed % 10000))")
			sed -i "0,/^Phone: [0-9-]*/s//Phone: $num/" "$run/sheets/$f"
			echo "$num" >>"$run/numbers-$r"
			last=$num
		done <"$run/round-$r"
		before=$(last_change "$run/master/db")
		lbefore=$(last_change "$run/master/db/lexicon")
		l=$(load1)
		t=$(now)
		"$index" --db "$run/master/db" "$run/sheets" >/dev/null
		t0=$(now)
		a=$(poll "$run/replica-r$fast_r" "$last")
		b=$(poll "$run/replica-r30" "$last")
		missing=0
		while read -r num; do
			found "$run/replica-r30" "$num" || missing=$((missing + 1))
		done <"$run/numbers-$r"
		[ "$missing" = 0 ] ||
		    echo "$BENCH: round $r: $missing changed numbers not on the replica" >&2
		set -- $(changes_after "$run/master/db" "$before")
		lbytes=$(changes_after "$run/master/db/lexicon" "$lbefore" | cut -d' ' -f1)
		echo "$r $changed $t $t0 $2 $1 $lbytes $b $a $l" |
		    awk '{ printf "%s %s %.1f %s %s %s %.2f %.2f %s\n", $1, $2,
		    $4 - $3, $5, $6, $7, $8 - $4, $9 - $4, $10 }' |
		    tee -a "$run/results"
		r=$((r + 1))
		[ "$r" -gt "$rounds" ] || sleep "$gap"
	done
	echo "replicate: load average after: $(load), $(date -u '+%H:%M UTC')"
	echo "lag with -r 30 (Xapian's default), s: $(spread 7 <"$run/results")"
	echo "lag with -r $fast_r, s: $(spread 8 <"$run/results")"
	echo "re-index, s: $(spread 3 <"$run/results")"
	echo "changeset bytes shipped: $(spread 5 <"$run/results"); changesets: $(spread 4 <"$run/results")"
	echo "lexicon changeset bytes (not shipped): $(spread 6 <"$run/results")"
	echo "load1: $(spread 9 <"$run/results")"
}

for part in $parts; do
	"part_$part"
	echo
done
