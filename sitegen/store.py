"""The build cache that ``sitegen build`` keeps in ``.sitegen-cache/`` between runs.

- ``state.bin``: every source file's stamp and every output file's, so that a build in
  which nothing changed is recognised without loading anything;
- ``session.bin`` and ``pages-NN.bin``: the :class:`~sitegen.reuse.Session` (the digests of
  facts, what each output read; the validated pages in shards, so an edit rewrites one);
- ``cards.json``: the listings' rendered cards;
- ``spare/``: the output before last, updated into the next output (``output.py``).

Cache files are untrusted, like everything in a site's folder. Each carries an HMAC keyed by
a secret kept outside the site (``~/.cache/sitegen/cache-key``), so a file planted in the
folder — by a pull request a CI builds, on a shared drive — is ignored, never believed; only
a file that carries our HMAC is decoded at all. They hold plain data (``marshal`` of tuples,
dicts and strings, which is ~5× faster to read than JSON; cards as JSON): never unpickled,
never executed. Every key holds sitegen's own code
(``digests.code_digest``): an upgrade starts afresh. A cache that cannot be used is ignored
with one note; the output never depends on it.
"""

from __future__ import annotations

import hashlib
import hmac
import marshal
import os
import stat
import sys
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .digests import code_digest
from .gitdates import git_files
from .listing import Listing, Stamp, inside, stamp_of
from .manifest import output_intact

if TYPE_CHECKING:  # Jinja and markdown-it are loaded only when a build runs
    from .build import BuildResult
    from .options import Options

FOLDER = ".sitegen-cache"
FORMAT = 9
STATE = "state.bin"
SESSION = "session.bin"
CARDS = "cards.json"
OLDER = ("state.json", "session.json")
"""What an older sitegen kept, removed when the cache is next written."""


def user_cache() -> Path:
    """sitegen's folder in the user's cache ($XDG_CACHE_HOME/sitegen, else ~/.cache/sitegen)."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "sitegen"


def secret() -> bytes:
    """The key of the cache files' HMACs: 32 random bytes kept in the user's cache folder,
    made on first use. Where it cannot be kept, a key for this process alone (the cache
    then never outlives the process)."""
    global _SECRET
    if _SECRET is None:
        base = user_cache()
        path = base / "cache-key"
        try:
            _SECRET = path.read_bytes()
            if len(_SECRET) < 32:
                raise OSError("short key")
        except OSError:
            made = os.urandom(32)
            try:
                base.mkdir(parents=True, exist_ok=True, mode=0o700)
                descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
                with os.fdopen(descriptor, "wb") as handle:
                    handle.write(made)
            except OSError:
                pass
            _SECRET = made
    return _SECRET


_SECRET: bytes | None = None


def _mac(data: bytes) -> str:
    return hmac.new(secret(), data, hashlib.sha256).hexdigest()


def write_signed(path: Path, data: bytes) -> None:
    """Write a cache file atomically: its HMAC on the first line, then the data."""
    temporary = path.with_name(f"{path.name}.{os.getpid()}")
    with temporary.open("wb") as handle:
        handle.write(_mac(data).encode("ascii") + b"\n" + data)
    os.replace(temporary, path)


class Ignored(Exception):
    """A cache file that is there but cannot be used (foreign, damaged, another sitegen)."""


def read_signed(path: Path) -> bytes | None:
    """A cache file's data; None when there is none; Ignored when it does not carry our HMAC."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        return None
    except OSError:
        raise Ignored from None
    mac, _, data = raw.partition(b"\n")
    if len(raw) > MAX_BYTES or not hmac.compare_digest(mac, _mac(data).encode("ascii")):
        raise Ignored
    return data


MAX_BYTES = 1 << 30
"""A cache file larger than this is not one sitegen wrote."""


# --- what a build finds before it starts ------------------------------------------------------

def run_key(root: Path, output: Path, options: "Options") -> tuple[Any, ...]:
    """Everything besides the sources that decides the output: any change → a clean build."""
    return (FORMAT, code_digest(), tuple(sys.version_info[:2]), str(output.resolve()), options.base_url,
            options.drafts, options.safe_templates)


@dataclass
class State:
    """What the last successful build left (state.bin)."""

    sources: dict[str, Stamp]
    manifest: dict[str, Stamp]
    """Every file and folder of the output as it was written."""
    summary: str
    spare: dict[str, Stamp]
    """The output before last, kept in spare/ for the next build to update."""


