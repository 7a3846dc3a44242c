$NEWS_INDEX --db "$DB" --stats --list
