$NEWS_SEARCH --db "$DB" --json --limit 3 "LADY GAGA AND JAZZ"
