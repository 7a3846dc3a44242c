$NEWS_SEARCH --db "$DB" "date:2022-02-30..2023"
