# A record with no text ({}, empty or blank title and body, codes only) and a
# text file with only a date header: skipped with a warning naming file:line,
# never indexed as an empty article; the run is not failed for them.
mkdir c && printf '{}\n{"id":"e","title":"","body":"  "}\n{"id":"n","people":["x"],"date":"2021-01-02"}\n{"id":"ok","title":"Fine","body":"fine text"}\n' > c/feed.jsonl && printf 'date 2021-01-02\n' > c/dateonly.txt
$NEWS_INDEX --db db c; echo "news-index exit: $?"
$NEWS_INDEX --db db --stats --list
