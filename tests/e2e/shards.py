#!/usr/bin/env python3
"""End-to-end checks of sharded indexes: a sharded index must answer exactly as
one database, whichever way its parts are opened.

Usage: shards.py BUILD_DIR SCENARIO [REUTERS_JSONL]
Scenarios:
  seeds    the seed corpus (corpus/)
  reuters  the seeds plus the first 2,000 lines of REUTERS_JSONL (exit 77,
           "skipped", when the file is missing)

Each scenario, in a temp folder:
 1. indexes the same inputs into one database and with `--shards 3`;
 2. serves shard-2 with xapian-tcpsrv on 127.0.0.1 (a free port; killed at
    the end whatever happens) and writes a stub: auto meta, auto shard-0,
    auto shard-1, remote 127.0.0.1:PORT;
 3. runs a set of queries (keywords, phrase, aliases, a misspelling,
    filters, facets, sorts, browse, wildcards, paging) and compares the whole
    --json output of the single index with (1) the sharded folder, (2) the
    stub with the remote shard, (3) --db meta --db shard-0 --db shard-1
    --db shard-2; "partial" must be false everywhere;
 4. changes the inputs (a changed and a deleted record, a deleted seed, a new
    file; the changed ones in shards other than shard-0), re-runs news-index
    on both and compares again;
 5. stops the tcpsrv: the stub answers with a warning and "partial": true,
    and with --strict exits 1;
 6. `--shards 2` on the existing sharded index exits 2 suggesting --rebuild;
    `--rebuild --shards 2` re-splits it and the answers are still the same.
"""
import ctypes
import difflib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

from checks import check, report

BUILD, SCENARIO = sys.argv[1], sys.argv[2]
REUTERS = sys.argv[3] if len(sys.argv) > 3 else os.path.normpath(
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "corpora",
                 "reuters21578.jsonl"))
ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
SEEDS = os.path.join(ROOT, "corpus")
INDEX = os.path.join(os.path.abspath(BUILD), "indexer", "news-index")
SEARCH = os.path.join(os.path.abspath(BUILD), "searcher", "news-search")
TCPSRV = shutil.which("xapian-tcpsrv")
NSHARDS = 3
REUTERS_LINES = 2000
UNIQUE = "quokkaflux"      # a word only the changed record holds
NEW_WORD = "zebrafinch"    # a word only the new article holds


def run(*args, **kw):
    env = dict(os.environ, LC_ALL="C.UTF-8")
    env.pop("NEWS_DB", None)
    env.pop("NO_COLOR", None)
    return subprocess.run(list(args), capture_output=True, text=True, env=env, timeout=120, **kw)


def dbargs(parts):
    out = []
    for p in parts:
        out += ["--db", p]
    return out


def search(parts, args):
    """(exit code, parsed JSON or None, stderr) of news-search --json over the parts."""
    p = run(SEARCH, *dbargs(parts), "--json", *args)
    try:
        js = json.loads(p.stdout) if p.returncode == 0 else None
    except ValueError:
        js = None
    return p.returncode, js, p.stderr


def total(parts, *args):
    code, js, err = search(parts, ["--limit", "0"] + list(args))
    return js["total"] if js else None


def shown(args):
    return " ".join(a if a and " " not in a else repr(a) for a in args) or "(empty)"


def summary_counts(stderr):
    m = re.findall(r"(\d+) new, (\d+) changed, (\d+) removed, (\d+) unchanged", stderr)
    return tuple(int(x) for x in m[-1]) if m else None


def json_diff(a, b, name_a, name_b, limit=60):
    la = json.dumps(a, indent=1, ensure_ascii=False).splitlines()
    lb = json.dumps(b, indent=1, ensure_ascii=False).splitlines()
    d = list(difflib.unified_diff(la, lb, name_a, name_b, n=2, lineterm=""))
    if len(d) > limit:
        d = d[:limit] + ["... (%d more diff lines)" % (len(d) - limit)]
    return "\n".join(d)


