$NEWS_SEARCH --db "$DB" --json "\"jazz queen\""
