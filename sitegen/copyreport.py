"""The report of ``sitegen check --reuse``: shared passages found among a site's articles
(:mod:`sitegen.sharedcopy`), proposed as ``shares_copy_with:`` front matter for both articles
of each pair — printed, never written; and the records already written, checked against the
articles they name.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence

from .sharedcopy import MAX_SHARERS, Article, Passage, find_passages
from .siteview import Doc, SiteView

@dataclass(frozen=True, slots=True)
class SharedCopy:
    """What ``check --reuse`` found, and the front matter it proposes."""

    docs: dict[str, Doc]
    """slug → article."""
    passages: list[Passage]
    boilerplate: int = 0
    """LSH buckets set aside as boilerplate."""
    articles: int = 0
    """How many articles were compared."""

    def report(self) -> str:
        by_pair: dict[tuple[str, str], list[Passage]] = {}
        for passage in self.passages:
            by_pair.setdefault((passage.first, passage.second), []).append(passage)
        out: list[str] = []
        for (first, second), passages in sorted(by_pair.items(), key=lambda item: _order(self.docs, item[0])):
            out.extend(_pair_report(self.docs[first], self.docs[second], passages))
        pairs = len(by_pair)
        out.append(f"shared copy: {pairs} pair{'s' if pairs != 1 else ''} of articles share passages "
                   f"(among {self.articles} articles)" + (f"; {self.boilerplate} groups of near-identical "
                                                          f"paragraphs in more than {MAX_SHARERS} articles were set "
                                                          "aside as boilerplate" if self.boilerplate else ""))
        return "\n".join(out)


def _order(docs: Mapping[str, Doc], pair: tuple[str, str]) -> tuple[str, str]:
    return (docs[pair[0]].source, docs[pair[1]].source)


def _pair_report(a: Doc, b: Doc, passages: list[Passage]) -> list[str]:
    words = sum(p.words for p in passages)
    likeness = min(p.likeness for p in passages)
    out = [f"{a.source} and {b.source} share {words} words in {len(passages)} passage"
           f"{'s' if len(passages) != 1 else ''} (at least {int(likeness)}% alike), from: “{passages[0].sample}”"]
    mine = _merge(p.first_paragraphs for p in passages)
    theirs = _merge(p.second_paragraphs for p in passages)
    out.extend(_proposal(a, b, mine, theirs))
    out.extend(_proposal(b, a, theirs, mine))
    return out


def _merge(groups: Iterable[tuple[str, ...]]) -> list[str]:
    return sorted({pid for group in groups for pid in group}, key=lambda pid: int(pid[2:]))


def _report_name(doc: Doc) -> str:
    outlet = doc.meta.get("outlet")
    date = doc.meta.get("date")
    when = f" of {date.day} {date:%B %Y}" if date is not None else ""
    return f"{outlet}'s report{when}" if outlet else f"the report “{doc.meta.get('title')}”{when} (outlet unknown)"


def _numbers(pids: list[str]) -> str:
    """p-3, p-4, p-5, p-9 → 'paragraphs 3–5 and 9'."""
    numbers = [int(pid[2:]) for pid in pids]
    ranges: list[str] = []
    start = previous = numbers[0]
    for number in numbers[1:] + [0]:
        if number != previous + 1:
            ranges.append(f"{start}–{previous}" if previous > start else str(start))
            start = number
        previous = number
    word = "paragraphs" if len(numbers) > 1 else "paragraph"
    return f"{word} {_and(ranges)}"


def note_for(doc: Doc, other: Doc, mine: list[str], theirs: list[str]) -> str:
    """The note proposed for readers: which paragraphs carry whose words, and the credits."""
    credits = list(other.meta.get("wire") or ())
    verb = "carry" if len(mine) > 1 else "carries"
    note = f"{_numbers(mine).capitalize()} {verb} nearly the same words as {_numbers(theirs)} of {_report_name(other)}"
    if credits:
        note += f", which credits {_and(credits)}"
        if not doc.meta.get("wire"):
            note += "; this copy credits no agency"
    return note + "."


def _proposal(doc: Doc, other: Doc, mine: list[str], theirs: list[str]) -> list[str]:
    recorded = [r for r in doc.meta.get("shares_copy_with") or () if r.get("article") == other.slug]
    if recorded:
        return [f"  {doc.source}: already records shares_copy_with {other.slug}"]
    out = [f"  proposed for {doc.source}:",
           "    shares_copy_with:",
           f"      - article: {other.slug}",
           f"        paragraphs: [{', '.join(mine)}]",
           f"        matches: [{', '.join(theirs)}]",
           f"        note: {json.dumps(note_for(doc, other, mine, theirs), ensure_ascii=False)}"]
    credits = list(other.meta.get("wire") or ())
    if credits and not doc.meta.get("wire"):
        out.append(f"    # wire: {json.dumps(credits, ensure_ascii=False)}  — only if this report's text or another "
                   f"source establishes it: {other.meta.get('outlet') or 'the other'}'s copy credits them, this one "
                   "does not")
    return out


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


class _Paragraphs(Sequence[Article]):
    """The articles' paragraph texts, each parsed when first asked for: in the workers that
    sketch their share of the articles, and in the parent only for the candidates."""

    def __init__(self, view: SiteView, docs: Sequence[Doc]):
        self.view = view
        self.docs = docs
        self.cache: dict[int, Article] = {}

    def __len__(self) -> int:
        return len(self.docs)

    def __getitem__(self, index: int) -> Article:  # type: ignore[override]
        if index not in self.cache:
            self.cache[index] = [p.text for p in self.view.paragraphs(self.docs[index])]
        return self.cache[index]


def find_shared_copy(view: SiteView) -> SharedCopy:
    """Shared passages among the site's articles, with the front matter that would record them."""
    articles = sorted(view.articles, key=lambda d: d.source)
    passages, boilerplate = find_passages([doc.slug for doc in articles], _Paragraphs(view, articles))
    return SharedCopy({doc.slug: doc for doc in articles}, passages, boilerplate, len(articles))
