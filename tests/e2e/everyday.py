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
     "check": every_hit(r"(?i)\b(U\.N|UN)\b")},  # (French "Un" is the same word to the index)
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


# "Several words mean all of them", operators, dates, "did you mean" and
# output (issue 26): the counts checked against the Reuters text where a
# regular expression can bound them, else against the query language's own
# explicit form (AND, OR, NOT) of the same question.

def words_count(*patterns):
    """Reuters records whose text matches every pattern (case-insensitive)."""
    rs = [re.compile(p, re.I) for p in patterns]
    return sum(1 for t in reuters_texts().values() if all(r.search(t) for r in rs))


def total_between(low, high):
    def check(a):
        lo, hi = low(), high()
        return a.total is not None and lo <= a.total <= hi, "total %s, expected %d..%d" % (a.total, lo, hi)
    return check


def all_complete(a):
    bad = [h["id"] for h in a.hits if not h.get("complete")]
    return a.hits and not bad, "partial hits in a list of complete matches: %s" % bad[:5]


def complete_first(a):
    flags = [h.get("complete") for h in a.hits]
    return flags == sorted(flags, reverse=True) and False in flags and True in flags, "complete flags %s" % flags


def no_hit(pattern):
    r = re.compile(pattern, re.I)

    def check(a):
        bad = [h["id"] for h in a.hits if r.search(hit_text(h))]
        return not bad, "hits with /%s/: %s" % (pattern, bad[:5])
    return check


def field_is(key, want):
    return lambda a: (a.json.get(key) == want, "%s is %r, expected %r" % (key, a.json.get(key), want))


def some_words_more_than(n):
    return lambda a: (a.json.get("some_words", 0) > n, "some_words %s" % a.json.get("some_words"))


def suggestion_is(want):
    return lambda a: (a.json.get("suggestion") == want, "suggestion %r" % a.json.get("suggestion"))


def stderr_has(text):
    return lambda a: (text in a.stderr, "stderr %r" % a.stderr)


def sum_is(*parts):
    """total equals the sum of other queries' totals and JSON fields: (args, key) pairs."""
    def check(a):
        got = 0
        for args, key in parts:
            got += Answer(["--limit", "0", *args]).json.get(key) or 0
        return a.total == got, "total %s, parts add up to %s" % (a.total, got)
    return check


def every_hit_undated(a):
    bad = [h["id"] for h in a.hits if h.get("date") is not None]
    return a.hits and not bad, "dated hits: %s" % bad[:5]


def doccount():
    return Answer(["--limit", "0", "--sort", "newest", "type:article OR type:post"]).total


def text_output(*args):
    return run(SEARCH, "--db", DB, "--color", "never", *args).stdout


WORD = r"\b%s(?:'s)?\b"
LONG = " ".join(re.findall(r"[a-z]+", "the board said it would raise the dividend " * 80))  # 640 words
MEDIUM = " ".join(sorted(set(re.findall(r"[a-z]{4,}", open(os.path.join(CORPORA, "bbc", "politics", "001.txt"),
                                                            encoding="utf-8", errors="replace").read().lower())))[:300])

