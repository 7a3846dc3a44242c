# Nothing to search: every --db missing (as for one missing database), or
# every part of a stub down (a missing database and a remote shard nobody
# serves): exit 1.
$NEWS_SEARCH --db a.db --db b.db gaga; echo "exit $?"
printf 'auto none.db\nremote 127.0.0.1:1\n' > down.stub
$NEWS_SEARCH --db down.stub gaga
