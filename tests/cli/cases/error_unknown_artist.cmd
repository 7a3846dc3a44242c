$NEWS_SEARCH --db "$DB" --artist "Nobody Atall" gaga
