"""Facts: the only door from a view to the site, and every read through it recorded.

A view (``views.py``) is made from a page's own facts and a few of the site's — a term's
pages, an outlet's registry entry, the excerpts that cite a paragraph. It never sees the
:class:`~sitegen.site.Site`: it asks :class:`Facts`, which answers from the site and notes
the name of each fact it gave out. The names a page's view and body read are that page's
dependencies; ``reuse.py`` compares the digests of those facts between builds to know,
without a hand-kept key, which pages an edit touches (the shape of Eleventy's dependency
map, and of the queries of rustc's incremental compiler).

Each kind of fact is defined once, here: the value a view gets, and a digest computed from
that same value. So a page can only depend on what its digest covers.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import compress
from operator import is_not
from sys import intern
from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping

from .content import BodyRef, Front
from .data import Entry
from .digests import digest
from .quotes import Excerpt
from .site import Site
from .taxonomy import Term
from .timeline import Event

if TYPE_CHECKING:
    from .reuse import Derived

Fact = str
"""A fact's name: its kind, then its arguments, joined by SEPARATOR — "front␟articles/x",
"term␟actors␟putin". Plain strings: cheap to compare, to keep in sets and to store."""

SEPARATOR = "\x1f"
"""Between a fact's parts: no key, slug or name holds it (content paths, slugs and YAML text
never contain control characters)."""


def fact(kind: str, *args: str) -> Fact:
    return SEPARATOR.join((kind, *args))

ABSENT = "absent"
"""The digest of a fact with no value (a page or term that does not exist)."""


@dataclass(frozen=True, slots=True)
class Quote:
    """A verified excerpt as a view may see it (no source line: editing above it moves nothing)."""

    page: str
    anchor: str
    article: str
    paragraph: str
    """The cited paragraph's id in the article."""
    text: str
    """The quote in the article's own characters, omissions shown as …"""
    parts: tuple[str, ...]
    """The quoted parts, for a text fragment that highlights them on the original."""


def quote_of(excerpt: Excerpt) -> Quote:
    match = excerpt.match
    return Quote(excerpt.page, excerpt.anchor, excerpt.article, match.paragraph.id, match.text, match.parts)


class FactTable:
    """The values and digests of one site's facts, each computed when first asked for."""

    __slots__ = ("site", "values", "digests")

    def __init__(self, site: Site) -> None:
        self.site = site
        self.values: dict[Fact, Any] = {}
        self.digests: dict[Fact, str] = {}

    def prime(self) -> None:
        """Every page's front and body digests at once, and the refs of the pages that have none
        (together, most of a site's facts)."""
        if not self.digests:
            site = self.site
            pages = site.pages
            self.digests.update(("front" + SEPARATOR + key, page.front.digest) for key, page in pages.items())
            self.digests.update(("body" + SEPARATOR + key, page.body.digest) for key, page in pages.items())
            self.digests.update(("refs" + SEPARATOR + key, ABSENT) for key in pages.keys() - _referring(site))

    def value(self, name: Fact) -> Any:
        try:
            return self.values[name]
        except KeyError:
            kind, *args = name.split(SEPARATOR)
            found = self.values[name] = _VALUES[kind](self.site, *args)
            return found

    def digest(self, name: Fact) -> str:
        found = self.digests.get(name)
        if found is None:
            kind, _, rest = name.partition(SEPARATOR)
            if kind == "front":
                page = self.site.pages.get(rest)
                found = page.front.digest if page else ABSENT
            elif kind == "body":
                page = self.site.pages.get(rest)
                found = page.body.digest if page else ABSENT
            else:
                value = self.value(name) if kind in _VALUES else None
                found = ABSENT if value is None else digest(kind, value)
            self.digests[name] = found
        return found


def _front(site: Site, key: str) -> Front | None:
    page = site.pages.get(key)
    return page.front if page else None


def _entry(site: Site, registry: str, name: str) -> Entry | None:
    return (site.data.actors if registry == "actors" else site.data.outlets).lookup(name)


def _term(site: Site, taxonomy: str, slug: str) -> Term | None:
    found = site.taxonomies.get(taxonomy)
    return found.term(slug) if found else None


def _term_summaries(site: Site, taxonomy: str) -> tuple[tuple[str, str, int, Entry | None], ...] | None:
    found = site.taxonomies.get(taxonomy)
    return tuple((t.name, t.slug, t.count, t.entry) for t in found.terms) if found else None


