"""Work split across forked processes, one per core, each result sent back pickled.

A worker starts with the parent's memory as it is (copy on write), so a job is a function of
no arguments that reads what it needs. Only where the OS can fork (Linux, macOS); callers
run serially elsewhere, and for jobs too small to be worth a process.
"""

from __future__ import annotations

import os
import pickle
import signal
import threading
import traceback
from collections.abc import Iterator
from functools import partial
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

    def once(job: Callable[[], Any]) -> Iterator[Any]:
        yield job()

    return [found[0] for found in _Workers([partial(once, job) for job in jobs]).results()]


class _Workers:
    """Forked workers, one per job. A job yields its results, and each is sent back pickled as
    soon as it is made — the worker never holds them all — and read here by a thread per
    worker, so no worker waits on a full pipe while this process is busy."""

    def __init__(self, jobs: list[Callable[[], Iterator[Any]]]) -> None:
        self.children: list[tuple[int, int]] = []  # (pid, the read end of its pipe)
        for job in jobs:
            read_end, write_end = os.pipe()
            pid = os.fork()
            if pid == 0:
                os.close(read_end)
                for _, other in self.children:  # (this process reads those)
                    os.close(other)
                os._exit(_work(job, write_end))
            os.close(write_end)
            self.children.append((pid, read_end))
        self.found: list[list[Any]] = [[] for _ in jobs]
        self.ends: list[tuple[str, Any]] = [("crash", "a worker died without a word")] * len(jobs)
        # started once every worker is forked: no worker is forked beside a thread of this module
        self.readers = [threading.Thread(target=self._read, args=(number,), daemon=True, name="worker-reader")
                        for number in range(len(jobs))]
        for reader in self.readers:
            reader.start()

    def _read(self, number: int) -> None:
        pid, read_end = self.children[number]
        found = self.found[number]
        with os.fdopen(read_end, "rb") as pipe:
            while True:
                try:  # unpickled as it comes: the whole pickle is never held beside what it makes
                    status, value = pickle.load(pipe)
                except EOFError:
                    break
                except Exception as exc:
                    self.ends[number] = ("crash", f"a worker's answer could not be read: {exc!r}")
                    break
                if status != "ok":
                    self.ends[number] = (status, value)
                    break
                found.append(value)
        os.waitpid(pid, 0)

    def results(self) -> list[list[Any]]:
        """What each job yielded, in order, once every worker has ended."""
        for reader in self.readers:
            reader.join()
        crashes: list[str] = []
        for status, value in self.ends:
            if status == "raised":
                raised, where = value
                raised.add_note(f"(in a worker) {where}")
                raise raised
            if status == "crash":
                crashes.append(value)
        if crashes:
            raise RuntimeError("a worker failed:\n" + "\n".join(crashes))
        return self.found

    def stop(self) -> None:
        """End the workers now: their results are no longer wanted."""
        for pid, _ in self.children:
            try:
                os.kill(pid, signal.SIGKILL)  # (its files are in a staging folder, removed on failure)
            except ProcessLookupError:
                pass
        for reader in self.readers:
            reader.join()


def _work(job: Callable[[], Iterator[Any]], write_end: int) -> int:
    """A forked worker: what ``job`` yields, each pickled into the pipe as it comes; its exit status."""
    with os.fdopen(write_end, "wb") as pipe:
        try:
            for item in job():  # (pickled whole before writing: a failure writes nothing half-way)
                pipe.write(pickle.dumps(("ok", item), protocol=pickle.HIGHEST_PROTOCOL))
                pipe.flush()
            pickle.dump(("end", None), pipe)
            return 0
        except BaseException as exc:
            try:  # raised again in the parent as itself (a BuildError's errors are the build's)
                payload = pickle.dumps(("raised", (exc, traceback.format_exc())))
            except Exception:
                payload = pickle.dumps(("crash", traceback.format_exc()))
            pipe.write(payload)
            return 1


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

    def worker() -> Iterator[tuple[int, T]]:
        if nice:
            os.nice(nice)
        for index in taken():
            yield index, work(chunks[index])

    try:
        workers = _Workers([worker] * (count if nice else count - 1))
        try:
            mine = [] if nice else [(index, work(chunks[index])) for index in taken()]
        except BaseException:
            workers.stop()
            raise
        parts = [mine, *workers.results()]
    finally:
        os.close(read_end)
    return [result for _, result in sorted((item for part in parts for item in part), key=lambda item: item[0])]


_MOST_CHUNKS = 4096
"""Chunk numbers are written into a pipe at once: 4 bytes each, 16 KiB at least on any system."""
