$NEWS_SEARCH --db "$DB" --json --sort oldest --type article grammy
