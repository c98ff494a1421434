"""Lines of a copied page → the article: its headline, paragraphs and subheads,
and everything around them set aside with the rule that recognised it.

The page is read in three zones. The *opening* runs to the first line of
article text: the headline (the line that reads as one, preferring one that
names its outlet, or one followed by a byline or dateline), and around it
navigation, captions, stamps. The *body* runs from there to the last
sentence of the article (or to a link out to the full report: "Read more on
…", "Continue reading…"); inside it, furniture rules still apply, a "Read
also" heading sets aside the links that follow it, and a short line becomes
a subhead only between two paragraphs, followed by article text. The
*closing* is everything after: credits and source lines are read, the rest
is the copying site's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from ..data import Registry
from ..excerpts import fold
from .escape import clean_line
from .facts import LeadDateline, LineFacts, is_credit_line, is_name, lead_dateline, provider_by_position, \
    read_fact_line, split_headline, wire_credits
from .furniture import TICKER_ITEM, ends_article, ends_sentence, furniture, is_navigation, split_inline_end, words

# camelCase glue where a feed flattened two paragraphs: "…minister saysPreparations…",
# or a sentence end glued to the next: "…has said.The event…". Abbreviations (U.S.) are spared.
GLUE = re.compile(r"(?<=[a-z]{4})(?=[A-Z][a-z]+\s)|(?<=[a-z0-9]{2}[.!?])(?=[A-Z][a-z])|(?<=[.!?][”\"’])(?=[A-Z])")


@dataclass(frozen=True, slots=True)
class Line:
    """One non-empty line of the copy."""

    number: int
    """1-based line in the original (for text), or block number (for a page)."""
    text: str
    """The clean line."""
    heading: bool = False
    """The page's markup calls it a heading."""


@dataclass(frozen=True, slots=True)
class Stripped:
    """A line set aside as page furniture."""

    text: str
    label: str
    """The rule that recognised it (for the report)."""


@dataclass(frozen=True, slots=True)
class Block:
    kind: Literal["p", "h"]
    text: str


@dataclass
class Layout:
    """What the copy holds, zone by zone."""

    headline: str | None = None
    """The headline line as the copy writes it (outlet suffix included)."""
    headline_number: int | None = None
    blocks: list[Block] = field(default_factory=list)
    stripped: list[Stripped] = field(default_factory=list)
    facts: list[LineFacts] = field(default_factory=list)
    """Datelines, bylines, source and provider lines, in order."""
    lead: LeadDateline | None = None
    wire: list[str] = field(default_factory=list)
    ticker: list[dict[str, str]] = field(default_factory=list)
    split_points: list[str] = field(default_factory=list)
    opening: list[str] = field(default_factory=list)
    """The lines before the article text (what an error about a missing headline names)."""


def lines_of(text: str) -> list[Line]:
    return [Line(number, clean) for number, raw in enumerate(text.split("\n"), start=1)
            if (clean := clean_line(raw))]


def is_prose(text: str) -> bool:
    """Reads as article text: a sentence, or too long to be a headline or a label."""
    return (ends_sentence(text) and words(text) >= 3 and any(c.islower() for c in text)) or words(text) >= 20


def is_subhead(text: str) -> bool:
    """Short, not a sentence, with letters: a section heading if it stands between paragraphs."""
    return (len(text) <= 80 and 0 < words(text) <= 12 and not re.search(r"[.!?:;,\"”’…)]$", text)
            and not is_credit_line(text))


def _headline_like(text: str) -> bool:
    return not is_prose(text) and 3 <= words(text) <= 30 and len(text) <= 250 and not is_navigation(text)


def _same(a: str, b: str) -> bool:
    """The same words, whatever the quotes, dashes, spacing and case."""
    if abs(len(a) - len(b)) > len(b) // 4 + 4:  # folding only narrows spacing: far apart is different
        return False
    return fold(a).casefold() == fold(b).casefold()


