"""Work split across forked processes, one per core, each result sent back pickled.

A worker starts with the parent's memory as it is (copy on write), so a job is a function of
no arguments that reads what it needs. Only where the OS can fork (Linux, macOS); callers
run serially elsewhere, and for jobs too small to be worth a process.
"""

from __future__ import annotations

import os
import pickle
import traceback
from typing import Any, Callable


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
