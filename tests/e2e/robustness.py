#!/usr/bin/env python3
"""End-to-end robustness checks of news-index and news-search (issue: rebuild
the index safely).  Each scenario builds its own small corpus in a temp folder.

Usage: robustness.py BUILD_DIR SCENARIO
Scenarios: incremental, same_size, kill, kill_shards, two_writers, search_while_indexing, rebuild, unreadable, gaps,
duplicate_ids, walk
"""
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from checks import check, report

BUILD, SCENARIO = sys.argv[1], sys.argv[2]
INDEX = os.path.join(os.path.abspath(BUILD), "indexer", "news-index")
SEARCH = os.path.join(os.path.abspath(BUILD), "searcher", "news-search")


def run(*args, **kw):
    return subprocess.run(list(args), capture_output=True, text=True, **kw)


def total(db, *query):
    p = run(SEARCH, "--db", db, "--json", "--limit", "0", *query)
    if p.returncode != 0:
        return None, p.stderr
    return json.loads(p.stdout)["total"], ""


def ids(db):
    p = run(SEARCH, "--db", db, "--json", "--limit", "100000", "--type", "article")
    return [h["id"] for h in json.loads(p.stdout)["hits"]]


def write_jsonl(path, n, start=0, word="alpha"):
    with open(path, "w", encoding="utf-8") as f:
        for i in range(start, start + n):
            f.write(json.dumps({"id": "rec-%d" % i, "title": "Record %d %s" % (i, word),
                                "body": "Body of record %d about %s and the markets. " % (i, word) * 3,
                                "date": "2023-%02d-%02d" % (i % 12 + 1, i % 28 + 1)}) + "\n")


def last_docid(db):
    """The highest document id the database has used (xapian-delve), or None."""
    p = run("xapian-delve", db)
    m = [l.split("=")[1].strip() for l in p.stdout.splitlines() if l.startswith("highest document id ever used")]
    return int(m[0]) if m else None


def summary(stderr):
    line = [l for l in stderr.splitlines() if "unchanged articles" in l]
    return line[-1] if line else stderr


