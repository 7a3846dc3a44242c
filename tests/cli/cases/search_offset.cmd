# --offset skips the first hits; ranks count from 1 including the skipped
# ones, in the text and the JSON, and the page is the one of the whole list.
$NEWS_SEARCH --db "$DB" --limit 5 --color never gaga | grep -E '^ *[0-9]+\.' | cut -c1-60
echo ---
$NEWS_SEARCH --db "$DB" --limit 2 --offset 3 --color never gaga | grep -E '^ *[0-9]+\.' | cut -c1-60
echo ---
$NEWS_SEARCH --db "$DB" --limit 2 --offset 3 --json gaga | grep -E '"(total|offset|id|rank)"'
