#!/usr/bin/env python3
"""Entities follow the catalogue (issue 27), without --rebuild.

The seeds and a slice of Reuters-21578 (its `people` codes are entities
too) are indexed; a run with --entities adding names re-tags exactly the
documents that hold them (articles and posts), and the summary says how
many; a run without --entities keeps the copy the index holds; a changed
file untags what it drops; the same file again changes nothing; and
--entities none drops the user's entries.  After each step the index
answers a set of queries (whole --json output) exactly as a fresh build
with the same catalogue does.  On one database and on a sharded folder.

Usage: catalogue.py BUILD_DIR SOURCE_DIR REUTERS_JSONL
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

from checks import check, compare, report

BUILD, SRC, REUTERS = sys.argv[1], sys.argv[2], sys.argv[3]
INDEX = os.path.join(os.path.abspath(BUILD), "indexer", "news-index")
SEARCH = os.path.join(os.path.abspath(BUILD), "searcher", "news-search")
SLICE = (2000, 2300)  # Reuters lines, with `people` codes james-baker among them

FIRST = ("Christmas Tree\tevent\t\t\n"     # in the prose of two seed articles
         "Gaga Collab\tevent\tcollab\t\n"           # in two of its posts only
         "James Baker\tperson\tBaker|James A. Baker\t\n")  # a Reuters code, and words
SECOND = "Christmas Tree\tevent\t\t\n"  # the other two dropped
TREE = ["001_a3c739b97393af1b", "002_621f14e393696cc3"]
QUERIES = [["--artist", "christmas tree"], ["--facets", "--limit", "40", "gaga"], ["--facets", "collab"],
           ["--facets", "--limit", "40", "baker"], ["--facets", "--limit", "60", "treasury"],
           ["--type", "post", "--limit", "40", "v"], ["--artist", "james-baker", "--limit", "40"]]


def run(*args, cwd):
    return subprocess.run(list(args), capture_output=True, text=True, cwd=cwd)


def retagged(stderr):
    """The summary's count of re-tagged documents, None when it says the catalogue did not change."""
    m = re.search(r"entity catalogue changed: (\d+) documents? re-tagged", stderr)
    return int(m.group(1)) if m else None


def answers(work, db):
    """Each query's --json output, as parsed (the time taken aside)."""
    out = []
    for q in QUERIES:
        p = run(SEARCH, "--db", db, "--json", *q, cwd=work)
        j = json.loads(p.stdout) if p.stdout.startswith("{") else {"exit": p.returncode, "stderr": p.stderr}
        if isinstance(j, dict):
            j.pop("took_ms", None)
            j.pop("seconds", None)
        out.append(j)
    return out


def ids(work, db, *query):
    p = run(SEARCH, "--db", db, "--json", "--limit", "100", *query, cwd=work)
    return sorted(h["id"] for h in json.loads(p.stdout)["hits"]) if p.returncode == 0 else p.returncode


def same_as_fresh(work, db, shards, entities, what):
    fresh = os.path.join(work, "fresh.db")
    shutil.rmtree(fresh, ignore_errors=True)
    args = [INDEX, "-q", "--db", fresh] + (["--shards", "2"] if shards else []) + entities + ["c"]
    check("%s: fresh build" % what, run(*args, cwd=work).returncode == 0)
    got, want = answers(work, db), answers(work, fresh)
    for q, g, w in zip(QUERIES, got, want):
        check("%s: %s as a fresh build" % (what, " ".join(q)), g == w,
              "updated: %s\nfresh:   %s" % (json.dumps(g)[:600], json.dumps(w)[:600]))


def scenario(shards):
    name = "sharded" if shards else "one database"
    with tempfile.TemporaryDirectory() as work:
        shutil.copytree(os.path.join(SRC, "corpus"), os.path.join(work, "c"))
        with open(REUTERS, encoding="utf-8") as f:
            lines = f.readlines()[SLICE[0]:SLICE[1]]
        with open(os.path.join(work, "c", "reuters.jsonl"), "w", encoding="utf-8") as f:
            f.writelines(lines)
        for fname, text in (("first.tsv", FIRST), ("second.tsv", SECOND)):
            with open(os.path.join(work, fname), "w", encoding="utf-8") as f:
                f.write(text)
        db = "db"
        first = run(INDEX, "--db", db, *(["--shards", "2"] if shards else []), "c", cwd=work)
        check("%s: first build" % name, first.returncode == 0, first.stderr)
        compare("%s: Christmas Tree unknown before" % name, ids(work, db, "--artist", "christmas tree"), 2)

        # A catalogue with new names: the documents holding them are re-tagged.
        p = run(INDEX, "--db", db, "--entities", "first.tsv", "c", cwd=work)
        check("%s: --entities first.tsv, no warning" % name, p.returncode == 0 and "warning" not in p.stderr, p.stderr)
        compare("%s: Christmas Tree found" % name, ids(work, db, "--artist", "christmas tree"), TREE)
        collab = ids(work, db, "artist:\"gaga collab\"")
        check("%s: posts tagged Gaga Collab" % name,
              isinstance(collab, list) and sum("#" in i for i in collab) >= 4, collab)
        baker = ids(work, db, "--artist", "james baker")
        codes = sum(1 for line in lines if "james-baker" in json.loads(line)["people"])
        check("%s: James Baker: the articles with the code and more" % name,
              isinstance(baker, list) and len(baker) >= codes > 0, (baker, codes))
        want = len(set(TREE) | set(collab) | set(baker))
        compare("%s: the summary counts the re-tagged documents" % name, retagged(p.stderr), want)
        same_as_fresh(work, db, shards, ["--entities", "first.tsv"], name + ", first.tsv")

        # No --entities: the copy the index keeps, nothing to do.
        p = run(INDEX, "--db", db, "c", cwd=work)
        check("%s: a run without --entities changes nothing" % name,
              p.returncode == 0 and retagged(p.stderr) is None and "warning" not in p.stderr, p.stderr)
        compare("%s: ...and keeps Christmas Tree" % name, ids(work, db, "--artist", "christmas tree"),
                TREE)
        p = run(INDEX, "--db", db, "--rebuild", "c", cwd=work)
        compare("%s: --rebuild without --entities keeps them too" % name,
                ids(work, db, "--artist", "christmas tree"), TREE)

        # A changed file: what it drops is untagged; the same file again: nothing.
        p = run(INDEX, "--db", db, "--entities", "second.tsv", "c", cwd=work)
        compare("%s: second.tsv re-tags what it dropped" % name, retagged(p.stderr), len(set(collab) | set(baker)))
        compare("%s: Gaga Collab gone" % name, ids(work, db, "artist:\"gaga collab\""), 2)
        same_as_fresh(work, db, shards, ["--entities", "second.tsv"], name + ", second.tsv")
        p = run(INDEX, "--db", db, "--entities", "second.tsv", "c", cwd=work)
        check("%s: the same file again changes nothing" % name, retagged(p.stderr) is None, p.stderr)

        # --entities none: the user's entries go.
        p = run(INDEX, "--db", db, "--entities", "none", "c", cwd=work)
        compare("%s: --entities none untags" % name, retagged(p.stderr), len(TREE))
        same_as_fresh(work, db, shards, [], name + ", none")


def main():
    scenario(shards=False)
    scenario(shards=True)
    report()


if __name__ == "__main__":
    main()
