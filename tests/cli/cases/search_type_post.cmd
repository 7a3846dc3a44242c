$NEWS_SEARCH --db "$DB" --json --type post --limit 3 jazz
