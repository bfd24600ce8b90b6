#!/bin/sh
# defaults.sh - defaults that fit any corpus: the CMS thesaurus goes into
# an index only when asked for (--thesaurus cms), belongs to the database
# and is kept by later runs; spelling correction never replaces a real
# English word (Debian's wamerican list), only suggests it; --stats names
# the distinct words and the thesaurus.
. "$top_srcdir/tests/cli/setup.sh"

FIXTURE="$top_srcdir/tests/fixtures/replication.md"
OTHER="$TMP/other-db"
DB="$TMP/cms-db"
DICT=/usr/share/dict/american-english

# A publication about something else: no thesaurus unless asked for -----

t "a non-CMS publication, no --thesaurus: exit 0" \
	check_exit 0 "$INDEX" --db "$OTHER" "$FIXTURE"
t "--stats: no thesaurus" \
	eval 'check_exit 0 "$INDEX" --db "$OTHER" --stats &&
	    has_line "$OUT" "Thesaurus: +none"'
t "--stats: the distinct words it holds" \
	eval 'check_exit 0 "$INDEX" --db "$OTHER" --stats &&
	    has_line "$OUT" "Terms: +[1-9][0-9]*"'
t "--stats --json: terms and thesaurus" \
	eval 'check_exit 0 "$INDEX" --db "$OTHER" --stats --json &&
	    has_line "$OUT" "  \"terms\": [1-9][0-9]*," &&
	    contains "$OUT" "\"thesaurus\": \"none\""'
t "'relay' finds the section that says it" \
	eval 'check_exit 0 "$QUERY" --db "$OTHER" relay &&
	    first_hit_is "Cascading replication"'
t "'deaf' does not expand to the TTY words (relay): exit 1" \
	check_exit 1 "$QUERY" --db "$OTHER" deaf

# The bundled corpus, with the CMS thesaurus ---------------------------

t "the corpus with --thesaurus cms: exit 0" index_corpus "$DB"
t "--stats names the CMS thesaurus" \
	eval 'check_exit 0 "$INDEX" --db "$DB" --stats &&
	    has_line "$OUT" "Thesaurus: +.*/thesaurus\.txt"'
t "bundled index: 'deaf' finds the TTY line" \
	eval 'check_exit 0 "$QUERY" --db "$DB" --json deaf &&
	    contains "$OUT" "\"kind\": \"tty\""'

# Asked for, kept, and taken out ----------------------------------------

t "the other index with --thesaurus cms: exit 0" \
	check_exit 0 "$INDEX" --db "$OTHER" --thesaurus cms "$FIXTURE"
t "--thesaurus cms: 'deaf' now finds 'relay'" \
	eval 'check_exit 0 "$QUERY" --db "$OTHER" deaf &&
	    first_hit_is "Cascading replication"'
t "run again without --thesaurus: exit 0" \
	check_exit 0 "$INDEX" --db "$OTHER" "$FIXTURE"
t "without --thesaurus the database keeps its thesaurus" \
	eval 'check_exit 0 "$QUERY" --db "$OTHER" deaf &&
	    first_hit_is "Cascading replication"'
t "--thesaurus none: exit 0" \
	check_exit 0 "$INDEX" --db "$OTHER" --thesaurus none "$FIXTURE"
t "--thesaurus none: 'deaf' finds nothing again" \
	check_exit 1 "$QUERY" --db "$OTHER" deaf
t "--thesaurus none: --stats says none" \
	eval 'check_exit 0 "$INDEX" --db "$OTHER" --stats &&
	    has_line "$OUT" "Thesaurus: +none"'
t "--thesaurus with a file that is not there: exit 2, naming it" \
	eval 'check_exit 2 "$INDEX" --db "$OTHER" --thesaurus "$TMP/nope.txt" \
	    "$FIXTURE" && contains "$ERR" "$TMP/nope.txt"'

# Spelling: real words are not corrected, only suggested -----------------

if [ -r "$DICT" ]; then
	t "'deaf' (a real word) is not corrected to 'leaf': exit 1" \
		eval 'check_exit 1 "$QUERY" --db "$OTHER" deaf &&
		    lacks "$OUT" "Showing results for"'
	t "'deaf': 'Did you mean: leaf?'" \
		has_line "$OUT" "Did you mean: leaf\\?"
	t "--json 'deaf': corrected null, suggested \"leaf\"" \
		eval 'check_exit 1 "$QUERY" --db "$OTHER" --json deaf &&
		    contains "$OUT" "\"corrected\": null," &&
		    contains "$OUT" "\"suggested\": \"leaf\","'
	t "'deaf AND standby' (parsed): not corrected, suggested" \
		eval 'check_exit 1 "$QUERY" --db "$OTHER" --json deaf AND standby &&
		    contains "$OUT" "\"corrected\": null," &&
		    contains "$OUT" "\"suggested\": \"leaf AND standby\","'
	t "'leef' (no word) is still corrected to 'leaf'" \
		eval 'check_exit 0 "$QUERY" --db "$OTHER" --json leef &&
		    contains "$OUT" "\"corrected\": \"leaf\"," &&
		    contains "$OUT" "\"suggested\": null,"'
	t "'pasword expird' is still corrected on the bundled index" \
		eval 'check_exit 0 "$QUERY" --db "$DB" pasword expird &&
		    has_line "$OUT" "Showing results for: password expired"'
	t "--json 'password expired': nothing suggested" \
		eval 'check_exit 0 "$QUERY" --db "$DB" --json password expired &&
		    contains "$OUT" "\"suggested\": null,"'
else
	skip "real words are not corrected" "$DICT missing: apt-get install wamerican"
fi

# The word list is read at run time: $FACTSHEET_DICTIONARY names another,
# empty none.
printf 'standby\nleef\n' >"$TMP/words"
t "FACTSHEET_DICTIONARY listing 'leef': 'leef' only suggested" \
	eval 'FACTSHEET_DICTIONARY="$TMP/words" check_exit 1 "$QUERY" \
	    --db "$OTHER" --json leef &&
	    contains "$OUT" "\"suggested\": \"leaf\","'
t "FACTSHEET_DICTIONARY empty: 'deaf' corrected as any unknown word" \
	eval 'FACTSHEET_DICTIONARY= check_exit 0 "$QUERY" --db "$OTHER" deaf &&
	    has_line "$OUT" "Showing results for: leaf"'

done_testing
