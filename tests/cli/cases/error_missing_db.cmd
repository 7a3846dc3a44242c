$NEWS_SEARCH --db "$TMP/nowhere.db" gaga
