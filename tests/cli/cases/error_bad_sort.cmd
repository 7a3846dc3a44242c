$NEWS_SEARCH --db "$DB" --sort best gaga
