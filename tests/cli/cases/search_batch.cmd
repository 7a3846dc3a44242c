# --batch: one query a line (blank lines skipped) on one open database, each
# timed; the microseconds (third column and the summary) vary, so they are masked.
printf 'gaga\n\n  "jazz queen"\nartist:V type:post\ndate:2023-06 gaga\ndate:2022-02-30 x\nnothingatall\n' > q.txt
$NEWS_SEARCH --db "$DB" --batch q.txt --limit 3 --facets 2>err.txt | cut -f1,2; rc=${PIPESTATUS[0]}
sed -E 's/[0-9]+ µs/N µs/g' err.txt >&2; exit $rc