@dataclass
class Previous:
    """A build's look at the site and the last build before it starts (cheap: no cache contents)."""

    key: tuple[Any, ...]
    listing: Listing
    sources: dict[str, Stamp]
    state: State | None
    notes: list[str] = field(default_factory=list)

    @property
    def unchanged(self) -> bool:
        """Nothing changed since the last build: it would write the very same output."""
        return self.state is not None and self.state.sources == self.sources


def look(root: Path, output: Path, options: "Options") -> Previous:
    key = run_key(root, output, options)
    listing = Listing.walk(root / "content", root)
    notes: list[str] = []
    state = None
    try:
        data = read_signed(root / FOLDER / STATE)
        found = marshal.loads(data) if data is not None else None
        if isinstance(found, dict) and found.get("key") == key:
            state = State(_stamps(found["sources"]), _stamps(found["manifest"]), str(found["summary"]),
                          _stamps(found["spare"]))
    except (Ignored, KeyError, TypeError, ValueError, EOFError):
        notes.append(f"note: ignoring {FOLDER}/{STATE}: it was not written by this sitegen for this site; "
                     "building afresh")
    if state is not None and not output_intact(output, state.manifest):
        state = None  # the output was changed by hand or by something else: start afresh
    return Previous(key, listing, source_stamps(root, listing), state, notes)


def _stamps(value: Any) -> dict[str, Stamp]:
    """Stamps as state.bin keeps them: path → (mtime, size, inode). The file carries our HMAC
    and this sitegen's run key, so its shape is the one this code wrote; a mapping is all that
    is left to check."""
    if not isinstance(value, dict):
        raise TypeError
    return value


def source_stamps(root: Path, listing: Listing) -> dict[str, Stamp]:
    """Stamps of every file a build can read: the config, content (as listed), data,
    templates and the site's themes (the installed ones are in the run key)."""
    found: dict[str, Stamp] = {}
    config = root / "sitegen.yaml"
    try:
        found["sitegen.yaml"] = stamp_of(config.stat())
    except OSError:
        pass
    for rel, stamp in listing.files.items():
        found["content/" + rel] = stamp
    for git_file in git_files(root):  # a commit can change "last updated" dates
        try:
            found[os.path.relpath(git_file, root)] = stamp_of(os.stat(git_file))
        except OSError:
            pass
    limit = str(root.resolve())
    for name in ("data", "templates", "static", "themes", "seeds"):
        for base, dirs, files in os.walk(root / name):
            dirs.sort()
            for file in files:
                path = os.path.join(base, file)
                try:
                    info = os.stat(path)
                except OSError:
                    continue
                if stat.S_ISREG(info.st_mode) and (not os.path.islink(path) or inside(path, limit)):
                    found[os.path.relpath(path, root)] = stamp_of(info)
    return found


SHARDS = 16
"""Validated pages are kept in this many files, by a hash of their path: an edit rewrites one."""


def shard_of(rel: str) -> str:
    return f"pages-{zlib.crc32(rel.encode('utf-8')) % SHARDS:02d}.bin"


def load_session(root: Path, previous: Previous) -> Any:
    """The last build's session (reuse.Session), or None; a note when one was there but unusable."""
    from .codec import Unreadable, decode_cards, decode_outline, decode_outputs, decode_pages, loads
    from .reuse import Session

    if previous.state is None:
        return None
    folder = root / FOLDER
    try:
        data = read_signed(folder / SESSION)
        if data is None:
            return None
        found = marshal.loads(data)
        if not isinstance(found, dict) or found.get("key") != tuple(previous.key):
            raise Unreadable
        facts, outputs = decode_outputs(found)
        session = Session(renderer_key=str(found["renderer"]), facts=facts, outputs=outputs,
                          verified=set(found.get("verified", ())))
        for path in sorted(folder.glob("pages-*.bin")):
            shard = read_signed(path)
            if shard is None:
                continue
            found_pages = marshal.loads(shard)
            if not isinstance(found_pages, dict) or found_pages.get("key") != tuple(previous.key):
                raise Unreadable
            pages = decode_pages(found_pages["pages"])
            session.known.update(pages)
            for key, outline in found_pages.get("outlines", ()):
                session.outlines[tuple(key)] = decode_outline(outline)
            session.shards[path.name] = {rel: stamp for rel, (stamp, _) in pages.items()}
    except (Ignored, Unreadable, KeyError, TypeError, ValueError, EOFError):
        previous.notes.append(f"note: ignoring {FOLDER}/: its files were not written by this sitegen for this "
                              "site; building afresh")
        return None
    renderer = session.renderer_key

    def load_cards(table: Any) -> Any:
        try:
            data = read_signed(folder / CARDS)
            found = loads(data, previous.key) if data is not None else None
            return decode_cards(found, table) if found is not None and found.get("renderer") == renderer else {}
        except (Ignored, Unreadable):
            return {}

    session.load_cards = load_cards
    return session


