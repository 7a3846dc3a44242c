# Oldest first, undated last, page by page across the dated/undated edge
# (news-search turns ascending Newest order round by the undated count):
# the pages put together are the whole list, in the same order.
for page in "--limit 30" "--limit 4 --offset 0" "--limit 4 --offset 4" "--limit 4 --offset 8" "--limit 4 --offset 12" "--limit 4 --offset 16" "--limit 4 --offset 20"; do
  echo "== $page"
  $NEWS_SEARCH --db "$DB" --sort oldest $page "" | grep -E '^ *[0-9]+\.'
done
echo "== posts, with facets"
$NEWS_SEARCH --db "$DB" --sort oldest --facets --limit 3 --offset 9 type:post | grep -E '^ *[0-9]+\.|results|documents|undated'
