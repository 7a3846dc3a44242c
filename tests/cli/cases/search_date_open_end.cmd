$NEWS_SEARCH --db "$DB" --json --limit 2 "date:2023-06-22.."