def incremental(tmp):
    corpus, db = os.path.join(tmp, "c"), os.path.join(tmp, "db")
    os.makedirs(corpus)
    for i in range(3):
        with open(os.path.join(corpus, "a%d.txt" % i), "w") as f:
            f.write("date 2023-01-0%d Article %d about jazz.\n\nText %d.\n" % (i + 1, i, i))
    write_jsonl(os.path.join(corpus, "feed.jsonl"), 5)
    p = run(INDEX, "--db", db, corpus)
    check("first run adds everything", "8 new, 0 changed, 0 removed, 0 unchanged" in p.stderr, summary(p.stderr))
    p = run(INDEX, "--db", db, corpus)
    check("a re-run touches nothing", "0 new, 0 changed, 0 removed, 8 unchanged" in p.stderr and "nothing written" in p.stderr,
          summary(p.stderr))
    # Same content, new modification time: unchanged (content decides).
    os.utime(os.path.join(corpus, "a0.txt"), (1, 1))
    # A changed file, a new file, a removed file, a changed and a removed JSON record.
    with open(os.path.join(corpus, "a1.txt"), "a") as f:
        f.write("More about saxophones.\n")
    with open(os.path.join(corpus, "a9.txt"), "w") as f:
        f.write("A new article.\n")
    os.remove(os.path.join(corpus, "a2.txt"))
    with open(os.path.join(corpus, "feed.jsonl")) as f:
        lines = f.readlines()
    lines[1] = lines[1].replace("Record 1", "Record one")
    del lines[3]
    with open(os.path.join(corpus, "feed.jsonl"), "w") as f:
        f.writelines(lines)
    dry = run(INDEX, "--db", db, "--dry-run", corpus)
    listed = sorted(l.split()[0] + " " + os.path.basename(l.split()[1]) for l in dry.stdout.splitlines())
    # rec-4 moved up a line (rec-3's was deleted): the same record, not written again.
    check("--dry-run lists new, changed and removed", listed == sorted([
        "changed a1.txt", "new a9.txt", "removed a2.txt", "changed feed.jsonl:2", "removed feed.jsonl"]), listed)
    check("--dry-run writes nothing", total(db)[0] == 8 and total(db, "saxophones")[0] == 0)
    p = run(INDEX, "--db", db, corpus)
    check("the re-run counts each kind", "1 new, 2 changed, 2 removed, 4 unchanged" in p.stderr, summary(p.stderr))
    hits = json.loads(run(SEARCH, "--db", db, "--json", "id:rec-4", "id:rec-2").stdout)["hits"]
    sources = sorted(os.path.basename(h["source"]) for h in hits)
    check("each record's source is the line it is on now", sources == ["feed.jsonl:3", "feed.jsonl:4"], sources)
    check("the index holds exactly the corpus", sorted(ids(db)) == sorted(["a0", "a1", "a9", "rec-0", "rec-1", "rec-2", "rec-4"]),
          ids(db))
    check("the changed text is searchable", total(db, "saxophones")[0] == 1 and total(db, '"record one"')[0] == 1)
    check("the removed record is gone", total(db, "id:rec-3")[0] == 0 and total(db, "id:a2")[0] == 0)
    # Lines appended to a JSON Lines file: only they are read.
    with open(os.path.join(corpus, "feed.jsonl"), "a") as f:
        f.write(json.dumps({"id": "rec-50", "title": "Appended", "body": "An appended record about tubas."}) + "\n")
    dry = run(INDEX, "--db", db, "--dry-run", corpus)
    check("an appended line is the only thing read", dry.stdout.split() == ["new", "c/feed.jsonl:5"] or
          [os.path.basename(w) for w in dry.stdout.split()] == ["new", "feed.jsonl:5"], dry.stdout)
    p = run(INDEX, "--db", db, corpus)
    check("and it is added", "1 new, 0 changed, 0 removed, 7 unchanged" in p.stderr and total(db, "tubas")[0] == 1,
          summary(p.stderr))
    # An id too long for a term (Xapian's limit: the term is cut and hashed)
    # is still known as the file's own: not removed when the file changes.
    long_id = "long-" + "x" * 300
    with open(os.path.join(corpus, "long.jsonl"), "w") as f:
        f.write(json.dumps({"id": long_id, "title": "Long piccolo", "body": "A long id."}) + "\n")
    run(INDEX, "--db", db, corpus)
    with open(os.path.join(corpus, "long.jsonl"), "a") as f:
        f.write(json.dumps({"id": "short-1", "title": "Short", "body": "A short id."}) + "\n")
    p = run(INDEX, "--db", db, corpus)
    check("an id over the term limit stays its file's", "1 new, 0 changed, 0 removed" in p.stderr
          and total(db, "piccolo")[0] == 1, summary(p.stderr))
    with open(os.path.join(corpus, "long.jsonl"), "w") as f:
        f.write(json.dumps({"id": "short-0", "title": "Short", "body": "Another short id."}) + "\n")
        f.write(json.dumps({"id": long_id, "title": "Long piccolo", "body": "A long id."}) + "\n")
    p = run(INDEX, "--db", db, corpus)
    check("...also when it moves a line", "1 new, 0 changed, 1 removed" in p.stderr
          and total(db, "piccolo")[0] == 1, summary(p.stderr))
    os.remove(os.path.join(corpus, "long.jsonl"))
    p = run(INDEX, "--db", db, corpus)
    check("...and goes with its file", "0 new, 0 changed, 2 removed" in p.stderr and total(db, "piccolo")[0] == 0,
          summary(p.stderr))
    # In a changed JSON Lines file the unchanged records are not read again
    # (not even parsed): a warning about one is not repeated.
    warn = os.path.join(corpus, "warn.jsonl")
    records = [{"id": "w-1", "title": "Bad date", "body": "A record with no such day.", "date": "2023-02-30"},
               {"id": "w-2", "title": "Good date", "body": "A record about oboes.", "date": "2023-02-03"}]
    with open(warn, "w") as f:
        f.writelines(json.dumps(r) + "\n" for r in records)
    p = run(INDEX, "--db", db, corpus)
    check("a record's bad date is warned about", "warn.jsonl:1" in p.stderr and "2 new" in p.stderr, p.stderr)
    records[1]["body"] = "A record about bassoons."
    with open(warn, "w") as f:
        f.writelines(json.dumps(r) + "\n" for r in records)
    before = last_docid(db)
    p = run(INDEX, "--db", db, corpus)
    check("its file changed elsewhere: the record is not read again", "warn.jsonl:1" not in p.stderr
          and "0 new, 1 changed, 0 removed, 9 unchanged" in p.stderr, p.stderr)
    check("and the changed one is", total(db, "bassoons")[0] == 1 and total(db, "oboes")[0] == 0
          and total(db, "id:w-1")[0] == 1)
    # A changed article is replaced in place: it keeps its document id (no
    # new one, so no gap in the ids) and Xapian rewrites only what changed.
    check("in place: no new document id", before is not None and last_docid(db) == before, (before, last_docid(db)))


