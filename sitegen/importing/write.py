"""Writing an import: the article's file name, the kept original, and the
article's front matter and body — keeping the editor's own fields on a
re-import.

The kept copy's name is unique by content (``seeds/<stem>-<12 hex of
sha256>.<ext>``): the same bytes imported twice share one copy, different
bytes never do. A slug is a valid slug or an error (issue 19.5), so the
target is always ``content/articles/<slug>.md``. Everything is written to a
temporary file first and moved into place, so an interrupted import leaves
no half-written article.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Sequence

import yaml

from ..errors import SiteError
from ..frontmatter import Document, Scalar, Seq, YamlError, decode, split
from ..slugs import slugify
from ..schema import parse_date
from .escape import escape_heading, escape_paragraph
from .html import HTML_SUFFIXES, TEXT_SUFFIXES

ARTICLES = "content/articles"
MAX_SLUG = 120
ORDER = ("title", "date", "outlet", "paraphrase_of", "wire", "summary", "actors", "topics", "draft", "url", "source",
         "title_note", "date_note", "outlet_note", "url_note", "notes", "stripped", "ticker", "ticker_note")
"""Front-matter keys in the order an imported article lists them."""
PRODUCED = ("title", "date", "outlet", "wire", "actors", "url", "source", "title_note", "date_note", "outlet_note",
            "url_note", "notes", "stripped", "ticker")
"""Keys an import writes. Any other key in an existing article is the editor's."""
_FACT_NOTES = {"title_note": "title", "date_note": "date", "outlet_note": "outlet"}


def slug_problem(slug: str) -> str:
    """Why a slug is not usable as an article's file name, or ''."""
    if not slug:
        return "is empty"
    if len(slug) > MAX_SLUG:
        return f"is {len(slug)} characters long, over {MAX_SLUG}"
    if slugify(slug) != slug:
        return "is not a slug (lower-case letters, digits and single hyphens)"
    return ""


_STOP = {"the", "a", "an", "of", "for", "to", "in", "on", "and", "with", "says", "say", "said", "is", "are"}


def make_slug(date: dt.date, outlet: str | None, title: str) -> str:
    """'2025-02-22-guardian-trump-putin-russia': date, outlet, the headline's names."""
    outlet_part = slugify(re.sub(r"(?i)^the\s+", "", outlet or "unknown")).split("-")[0]
    words = re.findall(r"[\w’'-]+", title)
    names = [w for w in words[1:] if w[0].isupper() and w.lower() not in _STOP][:3]
    chosen = names or [w for w in words if w.lower() not in _STOP][:4]
    slug = "-".join(p for p in (date.isoformat(), outlet_part, slugify(" ".join(chosen))) if p)
    return slug[:MAX_SLUG].rstrip("-")


def kept_name(data: bytes, name: str, html: bool) -> str:
    """Where a copy of an original is kept: seeds/<stem>-<first 12 hex of its sha256>.<ext>.
    The extension keeps the original's kind (a page stays .html, a text .txt)."""
    path = PurePosixPath(name)
    suffix = path.suffix.lower()
    if suffix not in (HTML_SUFFIXES if html else TEXT_SUFFIXES):
        suffix = ".html" if html else ".txt"
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", path.stem if path.suffix else path.name).strip("-._")[:60] or "original"
    return f"seeds/{stem}-{hashlib.sha256(data).hexdigest()[:12]}{suffix}"


def source_path(root: Path, file: Path | None, data: bytes, name: str, html: bool) -> tuple[str, bool]:
    """(the `source:` path, whether a copy must be written there): a file inside the site is
    recorded by its own path; anything else is kept as a copy named by its content."""
    if file is not None:
        try:
            return file.resolve().relative_to(root.resolve()).as_posix(), False
        except ValueError:
            pass
    return kept_name(data, name, html), True


@dataclass(frozen=True, slots=True)
class Existing:
    """An article already at the target, as far as a re-import needs it."""

    document: Document
    lines: list[str]
    """The file's lines."""

    def block(self, key: str) -> str:
        """The key's YAML exactly as the editor wrote it (from its line to the next key)."""
        items = self.document.meta.items
        start = items[key][0]
        later = sorted(line for line, _ in items.values() if line > start)
        end = later[0] if later else self.document.body_line - 1  # the closing '---'
        return "\n".join(self.lines[start - 1 : end - 1]).rstrip("\n") + "\n"

    def scalar(self, key: str) -> str | None:
        node = self.document.meta.items.get(key, (0, None))[1]
        return node.text if isinstance(node, Scalar) and node.kind != "null" else None

    def texts(self, key: str) -> list[str]:
        node = self.document.meta.items.get(key, (0, None))[1]
        if isinstance(node, Seq):
            return [item.text for item in node.items if isinstance(item, Scalar)]
        if isinstance(node, Scalar) and node.kind != "null":
            return [node.text]
        return []

    def has(self, key: str) -> bool:
        return key in self.document.meta.items


def read_existing(target: Path, rel: str) -> Existing:
    """The article at the target, or YamlError naming what is wrong with it."""
    text = decode(target.read_bytes(), rel)
    document = split(text, rel)
    return Existing(document, text.split("\n"))


