"""One `sitegen import` run: read or fetch each original, lay it out, establish
its facts, then write the article and keep the original — or report every
question at once.

read/fetch → decode (text) or extract (page) → lay out → establish → plan → write
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from ..data import Data
from ..errors import SiteError
from ..frontmatter import YamlError, decode
from ..slugs import slugify
from .encoding import DecodeFailed, check_mojibake
from .establish import Established, ImportFailed, establish
from .facts import detect_actors
from .html import PageFailed, extract_blocks, is_html, parse_page
from .options import Options
from .page import read_page
from .read import Raw, ReadFailed, read_file
from .text import Layout, Line, Stripped, lines_of, read_copy
from .write import (ARTICLES, MAX_SLUG, Existing, existing_problem, keep_copy, kept_paragraph_ids, make_slug, merge,
                    read_existing, render, slug_problem, source_path, write_atomically)


@dataclass(frozen=True, slots=True)
class Article:
    """What an import made of one original."""

    facts: Established
    layout: Layout
    actors: tuple[str, ...]
    slug: str
    html: bool
    """The original is a web page (its text was extracted)."""

    @property
    def paragraphs(self) -> list[str]:
        return [block.text for block in self.layout.blocks if block.kind == "p"]


def read_original(raw: Raw, options: Options, data: Data) -> Article:
    """Lay out one original and establish its facts; ImportFailed with every problem."""
    html = is_html(raw.data, raw.name)
    try:
        if html:
            tree = parse_page(raw.data, raw.shown)
            blocks = extract_blocks(tree)
            if not blocks:
                raise ImportFailed([SiteError(raw.shown, None, "the page has no article text the extractor can find",
                                              "check it is the article's own page; or copy the article's text into "
                                              "a .txt file and import that")])
            check_mojibake("\n".join(block.text for block in blocks), raw.shown)
            page = read_page(tree, raw.url)
            lines = [Line(number, block.text, block.kind == "h") for number, block in enumerate(blocks, start=1)]
            layout = read_copy(lines, data.outlets, structured=True,
                               known_title=page.title.value if page.title else None)
        else:
            text = decode(raw.data, raw.shown)
            check_mojibake(text, raw.shown)
            page = None
            layout = read_copy(lines_of(text), data.outlets)
    except (YamlError, DecodeFailed, PageFailed) as exc:
        raise ImportFailed([exc.error]) from None
    facts = establish(layout, page, options, data.outlets, raw.shown, raw.url)
    if layout.headline and layout.headline != facts.title:  # e.g. '… – POLITICO', or a page's other heading
        layout.stripped.insert(0, Stripped(layout.headline, "headline line"))
    actors = detect_actors(" ".join(block.text for block in layout.blocks), data.actors)
    day = facts.date.date() if isinstance(facts.date, dt.datetime) else facts.date
    slug = options.slug or make_slug(day, facts.outlet, facts.title)
    return Article(facts, layout, tuple(actors), slug, html)


def front_matter(article: Article, source: str) -> dict[str, Any]:
    facts = article.facts
    layout = article.layout
    return {
        "title": facts.title, "date": facts.date, "outlet": facts.outlet, "wire": list(facts.wire),
        "actors": list(article.actors), "url": facts.url, "source": source,
        "title_note": facts.title_note, "date_note": facts.date_note, "outlet_note": facts.outlet_note,
        "url_note": facts.url_note, "notes": list(facts.notes),
        "stripped": [item.text for item in layout.stripped], "ticker": list(layout.ticker),
    }


def report(article: Article, target: str, kept: list[str]) -> str:
    facts = article.facts
    blocks = article.layout.blocks
    date = facts.date.isoformat()
    lines = [f"{target}: {facts.title!r}",
             f"  outlet: {facts.outlet or 'unknown'} · date: {date}" + (f" · wire: {', '.join(facts.wire)}"
                                                                       if facts.wire else ""),
             f"  {sum(1 for b in blocks if b.kind == 'p')} paragraphs, {sum(1 for b in blocks if b.kind == 'h')} "
             f"subheads, actors: {', '.join(article.actors) or 'none'}"]
    stripped = article.layout.stripped
    if stripped:
        lines.append(f"  stripped {len(stripped)}:")
        lines += [f"    - {s.text if len(s.text) <= 100 else s.text[:99] + '…'}  ({s.label})" for s in stripped]
    if kept:
        lines.append(f"  kept from the existing article: {', '.join(kept)}")
    return "\n".join(lines)


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def _one(root: Path, source: str, options: Options, data: Data, echo: Callable[[str], None]) -> list[SiteError]:
    try:
        if is_url(source):
            from .fetch import fetch  # urllib and ssl load only for a URL

            raw = fetch(source)
        else:
            raw = read_file(Path(source))
    except ReadFailed as exc:
        return [exc.error]
    if not raw.data.strip():
        return [SiteError(raw.shown, None, "file is empty", "import a file with the article's text")]
    try:
        article = read_original(raw, options, data)
    except ImportFailed as exc:
        return exc.errors
    problem = slug_problem(article.slug)
    if problem:  # a made slug always passes; this holds the line should make_slug change
        return [SiteError(raw.shown, None, f"the article's name '{article.slug}' {problem}", "pass --slug NAME")]
    rel = f"{ARTICLES}/{article.slug}.md"
    target = root / rel
    articles = (root / ARTICLES).resolve()
    if target.resolve().parent != articles and target.parent.resolve() != articles:
        return [SiteError(raw.shown, None, f"--slug '{article.slug}' leads outside {ARTICLES}/", "give a plain slug")]
    source_rel, copy = source_path(root, raw.path, raw.data, raw.name, article.html)
    existing: Existing | None = None
    note = ""
    if target.exists():
        if not options.force:
            if not options.dry_run:
                return [SiteError(rel, None, "already exists", "pass --force to overwrite it")]
            note = f"  {rel} exists: an import would overwrite it only with --force"
        elif not options.replace_all:
            try:
                existing = read_existing(target, rel)
            except YamlError as exc:
                return [existing_problem(exc, rel)]
    merged = merge(front_matter(article, source_rel), existing)
    echo(("dry run: " if options.dry_run else "") + report(article, rel, merged.kept) + (f"\n{note}" if note else ""))
    if options.dry_run:
        return []
    if copy:
        error = keep_copy(root, source_rel, raw.data)
        if error:
            return [error]
    blocks = [(block.kind, block.text) for block in article.layout.blocks]
    ids: list[int] = []
    if target.exists():  # a re-import: paragraphs whose text is unchanged keep their anchors
        old = _paragraphs_of(target, rel)
        if old:
            ids = kept_paragraph_ids(old, [text for kind, text in blocks if kind == "p"])
    write_atomically(target, render(merged, blocks, ids).encode("utf-8"))
    return []


def _paragraphs_of(target: Path, rel: str) -> list[tuple[int, str]]:
    """(number, text) of an existing article's paragraphs, as the site numbers them."""
    from ..frontmatter import split
    from ..markdown import create, parse

    try:
        document = split(decode(target.read_bytes(), rel), rel)
    except (OSError, YamlError):
        return []
    parsed = parse(create(), document.body, citeable=True)
    return [(int(p.id[2:]), p.text) for p, _ in parsed.paragraphs]


def import_sources(root: Path, sources: list[str], options: Options, data: Data,
                   echo: Callable[[str], None] = print) -> list[SiteError]:
    """Import each file or URL; the errors of all of them (an empty list when all went well)."""
    if options.slug is not None:
        problem = slug_problem(options.slug)
        if problem:
            suggestion = slugify(options.slug.replace("/", " "))[:MAX_SLUG].strip("-")
            return [SiteError("--slug", None, f"'{options.slug}' {problem}",
                              f"write --slug {suggestion}" if suggestion else "write --slug a-name-like-this")]
    errors: list[SiteError] = []
    for source in sources:
        errors.extend(_one(root, source, options, data, echo))
    return errors