def kill(tmp, shards=None):
    corpus, db = os.path.join(tmp, "c"), os.path.join(tmp, "db")
    os.makedirs(corpus)
    # The database exists (a first build is made beside it and moved in whole),
    # then a large file is added and the run that indexes it is killed.
    write_jsonl(os.path.join(corpus, "small.jsonl"), 100, start=900000)
    run(INDEX, "--quiet", "--db", db, corpus, *(["--shards", str(shards)] if shards else []))
    if shards:
        check("the index has %d shards" % shards, os.path.isdir(os.path.join(db, "shard-%d" % (shards - 1))),
              os.listdir(db) if os.path.isdir(db) else db)
    n = 45000
    write_jsonl(os.path.join(corpus, "big.jsonl"), n)
    n += 100
    for attempt, delay in enumerate((0.6, 1.3, 2.0)):
        proc = subprocess.Popen([INDEX, "--quiet", "--db", db, corpus], stderr=subprocess.PIPE)
        time.sleep(delay)
        killed = proc.poll() is None
        if killed:
            proc.send_signal(signal.SIGKILL)
        proc.wait()
        got, err = total(db) if os.path.exists(db) else (0, "")
        check("after SIGKILL #%d (%s) the database opens" % (attempt + 1, "killed" if killed else "had finished"),
              got is not None, err)
    p = run(INDEX, "--db", db, corpus)
    check("the next run completes", p.returncode == 0, p.stderr)
    got = ids(db)
    check("exactly the right documents, no duplicates", len(got) == n and len(set(got)) == n, "%d ids, %d distinct" % (len(got), len(set(got))))
    p = run(INDEX, "--db", db, corpus)
    check("and then nothing is left to do", "0 new, 0 changed, 0 removed, %d unchanged" % n in p.stderr, summary(p.stderr))


def same_size(tmp):
    """Files are skipped by size and modification time; a file rewritten with
    as many bytes right after it was indexed (same size, maybe the same time
    on a coarse clock) is still read again, and a touched file is recorded
    once and then skipped."""
    corpus, db = os.path.join(tmp, "c"), os.path.join(tmp, "db")
    os.makedirs(corpus)
    path = os.path.join(corpus, "a.txt")
    mtime = None
    for n, word in enumerate(("quokka", "wombat", "numbat", "dingos")):
        with open(path, "w") as f:
            f.write("An article\n\nAbout the %s today.\n" % word)
        if mtime is None:
            mtime = os.stat(path).st_mtime_ns
        else:  # the time the file had when indexed, as a coarse clock would leave it
            os.utime(path, ns=(mtime, mtime))
        p = run(INDEX, "--db", db, corpus)
        check("rewrite %d (%s, same size) is indexed" % (n, word), p.returncode == 0 and total(db, word)[0] == 1
              and (n == 0 or total(db, "quokka")[0] == 0), summary(p.stderr))
    os.utime(path, (1000000000, 1000000000))  # an old time: settled, so recorded
    p = run(INDEX, "--db", db, corpus)
    check("a touched file is unchanged", "0 new, 0 changed, 0 removed, 1 unchanged" in p.stderr, summary(p.stderr))
    with open(path, "r+") as f:  # other bytes, same size, same old time: the one case left to --rebuild
        f.write("An articlf")
    os.utime(path, (1000000000, 1000000000))
    p = run(INDEX, "--db", db, corpus)
    check("same size and time: not read (documented)", "1 unchanged" in p.stderr, summary(p.stderr))
    p = run(INDEX, "--db", db, "--rebuild", corpus)
    check("--rebuild reads it", p.returncode == 0 and total(db, "articlf")[0] == 1, summary(p.stderr))


def kill_shards(tmp):
    """The same over 3 shards: commits of several databases, killed between them."""
    kill(tmp, shards=3)


def two_writers(tmp):
    corpus, small, db = os.path.join(tmp, "c"), os.path.join(tmp, "s"), os.path.join(tmp, "db")
    os.makedirs(corpus)
    os.makedirs(small)
    write_jsonl(os.path.join(corpus, "big.jsonl"), 30000)
    write_jsonl(os.path.join(small, "small.jsonl"), 10, start=100000, word="beta")
    first = subprocess.Popen([INDEX, "--quiet", "--db", db, corpus], stderr=subprocess.PIPE, text=True)
    time.sleep(0.5)
    second = run(INDEX, "--db", db, small)
    check("a second indexer exits 1 at once", second.returncode == 1, "exit %d" % second.returncode)
    check("naming the database and the other indexer", db in second.stderr and "another news-index" in second.stderr,
          second.stderr)
    waiter = run(INDEX, "--wait", "--db", db, small)
    first.wait()
    check("with --wait it waits and then indexes", waiter.returncode == 0 and first.returncode == 0, waiter.stderr)
    check("both indexers' documents are there", total(db)[0] == 30010, str(total(db)))


