#!/usr/bin/env python3
"""End to end: the posts of every platform an article embeds (doc/embeds.md).

Usage: embeds.py BUILD_DIR SAMPLE_DIR

SAMPLE_DIR is ../shared/embeds: a development sample article with an
Instagram, a TikTok, a Threads and an X embed.  The test indexes it into a
temp folder and checks, against the sample's own text:
 1. one document for the article and one per embed, each post with its
    platform, handle, display name and date as the embed gives them;
 2. the embeds' boilerplate is not in the article's prose, and none of its
    words finds the article;
 3. a search on the Instagram caption finds the post, not the article;
 4. platform:NAME filters (twitter is x), the platform facet counts each;
 5. each post is found by its handle (author:, @handle) and by its display
    name, and the TikTok post by its sound.
"""
import json
import os
import subprocess
import sys
import tempfile

from checks import check, report

SAMPLE = "100_blackpink_instagram.txt"
ARTICLE = "100_blackpink_instagram"

# What the sample's embeds say (checked against its text below).
POSTS = [
    # platform, handle, display name, own date, a piece of its text
    ("instagram", "@lalalalisa_m", "LISA", "2023-11-01", "Paris mornings"),
    ("tiktok", "@blinkparis.edits", "", None, "the way she looks at the camera"),
    ("threads", "@roses_are_rosie", "", None, None),
    ("x", "@lalisaupdates_", "lisa updates", "2023-11-01", "my whole heart"),
]


def main():
    build, sample_dir = sys.argv[1], sys.argv[2]
    index = os.path.join(build, "indexer", "news-index")
    search = os.path.join(build, "searcher", "news-search")
    with open(os.path.join(sample_dir, SAMPLE), encoding="utf-8") as f:
        text = f.read()
    article_date = text.split()[1]  # the " date YYYY-MM-DD" header

    with tempfile.TemporaryDirectory(prefix="news-embeds-") as tmp:
        db = os.path.join(tmp, "db")
        subprocess.run([index, "--quiet", "--db", db, sample_dir], check=True)

        def run(*args):
            p = subprocess.run([search, "--db", db, "--json", "--limit", "50", *args], capture_output=True,
                               text=True)
            check("news-search %s: exit %d: %s" % (" ".join(args), p.returncode, p.stderr), p.returncode == 0)
            return json.loads(p.stdout)

        def ids(*args):
            return [h["id"] for h in run(*args)["hits"]]

        # 1. The posts, in order, with their fields.
        posts = sorted(run("--type", "post")["hits"], key=lambda h: h["id"])
        check("posts: %s" % [h["id"] for h in posts],
              [h["id"] for h in posts] == ["%s#%d" % (ARTICLE, n) for n in range(1, len(POSTS) + 1)])
        for hit, (platform, handle, name, date, piece) in zip(posts, POSTS):
            where = hit["id"]
            check("%s: fixture" % where, handle in text and (not name or name + " (" + handle + ")" in text))
            check("%s: platform %r" % (where, hit["platform"]), hit["platform"] == platform)
            check("%s: author %r" % (where, hit["author"]), hit["author"] == handle)
            check("%s: author_name %r" % (where, hit["author_name"]), hit["author_name"] == name)
            check("%s: date %r" % (where, hit["date"]), hit["date"] == (date or article_date))
            check("%s: article %r" % (where, hit["article"]), hit["article"] == ARTICLE)
            if piece:
                check("%s: fixture" % where, piece in text)
                check("%s: snippet %r" % (where, hit["snippet"]), piece in hit["snippet"])
        articles = run("--type", "article")["hits"]
        check("articles: %s" % [h["id"] for h in articles], [h["id"] for h in articles] == [ARTICLE])
        check("an article has no platform", "platform" not in articles[0])

        # 2. No boilerplate in the article's prose.
        for phrase in ('"view this post on instagram"', '"a post shared by"', '"view on threads"', '"post by"',
                       "instagram"):
            check("fixture: %s" % phrase, phrase.strip('"').lower() in text.lower())
            check("%s finds %s" % (phrase, ids(phrase)), ids(phrase) == [])

        # 3. The caption finds the post, not the article.
        check("caption phrase: %s" % ids('"paris mornings"'), ids('"paris mornings"') == [ARTICLE + "#1"])
        check("caption words: %s" % ids("mornings blinks"), ids("mornings blinks") == [ARTICLE + "#1"])
        check("paris mornings: %s" % ids("paris mornings"), ids("paris mornings")[:1] == [ARTICLE + "#1"])
        check("caption phrase: %s" % ids('"see you soon blinks"'), ids('"see you soon blinks"') == [ARTICLE + "#1"])

        # 4. Platform filter and facet.
        for n, (platform, *_rest) in enumerate(POSTS, 1):
            check("platform:%s" % platform, ids("platform:" + platform) == ["%s#%d" % (ARTICLE, n)])
        check("platform:twitter: %s" % ids("platform:twitter"), ids("platform:twitter") == [ARTICLE + "#4"])
        facets = run("--facets")["facets"]
        check("platform facet: %s" % facets.get("platform"),
              facets.get("platform") == {"instagram": 1, "threads": 1, "tiktok": 1, "x": 1})

        # 5. Handles, display names, the sound.
        for n, (_platform, handle, name, _date, _piece) in enumerate(POSTS, 1):
            want = "%s#%d" % (ARTICLE, n)
            check("author:%s: %s" % (handle, ids("author:" + handle)), ids("author:" + handle) == [want])
            check("%s: %s" % (handle, ids(handle)), want in ids(handle))
            if name:
                check("%s: %s" % (name, ids('"%s"' % name)), want in ids('"%s"' % name))
        check("rockstar: %s" % ids("rockstar"), ids("rockstar") == [ARTICLE + "#2"])
    report()


if __name__ == "__main__":
    main()
