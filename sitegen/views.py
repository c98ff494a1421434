"""Views: what each template is given, as frozen, typed values.

A view holds exactly what its template shows — no site, no page object, no function — so
it can be built by reading :class:`~sitegen.facts.Facts` and nothing else. A field that holds
a :class:`~sitegen.content.BodyRef` is a body: the renderer turns it into HTML just before the
template runs (``render.py``). Templates reach fields by name (``page.title``, ``a.outlet``).

Views are made and read once, never compared or printed: they get no __eq__ or __repr__
(which dataclasses would otherwise generate, at a cost, each time sitegen starts). They are
frozen for the type checker (``mypy --strict``, run by the tests, refuses an assignment to a
field); at run time they are plain slotted classes, because a frozen dataclass costs twice as
much to define (each ``sitegen`` start) and to make (one ``object.__setattr__`` per field).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TypeVar, dataclass_transform

from markupsafe import Markup


Date = dt.date | dt.datetime | None
_View = TypeVar("_View")


@dataclass_transform(frozen_default=True)
def view(cls: type[_View]) -> type[_View]:
    """A view's class: see the module's docstring."""
    return dataclass(slots=True, eq=False, repr=False)(cls)


@dataclass(frozen=True, slots=True)
class OutletRef:
    """An outlet as a listing names it."""

    name: str
    """The registry's canonical name ('' when unknown)."""
    url: str
    """Its term page ('' when outlets are not a taxonomy)."""
    known: bool
    """False when the article's outlet could not be established. (Compared and hashed: a
    listing names each outlet once.)"""


@view
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
    """A machine-paraphrased copy: the outlet whose report it rewrites."""
    translated_from: str | None
    """A machine translation: what was translated."""
    title_kind: str
    """published, editor or unconfirmed: the theme marks the last two wherever the title shows."""
    original_date: Date
    """A copy's: the date of the report it copies."""
    html: Markup = Markup("")
    """Its list item (card.html), rendered once: listings show it as it is."""


@view
class ActorLink:
    name: str
    url: str
    """Its term page, '' when it has none."""


@view
class TopicLink:
    title: str
    url: str


@view
class TickerItem:
    time: str
    headline: str


@view
class Change:
    """An update or a correction, as a page's history shows it."""

    date: dt.date | dt.datetime
    kind: str
    """update or correction."""
    change: str
    """An update's line: what changed."""
    wrong: str
    """A correction's: what the page said."""
    right: str
    """A correction's: what is right."""
    at: str
    """Where on the page ('#anchor'), or ''."""


@view
class History:
    """A page's updates and corrections, newest first."""

    changes: tuple[Change, ...]
    modified: Date
    """The newest change's date (None when the page never changed)."""


NO_HISTORY = History((), None)


@view
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
    translated_from: str | None
    title_kind: str
    original_date: Date
    original_date_note: str
    actors: tuple[ActorLink, ...]
    wire: tuple[str, ...]
    original: str | None
    """The original's URL, when known."""
    archive_url: str | None
    """An archived copy of the original (a Robust Link's version URL)."""
    archive_date: Date
    source: str | None
    """The kept copy's path in the site."""
    title_note: str
    date_note: str
    outlet_note: str
    url_note: str
    notes: tuple[str, ...]
    stripped: tuple[str, ...]
    ticker: tuple[TickerItem, ...]
    """The ticker headlines this briefing quotes (the whole ticker stays in the source record)."""
    ticker_count: int
    """How many headlines the copy showed beside the article."""
    ticker_note: str
    topics: tuple[TopicLink, ...]
    cited_count: int
    """How many excerpts on the site quote it."""
    history: History


@view
class TopicCard:
    title: str
    url: str
    summary: str
    excerpt_count: int


@view
class EventSource:
    url: str
    """The excerpt that reports it."""
    outlet: OutletRef
    title: str
    paraphrase_of: str | None
    translated_from: str | None


@view
class EventView:
    date: dt.date
    event: str
    said: str
    topic: TopicLink
    sources: tuple[EventSource, ...]


@view
class SourceView:
    """Excerpts on a topic that count as one source: one article, or several carrying one copy."""

    outlets: tuple[OutletRef, ...]
    countries: tuple[str, ...]
    """The outlets' countries, as the registry gives them ('' when unknown)."""
    excerpts: int
    articles: tuple[Card, ...]
    shared_copy: bool
    """Several articles carrying the same copy: counted once."""
    wire: tuple[str, ...]
    notes: tuple[str, ...]
    """What the shares_copy_with records say of the shared copy."""
    rewrites: tuple[str, ...] = ()
    """The outlets whose reports its paraphrased copies rewrite (``paraphrase_of``): its
    countries are theirs."""


@view
class Coverage:
    """Where a topic's quotes come from."""

    excerpts: int
    sources: tuple[SourceView, ...]
    """Independent sources, in the order of their first excerpt."""
    countries: tuple[tuple[str, int], ...]
    """(country, sources from it), most first; 'unknown' for outlets whose country is not known."""


@view
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
    history: History
    coverage: Coverage


@view
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


@view
class TermQuote:
    quote: str
    url: str
    """The excerpt on its topic page."""
    topic: str
    """The quoting page's title."""
    article: Card


@view
class TermView(TermSummary):
    """A term's own page: its summary, and what is filed under it."""

    pages: tuple[Card, ...]
    excerpts: tuple[TermQuote, ...]
    """Actors: the excerpts that name them."""


@view
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
    archive_url: str | None
    archive_date: Date


@view
class HeadlinesView:
    article: Card
    items: tuple[TickerItem, ...]


@view
class FeedLink:
    """A feed a page offers (<link rel="alternate">)."""

    title: str
    path: str
    type: str
    """application/atom+xml or application/feed+json."""


@view
class FeedEntry:
    id: str
    url: str
    """The page, or the spot on it, as a site path."""
    title: str
    """Plain text, with the theme's mark when the headline is not the outlet's."""
    published: dt.date | dt.datetime | None
    """None for a copy whose own date is unknown (it is placed by its original's: ``updated``)."""
    updated: dt.date | dt.datetime
    summary: str
    """Plain text, with the theme's caution for a paraphrased or translated copy."""
    kind: str
    """article, update or correction."""
    external_url: str | None
    tags: tuple[str, ...]


@view
class Feed:
    """A feed (Atom and JSON Feed): the site's, or a topic's, an actor's or an outlet's."""

    title: str
    description: str
    page_url: str
    """The page the feed follows, as a site path."""
    atom_path: str
    json_path: str
    id: str
    updated: dt.date | dt.datetime
    entries: tuple[FeedEntry, ...]


@view
class ChangeLine:
    """One line of the changes page: a change, and the page and spot it was made at."""

    change: Change
    page_title: str
    url: str
    """The spot: the page, with its anchor."""
