"""The only writer to the output folder.

A build is written to a temporary folder beside the output and swapped in
whole at the end: a failed build leaves the previous output exactly as it
was, and no stale file from an earlier build survives. An output folder that
holds files sitegen did not write (no marker) is refused, never emptied.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Mapping

from .errors import SiteError
from .listing import Stamp

MARKER = ".sitegen-output"
"""A file in every output folder sitegen writes: proof the folder is ours to replace."""

VCS_NAMES = frozenset({".git", ".hg", ".svn", ".bzr", "_darcs", ".jj", ".pijul"})
"""Version-control folders (``.git`` may also be a file: a worktree's pointer). Replacing the
output deletes everything in it, so an output holding one is refused even with the marker:
someone's repository (a gh-pages checkout with public/ copied in) is never sitegen's to delete."""


class Link(str):
    """The path of a file of the current output that a build reuses unchanged: it is hard-linked
    into the new output, not written."""

    __slots__ = ()


class OutputError(Exception):
    def __init__(self, error: SiteError):
        self.error = error
        super().__init__(str(error))


def check_output(root: Path, output: Path, deep: bool = False) -> None:
    """Refuse outputs that would clobber the sources or someone else's files. Version-control
    folders are looked for at the output's top, and with ``deep`` in every folder below it
    (when the output is not known to be exactly as the last build wrote it)."""
    root, output = root.resolve(), output.resolve()
    shown = _shown(root, output)
    if output == root or root.is_relative_to(output):
        raise OutputError(SiteError(shown, None, "the output folder contains the site's sources",
                                    "choose a folder inside the site, such as public/"))
    for source in ("content", "data", "themes", "templates", "seeds"):
        if output.is_relative_to(root / source):
            raise OutputError(SiteError(shown, None, f"the output folder is inside {source}/",
                                        "choose a folder outside the sources, such as public/"))
    if output.exists():
        if not output.is_dir():
            raise OutputError(SiteError(shown, None, "the output path is a file, not a folder",
                                        "remove it or choose another --output"))
        found = vcs_folder(output, deep)
        if found is not None:
            where = f"{shown}/{found}" if shown != "." else found
            raise OutputError(SiteError(shown, None, f"the output folder holds a version-control folder ({where}), "
                                        "which a build would delete",
                                        "build into another folder (--output) and copy the files in, or publish "
                                        "with sitegen deploy"))
        if any(output.iterdir()) and not (output / MARKER).is_file():
            raise OutputError(SiteError(shown, None, "the output folder holds files sitegen did not write",
                                        f"empty it, choose another --output, or add an empty {MARKER} file "
                                        "to let sitegen replace it"))


def vcs_folder(output: Path, deep: bool) -> str | None:
    """The first version-control folder (or ``.git`` file) in output, as a path relative to it;
    only its top level unless ``deep``."""
    pending = [""]
    while pending:
        rel = pending.pop()
        try:
            with os.scandir(output / rel if rel else output) as entries:
                names = sorted((entry.name, entry.is_dir(follow_symlinks=False)) for entry in entries)
        except OSError:
            continue
        for name, is_dir in names:
            if name in VCS_NAMES:
                return f"{rel}/{name}" if rel else name
            if deep and is_dir:
                pending.append(f"{rel}/{name}" if rel else name)
    return None


def _shown(root: Path, output: Path) -> str:
    try:
        return output.relative_to(root).as_posix() or "."
    except ValueError:
        return str(output)


@dataclass
class Spare:
    """The output before last, kept in the build cache (``sitegen build`` only).

    The next build turns it into its staging folder by writing just the files that differ,
    instead of creating thousands of page folders anew, then swaps it in; the replaced output
    becomes the spare in its turn. Unchanged pages are hard links shared by both trees, so
    nothing is ever written into a file in place.
    """

    folder: Path
    """Where it is kept: on the output's file system, so that a rename moves it."""
    manifest: dict[str, Stamp] | None
    """Stamps of its files and folders ("a/b/", root "/"), checked by the caller just now;
    None when there is no spare to use (the replaced output is still kept)."""
    current: dict[str, Stamp] = field(default_factory=dict)
    """The current output's stamps, checked by the caller just now."""
    touched: set[str] = field(default_factory=set)
    """Its folders that the build changed (their stamps are new); the others keep theirs."""


def write_site(root: Path, output: Path, files: dict[str, bytes | Link] | Callable[[Path], int],
               finish: Callable[[Path], None] | None = None, spare: Spare | None = None) -> int:
    """Write files into a fresh folder and swap it in for output. Returns files written.

    ``files`` is the files' bytes (a Link: a file of the current output, unchanged), or a
    function that writes them into the folder it is given and returns how many it wrote
    (parallel rendering). ``finish`` runs on the complete new folder before the swap (the
    search indexer); if anything raises, the new folder is removed and the old output stays
    as it was. With a ``spare``, the new folder is the spare brought up to date, and the
    replaced output is kept as the next one.
    """
    # an output not known to be as the last build left it (no spare, hence no checked
    # manifest) is searched for version-control folders all the way down
    check_output(root, output, deep=spare is None or not spare.current)
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    updating = spare if spare is not None and spare.manifest is not None and not callable(files) else None
    staging = updating.folder if updating else Path(tempfile.mkdtemp(prefix=f".{output.name}.new-", dir=output.parent))
    try:
        if updating and updating.manifest is not None and not callable(files):
            written = update_files(staging, files, updating.manifest, updating.current, updating.touched)
        else:
            written = files(staging) if callable(files) else write_files(staging, files)
        (staging / MARKER).write_bytes(b"")
        if finish is not None:
            finish(staging)
        os.chmod(staging, 0o755)
        swap_in(staging, output, large=written > 2000, keep=spare.folder if spare else None)
    except BaseException:
        remove_later(staging, large=updating is not None)
        raise
    return written


def write_files(folder: Path, files: Mapping[str, bytes | Link]) -> int:
    """Write files below folder; a Link is a file unchanged since the previous build,
    linked rather than copied. Returns how many files there were."""
    made: set[Path] = set()
    for rel in sorted(files):
        target = folder / rel
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        put(target, files[rel])
    return len(files)


def put(target: Path, data: bytes | Link) -> None:
    """Write one file: bytes, or a hard link to an unchanged file of the current output."""
    if isinstance(data, Link):
        try:
            os.link(data, target)
        except OSError:
            shutil.copyfile(data, target)
    else:
        target.write_bytes(data)


def _folder(rel: str) -> str:
    """A manifest's name for the folder holding rel: "a/b/" for "a/b/index.html", "/" for the root."""
    head, _, _ = rel.rpartition("/")
    return head + "/" if head else "/"


def update_files(folder: Path, files: dict[str, bytes | Link], present: dict[str, Stamp],
                 current: dict[str, Stamp], touched: set[str]) -> int:
    """Make folder, which holds exactly ``present``, hold exactly ``files``. Returns how many
    files were written or linked, and adds the folders it changed to ``touched``. A file linked
    from the current output (a Link) is already right when the folder shares it (the same
    stamp: the same inode); any other is replaced, never written in place, since the folder
    shares its files with the current output."""
    wanted = {"/"}
    for rel in files:
        name = _folder(rel)
        while name not in wanted:
            wanted.add(name)
            name = _folder(name[:-1])
    for rel in present:
        if not rel.endswith("/") and rel not in files and rel != MARKER:
            os.unlink(folder / rel)
            touched.add(_folder(rel))
    for rel in sorted((r for r in present if r.endswith("/") and r not in wanted), key=len, reverse=True):
        os.rmdir(folder / rel)
        touched.update((rel, _folder(rel[:-1])))
    made = {r for r in present if r.endswith("/")} & wanted
    written = 0
    for rel in sorted(files):
        data = files[rel]
        if isinstance(data, Link) and rel in present and present[rel] == current.get(rel):
            continue
        target = folder / rel
        name = _folder(rel)
        if name not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            while name not in made:  # every new folder, and the one that gained it
                made.add(name)
                touched.add(name)
                name = _folder(name[:-1])
            touched.add(name)
        if rel in present:
            os.unlink(target)
        put(target, data)
        touched.add(_folder(rel))
        written += 1
    return written


def swap_in(staging: Path, output: Path, large: bool = False, keep: Path | None = None) -> None:
    """Replace output with staging by two renames. The old tree is then moved to ``keep``
    (the next build's spare) or removed."""
    old = None
    if output.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{output.name}.old-", dir=output.parent))
        os.rmdir(old)
        os.rename(output, old)
    os.rename(staging, output)
    if keep is not None and keep.exists():  # a spare that could not be used
        remove_later(keep, large=True)
    if old is None:
        return
    if keep is not None:
        try:
            keep.parent.mkdir(parents=True, exist_ok=True)
            os.rename(old, keep)
            return
        except OSError:
            pass  # no spare next time; the build is done all the same
    remove_later(old, large=large or keep is not None)


def remove_later(folder: Path, large: bool) -> None:
    """Remove a tree. A large one (thousands of page folders) is first renamed out of sight,
    then removed in the background, so the build does not wait on the file system."""
    if not folder.exists():
        return
    if large:
        hidden = Path(tempfile.mkdtemp(prefix=f".{folder.name}.old-", dir=folder.parent))
        os.rmdir(hidden)
        try:
            os.rename(folder, hidden)
            folder = hidden
        except OSError:
            pass
    rm = shutil.which("rm")
    if large and rm and os.name == "posix":
        subprocess.Popen([rm, "-rf", "--", str(folder)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, start_new_session=True)
    else:
        shutil.rmtree(folder, ignore_errors=True)
