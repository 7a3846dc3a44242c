# --quick: one match for the page, the default's ranking, a total counted
# exactly up to 100 matches and estimated above ("about N", "total_exact":
# false; tests/corpus/check_reuters.py checks that on Reuters).  On the seeds
# every total is exact, and --quick's hits are the default's.  "gaga" ranks
# by the query alone (the posts that say it once tie, newest first) and is
# re-ranked by feedback with --expand.
$NEWS_SEARCH --db "$DB" --quick --limit 3 --color never gaga | head -1
$NEWS_SEARCH --db "$DB" --quick --json --limit 20 gaga | grep -E '"(total|total_exact|id|score)"'
echo ---
diff <($NEWS_SEARCH --db "$DB" --quick --json --limit 20 gaga | grep -E '"(id|score)"') \
     <($NEWS_SEARCH --db "$DB" --json --limit 20 gaga | grep -E '"(id|score)"') && echo "same hits without --quick"
$NEWS_SEARCH --db "$DB" --expand --json --limit 20 gaga | grep -E '"(total|total_exact|id|score)"'
echo ---
# Facets and the date orders check every match: the total is exact there.
$NEWS_SEARCH --db "$DB" --quick --facets --json --limit 0 gaga | grep -E '"total'
# ...and the same hits as --quick alone.
diff <($NEWS_SEARCH --db "$DB" --quick --json --limit 20 gaga | grep -E '"(id|score)"') \
     <($NEWS_SEARCH --db "$DB" --quick --facets --json --limit 20 gaga | grep -E '"(id|score)"') && echo "same hits with --facets"
$NEWS_SEARCH --db "$DB" --quick --sort newest --limit 2 --color never gaga | grep -E 'results|^ *[0-9]+\.' | cut -c1-60
