# A folder holding a stub named XAPIANDB is one index of the parts it lists
# (news-index --shards writes such folders): here the seed index split by
# hand into two databases, one article in the first, two in the second.  Its
# answers are the seed index's, byte for byte.
cd "$SRC" && $NEWS_INDEX -q --db "$TMP/a.db" corpus/000_94794d201c4013cb.txt && $NEWS_INDEX -q --db "$TMP/b.db" corpus/001_a3c739b97393af1b.txt corpus/002_621f14e393696cc3.txt && cd "$TMP"
mkdir split && printf '# the seeds in two parts\nauto ../a.db\nauto ../b.db\n' > split/XAPIANDB
for q in "lady gaga jazz" '"jazz queen"' taehyung "collab*" "grammi" "--facets gaga" "--sort newest --limit 3" "--sort oldest --facets grammy" "--type post --offset 2 --limit 4 gaga"; do
  if cmp -s <($NEWS_SEARCH --db "$DB" --json $q 2>&1) <($NEWS_SEARCH --db split --json $q 2>&1); then echo "same: $q"; else echo "DIFFERENT: $q"; fi
done
$NEWS_SEARCH --db split --limit 1 --color never jazz queen
