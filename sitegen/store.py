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
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from typing import TYPE_CHECKING

from . import __version__

if TYPE_CHECKING:  # the cache (and Jinja, markdown-it) is loaded only when a build runs
    from .cache import BuildCache

FOLDER = ".sitegen-cache"
FORMAT = 1

Stamp = tuple[int, int, int]


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
                    found[path] = stamp_of(os.stat(path))
                except OSError:
                    continue
    return found


def theme_folders(root: Path) -> list[Path]:
    """Every theme folder a build may read (the site's themes/ and sitegen's own)."""
    return [root / "themes", Path(__file__).resolve().parent.parent / "themes"]


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
    if not isinstance(state, tuple) or len(state) != 4 or state[0] != key:
        return None
    return Stored(state[0], state[1], state[2], None, state[3])


def load_cache(root: Path, stored: Stored) -> None:
    from .cache import BuildCache

    cache = _read(cache_file(root))
    stored.cache = cache if isinstance(cache, BuildCache) else None


def nothing_changed(root: Path, output: Path, base_url: str | None, drafts: bool) -> str | None:
    """The last build's summary if no source and no output file changed since; else None."""
    stored = load_state(root, run_key(root, output, base_url, drafts))
    if stored is None or stored.sources != source_stamps(root, theme_folders(root)):
        return None
    return stored.summary if output_intact(output, stored.manifest) else None


def save(root: Path, stored: Stored) -> None:
    """Write the cache atomically; a failure to write it never fails the build."""
    folder = root / FOLDER
    try:
        folder.mkdir(exist_ok=True)
        (folder / "CACHEDIR.TAG").write_text("Signature: 8a477f597d28d172789f06886806bc55\n"
                                             "# sitegen's build cache: safe to delete.\n")
        for target, value in ((cache_file(root), stored.cache),
                              (state_file(root), (stored.key, stored.sources, stored.manifest, stored.summary))):
            temporary = target.with_name(f"{target.name}.{os.getpid()}")
            with temporary.open("wb") as handle:
                pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, target)
    except OSError:
        pass


def output_manifest(output: Path) -> dict[str, Stamp]:
    """Stamps of every file below output (relative POSIX paths)."""
    found: dict[str, Stamp] = {}
    for base, dirs, files in os.walk(output):
        for name in files:
            path = os.path.join(base, name)
            found[os.path.relpath(path, output).replace(os.sep, "/")] = stamp_of(os.stat(path))
    return found


def with_folders(output: Path, files: dict[str, Stamp]) -> dict[str, Stamp]:
    """The stamps of the output's folders too ("articles/x/"): a folder's mtime changes when a
    file is added to it or removed, so a stray file is noticed without listing every folder."""
    found = dict(files)
    for rel in files:
        parts = rel.split("/")[:-1]
        for depth in range(len(parts) + 1):
            folder = "/".join(parts[:depth]) + "/" if depth else "/"
            if folder not in found:
                found[folder] = stamp_of(os.stat(os.path.join(output, folder.strip("/")) if depth else output))
    return found


def output_intact(output: Path, manifest: dict[str, Stamp]) -> bool:
    """Every file and folder sitegen wrote last time is there, unchanged, and no folder
    gained or lost an entry."""
    for rel, stamp in manifest.items():
        try:
            path = output if rel == "/" else os.path.join(output, rel.rstrip("/"))
            if stamp_of(os.stat(path)) != stamp:
                return False
        except OSError:
            return False
    return bool(manifest)


def new_manifest(output: Path, files: dict[str, Any], previous: dict[str, Stamp]) -> dict[str, Stamp]:
    """The output's stamps after a build: linked files keep their old stamps; written ones are read."""
    found: dict[str, Stamp] = {}
    for rel, data in files.items():
        if isinstance(data, Path) and rel in previous:
            found[rel] = previous[rel]
        else:
            found[rel] = stamp_of(os.stat(os.path.join(output, rel)))
    return found
