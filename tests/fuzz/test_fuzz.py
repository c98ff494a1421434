"""Runs the fuzz target for a bounded time (CI sets no longer bound than this)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

TARGET = Path(__file__).with_name("fuzz_content.py")
SECONDS = int(os.environ.get("SITEGEN_FUZZ_SECONDS", "20"))


def test_fuzzing_content_files_finds_no_crash(tmp_path):
    pytest.importorskip("atheris")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    seeds = Path(__file__).resolve().parents[1] / "sites" / "basic" / "content"
    for i, path in enumerate(sorted(seeds.rglob("*.md"))):
        (corpus / f"seed{i}").write_bytes(path.read_bytes())
    run = subprocess.run([sys.executable, str(TARGET), str(corpus), f"-max_total_time={SECONDS}",
                          "-rss_limit_mb=2048", "-timeout=10", "-print_final_stats=1"],
                         capture_output=True, text=True, cwd=tmp_path, timeout=SECONDS + 120)
    found = sorted(tmp_path.glob("crash-*")) + sorted(tmp_path.glob("timeout-*")) + sorted(tmp_path.glob("oom-*"))
    # on failure, show the input that broke it (and keep it out of the temporary folder)
    assert run.returncode == 0, (run.stderr[-3000:], [(p.name, p.read_bytes()[:500]) for p in found])
    assert "Done" in run.stderr and "stat::number_of_executed_units" in run.stderr
