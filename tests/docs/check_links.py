#!/usr/bin/env python3
"""Check that every relative link of the project's Markdown files resolves.

    check_links.py SRC

Reads README.md, CONTRIBUTING.md, doc/*.md and bench/*.md under SRC. A link
to a file must name one that exists; a link to a heading (#anchor, in this
file or another Markdown file) must name a heading there, spelled as GitHub
makes its anchors. Links with a scheme (https:, mailto:) are not checked.
Prints each broken link as FILE: LINK: why, and exits 1 when there is one.
"""
import glob
import os
import re
import sys


def slug(heading):
    """GitHub's anchor of a heading: lower case, punctuation but - and _ dropped, spaces to -."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def anchors(path):
    found, fence = set(), False
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("```"):
                fence = not fence
            elif not fence and re.match(r"#{1,6} ", line):
                found.add(slug(line.lstrip("#")))
    return found


def main():
    src = sys.argv[1]
    files = [os.path.join(src, f) for f in ("README.md", "CONTRIBUTING.md")]
    files += sorted(glob.glob(os.path.join(src, "doc", "*.md")) + glob.glob(os.path.join(src, "bench", "*.md")))
    broken = 0
    for f in files:
        if not os.path.exists(f):
            continue
        with open(f, encoding="utf-8") as fh:
            text = re.sub(r"```.*?```", "", fh.read(), flags=re.S)  # code blocks hold no links
        for link in re.findall(r"\]\(([^)\s]+)\)", text):
            if re.match(r"[a-z][a-z0-9+.-]*:", link):
                continue
            path, _, anchor = link.partition("#")
            target = os.path.normpath(os.path.join(os.path.dirname(f), path)) if path else f
            why = None
            if not os.path.exists(target):
                why = "no such file"
            elif anchor and target.endswith(".md") and anchor not in anchors(target):
                why = "no such heading"
            if why:
                print(f"{os.path.relpath(f, src)}: {link}: {why}")
                broken += 1
    print(f"{len(files)} files checked, {broken} broken links")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
