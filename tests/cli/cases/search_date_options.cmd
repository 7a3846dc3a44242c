$NEWS_SEARCH --db "$DB" --json --from 2023-06 --to 2023 --limit 3 collab
