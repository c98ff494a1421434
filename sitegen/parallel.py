"""Clean builds of large sites in forked workers, one per core.

Each worker renders its share of the jobs (by a hash of the output path) and writes each file
into the staging folder as it is made, so no worker ever holds its share of the site; it sends
back only the paths, the facts each file read, and the cards it made (for the next build to
reuse).
"""

from __future__ import annotations

import os
from sys import intern
import zlib
from pathlib import Path

from .bodies import Bodies
from .errors import Errors, SiteError
from .facts import FactTable
from .output import Link, put
from .plan import Job
from .render import Renderer
from .reuse import Made, Memo, Output, run
from .site import Site
from .workers import cores, run_forked

MIN_JOBS = 300
"""Below this many files, forking costs more than it saves."""


def workers_for(jobs: int) -> int:
    return 1 if jobs < MIN_JOBS else cores()


def mine(path: str, index: int, count: int) -> bool:
    return zlib.crc32(path.encode()) % count == index


def render_in_workers(site: Site, jobs: list[Job], renderer: Renderer, bodies: Bodies, staging: Path,
                      count: int) -> tuple[Made, list[SiteError]]:
    """Render and write every job in ``count`` forked workers; what they made, and their errors."""

    def worker(index: int) -> tuple[dict[str, tuple[str, ...]], Memo, list[SiteError], int]:
        made_folders: set[str] = set()

        def store(path: str, data: bytes | Link) -> None:
            parent = path.rpartition("/")[0]
            if parent not in made_folders:
                os.makedirs(staging / parent, exist_ok=True)
                made_folders.add(parent)
            put(staging / path, data)

        errors = Errors()
        share = [job for job in jobs if mine(job.path, index, count)]
        made = run(share, FactTable(site), renderer, bodies, errors, None, store)
        cards = {k: v for k, v in made.memo.items() if k[0] == "card"}
        return {path: o.reads for path, o in made.outputs.items()}, cards, errors.items, made.rendered

    outputs: dict[str, Output] = {}
    memo: Memo = {}
    errors: list[SiteError] = []
    rendered = 0
    for reads, cards, errs, count_rendered in run_forked([lambda i=i: worker(i) for i in range(count)]):  # type: ignore[misc]
        # each worker sent its own copy of every fact name: keep one (a large site reads them thousands of times)
        outputs.update((path, Output(tuple(intern(f) for f in found), None)) for path, found in reads.items())
        memo.update(cards)
        errors.extend(errs)
        rendered += count_rendered
    return Made({}, dict(sorted(outputs.items())), memo, FactTable(site), rendered), errors
