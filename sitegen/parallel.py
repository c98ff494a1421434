"""Rendering and writing a large site with one forked worker per core.

The resolved site is in memory before the fork, so each worker sees it as it is (copy on
write) and renders and writes its share of the output paths (by a hash of the path) straight
into the staging folder; it sends back only the paths it wrote and the errors it met. Output
bytes are the same whichever worker renders a page, so the result equals a serial build.
Only where the OS can fork (Linux, macOS); elsewhere the build stays serial.
"""

from __future__ import annotations

import os
import pickle
import traceback
from pathlib import Path

from markdown_it import MarkdownIt

from .cache import BuildCache
from .errors import Errors, SiteError
from .output import write_files
from .render import render_site
from .site import Site

MIN_PAGES = 300
"""Below this many pages, forking costs more than it saves."""


def workers_for(site: Site) -> int:
    if not hasattr(os, "fork") or len(site.pages) < MIN_PAGES:
        return 1
    return max(1, min(os.cpu_count() or 1, 8))


def render_and_write(site: Site, md: MarkdownIt, staging: Path, count: int,
                     cache: BuildCache | None = None) -> tuple[list[str], list[SiteError]]:
    """Render the whole site in ``count`` forked workers, each writing its files into staging.
    With a cache, the workers' render keys and card digests are gathered into it (bytes stay
    on disk), so the next build can reuse what they rendered."""
    children: list[tuple[int, int]] = []
    for index in range(count):
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the worker
            os.close(read_end)
            code = 0
            try:
                errors = Errors()
                mine = BuildCache() if cache is not None else None
                files = render_site(site, md, errors, cache=mine, share=(index, count))
                write_files(staging, files)
                kept = None
                if mine is not None:
                    kept = ({path: (key, None) for path, (key, _) in mine.renders.items()},
                            mine.cards, mine.card_html, mine.templates.store)
                payload = pickle.dumps(("ok", sorted(files), errors.items, kept))
            except BaseException:
                payload = pickle.dumps(("crash", traceback.format_exc(), [], None))
                code = 1
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(payload)
            os._exit(code)
        os.close(write_end)
        children.append((pid, read_end))
    paths: list[str] = []
    errors: list[SiteError] = []
    crashes: list[str] = []
    for pid, read_end in children:
        with os.fdopen(read_end, "rb") as pipe:
            data = pipe.read()
        os.waitpid(pid, 0)
        status, found, errs, kept = pickle.loads(data) if data else ("crash", "a worker died without a word", [], None)
        if status == "ok":
            paths.extend(found)
            errors.extend(errs)
            if cache is not None and kept is not None:
                renders, cards, card_html, templates = kept
                cache.renders.update(renders)
                cache.cards.update(cards)
                cache.card_html.update(card_html)
                cache.templates.store.update(templates)
        else:
            crashes.append(found)
    if crashes:
        raise RuntimeError("a render worker failed:\n" + "\n".join(crashes))
    return sorted(paths), errors
