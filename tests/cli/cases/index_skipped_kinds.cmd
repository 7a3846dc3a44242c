# Files skipped for their kind are counted and the first three named in the
# summary, so that a user knows why they are not found.
mkdir c && for f in README a.md b.html c.gz noext; do echo text > c/$f; done && printf 'Title\n\nSome text.\n' > c/x.txt
$NEWS_INDEX --db db c; echo "news-index exit: $?"
$NEWS_INDEX -q --db one c/a.md c/x.txt; $NEWS_INDEX --db one c/a.md c/x.txt; echo "news-index exit: $?"
