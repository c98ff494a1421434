"""A fast path for the inline text of news copy: words, ``[links](…)``, ``*emphasis*`` and
``**strong**``, line breaks — the same tokens markdown-it-py's inline parser makes, without its
rule-by-rule walk over every character (most of the time a body's parse took).

:func:`children` returns ``None`` for anything it does not take on — a backslash, code, HTML or
an autolink, an entity, an image, a footnote, a reference or bracket that is not an inline
link, emphasis that nests or that a run could both open and close — and the caller gives that
text to markdown-it-py as before. What it does take, it tokenizes exactly as markdown-it-py
does, down to the empty text tokens strong emphasis leaves behind:
``tests/unit/test_mdinline.py`` holds the two equal on generated and real copy.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import (
    isMdAsciiPunct,
    isPunctChar,
    isWhiteSpace,
    unescapeAll,
)
from markdown_it.rules_core import StateCore
from markdown_it.rules_core.text_join import text_join
from markdown_it.token import Token

_ENTITY = re.compile(r"&(?:#|[A-Za-z][A-Za-z0-9]{1,31};)")


def _refused(src: str) -> bool:
    """What only markdown-it-py's own rules parse: escapes, code, autolinks and HTML, images and
    inline footnotes, entities. (Substring tests: each a C scan of the text.)"""
    return ("\\" in src or "`" in src or "<" in src or "![" in src or "^[" in src
            or ("&" in src and _ENTITY.search(src) is not None))


_SPECIAL = re.compile(r"[\n*_\[\]]")
"""Where the fast path looks: a line break, an emphasis marker, a bracket."""
_LABEL = re.compile(r"[^\n*_\[\]^]*\]")
"""A link's text up to its ``]``: plain words (no emphasis, brackets, breaks or ``^`` that
would make it a footnote reference)."""
_DESTINATION = re.compile(r"[^\x00-\x20\x7f\\()]+(?=\))").match
"""A link destination up to its ``)`` with nothing in it that parseLinkDestination looks at
(a space or control character, a backslash, parentheses)."""
_HREFS: dict[tuple[object, object], dict[str, str | None]] = {}
"""destination → href (normalised), None if unsafe, for each pair of normalizeLink and
validateLink (every instance markdown.create makes shares one pair): a body links the same
pages again and again."""


def _hrefs_for(md: MarkdownIt) -> dict[str, str | None]:
    return _HREFS.setdefault((md.normalizeLink, md.validateLink), {})


def _href(md: MarkdownIt, hrefs: dict[str, str | None], destination: str) -> str | None:
    """markdown-it's normalizeLink and validateLink of a destination, remembered."""
    href = hrefs.get(destination, hrefs)
    if href is hrefs:
        if len(hrefs) > 20_000:
            hrefs.clear()
        normal = md.normalizeLink(destination)
        href = hrefs[destination] = normal if md.validateLink(normal) else None
    return href  # type: ignore[return-value]


_KINDS: dict[str, tuple[bool, bool]] = {}
"""A character's (is punctuation, is white space) as markdown-it-py's emphasis rule sees it."""


def _kind(char: str) -> tuple[bool, bool]:
    kind = _KINDS.get(char)
    if kind is None:
        kind = _KINDS[char] = (isMdAsciiPunct(ord(char)) or isPunctChar(char), isWhiteSpace(ord(char)))
    return kind


def _flags(src: str, start: int, end: int, marker: str) -> tuple[bool, bool]:
    """(can open, can close) of the run src[start:end], as markdown-it-py's scanDelims."""
    last_punct, last_space = _kind(src[start - 1] if start > 0 else " ")
    next_punct, next_space = _kind(src[end] if end < len(src) else " ")
    left = not (next_space or (next_punct and not (last_space or last_punct)))
    right = not (last_space or (last_punct and not (next_space or next_punct)))
    if marker == "*":
        return left, right
    return left and (not right or last_punct), right and (not left or next_punct)


_FIELDS = ("type", "tag", "nesting", "attrs", "map", "level", "children", "content", "markup", "info", "meta",
           "block", "hidden")
_SLOTS = tuple(field.name for field in dataclasses.fields(Token)) == _FIELDS
"""markdown-it-py's Token has the fields this module fills in itself (else it calls Token())."""
_new = object.__new__
_BREAKS = {"softbreak": ("softbreak", "br", 0, ""), "hardbreak": ("hardbreak", "br", 0, "")}
_LINK_CLOSE = ("link_close", "a", -1, "")


def _token(kind: str, tag: str, nesting: int, level: int, content: str = "", markup: str = "",
           attrs: dict[str, Any] | None = None) -> Token:
    """Token(kind, tag, nesting) with these fields, made in about a quarter of its constructor's time
    (the dataclass's __init__ and __post_init__) when its fields are the known ones."""
    if not _SLOTS:
        token = Token(kind, tag, nesting, attrs or {}, level=level, content=content, markup=markup)  # type: ignore[arg-type]
        return token
    token = _new(Token)
    token.type, token.tag, token.nesting, token.attrs, token.map = kind, tag, nesting, attrs or {}, None  # type: ignore[assignment]
    token.level, token.children, token.content, token.markup, token.info = level, None, content, markup, ""
    token.meta, token.block, token.hidden = {}, False, False
    return token


