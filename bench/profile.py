"""Where a clean `sitegen build` spends its time: cProfile on a generated corpus.

Writes the corpus (bench/corpus.py) into a temporary folder, or takes --source, and runs one
clean build in this process under cProfile (imports included: sitegen's modules are imported
inside the profile). It prints the top functions by cumulative time and by total (own) time.

By default the build runs in one process (``--workers serial``: os.cpu_count() reports one
core, so sitegen forks no worker) and the profile holds all of its work. ``--workers forked``
keeps sitegen's forked workers, profiles each of them as well and adds their profiles to the
parent's: own times are then summed over the processes, and the parent's cumulative times
include its wait for the workers.

    python bench/profile.py --articles 2000 [--shape news] [--top 40] [--save build.prof]
"""

from __future__ import annotations

import sys
from pathlib import Path

# This file is named like the standard library's profile module, which cProfile imports: keep
# this folder off the path while the standard library's modules are imported.
HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]

import argparse  # noqa: E402
import cProfile  # noqa: E402
import io  # noqa: E402
import os  # noqa: E402
import pstats  # noqa: E402
import shutil  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from corpus import SHAPES, articles, write_sitegen  # noqa: E402


def profile_workers(parent: cProfile.Profile, folder: Path) -> None:
    """Wrap what a forked worker of sitegen runs (``workers._work``) so that each one runs its
    job under a profiler of its own, dumped into ``folder``. (The parent's own share of a
    shared run is in the parent's profile.)"""
    import importlib

    workers = importlib.import_module("sitegen.workers")
    original = workers._work

    def work(job, write_end):  # type: ignore[no-untyped-def]
        parent.disable()  # the parent's profiler, inherited by the fork
        own = cProfile.Profile()
        own.enable()
        try:
            return original(job, write_end)
        finally:
            own.disable()
            own.dump_stats(str(folder / f"worker-{os.getpid()}.prof"))

    workers._work = work


def show(stats: pstats.Stats, key: str, top: int) -> str:
    out = io.StringIO()
    stats.stream = out  # type: ignore[attr-defined]
    stats.sort_stats(key).print_stats(top)
    text = out.getvalue()
    # drop pstats' preamble up to the column header
    return text[text.find("   ncalls"):] if "   ncalls" in text else text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", "-n", type=int, default=2000)
    parser.add_argument("--shape", choices=SHAPES, default="news")
    parser.add_argument("--source", type=Path, help="profile the build of this site instead of a generated corpus")
    parser.add_argument("--workers", choices=("serial", "forked"), default="serial")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--save", type=Path, help="also write the profile here (for snakeviz, pstats)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        root = args.source
        if root is None:
            root = Path(tmp) / "site"
            write_sitegen(root, articles(args.articles, shape=args.shape))
        for leftover in (root / "public", root / ".sitegen-cache"):
            shutil.rmtree(leftover, ignore_errors=True)
        if args.workers == "serial":
            os.cpu_count = lambda: 1  # sitegen's workers.cores() asks this at every build
        profiler = cProfile.Profile()
        worker_folder = Path(tmp) / "workers"
        worker_folder.mkdir()
        started, cpu = time.perf_counter(), time.process_time()
        profiler.enable()
        if args.workers == "forked":
            profile_workers(profiler, worker_folder)
        from sitegen.cli import main as sitegen_main

        code = sitegen_main(["build", "-q", "--source", str(root)])
        profiler.disable()
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
        if code != 0:
            raise SystemExit(f"sitegen build failed (exit status {code})")
        stats = pstats.Stats(profiler)
        for found in sorted(worker_folder.glob("*.prof")):
            stats.add(str(found))
        if args.save:
            stats.dump_stats(str(args.save))
        what = f"{args.articles} {args.shape} articles" if args.source is None else str(args.source)
        print(f"sitegen build of {what}, {args.workers}: {wall:.2f} s wall, {cpu:.2f} s CPU in this process "
              f"(under cProfile, which slows Python calls down)"
              + (f"; {len(list(worker_folder.glob('*.prof')))} worker profiles added" if args.workers == "forked"
                 else ""))
        stats.strip_dirs()
        print(f"\nTop {args.top} by cumulative time:\n")
        print(show(stats, "cumulative", args.top))
        print(f"Top {args.top} by total (own) time:\n")
        print(show(stats, "tottime", args.top))
    sys.stdout.flush()
    os._exit(0)  # as sitegen's own command does: no teardown of a large heap


if __name__ == "__main__":
    main()
