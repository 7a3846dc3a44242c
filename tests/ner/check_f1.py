#!/usr/bin/env python3
"""The shipped name model reproduces the F1 reported in bench/ner.md.

  check_f1.py REPO BUILD VALID_FILE

Runs bench/ner on VALID_FILE with the build's ner_tag and fails unless its
`overall F1 N` is within 0.002 of the figure bench/ner.md reports on its line
"`bench/ner ../shared/ner/valid.txt`: overall F1 **N**" (the one place it is
written, so the test and the report cannot drift)."""
import re
import subprocess
import sys

TOLERANCE = 0.002


def main():
    repo, build, valid = sys.argv[1:4]
    with open(f"{repo}/bench/ner.md", encoding="utf-8") as f:
        m = re.search(r"`bench/ner \.\./shared/ner/valid\.txt`: overall F1 \*\*([0-9.]+)\*\*", f.read())
    if not m:
        sys.exit("bench/ner.md: no line \"`bench/ner ../shared/ner/valid.txt`: overall F1 **N**\"")
    reported = float(m.group(1))
    run = subprocess.run([sys.executable, f"{repo}/bench/ner", "--build", build, valid], capture_output=True, text=True)
    print(run.stdout, end="")
    if run.returncode != 0:
        sys.exit(f"bench/ner failed ({run.returncode}): {run.stderr}")
    last = run.stdout.strip().split("\n")[-1].split()
    if last[:2] != ["overall", "F1"]:
        sys.exit(f"bench/ner's last line is {' '.join(last)!r}, not 'overall F1 N'")
    measured = float(last[2])
    if abs(measured - reported) > TOLERANCE:
        sys.exit(f"valid F1 {measured:.4f}, bench/ner.md reports {reported:.4f}: more than {TOLERANCE} apart; "
                 "re-run bench/ner and update bench/ner.md (or the model)")
    print(f"valid F1 {measured:.4f}, reported {reported:.4f}: within {TOLERANCE}")


if __name__ == "__main__":
    main()
