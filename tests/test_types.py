"""sitegen's own code passes mypy --strict: the typed model is checked, not just written."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import REPO


def test_sitegen_passes_mypy_strict(tmp_path):
    pytest.importorskip("mypy", reason="mypy comes with the test extra")
    run = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "cache"),
                          "sitegen"], cwd=REPO, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
