# Operators and symbols never surprise: NOT or -word alone lists the
# documents without the word (newest first, as filters are listed); a
# dash-word that is no option is part of the query, anywhere on the line,
# and the tool's options still work after it; a query of symbols only is
# refused (exit 2); an unclosed quote and a prefix that is no field are
# searched as the user plainly meant, with a note on stderr.
$NEWS_SEARCH --db "$DB" --json --limit 0 jazz | grep '"total"'
$NEWS_SEARCH --db "$DB" --json --limit 0 NOT jazz | grep -E '"(total|sort)"'
$NEWS_SEARCH --db "$DB" --json --limit 0 -jazz | grep -E '"(total|sort)"'
$NEWS_SEARCH --db "$DB" --snippet-length 0 jazz -queen --limit 1
$NEWS_SEARCH --db "$DB" --snippet-length 0 --limit 1 -- jazz -queen
$NEWS_SEARCH --db "$DB" '***' || echo "exit $?"
$NEWS_SEARCH --db "$DB" '🎉' || echo "exit $?"
$NEWS_SEARCH --db "$DB" --limit 1 --snippet-length 0 '"jazz queen'
$NEWS_SEARCH --db "$DB" --limit 0 colour:jazz
$NEWS_SEARCH --db "$DB" --limit -5 jazz || echo "exit $?"
$NEWS_SEARCH --db "$DB" "$(printf 'gold %.0s' $(seq 600))" || echo "exit $?"
