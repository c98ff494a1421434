"""Rendering and writing a large site with one forked worker per core.

The resolved site is in memory before the fork, so each worker sees it as it is (copy on
write) and renders and writes its share of the output paths (by a hash of the path) straight
into the staging folder; it sends back only the paths it wrote and the errors it met. Output
bytes are the same whichever worker renders a page, so the result equals a serial build.
Only where the OS can fork (Linux, macOS); elsewhere the build stays serial.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt

from .cache import BuildCache
from .errors import Errors, SiteError
from .output import put
from .render import render_site
from .site import Site
from .workers import cores, run_forked

MIN_PAGES = 300
"""Below this many pages, forking costs more than it saves."""


class _Written(dict):  # type: ignore[type-arg]
    """A worker's output: each file is written into the staging folder as it is rendered, and
    only its path is kept (with empty bytes), so a worker never holds its share of the site."""

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder
        self.made: set[str] = set()

    def __setitem__(self, path: str, data: bytes) -> None:
        parent = path.rpartition("/")[0]
        if parent not in self.made:
            os.makedirs(self.folder / parent, exist_ok=True)
            self.made.add(parent)
        put(self.folder / path, data)
        super().__setitem__(path, b"")

    def update(self, other: dict[str, bytes]) -> None:  # type: ignore[override]
        for path, data in other.items():
            self[path] = data


def workers_for(site: Site) -> int:
    return 1 if len(site.pages) < MIN_PAGES else cores()


def render_and_write(site: Site, md: MarkdownIt, staging: Path, count: int,
                     cache: BuildCache | None = None) -> tuple[list[str], list[SiteError]]:
    """Render the whole site in ``count`` forked workers, each writing its files into staging.
    With a cache, the workers' render keys and card digests are gathered into it (bytes stay
    on disk), so the next build can reuse what they rendered."""

    def worker(index: int) -> tuple[list[str], list[SiteError], Any]:
        errors = Errors()
        site.parse_cache = None  # each article is rendered once here: its tokens are freed after its page
        mine = BuildCache() if cache is not None else None
        files = render_site(site, md, errors, cache=mine, share=(index, count), out=_Written(staging))
        kept = None
        if mine is not None:
            kept = ({path: (key, None) for path, (key, _) in mine.renders.items()},
                    mine.cards, mine.card_html, mine.templates.store)
        return sorted(files), errors.items, kept

    paths: list[str] = []
    errors: list[SiteError] = []
    for found, errs, kept in run_forked([lambda i=i: worker(i) for i in range(count)]):  # type: ignore[misc]
        paths.extend(found)
        errors.extend(errs)
        if cache is not None and kept is not None:
            renders, cards, card_html, templates = kept
            cache.renders.update(renders)
            cache.cards.update(cards)
            cache.card_html.update(card_html)
            cache.templates.store.update(templates)
    return sorted(paths), errors
