"""One build, top to bottom: load → validate → resolve → plan → render → write.

Each phase adds to one error collector; the build stops after a phase that found errors, so
every mistake of that phase is reported at once, and nothing is written. A
:class:`~sitegen.reuse.Session` (``sitegen serve`` keeps one; ``sitegen build`` loads one from
``.sitegen-cache/``) lets the build reuse what the last one made of unchanged facts; the
output is the same with or without it.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from . import bundles, limits, markdown, pagefind, search
from .bodies import Bodies
from .config import Config, check_base_url, load_config
from .loading import load_pages
from .data import Data, load_data, registry_stamps
from .errors import BuildError, Errors, SiteError
from .facts import Fact, FactTable
from .fidelity import check_fidelity
from .gitdates import last_commit_dates
from .listing import Listing, list_content
from .options import Options
from .output import Link, OutputError, Spare, check_output, write_site
from .parallel import render_in_workers, workers_for
from .plan import Job, alias_conflicts, plan
from .render import Renderer, renderer_for
from .reuse import Made, Session, changed_facts, commit, run
from .site import Site, assemble
from .steps import step
from .theme import Theme, find_theme


@dataclass
class BuildResult:
    site: Site | None
    """None when nothing changed since the last build (sitegen build's disk cache)."""
    files: dict[str, bytes | Link]
    """Every output file's bytes (a build in memory), or the files written by this process."""
    seconds: float
    written: int = 0
    warnings: list[SiteError] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)
    """Every output path."""
    unchanged: str = ""
    """The last build's summary, when nothing changed since."""
    rendered: int = 0
    """How many files were rendered (the rest were reused)."""
    notes: list[str] = field(default_factory=list)
    """Lines for the editor that are neither errors nor warnings (an ignored cache)."""
    table: FactTable | None = None
    """The facts of the site built (for a cache that saves what read them)."""
    bodies: Bodies | None = None
    """The bodies as the build read and parsed them (for commands that read the site after)."""
    records: list[search.Record] | None = None
    """The search index's records (search: true), for a build in memory to index when it likes."""

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


@dataclass
class Loaded:
    """A site loaded, validated and resolved, with what rendering it needs."""

    site: Site
    bodies: Bodies
    theme: Theme
    errors: Errors
    verified: set[str]
    """The articles found faithful to their kept originals (fidelity.py)."""


def load_config_for(root: Path, options: Options, errors: Errors) -> Config:
    config = load_config(root, errors)
    errors.raise_if_any()
    assert config is not None
    if options.base_url is not None:
        problem = check_base_url(options.base_url)
        if problem:
            raise BuildError([SiteError("--base-url", None, problem)])
        config = config.with_base_url(options.base_url)
    return config


def _registries(root: Path) -> tuple[Data, list[SiteError]]:
    found = Errors()
    return load_data(root, found), found.items


def load(root: Path, options: Options = Options(), session: Session | None = None, keep_tokens: bool = True,
         searched: bool = False) -> Loaded:
    """Load, validate and resolve a site; raises BuildError with every error found. With
    ``searched`` (records will be made, if the site has search on), bodies read in workers come
    with their readable text."""
    errors = Errors()
    config = load_config_for(root, options, errors)
    steps = session.steps if session is not None else None
    # the registries are read again only when a file of them is not as the last build found it
    # (sitegen serve also forgets them when its watcher sees data/ change)
    registries, problems = step(steps, "registries", registry_stamps(root), lambda: _registries(root))
    errors.extend(problems)
    data = step(steps, "data", registries, lambda: registries)  # registries equal to the last build's: the same object
    content = root / "content"
    if session is not None:
        listing = list_content(content, session.listing, session.hint)
        session.listing, session.hint = listing, None
    else:
        listing = Listing.walk(content) if content.is_dir() else Listing({}, {})
    loaded = load_pages(root, errors, listing, drafts=options.drafts, known=session.known if session else None,
                        memo=session.loads if session else None, keep=session is not None,
                        outline_html=None if keep_tokens else config.allow_html,
                        readable=searched and config.search)
    if session is not None:
        session.loads = loaded.memo
    md = markdown.create(allow_html=config.allow_html)
    bodies = Bodies(root, md, config.allow_html, session.texts if session else None,
                    session.parses if session else None)
    if session is not None:
        bodies.outlines = session.outlines
    bodies.outlines.update(loaded.outlines)
    bodies.skeletons.update(loaded.skeletons)
    bodies.keep_tokens = keep_tokens
    bodies.texts.update(loaded.texts)
    bodies.readables = loaded.readables
    # go on resolving the valid pages, so one build lists every error at once
    committed = None
    if config.last_updated == "git":
        found = last_commit_dates(root)
        if isinstance(found, SiteError):
            errors.extend([found])
        else:
            committed = found
    site = assemble(config, data, loaded.pages, bodies, errors, failed=loaded.failed, committed=committed, steps=steps)
    verified = check_fidelity(site, bodies, root, errors, session.verified if session else set())
    theme = find_theme(config, errors)
    errors.raise_if_any()
    assert theme is not None
    return Loaded(site, bodies, theme, errors, verified)


