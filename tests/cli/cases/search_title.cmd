$NEWS_SEARCH --db "$DB" --json "title:wild"
