$NEWS_SEARCH --db "$DB" --json "author:@Vdailyl"
