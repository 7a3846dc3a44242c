#!/usr/bin/env python3
"""An interrupted build is not a lost build (issue 27): news-index killed
(SIGKILL) or interrupted (SIGINT) at several points of a first build, then
run again, makes the index a fresh build makes (the same answers to several
queries, the same --stats counts, about its size) and leaves nothing beside
it; a search meanwhile says the index is being built or was interrupted; an
interrupted --rebuild leaves the old index as it was; on a terminal the
progress line shows files, bytes and the time left.

    interrupt.py BUILD_DIR SCENARIO REUTERS_JSONL
Scenarios: first_build, rebuild, progress.  Exits 77 (skipped) without the corpus.
"""
import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from checks import check, compare, report
from terminal import on_terminal

BUILD, SCENARIO, REUTERS = sys.argv[1], sys.argv[2], sys.argv[3]
INDEX = os.path.join(os.path.abspath(BUILD), "indexer", "news-index")
SEARCH = os.path.join(os.path.abspath(BUILD), "searcher", "news-search")
LINES = 3000
# Slices of 500 documents: the first build's writers roll on to new
# databases, so its merge and compaction have work (and can be interrupted).
ENV = dict(os.environ, NEWS_INDEX_SLICE_DOCS="500")
QUERIES = [["oil"], ["--sort", "newest", "coffee"], ["--facets", "bank", "rates"], ['"interest rates"'],
           ["--type", "article", "--sort", "oldest", "--limit", "40"], ["opec", "year:1987"], ["people:reagan"]]
# The --stats lines that are not the index's content.
VARYING = re.compile(r"^  (size on disk|last update):")


def run(*args, cwd=None):
    return subprocess.run(list(args), capture_output=True, text=True, cwd=cwd, env=ENV)


def corpus(tmp, lines=LINES, files=1):
    """A slice of Reuters-21578 in tmp/c, as `files` JSON Lines files."""
    folder = os.path.join(tmp, "c")
    os.makedirs(folder)
    with open(REUTERS, encoding="utf-8") as f:
        records = [next(f) for _ in range(lines)]
    per = (lines + files - 1) // files
    for i in range(files):
        with open(os.path.join(folder, "part-%02d.jsonl" % i), "w", encoding="utf-8") as out:
            out.writelines(records[i * per:(i + 1) * per])
    return folder


def answers(tmp, db):
    """What each query answers (--json), and what --stats says but for size and time."""
    got = {" ".join(q): run(SEARCH, "--db", db, "--json", *q, cwd=tmp).stdout for q in QUERIES}
    stats = run(INDEX, "--db", db, "--stats", cwd=tmp).stdout.replace(db + ":", "DB:", 1)
    got["--stats"] = "\n".join(l for l in stats.splitlines() if not VARYING.match(l))
    return got


def du(path):
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, files in os.walk(path) for f in files)


def build(tmp, db, *extra):
    """A run of news-index on c/ into db (in tmp, so that sources read c/...), timed."""
    t = time.monotonic()
    p = run(INDEX, "--db", db, *extra, "c", cwd=tmp)
    return p, time.monotonic() - t


def started(tmp, pid, suffix):
    """Whether the run's build folder (DB.rebuild-PID.build, made once the
    dictionary is trained) or compacted copy (DB.rebuild-PID, made when it
    compacts) is there."""
    return any(n.endswith(".rebuild-%d%s" % (pid, suffix)) for n in os.listdir(tmp))


def interrupt(tmp, args, sig, when, during=None):
    """Start news-index with args in tmp; at `when` seconds (or, for
    "compact", once it compacts; for "build", 0.3 s after it starts writing)
    send sig; during(proc) is called while it runs before that.  Returns
    (whether it was still running, exit code, stderr)."""
    proc = subprocess.Popen([INDEX, *args], cwd=tmp, env=ENV, stderr=subprocess.PIPE, text=True)
    start = time.monotonic()
    if during:
        during(proc)
    while proc.poll() is None:
        if when == "compact" and started(tmp, proc.pid, ""):
            break
        if when == "build" and started(tmp, proc.pid, ".build"):
            when, start = 0.3, time.monotonic()
        if when not in ("compact", "build") and time.monotonic() - start >= when:
            break
        time.sleep(0.005)
    running = proc.poll() is None
    if running:
        proc.send_signal(sig)
    err = proc.communicate()[1]
    return running, proc.returncode, err


