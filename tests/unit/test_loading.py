"""loading.load_pages with a memo (sitegen serve): a save re-reads only the file that changed,
and whatever the memo cannot vouch for sends the call back to the whole listing — the result
is always the one a call without a memo gives."""

from __future__ import annotations

import os

import pytest

import sitegen.loading as loading
from sitegen.errors import Errors
from sitegen.listing import Listing
from sitegen.loading import load_pages
from tests.conftest import write

ARTICLE = """\
---
title: {title}
outlet: Reuters
date: 2025-02-18
{extra}---
Body of {title}.
"""


@pytest.fixture
def root(tmp_path):
    for name in ("a", "b", "c"):
        write(tmp_path, f"content/articles/{name}.md", ARTICLE.format(title=name.upper(), extra=""))
    write(tmp_path, "content/articles/broken.md", "---\ntitle: [unclosed\n---\nBody.\n")
    return tmp_path


def fresh(root):
    errors = Errors()
    found = load_pages(root, errors, Listing.walk(root / "content"))
    return [(p.source, p.title) for p in found.pages], [str(e) for e in errors.items], found.failed


def again(root, memo, known):
    errors = Errors()
    found = load_pages(root, errors, Listing.walk(root / "content"), known=known, memo=memo, keep=True)
    return found, [(p.source, p.title) for p in found.pages], [str(e) for e in errors.items]


def edit(root, name, **fields):
    path = root / f"content/articles/{name}.md"
    extra = "".join(f"{k}: {v}\n" for k, v in fields.items() if k != "title")
    path.write_text(ARTICLE.format(title=fields.get("title", name.upper()), extra=extra))
    os.utime(path, ns=(1, os.stat(path).st_mtime_ns + 10**9))  # a new stamp even within one clock tick


def reads(monkeypatch):
    seen: list[str] = []
    real = loading.load_page

    def counting(root, rel, section, errors):
        seen.append(rel)
        return real(root, rel, section, errors)

    monkeypatch.setattr(loading, "load_page", counting)
    return seen


def first(root):
    known: dict = {}
    found, _, _ = again(root, None, known)
    return found.memo, known


def test_a_save_re_reads_only_that_file_and_keeps_the_others_in_their_places(root, monkeypatch):
    memo, known = first(root)
    edit(root, "b", title="B edited")
    seen = reads(monkeypatch)
    found, pages, errors = again(root, memo, known)
    assert seen == ["content/articles/b.md"]
    assert (pages, errors, found.failed) == fresh(root)
    assert ("content/articles/b.md", "B edited") in pages


def test_the_errors_of_files_that_failed_are_reported_again(root):
    memo, known = first(root)
    edit(root, "a", title="A edited")
    _, _, errors = again(root, memo, known)
    assert any("broken.md" in e for e in errors)
    assert errors == fresh(root)[1]


@pytest.mark.parametrize("change", ["invalid", "draft", "new file", "removed", "failed file fixed"])
def test_what_the_memo_cannot_vouch_for_is_loaded_as_without_it(root, change):
    memo, known = first(root)
    if change == "invalid":
        (root / "content/articles/b.md").write_text("---\ntitle: B\ndate: not a date\n---\nBody.\n")
    elif change == "draft":
        edit(root, "b", draft="true")
    elif change == "new file":
        edit(root, "d")
    elif change == "removed":
        (root / "content/articles/c.md").unlink()
    else:
        edit(root, "broken")
    found, pages, errors = again(root, memo, known)
    assert (pages, errors, found.failed) == fresh(root)


def test_files_read_in_workers_come_with_the_outlines_the_site_resolves(root, monkeypatch):
    from sitegen.markdown import create, parse

    write(root, "content/articles/d.md", ARTICLE.format(title="D", extra="") + "\nSee [b](b.md) and more.\n")
    write(root, "content/topics/t.md", "---\ntitle: T\n---\nA topic on [d](../articles/d.md).\n")
    monkeypatch.setattr(loading, "LOAD_IN_WORKERS", 1)
    found = load_pages(root, Errors(), Listing.walk(root / "content"), outline_html=False)
    by_source = {p.source: p for p in found.pages}
    outlined = {source for source, page in by_source.items()
                if (page.body.hash, page.section == "articles", False) in found.outlines}
    assert outlined == {"content/articles/d.md", "content/topics/t.md"}  # a plain article waits for its page
    for source in outlined:
        page = by_source[source]
        text = (root / source).read_text().split("---\n", 2)[2]
        want = parse(create(), text, page.section == "articles")
        got = found.outlines[(page.body.hash, page.section == "articles", False)]
        assert got.tokens == [] and (got.paragraphs, got.links, got.headings, got.problems) == \
            (want.paragraphs, want.links, want.headings, want.problems)


def test_files_read_in_workers_come_with_every_body_rendered_once(root, monkeypatch):
    from sitegen.bodyhtml import skeleton
    from sitegen.markdown import create, parse

    write(root, "content/articles/d.md", ARTICLE.format(title="D", extra="") + "\nSee [b](b.md) and more.\n")
    monkeypatch.setattr(loading, "LOAD_IN_WORKERS", 1)
    found = load_pages(root, Errors(), Listing.walk(root / "content"), outline_html=False)
    assert len(found.skeletons) == len(found.pages)  # a plain article's too: its page parses nothing
    for page in found.pages:
        text = (root / page.source).read_text().split("---\n", 2)[2]
        md = create()
        assert found.skeletons[(page.body.hash, page.section == "articles", False)] == \
            skeleton(md, parse(md, text, page.section == "articles"))


def test_a_large_site_s_skeletons_and_outlines_come_packed(root, monkeypatch):
    from sitegen.bodyhtml import Packed, skeleton, unpack
    from sitegen.markdown import PackedParagraphs, create, parse

    write(root, "content/articles/d.md", ARTICLE.format(title="D", extra="") + "\nSee [b](b.md).\n")
    monkeypatch.setattr(loading, "LOAD_IN_WORKERS", 1)
    monkeypatch.setattr(loading, "PACK_FROM", 1)
    found = load_pages(root, Errors(), Listing.walk(root / "content"), outline_html=False)
    for page in found.pages:
        made = found.skeletons[(page.body.hash, page.section == "articles", False)]
        text = (root / page.source).read_text().split("---\n", 2)[2]
        md = create()
        assert isinstance(made, Packed) and unpack(made) == skeleton(md, parse(md, text, page.section == "articles"))
    outlines = [outline for outline in found.outlines.values() if outline.paragraphs]
    assert outlines and all(isinstance(outline.paragraphs, PackedParagraphs) for outline in outlines)


def test_a_searched_site_s_bodies_read_in_workers_come_with_their_readable_text(root, monkeypatch):
    from sitegen.readable import readable_text

    write(root, "content/articles/d.md", ARTICLE.format(title="D", extra="") + "\nSee [*b*](b.md) and more.\n")
    monkeypatch.setattr(loading, "LOAD_IN_WORKERS", 1)
    found = load_pages(root, Errors(), Listing.walk(root / "content"), outline_html=False, readable=True)
    assert len(found.readables) == len(found.pages)
    for page in found.pages:
        text = (root / page.source).read_text().split("---\n", 2)[2]
        assert found.readables[page.body.hash] == readable_text(text)
    assert found.readables[next(p for p in found.pages if p.title == "D").body.hash] == "Body of D. See b and more."
    assert load_pages(root, Errors(), Listing.walk(root / "content"), outline_html=False).readables == {}
