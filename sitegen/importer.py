"""``sitegen import``: raw article text → ``content/articles/<slug>.md``.

Beside the build pipeline: it reads a text copied from the web, separates the
article from the page furniture around it, establishes what the text itself
states (headline, outlet, date, wire credits, actors) and writes a Markdown
article for an editor to review. What the text does not establish is an
error asking for a flag — never a guess.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .data import Registry
from .errors import SiteError
from .frontmatter import YamlError, decode
from .markdown import slugify

# --- page furniture: whole lines that are never article text -------------------
# Each pattern has a label for the import report. Comments name where it was seen.
FURNITURE: list[tuple[str, re.Pattern[str]]] = [
    ("advertisement", re.compile(r"(?i)advertisement|sponsored( content)?")),
    ("photo credit", re.compile(r"(?i)(photo|image|picture|снимка|foto)\s*(credit)?\s*:.*")),
    ("promo", re.compile(r"(?i)want to be your own fact-checker\?.*")),
    ("donation appeal", re.compile(r"(?i)readers like you are keeping these stories free.*"
                                   r"|a mix of advertising and supporting contributions.*"
                                   r"|(learn more )?support (the journal|us)\b.*|(please )?(donate|subscribe) (now|today).*")),
    ("share buttons", re.compile(r"(?i)share( us| this( article)?| on \w+)?|tweet|email this")),
    ("view counter", re.compile(r"\d{1,9}( views?)?")),
    ("link to main version", re.compile(r"(?i)link to (the )?main version")),
    ("read-more link", re.compile(r"(?i)(read more|read also|see also|learn extra|learn more|related)\s*:.*")),
    ("aggregator link", re.compile(r"(?i)(continua a leggere su|altre notizie da|continue reading on|more news from)\b.*")),
    ("aggregator heading", re.compile(r"(?i)breaking news|latest news|ultime notizie")),
]
PHOTO_CREDIT_SUFFIX = re.compile(r"\s*((?:Alamy Stock Photo|Getty Images|Shutterstock|AP Photo|EPA-EFE)\s*)+$")
CONTINUE_READING = re.compile(r"\s*Continue reading(?:\.\.\.|…)?\s*$")
END_MARKER = re.compile(r"\s*\b(Enditem|ENDITEM|\(END\))\s*$")
TICKER_ITEM = re.compile(r"(\d{2}/\d{2} \d{2}:\d{2}) - ")

# --- what the text states about itself ---------------------------------------
DATELINE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})\s+(\d{1,2}:\d{2})\s+(.+)")
BYLINE = re.compile(r"(?i)by\s*(?:(?P<author>[^·|]*?)\s*)?[·|]\s*(?P<outlet>.+)")
SOURCE_LINE = re.compile(r"(?i)source\s*:\s*(?P<outlet>.+)")
CREDIT_LINE = re.compile(r"(?i)(?:with )?(?:additional )?reporting (?:from|by) (?P<names>.+?)\.?")

# camelCase glue where a feed flattened two paragraphs: "…minister saysPreparations…",
# or a sentence end glued to the next: "…has said.The event…". Abbreviations (U.S.) are spared.
GLUE = re.compile(r"(?<=[a-z]{4})(?=[A-Z][a-z]+\s)|(?<=[a-z0-9]{2}[.!?])(?=[A-Z][a-z])|(?<=[.!?][”\"’])(?=[A-Z])")


@dataclass
class Options:
    outlet: str | None = None
    date: str | None = None
    title: str | None = None
    url: str | None = None
    wire: list[str] = field(default_factory=list)
    slug: str | None = None
    force: bool = False
    dry_run: bool = False


@dataclass
class Imported:
    """What the importer made of one raw text."""

    title: str
    outlet: str | None
    date: dt.date
    wire: list[str]
    actors: list[str]
    blocks: list[tuple[str, str]]
    """('p' | 'h', text) in order: the article's paragraphs and subheads."""
    stripped: list[str]
    ticker: list[dict[str, str]]
    notes: dict[str, str]
    """title_note, date_note, outlet_note as established from the text."""
    slug: str


