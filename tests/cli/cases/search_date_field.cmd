$NEWS_SEARCH --db "$DB" --json "date:2022..2022-12"
