"""`sitegen new`: a briefing that builds and checks clean at once, and never a clobbered file."""

from __future__ import annotations

import os
import subprocess

import pytest
import yaml

from sitegen import scaffold
from sitegen.scaffold import EXAMPLE, STARTER
from tests.conftest import REPO, installed_tool, soup, tree_bytes
from tests.starter import check_starter_html

STARTER_PATHS = {".github/workflows/pages.yml", ".gitignore", "requirements.txt", "sitegen.yaml",
                 "content/index.md", f"content/articles/{EXAMPLE}.md", "content/topics/checking-quotes.md",
                 "content/pages/about.md", "data/actors.yaml", "data/outlets.yaml", f"seeds/{EXAMPLE}.txt"}


def front(path):
    """(front matter as a dict, body) of a content file."""
    _, meta, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(meta), body


def files_in(root):
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def test_new_site_checks_clean_and_builds(tmp_path, cli):
    root = tmp_path / "briefing"
    run = cli("new", root)
    assert run.code == 0, run.err
    assert files_in(root) == STARTER_PATHS
    check = cli("check", "--strict", "-s", root)
    assert check.code == 0 and check.err == "", check.err  # not one warning
    assert cli("build", "-s", root, "-q").code == 0
    check_starter_html(root / "public")


def test_new_site_has_the_folders_and_ignores_what_builds_make(tmp_path, cli):
    root = tmp_path / "briefing"
    cli("new", root)
    for folder in ("content/articles", "content/topics", "content/pages", "data", "seeds"):
        assert (root / folder).is_dir()
    ignored = (root / ".gitignore").read_text().splitlines()
    assert "public/" in ignored and ".sitegen-cache/" in ignored


def test_config_explains_every_key(tmp_path, cli):
    from sitegen.config import FIELDS

    cli("new", tmp_path / "s")
    lines = (tmp_path / "s/sitegen.yaml").read_text().splitlines()
    keys = [line.split(":")[0] for line in lines if line and not line[0].isspace() and not line.startswith("#")]
    assert keys == [field.name for field in FIELDS]  # every key, in the README's order
    for key in keys:
        index = next(i for i, line in enumerate(lines) if line.startswith(key + ":"))
        assert lines[index - 1].startswith("# "), f"{key} has no comment above it"


def test_example_seed_is_kept_byte_for_byte(tmp_path, cli):
    root = tmp_path / "s"
    cli("new", root)
    seed = root / f"seeds/{EXAMPLE}.txt"
    assert seed.read_bytes() == (STARTER / f"seeds/{EXAMPLE}.txt").read_bytes()
    meta, _ = front(root / f"content/articles/{EXAMPLE}.md")
    assert meta["source"] == f"seeds/{EXAMPLE}.txt"
    for key in ("title_note", "date_note", "outlet_note", "url_note"):
        assert meta[key], key


def test_example_article_is_what_import_makes_of_its_seed(tmp_path, cli):
    """The starter shows the real workflow: its article is the import of its seed, plus the editor's notes."""
    root = tmp_path / "s"
    cli("new", root)
    run = cli("import", root / f"seeds/{EXAMPLE}.txt", "-s", root, "--slug", "again")
    assert run.code == 0, run.err
    mine, ours = front(root / f"content/articles/{EXAMPLE}.md")
    theirs, imported = front(root / "content/articles/again.md")
    assert imported == ours  # the same paragraphs
    for key in ("title", "date", "outlet", "actors", "source", "title_note", "date_note", "stripped"):
        assert mine[key] == theirs[key], key


def test_new_refuses_a_folder_that_is_not_empty(tmp_path, cli):
    root = tmp_path / "notes"
    (root / "drafts").mkdir(parents=True)
    (root / "todo.txt").write_text("call the desk\n")
    before = tree_bytes(root)
    run = cli("new", root)
    assert run.code == 2
    assert run.err.splitlines() == [f"{root}: is not empty (it holds drafts/, todo.txt) — choose a new or empty "
                                    "folder, or pass --force to add only the missing starter files (it never "
                                    "overwrites)"]
    assert tree_bytes(root) == before and sorted(p.name for p in root.iterdir()) == ["drafts", "todo.txt"]


def test_new_takes_a_folder_holding_only_git(tmp_path, cli):
    root = tmp_path / "clone"
    (root / ".git").mkdir(parents=True)
    assert cli("new", root).code == 0
    assert "sitegen.yaml" in files_in(root)


def test_force_adds_missing_files_and_never_overwrites(tmp_path, cli):
    root = tmp_path / "s"
    cli("new", root)
    (root / "sitegen.yaml").write_text("title: My own briefing\n")
    (root / "content/pages/about.md").unlink()
    run = cli("new", "--force", root)
    assert run.code == 0, run.err
    assert (root / "sitegen.yaml").read_text() == "title: My own briefing\n"
    assert (root / "content/pages/about.md").read_bytes() == (STARTER / "content/pages/about.md").read_bytes()
    lines = run.out.splitlines()
    assert "added content/pages/about.md" in lines
    assert "kept  sitegen.yaml (already there)" in lines
    assert sum(line.startswith("added ") for line in lines) == 1
    again = cli("new", "--force", root)
    assert "nothing to add: every starter file is already there" in again.out


