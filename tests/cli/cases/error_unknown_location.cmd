$NEWS_SEARCH --db "$DB" --location "Nowhere Atall" gaga
