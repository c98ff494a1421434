"""Pages' "last updated" dates from git history (``last_updated: git``).

The date of the last commit that changed each content file, read once per build from
``git log``: the same commits give the same dates, whatever the working tree holds. A file
with changes not yet committed keeps its last commit's date — sitegen never guesses from
modification times — and a file never committed has none.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

from .errors import SiteError


def last_commit_dates(root: Path) -> dict[str, dt.date] | SiteError:
    """content path (relative to the site) → the date of the last commit that changed it."""
    git = shutil.which("git")
    if git is None:
        return SiteError("sitegen.yaml", None, "last_updated: git, but git is not installed",
                         "install git, or set last_updated: updates")
    top = subprocess.run([git, "rev-parse", "--show-toplevel"], cwd=root, capture_output=True, text=True)
    if top.returncode != 0:
        return SiteError("sitegen.yaml", None, f"last_updated: git, but {root} is not in a git repository",
                         "commit the site to git, or set last_updated: updates")
    prefix = root.resolve().relative_to(Path(top.stdout.strip()).resolve()).as_posix()
    prefix = "" if prefix == "." else prefix + "/"
    run = subprocess.run([git, "-c", "core.quotepath=off", "log", "--format=%x00%cs", "--name-only", "--no-renames",
                          "--", "content"], cwd=root, capture_output=True, text=True)
    if run.returncode != 0:
        return SiteError("sitegen.yaml", None, "last_updated: git, but git log failed: "
                         + (run.stderr.strip().splitlines() or ["no message"])[-1])
    dates: dict[str, dt.date] = {}
    day: dt.date | None = None
    for line in run.stdout.splitlines():
        if line.startswith("\0"):
            day = dt.date.fromisoformat(line[1:])
        elif line and day is not None:
            path = line.removeprefix(prefix)
            dates.setdefault(path, day)  # newest first: the first date seen is the last change
    return dates


def git_files(root: Path) -> list[Path]:
    """The files a commit changes in the git repository that holds the site — its HEAD, reflog
    and packed refs — wherever the repository keeps them: in the site's .git, in a folder above
    the site (a site inside a repository), or in the main repository of a worktree (whose .git
    is a file naming its folder)."""
    for folder in (root, *root.parents):
        dot = folder / ".git"
        if dot.is_dir():
            gitdir = dot
        elif dot.is_file():
            try:
                line = dot.read_text(encoding="utf-8", errors="replace").strip()
            except OSError:
                return []
            if not line.startswith("gitdir:"):
                return []
            gitdir = folder / line[len("gitdir:"):].strip()
        else:
            continue
        found = [gitdir / "HEAD", gitdir / "logs" / "HEAD", gitdir / "packed-refs"]
        try:
            common = (gitdir / "commondir").read_text(encoding="utf-8", errors="replace").strip()
        except OSError:
            return found
        return found + [gitdir / common / "packed-refs"]
    return []
