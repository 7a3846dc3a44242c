#!/usr/bin/env python3
"""Convert a Reuters JSON Lines corpus into the peers' input formats.

    bench/convert.py omega IN.jsonl OUT.dump   # scriptindex dump (bench/reuters.scriptindex)
    bench/convert.py fts5  IN.jsonl OUT.csv    # CSV for the sqlite3 CLI's .import (bench/fts5_load.sql)

news-index reads the JSON Lines itself; the peers are given their own native
input, made here beforehand, so that their timed runs do not include this
conversion (the benchmark reports its time apart).  The fields are the ones
news-index indexes: id, title, body, date, and the people, places, orgs,
topics and exchanges codes.  Dates become YYYYMMDD (scriptindex: value slot
and D/M/Y terms) or YYYY-MM-DD (FTS5).
"""
import csv
import json
import sys

CODES = ("people", "places", "orgs", "topics", "exchanges")


def records(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def omega_value(text):
    # A newline in a value is escaped as newline + '='; a record ends at a blank line.
    return text.replace("\r", "").replace("\n", "\n=")


def to_omega(src, dst):
    n = 0
    with open(dst, "w", encoding="utf-8") as out:
        for r in records(src):
            lines = ["id=" + r["id"]]
            if r.get("title"):
                lines.append("title=" + omega_value(r["title"]))
            if r.get("body"):
                lines.append("body=" + omega_value(r["body"]))
            date = (r.get("date") or "")[:10].replace("-", "")
            if date:
                lines.append("date=" + date)
            for c in CODES:
                lines.extend(c + "=" + v.lower() for v in r.get(c) or [])
            out.write("\n".join(lines) + "\n\n")
            n += 1
    return n


def to_fts5(src, dst):
    n = 0
    with open(dst, "w", encoding="utf-8", newline="") as out:
        w = csv.writer(out)
        for r in records(src):
            w.writerow([r["id"], (r.get("date") or "")[:10], r.get("title") or "", r.get("body") or ""] +
                       [" ".join(r.get(c) or []) for c in CODES])
            n += 1
    return n


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("omega", "fts5"):
        sys.exit("usage: convert.py omega|fts5 IN.jsonl OUT")
    n = (to_omega if sys.argv[1] == "omega" else to_fts5)(sys.argv[2], sys.argv[3])
    print("%s: %d records" % (sys.argv[3], n), file=sys.stderr)


if __name__ == "__main__":
    main()