def _term_slugs(site: Site, taxonomy: str) -> tuple[str, ...] | None:
    found = site.taxonomies.get(taxonomy)
    return tuple(t.slug for t in found.terms) if found else None


@dataclass(frozen=True, slots=True)
class Refs:
    """What the site resolved for one page's body: its links, the excerpts that cite its
    paragraphs, its own excerpts and headlines blocks."""

    links: tuple[tuple[str, str], ...]
    """(href as written, URL path) of its links to content files."""
    citations: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]
    """(paragraph id, ((citing page, anchor), …)) for each cited paragraph of an article."""
    quotes: tuple[Quote | None, ...]
    """Its excerpts in order (None where one failed to verify)."""
    headlines: tuple[Any, ...]
    ticker_quoted: tuple[int, ...]
    """An article's: the ticker headlines (by index) that some page quotes."""


NO_REFS = Refs((), (), (), (), ())


def _refs(site: Site, key: str) -> Refs | None:
    links, cited = site.link_maps.get(key), site.citations.get(key)
    excerpts, headlines, ticker = site.excerpts.get(key), site.headlines.get(key), site.ticker_quoted.get(key)
    if not (links or cited or excerpts or headlines or ticker):
        return None  # most pages: the digest of an absent value, with nothing to compute
    return Refs(tuple((links or {}).items()),
                tuple((pid, tuple((e.page, e.anchor) for e in found)) for pid, found in (cited or {}).items()),
                tuple(quote_of(e) if e else None for e in (excerpts or ())), tuple(headlines or ()), ticker or ())


def _all_quotes(site: Site) -> tuple[Quote, ...]:
    return tuple(quote_of(e) for found in site.excerpts.values() for e in found if e)


_VALUES: dict[str, Callable[..., Any]] = {
    "front": _front,
    "body": lambda site, key: site.pages[key].body if key in site.pages else None,
    "section": lambda site, name: site.sections.get(name, ()),
    "newest": lambda site: site.newest,
    "entry": _entry,
    "term": _term,
    "has term": lambda site, taxonomy, slug: _term(site, taxonomy, slug) is not None or None,
    "term summaries": _term_summaries,
    "term slugs": _term_slugs,
    "refs": _refs,
    "all quotes": _all_quotes,
    "events": lambda site: site.events,
    "topic events": lambda site, key: tuple(e for e in site.events if e.page == key),
    "committed": lambda site, key: site.committed.get(key) if site.config.last_updated == "git" else None,
}


_SOURCES: dict[str, Callable[[Site], Any]] = {
    "section": lambda site: site.sections,
    "newest": lambda site: site.newest,
    "entry": lambda site: site.data,
    "term": lambda site: site.taxonomies,
    "has term": lambda site: site.taxonomies,
    "term summaries": lambda site: site.taxonomies,
    "term slugs": lambda site: site.taxonomies,
    "all quotes": lambda site: site.excerpts,
    "events": lambda site: site.events,
    "topic events": lambda site: site.events,
    "committed": lambda site: site.committed,
}
"""What each kind of fact that is not one page's own is made from: while that part of the
site is the last build's (the same object: ``steps.py`` kept it; or an equal one), every fact
of the kind has the digest it had."""

_PAGE_KINDS = ("front", "body")
"""Made from one page alone: unchanged while the page is the very object the last build had."""

assert set(_VALUES) == set(_SOURCES) | set(_PAGE_KINDS) | {"refs"}, "each kind of fact says what it is made from"


def candidates(site: Site, previous: Site, tracked: Mapping[str, set[Fact]]) -> list[Fact]:
    """The facts of ``tracked`` (kind → facts some output read) that may differ from what they
    were in ``previous``: those of pages that are not the same objects, the refs of pages that
    have any (now or before), and every fact of a kind whose source changed."""
    pages, before = site.pages, previous.pages
    if len(pages) == len(before) and list(pages) == list(before):  # the same pages in the same order: compare in C
        moved = set(compress(pages, map(is_not, pages.values(), before.values())))
    else:
        moved = {key for key in pages.keys() | before.keys() if pages.get(key) is not before.get(key)}
    found: list[Fact] = []
    for kind, names in tracked.items():
        if kind in _PAGE_KINDS:
            keys: Iterable[str] = moved
        elif kind == "refs":  # a page's refs are the same objects while nothing they are made from changed
            keys = set(moved)
            for now, then in _ref_parts(site, previous):
                if len(now) == len(then) and list(now) == list(then):  # the same pages: compare in C
                    keys.update(compress(now, map(is_not, now.values(), then.values())))
                else:
                    keys.update(now.keys() ^ then.keys())
                    keys.update(key for key in now.keys() & then.keys() if now[key] is not then[key])
        else:
            now, then = _SOURCES[kind](site), _SOURCES[kind](previous)
            if now is not then and now != then:
                found.extend(names)
            continue
        found.extend(name for name in (kind + SEPARATOR + key for key in keys) if name in names)
    return found


