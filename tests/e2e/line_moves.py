#!/usr/bin/env python3
"""JSON Lines records keep their identity when lines move (issue 27).

On a slice of Reuters-21578: inserting, deleting, reordering and editing lines
touches exactly the records added, removed or changed, the summary counts
exactly those, every record's source names the line it is on now, and searches
find what the file holds.  Run on one database and on a sharded folder.

Usage: line_moves.py BUILD_DIR REUTERS_JSONL
"""
import json
import os
import random
import re
import subprocess
import sys
import tempfile

from checks import check, report

BUILD, REUTERS = sys.argv[1], sys.argv[2]
INDEX = os.path.join(os.path.abspath(BUILD), "indexer", "news-index")
SEARCH = os.path.join(os.path.abspath(BUILD), "searcher", "news-search")
SLICE = 400


def run(*args, cwd=None):
    return subprocess.run(list(args), capture_output=True, text=True, cwd=cwd)


def counts(stderr):
    """new, changed, removed, unchanged from news-index's summary line."""
    m = re.search(r"(\d+) new, (\d+) changed, (\d+) removed, (\d+) unchanged articles", stderr)
    return tuple(int(x) for x in m.groups()) if m else stderr


def write(path, lines):
    with open(path, "w", encoding="utf-8") as f:
        f.writelines(lines)


def sources_wanted(lines, name):
    """id -> "name:line" of each record of the file as it is now."""
    out = {}
    for n, line in enumerate(lines, 1):
        if line.strip():
            out[json.loads(line)["id"]] = "%s:%d" % (name, n)
    return out


def sources_found(work, db):
    p = run(SEARCH, "--db", db, "--json", "--duplicates", "--limit", "100000", "--type", "article", cwd=work)
    return {h["id"]: h["source"] for h in json.loads(p.stdout)["hits"]}


class Corpus:
    def __init__(self, work, db_args):
        self.work, self.db_args = work, db_args
        os.makedirs(os.path.join(work, "c"))
        with open(REUTERS, encoding="utf-8") as f:
            self.lines = [next(f) for _ in range(SLICE)]
        self.path = os.path.join(work, "c", "r.jsonl")
        write(self.path, self.lines)

    def index(self, *extra):
        p = run(INDEX, "--db", "db", *self.db_args, *extra, "c", cwd=self.work)
        if p.returncode != 0:
            print(p.stderr)
        return p

    def step(self, what, lines, want):
        """Write the file as lines, index it: the counts are want, and every
        record is found at its line."""
        self.lines = lines
        write(self.path, lines)
        p = self.index()
        check(what + ": the summary counts " + str(want), counts(p.stderr) == want, p.stderr.strip())
        found, wanted = sources_found(self.work, "db"), sources_wanted(lines, "c/r.jsonl")
        wrong = [(i, found.get(i), s) for i, s in wanted.items() if found.get(i) != s]
        check(what + ": every record's source is its line now", not wrong and len(found) == len(wanted),
              wrong[:3] or (len(found), len(wanted)))


