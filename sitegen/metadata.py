"""What a site says about itself to machines: schema.org JSON-LD, the JSON Feed, the
sitemap's URLs (cut into files past the protocol's limits, with an index) and robots.txt.
Pure functions of the resolved site; ``abs_url`` turns a site path into a URL under the base URL."""

from __future__ import annotations

import datetime as dt
from typing import Any, Callable, Mapping, Sequence
from xml.sax.saxutils import escape

from .views import ArticleView, History

AbsUrl = Callable[[str], str]
ACTOR_TYPES = {"person": "Person", "organisation": "Organization", "country": "Country"}

SITEMAP_MAX_URLS = 50_000
"""The most URLs one sitemap file may list (https://www.sitemaps.org/protocol.html#index).
A site with more gets a sitemap index; tests lower it."""
SITEMAP_MAX_BYTES = 52_428_800
"""The protocol's other cap: 50 MB uncompressed per sitemap file."""
SITEMAP_URL_ROOM = 64
"""Bytes counted for the markup around each URL when sizing a sitemap file: the briefing
theme's ``  <url><loc></loc></url>`` line takes 30, the rest is room for a theme's own."""
SITEMAP_ENVELOPE = 1024
"""Bytes counted for a sitemap file's XML declaration and ``<urlset>`` element."""
SITEMAP_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"


def iso(value: dt.date | dt.datetime | None) -> str:
    return value.isoformat() if value is not None else ""


def rfc3339(value: dt.date | dt.datetime) -> str:
    """A full timestamp for feeds; a bare date is read as midnight UTC."""
    if not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day, tzinfo=dt.timezone.utc)
    return value.isoformat()


def news_article(view: ArticleView, kinds: Mapping[str, str], abs_url: AbsUrl, language: str,
                 headline: str) -> dict[str, Any]:
    """schema.org NewsArticle: what the page states, no more (an unknown outlet or date is left
    out). ``kinds``: each actor's registry kind (person, organisation, country), when known;
    ``headline``: the title with the theme's mark when the outlet did not write it."""
    data: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": headline,
        "url": abs_url(view.url), "mainEntityOfPage": abs_url(view.url), "inLanguage": language,
    }
    if view.date:
        data["datePublished"] = iso(view.date)
    if view.summary:
        data["description"] = view.summary
    if view.outlet.known:
        data["publisher"] = {"@type": "Organization", "name": view.outlet.name}
    if view.original:
        data["isBasedOn"] = view.original
    if view.original_date or view.paraphrase_of:
        original: dict[str, Any] = {"@type": "NewsArticle"}
        if view.paraphrase_of:
            original["publisher"] = {"@type": "Organization", "name": view.paraphrase_of}
        if view.original_date:
            original["datePublished"] = iso(view.original_date)
        data["isBasedOn"] = [data["isBasedOn"], original] if "isBasedOn" in data else original
    mentions = [{"@type": ACTOR_TYPES.get(kinds.get(actor.name, ""), "Thing"), "name": actor.name}
                for actor in view.actors]
    if mentions:
        data["mentions"] = mentions
    if view.topics:
        data["about"] = [t.title for t in view.topics]
    return data


def web_page(title: str, url: str, description: str, abs_url: AbsUrl, language: str) -> dict[str, Any]:
    """schema.org WebPage: a page of the briefing's own (about, method), for its history."""
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": "WebPage", "name": title,
                            "url": abs_url(url), "inLanguage": language}
    if description:
        data["description"] = description
    return data


def with_history(data: dict[str, Any], history: History, method: str) -> dict[str, Any]:
    """JSON-LD with a page's last change (dateModified), its corrections (CorrectionComment) and,
    when the site has a method page, its publishing principles."""
    if history.modified is not None:
        data["dateModified"] = iso(history.modified)
    corrections = [{"@type": "CorrectionComment", "datePublished": iso(c.date),
                    "text": f"What was wrong: {c.wrong} What is right: {c.right}"}
                   for c in history.changes if c.kind == "correction"]
    if corrections:
        data["correction"] = corrections
    if method:
        data["publishingPrinciples"] = method
    return data


def publisher(name: str, title: str, url: str, method: str) -> dict[str, Any]:
    """The home page's schema.org WebSite, with who keeps it and how it is corrected."""
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": "WebSite", "name": title, "url": url}
    organisation: dict[str, Any] = {"@type": "Organization", "name": name or title}
    if method:
        organisation["publishingPrinciples"] = method
        organisation["correctionsPolicy"] = method + "#corrections"
    data["publisher"] = organisation
    return data


def item_list(name: str, url: str, items: Sequence[tuple[str, str]], abs_url: AbsUrl) -> dict[str, Any]:
    """schema.org ItemList of the pages a listing links to, in order: (title, url) each."""
    return {"@context": "https://schema.org", "@type": "ItemList", "name": name, "url": abs_url(url),
            "numberOfItems": len(items),
            "itemListElement": [{"@type": "ListItem", "position": i + 1, "name": title,
                                 "url": abs_url(item_url)} for i, (title, item_url) in enumerate(items)]}


def sitemap_parts(urls: Sequence[str]) -> list[tuple[int, int]]:
    """The sitemap's URLs cut into files, in order: (start, end) of each, every file within
    :data:`SITEMAP_MAX_URLS` and :data:`SITEMAP_MAX_BYTES`. One part, and so today's single
    sitemap.xml, while one file holds them all."""
    parts: list[tuple[int, int]] = []
    start, size = 0, SITEMAP_ENVELOPE
    for i, url in enumerate(urls):
        cost = len(escape(url).encode("utf-8")) + SITEMAP_URL_ROOM
        if i > start and (i - start >= SITEMAP_MAX_URLS or size + cost > SITEMAP_MAX_BYTES):
            parts.append((start, i))
            start, size = i, SITEMAP_ENVELOPE
        size += cost
    parts.append((start, len(urls)))
    return parts


def sitemap_part_path(number: int) -> str:
    """The output path of the sitemap's file ``number`` (from 1) when it is cut into files."""
    return f"sitemap-{number}.xml"


def sitemap_index(locations: Sequence[str]) -> bytes:
    """A ``<sitemapindex>`` naming each sitemap file by its URL, in order. ``lastmod`` is
    optional in the protocol and left out, as the sitemap's own entries leave it out."""
    lines = ['<?xml version="1.0" encoding="utf-8"?>', f'<sitemapindex xmlns="{SITEMAP_NAMESPACE}">']
    lines += [f"  <sitemap><loc>{escape(loc)}</loc></sitemap>" for loc in locations]
    lines.append("</sitemapindex>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def robots_txt(abs_url: AbsUrl) -> bytes:
    # robots.txt may only name an absolute sitemap URL; past one file's limits, sitemap.xml is the index
    sitemap = abs_url("/sitemap.xml")
    return ("User-agent: *\nAllow: /\n" + (f"Sitemap: {sitemap}\n" if sitemap.startswith("http") else "")).encode()
