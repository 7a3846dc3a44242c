#!/usr/bin/env python3
"""Run one command-line golden test case and compare it whole.

A case is tests/cli/cases/NAME.cmd: one bash command line that may use
$NEWS_INDEX, $NEWS_SEARCH, $DB (the seed-corpus index), $SRC (the source
tree) and $TMP (a fresh empty folder).  Its expectation, NAME.expected, is
the exit code, stdout and stderr, after masking the paths of $TMP, $DB, $SRC
and timings.  With --update the expectation is (re)written: read the diff
before committing it.
"""
import argparse
import difflib
import os
import re
import subprocess
import sys
import tempfile


def mask(text, env):
    for key in ("TMP", "DB", "SRC"):
        text = text.replace(env[key], "<" + key + ">")
    text = re.sub(r"\b\d+\.\d\d s\b", "<T> s", text)
    return text


def render(code, out, err):
    return "exit: %d\n--- stdout\n%s--- stderr\n%s" % (code, out, err)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("case")
    ap.add_argument("--src", required=True)
    ap.add_argument("--bin", required=True, help="build folder")
    ap.add_argument("--db", required=True)
    ap.add_argument("--update", action="store_true")
    a = ap.parse_args()

    cases = os.path.join(a.src, "tests", "cli", "cases")
    with open(os.path.join(cases, a.case + ".cmd"), encoding="utf-8") as f:
        command = "".join(l for l in f if not l.startswith("#")).strip()
    with tempfile.TemporaryDirectory(prefix="news-cli-") as tmp:
        env = dict(os.environ)
        env.pop("NO_COLOR", None)
        env.pop("NEWS_DB", None)
        env.update(
            NEWS_INDEX=os.path.join(os.path.abspath(a.bin), "indexer", "news-index"),
            NEWS_SEARCH=os.path.join(os.path.abspath(a.bin), "searcher", "news-search"),
            DB=os.path.abspath(a.db),
            SRC=os.path.abspath(a.src),
            TMP=tmp,
            LC_ALL="C.UTF-8",
        )
        p = subprocess.run(["bash", "-c", command], cwd=tmp, env=env, capture_output=True, timeout=600)
        got = render(p.returncode, mask(p.stdout.decode("utf-8", "replace"), env),
                     mask(p.stderr.decode("utf-8", "replace"), env))

    expected_path = os.path.join(cases, a.case + ".expected")
    if a.update:
        with open(expected_path, "w", encoding="utf-8") as f:
            f.write(got)
        print("updated", expected_path)
        return 0
    try:
        with open(expected_path, encoding="utf-8") as f:
            want = f.read()
    except FileNotFoundError:
        print("no expectation %s; run with --update and read it" % expected_path)
        return 1
    if got == want:
        print("ok", a.case)
        return 0
    sys.stdout.writelines(difflib.unified_diff(want.splitlines(True), got.splitlines(True),
                                               "expected", "got"))
    return 1


if __name__ == "__main__":
    sys.exit(main())