def search_while_indexing(tmp):
    corpus, db = os.path.join(tmp, "c"), os.path.join(tmp, "db")
    os.makedirs(corpus)
    write_jsonl(os.path.join(corpus, "a.jsonl"), 2000)
    run(INDEX, "--quiet", "--db", db, corpus)
    write_jsonl(os.path.join(corpus, "b.jsonl"), 45000, start=10000, word="gamma")
    proc = subprocess.Popen([INDEX, "--quiet", "--db", db, corpus], stderr=subprocess.PIPE)
    searches = errors = 0
    while proc.poll() is None:
        p = run(SEARCH, "--db", db, "--json", "--facets", "--limit", "5", "markets")
        searches += 1
        if p.returncode != 0 or not p.stdout.startswith("{"):
            errors += 1
            print(p.stderr)
    check("indexing finished", proc.returncode == 0)
    check("every one of %d searches during indexing answered" % searches, errors == 0 and searches > 0,
          "%d errors" % errors)
    check("all documents are there", total(db)[0] == 47000, str(total(db)))


def rebuild(tmp):
    corpus, db = os.path.join(tmp, "c"), os.path.join(tmp, "db")
    os.makedirs(corpus)
    write_jsonl(os.path.join(corpus, "a.jsonl"), 30000)
    run(INDEX, "--quiet", "--db", db, corpus)
    # A rebuild killed half-way leaves the old index in place.
    proc = subprocess.Popen([INDEX, "--quiet", "--rebuild", "--db", db, corpus], stderr=subprocess.PIPE)
    time.sleep(1.0)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    check("a killed rebuild leaves the old index", total(db)[0] == 30000, str(total(db)))
    # A rebuild with searches running: every search answers, old or new.
    write_jsonl(os.path.join(corpus, "a.jsonl"), 20000, word="delta")
    proc = subprocess.Popen([INDEX, "--quiet", "--rebuild", "--db", db, corpus], stderr=subprocess.PIPE)
    searches = errors = 0
    seen = set()
    while proc.poll() is None or searches == 0:
        got, err = total(db)
        searches += 1
        if got is None:
            errors += 1
            print(err)
        seen.add(got)
    check("the rebuild succeeds", proc.returncode == 0)
    check("all %d searches during the rebuild answered" % searches, errors == 0, "%d errors" % errors)
    check("afterwards the index is the new one", total(db)[0] == 20000 and total(db, "delta")[0] == 20000, str(total(db)))
    check("and no rebuild folder is left", not [n for n in os.listdir(tmp) if ".rebuild-" in n], os.listdir(tmp))
    # A rebuild that fails (a bad catalogue) leaves the old index.
    bad = os.path.join(tmp, "bad.tsv")
    with open(bad, "w") as f:
        f.write("only-one-column\n")
    p = run(INDEX, "--rebuild", "--entities", bad, "--db", db, corpus)
    check("a failed rebuild exits 2 and says where", p.returncode == 2 and "bad.tsv:1" in p.stderr, p.stderr)
    check("and leaves the index as it was", total(db)[0] == 20000)


def unreadable(tmp):
    if os.geteuid() != 0 or not shutil.which("setpriv"):
        print("skipped: needs root and setpriv to run news-index as another user")
        return
    corpus, db = os.path.join(tmp, "c"), os.path.join(tmp, "db")
    os.makedirs(os.path.join(corpus, "locked"))
    for name in ("a.txt", "secret.txt", "locked/b.txt"):
        with open(os.path.join(corpus, name), "w") as f:
            f.write("Text of %s about jazz.\n" % name)
    os.chmod(tmp, 0o777)
    as_nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", INDEX, "--db", db, corpus]
    p = run(*as_nobody)
    check("first run as nobody indexes all", p.returncode == 0 and "3 new" in p.stderr, p.stderr)
    os.chmod(os.path.join(corpus, "secret.txt"), 0)
    os.chmod(os.path.join(corpus, "locked"), 0)
    p = run(*as_nobody)
    check("unreadable file and folder: exit 1", p.returncode == 1, "exit %d" % p.returncode)
    check("each named in an error", "secret.txt" in p.stderr and "locked" in p.stderr, p.stderr)
    check("and what was indexed of them stays", total(db)[0] == 3, str(total(db)))


