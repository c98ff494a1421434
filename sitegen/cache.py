"""Caches that let a rebuild redo only what changed, with output equal to a clean build.

Each cache is keyed by everything its value depends on, so a hit can only return what
a clean build would compute:

- ``pages``: a content file, validated, keyed by its path and (mtime, size, inode);
- ``parsed``: a body's markdown-it tokens, keyed by the body text and the parser's options;
- ``bodies``: an article body's HTML, keyed by its tokens and everything its rendering
  reads (resolved links, citations, base path);
- ``renders``: an output file's bytes, keyed by a digest of its template, the template
  files, the config, and the full context it was rendered with.

``sitegen serve`` keeps one BuildCache across rebuilds.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import jinja2
import jinja2.bccache

from .output import Link
from .store import Stamp


class TemplateCache(jinja2.BytecodeCache):
    """Compiled templates kept in memory; Jinja checks each one against its source's checksum."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


@dataclass
class BuildCache:
    pages: dict[str, tuple[Stamp, Any]] = field(default_factory=dict)
    parsed: dict[tuple[str, str, bool, bool], Any] = field(default_factory=dict)
    bodies: dict[tuple[Any, ...], Any] = field(default_factory=dict)
    renders: dict[str, tuple[Any, bytes]] = field(default_factory=dict)
    templates: TemplateCache = field(default_factory=TemplateCache)
    cards: dict[tuple[str, str, bytes], bytes] = field(default_factory=dict)
    card_html: dict[bytes, Any] = field(default_factory=dict)
    memo: dict[str, Any] = field(default_factory=dict)
    """Whole-site results kept with the inputs they were made from (the taxonomies)."""
    rendered: int = 0
    """Files rendered (not taken from the cache) by the last build."""
    partial: bool = False
    """The last build reused pages known unchanged without computing their keys, so ``used``
    does not name everything still current: prune keeps the body and card caches."""
    listing: Any = None
    """The content folder as the last build listed it (content.Listing)."""
    hint: set[str] | None = None
    """Paths below content/ that a watcher saw change since the last build (``sitegen serve``):
    the next build looks at just those. None: the folder is walked."""
    used: set[Any] = field(default_factory=set)
    """Keys of parsed and bodies read or written by the build under way."""
    previous: Path | None = None
    """The previous output folder, when renders cached on disk point into it (bytes None)."""
    manifest: dict[str, Stamp] = field(default_factory=dict)
    """Stamps of the previous output's files, checked unchanged when the build began."""

    def reusable(self, path: str) -> Link | None:
        """The previous output's file for path. The build checked, before it began, that every
        file of the previous output is exactly what sitegen wrote (store.look)."""
        if self.previous is None or path not in self.manifest:
            return None
        return Link(f"{self.previous}{os.sep}{path}")

    def __getstate__(self) -> dict[str, Any]:
        """On disk: no rendered bytes (they are in the output), no parsed tokens (cheap to redo),
        no pages (store.py keeps them in shards)."""
        state = dict(self.__dict__)
        state["pages"] = {}
        state["renders"] = {path: (key, None) for path, (key, _) in self.renders.items()}
        state["parsed"] = {}
        state["bodies"] = {}
        state["used"] = set()
        state["previous"] = None
        state["listing"] = state["hint"] = None
        state["manifest"] = {}
        return state

    def start(self) -> None:
        self.rendered = 0
        self.partial = False
        self.used = set()

    def prune(self, pages: Iterable[Any], outputs: set[str]) -> None:
        """Forget what the last build did not use, so a long serve session stays small.
        ``pages``: the site's pages (content.Page)."""
        pages = list(pages)
        if self.partial and len(self.pages) == len(pages) and not self.renders.keys() - outputs \
                and len(self.cards) <= len(pages) * 1.1 + 50:
            return  # pages known unchanged were skipped: only an edited page's old entries are stale
        sources = {p.source for p in pages}
        self.pages = {k: v for k, v in self.pages.items() if k in sources}
        self.renders = {k: v for k, v in self.renders.items() if k in outputs}
        if self.partial:  # ``used`` is incomplete: keep what belongs to a current file
            bodies = {(p.source, p.body_hash) for p in pages}
            files = {(p.key, p.file_hash) for p in pages}
            self.parsed = {k: v for k, v in self.parsed.items() if k[:2] in bodies}
            self.bodies = {k: v for k, v in self.bodies.items() if k[:2] in bodies}
            self.cards = {k: v for k, v in self.cards.items() if k[:2] in files}
            return
        self.parsed = {k: v for k, v in self.parsed.items() if k in self.used}
        self.bodies = {k: v for k, v in self.bodies.items() if k in self.used}
        self.cards = {k: v for k, v in self.cards.items() if k in self.used}
        self.card_html = {k: v for k, v in self.card_html.items() if k in self.used}


def digest(*parts: Any, known: dict[int, Any] | None = None) -> bytes:
    """A stable digest of plain data (dicts, lists, strings, dates, dataclasses).

    ``known`` maps id(object) → a short stand-in that determines it (a page's card by the
    page's file digest), so long listings are not pickled in full.
    """
    if not known:
        return hashlib.blake2b(pickle.dumps(parts, protocol=5), digest_size=20).digest()
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.persistent_id = lambda obj: known.get(id(obj))  # type: ignore[method-assign]
    pickler.dump(parts)
    return hashlib.blake2b(buffer.getbuffer(), digest_size=20).digest()


def text_key(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()