def scenario(work, db_args, label):
    c = Corpus(work, db_args)
    p = c.index()
    check(label + "the first build counts every record new", counts(p.stderr) == (SLICE, 0, 0, 0), p.stderr)
    lines = list(c.lines)

    del lines[2]  # a line near the top
    c.step(label + "a line deleted", lines, (0, 0, 1, SLICE - 1))

    record = json.dumps({"id": "inserted-1", "title": "Zanzibar cloves harvest", "body": "Clove exports rose.",
                         "date": "1987-03-01"}) + "\n"
    lines.insert(4, record)
    c.step(label + "a line inserted", lines, (1, 0, 0, SLICE - 1))

    random.Random(27).shuffle(lines)
    write(c.path, lines)
    p = run(INDEX, "--db", "db", *db_args, "--dry-run", "c", cwd=work)
    check(label + "a dry run of a reordered file lists nothing", p.stdout == "", p.stdout[:200])
    c.step(label + "lines reordered", lines, (0, 0, 0, SLICE))

    n = next(i for i, l in enumerate(lines) if json.loads(l)["id"] != "inserted-1")
    rec = json.loads(lines[n])
    rec["title"] = "Quetzalcoatl " + rec["title"]
    lines[n] = json.dumps(rec) + "\n"
    c.step(label + "a line edited", lines, (0, 1, 0, SLICE - 1))
    p = run(SEARCH, "--db", "db", "--json", "quetzalcoatl", cwd=work)
    hits = json.loads(p.stdout)["hits"]
    check(label + "the edited record is found by its new word, at its line",
          [(h["id"], h["source"]) for h in hits] == [(rec["id"], "c/r.jsonl:%d" % (n + 1))], hits)
    p = run(SEARCH, "--db", "db", "--json", "zanzibar cloves", cwd=work)
    hits = json.loads(p.stdout)["hits"]
    at = lines.index(record) + 1
    check(label + "the inserted record is found at its line",
          [(h["id"], h["source"]) for h in hits[:1]] == [("inserted-1", "c/r.jsonl:%d" % at)], hits[:1])

    # All at once: two lines deleted, one inserted, one edited, the rest moved.
    gone = [json.loads(lines[i])["id"] for i in (1, 7)]
    lines = [l for i, l in enumerate(lines) if i not in (1, 7)]
    lines.insert(0, json.dumps({"id": "inserted-2", "body": "Rubber prices held."}) + "\n")
    rec = json.loads(lines[50])
    rec["body"] += " Revised."
    lines[50] = json.dumps(rec) + "\n"
    c.step(label + "lines deleted, inserted, edited and moved at once", lines, (1, 1, 2, SLICE - 3))
    found = sources_found(work, "db")
    check(label + "the deleted records are gone", not any(g in found for g in gone), gone)

    # Lines appended: only they are read, and take the next numbers of the table.
    lines = lines + [json.dumps({"id": "appended-%d" % i, "body": "Cocoa stocks %d." % i}) + "\n" for i in range(2)]
    c.step(label + "lines appended", lines, (2, 0, 0, SLICE - 1))

    # The updated index answers as a fresh build of the same file does.
    p = run(INDEX, "--db", "fresh", *db_args, "c", cwd=work)
    for q in (["oil", "prices"], ["bank", "rate"], ["rubber"], ["title:no"], ["--sort", "newest"]):
        a = run(SEARCH, "--db", "db", "--json", "--limit", "20", *q, cwd=work)
        b = run(SEARCH, "--db", "fresh", "--json", "--limit", "20", *q, cwd=work)
        ha = [(h["id"], h["source"]) for h in json.loads(a.stdout)["hits"]]
        hb = [(h["id"], h["source"]) for h in json.loads(b.stdout)["hits"]]
        check(label + "search %s: as from a fresh build" % " ".join(q), ha == hb and ha, (ha[:3], hb[:3]))

    # Records without an id are known by their bytes: moving them changes nothing.
    noid = [json.dumps({"title": "No id %d" % i, "body": "Tin output %d." % i}) + "\n" for i in range(3)]
    write(os.path.join(work, "c", "noid.jsonl"), noid)
    p = c.index()
    check(label + "records without an id are indexed", counts(p.stderr)[0] == 3, p.stderr)
    write(os.path.join(work, "c", "noid.jsonl"), ["\n"] + noid[::-1])
    p = c.index()
    check(label + "records without an id that moved are unchanged", counts(p.stderr) == (0, 0, 0, SLICE + 4),
          p.stderr)
    p = run(SEARCH, "--db", "db", "--json", "title:no title:id title:2", cwd=work)
    hits = json.loads(p.stdout)["hits"]
    check(label + "a record without an id is found at its line",
          [h["source"] for h in hits[:1]] == ["c/noid.jsonl:2"], [h["source"] for h in hits])


def main():
    if not os.path.exists(REUTERS):
        print("no " + REUTERS + ": skipped")
        sys.exit(77)
    for db_args, label in (((), ""), (("--shards", "2"), "sharded: ")):
        with tempfile.TemporaryDirectory(prefix="news-lines-") as work:
            scenario(work, list(db_args), label)
    report()


main()
