# --show ID: an article whole, as stored (no corpus file is read: the index
# is searched from another folder), its paragraphs, then each post it
# embeds under a rule.
$NEWS_SEARCH --db "$DB" --show 001_a3c739b97393af1b
