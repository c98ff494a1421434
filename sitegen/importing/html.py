"""A saved web page → its article's blocks of text, with trafilatura.

trafilatura (with htmldate for dates) is the field's standard for taking the
main text out of a news page; it is imported here only, lazily, so that
``sitegen build`` never pays for it unless a kept original is a web page.
The extraction settings are fixed (:data:`SETTINGS`): the build checks an
article against :func:`page_text` of its kept copy, so the same bytes must
always give the same text.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any, Literal

from ..errors import SiteError
from .encoding import decode_page
from .escape import clean_line
from .problem import Problem

if TYPE_CHECKING:
    from lxml.html import HtmlElement

MAX_ELEMENTS = 30_000
"""Most HTML elements in a page extracted: a news page has a few thousand. The
extraction grows faster than the page, so a bigger one is refused, not waited for."""

SETTINGS: dict[str, Any] = dict(
    fast=False, favor_precision=False, favor_recall=False, include_comments=False, include_tables=False,
    include_images=False, include_links=False, include_formatting=False, deduplicate=False, with_metadata=False,
    # <noscript> holds what a browser without JavaScript shows ("enable JavaScript", tracking
    # pixels), never the article, and trafilatura would join its text to the paragraph before it
    prune_xpath=["//noscript", "//template"],
)
"""trafilatura's options for the article text: the same at import and whenever a kept copy is read."""

HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
TEXT_SUFFIXES = {".txt", ".text", ".md"}


@dataclass(frozen=True, slots=True)
class Block:
    """A block of extracted text, in page order."""

    kind: Literal["p", "h"]
    """'h' for a heading in the page's markup, 'p' for anything else (paragraph, list item, quote)."""
    text: str
    """A clean line: one paragraph's text."""


class PageFailed(Problem):
    """A page that cannot be read as HTML."""


def is_html(raw: bytes, name: str) -> bool:
    """Whether an original is a web page: by its file name, else by how it starts."""
    suffix = PurePosixPath(name).suffix.lower()
    if suffix in HTML_SUFFIXES:
        return True
    if suffix in TEXT_SUFFIXES:
        return False
    head = raw[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html", b"<?xml")) and b"<html" in raw[:4096].lower()


def parse_page(raw: bytes, shown: str) -> HtmlElement:
    """The page's element tree, or PageFailed (undecidable encoding, not HTML, too big)."""
    from trafilatura.utils import load_html

    from .encoding import DecodeFailed

    try:
        text = decode_page(raw, shown)
    except DecodeFailed as exc:
        raise PageFailed(exc.error) from None
    tree = load_html(text)
    if tree is None:
        raise PageFailed(SiteError(shown, None, "the page cannot be read as HTML", "import the page as saved by a browser"))
    count = sum(1 for _ in tree.iter())
    if count > MAX_ELEMENTS:
        raise PageFailed(SiteError(shown, None, f"the page has {count:,} HTML elements, over the {MAX_ELEMENTS:,} "
                                                "an import reads", "save only the article's page (without comments or "
                                                                   "endless lists)"))
    return tree


def extract_blocks(tree: HtmlElement) -> list[Block]:
    """The article's blocks as trafilatura finds them (fixed SETTINGS); [] when it finds none."""
    import trafilatura

    document = trafilatura.bare_extraction(tree, **SETTINGS)
    body = getattr(document, "body", None)  # a Document (as_dict is off), or None when it finds no text
    if body is None:
        return []
    blocks: list[Block] = []
    _collect(body, blocks)
    return blocks


_CONTAINERS = {"body", "div", "list", "quote", "section"}


def _collect(element: Any, blocks: list[Block]) -> None:
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in ("table", "graphic", "ref"):
            continue
        if tag in _CONTAINERS and any(isinstance(c.tag, str) and c.tag in ("p", "head", "item", "list", "quote")
                                      for c in child):
            _collect(child, blocks)
            continue
        kind: Literal["p", "h"] = "h" if tag == "head" else "p"
        for line in _text_with_breaks(child).split("\n"):
            clean = clean_line(line)
            if clean:
                blocks.append(Block(kind, clean))


def _text_with_breaks(element: Any) -> str:
    """The element's text with each <lb/> as a line break (trafilatura's mark for <br>)."""
    parts: list[str] = [element.text or ""]
    for child in element:
        parts.append("\n" if child.tag == "lb" else _text_with_breaks(child))
        parts.append(child.tail or "")
    return "".join(parts)


def page_text(raw: bytes, shown: str) -> str:
    """The plain text an import takes from a saved page: its blocks, one per line."""
    return "\n".join(block.text for block in extract_blocks(parse_page(raw, shown)))
