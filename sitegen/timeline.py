"""The timeline: each topic's dated events, with the day established from its excerpts.

An event gives its day as ``date:`` or as the words its source uses (``said: on Tuesday``),
which are resolved against the date of the article the event's first excerpt quotes. When
both are given they must agree. The site never guesses: what cannot be read is an error.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Mapping

from .content import Page
from .dates import resolve_relative, unreadable
from .errors import Errors
from .markdown import Parsed
from .quotes import Excerpt


@dataclass(frozen=True, slots=True)
class Event:
    date: dt.date
    event: str
    said: str
    page: str
    """Key of the topic page that records it."""
    excerpts: tuple[str, ...]
    """Anchors of the excerpts on that page that report it."""


def resolve_events(pages: Mapping[str, Page], topics: tuple[str, ...] | list[str], parsed: Mapping[str, Parsed],
                   excerpts: Mapping[str, tuple[Excerpt | None, ...]], errors: Errors) -> tuple[Event, ...]:
    """Every topic's events, oldest first (ties by topic and wording)."""
    events: list[Event] = []
    for key in topics:
        topic = pages[key]
        verified = {e.anchor: e for e in excerpts.get(key, ()) if e}
        anchors = {ref.anchor for ref in parsed[key].excerpts} if key in parsed else set()
        for index, event in enumerate(topic.meta["events"]):
            found = _resolve_event(topic, index, event, verified, anchors, pages, errors)
            if found is not None:
                events.append(found)
    events.sort(key=lambda e: (e.date, e.page, e.event))
    return tuple(events)


def _resolve_event(topic: Page, index: int, event: Mapping[str, object], verified: dict[str, Excerpt],
                   anchors: set[str], pages: Mapping[str, Page], errors: Errors) -> Event | None:
    line = int(event["_line"])  # type: ignore[call-overload]
    where = f"events[{index + 1}]"
    cited = tuple(str(a) for a in event["excerpts"])  # type: ignore[attr-defined]
    for anchor in cited:
        if anchor not in anchors:
            errors.add(topic.source, line, f"{where}: no excerpt with id '{anchor}' on this page",
                       f"ids here: {', '.join(sorted(anchors)) or 'none'}")
    day = event["date"]
    if isinstance(day, dt.datetime):
        day = day.date()
    said = str(event["said"] or "")
    if said:
        sources = [verified[a] for a in cited if a in verified]
        if not sources and any(a in anchors for a in cited):
            return None  # its excerpts failed to verify: that error is already reported
        if not sources:
            errors.add(topic.source, line, f"{where}: said '{said}' needs an excerpt to date it from",
                       "list the excerpt that says it under excerpts:")
            return None
        article = pages[sources[0].article]
        counted_from = article.front.text_day
        resolved = resolve_relative(said, counted_from) if counted_from else None
        ahead = resolve_relative(said, counted_from, ahead=True) if counted_from else None
        if resolved is None and not (day and day == ahead):  # a day ahead, when date: says so
            problem, fix = unreadable(said, counted_from)
            errors.add(topic.source, line, f"{where}: {problem}", fix)
            return None
        if day and day == ahead:
            resolved = ahead  # "falls on Monday" in a Saturday report: a day ahead
        if day and day != resolved:
            errors.add(topic.source, line,
                       f"{where}: date {day} disagrees with '{said}' in {article.key} "
                       f"(dated {counted_from}), which means {resolved}"
                       + (f" (or {ahead} if it looks ahead)" if ahead and ahead != resolved else ""),
                       "correct one of them")
            return None
        day = resolved
    if not isinstance(day, dt.date):
        errors.add(topic.source, line, f"{where}: has neither date nor said", "add date: YYYY-MM-DD")
        return None
    return Event(day, str(event["event"]), said, topic.key, cited)
