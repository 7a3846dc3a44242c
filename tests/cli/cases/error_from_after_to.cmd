$NEWS_SEARCH --db "$DB" --from 2023 --to 2022-06 gaga
