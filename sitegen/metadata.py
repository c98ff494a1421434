"""What a site says about itself to machines: schema.org JSON-LD, the JSON Feed, the
sitemap's URLs and robots.txt. Pure functions of the resolved site; ``abs_url`` turns a
site path into a URL under the base URL."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Callable, Mapping, Sequence

from .config import Config
from .content import Front
from .views import ArticleView

AbsUrl = Callable[[str], str]
ACTOR_TYPES = {"person": "Person", "organisation": "Organization", "country": "Country"}


def iso(value: dt.date | dt.datetime | None) -> str:
    return value.isoformat() if value is not None else ""


def rfc3339(value: dt.date | dt.datetime) -> str:
    """A full timestamp for feeds; a bare date is read as midnight UTC."""
    if not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day, tzinfo=dt.timezone.utc)
    return value.isoformat()


def news_article(view: ArticleView, kinds: Mapping[str, str], abs_url: AbsUrl, language: str) -> dict[str, Any]:
    """schema.org NewsArticle: what the page states, no more (an unknown outlet is left out).
    ``kinds``: each actor's registry kind (person, organisation, country), when known."""
    data: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": view.title,
        "url": abs_url(view.url), "mainEntityOfPage": abs_url(view.url),
        "datePublished": iso(view.date), "inLanguage": language,
    }
    if view.summary:
        data["description"] = view.summary
    if view.outlet.known:
        data["publisher"] = {"@type": "Organization", "name": view.outlet.name}
    if view.original:
        data["isBasedOn"] = view.original
    mentions = [{"@type": ACTOR_TYPES.get(kinds.get(actor.name, ""), "Thing"), "name": actor.name}
                for actor in view.actors]
    if mentions:
        data["mentions"] = mentions
    if view.topics:
        data["about"] = [t.title for t in view.topics]
    return data


def item_list(name: str, url: str, items: Sequence[tuple[str, str]], abs_url: AbsUrl) -> dict[str, Any]:
    """schema.org ItemList of the pages a listing links to, in order: (title, url) each."""
    return {"@context": "https://schema.org", "@type": "ItemList", "name": name, "url": abs_url(url),
            "numberOfItems": len(items),
            "itemListElement": [{"@type": "ListItem", "position": i + 1, "name": title,
                                 "url": abs_url(item_url)} for i, (title, item_url) in enumerate(items)]}


def json_feed(config: Config, articles: Sequence[Front], abs_url: AbsUrl) -> bytes:
    """JSON Feed 1.1 of the newest articles."""
    feed: dict[str, Any] = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": config.title,
        "home_page_url": abs_url("/"),
        "feed_url": abs_url("/feed.json"),
        "description": config.description,
        "language": config.language,
        "items": [_json_item(a, abs_url) for a in articles],
    }
    if config.author:
        feed["authors"] = [{"name": config.author}]
    return (json.dumps(feed, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _json_item(front: Front, abs_url: AbsUrl) -> dict[str, Any]:
    meta = front.meta
    outlet = meta["outlet"] or "outlet unknown"
    item: dict[str, Any] = {"id": abs_url(front.url), "url": abs_url(front.url), "title": front.title,
                            "content_text": meta["summary"] or f"{front.title} ({outlet})",
                            "date_published": rfc3339(front.date) if front.date else None,
                            "tags": list(meta["topics"])}
    if meta["url"]:
        item["external_url"] = meta["url"]
    return {k: v for k, v in item.items() if v is not None}


def robots_txt(abs_url: AbsUrl) -> bytes:
    sitemap = abs_url("/sitemap.xml")  # robots.txt may only name an absolute sitemap URL
    return ("User-agent: *\nAllow: /\n" + (f"Sitemap: {sitemap}\n" if sitemap.startswith("http") else "")).encode()
