"""Walk ``content/`` into :class:`Page` objects: read and validate, never render.

Sections are the top folders: ``articles/``, ``topics/``, ``pages/``; each has
its own front-matter table. ``content/index.md`` is the home page's text.
Metadata precedence: defaults < file name (the slug) < front matter.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from . import schema
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


@dataclass(frozen=True, slots=True)
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

    @property
    def key(self) -> str:
        """How other pages refer to it: 'articles/slug'."""
        return f"{self.section}/{self.slug}" if self.section else "index"

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


def load_pages(root: Path, errors: Errors, drafts: bool = False,
               failed: set[str] | None = None) -> list[Page]:
    """Every content/**/*.md as a Page, in a stable order; invalid files add errors
    (and their paths to ``failed``, so later phases don't report them missing)."""
    content = root / "content"
    pages: list[Page] = []
    if not content.is_dir():
        return pages
    for path in sorted(content.rglob("*.md")):
        if not path.is_file():
            continue
        rel = path.relative_to(root).as_posix()
        parts = path.relative_to(content).parts
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
        page = load_page(root, rel, section, errors)
        if page is None and failed is not None:
            failed.add(rel)
        if page and (drafts or not page.meta.get("draft")):
            pages.append(page)
    return pages


def load_page(root: Path, rel: str, section: str, errors: Errors) -> Page | None:
    try:
        document = split(decode((root / rel).read_bytes(), rel), rel)
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
    return Page(rel, section, slug, meta, document.body, document.body_line)
