#!/bin/sh
# bench-serve.sh - factsheet-serve under load (issue 16, item 6): wrk
# against loopback for each query class, side by side with two peers on
# the same N generated fact sheets:
#
#   serve  factsheet-serve's GET /search?q=&limit=10 (its own server);
#   omega  Xapian Omega's CGI (Debian xapian-omega) on an omindex database
#          of the same files, behind lighttpd's mod_cgi;
#   cgi    factsheet-query run once per request (tests/bench/query-cgi.sh)
#          behind the same lighttpd.
#
# The two peers share the web server, so they differ only in the program
# the server starts for each request; factsheet-serve is measured as it is
# deployed, with no server in front.  Each round runs every class on every
# system in turn, the systems' order reversed from one round to the next
# (A B C, then C B A, ...), so that each sees nearly the same machine.
# Then factsheet-serve again, on every class, while factsheet-index
# re-indexes the same files into its database (--force, in a loop).
# Prints requests/s, p50 and p99 latency and errors per run and, per
# system and class, the median with its min, max and n.  A benchmark, not
# a test: it asserts nothing.
#
#   tests/bench/bench-serve.sh [N [ROUNDS]]
#
# N (default 10000) sheets from the shared generator ($GEN or
# ../shared/bench/gen-factsheets.py), ROUNDS (default 2).  SECS (30) and
# CONNS (8) set wrk's duration and connections; SERVE the factsheet-serve
# program (default server/factsheet-serve in the build tree; without it
# only the peers run).  The indexes are kept in tests/bench/out and built
# again only when missing or with REINDEX=1.
set -eu

BENCH=bench-serve
. "$(dirname "$0")/common.sh"
n=${1:-10000}
rounds=${2:-2}
secs=${SECS:-30}
conns=${CONNS:-8}
gen=${GEN:-$top/../shared/bench/gen-factsheets.py}
serve=${SERVE:-$build/server/factsheet-serve}
omega_cgi=${OMEGA_CGI:-/usr/lib/cgi-bin/omega/omega}

needs "wrk" wrk
needs "lighttpd" lighttpd
needs "xapian-omega" omindex
needs "curl" curl
[ -x "$omega_cgi" ] || { echo "$BENCH: $omega_cgi missing (apt-get install xapian-omega)" >&2; exit 2; }
built "$index"
built "$query"
[ -f "$gen" ] && [ -d /usr/share/doc/postgresql-doc-15 ] || {
	echo "$BENCH: needs $gen and postgresql-doc-15" >&2
	exit 2
}
have_serve=yes
[ -x "$serve" ] || {
	echo "$BENCH: $serve not built: factsheet-serve left out" >&2
	have_serve=
}

mkdir -p "$out"
[ -d "$out/gen-$n" ] || python3 "$gen" "$n" "$out/gen-$n" >/dev/null
db="$out/gen-$n.db"
omega_db="$out/omega-$n.db"
if [ "${REINDEX:-}" = 1 ] || [ ! -d "$db" ]; then
	rm -rf "$db"
	"$index" --db "$db" "$out/gen-$n" >/dev/null
fi
if [ "${REINDEX:-}" = 1 ] || [ ! -d "$omega_db" ]; then
	rm -rf "$omega_db"
	omindex --db "$omega_db" --url / "$out/gen-$n" >/dev/null 2>&1
fi

run="$out/serve-run"
rm -rf "$run"
mkdir -p "$run/www/cgi-bin" "$run/omega-log" "$run/omega-cdb"
ln -s "$omega_cgi" "$run/www/cgi-bin/omega"
ln -s "$top/tests/bench/query-cgi.sh" "$run/www/cgi-bin/query"

trap stop_pids EXIT INT TERM

# Omega reads its databases from database_dir by name: DB=omega-N.db.
cat >"$run/omega.conf" <<EOF
database_dir $out
template_dir /var/lib/xapian-omega/templates
log_dir $run/omega-log
cdb_dir $run/omega-cdb
EOF
lport=$(free_port)
cat >"$run/lighttpd.conf" <<EOF
server.modules = ("mod_cgi", "mod_setenv")
server.document-root = "$run/www"
server.bind = "127.0.0.1"
server.port = $lport
server.errorlog = "$run/lighttpd.err"
server.max-connections = 256
cgi.assign = ("" => "")
setenv.add-environment = (
	"OMEGA_CONFIG_FILE" => "$run/omega.conf",
	"FACTSHEET_QUERY" => "$query",
	"FACTSHEET_DB" => "$db"
)
EOF
lighttpd -D -f "$run/lighttpd.conf" &
pids="$pids $!"

if [ -n "$have_serve" ]; then
	"$serve" --db "$db" --listen 127.0.0.1:0 >"$run/serve.out" 2>"$run/serve.err" &
	pids="$pids $!"
fi

sport=
if [ -n "$have_serve" ]; then
	sport=$(serve_port "$run/serve.out" "$run/serve.err")
	wait_http "http://127.0.0.1:$sport/healthz"
fi
wait_http "http://127.0.0.1:$lport/cgi-bin/query?q=enrollment"

# The query classes: name, factsheet's query, Omega's (omindex's only
# field is the title, so problem:WORD is compared with title:WORD; Omega
# has no spelling correction by default, so the misspelling finds nothing
# there).
classes="one-word|enrollment|enrollment
two-words|hospital claims|hospital claims
phrase|\"prepared statement\"|\"prepared statement\"
field|problem:enrollment|title:enrollment
phone|1-858-855-7328|1-858-855-7328
misspelling|tablespase|tablespase"