def gaps(tmp):
    """An index news-index has updated has gaps in its document ids; with a
    few thousand documents, Xapian 1.4.22 fails an unweighted match on a term
    that indexes every document ("Unexpected end of posting list").  Every
    query shape that meets it, on a dated and an undated corpus."""
    for dated in (True, False):
        corpus, db = os.path.join(tmp, "c%d" % dated), os.path.join(tmp, "db%d" % dated)
        os.makedirs(corpus)
        path = os.path.join(corpus, "feed.jsonl")
        write_jsonl(path, 3000)
        if not dated:
            with open(path) as f:
                records = [json.loads(l) for l in f]
            with open(path, "w") as f:
                f.writelines(json.dumps({k: v for k, v in r.items() if k != "date"}) + "\n" for r in records)
        run(INDEX, "--db", db, corpus)
        # One record changed (replaced in place: it keeps its document id),
        # one removed (the last: none moves to another line), which leaves
        # the gap: the highest id used is above the document count.
        with open(path) as f:
            lines = f.readlines()
        lines[5] = lines[5].replace("Record 5 ", "Record 5 revised ")
        del lines[-1]
        with open(path, "w") as f:
            f.writelines(lines)
        time.sleep(2.1)  # (a file changed within 2 s is read again anyway; this one must be seen as changed)
        p = run(INDEX, "--db", db, corpus)
        check("update: 1 changed, 1 removed", "0 new, 1 changed, 1 removed" in p.stderr and last_docid(db) == 3000,
              (summary(p.stderr), last_docid(db)))
        queries = [["--type", "article"], ["--sort", "oldest", "--type", "article"], ["type:article"],
                   ["--sort", "oldest", "alpha"], ["--facets", "type:article"], ["type:article", "OR", "zebra"]]
        if dated:
            queries += [["year:2023"], ["--sort", "oldest", "year:2023"], ["--facets", "year:2023"],
                        ["year:2023", "OR", "zebra"], ["--sort", "oldest", "alpha", "year:2023"]]
        for q in queries:
            n, err = total(db, *q)
            check("%s: %s finds all 2999" % ("dated" if dated else "undated", " ".join(q)), n == 2999, err or n)
        n, err = total(db, "alpha", "NOT", "type:article")
        check("alpha NOT type:article finds none", n == 0, err or n)
        p = run(INDEX, "--db", db, "--stats")
        want = "2999 documents: 2999 articles (%s), 0 posts" % ("2999 dated, 0 undated" if dated else "0 dated, 2999 undated")
        check("news-index --stats counts them", p.returncode == 0 and want in p.stdout, p.stdout[:200] + p.stderr)
    # Two parts, year:2023 indexing every document of the first only: Xapian
    # decides part by part (the second holds three records of 2022).
    other, other_db = os.path.join(tmp, "c2022"), os.path.join(tmp, "db2022")
    os.makedirs(other)
    with open(os.path.join(other, "old.jsonl"), "w") as f:
        for i in range(3):
            f.write(json.dumps({"id": "old-%d" % i, "title": "Old %d alpha" % i, "body": "An alpha record.",
                                "date": "2022-01-0%d" % (i + 1)}) + "\n")
    run(INDEX, "--db", other_db, other)
    dated_db = os.path.join(tmp, "db1")
    for q in (["year:2023"], ["year:2023", "OR", "zebra"], ["--facets", "year:2023"], ["--sort", "oldest", "year:2023"]):
        n, err = total(dated_db, "--db", other_db, *q)
        check("two parts: %s finds the 2999 of the first" % " ".join(q), n == 2999, err or n)
    n, err = total(dated_db, "--db", other_db, "alpha", "NOT", "year:2023")
    check("two parts: alpha NOT year:2023 finds the 3 of the second", n == 3, err or n)


