"""Publishing limits: a finished output measured against what GitHub Pages and GitHub accept.

Each check warns at :data:`WARN_AT` (80%) of its limit and never fails the build: the site is
built and correct, and only the editor can decide what to publish elsewhere. Which limits are
GitHub's own words, and which is our choice:

- the published site: GitHub Pages serves no site larger than 1 GB (official, "GitHub Pages
  limits"); the Actions deployment refuses a larger artifact;
- one file: GitHub refuses a push that holds a file over 100 MiB (official, "About large files
  on GitHub"), and ``sitegen deploy`` pushes the site as commits;
- the file count: GitHub states no limit for Pages. We take 200,000, the only per-site file cap
  a common static host documents (GitLab Pages), as the point where a site should expect
  trouble moving hosts, and where a deploy of that many files in one commit gets slow.

The sizes come from what the build already knows (the stamps it records, or the bytes it
wrote), not from a second walk of the output, except where workers wrote the files themselves.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Mapping

from .errors import SiteError
from .listing import Stamp
from .manifest import output_manifest
from .output import MARKER, Link

WARN_AT = 0.8
"""The share of a limit at which a build warns."""
SITE_BYTES = 1_000_000_000
"""GitHub Pages: a published site may be no larger than 1 GB (read as 10⁹ bytes, the lower reading)."""
FILE_BYTES = 100 * 1024 * 1024
"""GitHub: a pushed file may be no larger than 100 MiB."""
FILE_COUNT = 200_000
"""Not GitHub's (it states none): GitLab Pages' documented cap on a site's files."""


def publishing_warnings(sizes: Mapping[str, int], folder: str) -> list[SiteError]:
    """The warnings for an output whose files (path below the output → bytes) are ``sizes``;
    ``folder`` is the output as the editor knows it (relative to the site when inside it)."""
    found: list[SiteError] = []
    total = sum(sizes.values())
    if total >= WARN_AT * SITE_BYTES:
        found.append(SiteError(
            folder, None, f"the site is {_decimal(total)}, {_share(total, SITE_BYTES)} of the "
            f"{_decimal(SITE_BYTES)} GitHub Pages publishes at most",
            "keep large media (video, audio, data files) on another host and link to them, "
            "or publish the site somewhere without this limit"))
    for rel in sorted(sizes):
        if sizes[rel] >= WARN_AT * FILE_BYTES:
            found.append(SiteError(
                f"{folder}/{rel}", None, f"{_binary(sizes[rel])}, {_share(sizes[rel], FILE_BYTES)} of the "
                f"{_binary(FILE_BYTES)} GitHub accepts for one file (a push holding a larger one is refused)",
                "keep the file on another host (a release asset, object storage) and link to it"))
    if len(sizes) >= WARN_AT * FILE_COUNT:
        found.append(SiteError(
            folder, None, f"{len(sizes):,} files, {_share(len(sizes), FILE_COUNT)} of {FILE_COUNT:,}, the most "
            "any common static host documents (GitLab Pages; GitHub Pages states no limit)",
            "every term of a taxonomy makes a page and two feeds: list fewer taxonomies in sitegen.yaml, "
            "or split the briefing into several sites"))
    return found


def sizes_from_stamps(manifest: Mapping[str, Stamp]) -> dict[str, int]:
    """The files' sizes recorded in an output's manifest (``sitegen build``'s cache keeps one);
    its folders ("a/b/") are left out."""
    return {rel: stamp[1] for rel, stamp in manifest.items() if not rel.endswith("/")}


def sizes_written(output: Path, files: Mapping[str, bytes | Link], search: bool) -> dict[str, int]:
    """The files' sizes in an output just written: the length of the bytes the build held; a
    file reused unchanged (a Link), or every file when workers wrote them (``files`` empty),
    is looked up on disk, and so are the search indexer's files. The folder's marker counts,
    as in a manifest: it is a file of the folder published."""
    if not files:
        return {rel: stamp[1] for rel, stamp in output_manifest(output).items()}
    sizes = {rel: os.stat(output / rel).st_size if isinstance(data, Link) else len(data)
             for rel, data in files.items()}
    sizes[MARKER] = 0
    if search:
        sizes.update((f"pagefind/{rel}", stamp[1]) for rel, stamp in output_manifest(output / "pagefind").items())
    return sizes


def shown(root: Path, output: Path) -> str:
    """The output folder as a warning names it: relative to the site when inside it."""
    try:
        return output.relative_to(root).as_posix() or "."
    except ValueError:
        return str(output)


def _share(value: int, limit: int) -> str:
    return f"{value / limit:.0%}"


def _decimal(count: int) -> str:
    """Bytes in the units GitHub Pages states its limit in (1 GB = 10⁹ bytes)."""
    return _scaled(count, 1000, ("bytes", "kB", "MB", "GB", "TB"))


def _binary(count: int) -> str:
    """Bytes in the units GitHub states its file limit in (1 MiB = 2²⁰ bytes)."""
    return _scaled(count, 1024, ("bytes", "KiB", "MiB", "GiB", "TiB"))


def _scaled(count: int, step: int, units: tuple[str, ...]) -> str:
    value = float(count)
    for unit in units:
        if value < step or unit == units[-1]:
            return f"{count} {unit}" if unit == units[0] else f"{value:.1f}".removesuffix(".0") + f" {unit}"
        value /= step
    raise AssertionError("unreachable")