def _ref_parts(site: Site, previous: Site) -> list[tuple[Mapping[str, Any], Mapping[str, Any]]]:
    return [(site.link_maps, previous.link_maps), (site.citations, previous.citations),
            (site.excerpts, previous.excerpts), (site.headlines, previous.headlines),
            (site.ticker_quoted, previous.ticker_quoted)]


def _referring(site: Site) -> set[str]:
    return (site.link_maps.keys() | site.citations.keys() | site.excerpts.keys() | site.headlines.keys()
            | site.ticker_quoted.keys())


class Facts:
    """What a view may read of the site; each read adds the fact's name to ``reads``."""

    __slots__ = ("table", "reads", "derived", "config")

    def __init__(self, table: FactTable, derived: "Derived", reads: set[Fact] | None = None) -> None:
        self.table = table
        self.reads: set[Fact] = reads if reads is not None else set()
        self.derived = derived
        self.config = table.site.config
        """The site's config (part of every page's key already, not recorded)."""

    def _get(self, fact: Fact) -> Any:
        self.reads.add(intern(fact))  # one string per fact, however many pages read it
        return self.table.value(fact)

    def front(self, key: str) -> Front | None:
        self.reads.add(intern("front" + SEPARATOR + key))
        page = self.table.site.pages.get(key)
        return page.front if page else None

    def body(self, key: str) -> BodyRef | None:
        """Where a page's body is (bodies.Bodies reads and parses it)."""
        return self._get("body" + SEPARATOR + key)  # type: ignore[no-any-return]

    def section(self, name: str) -> tuple[str, ...]:
        return self._get("section" + SEPARATOR + name)  # type: ignore[no-any-return]

    def newest(self) -> tuple[str, ...]:
        return self._get("newest")  # type: ignore[no-any-return]

    def entry(self, registry: str, name: str) -> Entry | None:
        return self._get(fact("entry", registry, name))  # type: ignore[no-any-return]

    def term(self, taxonomy: str, slug: str) -> Term | None:
        return self._get(fact("term", taxonomy, slug))  # type: ignore[no-any-return]

    def has_term(self, taxonomy: str, slug: str) -> bool:
        """Whether a term has a page (not which pages it lists)."""
        return bool(self._get(fact("has term", taxonomy, slug)))

    def term_summaries(self, taxonomy: str) -> tuple[tuple[str, str, int, Entry | None], ...]:
        return self._get("term summaries" + SEPARATOR + taxonomy) or ()

    def term_slugs(self, taxonomy: str) -> tuple[str, ...]:
        return self._get("term slugs" + SEPARATOR + taxonomy) or ()

    def refs(self, key: str) -> Refs:
        return self._get("refs" + SEPARATOR + key) or NO_REFS

    def links(self, key: str) -> Mapping[str, str]:
        return dict(self.refs(key).links)

    def quotes(self, key: str) -> tuple[Quote | None, ...]:
        return self.refs(key).quotes

    def all_quotes(self) -> tuple[Quote, ...]:
        return self._get("all quotes")  # type: ignore[no-any-return]

    def citations(self, key: str) -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
        return self.refs(key).citations

    def headlines(self, key: str) -> tuple[Any, ...]:
        return self.refs(key).headlines

    def events(self) -> tuple[Event, ...]:
        return self._get("events")  # type: ignore[no-any-return]

    def committed(self, key: str) -> Any:
        """The date of the last commit that changed a page (last_updated: git), or None. Without
        git dates there is nothing to read (the config, part of every key, says so)."""
        if self.config.last_updated != "git":
            return None
        return self._get("committed" + SEPARATOR + key)

    def topic_events(self, key: str) -> tuple[Event, ...]:
        return self._get("topic events" + SEPARATOR + key)  # type: ignore[no-any-return]
