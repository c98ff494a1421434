"""Finding a quoted excerpt in its source article's paragraphs.

The rule (issue 4): matching ignores whitespace and line breaks and the
difference between straight and typographic quotes, apostrophes and dashes —
nothing else: no case folding, no skipped words. An ellipsis (``…`` or ``...``)
stands for omitted words between parts that are found, in order, within one
paragraph. A part must start and end on word boundaries, so a quote cannot
begin or end in the middle of a word.

Quotes and articles are untrusted, so every step is linear in their size or bounded
(issue 19.7): the ellipsis split never backtracks, a part is looked for by a linear
scan once the quick search has been fooled a few times, and the closest-passage hint
aligns on shared words and compares short windows only.
"""

from __future__ import annotations

import bisect
import difflib
import re
from array import array
from dataclasses import dataclass

_FOLD = str.maketrans({
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
})
_SPACE = re.compile(r"\s+")
_LONG_SPACE = re.compile(r"\s\s+")
_ELLIPSIS = re.compile(r"…|\.\.\.")
"""An ellipsis alone: the whitespace around it is stripped from the pieces afterwards (a
pattern with \\s* around it backtracks over every run of spaces: 41 s on 100,000 of them)."""


class Paragraph:
    """A citeable paragraph of an article: its anchor id and plain text.

    Frozen. The text is held in UTF-8 and decoded when read: a build holds every article's
    paragraphs until the site is resolved, and a single typographic quote or dash makes a str
    take two bytes a character (news copy, 4,000 articles: 45 MB of paragraph text → 23 MB)."""

    __slots__ = ("id", "utf8")
    id: str
    utf8: bytes

    def __init__(self, id: str, text: str) -> None:
        object.__setattr__(self, "id", id)
        object.__setattr__(self, "utf8", text.encode())

    @property
    def text(self) -> str:
        return self.utf8.decode()

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"a Paragraph is frozen: cannot set {name}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"a Paragraph is frozen: cannot delete {name}")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Paragraph):
            return NotImplemented
        return self.id == other.id and self.utf8 == other.utf8

    def __hash__(self) -> int:
        return hash((self.id, self.utf8))

    def __repr__(self) -> str:
        return f"Paragraph({self.id!r}, {self.text!r})"

    def __reduce__(self) -> tuple[object, tuple[str, bytes]]:
        return made_paragraph, (self.id, self.utf8)


