"""A session as plain JSON, and back.

The build cache holds data, never code: validated pages, the digests of facts, what each
output read, and listings' cards. JSON does the work in C: dates travel as ``{"$d": …}`` and
``{"$t": …}`` objects and lists come back as tuples. Decoding can fail only with
:class:`Unreadable` (the cache is then ignored); it never runs anything, whatever the data.
(``store.py`` decodes only files that carry its own HMAC and the current run key.)
"""

from __future__ import annotations

import datetime as dt
import json
from sys import intern
from operator import itemgetter
from typing import Any, Iterable

from markupsafe import Markup

from .content import BodyRef, Front, Known, Page
from .excerpts import Paragraph
from .markdown import ExcerptRef, HeadlinesRef, Parsed
from .facts import Fact, FactTable
from .reuse import Memo, Output
from .views import Card, OutletRef


class Unreadable(Exception):
    """The data is not what this sitegen wrote."""


def _plain(value: Any) -> Any:
    """json.dumps's hook for what JSON has no type for."""
    if isinstance(value, dt.datetime):
        return {"$t": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$d": value.isoformat()}
    raise TypeError(f"{type(value).__name__} is not data")


def _object(value: dict[str, Any]) -> Any:
    """json.loads's hook for every object: dates back to dates, lists in it to tuples."""
    if len(value) == 1:
        if "$d" in value:
            return dt.date.fromisoformat(value["$d"])
        if "$t" in value:
            return dt.datetime.fromisoformat(value["$t"])
    for key, item in value.items():
        if type(item) is list:
            value[key] = tuple(item)
    return value


def dumps(value: Any) -> bytes:
    return json.dumps(value, default=_plain, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def loads(data: bytes, key: Any) -> dict[str, Any]:
    """A cache file's object, if it was written for ``key`` (the run key)."""
    try:
        found = json.loads(data, object_hook=_object)
        if not isinstance(found, dict) or json.dumps(found.get("key")) != json.dumps(key):
            raise Unreadable
        return found
    except (ValueError, TypeError):
        raise Unreadable from None


def _guard(decode: Any) -> Any:
    def guarded(*args: Any) -> Any:
        try:
            return decode(*args)
        except (KeyError, TypeError, ValueError, IndexError, AttributeError):
            raise Unreadable from None

    return guarded


# --- pages ----------------------------------------------------------------------------------

def encode_pages(pages: Iterable[tuple[str, tuple[tuple[int, int, int], Page]]]) -> dict[str, Any]:
    """Validated pages as marshal's plain types. Front matter holds dates, which marshal has no
    type for: they travel as ISO text, with the place of each listed beside the page, so that
    reading a page back converts those few values and walks nothing else."""
    found = {}
    for rel, (stamp, page) in pages:
        front, body = page.front, page.body
        places: list[tuple[tuple[Any, ...], str]] = []
        meta = _plain_meta(front.meta, (), places)
        found[rel] = (stamp, front.section, front.slug, meta, front.meta_hash, body.line, body.hash,
                      page.file_hash, page.refers, front.digest, body.digest, tuple(places))
    return found


def _plain_meta(value: Any, path: tuple[Any, ...], places: list[tuple[tuple[Any, ...], str]]) -> Any:
    if isinstance(value, dt.datetime):
        places.append((path, "t"))
        return value.isoformat()
    if isinstance(value, dt.date):
        places.append((path, "d"))
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _plain_meta(item, (*path, key), places) for key, item in value.items()}
    if isinstance(value, (tuple, list)):
        return tuple(_plain_meta(item, (*path, index), places) for index, item in enumerate(value))
    return value


@_guard
def decode_pages(data: dict[str, Any]) -> Known:
    known: Known = {}
    for rel, (stamp, section, slug, meta, meta_hash, line, body_hash, file_hash, refers, front_digest, body_digest,
              places) in data.items():
        for path, kind in places:  # dates back to dates, where the encoder found them
            holder = meta
            for step in path[:-1]:
                holder = holder[step]
            text = holder[path[-1]]
            holder[path[-1]] = dt.datetime.fromisoformat(text) if kind == "t" else dt.date.fromisoformat(text)
        front = Front(rel, section, slug, meta, meta_hash, front_digest)
        known[rel] = (stamp, Page(front, BodyRef(front.key, rel, section, line, body_hash, body_digest), file_hash,
                                  refers))
    return known


def encode_outline(outline: Parsed) -> tuple[Any, ...]:
    """A body's outline (``Bodies.outline``) as marshal's plain types."""
    return (tuple((p.id, p.text, line) for p, line in outline.paragraphs),
            tuple((e.index, e.article, e.quote, e.line, e.hint, e.anchor, e.error, e.lead_in) for e in outline.excerpts),
            tuple(outline.links), tuple(outline.headings),
            tuple((h.index, h.article, h.items, h.line, h.error) for h in outline.headlines), tuple(outline.problems))


@_guard
def decode_outline(data: tuple[Any, ...]) -> Parsed:
    paragraphs, excerpts, links, headings, headlines, problems = data
    return Parsed([], [(Paragraph(str(i), str(t)), int(line)) for i, t, line in paragraphs],
                  [ExcerptRef(*e) for e in excerpts], [(str(h), int(line)) for h, line in links],
                  [(int(a), str(b), str(c), int(d)) for a, b, c, d in headings],
                  [HeadlinesRef(*h) for h in headlines], [(int(line), str(m)) for line, m in problems])


# --- what each output read -------------------------------------------------------------------

def encode_outputs(facts: dict[Fact, str], outputs: dict[str, Output]) -> dict[str, Any]:
    """Plain data (marshal's types): the facts' digests, and what each output read by index."""
    index = {name: i for i, name in enumerate(facts)}
    return {"facts": dict(facts), "outputs": {path: tuple([index[f] for f in output.reads])
                                              for path, output in outputs.items()}}


def _reads(names: list[Fact], indexes: tuple[int, ...]) -> tuple[Fact, ...]:
    if len(indexes) == 1:
        return (names[indexes[0]],)
    return itemgetter(*indexes)(names) if indexes else ()


@_guard
def decode_outputs(data: dict[str, Any]) -> tuple[dict[Fact, str], dict[str, Output]]:
    facts: dict[Fact, str] = {intern(name): digest for name, digest in data["facts"].items()}
    names = list(facts)
    return facts, {path: Output(_reads(names, indexes), None) for path, indexes in data["outputs"].items()}


# --- cards ----------------------------------------------------------------------------------

def encode_cards(memo: Memo, table: FactTable) -> dict[str, Any]:
    """The cards of a memo, with the digest of every fact they read (a cards file carries its
    own digests: it can be read back by any later build, which drops the cards whose facts
    changed since)."""
    facts: dict[Fact, str] = {}
    cards = []
    for (kind, name), (value, reads) in memo.items():
        if kind != "card":
            continue
        for read in reads:
            if read not in facts:
                facts[read] = table.digest(read)
        outlet = (value.outlet.name, value.outlet.url, value.outlet.known) if value.outlet else None
        cards.append((name, value.key, value.title, value.url, value.summary, value.section, value.date, outlet,
                      value.paraphrase_of, value.translated_from, value.title_kind, value.original_date,
                      str(value.html), list(reads)))
    return {"facts": facts, "cards": cards}


@_guard
def decode_cards(data: dict[str, Any], table: FactTable) -> Memo:
    """The cards whose facts are as they were when they were made."""
    stale = {name for name, known in data["facts"].items() if table.digest(name) != known}
    memo: Memo = {}
    for (name, card_key, title, url, summary, section, date, outlet, paraphrase_of, translated_from, title_kind,
         original_date, html, reads) in data["cards"]:
        if stale.isdisjoint(reads):
            ref = OutletRef(*outlet) if outlet is not None else None
            card = Card(card_key, title, url, summary, section, date, ref, paraphrase_of, translated_from, title_kind,
                        original_date, Markup(html))
            memo[("card", name)] = (card, tuple(intern(r) for r in reads))
    return memo
