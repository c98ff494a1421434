"""What a saved page states about itself — headline, site, date, address,
author — with the place on the page that states each.

The values are trafilatura's (its metadata extraction, with htmldate for the
publication date, limited to what the markup states: no search of the text
for date-like strings). The evidence is found here: every statement the page
makes (JSON-LD, Open Graph, the canonical link, <title>, <h1>, <time>) is
listed with the words a reader needs ("the page's Open Graph title
(og:title)"), and a value's note names the first statement that gives it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterator
from urllib.parse import urlsplit

from ..excerpts import fold
from .dates import find_dates

if TYPE_CHECKING:
    from lxml.html import HtmlElement

_ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "blogposting",
                  "opinionnewsarticle", "backgroundnewsarticle", "reviewnewsarticle", "liveblogposting", "report",
                  "webpage", "socialmediaposting"}
_DATE_META = ("date", "pubdate", "publishdate", "publish-date", "publish_date", "dc.date", "dc.date.issued",
              "dcterms.created", "dcterms.date", "citation_publication_date", "parsely-pub-date", "sailthru.date",
              "og:published_time", "article.published", "datepublished")


@dataclass(frozen=True, slots=True)
class Statement:
    """Something the page's markup states about the article."""

    field: str
    """'title', 'outlet', 'date', 'modified', 'url' or 'author'."""
    value: str
    where: str
    """Where on the page, in words for readers."""


@dataclass(frozen=True, slots=True)
class Fact:
    """A value and how it was established, for the ``*_note`` fields."""

    value: str
    note: str


@dataclass(frozen=True, slots=True)
class PageFacts:
    """What the page establishes about itself (None where it states nothing)."""

    title: Fact | None
    outlet: Fact | None
    date: Fact | None
    """value: an ISO date, or a date-time with its timezone when the statement has one."""
    url: Fact | None
    author: Fact | None
    statements: tuple[Statement, ...]


def _text(value: Any) -> str:
    return re.sub(r"\s+", " ", value).strip() if isinstance(value, str) else ""


def _names(value: Any) -> list[str]:
    """Names in a JSON-LD author/publisher value: a string, an object with name, or a list."""
    if isinstance(value, str):
        return [_text(value)] if _text(value) else []
    if isinstance(value, dict):
        return [_text(value.get("name"))] if _text(value.get("name")) else []
    if isinstance(value, list):
        return [name for item in value[:20] for name in _names(item)]
    return []


def _json_ld_objects(tree: HtmlElement) -> Iterator[tuple[str, dict[str, Any]]]:
    """(type, object) for each article-like JSON-LD object on the page."""
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "", strict=False)
        except (ValueError, RecursionError):  # broken or hostile JSON-LD is no statement at all
            continue
        stack: list[tuple[Any, int]] = [(data, 0)]
        seen = 0
        while stack and seen < 2000:
            item, depth = stack.pop(0)
            seen += 1
            if isinstance(item, list) and depth < 4:
                stack.extend((child, depth + 1) for child in item[:50])
            elif isinstance(item, dict):
                kinds = item.get("@type")
                kinds = kinds if isinstance(kinds, list) else [kinds]
                kind = next((k for k in kinds if isinstance(k, str) and k.lower() in _ARTICLE_TYPES), None)
                if kind:
                    yield kind, item
                if isinstance(item.get("@graph"), list) and depth < 4:
                    stack.extend((child, depth + 1) for child in item["@graph"][:50])


def _meta(tree: HtmlElement, attribute: str, name: str) -> str:
    for element in tree.xpath(f'//meta[@{attribute}]'):
        if (element.get(attribute) or "").strip().lower() == name:
            content = _text(element.get("content"))
            if content:
                return content
    return ""


def statements(tree: HtmlElement) -> list[Statement]:
    """Everything the page's markup states about the article, most specific first."""
    found: list[Statement] = []

    def add(field: str, value: str, where: str) -> None:
        if value and len(value) <= 500:
            found.append(Statement(field, value, where))

    canonical = tree.xpath('//link[@rel="canonical"]/@href')
    if canonical:  # the page's own word for its address comes first
        add("url", _text(canonical[0]), "the page's canonical link")
    for kind, item in _json_ld_objects(tree):
        data = f"the page's structured data (JSON-LD {kind}"
        add("title", _text(item.get("headline")) or _text(item.get("name")), f"{data} headline)")
        add("date", _text(item.get("datePublished")), f"{data} datePublished)")
        add("modified", _text(item.get("dateModified")), f"{data} dateModified)")
        for name in _names(item.get("publisher"))[:1]:
            add("outlet", name, f"{data} publisher)")
        for name in _names(item.get("author"))[:5]:
            add("author", name, f"{data} author)")
        main = item.get("mainEntityOfPage")
        add("url", _text(main.get("@id")) if isinstance(main, dict) else _text(main), f"{data} mainEntityOfPage)")
        add("url", _text(item.get("url")), f"{data} url)")
    add("url", _meta(tree, "property", "og:url"), "the page's Open Graph address (og:url)")
    add("title", _meta(tree, "property", "og:title"), "the page's Open Graph title (og:title)")
    add("title", _meta(tree, "name", "twitter:title"), "the page's Twitter card title (twitter:title)")
    add("outlet", _meta(tree, "property", "og:site_name"), "the page's Open Graph site name (og:site_name)")
    add("outlet", _meta(tree, "name", "application-name"), "the page's application name (application-name)")
    add("outlet", _meta(tree, "name", "publisher"), "the page's publisher tag (meta publisher)")
    add("outlet", _meta(tree, "name", "twitter:site").lstrip("@"), "the page's Twitter account (twitter:site)")
    add("date", _meta(tree, "property", "article:published_time"), "the page's article:published_time tag")
    add("modified", _meta(tree, "property", "article:modified_time"), "the page's article:modified_time tag")
    for name in _DATE_META:
        add("date", _meta(tree, "name", name) or _meta(tree, "property", name), f"the page's '{name}' meta tag")
    for element in tree.xpath('//*[@itemprop="datePublished"]')[:1]:
        add("date", _text(element.get("content") or element.get("datetime")), "the page's datePublished (microdata)")
    for element in tree.xpath("//time[@datetime]")[:3]:
        add("date", _text(element.get("datetime")), "the page's <time> element")
    for name in ("author", "article:author"):
        add("author", _meta(tree, "name", name) or _meta(tree, "property", name), f"the page's '{name}' meta tag")
    for element in tree.xpath('//*[@rel="author"] | //*[contains(@class, "author")]')[:3]:
        add("author", _text(element.text_content()), "the page's byline")
    headings = tree.xpath("//h1")
    if headings:
        add("title", _text(headings[0].text_content()), "the page's main heading (<h1>)")
    titles = tree.xpath("//title")
    if titles:
        add("title", _text(titles[0].text_content()), "the page's title (<title>)")
    return found


