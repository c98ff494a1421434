"""Full-text search (``search: true``): Pagefind fed from memory, one record per page.

A page's record is made from what the build already holds — its title, its body's Markdown
turned into readable text, its outlet, actors and topics as filters — never from the HTML
written: no page is read back, and no HTML is parsed. So what is searched is exactly the
article's words; the page's labels ("Source article", "Headline: …") and the hidden filter
text never reach a snippet (issue 18).

Records are made through :class:`~sitegen.facts.Facts`, so each one knows the facts it read;
``sitegen serve`` keeps them (:class:`Memo`) and remakes only those whose facts changed.

``pagefind.py`` hands the records to Pagefind's indexer.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any, Iterable

from .bodies import Bodies
from .content import BodyRef
from .digests import text_key
from .facts import Fact, Facts, FactTable
from .frontmatter import YamlError, decode
from .parts import actor_links, card, outlet_ref, topic_link
from .render import Renderer
from .reuse import Derived

SECTIONS = ("articles", "topics")
"""The sections whose pages are searched (the other pages are lists and furniture)."""
FOLDER = "pagefind"
"""The index's folder in the output."""

# --- readable text ----------------------------------------------------------------------

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_DROPPED_LINE = re.compile(
    r"^ {0,3}(?:"
    r":{3,}.*"                                  # ::: excerpt / headlines containers (their parameters)
    r"|(?:[-*_] *){3,}"                         # thematic breaks
    r"|=+ *|-+ *"                               # setext underlines
    r"|\|? *:?-+:? *(?:\| *:?-+:? *)*\|? *"     # a table's delimiter row
    r"|\[(?!\^)[^\]]+\]: *\S+.*"                # link reference definitions
    r"|<!--.*-->"                               # a comment alone on its line
    r")$")
_BLOCK_MARKS = re.compile(r"^ {0,3}(?:>\s?|#{1,6}(?=\s|$)|[-*+](?=\s)|\d{1,9}[.)](?=\s)|\[\^[^\]]+\]:)\s*")
_CLOSING_HASHES = re.compile(r"\s+#+\s*$")
_IMAGE = re.compile(r"!\[([^\]]*)\]\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)")
_LINK = re.compile(r"\[([^\]]*)\](?:\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)|\[[^\]]*\])")
_FOOTNOTE_REF = re.compile(r"\[\^[^\]]+\]")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_TAG = re.compile(r"<!--.*?-->|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>", re.S)
_UNDERSCORES = re.compile(r"(?<!\w)_+|_+(?!\w)")
"""Emphasis by underscores: never inside a word (snake_case stays)."""
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_SHELTER = 0xF0000
"""Escaped punctuation (``\\*``) is kept from the mark removal under a private-use code point."""
_UNSHELTER = {_SHELTER + c: chr(c) for c in range(0x21, 0x7F)}
_DROPPED_LEADS = frozenset(":-*_=|[<")
_MARK_LEADS = frozenset(">#-*+[0123456789")
"""The first characters of the lines the two patterns above can match (most lines: neither)."""


def readable_text(markdown: str) -> str:
    """A page body's Markdown as the words a reader sees: link text without its address, no
    emphasis marks, no container lines (``::: excerpt …``), headings and quotes as plain lines.

    A cheap reading of CommonMark, not a parser: the search index needs the words, not the
    structure, and parsing every body again would cost as much as rendering it."""
    lines: list[str] = []
    fenced = ""
    for line in markdown.splitlines():
        lead = line.lstrip(" ")[:1]
        fence = _FENCE.match(line) if lead in ("`", "~") else None
        if fenced:
            if fence and fence.group(1)[0] == fenced[0] and len(fence.group(1)) >= len(fenced):
                fenced = ""
            else:
                lines.append(line)  # code is read as it is
            continue
        if fence:
            fenced = fence.group(1)
            continue
        if not lead:
            continue
        if lead in _DROPPED_LEADS and _DROPPED_LINE.match(line):
            continue
        while lead in _MARK_LEADS:  # "> - ## x": every block mark at the start of the line
            stripped = _BLOCK_MARKS.sub("", line, count=1)
            if stripped == line:
                break
            line = stripped
            lead = line[:1]
        if line.endswith("#"):
            line = _CLOSING_HASHES.sub("", line)
        if line.count("|") >= 2:  # a table row: its cells, apart
            line = line.replace("|", " ")
        lines.append(_inline_text(line))
    return " ".join(" ".join(lines).split())


def _inline_text(line: str) -> str:
    sheltered = "\\" in line
    if sheltered:
        line = _ESCAPE.sub(lambda m: chr(_SHELTER + ord(m.group(1))), line.removesuffix("\\"))  # (a hard break)
    if "[" in line:  # (most lines have no link: skip the patterns)
        line = _IMAGE.sub(r"\1", line)
        line = _FOOTNOTE_REF.sub("", line)
        for _ in range(3):  # a link inside a link's text, at most this deep
            found = _LINK.sub(r"\1", line)
            if found == line:
                break
            line = found
    if "<" in line:
        line = _TAG.sub("", _AUTOLINK.sub(r"\1", line))
    # emphasis, strong, strikethrough and code marks (a literal one is written escaped)
    line = line.replace("*", "").replace("`", "").replace("~~", "")
    if "_" in line:
        line = _UNDERSCORES.sub("", line)
    if "&" in line:
        line = html.unescape(line)
    return line.translate(_UNSHELTER) if sheltered else line


