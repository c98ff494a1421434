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
                  by_source: Mapping[str, Page] | None = None) -> dict[str, dict[str, str]]:
    """page key → {href as written → URL path}, for the pages whose body links to content files.
    A link to an article's paragraph (``#p-7``) must name one it has (``paragraph_ids``)."""
    if by_source is None:
        by_source = {p.source: p for p in pages.values()}
    link_maps: dict[str, dict[str, str]] = {}
    for key, body in parsed.items():
        if not body.links:
            continue
        page = pages[key]
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
        link_maps[key] = link_map
    return link_maps
