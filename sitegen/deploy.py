"""``sitegen deploy``: build, commit the built site alone to a branch, push.

Beside the pipeline: it calls :func:`sitegen.build.build` into a temporary
folder, then uses git plumbing with a temporary index (``GIT_INDEX_FILE``) so
the working tree, the index and the current branch are never touched. The new
commit's parent is the branch as the remote has it, so pushes fast-forward.

A deploy replaces the branch's files, so it refuses a branch that holds anything but
deploys (``--branch main`` by mistake) unless forced. Its own commits say so in a trailer,
``Deployed-by: sitegen VERSION``, and hold a built site (``.nojekyll``, no ``sitegen.yaml``);
a forced deploy adds ``Deployed-over: SHA``, and the check stops there next time.
"""

from __future__ import annotations

import os
import re
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
    warnings: tuple[SiteError, ...] = ()
    """The build's warnings (links out of the site skipped, publishing limits near)."""


class Git:
    def __init__(self, cwd: Path, env: dict[str, str] | None = None):
        self.cwd = cwd
        self.env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", **(env or {})}

    def run(self, *args: str, check: bool = True, env: dict[str, str] | None = None,
            input: str | None = None) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(["git", *args], cwd=self.cwd, env={**self.env, **(env or {})},
                                capture_output=True, text=True, input=input)
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


TRAILER = "Deployed-by"
"""The trailer every deploy commit carries: ``Deployed-by: sitegen VERSION``."""
OVER = "Deployed-over"
"""The trailer of a deploy forced over a branch that was not a deploy history: the commit
it was forced over. The history below it was accepted by the editor and is not checked again."""
_LEGACY_SUBJECT = re.compile(r"Deploy \S+ with sitegen \S+")
"""The message of deploys made before the trailer existed."""
_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")


def check_cname(value: str) -> str:
    """'' when value is a host name (what a CNAME file holds), else what is wrong with it."""
    name = value.lower().removesuffix(".")
    if not value.isascii():
        return f"--cname {value!r} is not a host name: write an international name in its ASCII form (xn--…)"
    labels = name.split(".")
    if len(name) > 253 or len(labels) < 2 or not all(_LABEL.fullmatch(label) for label in labels):
        return f"--cname {value!r} is not a host name: write the domain alone, such as briefing.example.org"
    return ""


@dataclass(frozen=True, slots=True)
class Foreign:
    """A commit on the target branch that is not a sitegen deploy."""

    commit: str
    subject: str
    why: str
    """What gave it away, in words."""
    more: int
    """How many other such commits the branch holds."""


def deploy_message(text: str, over: str = "") -> str:
    """The commit message of a deploy: the editor's text, then sitegen's trailers."""
    trailers = f"{TRAILER}: sitegen {__version__}" + (f"\n{OVER}: {over}" if over else "")
    return f"{text.rstrip()}\n\n{trailers}\n"


def _trailers(message: str) -> dict[str, str]:
    """The trailers of a commit message (the 'Key: value' lines of its last paragraph)."""
    paragraphs = [p for p in message.strip().split("\n\n") if p.strip()]
    if len(paragraphs) < 2:
        return {}
    found = {}
    for line in paragraphs[-1].splitlines():
        key, colon, value = line.partition(":")
        if not colon or " " in key.strip():
            return {}
        found[key.strip()] = value.strip()
    return found


def foreign_commit(git: Git, tip: str) -> Foreign | None:
    """The newest commit in the first-parent history of ``tip`` that sitegen deploy did not
    make, or None when every commit down to the root (or to a forced deploy) is a deploy."""
    log = git.out("log", "--first-parent", "--format=%H%x1f%B%x1e", tip)
    commits: list[tuple[str, str, dict[str, str]]] = []
    for record in log.split("\x1e"):
        sha, _, body = record.strip("\n").partition("\x1f")
        if sha:
            commits.append((sha, body, _trailers(body)))
    # the trees of the commits that say they are deploys, in one git process
    claimed = [sha for sha, body, trailers in commits if trailers.get(TRAILER, "").startswith("sitegen")
               or _LEGACY_SUBJECT.fullmatch(body.strip())]
    query = "".join(f"{sha}:{name}\n" for sha in claimed for name in (".nojekyll", "sitegen.yaml"))
    present: set[str] = set()
    if query:  # one answer line per question, in order: "SHA TYPE SIZE", or "QUESTION missing"
        answer = git.run("cat-file", "--batch-check", input=query).stdout.splitlines()
        present = {asked for asked, line in zip(query.splitlines(), answer) if not line.endswith(" missing")}
    found: list[tuple[str, str, str]] = []
    for sha, body, trailers in commits:
        subject = body.strip().split("\n", 1)[0]
        if sha not in claimed:
            found.append((sha, subject, "was not made by sitegen deploy"))
        elif f"{sha}:sitegen.yaml" in present:
            found.append((sha, subject, "holds a site's sources (sitegen.yaml)"))
        elif f"{sha}:.nojekyll" not in present:
            found.append((sha, subject, "does not hold a site built by sitegen (no .nojekyll)"))
        if OVER in trailers and sha in claimed:
            break  # a forced deploy: the editor accepted what lies below
    if not found:
        return None
    sha, subject, why = found[0]
    return Foreign(sha, subject, why, len(found) - 1)


