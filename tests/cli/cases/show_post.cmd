# --show on a post: its article (id and title), platform, author; the words
# of --highlight marked as a search marks them ("amazed" by its stem marks
# "amazing"), in colour and as <mark> in JSON ("marked"); NDJSON is a
# document a line.
$NEWS_SEARCH --db "$DB" --show '001_a3c739b97393af1b#4' --highlight 'jazz amazed' --color always
$NEWS_SEARCH --db "$DB" --show '001_a3c739b97393af1b#4' --highlight 'jazz amazed' --json
$NEWS_SEARCH --db "$DB" --show '001_a3c739b97393af1b#3' '002_621f14e393696cc3#7' --format ndjson
