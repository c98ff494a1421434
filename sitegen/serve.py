"""``sitegen serve``: build, serve from memory, watch, rebuild, reload the browser.

Beside the pipeline: it calls :func:`sitegen.build.build` with ``write=False``
and serves the returned ``{path: bytes}`` straight from memory. So only files
of the built site can ever be served (there is no file system path to escape
to), ``public/`` is never touched, and swapping in a new build is one
assignment: a request sees either the old complete site or the new one.

Threads: the HTTP server's (one per request, daemon), the watchdog observer's
(it only marks that something changed), and one rebuild loop that waits for a
quiet moment, rebuilds, swaps and then notifies the browsers.
"""

from __future__ import annotations

import gc
import os
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO, cast

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

from . import bundles, pagefind, search
from .build import build
from .gitdates import git_files
from .reuse import Session
from .errors import BuildError, printable
from .webserver import (HEARTBEAT_SECONDS, HTTPServer, Limits, content_type, error_page, make_handler, site_key,
                        snippet_for, with_snippet)

__all__ = ["Server", "State", "serve", "HEARTBEAT_SECONDS", "content_type", "error_page", "site_key", "with_snippet"]

QUIET_SECONDS = 0.01
"""Wait this long after the last file event before rebuilding (one save is often several events)."""
WATCHED = ("content", "data", "themes", "templates", "static", "seeds")
GIT_HISTORY = "the git history"
"""What a commit is called when it triggers a rebuild (``last_updated: git`` dates follow commits)."""
IGNORED_SUFFIXES = ("~", ".swp", ".swx", ".tmp", ".part", ".crdownload")


@dataclass
class State:
    """What is being served, swapped whole after each successful build."""

    files: dict[str, bytes] = field(default_factory=dict)
    generation: int = 0
    errors: list[str] = field(default_factory=list)
    condition: threading.Condition = field(default_factory=threading.Condition)

    def message(self) -> dict[str, object]:
        if self.errors:
            return {"type": "error", "generation": self.generation, "errors": self.errors}
        return {"type": "built", "generation": self.generation}


