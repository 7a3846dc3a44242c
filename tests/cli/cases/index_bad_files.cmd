# A corpus with every kind of bad file: the run goes on, says what and where,
# indexes what it can, and exits 1 because a record was skipped for an error.
mkdir -p c/sub && : > c/empty.txt && printf 'a\0b' > c/binary.txt && printf 'Caf\xe9 news\n\nBeyonc\xe9 sang at the caf\xe9.' > c/sub/latin1.txt && printf '{"id":"a","title":"Bad date","body":"kept","date":"2022-13-45"}\n{"id": "b",\n\n{"id":"c","title":"Fine","body":"fine","date":"2023-01-02"}\n' > c/feed.jsonl && echo notes > c/notes.md && printf ' date 2021-02-30 Impossible date header.' > c/baddate.txt
$NEWS_INDEX --db db c; echo "news-index exit: $?"
$NEWS_INDEX --db db --stats --list
$NEWS_SEARCH --db db --json beyonce | grep -E '"(id|snippet|total)"'
