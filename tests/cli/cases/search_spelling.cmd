$NEWS_SEARCH --db "$DB" --json gagga
