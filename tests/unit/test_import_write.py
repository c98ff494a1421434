"""Slugs, kept-copy names and the front matter of a (re-)import."""

from __future__ import annotations

import datetime as dt

import pytest

from sitegen.content import SCHEMAS
from sitegen.errors import Errors
from sitegen.frontmatter import split
from sitegen.importing.write import kept_name, make_slug, merge, read_existing, render, slug_problem
from sitegen.markdown import slugify
from sitegen.schema import read


@pytest.mark.parametrize("slug", ["2025-02-22-guardian-talks", "a", "путин-трамп", "x1"])
def test_valid_slugs_are_what_slugify_gives(slug):
    assert slug_problem(slug) == "" and slugify(slug) == slug


@pytest.mark.parametrize("slug", ["../../x", "Bad Slug", "/tmp/x", "a/b", "x.md", "-x", "x-", "a--b", "", "é" * 200])
def test_anything_else_is_not_a_slug(slug):
    assert slug_problem(slug)


def test_slug_from_date_outlet_and_names():
    assert make_slug(dt.date(2025, 2, 22), "The Guardian", "Preparations under way for meeting between Trump and Putin") \
        == "2025-02-22-guardian-trump-putin"
    assert slug_problem(make_slug(dt.date(2025, 2, 22), "../x", "../../etc/passwd <script>")) == ""


def test_kept_names_are_unique_by_content_and_keep_the_kind():
    assert kept_name(b"one", "01.txt", False) == kept_name(b"one", "01.txt", False)
    assert kept_name(b"one", "01.txt", False) != kept_name(b"two", "01.txt", False)
    assert kept_name(b"x", "page.HTM", True).endswith(".htm")
    assert kept_name(b"x", "article", True).endswith(".html")
    assert kept_name(b"x", "notes.md", False).endswith(".md")
    assert kept_name(b"x", "../../etc/pass wd.txt", False).startswith("seeds/pass-wd-")
    assert kept_name(b"x", "...", False).startswith("seeds/original-")


META = {"title": "Talks end", "date": dt.datetime(2024, 11, 19, 7, 42, tzinfo=dt.timezone(dt.timedelta(hours=1))),
        "outlet": None, "wire": [], "actors": ["Russia"], "url": None, "source": "seeds/x-1.txt",
        "title_note": "The first line of the text.", "date_note": "From the dateline 'x'.",
        "outlet_note": "The outlet could not be established: the text names none.", "url_note": "",
        "notes": ["Paragraphs run together in the copy were split at: …a|b…"], "stripped": ["Advertisement", "193"],
        "ticker": [{"time": "22/02 21:47", "headline": "NATO to expand"}]}


def validate(text: str) -> dict:
    document = split(text, "a.md")
    errors = Errors()
    values = read(document.meta, SCHEMAS["articles"], "a.md", errors, line=1)
    assert not errors.items, errors.items
    return values


def test_the_written_front_matter_validates_with_todays_article_schema():
    text = render(merge(META, None), [("p", "*Text* <b>"), ("h", "Heading ##"), ("p", "More.")])
    values = validate(text)
    assert values["outlet"] is None and values["date"].isoformat() == "2024-11-19T07:42:00+01:00"
    assert values["stripped"] == ("Advertisement", "193")
    assert text.endswith("---\n\\*Text\\* \\<b>\n\n## Heading \\#\\#\n\nMore.\n")


def test_a_reimport_keeps_the_editors_fields_and_fact_notes_for_unchanged_facts(tmp_path):
    first = render(merge(dict(META, notes=[]), None), [("p", "Text.")])
    head, body = first.split("---\n")[1:]
    head = head.replace("date_note: From the dateline 'x'.\n", "date_note: The editor's reasoning.\n")
    head += "summary: Mine.\ntopics:\n- talks\nurl_note: Not known.\nnotes:\n- My note.\n"
    target = tmp_path / "a.md"
    target.write_text("---\n" + head + "---\n" + body, encoding="utf-8")
    changed = dict(META, outlet="The Ledger", outlet_note="From the byline 'by The Ledger'.")
    merged = merge(changed, read_existing(target, "a.md"))
    text = render(merged, [("p", "Text.")])
    values = validate(text)
    assert values["summary"] == "Mine." and values["topics"] == ("talks",) and values["url_note"] == "Not known."
    assert values["date_note"] == "The editor's reasoning."  # the date is unchanged: its reasoning stays
    assert values["outlet_note"] == "From the byline 'by The Ledger'."  # the outlet changed: so did its note
    assert values["notes"] == ("My note.", "Paragraphs run together in the copy were split at: …a|b…")
    assert merged.kept == ["summary", "topics", "url_note", "date_note", "notes (1 yours, 1 added)"]
    assert list(merged.blocks)[:3] == ["title", "date", "outlet"]