def _key(text: str) -> str:
    return fold(text).casefold().strip(" .")


def _day(text: str) -> str:
    dates = [d for d in find_dates(text) if d.date]
    return dates[0].date.isoformat() if dates and dates[0].date else ""


def _evidence(field: str, value: str, found: list[Statement]) -> Statement | None:
    for statement in found:
        if statement.field == field and _key(statement.value) == _key(value):
            return statement
    return None


def _title_note(title: str, found: list[Statement]) -> str:
    exact = _evidence("title", title, found)
    if exact:
        return f"From {exact.where}."
    for statement in found:
        if statement.field == "title" and _key(title) and _key(statement.value).startswith(_key(title)):
            rest = statement.value[len(title):].strip(" -–—|:·•")
            return f"From {statement.where}, without what follows the headline ('{rest}')." if rest else \
                f"From {statement.where}."
    return "Found in the page's markup by the text extractor (trafilatura); no single tag states it as written."


def _date_fact(day: str, found: list[Statement], url: str | None) -> Fact:
    for statement in found:
        if statement.field == "date" and _day(statement.value) == day:
            moment = next((d.moment for d in find_dates(statement.value) if d.moment), "")
            value = moment or day
            if moment:
                return Fact(value, f"From {statement.where}: {statement.value}.")
            return Fact(value, f"From {statement.where}: '{statement.value}'.")
    if url and day.replace("-", "/") in url or (url and day in url):
        return Fact(day, "From the date in the page's address.")
    for statement in found:
        if statement.field == "modified" and _day(statement.value) == day:
            return Fact(day, f"From {statement.where}, the date the page was last changed: the page states no "
                             "first publication date.")
    return Fact(day, "Found in the page's markup by the date extractor (htmldate); no single tag states it.")


def _outlet_note(name: str, found: list[Statement], url: str | None) -> str:
    exact = _evidence("outlet", name, found)
    if exact:
        return f"From {exact.where}."
    if url:
        host = (urlsplit(url).hostname or "").removeprefix("www.")
        if host and _key(name) in (_key(host), _key(host.split(".")[0])):
            return f"From the page's address ({host}): the page does not name its site."
    titled = next((s for s in found if s.field == "title" and _key(name) in _key(s.value)), None)
    if titled:
        return f"From {titled.where} ('{titled.value}')."
    return "Found in the page's markup by the text extractor (trafilatura); no single tag states it as written."


def read_page(tree: HtmlElement, fetched_url: str | None = None,
              today: dt.date | None = None) -> PageFacts:
    """The page's own metadata, each value with where it comes from."""
    from trafilatura.metadata import extract_metadata

    found = statements(tree)
    latest = (today or dt.date.today()).isoformat()
    # original_date: the first publication, not the last change; no extensive search: a date
    # must be stated as the page's date, not picked from the text or a link
    meta = extract_metadata(tree, default_url=fetched_url,
                            date_config={"original_date": True, "extensive_search": False, "max_date": latest})
    title = _text(meta.title)
    outlet = _text(meta.sitename)
    url = _text(meta.url)
    author = _text(meta.author)
    url_statement = _evidence("url", url, found) if url else None
    if url and url_statement is None and fetched_url and _key(url) == _key(fetched_url):
        url_fact: Fact | None = Fact(url, "The address the page was fetched from at import.")
    elif url and url_statement is not None:
        url_fact = Fact(url, f"From {url_statement.where}.")
    else:
        url_fact = None
    author_statement = _evidence("author", author.split(";")[0], found) if author else None
    return PageFacts(
        title=Fact(title, _title_note(title, found)) if title else None,
        outlet=Fact(outlet, _outlet_note(outlet, found, url or fetched_url)) if outlet else None,
        date=_date_fact(meta.date, found, url or fetched_url) if meta.date else None,
        url=url_fact,
        author=Fact(author.replace(";", ","), author_statement.where if author_statement else "the page's markup")
        if author else None,
        statements=tuple(found),
    )
