"""check --reuse's proposals: notes for readers, paragraph ranges, what is already recorded."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sitegen.copyreport import SharedCopy, note_for
from sitegen.sharedcopy import Passage
from sitegen.siteview import Doc


def doc(slug: str, outlet: str | None, wire: tuple[str, ...] = (), **meta: Any) -> Doc:
    fields = {"title": f"The {slug} report", "date": dt.date(2025, 2, 22), "outlet": outlet, "wire": wire,
              "shares_copy_with": (), **meta}
    return Doc(f"articles/{slug}", f"content/articles/{slug}.md", "articles", slug, fields, 10)


def test_the_note_names_the_paragraphs_the_other_report_and_its_credits():
    feed, journal = doc("feed", "The Guardian"), doc("journal", "TheJournal.ie", ("Press Association", "AFP"))
    assert note_for(feed, journal, ["p-3"], ["p-3", "p-4", "p-5", "p-9"]) == (
        "Paragraph 3 carries nearly the same words as paragraphs 3–5 and 9 of TheJournal.ie's report of "
        "22 February 2025, which credits Press Association and AFP; this copy credits no agency.")
    assert note_for(journal, feed, ["p-1", "p-2"], ["p-3"]) == (
        "Paragraphs 1–2 carry nearly the same words as paragraph 3 of The Guardian's report of 22 February 2025.")


def test_an_unknown_outlet_is_said_to_be_unknown():
    assert note_for(doc("a", "X"), doc("b", None), ["p-1"], ["p-2"]).endswith(
        "of the report “The b report” of 22 February 2025 (outlet unknown).")


def test_proposes_for_both_articles_unless_one_already_records_it():
    first = doc("first", "A", shares_copy_with=({"article": "second", "paragraphs": ("p-1",), "_line": 6},))
    second = doc("second", "B", ("AFP",))
    passage = Passage("first", "second", ("p-1",), ("p-2", "p-3"), 40, 97.5, "The shared words…")
    report = SharedCopy({"first": first, "second": second}, [passage], articles=2).report().splitlines()
    assert report == [
        "content/articles/first.md and content/articles/second.md share 40 words in 1 passage (at least 97% alike), "
        "from: “The shared words…”",
        "  content/articles/first.md: already records shares_copy_with second",
        "  proposed for content/articles/second.md:",
        "    shares_copy_with:",
        "      - article: first",
        "        paragraphs: [p-2, p-3]",
        "        matches: [p-1]",
        '        note: "Paragraphs 2–3 carry nearly the same words as paragraph 1 of A\'s report of 22 February 2025."',
        "shared copy: 1 pair of articles share passages (among 2 articles)",
    ]
