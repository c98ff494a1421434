"""Page views: one per page kind, each a template's whole context (``views.py`` holds the
parts they are made of; its docstring says what a view is and why it is frozen)."""

from __future__ import annotations

from typing import Any

from .content import BodyRef
from .views import (ArticleView, Card, ChangeLine, EventView, Feed, FeedLink, History, TermSummary, TermView, TopicCard, TopicView, view)


@view
class HomePage:
    page_url: str
    title: str
    intro: BodyRef | None
    topics: tuple[TopicCard, ...]
    articles: tuple[Card, ...]
    events: tuple[EventView, ...]
    jsonld: dict[str, Any]


@view
class ArticlePage:
    page_url: str
    title: str
    page: ArticleView
    body: BodyRef
    jsonld: dict[str, Any]
    og_type: str = "article"


@view
class TopicPage:
    page_url: str
    title: str
    page: TopicView
    body: BodyRef
    jsonld: dict[str, Any]
    page_feeds: tuple[FeedLink, ...]


@view
class PlainPage:
    page_url: str
    title: str
    page: Card
    body: BodyRef
    history: History
    jsonld: dict[str, Any]
    """schema.org WebPage, with the page's history (dateModified, correction)."""


@view
class ArticlesIndex:
    page_url: str
    title: str
    articles: tuple[Card, ...]
    jsonld: dict[str, Any]


@view
class TopicsIndex:
    page_url: str
    title: str
    topics: tuple[TopicCard, ...]
    jsonld: dict[str, Any]


@view
class TimelinePage:
    page_url: str
    title: str
    events: tuple[EventView, ...]


@view
class TaxonomyIndex:
    page_url: str
    title: str
    taxonomy: str
    terms: tuple[TermSummary, ...]
    jsonld: dict[str, Any]


@view
class TermPage:
    page_url: str
    title: str
    taxonomy: str
    term: TermView
    page_feeds: tuple[FeedLink, ...]


@view
class SimplePage:
    """A page with nothing of its own (404)."""

    page_url: str
    title: str


@view
class SearchPage:
    """The search page: the index's bundles, searched together (``bundles.py``)."""

    page_url: str
    title: str
    bundles: tuple[str, ...]
    """Each bundle's folder as a site path ('/pagefind/', then '/pagefind/part-2/'…)."""


@view
class AtomFeed:
    feed: Feed


@view
class ChangesPage:
    page_url: str
    title: str
    lines: tuple[ChangeLine, ...]
    """Newest first."""


@view
class Redirect:
    """An old address of a page: a page that sends readers on (meta refresh and canonical)."""

    page_url: str
    """The old address."""
    target: str
    """The page's address now, as a site path."""
    title: str


@view
class Sitemap:
    urls: tuple[str, ...]
