"""Incremental builds equal a clean build after an edit of any of issue 15's and 17's fields:
headline kinds, translations, a copy's dates, history, aliases, archived copies, shared copy,
kept originals, the ticker, the method page. Through a serve session in memory and through the
disk cache of `sitegen build`, as tests/integration/test_incremental.py does for the core."""

from __future__ import annotations

import shutil

import pytest

from sitegen.build import build
from sitegen.reuse import Session
from tests.conftest import tree_bytes
from tests.integration.living import replace

NORTHERN = "content/articles/northern-post-talks.md"
VALLEY = "content/articles/valley-gazette-talks.md"
SOFIA = "content/articles/sofia-daily-review.md"
SPIN = "content/articles/spin-copy.md"
SANCTIONS = "content/articles/northern-post-sanctions.md"
GENEVA = "content/topics/geneva-talks.md"
RELIEF = "content/topics/sanctions-relief.md"
METHOD = "content/pages/method.md"


def _copy_seed(root):
    shutil.copy(root / "seeds/spin-copy.txt", root / "seeds/spin-copy-kept-again.txt")
    replace(root, SPIN, "source: seeds/spin-copy.txt", "source: seeds/spin-copy-kept-again.txt")


def drop_lines(root, rel, *starts):
    """Remove the front-matter lines that start so (whatever earlier edits made of their values)."""
    path = root / rel
    lines = path.read_text().splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith(starts)]
    assert len(kept) < len(lines), (rel, starts)
    replace(root, rel, "".join(lines), "".join(kept))


def drop_key(root, rel, key):
    """Remove a front-matter key with its indented lines."""
    path = root / rel
    lines = path.read_text().splitlines(keepends=True)
    start = lines.index(f"{key}:\n")
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith(" "))
    replace(root, rel, "".join(lines), "".join(lines[:start] + lines[end:]))


EDITS = {
    "title_kind editor → published": lambda r: replace(r, VALLEY, "title_kind: editor\n", ""),
    "title_kind unconfirmed → editor": lambda r: replace(r, SOFIA, "title_kind: unconfirmed", "title_kind: editor"),
    "title_kind added": lambda r: replace(r, NORTHERN, "date: 2025-03-06\n", "date: 2025-03-06\ntitle_kind: editor\n"),
    "marked headline reworded": lambda r: replace(r, VALLEY, "title: Northland and Southland envoys to meet again",
                                                  "title: Envoys of Northland and Southland to meet again"),
    "translated_from removed": lambda r: replace(r, SOFIA, "translated_from: BTA press review\n", ""),
    "translated_from added": lambda r: replace(r, SANCTIONS, "outlet: Northern Post\n",
                                               "outlet: Northern Post\ntranslated_from: Northern Post digest\n"),
    "paraphrase_of changed": lambda r: replace(r, SPIN, "paraphrase_of: Northern Post", "paraphrase_of: Valley Gazette"),
    "original_date changed": lambda r: replace(r, SPIN, "original_date: 2025-03-06", "original_date: 2025-03-05"),
    "copy's own date found": lambda r: replace(r, SPIN, "date: null", "date: 2025-03-08"),
    "update added": lambda r: replace(r, RELIEF, "updates:\n", "updates:\n  - date: 2025-03-14\n    change: Added a "
                                                               "key point.\n    at: '#key-points'\n"),
    "update redated": lambda r: replace(r, GENEVA, "  - date: 2025-03-10\n", "  - date: 2025-03-12\n"),
    "update's spot moved": lambda r: replace(r, GENEVA, '    at: "#ready"', '    at: "#calendar"'),
    "correction added to a page": lambda r: replace(r, METHOD, "updates:\n", "corrections:\n  - date: 2025-03-06\n"
                                                                              "    wrong: It said every page.\n"
                                                                              "    right: Every article.\nupdates:\n"),
    "correction removed": lambda r: replace(r, NORTHERN, "corrections:\n  - date: 2025-03-09\n    wrong: The summary "
                                                         "named Vienna as the venue.\n    right: The venue is Geneva.\n",
                                            ""),
    "alias added": lambda r: replace(r, RELIEF, "weight: 2\n", "weight: 2\naliases: [/topics/relief/, /relief.html]\n"),
    "alias removed": lambda r: replace(r, GENEVA, "aliases: [/topics/talks-in-geneva/]\n", ""),
    "alias renamed": lambda r: replace(r, SANCTIONS, "/articles/old-sanctions-story/", "/articles/sanctions-first/"),
    "aliased page retitled": lambda r: replace(r, SANCTIONS, "title: Southland asks for sanctions relief before any "
                                                             "deal", "title: Southland wants sanctions relief first"),
    "archive_url changed": lambda r: replace(r, NORTHERN, "web/20250307120000/", "web/20250308090000/"),
    "archive removed": lambda r: drop_lines(r, NORTHERN, "archive_url:", "archive_date:"),
    "archive added": lambda r: replace(r, VALLEY, "url: https://valleygazette.example/news/envoys\n",
                                       "url: https://valleygazette.example/news/envoys\narchive_url: https://web.archive"
                                       ".org/web/2025/https://valleygazette.example/news/envoys\n"),
    "shared copy narrowed": lambda r: (replace(r, NORTHERN, "    paragraphs: [p-1, p-2]\n    matches: [p-1, p-2]",
                                               "    paragraphs: [p-1]\n    matches: [p-1]"),
                                       replace(r, VALLEY, "    paragraphs: [p-1, p-2]\n    matches: [p-1, p-2]",
                                               "    paragraphs: [p-1]\n    matches: [p-1]")),
    "shared copy note changed": lambda r: replace(r, NORTHERN, "word for word.", "nearly word for word."),
    "shared copy removed": lambda r: (drop_key(r, NORTHERN, "shares_copy_with"), drop_key(r, VALLEY, "shares_copy_with")),
    "outlet's country changed": lambda r: replace(r, "data/outlets.yaml", "country: Ireland", "country: Northern Ireland"),
    "kept original edited": lambda r: replace(r, "seeds/northern-post-talks.txt", "Share this article",
                                              "Share this article | Print"),
    "kept original moved": _copy_seed,
    "html original edited": lambda r: replace(r, "seeds/valley-gazette-talks.html", "All rights reserved.",
                                              "Some rights reserved."),
    "ticker headline quoted": lambda r: replace(r, GENEVA, "- Petrov to lead Southland delegation\n",
                                                "- Petrov to lead Southland delegation\n- Markets steady ahead of Geneva\n"),
    "ticker no longer quoted": lambda r: replace(r, GENEVA, "::: headlines sofia-daily-review\n",
                                                 "Headlines were listed here.\n\n::: headlines-gone\n"),
    "said on a copy": lambda r: replace(r, RELIEF, "  - said: on Tuesday\n", "  - said: on Wednesday\n"),
    "method page moved": lambda r: (replace(r, "sitegen.yaml", "method_page: /method/", "method_page: /how/"),
                                    (r / METHOD).rename(r / "content/pages/how.md")),
    "method page dropped": lambda r: drop_lines(r, "sitegen.yaml", "method_page:"),
}


