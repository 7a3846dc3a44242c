$NEWS_SEARCH --db "$DB" --facets --limit 0 --person "lady gaga"
