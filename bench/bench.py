#!/usr/bin/env python3
"""The news-search benchmark: news-index and news-search side by side with
Xapian Omega's scriptindex/quest/omindex and SQLite FTS5, on Reuters-21578
at 1x, 4x and 16x and on the BBC folders.  Run it through bench/run, which
installs the peers first.

    bench/run [--quick] [--index-reps N] [--build DIR | --no-build] [--scratch DIR] [--results FILE] [--keep]

Steps (each engine on the same input, warm page cache, one after another):
 1. corpora: 1x is ../shared/corpora/reuters21578.jsonl; 4x and 16x are made
    by bench/make_corpus.py (deterministic); bench/convert.py makes each
    peer's input (a scriptindex dump, a CSV for FTS5), timed apart;
 2. indexing: news-index, scriptindex (bench/reuters.scriptindex; then
    xapian-compact for the size), sqlite3 CLI + FTS5 (bench/fts5_load.sql):
    wall time, peak memory (/usr/bin/time %M), size (du -sb); the 1x
    builds --index-reps times (3; 1 with --quick), the engines in turn, for
    the median time; the 16x build between two more 1x news-index builds,
    whose mean is the 1x time of the growth ratio (target 2: this VM's
    speed drifts by up to a third within minutes);
 3. queries (bench/queries.txt, 50): in process (news-search --batch, with and
    without --facets; FTS5 through Python's sqlite3; Xapian through its
    Python bindings), one warm-up pass then timed passes, and as whole
    processes (news-search, quest, sqlite3 CLI; and the start-up alone,
    news-search --version and quest --version), median and p99;
 4. incremental: omindex vs news-index on a copy of ../shared/corpora/bbc/
    (full once; no change, one new article, one changed file each 9 times,
    the median), and news-index on a copy of the 1x JSON Lines (no change,
    one new record, one changed);
 5. the report: bench/results.md (Markdown), also printed.
"""
import argparse
import datetime
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CORPORA = os.path.normpath(os.path.join(ROOT, "..", "shared", "corpora"))
REUTERS = os.path.join(CORPORA, "reuters21578.jsonl")
BBC = os.path.join(CORPORA, "bbc")
REPEATS = 9  # each incremental step on BBC (the median)
PY = sys.executable
T0 = time.monotonic()

QUEST_ARGS = ["-m", "10", "-b", "people:XPEOPLE", "-b", "month:M", "-p", "title:S"]
FTS5_CLI = ("SELECT id, date, title, snippet(docs, -1, '<mark>', '</mark>', '…', 32) FROM docs "
            "WHERE docs MATCH '{match}'{date} ORDER BY rank LIMIT 10;")


def log(msg):
    print("[bench %6.1fs] %s" % (time.monotonic() - T0, msg), file=sys.stderr, flush=True)


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def out(cmd):
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


class Failed(Exception):
    pass


def measured(cmd, stdin=None, cwd=None, ok=(0,), env=None):
    """Run cmd under /usr/bin/time: (wall seconds, peak RSS bytes, exit code)."""
    with tempfile.NamedTemporaryFile(prefix="bench-time-") as tf:
        fin = open(stdin, "rb") if stdin else subprocess.DEVNULL
        try:
            t = time.perf_counter()
            p = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", tf.name] + list(cmd), stdin=fin,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd, env=env)
            wall = time.perf_counter() - t
        finally:
            if stdin:
                fin.close()
        peak = int(open(tf.name).read().split()[-1]) * 1024
    if p.returncode not in ok:
        err = p.stderr.decode("utf-8", "replace").strip().splitlines()
        raise Failed("%s exited %d: %s" % (os.path.basename(cmd[0]), p.returncode, " | ".join(err[-3:])))
    return wall, peak, p.returncode


def du(path):
    return int(out(["du", "-sb", path]).split()[0])


def rm(path):
    if os.path.isdir(path):
        shutil.rmtree(path)
    elif os.path.exists(path):
        os.remove(path)


def median(xs):
    return statistics.median(xs) if xs else float("nan")


