# A phrase on a terminal: the header quotes the query in single quotes ('"jazz queen"', not ""jazz queen""), also when nothing matches.
$NEWS_SEARCH --db "$DB" --color never --limit 1 "\"jazz queen\""; $NEWS_SEARCH --db "$DB" --color never "\"jazz king\""
