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
import sys
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
    import pickle  # (data out, never in: nothing is unpickled)

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
    libraries' versions: computed once per process, from the files' stamps (as Python itself
    decides whether a module's compiled code is current: its source's mtime and size), so the
    quick nothing-changed check reads no file of sitegen's."""
    hasher = hashlib.blake2b(digest_size=16)
    for rel, mtime, size in tree_stamps(PACKAGE):
        hasher.update(f"{rel}\0{mtime}\0{size}\n".encode("utf-8", "surrogateescape"))
    hasher.update(f"python {sys.version_info[:3]}\n".encode())
    hasher.update("\n".join(library_versions()).encode("utf-8"))
    return hasher.hexdigest()


def tree_stamps(folder: Path) -> list[tuple[str, int, int]]:
    """(relative path, mtime in ns, size) of every file below folder, sorted; caches, compiled
    files and the starter site (which no build reads) left out."""
    found: list[tuple[str, int, int]] = []
    pending = [""]
    while pending:
        inner = pending.pop()
        try:
            entries = list(os.scandir(os.path.join(folder, inner) if inner else folder))
        except OSError:
            continue
        for entry in entries:
            rel = f"{inner}/{entry.name}" if inner else entry.name
            if entry.name.startswith(".") or entry.name in ("__pycache__", "starter"):
                continue
            if entry.is_dir():
                pending.append(rel)
            elif not entry.name.endswith((".pyc", ".pyo")):
                try:
                    info = entry.stat()
                except OSError:
                    continue
                found.append((rel, info.st_mtime_ns, info.st_size))
    return sorted(found)


def library_versions() -> list[str]:
    """The output-shaping libraries' versions, read from their installed metadata folders'
    names (importlib.metadata costs more to import than a build with nothing to do takes)."""
    wanted = {_normal(name): name for name in LIBRARIES}
    found: dict[str, str] = {}
    for folder in sys.path:
        try:
            names = os.listdir(folder or ".")
        except OSError:
            continue
        for name in names:
            if name.endswith((".dist-info", ".egg-info")) and "-" in name:
                project, _, version = name.rsplit(".", 1)[0].partition("-")
                key = _normal(project)
                if key in wanted and key not in found:
                    found[key] = version
    return [f"{name} {found.get(key, 'missing')}" for key, name in sorted(wanted.items())]


def _normal(name: str) -> str:
    return name.lower().replace("-", "_").replace(".", "_")
