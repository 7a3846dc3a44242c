$NEWS_SEARCH --db "$DB" --json --limit 2 --artist V --artist gaga jazz queen
