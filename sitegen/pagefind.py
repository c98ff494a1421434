"""The Pagefind service, spoken to directly: records in, the index's files out.

Pagefind's own Python wrapper waits a tenth of a second after every answer from its service
(4,000 records: over six minutes), so :class:`Service` speaks the same protocol to the same
binary (``pagefind --service``: base64 JSON messages, each ending with a comma) and sends the
records without waiting for each answer. The service indexes in its own process, on another
core, while sitegen renders and writes the pages; a large site's index is several bundles,
each made by its own service, two at a time (``bundles.py``). (``search.py`` makes the records.)
"""

from __future__ import annotations

import base64
import json
import os
import queue
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from . import bundles
from .bundles import FOLDER
from .errors import BuildError, SiteError
from .output import write_files
from .search import Record
from .steadyindex import steady

# --- the Pagefind service -------------------------------------------------------------------

def _not_installed() -> BuildError:
    return BuildError([SiteError("sitegen.yaml", None, "search: true needs Pagefind, which is not installed",
                                 "pip install 'pagefind[bin]', or set search: false")])


def _failed(detail: str) -> BuildError:
    return BuildError([SiteError("sitegen.yaml", None, f"the search indexer failed: {detail}")])


def executable() -> Path:
    """The Pagefind binary: $PAGEFIND_BINARY_PATH, else the one pip installed (pagefind[bin])."""
    try:
        from pagefind.service import get_executable
    except ImportError:
        raise _not_installed() from None
    found = get_executable()
    if found is None:
        raise _not_installed()
    return found


class Service:
    """A ``pagefind --service`` process. Requests are queued and written by one thread, answers
    read by another, so sending never waits for an answer and neither pipe ever fills up."""

    def __init__(self, binary: Path | None = None) -> None:
        self.log: IO[bytes] = tempfile.TemporaryFile()
        try:
            self.process = subprocess.Popen([str(binary or executable()), "--service"], stdin=subprocess.PIPE,
                                            stdout=subprocess.PIPE, stderr=self.log)
        except OSError as exc:
            self.log.close()
            raise _failed(f"cannot start Pagefind: {exc}") from None
        self.next_id = 0
        self.answers: dict[int, dict[str, Any]] = {}
        self.done = threading.Condition()
        self.ended = False
        self.outbox: queue.SimpleQueue[dict[str, Any] | None] = queue.SimpleQueue()
        self.threads = [threading.Thread(target=self._write, daemon=True, name="pagefind-writer"),
                        threading.Thread(target=self._read, daemon=True, name="pagefind-reader")]
        for thread in self.threads:
            thread.start()

    def send(self, payload: dict[str, Any]) -> int:
        """Queue a request (the writing thread encodes it); its message id, to wait for its answer."""
        self.next_id += 1
        self.outbox.put({"message_id": self.next_id, "payload": payload})
        return self.next_id

    def answer(self, message_id: int) -> dict[str, Any]:
        """Wait for a request's answer; raises BuildError for Pagefind's error or its death."""
        with self.done:
            self.done.wait_for(lambda: message_id in self.answers or self.ended)
            found = self.answers.pop(message_id, None)
        if found is None:
            self.process.wait()
            self.log.seek(0)
            last = self.log.read().decode(errors="replace").strip().splitlines()[-1:]
            raise _failed(last[0] if last else f"Pagefind stopped (exit status {self.process.returncode})")
        if found.get("type") == "Error":
            raise _failed(str(found.get("message") or "no message"))
        return found

    def close(self) -> None:
        self.outbox.put(None)
        if self.process.poll() is None:
            self.process.terminate()
        self.process.wait()
        for thread in self.threads:
            thread.join()
        self.log.close()

    def _write(self) -> None:
        stdin = self.process.stdin
        assert stdin is not None
        try:
            while (message := self.outbox.get()) is not None:
                stdin.write(base64.b64encode(json.dumps(message, ensure_ascii=False).encode()) + b",")
                if self.outbox.empty():
                    stdin.flush()
        except (OSError, ValueError):  # the service is gone: the reader says so
            pass
        finally:
            try:
                stdin.close()
            except OSError:
                pass

    def _read(self) -> None:
        stdout = self.process.stdout
        assert stdout is not None
        pending = bytearray()
        try:
            while chunk := os.read(stdout.fileno(), 1 << 20):
                start = len(pending)
                pending += chunk
                end = pending.find(b",", start)
                while end != -1:
                    reply = json.loads(base64.b64decode(pending[:end]))
                    del pending[:end + 1]
                    with self.done:
                        if isinstance(reply, dict) and reply.get("message_id") is not None:
                            self.answers[int(reply["message_id"])] = reply.get("payload") or {}
                            self.done.notify_all()
                    end = pending.find(b",")
        except (OSError, ValueError):
            pass
        finally:
            with self.done:
                self.ended = True
                self.done.notify_all()


