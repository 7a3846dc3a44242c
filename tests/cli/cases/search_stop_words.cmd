# Stop words: dropped from a query of other words ("the queen" = queen), kept
# in phrases, and a query of stop words only looks for them as typed (the
# index holds them unstemmed only).
for q in "the queen" queen '"the queen"' the "who are you" "title:the"; do
  echo "$q: $($NEWS_SEARCH --db "$DB" --limit 0 --json "$q" | grep '"total"')"
done
