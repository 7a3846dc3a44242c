# Files named .jsonl that are not JSON Lines (binary bytes, plain prose) get
# one error each, not one per line, saying how many lines were skipped; the
# other files are indexed, and a few bad lines among records are each named.
mkdir c && python3 -c 'import random, sys; random.seed(27); sys.stdout.buffer.write(bytes(random.getrandbits(8) for _ in range(100000)))' > c/binary.jsonl && (echo '{"id":"p","title":"Prose","body":"a record before the prose"}'; echo 'Prose begins.'; echo; for i in $(seq 40); do echo "Line $i of plain prose, not a JSON record."; done) > c/prose.jsonl && printf '{"id":"a","title":"Good","body":"good text"}\nnot json\n\n{"id":"b","title":"Also good","body":"more text"}\n' > c/mixed.jsonl && printf 'Title\n\nSome text.\n' > c/t.txt
$NEWS_INDEX --db db c; echo "news-index exit: $?"
$NEWS_INDEX --db db --stats --list
