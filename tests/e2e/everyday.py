#!/usr/bin/env python3
"""Everyday queries over real news (issue 26), table-driven.

One index of Reuters-21578 (JSON Lines), the BBC collection and the seeds
(corpus/) is built once; each row of ROWS is a query (the words and options
given to news-search) and the property its answer must hold, checked where
possible against the corpus text itself, read here independently of the
tools (the totals are counted with regular expressions over the records).

A row is a dict: name, args (news-search's arguments; --json is added) and
check, a function of the Answer that returns (ok, detail).  Helpers below
make the common checks (total_is, same_total, every_hit, ...).

Usage: everyday.py BUILD_DIR SOURCE_DIR CORPORA_DIR
Exit 0 when every row holds, 1 otherwise, 77 (skipped) without the corpora.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

BUILD, SRC, CORPORA = (os.path.abspath(a) for a in sys.argv[1:4])
INDEX = os.path.join(BUILD, "indexer", "news-index")
SEARCH = os.path.join(BUILD, "searcher", "news-search")
REUTERS = os.path.join(CORPORA, "reuters21578.jsonl")
BBC = os.path.join(CORPORA, "bbc")
SEEDS = os.path.join(SRC, "corpus")


def run(*args):
    return subprocess.run(list(args), capture_output=True, text=True)


# --- The corpus, read independently -------------------------------------------

REUTERS_TEXTS = {}  # id -> title and body


def reuters_texts():
    if not REUTERS_TEXTS:
        with open(REUTERS, encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                REUTERS_TEXTS[r["id"]] = (r.get("title") or "") + "\n" + (r.get("body") or "")
    return REUTERS_TEXTS


def reuters_count(pattern, flags=0):
    """Reuters records whose title or body match the regular expression."""
    r = re.compile(pattern, flags)
    return sum(1 for t in reuters_texts().values() if r.search(t))


# --- Answers and checks -------------------------------------------------------

class Answer:
    def __init__(self, args):
        p = run(SEARCH, "--db", DB, "--json", *args)
        self.rc, self.stderr = p.returncode, p.stderr
        self.json = json.loads(p.stdout) if p.returncode == 0 and p.stdout.strip() else {}
        self.total = self.json.get("total")
        self.hits = self.json.get("hits", [])


def total(*args):
    return Answer(["--limit", "0", *args]).total


def hit_text(h):
    """A hit's whole text: the Reuters record's, else its title and snippet."""
    return reuters_texts().get(h["id"]) or (h.get("title") or "") + "\n" + (h.get("snippet") or "")


def total_is(expected, what=""):
    def check(a):
        want = expected() if callable(expected) else expected
        return a.total == want, "total %s, expected %s %s" % (a.total, want, what)
    return check


def same_total(*other_args):
    def check(a):
        other = total(*other_args)
        return a.total == other and a.total > 0, "total %s, %s gives %s" % (a.total, " ".join(other_args), other)
    return check


def all_of(*checks):
    def check(a):
        for c in checks:
            ok, detail = c(a)
            if not ok:
                return ok, detail
        return True, ""
    return check


def every_hit(pattern, flags=0):
    r = re.compile(pattern, flags)

    def check(a):
        bad = [h["id"] for h in a.hits if not r.search(hit_text(h))]
        return a.hits and not bad, "hits without /%s/: %s" % (pattern, bad[:5])
    return check


def more_than(n):
    return lambda a: (a.total is not None and a.total > n, "total %s, expected more than %d" % (a.total, n))


def first_author(handle):
    return lambda a: (bool(a.hits) and a.hits[0].get("author") == handle,
                      "first hit by %s" % (a.hits[0].get("author") if a.hits else None))


def title_is(title):
    return lambda a: (bool(a.hits) and a.hits[0].get("title") == title,
                      "title %r" % (a.hits[0].get("title") if a.hits else None))


IN_REUTERS = "file:" + REUTERS
W = r"(?<![\w.])"            # a word starts (not after a letter, digit or dot)
E = r"(?!\w|\.[A-Za-z])"      # a word ends (and "U.S" of "U.S.A." is none)

# --- The rows -----------------------------------------------------------------
# "A query is analysed exactly as the text was" (issue 26): abbreviations,
# NEAR/ADJ by stem, aliases in any script, authors by display name, joined
# hyphenated names, letters in every form.
ROWS = [
    {"name": "U.N. finds every Reuters record with U.N. or UN",
     "args": ["U.N. " + IN_REUTERS, "--limit", "0"],
     "check": total_is(lambda: reuters_count(W + r"([Uu]\.[Nn]\.?|[Uu][Nn])" + r"(?!\w)"),
                     "(records with U.N., UN or un; ticker codes such as <UN.AS> hold the word UN)")},
    {"name": "UN finds the same as U.N.", "args": ["UN", "--limit", "0"], "check": same_total("U.N.")},
    {"name": "u.n. typed in lower case too", "args": ["u.n.", "--limit", "0"], "check": same_total("U.N.")},
    {"name": "U.N. hits hold U.N. or UN", "args": ["U.N.", "--limit", "50"],
     "check": every_hit(r"\b(U\.N|UN|un)\b")},
    {"name": "\"U.N. Security Council\" as a phrase",
     "args": ['"U.N. Security Council" ' + IN_REUTERS, "--limit", "0"],
     "check": total_is(lambda: reuters_count(W + r"(U\.N\.?|UN)\s+SECURITY\s+COUNCIL", re.I))},
    {"name": "E.C. finds E.C. and EC",
     "args": ["E.C. " + IN_REUTERS, "--limit", "0"],
     "check": total_is(lambda: reuters_count(W + r"([Ee]\.[Cc]\.?|[Ee][Cc])" + E))},
    {"name": "N.Y. finds N.Y. and NY",
     "args": ["N.Y. " + IN_REUTERS, "--limit", "0"],
     "check": total_is(lambda: reuters_count(W + r"([Nn]\.[Yy]\.?|[Nn][Yy])" + E))},
    {"name": "U.S. finds U.S. and US, not the pronoun",
     "args": ["U.S. " + IN_REUTERS, "--limit", "0"],
     "check": total_is(lambda: reuters_count(W + r"([Uu]\.[Ss]\.?|US)" + E))},
    {"name": "US in capitals is U.S.", "args": ["US", "--limit", "0"], "check": same_total("U.S.")},
    {"name": "us is the pronoun",
     "args": ["us " + IN_REUTERS, "--limit", "0"],
     "check": total_is(lambda: reuters_count(W + r"[Uu]s" + E))},
    {"name": "markets NEAR/3 shares: the same stems as market NEAR/3 share",
     "args": ["markets NEAR/3 shares", "--limit", "0"],
     "check": all_of(same_total("market NEAR/3 share"), more_than(117))},
    {"name": "NEAR hits hold both words by stem", "args": ["markets NEAR/3 shares " + IN_REUTERS, "--limit", "30"],
     "check": every_hit(r"(?is)(?=.*\bmarket).*\bshar")},
    {"name": "ADJ by stem", "args": ["shares ADJ/2 markets", "--limit", "0"], "check": same_total("share ADJ/2 market")},
    {"name": "a phrase by stem", "args": ['"interest rates"', "--limit", "0"], "check": same_total('"interest rate"')},
    {"name": "a Hangul alias finds its entity's documents", "args": ["방탄소년단", "--limit", "0"],
     "check": same_total("artist:bts")},
    {"name": "a one-syllable Hangul alias too", "args": ["뷔", "--limit", "0"], "check": same_total("artist:v")},
    {"name": "jhope finds J-Hope", "args": ["jhope", "--limit", "0"], "check": same_total("artist:j-hope")},
    {"name": "author by a display name in mathematical letters", "args": ['author:"𝗝 𝗮 𝘆 𝘆"'],
     "check": first_author("@jayixhere")},
    {"name": "author by the same name in plain letters", "args": ['author:"j a y y"'],
     "check": first_author("@jayixhere")},
    {"name": "author by a Hangul display name", "args": ["author:눈꽃왕자"], "check": first_author("@tae_mybabybear")},
    {"name": "author by handle still", "args": ["author:@Vdailyl"], "check": first_author("@Vdailyl")},
    {"name": "fullwidth letters fold", "args": ["ＬＩＳＡ", "--limit", "0"], "check": same_total("lisa")},
    {"name": "fullwidth words fold", "args": ["ｃｏｃｏａ", "--limit", "0"], "check": same_total("cocoa")},
    {"name": "mathematical bold letters fold", "args": ["𝐜𝐨𝐜𝐨𝐚", "--limit", "0"], "check": same_total("cocoa")},
    {"name": "accents fold", "args": ["Beyoncé", "--limit", "0"], "check": same_total("beyonce")},
    {"name": "a title is not cut at an abbreviation's dot", "args": ["file:" + "ABBREV_FILE"],
     "check": title_is("The U.N. Security Council and the U.S. Congress met on Monday in N.Y. to talk about "
                       "trade.")},
]


def abbreviation_text(folder):
    """A text without a title line: its title is its first sentence."""
    path = os.path.join(folder, "abbreviations.txt")
    first = ("The U.N. Security Council and the U.S. Congress met on Monday in N.Y. to talk about trade. "
             "The talks went on for a long time, and the delegates said more would follow in the spring of "
             "the next year.")
    with open(path, "w", encoding="utf-8") as f:
        f.write(first + "\n\nMore text.\n")
    return path


def schema_checks(tmp):
    """An index of another schema: both tools say so and exit 1."""
    db = os.path.join(tmp, "old.db")
    p = run(INDEX, "--quiet", "--db", db, SEEDS)
    if p.returncode != 0:
        return [("seeds index", False, p.stderr)]
    p = run("xapian-metadata", "set", db, "news:schema", "1")
    if p.returncode != 0:
        return [("xapian-metadata", False, p.stderr)]
    out = []
    s = run(SEARCH, "--db", db, "gaga")
    out.append(("news-search on an older index exits 1 and says to rebuild",
                s.returncode == 1 and "news-index --rebuild" in s.stderr and 'schema "1"' in s.stderr, s.stderr))
    i = run(INDEX, "--db", db, SEEDS)
    out.append(("news-index on an older index exits 1 and says to rebuild",
                i.returncode == 1 and "news-index --rebuild" in i.stderr, i.stderr))
    r = run(INDEX, "--quiet", "--rebuild", "--db", db, SEEDS)
    s = run(SEARCH, "--db", db, "gaga")
    out.append(("after --rebuild it answers", r.returncode == 0 and s.returncode == 0, r.stderr + s.stderr))
    return out


def main():
    global DB
    for path in (REUTERS, BBC, SEEDS):
        if not os.path.exists(path):
            print("skipped: %s not found" % path)
            return 77
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        extra = os.path.join(tmp, "extra")
        os.mkdir(extra)
        abbrev = abbreviation_text(extra)
        DB = os.path.join(tmp, "everyday.db")
        p = run(INDEX, "--quiet", "--db", DB, REUTERS, BBC, SEEDS, extra)
        if p.returncode != 0:
            print("BAD indexing: " + p.stderr)
            return 1
        for row in ROWS:
            args = [a.replace("ABBREV_FILE", abbrev) for a in row["args"]]
            a = Answer(args)
            ok, detail = (False, "exit %d: %s" % (a.rc, a.stderr.strip())) if a.rc != 0 else row["check"](a)
            failures += not ok
            print("%s %s%s" % ("ok " if ok else "BAD", row["name"], "" if ok else "  -- " + str(detail)))
        for what, ok, detail in schema_checks(tmp):
            failures += not ok
            print("%s %s%s" % ("ok " if ok else "BAD", what, "" if ok else "  -- " + str(detail)))
    print("%d rows, %d failed" % (len(ROWS) + 3, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
