"""Clean builds of large sites in forked workers, one per core.

Each worker takes the next chunk of jobs as soon as it is done with the last, renders it and
writes each file into the staging folder as it is made, so no worker ever holds its share of the
site; it sends back only the paths, the facts each file read, and the cards it made (for the
next build to reuse).
"""

from __future__ import annotations

import os
from pathlib import Path
from sys import intern

from .bodies import Bodies
from .errors import Errors, SiteError
from .facts import FactTable
from .output import Link, put
from .plan import Job
from .render import Renderer
from .reuse import Made, Memo, Output, run
from .site import Site
from .workers import cores, run_shared

MIN_JOBS = 300
"""Below this many files, forking costs more than it saves."""

RENDER_CHUNK = 40
"""Jobs a render worker takes at a time (the next chunk goes to whichever worker is free)."""


def workers_for(jobs: int) -> int:
    return 1 if jobs < MIN_JOBS else cores()


def render_in_workers(site: Site, jobs: list[Job], renderer: Renderer, bodies: Bodies, staging: Path,
                      count: int, nice: int = 0) -> tuple[Made, list[SiteError]]:
    """Render and write every job in ``count`` forked workers, each taking the next chunk of
    jobs when done with the last; what they made, and their errors (in job order). With
    ``nice``, the workers run at that much lower a priority (``workers.run_shared``)."""
    # each forked worker has its own copy of these, across the chunks it takes
    folders: set[str] = set()
    table = FactTable(site)
    derived: Memo = {}

    def store(path: str, data: bytes | Link) -> None:
        parent = path.rpartition("/")[0]
        if parent not in folders:
            os.makedirs(staging / parent, exist_ok=True)
            folders.add(parent)
        put(staging / path, data)

    def work(chunk: range) -> tuple[dict[str, tuple[str, ...]], Memo, list[SiteError], int]:
        errors = Errors()
        made = run(jobs[chunk.start:chunk.stop], table, renderer, bodies, errors, None, store, memo=derived)
        # the cards this chunk made (a card is made once per worker, by the first chunk that shows it)
        cards = {entry: made.memo[entry] for entry in made.added if entry[0] == "card"}
        return {path: o.reads for path, o in made.outputs.items()}, cards, errors.items, made.rendered

    outputs: dict[str, Output] = {}
    memo: Memo = {}
    errors: list[SiteError] = []
    rendered = 0
    for reads, cards, errs, count_rendered in run_shared(work, len(jobs), count, RENDER_CHUNK, nice):
        # each worker sent its own copy of every fact name: keep one (a large site reads them thousands of times)
        outputs.update((path, Output(tuple(intern(f) for f in found), None)) for path, found in reads.items())
        memo.update(cards)
        errors.extend(errs)
        rendered += count_rendered
    return Made({}, dict(sorted(outputs.items())), memo, table, rendered), errors
