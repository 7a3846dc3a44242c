$NEWS_SEARCH --db "$DB" --facets --limit 3 lady gaga
