$NEWS_SEARCH --db "$DB" --json --facets --limit 1 gaga
