# The default ranking, pinned: the top 10 (id, score, judged relevant or not)
# of CISI query 1 (a natural-language question) and MED query 16 (brackets,
# "i.e.") from ../shared/relevance.  A change of BM25 parameters, title
# weight, feedback or query parsing shows here: measure it with
# bench/relevance, update bench/relevance.md, then --update this case.
R=$SRC/../shared/relevance; top10() { $NEWS_SEARCH --db "$1.db" --json --limit 10 "$(awk -F'\t' -v q="$2" '$1 == q {print $2}' "$R/$1/queries.tsv")" | python3 -c 'import json, sys; rel = {l.split()[2] for l in open(sys.argv[2]) if l.split()[0] == sys.argv[1]}; [print(sys.argv[3], sys.argv[1], h["rank"], h["id"], h["score"], "relevant" if h["id"] in rel else "-") for h in json.load(sys.stdin)["hits"]]' "$2" "$R/$1/qrels.txt" "$1"; }
$NEWS_INDEX --quiet --db cisi.db "$R/cisi/docs.jsonl" && top10 cisi 1
$NEWS_INDEX --quiet --db med.db "$R/med/docs.jsonl" && top10 med 16
