"""``sitegen deploy``: build, commit the built site alone to a branch, push.

Beside the pipeline: it calls :func:`sitegen.build.build` into a temporary
folder, then uses git plumbing with a temporary index (``GIT_INDEX_FILE``) so
the working tree, the index and the current branch are never touched. The new
commit's parent is the branch as the remote has it, so pushes fast-forward.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .build import Options, build
from .errors import BuildError, SiteError
from .output import MARKER


@dataclass
class Deployed:
    branch: str
    remote: str
    commit: str
    files: int
    dirty: bool


class Git:
    def __init__(self, cwd: Path, env: dict[str, str] | None = None):
        self.cwd = cwd
        self.env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", **(env or {})}

    def run(self, *args: str, check: bool = True, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(["git", *args], cwd=self.cwd, env={**self.env, **(env or {})},
                                capture_output=True, text=True)
        if check and result.returncode != 0:
            raise GitFailed(args, result.stderr.strip() or result.stdout.strip())
        return result

    def out(self, *args: str, env: dict[str, str] | None = None) -> str:
        return self.run(*args, env=env).stdout.strip()


class GitFailed(Exception):
    def __init__(self, args: tuple[str, ...], message: str):
        self.message = message
        super().__init__(f"git {' '.join(args)}: {message}")


def _fail(message: str, hint: str = "") -> BuildError:
    return BuildError([SiteError("deploy", None, message, hint)])


def deploy(root: Path, remote: str = "origin", branch: str = "gh-pages", cname: str | None = None,
           message: str | None = None, base_url: str | None = None) -> Deployed:
    root = root.resolve()
    if shutil.which("git") is None:
        raise _fail("git is not installed", "install git to deploy")
    git = Git(root)
    if git.run("rev-parse", "--show-toplevel", check=False).returncode != 0:
        raise _fail(f"{root} is not in a git repository", "run git init, commit the site, and add a remote")
    if git.run("remote", "get-url", remote, check=False).returncode != 0:
        remotes = git.out("remote").split() or ["none"]
        raise _fail(f"no remote named '{remote}'", f"add one with git remote add {remote} URL (remotes: {', '.join(remotes)})")
    current = git.run("symbolic-ref", "--quiet", "--short", "HEAD", check=False).stdout.strip()
    if current == branch:
        raise _fail(f"the current branch is '{branch}', the branch to deploy to",
                    "switch to your source branch, or pass --branch with another name")
    dirty = bool(git.out("status", "--porcelain"))

    with tempfile.TemporaryDirectory(prefix="sitegen-deploy-") as tmp:
        out = Path(tmp) / "site"
        result = build(root, Options(base_url=base_url), None, out)  # raises BuildError: nothing is pushed
        (out / MARKER).unlink(missing_ok=True)
        (out / ".nojekyll").write_bytes(b"")
        if cname:
            (out / "CNAME").write_text(cname.strip() + "\n", encoding="utf-8")
        index = Path(tmp) / "index"
        env = {"GIT_INDEX_FILE": str(index), "GIT_WORK_TREE": str(out)}
        identity = {} if git.run("config", "user.email", check=False).stdout.strip() else {
            "GIT_AUTHOR_NAME": "sitegen", "GIT_AUTHOR_EMAIL": "sitegen@localhost",
            "GIT_COMMITTER_NAME": "sitegen", "GIT_COMMITTER_EMAIL": "sitegen@localhost"}
        try:
            git.run("add", "--all", "--force", ".", env=env)
            tree = git.out("write-tree", env=env)
            parent = _remote_tip(git, remote, branch)
            source = git.run("rev-parse", "--short", "HEAD", check=False).stdout.strip() or "no commit"
            text = message or f"Deploy {source} with sitegen {__version__}"
            args = ["commit-tree", tree, "-m", text] + (["-p", parent] if parent else [])
            commit = git.out(*args, env=identity)
            push = git.run("push", "--porcelain", remote, f"{commit}:refs/heads/{branch}", check=False)
            if push.returncode != 0:
                raise _fail(f"the push to {remote}/{branch} was rejected",
                            (push.stderr.strip().splitlines() or ["no message"])[-1])
            git.run("update-ref", f"refs/heads/{branch}", commit)
        except GitFailed as exc:
            raise _fail(f"git failed: {exc.message}") from None
    return Deployed(branch, remote, commit, len(result.paths), dirty)


def _remote_tip(git: Git, remote: str, branch: str) -> str:
    """The branch's commit on the remote (fetched now), or '' when it does not exist yet."""
    listing = git.run("ls-remote", "--heads", remote, branch, check=False)
    if listing.returncode != 0:
        raise _fail(f"cannot reach remote '{remote}'", (listing.stderr.strip().splitlines() or [""])[-1])
    if not listing.stdout.strip():
        return ""
    git.run("fetch", "--quiet", remote, f"refs/heads/{branch}")
    return git.out("rev-parse", "FETCH_HEAD")
