"""Views: what each template is given, as frozen, typed values.

A view holds exactly what its template shows — no site, no page object, no function — so
it can be built by reading :class:`~sitegen.facts.Facts` and nothing else. A field that holds
a :class:`~sitegen.content.BodyRef` is a body: the renderer turns it into HTML just before the
template runs (``render.py``). Templates reach fields by name (``page.title``, ``a.outlet``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from .content import BodyRef

Date = dt.date | dt.datetime | None


@dataclass(frozen=True, slots=True)
class OutletRef:
    """An outlet as a listing names it."""

    name: str
    """The registry's canonical name ('' when unknown)."""
    url: str
    """Its term page ('' when outlets are not a taxonomy)."""
    known: bool
    """False when the article's outlet could not be established."""


@dataclass(frozen=True, slots=True)
class Card:
    """The few facts every listing shows about a page."""

    key: str
    title: str
    url: str
    summary: str
    section: str
    date: Date
    outlet: OutletRef | None
    """Articles only."""
    paraphrase_of: str | None
    html: Markup = Markup("")
    """Its list item (card.html), rendered once: listings show it as it is."""


@dataclass(frozen=True, slots=True)
class ActorLink:
    name: str
    url: str
    """Its term page, '' when it has none."""


@dataclass(frozen=True, slots=True)
class TopicLink:
    title: str
    url: str


@dataclass(frozen=True, slots=True)
class TickerItem:
    time: str
    headline: str


@dataclass(frozen=True, slots=True)
class ArticleView:
    """Everything an article's page shows about it besides its body."""

    key: str
    title: str
    url: str
    summary: str
    section: str
    date: Date
    outlet: OutletRef
    paraphrase_of: str | None
    actors: tuple[ActorLink, ...]
    wire: tuple[str, ...]
    original: str | None
    """The original's URL, when known."""
    source: str | None
    """The kept copy's path in the site."""
    title_note: str
    date_note: str
    outlet_note: str
    url_note: str
    notes: tuple[str, ...]
    stripped: tuple[str, ...]
    ticker: tuple[TickerItem, ...]
    ticker_note: str
    topics: tuple[TopicLink, ...]
    cited_count: int
    """How many excerpts on the site quote it."""


@dataclass(frozen=True, slots=True)
class TopicCard:
    title: str
    url: str
    summary: str
    excerpt_count: int


@dataclass(frozen=True, slots=True)
class EventSource:
    url: str
    """The excerpt that reports it."""
    outlet: OutletRef
    title: str
    paraphrase_of: str | None


@dataclass(frozen=True, slots=True)
class EventView:
    date: dt.date
    event: str
    said: str
    topic: TopicLink
    sources: tuple[EventSource, ...]


@dataclass(frozen=True, slots=True)
class TopicView:
    key: str
    title: str
    url: str
    summary: str
    actors: tuple[ActorLink, ...]
    events: tuple[EventView, ...]
    articles: tuple[Card, ...]
    """The articles filed under the topic."""
    sources: tuple[Card, ...]
    """The articles its excerpts quote, in order of first quote."""


@dataclass(frozen=True, slots=True)
class TermSummary:
    """What a taxonomy index shows of a term."""

    name: str
    slug: str
    url: str
    count: int
    role: str
    kind: str
    homepage: str
    country: str
    note: str


@dataclass(frozen=True, slots=True)
class TermQuote:
    quote: str
    url: str
    """The excerpt on its topic page."""
    topic: str
    """The quoting page's title."""
    article: Card


@dataclass(frozen=True, slots=True)
class TermView(TermSummary):
    """A term's own page: its summary, and what is filed under it."""

    pages: tuple[Card, ...]
    excerpts: tuple[TermQuote, ...]
    """Actors: the excerpts that name them."""


@dataclass(frozen=True, slots=True)
class ExcerptView:
    """One verified excerpt as its figure shows it (excerpt.html)."""

    anchor: str
    quote: str
    article: Card
    context_url: str
    cite_url: str
    original: str | None
    fragment: str
    wire: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class HeadlinesView:
    article: Card
    items: tuple[TickerItem, ...]


# --- one view per page kind: the template's whole context ------------------------------

@dataclass(frozen=True, slots=True)
class HomePage:
    page_url: str
    title: str
    intro: BodyRef | None
    topics: tuple[TopicCard, ...]
    articles: tuple[Card, ...]
    events: tuple[EventView, ...]


@dataclass(frozen=True, slots=True)
class ArticlePage:
    page_url: str
    title: str
    page: ArticleView
    body: BodyRef
    jsonld: dict[str, Any]
    og_type: str = "article"


@dataclass(frozen=True, slots=True)
class TopicPage:
    page_url: str
    title: str
    page: TopicView
    body: BodyRef
    jsonld: dict[str, Any]


@dataclass(frozen=True, slots=True)
class PlainPage:
    page_url: str
    title: str
    page: Card
    body: BodyRef


@dataclass(frozen=True, slots=True)
class ArticlesIndex:
    page_url: str
    title: str
    articles: tuple[Card, ...]
    jsonld: dict[str, Any]


@dataclass(frozen=True, slots=True)
class TopicsIndex:
    page_url: str
    title: str
    topics: tuple[TopicCard, ...]
    jsonld: dict[str, Any]


@dataclass(frozen=True, slots=True)
class TimelinePage:
    page_url: str
    title: str
    events: tuple[EventView, ...]


@dataclass(frozen=True, slots=True)
class TaxonomyIndex:
    page_url: str
    title: str
    taxonomy: str
    terms: tuple[TermSummary, ...]
    jsonld: dict[str, Any]


@dataclass(frozen=True, slots=True)
class TermPage:
    page_url: str
    title: str
    taxonomy: str
    term: TermView


@dataclass(frozen=True, slots=True)
class SimplePage:
    """A page with nothing of its own (404, search)."""

    page_url: str
    title: str


@dataclass(frozen=True, slots=True)
class AtomFeed:
    articles: tuple[Card, ...]
    updated: dt.date | dt.datetime


@dataclass(frozen=True, slots=True)
class Sitemap:
    urls: tuple[str, ...]
