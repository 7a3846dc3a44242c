$NEWS_SEARCH --db "$DB" --json lady gaga jazz
