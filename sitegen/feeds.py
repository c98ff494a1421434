"""Feeds (Atom 1.0, RFC 4287, and JSON Feed 1.1) for the site, each topic, actor and outlet,
and the changes page. A topic's feed carries its updates and corrections as well as new
articles; the site's feed carries every page's.

Entry titles carry the theme's mark for a headline the outlet did not write, and summaries
its caution for a paraphrased or translated copy (``marks.html``), as every page does. Ids are
the pages' URLs when the site has a host, else ``urn:uuid:`` names made from the site's title
and the page's path — stable, unique, and valid IRIs either way.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from .facts import Facts
from .metadata import rfc3339
from .parts import card, derived, history, sort_key
from .pageviews import ChangesPage
from .views import ChangeLine, Feed, FeedEntry, FeedLink

EPOCH = dt.date(1970, 1, 1)
"""The date of a feed with no entries (Atom requires one)."""


def feed_id(facts: Facts, path: str) -> str:
    absolute = facts.config.abs_url(path)
    if absolute.startswith(("http://", "https://")):
        return absolute
    import uuid  # (imports platform: only when a feed without a host is written)

    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"sitegen:{facts.config.title}:{path}"))


def feed_links(facts: Facts, page_url: str, name: str) -> tuple[FeedLink, ...]:
    return (FeedLink(f"{name} (Atom)", page_url + "feed.xml", "application/atom+xml"),
            FeedLink(f"{name} (JSON Feed)", page_url + "feed.json", "application/feed+json"))


def article_entry(facts: Facts, key: str) -> FeedEntry:
    """An article's entry, made once a build for every feed that lists it (the site's, and
    each of its topics', actors' and outlet's)."""
    return derived(facts, "feed entry", key, _make_entry)


def _make_entry(facts: Facts, key: str) -> FeedEntry:
    made = card(facts, key)
    front = facts.front(key)
    assert front is not None
    mark = facts.derived.mark
    outlet = made.outlet.name if made.outlet and made.outlet.known else "outlet unknown"
    # a copy's own date and its original's, as its card says them (a feed shows an entry's date)
    dates = f"; {mark('plain_dates', made)}" if made.original_date else ""
    summary = f"{made.summary or made.title} ({outlet}{dates})"
    if made.paraphrase_of or made.translated_from:
        summary += " " + mark("caution", made)
    # a copy whose own date is unknown claims no publication date; it is placed by its original's
    when = made.date or made.original_date or EPOCH
    title = mark("plain_headline", made) if made.title_kind != "published" else made.title
    return FeedEntry(feed_id(facts, made.url), made.url, title, made.date, when, summary, "article",
                     front.meta.get("url"), tuple(front.meta.get("topics", ())))


def marked_title(facts: Facts, key: str) -> str:
    """A page's title as readers see it: an article's with the theme's mark when its headline
    is not the outlet's."""
    front = facts.front(key)
    assert front is not None
    if front.section == "articles" and front.meta["title_kind"] != "published":
        return facts.derived.mark("plain_headline", card(facts, key))
    return front.title


def change_entries(facts: Facts, key: str) -> list[FeedEntry]:
    front = facts.front(key)
    assert front is not None
    title_shown = marked_title(facts, key)
    entries = []
    # an entry's id names its change by kind, date and place among that day's changes of its
    # kind as written: adding a change, even a back-dated one, never renames another (a reader
    # would be shown it again)
    seen: dict[tuple[str, str], int] = {}
    for change in history(front).changes:  # newest first; a day's changes as written
        day = change.date.isoformat()
        number = seen[(change.kind, day)] = seen.get((change.kind, day), 0) + 1
        spot = front.url + (change.at or "#sg-history")
        if change.kind == "correction":
            title = f"Correction: {title_shown}"
            summary = f"What was wrong: {change.wrong} What is right: {change.right}"
        else:
            title = f"Update: {title_shown}"
            summary = change.change
        entries.append(FeedEntry(feed_id(facts, f"{front.url}#{change.kind}-{day}-{number}"), spot, title,
                                 change.date, change.date, summary, change.kind, None, ()))
    return entries


def _feed(facts: Facts, title: str, description: str, page_url: str, entries: list[FeedEntry]) -> Feed:
    entries.sort(key=lambda e: (sort_key(e.updated), e.id), reverse=True)
    chosen = tuple(entries[: facts.config.feed_limit])
    updated = max((e.updated for e in chosen), key=sort_key, default=EPOCH)
    return Feed(title, description, page_url, page_url + "feed.xml", page_url + "feed.json",
                feed_id(facts, page_url), updated, chosen)


def site_feed(facts: Facts) -> Feed:
    """The newest articles and every page's updates and corrections."""
    config = facts.config
    entries = [article_entry(facts, k) for k in facts.newest()[: config.feed_limit]]
    for section in ("articles", "topics", "pages"):
        for key in facts.section(section):
            entries += change_entries(facts, key)
    return _feed(facts, config.title, config.description, "/", entries)


def term_feed(facts: Facts, taxonomy: str, slug: str) -> Feed:
    """A term's articles; a topic's feed carries the topic page's changes too."""
    term = facts.term(taxonomy, slug)
    assert term is not None
    entries = [article_entry(facts, k) for k in term.pages if k.startswith("articles/")]
    title = term.name
    page_url = f"/{taxonomy}/{slug}/"
    if taxonomy == "topics":
        topic = facts.front(f"topics/{slug}")
        if topic is not None:
            entries += change_entries(facts, topic.key)
            title = topic.title
    return _feed(facts, f"{title} · {facts.config.title}", f"New reports on {title}, in {facts.config.title}",
                 page_url, entries)


def changes_page(facts: Facts) -> ChangesPage:
    lines = []
    for section in ("articles", "topics", "pages"):
        for key in facts.section(section):
            front = facts.front(key)
            assert front is not None
            for change in history(front).changes:
                lines.append(ChangeLine(change, marked_title(facts, key), front.url + (change.at or "#sg-history")))
    lines.sort(key=lambda line: (sort_key(line.change.date), line.change.kind == "correction"), reverse=True)
    return ChangesPage("/changes/", "Updates and corrections", tuple(lines))


def json_feed(facts: Facts, feed: Feed) -> bytes:
    """JSON Feed 1.1."""
    config = facts.config
    data: dict[str, Any] = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": feed.title,
        "home_page_url": config.abs_url(feed.page_url),
        "feed_url": config.abs_url(feed.json_path),
        "description": feed.description,
        "language": config.language,
        "items": [_json_item(facts, e) for e in feed.entries],
    }
    if config.author:
        data["authors"] = [{"name": config.author}]
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")  # the C encoder: no indent


def _json_item(facts: Facts, entry: FeedEntry) -> dict[str, Any]:
    item: dict[str, Any] = {"id": entry.id, "url": facts.config.abs_url(entry.url), "title": entry.title,
                            "content_text": entry.summary}
    if entry.published is not None:
        item["date_published"] = rfc3339(entry.published)
    item["date_modified"] = rfc3339(entry.updated)
    if entry.tags:
        item["tags"] = list(entry.tags)
    if entry.external_url:
        item["external_url"] = entry.external_url
    return item
