# --all: every complete match (the 5 of the total, not the 2 partial ones),
# copies included, in the order asked for.
$NEWS_SEARCH --db "$DB" --all --format tsv --snippet-length 0 'jazz queen' | cut -f1-4
$NEWS_SEARCH --db "$DB" --all --sort oldest --format csv --snippet-length 0 'jazz queen' | cut -d, -f1-3
$NEWS_SEARCH --db "$DB" --all --json --snippet-length 0 --facets 'type:article' | grep -E '"(total|id|rank)"|facets'