class ImportFailed(Exception):
    def __init__(self, errors: list[SiteError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


def _is_subhead(line: str) -> bool:
    """A short line without closing punctuation inside the body is a subhead."""
    if CREDIT_LINE.fullmatch(line):
        return False
    return (len(line) <= 80 and len(line.split()) <= 12 and not re.search(r"[.!?:;,\"”’…)]$", line)
            and not re.fullmatch(r"[\d\W]+", line))


def _furniture(line: str) -> str | None:
    for label, pattern in FURNITURE:
        if pattern.fullmatch(line.strip()):
            return label
    return None


def parse_text(text: str, path: str, options: Options, actors: Registry) -> Imported:
    lines = [line.strip() for line in text.split("\n")]
    numbered = [(i + 1, line) for i, line in enumerate(lines) if line]
    errors: list[SiteError] = []
    stripped: list[str] = []
    ticker: list[dict[str, str]] = []
    found: dict[str, Any] = {"outlet": None, "date": None, "time": None, "title": None, "wire": []}
    notes: dict[str, str] = {}

    # 1. furniture, metadata lines and the aggregator tail
    kept: list[tuple[int, str]] = []
    tail = False
    for number, line in numbered:
        if tail:
            items = TICKER_ITEM.split(line)
            if len(items) >= 7:  # three or more "dd/mm hh:mm - headline" items: a ticker
                for time, headline in zip(items[1::2], items[2::2]):
                    ticker.append({"time": time, "headline": headline.strip()})
                stripped.append(f"aggregator ticker: {len(items) // 2} headlines (kept as ticker:, not as article text)")
            else:
                stripped.append(line)
            continue
        label = _furniture(line)
        if label:
            if label in ("aggregator link", "aggregator heading"):
                tail = True  # everything after the aggregator's own links is the aggregator's
            stripped.append(line)
            continue
        match = DATELINE.fullmatch(line)
        if match and found["date"] is None:
            day, month, year, time, outlet = match.groups()
            found["date"] = dt.date(int(year), int(month), int(day))
            found["time"] = time
            found["outlet"] = outlet.strip()
            notes["date_note"] = (f"From the dateline '{line}' (day/month/year); the time {time} is "
                                  "given without a timezone, so only the date is kept.")
            notes["outlet_note"] = f"Named in the dateline '{line}'."
            stripped.append(line)
            continue
        match = BYLINE.fullmatch(line)
        if match and len(line) < 80 and found["outlet"] is None:
            found["outlet"] = match.group("outlet").strip()
            author = (match.group("author") or "").strip()
            notes["outlet_note"] = f"From the byline '{line}'" + ("." if author else " (no author named).")
            stripped.append(line)
            continue
        match = SOURCE_LINE.fullmatch(line)
        if match and len(line) < 60:
            found["outlet"] = found["outlet"] or match.group("outlet").strip()
            notes.setdefault("outlet_note", f"From the closing line '{line}'.")
            stripped.append(line)
            continue
        match = CREDIT_LINE.fullmatch(line)
        if match:
            found["wire"] = [n.strip() for n in re.split(r",\s*|\s+and\s+", match.group("names")) if n.strip()]
        kept.append((number, line))

    # 2. headline: a first line that does not read as a sentence
    body = kept
    if body and not options.title and _reads_as_headline(body[0][1], len(body)):
        found["title"] = body[0][1]
        notes["title_note"] = "The first line of the text."
        body = body[1:]

    # 3. paragraphs: captions, glued paragraphs, trailing markers
    blocks: list[tuple[str, str]] = []
    for index, (number, line) in enumerate(body):
        credit = PHOTO_CREDIT_SUFFIX.search(line)
        if credit:
            caption = line[: credit.start()].strip()
            following = body[index + 1][1] if index + 1 < len(body) else ""
            stripped.append(line)
            if caption and not following.startswith(caption.rstrip(".")):
                notes.setdefault("caption_note", f"A photo caption was removed: '{caption}'.")
            continue
        if CONTINUE_READING.search(line):
            stripped.append("Continue reading...")
            line = CONTINUE_READING.sub("", line)
            tail = True
        if END_MARKER.search(line):
            stripped.append(END_MARKER.search(line).group(1))  # type: ignore[union-attr]
            line = END_MARKER.sub("", line)
        pieces = [p.strip() for p in GLUE.split(line) if p.strip()]
        if len(pieces) > 1:
            glued = [f"…{a[-12:]}|{b[:12]}…" for a, b in zip(pieces, pieces[1:])]
            notes.setdefault("split_note", "Paragraphs run together in the copy were split at: " + ", ".join(glued))
        for piece in pieces:
            kind = "h" if blocks and _is_subhead(piece) else "p"
            blocks.append((kind, piece))

    # 4. what the flags settle, and what nobody settled
    title = options.title or found["title"]
    if options.title:
        notes["title_note"] = "Headline given on import (--title); the text has none." if not found["title"] \
            else notes.get("title_note", "")
    outlet = options.outlet or found["outlet"]
    if options.outlet:
        notes["outlet_note"] = "Outlet given on import (--outlet)."
    date_text = options.date
    date = found["date"]
    if date_text:
        try:
            date = dt.date.fromisoformat(date_text)
        except ValueError:
            errors.append(SiteError(path, None, f"--date '{date_text}' is not a date", "write --date YYYY-MM-DD"))
        notes["date_note"] = "Date given on import (--date)."
    if not title:
        errors.append(SiteError(path, 1, "no headline found: the first line reads as article text",
                                "pass --title 'Headline' (and say where it comes from in title_note)"))
    if not outlet:
        errors.append(SiteError(path, None, "no outlet found: no dateline, byline or 'Source:' line",
                                "pass --outlet NAME (or --outlet unknown when it cannot be established)"))
    if date is None and not date_text:
        errors.append(SiteError(path, None, "no date found: the text has no dateline",
                                "pass --date YYYY-MM-DD established from the text (keep the reasoning in date_note)"))
    if not any(kind == "p" for kind, _ in blocks):
        errors.append(SiteError(path, None, "no article text left after removing page furniture",
                                "check the file is an article"))
    if errors:
        raise ImportFailed(errors)
    if outlet and outlet.lower() == "unknown":
        outlet = None
    wire = options.wire or found["wire"]
    text_all = " ".join(t for _, t in blocks)
    found_actors = detect_actors(text_all, actors)
    slug = options.slug or make_slug(date, outlet, title)
    return Imported(title, outlet, date, wire, found_actors, blocks, stripped, ticker, notes, slug)


def _reads_as_headline(line: str, lines_left: int) -> bool:
    return lines_left > 1 and len(line) <= 160 and not re.search(r"[.!?:;…\"”]$", line)


def detect_actors(text: str, registry: Registry) -> list[str]:
    """Canonical names of registry entries named in the text, in order of first mention."""
    first: dict[str, int] = {}
    for entry in registry.entries:
        for spelling in (entry.name, *entry.aliases):
            match = re.search(rf"(?<![\w.]){re.escape(spelling)}(?![\w])", text)
            if match:
                first[entry.name] = min(first.get(entry.name, match.start()), match.start())
    return sorted(first, key=lambda name: (first[name], name))


_STOP = {"the", "a", "an", "of", "for", "to", "in", "on", "and", "with", "says", "say", "said", "is", "are"}


def make_slug(date: dt.date, outlet: str | None, title: str) -> str:
    """'2025-02-22-guardian-trump-putin-russia': date, outlet, the headline's names."""
    outlet_part = slugify(re.sub(r"(?i)^the\s+", "", outlet or "unknown")).split("-")[0]
    words = re.findall(r"[\w’'-]+", title)
    names = [w for w in words[1:] if w[0].isupper() and w.lower() not in _STOP][:3]
    chosen = names or [w for w in words if w.lower() not in _STOP][:4]
    return "-".join(p for p in (date.isoformat(), outlet_part, slugify(" ".join(chosen))) if p)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>&|~])")
