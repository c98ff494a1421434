"""Reading a raw file to import, bounded (issue 19.8).

The file type and size are checked before a byte is read, on the open file
itself (so a path swapped between the check and the read changes nothing):
``/dev/zero`` or a named pipe is one clear error, never a hang or a
``MemoryError``, and at most :data:`MAX_IMPORT_BYTES` are ever read.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from ..errors import SiteError
from .problem import Problem

MAX_IMPORT_BYTES = 8 * 1024 * 1024
"""Largest raw page or text imported. A saved news page is tens to a few hundred
kilobytes; a page saved with its images inlined can reach a few megabytes."""

_KINDS = [
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
]


@dataclass(frozen=True, slots=True)
class Raw:
    """The bytes of one original, and where they came from."""

    data: bytes
    """The original, byte for byte."""
    name: str
    """A file name for it (the file's own, or one made from a URL's path)."""
    shown: str
    """How errors name it: the path or the URL as given."""
    path: Path | None = None
    """The file it was read from; None for a fetched page."""
    url: str | None = None
    """The address it was fetched from (after redirects); None for a file."""


class ReadFailed(Problem):
    """A file or URL that cannot be read."""


def _kind(mode: int) -> str:
    for test, name in _KINDS:
        if test(mode):
            return name
    return "not a regular file"


def read_file(path: Path, limit: int = MAX_IMPORT_BYTES) -> Raw:
    """The bytes of a regular file of at most ``limit`` bytes, or ReadFailed."""
    shown = str(path)
    hint = "import a saved web page (.html) or a text file"
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; it changes nothing for files
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except IsADirectoryError:
        raise ReadFailed(SiteError(shown, None, "is a folder, not a file", hint)) from None
    except OSError as exc:
        raise ReadFailed(SiteError(shown, None, f"cannot read: {exc.strerror or exc}")) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ReadFailed(SiteError(shown, None, f"is {_kind(info.st_mode)}, not a file", hint))
        if info.st_size > limit:
            raise ReadFailed(SiteError(shown, None, f"file is {info.st_size:,} bytes, over the {limit:,}-byte limit "
                                                    "for an import", "save only the article's page"))
        chunks: list[bytes] = []
        size = 0
        while size <= limit:  # the file may have grown since fstat: never read past the limit
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise ReadFailed(SiteError(shown, None, f"file grew past the {limit:,}-byte limit while it was read",
                                       "import it again once it is saved"))
    except OSError as exc:
        raise ReadFailed(SiteError(shown, None, f"cannot read: {exc.strerror or exc}")) from None
    finally:
        os.close(fd)
    return Raw(b"".join(chunks), path.name, shown, path=path)
