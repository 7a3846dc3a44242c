# --facet NAME shows that facet only; the word after its name is the query's.
$NEWS_SEARCH --db "$DB" --limit 1 --snippet-length 0 --facet artist bts
