"""The one check() and report() of the Python end-to-end and corpus tests.

    from checks import check, compare, report

check(what, ok, detail) prints "ok  what", or "BAD what" with the detail
indented below it, counts it, and returns ok (so that a test can skip what
depends on it); compare(what, got, want) is check(what, got == want) that
shows both values. report() prints the totals and exits 1 when a check
failed. A test that cannot run exits 77 itself (CTest's SKIP_RETURN_CODE).
"""
import sys

_counts = {"checks": 0, "failures": 0}


def check(what, ok, detail=""):
    ok = bool(ok)
    _counts["checks"] += 1
    if not ok:
        _counts["failures"] += 1
    shown = "" if ok else "\n      " + str(detail).replace("\n", "\n      ")
    print("%s %s%s" % ("ok " if ok else "BAD", what, shown), flush=True)
    return ok


def compare(what, got, want, names=("got", "want")):
    """check(what, got == want): counts side by side always, other values only when they differ."""
    if isinstance(got, int) and isinstance(want, int):
        what = "%-55s %s %6d  %s %6d" % (what, names[0], got, names[1], want)
        return check(what, got == want)
    return check(what, got == want, "%s %r, %s %r" % (names[0], got, names[1], want))


def report(note=""):
    """Print the totals (and a note, e.g. the time taken) and exit: 0 when every check passed, else 1."""
    c, f = _counts["checks"], _counts["failures"]
    print("%d passed, %d failed%s" % (c - f, f, " " + note if note else ""), flush=True)
    sys.exit(1 if f else 0)