def build(root: Path, options: Options = Options(), session: Session | None = None, output: Path | None = None,
          spare: Spare | None = None, search_memo: search.Memo | None = None) -> BuildResult:
    """Build the site at root: in memory (``output`` None: the files are in the result), or
    into ``output``, swapped in whole at the end. With a session, what the last successful
    build made of unchanged facts is reused, and the session is brought up to date.

    With ``search: true``, the pages' search records are made from the site in memory; a
    build into ``output`` has Pagefind index them while the pages are rendered, and writes the
    index before the swap; a build in memory returns them (``sitegen serve`` indexes them in
    the background), remaking only those whose facts changed since ``search_memo``'s (and
    without a memo, makes none: nothing would index them)."""
    started = time.perf_counter()
    root = root.resolve()
    if output is not None:
        output = output.resolve()
        try:
            check_output(root, output)
        except OutputError as exc:
            raise BuildError([exc.error]) from None
    loaded = load(root, options, session, keep_tokens=False,  # (Bodies.keep_tokens)
                  searched=output is not None or search_memo is not None)
    site, errors = loaded.site, loaded.errors
    renderer = renderer_for(site.config, loaded.theme, options.safe_templates)
    steps = session.steps if session is not None else None
    assets = loaded.theme.assets
    jobs = step(steps, "plan", (site.fronts, site.taxonomies, site.config, assets), lambda: plan(site, assets))
    if not errors:  # site.py names an alias's conflicts with their line; this is the plan's last word
        errors.extend(step(steps, "alias conflicts", jobs, lambda: alias_conflicts(jobs)))
    errors.raise_if_any()
    table = FactTable(site)
    changed = changed_facts(session, table) if session is not None and session.renderer_key == renderer.key else None
    workers = workers_for(len(jobs)) if output is not None and _mostly_new(session, changed, jobs) else 1
    result = BuildResult(site, {}, 0.0, warnings=errors.warnings)
    if site.config.search:
        searched = sum(len(site.sections.get(name, ())) for name in bundles.SECTIONS)
        result.warnings.extend(search.theme_warnings(renderer, searched))
    if site.config.search and (output is not None or search_memo is not None):  # (not for sitegen check)
        # before rendering: a one-shot build lets go of each body once rendered
        result.records = search.make_records(table, renderer, loaded.bodies, search_memo)
        loaded.bodies.readables = {}  # (the records hold them now)
    indexing = pagefind.Indexing(result.records, search.language_of(site.config.language), beside=output.parent) \
        if result.records is not None and output is not None else None
    finish = indexing.move_to if indexing is not None else None
    try:
        if workers > 1:
            made = _write_in_workers(root, output, site, jobs, renderer, loaded.bodies, errors, workers,  # type: ignore[arg-type]
                                     spare, finish)
            result.written = len(made.outputs)
            result.paths = sorted(made.outputs)
        else:
            made = run(jobs, table, renderer, loaded.bodies, errors, session, changed=changed)
            errors.raise_if_any()
            result.files, result.paths = made.files, sorted(made.files)
            if output is not None:
                result.written = _write(root, output, made.files, spare, finish)
    finally:
        if indexing is not None:
            indexing.close()
    if output is not None and session is None:  # a cached build measures its manifest instead (store.py)
        sizes = limits.sizes_written(output, result.files, site.config.search)
        result.warnings.extend(limits.publishing_warnings(sizes, limits.shown(root, output)))
    if session is not None:
        commit(session, made, renderer, keep_bytes=output is None, jobs=jobs)
        session.verified = loaded.verified
        session.previous = output
        bodies = loaded.bodies
        if len(bodies.texts) + len(bodies.parses) > session.bodies_kept + STALE_BODIES:
            bodies.forget_unused({p.body_hash for p in site.pages.values()})
            session.bodies_kept = len(bodies.texts) + len(bodies.parses)
        session.texts, session.parses, session.outlines = bodies.texts, bodies.parses, bodies.outlines
    result.rendered = made.rendered
    result.table = made.table
    result.bodies = loaded.bodies
    result.seconds = time.perf_counter() - started
    return result


INDEXER_FIRST = 10
"""How much lower a priority render workers take while Pagefind indexes (``os.nice``). The
indexer's one process needs more time than rendering the whole site on the other cores; sharing
a core with a renderer only makes it finish later (news corpus, 4,000 articles, 2 cores: the
search build took 23 s rather than 25 s, medians of 6 on a noisy machine)."""

STALE_BODIES = 64
"""A session forgets the texts and parses no page uses once this many more are held than after
the last time it did (a scan of every page: not after each save)."""


def _mostly_new(session: Session | None, changed: set[Fact] | None, jobs: list[Job]) -> bool:
    """Whether most of the site must be rendered: then forked workers are faster than reuse."""
    if session is None or not session.outputs or changed is None:
        return True
    if not changed:
        return False
    dirty = sum(1 for job in jobs if job.path not in session.outputs
                or not changed.isdisjoint(session.outputs[job.path].reads))
    return dirty > max(300, len(jobs) // 4)


def _write(root: Path, output: Path, files: dict[str, bytes | Link], spare: Spare | None,
           finish: Callable[[Path], None] | None) -> int:
    try:
        return write_site(root, output, files, finish, spare)
    except OutputError as exc:
        raise BuildError([exc.error]) from None


def _write_in_workers(root: Path, output: Path, site: Site, jobs: list[Job], renderer: Renderer, bodies: Bodies,
                      errors: Errors, workers: int, spare: Spare | None,
                      finish: Callable[[Path], None] | None) -> Made:
    """Render and write in forked workers, straight into the staging folder."""
    made: list[Made] = []

    def render_into(staging: Path) -> int:
        # the search indexer is the longer task (one process, started last): the renderers yield to it
        nice = INDEXER_FIRST if finish is not None else 0
        found, worker_errors = render_in_workers(site, jobs, renderer, bodies, staging, workers, nice)
        errors.extend(worker_errors)
        errors.raise_if_any()  # nothing is swapped in: the old output stays
        made.append(found)
        return len(found.outputs)

    try:
        write_site(root, output, render_into, finish, spare)
    except OutputError as exc:
        raise BuildError([exc.error]) from None
    return made[0]


__all__ = ["build", "load", "BuildResult", "Options", "Session"]
