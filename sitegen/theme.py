"""Themes: where templates and static files come from.

Lookup order: the site's ``themes/NAME/``, then the themes installed with sitegen
(``sitegen/themes/NAME/``; the default, ``briefing``, among them). A site-level
``templates/`` folder overrides single files of either. Static files are published with a
content hash in their names, so a deploy never serves stale CSS; a static file that is a
link leading out of its theme is skipped with a warning, so a theme cannot publish
``~/.ssh/id_rsa``.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from .config import Config
from .digests import digest, tree_files
from .errors import Errors
from .listing import inside

PACKAGE_THEMES = Path(__file__).resolve().parent / "themes"
"""The themes installed with sitegen."""


@dataclass(frozen=True, slots=True)
class Theme:
    template_dirs: tuple[Path, ...]
    """Searched in order: the site's templates/, then the theme's."""
    assets: dict[str, tuple[str, bytes]]
    """Static files: name → (fingerprinted output path, bytes)."""
    digest: str
    """Every template and static file's name and bytes: part of every page's key."""


def installed_themes() -> list[str]:
    return sorted(p.name for p in PACKAGE_THEMES.iterdir() if (p / "templates").is_dir())


def find_theme(config: Config, errors: Errors) -> Theme | None:
    root = config.root
    name = config.theme
    candidates = [root / "themes" / name, PACKAGE_THEMES / name]
    theme_dir = next((d for d in candidates if (d / "templates").is_dir()), None)
    if theme_dir is None:
        errors.add("sitegen.yaml", None, f"theme '{name}' not found (looked in {candidates[0]} and {candidates[1]})",
                   f"set theme: to a folder of themes/ that has templates/, or to an installed theme "
                   f"({', '.join(installed_themes())})")
        return None
    dirs = tuple(d for d in (root / "templates", theme_dir / "templates") if d.is_dir())
    limit = str(root.resolve()) if theme_dir == candidates[0] else str(PACKAGE_THEMES)
    assets = hashed_assets(theme_dir / "static", limit, root, errors)
    templates = [(str(d), tree_files(d)) for d in dirs]
    return Theme(dirs, assets, digest(templates, sorted((name, path) for name, (path, _) in assets.items())))


def hashed_assets(static: Path, limit: str, root: Path, errors: Errors) -> dict[str, tuple[str, bytes]]:
    """name → (fingerprinted output path, bytes) of every static file that stays inside ``limit``."""
    assets: dict[str, tuple[str, bytes]] = {}
    if not static.is_dir():
        return assets
    for base, dirs, files in os.walk(static):
        dirs.sort()
        for file in sorted(files):
            path = Path(base) / file
            name = path.relative_to(static).as_posix()
            if not inside(str(path), limit):
                errors.warn(_shown(path, root), None, "is a link to a file outside the theme: not published",
                            "copy the file into the theme instead of linking to it")
                continue
            if not path.is_file():
                continue
            data = path.read_bytes()
            fingerprint = hashlib.sha256(data).hexdigest()[:10]
            stem, dot, ext = name.rpartition(".")
            hashed = f"{stem}.{fingerprint}.{ext}" if dot else f"{name}.{fingerprint}"
            assets[name] = (f"static/{hashed}", data)
    return assets


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)
