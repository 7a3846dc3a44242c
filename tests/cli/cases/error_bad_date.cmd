$NEWS_SEARCH --db "$DB" --from 2022-13-45 gaga
