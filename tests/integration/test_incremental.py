"""Rebuilds that reuse caches must equal a clean build, after every kind of edit."""

import os

import pytest

from sitegen.build import build
from sitegen.reuse import Session
from tests.conftest import REPO, write


def touch_later(path):
    """Editors' saves land with new mtimes; make sure they differ even on coarse clocks."""
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 2_000_000_000))


EDITS = {
    "article body": lambda root: _replace(root, "content/articles/guardian-ryabkov.md", "to pave the way",
                                          "to prepare the way"),
    "article title": lambda root: _replace(root, "content/articles/xinhua-summit.md",
                                           "title: Trump, Putin eye to meet next week", "title: A new headline"),
    "quoted article retitled": lambda root: _replace(root, "content/articles/guardian-ryabkov.md",
                                                     "title: Preparations under way", "title: Preparations now under way"),
    "article date": lambda root: _replace(root, "content/articles/xinhua-summit.md", "2025-08-07", "2024-01-01"),
    "article actors": lambda root: _replace(root, "content/articles/xinhua-summit.md",
                                            "actors: [Donald Trump, Vladimir Putin, Zelensky]", "actors: [Vladimir Putin]"),
    "article renamed": lambda root: (root / "content/articles/xinhua-summit.md").rename(
        root / "content/articles/xinhua-renamed.md"),
    "article deleted": lambda root: (root / "content/articles/unknown-outlet.md").unlink(),
    "article added": lambda root: write(root, "content/articles/new-one.md",
                                        "---\ntitle: New\ndate: 2025-09-01\noutlet: The Guardian\nactors: [Zelensky]\n"
                                        "---\nA new paragraph.\n"),
    "topic cites another paragraph": lambda root: _replace(root, "content/topics/minerals-deal.md",
                                                           "::: excerpt guardian-ryabkov id=riyadh",
                                                           "::: excerpt guardian-ryabkov id=riyadh #p-2"),
    "topic retitled": lambda root: _replace(root, "content/topics/minerals-deal.md", "title: Minerals deal",
                                            "title: The minerals agreement"),
    "template": lambda root: write(root, "templates/article.html",
                                   (REPO / "sitegen/themes/briefing/templates/article.html").read_text()
                                   .replace("Source article", "Source report")),
    "registry": lambda root: _replace(root, "data/actors.yaml", "role: President of Ukraine", "role: Ukraine's president"),
    "config": lambda root: _replace(root, "sitegen.yaml", "title: Basic briefing", "title: Renamed briefing"),
    "raw HTML allowed": lambda root: (_replace(root, "content/topics/minerals-deal.md", "Key points, with",
                                               "Key <em>points</em>, with"),
                                      _replace(root, "sitegen.yaml", "author: Test desk",
                                               "author: Test desk\nallow_html: true")),
}


def _replace(root, rel, old, new):
    path = root / rel
    text = path.read_text()
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new))
    touch_later(path)


def test_a_sequence_of_edits_always_equals_a_clean_build(site):
    root = site()
    session = Session()
    assert build(root, session=session).files == build(root).files
    for name, edit in EDITS.items():
        edit(root)
        incremental = build(root, session=session).files
        clean = build(root).files
        assert incremental.keys() == clean.keys(), name
        changed = [path for path in clean if incremental[path] != clean[path]]
        assert changed == [], (name, changed)


def test_an_edit_re_renders_only_what_it_affects(site):
    root = site()
    session = Session()
    build(root, session=session)
    build(root, session=session)
    assert session.rendered == 0, "nothing changed: nothing is rendered again"
    EDITS["article body"](root)
    build(root, session=session)
    # the article itself and the topic that quotes its paragraph; not the other pages
    assert 1 <= session.rendered <= 4


@pytest.mark.parametrize("name", list(EDITS))
def test_each_edit_alone_equals_a_clean_build(site, name):
    root = site()
    session = Session()
    build(root, session=session)
    EDITS[name](root)
    assert build(root, session=session).files == build(root).files


def test_a_body_edit_re_renders_that_article_alone_without_keying_the_rest(site):
    """Once a build has recorded what the site looked like, a body edit that changes nothing
    site-wide (no quoted paragraph, no link) reuses every other page as it was."""
    root = site()
    session = Session()
    build(root, session=session)
    build(root, session=session)
    _replace(root, "content/articles/unknown-outlet.md", "Kyiv says", "Kyiv said")
    result = build(root, session=session)
    assert session.rendered == 1
    assert result.files == build(root).files
    _replace(root, "content/articles/unknown-outlet.md", "title: A copy", "title: One copy")
    result = build(root, session=session)
    assert session.rendered > 1  # its card is in listings: they are keyed again
    assert result.files == build(root).files
