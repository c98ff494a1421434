"""Fidelity: every article says only what its kept original says (issue 14).

An excerpt is verified against its article; this checks the article against the original it
was made from (``source:``), so the chain quote → article → original holds at build time.
Each paragraph and subhead of the article must occur in the original's text, in the same
order, with whitespace, typographic quotes and dashes folded (``excerpts.fold``) and Markdown
escapes read as the characters they stand for; an editor may split a paragraph the copy ran
together. A changed word, an added sentence or a reordered one is an error at the
paragraph's line, with the closest stretch of the original. A web page is read through the
same extraction an import used (``importing.original_text``).

What passed is remembered by the article body's digest and the original's stamp, so a
rebuild checks only what changed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .bodies import Bodies
from .content import Page
from .digests import code_digest
from .errors import Errors
from .excerpts import Folded, Paragraph, closest_passage, fold
from .frontmatter import YamlError
from .listing import inside
from .quotes import clip
from .site import Site
from .sources import read_source

MAX_ORIGINAL = 16 * 1024 * 1024
"""A kept original larger than this is not a news report (a saved page is a few hundred KB)."""


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph or a subhead of an article, as its page shows it."""

    text: str
    line: int
    """Its file line."""
    name: str
    """How a reader finds it: 'paragraph #p-3', 'subhead "Minerals"'."""


def blocks_of(page: Page, bodies: Bodies) -> list[Block]:
    parsed = bodies.outline(page.body)
    found = [(line, Block(p.text, page.file_line(line), f"paragraph #{p.id}")) for p, line in parsed.paragraphs]
    found += [(line, Block(text, page.file_line(line), f'subhead "{clip(text, 40)}"'))
              for _, _, text, line in parsed.headings]
    return [block for _, block in sorted(found, key=lambda item: item[0])]


def check_fidelity(site: Site, bodies: Bodies, root: Path, errors: Errors, verified: set[str]) -> set[str]:
    """Check every article that names its kept original; add the errors. ``verified``: what an
    earlier build found faithful. Returns what this build found faithful (the next one's)."""
    passed: set[str] = set()
    limit = str(root.resolve())
    for page in map(site.pages.__getitem__, site.sourced):
        source = page.meta["source"]
        if not source.startswith("seeds/"):  # the folder a build and sitegen serve watch for changes
            errors.add(page.source, _line(page, "source"), f"source: {source} is not in seeds/",
                       "keep the raw original in seeds/, where a build notices when it changes, and give its path "
                       "from the site's folder: seeds/…")
            continue
        path = root / source
        try:
            info = os.stat(path)
        except OSError:
            info = None
        if info is None or not inside(str(path), limit):
            errors.add(page.source, _line(page, "source"), f"source: {source} is not in the site",
                       "keep the raw original in seeds/ and give its path from the site's folder")
            continue
        key = f"{page.body.hash}:{source}:{info.st_mtime_ns}:{info.st_size}:{info.st_ino}:{code_digest()}"
        if key in verified:
            passed.add(key)
            continue
        if _faithful(page, source, path, bodies, errors):
            passed.add(key)
    return passed


def _faithful(page: Page, source: str, path: Path, bodies: Bodies, errors: Errors) -> bool:
    from .importing import UnreadableOriginal, original_text

    try:
        original = original_text(read_source(path, source, MAX_ORIGINAL), source)
    except (YamlError, UnreadableOriginal) as exc:
        errors.add(page.source, _line(page, "source"), f"source: the kept original cannot be read: {exc.error.message}",
                   exc.error.hint)
        return False
    whole = Folded(original)
    folded = whole.text
    before = len(errors.items)
    position = 0
    for block in blocks_of(page, bodies):
        wanted = fold(block.text)
        if not wanted:
            continue
        at = folded.find(wanted, position)
        if at >= 0:
            position = at + len(wanted)
            continue
        if folded.find(wanted) >= 0:
            errors.add(page.source, block.line, f"{block.name} is out of order: the kept original {source} has "
                                                "it earlier", "put the paragraphs back in the original's order")
            continue
        parting = _parting(block.text, original, whole)
        if parting is not None:
            mine, theirs = parting
            errors.add(page.source, block.line, f'{block.name} is not in the kept original {source}: "{mine}"',
                       f'the original has "{theirs}"')
            continue
        lines = [Paragraph(str(i), line) for i, line in enumerate(original.split("\n")) if line.strip()]
        closest = closest_passage(block.text, lines)
        errors.add(page.source, block.line,
                   f'{block.name} is not in the kept original {source}: "{clip(block.text)}"',
                   f'the original has "{clip(closest)}"' if closest else
                   "an article keeps the original's words: correct the text, or keep the new original")
    return len(errors.items) == before


SHARED_START = 30
"""A paragraph whose first this many characters the original has is shown where the two part."""
AROUND = 40
"""How much of each side an error shows before and after the point where they part."""


def _parting(text: str, original: str, whole: Folded) -> tuple[str, str] | None:
    """Where a paragraph leaves its original, when they share its start: (the paragraph's words,
    the original's), each from a little before that point to a little after it, in their own
    characters. A change at the end of a long paragraph is then shown, not cut off. None when
    they part within the first words (the closest passage says more then)."""
    mine = Folded(text)
    wanted, folded = mine.text, whole.text
    low, high = 0, len(wanted)  # the longest start of the paragraph that the original has
    while low < high:  # a start that occurs has every shorter start occurring: bisect (bounded work)
        middle = (low + high + 1) // 2
        if folded.find(wanted[:middle]) >= 0:
            low = middle
        else:
            high = middle - 1
    if low < SHARED_START:
        return None
    at = folded.find(wanted[:low])
    start = wanted.rfind(" ", 0, max(low - AROUND, 0) + 1) + 1 if low > AROUND else 0

    def window(folded_text: str, source: Folded, raw: str, offset: int) -> str:
        end = folded_text.find(" ", offset + low + AROUND)
        end = len(folded_text) if end < 0 else end
        a, b = source.span(offset + start, end)
        parted = source.origin(offset + low - 1)  # the last character both have (a space: its run's first)
        line_end = raw.find("\n", parted)  # the original's paragraph ends there: no more of it
        more = end < len(folded_text)
        if 0 <= line_end < b:
            b, more = line_end, False
        shown = " ".join(raw[a:b].split())
        return ("…" if start else "") + shown + ("…" if more else "")

    return window(wanted, mine, text, 0), window(folded, whole, original, at)


def _line(page: Page, key: str) -> int | None:
    found = page.meta.get("_lines", {}).get(key)
    return found if isinstance(found, int) else None
