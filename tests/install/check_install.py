#!/usr/bin/env python3
"""The installed tools, as a user gets them (doc/install.md).

    check_install.py prefix BUILD SRC CMAKE [--man]
    check_install.py deb    BUILD SRC CPACK [--man]

prefix: `cmake --install BUILD --prefix TMP`; deb: `cpack -G DEB` into TMP,
the package's name, fields and contents (`dpkg-deb -c`), then `dpkg -x` into
a folder. Either way the installed news-index indexes SRC/corpus into a
temporary database and the installed news-search answers a search on it;
the bash completions complete options and values; with --man (the manual
pages were built: scdoc was found) each installed page renders with
`man -l` without a warning (groff's all: --warnings=w).
"""
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e"))
from checks import check, compare, report  # noqa: E402

TOOLS = ["bin/news-index", "bin/news-search"]
COMPLETIONS = ["share/bash-completion/completions/news-index", "share/bash-completion/completions/news-search"]
MAN_PAGES = ["share/man/man1/news-index.1.gz", "share/man/man1/news-search.1.gz", "share/man/man7/news-query.7.gz"]
DOCS = ["share/doc/news-search/README.md", "share/doc/news-search/doc/query.md"]


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def must(what, cmd, **kw):
    """Run cmd; a failure is a failed check and ends the test (what follows needs it)."""
    r = run(cmd, **kw)
    if not check(what, r.returncode == 0, f"{' '.join(cmd)}: exit {r.returncode}\n{r.stdout}{r.stderr}"):
        report()
    return r


def tools_answer(root, src, tmp):
    """The installed news-index indexes corpus/; the installed news-search finds what it holds."""
    db = os.path.join(tmp, "news.db")
    env = {k: v for k, v in os.environ.items() if k != "NEWS_DB"}
    must("installed news-index indexes corpus/",
         [os.path.join(root, "bin/news-index"), "--quiet", "--db", db, "corpus"], cwd=src, env=env)
    r = must("installed news-search answers a search",
             [os.path.join(root, "bin/news-search"), "--db", db, "--json", "lady", "gaga", "jazz"], env=env)
    out = json.loads(r.stdout)
    check("the search finds the seeds' hits on lady gaga jazz", out.get("total", 0) > 0, r.stdout[:300])
    files = {h.get("source", "") for h in out.get("hits", [])}
    check("its hits come from corpus/", files and all(f.startswith("corpus/") for f in files), files)
    r = must("installed news-search --version", [os.path.join(root, "bin/news-search"), "--version"])
    check("it prints its version", re.match(r"news-search \d+\.\d+\.\d+", r.stdout), r.stdout)


def completions(root):
    """Source the installed completions and ask them what a user's TAB would get."""
    script = f"""
source '{root}/share/bash-completion/completions/news-search'
source '{root}/share/bash-completion/completions/news-index'
t() {{ local fn=$1; shift; COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); $fn; echo "${{COMPREPLY[*]}}"; }}
t _news_search '{root}/bin/news-search' --li
t _news_search '{root}/bin/news-search' --sort ''
t _news_search '{root}/bin/news-search' --color al
t _news_search '{root}/bin/news-search' --type ''
t _news_search '{root}/bin/news-search' arti
t _news_index '{root}/bin/news-index' --re
"""
    got = run(["bash", "-c", script]).stdout.splitlines()
    want = ["--limit", "relevance newest oldest", "always", "article post", "artist: article:", "--rebuild"]
    compare("bash completion: options, --sort/--color/--type values, fields", got, want)


def man_pages(root):
    env = dict(os.environ, MANWIDTH="80", MANPAGER="cat", PAGER="cat", LC_ALL="C.UTF-8")
    for page in MAN_PAGES:
        name = os.path.basename(page).rsplit(".", 2)[0]
        r = run(["man", "--warnings=w", "-l", os.path.join(root, page)], env=env)
        ok = r.returncode == 0 and not r.stderr.strip() and "NAME" in r.stdout and name in r.stdout
        check(f"man -l {page} renders without warnings", ok, f"exit {r.returncode}\n{r.stderr}")


def installed_files(root, with_man):
    for f in TOOLS + COMPLETIONS + DOCS + (MAN_PAGES if with_man else []):
        check(f"installed: {f}", os.path.isfile(os.path.join(root, f)))


def prefix_install(build, src, cmake, with_man, tmp):
    root = os.path.join(tmp, "prefix")
    must("cmake --install into a temporary prefix", [cmake, "--install", build, "--prefix", root])
    installed_files(root, with_man)
    return root


def deb_package(build, src, cpack, with_man, tmp):
    must("cpack -G DEB", [cpack, "--config", os.path.join(build, "CPackConfig.cmake"), "-G", "DEB", "-B", tmp])
    arch = run(["dpkg", "--print-architecture"]).stdout.strip()
    debs = glob.glob(os.path.join(tmp, "*.deb"))
    names = [os.path.basename(d) for d in debs]
    if not check(f"one package news-search_VERSION_{arch}.deb",
                 len(debs) == 1 and re.fullmatch(rf"news-search_\d+\.\d+\.\d+_{arch}\.deb", names[0]), names):
        report()
    deb = debs[0]
    fields = must("dpkg-deb -f", ["dpkg-deb", "-f", deb, "Package", "Depends", "Maintainer", "Section"]).stdout
    check("Package: news-search", "Package: news-search\n" in fields, fields)
    check("Depends computed by dpkg-shlibdeps (libxapian30, libc6)",
          re.search(r"Depends:.*libxapian30.*", fields) and "libc6" in fields, fields)
    listing = must("dpkg-deb -c", ["dpkg-deb", "-c", deb]).stdout
    paths = {line.split()[-1].lstrip(".") for line in listing.splitlines()}
    for f in TOOLS + COMPLETIONS + DOCS + (MAN_PAGES if with_man else []):
        check(f"dpkg-deb -c lists /usr/{f}", "/usr/" + f in paths)
    root = os.path.join(tmp, "extracted")
    must("dpkg -x", ["dpkg", "-x", deb, root])
    return os.path.join(root, "usr")


def main():
    mode, build, src, tool = sys.argv[1:5]
    with_man = "--man" in sys.argv[5:]
    tmp = tempfile.mkdtemp(prefix=f"news-install-{mode}-")
    try:
        make = prefix_install if mode == "prefix" else deb_package
        root = make(os.path.abspath(build), os.path.abspath(src), tool, with_man, tmp)
        tools_answer(root, os.path.abspath(src), tmp)
        completions(root)
        if with_man:
            man_pages(root)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    report()


if __name__ == "__main__":
    main()
