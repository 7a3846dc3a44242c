$NEWS_SEARCH --db "$DB" --json --limit 3 "collabor*"