def duplicate_ids(tmp):
    """One document per id: a later article with an id an earlier one had
    replaces it, with a warning naming where (ids compare as terms do, in
    any case); when the one kept goes with its file or its record, another
    file's article with that id takes its place."""
    corpus, db = os.path.join(tmp, "c"), os.path.join(tmp, "db")
    os.makedirs(corpus)

    def jsonl(name, records):
        with open(os.path.join(corpus, name), "w") as f:
            f.writelines(json.dumps({"id": i, "title": t, "body": b}) + "\n" for i, t, b in records)

    def found(*words):
        return [w for w in words if total(db, w)[0] == 1]

    jsonl("a.jsonl", [("a1", "First alpha", "One."), ("A1", "Second gamma", "Two.")])
    jsonl("b.jsonl", [("a1", "Third beta", "Three."), ("b2", "Fourth delta", "Four.")])
    p = run(INDEX, "--db", db, corpus)
    warned = [l for l in p.stderr.splitlines() if "was already given to an earlier article" in l]
    check("exit 0, a warning for each repeated id", p.returncode == 0 and len(warned) == 2, p.stderr)
    check("naming where the repeat is", any("a.jsonl:2" in l and '"A1"' in l for l in warned)
          and any("b.jsonl:1" in l and '"a1"' in l for l in warned), warned)
    check("the index keeps the last one and the rest", sorted(ids(db)) == ["a1", "b2"] and total(db, "beta")[0] == 1
          and total(db, "alpha")[0] == 0 and total(db, "gamma")[0] == 0, ids(db))

    # A file holding an id twice, changed elsewhere: its later record still
    # wins (the earlier one is written again, so the later one must be too).
    records = [("x", "Earlier zeta", "Five."), ("X", "Later eta", "Six."), ("c3", "Other theta", "Seven.")]
    jsonl("c.jsonl", records)
    p = run(INDEX, "--db", db, corpus)
    check("the later of two records wins", found("eta", "zeta") == ["eta"], p.stderr)
    records[2] = ("c3", "Other theta", "Eight.")
    jsonl("c.jsonl", records)
    p = run(INDEX, "--db", db, corpus)
    check("and still after another record of the file changed", found("eta", "zeta", "eight") == ["eta", "eight"]
          and "c.jsonl:2" in p.stderr and "0 new, 3 changed, 0 removed, 4 unchanged" in p.stderr, p.stderr)

    # A later run's article with an id an earlier run indexed from another file.
    jsonl("d.jsonl", [("B2", "Fifth epsilon", "Nine.")])
    p = run(INDEX, "--db", db, corpus)
    check("an id already indexed from another file is warned about", p.returncode == 0
          and 'd.jsonl:1: id "B2" is also in ' in p.stderr and "b.jsonl, indexed earlier" in p.stderr, p.stderr)
    check("and replaced", found("delta", "epsilon") == ["epsilon"] and total(db, "id:b2")[0] == 1)
    # Its record goes: the other file's article comes back.
    jsonl("d.jsonl", [("d2", "Sixth iota", "Ten.")])
    p = run(INDEX, "--db", db, corpus)
    check("the record kept goes: the other file's comes back", found("delta", "epsilon", "iota") == ["delta", "iota"]
          and 'd.jsonl:1 (b2)' not in p.stderr and 'b.jsonl:2: id "b2" went with ' in p.stderr, p.stderr)
    # The file kept goes: the other file's article (its later one) comes back.
    os.remove(os.path.join(corpus, "b.jsonl"))
    p = run(INDEX, "--db", db, corpus)
    check("the file kept goes: the other file's comes back", found("alpha", "beta", "gamma", "delta") == ["gamma"]
          and 'a.jsonl:2: id "A1" went with ' in p.stderr and p.returncode == 0
          and "1 new, 1 changed, 2 removed, 4 unchanged" in p.stderr and p.stderr.count("went with") == 1, p.stderr)
    # A record moved to another file (earlier in the walk): no warning, and
    # nothing to bring back when that file goes.
    jsonl("m.jsonl", [("m1", "Moved mu", "Eleven.")])
    run(INDEX, "--db", db, corpus)
    os.remove(os.path.join(corpus, "m.jsonl"))
    jsonl("k.jsonl", [("m1", "Moved mu", "Eleven.")])
    p = run(INDEX, "--db", db, corpus)
    check("a record moved out of a removed file is no repeat", "warning" not in p.stderr and found("mu") == ["mu"]
          and "0 new, 1 changed, 0 removed" in p.stderr, p.stderr)
    jsonl("k.jsonl", [("k1", "Kappa nu", "Twelve.")])
    jsonl("m.jsonl", [("m1", "Moved mu", "Eleven.")])
    run(INDEX, "--db", db, corpus)
    jsonl("k.jsonl", [("k1", "Kappa nu", "Twelve."), ("m1", "Moved mu", "Eleven.")])
    jsonl("m.jsonl", [("m2", "Other xi", "Thirteen.")])
    p = run(INDEX, "--db", db, corpus)
    check("...or out of a changed one", "warning" not in p.stderr and found("mu", "xi") == ["mu", "xi"], p.stderr)
    os.remove(os.path.join(corpus, "k.jsonl"))
    os.remove(os.path.join(corpus, "m.jsonl"))
    p = run(INDEX, "--db", db, corpus)
    check("...and when those files go, nothing comes back", "warning" not in p.stderr
          and found("mu", "nu", "xi") == [] and total(db, "id:m1")[0] == 0, p.stderr)
    check("the index holds what a fresh build does", sorted(ids(db)) == ["A1", "X", "c3", "d2"], ids(db))
    fresh = os.path.join(tmp, "fresh")
    run(INDEX, "--db", fresh, corpus)
    check("(the fresh build)", sorted(ids(fresh)) == ["A1", "X", "c3", "d2"], ids(fresh))

    # Text files: an id is the path below the folder, so two folders can share one.
    db = os.path.join(tmp, "db2")
    for root, word in (("r1", "kappa"), ("r2", "lambda")):
        os.makedirs(os.path.join(tmp, root, "Sub"))
        with open(os.path.join(tmp, root, "Sub", "Art.txt"), "w") as f:
            f.write("Title %s\n\nText about %s.\n" % (word, word))
    roots = [os.path.join(tmp, "r1"), os.path.join(tmp, "r2")]
    p = run(INDEX, "--db", db, *roots)
    check("two folders' text files with one id: the later kept", found("kappa", "lambda") == ["lambda"], p.stderr)
    os.remove(os.path.join(tmp, "r2", "Sub", "Art.txt"))
    p = run(INDEX, "--db", db, *roots)
    check("and when it goes, the other comes back, with its id", found("kappa", "lambda") == ["kappa"]
          and ids(db) == ["Sub/Art"], (p.stderr, ids(db)))

    # Fresh builds (one database, and shards written in parallel) keep one
    # document for ids that differ only in case.
    for shards in ([], ["--shards", "2"]):
        db = os.path.join(tmp, "case" + "".join(shards))
        run(INDEX, "--db", db, *shards, os.path.join(corpus, "c.jsonl"), os.path.join(corpus, "a.jsonl"))
        check("a fresh build keeps one document per id %s" % " ".join(shards),
              found("eta", "zeta", "alpha", "gamma") == ["eta", "gamma"] and total(db, "id:x")[0] == 1, ids(db))


