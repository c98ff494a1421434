"""The build cache kept on disk between `sitegen build` runs (``.sitegen-cache/``).

It holds what :class:`~sitegen.cache.BuildCache` holds, minus the rendered bytes: those
stay in the previous output, and a page whose render key is unchanged is hard-linked from
there into the new output — after checking that the old file is exactly the one sitegen
wrote (size, mtime, inode). It also keeps a stamp of every source file, so a build in which
nothing changed is recognised without loading or rendering anything.

A cache that cannot be read (another sitegen version, a damaged file) is ignored: the build
is then a clean one. The output never depends on the cache.
"""

from __future__ import annotations

import os
import pickle
import stat
import sys
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from typing import TYPE_CHECKING

from . import __version__

if TYPE_CHECKING:  # the cache (and Jinja, markdown-it) is loaded only when a build runs
    from .cache import BuildCache
    from .output import Spare

FOLDER = ".sitegen-cache"
FORMAT = 6

SHARDS = 64
"""Page shards: an edit rewrites about 1/64 of the validated pages."""

Stamp = tuple[int, int, int]
"""(mtime in ns, size, inode) of a file or folder: how sitegen knows a file is the one it saw."""


def stamp_of(info: os.stat_result) -> Stamp:
    return (info.st_mtime_ns, info.st_size, info.st_ino)


@dataclass
class Stored:
    """What one successful build leaves for the next (state.pickle and build.pickle)."""

    key: tuple[Any, ...]
    """sitegen version, Python version, output folder and options: any change → a clean build."""
    sources: dict[str, Stamp]
    """Every file the build read (content, data, templates, theme, config)."""
    manifest: dict[str, Stamp]
    """Every file of the output as it was written."""
    cache: "BuildCache | None" = None
    summary: str = ""
    """The build's summary line, repeated when nothing changed."""
    spare: dict[str, Stamp] = field(default_factory=dict)
    """The stamps of the output before last, kept in spare/ for the next build to update."""
    shards: dict[str, dict[str, Stamp]] = field(default_factory=dict)
    """The page shards as they were read: shard file → page source → the stamp it was read at."""


def cache_file(root: Path) -> Path:
    return root / FOLDER / "build.pickle"


def state_file(root: Path) -> Path:
    return root / FOLDER / "state.pickle"


def run_key(root: Path, output: Path, base_url: str | None, drafts: bool) -> tuple[Any, ...]:
    return (FORMAT, __version__, sys.version_info[:2], str(output.resolve()), base_url, drafts)


def source_stamps(root: Path, theme_dirs: list[Path]) -> dict[str, Stamp]:
    """Stamps of every file a build can read."""
    found: dict[str, Stamp] = {}
    config = root / "sitegen.yaml"
    if config.is_file():
        found[str(config)] = stamp_of(config.stat())
    folders = [root / "content", root / "data", root / "templates", root / "static", *theme_dirs]
    for folder in folders:
        for base, dirs, files in os.walk(folder):
            dirs.sort()
            for name in files:
                path = os.path.join(base, name)
                try:
                    info = os.stat(path)
                except OSError:
                    continue
                if stat.S_ISREG(info.st_mode):  # a pipe or a device is nothing a build reads
                    found[path] = stamp_of(info)
    return found


def theme_folders(root: Path) -> list[Path]:
    """Every theme folder a build may read (the site's themes/ and sitegen's own)."""
    return [root / "themes", Path(__file__).resolve().parent / "themes"]


def _read(path: Path) -> Any:
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError,
            IndexError, KeyError):
        return None


def load_state(root: Path, key: tuple[Any, ...]) -> Stored | None:
    """The last build's stamps and summary (cheap: no cache contents)."""
    state = _read(state_file(root))
    if not isinstance(state, tuple) or len(state) != 5 or state[0] != key:
        return None
    return Stored(state[0], state[1], state[2], None, state[3], state[4])


def load_cache(root: Path, stored: Stored) -> None:
    """The cache's contents: build.pickle, and the validated pages kept in shards (pages-NN.pickle)
    by a hash of their path, so that an edit rewrites one small shard, not every page."""
    from .cache import BuildCache

    cache = _read(cache_file(root))
    stored.cache = cache if isinstance(cache, BuildCache) else None
    if stored.cache is None:
        return
    for path in sorted((root / FOLDER).glob("pages-*.pickle")):
        shard = _read(path)
        if isinstance(shard, dict):  # each entry is checked against its file's stamp before use
            stored.cache.pages.update(shard)
            stored.shards[path.name] = {rel: entry[0] for rel, entry in shard.items()}