class _Reader:
    def __init__(self, lines: list[Line], outlets: Registry, structured: bool, known_title: str | None):
        self.outlets = outlets
        self.structured = structured
        self.layout = Layout()
        self.lines: list[Line] = []
        self.ends: dict[int, tuple[str, str]] = {}  # index → (inline furniture split off, label)
        for line in lines:
            split = split_inline_end(line.text)
            if split:
                self.ends[len(self.lines)] = (split[1], split[2])
                line = Line(line.number, split[0], line.heading)
            self.lines.append(line)
        n = len(self.lines)
        self.fact = [read_fact_line(l.text, outlets) if not is_prose(l.text) or words(l.text) < 16 else None
                     for l in self.lines]
        self.rule = [None if self.fact[i] else furniture(l.text, "body") for i, l in enumerate(self.lines)]
        # lists of links are read from the first sentence on: before it, a menu's 'Top stories'
        # must not swallow the headline (the opening is set aside line by line anyway)
        first_sentence = next((i for i, l in enumerate(self.lines) if self.fact[i] is None and self.rule[i] is None
                               and is_prose(l.text)), len(self.lines))
        self.listed = self._link_lists(first_sentence)
        self.titles = [t for t in (known_title,) if t]
        self.n = n

    def _link_lists(self, start: int) -> set[int]:
        """Lines that are links in a list after a 'Read also' / 'Related' heading."""
        listed: set[int] = set()
        in_list = False
        for i, line in enumerate(self.lines[start:], start=start):
            if self.rule[i] == "link list heading":
                in_list = True
            elif in_list and self.rule[i] is None and self.fact[i] is None and \
                    not line.text.endswith((".", ".”", '."')) and words(line.text) <= 30:
                listed.add(i)
            elif in_list and (self.rule[i] is None and self.fact[i] is None):
                in_list = False
        return listed

    def set_aside(self, i: int) -> bool:
        return self.fact[i] is not None or self.rule[i] is not None or i in self.listed

    def repeats_headline(self, text: str) -> bool:
        return any(_same(text, t) for t in self.titles)

    # --- the opening ------------------------------------------------------------------
    def find_headline(self) -> int | None:
        first_prose = next((i for i in range(self.n) if not self.set_aside(i) and is_prose(self.lines[i].text)
                            and not self.lines[i].heading), self.n)
        window = [i for i in range(min(self.n, first_prose + 3)) if not self.set_aside(i)][:8]
        for i in window:
            if split_headline(self.lines[i].text, self.outlets) and _headline_like(self.lines[i].text):
                return i
        candidates = [i for i in window if i < first_prose and _headline_like(self.lines[i].text)]
        for i in candidates:
            following = next((j for j in range(i + 1, self.n) if self.fact[j] or not self.set_aside(j)), None)
            if following is not None and self.fact[following] is not None:
                return i
        if candidates:
            return candidates[0]
        # a short first line straight above the first sentence: the copy's own headline
        if first_prose == 1 and words(self.lines[0].text) >= 2 and not self.set_aside(0) \
                and not ends_sentence(self.lines[0].text):
            return 0
        return None

    def provider_after(self, headline: int) -> None:
        """The line right after the headline names the provider when it is a bare name and a
        date stamp follows it (a portal's 'Headline / Al Jazeera / Published Nov 26, 2024')."""
        j = headline + 1
        if j >= self.n or not is_name(self.lines[j].text):
            return
        named = self.fact[j]
        if self.set_aside(j) and not (named is not None and named.kind == "name line"):
            return
        following = next((k for k in range(j + 1, self.n) if self.fact[k] or not (
            self.set_aside(k) or is_navigation(self.lines[k].text))), None)
        stamp = self.fact[following] if following is not None else None
        if stamp is not None and stamp.dates:
            self.fact[j] = provider_by_position(self.lines[j].text)

    def body_start(self, headline: int | None) -> int:
        for i in range((headline + 1) if headline is not None else 0, self.n):
            text = self.lines[i].text
            if self.set_aside(i) or self.repeats_headline(text) or (is_navigation(text) and not self.lines[i].heading):
                continue
            if headline is None and not is_prose(text) and _headline_like(text) and not self.structured:
                continue  # a title-like line before any sentence, which find_headline did not take
            return i
        return self.n

    def body_end(self, start: int) -> int:
        """Index of the last line of the article."""
        stop = self.n
        for i in range(start, self.n):
            if ends_article(self.lines[i].text) or (i in self.ends and self.ends[i][1] == "read-more link"):
                stop = i + 1 if i in self.ends else i
                break
        last = start - 1
        for i in range(start, stop):
            text = self.lines[i].text
            if self.set_aside(i):
                continue
            if is_prose(text) or is_credit_line(text) or i == start:
                last = i
        return last

    # --- the whole copy -------------------------------------------------------------------
    def read(self) -> Layout:
        layout = self.layout
        headline = self.find_headline()
        if headline is not None:
            layout.headline = self.lines[headline].text
            layout.headline_number = self.lines[headline].number
            self.titles.append(layout.headline)
            suffixed = split_headline(layout.headline, self.outlets)
            if suffixed:
                self.titles.append(suffixed[0])
        if headline is not None:
            self.provider_after(headline)
        start = self.body_start(headline)
        end = self.body_end(start)
        for i, line in enumerate(self.lines):
            if i == headline:
                continue
            if i < start:
                layout.opening.append(line.text)
                self.aside(i, "opening", headline)
            elif i <= end:
                self.body(i, end)
            else:
                self.aside(i, "closing", headline)
            if i in self.ends:
                layout.stripped.append(Stripped(*self.ends[i]))
        if layout.blocks and layout.blocks[0].kind == "p":
            layout.lead = lead_dateline(layout.blocks[0].text)
        return layout

    def aside(self, i: int, zone: str, headline: int | None) -> None:
        text = self.lines[i].text
        fact = self.fact[i]
        if fact is not None:
            self.layout.facts.append(fact)
            self.layout.stripped.append(Stripped(text, fact.kind))
            return
        if self.rule[i] == "headline ticker":
            items = TICKER_ITEM.split(text)
            for time, title in zip(items[1::2], items[2::2]):
                self.layout.ticker.append({"time": time, "headline": title.strip()})
            self.layout.stripped.append(Stripped(
                f"aggregator ticker: {len(items) // 2} headlines (kept as ticker:, not as article text)",
                "headline ticker"))
            return
        if zone == "closing" and is_credit_line(text):
            self.layout.wire.extend(w for w in wire_credits(text) if w not in self.layout.wire)
        label = self.rule[i] or ("link list" if i in self.listed else None) or \
            ("repeated headline" if self.repeats_headline(text) else None)
        if label is None:
            if zone == "opening":
                label = "navigation" if is_navigation(text) else \
                    "opening caption" if headline is not None and i < headline and is_prose(text) else \
                    "before the article"
            else:
                label = "navigation" if is_navigation(text) else "after the article"
        self.layout.stripped.append(Stripped(text, label))

    def body(self, i: int, end: int) -> None:
        line = self.lines[i]
        text = line.text
        if self.set_aside(i) or self.repeats_headline(text):
            self.aside(i, "body", None)
            return
        if is_credit_line(text):
            self.layout.wire.extend(w for w in wire_credits(text) if w not in self.layout.wire)
        pieces = [text] if self.structured else [p.strip() for p in GLUE.split(text) if p.strip()]
        if len(pieces) > 1:
            self.layout.split_points.extend(f"…{a[-12:]}|{b[:12]}…" for a, b in zip(pieces, pieces[1:]))
        for k, piece in enumerate(pieces):
            last_piece = k == len(pieces) - 1
            kind: Literal["p", "h"] = "p"
            if last_piece and self.layout.blocks and self.layout.blocks[-1].kind == "p" and i < end:
                following = self.lines[i + 1]
                followed_by_text = not self.set_aside(i + 1) and is_prose(following.text)
                if followed_by_text and (is_subhead(piece) or (line.heading and words(piece) <= 20)):
                    kind = "h"
            self.layout.blocks.append(Block(kind, piece))


def read_copy(lines: list[Line], outlets: Registry, structured: bool = False,
              known_title: str | None = None) -> Layout:
    """Lay out a copy's lines. ``structured`` for a page's extracted blocks (headings known,
    paragraphs never glued); ``known_title``: a headline the page states elsewhere."""
    return _Reader(lines, outlets, structured, known_title).read()


def clean_lines(texts: list[str]) -> list[Line]:
    return [Line(n, c) for n, t in enumerate(texts, start=1) if (c := clean_line(t))]
