"""One clean `sitegen build` of a large news corpus: wall time, CPU time, memory, output size.

Writes the corpus (bench/corpus.py, 45,000 news articles by default) for sitegen alone, then
runs one clean build as its own process and reports:

- wall time, and CPU time of the build and all its workers (ru_utime + ru_stime);
- peak RSS of the largest single process (ru_maxrss of the children, through compare.py's
  launcher), and the peak of the whole process tree's memory: the sum of each process's PSS
  (its private pages plus its share of the pages it shares, from /proc/PID/smaps_rollup), so
  that pages the forked workers share with the parent are counted once. Reading smaps_rollup
  walks a process's page tables (about 35 ms for 1.5 GB), so the sampler waits 0.2 s or 20
  times as long as its last sample took, whichever is longer (at most a twentieth of a core),
  and reports its own CPU time (2026-12-03, 45,000 articles: 254 samples, 8.8 CPU-seconds; the
  same build unsampled took 187.6 s against 191.5 s);
- the output's size in bytes (each file once, even where hard-linked) and its file count.

The aim (issue 18): under 3 minutes and under 2 GB on 2 cores.

    python bench/scale.py [--articles 45000] [--keep /tmp/scale-45000]

--keep writes the corpus into that folder and reuses it on the next run if it is there.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from compare import LAUNCHER, machine  # noqa: E402
from corpus import SHAPES  # noqa: E402


def tree(pid: int) -> list[int]:
    """The process and its descendants, as /proc says now."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as f:
                    todo.extend(int(c) for c in f.read().split())
        except OSError:
            continue
    return found


def pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class Sampler(threading.Thread):
    """The peak, over time, of the summed PSS of a process tree."""

    def __init__(self, pid: int, every: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.pid, self.every, self.peak_kb, self.most_processes = pid, every, 0, 0
        self.done = threading.Event()
        self.samples, self.cpu = 0, 0.0

    def run(self) -> None:
        while not self.done.is_set():
            started = time.thread_time()
            pids = tree(self.pid)
            self.peak_kb = max(self.peak_kb, sum(pss_kb(p) for p in pids))
            self.most_processes = max(self.most_processes, len(pids))
            took = time.thread_time() - started
            self.samples, self.cpu = self.samples + 1, self.cpu + took
            self.done.wait(max(self.every, 20 * took))


def output_size(folder: Path) -> tuple[int, int]:
    """(bytes, files) of a folder: each file once, however many links it has."""
    seen: set[tuple[int, int]] = set()
    size = count = 0
    for dirpath, _, names in os.walk(folder):
        for name in names:
            st = os.lstat(os.path.join(dirpath, name))
            count += 1
            if (st.st_dev, st.st_ino) not in seen:
                seen.add((st.st_dev, st.st_ino))
                size += st.st_size
    return size, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", "-n", type=int, default=45000)
    parser.add_argument("--shape", choices=SHAPES, default="news")
    parser.add_argument("--keep", type=Path, help="write the corpus here, and reuse it if it is there")
    args = parser.parse_args()
    print(machine())
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        root = folder / "sitegen"
        marker = root / ".bench-corpus"
        wanted = f"{args.shape} {args.articles}"
        if not (marker.exists() and marker.read_text() == wanted):
            shutil.rmtree(root, ignore_errors=True)
            started = time.perf_counter()
            # in a process of its own, so that this one stays small
            subprocess.run([sys.executable, str(HERE / "corpus.py"), "--articles", str(args.articles), "--shape",
                            args.shape, "--tools", "sitegen", "--out", str(folder)], check=True,
                           stdout=subprocess.DEVNULL)
            marker.write_text(wanted)
            print(f"corpus: {args.articles:,} {args.shape} articles written in {time.perf_counter() - started:.0f} s")
        source_bytes, source_files = output_size(root / "content")
        for leftover in (root / "public", root / ".sitegen-cache"):
            shutil.rmtree(leftover, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(HERE.parent / "sitegen")], check=True)
        command = [sys.executable, "-m", "sitegen", "build", "-q", "--source", str(root)]
        figures = Path(tmp) / "rusage"
        process = subprocess.Popen([sys.executable, "-I", "-S", "-c", LAUNCHER, str(figures), *command],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        sampler = Sampler(process.pid)
        sampler.start()
        _, errors = process.communicate()
        sampler.done.set()
        sampler.join()
        if process.returncode != 0:
            raise SystemExit(f"sitegen build failed: {errors.decode()[-2000:]}")
        wall, cpu = (float(x) for x in figures.read_text().split()[:2])
        peak_rss_kb = int(figures.read_text().split()[2])
        size, count = output_size(root / "public")
        print(f"\nOne clean `sitegen build` of {args.articles:,} {args.shape} articles "
              f"({source_bytes / 1e6:,.0f} MB of content in {source_files:,} files), Python "
              f"{platform.python_version()}:\n")
        print("| articles | wall s | CPU s | peak RSS, largest process MB | peak PSS, all processes MB "
              "| output bytes | output files |")
        print("|---:|---:|---:|---:|---:|---:|---:|")
        print(f"| {args.articles:,} | {wall:.1f} | {cpu:.1f} | {peak_rss_kb / 1024:,.0f} | "
              f"{sampler.peak_kb / 1024:,.0f} | {size:,} | {count:,} |")
        verdict = "met" if wall < 180 and sampler.peak_kb < 2 * 1024 * 1024 else "not met"
        print(f"\nTarget (under 3 minutes, under 2 GB): {verdict}. {wall / args.articles * 1000:.2f} s per 1,000 "
              f"articles; at most {sampler.most_processes} processes at once; memory sampled "
              f"{sampler.samples:,} times, for {sampler.cpu:.1f} CPU-seconds of the bench's own.")


if __name__ == "__main__":
    main()
