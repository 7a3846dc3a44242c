# A stub line that is neither "auto PATH" nor "remote HOST:PORT" (here the
# port is missing): exit 2 naming the stub file and line.
printf '# two parts\nauto %s\nremote 127.0.0.1\n' "$DB" > news.stub
$NEWS_SEARCH --db news.stub gaga
