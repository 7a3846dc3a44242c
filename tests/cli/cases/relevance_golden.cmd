# The default ranking, pinned: the top 10 (id, score, judged relevant or not)
# of one query of each collection of ../shared/relevance: CISI 1 (a
# natural-language question), MED 16 (brackets, "i.e."), LISA 7 (capitals,
# with OR as a word), NPL 33 (capitals, short, OR) and ADI 8 (one relevant
# document).  A change of BM25 parameters, title weight or query
# parsing shows here: measure it with bench/relevance (all five), update
# bench/relevance.md, then --update this case.
R=$SRC/../shared/relevance; top10() { $NEWS_SEARCH --db "$1.db" --json --limit 10 "$(awk -F'\t' -v q="$2" '$1 == q {print $2}' "$R/$1/queries.tsv")" | python3 -c 'import json, sys; rel = {l.split()[2] for l in open(sys.argv[2]) if l.split()[0] == sys.argv[1]}; [print(sys.argv[3], sys.argv[1], h["rank"], h["id"], h["score"], "relevant" if h["id"] in rel else "-") for h in json.load(sys.stdin)["hits"]]' "$2" "$R/$1/qrels.txt" "$1"; }
for c in cisi:1 med:16 lisa:7 npl:33 adi:8; do $NEWS_INDEX --quiet --db "${c%:*}.db" "$R/${c%:*}/docs.jsonl" && top10 "${c%:*}" "${c#*:}"; done
