"""One build, top to bottom: load → validate → resolve → render → write.

Each phase adds to one error collector; the build stops after a phase that
found errors, so every mistake of that phase is reported at once.
"""

from __future__ import annotations

import os
import subprocess
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from . import markdown, store
from .cache import BuildCache
from .config import Config, check_base_url, load_config
from .content import Listing, list_content, load_pages
from .data import load_data
from .errors import BuildError, Errors, SiteError
from .output import MARKER, OutputError, Spare, check_output, write_site
from .parallel import render_and_write, workers_for
from .render import record_site, render_site
from .site import Site, assemble


@dataclass
class BuildResult:
    site: Site | None
    """None when nothing changed since the last build (sitegen build's disk cache)."""
    files: dict[str, bytes]
    seconds: float
    written: int = 0
    warnings: list[SiteError] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)
    """Every output path; the same as sorted(files) when the bytes are kept."""
    unchanged: str = ""
    """The last build's summary, when nothing changed since."""
    cache: BuildCache | None = None

    def __post_init__(self) -> None:
        if not self.paths:
            self.paths = sorted(self.files)

    def summary(self) -> str:
        if self.site is None:
            return f"nothing changed since the last build ({self.unchanged}); checked in {self.seconds * 1000:.0f} ms"
        kinds = Counter(p.section or "home" for p in self.site.pages.values())
        terms = sum(len(t.terms) for t in self.site.taxonomies.values())
        pages = sum(1 for path in self.paths if path.endswith(".html"))
        parts = [f"{kinds.get('articles', 0)} articles", f"{kinds.get('topics', 0)} topics",
                 f"{kinds.get('pages', 0)} pages", f"{terms} terms"]
        action = f"{self.written} files written" if self.written else f"{len(self.paths)} files checked"
        return f"{', '.join(parts)} → {pages} HTML pages, {action} in {self.seconds * 1000:.0f} ms"


def load_site(root: Path, *, base_url: str | None = None, drafts: bool = False,
              cache: BuildCache | None = None, listing: Listing | None = None) -> tuple[Site, Errors, markdown.MarkdownIt]:
    """Load, validate and resolve a site; raises BuildError with every error found.
    ``listing``: the content files, when the caller has already looked (by default the folder is walked)."""
    errors = Errors()
    config = load_config(root, errors)
    errors.raise_if_any()
    assert config is not None
    if base_url is not None:
        problem = check_base_url(base_url)
        if problem:
            raise BuildError([SiteError("--base-url", None, problem)])
        config = config.with_base_url(base_url)
    data = load_data(root, errors)
    failed: set[str] = set()
    if cache is not None and listing is None:
        cache.listing = listing = list_content(root / "content", cache.listing, cache.hint)
        cache.hint = None
    pages = load_pages(root, errors, drafts=drafts, failed=failed, cache=cache.pages if cache else None,
                       listing=listing)
    # go on resolving the valid pages, so one build lists every error at once
    md = markdown.create(allow_html=config.allow_html)
    site = assemble(config, data, pages, md, errors, failed=failed, parse_cache=cache.parsed if cache else None,
                    used=cache.used if cache else None, memo=cache.memo if cache else None)
    errors.raise_if_any()
    return site, errors, md