def test_force_never_writes_through_a_link(tmp_path, cli):
    root = tmp_path / "s"
    root.mkdir()
    outside = tmp_path / "outside.md"
    (root / "content").mkdir()
    os.symlink(outside, root / "content/index.md")  # dangling: a write would create outside.md
    assert cli("new", "--force", root).code == 0
    assert not outside.exists()
    assert (root / "content/index.md").is_symlink()


def test_file_where_a_folder_belongs_refuses_and_writes_nothing(tmp_path, cli):
    root = tmp_path / "s"
    root.mkdir()
    (root / "content").write_text("not a folder\n")
    run = cli("new", "--force", root)
    assert run.code == 2
    assert run.err.splitlines() == [f"{root}/content: is a file where the site needs a folder — move it away, "
                                    "or start the site in another folder"]
    assert [p.name for p in root.iterdir()] == ["content"]


def test_new_refuses_a_file(tmp_path, cli):
    path = tmp_path / "site.txt"
    path.write_text("x")
    run = cli("new", path)
    assert run.code == 2 and run.err == f"{path}: is a file, not a folder — choose a folder for the new site\n"
    assert path.read_text() == "x"


def test_bare_site_is_config_and_empty_folders_and_builds(tmp_path, cli):
    root = tmp_path / "bare"
    run = cli("new", "--bare", root)
    assert run.code == 0, run.err
    assert files_in(root) == {"sitegen.yaml", ".gitignore"}
    assert sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_dir()) == [
        "content", "content/articles", "content/pages", "content/topics", "data", "seeds"]
    check = cli("check", "--strict", "-s", root)
    assert check.code == 0 and check.err == ""


def test_next_steps_say_where_to_go_and_what_to_run(tmp_path, cli, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = cli("new", "my briefing").out.splitlines()
    assert out[0] == "created a new briefing in my briefing (11 files)"
    assert "  cd 'my briefing'" in out
    assert any(line.startswith("  sitegen serve") for line in out)
    assert any("requirements.txt" in line for line in out)  # installed from a checkout: CI needs to be told
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    assert not any(line.lstrip().startswith("cd ") for line in cli("new", ".").out.splitlines())


def test_theme_copy_is_used_instead_of_the_installed_theme(tmp_path, cli):
    root = tmp_path / "s"
    assert cli("new", "--theme", root).code == 0
    base = root / "themes/briefing/templates/base.html"
    assert base.read_bytes() == (REPO / "sitegen/themes/briefing/templates/base.html").read_bytes()
    base.write_text(base.read_text().replace("<head>", '<head><meta name="made-here" content="yes">', 1))
    assert cli("build", "-s", root, "-q").code == 0
    assert soup(root / "public/index.html").find("meta", attrs={"name": "made-here"}) is not None


def test_requirements_name_a_git_install(tmp_path, cli, monkeypatch):
    line = "sitegen @ git+https://example.org/sitegen.git@" + "a" * 40
    monkeypatch.setattr(scaffold, "installed_requirement", lambda: line)
    run = cli("new", tmp_path / "s")
    assert (tmp_path / "s/requirements.txt").read_text().splitlines()[-1] == line
    assert "before that" not in run.out


# --- the scaffolded GitHub Pages workflow ------------------------------------

def workflow(root):
    return yaml.safe_load((root / ".github/workflows/pages.yml").read_text())


def test_scaffolded_workflow_passes_actionlint(tmp_path, cli):
    actionlint = installed_tool("actionlint")
    assert actionlint, "actionlint is installed with the test extra"
    cli("new", tmp_path / "s")
    result = subprocess.run([actionlint, ".github/workflows/pages.yml"], cwd=tmp_path / "s",
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_scaffolded_workflow_pins_the_same_actions_as_this_repository(tmp_path, cli):
    cli("new", tmp_path / "s")
    ours = yaml.safe_load((REPO / ".github/workflows/pages.yml").read_text())
    theirs = workflow(tmp_path / "s")

    def uses(flow):
        return sorted(step["uses"] for job in flow["jobs"].values() for step in job["steps"] if "uses" in step)

    assert uses(theirs) == uses(ours)  # a bump of one is a bump of both
    assert theirs["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}


def install_check(root):
    """The workflow's install step up to the install itself: does requirements.txt name a sitegen?"""
    step = next(s for s in workflow(root)["jobs"]["build"]["steps"] if "requirements.txt" in s.get("run", ""))
    check = step["run"].split("python -m venv")[0]
    assert "pip install -q -r requirements.txt" in step["run"]
    return subprocess.run(["bash", "-c", check], cwd=root, capture_output=True, text=True)


@pytest.mark.skipif(installed_tool("bash") is None, reason="bash is not installed")
def test_workflow_stops_with_a_clear_error_until_requirements_name_sitegen(tmp_path, cli):
    root = tmp_path / "s"
    cli("new", root)
    failed = install_check(root)
    assert failed.returncode == 1
    assert failed.stdout.startswith("::error file=requirements.txt::requirements.txt names no sitegen to install")
    with (root / "requirements.txt").open("a") as out:
        out.write("sitegen @ git+https://github.com/someone/sitegen@v0.1.0\n")
    assert install_check(root).returncode == 0
