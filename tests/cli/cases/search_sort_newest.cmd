$NEWS_SEARCH --db "$DB" --json --sort newest --limit 4 grammy
