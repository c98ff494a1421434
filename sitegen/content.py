"""Walk ``content/`` into :class:`Page` objects: read and validate, never render.

Sections are the top folders: ``articles/``, ``topics/``, ``pages/``; each has
its own front-matter table. ``content/index.md`` is the home page's text.
Metadata precedence: defaults < file name (the slug) < front matter.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from . import schema
from .cache import text_key
from .errors import Errors, SiteError
from .frontmatter import YamlError, decode, split
from .markdown import slugify
from .schema import Field
from .store import Stamp, stamp_of
from .workers import cores, run_forked

SECTIONS = ("articles", "topics", "pages")

_EVENT = [
    Field("date", schema.date, doc="when it happened (YYYY-MM-DD)"),
    Field("said", schema.text, default="", doc="the text's own words for the day, e.g. 'on Tuesday'"),
    Field("event", schema.nonempty_text, required=True, doc="what happened, in one neutral line"),
    Field("excerpts", schema.list_of(schema.nonempty_text, allow_single=True), default=(),
          doc="ids of the excerpts on this page that report it"),
]

_HEADLINE = [
    Field("time", schema.text, default=""),
    Field("headline", schema.nonempty_text, required=True),
]

_SHARED_COPY = [  # shares_copy_with: passages of this article that are the same copy as another's
    Field("article", schema.nonempty_text, required=True, doc="the other article's slug (its file name)"),
    Field("paragraphs", schema.list_of(schema.paragraph_id, allow_single=True), required=True,
          doc="this article's paragraphs (p-N) that carry the shared copy"),
    Field("matches", schema.list_of(schema.paragraph_id, allow_single=True), default=(),
          doc="the other article's paragraphs that carry it; when omitted, the other article's own record says"),
    Field("note", schema.text, default="", doc="for readers: what is shared and how we know, e.g. the wire credited"),
]

SCHEMAS: dict[str, list[Field]] = {
    "articles": [
        Field("title", schema.nonempty_text, required=True, doc="the headline"),
        Field("date", schema.date, required=True, doc="publication date (YYYY-MM-DD, or a date-time with timezone)"),
        Field("outlet", schema.optional_text, required=True, doc="who published it; null when unknown"),
        Field("actors", schema.list_of(schema.nonempty_text), default=(), doc="people, organisations, countries named"),
        Field("url", schema.url, doc="the original's address"),
        Field("archive_url", schema.url, doc="an archived copy of the original (sitegen archive records it)"),
        Field("archive_date", schema.date, doc="when that copy was made (the snapshot's date)"),
        Field("wire", schema.list_of(schema.nonempty_text, allow_single=True), default=(), doc="agencies credited"),
        Field("shares_copy_with", schema.list_of(schema.record(_SHARED_COPY)), default=(),
              doc="other articles that carry the same copy (wire copy run by two outlets): one source, not two"),
        Field("summary", schema.text, default=""),
        Field("topics", schema.list_of(schema.nonempty_text), default=()),
        Field("draft", schema.boolean, default=False),
        Field("source", schema.nonempty_text, doc="the raw original in seeds/, byte-for-byte"),
        Field("title_note", schema.text, default="", doc="where the headline comes from"),
        Field("date_note", schema.text, default="", doc="how the date was established"),
        Field("outlet_note", schema.text, default="", doc="how the outlet was established"),
        Field("url_note", schema.text, default=""),
        Field("notes", schema.list_of(schema.nonempty_text, allow_single=True), default=(),
              doc="other provenance notes, shown on the page"),
        Field("paraphrase_of", schema.nonempty_text,
              doc="set on a machine-paraphrased copy: the outlet whose report it rewrites"),
        Field("stripped", schema.list_of(schema.text), default=(), doc="boilerplate removed on import"),
        Field("ticker", schema.list_of(schema.record(_HEADLINE)), default=(),
              doc="headlines an aggregator showed beside the article (not article text)"),
        Field("ticker_note", schema.text, default=""),
    ],
    "topics": [
        Field("title", schema.nonempty_text, required=True),
        Field("summary", schema.text, default=""),
        Field("actors", schema.list_of(schema.nonempty_text), default=()),
        Field("events", schema.list_of(schema.record(_EVENT)), default=()),
        Field("weight", schema.integer, default=0, doc="order on /topics/ (smaller first)"),
        Field("draft", schema.boolean, default=False),
    ],
    "pages": [
        Field("title", schema.nonempty_text, required=True),
        Field("summary", schema.text, default=""),
        Field("draft", schema.boolean, default=False),
    ],
    "": [  # content/index.md: the home page's text
        Field("title", schema.text, default=""),
        Field("summary", schema.text, default=""),
    ],
}


@dataclass(frozen=True)  # no slots: a plain __dict__ pickles in C, and the build cache holds thousands
class Page:
    """A content file, validated; its body not yet parsed."""

    source: str
    """Path relative to the site root, e.g. content/articles/x.md."""
    section: str
    """articles, topics, pages, or '' for the home page text."""
    slug: str
    """From the file name."""
    meta: Mapping[str, Any]
    """Validated front matter with defaults filled in."""
    body: str
    body_line: int
    """File line where the body starts: body line n is file line body_line + n - 1."""
    file_hash: str = ""
    """A digest of the whole file (front matter and body), for caches."""
    meta_hash: str = ""
    """A digest of the front matter's text: listings, feeds and taxonomies read only that."""
    key: str = field(init=False)
    """How other pages refer to it: 'articles/slug'."""
    body_hash: str = field(init=False)
    """A digest of the body, for caches."""
    url: str = field(init=False)
    """Path below the base URL, with a leading and trailing slash."""
    refers: bool = field(init=False)
    """Whether the body may link to other pages or hold blocks (excerpts, headlines): an article
    that does not is parsed only when its own page is rendered."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", f"{self.section}/{self.slug}" if self.section else "index")
        object.__setattr__(self, "body_hash", text_key(self.body))
        object.__setattr__(self, "refers", ".md" in self.body or ":::" in self.body)
        url = "/" if not self.section else f"/{self.slug}/" if self.section == "pages" else \
            f"/{self.section}/{self.slug}/"
        object.__setattr__(self, "url", url)

    @property
    def title(self) -> str:
        return str(self.meta.get("title") or "")

    @property
    def date(self) -> dt.date | dt.datetime | None:
        return self.meta.get("date")

    @property
    def day(self) -> dt.date | None:
        """The date without time (a date-time keeps its own timezone's day)."""
        value = self.date
        return value.date() if isinstance(value, dt.datetime) else value

    def file_line(self, body_line: int) -> int:
        return self.body_line + body_line - 1


@dataclass
class Listing:
    """The content folder as a build found it. With the paths a file watcher saw change since
    (``sitegen serve``), the next build looks at just those instead of every file."""

    files: dict[str, Stamp]
    """Every Markdown file below content/ (path below it, sorted) → (mtime, size, inode)."""
    folders: dict[str, Stamp]
    """Every folder below content/ ("" for content/ itself) → its stamp: its mtime changes
    when an entry is added, removed or renamed, its inode when the folder is replaced."""

    @classmethod
    def walk(cls, content: Path) -> Listing:
        files: dict[str, Stamp] = {}
        folders: dict[str, Stamp] = {}
        for folder, dirs, names in os.walk(content):
            dirs.sort()
            inner = os.path.relpath(folder, content).replace(os.sep, "/")
            inner = "" if inner == "." else inner
            try:
                info = os.stat(folder)
                folders[inner] = stamp_of(info)
            except OSError:
                continue  # vanished while we looked
            for name in names:
                if name.endswith(".md"):
                    _add(files, content, f"{inner}/{name}" if inner else name)
        return cls(dict(sorted(files.items())), folders)

    @classmethod
    def of(cls, content: Path, stamps: dict[str, Stamp]) -> Listing:
        """The listing within stamps of every regular file below the site (store.source_stamps),
        without its folders: enough to load pages, not to update."""
        prefix = str(content) + os.sep
        files = {path[len(prefix):].replace(os.sep, "/"): stamp for path, stamp in stamps.items()
                 if path.startswith(prefix) and path.endswith(".md")}
        return cls(dict(sorted(files.items())), {})

    def update(self, content: Path, changed: list[str]) -> Listing | None:
        """The listing after changes to ``changed`` (paths below content/, "" for content/
        itself); None when a folder came, went or was replaced: then walk everything."""
        files, folders = dict(self.files), dict(self.folders)
        for rel in changed:
            path = os.path.join(content, rel) if rel else str(content)
            try:
                info: os.stat_result | None = os.stat(path)
            except FileNotFoundError:
                info = None
            except OSError:
                return None
            if info is not None and stat.S_ISDIR(info.st_mode):
                if rel not in folders or folders[rel][2] != info.st_ino:
                    return None  # a new or replaced folder
                if folders[rel] == stamp_of(info):
                    continue  # no entry came or went (a file in it was written)
                folders[rel] = stamp_of(info)
                prefix = f"{rel}/" if rel else ""
                present = set()
                with os.scandir(path) as entries:  # names only: a file that changed has its own event
                    for entry in entries:
                        if entry.is_dir(follow_symlinks=False) and prefix + entry.name not in folders:
                            return None
                        if entry.name.endswith(".md"):
                            present.add(prefix + entry.name)
                known = {f for f in files if f.rpartition("/")[0] == rel}
                for gone in known - present:
                    del files[gone]
                for new in present - known:
                    _add(files, content, new)
            elif rel in folders:
                return None  # a folder went
            elif info is None or not stat.S_ISREG(info.st_mode) or not rel.endswith(".md"):
                files.pop(rel, None)
            elif rel.rpartition("/")[0] not in folders:
                return None
            else:
                files[rel] = stamp_of(info)
        if files.keys() != self.files.keys():
            files = dict(sorted(files.items()))
        return Listing(files, folders)


def _add(files: dict[str, Stamp], content: Path, rel: str) -> None:
    try:
        info = os.stat(os.path.join(content, rel))
    except OSError:
        return  # vanished while we looked
    if stat.S_ISREG(info.st_mode):
        files[rel] = stamp_of(info)


def list_content(content: Path, previous: Listing | None = None, changed: set[str] | None = None) -> Listing:
    """Every Markdown file below content/. With the previous listing and the paths seen to
    change since (below content/), only those paths are looked at again."""
    if previous is not None and changed is not None and previous.folders and len(changed) <= 200:
        listing = previous.update(content, sorted(changed))
        if listing is not None:
            return listing
    return Listing.walk(content)


LOAD_IN_WORKERS = 400
"""From this many files to read and validate, a build reads them in forked workers (YAML is slow)."""


def load_pages(root: Path, errors: Errors, drafts: bool = False,
               failed: set[str] | None = None, cache: dict[str, Any] | None = None,
               listing: Listing | None = None) -> list[Page]:
    """Every content/**/*.md as a Page, in a stable order; invalid files add errors
    (and their paths to ``failed``, so later phases don't report them missing).

    With a cache, a file whose (mtime, size, inode) is unchanged is taken as it was
    validated before; ``sitegen serve`` also drops the entries of files it saw change.
    ``listing``: the content folder's files (list_content); by default it is walked.
    """
    content = root / "content"
    if not content.is_dir():
        return []
    found: list[tuple[str, Page | SiteError | None]] = []  # in file order: a page, an error, or to load
    to_load: dict[str, tuple[str, Stamp]] = {}
    for inner, stamp in (listing or Listing.walk(content)).files.items():
        rel = "content/" + inner
        parts = inner.split("/")
        if len(parts) == 1:
            if parts[0] != "index.md":
                found.append((rel, SiteError(rel, None, "a content file must be inside a section folder",
                                             f"move it to content/{{{','.join(SECTIONS)}}}/")))
                continue
            section = ""
        else:
            section = parts[0]
            if section not in SECTIONS:
                found.append((rel, SiteError(rel, None, f"unknown section '{section}'",
                                             f"use one of {', '.join(SECTIONS)}")))
                continue
        hit = cache.get(rel) if cache is not None else None
        if hit and hit[0] == stamp:
            found.append((rel, hit[1]))
        else:
            found.append((rel, None))
            to_load[rel] = (section, stamp)
    loaded = _load_all(root, to_load)
    pages: list[Page] = []
    for rel, item in found:
        if isinstance(item, SiteError):
            errors.extend([item])
            continue
        if item is None:
            item, problems = loaded[rel]
            errors.extend(problems)
            if item is not None and cache is not None:
                cache[rel] = (to_load[rel][1], item)
        if item is None and failed is not None:
            failed.add(rel)
        if item and (drafts or not item.meta.get("draft")):
            pages.append(item)
    return pages


def _load_all(root: Path, to_load: dict[str, tuple[str, Stamp]]) -> dict[str, tuple[Page | None, list[SiteError]]]:
    """Read and validate files (path → section): each one's page, or None, and its errors."""

    def load(rels: list[str]) -> list[tuple[str, Page | None, list[SiteError]]]:
        done = []
        for rel in rels:
            problems = Errors()
            done.append((rel, load_page(root, rel, to_load[rel][0], problems), problems.items))
        return done

    rels = list(to_load)
    count = cores() if len(rels) >= LOAD_IN_WORKERS else 1
    if count > 1:
        parts = run_forked([lambda i=i: load(rels[i::count]) for i in range(count)])  # type: ignore[misc]
    else:
        parts = [load(rels)]
    return {rel: (page, problems) for part in parts for rel, page, problems in part}


def load_page(root: Path, rel: str, section: str, errors: Errors) -> Page | None:
    try:
        raw = (root / rel).read_bytes()
        text = decode(raw, rel)
        document = split(text, rel)
    except YamlError as exc:
        errors.extend([exc.error])
        return None
    except OSError as exc:
        errors.add(rel, None, f"cannot read: {exc.strerror}")
        return None
    meta = schema.read(document.meta, SCHEMAS[section], rel, errors, line=1)
    if meta is None:
        return None
    slug = slugify(Path(rel).stem) if section else "index"
    if not slug:
        errors.add(rel, None, "the file name gives an empty slug", "name the file with letters or digits")
        return None
    return Page(rel, section, slug, meta, document.body, document.body_line,
                hashlib.blake2b(raw, digest_size=16).hexdigest(), text_key(text[: len(text) - len(document.body)]))