class Indexing:
    """An index being built from records in Pagefind services, started as soon as the records
    are known: one service a bundle (``bundles.py``), :data:`~sitegen.bundles.LANES` of them at
    a time, each on its own core; a lane starts its next bundle's service when it has the last
    one's files. With ``beside`` (a folder on the output's file system), the files are written
    into a new folder there as soon as Pagefind has them all — while the pages are still being
    rendered — and :meth:`move_to` moves them into the finished site; else :meth:`files`
    returns them. Close it when done (or failed).

    Pagefind hands the files over (``GetFiles``) rather than writing them itself: its own
    writing costs it about three times the system time for the same files."""

    def __init__(self, records: list[Record], language: str, beside: Path | None = None,
                 binary: Path | None = None, kept: Collection[int] = ()) -> None:
        """``kept``: the bundles (numbered from 1) not to index, whose files the caller has."""
        self.binary = binary or executable()
        self.records, self.language = records, language
        self.shares = bundles.shares(len(records))
        self.numbers = [number for number in range(1, len(self.shares) + 1) if number not in kept]
        """The bundles this indexing makes."""
        self.made: dict[int, dict[str, bytes]] = {}
        self.failure: BaseException | None = None
        self.running: set[Service] = set()
        self.closing = False
        self.guard = threading.Lock()
        self.folder = Path(tempfile.mkdtemp(prefix=".search-", dir=beside)) if beside is not None else None
        self.lanes = [threading.Thread(target=self._lane, args=(self.numbers[lane::bundles.LANES],), daemon=True,
                                       name=f"pagefind-lane-{lane + 1}")
                      for lane in range(min(bundles.LANES, len(self.numbers)))]
        for thread in self.lanes:
            thread.start()
        self.writer: threading.Thread | None = None
        if self.folder is not None:
            self.writer = threading.Thread(target=self._write, daemon=True, name="pagefind-files")
            self.writer.start()

    def _lane(self, numbers: list[int]) -> None:
        """Index these bundles one after the other, each in its own service."""
        for number in numbers:
            with self.guard:
                if self.closing or self.failure is not None:
                    return
                try:
                    service = Service(self.binary)
                except BaseException as exc:
                    self.failure = exc
                    return
                self.running.add(service)
            try:
                self.made[number] = self._index(service, number)
            except BaseException as exc:
                with self.guard:
                    if self.failure is None and not self.closing:
                        self.failure = exc
                return
            finally:
                with self.guard:
                    self.running.discard(service)
                service.close()

    def _index(self, service: Service, number: int) -> dict[str, bytes]:
        """One bundle's files by path below its folder (a further bundle's data alone)."""
        index_id = int(service.answer(service.send({"type": "NewIndex", "config": {}}))["index_id"])
        added = [service.send(self.records[at].message(index_id, self.language)) for at in self.shares[number - 1]]
        asked = service.send({"type": "GetFiles", "index_id": index_id})
        for message_id in added:  # each record's answer: Pagefind's error for one is the build's
            service.answer(message_id)
        made = {str(item["path"]): base64.b64decode(item["content"])
                for item in service.answer(asked).get("files") or ()}
        # (the same bytes for the same records)
        return {path: data for path, data in steady(made).items() if number == 1 or not bundles.is_furniture(path)}

    def files(self) -> dict[str, bytes]:
        """The index's files by path below its folder, in memory: the first bundle's, then each
        further bundle's data in its own folder."""
        for thread in self.lanes:
            thread.join()
        if self.failure is not None:
            raise self.failure
        if self.closing:
            raise _failed("the indexing was stopped")
        found: dict[str, bytes] = {}
        for number in self.numbers:
            folder = "" if number == 1 else bundles.PART.format(number)
            found.update((folder + path, data) for path, data in self.made[number].items())
        return found

    def _write(self) -> None:
        assert self.folder is not None
        try:
            write_files(self.folder / FOLDER, self.files())
        except BaseException as exc:  # move_to raises it
            self.failure = exc

    def move_to(self, site: Path) -> None:
        """Wait for the index's files, then move them into ``site`` (its ``pagefind/`` folder)."""
        assert self.folder is not None and self.writer is not None
        self.writer.join()
        if self.failure is not None:
            raise self.failure if isinstance(self.failure, BuildError) else _failed(str(self.failure))
        try:
            os.replace(self.folder / FOLDER, site / FOLDER)
        except OSError:  # another file system after all: copied, then
            shutil.move(self.folder / FOLDER, site / FOLDER)

    def close(self) -> None:
        with self.guard:
            self.closing = True  # (no lane starts another service)
            running = list(self.running)
        for service in running:
            service.close()  # (a lane waiting for an answer sees the service end)
        for thread in self.lanes:
            thread.join()
        if self.writer is not None:
            self.writer.join()
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> Indexing:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@dataclass(frozen=True, slots=True)
class Index:
    """A search index made in memory (``sitegen serve``), kept to make the next one."""

    language: str
    records: tuple[Record, ...]
    files: dict[str, bytes]
    """{path below the output folder: bytes}, in path order."""


def index_files(records: list[Record], language: str, last: Index | None = None) -> Index:
    """The search index of these records. A bundle whose records are the same as in ``last``
    (an edit changes one article: the other bundle's records stay) keeps its files."""
    kept: set[int] = set()
    if last is not None and last.language == language:
        shares, before = bundles.shares(len(records)), bundles.shares(len(last.records))
        if len(shares) == len(before):
            kept = {number for number, (share, was) in enumerate(zip(shares, before), 1)
                    if share == was and all(records[at] == last.records[at] for at in share)}
    with Indexing(records, language, kept=kept) as indexing:
        made = {f"{FOLDER}/{path}": data for path, data in indexing.files().items()}
    if kept:
        assert last is not None
        made.update((path, data) for path, data in last.files.items() if bundles.number_of(path) in kept)
    return Index(language, tuple(records), dict(sorted(made.items())))
