#!/usr/bin/env python3
"""Draw the sample of entity tags whose precision doc/entities.md reports.

Indexes BBC and Reuters-21578 (../shared/corpora) and the seeds (corpus/)
into a temporary folder, lists every tag the catalogue's matcher gives a
document (entity-tags: the document, the entity, the words and sentence of
its first mention), and writes SAMPLE.tsv: a random sample of N tags of BBC
and Reuters together (random.Random(SEED)), then every tag of the seeds.

Judge each line by reading it: put "right" or "wrong: CLASS" in the verdict
column.  With --judged an earlier file, its verdicts are carried over (by
corpus, document and entity) and the tags it judged that the matcher no
longer gives are listed as gone: a rule that drops wrong tags is measured
on the same sample (precision of what is left, right tags lost).
judged-before.tsv is the sample doc/entities.md reports, judged.  The
summary (precision overall, per kind of entity, per corpus; the error
classes) goes to stdout.

Usage: sample.py BUILD_DIR OUT.tsv [--n 160] [--seed 27] [--judged OLD.tsv]
"""
import argparse
import collections
import csv
import json
import os
import random
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.dirname(os.path.dirname(HERE))
CORPORA = os.path.join(SRC, "..", "shared", "corpora")
FIELDS = ["n", "corpus", "id", "entity", "kind", "matched", "sentence", "verdict"]


def tags(build, work):
    """Every tag of the three corpora, as entity-tags prints them."""
    index = os.path.join(build, "indexer", "news-index")
    out = []
    for name, path in (("bbc", os.path.join(CORPORA, "bbc")), ("reuters", os.path.join(CORPORA, "reuters21578.jsonl")),
                       ("seeds", os.path.join(SRC, "corpus"))):
        db = os.path.join(work, name + ".db")
        subprocess.run([index, "-q", "--db", db, path], check=True)
        p = subprocess.run([os.path.join(build, "indexer", "entity-tags"), db, name], check=True,
                           capture_output=True, text=True)
        out += [json.loads(line) for line in p.stdout.splitlines()]
    return out


def key(t):
    return (t["corpus"], t["id"], t["entity"])


def read_judged(path):
    with open(path, encoding="utf-8", newline="") as f:
        return {(r["corpus"], r["id"], r["entity"]): r for r in csv.DictReader(f, delimiter="\t")}


def summary(rows, gone):
    """Precision overall, by kind and by corpus; the error classes; what the rules dropped."""
    judged = [r for r in rows if r["verdict"]]
    def precision(rs):
        right = sum(r["verdict"] == "right" for r in rs)
        return "%d/%d = %.1f %%" % (right, len(rs), 100.0 * right / len(rs)) if rs else "-"
    sampled = [r for r in judged if r["corpus"] != "seeds"]
    print("sample (BBC and Reuters):", precision(sampled))
    print("seeds (every tag):       ", precision([r for r in judged if r["corpus"] == "seeds"]))
    print("all judged:              ", precision(judged))
    for field in ("kind", "corpus"):
        for value in sorted({r[field] for r in judged}):
            print("  %s %-8s %s" % (field, value, precision([r for r in judged if r[field] == value])))
    errors = collections.Counter(r["verdict"].split(":", 1)[1].strip() for r in judged if r["verdict"] != "right")
    for cls, n in errors.most_common():
        print("  error %-40s %d" % (cls, n))
    if gone:
        lost = sum(r["verdict"] == "right" for r in gone)
        print("gone since the judged file: %d (%d wrong, %d right)" % (len(gone), len(gone) - lost, lost))
    unjudged = len(rows) - len(judged)
    if unjudged:
        print("not judged yet:", unjudged)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build")
    ap.add_argument("out")
    ap.add_argument("--n", type=int, default=160)
    ap.add_argument("--seed", type=int, default=27)
    ap.add_argument("--judged")
    a = ap.parse_args()
    build = os.path.abspath(a.build)
    subprocess.run(["cmake", "--build", build, "--target", "entity-tags"], check=True, capture_output=True)
    with tempfile.TemporaryDirectory() as work:
        every = tags(build, work)
    judged = read_judged(a.judged) if a.judged else {}
    now = {key(t) for t in every}
    if judged:
        # The same tags: those the matcher still gives, and those gone (the
        # rules fixed here only take tags away; a rule that adds some needs
        # a new sample).
        rows = [dict(judged[k]) for k in judged if k in now]
        gone = [r for k, r in judged.items() if k not in now]
    else:
        pool = sorted((t for t in every if t["corpus"] != "seeds"), key=key)
        rows = random.Random(a.seed).sample(pool, min(a.n, len(pool))) + [t for t in every if t["corpus"] == "seeds"]
        rows = [dict(t, verdict="") for t in rows]
        gone = []
    for i, r in enumerate(rows, 1):
        r["n"] = r.get("n") or i
        r["sentence"] = " ".join(r["sentence"].split())
    with open(a.out, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, FIELDS, delimiter="\t", extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)
    print("tags: %d (bbc %d, reuters %d, seeds %d); written %s" % (
        len(every), *(sum(t["corpus"] == c for t in every) for c in ("bbc", "reuters", "seeds")), a.out))
    summary(rows, gone)


if __name__ == "__main__":
    sys.exit(main())
