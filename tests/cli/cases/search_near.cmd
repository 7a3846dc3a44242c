$NEWS_SEARCH --db "$DB" --json --limit 3 "gaga NEAR/3 collab"
