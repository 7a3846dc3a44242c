# An unknown id is named on stderr (exit 1); the others are still shown,
# and JSON lists it under "missing".
$NEWS_SEARCH --db "$DB" --show 'nope' '001_a3c739b97393af1b#3' 'article:001_a3c739b97393af1b' --json
