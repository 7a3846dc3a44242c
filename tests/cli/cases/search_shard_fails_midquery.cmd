# A remote shard (xapian-tcpsrv serving two of the three seed articles) goes
# down between two queries of one --batch run.  Without --strict the index is
# opened again without it and the query run once more: a warning, and the
# total of the part left.  With --strict that query fails naming the shard.
# (The port is free when chosen and masked; so is the error of the failed reply.)
cd "$SRC" && $NEWS_INDEX -q --db "$TMP/a.db" corpus/000_94794d201c4013cb.txt && $NEWS_INDEX -q --db "$TMP/b.db" corpus/001_a3c739b97393af1b.txt corpus/002_621f14e393696cc3.txt && cd "$TMP"
serve() {  # xapian-tcpsrv for b.db in its own process group (it signals its whole group on exit)
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  setsid xapian-tcpsrv --port "$port" --interface 127.0.0.1 b.db >>tcpsrv.log 2>&1 & srv=$!
  for i in $(seq 200); do python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 0.2)" 2>/dev/null && break; sleep 0.05; done
  printf 'auto a.db\nremote 127.0.0.1:%s\n' "$port" > mixed.stub
}
trap 'kill -TERM -$srv 2>/dev/null' EXIT
for strict in "" --strict; do
  serve
  echo "--- batch $strict"
  (echo gaga; sleep 1; kill -TERM -$srv; sleep 0.5; echo gaga; echo jazz) |
    $NEWS_SEARCH --db mixed.stub --batch - $strict 2>err.txt | cut -f1,2
  echo "exit ${PIPESTATUS[1]}"
  sed -E "s/[0-9]+ µs/N µs/g; s/:$port\b/:PORT/g; s/(failed while searching: ).*(; --strict)/\1ERROR\2/" err.txt >&2
done