def walk(tmp):
    """What a folder walk reads: kinds of files by name, ids from paths, links
    followed, a folder met twice (a link back up, two links to one folder, a
    folder named twice) read once, things that are not files left alone."""
    t, other, db = os.path.join(tmp, "t"), os.path.join(tmp, "other"), os.path.join(tmp, "db")
    for d in ("sub", ".hidden", "dir.txt"):
        os.makedirs(os.path.join(t, d))
    os.makedirs(other)
    files = {"a.txt": "Alpha", "sub/b.TXT": "Beta", ".hidden/c.txt": "Gamma", ".txt": "Dot", "README.txt": "Readme",
             "a.b.txt": "Multi", "dir.txt/inner.txt": "Inner", "notes.md": "Notes"}
    for name, word in files.items():
        with open(os.path.join(t, name), "w") as f:
            f.write("%s title\n\nText about %s.\n" % (word, word.lower()))
    with open(os.path.join(t, "j.JSONL"), "w") as f:
        f.write(json.dumps({"id": "j1", "title": "Jay", "body": "jay"}) + "\n")
    with open(os.path.join(other, "o.txt"), "w") as f:
        f.write("Other title\n\nText about omega.\n")
    with open(os.path.join(tmp, "outside.txt"), "w") as f:
        f.write("Outside title\n\nText about outside.\n")
    os.symlink("../other", os.path.join(t, "link1"))
    os.symlink("../other", os.path.join(t, "link2"))
    os.symlink("../outside.txt", os.path.join(t, "linked.txt"))
    os.symlink("nowhere.txt", os.path.join(t, "dangling.txt"))
    os.symlink(".", os.path.join(t, "sub", "loop"))
    os.mkfifo(os.path.join(t, "fifo.txt"))
    want = ["a", "a.b", "dir.txt/inner", "j1", "link1/o", "linked", "sub/b"]

    p = run(INDEX, "--db", db, t, timeout=120)
    check("a walk: exit 0", p.returncode == 0, (p.returncode, p.stderr))
    check("ids from the paths below the folder; README, .txt, .md, hidden folders, a FIFO and a dangling link "
          "left out; links followed", sorted(ids(db)) == want, (sorted(ids(db)), p.stderr))
    check("a link back up is not followed round (warning names it and where it was read)",
          "sub/loop: the same folder as %s" % os.path.join(t, "sub") in p.stderr, p.stderr)
    check("two links to one folder: read once, the other named in a warning",
          "link2: the same folder as %s" % os.path.join(t, "link1") in p.stderr and total(db, "omega")[0] == 1,
          (p.stderr, total(db, "omega")))
    check("counted and named: 3 not articles",
          "3 skipped (3 not articles (%s))" % ", ".join(os.path.join(t, n) for n in (".txt", "README.txt", "notes.md"))
          in p.stderr, summary(p.stderr))

    p = run(INDEX, "--db", db, t, timeout=120)
    check("a re-run: nothing new, changed or removed", "0 new, 0 changed, 0 removed, 7 unchanged" in p.stderr,
          summary(p.stderr))
    with open(os.path.join(other, "o.txt"), "a") as f:
        f.write("More about omega and zyxwombat.\n")
    os.utime(os.path.join(other, "o.txt"), (time.time() - 60, time.time() - 60))
    p = run(INDEX, "--db", db, t, timeout=120)
    check("a file changed behind a link: 1 changed", "0 new, 1 changed, 0 removed" in p.stderr
          and total(db, "zyxwombat")[0] == 1, summary(p.stderr))

    p = run(INDEX, "--db", db, t, os.path.join(t, "sub"), timeout=120)
    check("a folder inside another named: read once", "already read" in p.stderr and sorted(ids(db)) == want
          and "0 new, 0 changed, 0 removed" in p.stderr, (p.stderr, ids(db)))
    single = os.path.join(tmp, "single")
    run(INDEX, "--db", single, os.path.join(t, "a.b.txt"), os.path.join(t, "sub", "b.TXT"))
    check("files named: ids from their names", sorted(ids(single)) == ["a.b", "b"], ids(single))

    # A file met twice (named twice, a hard link) is read once, as its first path.
    twice = os.path.join(tmp, "twice")
    p = run(INDEX, "--db", twice, os.path.join(t, "a.txt"), os.path.join(t, "a.txt"))
    check("a file named twice: read once, said so", "already read" in p.stderr and "1 new, 0 changed" in p.stderr
          and "from 1 file;" in p.stderr, p.stderr)
    inside = os.path.join(tmp, "inside")
    p = run(INDEX, "--db", inside, os.path.join(t, "sub"), os.path.join(t, "sub", "b.TXT"))
    check("a file named inside a folder named before it: read once, said so",
          "b.TXT: already read in this run" in p.stderr and ids(inside) == ["b"], (p.stderr, ids(inside)))
    hard = os.path.join(tmp, "hard")
    os.makedirs(hard)
    with open(os.path.join(hard, "x.txt"), "w") as f:
        f.write("Hard title\n\nText about a hard link.\n")
    os.link(os.path.join(hard, "x.txt"), os.path.join(hard, "y.txt"))
    hard_db = os.path.join(tmp, "hard.db")
    p = run(INDEX, "--db", hard_db, hard)
    check("a hard link: one article, the other path named in a warning", ids(hard_db) == ["x"]
          and "y.txt: the same file as %s" % os.path.join(hard, "x.txt") in p.stderr, (ids(hard_db), p.stderr))

    # A path named that is not there (gone, mistyped, not mounted): bad
    # input (exit 2), nothing written, what the index holds of it stays; a
    # walk of the folder above drops it.
    gone = os.path.join(tmp, "mnt", "a")
    os.makedirs(gone)
    with open(os.path.join(gone, "g.txt"), "w") as f:
        f.write("Gone title\n\nText about a folder that goes away.\n")
    gone_db = os.path.join(tmp, "gone.db")
    run(INDEX, "--db", gone_db, gone)
    os.rename(gone, os.path.join(tmp, "mnt", "b"))
    p = run(INDEX, "--db", gone_db, gone)
    check("a named path not there: exit 2, an error naming it, its articles stay",
          p.returncode == 2 and "a: no such file or folder; nothing was indexed: check the path" in p.stderr
          and ids(gone_db) == ["g"], (p.returncode, p.stderr, ids(gone_db)))
    typo_db = os.path.join(tmp, "typo.db")
    p = run(INDEX, "--db", typo_db, os.path.join(tmp, "mnt", "b"), os.path.join(tmp, "nowhere"))
    check("a mistyped path on a first build: exit 2, no database made",
          p.returncode == 2 and "nowhere: no such file or folder" in p.stderr and not os.path.exists(typo_db)
          and not [n for n in os.listdir(tmp) if n.startswith("typo.db")], (p.returncode, p.stderr))
    p = run(INDEX, "--db", gone_db, os.path.join(tmp, "mnt"))
    check("the folder above walked: the gone one's articles removed, the moved ones added",
          "1 new, 0 changed, 1 removed" in p.stderr and ids(gone_db) == ["b/g"], (p.stderr, ids(gone_db)))


with tempfile.TemporaryDirectory(prefix="news-e2e-") as tmp:
    globals()[SCENARIO](tmp)
report()
