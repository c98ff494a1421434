"""mdblock: a one-line paragraph is taken before markdown-it-py's block rules, with exactly the
tokens its paragraph rule makes; every other line is parsed as before — in lists, quotes,
containers, after block attributes and beside tables, setext headings and lazy lines."""

from __future__ import annotations

import random
from pathlib import Path

from sitegen.markdown import create, parse

ROOT = Path(__file__).resolve().parents[2]

LINES = [
    "", "", "", "Plain words here.", "“Quoted,” he said.", "(A note.)", "'Single' quotes", "Émile spoke.",
    "  Indented two.", "    Indented four.", "\tTabbed", "# Heading", "## Sub *heading*", "Setext", "===", "---",
    "- item", "* item", "+ item", "1. first", "2) second", "> quoted", "> “Quoted” in a quote", ">", "```", "~~~",
    "::: excerpt some-article", "::: headlines some-article", ":::", "{#p-3}", "{.class}", "[ref]: https://x.org",
    "[^1]: A note.", "| a | b |", "|---|---|", "<div>", "</div>", "***", "  - nested item", "   continued",
    "Lazy line", "[link](https://x.org) first", "*Emphasis* first", "2025 was", "\u00a0Non-breaking",
]


def reference():
    """sitegen's markdown-it-py instance without the fast paragraph rule."""
    md = create()
    md.block.ruler.disable("sitegen_paragraph")
    return md


def assert_same(fast, slow, text: str) -> None:
    for citeable in (True, False):
        want, got = parse(slow, text, citeable), parse(fast, text, citeable)
        assert got.tokens == want.tokens, text
        assert (got.paragraphs, got.excerpts, got.problems) == (want.paragraphs, want.excerpts, want.problems)


def test_the_rule_comes_first():
    assert create().block.ruler.get_all_rules()[0] == "sitegen_paragraph"


def test_generated_documents_parse_as_markdown_it_parses_them():
    fast, slow = create(), reference()
    rng = random.Random(2026)
    for _ in range(6_000):
        text = "\n".join(rng.choice(LINES) for _ in range(rng.randrange(1, 16)))
        assert_same(fast, slow, text)


def test_news_shapes():
    fast, slow = create(), reference()
    for text in [
        "One paragraph.\n\nAnother.\n", "A paragraph\nwith a lazy second line.\n", "Title\n===\n", "Cell | b\n--|--\n",
        "- item\n\n  Paragraph in the item.\n", "> Quote\n\nAfter.\n", "{#p-7}\nKept id.\n\nNext.\n",
        "::: excerpt a\n“Quoted.”\n:::\n\nAfter it.\n", "Line\n    indented continuation\n", "End without newline",
    ]:
        assert_same(fast, slow, text)


def test_pages_of_this_site_parse_as_before():
    fast, slow = create(), reference()
    pages = sorted((ROOT / "content").rglob("*.md"))
    assert pages
    for page in pages:
        assert_same(fast, slow, page.read_text(encoding="utf-8").split("\n---\n", 1)[-1])