def save(root: Path, previous: Previous, session: Any, manifest: dict[str, Stamp], summary: str,
         spare: dict[str, Stamp], table: Any) -> None:
    """Write the cache; a failure to write it never fails the build. Only the page shards
    whose pages changed are written, the cards only when they were read or remade;
    state.bin is written last."""
    from .codec import dumps, encode_cards, encode_outline, encode_outputs, encode_pages

    folder = root / FOLDER
    key = previous.key
    try:
        folder.mkdir(exist_ok=True)
        tag = folder / "CACHEDIR.TAG"
        if not tag.exists():
            tag.write_text("Signature: 8a477f597d28d172789f06886806bc55\n# sitegen's build cache: safe to delete.\n")
        shards: dict[str, list[Any]] = {}
        for rel, entry in session.known.items():
            shards.setdefault(shard_of(rel), []).append((rel, entry))
        for name, entries in shards.items():
            if session.shards.get(name) != {rel: stamp for rel, (stamp, _) in entries}:
                # with the outlines of their bodies, so a build after an edit resolves the site
                # without parsing every page that links to another again
                outlines = [(k, encode_outline(session.outlines[k])) for _, (_, page) in entries
                            for k in ((page.body.hash, page.section == "articles", True),
                                      (page.body.hash, page.section == "articles", False)) if k in session.outlines]
                write_signed(folder / name, marshal.dumps({"key": tuple(key), "pages": encode_pages(entries),
                                                           "outlines": tuple(outlines)}))
        for path in folder.glob("pages-*"):
            if path.name not in shards:  # (and an older sitegen's shards)
                path.unlink()
        for name in OLDER:
            (folder / name).unlink(missing_ok=True)
        if session.load_cards is None:
            cards = encode_cards(session.memo, table)
            write_signed(folder / CARDS, dumps({"key": key, "renderer": session.renderer_key, **cards}))
        write_signed(folder / SESSION, marshal.dumps({"key": tuple(key), "renderer": session.renderer_key,
                                                      "verified": tuple(sorted(session.verified)),
                                                      **encode_outputs(session.facts, session.outputs)}))
        state = {"key": key, "sources": previous.sources, "manifest": manifest, "summary": summary, "spare": spare}
        write_signed(folder / STATE, marshal.dumps(state))
    except OSError:
        pass


def build_with_cache(root: Path, output: Path, options: "Options", previous: Previous | None = None) -> "BuildResult":
    """``sitegen build``: nothing if nothing changed, else a build that reuses the last one's
    work and updates the output before last into the new one."""
    import time

    from .build import BuildResult, build
    from .limits import publishing_warnings, shown, sizes_from_stamps
    from .manifest import new_manifest, output_manifest, spare_for, with_folders
    from .output import MARKER
    from .reuse import Session

    started = time.perf_counter()
    root, output = root.resolve(), output.resolve()
    previous = previous or look(root, output, options)
    if previous.unchanged:
        assert previous.state is not None
        return BuildResult(None, {}, time.perf_counter() - started, unchanged=previous.state.summary,
                           paths=sorted(p for p in previous.state.manifest if not p.endswith("/")))
    session = load_session(root, previous) or Session()
    state = previous.state
    session.listing, session.hint = previous.listing, set()  # just listed: nothing changed since
    session.previous = output if state is not None and session.outputs else None
    spare = spare_for(root / FOLDER / "spare", output, state.spare if state else None,
                      state.manifest if state else None)
    result = build(root, options, session, output, spare)
    assert result.table is not None
    result.notes = previous.notes
    assert result.site is not None
    if result.files:  # stamps of what was written; linked files keep theirs
        manifest = new_manifest(output, {**result.files, MARKER: b""}, state.manifest if state else {})
        if result.site.config.search:  # the indexer's own files
            manifest.update({f"pagefind/{k}": v for k, v in output_manifest(output / "pagefind").items()})
    else:
        manifest = output_manifest(output)
    untouched = {} if spare is None or spare.manifest is None or result.site.config.search else \
        {k: v for k, v in spare.manifest.items() if k.endswith("/") and k != "/" and k not in spare.touched}
    manifest = with_folders(output, {k: v for k, v in manifest.items() if not k.endswith("/")}, untouched)
    result.warnings.extend(publishing_warnings(sizes_from_stamps(manifest), shown(root, output)))
    result.seconds = time.perf_counter() - started
    save(root, previous, session, manifest, result.summary(), spare.current if spare else {}, result.table)
    return result