def _refuse_foreign(where: str, foreign: Foreign) -> BuildError:
    subject = foreign.subject if len(foreign.subject) <= 60 else foreign.subject[:59] + "…"
    more = f" (and {foreign.more} more commit{'s' if foreign.more != 1 else ''} like it)" if foreign.more else ""
    return _fail(f"{where} is not a deploy branch: its commit {foreign.commit[:12]} ({subject!r}) {foreign.why}{more}",
                 "deploy to a branch of its own (the default is gh-pages), or pass --force to publish over it "
                 "(its history is kept below the new commit)")


def deploy(root: Path, remote: str = "origin", branch: str = "gh-pages", cname: str | None = None,
           message: str | None = None, base_url: str | None = None, force: bool = False) -> Deployed:
    root = root.resolve()
    if cname is not None and check_cname(cname):
        raise _fail(check_cname(cname))
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
    try:
        parent = _remote_tip(git, remote, branch)
        local = git.run("rev-parse", "--verify", "--quiet", f"refs/heads/{branch}^{{commit}}", check=False).stdout.strip()
        # the remote's branch is the new commit's parent, and the local one is moved to it:
        # neither may hold anything but deploys
        foreign = foreign_commit(git, parent) if parent else None
        if foreign is not None and not force:
            raise _refuse_foreign(f"{remote}/{branch}", foreign)
        over = parent if foreign is not None else ""
        mine = foreign_commit(git, local) if local and local != parent else None
        if mine is not None and not force:
            raise _refuse_foreign(f"the local branch '{branch}'", mine)
    except GitFailed as exc:
        raise _fail(f"git failed: {exc.message}") from None

    with tempfile.TemporaryDirectory(prefix="sitegen-deploy-") as tmp:
        out = Path(tmp) / "site"
        result = build(root, Options(base_url=base_url), None, out)  # raises BuildError: nothing is pushed
        (out / MARKER).unlink(missing_ok=True)
        (out / ".nojekyll").write_bytes(b"")
        if cname:
            (out / "CNAME").write_text(cname.lower().removesuffix(".") + "\n", encoding="utf-8")
        index = Path(tmp) / "index"
        env = {"GIT_INDEX_FILE": str(index), "GIT_WORK_TREE": str(out)}
        identity = {} if git.run("config", "user.email", check=False).stdout.strip() else {
            "GIT_AUTHOR_NAME": "sitegen", "GIT_AUTHOR_EMAIL": "sitegen@localhost",
            "GIT_COMMITTER_NAME": "sitegen", "GIT_COMMITTER_EMAIL": "sitegen@localhost"}
        try:
            git.run("add", "--all", "--force", ".", env=env)
            tree = git.out("write-tree", env=env)
            source = git.run("rev-parse", "--short", "HEAD", check=False).stdout.strip() or "no commit"
            text = deploy_message(message or f"Deploy {source} with sitegen {__version__}", over)
            args = ["commit-tree", tree, "-m", text] + (["-p", parent] if parent else [])
            commit = git.out(*args, env=identity)
            push = git.run("push", "--porcelain", remote, f"{commit}:refs/heads/{branch}", check=False)
            if push.returncode != 0:
                raise _fail(f"the push to {remote}/{branch} was rejected",
                            (push.stderr.strip().splitlines() or ["no message"])[-1])
            git.run("update-ref", f"refs/heads/{branch}", commit)
        except GitFailed as exc:
            raise _fail(f"git failed: {exc.message}") from None
    return Deployed(branch, remote, commit, len(result.paths), dirty, tuple(result.warnings))


def _remote_tip(git: Git, remote: str, branch: str) -> str:
    """The branch's commit on the remote (fetched now), or '' when it does not exist yet."""
    listing = git.run("ls-remote", "--heads", remote, branch, check=False)
    if listing.returncode != 0:
        raise _fail(f"cannot reach remote '{remote}'", (listing.stderr.strip().splitlines() or [""])[-1])
    if not listing.stdout.strip():
        return ""
    git.run("fetch", "--quiet", remote, f"refs/heads/{branch}")
    return git.out("rev-parse", "FETCH_HEAD")
