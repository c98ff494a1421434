"""Imported text as Markdown that renders as exactly itself (issue 19.6).

An import writes other people's words into a Markdown file. Whatever
``allow_html`` says, none of those words may become markup: not a heading,
a list, emphasis, a code span, a link, an entity or a live HTML tag. Every
character CommonMark could read as syntax is backslash-escaped (CommonMark
§2.4: any ASCII punctuation may be escaped), and a line is first made a
clean line, because markdown-it strips and splits on whitespace itself.
The property test (tests/unit/test_import_escape.py) checks
``clean_line → escape → render → text content`` is the identity.
"""

from __future__ import annotations

import re

# Inline syntax anywhere in a line: escapes, code spans, emphasis, links and images
# (brackets), raw HTML and autolinks (<), strikethrough-style tildes, and a backslash itself.
_INLINE = re.compile(r"([\\`*_\[\]<~])")
# An entity or numeric character reference (markdown-it decodes &amp; &#38; &#x26;)
_ENTITY = re.compile(r"&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")
# Block syntax at the start of a line: ATX headings, bullets, blockquotes, ordered
# list markers, thematic breaks and container fences (::: excerpt).
_BLOCK_START = re.compile(r"[#>+\-=:|{]")
_ORDERED = re.compile(r"(\d{1,9})([.)])(?=\s|$)")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")
_SPACE = re.compile(r"\s+")


def clean_line(text: str) -> str:
    """One line of text as an import keeps it: control characters removed (they are
    never text, and break XML feeds), every run of whitespace one space, no edges."""
    return _SPACE.sub(" ", _CONTROL.sub("", text)).strip()


def escape_inline(text: str) -> str:
    """Escape what markdown-it would read as inline syntax."""
    return _ENTITY.sub(r"\\&", _INLINE.sub(r"\\\1", text))


def escape_paragraph(line: str) -> str:
    """A clean line as a Markdown paragraph that renders as exactly that line."""
    text = escape_inline(line)
    ordered = _ORDERED.match(text)
    if ordered:
        return ordered.group(1) + "\\" + text[len(ordered.group(1)):]
    if _BLOCK_START.match(text):
        return "\\" + text
    return text


def escape_heading(line: str, level: int = 2) -> str:
    """A clean line as an ATX heading whose text is exactly that line: every '#' is
    escaped too, so that a trailing '##' is not read as the closing sequence."""
    return "#" * level + " " + escape_inline(line).replace("#", "\\#")
