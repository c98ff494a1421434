"""Walk ``content/`` into :class:`Page` objects: read and validate, never render.

Sections are the top folders: ``articles/``, ``topics/``, ``pages/``; each has
its own front-matter table. ``content/index.md`` is the home page's text.
Metadata precedence: defaults < file name (the slug) < front matter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import schema
from .digests import bytes_key, text_key
from .errors import Errors
from .frontmatter import YamlError, decode, split
from .listing import Stamp
from .schema import Field
from .slugs import slugify
from .sources import read_source

SECTIONS = ("articles", "topics", "pages")

_EVENT = [
    Field("date", schema.date, doc="when it happened (YYYY-MM-DD)"),
    Field("said", schema.text, default="", doc="the text's own words for the day, e.g. 'on Tuesday'"),
    Field("event", schema.nonempty_text, required=True, doc="what happened, in one neutral line"),
    Field("excerpts", schema.list_of(schema.nonempty_text, allow_single=True), default=(),
          doc="ids of the excerpts on this page that report it"),
]

_UPDATE = [
    Field("date", schema.date, required=True, doc="when the page changed"),
    Field("change", schema.nonempty_text, required=True, doc="what changed, in a line for readers"),
    Field("at", schema.text, default="", doc="where on the page: '#excerpt-id' or '#heading' (optional)"),
]

_CORRECTION = [
    Field("date", schema.date, required=True, doc="when the mistake was corrected"),
    Field("wrong", schema.nonempty_text, required=True, doc="what the page said that was wrong"),
    Field("right", schema.nonempty_text, required=True, doc="what is right"),
    Field("at", schema.text, default="", doc="where on the page: '#excerpt-id' or '#heading' (optional)"),
]

HISTORY = [
    Field("updates", schema.list_of(schema.record(_UPDATE)), default=(), doc="the page's changes, for readers"),
    Field("corrections", schema.list_of(schema.record(_CORRECTION)), default=(),
          doc="mistakes the page made, and what is right"),
    Field("aliases", schema.list_of(schema.url_path), default=(),
          doc="old addresses of the page: each redirects here"),
]
"""What every page may carry: its history, and the addresses it had before."""

TITLE_KINDS = ("published", "editor", "unconfirmed")
"""Where a headline comes from: the outlet's own, written by the briefing's editor, or not confirmed."""

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
        Field("title_kind", schema.one_of(*TITLE_KINDS), default="published",
              doc="published (the outlet's), editor (written by the briefing's editor) or unconfirmed"),
        Field("date", schema.optional_date, required=True,
              doc="the copy's publication date (YYYY-MM-DD, or a date-time with timezone); null when unknown"),
        Field("original_date", schema.date, doc="for a copy: the date of the report it copies"),
        Field("original_date_note", schema.text, default="", doc="how the original's date was established"),
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
        Field("source", schema.site_path, doc="the raw original in seeds/, byte-for-byte"),
        Field("title_note", schema.text, default="", doc="where the headline comes from"),
        Field("date_note", schema.text, default="", doc="how the date was established"),
        Field("outlet_note", schema.text, default="", doc="how the outlet was established"),
        Field("url_note", schema.text, default=""),
        Field("notes", schema.list_of(schema.nonempty_text, allow_single=True), default=(),
              doc="other provenance notes, shown on the page"),
        Field("paraphrase_of", schema.nonempty_text,
              doc="set on a machine-paraphrased copy: the outlet whose report it rewrites"),
        Field("translated_from", schema.nonempty_text,
              doc="set on a machine translation: what was translated, e.g. 'BTA press review'"),
        Field("stripped", schema.list_of(schema.text), default=(), doc="boilerplate removed on import"),
        Field("ticker", schema.list_of(schema.record(_HEADLINE)), default=(),
              doc="headlines an aggregator showed beside the article (not article text)"),
        Field("ticker_note", schema.text, default=""),
        *HISTORY,
    ],
    "topics": [
        Field("title", schema.nonempty_text, required=True),
        Field("summary", schema.text, default=""),
        Field("actors", schema.list_of(schema.nonempty_text), default=()),
        Field("events", schema.list_of(schema.record(_EVENT)), default=()),
        Field("weight", schema.integer, default=0, doc="order on /topics/ (smaller first)"),
        Field("draft", schema.boolean, default=False),
        *HISTORY,
    ],
    "pages": [
        Field("title", schema.nonempty_text, required=True),
        Field("summary", schema.text, default=""),
        Field("draft", schema.boolean, default=False),
        *HISTORY,
    ],
    "": [  # content/index.md: the home page's text
        Field("title", schema.text, default=""),
        Field("summary", schema.text, default=""),
    ],
}


@dataclass(frozen=True)  # no slots: a plain __dict__ pickles in C (workers send thousands back)
class Front:
    """What a page says about itself: its identity and front matter, without its body.

    Listings, feeds and taxonomies read only this; a view that reads it is keyed by
    ``meta_hash``, so an edit of the body alone never touches them."""

    source: str
    """Path relative to the site root, e.g. content/articles/x.md."""
    section: str
    """articles, topics, pages, or '' for the home page text."""
    slug: str
    """From the file name."""
    meta: Mapping[str, Any]
    """Validated front matter with defaults filled in (never mutated); ``_lines`` holds each
    key's file line, for the errors of checks that run after loading."""
    meta_hash: str
    """A digest of the front matter's text."""
    digest: str = field(default="", repr=False)
    """Its source and front matter: what a view that reads it depends on (facts.py); made
    from them when not given (the build cache gives it back as it was made)."""
    key: str = field(init=False)
    """How other pages refer to it: 'articles/slug'."""
    url: str = field(init=False)
    """Path below the base URL, with a leading and trailing slash."""

    def __post_init__(self) -> None:
        if not self.digest:
            object.__setattr__(self, "digest", text_key(f"{self.source}\0{self.meta_hash}"))
        object.__setattr__(self, "key", f"{self.section}/{self.slug}" if self.section else "index")
        url = "/" if not self.section else f"/{self.slug}/" if self.section == "pages" else \
            f"/{self.section}/{self.slug}/"
        object.__setattr__(self, "url", url)

    @property
    def title(self) -> str:
        return str(self.meta.get("title") or "")

    @property
    def date(self) -> dt.date | dt.datetime | None:
        value = self.meta.get("date")
        return value if isinstance(value, dt.date) else None

    @property
    def day(self) -> dt.date | None:
        """The date without time (a date-time keeps its own timezone's day)."""
        value = self.date
        return value.date() if isinstance(value, dt.datetime) else value

    @property
    def original_date(self) -> dt.date | dt.datetime | None:
        value = self.meta.get("original_date")
        return value if isinstance(value, dt.date) else None

    @property
    def text_day(self) -> dt.date | None:
        """The day a text's own words count from ("on Tuesday"): for a copy, its original's."""
        value = self.original_date or self.date
        return value.date() if isinstance(value, dt.datetime) else value


