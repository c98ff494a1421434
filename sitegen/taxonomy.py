"""Taxonomies: actors, outlets and topics, and the pages filed under each term.

Pure functions of the pages' front matter and the registries: an actor or outlet spelled
as one of a registry entry's aliases is filed under the entry's canonical name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Mapping

from .config import Config
from .content import Page
from .data import Data, Entry
from .slugs import slugify


@dataclass(frozen=True, slots=True)
class Term:
    name: str
    slug: str
    pages: tuple[str, ...]
    """Keys of the pages with this term: newest article first, then topic pages."""
    entry: Entry | None = None
    """Its registry entry (actors, outlets), when it has one."""

    @property
    def count(self) -> int:
        return len(self.pages)


@dataclass(frozen=True, slots=True)
class Taxonomy:
    name: str
    terms: tuple[Term, ...]
    """By name, case-insensitively."""
    _index: dict[str, Term] = field(init=False, repr=False, compare=False)

    def term(self, slug: str) -> Term | None:
        return self._index.get(slug)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", {t.slug: t for t in self.terms})


def terms_of(data: Data, name: str, page: Page) -> list[tuple[str, Entry | None]]:
    """(term name, registry entry) of one page in one taxonomy; aliases become the canonical name."""
    if name == "actors":
        names, registry = page.meta.get("actors", ()), data.actors
    elif name == "outlets" and page.section == "articles" and page.meta["outlet"]:
        names, registry = (page.meta["outlet"],), data.outlets
    elif name == "topics" and page.section == "articles":
        return [(topic, None) for topic in page.meta["topics"]]
    else:
        return []
    found = []
    for term in names:
        entry = registry.lookup(term)
        found.append((entry.name if entry else term, entry))
    return found


def build_taxonomies(config: Config, data: Data, pages: Mapping[str, Page], sections: Mapping[str, tuple[str, ...]],
                     newest: tuple[str, ...]) -> dict[str, Taxonomy]:
    """Every configured taxonomy. A topic page is a term of ``topics`` even when no article
    names it; actors named by topic pages list those pages after the articles."""
    articles = [pages[key] for key in newest]
    topics = [pages[key] for key in sections.get("topics", ())]
    taxonomies: dict[str, Taxonomy] = {}
    for name in config.taxonomies:
        members: dict[str, dict[str, None]] = {}  # slug → ordered set of page keys
        display: dict[str, str] = {}
        entries: dict[str, Entry | None] = {}
        registry = data.actors if name == "actors" else data.outlets
        given: Iterable[tuple[str, Iterable[str]]]
        if name == "actors":
            given = ((page.key, page.meta.get("actors", ())) for page in articles + topics)
        elif name == "outlets":
            given = ((page.key, (page.meta["outlet"],)) for page in articles if page.meta["outlet"])
        else:
            given = ((page.key, page.meta["topics"]) for page in articles)
        # a name → (canonical name, entry, slug), worked out once however many pages give it
        known: dict[str, tuple[str, Entry | None, str]] = {}
        for key, names in given:
            for raw in names:
                found = known.get(raw)
                if found is None:
                    entry = registry.lookup(raw) if name != "topics" else None
                    term_name = entry.name if entry else raw
                    found = known[raw] = (term_name, entry, slugify(term_name))
                slug = found[2]
                if not slug:
                    continue
                listed = members.get(slug)
                if listed is None:
                    listed = members[slug] = {}
                    display[slug], entries[slug] = found[0], found[1]
                listed[key] = None
        if name == "topics":
            for topic in topics:
                members.setdefault(topic.slug, {})
                display[topic.slug] = topic.title
                entries.setdefault(topic.slug, None)
        terms = [Term(display[slug], slug, tuple(members[slug]), entries[slug])
                 for slug in sorted(members, key=lambda s: (display[s].lower(), s))]
        taxonomies[name] = Taxonomy(name, tuple(terms))
    return taxonomies


def unregistered(config: Config, data: Data, pages: Mapping[str, Page]) -> list[tuple[str, str, str]]:
    """(source, taxonomy, name) of actors and outlets that the registries in data/ do not know."""
    found = []
    for page in pages.values():
        for name in ("actors", "outlets"):
            if name in config.taxonomies:
                for term, entry in terms_of(data, name, page):
                    if entry is None:
                        found.append((page.source, name, term))
    return sorted(set(found))
