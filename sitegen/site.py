"""Assemble the :class:`Site`: every page parsed, every reference resolved.

Links between content files, excerpts and their citations, taxonomies and the
timeline are all settled here, before the first template renders. Objects
refer to each other by key ('articles/slug'), never by back-reference.
"""

from __future__ import annotations

import datetime as dt
import difflib
import posixpath
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from typing import Any

from markdown_it import MarkdownIt

from . import excerpts as matcher
from .config import Config
from .content import Page
from .data import Data, Entry
from .dates import resolve_relative, unreadable
from .errors import Errors
from .excerpts import Match, Paragraph
from .markdown import ExcerptRef, Parsed, parse, slugify


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
    items: tuple[dict[str, str], ...]
    """The ticker entries ({time, headline}) as the article records them."""


@dataclass(frozen=True, slots=True)
class Term:
    name: str
    slug: str
    pages: tuple[str, ...]
    """Keys of the pages with this term, newest first."""
    entry: Entry | None = None
    """Its registry entry (actors, outlets), when it has one."""

    @property
    def count(self) -> int:
        return len(self.pages)


@dataclass(frozen=True, slots=True)
class Taxonomy:
    name: str
    terms: tuple[Term, ...]
    _index: dict[str, Term] = field(init=False, repr=False, compare=False)

    def term(self, slug: str) -> Term | None:
        return self._index.get(slug)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", {t.slug: t for t in self.terms})


@dataclass(frozen=True, slots=True)
class Event:
    date: dt.date
    event: str
    said: str
    page: str
    """Key of the topic page that records it."""
    excerpts: tuple[str, ...]
    """Anchors of the excerpts on that page that report it."""


@dataclass
class Site:
    config: Config
    data: Data
    pages: dict[str, Page]
    """key → page, in a stable order."""
    parsed: dict[str, Parsed]
    link_maps: dict[str, dict[str, str]] = field(default_factory=dict)
    """page key → {href as written → resolved URL path}"""
    excerpts: dict[str, list[Excerpt | None]] = field(default_factory=dict)
    """page key → its excerpts in order (None where one failed to verify)"""
    citations: dict[str, dict[str, list[Excerpt]]] = field(default_factory=dict)
    """article key → paragraph id → the excerpts that quote it"""
    taxonomies: dict[str, Taxonomy] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    headlines: dict[str, list[Headlines | None]] = field(default_factory=dict)
    """page key → its headlines blocks in order (None where one failed to verify)"""
    failed: set[str] = field(default_factory=set)
    """Sources that exist but failed to load (their errors are already reported)."""
    md: MarkdownIt | None = field(default=None, repr=False)
    parse_cache: dict[Any, Parsed] | None = field(default=None, repr=False)
    used: set[Any] = field(default_factory=set, repr=False)
    _sections: dict[str, list[Page]] = field(default_factory=dict, repr=False)

    def parsed_for(self, key: str) -> Parsed:
        """A page's parsed body: parsed on first use, from the cache when it has it."""
        if key in self.parsed:
            return self.parsed[key]
        page = self.pages[key]
        citeable = page.section == "articles"
        assert self.md is not None
        if self.parse_cache is None:
            self.parsed[key] = parse(self.md, page.body, citeable)
        else:
            cache_key = (page.source, page.body_hash, citeable, self.config.allow_html)
            if cache_key not in self.parse_cache:
                self.parse_cache[cache_key] = parse(self.md, page.body, citeable)
            self.parsed[key] = self.parse_cache[cache_key]
            self.used.add(cache_key)
        return self.parsed[key]

    def has_parsed(self, key: str) -> bool:
        return key in self.parsed

    def section(self, name: str) -> list[Page]:
        if name not in self._sections:
            self._sections[name] = [p for p in self.pages.values() if p.section == name]
        return list(self._sections[name])

    def articles(self) -> list[Page]:
        """Newest first; ties by slug so the order is stable."""
        if "_newest" not in self._sections:
            self._sections["_newest"] = sorted(self.section("articles"), key=lambda p: (_sort_date(p), p.slug),
                                               reverse=True)
        return list(self._sections["_newest"])


def _sort_date(page: Page) -> str:
    value = page.date
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.timezone.utc).isoformat()
    return value.isoformat() if value else ""