def build(root: Path, output: Path | None = None, *, base_url: str | None = None, drafts: bool = False,
          write: bool = True, cache: BuildCache | None = None, disk_cache: bool = False,
          previous: store.Previous | None = None) -> BuildResult:
    """Build the site at root; with write, swap the result into output (default root/public).

    With a cache (kept by the caller between builds, as ``sitegen serve`` does), only what
    changed is parsed and rendered again. With disk_cache (``sitegen build``), the cache is
    kept in .sitegen-cache/ and unchanged pages are linked from the previous output; ``previous``
    is what the caller already found of the last build (store.look). Either way the result is
    the same as a clean build's.
    """
    started = time.perf_counter()
    root = root.resolve()
    output = (output if output is not None else root / "public").resolve()
    if write:
        try:
            check_output(root, output)
        except OutputError as exc:
            raise BuildError([exc.error]) from None
    stored = sources = spare = None
    shards: dict[str, dict[str, store.Stamp]] = {}
    if write and disk_cache and cache is None:
        previous = previous or store.look(root, output, base_url, drafts)
        sources, stored = previous.sources, previous.stored
        if stored is not None and previous.unchanged:
            return BuildResult(None, {}, time.perf_counter() - started, unchanged=stored.summary,
                               paths=sorted(p for p in stored.manifest if not p.endswith("/")))
        spare = store.spare_for(root, output, stored)
        if stored is not None and _mostly_changed(root, stored.sources, sources):
            stored = None  # templates, config or most content changed: a parallel clean build is faster
        if stored is not None:
            store.load_cache(root, stored)
            shards = stored.shards
        cache = stored.cache if stored is not None else None
        if cache is not None:
            cache.previous, cache.manifest = output, stored.manifest  # type: ignore[union-attr]
    fresh = cache is None  # nothing to reuse: a large site is rendered in parallel
    if disk_cache and cache is None:
        cache = BuildCache()  # what this build validates and renders, for the next one
    if cache is not None:
        cache.start()
    site, errors, md = load_site(root, base_url=base_url, drafts=drafts, cache=cache,
                                 listing=Listing.of(root / "content", sources) if sources is not None else None)
    workers = workers_for(site) if write and fresh else 1
    if workers > 1:
        result = _build_parallel(site, md, errors, root, output, workers, started, cache, spare)
    else:
        files = render_site(site, md, errors, cache=cache)
        errors.raise_if_any()
        if cache is not None:
            cache.prune(site.pages.values(), set(files))
        result = BuildResult(site, files, 0.0, warnings=errors.warnings)
        if write:
            finish = index_search if site.config.search else None
            try:
                result.written = write_site(root, output, files, finish, spare)
            except OutputError as exc:
                raise BuildError([exc.error]) from None
        result.cache = cache
    result.seconds = time.perf_counter() - started
    if write and disk_cache and sources is not None and result.cache is not None:
        if result.files:  # stamps of what was written; linked files keep theirs
            manifest = store.new_manifest(output, {**result.files, MARKER: b""}, stored.manifest if stored else {})
            if site.config.search:  # the indexer's own files
                manifest.update({f"pagefind/{k}": v for k, v in store.output_manifest(output / "pagefind").items()})
        else:
            manifest = store.output_manifest(output)
        untouched = {} if spare is None or spare.manifest is None or site.config.search else \
            {k: v for k, v in spare.manifest.items() if k.endswith("/") and k != "/" and k not in spare.touched}
        manifest = store.with_folders(output, {k: v for k, v in manifest.items() if not k.endswith("/")}, untouched)
        store.save(root, store.Stored(previous.key, sources, manifest,  # type: ignore[union-attr]
                                      result.cache, result.summary(), spare.current if spare else {}, shards))
    result.seconds = time.perf_counter() - started
    return result


def _mostly_changed(root: Path, before: dict[str, store.Stamp], after: dict[str, store.Stamp]) -> bool:
    """Whether a change touches templates, config or data, or a tenth of the content."""
    content = str(root / "content") + os.sep
    changed = {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}
    if any(not path.startswith(content) for path in changed):
        return True
    return len(changed) > max(50, len(after) // 10)


def _build_parallel(site: Site, md: markdown.MarkdownIt, errors: Errors, root: Path, output: Path,
                    workers: int, started: float, cache: BuildCache | None, spare: Spare | None) -> BuildResult:
    """Render and write in forked workers, straight into the staging folder; with a cache,
    what they rendered is recorded in it."""
    paths: list[str] = []

    def render_into(staging: Path) -> int:
        found, worker_errors = render_and_write(site, md, staging, workers, cache)
        errors.extend(worker_errors)
        errors.raise_if_any()  # nothing is swapped in: the old output stays
        if cache is not None:
            record_site(site, md, cache)
        paths.extend(found)
        return len(found)

    finish = index_search if site.config.search else None
    try:
        written = write_site(root, output, render_into, finish, spare)
    except OutputError as exc:
        raise BuildError([exc.error]) from None
    result = BuildResult(site, {}, 0.0, written=written, warnings=errors.warnings, paths=paths)
    result.cache = cache
    result.seconds = time.perf_counter() - started
    return result


def index_search(folder: Path) -> None:
    """Build the Pagefind full-text index of a finished site (search: true)."""
    try:
        from pagefind_bin import get_executable  # type: ignore[import-not-found]
    except ImportError:
        raise BuildError([SiteError("sitegen.yaml", None, "search: true needs Pagefind, which is not installed",
                                    "pip install 'pagefind[bin]', or set search: false")]) from None
    run = subprocess.run([str(get_executable()), "--site", str(folder), "--quiet"],
                         capture_output=True, text=True)
    if run.returncode != 0:
        detail = (run.stderr or run.stdout).strip().splitlines()[-1:] or ["no message"]
        raise BuildError([SiteError("sitegen.yaml", None, f"the search indexer failed: {detail[0]}")])


__all__ = ["build", "load_site", "BuildResult", "Config"]
