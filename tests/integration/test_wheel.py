"""The wheel a user installs, used the way a user would.

Once per session, sitegen's wheel is built from a copy of this checkout and installed alone
into a fresh virtual environment in a temporary folder, without network (`--no-index`,
`--no-build-isolation`). The new environment reaches the running environment's
site-packages through a `.pth` file, for the dependencies only: a path listed in a `.pth` file
is put on sys.path, but the `.pth` files inside it are not run, so the editable install's
finder that maps `sitegen` to this checkout never loads there. Then the installed `sitegen`
runs as subprocesses with a plain environment in an empty folder.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from sitegen.scaffold import EXAMPLE, STARTER
from tests.conftest import REPO, soup
from tests.starter import check_starter_html

PLAIN_PATH = "/usr/local/bin:/usr/bin:/bin"


class Installed:
    """A virtual environment holding nothing but sitegen's wheel."""

    def __init__(self, venv: Path, wheel: Path, home: Path):
        self.venv, self.wheel, self.home = venv, wheel, home
        self.bin = venv / "bin"

    def run(self, *args: str | Path, cwd: Path, program: str = "sitegen") -> subprocess.CompletedProcess[str]:
        """`program ARGS…` from the environment's bin/, with a plain environment (no venv on PATH)."""
        return subprocess.run([str(self.bin / program), *map(str, args)], cwd=cwd, capture_output=True, text=True,
                              env={"PATH": PLAIN_PATH, "HOME": str(self.home)}, timeout=120)

    def site_packages(self) -> Path:
        out = self.run("-c", "import sysconfig; print(sysconfig.get_path('purelib'))", cwd=self.home, program="python")
        return Path(out.stdout.strip())


@pytest.fixture(scope="session")
def installed(tmp_path_factory) -> Installed:
    work = tmp_path_factory.mktemp("wheel")
    # build from a copy: setuptools leaves build/ and *.egg-info behind, and stale files in an
    # old build/ would slip into the wheel
    source = work / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, source / name)
    shutil.copytree(REPO / "sitegen", source / "sitegen", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    pip = [sys.executable, "-m", "pip", "--isolated", "--disable-pip-version-check"]
    built = subprocess.run([*pip, "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q",
                            "-w", str(work / "dist"), str(source)], capture_output=True, text=True)
    assert built.returncode == 0, "pip wheel failed (setuptools>=70.1 comes with the test extra):\n" + built.stderr
    [wheel] = (work / "dist").glob("sitegen-*.whl")

    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    home = work / "home"
    home.mkdir()
    env = Installed(venv, wheel, home)
    # the dependencies, from the running environment (the test extra has them all)
    running = dict.fromkeys([sysconfig.get_path("purelib"), sysconfig.get_path("platlib")])
    (env.site_packages() / "running_env_dependencies.pth").write_text("\n".join(running) + "\n")
    # this pip installs into the new environment (pip >= 22.3), so that one needs no pip of its own
    done = subprocess.run([*pip, "--python", str(venv / "bin/python"), "install", "--no-deps", "--no-index", "-q",
                           str(wheel)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return env


def test_wheel_holds_the_themes_the_starter_and_the_scripts(installed):
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    for name in ("sitegen/livereload.js", "sitegen/livereload-worker.js", "sitegen/themes/briefing/templates/base.html",
                 "sitegen/themes/briefing/static/style.css", "sitegen/themes/briefing/static/search.js"):
        assert name in names, name
    starter = {f"sitegen/starter/{p.relative_to(STARTER).as_posix()}" for p in STARTER.rglob("*") if p.is_file()}
    assert starter and starter <= names, sorted(starter - names)
    theme = {f"sitegen/{p.relative_to(REPO / 'sitegen').as_posix()}" for p in (REPO / "sitegen/themes").rglob("*")
             if p.is_file() and "__pycache__" not in p.parts}
    assert theme <= names, sorted(theme - names)


def test_installed_sitegen_is_the_wheel_not_the_checkout(installed, tmp_path):
    probe = installed.run("-c", "import sitegen, jinja2; print(sitegen.__file__)", cwd=tmp_path, program="python")
    assert probe.returncode == 0, probe.stderr
    where = Path(probe.stdout.strip()).resolve()
    assert where.is_relative_to(installed.venv.resolve()), where
    assert not where.is_relative_to(REPO)


def test_installed_wheel_starts_builds_checks_and_imports_a_site(installed, tmp_path):
    new = installed.run("new", "briefing", cwd=tmp_path)
    assert new.returncode == 0, new.stderr
    assert new.stdout.startswith("created a new briefing in briefing")
    site = tmp_path / "briefing"
    assert (site / f"seeds/{EXAMPLE}.txt").read_bytes() == (STARTER / f"seeds/{EXAMPLE}.txt").read_bytes()

    build = installed.run("build", cwd=site)
    assert build.returncode == 0, build.stderr
    check_starter_html(site / "public")
    assert (site / "public/pagefind").is_dir()  # search is on in a new site: Pagefind's binary ran
    check = installed.run("check", "--strict", cwd=site)
    assert check.returncode == 0 and check.stderr == "", check.stderr

    report = tmp_path / "report.txt"
    report.write_text("Harbour reopens after storm repairs\n"
                      "13/11/2026 10:15 Coastal Courier\n"
                      "The harbour reopened on Tuesday after three weeks of repairs.\n"
                      "Share this\n"
                      "“We are open for business again,” the harbour master said.\n", encoding="utf-8")
    imported = installed.run("import", report, cwd=site)
    assert imported.returncode == 0, imported.stderr
    slug = imported.stdout.split(":", 1)[0].removeprefix("content/articles/").removesuffix(".md")
    kept = [p for p in (site / "seeds").glob("report*.txt")]  # named by its content: report-<digest>.txt
    assert len(kept) == 1 and kept[0].read_bytes() == report.read_bytes()
    assert installed.run("build", "-q", cwd=site).returncode == 0
    page = soup(site / f"public/articles/{slug}/index.html")
    assert page.h1.get_text(strip=True) == "Harbour reopens after storm repairs"
    assert [p.get_text(" ", strip=True).removesuffix(" ¶") for p in page.select(".body p[id^='p-']")] == [
        "The harbour reopened on Tuesday after three weeks of repairs.",
        "“We are open for business again,” the harbour master said."]


def test_installed_from_git_the_workflow_installs_the_same_commit(installed, tmp_path):
    """What pip records for `pip install git+URL@REV` (PEP 610) becomes the requirements.txt line."""
    record = next((installed.site_packages()).glob("sitegen-*.dist-info")) / "direct_url.json"
    wheel_record = record.read_text()
    commit = "c0ffee" + "0" * 34
    record.write_text(json.dumps({"url": "https://git.example.org/desk/sitegen.git",
                                  "vcs_info": {"vcs": "git", "requested_revision": "v0.1.0", "commit_id": commit}}))
    try:
        assert installed.run("new", "site", cwd=tmp_path).returncode == 0
    finally:
        record.write_text(wheel_record)
    lines = (tmp_path / "site/requirements.txt").read_text().splitlines()
    assert lines[-1] == f"sitegen @ git+https://git.example.org/desk/sitegen.git@{commit}"
