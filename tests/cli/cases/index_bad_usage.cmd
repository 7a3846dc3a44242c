$NEWS_INDEX --db "$TMP/s.db" --bogus
