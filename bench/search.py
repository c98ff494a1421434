"""What `search: true` costs: clean builds of the same corpus with and without search, in turn.

For each run: a clean `sitegen build` of the corpus, the same build with `search: true`
(Pagefind indexes the records while the pages are written), and the same records indexed
alone, through the same Pagefind service, by a process that does nothing else — what indexing
costs by itself, the part no scheduling in sitegen can take away. The report gives the median of each (wall, CPU, peak MB of the largest
process: with search, Pagefind's), the ratio search / plain taken run by run, and the floor
the machine's cores put under that ratio: every CPU-second of both builds spread evenly over
the cores, ``(plain CPU + Pagefind CPU) / cores / plain wall``.

    python bench/search.py --articles 4000 --runs 5
"""

from __future__ import annotations

import argparse
import os
import pickle
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from compare import Run, clean, log, machine, median_range, run  # noqa: E402
from corpus import SHAPES, articles, write_sitegen  # noqa: E402


ALONE = r"""
import pickle, sys
from sitegen.pagefind import index_files
with open(sys.argv[1], "rb") as kept:
    records, language = pickle.load(kept)
index_files(records, language)
"""
"""Indexes the records the bench kept (its own file, made by :func:`keep_records`)."""


def keep_records(root: Path, into: Path) -> None:
    """The search records of the site at ``root``, as a build makes them, pickled into ``into``."""
    from sitegen.build import build
    from sitegen.search import Memo, language_of

    result = build(root, search_memo=Memo())
    assert result.records is not None
    with into.open("wb") as out:
        pickle.dump((result.records, language_of(result.site.config.language)), out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", "-n", type=int, default=4000)
    parser.add_argument("--shape", choices=SHAPES, default="news")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(HERE.parent / "sitegen")], check=True)
    print(machine())
    figures: dict[str, list[Run]] = {"plain": [], "search": [], "pagefind": []}
    with tempfile.TemporaryDirectory() as tmp:
        roots = {"plain": Path(tmp) / "plain", "search": Path(tmp) / "search"}
        log(f"{args.shape} N={args.articles}: writing the corpus twice")
        items = articles(args.articles, shape=args.shape)
        for name, root in roots.items():
            write_sitegen(root, items)
        del items
        config = roots["search"] / "sitegen.yaml"
        config.write_text(config.read_text(encoding="utf-8") + "search: true\n", encoding="utf-8")
        kept = Path(tmp) / "records.pickle"
        keep_records(roots["search"], kept)
        alone = [sys.executable, "-c", ALONE, str(kept)]
        for number in range(args.runs):
            for name, root in roots.items():
                figures[name].append(run(clean("sitegen", root, Path()), root))
            figures["pagefind"].append(run(alone, HERE.parent))
            log(f"  run {number + 1}/{args.runs}: " + ", ".join(f"{k} {v[-1][0]:.2f} s" for k, v in figures.items()))
    cores = os.cpu_count() or 1
    print(f"\n{args.shape} corpus, {args.articles:,} articles; medians of {args.runs} runs, in turn.\n")
    print("| build | wall s | CPU s | peak MB, largest process |")
    print("|---|---:|---:|---:|")
    names = {"plain": "sitegen build", "search": "sitegen build, search: true",
             "pagefind": "the same records indexed alone (Pagefind's service)"}
    for name, runs in figures.items():
        print(f"| {names[name]} | {statistics.median(r[0] for r in runs):.2f} | "
              f"{statistics.median(r[1] for r in runs):.2f} | {statistics.median(r[2] for r in runs):.0f} |")
    ratios = [s[0] / p[0] for s, p in zip(figures["search"], figures["plain"])]
    floors = [(p[1] + f[1]) / cores / p[0] for p, f in zip(figures["plain"], figures["pagefind"])]
    print(f"\nsearch / plain, run by run: {median_range(ratios)}×; the floor on {cores} cores: "
          f"{median_range(floors)}×")


if __name__ == "__main__":
    main()
