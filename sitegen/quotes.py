"""Quotes: every ``::: excerpt`` found in its article, every ``::: headlines`` in its ticker.

An excerpt is verified against the article's citeable paragraphs (``excerpts.py`` holds the
matching rule); a verified excerpt cites one paragraph, and the article's paragraph lists
the excerpts that cite it. Headlines are checked against the ticker an article records.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Mapping

from . import excerpts as matcher
from .bodies import Bodies
from .content import Page
from .errors import Errors
from .excerpts import Match, Paragraph
from .markdown import ExcerptRef, Parsed


@dataclass(frozen=True, slots=True)
class Excerpt:
    """A verified quote on a page, and where it comes from."""

    page: str
    """Key of the page that quotes it."""
    anchor: str
    """Its id on that page."""
    article: str
    """Key of the source article."""
    match: Match
    line: int
    """File line of the directive."""


@dataclass(frozen=True, slots=True)
class Headlines:
    """Ticker headlines quoted on a page, each found in the article's ticker."""

    article: str
    items: tuple[tuple[str, str], ...]
    """(time, headline) of each, as the article records them."""


def resolve_excerpts(pages: Mapping[str, Page], parsed: Mapping[str, Parsed], bodies: Bodies, failed: set[str],
                     errors: Errors, articles: Mapping[str, Page] | None = None
                     ) -> tuple[dict[str, tuple[Excerpt | None, ...]],
                                              dict[str, dict[str, tuple[Excerpt, ...]]]]:
    """(page key → its excerpts, None where one failed; article key → paragraph id → citing excerpts)."""
    if articles is None:
        articles = {p.slug: p for p in pages.values() if p.section == "articles"}
    paragraphs: dict[str, list[Paragraph]] = {}
    found_by_page: dict[str, tuple[Excerpt | None, ...]] = {}
    citations: dict[str, dict[str, list[Excerpt]]] = {}
    for key, body in parsed.items():
        if not body.excerpts:
            continue
        page = pages[key]
        found: list[Excerpt | None] = []
        anchors: dict[str, int] = {}
        for ref in body.excerpts:
            line = page.file_line(ref.line)
            excerpt = _resolve_one(ref, page, line, articles, paragraphs, bodies, errors, failed)
            if ref.anchor in anchors:
                errors.add(page.source, line, f"excerpt id '{ref.anchor}' is already used on line {anchors[ref.anchor]}",
                           "give each excerpt its own id=")
            anchors[ref.anchor] = line
            found.append(excerpt)
            if excerpt:
                cited = citations.setdefault(excerpt.article, {})
                cited.setdefault(excerpt.match.paragraph.id, []).append(excerpt)
        found_by_page[key] = tuple(found)
    return found_by_page, {a: {pid: tuple(e) for pid, e in by_pid.items()} for a, by_pid in citations.items()}


def _paragraphs_of(article: Page, paragraphs: dict[str, list[Paragraph]], bodies: Bodies) -> list[Paragraph]:
    if article.slug not in paragraphs:
        paragraphs[article.slug] = [para for para, _ in bodies.outline(article.body).paragraphs]
    return paragraphs[article.slug]


def _resolve_one(ref: ExcerptRef, page: Page, line: int, articles: Mapping[str, Page],
                 paragraphs: dict[str, list[Paragraph]], bodies: Bodies, errors: Errors,
                 failed: set[str]) -> Excerpt | None:
    if ref.error:
        errors.add(page.source, line, f"excerpt: {ref.error}")
        return None
    article = articles.get(ref.article)
    if article is None and f"content/articles/{ref.article}.md" in failed:
        return None
    if article is None:
        close = difflib.get_close_matches(ref.article, sorted(articles), n=3, cutoff=0.4)
        errors.add(page.source, line, f"excerpt names an unknown article '{ref.article}'",
                   f"closest: {', '.join(close)}" if close else "no article has a similar name")
        return None
    every = _paragraphs_of(article, paragraphs, bodies)
    candidates = every
    if ref.hint:
        candidates = [p for p in every if p.id == ref.hint]
        if not candidates:
            known = [p.id for p in every]
            errors.add(page.source, line, f"articles/{ref.article} has no paragraph '{ref.hint}'",
                       f"its paragraphs are {known[0]} to {known[-1]}" if known else "it has no paragraphs")
            return None
    matches = matcher.find(ref.quote, candidates)
    if not matches:
        why = matcher.explain_miss(ref.quote, every, ref.hint)
        closest = "" if why else matcher.closest_passage(ref.quote, candidates)
        errors.add(page.source, line,
                   f'excerpt not found in articles/{ref.article}: "{clip(ref.quote)}"',
                   why or (f'closest passage: "{clip(closest)}"' if closest else ""))
        return None
    if len(matches) > 1:
        ids = ", ".join("#" + m.paragraph.id for m in matches)
        errors.add(page.source, line, f"excerpt found in {len(matches)} paragraphs of articles/{ref.article} ({ids})",
                   f"add a paragraph hint: ::: excerpt {ref.article} #{matches[0].paragraph.id}")
        return None
    return Excerpt(page.key, ref.anchor, article.key, matches[0], line)


def resolve_headlines(pages: Mapping[str, Page], parsed: Mapping[str, Parsed],
                      errors: Errors, articles: Mapping[str, Page] | None = None
                      ) -> dict[str, tuple[Headlines | None, ...]]:
    """page key → its headlines blocks, each found in its article's ticker (None where not)."""
    if articles is None:
        articles = {p.slug: p for p in pages.values() if p.section == "articles"}
    result: dict[str, tuple[Headlines | None, ...]] = {}
    for key, body in parsed.items():
        if not body.headlines:
            continue
        page = pages[key]
        found: list[Headlines | None] = []
        for ref in body.headlines:
            line = page.file_line(ref.line)
            article = articles.get(ref.article)
            if ref.error:
                errors.add(page.source, line, f"headlines: {ref.error}")
            elif article is None:
                close = difflib.get_close_matches(ref.article, sorted(articles), n=3, cutoff=0.4)
                errors.add(page.source, line, f"headlines name an unknown article '{ref.article}'",
                           f"closest: {', '.join(close)}" if close else "")
            else:
                ticker = {matcher.fold(entry["headline"]): entry for entry in article.meta["ticker"]}
                items = []
                for item in ref.items:
                    entry = ticker.get(matcher.fold(item))
                    if entry is None:
                        closest = difflib.get_close_matches(matcher.fold(item), sorted(ticker), n=1, cutoff=0.5)
                        errors.add(page.source, line, f'headline not in the ticker of articles/{ref.article}: "{clip(item)}"',
                                   f'closest: "{clip(closest[0])}"' if closest else "the article records no such headline")
                    else:
                        items.append((entry["time"], entry["headline"]))
                if len(items) == len(ref.items):
                    found.append(Headlines(article.key, tuple(items)))
                    continue
            found.append(None)
        result[key] = tuple(found)
    return result


def quoted_ticker(pages: Mapping[str, Page], headlines: Mapping[str, tuple[Headlines | None, ...]]) -> dict[str, tuple[int, ...]]:
    """article key → the indexes, in ticker order, of its ticker headlines that some page quotes."""
    quoted: dict[str, set[tuple[str, str]]] = {}
    for found in headlines.values():
        for block in found:
            if block is not None:
                quoted.setdefault(block.article, set()).update(block.items)
    result = {}
    for key, items in quoted.items():
        ticker = pages[key].meta["ticker"]
        result[key] = tuple(i for i, entry in enumerate(ticker) if (entry["time"], entry["headline"]) in items)
    return result


def clip(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
