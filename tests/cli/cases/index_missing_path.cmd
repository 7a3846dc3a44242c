# A path that is not there is bad input (exit 2) named in one message, and
# nothing is made: no database folder, and an index already there untouched.
$NEWS_INDEX --db db nowhere; echo "news-index exit: $?"; ls
mkdir c && printf 'Title\n\nSome text.\n' > c/a.txt && $NEWS_INDEX -q --db db c && $NEWS_INDEX --db db c nowhere c/gone.txt; echo "news-index exit: $?"; $NEWS_INDEX --db db --stats --list
