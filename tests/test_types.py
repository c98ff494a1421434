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


def test_views_are_frozen_for_the_type_checker(tmp_path):
    """Views are plain slotted classes at run time (for speed); mypy is what keeps them frozen."""
    pytest.importorskip("mypy", reason="mypy comes with the test extra")
    probe = tmp_path / "probe.py"
    probe.write_text("from sitegen.views import Card\n\n\ndef retitle(card: Card) -> None:\n    card.title = 'x'\n")
    run = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "cache"),
                          str(probe)], cwd=REPO, capture_output=True, text=True)
    assert run.returncode == 1 and 'Property "title" defined in "Card" is read-only' in run.stdout
