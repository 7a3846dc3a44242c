#!/usr/bin/env python3
"""Make a K-times version of the Reuters-21578 JSON Lines corpus.

    bench/make_corpus.py K IN.jsonl OUT.jsonl [--seed N]

The output holds K copies of every record, K x 21,578 articles in all, as a
news archive K times as long would:

- ids are new: reuters-<K>x-<n>, n = 1 .. K x 21578, copy by copy;
- copy c (0 .. K-1) has its dates shifted by c whole years (1987 -> 1987+c;
  the time of day is kept, 29 February never occurs in 1987), so a month
  range such as 1987-03..1987-04 keeps covering the same slice of the
  archive while the archive grows;
- copy 0 keeps the original title and body; in every later copy the body is
  rebuilt sentence by sentence, each sentence drawn at random from the
  articles of the same first topic (from the whole corpus when the record
  has no topic or its topic is rare), keeping the paragraph shape and the
  number of sentences, and the title is drawn from the same pool, so the
  vocabulary, word frequencies and phrases stay real Reuters text;
- the people, places, orgs, topics and exchanges codes, source, dateline and
  author are kept, so the filters scale with K.

Deterministic: the same K, input and seed give the same bytes.  Python 3
standard library only.
"""
import argparse
import json
import random
import re
import sys

SENTENCE_END = re.compile(r'[.!?]["\')]?(\s+)(?=["(<A-Z0-9])')
LAST_WORD = re.compile(r'([A-Za-z.&]+)$')
INITIALS = re.compile(r'^(?:[A-Za-z]\.)*[A-Za-z]$')  # U.S, J.P, E (as in "E. F. Hutton")
ABBREVIATIONS = {
    "inc", "corp", "co", "cos", "ltd", "plc", "bros", "mr", "mrs", "ms", "dr", "st", "no", "nos", "vs",
    "gov", "sen", "rep", "gen", "jr", "sr", "dept", "govt", "intl", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mln", "bln", "pct", "approx", "est", "ave", "fig",
}
PARAGRAPH = re.compile(r'\n\s*\n|\n(?=\s{2,})')
MIN_POOL = 50  # sentences a topic needs before bodies are drawn from it alone


def sentences(text):
    """Split a paragraph at sentence ends, not after initials (U.S.) or abbreviations (Corp.)."""
    out, start = [], 0
    for m in SENTENCE_END.finditer(text):
        w = LAST_WORD.search(text, max(start, m.start() - 24), m.start())
        word = w.group(1).rstrip(".") if w else ""
        if text[m.start()] == "." and (INITIALS.match(word) or word.lower() in ABBREVIATIONS):
            continue
        out.append(text[start:m.start(1)])
        start = m.end(1)
    out.append(text[start:])
    return out


def paragraphs(body):
    """The body as a list of paragraphs, each a list of sentences."""
    out = []
    for para in PARAGRAPH.split(body):
        text = " ".join(para.split())
        if text:
            out.append(sentences(text))
    return out


def shift_date(date, years):
    if not date or years == 0:
        return date
    return "%04d%s" % (int(date[:4]) + years, date[4:])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("k", type=int, help="how many copies (e.g. 4 or 16)")
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument("--seed", type=int, default=21578)
    a = ap.parse_args()
    if a.k < 1:
        ap.error("K must be at least 1")

    with open(a.input, encoding="utf-8") as f:
        records = [json.loads(line) for line in f if line.strip()]

    # Sentence and title pools, per first topic and for the whole corpus.
    pools, titles = {}, {}
    all_sentences, all_titles = [], []
    for r in records:
        topic = (r.get("topics") or [""])[0]
        for para in paragraphs(r.get("body") or ""):
            pools.setdefault(topic, []).extend(para)
            all_sentences.extend(para)
        if r.get("title"):
            titles.setdefault(topic, []).append(r["title"])
            all_titles.append(r["title"])

    rng = random.Random(a.seed * 1000 + a.k)
    n = 0
    with open(a.output, "w", encoding="utf-8") as out:
        for copy in range(a.k):
            for r in records:
                n += 1
                r2 = dict(r)
                r2["id"] = "reuters-%dx-%d" % (a.k, n)
                r2["date"] = shift_date(r.get("date"), copy)
                if copy > 0:
                    topic = (r.get("topics") or [""])[0]
                    pool = pools.get(topic, [])
                    if not topic or len(pool) < MIN_POOL:
                        pool = all_sentences
                    tpool = titles.get(topic, [])
                    if not topic or len(tpool) < MIN_POOL:
                        tpool = all_titles
                    body = r.get("body") or ""
                    if body:
                        r2["body"] = "\n    ".join(
                            " ".join(rng.choice(pool) for _ in para) for para in paragraphs(body))
                    if r.get("title"):
                        r2["title"] = rng.choice(tpool)
                out.write(json.dumps(r2, ensure_ascii=False) + "\n")
    print("%s: %d articles (%d copies of %d)" % (a.output, n, a.k, len(records)), file=sys.stderr)


if __name__ == "__main__":
    main()
