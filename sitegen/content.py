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
from .errors import Errors
from .frontmatter import YamlError, decode, split
from .markdown import slugify
from .schema import Field

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

SCHEMAS: dict[str, list[Field]] = {
    "articles": [
        Field("title", schema.nonempty_text, required=True, doc="the headline"),
        Field("date", schema.date, required=True, doc="publication date (YYYY-MM-DD, or a date-time with timezone)"),
        Field("outlet", schema.optional_text, required=True, doc="who published it; null when unknown"),
        Field("actors", schema.list_of(schema.nonempty_text), default=(), doc="people, organisations, countries named"),
        Field("url", schema.url, doc="the original's address"),
        Field("wire", schema.list_of(schema.nonempty_text, allow_single=True), default=(), doc="agencies credited"),
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
    key: str = field(init=False)
    """How other pages refer to it: 'articles/slug'."""
    body_hash: str = field(init=False)
    """A digest of the body, for caches."""
    refers: bool = field(init=False)
    """Whether the body may link to other pages or hold blocks (excerpts, headlines): an article
    that does not is parsed only when its own page is rendered."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", f"{self.section}/{self.slug}" if self.section else "index")
        object.__setattr__(self, "body_hash", text_key(self.body))
        object.__setattr__(self, "refers", ".md" in self.body or ":::" in self.body)

    @property
    def url(self) -> str:
        """Path below the base URL, with a leading and trailing slash."""
        if not self.section:
            return "/"
        if self.section == "pages":
            return f"/{self.slug}/"
        return f"/{self.section}/{self.slug}/"

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


def _markdown_files(content: Path) -> list[tuple[str, os.stat_result]]:
    """(path relative to content/, stat) of every *.md file below content/, sorted."""
    found = []
    for folder, dirs, files in os.walk(content):
        dirs.sort()
        prefix = os.path.relpath(folder, content).replace(os.sep, "/")
        prefix = "" if prefix == "." else prefix + "/"
        for name in files:
            if name.endswith(".md"):
                full = os.path.join(folder, name)
                try:
                    info = os.stat(full)
                except OSError:
                    continue  # vanished while we looked
                if stat.S_ISREG(info.st_mode):
                    found.append((prefix + name, info))
    return sorted(found, key=lambda item: item[0])


def load_pages(root: Path, errors: Errors, drafts: bool = False,
               failed: set[str] | None = None, cache: dict[str, Any] | None = None) -> list[Page]:
    """Every content/**/*.md as a Page, in a stable order; invalid files add errors
    (and their paths to ``failed``, so later phases don't report them missing).

    With a cache, a file whose (mtime, size, inode) is unchanged is taken as it was
    validated before; ``sitegen serve`` also drops the entries of files it saw change.
    """
    content = root / "content"
    pages: list[Page] = []
    if not content.is_dir():
        return pages
    for inner, info in _markdown_files(content):
        rel = "content/" + inner
        parts = inner.split("/")
        if len(parts) == 1:
            if parts[0] != "index.md":
                errors.add(rel, None, "a content file must be inside a section folder",
                           f"move it to content/{{{','.join(SECTIONS)}}}/")
                continue
            section = ""
        else:
            section = parts[0]
            if section not in SECTIONS:
                errors.add(rel, None, f"unknown section '{section}'", f"use one of {', '.join(SECTIONS)}")
                continue
        page = None
        stamp = (info.st_mtime_ns, info.st_size, info.st_ino)
        hit = cache.get(rel) if cache is not None else None
        if hit and hit[0] == stamp:
            page = hit[1]
        else:
            page = load_page(root, rel, section, errors)
            if page is not None and cache is not None:
                cache[rel] = (stamp, page)
        if page is None and failed is not None:
            failed.add(rel)
        if page and (drafts or not page.meta.get("draft")):
            pages.append(page)
    return pages


def load_page(root: Path, rel: str, section: str, errors: Errors) -> Page | None:
    try:
        raw = (root / rel).read_bytes()
        document = split(decode(raw, rel), rel)
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
    return Page(rel, section, slug, meta, document.body, document.body_line, hashlib.blake2b(raw, digest_size=16).hexdigest())
