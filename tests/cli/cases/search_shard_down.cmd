# A stub file listing the seed index and a remote shard nobody serves (port 1
# refuses connections): the seed index is searched, a warning names the shard
# and its stub line, and the JSON says "partial": true and which shard.
printf '# the seeds, and a shard that is down\nauto %s\nremote 127.0.0.1:1\n' "$DB" > news.stub
$NEWS_SEARCH --db news.stub --json --facets --limit 1 grammy
