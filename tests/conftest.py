"""Shared helpers: fixture sites in temporary folders, the CLI in-process, parsed HTML."""

from __future__ import annotations

import re
import shutil
import sys
import sysconfig
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sitegen.cli import main

SITES = Path(__file__).parent / "sites"
REPO = Path(__file__).resolve().parent.parent


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def error_lines(self) -> list[str]:
        """The error lines, without the closing count."""
        return [line for line in self.err.splitlines()
                if not re.fullmatch(r"\d+ errors?", line) and not line.startswith("warning: ")]


@pytest.fixture
def cli(capsys):
    """Run `sitegen ARGS…` in-process; returns exit code and captured output."""

    def run(*args: str) -> Run:
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:  # argparse: --help, --version, usage errors
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


@pytest.fixture
def site(tmp_path):
    """A copy of a fixture site from tests/sites/ (default: basic) in a temporary folder."""

    def make(name: str = "basic", files: dict[str, str] | None = None) -> Path:
        root = tmp_path / name
        shutil.copytree(SITES / name, root)
        for rel, text in (files or {}).items():
            write(root, rel, text)
        return root

    return make


def installed_tool(name: str) -> str | None:
    """A command that a Python package installed beside the running interpreter (its
    environment's scripts folder), found without an activated environment; then PATH."""
    for folder in (sysconfig.get_path("scripts"), str(Path(sys.executable).parent)):
        candidate = Path(folder) / name
        if candidate.is_file():
            return str(candidate)
    return shutil.which(name)


def write(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_bytes(), "lxml")


def tree_bytes(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def fails_cleanly(site, cli, files: dict[str, str | bytes]) -> Run:
    """Build the good fixture, add the bad files, build again: exit 1, no traceback, and the
    old output exactly as it was. Returns the failed run."""
    root = site()
    assert cli("build", "-s", root).code == 0
    before = tree_bytes(root / "public")
    for rel, content in files.items():
        if isinstance(content, bytes):
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_bytes(content)
        else:
            write(root, rel, content)
    run = cli("build", "-s", root)
    assert run.code == 1, run.out
    assert "Traceback" not in run.err
    assert tree_bytes(root / "public") == before, "a failed build must leave the old output as it was"
    return run


@pytest.fixture(autouse=True, scope="session")
def _cache_key_folder(tmp_path_factory):
    """The build cache's HMAC key lives in the user's cache folder: a temporary one for tests."""
    import os

    from sitegen import store

    previous = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("user-cache"))
    store._SECRET = None
    yield
    if previous is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = previous
    store._SECRET = None


def wait_for(predicate, timeout=10.0):
    """Whether ``predicate()`` came true within ``timeout`` seconds (asked every 50 ms)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False
