#!/usr/bin/env python3
"""The facets of the JSON Lines fields that filter (topic, place, people,
org, exchange, source) on a slice of Reuters-21578, against counts made here
from the JSON Lines file itself.

The first LINES records are indexed from a temporary file.  For the whole
slice (a listing of filters only) and for the query `oil` (its matching
documents listed with --duplicates, and compared with the records whose
text holds the word), each facet's counts must equal the number of matching
records holding each value; --facet-limit keeps the biggest values; and the
facets of an index without such fields stay out of --facets.

Usage: field_facets.py BUILD_DIR JSONL
Exit 0 when every check passes, 1 otherwise, 77 (skipped) without JSONL.
"""
import collections
import json
import os
import re
import subprocess
import sys
import tempfile

from checks import check, compare, report

LINES = 2000
# facet -> the JSON Lines field it counts
FIELDS = {"topic": "topics", "place": "places", "people": "people", "org": "orgs", "exchange": "exchanges"}


def search(db, *args):
    p = subprocess.run([SEARCH, "--db", db, "--json", *args], capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit("news-search %s failed (%d): %s" % (" ".join(args), p.returncode, p.stderr))
    return json.loads(p.stdout)


def counted(records):
    """facet -> value -> the number of records holding it (once a record)."""
    counts = {facet: collections.Counter() for facet in list(FIELDS) + ["source"]}
    for r in records:
        for facet, key in FIELDS.items():
            counts[facet].update(set(r[key]))
        if r.get("source"):
            counts["source"][r["source"]] += 1
    return counts


def compare_facets(what, got, records):
    for facet, want in counted(records).items():
        compare("%s: %s facet" % (what, facet), got.get(facet), dict(want))


def main():
    build, jsonl = sys.argv[1:3]
    if not os.path.exists(jsonl):
        print("no %s: skipped" % jsonl)
        sys.exit(77)
    global SEARCH
    SEARCH = os.path.join(build, "searcher", "news-search")
    with open(jsonl, encoding="utf-8") as f:
        lines = [next(f) for _ in range(LINES)]
    records = [json.loads(l) for l in lines]
    records = [r for r in records if r["title"].strip() or r["body"].strip()]  # news-index skips the empty
    by_id = {r["id"]: r for r in records}
    with tempfile.TemporaryDirectory(prefix="news-facets-") as tmp:
        slice_path, db = os.path.join(tmp, "slice.jsonl"), os.path.join(tmp, "db")
        with open(slice_path, "w", encoding="utf-8") as f:
            f.writelines(lines)
        subprocess.run([os.path.join(build, "indexer", "news-index"), "-q", "--db", db, slice_path], check=True,
                       capture_output=True)

        everything = search(db, "--facets", "--limit", "0")
        compare("listing: total", everything["total"], len(records))
        compare_facets("listing", everything["facets"], records)

        # The documents matching "oil": the records holding the word (its
        # stem's forms), counted here, are those news-search lists.
        oil = search(db, "--facets", "--duplicates", "--limit", str(LINES), "oil")
        word = re.compile(r"\boil(s|ed|ing)?\b", re.I)
        want_ids = {r["id"] for r in records if word.search(r["title"] + "\n" + r["body"])}
        got_ids = {h["id"] for h in oil["hits"]}
        check("oil: the hits are the records holding the word", got_ids == want_ids,
              "only news-search: %s; only the records: %s" % (sorted(got_ids - want_ids)[:5],
                                                              sorted(want_ids - got_ids)[:5]))
        compare("oil: total", oil["total"], len(want_ids))
        check("oil: matches in some topic", sum(oil["facets"]["topic"].values()) > 0)
        compare_facets("oil", oil["facets"], [by_id[i] for i in sorted(got_ids)])

        # --facet and --facet-limit: the facets named, the biggest values.
        top = search(db, "--facet", "place", "--facet", "topic", "--facet-limit", "3", "--limit", "0", "oil")
        compare("--facet: the facets named", list(top["facets"]), ["topic", "place"])
        for facet in ("topic", "place"):
            values = top["facets"][facet]
            counts = sorted(oil["facets"][facet].values(), reverse=True)
            check("--facet-limit 3: the 3 biggest %s values" % facet,
                  len(values) == 3 and sorted(values.values(), reverse=True) == counts[:3]
                  and all(oil["facets"][facet][v] == n for v, n in values.items()), values)

        # A filter of a facet's value finds what the facet counts.
        for facet, value in (("topic", "crude"), ("place", "usa"), ("org", "opec")):
            n = oil["facets"][facet].get(value, 0)
            filtered = search(db, "--limit", "0", "oil", "%s:%s" % (facet, value))
            compare("oil %s:%s: total = the facet's count" % (facet, value), filtered["total"], n)

        # An index without these fields shows none of their facets.
        text_db, text = os.path.join(tmp, "text-db"), os.path.join(tmp, "story.txt")
        with open(text, "w", encoding="utf-8") as f:
            f.write("Oil prices\n\nOil prices rose today.\n")
        subprocess.run([os.path.join(build, "indexer", "news-index"), "-q", "--db", text_db, text], check=True)
        compare("text files: the facets", list(search(text_db, "--facets", "oil")["facets"]),
                ["artist", "person", "organisation", "location", "year", "month", "type", "platform"])
    report()


if __name__ == "__main__":
    main()
