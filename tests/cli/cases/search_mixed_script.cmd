$NEWS_SEARCH --db "$DB" --json --limit 2 "BTS 방탄소년단 concert"
