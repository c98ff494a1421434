"""The search index's layout in the output: its folder, and the bundles a large index is
split into.

Pagefind indexes in one process on one core, and on a large site that process is the longest
task of the build: the pages are rendered long before it has finished. So from
:data:`SPLIT_FROM` searched pages the records are split into bundles (in URL order: the first
share, then the next), :data:`LANES` of them indexed side by side, each by its own Pagefind
process on its own core, and the search page merges the others into the first in the browser
(Pagefind's ``mergeIndex``). The split depends on the number of pages alone — never on the
machine's cores — so the same sources build the same index everywhere.

A bundle holds at most :data:`MOST_PAGES` pages, because Pagefind holds its whole index in
memory, about 0.3 MB a page of news copy: a site of 10,000 articles made as two bundles had two
Pagefind processes of 1.4 GB each. The bundles are as many as a multiple of the lanes, so that
the lanes end together.

Measured (news corpus, 4,000 articles, 2 cores): Pagefind alone took 17.6–18.8 s for the
whole index, 10.6–10.8 s for the two halves side by side, with the same CPU time. The price
is paid by the reader: a search asks each bundle for its words (a request a bundle), and each
bundle scores its results by its own word counts before Pagefind merges them by score.
"""

from __future__ import annotations

SECTIONS = ("articles", "topics")
"""The sections whose pages are searched, one record a page (the other pages are lists and
furniture)."""
FOLDER = "pagefind"
"""The index's folder in the output."""
SPLIT_FROM = 2_000
"""From this many searched pages the index is split (two bundles, or more: :data:`MOST_PAGES`)."""
MOST_PAGES = 3_000
"""A split index's bundles hold at most this many pages each (Pagefind's memory, above)."""
LANES = 2
"""Bundles indexed at a time: the memory of this many Pagefind processes is the most a build
takes for its index, however large the site. (Not the machine's cores: a runner's cores say
nothing of its memory.)"""
PART = "part-{}/"
"""A further bundle's folder below :data:`FOLDER` (numbered from 2)."""
CODE = ((".js", ".css"), "wasm.")
"""The endings and the beginning of the names of Pagefind's code, the same in every bundle: a
merged bundle needs only its data (the search page's scripts and WebAssembly are the first
bundle's)."""


def shares(count: int) -> list[range]:
    """The records (by index, in URL order) each bundle holds, the first bundle's first: one
    bundle below :data:`SPLIT_FROM`, else shares of at most :data:`MOST_PAGES`, as many as a
    multiple of :data:`LANES`, their sizes apart by one at most (the larger first)."""
    parts = 1
    if count >= SPLIT_FROM:
        parts = max(2, -(-count // MOST_PAGES))
        parts += -parts % LANES
    bounds = [-(-count * number // parts) for number in range(parts + 1)]
    return [range(start, end) for start, end in zip(bounds, bounds[1:])]


def folders(count: int) -> tuple[str, ...]:
    """Each bundle's folder below the site's root ('pagefind/', 'pagefind/part-2/'…)."""
    return tuple(f"{FOLDER}/" + ("" if number == 1 else PART.format(number))
                 for number in range(1, len(shares(count)) + 1))


def is_furniture(path: str) -> bool:
    """Whether a file of a bundle (its path below the bundle's folder) is Pagefind's code."""
    endings, beginning = CODE
    return "/" not in path and (path.endswith(endings) or path.startswith(beginning))


def number_of(path: str) -> int:
    """The bundle a file of the index belongs to, from its path below the site's root."""
    below = path.removeprefix(f"{FOLDER}/")
    if below.startswith("part-") and "/" in below:
        number = below[len("part-"):below.index("/")]
        if number.isdigit():
            return int(number)
    return 1
