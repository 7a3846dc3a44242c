#!/usr/bin/env python3
"""Facet and date-range counts on Reuters-21578 must equal the counts
computed straight from the JSON Lines file.

Usage: check_reuters.py NEWS_SEARCH DB JSONL
"""
import collections
import html
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e"))
from checks import compare, report  # noqa: E402  (tests/e2e/checks.py)


def search(news_search, db, *args):
    out = subprocess.run([news_search, "--db", db, "--json", "--limit", "0", *args],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def main():
    news_search, db, jsonl = sys.argv[1:4]
    people, orgs, months, years, days = (collections.Counter() for _ in range(5))
    with open(jsonl, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if not r["title"].strip() and not r["body"].strip():
                continue  # no text: news-index skips it (reuters-12793)
            for p in set(r["people"]):
                people[p] += 1
            for o in set(r["orgs"]):
                orgs[o] += 1
            months[r["date"][:7]] += 1
            years[r["date"][:4]] += 1
            days[r["date"][:10]] += 1

    def check(what, got, want):  # what news-search says against what the JSON Lines file holds
        compare(what, got, want, ("news-search", "jsonl"))

    # Facets over the whole collection (an empty query lists everything).
    everything = search(news_search, db, "--facets", "--type", "article")
    check("total articles", everything["total"], sum(months.values()))
    for month, n in sorted(months.items()):
        check("month facet " + month, everything["facets"]["month"].get(month, 0), n)
    for year, n in sorted(years.items()):
        check("year facet " + year, everything["facets"]["year"].get(year, 0), n)
    for person, n in people.most_common(5):
        check("artist facet " + person, everything["facets"]["artist"].get(person, 0), n)

    # Filters by person and org.
    for person, n in people.most_common(3):
        check("--artist " + person, search(news_search, db, "--artist", person)["total"], n)
    for org, n in orgs.most_common(2):
        check("artist:" + org, search(news_search, db, "artist:" + org)["total"], n)

    # Facets within a filter: James Baker's articles per month.
    baker = collections.Counter()
    with open(jsonl, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if "james-baker" in r["people"]:
                baker[r["date"][:7]] += 1
    faceted = search(news_search, db, "--facets", "--artist", "james-baker")
    for month, n in sorted(baker.items()):
        check("james-baker per month " + month, faceted["facets"]["month"].get(month, 0), n)

    # Date ranges, inclusive, in every form.
    def in_range(lo, hi):
        return sum(n for d, n in days.items() if lo <= d <= hi)

    check("date:1987-03", search(news_search, db, "date:1987-03")["total"], months["1987-03"])
    check("date:1987-04-01..1987-04-07", search(news_search, db, "date:1987-04-01..1987-04-07")["total"],
          in_range("1987-04-01", "1987-04-07"))
    check("date:..1987-03-15", search(news_search, db, "date:..1987-03-15")["total"],
          in_range("0000", "1987-03-15"))
    check("date:1987-06..", search(news_search, db, "date:1987-06..")["total"], in_range("1987-06-01", "9999"))
    check("--from 1987-03-31 --to 1987-04", search(news_search, db, "--from", "1987-03-31", "--to", "1987-04")["total"],
          in_range("1987-03-31", "1987-04-30"))
    check("year:1987 month:1987-10", search(news_search, db, "year:1987 month:1987-10")["total"], months["1987-10"])

    # Stored fields (packed against the index's dictionary) come back as read:
    # every 400th record's title, date, source line and the start of its text.
    stored_ok, sampled = 0, 0
    with open(jsonl, encoding="utf-8") as f:
        for line_no, line in enumerate(f, 1):
            if line_no % 400 != 1:
                continue
            r = json.loads(line)
            sampled += 1
            out = subprocess.run([news_search, "--db", db, "--json", "--limit", "1", "id:" + r["id"]],
                                 check=True, capture_output=True, text=True).stdout
            hits = json.loads(out)["hits"]
            # (A record whose body is only a table starts with its title.)
            texts = [" ".join(t.split()) for t in (r["body"], r["title"] + " " + r["body"])]
            start = " ".join(html.unescape(hits[0]["snippet"]).rstrip("\u2026").split())[:40] if hits else None
            # (A record without a title gets its first sentence.)
            if (len(hits) == 1 and (hits[0]["title"] == r["title"] or not r["title"]) and hits[0]["date"] == r["date"][:10]
                    and hits[0]["source"].endswith(":%d" % line_no) and any(t.startswith(start) for t in texts)):
                stored_ok += 1
            else:
                print("BAD stored fields of", r["id"], hits[:1])
    check("records whose stored fields read back", stored_ok, sampled)

    # Spelling: a fresh build of a large corpus drops the words it met once
    # ("tarrif", a typo in one record, would otherwise be corrected into
    # nothing), and suggests the common ones.
    for typed, want in (("tarrif", "tariff"), ("goverment", "government"), ("curency markets", "currency markets")):
        got = search(news_search, db, typed)["suggestion"]
        check("suggestion for %s is %s (%s)" % (typed, want, got), int(got == want), 1)

    # The dictionary's copy beside the tables (news-docdict, which news-search
    # maps) is the metadata's; without it, or with a file that is not the
    # dictionary (another id, cut short, not one at all), every answer is the
    # same, read through the metadata.
    dict_file = os.path.join(db, "news-docdict")
    check("dictionary file beside the tables", int(os.path.isfile(dict_file) and os.path.getsize(dict_file) > 0), 1)
    if os.path.isfile(dict_file):
        with open(dict_file, "rb") as f:
            dictionary = f.read()
        queries = [["oil"], ['"interest rates"'], ["--offset", "40", "trade deficit"], ["--artist", "james-baker", "dollar"]]

        def answers(where):
            return [subprocess.run([news_search, "--db", where, "--json", "--limit", "10", *q], capture_output=True,
                                   text=True).stdout for q in queries]

        want = answers(db)
        other_id = bytearray(dictionary)
        other_id[4:8] = bytes(b ^ 0x5A for b in other_id[4:8])
        with tempfile.TemporaryDirectory() as tmp:
            copy = os.path.join(tmp, "copy.db")
            shutil.copytree(db, copy)
            for what, content in (("no file", None), ("another dictionary's id", bytes(other_id)),
                                  ("cut in half", dictionary[:len(dictionary) // 2]), ("not a dictionary", b"x" * 4096)):
                target = os.path.join(copy, "news-docdict")
                if os.path.exists(target):
                    os.remove(target)
                if content is not None:
                    with open(target, "wb") as f:
                        f.write(content)
                got = answers(copy)
                check("answers with the dictionary file: %s" % what, sum(a == b for a, b in zip(got, want)), len(want))

    # --quick: the page without feedback.  The complete matches (holding
    # every word) are counted exactly: the all-words query walks only its
    # rarest word's documents.  The partial ones (some of the words), and the
    # matches of an OR query, are counted exactly up to 100 and where Xapian's
    # bounds meet (one word), else estimated, said so ("about",
    # "total_exact"/"some_words_exact": false); --facets and the date orders
    # check every match.  Its pages are the pages of one ranking, complete
    # matches first, each part in the order of its scores.
    def page(*args):
        out = subprocess.run([news_search, "--db", db, "--json", *args], check=True, capture_output=True,
                             text=True).stdout
        return json.loads(out)

    def about(what, estimated, got, exact):
        if estimated:
            check("--quick %s: estimate within half and twice %d (%d)" % (what, exact, got),
                  int(exact / 2 <= got <= exact * 2), 1)
        else:
            check("--quick %s" % what, got, exact)

    for q in ("oil prices", "cocoa buffer stock", "bundesbank", "poehl lombard", "poehl stoltenberg", "oil OR prices"):
        full = page("--limit", "0", q)
        quick = page("--quick", "--limit", "10", q)
        about("%s: total" % q, not quick["total_exact"], quick["total"], full["total"])
        about("%s: some of the words" % q, not quick["some_words_exact"], quick["some_words"], full["some_words"])
        check("--quick %s: the total is exact but for an OR query" % q, int(quick["total_exact"]),
              int(q != "oil OR prices"))
        text = subprocess.run([news_search, "--db", db, "--quick", "--limit", "1", "--color", "never", q],
                              check=True, capture_output=True, text=True).stdout.splitlines()[0]
        check("--quick %s: the header says about where estimated (%s)" % (q, text), int("about " in text),
              int(not quick["total_exact"] or (quick["some_words"] > 0 and not quick["some_words_exact"])))
        check("--quick --facets %s: exact total" % q, page("--quick", "--facets", "--limit", "0", q)["total"],
              full["total"])
        newest = page("--quick", "--sort", "newest", "--limit", "0", q)
        check("--quick --sort newest %s: exact total" % q, (newest["total"], newest["total_exact"]),
              (full["total"], True))
        forty = page("--quick", "--limit", "40", q)["hits"]
        second = page("--quick", "--limit", "10", "--offset", "10", q)["hits"]
        check("--quick %s: page 2 is ranks 11-20 of one list" % q, [h["id"] for h in second],
              [h["id"] for h in forty[10:20]])
        check("--quick %s: page 1 is ranks 1-10" % q, [h["id"] for h in quick["hits"]], [h["id"] for h in forty[:10]])
        flags = [h["complete"] for h in forty]
        check("--quick %s: complete matches first" % q, flags, sorted(flags, reverse=True))
        for part in (True, False):
            scores = [h["score"] for h in forty if h["complete"] == part]
            check("--quick %s: in the order of the scores (complete %s)" % (q, part), scores,
                  sorted(scores, reverse=True))

    report()

if __name__ == "__main__":
    main()