_LINE_START = re.compile(r"^(#{1,6}\s|[-+*=]\s|[-=_*]{3,}|\d{1,9}[.)]\s|>|:::|\s{4})")


def escape_markdown(text: str) -> str:
    """Text that renders as exactly itself: every character Markdown could read as syntax is escaped."""
    text = _MD_SPECIAL.sub(r"\\\1", text)
    match = _LINE_START.match(text)
    if match:
        start = match.group(0)
        if start[0].isdigit():
            digits = re.match(r"\d+", start).group(0)  # type: ignore[union-attr]
            text = digits + "\\" + text[len(digits):]
        else:
            text = "\\" + text
    return text


def render_article(item: Imported, source: str | None, url: str | None) -> str:
    meta: dict[str, Any] = {"title": item.title, "date": item.date, "outlet": item.outlet}
    if item.wire:
        meta["wire"] = item.wire
    meta["actors"] = item.actors
    if url:
        meta["url"] = url
    if source:
        meta["source"] = source
    for key in ("title_note", "date_note", "outlet_note"):
        if item.notes.get(key):
            meta[key] = item.notes[key]
    extra = [item.notes[k] for k in ("split_note", "caption_note") if item.notes.get(k)]
    if extra:
        meta["notes"] = extra
    if item.stripped:
        meta["stripped"] = item.stripped
    if item.ticker:
        meta["ticker"] = item.ticker
    head = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)
    body = "\n\n".join(("## " + text) if kind == "h" else escape_markdown(text) for kind, text in item.blocks)
    return f"---\n{head}---\n{body}\n"


