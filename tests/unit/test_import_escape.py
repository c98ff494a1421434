"""Imported text renders as exactly itself, whatever allow_html says (issue 19.6)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from hypothesis import example, given, settings
from hypothesis import strategies as st

from sitegen import bodyhtml, markdown
from sitegen.importing.escape import clean_line, escape_heading, escape_paragraph

MD = {allow: markdown.create(allow_html=allow) for allow in (False, True)}

HOSTILE = [
    "Markets <img src=x onerror=alert(1)> today", "<script>alert(1)</script>", "*big*", "_small_", "**bold**",
    "`code`", "```", "~~~", "Title ##", "#", "##", "# not a heading", "-", "- not a bullet", "+", "*", "1.",
    "1) one", "2025. A year", ">", "> quoted", "|", "a | b", "| a | b |", "&amp;", "&amp; stays", "&#38;",
    "&#x26;", "&copy; 2024", "AT&T", "[not](a-link)", "![img](x.png)", "[^1]", "^[inline note]",
    "<http://example.org>", "<b>not html</b>", "<!-- comment -->", "::: excerpt x", ":::", "---", "***", "___",
    "- - -", "===", "\\", "a\\", "\\*", "a_b_c", "snake_case_name", "C:\\path\\file", "[x]: /url",
    "Trump's \"deal\"", "50% off!", "{curly}", "$x$", "<", "a <b", "]", "[", "a]b[c",
]


def rendered_text(source: str, allow_html: bool) -> list[str]:
    md = MD[allow_html]
    html = bodyhtml.render(md, markdown.parse(md, source, citeable=False), {})
    soup = BeautifulSoup(html, "html.parser")
    return [element.get_text() for element in soup.find_all(recursive=False)]


@pytest.mark.parametrize("allow_html", [False, True])
@pytest.mark.parametrize("line", HOSTILE)
def test_hostile_lines_render_as_exactly_themselves(line, allow_html):
    assert rendered_text(escape_paragraph(line), allow_html) == [line]
    assert rendered_text(escape_heading(line), allow_html) == [line]


@pytest.mark.parametrize("allow_html", [False, True])
def test_markup_in_imported_text_never_becomes_an_element(allow_html):
    md = MD[allow_html]
    html = bodyhtml.render(md, markdown.parse(md, escape_paragraph(HOSTILE[0]), citeable=False), {})
    soup = BeautifulSoup(html, "html.parser")
    assert [tag.name for tag in soup.find_all(True)] == ["p"]


def test_clean_line_removes_controls_and_folds_whitespace():
    assert clean_line("  a\tb\u00a0\u00a0c\x0b\x00d \u2028e  ") == "a b cd e"


lines = st.text(st.characters(codec="utf-8"), max_size=80).map(clean_line).filter(bool)
punctuation_heavy = st.text(st.sampled_from(list("#-+*_`~<>&|[]()!:.;=\\ 1aA#;x")), min_size=1, max_size=30) \
    .map(clean_line).filter(bool)


@settings(max_examples=300, deadline=None)
@given(st.one_of(lines, punctuation_heavy), st.booleans())
@example("&amp;", True)
@example("1.", False)
def test_escape_then_render_gives_back_the_line(line, allow_html):
    assert rendered_text(escape_paragraph(line), allow_html) == [line]
    assert rendered_text(escape_heading(line), allow_html) == [line]
