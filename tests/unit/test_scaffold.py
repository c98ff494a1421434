"""sitegen/scaffold.py: the starter's paths, and where the Pages workflow installs sitegen from."""

from __future__ import annotations

from sitegen import __version__
from sitegen.scaffold import BARE_FILES, STARTER, requirement_line, site_path, starter_files

COMMIT = "0123456789abcdef0123456789abcdef01234567"


def git_install(url: str = "https://github.com/someone/sitegen.git", **extra: object) -> dict[str, object]:
    """direct_url.json as pip writes it for `pip install git+URL@REV` (PEP 610)."""
    return {"url": url, "vcs_info": {"vcs": "git", "requested_revision": "v0.1.0", "commit_id": COMMIT}, **extra}


def test_dot_prefixed_starter_names_become_dotfiles():
    assert site_path("dot-gitignore") == ".gitignore"
    assert site_path("dot-github/workflows/pages.yml") == ".github/workflows/pages.yml"
    assert site_path("content/topics/dot-notes.md") == "content/topics/.notes.md"
    assert site_path("content/index.md") == "content/index.md"


def test_git_install_is_pinned_to_its_commit():
    assert requirement_line(git_install()) == f"sitegen @ git+https://github.com/someone/sitegen.git@{COMMIT}"


def test_git_install_keeps_its_subdirectory():
    line = requirement_line(git_install(subdirectory="tools/sitegen"))
    assert line == f"sitegen @ git+https://github.com/someone/sitegen.git@{COMMIT}#subdirectory=tools/sitegen"
    assert requirement_line(git_install(subdirectory="../elsewhere")) == requirement_line(git_install())


def test_sources_ci_cannot_reach_give_no_requirement():
    wheel = {"url": "file:///home/me/dist/sitegen-0.1.0-py3-none-any.whl", "archive_info": {"hashes": {}}}
    editable = {"url": "file:///home/me/sitegen", "dir_info": {"editable": True}}
    assert requirement_line(wheel) is None
    assert requirement_line(editable) is None
    assert requirement_line(git_install("file:///home/me/sitegen")) is None  # a local clone
    assert requirement_line(git_install("ssh://git@github.com/someone/sitegen.git")) is None  # needs a key
    assert requirement_line(None) is None


def test_credentials_never_reach_the_requirement():
    assert requirement_line(git_install("https://me:token@github.com/someone/sitegen.git")) is None
    assert requirement_line(git_install("https://token@github.com/someone/sitegen.git")) is None


def test_malformed_install_records_give_no_requirement():
    assert requirement_line(git_install("https://[github.com/x")) is None
    assert requirement_line(git_install("https://github.com/x y")) is None
    assert requirement_line({"url": "https://github.com/x", "vcs_info": {"vcs": "git", "commit_id": "main"}}) is None
    assert requirement_line({"url": "https://github.com/x", "vcs_info": {"vcs": "hg", "commit_id": COMMIT}}) is None
    assert requirement_line({"url": 7, "vcs_info": "git"}) is None


def test_bare_starter_is_the_config_and_gitignore_only():
    assert set(starter_files(bare=True, theme=False, requirement=None)) == {"sitegen.yaml", ".gitignore"}
    assert set(BARE_FILES) <= {p.name for p in STARTER.iterdir()}


def test_requirements_name_the_install_or_say_what_to_add():
    known = starter_files(bare=False, theme=False, requirement="sitegen @ git+https://x.org/s.git@" + COMMIT)
    unknown = starter_files(bare=False, theme=False, requirement=None)
    assert known["requirements.txt"].decode().splitlines()[-1] == "sitegen @ git+https://x.org/s.git@" + COMMIT
    lines = unknown["requirements.txt"].decode().splitlines()
    assert all(line.startswith("#") for line in lines)  # nothing for pip to install from the wrong index
    assert f"sitegen {__version__}" in unknown["requirements.txt"].decode()


def test_theme_copy_holds_the_installed_templates_and_static_files():
    files = starter_files(bare=True, theme=True, requirement=None)
    assert "themes/briefing/templates/base.html" in files
    assert "themes/briefing/static/style.css" in files
