$NEWS_SEARCH --db "$DB" --json --limit 2 "year:2023 type:post"
