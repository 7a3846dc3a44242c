# The month facet lists no empty month, and a long archive's months (more
# than 24 with matches) a year a line, also when --facet-limit cuts them.
for y in 2001 2002 2003; do for m in 01 02 03 05 08 09 10 11 12 04; do
  printf '{"id":"%s-%s","date":"%s-%s-15","title":"Report","body":"The harvest report for the month."}\n' $y $m $y $m
done; done > archive.jsonl
printf '{"id":"late","date":"2009-07-01","title":"Report","body":"A late harvest report."}\n' >> archive.jsonl
$NEWS_INDEX -q --db db archive.jsonl
$NEWS_SEARCH --db db --facets --limit 0 harvest | sed -n '/^month/,/^$/p'
$NEWS_SEARCH --db db --facets --limit 0 --from 2003 harvest | sed -n '/^month/,/^$/p'
$NEWS_SEARCH --db db --facet month --facet-limit 26 --limit 0 harvest | sed -n '/^month/,/^$/p'