def clean_files(root):
    return build(root).files


@pytest.mark.parametrize("name", list(EDITS))
def test_a_serve_session_after_an_edit_equals_a_clean_build(site, name):
    root = site("living")
    session = Session()
    build(root, session=session)
    EDITS[name](root)
    incremental = build(root, session=session).files
    clean = clean_files(root)
    assert sorted(incremental) == sorted(clean), name
    assert [path for path in clean if incremental[path] != clean[path]] == [], name


@pytest.mark.parametrize("name", list(EDITS))
def test_a_cached_build_after_an_edit_equals_a_clean_build(site, cli, tmp_path, name):
    root = site("living")
    assert cli("build", "-s", root, "-q").code == 0
    EDITS[name](root)
    assert cli("build", "-s", root, "-q").code == 0
    assert cli("build", "-s", root, "-o", tmp_path / "clean", "--no-cache", "-q").code == 0
    cached, clean = tree_bytes(root / "public"), tree_bytes(tmp_path / "clean")
    assert sorted(cached) == sorted(clean), name
    assert [path for path in clean if cached[path] != clean[path]] == [], name


def test_every_edit_in_turn_keeps_both_caches_equal_to_a_clean_build(site, cli, tmp_path):
    root = site("living")
    session = Session()
    build(root, session=session)
    assert cli("build", "-s", root, "-q").code == 0
    for name, edit in EDITS.items():
        edit(root)
        clean = clean_files(root)
        incremental = build(root, session=session).files
        assert [p for p in sorted(set(clean) | set(incremental)) if incremental.get(p) != clean.get(p)] == [], name
        assert cli("build", "-s", root, "-q").code == 0, name
        cached = {p: data for p, data in tree_bytes(root / "public").items() if p != ".sitegen-output"}
        assert [p for p in sorted(set(clean) | set(cached)) if cached.get(p) != clean.get(p)] == [], name
