# article:ID is the article and every post it embeds (the article by its own
# id, the posts by the article they came from), in any order asked for.
$NEWS_SEARCH --db "$DB" --sort oldest --limit 20 article:001_a3c739b97393af1b | grep -E '^ *[0-9]+\.|results'
$NEWS_SEARCH --db "$DB" --limit 0 'article:001_a3c739b97393af1b type:article'
$NEWS_SEARCH --db "$DB" --limit 0 'article:001_a3c739b97393af1b article:000_94794d201c4013cb'
