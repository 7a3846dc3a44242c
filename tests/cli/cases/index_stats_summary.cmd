# --stats: a summary of the seed index (its size on disk and the time of its
# last update vary: shown here by their form); --list, without --stats, is
# bad usage.
$NEWS_INDEX --db "$DB" --stats | sed -E -e 's/^(  size on disk: +)[0-9.]+ (kB|MB)$/\1N \2/' -e 's/^(  last update: +)[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]{8} UTC$/\1YYYY-MM-DD HH:MM:SS UTC/'
$NEWS_INDEX --db "$DB" --list; echo "exit $?"
# With a catalogue file of its own (named as given), and sharded.
mkdir c && printf 'Quokka news\n\nThe Quokka Band played with Lady Gaga.\n' > c/a.txt && printf 'Quokka Band\tgroup\tthe quokkas\t\n' > extra.tsv && $NEWS_INDEX -q --db db --shards 2 --entities extra.tsv c && $NEWS_INDEX --db db --stats | grep -E '^(db:|  (posts|dates|layout|catalogue):|     )'
