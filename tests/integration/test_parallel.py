"""A large site renders in forked workers: the output must equal a serial build's."""

import os

import pytest

from sitegen.build import build
from tests.conftest import REPO, tree_bytes

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="parallel builds need fork")


@pytest.fixture
def parallel(monkeypatch):
    monkeypatch.setattr("sitegen.parallel.MIN_JOBS", 1)
    monkeypatch.setattr("sitegen.loading.LOAD_IN_WORKERS", 1)  # content files are read in workers too
    monkeypatch.setattr("os.cpu_count", lambda: 3)


def test_parallel_build_equals_serial_build(site, parallel, tmp_path):
    root = site()
    serial = build(root).files
    result = build(root, output=tmp_path / "out")
    written = tree_bytes(tmp_path / "out")
    written.pop(".sitegen-output")
    assert written == serial
    assert result.paths == sorted(serial)
    assert result.summary().startswith("3 articles")


def test_a_large_site_keeps_its_skeletons_packed_and_builds_the_same(site, parallel, tmp_path, monkeypatch):
    monkeypatch.setattr("sitegen.loading.PACK_FROM", 1)  # (tests/unit/test_loading.py: they come packed)
    root = site()
    serial = build(root).files
    build(root, output=tmp_path / "out")
    written = tree_bytes(tmp_path / "out")
    written.pop(".sitegen-output")
    assert written == serial


def test_the_briefing_builds_the_same_in_parallel(parallel, tmp_path):
    serial = build(REPO).files
    build(REPO, output=tmp_path / "out")
    written = tree_bytes(tmp_path / "out")
    for path, data in serial.items():
        assert written[path] == data, path


def test_errors_in_workers_fail_the_build_and_keep_the_old_output(site, parallel, cli):
    root = site()
    assert cli("build", "-s", root).code == 0
    before = tree_bytes(root / "public")
    (root / "templates").mkdir()
    (root / "templates" / "term.html").write_text("{% extends 'base.html' %}{% block content %}{{ nope.x }}{% endblock %}")
    run = cli("build", "-s", root)
    assert run.code == 1
    assert run.error_lines[0].startswith("templates/term.html:1: 'nope' is undefined")
    assert tree_bytes(root / "public") == before
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(".public")) == []


def test_content_errors_found_in_workers_are_listed_in_file_order(site, parallel, cli, monkeypatch):
    bad = {"content/articles/a-bad.md": "---\ntitle: [\n---\n", "content/articles/z-bad.md": "---\ndate: 2025-13-01\n---\n",
           "content/stray.md": "no section"}
    root = site(files=bad)
    run = cli("build", "-s", root)
    monkeypatch.setattr("sitegen.loading.LOAD_IN_WORKERS", 10_000)
    serial = cli("build", "-s", root)
    assert run.code == serial.code == 1
    assert run.error_lines == serial.error_lines
    files = [line.split(":")[0] for line in run.error_lines]
    assert list(dict.fromkeys(files)) == sorted(bad)
