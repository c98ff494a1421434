"""``sitegen new``: a working briefing from the starter files shipped in the package.

The starter (``sitegen/starter/``) is a real site kept as files, not strings, so that it can
be read, built and linted like any other. Two things about it are not copied as they are:
names starting with ``dot-`` become dotfiles (a ``.gitignore`` or ``.github/`` inside the
package would act on this repository, and setuptools' globs skip dotfiles), and
``requirements.txt`` is filled in with where this sitegen was installed from.

Nothing is ever overwritten: a folder that holds anything (but ``.git``) is refused, and
``--force`` adds only the files that are missing.
"""

from __future__ import annotations

import json
import os
import re
import shlex
from dataclasses import dataclass
from pathlib import Path
from string import Template
from typing import Mapping

from . import __version__
from .errors import SiteError
from .urls import split_url

PACKAGE_THEMES = Path(__file__).resolve().parent / "themes"
"""The themes installed with sitegen (theme.py looks them up by the same path; defined here too
so that starting a site does not load the config and YAML readers)."""

STARTER = Path(__file__).resolve().parent / "starter"
"""The starter site inside the installed package."""
BARE_FILES = ("sitegen.yaml", "dot-gitignore")
"""What ``--bare`` writes besides the empty folders."""
FOLDERS = ("content/articles", "content/topics", "content/pages", "data", "seeds")
"""A site's folders, made even when empty (a bare site has nothing in them yet)."""
REQUIREMENTS = "requirements.txt"
"""The one templated starter file: it names the sitegen that the Pages workflow installs."""
EXAMPLE = "2026-12-02-sitegen-starter-example"
"""The example article's slug (its seed is seeds/EXAMPLE.txt)."""
QUASI_EMPTY = {".git"}
"""What a folder may hold and still count as empty: `git clone URL; sitegen new .` works."""


class NewRefused(Exception):
    """A usage error (exit status 2): the folder given cannot take a new site."""

    def __init__(self, error: SiteError):
        self.error = error
        super().__init__(str(error))


@dataclass(frozen=True, slots=True)
class Created:
    """What ``sitegen new`` did."""

    root: Path
    """The site's folder."""
    added: tuple[str, ...]
    """Files and folders written, relative to root (folders end in '/')."""
    kept: tuple[str, ...]
    """Starter files that were already there and were left as they were (``--force``)."""
    requirement: str | None
    """The requirement line written to requirements.txt, or None when the install source is unknown."""


def site_path(starter_rel: str) -> str:
    """The path a starter file takes in the site: each 'dot-NAME' part becomes '.NAME'."""
    return "/".join("." + part[4:] if part.startswith("dot-") else part for part in starter_rel.split("/"))


def requirement_line(direct_url: Mapping[str, object] | None) -> str | None:
    """A requirement that CI can install the running sitegen from, read from PEP 610's
    ``direct_url.json``: only a git repository over https, pinned to the installed commit.
    A local wheel, folder or editable checkout is not reachable from CI: None."""
    if not isinstance(direct_url, Mapping):
        return None
    vcs, url = direct_url.get("vcs_info"), direct_url.get("url")
    if not isinstance(vcs, Mapping) or vcs.get("vcs") != "git" or not isinstance(url, str):
        return None
    commit = vcs.get("commit_id")
    if not isinstance(commit, str) or not re.fullmatch(r"[0-9a-f]{40}|[0-9a-f]{64}", commit):
        return None
    parts = split_url(url)
    # credentials (user@, user:token@) never go into a file meant to be committed
    if (parts is None or parts.scheme != "https" or not parts.hostname or "@" in parts.netloc
            or parts.query or parts.fragment or re.search(r"\s", url)):
        return None
    line = f"sitegen @ git+{url}@{commit}"
    subdirectory = direct_url.get("subdirectory")
    if isinstance(subdirectory, str) and re.fullmatch(r"[\w.-]+(/[\w.-]+)*", subdirectory) and ".." not in subdirectory:
        line += f"#subdirectory={subdirectory}"
    return line


def installed_requirement() -> str | None:
    """requirement_line() for the sitegen that is running, when its install metadata is its own."""
    from importlib import metadata  # (costs more than a whole nothing-changed build: only here)

    try:
        dist = metadata.distribution("sitegen")
        own = Path(str(dist.locate_file("sitegen/__init__.py"))).resolve() == Path(__file__).resolve().parent / "__init__.py"
        text = dist.read_text("direct_url.json") if own else None
        return requirement_line(json.loads(text)) if text else None
    except (metadata.PackageNotFoundError, OSError, ValueError):
        return None


