$NEWS_SEARCH --db "$DB" --json --artist BTS --type article