@dataclass
class Merged:
    """The front matter to write, and what was kept from the editor's file."""

    blocks: dict[str, str] = field(default_factory=dict)
    """key → YAML text, in the order written."""
    kept: list[str] = field(default_factory=list)
    """What the report says was kept ('topics', 'notes (2 yours, 1 added)')."""


def _dump(key: str, value: Any) -> str:
    if isinstance(value, dt.datetime):  # ISO 8601 with its 'T' and timezone, as the schema documents it
        return f"{key}: {value.isoformat()}\n"
    return yaml.safe_dump({key: value}, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)


def merge(meta: dict[str, Any], existing: Existing | None) -> Merged:
    """The front matter of a (re-)import: ``meta`` as established, and from ``existing`` every
    field the editor wrote — summary, topics, url and url_note, notes, any field an import
    does not write — and a fact's note when the fact itself is unchanged."""
    merged = Merged()
    chosen: dict[str, str] = {}
    for key, value in meta.items():
        if value not in (None, "", [], ()) or key == "outlet":  # outlet: null says 'unknown'; it is required
            chosen[key] = _dump(key, value)
    if existing is not None:
        for key in existing.document.meta.order:
            if key not in PRODUCED:
                chosen[key] = existing.block(key)
                merged.kept.append(key)
        if existing.has("url") or existing.has("url_note"):
            found = meta.get("url")
            for key in ("url", "url_note"):
                chosen.pop(key, None)
                if existing.has(key):
                    chosen[key] = existing.block(key)
                    merged.kept.append(key)
            if found and existing.scalar("url") != found:
                merged.kept.append(f"(the address this import found, {found}, was not written)")
        for note, fact in _FACT_NOTES.items():
            if existing.has(note) and _same_fact(fact, existing, meta.get(fact)):
                if existing.block(note) != chosen.get(note):
                    merged.kept.append(note)
                chosen[note] = existing.block(note)
        theirs = existing.texts("notes")
        if theirs:
            added = [n for n in meta.get("notes") or [] if n not in theirs]
            chosen["notes"] = _dump("notes", theirs + added)
            merged.kept.append(f"notes ({len(theirs)} yours" + (f", {len(added)} added)" if added else ")"))
    for key in ORDER:
        if key in chosen:
            merged.blocks[key] = chosen.pop(key)
    merged.blocks.update(chosen)  # keys sitegen does not know, kept where the build will name them
    return merged


def _same_fact(fact: str, existing: Existing, value: Any) -> bool:
    text = existing.scalar(fact)
    if fact == "date":
        return text is not None and parse_date(text) == value
    if fact == "outlet":
        return bool(text == value)  # None == None: both unknown
    return text is not None and text == value


def render(merged: Merged, blocks: Sequence[tuple[str, str]], ids: Sequence[int] = ()) -> str:
    """The article file: front matter, then each paragraph and subhead escaped to render as
    itself. ``ids``: each paragraph's number (p-N) when a re-import keeps earlier ones; a
    ``{#p-N}`` line goes before a paragraph only where the numbers do not simply count on."""
    head = "".join(merged.blocks.values())
    parts, previous, index = [], 0, 0
    for kind, text in blocks:
        if kind == "h":
            parts.append(escape_heading(text))
            continue
        number = ids[index] if index < len(ids) else previous + 1
        index += 1
        parts.append((f"{{#p-{number}}}\n" if number != previous + 1 else "") + escape_paragraph(text))
        previous = number
    return f"---\n{head}---\n" + "\n\n".join(parts) + "\n"


def kept_paragraph_ids(old: Sequence[tuple[int, str]], new: Sequence[str]) -> list[int]:
    """The number of each new paragraph: an unchanged paragraph (the same text, in the same
    order) keeps the number it had, so links and hints to it still hold after a re-import
    that drops furniture or adds a paragraph; a new or changed one gets a number no paragraph
    had. ``old``: (number, text) of the article's paragraphs before."""
    from difflib import SequenceMatcher

    from ..excerpts import fold

    before = [fold(text) for _, text in old]
    after = [fold(text) for text in new]
    numbers: list[int | None] = [None] * len(new)
    for block in SequenceMatcher(None, before, after, autojunk=False).get_matching_blocks():
        for offset in range(block.size):
            numbers[block.b + offset] = old[block.a + offset][0]
    fresh = max((n for n, _ in old), default=0)
    result = []
    for number in numbers:
        if number is None:
            fresh += 1
            number = fresh
        result.append(number)
    return result


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path``, then move it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".import-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(temporary, 0o666 & ~mask)  # mkstemp makes 0600: give the file the mode any new file gets
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def keep_copy(root: Path, rel: str, data: bytes) -> SiteError | None:
    """Write the kept copy, or reuse the one already there with the same bytes."""
    path = root / rel
    if path.exists():
        if path.is_file() and path.read_bytes() == data:
            return None
        return SiteError(rel, None, "a different file already has this kept copy's name",
                         "the kept copy was changed after an import: restore it, or move it away and import again")
    write_atomically(path, data)
    return None


def existing_problem(error: YamlError, rel: str) -> SiteError:
    return SiteError(error.error.path, error.error.line, f"cannot keep the editor's fields of {rel}: "
                     f"{error.error.message}", "fix the front matter, or pass --replace-all to replace the whole file")

