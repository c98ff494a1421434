"""What is in ``content/``: every Markdown file and folder with its stamp.

A build walks the folder; ``sitegen serve`` updates the last listing with just the paths its
file watcher saw change, so a rebuild never walks thousands of files.

A symbolic link is followed only while it stays inside the site's folder: a link to a file
elsewhere (``~/.ssh/id_rsa``, ``/etc/passwd``, another project's Markdown) is skipped and
reported once, so nothing outside the site can be built or published. Linked folders are not
descended into.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from .errors import BuildError, SiteError

Stamp = tuple[int, int, int]
"""(mtime in ns, size, inode) of a file or folder: how sitegen knows a file is the one it saw."""


def stamp_of(info: os.stat_result) -> Stamp:
    return (info.st_mtime_ns, info.st_size, info.st_ino)


def inside(path: str, root: str) -> bool:
    """Whether path, with every symbolic link resolved, lies inside the folder root (resolved)."""
    real = os.path.realpath(path)
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


@dataclass
class Listing:
    """The content folder as a build found it."""

    files: dict[str, Stamp]
    """Every Markdown file below content/ (path below it, sorted) → (mtime, size, inode)."""
    folders: dict[str, Stamp]
    """Every folder below content/ ("" for content/ itself) → its stamp: its mtime changes
    when an entry is added, removed or renamed, its inode when the folder is replaced."""
    outside: tuple[str, ...] = field(default=())
    """Paths below content/ that are links leading out of the site: skipped."""

    @classmethod
    def walk(cls, content: Path, root: Path | None = None) -> Listing:
        files: dict[str, Stamp] = {}
        folders: dict[str, Stamp] = {}
        outside: list[str] = []
        limit = os.path.realpath(root if root is not None else content.parent)
        pending = [""]
        while pending:
            inner = pending.pop()
            folder = os.path.join(content, inner) if inner else str(content)
            try:
                folders[inner] = stamp_of(os.stat(folder))
                with os.scandir(folder) as scan:
                    entries = list(scan)
            except FileNotFoundError:
                continue  # vanished while we looked
            except OSError as exc:  # unreadable (permissions, no descriptors left): never a site with pages missing
                raise unlistable(content, inner, exc) from None
            for entry in entries:
                rel = f"{inner}/{entry.name}" if inner else entry.name
                if entry.is_dir(follow_symlinks=False):
                    pending.append(rel)
                elif entry.name.endswith(".md"):
                    if entry.is_symlink() and not inside(entry.path, limit):
                        outside.append(rel)
                        continue
                    try:
                        info = entry.stat()
                    except FileNotFoundError:
                        continue  # vanished while we looked (or a dangling link)
                    except OSError as exc:
                        raise unlistable(content, rel, exc) from None
                    if stat.S_ISREG(info.st_mode):
                        files[rel] = stamp_of(info)
        return cls(dict(sorted(files.items())), folders, tuple(sorted(outside)))

    @classmethod
    def of(cls, content: Path, stamps: dict[str, Stamp]) -> Listing:
        """The listing within stamps of every regular file below the site (store.source_stamps),
        without its folders: enough to load pages, not to update."""
        prefix = str(content) + os.sep
        files = {path[len(prefix):].replace(os.sep, "/"): stamp for path, stamp in stamps.items()
                 if path.startswith(prefix) and path.endswith(".md")}
        return cls(dict(sorted(files.items())), {})

    def update(self, content: Path, changed: list[str]) -> Listing | None:
        """The listing after changes to ``changed`` (paths below content/, "" for content/
        itself); None when a folder came, went or was replaced, or a link appeared: then
        walk everything."""
        files, folders = dict(self.files), dict(self.folders)
        for rel in changed:
            path = os.path.join(content, rel) if rel else str(content)
            try:
                link = os.path.islink(path)
                info: os.stat_result | None = os.stat(path)
            except FileNotFoundError:
                info, link = None, False
            except OSError as exc:
                raise unlistable(content, rel, exc) from None
            if link:
                return None  # a link: the walk decides whether it stays inside the site
            if info is not None and stat.S_ISDIR(info.st_mode):
                if rel not in folders or folders[rel][2] != info.st_ino:
                    return None  # a new or replaced folder
                if folders[rel] == stamp_of(info):
                    continue  # no entry came or went (a file in it was written)
                folders[rel] = stamp_of(info)
                prefix = f"{rel}/" if rel else ""
                present = set()
                with os.scandir(path) as entries:  # names only: a file that changed has its own event
                    for entry in entries:
                        if entry.is_dir(follow_symlinks=False) and prefix + entry.name not in folders:
                            return None
                        if entry.name.endswith(".md"):
                            if entry.is_symlink():
                                return None
                            present.add(prefix + entry.name)
                known = {f for f in files if f.rpartition("/")[0] == rel}
                for gone in known - present:
                    del files[gone]
                for new in present - known:
                    _add(files, content, new)
            elif rel in folders:
                return None  # a folder went
            elif info is None or not stat.S_ISREG(info.st_mode) or not rel.endswith(".md"):
                files.pop(rel, None)
            elif rel.rpartition("/")[0] not in folders:
                return None
            else:
                files[rel] = stamp_of(info)
        if files.keys() != self.files.keys():
            files = dict(sorted(files.items()))
        return Listing(files, folders, self.outside)


def unlistable(content: Path, rel: str, exc: OSError) -> BuildError:
    shown = f"content/{rel}" if rel else "content"
    return BuildError([SiteError(shown, None, f"cannot be listed: {exc.strerror or exc}",
                                 "check its permissions; with 'Too many open files', close other programs or raise "
                                 "the limit (ulimit -n), then build again")])


def _add(files: dict[str, Stamp], content: Path, rel: str) -> None:
    try:
        info = os.stat(os.path.join(content, rel))
    except FileNotFoundError:
        return  # vanished while we looked (or a dangling link)
    except OSError as exc:
        raise unlistable(content, rel, exc) from None
    if stat.S_ISREG(info.st_mode):
        files[rel] = stamp_of(info)


def list_content(content: Path, previous: Listing | None = None, changed: set[str] | None = None) -> Listing:
    """Every Markdown file below content/. With the previous listing and the paths seen to
    change since (below content/), only those paths are looked at again."""
    if previous is not None and changed is not None and previous.folders and len(changed) <= 200:
        listing = previous.update(content, sorted(changed))
        if listing is not None:
            return listing
    return Listing.walk(content)
