"""Digests: short, stable names for content, for plain data, and for sitegen itself.

Every cache key in sitegen is built from these. A key names everything its value depends on,
so :func:`code_digest` — sitegen's own source, its installed themes and the versions of the
libraries that shape its output — is part of every key: an upgrade, or an edit of the
default theme, can never reuse what an older sitegen made.
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
import pickle
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

PACKAGE = Path(__file__).resolve().parent

LIBRARIES = ("markdown-it-py", "mdit-py-plugins", "Jinja2", "MarkupSafe", "PyYAML")
"""The libraries whose behaviour is part of the output: a new version may render differently."""


def text_key(text: str) -> str:
    """A digest of a text (a page body, a front-matter block)."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def bytes_key(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def digest(*parts: Any) -> str:
    """A stable digest of plain data: str, numbers, None, dates, tuples, lists, dicts and
    dataclass instances of them (never sets: their order is not stable across processes).

    The pickler runs in fast mode (no memo), so equal values give equal bytes whether or
    not they share objects."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.fast = True
    pickler.dump(parts)
    return hashlib.blake2b(buffer.getbuffer(), digest_size=16).hexdigest()


def tree_files(folder: Path) -> list[tuple[str, bytes]]:
    """(relative path, bytes) of every regular file below folder, sorted; caches and
    compiled files left out."""
    found: list[tuple[str, bytes]] = []
    for base, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__" and not d.startswith("."))
        for name in sorted(files):
            if name.endswith((".pyc", ".pyo")) or name.startswith("."):
                continue
            path = os.path.join(base, name)
            try:
                with open(path, "rb") as handle:
                    found.append((os.path.relpath(path, folder), handle.read()))
            except OSError:
                continue
    return found


@functools.lru_cache(maxsize=1)
def code_digest() -> str:
    """sitegen's own code and installed themes, Python's version and the output-shaping
    libraries' versions: computed once per process (a few milliseconds)."""
    hasher = hashlib.blake2b(digest_size=16)
    for rel, data in tree_files(PACKAGE):
        hasher.update(rel.encode("utf-8") + b"\0" + len(data).to_bytes(8, "little") + data)
    versions = [f"python {sys.version_info[:3]}"]
    for name in LIBRARIES:
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} missing")
    hasher.update("\n".join(versions).encode("utf-8"))
    return hasher.hexdigest()
