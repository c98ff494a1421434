"""Helpers for the tests of the living fixture (tests/sites/living/): a briefing with every
provenance, history, feed and fidelity feature in use.

The fixture, in short:

- ``northern-post-talks``: a published headline, wire copy shared with ``valley-gazette-talks``
  (shares_copy_with), an archived original, an update and a correction;
- ``valley-gazette-talks``: an editor-written headline, a kept original that is a saved web page;
- ``sofia-daily-review``: an unconfirmed headline, a machine translation of a press review, a
  ticker of three headlines of which a topic quotes one;
- ``spin-copy``: a machine-paraphrased copy with no date of its own (``date: null``) and its
  original's date, no outlet, a ticker nobody quotes;
- ``northern-post-sanctions``: a date-time, an old address (``aliases:``);
- topics ``geneva-talks`` (a correction, an update, an alias, a headlines block) and
  ``sanctions-relief``; the method page ``/method/`` with its "Corrections" section.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import jinja2
from bs4 import BeautifulSoup, Tag

from tests.conftest import REPO, SITES, soup

THEME = REPO / "sitegen" / "themes" / "briefing" / "templates"

EDITOR = "articles/valley-gazette-talks"
UNCONFIRMED = "articles/sofia-daily-review"
TRANSLATED = "articles/sofia-daily-review"
PARAPHRASED = "articles/spin-copy"
PUBLISHED = ("articles/northern-post-talks", "articles/spin-copy", "articles/northern-post-sanctions")

TITLES = {
    "articles/northern-post-talks": "Envoys agree to meet again in Geneva",
    "articles/valley-gazette-talks": "Northland and Southland envoys to meet again",
    "articles/sofia-daily-review": "Geneva meeting set for next week",
    "articles/spin-copy": "Diplomats set fresh round of Geneva talks",
    "articles/northern-post-sanctions": "Southland asks for sanctions relief before any deal",
}
"""Each article's headline as written in its front matter."""

SUBJECTS = {
    "articles/northern-post-talks": {},
    "articles/valley-gazette-talks": {"title_kind": "editor"},
    "articles/sofia-daily-review": {"title_kind": "unconfirmed", "translated_from": "BTA press review"},
    "articles/spin-copy": {"paraphrase_of": "Northern Post"},
    "articles/northern-post-sanctions": {},
}
"""What the theme's marks are made from, for each article (its provenance fields)."""

_ENV = jinja2.Environment(loader=jinja2.FileSystemLoader(str(THEME)), autoescape=False)


def theme_words(macro: str, key: str) -> str:
    """What the theme's marks.html says for an article (``title_mark``, ``caution``, ``badge``,
    ``caption_caution``, ``short_caution``, ``plain_headline``), whitespace folded: the tests
    take the wording from the theme, as the site does, so a reworded mark needs no test edit."""
    fields: dict[str, Any] = {"title": TITLES[key], "title_kind": "published", "paraphrase_of": None,
                              "translated_from": None, **SUBJECTS[key]}
    found = getattr(_ENV.get_template("marks.html").module, macro)(SimpleNamespace(**fields))
    return " ".join(str(found).split())


def text(element: Tag | BeautifulSoup) -> str:
    """An element's text as a reader sees it: whitespace folded, no space before punctuation."""
    folded = " ".join(element.get_text(" ").split())
    for mark in (",", ".", ")", ":", "’s"):
        folded = folded.replace(" " + mark, mark)
    return folded.replace("( ", "(")


def html(out: Path, path: str) -> BeautifulSoup:
    return soup(out / path)


def jsonld(page: BeautifulSoup) -> dict[str, Any]:
    script = page.find("script", type="application/ld+json")
    assert script is not None, "the page has no JSON-LD"
    return json.loads(script.string)  # type: ignore[no-any-return]


def key_of(href: str) -> str:
    """'/articles/x/' or 'https://example.org/articles/x/' → 'articles/x'."""
    path = href.split("://", 1)[-1]
    path = path[path.index("/"):] if "://" in href else path
    return path.split("#")[0].strip("/")


def cards(page: BeautifulSoup, within: Tag | None = None) -> dict[str, Tag]:
    """The article cards of a listing: article key → its list item."""
    found = {}
    for link in (within or page).select("ul.cards a.card-title"):
        key = key_of(link["href"])
        if key.startswith("articles/"):
            found[key] = link.find_parent("li")
    return found


def section(page: BeautifulSoup, heading: str) -> Tag:
    """The <section> a heading names."""
    title = page.find(["h2", "h1"], string=heading)
    assert title is not None, heading
    found = title.find_parent("section")
    assert found is not None, heading
    return found


def excerpt_figures(page: BeautifulSoup) -> dict[str, Tag]:
    """A page's excerpts: anchor → figure."""
    return {figure["id"]: figure for figure in page.select("figure.excerpt")}


def figure_article(figure: Tag) -> str:
    return key_of(figure.select_one("figcaption .source a")["href"])


def replace(root: Path, rel: str, old: str, new: str) -> None:
    """Edit a file of the site as an editor would: the text changes, and so does its mtime."""
    path = root / rel
    before = path.read_text(encoding="utf-8")
    assert old in before, (rel, old)
    path.write_text(before.replace(old, new, 1), encoding="utf-8")
    touch_later(path)


def touch_later(path: Path) -> None:
    """A save lands with a new mtime, even on a coarse clock."""
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 2_000_000_000))


def build_living(site: Any, cli: Any, files: dict[str, str] | None = None, *args: str) -> Path:
    """Build a fresh copy of the living fixture (with ``files`` added); its output folder."""
    root = site("living", files=files)
    run = cli("build", "-s", root, "-q", *args)
    assert run.code == 0, run.err
    return root / "public"


def built_living(tmp_path_factory: Any, *args: str) -> Path:
    """A build of the living fixture shared by a module's read-only tests; its output folder."""
    import shutil

    from sitegen.cli import main

    root = tmp_path_factory.mktemp("living") / "site"
    shutil.copytree(SITES / "living", root)
    assert main(["build", "-s", str(root), "-q", *args]) == 0
    return root / "public"