def _shard_name(rel: str) -> str:
    return f"pages-{zlib.crc32(rel.encode('utf-8')) % SHARDS:02d}.pickle"


@dataclass
class Previous:
    """What a ``sitegen build`` finds before it starts: every source's stamp now, and the last
    build's state if its output is still exactly as that build wrote it."""

    key: tuple[Any, ...]
    sources: dict[str, Stamp]
    stored: Stored | None

    @property
    def unchanged(self) -> bool:
        """Nothing changed since the last build: it would write the very same output."""
        return self.stored is not None and self.stored.sources == self.sources


def look(root: Path, output: Path, base_url: str | None, drafts: bool) -> Previous:
    """Compare the sources and the output with what the last build left (cheap: no cache contents)."""
    key = run_key(root, output, base_url, drafts)
    stored = load_state(root, key)
    if stored is not None and not output_intact(output, stored.manifest):
        stored = None  # the output was changed by hand or by something else: start afresh
    return Previous(key, source_stamps(root, theme_folders(root)), stored)


def save(root: Path, stored: Stored) -> None:
    """Write the cache atomically, file by file; a failure to write it never fails the build.
    Page shards are written only when their pages changed; state.pickle is written last."""
    folder = root / FOLDER
    try:
        folder.mkdir(exist_ok=True)
        tag = folder / "CACHEDIR.TAG"
        if not tag.exists():
            tag.write_text("Signature: 8a477f597d28d172789f06886806bc55\n# sitegen's build cache: safe to delete.\n")
        shards: dict[str, dict[str, Any]] = {}
        for rel, entry in (stored.cache.pages.items() if stored.cache else ()):
            shards.setdefault(_shard_name(rel), {})[rel] = entry
        for name, shard in shards.items():
            if stored.shards.get(name) != {rel: entry[0] for rel, entry in shard.items()}:
                _write(folder / name, shard)
        for path in folder.glob("pages-*.pickle"):
            if path.name not in shards:
                path.unlink()
        _write(cache_file(root), stored.cache)  # without its pages (BuildCache.__getstate__)
        _write(state_file(root), (stored.key, stored.sources, stored.manifest, stored.summary, stored.spare))
    except OSError:
        pass


def _write(target: Path, value: Any) -> None:
    temporary = target.with_name(f"{target.name}.{os.getpid()}")
    with temporary.open("wb") as handle:
        pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temporary, target)


def spare_for(root: Path, output: Path, stored: Stored | None) -> "Spare | None":
    """The spare output for a build whose previous output is ``stored`` (checked intact):
    spare/ in the cache, usable if it is as the last build left it. None when the previous
    output is unknown, or on another file system than the cache (a rename cannot move it)."""
    from .output import Spare, remove_later

    folder = root / FOLDER / "spare"
    if stored is None:
        remove_later(folder, large=True)  # whatever is there no longer matches anything known
        return None
    try:
        if os.stat(folder.parent).st_dev != os.stat(output.parent).st_dev:
            return None
    except OSError:
        return None
    # Its folders' stamps are enough: a file added, removed or renamed changes its folder's
    # mtime; a file written in place is either one it shares with the output (whose stamps
    # look() has just checked: the same inode) or one the update replaces anyway.
    folders = {rel: stamp for rel, stamp in stored.spare.items() if rel.endswith("/")}
    usable = stored.spare if folders and output_intact(folder, folders) else None
    return Spare(folder, usable, stored.manifest)


def output_manifest(output: Path) -> dict[str, Stamp]:
    """Stamps of every file below output (relative POSIX paths)."""
    found: dict[str, Stamp] = {}
    for base, dirs, files in os.walk(output):
        for name in files:
            path = os.path.join(base, name)
            found[os.path.relpath(path, output).replace(os.sep, "/")] = stamp_of(os.stat(path))
    return found


def with_folders(output: Path, files: dict[str, Stamp], known: dict[str, Stamp] | None = None) -> dict[str, Stamp]:
    """The stamps of the output's folders too ("articles/x/"): a folder's mtime changes when a
    file is added to it or removed, so a stray file is noticed without listing every folder.
    ``known``: stamps of folders the build did not touch, taken as they are."""
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
