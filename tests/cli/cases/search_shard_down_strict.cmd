# The same with --strict: a shard that does not answer is an error (exit 1).
printf '# the seeds, and a shard that is down\nauto %s\nremote 127.0.0.1:1\n' "$DB" > news.stub
$NEWS_SEARCH --db news.stub --strict --json grammy
