# --facet-limit N: the N values with the most matches (years still in time
# order), in text and JSON; 0 shows them all.
$NEWS_SEARCH --db "$DB" --limit 0 --facet year --facet-limit 2 gaga
$NEWS_SEARCH --db "$DB" --limit 0 --json --facet year --facet-limit 2 gaga | sed -n '/"facets"/,/^  }/p'
$NEWS_SEARCH --db "$DB" --limit 0 --facet artist --facet-limit 0 gaga | grep -c '█'
