# Options that cannot go together: exit 2, saying why (doc/export.md).
$NEWS_SEARCH --db "$DB" --all -n 3 gaga; echo "exit $?"
$NEWS_SEARCH --db "$DB" --all --quick gaga; echo "exit $?"
$NEWS_SEARCH --db "$DB" --json --format csv gaga; echo "exit $?"
$NEWS_SEARCH --db "$DB" --format xml gaga; echo "exit $?"
$NEWS_SEARCH --db "$DB" --format ndjson --facets gaga; echo "exit $?"
$NEWS_SEARCH --db "$DB" --show 000_94794d201c4013cb --format csv; echo "exit $?"
$NEWS_SEARCH --db "$DB" --show 000_94794d201c4013cb --all; echo "exit $?"
$NEWS_SEARCH --db "$DB" --highlight gaga gaga; echo "exit $?"
$NEWS_SEARCH --db "$DB" gaga --show 000_94794d201c4013cb
