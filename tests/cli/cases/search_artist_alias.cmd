$NEWS_SEARCH --db "$DB" --json --limit 3 --artist "kim taehyung" --artist gaga
