#!/bin/bash
# query-cgi.sh - factsheet-query as a CGI program, one process per
# request: the "process per request" peer of tests/bench/bench-serve.sh.
# The web server sets QUERY_STRING, and in the environment it gives CGI
# programs FACTSHEET_QUERY (the program) and FACTSHEET_DB (the index).
# Answers GET ?q=QUERY with the JSON of factsheet-query --json --limit 10
# (no match is still 200), 400 without q, 500 when the query fails.  A
# benchmark helper: bash decodes the query itself, so its own cost is one
# bash process before factsheet-query's.
qs="&${QUERY_STRING:-}"
case $qs in
*'&q='*)
	q=${qs#*&q=}
	q=${q%%&*}
	;;
*)
	q=
	;;
esac
if [ -z "$q" ]; then
	printf 'Status: 400 Bad Request\r\nContent-Type: application/json\r\n\r\n'
	printf '{"error":"q is required"}\n'
	exit 0
fi
q=${q//+/ }
q=${q//\\/\\\\}
printf -v q '%b' "${q//%/\\x}"
if out=$("$FACTSHEET_QUERY" --db "$FACTSHEET_DB" --json --limit 10 -- "$q" \
    2>/dev/null) || [ $? = 1 ]; then
	printf 'Content-Type: application/json\r\n\r\n%s\n' "$out"
else
	printf 'Status: 500 Internal Server Error\r\nContent-Type: application/json\r\n\r\n'
	printf '{"error":"factsheet-query failed"}\n'
fi