@dataclass(frozen=True)
class BodyRef:
    """Where a page's body is, and its digest: what rendering or quoting it reads (the text
    itself comes through :class:`sitegen.bodies.Bodies`)."""

    key: str
    source: str
    section: str
    """Articles' paragraphs are citeable (numbered p-1, p-2, …)."""
    line: int
    """File line where the body starts: body line n is file line line + n - 1."""
    hash: str
    """A digest of the body's text."""
    digest: str = field(default="", repr=False)
    """Its source and text: what a view that renders it depends on (facts.py); made from them
    when not given."""

    def __post_init__(self) -> None:
        if not self.digest:
            object.__setattr__(self, "digest", text_key(f"{self.source}\0{self.hash}"))


@dataclass(frozen=True)
class Page:
    """A content file, validated: its front and where its body is."""

    front: Front
    body: BodyRef
    file_hash: str
    """A digest of the whole file."""
    refers: bool
    """Whether the body may link to other pages or hold blocks (excerpts, headlines): an article
    that does not is parsed only when its own page is rendered."""
    # the front's identity, copied once (a site's assembly reads them tens of thousands of times)
    key: str = field(init=False)
    source: str = field(init=False)
    section: str = field(init=False)
    slug: str = field(init=False)
    url: str = field(init=False)
    meta: Mapping[str, Any] = field(init=False)

    def __post_init__(self) -> None:
        front = self.front
        for name in ("key", "source", "section", "slug", "url", "meta"):
            object.__setattr__(self, name, getattr(front, name))

    @property
    def meta_hash(self) -> str:
        return self.front.meta_hash

    @property
    def body_hash(self) -> str:
        return self.body.hash

    @property
    def title(self) -> str:
        return self.front.title

    @property
    def date(self) -> dt.date | dt.datetime | None:
        return self.front.date

    @property
    def day(self) -> dt.date | None:
        return self.front.day

    def file_line(self, body_line: int) -> int:
        return self.body.line + body_line - 1


