# An update with another entity catalogue says that the articles it does not
# re-read keep the entities found before (exit 0); --rebuild recognises them
# all again, and then no warning.  A re-run with the same catalogue says nothing.
cp -r "$SRC/corpus" c && printf 'Shallow\tevent\tShallow (song)|=Shallow\t\n' > extra.tsv
$NEWS_INDEX -q --db db c; $NEWS_INDEX -q --db db c; echo "same catalogue: $?"
$NEWS_INDEX -q --db db --entities extra.tsv c; echo "another catalogue: $?"
$NEWS_SEARCH --db db --json artist:shallow | grep '"total"'
$NEWS_INDEX -q --db db --entities extra.tsv --rebuild c; echo "rebuilt: $?"
$NEWS_INDEX -q --db db --entities extra.tsv c; echo "again: $?"
$NEWS_SEARCH --db db --json artist:shallow | grep -E '"(total|id)"'