def p99(xs):
    """Nearest-rank 99th percentile."""
    if not xs:
        return float("nan")
    s = sorted(xs)
    k = max(1, -(-99 * len(s) // 100))
    return s[k - 1]


# ---------------------------------------------------------------- formatting

def fs(s):
    if s is not None and s < 1:
        return "%.1f ms" % (s * 1000)
    return "—" if s is None else ("%.2f s" % s if s < 100 else "%.0f s" % s)


def fms(us):
    if us is None or us != us:
        return "—"
    ms = us / 1000.0
    return "%.2f ms" % ms if ms < 10 else "%.1f ms" % ms if ms < 100 else "%.0f ms" % ms


def fmb(b):
    return "—" if b is None else "%.1f MB" % (b / 1e6) if b < 1e10 else "%.0f MB" % (b / 1e6)


def fratio(r):
    return "—" if r is None or r != r else "%.2f" % r


def ratio(a, b):
    if a is None or b is None or b == 0:
        return None
    return a / b


def verdict(value, limit, strict=False):
    if value is None or value != value:
        return "not run"
    ok = value < limit if strict else value <= limit
    return "**PASS**" if ok else "**FAIL**"


# ---------------------------------------------------------------- the benchmark

class Bench:
    def __init__(self, a):
        self.a = a
        self.scratch = os.path.abspath(a.scratch)
        os.makedirs(self.scratch, exist_ok=True)
        build = os.path.abspath(a.build)
        self.news_index = os.path.join(build, "indexer", "news-index")
        self.news_search = os.path.join(build, "searcher", "news-search")
        self.scales = [1] if a.quick else [1, 4, 16]
        self.inproc_passes = 3 if a.quick else 10
        self.process_passes = 1 if a.quick else 3
        self.index_reps = max(1, a.index_reps or (1 if a.quick else 3))  # 1x builds, for the median
        self.notes = []
        self.index = {}      # (scale, engine) -> dict(wall, peak, size, extra)
        self.convert = {}    # (scale, what) -> seconds
        self.docs = {}       # scale -> articles
        self.inproc = {}     # (scale, engine) -> list of micros (timed passes)
        self.process = {}    # (scale, engine) -> list of micros
        self.totals = {}     # (scale, engine) -> {query: total}
        self.per_query = {}  # (scale, engine) -> {query: [micros]}
        self.incr = {}       # (corpus, step, engine) -> (wall, peak)
        self.flanks = {}     # scale -> 1x news-index walls right before and after its build (flank())
        self.src1 = None     # the 1x corpus
        self.checks = {}     # (corpus, what, engine) -> bool
        with open(os.path.join(HERE, "queries.txt"), encoding="utf-8") as f:
            self.queries = [l.rstrip("\n").split("\t") for l in f if l.strip() and not l.startswith("#")]
        assert len(self.queries) == 50, "bench/queries.txt must hold 50 queries"
        try:
            import xapian  # noqa: F401
            self.have_pyxapian = True
        except ImportError:
            self.have_pyxapian = False
            self.notes.append("python3-xapian is missing: the in-process Xapian column is left out.")

    # -- set-up --------------------------------------------------------------

    def build(self):
        a = self.a
        build = os.path.abspath(a.build)
        if not a.no_build:
            if not os.path.exists(os.path.join(build, "CMakeCache.txt")):
                log("configuring a Release build in %s" % build)
                sh(["cmake", "-S", ROOT, "-B", build, "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Release"],
                   stdout=subprocess.DEVNULL)
            log("building news-index and news-search in %s" % build)
            sh(["cmake", "--build", build, "--target", "news-index", "news-search"], stdout=subprocess.DEVNULL)
        cache = os.path.join(build, "CMakeCache.txt")
        btype = ""
        if os.path.exists(cache):
            m = re.search(r"^CMAKE_BUILD_TYPE:\w+=(.*)$", open(cache).read(), re.M)
            btype = m.group(1) if m else ""
        self.build_type = btype or "unknown"
        if btype != "Release":
            self.notes.append("The build in %s is %s, not Release: our figures are not representative."
                              % (a.build, self.build_type))
        for exe in (self.news_index, self.news_search):
            if not os.access(exe, os.X_OK):
                sys.exit("bench: %s is missing; build first (or drop --no-build)" % exe)
        if "--batch" not in out([self.news_search, "--help"]):
            sys.exit("bench: %s has no --batch option" % self.news_search)
        for tool in ("scriptindex", "quest", "omindex", "xapian-compact", "sqlite3", "/usr/bin/time"):
            if not shutil.which(tool):
                sys.exit("bench: %s is missing; run bench/run, which installs it" % tool)

    def machine(self):
        mem = 0
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal:"):
                mem = int(line.split()[1]) * 1024
        cpu = ""
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        env = dict(os.environ, GIT_OPTIONAL_LOCKS="0")
        try:
            rev = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True,
                                 text=True, env=env).stdout.strip()
            dirty = subprocess.run(["git", "-C", ROOT, "status", "--porcelain", "--untracked-files=no"],
                                   capture_output=True, text=True, env=env).stdout.strip()
            rev = rev + (" with uncommitted changes" if dirty else "")
        except OSError:
            rev = "unknown"
        xv = out(["quest", "--version"]).split()[-1]
        sv = out(["sqlite3", "--version"]).split()[0]
        return dict(cores=os.cpu_count(), mem=mem, cpu=cpu, host=socket.gethostname(), rev=rev,
                    xapian=xv, sqlite=sv, load=os.getloadavg())

    # -- corpora -------------------------------------------------------------

    def corpus(self, k):
        if k == 1:
            src = REUTERS
        else:
            src = os.path.join(self.scratch, "reuters-%dx.jsonl" % k)
            gen = os.path.join(HERE, "make_corpus.py")
            if not os.path.exists(src) or os.path.getmtime(src) < os.path.getmtime(gen):
                log("making the %dx corpus" % k)
                sh([PY, gen, str(k), REUTERS, src + ".tmp"])
                os.replace(src + ".tmp", src)
        with open(src, "rb") as f:
            self.docs[k] = sum(1 for line in f if line.strip())
        dump = os.path.join(self.scratch, "reuters-%dx.dump" % k)
        csv = os.path.join(self.scratch, "reuters-%dx.csv" % k)
        for what, path in (("omega", dump), ("fts5", csv)):
            t = time.perf_counter()
            sh([PY, os.path.join(HERE, "convert.py"), what, src, path], stderr=subprocess.DEVNULL)
            self.convert[(k, what)] = time.perf_counter() - t
        return src, dump, csv

    # -- indexing ------------------------------------------------------------

    def db_paths(self, k):
        d = os.path.join(self.scratch, "db-%dx" % k)
        os.makedirs(d, exist_ok=True)
        return dict(ours=os.path.join(d, "news.db"), ours_nonames=os.path.join(d, "news-nonames.db"),
                    scriptindex=os.path.join(d, "omega.db"),
                    compact=os.path.join(d, "omega-compact.db"), fts5=os.path.join(d, "fts5.sqlite"))

    def index_all(self, k, src, dump, csv):
        """Each engine builds the k-times corpus: at 1x self.index_reps times,
        the engines in turn, for the median wall time (a 1x build takes
        seconds, and this VM's speed drifts by a tenth or more from minute to
        minute); larger corpora once.  Peak memory: the highest seen."""
        db = self.db_paths(k)
        reps = self.index_reps if k == 1 else 1
        sql = os.path.join(self.scratch, "fts5-load-%dx.sql" % k)
        with open(os.path.join(HERE, "fts5_load.sql"), encoding="utf-8") as f:
            text = f.read().replace("-- @IMPORT@", ".import --csv '%s' docs" % csv)
        with open(sql, "w", encoding="utf-8") as f:
            f.write(text)
        runs = {}  # engine -> [(wall, peak)]
        failed = set()

        def run(engine, what, *steps):
            if engine in failed:
                return
            log("%dx: %s%s" % (k, what, " (%d of %d)" % (rep + 1, reps) if reps > 1 else ""))
            try:
                for name, cmd, kw in steps:
                    wall, peak, rc = measured(cmd, **kw)
                    runs.setdefault(name, []).append((wall, peak))
                    note = "news-index exited 1 on the %dx corpus (a record skipped for an error)." % k
                    if name == "ours" and rc and note not in self.notes:  # (once, whatever the repetitions)
                        self.notes.append(note)
            except Failed as e:
                failed.add(engine)
                self.notes.append("%dx %s failed: %s" % (k, what, e))

        for rep in range(reps):
            for p in db.values():
                rm(p)
            if k == 16:
                self.flank(k, "before")
            run("ours", "news-index", ("ours", [self.news_index, "--quiet", "--db", db["ours"], src], dict(ok=(0, 1))))
            if k == 16:
                self.flank(k, "after")
            if k == 1:  # the same build without the name tagger (targets 1 and issue 30's 1.3)
                run("ours names off", "news-index, names off",
                    ("ours names off", [self.news_index, "--quiet", "--db", db["ours_nonames"], src],
                     dict(ok=(0, 1), env=dict(os.environ, NEWS_NO_NAMES="1"))))
            run("scriptindex", "scriptindex",
                ("scriptindex", ["scriptindex", "--overwrite", "--stemmer=english", db["scriptindex"],
                                 os.path.join(HERE, "reuters.scriptindex"), dump], {}),
                ("scriptindex compacted", ["xapian-compact", db["scriptindex"], db["compact"]], {}))
            run("fts5", "sqlite3 + FTS5", ("fts5", ["sqlite3", "-bail", db["fts5"]], dict(stdin=sql)))
        for name, samples in runs.items():
            if any(name.startswith(e) for e in failed):
                continue
            path = {"ours": db["ours"], "ours names off": db["ours_nonames"], "scriptindex": db["scriptindex"], "scriptindex compacted": db["compact"],
                    "fts5": db["fts5"]}[name]
            self.index[(k, name)] = dict(wall=median([w for w, _ in samples]), peak=max(p for _, p in samples),
                                         size=du(path), walls=[w for w, _ in samples])
        return db

    def flank(self, k, when):
        """A 1x news-index build right before and right after the k-times one,
        for the growth ratio: this VM's speed drifts by up to a third within
        minutes, and the 1x builds at the start may fall in a faster or a
        slower stretch than the large build minutes later."""
        if not self.src1:
            return
        d = os.path.join(self.scratch, "db-flank.db")
        rm(d)
        log("%dx: news-index on the 1x corpus, %s the %dx build" % (k, when, k))
        try:
            wall, _, _ = measured([self.news_index, "--quiet", "--db", d, self.src1], ok=(0, 1))
            self.flanks.setdefault(k, []).append(wall)
        except Failed as e:
            self.notes.append("the 1x build %s the %dx one failed: %s" % (when, k, e))
        rm(d)

    # -- queries -------------------------------------------------------------

    def round_file(self, k, line):
        """The queries twice: a warm-up pass, not counted, then the timed pass."""
        path = os.path.join(self.scratch, "queries-%dx.%s" % (k, "txt" if line else "tsv"))
        with open(path, "w", encoding="utf-8") as f:
            for _ in range(2):
                for q in self.queries:
                    f.write((q[1] if line else "\t".join(q)) + "\n")
        return path

    def keep_timed(self, k, engine, lines):
        """lines: QUERY<TAB>TOTAL<TAB>MICROS for the warm-up and the timed pass; keep the timed one."""
        rows = [l.split("\t") for l in lines if l.strip()]
        n = len(self.queries)
        if len(rows) != 2 * n:
            raise Failed("%s gave %d result lines, not %d" % (engine, len(rows), 2 * n))
        timed = rows[n:]
        bad = [r[0] for r in timed if r[2] == "-"]
        if bad:
            raise Failed("%s failed on: %s" % (engine, "; ".join(sorted(set(bad)))))
        self.inproc.setdefault((k, engine), []).extend(int(r[2]) for r in timed)
        self.totals[(k, engine)] = {r[0]: r[1] for r in timed}
        pq = self.per_query.setdefault((k, engine), {})
        for r in timed:
            pq.setdefault(r[0], []).append(int(r[2]))

    def queries_inproc(self, k, db):
        """Rounds in which every engine runs a warm-up pass and a timed pass in turn, so that a change in
        the machine's load (other work on it) falls on every engine alike."""
        lines_file, tsv_file = self.round_file(k, True), self.round_file(k, False)
        runs = []
        if (k, "ours") in self.index:
            base = [self.news_search, "--db", db["ours"], "--limit", "10", "--batch", lines_file]
            runs += [("ours", base), ("ours --facets", base + ["--facets"]), ("ours --quick", base + ["--quick"])]
        if (k, "fts5") in self.index:
            runs.append(("fts5", [PY, os.path.join(HERE, "inproc.py"), "fts5", db["fts5"], tsv_file]))
        if (k, "scriptindex") in self.index and self.have_pyxapian:
            runs.append(("xapian-py", [PY, os.path.join(HERE, "inproc.py"), "xapian", db["scriptindex"], tsv_file]))
        log("%dx: in-process queries, %d rounds of %s" % (k, self.inproc_passes, ", ".join(e for e, _ in runs)))
        failed = set()
        for _ in range(self.inproc_passes):
            for engine, cmd in runs:
                if engine in failed:
                    continue
                p = subprocess.run(cmd, capture_output=True, text=True)
                try:
                    if p.returncode != 0:
                        raise Failed("%s exited %d: %s" % (engine, p.returncode, p.stderr.strip()[-300:]))
                    self.keep_timed(k, engine, p.stdout.splitlines())
                except Failed as e:
                    failed.add(engine)
                    self.inproc.pop((k, engine), None)
                    self.notes.append("%dx in-process %s: %s" % (k, engine, e))

    def process_cmd(self, engine, db, q):
        # Start-up alone: the executable printing its version (loading and
        # relocating libxapian and libstdc++; for news-search also building
        # its command line), the floor under each query's whole process.
        if engine == "ours --version":
            return [self.news_search, "--version"]
        if engine == "quest --version":
            return ["quest", "--version"]
        if engine in ("ours", "ours --quick"):
            return ([self.news_search, "--db", db["ours"], "--limit", "10", "--color", "never"]
                    + (["--quick"] if engine == "ours --quick" else []) + [q[1]])
        if engine == "quest":
            return ["quest", "-d", db["scriptindex"]] + QUEST_ARGS + [q[2]]
        dates = ""
        if len(q) > 4 and q[4]:
            lo, hi = q[4].split("..")
            dates = " AND date BETWEEN '%s-01' AND '%s-31'" % (lo, hi)
        return ["sqlite3", "-readonly", db["fts5"], FTS5_CLI.format(match=q[3].replace("'", "''"), date=dates)]

    def queries_process(self, k, db):
        """Each query through each engine in turn (warm-up pass, then the timed passes)."""
        engines = [e for e, need in (("ours", "ours"), ("ours --quick", "ours"), ("quest", "scriptindex"),
                                     ("sqlite3", "fts5"), ("ours --version", "ours"), ("quest --version", "scriptindex"))
                   if (k, need) in self.index]
        env = dict(os.environ, NO_COLOR="1")
        log("%dx: whole-process queries, %d passes of %s" % (k, self.process_passes, ", ".join(engines)))
        samples = {e: [] for e in engines}
        failed = {e: set() for e in engines}
        for rep in range(1 + self.process_passes):
            for q in self.queries:
                for engine in engines:
                    cmd = self.process_cmd(engine, db, q)
                    t = time.perf_counter()
                    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
                    us = (time.perf_counter() - t) * 1e6
                    if p.returncode != 0:
                        failed[engine].add(q[1])
                    elif rep > 0:
                        samples[engine].append(us)
        for engine in engines:
            if failed[engine]:
                self.notes.append("%dx whole-process %s failed on: %s" % (k, engine, "; ".join(sorted(failed[engine]))))
            self.process[(k, engine)] = samples[engine]

    # -- incremental ---------------------------------------------------------

    def incremental(self):
        base = os.path.join(self.scratch, "incremental")
        rm(base)
        os.makedirs(base)
        self.incremental_bbc(base)
        self.incremental_reuters(base)

    def step(self, corpus, step, engine, cmd, ok=(0,)):
        try:
            wall, peak, _ = measured(cmd, ok=ok)
            self.incr[(corpus, step, engine)] = (wall, peak)
        except Failed as e:
            self.notes.append("incremental %s, %s, %s: %s" % (corpus, step, engine, e))

    def steps(self, corpus, step, engines, prepare=None):
        """Each of engines {name: cmd} REPEATS times, in turn, after prepare(rep) when given:
        the median wall time and the largest peak (a re-run takes 20-60 ms, where one
        sample is mostly this machine's noise)."""
        walls, peaks = {e: [] for e in engines}, {e: [] for e in engines}
        for rep in range(REPEATS):
            if prepare:
                prepare(rep)
                # news-index reads again a file changed in the last 2 s (it might change again
                # within the file system's clock tick); a file as old as a real new one is not.
                time.sleep(2.1)
            for engine, cmd in engines.items():
                try:
                    wall, peak, _ = measured(cmd, ok=(0, 1) if engine == "ours" else (0,))
                    walls[engine].append(wall)
                    peaks[engine].append(peak)
                except Failed as e:
                    self.notes.append("incremental %s, %s, %s: %s" % (corpus, step, engine, e))
        for engine in engines:
            if walls[engine]:
                self.incr[(corpus, step, engine)] = (median(walls[engine]), max(peaks[engine]))

    def found(self, corpus, what, engine, cmd, pattern):
        p = subprocess.run(cmd, capture_output=True, text=True)
        m = re.search(pattern, p.stdout)
        self.checks[(corpus, what, engine)] = bool(m) and int(m.group(1)) > 0

    def incremental_bbc(self, base):
        folder = os.path.join(base, "bbc")
        shutil.copytree(BBC, folder, copy_function=shutil.copyfile)
        for d, dirs, files in os.walk(folder):
            os.chmod(d, 0o755)
            for f in files:
                os.chmod(os.path.join(d, f), 0o644)
        ours_db, omega_db = os.path.join(base, "bbc-news.db"), os.path.join(base, "bbc-omega.db")
        ours = [self.news_index, "--quiet", "--db", ours_db, folder]
        omega = ["omindex", "--db", omega_db, "--url", "/", folder]

        def both(step, prepare=None):
            log("BBC incremental: %s" % step)
            self.steps("bbc", step, {"omindex": omega, "ours": ours}, prepare)

        log("BBC incremental: full")
        self.step("bbc", "full", "omindex", omega)
        self.step("bbc", "full", "ours", ours, ok=(0, 1))
        time.sleep(2.1)  # the files as old as a real corpus's (see steps())
        both("no change")

        def new_article(rep):
            with open(os.path.join(folder, "business", "99%d.txt" % rep), "w", encoding="utf-8") as f:
                f.write("Quokkazyx fund %d buys regional airline\n\nAn investment fund named Quokkazyx has agreed "
                        "to buy a regional airline for 120m euros, the companies said on Monday.\n\nThe deal still "
                        "needs the approval of competition regulators.\n" % rep)

        both("one new article", new_article)

        def changed_file(rep):
            with open(os.path.join(folder, "politics", "%03d.txt" % (rep + 1)), "a", encoding="utf-8") as f:
                f.write("\nA spokesman for the Zyxwombat committee declined to comment.\n")

        both("one changed file", changed_file)
        for word, what in (("quokkazyx", "new"), ("zyxwombat", "changed")):
            self.found("bbc", what, "ours", [self.news_search, "--db", ours_db, "--json", word], r'"total": (\d+)')
            self.found("bbc", what, "omindex", ["quest", "-d", omega_db, word], r"(?:best estimate is|Exactly) (\d+)")

    def incremental_reuters(self, base):
        folder = os.path.join(base, "reuters")
        os.makedirs(folder)
        path = os.path.join(folder, "reuters21578.jsonl")
        shutil.copyfile(REUTERS, path)
        db = os.path.join(base, "reuters-news.db")
        ours = [self.news_index, "--quiet", "--db", db, path]
        for step in ("full", "no change"):
            log("Reuters 1x incremental: %s" % step)
            self.step("reuters", step, "ours", ours, ok=(0, 1))
        with open(path, "a", encoding="utf-8") as f:
            f.write('{"id": "reuters-bench-new-1", "date": "1987-10-20T09:00:00Z", "title": "QUOKKAZYX FUND '
                    'BUYS AIRLINE", "body": "An investment fund named Quokkazyx said it agreed to buy a '
                    'regional airline for 120 mln dlrs.", "source": "Reuters", "places": ["usa"], "people": [], '
                    '"orgs": [], "exchanges": [], "topics": ["acq"], "dateline": "NEW YORK, Oct 20", '
                    '"author": ""}\n')
        log("Reuters 1x incremental: one new article")
        self.step("reuters", "one new article", "ours", ours, ok=(0, 1))
        with open(path, encoding="utf-8") as f:
            lines = f.readlines()
        i = next(i for i, l in enumerate(lines) if '"id": "reuters-100"' in l)
        lines[i] = lines[i].replace('"body": "', '"body": "The Zyxwombat committee declined to comment. ', 1)
        time.sleep(1.1)
        with open(path, "w", encoding="utf-8") as f:
            f.writelines(lines)
        log("Reuters 1x incremental: one changed record")
        self.step("reuters", "one changed record", "ours", ours, ok=(0, 1))
        # A line deleted near the top: the 21,000 records below it move up a line and
        # stay as they are (issue 27: at most 5 % of a full build, aim 1 %).
        del lines[2]
        time.sleep(1.1)
        with open(path, "w", encoding="utf-8") as f:
            f.writelines(lines)
        time.sleep(2.1)  # (a file changed in the last 2 s is read again: see steps())
        log("Reuters 1x incremental: one line deleted near the top")
        self.step("reuters", "one line deleted near the top", "ours", ours, ok=(0, 1))
        for word, what in (("quokkazyx", "new"), ("zyxwombat", "changed")):
            self.found("reuters", what, "ours", [self.news_search, "--db", db, "--json", word], r'"total": (\d+)')

    # -- run -----------------------------------------------------------------

    def run(self):
        self.build()
        self.m = self.machine()
        self.started = datetime.datetime.now().astimezone()
        for k in self.scales:
            src, dump, csv = self.corpus(k)
            if k == 1:
                self.src1 = src
            db = self.index_all(k, src, dump, csv)
            self.queries_inproc(k, db)
            self.queries_process(k, db)
            if not self.a.keep:
                for p in db.values():
                    rm(p)
                if k > 1:
                    rm(dump)
                    rm(csv)
        self.incremental()
        self.load_end = os.getloadavg()
        busy = max(self.m["load"][0], self.load_end[0])
        if busy > 0.5 * (self.m["cores"] or 1):
            self.notes.append("The machine was busy with other work (load average up to %.1f on %d cores): "
                              "the one-off indexing times carry that noise; query timings interleave the engines "
                              "so that it falls on all of them alike." % (busy, self.m["cores"]))
        self.finished = datetime.datetime.now().astimezone()
        return self.report()

    # -- report --------------------------------------------------------------

    def get(self, k, engine, key):
        r = self.index.get((k, engine))
        return r[key] if r else None

    def stat(self, table, k, engine, f):
        xs = table.get((k, engine))
        return f(xs) if xs else None

    def targets(self):
        """The performance targets in force (the developers' guide), numbered
        as there, and issue 30's names-on / names-off ratio under target 1."""
        g, st = self.get, self.stat
        rows = []

        def row(num, what, shown, value, limit, strict=False, unit=""):
            """value is compared with limit: at most (≤), or under (<) when strict."""
            rows.append("| %s | %s | %s | %s | %s %s%s | %s |" % (
                num, what, shown, "—" if unit else fratio(value), "<" if strict else "≤", limit, unit,
                verdict(value, limit, strict)))

        t1, tn, ts = g(1, "ours", "wall"), g(1, "ours names off", "wall"), g(1, "scriptindex", "wall")
        row("1", "1×, names off: news-index time / scriptindex time", "%s / %s" % (fs(tn), fs(ts)),
            ratio(tn, ts), 0.5)
        row("1", "1×, names on (the default): news-index time / scriptindex time", "%s / %s" % (fs(t1), fs(ts)),
            ratio(t1, ts), 0.6)
        row("1", "1×: news-index names on / names off (issue 30)", "%s / %s" % (fs(t1), fs(tn)), ratio(t1, tn), 1.3)
        t16, s16 = g(16, "ours", "wall"), g(16, "scriptindex", "wall")
        f16 = self.flanks.get(16, [])
        t1f = sum(f16) / 2 if len(f16) == 2 else t1  # (1× built right before and after the 16×: see flank())
        ours_growth, peer_growth = ratio(t16, t1f), ratio(s16, ts)
        row("2", "growth: news-index's 16×/1× time / scriptindex's 16×/1×",
            "%s / %s" % (fratio(ours_growth), fratio(peer_growth)), ratio(ours_growth, peer_growth), 1)
        for k, limit in ((1, 1), (16, 0.5)):
            mo, mf = st(self.inproc, k, "ours", median), st(self.inproc, k, "fts5", median)
            row("3", "%d×: in-process median, default / FTS5's" % k, "%s / %s" % (fms(mo), fms(mf)),
                ratio(mo, mf), limit)
        for k in (1, 16):
            mo, mq = st(self.inproc, k, "ours", median), st(self.inproc, k, "ours --quick", median)
            row("3", "%d×: in-process median, default / `--quick`" % k, "%s / %s" % (fms(mo), fms(mq)),
                ratio(mo, mq), 2)
        for k in (1, 16):
            po, pq = st(self.process, k, "ours", median), st(self.process, k, "quest", median)
            row("4", "%d×: whole-process median, news-search / quest" % k, "%s / %s" % (fms(po), fms(pq)),
                ratio(po, pq), 1.3)
        for step in ("no change", "one new article", "one changed file"):
            a, b = self.incr.get(("bbc", step, "ours")), self.incr.get(("bbc", step, "omindex"))
            row("5", "BBC, %s: news-index / omindex" % step, "%s / %s" % (fs(a and a[0]), fs(b and b[0])),
                ratio(a and a[0], b and b[0]), 1)
        full = self.incr.get(("reuters", "full", "ours"))
        for step in ("one new article", "one changed record", "one line deleted near the top"):
            a = self.incr.get(("reuters", step, "ours"))
            share = ratio(a and a[0], full and full[0])
            row("5", "Reuters 1× JSON Lines, %s: news-index / a fresh build" % step,
                "%s / %s (%s)" % (fs(a and a[0]), fs(full and full[0]), "—" if share is None else "%.1f %%" % (100 * share)),
                None if share is None else 100 * share, 5, unit=" %")
        return rows

    def other_figures(self):
        """Figures with no target in force, kept for the trend."""
        g, st = self.get, self.stat
        rows = []
        m16 = g(16, "ours", "peak")
        if m16 is not None:
            rows.append("| 16×: peak memory of news-index | %s |  |" % fmb(m16))
        for k in self.scales:
            so, sc = g(k, "ours", "size"), g(k, "scriptindex compacted", "size")
            rows.append("| %d×: database size / scriptindex's compacted | %s / %s | %s |"
                        % (k, fmb(so), fmb(sc), fratio(ratio(so, sc))))
        for k in (1, 16):
            po, pf = st(self.inproc, k, "ours", p99), st(self.inproc, k, "fts5", p99)
            rows.append("| %d×: in-process p99 / FTS5's | %s / %s | %s |" % (k, fms(po), fms(pf), fratio(ratio(po, pf))))
        fm = st(self.inproc, 1, "ours --facets", median)
        rows.append("| 1×: in-process median with exact `--facets` | %s |  |" % fms(fm))
        return rows

    def write_detail(self):
        """Per query and scale: each engine's median microseconds and total, for a closer look."""
        path = os.path.join(self.scratch, "queries-detail.tsv")
        engines = ("ours", "ours --facets", "ours --quick", "fts5", "xapian-py")
        with open(path, "w", encoding="utf-8") as f:
            f.write("scale\tkind\tquery\t" + "\t".join("%s median us\t%s total" % (e, e) for e in engines) + "\n")
            for k in self.scales:
                for q in self.queries:
                    cells = []
                    for e in engines:
                        xs = self.per_query.get((k, e), {}).get(q[1])
                        cells += ["%d" % median(xs) if xs else "", self.totals.get((k, e), {}).get(q[1], "")]
                    f.write("%dx\t%s\t%s\t%s\n" % (k, q[0], q[1], "\t".join(cells)))
        log("wrote %s" % path)

    def report(self):
        self.write_detail()
        m = self.m
        L = []
        L.append("# Benchmark: news-search vs Xapian Omega and SQLite FTS5")
        L.append("")
        L.append("Run %s (%s mode, %s), finished %s. Machine: %s, %d cores, %.1f GiB memory (host %s); "
                 "load average %.2f at the start, %.2f at the end. news-search %s, %s build; Xapian %s "
                 "(omega, tools, python3-xapian), SQLite %s."
                 % (self.started.strftime("%Y-%m-%d %H:%M %Z"), "quick" if self.a.quick else "full",
                    "1×" if self.a.quick else "1×, 4×, 16×", self.finished.strftime("%H:%M"), m["cpu"],
                    m["cores"], m["mem"] / 2**30, m["host"], m["load"][0], self.load_end[0], m["rev"],
                    self.build_type, m["xapian"], m["sqlite"], ))
        L.append("")
        L.append("## Targets")
        L.append("")
        L.append("All ratios are ours / peer's, from this one run.")
        L.append("")
        L.append("| # | target | measured | ratio | limit | result |")
        L.append("|---|---|---:|---:|---|---|")
        L.extend(self.targets())
        L.append("")
        L.append("Other figures, with no target in force:")
        L.append("")
        L.append("| figure | measured | ratio |")
        L.append("|---|---:|---:|")
        L.extend(self.other_figures())
        L.append("")
        L.append("## Indexing")
        L.append("")
        L.append("Wall time, peak resident memory and size on disk; the ratios are news-index's over the peer's. "
                 "The peers read their own input, made beforehand by `bench/convert.py` (not counted: "
                 + ", ".join("%d× %s + %s" % (k, fs(self.convert.get((k, "omega"))), fs(self.convert.get((k, "fts5"))))
                             for k in self.scales) + "); news-index reads the JSON Lines itself.")
        if self.index_reps > 1:
            walls = "; ".join("%s %s" % (names_short, ", ".join(fs(w) for w in r["walls"]))
                              for names_short, r in (("news-index", self.index.get((1, "ours"))),
                                                     ("news-index names off", self.index.get((1, "ours names off"))),
                                                     ("scriptindex", self.index.get((1, "scriptindex"))),
                                                     ("FTS5", self.index.get((1, "fts5"))))
                              if r and len(r.get("walls", [])) > 1)
            L.append("")
            larger = [k for k in self.scales if k > 1]
            L.append("The 1× builds ran %d times, the engines in turn; the table has the median (%s).%s"
                     % (self.index_reps, walls,
                        " The %s builds ran once." % " and ".join("%d×" % k for k in larger) if larger else ""))
        L.append("")
        L.append("| corpus | articles | engine | time | peak memory | size | time ratio | memory ratio | size ratio |")
        L.append("|---|---:|---|---:|---:|---:|---:|---:|---:|")
        names = {"ours": "news-index", "ours names off": "news-index, names off", "scriptindex": "scriptindex", "scriptindex compacted": "scriptindex + xapian-compact",
                 "fts5": "sqlite3 + FTS5 (optimized)"}
        for k in self.scales:
            ours = self.index.get((k, "ours"))
            for e in ("ours", "ours names off", "scriptindex", "scriptindex compacted", "fts5"):
                r = self.index.get((k, e))
                if not r:
                    continue
                if e == "scriptindex compacted":
                    tr = mr = ""
                    tshown = "+" + fs(r["wall"])
                else:
                    tr = fratio(ratio(ours and ours["wall"], r["wall"])) if e != "ours" else ""
                    mr = fratio(ratio(ours and ours["peak"], r["peak"])) if e != "ours" else ""
                    tshown = fs(r["wall"])
                sr = fratio(ratio(ours and ours["size"], r["size"])) if e != "ours" else ""
                L.append("| %d× | %s | %s | %s | %s | %s | %s | %s | %s |" % (
                    k, "{:,}".format(self.docs[k]), names[e], tshown, fmb(r["peak"]) if e != "scriptindex compacted" else "",
                    fmb(r["size"]), tr, mr, sr))
        L.append("")
        L.append("## Queries")
        L.append("")
        L.append("The 50 queries of `bench/queries.txt` (15 words, 12 pairs, 10 phrases, 7 with a person filter, "
                 "6 with a month range), 10 hits each, warm cache. **In process**: %d rounds, in each of which every "
                 "engine in turn runs a warm-up pass and a timed pass (%d samples each); news-search `--batch` times search, exact total and snippets (with `--quick`: an estimated total, no feedback); FTS5 "
                 "(Python's sqlite3) times one SELECT with `snippet()` ORDER BY rank; Xapian (Python bindings on "
                 "the scriptindex database) times parse, match with an exact total and `MSet::snippet()`. "
                 "**Whole process**: each query through each engine in turn, a warm-up pass, then %d timed "
                 "pass%s (%d samples each): `news-search` (text output with snippets), `quest` (no snippets; prints the stored fields) and the `sqlite3` CLI (the same "
                 "SELECT), output to /dev/null; in the same turns `news-search --version` and `quest --version`, "
                 "start-up alone (the dynamic loader, libstdc++'s and libxapian's set-up, and for news-search "
                 "its command line): the floor under each whole process."
                 % (self.inproc_passes, 50 * self.inproc_passes, self.process_passes, "" if self.process_passes == 1 else "es",
                    50 * self.process_passes))
        L.append("")
        L.append("| corpus | mode | engine | median | p99 | median ratio | p99 ratio |")
        L.append("|---|---|---|---:|---:|---:|---:|")
        for k in self.scales:
            for mode, table, engines, ref in (
                    ("in process", self.inproc, ("ours", "ours --facets", "ours --quick", "fts5", "xapian-py"), "ours"),
                    ("whole process", self.process,
                     ("ours", "ours --quick", "quest", "sqlite3", "ours --version", "quest --version"), "ours")):
                label = {"ours": "news-search", "ours --facets": "news-search --facets",
                         "ours --quick": "news-search --quick", "fts5": "FTS5",
                         "xapian-py": "Xapian (Python)", "quest": "quest", "sqlite3": "sqlite3 CLI",
                         "ours --version": "news-search --version (start-up)",
                         "quest --version": "quest --version (start-up)"}
                mo, po = self.stat(table, k, ref, median), self.stat(table, k, ref, p99)
                for e in engines:
                    xs = table.get((k, e))
                    if not xs:
                        continue
                    me, pe = median(xs), p99(xs)
                    peer = e in ("fts5", "xapian-py", "quest", "sqlite3")
                    L.append("| %d× | %s | %s | %s | %s | %s | %s |" % (
                        k, mode, label[e], fms(me), fms(pe), fratio(ratio(mo, me)) if peer else "",
                        fratio(ratio(po, pe)) if peer else ""))
        beyond = []
        for k in self.scales:
            cells = []
            for e, floor, name in (("ours", "ours --version", "news-search"),
                                   ("ours --quick", "ours --version", "news-search --quick"),
                                   ("quest", "quest --version", "quest")):
                whole, start = self.stat(self.process, k, e, median), self.stat(self.process, k, floor, median)
                if whole is not None and start is not None:
                    cells.append("%s %s" % (name, fms(whole - start)))
            if cells:
                beyond.append("%d×: %s" % (k, ", ".join(cells)))
        if beyond:
            L.append("")
            L.append("Whole process beyond start-up (median less the start-up median): " + "; ".join(beyond) + ".")
        L.append("")
        L.append("By kind of query, in-process median (news-search / FTS5):")
        L.append("")
        kinds = ["word", "pair", "phrase", "person", "month"]
        L.append("| corpus | " + " | ".join(kinds) + " |")
        L.append("|---|" + "---:|" * len(kinds))
        for k in self.scales:
            cells = []
            for kind in kinds:
                qs = [q[1] for q in self.queries if q[0] == kind]
                vals = []
                for e in ("ours", "fts5"):
                    pq = self.per_query.get((k, e), {})
                    xs = [x for q in qs for x in pq.get(q, [])]
                    vals.append(fms(median(xs)) if xs else "—")
                cells.append(" / ".join(vals))
            L.append("| %d× | %s |" % (k, " | ".join(cells)))
        pq = self.per_query.get((1, "ours"))
        if pq:
            slow = sorted(pq.items(), key=lambda kv: -median(kv[1]))[:5]
            L.append("")
            L.append("Slowest queries in process at 1× (news-search median; FTS5 median; totals ours / FTS5): " +
                     "; ".join("`%s` %s; %s; %s / %s" % (
                         q, fms(median(xs)), fms(median(self.per_query.get((1, "fts5"), {}).get(q, [])) or None),
                         self.totals.get((1, "ours"), {}).get(q, "?"), self.totals.get((1, "fts5"), {}).get(q, "?"))
                         for q, xs in slow) + ".")
        L.append("")
        L.append("## Incremental re-runs")
        L.append("")
        L.append("On copies in the scratch folder: `../shared/corpora/bbc/` (2,225 files; omindex and news-index "
                 "on the same copy, one after the other) and the 1× JSON Lines file (news-index only). "
                 "\"one new article\" adds a file (BBC) or appends a record (Reuters); \"one changed\" edits one "
                 "file or one record.  On BBC each step but the first is run %d times (each time another new or "
                 "changed file, 2 s old), the engines in turn: the median." % REPEATS)
        L.append("")
        L.append("| corpus | step | news-index | omindex | ratio | news-index peak memory |")
        L.append("|---|---|---:|---:|---:|---:|")
        for corpus, steps in (("bbc", ("full", "no change", "one new article", "one changed file")),
                              ("reuters", ("full", "no change", "one new article", "one changed record",
                                           "one line deleted near the top"))):
            for s in steps:
                a, b = self.incr.get((corpus, s, "ours")), self.incr.get((corpus, s, "omindex"))
                L.append("| %s | %s | %s | %s | %s | %s |" % (
                    "BBC" if corpus == "bbc" else "Reuters 1×", s, fs(a and a[0]), fs(b and b[0]) if b else "—",
                    fratio(ratio(a and a[0], b and b[0])), fmb(a and a[1])))
        full, deleted = self.incr.get(("reuters", "full", "ours")), self.incr.get(
            ("reuters", "one line deleted near the top", "ours"))
        if full and deleted:
            L.append("")
            L.append("Reuters 1×, one line deleted near the top (the records below it move up a line and are not "
                     "written again): %s of the full build (target at most 5 %%, aim 1 %%)." % (
                         "%.1f %%" % (100 * deleted[0] / full[0])))
        checks = []
        for corpus, engines in (("bbc", ("ours", "omindex")), ("reuters", ("ours",))):
            for what in ("new", "changed"):
                found = ["%s %s" % ("news-index" if e == "ours" else e,
                                    {True: "yes", False: "NO", None: "?"}[self.checks.get((corpus, what, e))])
                         for e in engines]
                checks.append("%s %s text found: %s" % ("BBC" if corpus == "bbc" else "Reuters 1×", what,
                                                        ", ".join(found)))
        L.append("")
        L.append("Checked after the runs (a word only the new or the changed text holds): " + "; ".join(checks) + ".")
        if self.notes:
            L.append("")
            L.append("## Notes")
            L.append("")
            L.extend("- " + n for n in self.notes)
        L.append("")
        L.append("Made by `bench/run%s`." % (" --quick" if self.a.quick else ""))
        return "\n".join(L) + "\n"


def main():
    ap = argparse.ArgumentParser(description="news-search benchmark (see bench/bench.py)")
    ap.add_argument("--quick", action="store_true", help="1x only and fewer repetitions")
    ap.add_argument("--index-reps", type=int, help="times each engine builds the 1x corpus, for the median "
                                                   "(default 3, 1 with --quick)")
    ap.add_argument("--build", default=os.path.join(ROOT, "build"), help="build folder (default: build/)")
    ap.add_argument("--no-build", action="store_true", help="use the binaries in --build as they are")
    ap.add_argument("--scratch", default=os.path.join(ROOT, "build", "bench"),
                    help="scratch folder for corpora and databases (default: build/bench/)")
    ap.add_argument("--results", help="Markdown report (default: bench/results.md, or bench/results-quick.md "
                                      "with --quick)")
    ap.add_argument("--keep", action="store_true", help="keep the databases in the scratch folder")
    a = ap.parse_args()
    if not os.path.exists(REUTERS):
        sys.exit("bench: %s is missing" % REUTERS)
    results = a.results or os.path.join(HERE, "results-quick.md" if a.quick else "results.md")
    text = Bench(a).run()
    with open(results, "w", encoding="utf-8") as f:
        f.write(text)
    print(text)
    log("wrote %s" % results)


if __name__ == "__main__":
    main()
