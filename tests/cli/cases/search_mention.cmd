$NEWS_SEARCH --db "$DB" --json @bluberrymin