def refers(body: str) -> bool:
    """Whether a body may hold links to content files, blocks that quote other pages, or a
    paragraph id or block attribute (``{#p-7}``) to check: then it is parsed with the site."""
    return ".md" in body or ":::" in body or body.startswith("{") or "\n{" in body


Known = dict[str, tuple[Stamp, Page]]
"""Pages validated by an earlier build: content path → (the file's stamp then, the page)."""


def _consistent(meta: Mapping[str, Any], node: Any, section: str, rel: str, errors: Errors) -> bool:
    """What the field tables cannot say alone: a date known for the copy or its original, and a
    history that is neither in the future nor older than the page."""
    def line(key: str) -> int | None:
        found = node.items.get(key)
        return found[0] if found else None

    before = len(errors.items)
    if section == "articles" and meta["date"] is None and meta["original_date"] is None:
        errors.add(rel, line("date"), "date: unknown, and no original_date either",
                   "give the copy's date, or the date of the report it copies as original_date: YYYY-MM-DD")
    if section == "articles" and meta.get("archive_date") is not None and not meta.get("archive_url"):
        errors.add(rel, line("archive_date"), "archive_date is set without archive_url",
                   "add the archived copy's archive_url, or remove archive_date")
    today = dt.date.today()
    own = meta.get("date") or meta.get("original_date")
    own_day = own.date() if isinstance(own, dt.datetime) else own
    for kind in ("updates", "corrections"):
        for index, entry in enumerate(meta.get(kind, ())):
            when = entry["date"].date() if isinstance(entry["date"], dt.datetime) else entry["date"]
            where = f"{kind}[{index + 1}]"
            if when > today:
                errors.add(rel, entry["_line"], f"{where}: date {when} is in the future",
                           "date a change on the day it was made")
            elif own_day is not None and when < own_day:
                errors.add(rel, entry["_line"], f"{where}: date {when} is before the page's own date {own_day}",
                           "a page cannot change before it was published: check both dates")
    return len(errors.items) == before


def load_page(root: Path, rel: str, section: str, errors: Errors) -> tuple[Page | None, str | None]:
    """One content file: its page and body text, or (None, None) with errors added."""
    try:
        raw = read_source(root / rel, rel)
        text = decode(raw, rel)
        document = split(text, rel)
    except YamlError as exc:
        errors.extend([exc.error])
        return None, None
    except OSError as exc:
        errors.add(rel, None, f"cannot read: {exc.strerror}")
        return None, None
    meta = schema.read(document.meta, SCHEMAS[section], rel, errors, line=1)
    if meta is None or not _consistent(meta, document.meta, section, rel, errors):
        return None, None
    meta["_lines"] = {key: line for key, (line, _) in document.meta.items.items()}  # for later checks' errors
    slug = slugify(Path(rel).stem) if section else "index"
    if not slug:
        errors.add(rel, None, "the file name gives an empty slug", "name the file with letters or digits")
        return None, None
    front = Front(rel, section, slug, meta, text_key(text[: len(text) - len(document.body)]))
    body = document.body
    ref = BodyRef(front.key, rel, section, document.body_line, text_key(body))
    return Page(front, ref, bytes_key(raw), refers(body)), body
