"""What a site says about itself to machines: schema.org JSON-LD, the JSON Feed, the
sitemap's URLs and robots.txt. Pure functions of the resolved site; ``abs_url`` turns a
site path into a URL under the base URL."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Callable

from .config import Config
from .content import Page
from .data import Registry
from .site import Site

AbsUrl = Callable[[str], str]
ACTOR_TYPES = {"person": "Person", "organisation": "Organization", "country": "Country"}


def iso(value: dt.date | dt.datetime | None) -> str:
    return value.isoformat() if value is not None else ""


def rfc3339(value: dt.date | dt.datetime) -> str:
    """A full timestamp for feeds; a bare date is read as midnight UTC."""
    if not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day, tzinfo=dt.timezone.utc)
    return value.isoformat()


def news_article(page: Page, view: dict[str, Any], abs_url: AbsUrl, language: str,
                 actors: Registry) -> dict[str, Any]:
    """schema.org NewsArticle: what the page states, no more (an unknown outlet is left out)."""
    data: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": page.title,
        "url": abs_url(page.url), "mainEntityOfPage": abs_url(page.url),
        "datePublished": iso(page.date), "inLanguage": language,
    }
    if view["summary"]:
        data["description"] = view["summary"]
    if view["outlet"]["known"]:
        data["publisher"] = {"@type": "Organization", "name": view["outlet"]["name"]}
    if view["original"]:
        data["isBasedOn"] = view["original"]
    mentions = []
    for actor in view["actors"]:
        entry = actors.lookup(actor["name"])
        kind = ACTOR_TYPES.get(str(entry.fields.get("kind")), "Thing") if entry else "Thing"
        mentions.append({"@type": kind, "name": actor["name"]})
    if mentions:
        data["mentions"] = mentions
    if view["topics"]:
        data["about"] = [t["title"] for t in view["topics"]]
    return data


def item_list(name: str, url: str, items: list[dict[str, Any]], abs_url: AbsUrl) -> dict[str, Any]:
    """schema.org ItemList of the pages a listing links to, in order."""
    return {"@context": "https://schema.org", "@type": "ItemList", "name": name, "url": abs_url(url),
            "numberOfItems": len(items),
            "itemListElement": [{"@type": "ListItem", "position": i + 1, "name": item["title"],
                                 "url": abs_url(item["url"])} for i, item in enumerate(items)]}


def json_feed(config: Config, articles: list[Page], abs_url: AbsUrl) -> bytes:
    """JSON Feed 1.1 of the newest articles."""
    feed: dict[str, Any] = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": config.title,
        "home_page_url": abs_url("/"),
        "feed_url": abs_url("/feed.json"),
        "description": config.description,
        "language": config.language,
        "items": [_json_item(a, abs_url) for a in articles[: config.feed_limit]],
    }
    if config.author:
        feed["authors"] = [{"name": config.author}]
    return (json.dumps(feed, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _json_item(page: Page, abs_url: AbsUrl) -> dict[str, Any]:
    outlet = page.meta["outlet"] or "outlet unknown"
    item: dict[str, Any] = {"id": abs_url(page.url), "url": abs_url(page.url), "title": page.title,
                            "content_text": page.meta["summary"] or f"{page.title} ({outlet})",
                            "date_published": rfc3339(page.date) if page.date else None,
                            "tags": list(page.meta["topics"])}
    if page.meta["url"]:
        item["external_url"] = page.meta["url"]
    return {k: v for k, v in item.items() if v is not None}


def robots_txt(abs_url: AbsUrl) -> bytes:
    sitemap = abs_url("/sitemap.xml")  # robots.txt may only name an absolute sitemap URL
    return ("User-agent: *\nAllow: /\n" + (f"Sitemap: {sitemap}\n" if sitemap.startswith("http") else "")).encode()


def sitemap_urls(site: Site, articles: list[Page], abs_url: AbsUrl) -> list[str]:
    """Every page's URL, in a stable order."""
    paths = ["/", "/articles/", "/topics/", "/timeline/"]
    paths += [p.url for p in articles]
    paths += [p.url for p in sorted(site.section("topics"), key=lambda p: p.slug)]
    paths += [p.url for p in sorted(site.section("pages"), key=lambda p: p.slug)]
    for name in site.config.taxonomies:
        if name != "topics":
            paths.append(f"/{name}/")
        paths += [f"/{name}/{term.slug}/" for term in site.taxonomies[name].terms]
    return [abs_url(p) for p in dict.fromkeys(paths)]
