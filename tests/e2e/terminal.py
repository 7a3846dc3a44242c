#!/usr/bin/env python3
"""news-search on a terminal: titles and snippets wrapped to its width with a
hanging indent; piped, never wrapped (one line a field, for programs).
--show's fields and paragraphs too.

    terminal.py BUILD_DIR SEED_DB
"""
import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
import unicodedata

from checks import check, report

WIDTH = 60
QUERY = ["--color", "never", "--limit", "5", "lady", "gaga"]


def columns(line):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1 for c in line)


def on_terminal(cmd, width=WIDTH, **popen):
    """The exit code and output (stdout and stderr) of cmd run on a
    pseudo-terminal `width` columns wide (popen: cwd, env...)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, width, 0, 0))
    p = subprocess.Popen(cmd, stdin=slave, stdout=slave, stderr=slave, close_fds=True, **popen)
    os.close(slave)
    out = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the other end closed
            break
        if not chunk:
            break
        out += chunk
    p.wait()
    os.close(master)
    return p.returncode, out.decode("utf-8", "replace").replace("\r\n", "\n")


def main():
    build, db = sys.argv[1], sys.argv[2]
    cmd = [os.path.join(build, "searcher", "news-search"), "--db", db, *QUERY]
    code, text = on_terminal(cmd)
    lines = text.splitlines()
    check("exits 0 on a terminal", code == 0, str(code))
    wide = [l for l in lines if columns(l) > WIDTH]
    check("no line wider than the terminal (%d)" % WIDTH, not wide, repr(wide[:3]))
    hanging = [l for l in lines if l.startswith("     ") and not l.startswith("      ")]
    check("continuation lines hang under the hit's text", len(hanging) > 10, repr(lines[:20]))
    piped = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.splitlines()
    check("piped: long lines kept whole", any(columns(l) > WIDTH for l in piped), repr(piped[:10]))
    # The same words either way: wrapping only moves line breaks.
    check("the same words on a terminal and piped", " ".join(text.split()) == " ".join("\n".join(piped).split()),
          "")
    check_show(build, db)
    report()


def check_show(build, db):
    """--show: fields and paragraphs wrapped, each under itself; the rules fit."""
    cmd = [os.path.join(build, "searcher", "news-search"), "--db", db, "--color", "never",
           "--show", "001_a3c739b97393af1b"]
    code, text = on_terminal(cmd)
    lines = text.splitlines()
    check("--show exits 0 on a terminal", code == 0, str(code))
    wide = [l for l in lines if columns(l) > WIDTH]
    check("--show: no line wider than the terminal (%d)" % WIDTH, not wide, repr(wide[:3]))
    text_lines = [l for l in lines if l.startswith("    ")]
    check("--show: the text's lines are indented alike", len(text_lines) > 50, repr(lines[:20]))
    piped = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    words = lambda t: [w for w in t.split() if w.strip("─")]  # (a rule is as wide as the terminal)
    check("--show: the same words on a terminal and piped", words(text) == words(piped), "")


if __name__ == "__main__":
    main()
