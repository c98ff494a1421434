"""The commands that act on a site refuse a folder without sitegen.yaml, in one line, touching nothing."""

from __future__ import annotations

import pytest

from tests.conftest import tree_bytes

SITE_COMMANDS = [["build"], ["check"], ["serve", "--port", "0"], ["deploy"],
                 ["import", "report.txt", "--date", "2025-01-01", "--outlet", "X", "--title", "T"]]


@pytest.mark.parametrize("command", SITE_COMMANDS, ids=lambda c: c[0])
def test_site_commands_refuse_a_folder_without_config(tmp_path, cli, monkeypatch, command):
    (tmp_path / "report.txt").write_text("Some words of a report.\n")
    monkeypatch.chdir(tmp_path)
    before = tree_bytes(tmp_path)
    run = cli(*command)
    assert run.code == 1
    assert run.err.splitlines() == [f"sitegen.yaml: not found in {tmp_path} (it holds report.txt) — start a site "
                                    "with sitegen new DIR, or pass --source DIR with the site's folder"]
    assert tree_bytes(tmp_path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.txt"]  # no content/, seeds/ or public/


def test_import_outside_a_site_creates_nothing(tmp_path, cli):
    report = tmp_path / "report.txt"
    report.write_text("A headline\n22/02/2025 14:49 The Guardian\nSome words of a report.\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    run = cli("import", report, "--source", elsewhere)
    assert run.code == 1 and "sitegen new DIR" in run.err
    assert list(elsewhere.iterdir()) == []


def test_missing_source_folder_is_named(tmp_path, cli):
    missing = tmp_path / "nowhere"
    run = cli("build", "--source", missing)
    assert run.code == 1
    assert run.err.splitlines() == [f"{missing}: no such folder — pass --source with the site's folder, "
                                    "or start a site with sitegen new DIR"]
    assert not missing.exists()


def test_source_that_is_a_file_is_named(tmp_path, cli):
    path = tmp_path / "sitegen.yaml"
    path.write_text("title: T\n")
    run = cli("check", "--source", path)
    assert run.code == 1
    assert run.err.splitlines() == [f"{path}: is a file, not a site's folder — pass --source with the site's folder"]


def test_inside_a_site_the_site_folder_is_named(tmp_path, cli, monkeypatch):
    (tmp_path / "sitegen.yaml").write_text("title: T\n")
    (tmp_path / "content").mkdir()
    monkeypatch.chdir(tmp_path / "content")
    run = cli("build")
    assert run.code == 1
    assert run.err.splitlines() == [f"sitegen.yaml: not found in {tmp_path / 'content'}, which is inside the site "
                                    f"{tmp_path} — run sitegen in {tmp_path}, or pass --source {tmp_path}"]
    assert not (tmp_path / "content/public").exists()


def test_empty_folder_says_it_is_empty(tmp_path, cli):
    run = cli("check", "-s", tmp_path)
    assert run.err.startswith(f"sitegen.yaml: not found in {tmp_path} (it is empty) — ")