# url SYSTEM OURS OMEGA: the URL a system answers the class on.
url() {
	case $1 in
	serve) echo "http://127.0.0.1:$sport/search?limit=10&q=$(urlenc "$2")" ;;
	omega) echo "http://127.0.0.1:$lport/cgi-bin/omega?DB=omega-$n.db&P=$(urlenc "$3")" ;;
	cgi) echo "http://127.0.0.1:$lport/cgi-bin/query?limit=10&q=$(urlenc "$2")" ;;
	esac
}

# Each URL answers 200 with results (the misspelling: factsheet's
# correction, nothing for Omega) before it is measured.
echo "$classes" | while IFS='|' read -r class ours theirs; do
	for sys in ${have_serve:+serve} omega cgi; do
		u=$(url "$sys" "$ours" "$theirs")
		code=$(curl -s -o "$run/check" -w '%{http_code}' "$u")
		[ "$code" = 200 ] || {
			echo "$BENCH: $sys $class: HTTP $code from $u" >&2
			exit 2
		}
		case $sys in
		omega)
			if grep -q "couldn't be opened" "$run/check"; then
				echo "$BENCH: omega: $omega_db did not open" >&2
				exit 2
			fi
			hits=$(grep -o '\(of [a-z ]*\|All \)[0-9,][0-9,]* match\|No documents match' \
			    "$run/check" | head -n 1)
			;;
		*) hits=$(grep -o '"total": *[0-9]*' "$run/check" | head -n 1) ;;
		esac
		echo "check: $sys $class: ${hits:-no count}, $(wc -c <"$run/check") bytes" >&2
	done
done

# measure SYSTEM CLASS URL TAG: one wrk run, appended to $run/results as
# "TAG SYSTEM CLASS req/s p50-ms p99-ms errors requests".
measure() {
	wrk -t2 -c"$conns" -d"${secs}s" --latency "$3" >"$run/wrk.out" 2>&1 || true
	# Every report kept, for the kinds of errors.
	cp "$run/wrk.out" "$run/wrk-$4-$1-$2.out"
	echo "$4 $1 $2 $(wrk_figures "$run/wrk.out")" | tee -a "$run/results"
}

echo "bench-serve: $n sheets, $rounds rounds, wrk ${secs} s, $conns connections," \
    "$(date -u '+%F %H:%M UTC'), load average $(load)"
echo "tag system class req/s p50-ms p99-ms errors requests"
: >"$run/results"
r=1
while [ "$r" -le "$rounds" ]; do
	if [ $((r % 2)) -eq 1 ]; then
		order="${have_serve:+serve} omega cgi"
	else
		order="cgi omega ${have_serve:+serve}"
	fi
	echo "$classes" | while IFS='|' read -r class ours theirs; do
		for sys in $order; do
			measure "$sys" "$class" "$(url "$sys" "$ours" "$theirs")" "round$r"
		done
	done
	r=$((r + 1))
done

if [ -n "$have_serve" ]; then
	# Re-indexing under load: factsheet-index --force on the served
	# database, over and over, for as long as the runs last.
	(
		while :; do
			"$index" --force --db "$db" "$out/gen-$n" >/dev/null 2>&1 || exit 1
		done
	) &
	ipid=$!
	pids="$pids $ipid"
	echo "$classes" | while IFS='|' read -r class ours theirs; do
		measure serve "$class" "$(url serve "$ours" "$theirs")" reindex
	done
	kill "$ipid" 2>/dev/null || true
	sleep 1
	# Put the index back as the next run expects it.
	"$index" --db "$db" "$out/gen-$n" >/dev/null 2>&1 || true
fi

echo "load average after: $(load)"
echo
echo "system class: req/s median (min-max), p50 ms median, p99 ms median (min-max), errors total, n"
sort -k2,2 -k3,3 "$run/results" | awk '
{
	key = ($1 == "reindex" ? "serve-while-reindexing" : $2) " " $3
	if (!(key in n)) order[++keys] = key
	i = ++n[key]
	rps[key, i] = $4; p50[key, i] = $5; p99[key, i] = $6; errs[key] += $7
}
function med(arr, key, k,    i, j, t, v) {
	for (i = 1; i <= k; i++) v[i] = arr[key, i]
	for (i = 1; i <= k; i++)
		for (j = i + 1; j <= k; j++)
			if (v[j] + 0 < v[i] + 0) { t = v[i]; v[i] = v[j]; v[j] = t }
	lo = v[1]; hi = v[k]
	return v[int((k + 1) / 2)]
}
END {
	for (x = 1; x <= keys; x++) {
		key = order[x]; k = n[key]
		m = med(rps, key, k); rlo = lo; rhi = hi
		m50 = med(p50, key, k)
		m99 = med(p99, key, k); plo = lo; phi = hi
		printf "%s: %s (%s-%s) req/s, p50 %s ms, p99 %s ms (%s-%s), errors %d, n %d\n",
		    key, m, rlo, rhi, m50, m99, plo, phi, errs[key], k
	}
}'
if [ -n "$have_serve" ]; then
	echo
	echo "class: factsheet-serve's req/s over each peer's, per round: median (min-max), n"
	awk '$1 ~ /^round/ { v[$1, $2, $3] = $4; cls[$3] = 1; rnd[$1] = 1 }
	END {
		for (c in cls) {
			line = c ":"
			split("omega cgi", ps, " ")
			for (p = 1; p <= 2; p++) {
				k = 0
				for (r in rnd) if (v[r, ps[p], c] > 0) x[++k] = v[r, "serve", c] / v[r, ps[p], c]
				for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++)
					if (x[j] < x[i]) { t = x[i]; x[i] = x[j]; x[j] = t }
				line = line sprintf(" over %s %.1f (%.1f-%.1f), n %d;", ps[p],
				    x[int((k + 1) / 2)], x[1], x[k], k)
			}
			print line
		}
	}' "$run/results"
fi