ROWS += [
    # Several words mean all of them.
    {"name": "iran iraq war: the documents holding all three",
     "args": ["iran iraq war", IN_REUTERS, "--limit", "0"],
     "check": total_between(lambda: words_count(WORD % "iran", WORD % "iraq", WORD % "war"),
                            lambda: words_count(r"\biran", r"\biraq", r"\bwar"))},
    {"name": "iran iraq war counts as iran AND iraq AND war", "args": ["iran iraq war", "--limit", "0"],
     "check": same_total("iran AND iraq AND war")},
    {"name": "iran iraq war --sort newest lists complete matches only",
     "args": ["iran iraq war", "--sort", "newest", "--limit", "100"],
     "check": all_of(all_complete, every_hit(r"(?is)(?=.*\biran)(?=.*\biraq).*\bwar"))},
    {"name": "iran iraq war by relevance: complete matches first, then partial",
     "args": ["iran iraq war", "--limit", "60", "--offset", "0", "--duplicates"],
     "check": lambda a: (True, "") if a.total >= 60 else complete_first(a)},
    {"name": "coffee brazil: the documents holding both",
     "args": ["coffee brazil", IN_REUTERS, "--limit", "0"],
     "check": total_between(lambda: words_count(WORD % "coffee", WORD % "brazil"),
                            lambda: words_count(r"\bcoffee", r"\bbrazil"))},
    {"name": "the facets count complete matches", "args": ["coffee brazil", "--facets", "--limit", "0"],
     "check": lambda a: (sum(a.json["facets"]["type"].values()) == a.total,
                         "type facet %s, total %s" % (a.json["facets"]["type"], a.total))},
    {"name": "no document holds all the words: partial matches shown, exit 0",
     "args": ["zebra coffee", "--limit", "5"],
     "check": all_of(total_is(0), some_words_more_than(10),
                     lambda a: (bool(a.hits) and not any(h["complete"] for h in a.hits), "hits %s" % a.hits[:1]))},
    {"name": "no document holds all the words, by date: none listed, partial ones counted",
     "args": ["zebra coffee", "--sort", "newest"],
     "check": all_of(total_is(0), some_words_more_than(10), lambda a: (not a.hits, "hits listed"))},
    {"name": "--any counts any of the words", "args": ["iran iraq", "--any", "--limit", "0"],
     "check": same_total("iran OR iraq")},
    {"name": "an explicit OR means any of its words", "args": ["gold OR silver", IN_REUTERS, "--limit", "50"],
     "check": all_of(all_complete, every_hit(r"\b(gold|silver)", re.I),
                     total_between(lambda: words_count(r"\b(gold|silver)\b"), lambda: words_count(r"\b(gold|silver)")))},
    {"name": "--offset pages from the complete matches into the partial ones",
     "args": ["opec ecuador", "--offset", "0", "--limit", "200", "--duplicates"],
     "check": complete_first},
    {"name": "+word and -word keep their meaning", "args": ["coffee", "+brazil", "-colombia", "--sort", "newest",
                                                            "--limit", "50"],
     "check": all_of(every_hit(r"(?is)(?=.*\bcoffee).*\bbrazil"), no_hit(r"\bcolombia\b"))},
    # Operators and symbols.
    {"name": "NOT gold alone: the documents without gold", "args": ["NOT gold", "--limit", "100"],
     "check": all_of(no_hit(r"\bgold\b"), field_is("sort", "newest"),
                     lambda a: (a.total == doccount() - total("gold"), "total %s" % a.total))},
    {"name": "-gold alone means NOT gold", "args": ["-gold", "--limit", "0"], "check": same_total("NOT gold")},
    {"name": "-- ends the options: -gold after it is the query", "args": ["--limit", "0", "--", "-gold"],
     "check": same_total("NOT gold")},
    {"name": "coffee -brazil unquoted", "args": ["coffee", "-brazil", "--limit", "50"],
     "check": all_of(every_hit(r"\bcoffee", re.I), no_hit(r"\bbrazil\b"), same_total("coffee NOT brazil"))},
    {"name": "options after the words still work", "args": ["lady", "gaga", "jazz", "--limit", "2"],
     "check": lambda a: (len(a.hits) == 2, "%d hits" % len(a.hits))},
    {"name": "NOT with a filter", "args": ["--type", "post", "NOT", "gaga", "--limit", "50"],
     "check": all_of(no_hit(r"gaga"), lambda a: (all(h["type"] == "post" for h in a.hits), "not all posts"))},
    {"name": "*** is refused", "args": ["***"], "exit": 2, "check": stderr_has("no word to search for")},
    {"name": "&& is refused", "args": ["&&"], "exit": 2, "check": stderr_has("no word to search for")},
    {"name": "an emoji alone is refused", "args": ["🎉"], "exit": 2, "check": stderr_has("no word to search for")},
    {"name": "a lone bracket is refused", "args": ["("], "exit": 2, "check": stderr_has("no word to search for")},
    {"name": "an unclosed quote runs the phrase to the end, with a note", "args": ['"coffee prices', "--limit", "0"],
     "check": all_of(same_total('"coffee prices"'), stderr_has("not closed"))},
    {"name": "an unknown field is searched as words, with a note", "args": ["colour:coffee", "--limit", "0"],
     "check": stderr_has('"colour:" is not a field')},
    {"name": "a negative --limit is refused", "args": ["gold", "--limit", "-5"], "exit": 2,
     "check": stderr_has("negative")},
    {"name": "a negative --offset is refused", "args": ["gold", "--offset", "-1"], "exit": 2,
     "check": stderr_has("negative")},
    {"name": "--snippet-length 0: no snippet", "args": ["gold", "--snippet-length", "0", "--limit", "5"],
     "check": lambda a: (bool(a.hits) and all(h["snippet"] == "" for h in a.hits), "snippets given")},
    {"name": "a pasted passage of 640 words is refused with the limit", "args": [LONG], "exit": 2,
     "check": stderr_has("at most 500")},
    {"name": "a long query of 300 words answers", "args": [MEDIUM, "--limit", "3"],
     "check": lambda a: (a.rc == 0, "exit %s" % a.rc)},
    # Dates never hide documents silently.
    {"name": "a date filter counts the undated matches it leaves out",
     "args": ["blair", "--from", "2004", "--limit", "0"],
     "check": lambda a: (a.json.get("undated_left_out", 0) > 100 and
                         a.json["undated_left_out"] == total("blair", "--undated"),
                         "left out %s, undated %s" % (a.json.get("undated_left_out"), total("blair", "--undated")))},
    {"name": "--undated lets them through", "args": ["blair", "--from", "1987", "--undated", "--limit", "0"],
     "check": lambda a: (a.total == total("blair", "--from", "1987") + total("blair", "--undated"),
                         "total %s" % a.total)},
    {"name": "--undated alone selects them", "args": ["blair", "--undated", "--limit", "50"],
     "check": all_of(every_hit_undated, sum_is((["blair", "--from", "2004"], "undated_left_out")))},
    # Did you mean.
    {"name": "petrolium: did you mean petroleum", "args": ["petrolium", "--limit", "0"],
     "check": suggestion_is("petroleum")},
    {"name": "brazil coffe: did you mean brazil coffee", "args": ["brazil coffe", "--limit", "0"],
     "check": suggestion_is("brazil coffee")},
    {"name": "opec miniters: did you mean opec ministers", "args": ["opec miniters", "--limit", "0"],
     "check": suggestion_is("opec ministers")},
    {"name": "an alias is never corrected (jhope finds J-Hope, not hope)", "args": ["jhope", "--limit", "0"],
     "check": all_of(suggestion_is(None), same_total("artist:j-hope"))},
    {"name": "a misspelt alias is corrected to the alias", "args": ["taehyng", "--limit", "0"],
     "check": suggestion_is("taehyung")},
    {"name": "grain is not corrected to a commoner word", "args": ["grain", "--limit", "0"],
     "check": suggestion_is(None)},
    {"name": "a query that finds what it asked for is left alone", "args": ["coffee prices", "--limit", "0"],
     "check": suggestion_is(None)},
]


