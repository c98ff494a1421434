"""The pieces views share: cards, outlet and actor links, events, and page bodies.

Each is a function of :class:`~sitegen.facts.Facts` and a key. The ones many pages show — a
page's card, a body's HTML — are derived values (``Derived.get``): made once, and kept across
builds for as long as the facts they read are unchanged.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any, Callable, TypeVar

from markupsafe import Markup

from .bodyhtml import fill
from .content import Front
from .excerpts import text_fragment
from .facts import Facts, Quote
from .slugs import slugify
from .copyrecords import source_groups
from .views import (NO_HISTORY, ActorLink, Card, Change, Coverage, EventSource, EventView, ExcerptView, HeadlinesView,
                    History, OutletRef, SourceView, TickerItem, TopicLink)

T = TypeVar("T")


def derived(facts: Facts, name: str, key: str, make: Callable[[Facts, str], T]) -> T:
    return facts.derived.get(facts, name, key, make)


def term_url(taxonomy: str, slug: str) -> str:
    return f"/{taxonomy}/{slug}/"


def outlet_ref(facts: Facts, name: str | None) -> OutletRef:
    if not name:
        return OutletRef("", "", False)
    entry = facts.entry("outlets", name)
    canonical = entry.name if entry else name
    url = term_url("outlets", slugify(canonical)) if "outlets" in facts.config.taxonomies else ""
    return OutletRef(canonical, url, True)


def actor_links(facts: Facts, names: tuple[str, ...]) -> tuple[ActorLink, ...]:
    links = []
    for name in names:
        entry = facts.entry("actors", name)
        canonical = entry.name if entry else name
        slug = slugify(canonical)
        has_page = "actors" in facts.config.taxonomies and facts.has_term("actors", slug)
        links.append(ActorLink(canonical, term_url("actors", slug) if has_page else ""))
    return tuple(links)


def card(facts: Facts, key: str) -> Card:
    """A page's card, with its list item rendered (card.html)."""
    return derived(facts, "card", key, _make_card)


def _make_card(facts: Facts, key: str) -> Card:
    front = facts.front(key)
    assert front is not None, key
    meta = front.meta
    article = front.section == "articles"
    made = Card(key, front.title, front.url, str(meta.get("summary") or ""), front.section,
                front.date if article else None, outlet_ref(facts, meta["outlet"]) if article else None,
                meta["paraphrase_of"] if article else None, meta["translated_from"] if article else None,
                meta["title_kind"] if article else "published", front.original_date if article else None)
    return replace(made, html=facts.derived.fragment("card.html", a=made))


def history(front: Front, committed: dt.date | None = None) -> History:
    """A page's updates and corrections, newest first (ties: corrections first, then as written).
    Its "last updated" date is the newest change's, or ``committed`` (last_updated: git)."""
    changes = [Change(u["date"], "update", u["change"], "", "", u["at"]) for u in front.meta.get("updates", ())]
    changes += [Change(c["date"], "correction", "", c["wrong"], c["right"], c["at"])
                for c in front.meta.get("corrections", ())]
    changes.sort(key=lambda c: (sort_key(c.date), c.kind == "correction"), reverse=True)
    modified = committed or (changes[0].date if changes else None)
    return History(tuple(changes), modified) if changes or modified else NO_HISTORY


def coverage(facts: Facts, key: str) -> Coverage:
    """Where a topic's quotes come from: its excerpts grouped into independent sources (one
    article, or articles recorded as carrying the same copy), with their outlets' countries."""
    quotes = [q for q in facts.quotes(key) if q]
    metas = {}
    for quote in quotes:
        front = facts.front(quote.article)
        assert front is not None
        metas[front.slug] = front.meta
    slug_of = {q.article: q.article.split("/", 1)[1] for q in quotes}
    groups = source_groups([(slug_of[q.article], q.paragraph) for q in quotes], metas)
    sources: list[SourceView] = []
    countries: dict[str, int] = {}
    for group in groups:
        cards = tuple(card(facts, f"articles/{slug}") for slug in group.articles)
        outlets = tuple(dict.fromkeys(c.outlet for c in cards if c.outlet is not None))
        # a paraphrased copy is the reporting of the outlet it rewrites: counted by that
        # outlet's country, not as a source from an unknown country
        reporting = list(dict.fromkeys([o.name for o in outlets if o.known] + list(group.rewrites)))
        found = []
        for name in reporting or [""]:
            entry = facts.entry("outlets", name) if name else None
            found.append(str(entry.fields.get("country") or "") if entry else "")
        names = tuple(dict.fromkeys(found))
        for country in names:
            countries[country or "unknown"] = countries.get(country or "unknown", 0) + 1
        sources.append(SourceView(outlets, names, len(group.excerpts), cards, group.shared_copy, group.wire,
                                  group.notes, group.rewrites))
    ranked = tuple(sorted(countries.items(), key=lambda item: (-item[1], item[0] == "unknown", item[0])))
    return Coverage(len(quotes), tuple(sources), ranked)


