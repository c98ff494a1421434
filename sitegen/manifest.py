"""Manifests: the stamp of every file and folder of an output, as sitegen wrote it.

A build reuses a file of the current output (a hard link) only after checking that the
output is exactly as the last build left it; a folder's stamp changes when an entry is added
to it or removed, so a stray file is noticed without listing every folder.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .listing import Stamp, stamp_of

if TYPE_CHECKING:  # the nothing-changed check needs output_intact alone: writing is loaded for a build
    from .output import Spare


def output_manifest(output: Path) -> dict[str, Stamp]:
    """Stamps of every file below output (relative POSIX paths)."""
    found: dict[str, Stamp] = {}
    for base, dirs, files in os.walk(output):
        for name in files:
            path = os.path.join(base, name)
            found[os.path.relpath(path, output).replace(os.sep, "/")] = stamp_of(os.stat(path))
    return found


def with_folders(output: Path, files: dict[str, Stamp], known: dict[str, Stamp] | None = None) -> dict[str, Stamp]:
    """The stamps of the output's folders too ("articles/x/", the root "/"). ``known``: stamps
    of folders the build did not touch, taken as they are."""
    found = dict(files)
    known = known or {}
    prefix = str(output) + os.sep
    for rel in files:
        parts = rel.split("/")[:-1]
        for depth in range(len(parts), -1, -1):
            folder = "/".join(parts[:depth]) + "/" if depth else "/"
            if folder in found:
                break
            found[folder] = known.get(folder) or stamp_of(os.stat(prefix + folder[:-1] if depth else output))
    return found


def output_intact(output: Path, manifest: dict[str, Stamp]) -> bool:
    """Every file and folder sitegen wrote last time is there, unchanged, and no folder
    gained or lost an entry."""
    prefix = str(output) + os.sep
    try:
        for rel, stamp in manifest.items():
            if stamp_of(os.stat(output if rel == "/" else prefix + rel)) != stamp:
                return False
    except OSError:
        return False
    return bool(manifest)


def new_manifest(output: Path, files: dict[str, Any], previous: dict[str, Stamp]) -> dict[str, Stamp]:
    """The output's stamps after a build: linked files keep their old stamps; written ones are read."""
    from .output import Link

    found: dict[str, Stamp] = {}
    for rel, data in files.items():
        if isinstance(data, Link) and rel in previous:
            found[rel] = previous[rel]
        else:
            found[rel] = stamp_of(os.stat(os.path.join(output, rel)))
    return found


def spare_for(folder: Path, output: Path, spare: dict[str, Stamp] | None, current: dict[str, Stamp] | None) -> Spare | None:
    """The spare output (the output before last, kept at ``folder``) for a build whose previous
    output is known intact (``current``): usable if it is as the last build left it. None when
    the previous output is unknown, or on another file system (a rename cannot move it)."""
    from .output import Spare, remove_later

    if current is None:
        remove_later(folder, large=True)  # whatever is there no longer matches anything known
        return None
    try:
        if os.stat(folder.parent).st_dev != os.stat(output.parent).st_dev:
            return None
    except OSError:
        return None
    # Its folders' stamps are enough: a file added, removed or renamed changes its folder's
    # mtime; a file written in place is either one it shares with the output (whose stamps
    # were just checked: the same inode) or one the update replaces anyway.
    folders = {rel: stamp for rel, stamp in (spare or {}).items() if rel.endswith("/")}
    usable = spare if spare and folders and output_intact(folder, folders) else None
    return Spare(folder, usable, current)
