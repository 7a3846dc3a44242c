$NEWS_SEARCH --db "$DB" --json --type article "gaga -jingle"