def made_paragraph(id: str, utf8: bytes) -> Paragraph:
    """A Paragraph from its id and UTF-8 as they were kept (a pickle, a packed outline): not
    decoded and encoded again."""
    made = object.__new__(Paragraph)
    object.__setattr__(made, "id", id)
    object.__setattr__(made, "utf8", utf8)
    return made


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

    __slots__ = ("text", "_lead", "_after", "_removed")

    def __init__(self, original: str):
        # at C speed (this is the first step of every check, on every paragraph): the text by
        # two substitutions, the map as the runs of two or more spaces that were shortened
        body = original.strip()
        self._lead = len(original) - len(original.lstrip())
        self.text = _SPACE.sub(" ", body).translate(_FOLD)  # one character for one
        self._after = array("q")
        """Folded offsets just after each shortened run..."""
        self._removed = array("q")
        """...and how many characters were removed up to there."""
        removed = 0
        for run in _LONG_SPACE.finditer(body):
            self._after.append(run.start() - removed + 1)
            removed += run.end() - run.start() - 1
            self._removed.append(removed)

    def origin(self, index: int) -> int:
        """Original offset of folded text[index] (a folded space: its run's first character)."""
        k = bisect.bisect_right(self._after, index)
        return self._lead + index + (self._removed[k - 1] if k else 0)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of folded text[start:end]."""
        return self.origin(start), self.origin(end - 1) + 1


def fold(text: str) -> str:
    return Folded(text).text


def split_parts(quote: str) -> tuple[list[str], bool, bool]:
    """A quote → its folded parts between ellipses, and whether it opens/closes with one."""
    pieces = [piece.strip() for piece in _ELLIPSIS.split(quote.strip())]
    leading = bool(pieces) and pieces[0] == ""
    trailing = len(pieces) > 1 and pieces[-1] == ""
    parts = [fold(p) for p in pieces if p.strip()]
    return parts, leading, trailing


def _is_word(char: str) -> bool:
    return char.isalnum()


QUICK_TRIES = 8
"""Occurrences that fail the word-boundary check before _find_part turns to a linear scan."""


def _find_part(haystack: str, part: str, start: int) -> int:
    """First index >= start where part occurs on word boundaries, or -1.

    str.find is fast, but retrying after each occurrence that starts or ends inside a word
    costs len(part) per occurrence: quadratic on overlapping ones ("ab" repeated). After a
    few, the rest of the haystack is scanned once (Knuth-Morris-Pratt), in linear time."""
    for _ in range(QUICK_TRIES):
        index = haystack.find(part, start)
        if index < 0 or _on_boundaries(haystack, part, index):
            return index
        start = index + 1
    return _scan_part(haystack, part, start)


def _on_boundaries(haystack: str, part: str, index: int) -> bool:
    end = index + len(part)
    left_ok = not (_is_word(part[0]) and index > 0 and _is_word(haystack[index - 1]))
    right_ok = not (_is_word(part[-1]) and end < len(haystack) and _is_word(haystack[end]))
    return left_ok and right_ok


def _scan_part(haystack: str, part: str, start: int) -> int:
    """_find_part by one Knuth-Morris-Pratt pass: O(len(haystack) + len(part))."""
    if not part:
        return -1
    fallback = [0] * len(part)  # the longest proper border of part[:i+1]
    k = 0
    for i in range(1, len(part)):
        while k and part[i] != part[k]:
            k = fallback[k - 1]
        if part[i] == part[k]:
            k += 1
        fallback[i] = k
    k = 0
    for i in range(start, len(haystack)):
        char = haystack[i]
        while k and char != part[k]:
            k = fallback[k - 1]
        if char == part[k]:
            k += 1
        if k == len(part):
            index = i - k + 1
            if _on_boundaries(haystack, part, index):
                return index
            k = fallback[k - 1]
    return -1


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


EXPLAINED_PARTS = 16
"""explain_miss looks at this many parts of a quote at most: its work stays bounded."""


def explain_miss(quote: str, paragraphs: list[Paragraph], hint: str | None = None) -> str:
    """Why a quote is not found in an article's paragraphs, for the editor: the paragraph it
    is really in (when ``hint``, a paragraph id, is wrong), parts of an ellipsis that lie in
    different paragraphs or in another order, a difference of case only, or a quote that
    starts or ends inside a word. '' when none of these explains it (then show the closest
    passage). Pure, and linear in the article's size."""
    parts, leading, trailing = split_parts(quote)
    if not parts or not paragraphs:
        return ""
    folded = [Folded(p.text) for p in paragraphs]
    if hint:
        elsewhere = [p.id for p, f in zip(paragraphs, folded)
                     if p.id != hint and match_paragraph(p, parts, leading, trailing, f)]
        if elsewhere:
            return f"found in {_ids(elsewhere)}, not #{hint}: correct the paragraph hint"
    homes: list[list[int]] = []
    for part in parts[:EXPLAINED_PARTS]:
        where = [i for i, f in enumerate(folded) if _find_part(f.text, part, 0) >= 0]
        if not where:
            return _near_miss(part, paragraphs, folded)
        homes.append(where)
    if len(parts) < 2 or len(parts) > EXPLAINED_PARTS:
        return ""
    shared = set(homes[0]).intersection(*homes[1:])
    if shared:
        return (f"its parts are all in #{paragraphs[min(shared)].id}, but not one after another in this order: "
                "an ellipsis keeps the source's order")
    shown = ", ".join(f'"{_short(part)}" in {_ids([paragraphs[i].id for i in where])}' for part, where in zip(parts, homes))
    return (f"its parts are in different paragraphs ({shown}): an ellipsis joins words of one paragraph, "
            "so quote each paragraph in its own excerpt")


def _near_miss(part: str, paragraphs: list[Paragraph], folded: list[Folded]) -> str:
    """Why one part of a quote, found nowhere as it is, is not found: case, or a part-word."""
    lowered = _lower(part)
    for paragraph, f in zip(paragraphs, folded):
        text = _lower(f.text)
        index = _find_part(text, lowered, 0) if len(lowered) == len(part) and len(text) == len(f.text) else -1
        if index >= 0:
            a, b = f.span(index, index + len(part))
            return f'differs only in case: #{paragraph.id} has "{_short(paragraph.text[a:b], 90)}"'
    for paragraph, f in zip(paragraphs, folded):
        text, index = f.text, f.text.find(part)
        if index < 0:
            continue
        end = index + len(part)
        starts = _is_word(part[0]) and index > 0 and _is_word(text[index - 1])
        ends = _is_word(part[-1]) and end < len(text) and _is_word(text[end])
        first, last = _word_at(text, index), _word_at(text, end - 1)
        if starts and ends and all(_is_word(char) for char in part):
            problem = f"lies inside the word '{first}'"
        else:
            problem = " and ".join([f"starts in the middle of the word '{first}'"] * starts +
                                   [f"ends in the middle of the word '{last}'"] * ends)
        return f"{problem} (#{paragraph.id}): quote whole words"
    return ""


def _lower(text: str) -> str:
    """Lower case, one character for one (the few characters whose lower case is longer are kept)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _word_at(text: str, index: int) -> str:
    """The whole word around text[index]."""
    start, end = index, index + 1
    while start > 0 and _is_word(text[start - 1]):
        start -= 1
    while end < len(text) and _is_word(text[end]):
        end += 1
    return _short(text[start:end], 40)


def _ids(ids: list[str]) -> str:
    shown = [f"#{i}" for i in ids[:3]] + ([f"{len(ids) - 3} more"] if len(ids) > 3 else [])
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def _short(text: str, width: int = 30) -> str:
    """text on one line, cut to width at a word's end."""
    text = " ".join(text.split())
    return text if len(text) <= width else _cut(text, width - 1).rstrip() + "…"