# --- records ------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Record:
    """One page as the search index holds it."""

    url: str
    """The page's address as a link from the search page follows it (with the base path)."""
    title: str
    """As the page's heading shows it, in plain text."""
    content: str
    """What is searched and quoted in snippets: the title, then the readable body."""
    filters: tuple[tuple[str, tuple[str, ...]], ...]
    """(filter, values), in a fixed order: section, outlet, topic, actor."""

    def message(self, index_id: int, language: str) -> dict[str, Any]:
        return {"type": "AddRecord", "index_id": index_id, "url": self.url, "content": self.content,
                "language": language, "meta": {"title": self.title},
                "filters": {name: list(values) for name, values in self.filters}, "sort": None}


@dataclass
class Memo:
    """The records of the last build, with the facts each read (``sitegen serve`` keeps one)."""

    key: str = ""
    """The renderer's key (sitegen's code, the theme, the config) the records were made with."""
    records: dict[str, tuple[Record, frozenset[Fact]]] = field(default_factory=dict)
    """page key → (record, the facts it read)."""
    digests: dict[Fact, str] = field(default_factory=dict)
    """Each fact a kept record read → its digest when read."""
    texts: dict[str, str] = field(default_factory=dict)
    """body digest → readable text."""


def language_of(tag: str) -> str:
    """Pagefind's language (ISO 639-1: 'en') for the site's BCP 47 tag ('en-GB')."""
    return tag.split("-")[0].lower() or "en"


def make_records(table: FactTable, renderer: Renderer, bodies: Bodies, memo: Memo | None = None) -> list[Record]:
    """Every searched page's record, in URL order (Pagefind's output follows the order records
    arrive in). With a memo, a record none of whose facts changed is the memo's (each fact's
    digest is compared once, however many records read it), and the memo is brought up to date."""
    site = table.site
    keys = [key for section in SECTIONS for key in site.sections.get(section, ())]
    kept_after = memo is not None
    memo = memo if memo is not None else Memo(renderer.key)
    if memo.key != renderer.key:
        memo.key, memo.records, memo.digests = renderer.key, {}, {}
    digest = table.digest
    changed = {name for name, was in memo.digests.items() if digest(name) != was}
    derived = Derived({}, renderer, bodies, one_shot=False)
    made: dict[str, tuple[Record, frozenset[Fact]]] = {}
    fresh: set[Fact] = set()
    for key in keys:
        kept = memo.records.get(key)
        if kept is not None and kept[1].isdisjoint(changed):
            made[key] = kept
            continue
        facts = Facts(table, derived)
        made[key] = (_record(facts, key, bodies, memo.texts), frozenset(facts.reads))
        fresh |= facts.reads
    if kept_after:
        if len(made) != len(memo.records) or not made.keys() <= memo.records.keys():  # pages came or went
            memo.digests = {name: digest(name) for name in frozenset().union(*(reads for _, reads in made.values()))}
        else:
            memo.digests.update((name, digest(name)) for name in changed | fresh)
    memo.records = made
    if len(memo.texts) > len(keys):  # (edits leave texts no page has now)
        used = {site.pages[key].body.hash for key in keys}
        memo.texts = {body: text for body, text in memo.texts.items() if body in used}
    return sorted((record for record, _ in made.values()), key=lambda r: r.url)


def _record(facts: Facts, key: str, bodies: Bodies, texts: dict[str, str]) -> Record:
    front, body = facts.front(key), facts.body(key)
    assert front is not None and body is not None, key
    meta = front.meta
    text = texts.get(body.hash)
    if text is None:
        text = texts[body.hash] = readable_text(_markdown(bodies, body))
    actors = tuple(dict.fromkeys(a.name for a in actor_links(facts, tuple(meta.get("actors") or ()))))
    if front.section == "articles":
        title = front.title
        if meta.get("title_kind", "published") != "published":  # the theme's mark, as the page's heading
            title = facts.derived.mark("plain_headline", card(facts, key))
        outlet = outlet_ref(facts, meta.get("outlet"))
        filters: tuple[tuple[str, tuple[str, ...]], ...]
        topics = tuple(dict.fromkeys(topic_link(facts, t).title for t in meta.get("topics") or ()))
        filters = (("section", ("Articles",)), ("outlet", (outlet.name,) if outlet.known else ()),
                   ("topic", topics), ("actor", actors))
        parts: Iterable[str] = (front.title, text)  # the words alone: the mark is the heading's
    else:
        title = front.title
        filters = (("section", ("Topics",)), ("topic", (title,)), ("actor", actors))
        parts = (title, str(meta.get("summary") or ""), text)  # the standfirst is read as the page's text
    content = " ".join(part for part in parts if part)
    return Record(facts.config.url(front.url), title, content,
                  tuple((name, values) for name, values in filters if values))


def _markdown(bodies: Bodies, body: BodyRef) -> str:
    """A body's Markdown: the build's copy, else its file's lines from the body's first, when
    they are still the text the build loaded (its digest). A clean build keeps few bodies; this
    reads the others without parsing their front matter again."""
    found = bodies.texts.get(body.hash)
    if found is not None:
        return found
    try:
        text = decode((bodies.root / body.source).read_bytes(), body.source)
    except (OSError, YamlError):
        text = ""
    start = 0
    for _ in range(body.line - 1):
        start = text.find("\n", start) + 1
        if start == 0:
            break
    if start or body.line == 1:
        markdown = text[start:]
        if text_key(markdown) == body.hash:
            return markdown
    return bodies.text(body)  # changed since it was loaded: its error
