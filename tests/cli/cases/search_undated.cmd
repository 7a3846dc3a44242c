# A date filter says how many undated matches it left out (text and JSON);
# --undated lets them through, and alone selects them.
$NEWS_SEARCH --db "$DB" --limit 0 --from 2023 jazz
$NEWS_SEARCH --db "$DB" --json --limit 0 --from 2023 jazz | grep -E '"(total|undated_left_out)"'
$NEWS_SEARCH --db "$DB" --limit 0 --from 2023 --undated jazz
$NEWS_SEARCH --db "$DB" --limit 0 --undated jazz