def assemble(config: Config, data: Data, pages: list[Page], md: MarkdownIt, errors: Errors,
             failed: set[str] | None = None, parse_cache: dict[Any, Parsed] | None = None,
             used: set[Any] | None = None, memo: dict[str, Any] | None = None) -> Site:
    by_key: dict[str, Page] = {}
    failed = failed if failed is not None else set()
    clashes: set[str] = set()
    for page in pages:
        if page.key in by_key:
            first = by_key[page.key]
            errors.add(page.source, None, f"{page.key} is also defined by {first.source}", "rename one of the files")
            clashes.add(page.key)
            failed.update((page.source, first.source, f"content/{page.key}.md"))
            continue
        by_key[page.key] = page
    for key in clashes:  # neither file wins: later phases treat both as failed to load
        del by_key[key]
    site = Site(config, data, by_key, {}, failed=failed, md=md,
                parse_cache=parse_cache, used=used if used is not None else set())
    # What the site's references need parsed now: every page that can hold links, excerpts
    # or headlines. Other articles are parsed when their page renders (in parallel, for a build).
    for key, page in by_key.items():
        if page.section != "articles" or page.refers:
            site.parsed_for(key)
    _check_urls(site, errors)
    _resolve_links(site, errors)
    _resolve_excerpts(site, errors)
    _resolve_headlines(site, errors)
    _build_taxonomies(site, errors, memo)
    _resolve_events(site, errors)
    return site


RESERVED_URLS = {"/articles/": "the articles index", "/topics/": "the topics index", "/actors/": "the actors index",
                 "/outlets/": "the outlets index", "/timeline/": "the timeline", "/404/": "the 404 page",
                 "/static/": "theme assets", "/search/": "search"}


def _check_urls(site: Site, errors: Errors) -> None:
    seen: dict[str, Page] = {}
    for page in site.pages.values():
        if page.url in RESERVED_URLS:
            errors.add(page.source, None, f"its URL {page.url} is taken by {RESERVED_URLS[page.url]}",
                       "rename the file")
        elif page.url in seen:
            errors.add(page.source, None, f"its URL {page.url} is also the URL of {seen[page.url].source}",
                       "rename one of the files")
        else:
            seen[page.url] = page


def link_target(source: str, path: str) -> str:
    """The content file a link in ``source`` names: relative to the file, or to content/ with a leading /."""
    if path.startswith("/"):
        return posixpath.normpath("content" + unquote(path))
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), unquote(path)))


def _resolve_links(site: Site, errors: Errors) -> None:
    by_source = {p.source: p for p in site.pages.values()}
    for key, page in site.pages.items():
        link_map: dict[str, str] = {}
        if not site.has_parsed(key):
            continue  # no ".md" in its text: no links to other content files
        for href, line in site.parsed[key].links:
            parts = urlsplit(href)
            target = link_target(page.source, parts.path)
            linked = by_source.get(target)
            if linked is None and target in site.failed:
                continue
            if linked is None:
                folder, name = posixpath.split(target)
                siblings = {posixpath.basename(s): s for s in by_source if posixpath.dirname(s) == folder}
                close = difflib.get_close_matches(name, sorted(siblings), n=1, cutoff=0.75)
                errors.add(page.source, page.file_line(line), f"link to missing file '{href}'",
                           f"did you mean '{posixpath.relpath(siblings[close[0]], posixpath.dirname(page.source))}'?"
                           if close else "check the path; links are relative to this file")
                continue
            link_map[href] = linked.url + (f"#{parts.fragment}" if parts.fragment else "")
        site.link_maps[key] = link_map


def _resolve_excerpts(site: Site, errors: Errors) -> None:
    articles = {p.slug: p for p in site.section("articles")}
    paragraphs = _LazyParagraphs(site, articles)
    for key, page in site.pages.items():
        found: list[Excerpt | None] = []
        anchors: dict[str, int] = {}
        for ref in (site.parsed[key].excerpts if site.has_parsed(key) else ()):
            line = page.file_line(ref.line)
            excerpt = _resolve_one(ref, page, line, articles, paragraphs, errors, site.failed)
            if ref.anchor in anchors:
                errors.add(page.source, line, f"excerpt id '{ref.anchor}' is already used on line {anchors[ref.anchor]}",
                           "give each excerpt its own id=")
            anchors[ref.anchor] = line
            found.append(excerpt)
            if excerpt:
                cited = site.citations.setdefault(excerpt.article, {})
                cited.setdefault(excerpt.match.paragraph.id, []).append(excerpt)
        site.excerpts[key] = found


