# --format csv (RFC 4180: CRLF, fields with commas or quotes quoted, quotes
# doubled), tsv and ndjson (--json's hit objects, a line each); -n 2.
$NEWS_SEARCH --db "$DB" --format csv -n 2 '"jazz queen"' | cat -A
$NEWS_SEARCH --db "$DB" --format tsv -n 2 '"jazz queen"' | cat -A
$NEWS_SEARCH --db "$DB" --format ndjson -n 2 --snippet-length 40 '"jazz queen"'