def starter_files(bare: bool, theme: bool, requirement: str | None) -> dict[str, bytes]:
    """{path in the site: content} of what ``sitegen new`` writes."""
    files: dict[str, bytes] = {}
    for path in sorted(p for p in STARTER.rglob("*") if p.is_file()):
        rel = path.relative_to(STARTER).as_posix()
        if bare and rel not in BARE_FILES:
            continue
        data = path.read_bytes()
        if bare and rel == "sitegen.yaml":  # no about page yet: naming it would link every page to nothing
            data = data.replace(b"\nmethod_page: /about/\n", b"\n# method_page: /about/   (once content/pages/about.md "
                                b"says how the briefing is made and corrected)\n")
        if rel == REQUIREMENTS:
            data = Template(data.decode("utf-8")).substitute(
                version=__version__,
                requirement=requirement or "# (add the sitegen line here: the sitegen that created this site was installed "
                                           "from a local file or checkout, which the workflow cannot reach)",
            ).encode("utf-8")
        files[site_path(rel)] = data
    if theme:
        source = PACKAGE_THEMES / "briefing"
        for path in sorted(p for p in source.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            files[f"themes/briefing/{path.relative_to(source).as_posix()}"] = path.read_bytes()
    return dict(sorted(files.items()))


def _contents(root: Path) -> list[str]:
    """What a folder holds, folders marked with '/', leaving out what still counts as empty."""
    return sorted(entry.name + ("/" if entry.is_dir() else "") for entry in os.scandir(root)
                  if entry.name not in QUASI_EMPTY)


def folder_listing(root: Path, most: int = 3) -> str:
    """What a folder holds, in a few words ('a.txt, notes/ and 4 more'); '' when it counts as empty."""
    names = _contents(root)
    shown = ", ".join(names[:most])
    return shown + (f" and {len(names) - most} more" if len(names) > most else "")


def _folders(paths: list[str]) -> list[str]:
    """Every folder that the given paths need, parents first ('a/b/' is a folder, 'a/b' a file)."""
    needed: set[str] = set()
    for path in paths:
        parts = path.split("/")
        needed.update("/".join(parts[:n]) for n in range(1, len(parts)))
    return sorted(needed)


def new_site(root: Path, *, bare: bool = False, force: bool = False, theme: bool = False) -> Created:
    """Write a new site into root. Raises NewRefused (nothing written) for a folder that cannot take
    it; with force, writes only what is missing and never replaces anything."""
    shown = str(root)
    if os.path.lexists(root) and not root.is_dir():
        raise NewRefused(SiteError(shown, None, "is a file, not a folder", "choose a folder for the new site"))
    if root.is_dir() and not force:
        found = folder_listing(root)
        if found:
            raise NewRefused(SiteError(shown, None, f"is not empty (it holds {found})",
                                       "choose a new or empty folder, or pass --force to add only the "
                                       "missing starter files (it never overwrites)"))
    requirement = None if bare else installed_requirement()
    files = starter_files(bare, theme, requirement)
    folders = _folders([*files, *(folder + "/" for folder in FOLDERS)])
    blocked = [f for f in folders if os.path.lexists(root / f) and not (root / f).is_dir()]
    if blocked:
        raise NewRefused(SiteError(f"{shown}/{blocked[0]}", None, "is a file where the site needs a folder",
                                   "move it away, or start the site in another folder"))
    added: list[str] = []
    kept: list[str] = []
    root.mkdir(parents=True, exist_ok=True)
    for folder in FOLDERS:
        if not (root / folder).is_dir():
            (root / folder).mkdir(parents=True, exist_ok=True)
            added.append(folder + "/")
    for rel, data in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with open(target, "xb") as out:  # exclusive: an existing file (or a link) is never replaced
                out.write(data)
        except FileExistsError:
            kept.append(rel)
            continue
        added.append(rel)
    return Created(root, tuple(added), tuple(kept), requirement)


def next_steps(created: Created, shown: Path, *, bare: bool) -> list[str]:
    """What to do after ``sitegen new``, in lines for the terminal."""
    lines = ["next:"]
    if created.root.resolve() != Path.cwd().resolve():
        lines.append(f"  cd {shlex.quote(str(shown))}")
    lines.append("  sitegen serve      # preview at http://127.0.0.1:8000/, rebuilt on every save")
    lines.append("then add your first report with sitegen import REPORT.txt and quote it on a topic page")
    if bare:
        return lines
    lines.append(f"  (the example to replace: content/articles/{EXAMPLE}.md, its seed, its topic page and the "
                 "entries in data/)")
    lines.append("to publish: push to GitHub, then Settings → Pages → Source: GitHub Actions "
                 "(.github/workflows/pages.yml)")
    if created.requirement is None:
        lines.append("  before that, name in requirements.txt where the workflow installs sitegen from: this "
                     "sitegen was installed from a local file or checkout (see the file's comments)")
    return lines
