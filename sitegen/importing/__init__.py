"""``sitegen import``: raw reports — saved web pages, copied texts, URLs — into
``content/articles/<slug>.md``, with the original kept byte for byte.

Beside the build pipeline: it lays the copy out (headline, paragraphs,
subheads; page furniture set aside by named rules), establishes headline,
outlet and date from the evidence with a note for readers on each, and asks
for what it cannot establish. Modules:

============== =====================================================================
``read``        a file, bounded: type and size checked before reading
``fetch``       a URL: http(s), timeout, size cap, one-line errors
``encoding``    a page's bytes → text by the bytes alone; mojibake found
``html``        a page → its article's blocks (trafilatura, fixed settings)
``page``        a page's own metadata, each value with its evidence
``furniture``   the furniture rules, one named predicate each
``facts``       datelines, bylines, source lines, headlines naming their outlet
``dates``       dates as pages write them, ambiguity kept
``text``        lines → opening, body and closing; paragraphs and subheads
``establish``   title, date, outlet, url with their notes, or the questions
``escape``      text → Markdown that renders as exactly that text
``write``       slugs, kept copies, front matter kept on a re-import, writing
``run``         one run over every source
============== =====================================================================

:func:`original_text` is what the build checks articles against.
"""

from __future__ import annotations

from typing import Any

from ..frontmatter import YamlError, decode
from .html import PageFailed, is_html, page_text
from .options import Options
from .problem import Problem

__all__ = ["Article", "ImportFailed", "Options", "UnreadableOriginal", "import_sources", "original_text",
           "read_original"]

_LAZY = {"Article": "run", "import_sources": "run", "read_original": "run", "ImportFailed": "establish"}


def __getattr__(name: str) -> Any:
    """The import machinery loads on first use: a build that only reads kept originals
    (original_text) never loads the layout rules, the fetcher or trafilatura."""
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class UnreadableOriginal(Problem):
    """A kept original whose text cannot be read (its encoding, or not a page at all)."""


def original_text(raw: bytes, name: str) -> str:
    """The plain text of a kept original, as an import read it: for a web page (by its name,
    else by how it starts) the same trafilatura extraction, with the same settings, one block
    per line; for a text, the decoded text (UTF-8, line ends made LF). Pure and deterministic:
    the same bytes and name always give the same text. Every paragraph an import writes occurs
    in it (whitespace and typographic quotes folded, as :func:`sitegen.excerpts.fold` does).

    Raises UnreadableOriginal (with a SiteError naming ``name``) when the bytes cannot be read.
    """
    try:
        if is_html(raw, name):
            return page_text(raw, name)
        return decode(raw, name)
    except (PageFailed, YamlError) as exc:
        raise UnreadableOriginal(exc.error) from None
