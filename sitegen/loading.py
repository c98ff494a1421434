"""Reading the content folder into pages: every listed Markdown file validated (in forked
workers when there are many), pages kept from an earlier build while their files are
unchanged, and in ``sitegen serve`` a memo that re-reads only the files that changed."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import markdown
from .content import SECTIONS, Known, Page, load_page
from .errors import Errors, SiteError
from .listing import Listing, Stamp
from .bodyhtml import Skeleton, pack, skeleton
from .readable import readable_text
from .markdown import Parsed
from .workers import cores, run_shared

ParsedKey = tuple[str, bool, bool]
"""(body digest, citeable, allow_html), as ``bodies.ParsedKey``."""

LOAD_IN_WORKERS = 400
"""From this many files to read and validate, a build reads them in forked workers (YAML is slow)."""

LOAD_CHUNK = 40
"""Files a load worker takes at a time (the next chunk goes to whichever worker is free)."""

PACK_FROM = 20_000
"""From this many files read in workers, their skeletons and their outlines' paragraphs come
packed (``bodyhtml.Packed``, ``markdown.PackedParagraphs``): the parent of a site this large
holds hundreds of megabytes of each until they are rendered or the site is resolved."""



@dataclass
class Loaded:
    """The content files as one build loaded them."""

    pages: list[Page]
    """Every valid page (drafts only with drafts=True), in file order."""
    texts: dict[str, str]
    """Bodies read by this build that the site resolves before rendering (pages that refer to
    others): body digest → text. Other bodies are read when their page is rendered."""
    failed: set[str]
    """Sources that exist but failed to load (their errors are already reported)."""
    memo: LoadMemo | None = None
    """What the next call can start from (when asked for one)."""
    outlines: dict[tuple[str, bool, bool], Parsed] = field(default_factory=dict)
    """Outlines of bodies the site resolves before rendering (``Bodies.outline``), made by the
    workers that read them (a build that reads its files in workers: see ``outline_html``)."""
    skeletons: dict[tuple[str, bool, bool], Skeleton] = field(default_factory=dict)
    """Every body those workers read, rendered with holes for what the site resolves."""
    readables: dict[str, str] = field(default_factory=dict)
    """With ``readable``: body digest → the words a reader sees (``readable.py``), for the
    search index, made by the workers that read the bodies."""


@dataclass
class LoadMemo:
    """What one call of :func:`load_pages` found (``sitegen serve`` keeps it): the listing it
    read, the pages in order with each one's place, and the errors of the files that failed.
    When the next listing names the same files and only valid pages changed, the next call
    re-reads just those and puts them in their places."""

    files: dict[str, Stamp]
    drafts: bool
    outside: tuple[str, ...]
    pages: list[Page]
    places: dict[str, int]
    """page source → its index in ``pages``."""
    errors: list[SiteError]
    failed: set[str]


MEMO_MOST = 50
"""A memo is used for at most this many changed files (more: the whole listing is looked at)."""


def load_pages(root: Path, errors: Errors, listing: Listing, drafts: bool = False,
               known: Known | None = None, memo: LoadMemo | None = None, keep: bool = False,
               outline_html: bool | None = None, readable: bool = False) -> Loaded:
    """Every content/**/*.md of the listing as a Page, in a stable order; invalid files add
    errors. A file whose stamp is the one in ``known`` is taken as it was validated then (and
    its body is not read); ``known`` is updated with what this build read. With ``keep``, the
    result carries a memo for the next call (``memo``: the last call's). With ``outline_html``
    (the site's allow_html), files read in workers come with their bodies parsed there, on every
    core, rather than in this process: the outlines of those the site resolves before rendering,
    and every body's skeleton, so rendering parses nothing; with ``readable`` too (a searched
    site), each body's readable text."""
    if memo is not None:
        again = _load_from(root, errors, listing, drafts, known, memo)
        if again is not None:
            return again
    start = len(errors.items)
    found: list[tuple[str, Page | SiteError | None]] = []  # in file order: a page, an error, or to load
    to_load: dict[str, tuple[str, Stamp]] = {}
    for inner, stamp in listing.files.items():
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
        hit = known.get(rel) if known is not None else None
        if hit is not None and hit[0] == stamp:
            found.append((rel, hit[1]))
        else:
            found.append((rel, None))
            to_load[rel] = (section, stamp)
    loaded, outlines, skeletons, readables = _load_all(root, to_load, outline_html, readable)
    result = Loaded([], {}, set(), outlines=outlines, skeletons=skeletons, readables=readables)
    for rel in listing.outside:
        errors.warn(f"content/{rel}", None, "is a link to a file outside the site: skipped",
                    "copy the file into the site instead of linking to it")
    for rel, item in found:
        if isinstance(item, SiteError):
            errors.extend([item])
            result.failed.add(rel)
            continue
        if item is None:
            page, text, problems = loaded[rel]
            errors.extend(problems)
            if page is not None:
                if text is not None:
                    result.texts[page.body_hash] = text
                if known is not None:
                    known[rel] = (to_load[rel][1], page)
            item = page
        if item is None:
            result.failed.add(rel)
        elif drafts or not item.meta.get("draft"):
            result.pages.append(item)
    if known is not None and len(known) > len(listing.files):
        for rel in [r for r in known if r[len("content/"):] not in listing.files]:
            del known[rel]
    if keep:
        result.memo = LoadMemo(dict(listing.files), drafts, listing.outside, list(result.pages),
                               {page.source: index for index, page in enumerate(result.pages)},
                               errors.items[start:], set(result.failed))
    return result


def _load_from(root: Path, errors: Errors, listing: Listing, drafts: bool, known: Known | None,
               memo: LoadMemo) -> Loaded | None:
    """The pages from the last call's memo, with the few valid pages whose files changed read
    again; None when that is not the case (files came or went, a failed file changed, a page
    turned invalid or draft): then the whole listing is looked at."""
    if memo.drafts != drafts or memo.outside != listing.outside or memo.files.keys() != listing.files.keys():
        return None
    changed = dict(listing.files.items() - memo.files.items())
    if len(changed) > MEMO_MOST or any("content/" + inner not in memo.places for inner in changed):
        return None
    to_load = {"content/" + inner: (inner.partition("/")[0] if "/" in inner else "", stamp)
               for inner, stamp in changed.items()}
    loaded = _load_all(root, to_load)[0]
    pages = list(memo.pages)
    texts: dict[str, str] = {}
    for rel, (page, text, problems) in loaded.items():
        if page is None or problems or (page.meta.get("draft") and not drafts) or page.key != pages[memo.places[rel]].key:
            return None
        pages[memo.places[rel]] = page
        if text is not None:
            texts[page.body_hash] = text
    for rel, (page, _, _) in loaded.items():
        if known is not None:
            known[rel] = (to_load[rel][1], page)  # type: ignore[assignment]
    for rel in listing.outside:
        errors.warn(f"content/{rel}", None, "is a link to a file outside the site: skipped",
                    "copy the file into the site instead of linking to it")
    errors.extend(memo.errors)
    memo = LoadMemo(dict(listing.files), drafts, listing.outside, pages, memo.places, memo.errors, memo.failed)
    return Loaded(pages, texts, set(memo.failed), memo)


def _load_all(root: Path, to_load: dict[str, tuple[str, Stamp]], outline_html: bool | None = None,
              readable: bool = False
              ) -> tuple[dict[str, tuple[Page | None, str | None, list[SiteError]]], dict[ParsedKey, Parsed],
                         dict[ParsedKey, Skeleton], dict[str, str]]:
    """Read and validate files: each one's page, body text and errors; and, read in workers
    with ``outline_html``, each body parsed there once: the outlines of the bodies the site
    resolves before rendering, and every body's skeleton (``bodyhtml``); with ``readable``
    too, each body's readable text."""

    def load(rels: list[str], parse: bool, packed: bool) -> list[tuple[str, Page | None, str | None,
                                                                       list[SiteError], Parsed | None, Skeleton | None,
                                                                       str | None]]:
        md = markdown.create(allow_html=bool(outline_html)) if parse else None
        done = []
        for rel in rels:
            problems = Errors()
            page, text = load_page(root, rel, to_load[rel][0], problems)
            outline = made = words = None
            if md is not None and page is not None and text is not None:
                if readable:
                    words = readable_text(text)
                parsed = markdown.parse(md, text, page.section == "articles")
                made = skeleton(md, parsed)
                if packed:
                    made = pack(made)
                if page.refers or page.section != "articles" or page.meta.get("source"):
                    outline = parsed.outline(packed)
            # the text of a body the site resolves before rendering is kept, unless it was parsed
            # here: its outline and skeleton are all the build reads of it
            kept = text if page is not None and page.refers and made is None else None
            done.append((rel, page, kept, problems.items, outline, made, words))
        return done

    rels = list(to_load)
    count = cores() if len(rels) >= LOAD_IN_WORKERS else 1
    packed = len(rels) >= PACK_FROM
    if count > 1:
        parse = outline_html is not None
        parts = run_shared(lambda chunk: load(rels[chunk.start:chunk.stop], parse, packed), len(rels), count,
                           LOAD_CHUNK)
    else:
        parts = [load(rels, False, False)]
    outlines: dict[ParsedKey, Parsed] = {}
    skeletons: dict[ParsedKey, Skeleton] = {}
    readables: dict[str, str] = {}
    for part in parts:
        for _, page, _, _, outline, made, words in part:
            if page is not None:
                if words is not None:
                    readables[page.body.hash] = words
                key = (page.body.hash, page.section == "articles", bool(outline_html))
                if outline is not None:
                    outlines[key] = outline
                if made is not None:
                    skeletons[key] = made
    return ({rel: (page, text, problems) for part in parts for rel, page, text, problems, _, _, _ in part},
            outlines, skeletons, readables)
