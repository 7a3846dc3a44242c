# Words the index holds are not "corrected" into commoner ones of a similar
# spelling (Xapian's parser offered "tour" -> "your", "fans" -> "fan",
# "army" -> "armys", "singers" -> "singer"); a word no document holds still
# is, alone ("gagga" -> "gaga", its neighbour "tour" kept).
for q in tour fans army "awards singers" "gagga tour"; do
  $NEWS_SEARCH --db "$DB" --limit 0 --json $q | grep -E '"(query|suggestion)"'
done
