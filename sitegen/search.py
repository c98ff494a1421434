"""Full-text search (``search: true``): Pagefind fed from memory, one record per page.

A page's record is made from what the build already holds — its title, its body's Markdown
turned into readable text, its outlet, actors and topics as filters — never from the HTML
written: no page is read back, and no HTML is parsed. So what is searched is exactly the
article's words; the page's labels ("Source article", "Headline: …") and the hidden filter
text never reach a snippet (issue 18).

Records are made through :class:`~sitegen.facts.Facts`, so each one knows the facts it read;
``sitegen serve`` keeps them (:class:`Memo`) and remakes only those whose facts changed.

``pagefind.py`` hands the records to Pagefind's indexer; ``bundles.py`` says where the index goes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import jinja2
import jinja2.meta

from . import bundles
from .bodies import Bodies
from .bundles import SECTIONS
from .content import BodyRef
from .digests import text_key
from .errors import SiteError
from .facts import Fact, Facts, FactTable
from .feeds import marked_title
from .frontmatter import YamlError, decode
from .parts import actor_links, card, outlet_ref, topic_link
from .readable import readable_text
from .render import Renderer
from .reuse import Derived
from .theme import PACKAGE_THEMES


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


def theme_warnings(renderer: Renderer, pages: int) -> list[SiteError]:
    """A site's own ``search.html`` that would search only the first bundle of a split index
    (a template written before ``bundles.py`` split it): the build says so rather than serving
    a search that quietly misses half the pages."""
    count = len(bundles.folders(pages))
    if count == 1:
        return []
    try:
        source, filename, _ = renderer.env.loader.get_source(renderer.env, "search.html")  # type: ignore[union-attr]
        read = jinja2.meta.find_undeclared_variables(renderer.env.parse(source))
    except jinja2.TemplateError:
        return []  # (rendering the page reports it)
    path = Path(filename or "search.html").resolve()
    if "bundles" in read or path.is_relative_to(PACKAGE_THEMES):
        return []
    try:
        shown = path.relative_to(renderer.config.root.resolve()).as_posix()
    except ValueError:
        shown = str(path)
    return [SiteError(shown, None, f"the search index is {count} bundles ({pages:,} pages searched; it is split from "
                                   f"{bundles.SPLIT_FROM:,}), but this search.html does not read `bundles`: a search "
                                   "would find only the pages of the first",
                      "merge the others into the first as the default theme's search.html and search.js do "
                      "(see SearchPage in the README)")]


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
        made = bodies.readables.get(body.hash)  # (made as the body was read)
        text = texts[body.hash] = made if made is not None else readable_text(_markdown(bodies, body))
    actors = tuple(dict.fromkeys(a.name for a in actor_links(facts, tuple(meta.get("actors") or ()))))
    if front.section == "articles":
        title = marked_title(facts, key)  # the theme's mark, as the page's heading
        if meta.get("paraphrase_of") or meta.get("translated_from"):  # its words show in the snippet: cautioned
            title = f"{title} ({facts.derived.mark('short_caution', card(facts, key))})"
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
