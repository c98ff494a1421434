"""Links between content files: ``[NATO](../topics/nato-membership.md#x)`` → the page's URL.

A link to a file that does not exist is an error at its line, with the closest file as a hint.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from typing import Callable, Mapping
from urllib.parse import unquote

from .content import Page
from .errors import Errors, SiteError
from .markdown import Parsed
from .steps import PageStep
from .urls import split_url


_PARAGRAPH = re.compile(r"p-[0-9]+")


def link_target(source: str, path: str) -> str:
    """The content file a link in ``source`` names: relative to the file, or to content/ with a leading /."""
    if path.startswith("/"):
        return posixpath.normpath("content" + unquote(path))
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), unquote(path)))


def resolve_links(pages: Mapping[str, Page], parsed: Mapping[str, Parsed], failed: set[str], errors: Errors,
                  paragraph_ids: Callable[[Page], set[str]] | None = None,
                  by_source: Mapping[str, Page] | None = None, kept: PageStep | None = None,
                  moved: set[str] | None = None, names: object = None) -> dict[str, dict[str, str]]:
    """page key → {href as written → URL path}, for the pages whose body links to content files.
    A link to an article's paragraph (``#p-7``) must name one it has (``paragraph_ids``).

    With ``kept`` (``sitegen serve``), only the pages of ``moved`` are resolved again, and the
    pages that link to a paragraph (whose article may have changed) — unless ``names`` (what
    ``by_source`` is made from: the same object while no page's front matter changed) or the
    files that failed changed: then every page is."""
    if by_source is None:
        by_source = {p.source: p for p in pages.values()}
    found_by: Mapping[str, Page] = by_source

    def make(key: str) -> tuple[dict[str, str] | None, tuple[SiteError, ...]]:
        body = parsed.get(key)
        if body is None or not body.links:
            return None, ()
        found = Errors()
        link_map = _resolve_page(pages[key], body, found_by, failed, found, paragraph_ids)
        return link_map, tuple(found.items)

    keys = tuple(pages)
    step = kept if kept is not None else PageStep()
    if step.signature is None or step.signature[0] is not names or step.signature[1] != frozenset(failed):
        moved = None
    # the pages that link to a paragraph, kept like the links (a page's own links decide it)
    to_paragraph, _ = step.extra.update(keys, moved, None, lambda key: (True if _to_paragraph(parsed.get(key)) else None, ()))
    again = None if moved is None else moved | to_paragraph.keys()
    link_maps, found = step.update(keys, again, (names, frozenset(failed)), make)
    errors.extend(found)
    return link_maps


def _to_paragraph(body: Parsed | None) -> bool:
    return body is not None and any("#p-" in href for href, _ in body.links)


def _resolve_page(page: Page, body: Parsed, by_source: Mapping[str, Page], failed: set[str], errors: Errors,
                  paragraph_ids: Callable[[Page], set[str]] | None) -> dict[str, str]:
    link_map: dict[str, str] = {}
    for href, line in body.links:
        parts = split_url(href)
        if parts is None:
            continue
        target = link_target(page.source, parts.path)
        linked = by_source.get(target)
        if linked is None and target in failed:
            continue
        if linked is None:
            folder, name = posixpath.split(target)
            siblings = {posixpath.basename(s): s for s in by_source if posixpath.dirname(s) == folder}
            close = difflib.get_close_matches(name, sorted(siblings), n=1, cutoff=0.75)
            errors.add(page.source, page.file_line(line), f"link to missing file '{href}'",
                       f"did you mean '{posixpath.relpath(siblings[close[0]], posixpath.dirname(page.source))}'?"
                       if close else "check the path; links are relative to this file")
            continue
        fragment = parts.fragment
        if paragraph_ids is not None and linked.section == "articles" and _PARAGRAPH.fullmatch(fragment):
            ids = paragraph_ids(linked)
            if fragment not in ids:
                errors.add(page.source, page.file_line(line), f"link to a paragraph '{href}' that "
                           f"{linked.source} does not have",
                           "its paragraphs are numbered on its page (¶); a re-import keeps the numbers of "
                           "unchanged paragraphs, so check whether this one's text changed")
                continue
        link_map[href] = linked.url + (f"#{fragment}" if fragment else "")
    return link_map