class _LazyParagraphs(dict):  # type: ignore[type-arg]
    """slug → citeable paragraphs, parsing an article only when an excerpt quotes it."""

    def __init__(self, site: Site, articles: dict[str, Page]):
        super().__init__()
        self.site, self.articles = site, articles

    def __missing__(self, slug: str) -> list[Paragraph]:
        parsed = self.site.parsed_for(self.articles[slug].key)
        self[slug] = [para for para, _ in parsed.paragraphs]
        return self[slug]


def _resolve_one(ref: ExcerptRef, page: Page, line: int, articles: dict[str, Page],
                 paragraphs: dict[str, list[Paragraph]], errors: Errors, failed: set[str]) -> Excerpt | None:
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
    candidates = paragraphs[ref.article]
    if ref.hint:
        candidates = [p for p in candidates if p.id == ref.hint]
        if not candidates:
            errors.add(page.source, line, f"articles/{ref.article} has no paragraph '{ref.hint}'",
                       f"paragraphs run from p-1 to p-{len(paragraphs[ref.article])}")
            return None
    matches = matcher.find(ref.quote, candidates)
    if not matches:
        why = matcher.explain_miss(ref.quote, paragraphs[ref.article], ref.hint)
        closest = "" if why else matcher.closest_passage(ref.quote, candidates)
        errors.add(page.source, line,
                   f'excerpt not found in articles/{ref.article}: "{_clip(ref.quote)}"',
                   why or (f'closest passage: "{_clip(closest)}"' if closest else ""))
        return None
    if len(matches) > 1:
        ids = ", ".join("#" + m.paragraph.id for m in matches)
        errors.add(page.source, line, f"excerpt found in {len(matches)} paragraphs of articles/{ref.article} ({ids})",
                   f"add a paragraph hint: ::: excerpt {ref.article} #{matches[0].paragraph.id}")
        return None
    return Excerpt(page.key, ref.anchor, article.key, matches[0], line)


def _resolve_headlines(site: Site, errors: Errors) -> None:
    articles = {p.slug: p for p in site.section("articles")}
    for key, page in site.pages.items():
        found: list[Headlines | None] = []
        for ref in (site.parsed[key].headlines if site.has_parsed(key) else ()):
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
                        errors.add(page.source, line, f'headline not in the ticker of articles/{ref.article}: "{_clip(item)}"',
                                   f'closest: "{_clip(closest[0])}"' if closest else "the article records no such headline")
                    else:
                        items.append({"time": entry["time"], "headline": entry["headline"]})
                if len(items) == len(ref.items):
                    found.append(Headlines(article.key, tuple(items)))
                    continue
            found.append(None)
        site.headlines[key] = found