def output_checks():
    """The text output reads right (singular, no empty months)."""
    out = []
    one = text_output("--limit", "0", "ecuador quito earthquake oil", "--sort", "newest")
    first = one.splitlines()[0] if one else ""
    plural_ok = not re.match(r"1 results?\b", first) or first.startswith("1 result ")
    out.append(("a count of one is singular (%s)" % first, plural_ok, first))
    facets = text_output("--limit", "0", "--facets", "opec")
    out.append(("the month facet lists no empty month", not re.search(r"^\s+\d{4}-\d{2}\s+0\s", facets, re.M),
                facets[-500:]))
    return out


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
        checks = 0
        for row in ROWS:
            args = [a.replace("ABBREV_FILE", abbrev) for a in row["args"]]
            a = Answer(args)
            want = row.get("exit", 0)
            if a.rc != want:
                ok, detail = False, "exit %d (expected %d): %s" % (a.rc, want, a.stderr.strip())
            else:
                ok, detail = row["check"](a)
            checks += 1
            failures += not ok
            print("%s %s%s" % ("ok " if ok else "BAD", row["name"], "" if ok else "  -- " + str(detail)))
        for what, ok, detail in schema_checks(tmp) + output_checks():
            checks += 1
            failures += not ok
            print("%s %s%s" % ("ok " if ok else "BAD", what, "" if ok else "  -- " + str(detail)))
    print("%d passed, %d failed" % (checks - failures, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
