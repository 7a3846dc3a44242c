# --stats names the --entities files whose entries the index keeps: those of
# the last run that gave --entities, also after a run without it (which uses
# them again), and none after --entities none.  A comment line of such a
# file that reads as the index's own "# --entities FILE" line names no file.
mkdir c && printf 'Quokka news\n\nThe Quokka Band played.\n' > c/a.txt && printf '# --entities other.tsv\nQuokka Band\tgroup\tthe quokkas\t\n' > extra.tsv && $NEWS_INDEX -q --db db --entities extra.tsv c && $NEWS_INDEX --db db --stats | grep catalogue: && printf 'More news\n\nThe quokkas again.\n' > c/b.txt && $NEWS_INDEX -q --db db c && $NEWS_INDEX --db db --stats | grep catalogue: && $NEWS_INDEX -q --db db --entities none c && $NEWS_INDEX --db db --stats | grep catalogue:
