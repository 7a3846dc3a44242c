# file:PATH finds what was read from that file, by its path as news-index
# was given it (relative to the working folder) or absolute.
cd "$SRC"
$NEWS_SEARCH --db "$DB" --limit 3 file:corpus/001_a3c739b97393af1b.txt | grep -E '^ *[0-9]+\.|results'
$NEWS_SEARCH --db "$DB" --limit 0 "file:$SRC/corpus/002_621f14e393696cc3.txt"
$NEWS_SEARCH --db "$DB" --limit 0 'file:"corpus/000_94794d201c4013cb.txt" type:article'
$NEWS_SEARCH --db "$DB" --limit 0 file:corpus/missing.txt
