"""Paragraph anchors that last (issue 14.5): a re-import keeps the number of every paragraph
whose text is unchanged, and a link or hint to a paragraph that is not there is an error."""

from __future__ import annotations

import pytest

from sitegen import markdown
from sitegen.importing.write import kept_paragraph_ids
from tests.conftest import SITES, fails_cleanly, soup

SITES_BASIC = SITES / "basic"

SOURCE = """Harbour reopens after storm repairs
13/11/2026 10:15 Coastal Courier
The harbour reopened on Tuesday after three weeks of repairs.
{middle}The harbour master said boats can dock again.
Fishermen welcomed the news.
"""


def paragraph_ids(page):
    return {p.get_text(" ", strip=True).removesuffix(" ¶"): p["id"] for p in page.select(".body p[id^='p-']")}


def test_unchanged_paragraphs_keep_their_numbers_across_a_re_import(tmp_path, cli):
    cli("new", tmp_path / "s")
    root = tmp_path / "s"
    raw = tmp_path / "harbour.txt"
    raw.write_text(SOURCE.format(middle="A line the first copy had.\n"), encoding="utf-8")
    assert cli("import", raw, "-s", root, "--slug", "harbour").code == 0
    assert cli("build", "-s", root, "-q").code == 0
    before = paragraph_ids(soup(root / "public/articles/harbour/index.html"))
    raw.write_text(SOURCE.format(middle="").replace("Fishermen", "A sentence the outlet added.\nFishermen"),
                   encoding="utf-8")
    assert cli("import", raw, "-s", root, "--slug", "harbour", "--force").code == 0
    assert cli("build", "-s", root, "-q").code == 0
    after = paragraph_ids(soup(root / "public/articles/harbour/index.html"))
    for text in ("The harbour master said boats can dock again.", "Fishermen welcomed the news."):
        assert after[text] == before[text], text  # old links and hints still land on the same words
    assert after["A sentence the outlet added."] not in before.values()  # a number no paragraph had


def test_ids_count_on_from_an_explicit_one():
    parsed = markdown.parse(markdown.create(), "One.\n\n{#p-7}\nTwo.\n\nThree.\n", citeable=True)
    assert [p.id for p, _ in parsed.paragraphs] == ["p-1", "p-7", "p-8"]
    assert parsed.problems == []


def test_numbers_kept_by_a_re_import():
    old = [(1, "A."), (2, "Furniture."), (3, "B."), (4, "C.")]
    assert kept_paragraph_ids(old, ["A.", "B.", "C."]) == [1, 3, 4]
    assert kept_paragraph_ids(old, ["A.", "New.", "B.", "C."]) == [1, 5, 3, 4]
    assert kept_paragraph_ids([], ["A.", "B."]) == [1, 2]


@pytest.mark.parametrize("body, message", [
    ("{.warning}\nA paragraph.\n", "the attribute class cannot be set"),
    ("{#p-2}\nOne.\n\n{#p-2}\nTwo.\n", "paragraph id p-2 is also the id of the paragraph on line"),
    ("{#intro}\nOne.\n", "'{#intro}' is not a paragraph id: write {#p-N}"),
])
def test_block_attributes_other_than_a_paragraph_id_are_errors(site, cli, body, message):
    run = fails_cleanly(site, cli, {"content/articles/attrs.md": "---\ntitle: T\ndate: 2025-01-01\noutlet: X\n---\n"
                                                                  + body})
    assert any(line.startswith("content/articles/attrs.md:") and message in line for line in run.error_lines), run.err


def test_a_link_to_a_paragraph_an_article_does_not_have_is_an_error(site, cli):
    run = fails_cleanly(site, cli, {"content/pages/about.md": "---\ntitle: About\n---\n"
                                                              "See [the report](../articles/xinhua-summit.md#p-9).\n"})
    assert run.error_lines == [
        "content/pages/about.md:4: link to a paragraph '../articles/xinhua-summit.md#p-9' that "
        "content/articles/xinhua-summit.md does not have — its paragraphs are numbered on its page (¶); a re-import "
        "keeps the numbers of unchanged paragraphs, so check whether this one's text changed"]


def test_a_link_to_a_paragraph_an_article_has_is_kept(site, cli):
    root = site(files={"content/pages/about.md": "---\ntitle: About\n---\n"
                                                "See [the report](../articles/xinhua-summit.md#p-2).\n"})
    assert cli("build", "-s", root, "-q").code == 0
    link = soup(root / "public/about/index.html").select_one("article a[href*='xinhua']")
    assert link["href"].endswith("/articles/xinhua-summit/#p-2")


def test_imported_text_that_looks_like_an_attribute_stays_text(tmp_path, cli):
    cli("new", tmp_path / "s")
    raw = tmp_path / "braces.txt"
    raw.write_text("The first line of the report, with no braces at all.\n{#p-9} opens this line.\n"
                   "{.warning} Another line.\n", encoding="utf-8")
    run = cli("import", raw, "-s", tmp_path / "s", "--slug", "braces", "--title", "Braces", "--outlet", "unknown",
              "--date", "2026-11-13")
    assert run.code == 0, run.err
    assert cli("build", "-s", tmp_path / "s", "-q").code == 0
    texts = list(paragraph_ids(soup(tmp_path / "s/public/articles/braces/index.html")))
    assert "{#p-9} opens this line." in texts and "{.warning} Another line." in texts


def test_a_renamed_topic_keeps_its_old_address(site, cli):
    root = site(files={"content/topics/minerals-deal.md": (SITES_BASIC / "content/topics/minerals-deal.md").read_text()
                       .replace("title: Minerals deal", "title: Minerals deal\naliases: [/topics/old-minerals/]")})
    assert cli("build", "-s", root, "-q").code == 0
    page = soup(root / "public/topics/old-minerals/index.html")
    assert page.find("meta", attrs={"http-equiv": "refresh"})["content"].endswith("url=/topics/minerals-deal/")
    assert page.find("link", rel="canonical")["href"] == "https://example.org/topics/minerals-deal/"


@pytest.mark.parametrize("alias, message", [
    ("/index.html", "is the home page"),
    ("/about/", "is already the address of content/pages/about.md"),
    ("/topics/", "is the topics index"),
    ("/static/x/", "is theme assets"),
])
def test_an_old_address_never_overwrites_a_file_the_site_writes(site, cli, alias, message):
    text = (SITES_BASIC / "content/topics/minerals-deal.md").read_text()
    run = fails_cleanly(site, cli, {"content/topics/minerals-deal.md": text.replace(
        "title: Minerals deal", f"title: Minerals deal\naliases: ['{alias}']")})
    assert run.error_lines[0].startswith(f"content/topics/minerals-deal.md:3: aliases: {alias} {message} — "), run.err


def test_the_plan_refuses_an_old_address_that_is_a_file_it_writes():
    """The last word on aliases: whatever site.py's checks miss, no redirect overwrites a file."""
    from sitegen.plan import Job, alias_conflicts

    page = Job("about/index.html", "page.html", lambda facts: None)
    old = Job("about/index.html", "redirect.html", lambda facts: None, alias_of="content/topics/x.md")
    assert [e.message for e in alias_conflicts([page, old])] == [
        "aliases: /about/ is the address of a page this site writes (about/index.html)"]
