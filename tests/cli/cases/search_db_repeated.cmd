# --db repeated: the parts are searched as one index.  One that is missing is
# a shard down: the others answer, with a warning.  The words after a --db
# stay the query ("jazz queen" here).
$NEWS_SEARCH --db "$DB" --db missing.db --limit 1 --color never jazz queen
