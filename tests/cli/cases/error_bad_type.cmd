$NEWS_SEARCH --db "$DB" --type tweet gaga