def _clip(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _terms_of(site: Site, name: str, page: Page) -> list[tuple[str, Entry | None]]:
    """(term name, registry entry) of one page in one taxonomy; aliases become the canonical name."""
    if name == "actors":
        names, registry = page.meta.get("actors", ()), site.data.actors
    elif name == "outlets" and page.section == "articles" and page.meta["outlet"]:
        names, registry = (page.meta["outlet"],), site.data.outlets
    elif name == "topics" and page.section == "articles":
        return [(topic, None) for topic in page.meta["topics"]]
    else:
        return []
    found = []
    for term in names:
        entry = registry.lookup(term)
        found.append((entry.name if entry else term, entry))
    return found


def unregistered(site: Site) -> list[tuple[str, str, str]]:
    """(source, taxonomy, name) of actors and outlets that the registries in data/ do not know."""
    found = []
    for page in site.pages.values():
        for name, registry in (("actors", site.data.actors), ("outlets", site.data.outlets)):
            if name in site.config.taxonomies:
                for term, entry in _terms_of(site, name, page):
                    if entry is None:
                        found.append((page.source, name, term))
    return sorted(set(found))


def _taxonomy_inputs(site: Site, known: dict[str, tuple[str, Any]]) -> tuple[Any, ...]:
    """Everything the taxonomies (and the articles' order) are made from: the registries and
    what each article and topic page's front matter says of its date, actors, outlet and
    topics (and a topic's title). A rebuild that changes none of it reuses them; a changed
    headline does not count. ``known``: key → (meta_hash, facts) of the last build, updated."""
    registries = tuple((e.name, e.aliases, tuple(sorted((k, str(v)) for k, v in e.fields.items())))
                       for e in (*site.data.actors.entries, *site.data.outlets.entries))
    pages = []
    for page in site.pages.values():
        if page.section not in ("articles", "topics"):
            continue
        hit = known.get(page.key)
        if hit is None or not page.meta_hash or hit[0] != page.meta_hash:
            meta = page.meta
            facts = (page.date, meta.get("actors", ()), meta.get("outlet"), meta.get("topics", ()),
                     page.title if page.section == "topics" else "")
            hit = known[page.key] = (page.meta_hash, facts)
        pages.append((page.key, hit[1]))
    return (site.config.taxonomies, registries, pages)


def _build_taxonomies(site: Site, errors: Errors, memo: dict[str, Any] | None = None) -> None:
    """Terms list their pages newest article first, then topic pages by name."""
    inputs = _taxonomy_inputs(site, memo.setdefault("page facts", {})) if memo is not None else None
    if memo is not None and memo.get("taxonomies", (None,))[0] == inputs:
        taxonomies, newest = memo["taxonomies"][1:]
        site.taxonomies.update(taxonomies)
        site._sections["_newest"] = [site.pages[key] for key in newest]
        return
    _make_taxonomies(site)
    if memo is not None:
        memo["taxonomies"] = (inputs, dict(site.taxonomies), [p.key for p in site.articles()])
        memo["page facts"] = {key: value for key, value in memo["page facts"].items() if key in site.pages}


def _make_taxonomies(site: Site) -> None:
    articles = site.articles()
    topics = site.section("topics")
    for name in site.config.taxonomies:
        members: dict[str, dict[str, None]] = {}  # slug → ordered set of page keys
        display: dict[str, str] = {}
        entries: dict[str, Entry | None] = {}
        for page in articles + (topics if name == "actors" else []):
            for term_name, entry in _terms_of(site, name, page):
                slug = slugify(term_name)
                if not slug:
                    continue
                if slug not in members:
                    members[slug], display[slug], entries[slug] = {}, term_name, entry
                members[slug][page.key] = None
        if name == "topics":
            for topic in topics:
                members.setdefault(topic.slug, {})
                display[topic.slug] = topic.title
                entries.setdefault(topic.slug, None)
        terms = [Term(display[slug], slug, tuple(members[slug]), entries[slug])
                 for slug in sorted(members, key=lambda s: display[s].lower())]
        site.taxonomies[name] = Taxonomy(name, tuple(terms))


def _resolve_events(site: Site, errors: Errors) -> None:
    for topic in site.section("topics"):
        excerpts = {e.anchor: e for e in site.excerpts.get(topic.key, []) if e}
        anchors = {ref.anchor for ref in site.parsed[topic.key].excerpts}
        for index, event in enumerate(topic.meta["events"]):
            line = event["_line"]
            where = f"events[{index + 1}]"
            for anchor in event["excerpts"]:
                if anchor not in anchors:
                    errors.add(topic.source, line, f"{where}: no excerpt with id '{anchor}' on this page",
                               f"ids here: {', '.join(sorted(anchors)) or 'none'}")
            day = event["date"]
            if isinstance(day, dt.datetime):
                day = day.date()
            if event["said"]:
                sources = [excerpts[a] for a in event["excerpts"] if a in excerpts]
                if not sources and any(a in anchors for a in event["excerpts"]):
                    continue  # its excerpts failed to verify: that error is already reported
                if not sources:
                    errors.add(topic.source, line, f"{where}: said '{event['said']}' needs an excerpt to date it from",
                               "list the excerpt that says it under excerpts:")
                    continue
                article = site.pages[sources[0].article]
                resolved = resolve_relative(event["said"], article.day) if article.day else None
                ahead = resolve_relative(event["said"], article.day, ahead=True) if article.day else None
                if resolved is None and not (day and day == ahead):  # a day ahead, when date: says so
                    problem, fix = unreadable(event["said"], article.day)
                    errors.add(topic.source, line, f"{where}: {problem}", fix)
                    continue
                if day and day == ahead:
                    resolved = ahead  # "falls on Monday" in a Saturday report: a day ahead
                if day and day != resolved:
                    errors.add(topic.source, line,
                               f"{where}: date {day} disagrees with '{event['said']}' in {article.key} "
                               f"(dated {article.day}), which means {resolved}"
                               + (f" (or {ahead} if it looks ahead)" if ahead and ahead != resolved else ""),
                               "correct one of them")
                    continue
                day = resolved
            if day is None:
                errors.add(topic.source, line, f"{where}: has neither date nor said", "add date: YYYY-MM-DD")
                continue
            site.events.append(Event(day, event["event"], event["said"], topic.key, tuple(event["excerpts"])))
    site.events.sort(key=lambda e: (e.date, e.page, e.event))
