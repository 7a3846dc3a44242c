#!/usr/bin/env python3
"""End to end: reading documents whole and exporting results (doc/export.md).

Usage: export.py BUILD_DIR SRC_DIR

Indexes the seeds (SRC_DIR/corpus) and a small JSON Lines file written here,
whose records have paragraphs and titles with commas, quotes and a tab, then
checks:
 1. --show gives a record's paragraphs as the record has them, in JSON and
    as text, after its file is deleted (the index alone is read), and an
    article's posts in order;
 2. each export format (csv, tsv, ndjson) parsed back by Python's csv and
    json modules holds the same ids, titles and count as --json, for
    several queries; CSV's quoting keeps the awkward titles exactly;
 3. --all lists exactly --json's total (the complete matches), in --json's
    order, in every format and order.
"""
import csv
import io
import json
import os
import subprocess
import sys
import tempfile

from checks import check, compare, report

RECORDS = [
    {"id": "ex-1", "date": "2024-03-01", "title": 'Gaga, V and the "jazz queen", live',
     "body": "First paragraph about the jazz queen.\nIt goes on over a second line.\n\n"
             "Second paragraph: Lady Gaga sings.\n\n\nThird paragraph, after two blank lines."},
    {"id": "ex-2", "date": "2024-03-02", "title": "Tabs\tand \"quotes\"",
     "body": "One paragraph only, with jazz in it."},
    {"id": "ex-3", "date": "2024-03-03", "title": "Plain title",
     "body": "Wire copy starts here\nand runs on.\n    An indented line starts the next paragraph\nof jazz."},
]
WANT_PARAGRAPHS = {
    "ex-1": ["First paragraph about the jazz queen. It goes on over a second line.",
             "Second paragraph: Lady Gaga sings.", "Third paragraph, after two blank lines."],
    "ex-2": ["One paragraph only, with jazz in it."],
    "ex-3": ["Wire copy starts here and runs on.", "An indented line starts the next paragraph of jazz."],
}
QUERIES = ["jazz", "gaga", "jazz queen", "type:post", "lady gaga jazz"]


def run(search, db, *args, code=0):
    p = subprocess.run([search, "--db", db, *args], capture_output=True)
    check("news-search %s exits %d" % (" ".join(args), code), p.returncode == code, p.stderr.decode())
    return p.stdout.decode("utf-8")


def hits_of_json(search, db, args):
    j = json.loads(run(search, db, "--json", *args))
    return j, [(h["id"], h["title"]) for h in j["hits"]]


def parse_csv(text):
    check("csv: every record ends with CRLF", text.endswith("\r\n") and "\n" not in text.replace("\r\n", ""),
          repr(text[-80:]))
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    return [(r["id"], r["title"]) for r in rows]


def parse_tsv(text):
    rows = list(csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE))
    return [(r["id"], r["title"]) for r in rows]


def parse_ndjson(text):
    return [(h["id"], h["title"]) for h in map(json.loads, text.splitlines())]


def tsv_title(pairs):
    return [(i, t.replace("\t", " ").replace("\n", " ").replace("\r", " ")) for i, t in pairs]


def check_show(search, db, jsonl):
    os.remove(jsonl)  # --show reads the index alone
    j = json.loads(run(search, db, "--show", "ex-1", "ex-2", "ex-3", "--json"))
    got = {d["id"]: d["paragraphs"] for d in j["documents"]}
    compare("--show: the records' paragraphs", got, WANT_PARAGRAPHS)
    compare("--show: ex-1's location is file:line", j["documents"][0]["source"].endswith("records.jsonl:1"), True)
    text = run(search, db, "--show", "ex-1", "--color", "never")
    check("--show as text: paragraphs set apart by blank lines",
          "\n\n    " + "\n\n    ".join(WANT_PARAGRAPHS["ex-1"]) + "\n" in text, text)
    article = json.loads(run(search, db, "--show", "002_621f14e393696cc3", "--json"))["documents"][0]
    posts = [p["id"] for p in article["posts"]]
    compare("--show: an article's posts, in order", posts,
            ["002_621f14e393696cc3#%d" % n for n in range(1, len(posts) + 1)])
    check("--show: the posts hold their text", all(p["paragraphs"] for p in article["posts"]))


def check_formats(search, db):
    for q in QUERIES:
        for extra in ([], ["--sort", "oldest"]):
            args = ["-n", "20", *extra, q]
            _, want = hits_of_json(search, db, args)
            check("%r has hits" % q, want)
            compare("csv %s" % args, parse_csv(run(search, db, "--format", "csv", *args)), want)
            compare("tsv %s" % args, parse_tsv(run(search, db, "--format", "tsv", *args)), tsv_title(want))
            compare("ndjson %s" % args, parse_ndjson(run(search, db, "--format", "ndjson", *args)), want)
    titles = dict(parse_csv(run(search, db, "--format", "csv", "-n", "50", "jazz")))
    for r in RECORDS:
        compare("csv keeps the title of %s" % r["id"], titles.get(r["id"]), r["title"])


def check_all(search, db):
    for q in QUERIES:
        for sort in ("relevance", "newest", "oldest"):
            j, _ = hits_of_json(search, db, ["--duplicates", "-n", "1000", "--sort", sort, q])
            want = [h["id"] for h in j["hits"] if h["complete"]]
            compare("%r by %s: --json's total is its complete hits" % (q, sort), len(want), j["total"])
            args = ["--all", "--sort", sort, q]
            compare("--all --format csv %r by %s" % (q, sort),
                    [i for i, _ in parse_csv(run(search, db, "--format", "csv", *args))], want)
            compare("--all --format ndjson %r by %s" % (q, sort),
                    [i for i, _ in parse_ndjson(run(search, db, "--format", "ndjson", *args))], want)
            whole = json.loads(run(search, db, "--json", *args))
            compare("--all --json %r by %s" % (q, sort), [h["id"] for h in whole["hits"]], want)


def main():
    build, src = sys.argv[1], sys.argv[2]
    index = os.path.join(build, "indexer", "news-index")
    search = os.path.join(build, "searcher", "news-search")
    with tempfile.TemporaryDirectory(prefix="news-export-") as tmp:
        jsonl = os.path.join(tmp, "records.jsonl")
        with open(jsonl, "w", encoding="utf-8") as f:
            for r in RECORDS:
                f.write(json.dumps(r) + "\n")
        db = os.path.join(tmp, "db")
        subprocess.run([index, "--quiet", "--db", db, os.path.join(src, "corpus"), jsonl], check=True)
        check_formats(search, db)
        check_all(search, db)
        check_show(search, db, jsonl)
    report()


if __name__ == "__main__":
    main()
