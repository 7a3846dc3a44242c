# Words before, between and after --facet options are all the query's; a
# facet named twice is shown once, facets in their usual order; a field
# facet the index has no value of says so when named.
$NEWS_SEARCH --db "$DB" --limit 0 gaga --facet platform jazz --facet type --facet PLATFORM --facet topic