def report(item: Imported, target: str) -> str:
    lines = [f"{target}: {item.title!r}", f"  outlet: {item.outlet or 'unknown'} · date: {item.date.isoformat()}"
             + (f" · wire: {', '.join(item.wire)}" if item.wire else ""),
             f"  {sum(1 for k, _ in item.blocks if k == 'p')} paragraphs, "
             f"{sum(1 for k, _ in item.blocks if k == 'h')} subheads, actors: {', '.join(item.actors) or 'none'}"]
    if item.stripped:
        lines.append(f"  stripped {len(item.stripped)}:")
        lines += [f"    - {s if len(s) <= 100 else s[:99] + '…'}" for s in item.stripped]
    return "\n".join(lines)


def import_files(root: Path, files: list[Path], options: Options, actors: Registry,
                 echo: Any = print) -> list[SiteError]:
    """Import each file; returns the errors (an empty list when all went well)."""
    errors: list[SiteError] = []
    for file in files:
        shown = str(file)
        try:
            raw = file.read_bytes()
        except OSError as exc:
            errors.append(SiteError(shown, None, f"cannot read: {exc.strerror}"))
            continue
        if not raw.strip():
            errors.append(SiteError(shown, None, "file is empty", "import a file with the article's text"))
            continue
        try:
            text = decode(raw, shown)
            item = parse_text(text, shown, options, actors)
        except YamlError as exc:
            errors.append(exc.error)
            continue
        except ImportFailed as exc:
            errors.extend(exc.errors)
            continue
        rel_target = f"content/articles/{item.slug}.md"
        target = root / rel_target
        if target.exists() and not options.force:
            errors.append(SiteError(rel_target, None, "already exists", "pass --force to overwrite it"))
            continue
        source = _source_path(root, file)
        echo(("dry run: " if options.dry_run else "") + report(item, rel_target))
        if options.dry_run:
            continue
        if source and not (root / source).exists():
            (root / source).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(file, root / source)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render_article(item, source, options.url), encoding="utf-8")
    return errors


def _source_path(root: Path, file: Path) -> str:
    """Where the raw original is kept: its place in the site, or seeds/<name> for a copy."""
    try:
        return file.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return f"seeds/{file.name}"