def sort_key(value: dt.date | dt.datetime) -> str:
    """Dates and date-times in one order (a date-time by its UTC instant)."""
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.timezone.utc).isoformat()
    return value.isoformat()


def topic_link(facts: Facts, name: str) -> TopicLink:
    """An article's topic: the topic page's title when there is one, by the same slug as its URL."""
    slug = slugify(name)
    front = facts.front(f"topics/{slug}")
    return TopicLink(front.title if front else name, f"/topics/{slug}/")


def event_views(facts: Facts, events: Any) -> tuple[EventView, ...]:
    views = []
    for event in events:
        topic = facts.front(event.page)
        assert topic is not None
        by_anchor = {q.anchor: q for q in facts.quotes(event.page) if q}
        sources = []
        for anchor in event.excerpts:
            quote = by_anchor.get(anchor)
            if quote:
                article = card(facts, quote.article)
                assert article.outlet is not None
                sources.append(EventSource(topic.url + "#" + anchor, article.outlet, article.title,
                                           article.paraphrase_of, article.translated_from))
        views.append(EventView(event.date, event.event, event.said, TopicLink(topic.title, topic.url),
                               tuple(sources)))
    return tuple(views)


# --- bodies -------------------------------------------------------------------------------

def body_html(facts: Facts, key: str) -> Markup:
    """A page's body as HTML: its tokens rendered with the links, citations, excerpts and
    headlines the site resolved for it."""
    return derived(facts, "body", key, _make_body)


def _make_body(facts: Facts, key: str) -> Markup:
    ref = facts.body(key)
    assert ref is not None, key
    base = facts.config.base_path
    links = {href: base + target.lstrip("/") for href, target in facts.links(key).items()}
    citations: dict[str, list[tuple[str, str]]] = {}
    if ref.section == "articles":
        for pid, citing in facts.citations(key):
            entries = []
            for page, anchor in citing:
                front = facts.front(page)
                assert front is not None
                entries.append((front.title, base + front.url.lstrip("/") + "#" + anchor))
            citations[pid] = entries
    quotes, headlines = facts.quotes(key), facts.headlines(key)
    bodies = facts.derived.bodies
    html = Markup(fill(bodies.skeleton(ref), links, base, citations,
                       (lambda index: excerpt_html(facts, quotes[index])) if quotes else None,
                       (lambda index: headlines_html(facts, headlines[index])) if headlines else None))
    if facts.derived.one_shot and ref.section == "articles":
        bodies.release(ref)  # its tokens are not read again: free them now
    return html


def excerpt_html(facts: Facts, quote: Quote | None) -> str:
    if quote is None:  # the build has already failed; keep rendering other pages
        return ""
    article = card(facts, quote.article)
    front = facts.front(quote.article)
    assert front is not None
    config = facts.config
    view = ExcerptView(quote.anchor, quote.text, article,
                       context_url=config.base_path + article.url.lstrip("/") + "#" + quote.paragraph,
                       cite_url=config.absolute_base + article.url.lstrip("/") + "#" + quote.paragraph,
                       original=front.meta.get("url"), fragment=text_fragment(quote),  # type: ignore[arg-type]
                       wire=tuple(front.meta["wire"]), archive_url=front.meta.get("archive_url"),
                       archive_date=front.meta.get("archive_date"))
    return facts.derived.fragment("excerpt.html", excerpt=view, **_fields(view))


def headlines_html(facts: Facts, headlines: Any) -> str:
    if headlines is None:
        return ""
    view = HeadlinesView(card(facts, headlines.article), tuple(TickerItem(t, h) for t, h in headlines.items))
    return facts.derived.fragment("headlines.html", **_fields(view))


def _fields(view: Any) -> dict[str, Any]:
    return {name: getattr(view, name) for name in view.__slots__}