HINT_CHARS = 240
"""The closest-passage hint compares at most this much of the quote (the error shows 90
characters of it): the cost of a hint never grows with the quote."""
CANDIDATES = 6
"""Alignments of the quote with the article that are compared character by character."""


def closest_passage(quote: str, paragraphs: list[Paragraph], width: int = 0) -> str:
    """The stretch of the article that looks most like the quote, for error hints.

    Bounded work whatever the sizes (issue 19.7: difflib over a 1 MB paragraph took 106 s):
    the quote's first words are aligned with the article where they share word n-grams
    (three words, else two, else one; rarer ones weigh more), in one pass over the
    article, and a few windows of the quote's length are compared with it by difflib."""
    parts, _, _ = split_parts(quote)
    target = _cut(" ".join(parts), HINT_CHARS)
    if not target or not paragraphs:
        return ""
    width = min(width or len(target), HINT_CHARS)
    folded = [Folded(paragraph.text) for paragraph in paragraphs]
    best = (0.0, "")
    for index, start in _alignments(target, [f.text for f in folded]):
        text = folded[index].text
        window = text[start : start + width + 20]
        if len(window) > width:
            cut = window.rfind(" ", 0, width + 1)
            window = window[: cut if cut > width // 2 else width]
        score = difflib.SequenceMatcher(None, window, target, autojunk=False).ratio()
        if score > best[0] and window:
            a, b = folded[index].span(start, start + len(window))
            best = (score, paragraphs[index].text[a:b])  # shown in the source's own characters
    return best[1]


def _cut(text: str, limit: int) -> str:
    """text, or its first ``limit`` characters ending on a space."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit + 1)
    return text[: cut if cut > limit // 2 else limit]


_PUNCTUATION = "\"'.,;:!?()[]-"


def _keys(text: str) -> list[str]:
    """The words of folded text as the hint compares them: case and surrounding punctuation ignored
    (a word of punctuation alone is kept as it is)."""
    return [(word.strip(_PUNCTUATION) or word).casefold() for word in text.split(" ")]


def _word_start(text: str, word: int) -> int:
    """Offset of the word-th word of folded text (words are separated by single spaces)."""
    at = 0
    for _ in range(word):
        at = text.index(" ", at) + 1
    return at


GRAM_HITS = 256
"""An n-gram found more often than this in the article votes only at its first places (it is
common, so it says little; the bound keeps the votes few whatever the article)."""


def _alignments(target: str, texts: list[str]) -> list[tuple[int, int]]:
    """(text index, start offset) of the places where the target most likely lines up, best
    first: each shared n-gram of words votes for the start it implies, weighted by how rare
    it is in the texts. A few passes over the texts' words; a bounded number of votes."""
    wanted = _keys(target)
    keys_of = [_keys(text) for text in texts]
    for size in (3, 2, 1):
        grams: dict[tuple[str, ...], list[int]] = {}
        for at in range(len(wanted) - size + 1):
            gram = tuple(wanted[at : at + size])
            if all(gram) and len(grams.setdefault(gram, [])) < 4:
                grams[gram].append(at)
        firsts = {gram[0] for gram in grams}
        found: dict[tuple[str, ...], list[tuple[int, int]]] = {}  # gram → its first places
        count: dict[tuple[str, ...], int] = {}
        for index, keys in enumerate(keys_of):
            for at in [at for at, key in enumerate(keys[: len(keys) - size + 1]) if key in firsts]:
                gram = tuple(keys[at : at + size])
                if gram in grams:
                    count[gram] = count.get(gram, 0) + 1
                    if count[gram] <= GRAM_HITS:
                        found.setdefault(gram, []).append((index, at))
        if not found:
            continue
        votes: dict[tuple[int, int], float] = {}
        for gram, places in found.items():
            for index, at in places:
                for mine in grams[gram]:
                    place = (index, max(0, at - mine))
                    votes[place] = votes.get(place, 0.0) + 1.0 / count[gram]
        ranked = sorted(votes, key=lambda place: (-votes[place], place))[:CANDIDATES]
        return [(index, _word_start(texts[index], word)) for index, word in ranked]
    return []


def text_fragment(match: Match) -> str:
    """A URL text fragment (``#:~:text=``) that highlights the quote on the original page."""
    from urllib.parse import quote as percent

    def enc(part: str) -> str:
        return percent(_SPACE.sub(" ", part.strip()), safe="").replace("-", "%2D")

    parts = match.parts
    if len(parts) == 1:
        return "#:~:text=" + enc(parts[0])
    return "#:~:text=" + enc(parts[0]) + "," + enc(parts[-1])