def first_difference(a, b):
    """A one-line account of where two outputs part."""
    if a.get("total") != b.get("total"):
        return "total %s vs %s" % (a.get("total"), b.get("total"))
    ha, hb = a.get("hits", []), b.get("hits", [])
    for i, (x, y) in enumerate(zip(ha, hb)):
        if x.get("id") != y.get("id"):
            return "rank %d: %s vs %s" % (i + 1 + a.get("offset", 0), x.get("id"), y.get("id"))
        if x != y:
            keys = sorted(k for k in set(x) | set(y) if x.get(k) != y.get(k))
            return "rank %d (%s): %s differ" % (i + 1 + a.get("offset", 0), x.get("id"), ", ".join(keys))
    if len(ha) != len(hb):
        return "%d vs %d hits" % (len(ha), len(hb))
    keys = sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))
    return "%s differ" % ", ".join(keys)


# ---------------------------------------------------------------- xapian-tcpsrv

def _die_with_parent():
    """In the child: get SIGTERM when the test process dies (a CTest timeout kills it)."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass


class TcpServer:
    """xapian-tcpsrv serving one database on 127.0.0.1, in its own process group."""

    def __init__(self, db, log):
        self.db, self.log, self.proc, self.port = db, log, None, None

    def start(self):
        for _ in range(5):
            with socket.socket() as s:
                s.bind(("127.0.0.1", 0))
                port = s.getsockname()[1]
            logf = open(self.log, "ab")
            self.proc = subprocess.Popen([TCPSRV, "--port", str(port), "--interface", "127.0.0.1", self.db],
                                         stdout=logf, stderr=subprocess.STDOUT, start_new_session=True,
                                         preexec_fn=_die_with_parent)
            logf.close()
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline and self.proc.poll() is None:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                    self.port = port
                    return port
                except OSError:
                    time.sleep(0.05)
            self.stop()  # the port was taken meanwhile, or it never came up: try another
        raise RuntimeError("xapian-tcpsrv did not start: %s" % open(self.log, errors="replace").read()[-500:])

    def stop(self):
        if self.proc is None:
            return
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)  # the server and any connection it forked
            except ProcessLookupError:
                pass
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.proc = None


# ---------------------------------------------------------------- the queries

SEED_QUERIES = [
    ["lady", "gaga", "jazz"],                                    # keywords
    ['"jazz queen"'],                                            # a phrase
    ["taehyung"],                                                # an alias (finds what is tagged V)
    ['"lady gaga"'],                                             # an alias as a phrase
    ["grammi", "awrds"],                                         # a misspelling: a suggestion
    ["--artist", "kim taehyung", "--type", "post", "gaga"],     # filters
    ["--type", "article", "--from", "2022", "grammy"],
    ["--facets", "gaga"],                                        # facets
    ["--facets", "--artist", "V"],                               # facets of a browse
    ["--sort", "newest", "gaga"],
    ["--sort", "oldest", "jazz"],
    ["--artist", "lady gaga"],                                   # browse (empty query, a filter)
    ["--type", "post", "--limit", "20"],
    ["collab*"],                                                 # wildcards
    ["gra*"],
    ["--offset", "3", "--limit", "4", "gaga"],                   # paging
    ["--offset", "5", "--limit", "5", "--sort", "newest", "taehyung"],
    ["--quick", "gaga"],                                         # --quick: no feedback, exact under 100
    ["--quick", "--facets", "lady", "gaga", "jazz"],             # --quick with facets: every match, exact
]
REUTERS_QUERIES = [
    ["oil", "prices"],
    ['"interest rates"'],
    ["artist:reagan", "trade"],
    ["gold", "prics"],                                          # a misspelling
    ["--facets", "dollar"],
    ["--quick", "--facets", "oil", "prices"],                    # exact total and facets, no feedback
    ["--facets", "--sort", "newest", "--limit", "5", "bank"],
    ["--sort", "newest", "oil"],
    ["--sort", "oldest", "date:1987-03", "wheat"],
    ["--from", "1987-03", "--limit", "20"],                      # browse
    ["--artist", "reagan", "--sort", "oldest"],                  # browse, oldest first
    ["exp*"],
    ["--offset", "20", "--limit", "10", "oil"],
    ["id:reuters-5"],
]
MISSPELT = (("grammi", "awrds"), ("gold", "prics"))


class Scenario:
    def __init__(self, tmp, reuters):
        self.tmp, self.reuters = tmp, reuters
        self.inp = os.path.join(tmp, "in")
        self.single = os.path.join(tmp, "single.db")
        self.sharded = os.path.join(tmp, "sharded.db")
        self.stub = os.path.join(tmp, "remote.stub")
        self.server = TcpServer(os.path.join(self.sharded, "shard-2"), os.path.join(tmp, "tcpsrv.log"))
        self.queries = SEED_QUERIES + (REUTERS_QUERIES if reuters else [])
        self.checked = {}  # query (tuple) -> the single index's answer, sanity-checked once

    def part(self, name):
        return os.path.join(self.sharded, name)

    def setups(self, nshards=NSHARDS, remote=True):
        s = [("sharded folder", [self.sharded])]
        if remote:
            s.append(("stub with remote shard-2", [self.stub]))
        s.append(("--db meta --db shard-0..%d" % (nshards - 1),
                  [self.part("meta")] + [self.part("shard-%d" % k) for k in range(nshards)]))
        return s

    # -- inputs --------------------------------------------------------------

    def make_inputs(self):
        os.makedirs(self.inp)
        for name in sorted(os.listdir(SEEDS)):
            shutil.copyfile(os.path.join(SEEDS, name), os.path.join(self.inp, name))
        if self.reuters:
            with open(REUTERS, encoding="utf-8") as src, \
                    open(os.path.join(self.inp, "reuters.jsonl"), "w", encoding="utf-8") as dst:
                for i, line in enumerate(src):
                    if i == REUTERS_LINES:
                        break
                    dst.write(line)

    def index(self, db, *extra):
        return run(INDEX, "--db", db, *extra, self.inp)

    # -- where a document is --------------------------------------------------

    def shard_of(self, doc_id, nshards=NSHARDS):
        found = [k for k in range(nshards) if total([self.part("shard-%d" % k)], "id:" + doc_id) == 1]
        return found[0] if len(found) == 1 else None

    def doc_count(self, db):
        p = run("xapian-delve", db)
        m = re.search(r"number of documents = (\d+)", p.stdout)
        return int(m.group(1)) if m else None

    # -- comparison ----------------------------------------------------------

    def sanity(self, args, js):
        """The single index's own answer must be worth comparing (once per query and phase)."""
        key = tuple(args)
        problems = []
        if js["total"] + js.get("some_words", 0) == 0 and not any(a.startswith(("id:", "article:")) for a in args):
            problems.append("no results")
        if tuple(a for a in args if not a.startswith("-")) in MISSPELT and not js.get("suggestion"):
            problems.append("no suggestion")
        if "--facets" in args and not js.get("facets"):
            problems.append("no facets")
        self.checked[key] = js
        return problems

    def compare(self, label, queries, setups, expect_partial=False):
        """Each query's whole --json answer from every setup must be the single index's, "partial"
        included; a missing or wrong "partial" is reported once for all the queries."""
        not_partial = []
        code, want, err = search([self.single], ["gaga"])
        if want is not None and want.get("partial", None) is not expect_partial:
            not_partial.append("single index: gaga")
        for args in queries:
            code, want, err = search([self.single], args)
            if not check("%s: single index answers %s" % (label, shown(args)), code == 0 and want is not None,
                         "exit %d: %s" % (code, err.strip())):
                continue
            problems = self.sanity(args, want)
            if problems:
                check("%s: single index answer is usable for %s" % (label, shown(args)), False, ", ".join(problems))
            bad = []
            for name, parts in setups:
                code, got, err = search(parts, args)
                if code != 0 or got is None:
                    bad.append("%s: exit %d: %s" % (name, code, err.strip()[-400:]))
                else:
                    if got != want:
                        bad.append("%s: %s\n%s" % (name, first_difference(want, got),
                                                   json_diff(want, got, "single index", name)))
                    if got.get("partial", None) is not expect_partial:
                        not_partial.append("%s: %s" % (name, shown(args)))
            check("%s: same answer from %s: %s" % (label, ", ".join(n for n, _ in setups), shown(args)),
                  not bad, "\n".join(bad))
        check('%s: "partial": %s in every answer' % (label, json.dumps(expect_partial)), not not_partial,
              "%d answers without it, e.g. %s" % (len(not_partial), "; ".join(not_partial[:3])))

    # -- the steps -----------------------------------------------------------

    def build(self):
        t = time.monotonic()
        p1 = self.index(self.single)
        p2 = self.index(self.sharded, "--shards", str(NSHARDS))
        check("both indexes built", p1.returncode == 0 and p2.returncode == 0, p1.stderr + p2.stderr)
        check("the sharded counts are the single index's", summary_counts(p1.stderr) == summary_counts(p2.stderr),
              "%s vs %s" % (summary_counts(p1.stderr), summary_counts(p2.stderr)))
        parts = ["meta"] + ["shard-%d" % k for k in range(NSHARDS)]
        check("the sharded folder has XAPIANDB, meta and %d shards" % NSHARDS,
              all(os.path.exists(self.part(n)) for n in ["XAPIANDB"] + parts), os.listdir(self.sharded))
        counts = [self.doc_count(self.part(n)) for n in parts]
        single = self.doc_count(self.single)
        # (The 3 seed articles need not reach every shard; 2,000 records do.)
        check("meta holds no documents, %sthe shards %d in all like the single index"
              % ("every shard some, " if self.reuters else "", single or 0),
              counts[0] == 0 and (all(c for c in counts[1:]) or not self.reuters)
              and sum(c or 0 for c in counts) == single,
              "meta, shards: %s; single: %s" % (counts, single))
        print("    (built in %.1f s; documents per shard: %s)" % (time.monotonic() - t, counts[1:]))

    def write_stub(self, port):
        with open(self.stub, "w") as f:
            f.write("# relative to this file's folder\n")
            for n in ("meta", "shard-0", "shard-1"):
                f.write("auto %s/%s\n" % (os.path.basename(self.sharded), n))
            f.write("remote 127.0.0.1:%d\n" % port)

    def modify(self):
        """A changed and a removed record, a removed seed article, a new file; returns what to look for."""
        changes = {}
        seeds = sorted(n[:-4] for n in os.listdir(self.inp) if n.endswith(".txt"))
        where = {s: self.shard_of(s) for s in seeds}
        if self.reuters:
            path = os.path.join(self.inp, "reuters.jsonl")
            with open(path, encoding="utf-8") as f:
                lines = f.readlines()
            ids = [json.loads(l)["id"] for l in lines]
            shard = {i: self.shard_of(i) for i in ids[:40] + ids[-40:]}
            changed = next((i for i in ids[:40] if shard.get(i) == 2), None)
            # Removed near the end: the records after it move up a line and stay as
            # they are (only their file's line table changes).
            removed = next((i for i in reversed(ids[-40:]) if shard.get(i) == 1), None)
            check("a record in shard-2 and one in shard-1 to change", changed and removed, shard)
            for n, line in enumerate(lines):
                rec = json.loads(line)
                if rec["id"] == changed:
                    rec["body"] = "Analysts at %s said the figures were revised. " % UNIQUE.capitalize() + rec["body"]
                    lines[n] = json.dumps(rec) + "\n"
            lines = [l for l in lines if json.loads(l)["id"] != removed]
            with open(path, "w", encoding="utf-8") as f:
                f.writelines(lines)
            changes.update(changed=(changed, 2), removed_record=(removed, 1))
            gone = next((s for s in seeds if where[s] not in (0, None)), seeds[0])
        else:
            # Seeds only: change a seed article (one not in shard-0), remove another.
            changed = next((s for s in seeds if where[s] not in (0, None)), seeds[0])
            with open(os.path.join(self.inp, changed + ".txt"), "a", encoding="utf-8") as f:
                f.write("\nA late addition: the %s fan club met Lady Gaga.\n" % UNIQUE)
            changes["changed"] = (changed, where[changed])
            gone = next((s for s in seeds if s != changed), None)
        os.remove(os.path.join(self.inp, gone + ".txt"))
        changes["removed_seed"] = (gone, where[gone])
        with open(os.path.join(self.inp, "zz_new_article.txt"), "w", encoding="utf-8") as f:
            f.write("date 2024-01-15 Lady Gaga and Taehyung plan a jazz record with a %s motif.\n\n"
                    "Fans of BTS and Lady Gaga cheered. The jazz collab was announced at the Grammy Awards.\n"
                    "Taehyung is my jazz king, Lady Gaga my queen— Gaga Fan (@gagafan_zz) January 15, 2024\n"
                    % NEW_WORD)
        print("    (changes: %s)" % ", ".join("%s %s in shard-%s" % (k, v[0], v[1]) for k, v in changes.items()))
        return changes

    def incremental(self):
        changes = self.modify()
        p1, p2 = self.index(self.single), self.index(self.sharded)
        c1, c2 = summary_counts(p1.stderr), summary_counts(p2.stderr)
        check("re-runs on both indexes succeed", p1.returncode == 0 and p2.returncode == 0, p1.stderr + p2.stderr)
        articles = 3 + (REUTERS_LINES if self.reuters else 0)
        want = (1, 1, 2, articles - 3) if self.reuters else (1, 1, 1, articles - 2)
        check("the sharded re-run counts %s new/changed/removed/unchanged like the single one" % (want,),
              c1 == want and c2 == want, "single %s, sharded %s" % (c1, c2))
        check("the sharded folder still has %d shards and no new part" % NSHARDS,
              sorted(os.listdir(self.sharded)) == sorted(["XAPIANDB", "meta"] + ["shard-%d" % k for k in range(NSHARDS)]),
              os.listdir(self.sharded))
        changed, k = changes["changed"]
        check("the changed article %s is in shard-%s (not shard-0) and holds the new text there" % (changed, k),
              k not in (0, None) and total([self.part("shard-%s" % k)], UNIQUE) == 1
              and total([self.part("shard-%s" % k)], "id:" + changed, UNIQUE) == 1,
              "%s in shard-%s" % (changed, k))
        new_shard = self.shard_of("zz_new_article")
        check("the new article is in exactly one shard (shard-%s), its post beside it" % new_shard,
              new_shard is not None and total([self.part("shard-%s" % new_shard)], "article:zz_new_article") >= 2,
              "shard %s" % new_shard)
        for key in ("removed_seed", "removed_record"):
            if key in changes:
                doc, k = changes[key]
                check("the removed article %s (was in shard-%s) and its posts are gone from every part" % (doc, k),
                      all(total([self.part("shard-%d" % j)], "article:" + doc) == 0 for j in range(NSHARDS)))
        extra = [[UNIQUE], [NEW_WORD], ["--facets", NEW_WORD, "OR", UNIQUE],
                 ["id:" + changed], ["article:" + changes["removed_seed"][0]], ["--artist", "lady gaga", "--from", "2024"]]
        self.compare("after re-runs", extra, self.setups())
        check("after re-runs: the changed text is found once, the new article with its post",
              total([self.single], UNIQUE) == 1 and total([self.single], NEW_WORD) >= 1
              and total([self.single], "article:zz_new_article") >= 2)
        self.compare("after re-runs", self.queries, self.setups())

    def shard_down(self):
        port = self.server.port
        self.server.stop()
        if "--strict" not in run(SEARCH, "--help").stdout:
            print("    NOTE: news-search --help shows no --strict: the shard-down behaviour is not in this binary")
        args = ["lady", "gaga", "jazz"] + (["oil"] if self.reuters else [])
        code, js, err = search([self.stub], args)
        check("remote shard down: the stub still answers (exit 0)", code == 0 and js is not None,
              "exit %d: %s" % (code, err.strip()))
        named = "127.0.0.1:%d" % port
        check("with a warning naming %s and saying the results are partial" % named,
              named in err and "partial" in err.lower(), err.strip() or "(no stderr)")
        if js is not None:
            check('and "partial": true with "shards_down" in the JSON',
                  js.get("partial") is True and bool(js.get("shards_down")),
                  {k: js.get(k, "(missing)") for k in ("partial", "shards_down")})
            check('"shards_down" names the remote shard', str(port) in json.dumps(js.get("shards_down")),
                  js.get("shards_down"))
            live = [self.part("meta"), self.part("shard-0"), self.part("shard-1")]
            code2, alive, err2 = search(live, args)
            strip = {k: v for k, v in (js or {}).items() if k not in ("partial", "shards_down")}
            alive_strip = {k: v for k, v in (alive or {}).items() if k not in ("partial", "shards_down")}
            check("the partial answer is that of the parts still up (meta, shard-0, shard-1)",
                  code2 == 0 and strip == alive_strip,
                  "exit %d %s\n%s" % (code2, err2.strip(), json_diff(alive_strip, strip, "meta+shard-0+shard-1",
                                                                   "stub, remote down")))
        code, js, err = search([self.stub], ["--strict"] + args)
        check("with --strict a shard down is an error: exit 1 naming it", code == 1 and named in err,
              "exit %d: %s" % (code, err.strip()))
        t = time.monotonic()
        code, js, err = search([self.stub], ["--timeout", "2"] + args)
        check("--timeout 2 with the shard down: exit 0, partial, within a few seconds",
              code == 0 and js is not None and js.get("partial") is True and time.monotonic() - t < 5,
              "exit %d after %.1f s: %s" % (code, time.monotonic() - t, err.strip()))
        # A shard that takes the connection and never answers (a listening socket nobody serves):
        # --timeout bounds the wait.
        with socket.socket() as mute:
            mute.bind(("127.0.0.1", 0))
            mute.listen(8)
            hung = os.path.join(self.tmp, "hung.stub")
            with open(hung, "w") as f:
                f.write("auto %s/meta\nauto %s/shard-0\nauto %s/shard-1\nremote 127.0.0.1:%d\n" % (
                    (os.path.basename(self.sharded),) * 3 + (mute.getsockname()[1],)))
            t = time.monotonic()
            code, js, err = search([hung], ["--timeout", "1"] + args)
            took = time.monotonic() - t
        check("a shard that never answers, --timeout 1: exit 0, partial, in under 5 s",
              code == 0 and js is not None and js.get("partial") is True and took < 5,
              "exit %d after %.1f s: %s" % (code, took, err.strip()))

    def misuse_and_rebuild(self):
        p = self.index(self.sharded, "--shards", "2")
        check("--shards 2 on an existing 3-shard index: exit 2 suggesting --rebuild",
              p.returncode == 2 and "--rebuild" in p.stderr, "exit %d: %s" % (p.returncode, p.stderr.strip()))
        check("and the index keeps its 3 shards", os.path.isdir(self.part("shard-2")) and
              total([self.sharded], "gaga") == total([self.single], "gaga"))
        t = time.monotonic()
        p = self.index(self.sharded, "--rebuild", "--shards", "2")
        check("--rebuild --shards 2 succeeds", p.returncode == 0, "exit %d: %s" % (p.returncode, p.stderr.strip()))
        layout = sorted(os.listdir(self.sharded)) if os.path.isdir(self.sharded) else []
        check("the folder now holds meta and 2 shards", layout == ["XAPIANDB", "meta", "shard-0", "shard-1"], layout)
        with open(os.path.join(self.sharded, "XAPIANDB")) as f:
            lines = [l.split() for l in f if l.strip() and not l.startswith("#")]
        check("its stub lists meta, shard-0, shard-1", lines == [["auto", "meta"], ["auto", "shard-0"], ["auto", "shard-1"]],
              lines)
        counts = [self.doc_count(self.part(n)) for n in ("meta", "shard-0", "shard-1")]
        check("meta empty, the documents split over the two shards", counts[0] == 0 and all(counts[1:])
              and sum(counts) == self.doc_count(self.single), "%s vs %s" % (counts, self.doc_count(self.single)))
        print("    (rebuilt in %.1f s)" % (time.monotonic() - t))
        # The single index is rebuilt too: both answers then come from fresh builds.
        p = self.index(self.single, "--rebuild")
        check("the single index rebuilt too", p.returncode == 0, p.stderr)
        self.compare("after --rebuild --shards 2", self.queries, self.setups(nshards=2, remote=False))

    def run(self):
        self.make_inputs()
        self.build()
        try:
            port = self.server.start()
            self.write_stub(port)
            print("    (xapian-tcpsrv serving shard-2 on 127.0.0.1:%d)" % port)
            self.compare("first build", self.queries, self.setups())
            self.incremental()
            self.shard_down()
        finally:
            self.server.stop()
        self.misuse_and_rebuild()


def main():
    if SCENARIO not in ("seeds", "reuters"):
        sys.exit("usage: shards.py BUILD_DIR seeds|reuters [REUTERS_JSONL]")
    if SCENARIO == "reuters" and not os.path.exists(REUTERS):
        print("skipped: %s is missing" % REUTERS)
        sys.exit(77)
    for exe in (INDEX, SEARCH):
        if not os.access(exe, os.X_OK):
            sys.exit("shards.py: %s is missing; build first" % exe)
    if not TCPSRV or not shutil.which("xapian-delve"):
        sys.exit("shards.py: xapian-tcpsrv and xapian-delve are needed (Debian: xapian-tools)")
    # A SIGTERM (CTest, a user) unwinds through the finally blocks, so the server is stopped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    t = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="news-shards-") as tmp:
        Scenario(tmp, SCENARIO == "reuters").run()
    report("(%.1f s)" % (time.monotonic() - t))


if __name__ == "__main__":
    main()
