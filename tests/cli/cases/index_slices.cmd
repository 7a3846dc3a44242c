# A first build rolls each writer on to a new database every N documents and
# merges them when it compacts (N is 20,000; NEWS_INDEX_SLICE_DOCS sets it
# for tests).  Built in slices of 2 documents, the seed index answers as
# one built whole, byte for byte; a record whose id comes again in a later
# file replaces the earlier one, even in another slice, with a warning.
cd "$SRC" && NEWS_INDEX_SLICE_DOCS=2 $NEWS_INDEX -q --db "$TMP/seg.db" corpus && cd "$TMP"
for q in gaga '"jazz queen"' taehyung "collab*" "--facets bts" "--sort newest --limit 20 v" "--sort oldest --type post --limit 5"; do
  if cmp -s <($NEWS_SEARCH --db "$DB" --json $q 2>&1) <($NEWS_SEARCH --db seg.db --json $q 2>&1); then echo "same: $q"; else echo "DIFFERENT: $q"; fi
done
for i in 1 2 3 4 5; do echo "{\"id\": \"r$i\", \"date\": \"2024-01-0$i\", \"title\": \"Record $i\", \"body\": \"first version of record $i wombat\"}"; done > a.jsonl
echo '{"id": "r1", "date": "2024-02-01", "title": "Record 1 again", "body": "second version of record 1 quokka"}' > b.jsonl
NEWS_INDEX_SLICE_DOCS=1 $NEWS_INDEX -q --db dup.db a.jsonl b.jsonl; echo "exit $?"
$NEWS_SEARCH --db dup.db --limit 0 --json wombat | grep '"total"'
$NEWS_SEARCH --db dup.db --limit 1 --json quokka | grep -E '"(total|id|title)"'
# --stats --list lists the articles in the order of their ids, not of their document ids (which the writers interleave).
$NEWS_INDEX --db dup.db --stats --list | grep -E '^  r[0-9]' | cut -d' ' -f3
