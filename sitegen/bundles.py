"""The search index's layout in the output: its folder, and the bundles a large index is
split into.

Pagefind indexes in one process on one core, and on a large site that process is the longest
task of the build: the pages are rendered long before it has finished. So from
:data:`SPLIT_FROM` searched pages the records are split in two (in URL order: the first half,
then the second), each half indexed by its own Pagefind process on its own core, and the
search page merges the second bundle into the first in the browser (Pagefind's
``mergeIndex``). The split depends on the number of pages alone — never on the machine's
cores — so the same sources build the same index everywhere.

Measured (news corpus, 4,000 articles, 2 cores): Pagefind alone took 17.6–18.8 s for the
whole index, 10.6–10.8 s for the two halves side by side, with the same CPU time. The price
is paid by the reader: a search asks each bundle for its words (about twice the requests),
and each bundle scores its results by its own word counts before Pagefind merges them by score.
"""

from __future__ import annotations

SECTIONS = ("articles", "topics")
"""The sections whose pages are searched, one record a page (the other pages are lists and
furniture)."""
FOLDER = "pagefind"
"""The index's folder in the output."""
SPLIT_FROM = 2_000
"""From this many searched pages the index is two bundles."""
PART = "part-{}/"
"""A further bundle's folder below :data:`FOLDER` (numbered from 2)."""
CODE = ((".js", ".css"), "wasm.")
"""The endings and the beginning of the names of Pagefind's code, the same in every bundle: a
merged bundle needs only its data (the search page's scripts and WebAssembly are the first
bundle's)."""


def shares(count: int) -> list[range]:
    """The records (by index, in URL order) each bundle holds, the first bundle's first."""
    parts = 2 if count >= SPLIT_FROM else 1
    size = max(1, -(-count // parts))
    return [range(start, min(start + size, count)) for start in range(0, count, size)] or [range(0)]


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
