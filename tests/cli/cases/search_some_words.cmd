# Several words mean all of them: the total and a date order count and list
# the documents holding every word; --any counts and lists those holding any;
# when none holds them all, relevance order shows the best partial matches
# and a date order says how many there are.
$NEWS_SEARCH --db "$DB" --sort newest --limit 2 --snippet-length 40 jazz queen
$NEWS_SEARCH --db "$DB" --sort newest --limit 2 --snippet-length 40 --any jazz queen
$NEWS_SEARCH --db "$DB" --limit 2 --snippet-length 40 jazz zebra
$NEWS_SEARCH --db "$DB" --sort newest jazz zebra
$NEWS_SEARCH --db "$DB" --json --limit 1 jazz zebra | grep -E '"(total|some_words|complete)"'
