"""A page body's Markdown as the words a reader sees, for the search index (``search.py``).

Made where the body is read: a build that reads its files in workers makes each body's readable
text there, on every core, when the site is searched (``loading.py``).
"""

from __future__ import annotations

import html
import re
from operator import methodcaller

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
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^()\s]*(?:\([^()]*\)[^()\s]*)*(?:\s+\"[^\"]*\")?\)")
_LINK = re.compile(r"\[([^\]]*)\](?:\([^()\s]*(?:\([^()]*\)[^()\s]*)*(?:\s+\"[^\"]*\")?\)|\[[^\]]*\])")
"""A link's destination is its characters and one level of parentheses, written as runs: a run of
either, taken a character at a time, took some 60% longer over news copy."""
_FOOTNOTE_REF = re.compile(r"\[\^[^\]]+\]")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_TAG = re.compile(r"<!--.*?-->|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>", re.S)
_UNDERSCORES = re.compile(r"(?<!\w)_+|_+(?!\w)")
"""Emphasis by underscores: never inside a word (snake_case stays)."""
_FIRST = methodcaller("group", 1)
"""A match's first group, as its replacement: a template (``r"\\1"``) is expanded in Python for
each match, and took about a third of the time over news copy."""
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
        if "![" in line:
            line = _IMAGE.sub(_FIRST, line)
        if "[^" in line:
            line = _FOOTNOTE_REF.sub("", line)
        for _ in range(3):  # a link inside a link's text, at most this deep
            found = _LINK.sub(_FIRST, line)
            if found == line:
                break
            line = found
            if "](" not in line and "][" not in line:  # (no link left to take)
                break
    if "<" in line:
        line = _TAG.sub("", _AUTOLINK.sub(_FIRST, line))
    # emphasis, strong, strikethrough and code marks (a literal one is written escaped)
    line = line.replace("*", "").replace("`", "").replace("~~", "")
    if "_" in line:
        line = _UNDERSCORES.sub("", line)
    if "&" in line:
        line = html.unescape(line)
    return line.translate(_UNSHELTER) if sheltered else line
