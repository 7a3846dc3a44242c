#!/usr/bin/env python3
"""In-process query latency for the peers, printed like news-search --batch.

    bench/inproc.py fts5   DB.sqlite QUERIES.tsv
    bench/inproc.py xapian DB        QUERIES.tsv     (needs python3-xapian)

QUERIES.tsv holds the lines of bench/queries.txt to run, in order (the
caller repeats them for warm-up and passes).  For each line this prints
QUERY<TAB>TOTAL<TAB>MICROSECONDS, the time taken (time.perf_counter_ns) to
get the 10 best hits with a snippet each, ready to print:

- fts5: one SELECT of id, date, title and snippet() (32 tokens, about the
  200 bytes news-search shows) ORDER BY rank (bm25) LIMIT 10, with the date
  range as a BETWEEN on the date column; TOTAL is a separate count(*), not
  timed (FTS5 has no cheaper way to it);
- xapian: the scriptindex database through the Python bindings, the same
  QueryParser set-up as quest (English stemming, title:, people:, month:),
  an exact total (check_at_least = all documents, as news-search does) and
  MSet.snippet() of the stored body (200 bytes).
"""
import sqlite3
import sys
import time

FTS5_SELECT = ("SELECT id, date, title, snippet(docs, -1, '<mark>', '</mark>', '…', 32) FROM docs "
               "WHERE docs MATCH ?{date} ORDER BY rank LIMIT 10")
FTS5_COUNT = "SELECT count(*) FROM docs WHERE docs MATCH ?{date}"


def fts5_sql(template, date_range):
    return template.format(date=" AND date BETWEEN ? AND ?" if date_range else "")


def fts5_params(match, date_range):
    if not date_range:
        return (match,)
    lo, hi = date_range.split("..")
    return (match, lo + "-01", hi + "-31")


def run_fts5(db, rows):
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    totals = {}
    for r in rows:
        match, dates = r[3], r[4] if len(r) > 4 else ""
        sql, params = fts5_sql(FTS5_SELECT, dates), fts5_params(match, dates)
        t0 = time.perf_counter_ns()
        hits = con.execute(sql, params).fetchall()
        us = (time.perf_counter_ns() - t0) // 1000
        assert len(hits) <= 10
        key = (match, dates)
        if key not in totals:
            totals[key] = con.execute(fts5_sql(FTS5_COUNT, dates), params).fetchone()[0]
        print("%s\t%d\t%d" % (r[1], totals[key], us))


def run_xapian(path, rows):
    import xapian
    db = xapian.Database(path)
    stem = xapian.Stem("english")
    qp = xapian.QueryParser()
    qp.set_database(db)
    qp.set_stemmer(stem)
    qp.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
    qp.add_prefix("title", "S")
    qp.add_boolean_prefix("people", "XPEOPLE")
    qp.add_boolean_prefix("month", "M")
    enquire = xapian.Enquire(db)
    flags = xapian.MSet.SNIPPET_BACKGROUND_MODEL | xapian.MSet.SNIPPET_EXHAUSTIVE
    for r in rows:
        t0 = time.perf_counter_ns()
        enquire.set_query(qp.parse_query(r[2]))
        mset = enquire.get_mset(0, 10, db.get_doccount())
        shown = []
        for m in mset:
            fields = dict(line.split("=", 1) for line in m.document.get_data().decode("utf-8", "replace").split("\n")
                          if "=" in line)
            shown.append((fields.get("id"), fields.get("title"),
                          mset.snippet(fields.get("body", ""), 200, stem, flags, "<mark>", "</mark>", "…")))
        us = (time.perf_counter_ns() - t0) // 1000
        print("%s\t%d\t%d" % (r[1], mset.get_matches_estimated(), us))


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("fts5", "xapian"):
        sys.exit("usage: inproc.py fts5|xapian DB QUERIES.tsv")
    with open(sys.argv[3], encoding="utf-8") as f:
        rows = [l.rstrip("\n").split("\t") for l in f if l.strip() and not l.startswith("#")]
    (run_fts5 if sys.argv[1] == "fts5" else run_xapian)(sys.argv[2], rows)


if __name__ == "__main__":
    main()
