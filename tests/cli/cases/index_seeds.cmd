$NEWS_INDEX --db "$TMP/s.db" "$SRC/corpus"