def children(src: str, md: MarkdownIt, hrefs: dict[str, str | None] | None = None) -> list[Token] | None:
    """The inline tokens of ``src``, or None when markdown-it-py must parse it."""
    if _refused(src):
        return None
    if hrefs is None:
        hrefs = _hrefs_for(md)
    # str: text; tuple: a tag (kind, tag, nesting, markup[, href]); list: an emphasis run
    # [marker, length, opens]
    items: list[Any] = []
    pending: list[str] = []
    runs: list[list[Any]] = []
    position, size = 0, len(src)
    special = _SPECIAL.search
    while True:
        found = special(src, position)
        if found is None:
            if position < size:
                pending.append(src[position:])
            break
        at = found.start()
        if at > position:
            pending.append(src[position:at])
        char = src[at]
        if char == "\n":
            text = "".join(pending)
            pending = []
            kind = "softbreak"
            if text.endswith(" "):
                if text.endswith("  "):
                    text, kind = text.rstrip(" "), "hardbreak"
                else:
                    text = text[:-1]
            if text:
                items.append(text)
            items.append(_BREAKS[kind])
            position = at + 1
            while position < size and src[position] in " \t":
                position += 1
            continue
        if char == "[":
            label = _LABEL.match(src, at + 1)
            if label is None or label.end() == at + 2:
                return None  # (an empty link text, a bracket that is not a link's)
            close = label.end() - 1
            if close + 1 >= size or src[close + 1] != "(":
                return None  # (a reference, a footnote, or a bracket that stays text)
            plain = _DESTINATION(src, close + 2)
            if plain is not None:  # (what parseLinkDestination would take whole)
                destination, end = plain.group(), plain.end()
                if "&" in destination:
                    destination = unescapeAll(destination)
            else:
                result = md.helpers.parseLinkDestination(src, close + 2, size)
                if not result.ok or result.pos >= size or src[result.pos] != ")":
                    return None  # (spaces, a title, or no destination)
                destination, end = result.str, result.pos
            href = _href(md, hrefs, destination)
            if href is None:
                return None  # (markdown-it-py leaves an unsafe link as text)
            if pending:
                items.append("".join(pending))
                pending = []
            items.append(("link_open", "a", 1, "", href))
            items.append(src[at + 1 : close])
            items.append(_LINK_CLOSE)
            position = end + 1
            continue
        if char == "]":
            return None
        end = at + 1
        while end < size and src[end] == char:
            end += 1
        can_open, can_close = _flags(src, at, end, char)
        if pending:
            items.append("".join(pending))
            pending = []
        if can_open or can_close:
            if (can_open and can_close) or end - at > 2:
                return None  # (a run that could do both, or *** and longer)
            run = [char, end - at, can_open]
            runs.append(run)
            items.append(run)
        else:
            items.append(src[at:end])
        position = end
    if pending:
        items.append("".join(pending))
    return _tokens(items, runs)


def _tokens(items: list[Any], runs: list[list[Any]]) -> list[Token] | None:
    """Pair the emphasis runs (each opener with the closer after it, the same marker and
    length) and join the text as markdown-it-py's fragments_join does."""
    for index, run in enumerate(runs):
        opener = index % 2 == 0
        if run[2] != opener or (not opener and run[:2] != runs[index - 1][:2]):
            return None
    if len(runs) % 2:
        return None
    out: list[Token] = []
    level = 0
    text: list[str] = []
    for item in items:
        if type(item) is str:
            text.append(item)
            continue
        if type(item) is list:
            marker, length, opening = item
            tag = "strong" if length == 2 else "em"
            if length == 2 and opening:
                text.append("")  # (the first * of **: an empty text token, joined to any before it)
            item = (f"{tag}_open" if opening else f"{tag}_close", tag, 1 if opening else -1, marker * length)
        if text:
            out.append(_token("text", "", 0, level, "".join(text)))
            text.clear()
        nesting = item[2]
        if nesting < 0:
            level -= 1
        out.append(_token(item[0], item[1], nesting, level, "", item[3],
                          {"href": item[4]} if len(item) > 4 else None))
        if nesting > 0:
            level += 1
        if item[0] == "strong_close":
            text.append("")  # (the last * of **)
    if text:
        out.append(_token("text", "", 0, level, "".join(text)))
    return out


def inline_rule(state: StateCore) -> None:
    """markdown-it-py's core ``inline`` rule, with the fast path tried first."""
    md, env = state.md, state.env
    hrefs = _hrefs_for(md)
    slow: list[Token] = []
    for token in state.tokens:
        if token.type == "inline":
            if token.children is None:
                token.children = []
            fast = children(token.content, md, hrefs)
            if fast is None:
                md.inline.parse(token.content, md, env, token.children)
                slow.append(token)
            else:
                token.children.extend(fast)
    state.slow_inline = slow  # type: ignore[attr-defined]  # (for text_join_rule)


def text_join_rule(state: StateCore) -> None:
    """markdown-it-py's core ``text_join`` rule over the inline tokens markdown-it-py parsed: the
    fast path's have no escaped text to turn back into text and no two texts side by side, so
    there is nothing in them to join (the walk over them took some 2% of a build's parsing)."""
    slow: list[Token] | None = getattr(state, "slow_inline", None)
    text_join(state if slow is None else StateCore("", state.md, state.env, slow))
