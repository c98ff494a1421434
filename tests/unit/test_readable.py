"""A body's readable text: the words a reader sees, without Markdown's marks (what the search
index holds of an article)."""

from __future__ import annotations

from sitegen.readable import readable_text


def test_link_text_stays_and_its_address_goes():
    assert readable_text("See [the report](https://example.org/a_(b) \"Title\") and ![a map](map.png).") == \
        "See the report and a map."


def test_emphasis_and_code_marks_go_but_words_keep_their_underscores():
    assert readable_text("*Said* __twice__ in `snake_case` and ~~struck~~ text") == \
        "Said twice in snake_case and struck text"


def test_escaped_marks_are_read_as_written():
    assert readable_text(r"Five \* three, \_underscored\_ and a hard break\
next line") == "Five * three, _underscored_ and a hard break next line"


def test_headings_quotes_and_lists_lose_their_marks():
    text = "# Title #\n\n> quoted line\n> - listed item\n\n1. first\n2) second\n\n## Subhead\n"
    assert readable_text(text) == "Title quoted line listed item first second Subhead"


def test_excerpt_containers_keep_the_quote_but_not_their_parameters():
    text = "Intro.\n\n::: excerpt guardian-ryabkov id=riyadh\nThe quoted words\n:::\n\nOutro."
    assert readable_text(text) == "Intro. The quoted words Outro."


def test_html_tags_comments_entities_and_reference_definitions():
    text = "A <abbr title=\"x\">NATO</abbr> &amp; <!-- note --> text [^1] with [a ref][r].\n\n" \
           "[r]: https://example.org/\n[^1]: The footnote's words.\n\n---\n"
    assert readable_text(text) == "A NATO & text with a ref. The footnote's words."


def test_fenced_code_is_read_as_it_is():
    assert readable_text("Before\n\n```python\nx = *y*\n```\nAfter") == "Before x = *y* After"


def test_links_in_link_text_and_addresses_with_parentheses_or_spaces():
    assert readable_text("[a [b](u) c](v) and [d [e [f](x)](y)](z)") == "a b c and d e f"
    assert readable_text("[Kyiv](https://en.wikipedia.org/wiki/Kyiv_(city)_x) [w](a (b) c)") == "Kyiv [w](a (b) c)"
    assert readable_text("[note][1], [^2] and [x] alone") == "note, and [x] alone"
    assert readable_text("![a (map)](m_(1).png \"t\") and [t](u \"it's\")") == "a (map) and t"