class Server:
    def __init__(self, root: Path, bind: str = "127.0.0.1", port: int = 8000, poll: bool = False,
                 out: TextIO = sys.stdout, limits: Limits | None = None):
        self.root = root.resolve()
        self.limits = limits
        """What the HTTP side grants clients (default: Limits.for_descriptors())."""
        self.bind = bind
        self.port = port
        self.poll = poll
        self.out = out
        self.state = State()
        self.session = Session()
        self.frozen = False
        """Whether the collector was told to leave the first build's objects alone (done once)."""
        self.base_path = "/"
        self.dirty = threading.Event()
        self.last_change = 0.0
        self.changed: set[str] = set()
        self.watched: set[str] = set()
        """Source folders with a recursive watch (one created later is added when it appears)."""
        self.git_files = {str(path.resolve()) for path in git_files(self.root)}
        """The repository's files a commit changes: a commit can change "last updated" dates."""
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.httpd: HTTPServer | None = None
        self.observer: BaseObserver | None = None
        self.threads: list[threading.Thread] = []
        self.output_dir = (self.root / "public").resolve()
        self.search_memo = search.Memo()
        """The last build's search records, each with the facts it read: a rebuild remakes only
        the records of pages whose facts changed."""
        self.search_index: pagefind.Index | None = None
        """The last index made: unchanged records, no new index; a bundle of unchanged records
        keeps its files."""
        self.search_lock = threading.Lock()
        """Held while an index is made: one indexing at a time."""
        self.search_wanted = 0
        """The generation whose index is wanted (an older one still being made is dropped)."""

    # --- building --------------------------------------------------------
    def snippet(self, generation: int) -> bytes:
        """The live-reload script tag, added to each HTML page as it is served (never built)."""
        return snippet_for(self.base_path, generation)

    def rebuild(self, reason: str = "") -> bool:
        """Build the next generation; on success swap it in, then tell the browsers."""
        started = time.perf_counter()
        generation = self.state.generation + 1
        gc.disable()  # a build allocates millions of short-lived objects; scanning them is wasted time
        try:
            result = build(self.root, session=self.session, search_memo=self.search_memo)
        except BuildError as exc:
            with self.state.condition:
                self.state.errors = [str(e) for e in exc.errors]
                self.state.condition.notify_all()
            self.log(f"rebuild failed{reason}: {len(exc.errors)} error{'s' if len(exc.errors) != 1 else ''}")
            for error in exc.errors:
                self.log(f"  {error}")
            return False
        except Exception as exc:  # a bug in sitegen must not take the server down
            with self.state.condition:
                self.state.errors = [f"internal error: {type(exc).__name__}: {exc}"]
                self.state.condition.notify_all()
            self.log(f"rebuild failed{reason}: internal error: {type(exc).__name__}: {exc}")
            return False
        finally:
            gc.enable()
        if not self.frozen:
            # the first build's objects (modules, templates, most pages) live as long as the
            # server: keep the collector from scanning them again and again. Only once: frozen
            # objects are never collected, so freezing after every rebuild would keep every
            # rebuild's garbage forever.
            gc.freeze()
            self.frozen = True
        assert result.site is not None
        self.base_path = result.site.config.base_path
        rendered = result.rendered
        # a build in memory links nothing from an output before it: every file is its bytes
        # (no pass over 10,000 files to check it on each save: a few milliseconds of each)
        files = cast("dict[str, bytes]", result.files)
        language = search.language_of(result.site.config.language)
        indexed = self.search_index
        if result.records is not None and indexed is not None:
            # the last index, even when some records changed: a search works (on the last
            # words) while the new index is made, rather than failing
            files = {**files, **indexed.files}
        with self.state.condition:
            self.state.files = files
            self.state.generation = generation
            self.state.errors = []
            self.state.condition.notify_all()
        took = (time.perf_counter() - started) * 1000
        if reason:
            self.log(f"rebuilt{reason}: {rendered} of {len(result.files)} files re-rendered in {took:.0f} ms")
        else:
            self.log(f"built {sum(1 for p in result.files if p.endswith('.html'))} pages in {took:.0f} ms")
        records = result.records
        if records is not None and (indexed is None or indexed.language != language
                                    or indexed.records != tuple(records)):
            self.search_wanted = generation
            threading.Thread(target=self.index_for_search, args=(generation, records, language), daemon=True).start()
        return True

    def index_for_search(self, generation: int, records: list[search.Record], language: str) -> None:
        """Index a served generation's records in the background (the pages reload without
        waiting), then serve the index with that generation if it is still the one served."""
        with self.search_lock:
            if self.search_wanted != generation:  # a newer build wants its own
                return
            try:
                index = pagefind.index_files(records, language, self.search_index)
            except BuildError as exc:
                self.log(f"search index not built: {'; '.join(str(e) for e in exc.errors)}")
                return
            self.search_index = index
            with self.state.condition:
                if self.state.generation == generation:  # still the site being served
                    kept = {k: v for k, v in self.state.files.items() if not k.startswith(f"{bundles.FOLDER}/")}
                    self.state.files = {**kept, **index.files}

    def on_change(self, path: str) -> None:
        with self.lock:
            self.changed.add(path)
            self.last_change = time.monotonic()
        self.dirty.set()

    def rebuild_loop(self) -> None:
        while not self.stopping.is_set():
            if not self.dirty.wait(timeout=0.25):
                continue
            # debounce: wait until QUIET_SECONDS have passed since the last event, so that a
            # burst of events (one save is several) is one rebuild
            while True:
                with self.lock:
                    remaining = self.last_change + QUIET_SECONDS - time.monotonic()
                if remaining <= 0 or self.stopping.wait(remaining):
                    break
            if self.stopping.is_set():
                return
            with self.lock:
                self.dirty.clear()
                changed, self.changed = sorted(self.changed), set()
            for rel in changed:  # never trust a timestamp for a file we saw change
                self.session.known.pop(rel, None)
                if rel == "data" or rel.startswith("data/"):
                    self.session.steps.forget("registries")
            # the next build lists just the content paths the watcher saw change (and those of
            # a build that failed before it listed them)
            self.session.hint = (self.session.hint or set()) | {
                rel[len("content/"):] if rel != "content" else ""
                for rel in changed if rel == "content" or rel.startswith("content/")}
            shown = ", ".join(changed[:3]) + (f" and {len(changed) - 3} more" if len(changed) > 3 else "")
            self.rebuild(f" after {shown} changed" if shown else "")

    # --- watching ----------------------------------------------------------
    def start_watching(self) -> None:
        handler = _Handler(self)
        observer = PollingObserver(timeout=0.25) if self.poll else Observer()
        # the site's root for sitegen.yaml and folders coming and going; the source folders
        # recursively (never public/ or .git, which can hold thousands of folders)
        observer.schedule(handler, str(self.root), recursive=False)
        for name in WATCHED:
            if (self.root / name).is_dir():
                observer.schedule(handler, str(self.root / name), recursive=True)
        self.watched = {name for name in WATCHED if (self.root / name).is_dir()}
        for folder in sorted({os.path.dirname(path) for path in self.git_files}):
            if os.path.isdir(folder):  # (only its HEAD, reflog and packed refs count: relevant())
                observer.schedule(handler, folder, recursive=False)
        observer.daemon = True
        observer.start()
        self.observer = observer

    def relevant(self, path: str) -> str | None:
        """The path relative to the site if a change there can change the site, else None."""
        if os.path.realpath(path) in self.git_files:
            return GIT_HISTORY
        try:
            rel = Path(path).resolve().relative_to(self.root)
        except (ValueError, OSError):
            return None
        parts = rel.parts
        if not parts or any(p.startswith(".") for p in parts) or rel.name.endswith(IGNORED_SUFFIXES):
            return None
        if parts == ("sitegen.yaml",) or parts[0] in WATCHED:
            if len(parts) == 1 and parts[0] in WATCHED and parts[0] not in self.watched:
                self.watch_new_folder(parts[0])
            return rel.as_posix()
        return None

    def watch_new_folder(self, name: str) -> None:
        """A source folder created after start (say data/) is watched from then on."""
        if self.observer is not None and (self.root / name).is_dir():
            self.observer.schedule(_Handler(self), str(self.root / name), recursive=True)
            self.watched.add(name)

    # --- serving -------------------------------------------------------------
    def start(self) -> None:
        if not self.rebuild():
            self.log("the site has errors: serving the error page until they are fixed")
        self.httpd = HTTPServer((self.bind, self.port), make_handler(self), self.limits or Limits.for_descriptors())
        self.port = self.httpd.server_address[1]
        self.start_watching()
        for target in (self.httpd.serve_forever, self.rebuild_loop):
            thread = threading.Thread(target=target, daemon=True,
                                      kwargs={"poll_interval": 0.2} if target == self.httpd.serve_forever else {})
            thread.start()
            self.threads.append(thread)

    @property
    def url(self) -> str:
        host = f"[{self.bind}]" if ":" in self.bind else self.bind
        return f"http://{host}:{self.port}{self.base_path}"

    def stop(self) -> None:
        self.stopping.set()
        with self.state.condition:
            self.state.condition.notify_all()
        if self.observer is not None:
            self.observer.stop()
        if self.httpd is not None:
            self.httpd.shutdown()
            self.httpd.server_close()

    def log(self, line: str) -> None:
        print(printable(line), file=self.out, flush=True)  # file names reach the terminal: no raw escapes

    def allowed_hosts(self) -> set[str]:
        names = {self.bind, "localhost", "127.0.0.1", "[::1]"}
        if self.bind in ("0.0.0.0", "::"):
            return set()  # the editor asked for any address: accept any Host
        return names | {f"{n}:{self.port}" for n in names}


class _Handler(FileSystemEventHandler):
    def __init__(self, server: Server):
        self.server = server

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        for path in (event.src_path, getattr(event, "dest_path", "")):
            if path:
                rel = self.server.relevant(str(path))
                if rel:
                    self.server.on_change(rel)


def serve(root: Path, bind: str, port: int, open_browser: bool, poll: bool) -> int:
    server = Server(root, bind, port, poll)
    try:
        server.start()
    except OSError as exc:
        if exc.errno in (98, 48, 10048):  # EADDRINUSE on Linux, macOS, Windows
            print(f"error: port {port} on {bind} is in use — stop the other server or pass --port N", file=sys.stderr)
        else:
            print(f"error: cannot listen on {bind}:{port}: {exc.strerror}", file=sys.stderr)
        server.stop()
        return 1
    try:  # from here on, Ctrl-C at any moment is a clean stop
        server.log(f"serving {server.root} at {server.url} — Ctrl-C to stop")
        if open_browser:
            import webbrowser

            webbrowser.open(server.url)
        while True:
            time.sleep(0.2)
    except KeyboardInterrupt:
        server.log("stopping")
    finally:
        server.stop()
    return 0
