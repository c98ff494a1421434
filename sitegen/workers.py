"""Work split across forked processes, one per core, each result sent back pickled.

A worker starts with the parent's memory as it is (copy on write), so a job is a function of
no arguments that reads what it needs. Only where the OS can fork (Linux, macOS); callers
run serially elsewhere, and for jobs too small to be worth a process.
"""

from __future__ import annotations

import os
import pickle
import traceback
from collections.abc import Iterator
from typing import Any, Callable, TypeVar

T = TypeVar("T")


def cores() -> int:
    """How many workers to fork: one per core (at most 8); 1 where there is no fork."""
    if not hasattr(os, "fork"):
        return 1
    return max(1, min(os.cpu_count() or 1, 8))


def run_forked(jobs: list[Callable[[], Any]]) -> list[Any]:
    """Run each job in its own forked process, at the same time; their results, in order.
    A job that raises (or a worker that dies) fails the whole call with its traceback."""
    children: list[tuple[int, int]] = []
    for job in jobs:
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the worker
            os.close(read_end)
            code = 0
            try:
                payload = pickle.dumps(("ok", job()), protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException:
                payload = pickle.dumps(("crash", traceback.format_exc()))
                code = 1
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(payload)
            os._exit(code)
        os.close(write_end)
        children.append((pid, read_end))
    results: list[Any] = []
    crashes: list[str] = []
    for pid, read_end in children:
        with os.fdopen(read_end, "rb") as pipe:
            try:  # unpickled as it comes: the whole pickle is never held beside what it makes
                status, value = pickle.load(pipe)
            except EOFError:
                status, value = "crash", "a worker died without a word"
        os.waitpid(pid, 0)
        if status == "ok":
            results.append(value)
        else:
            crashes.append(value)
    if crashes:
        raise RuntimeError("a worker failed:\n" + "\n".join(crashes))
    return results


def run_shared(work: Callable[[range], T], total: int, count: int, chunk: int, nice: int = 0) -> list[T]:
    """``work`` on ``range(total)`` a chunk at a time, in ``count`` forked workers that each take
    the next chunk as soon as they are done with the last, so that a core slowed by other work
    (a shared machine, a laptop busy with something else) takes fewer: each chunk's result, in
    the order of the chunks, whoever made it. With ``nice``, the workers run at that much lower
    a priority (``os.nice``): they take only the time another process of the build leaves."""
    size = max(chunk, -(-total // _MOST_CHUNKS))
    chunks = [range(start, min(start + size, total)) for start in range(0, total, size)]
    read_end, write_end = os.pipe()
    try:
        # every chunk's number is in the pipe before any worker starts (a pipe holds 16 KiB at
        # least): a worker reads the next four bytes, a read the kernel never splits, or none
        numbers = b"".join(index.to_bytes(4, "little") for index in range(len(chunks)))
        if os.write(write_end, numbers) != len(numbers):
            raise OSError("the pipe took only part of the chunk numbers")
    finally:
        os.close(write_end)

    def taken() -> Iterator[int]:
        while len(data := os.read(read_end, 4)) == 4:
            yield int.from_bytes(data, "little")

    def worker() -> list[tuple[int, T]]:
        if nice:
            os.nice(nice)
        return [(index, work(chunks[index])) for index in taken()]

    try:
        parts = run_forked([worker] * count)
    finally:
        os.close(read_end)
    return [result for _, result in sorted((item for part in parts for item in part), key=lambda item: item[0])]


_MOST_CHUNKS = 4096
"""Chunk numbers are written into a pipe at once: 4 bytes each, 16 KiB at least on any system."""
