$NEWS_SEARCH --db "$DB" --json --limit 2 "j-hope"
