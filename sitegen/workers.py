"""Work split across forked processes, one per core, each result sent back pickled.

A worker starts with the parent's memory as it is (copy on write), so a job is a function of
no arguments that reads what it needs. Only where the OS can fork (Linux, macOS); callers
run serially elsewhere, and for jobs too small to be worth a process.
"""

from __future__ import annotations

import os
import pickle
import signal
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
    A job that raises fails the whole call with its exception (the first job's, if several
    raise), its traceback in the worker added as a note; a worker that dies (or raises what
    cannot be pickled) fails it with a RuntimeError."""
    return _collect(_fork(jobs))


def _fork(jobs: list[Callable[[], Any]]) -> list[tuple[int, int]]:
    """Start each job in a forked process: (pid, the read end of the pipe its result comes by)."""
    children: list[tuple[int, int]] = []
    for job in jobs:
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the worker
            os.close(read_end)
            for _, other in children:  # (the parent reads those)
                os.close(other)
            code = 0
            try:
                payload = pickle.dumps(("ok", job()), protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException as exc:
                code = 1
                try:  # raised again in the parent as itself (a BuildError's errors are the build's)
                    payload = pickle.dumps(("raised", (exc, traceback.format_exc())))
                except Exception:
                    payload = pickle.dumps(("crash", traceback.format_exc()))
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(payload)
            os._exit(code)
        os.close(write_end)
        children.append((pid, read_end))
    return children


def _collect(children: list[tuple[int, int]]) -> list[Any]:
    """Each started job's result, in order, once every worker has ended."""
    results: list[Any] = []
    raised: BaseException | None = None
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
        elif status == "raised" and raised is None:
            raised, where = value
            raised.add_note(f"(in a worker) {where}")
        elif status != "raised":
            crashes.append(value)
    if raised is not None:
        raise raised
    if crashes:
        raise RuntimeError("a worker failed:\n" + "\n".join(crashes))
    return results


def _stop(children: list[tuple[int, int]]) -> None:
    """End started workers whose results are no longer wanted."""
    for pid, read_end in children:
        try:
            os.kill(pid, signal.SIGKILL)  # (its files are in a staging folder, removed on failure)
        except ProcessLookupError:
            pass
        os.close(read_end)
        os.waitpid(pid, 0)


def run_shared(work: Callable[[range], T], total: int, count: int, chunk: int, nice: int = 0) -> list[T]:
    """``work`` on ``range(total)`` a chunk at a time, in ``count`` processes that each take the
    next chunk as soon as they are done with the last, so that a core slowed by other work (a
    shared machine, a laptop busy with something else) takes fewer: each chunk's result, in the
    order of the chunks, whoever made it.

    This process is one of the ``count``: it takes chunks beside ``count - 1`` forked workers,
    and keeps its own results where they are made, never pickled. So a build holds one copy
    fewer of what the workers share with it (each process that touches an object shared since
    the fork copies the memory page it lies in). With ``nice``, every chunk is taken by forked
    workers running at that much lower a priority (``os.nice``), so they take only the time
    another process of the build leaves; this process cannot lower its own priority for a while
    and raise it again, so it only waits for them."""
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
        children = _fork([worker] * (count if nice else count - 1))
        try:
            mine = [] if nice else [(index, work(chunks[index])) for index in taken()]
        except BaseException:
            _stop(children)
            raise
        parts = [mine, *_collect(children)]
    finally:
        os.close(read_end)
    return [result for _, result in sorted((item for part in parts for item in part), key=lambda item: item[0])]


_MOST_CHUNKS = 4096
"""Chunk numbers are written into a pipe at once: 4 bytes each, 16 KiB at least on any system."""
