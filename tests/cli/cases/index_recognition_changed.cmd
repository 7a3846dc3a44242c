# An update with another entity catalogue re-tags the articles it names
# (no warning, exit 0), without --rebuild; a later run without --entities
# keeps the index's copy of it; --rebuild finds the same.  A re-run with the
# same catalogue says nothing.
cp -r "$SRC/corpus" c && printf 'Shallow\tevent\tShallow (song)|=Shallow\t\n' > extra.tsv
$NEWS_INDEX -q --db db c; $NEWS_INDEX -q --db db c; echo "same catalogue: $?"
$NEWS_INDEX -q --db db --entities extra.tsv c; echo "another catalogue: $?"
$NEWS_SEARCH --db db --json artist:shallow | grep -E '"(total|id)"'
$NEWS_INDEX -q --db db c; echo "without --entities: $?"
$NEWS_INDEX -q --db db --rebuild c; echo "rebuilt: $?"
$NEWS_SEARCH --db db --json artist:shallow | grep -E '"(total|id)"'
