$NEWS_SEARCH --db "$DB" --json --limit 5 grammy collab
