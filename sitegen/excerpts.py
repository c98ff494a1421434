"""Finding a quoted excerpt in its source article's paragraphs.

The rule (issue 4): matching ignores whitespace and line breaks and the
difference between straight and typographic quotes, apostrophes and dashes —
nothing else: no case folding, no skipped words. An ellipsis (``…`` or ``...``)
stands for omitted words between parts that are found, in order, within one
paragraph. A part must start and end on word boundaries, so a quote cannot
begin or end in the middle of a word.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

_FOLD = str.maketrans({
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
})
_SPACE = re.compile(r"\s+")
_ELLIPSIS = re.compile(r"\s*(?:…|\.\.\.)\s*")


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A citeable paragraph of an article: its anchor id and plain text."""

    id: str
    text: str


@dataclass(frozen=True, slots=True)
class Match:
    """Where an excerpt was found."""

    paragraph: Paragraph
    spans: tuple[tuple[int, int], ...]
    """(start, end) offsets into paragraph.text, one per quoted part."""
    leading_ellipsis: bool
    trailing_ellipsis: bool

    @property
    def parts(self) -> tuple[str, ...]:
        return tuple(self.paragraph.text[a:b] for a, b in self.spans)

    @property
    def text(self) -> str:
        """The quote in the source's own characters, omissions shown as …"""
        body = " … ".join(self.parts)
        return ("… " if self.leading_ellipsis else "") + body + (" …" if self.trailing_ellipsis else "")


class Folded:
    """Text with whitespace runs folded to one space and quotes/dashes made plain,
    keeping a map from each folded character back to the original offset."""

    __slots__ = ("text", "origin")

    def __init__(self, original: str):
        chars: list[str] = []
        origin: list[int] = []
        in_space = False
        for index, char in enumerate(original):
            if char.isspace():
                if not in_space and chars:
                    chars.append(" ")
                    origin.append(index)
                in_space = True
                continue
            in_space = False
            chars.append(char.translate(_FOLD))
            origin.append(index)
        if chars and chars[-1] == " ":
            chars.pop()
            origin.pop()
        self.text = "".join(chars)
        self.origin = origin

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of folded text[start:end]."""
        return self.origin[start], self.origin[end - 1] + 1


def fold(text: str) -> str:
    return Folded(text).text


def split_parts(quote: str) -> tuple[list[str], bool, bool]:
    """A quote → its folded parts between ellipses, and whether it opens/closes with one."""
    pieces = _ELLIPSIS.split(quote.strip())
    leading = bool(pieces) and pieces[0] == ""
    trailing = len(pieces) > 1 and pieces[-1] == ""
    parts = [fold(p) for p in pieces if p.strip()]
    return parts, leading, trailing


def _is_word(char: str) -> bool:
    return char.isalnum()


def _find_part(haystack: str, part: str, start: int) -> int:
    """First index >= start where part occurs on word boundaries, or -1."""
    while True:
        index = haystack.find(part, start)
        if index < 0:
            return -1
        end = index + len(part)
        left_ok = not (_is_word(part[0]) and index > 0 and _is_word(haystack[index - 1]))
        right_ok = not (_is_word(part[-1]) and end < len(haystack) and _is_word(haystack[end]))
        if left_ok and right_ok:
            return index
        start = index + 1


def match_paragraph(paragraph: Paragraph, parts: list[str], leading: bool, trailing: bool,
                    folded: Folded | None = None) -> Match | None:
    folded = folded or Folded(paragraph.text)
    spans = []
    position = 0
    for part in parts:
        index = _find_part(folded.text, part, position)
        if index < 0:
            return None
        position = index + len(part)
        spans.append(folded.span(index, position))
    return Match(paragraph, tuple(spans), leading, trailing)


def find(quote: str, paragraphs: list[Paragraph]) -> list[Match]:
    """Every paragraph in which the quote is found (normally exactly one)."""
    parts, leading, trailing = split_parts(quote)
    if not parts:
        return []
    found = []
    for paragraph in paragraphs:
        match = match_paragraph(paragraph, parts, leading, trailing)
        if match:
            found.append(match)
    return found


def closest_passage(quote: str, paragraphs: list[Paragraph], width: int = 0) -> str:
    """The stretch of the article that looks most like the quote, for error hints."""
    parts, _, _ = split_parts(quote)
    target = " ".join(parts)
    if not target or not paragraphs:
        return ""
    width = width or len(target)
    best = (0.0, "")
    for paragraph in paragraphs:
        folded = Folded(paragraph.text)
        text = folded.text
        matcher = difflib.SequenceMatcher(None, text, target, autojunk=False)
        block = matcher.find_longest_match(0, len(text), 0, len(target))
        # centre a window of the quote's length on the longest common run
        start = max(0, block.a - block.b)
        start = text.rfind(" ", 0, start) + 1 if start > 0 else 0
        window = text[start : start + width + 20]
        if len(window) > width:
            cut = window.rfind(" ", 0, width + 1)
            window = window[: cut if cut > width // 2 else width]
        score = difflib.SequenceMatcher(None, window, target, autojunk=False).ratio()
        if score > best[0] and window:
            a, b = folded.span(start, start + len(window))
            best = (score, paragraph.text[a:b])  # shown in the source's own characters
    return best[1]


def text_fragment(match: Match) -> str:
    """A URL text fragment (``#:~:text=``) that highlights the quote on the original page."""
    from urllib.parse import quote as percent

    def enc(part: str) -> str:
        return percent(_SPACE.sub(" ", part.strip()), safe="").replace("-", "%2D")

    parts = match.parts
    if len(parts) == 1:
        return "#:~:text=" + enc(parts[0])
    return "#:~:text=" + enc(parts[0]) + "," + enc(parts[-1])