def search_while_building(tmp, db):
    """Searches while the first build runs: each says it is being built (exit 1), none 'no results'."""
    def during(proc):
        said = []
        while proc.poll() is None and len(said) < 3:
            if not os.path.exists(os.path.join(tmp, db)):
                time.sleep(0.01)
                continue
            p = run(SEARCH, "--db", db, "oil", cwd=tmp)
            said.append((p.returncode, p.stdout + p.stderr))
        check("a search during the first build exits 1", said and all(code == 1 for code, _ in said), said)
        check("...saying the index is being built", said and all(
            "the index is being built (news-index is running); try again when it finishes" in text
            for _, text in said), said)
    return during


def fresh(tmp, db):
    """The slice of Reuters in tmp/c indexed afresh into db: its answers, and the time it took."""
    corpus(tmp)
    p, took = build(tmp, db)
    check("a fresh build", p.returncode == 0, p.stderr)
    return answers(tmp, db), took


def first_build(tmp):
    want, fresh_time = fresh(tmp, "ref.db")
    fresh_size = du(os.path.join(tmp, "ref.db"))
    print("fresh build: %.2f s, %d kB" % (fresh_time, fresh_size // 1000))
    points = [(signal.SIGKILL, 0.2), (signal.SIGKILL, 1.0), (signal.SIGINT, 0.6), (signal.SIGKILL, "compact"),
              (signal.SIGINT, "compact")]
    for n, (sig, when) in enumerate(points):
        what = "%s at %s" % (signal.Signals(sig).name, "the compaction" if when == "compact" else "%.1f s" % when)
        shutil.rmtree(os.path.join(tmp, "db"), ignore_errors=True)
        during = search_while_building(tmp, "db") if n == 1 else None
        running, code, err = interrupt(tmp, ["--db", "db", "c"], sig, when, during)
        if not check("%s: the first build was running" % what, running, "it had finished: %s" % err):
            continue
        if sig == signal.SIGINT:
            check("%s: exit 130, saying what to do" % what,
                  code == 130 and "interrupted: run news-index again to finish" in err, (code, err))
        p = run(SEARCH, "--db", "db", "oil", cwd=tmp)
        check("%s: a search says the build did not finish, exit 1" % what, p.returncode == 1 and
              "first build did not finish" in p.stderr and "run news-index to finish it" in p.stderr, p.stderr)
        p, took = build(tmp, "db")
        check("%s: the next run finishes the build" % what,
              p.returncode == 0 and "first build was interrupted; building it again" in p.stderr, p.stderr)
        got, size = answers(tmp, "db"), du(os.path.join(tmp, "db"))
        print("%s: finished in %.2f s, %d kB (fresh: %.2f s, %d kB)" % (what, took, size // 1000, fresh_time,
                                                                        fresh_size // 1000))
        for q in want:
            check("%s: %s answers as a fresh build's" % (what, q), got[q] == want[q], "got %r\nwant %r" %
                  (got[q][:300], want[q][:300]))
        check("%s: about a fresh build's size" % what, size <= fresh_size * 1.1, (size, fresh_size))
        compare("%s: nothing left beside the index" % what, sorted(os.listdir(tmp)), ["c", "db", "ref.db"])


def file_hashes(db):
    """Every file of the database but its lock, by name, hashed."""
    out = {}
    for d, _, files in os.walk(db):
        for f in files:
            if f != "flintlock":
                with open(os.path.join(d, f), "rb") as fh:
                    out[os.path.relpath(os.path.join(d, f), db)] = hashlib.sha256(fh.read()).hexdigest()
    return out


def rebuild(tmp):
    want, _ = fresh(tmp, "db")
    files = file_hashes(os.path.join(tmp, "db"))
    for sig in (signal.SIGINT, signal.SIGKILL):
        what = "--rebuild, %s while it writes" % signal.Signals(sig).name
        running, code, err = interrupt(tmp, ["--db", "db", "--rebuild", "c"], sig, "build")
        if not check("%s: it was running" % what, running, err):
            continue
        if sig == signal.SIGINT:
            check("%s: exit 130" % what, code == 130 and "interrupted" in err, (code, err))
            compare("%s: its files are removed" % what, sorted(os.listdir(tmp)), ["c", "db"])
        check("%s: the old index answers as before" % what, answers(tmp, "db") == want)
        check("%s: ...untouched" % what, file_hashes(os.path.join(tmp, "db")) == files)
    p, _ = build(tmp, "db")
    check("a plain run after a killed --rebuild says so and updates in place", p.returncode == 0 and
          "a --rebuild was interrupted" in p.stderr and "0 new, 0 changed, 0 removed, 3000 unchanged" in p.stderr,
          p.stderr)
    compare("...and removes what the rebuild left", sorted(os.listdir(tmp)), ["c", "db"])
    p, _ = build(tmp, "db", "--rebuild")
    check("the next --rebuild completes", p.returncode == 0 and answers(tmp, "db") == want, p.stderr)
    compare("...and leaves nothing beside the index", sorted(os.listdir(tmp)), ["c", "db"])


def progress(tmp):
    corpus(tmp, lines=6000, files=6)
    code, text = on_terminal([INDEX, "--db", "db", "c"], width=200, cwd=tmp, env=ENV)
    lines = [l for l in re.split(r"[\r\n]", text.replace("\x1b[K", "")) if l.startswith("indexing:")]
    check("on a terminal: a progress line", code == 0 and lines, text[-500:])
    counts = [re.search(r"indexing: file (\d+) of (\d+)", l) for l in lines]
    check("...with files done of the total (6)", counts and all(m and m.group(2) == "6" and int(m.group(1)) <= 6
                                                                for m in counts), lines[:5])
    sizes = [re.search(r"\(part-\d\d\.jsonl: ([\d.]+) of ([\d.]+) MB\)", l) for l in lines]
    check("...and the bytes read of the JSON Lines file being read", any(
        m and float(m.group(1)) <= float(m.group(2)) for m in sizes), lines[:5])
    check("...and an estimate of the time left", any(re.search(r"about \d+ (s|min) left", l) for l in lines),
          lines[-5:])
    check("...and no line left behind at the end", "\x1b[K" in text and text.rstrip().splitlines()[-1].lstrip(
        "\r\x1b[K").startswith("news-index: db:"), repr(text[-300:]))
    shutil.rmtree(os.path.join(tmp, "db"))
    # (One file of the six: these show nothing, whatever the time.)
    code, text = on_terminal([INDEX, "-q", "--db", "db", "c/part-00.jsonl"], width=200, cwd=tmp, env=ENV)
    check("-q on a terminal: no progress line", code == 0 and "indexing:" not in text, text[-300:])
    shutil.rmtree(os.path.join(tmp, "db"))
    p = run(INDEX, "--db", "db", "c/part-00.jsonl", cwd=tmp)
    check("piped: no progress line", p.returncode == 0 and "indexing:" not in p.stderr and "\r" not in p.stderr,
          p.stderr[-300:])


def main():
    if not os.path.exists(REUTERS):
        print("skipped: no %s" % REUTERS)
        sys.exit(77)
    with tempfile.TemporaryDirectory(prefix="news-interrupt-") as tmp:
        {"first_build": first_build, "rebuild": rebuild, "progress": progress}[SCENARIO](tmp)
    report()


if __name__ == "__main__":
    main()
