"""Links between content files: ``[NATO](../topics/nato-membership.md#x)`` → the page's URL.

A link to a file that does not exist is an error at its line, with the closest file as a hint.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from typing import Any, Callable, Mapping
from urllib.parse import unquote

from .content import Page
from .errors import Errors
from .markdown import Parsed
from .urls import split_url


_PARAGRAPH = re.compile(r"p-[0-9]+")


def link_target(source: str, path: str) -> str:
    """The content file a link in ``source`` names: relative to the file, or to content/ with a leading /."""
    if path.startswith("/"):
        return posixpath.normpath("content" + unquote(path))
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), unquote(path)))


def resolve_links(pages: Mapping[str, Page], parsed: Mapping[str, Parsed], failed: set[str], errors: Errors,
                  paragraph_ids: Callable[[Page], set[str]] | None = None,
                  by_source: Mapping[str, Page] | None = None, memo: dict[str, Any] | None = None,
                  names: object = None) -> dict[str, dict[str, str]]:
    """page key → {href as written → URL path}, for the pages whose body links to content files.
    A link to an article's paragraph (``#p-7``) must name one it has (``paragraph_ids``).

    With ``memo`` (``sitegen serve``), a page's links are resolved again only when its outline,
    its place in its file, ``names`` (what ``by_source`` is made from: the same object while no
    page's front matter changed) or the files that failed are not what they were; a page that
    links to a paragraph is always resolved again (the paragraph's article may have changed)."""
    if by_source is None:
        by_source = {p.source: p for p in pages.values()}
    link_maps: dict[str, dict[str, str]] = {}
    failing = frozenset(failed)
    for key, body in parsed.items():
        if not body.links:
            continue
        page = pages[key]
        hit = memo.get(key) if memo is not None else None
        if hit is not None and hit[0] is body and hit[1] is names and hit[2] == page.body.line and hit[3] == failing:
            link_maps[key] = hit[4]
            errors.extend(hit[5])
            continue
        found = Errors()
        link_maps[key] = _resolve_page(page, body, by_source, failed, found, paragraph_ids)
        errors.extend(found.items)
        if memo is not None and not any("#p-" in href for href, _ in body.links):
            memo[key] = (body, names, page.body.line, failing, link_maps[key], tuple(found.items))
    if memo is not None and len(memo) > len(parsed) + 64:  # pages that went, or stopped linking
        for key in [k for k in memo if k not in link_maps]:
            del memo[key]
    return link_maps


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
