"""mdinline: the fast path for inline text gives exactly the tokens markdown-it-py's own inline
parser gives — on generated copy full of brackets, emphasis markers and breaks, and on the
shapes news copy takes — and leaves to markdown-it-py what it does not take on."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
from markdown_it.renderer import RendererHTML
from markdown_it.rules_core import inline as markdown_it_inline
from markdown_it.rules_core.text_join import text_join as markdown_it_text_join

from sitegen import mdinline
from sitegen.markdown import Parsed, create, parse

ROOT = Path(__file__).resolve().parents[2]

FRAGMENTS = [
    "word", "Kyiv", "talks", " ", " ", " ", "  ", "\n", "  \n", " \n", "\t", "*", "**", "***", "_", "__", "[", "]", "(", ")",
    "](", "](https://example.org/a?b=1&c=2)", "](../topics/a.md#p-3)", "](javascript:alert(1))", "](<a b>)",
    "]( https://x.org)", '](https://x.org "t")', "](a(b)c)", "](https://例え.jp/)", "[^1]", "^[note]", "![",
    "“", "”", "’", ".", ",", ";", ":", "!", "?", "-", "—", "&", "&amp;", "&#38;", "AT&T", "<", ">", "`", "\\",
    "é", "1", "2025", "\u00a0", "\u2003", "(", "#", "~", "^", "x_y", "*a*", "**b**", "_c_",
]
LINKS = ["[the talks](https://www.reuters.com/world/talks-2025-02-18/?id=4)", "[said](../articles/a.md#p-2)",
         "[Ukraine’s envoy](/topics/envoys/)", "[x](#p-1)"]


def reference():
    """sitegen's markdown-it-py instance with markdown-it-py's own inline and text_join rules."""
    md = create()
    md.core.ruler.at("inline", markdown_it_inline)
    md.core.ruler.at("text_join", markdown_it_text_join)
    return md


def inline(md, text: str):
    return md.parseInline(text, {"parsed": Parsed(tokens=[])})


def assert_same(fast, slow, text: str) -> None:
    for citeable in (True, False):
        want, got = parse(slow, text, citeable).tokens, parse(fast, text, citeable).tokens
        assert got == want, text
        assert fast.renderer.render(got, fast.options, {}) == slow.renderer.render(want, slow.options, {})


def test_the_fast_paths_are_sitegens_inline_rule_and_inline_rendering():
    md = create()
    assert mdinline.inline_rule in md.core.ruler.getRules("")
    assert mdinline.text_join_rule in md.core.ruler.getRules("")
    assert md.renderer.renderInline.__name__ == "render_inline"  # (bodyhtml's)


def test_generated_copy_parses_as_markdown_it_parses_it():
    fast, slow = create(), reference()
    rng = random.Random(2026)
    taken = 0
    for _ in range(30_000):
        pieces = [rng.choice(FRAGMENTS + LINKS) for _ in range(rng.randrange(1, 14))]
        text = "".join(pieces).strip() or "x"
        if mdinline.children(text, fast) is not None:
            taken += 1
        want, got = inline(slow, text), inline(fast, text)
        assert got == want, text
        children = got[0].children if got else []
        assert fast.renderer.renderInline(children, fast.options, {}) == \
            RendererHTML.renderInline(fast.renderer, children, fast.options, {}), text
    assert taken > 3_000  # the fast path is taken often enough to be tested


def test_emphasis_around_and_beside_links_and_breaks():
    fast, slow = create(), reference()
    for text in [
        "**Strong** start", "end **strong**", "*a* and *b* and **c**", "“*Quoted*,” he said.", "a*b*c", "a_b_c",
        "snake_case_name and *x*", "*a [link](https://x.org) inside*", "[link](https://x.org)**after**",
        "**x**\nnext line", "line  \nhard break", "line \nsoft", "a\n  indented", "*a\nb*", "_under_, *star*",
        "**a** **b**", "*a**", "**a*", "*a _b_ c*", "**a *b* c**", "*", "**", "[a](b) [c](d)", "x [a](b)\n[c](d)",
        "(**x**)", "**—**", "*5*%", "it’s *not*", "[*a*](b)", "[a](b *c*)", "[a]", "[a] (b)", "a ] b",
        "[a](https://x.org/a_b_c)", "[a_b](x)", "[b](x))", "[[a](b)](c)",
    ]:
        assert inline(fast, text) == inline(slow, text), text
        assert_same(fast, slow, text)


def test_what_the_fast_path_leaves_to_markdown_it():
    md = create()
    for text in ["a \\* b", "`code`", "<https://x.org>", "<b>", "&amp;", "&#38;", "![i](x.png)", "^[note]",
                 "[^1]", "[ref]", "[a]( b)", '[a](b "t")', "[a](javascript:x)", "***a***", "a*b*c", "[](x)"]:
        assert mdinline.children(text, md) is None, text


def test_pages_of_this_site_parse_as_before():
    fast, slow = create(), reference()
    pages = sorted((ROOT / "content").rglob("*.md"))
    assert pages
    for page in pages:
        body = page.read_text(encoding="utf-8").split("\n---\n", 1)[-1]
        assert_same(fast, slow, body)


@pytest.mark.parametrize("seed", [1, 2])
def test_bench_news_copy_parses_as_before_and_mostly_takes_the_fast_path(seed, tmp_path):
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from corpus import articles, write_sitegen
    finally:
        sys.path.pop(0)
    write_sitegen(tmp_path, articles(40, seed=seed, shape="news"))
    fast, slow = create(), reference()
    inline = taken = 0
    for page in sorted(tmp_path.rglob("*.md")):
        body = page.read_text(encoding="utf-8").split("\n---\n", 1)[-1]
        assert_same(fast, slow, body)
        for token in parse(slow, body, True).tokens:
            if token.type == "inline":
                inline += 1
                taken += mdinline.children(token.content, fast) is not None
    assert inline > 500 and taken / inline > 0.9


def test_tokens_are_the_same_when_made_through_the_constructor(monkeypatch):
    """If markdown-it-py's Token ever has other fields, the fast path calls Token() instead."""
    fast, slow = create(), reference()
    monkeypatch.setattr(mdinline, "_SLOTS", False)
    for text in ["a *b* **c** [d](https://x.org/e) f\ng  \nh", "**x**", "[a](b)"]:
        assert inline(fast, text) == inline(slow, text), text


def test_remembered_hrefs_are_those_of_sitegens_one_pair_of_link_functions():
    first, second = create(), create(allow_html=True)
    assert mdinline._hrefs_for(first) is mdinline._hrefs_for(second)
    hrefs = mdinline._hrefs_for(first)
    inline(first, "[c](javascript:x)")  # (an unsafe link: the text goes to markdown-it-py)
    assert hrefs["javascript:x"] is None
    inline(second, "[b](https://x.org/a%20b)")
    assert hrefs["https://x.org/a%20b"] == "https://x.org/a%20b"
