#!/usr/bin/env python3
"""Check that the manual pages list exactly the options and fields of --help.

    check_man_options.py SRC NEWS_INDEX NEWS_SEARCH

Reads the scdoc sources of doc/man/ (so it runs with or without scdoc):
the options of a page are the terms of its OPTIONS section, the lines that
start with *-... (such as "*-n*, *--limit* _N_"); the fields of
news-query(7) are the terms of its FIELDS section (*title:*_WORD_). It
compares them, both ways, with the short and long options that each tool's
--help lists under "Options:", and with the fields news-search --help lists
under "Fields:". Prints each difference, naming the options, and exits 1
when there is one: an option added to a tool needs its entry in the page.
"""
import os
import re
import subprocess
import sys


def section(lines, start, stop):
    """The lines after the first matching start, up to the next matching stop."""
    out, inside = [], False
    for line in lines:
        if inside and re.match(stop, line):
            break
        if inside:
            out.append(line)
        elif re.match(start, line):
            inside = True
    return out


def help_text(tool):
    run = subprocess.run([tool, "--help"], capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"{tool} --help exited {run.returncode}: {run.stderr.strip()}")
    return run.stdout.splitlines()


def help_options(lines):
    found = set()
    for line in section(lines, r"Options:", r"\S"):
        m = re.match(r"\s+((?:-[A-Za-z],)?--[a-z][\w-]*)", line)
        if m:
            found.update(m.group(1).split(","))
    return found


def help_fields(lines):
    return {m.group(1) for line in section(lines, r"Fields:", r"\S")
            if (m := re.match(r"\s+([a-z]+):\s", line))}


def page_lines(src, page):
    with open(os.path.join(src, "doc", "man", page + ".scd"), encoding="utf-8") as f:
        return f.read().splitlines()


def page_options(lines):
    terms = [l for l in section(lines, r"# OPTIONS$", r"# ") if l.startswith("*-")]
    return {o for l in terms for o in re.findall(r"\*(--?[A-Za-z][\w-]*)\*", l)}


def page_fields(lines):
    terms = [l for l in section(lines, r"# FIELDS$", r"# ") if l.startswith("*")]
    return {f for l in terms for f in re.findall(r"\*([a-z]+):", l)}


def compare(what, page, in_help, in_page):
    ok = True
    for side, names in (("in --help but not in the page", in_help - in_page),
                        ("in the page but not in --help", in_page - in_help)):
        if names:
            print(f"{page}: {what} {side}: {' '.join(sorted(names))}")
            ok = False
    if ok:
        print(f"{page}: {len(in_help)} {what}, the same as --help")
    return ok


def main():
    src, news_index, news_search = sys.argv[1:4]
    search_help = help_text(news_search)
    checks = [
        ("options", "news-index.1", help_options(help_text(news_index)), page_options(page_lines(src, "news-index.1"))),
        ("options", "news-search.1", help_options(search_help), page_options(page_lines(src, "news-search.1"))),
        ("fields", "news-query.7", help_fields(search_help), page_fields(page_lines(src, "news-query.7"))),
    ]
    ok = True
    for what, page, in_help, in_page in checks:
        if not in_help:
            print(f"{page}: no {what} found in --help: has its layout changed?")
            ok = False
        ok = compare(what, page, in_help, in_page) and ok
    if not ok:
        print("Add or remove the entries in doc/man/*.scd (OPTIONS, FIELDS) to match --help.")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
