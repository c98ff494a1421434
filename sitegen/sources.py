"""Reading a source file (content, ``data/*.yaml``, ``sitegen.yaml``): checked before it is read.

Sources are untrusted (issue 19.8): a 1 GB sparse file must not reach 1 GB of memory, a
named pipe must not hang the build, ``/dev/zero`` must not be read for ever. So the file is
opened without blocking, its type and size are taken from the open file (not from a path
that could change in between), and at most the limit is read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors import SiteError
from .frontmatter import MAX_FILE_BYTES, YamlError

_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def read_source(path: Path, shown: str, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; anything else raises a
    YamlError holding one line for the editor (``shown`` is the path as the editor knows it)."""
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)  # O_NONBLOCK: opening a FIFO with no writer returns at once
    except OSError as exc:
        raise YamlError(SiteError(shown, None, f"cannot read: {exc.strerror or exc}",
                                  "check that the file exists and that you may read it")) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = next((name for test, name in _KINDS if test(info.st_mode)), "not a regular file")
            raise YamlError(SiteError(shown, None, f"is {kind}, not a file",
                                      "a source must be a regular file: put the file itself there"))
        if info.st_size > limit:
            raise _too_big(shown, f"{info.st_size:,} bytes", limit)
        chunks: list[bytes] = []
        size = 0
        while size <= limit:  # a file that grows while read (or lies about its size) stops here
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise _too_big(shown, f"more than {limit:,} bytes", limit)
        return b"".join(chunks)
    except OSError as exc:
        raise YamlError(SiteError(shown, None, f"cannot read: {exc.strerror or exc}")) from None
    finally:
        os.close(fd)


def _too_big(shown: str, size: str, limit: int) -> YamlError:
    return YamlError(SiteError(shown, None, f"file is {size}, over the {limit:,}-byte limit",
                               "split it into smaller files"))
