$NEWS_SEARCH --db "$DB" --json --limit 3 "gaga AND jazz NOT collab"
