"""The one configured markdown-it-py instance and its sitegen rules.

Parsing and rendering are separate steps so the site can be resolved in
between: :func:`parse` returns the tokens plus what the site needs to know
(citeable paragraphs, excerpt directives, links to other content files); the
render rules (``bodyhtml``) turn the same tokens into HTML with a hole wherever
what the site resolved goes.
"""

from __future__ import annotations

import marshal
import re
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, overload

from markdown_it import MarkdownIt
from markdown_it.common.normalize_url import normalizeLink
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.attrs import attrs_block_plugin
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.footnote import footnote_plugin

from .bodyhtml import add_rules as add_render_rules
from .excerpts import Paragraph, made_paragraph
from .slugs import slugify
from .mdblock import install as install_paragraph_rule
from .mdinline import inline_rule, text_join_rule
from .mdlinks import fast_helpers, fast_normalize
from .urls import split_url

SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
_SAFE_IMAGE_DATA = re.compile(r"^data:image/(gif|png|jpeg|webp);", re.I)
_RESERVED_ID = re.compile(r"^(p-\d+|excerpt-\d+|sg-.*)$")
"""Ids sitegen gives: paragraphs (p-N), excerpts (excerpt-N); sg-… is the theme's own."""
_CONTROL = re.compile(r"[\x00-\x20\x7f-\x9f]+")


def _heading_slug(text: str) -> str:
    slug = slugify(text) or "section"
    # paragraph and excerpt anchors are sitegen's own: never let a heading take one
    return "h-" + slug if _RESERVED_ID.match(slug) else slug


def is_safe_url(url: str, image: bool = False) -> bool:
    """Allow relative URLs and http(s)/mailto/tel; images may also use data:image/…"""
    cleaned = _CONTROL.sub("", url).lower()
    if cleaned.startswith(("https://", "http://")) and cleaned.isascii() and "[" not in cleaned and "]" not in cleaned:
        return True  # a web address urlsplit takes apart without complaint (the common case)
    if image and _SAFE_IMAGE_DATA.match(cleaned):
        return True
    if ":" not in cleaned.split("/", 1)[0]:
        return True  # relative
    parts = split_url(cleaned)
    return parts is not None and (parts.scheme == "" or parts.scheme in SAFE_SCHEMES)


@dataclass(frozen=True, slots=True)
class ExcerptRef:
    """An ``::: excerpt`` directive as written on a page."""

    index: int
    """Order on the page (0-based)."""
    article: str
    """The source article's slug as written."""
    quote: str
    """The quoted text as written (Markdown inline source, joined with spaces)."""
    line: int
    """Line in the page's body (1-based, relative to the body)."""
    hint: str = ""
    """Optional paragraph id (``#p-7``) when the quote occurs in several paragraphs."""
    anchor: str = ""
    """Its id on the page: given with id=NAME, else excerpt-N."""
    error: str = ""
    """A syntax problem found while parsing."""
    lead_in: str = ""
    """The page's own paragraph just before it, if any (where an editor names who "he" is)."""


@dataclass(frozen=True, slots=True)
class HeadlinesRef:
    """A ``::: headlines`` block: ticker headlines shown beside an article, quoted as headlines."""

    index: int
    article: str
    items: tuple[str, ...]
    line: int
    error: str = ""


@dataclass(slots=True)
class Parsed:
    """A page body parsed once, and what the site must resolve before rendering."""

    tokens: list[Token]
    paragraphs: Sequence[tuple[Paragraph, int]] = field(default_factory=list)
    """Citeable paragraphs and their body lines (articles only); in a large site's outlines,
    packed (:class:`PackedParagraphs`)."""
    excerpts: list[ExcerptRef] = field(default_factory=list)
    links: list[tuple[str, int]] = field(default_factory=list)
    """(href, body line) of links to other content files (*.md)."""
    headings: list[tuple[int, str, str, int]] = field(default_factory=list)
    """(level, id, text, body line) of each heading."""
    headlines: list[HeadlinesRef] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)
    """(body line, message) of what the body asks and cannot have (a block attribute, a
    paragraph id given twice)."""

    def outline(self, packed: bool = False) -> Parsed:
        """The same without its tokens: what resolving the site reads; ``packed``, with its
        paragraphs compressed (a large site's build holds every article's outline at once)."""
        paragraphs = PackedParagraphs(self.paragraphs) if packed and self.paragraphs else self.paragraphs
        return Parsed([], paragraphs, self.excerpts, self.links, self.headings, self.headlines, self.problems)


class PackedParagraphs(Sequence[tuple[Paragraph, int]]):
    """An article's paragraphs and their lines, compressed, and made again each time they are
    read. Resolving a site reads the paragraphs of only the articles that are quoted, linked to
    a paragraph, or checked against a kept original; a build of 45,000 news articles held
    every other article's too: 420 MB of outlines, of the 1 GB its parent held once loaded.
    Packed, that parent's peak is 258 MB lower. The text compresses to less than half, at
    0.13 ms an article, spent in the workers that parse the bodies."""

    __slots__ = ("data", "length")

    def __init__(self, paragraphs: Iterable[tuple[Paragraph, int]]) -> None:
        plain = tuple((paragraph.id, paragraph.utf8, line) for paragraph, line in paragraphs)
        self.data = zlib.compress(marshal.dumps(plain), 1)
        self.length = len(plain)

    def _unpacked(self) -> list[tuple[Paragraph, int]]:
        return [(made_paragraph(pid, utf8), line) for pid, utf8, line in marshal.loads(zlib.decompress(self.data))]

    def __len__(self) -> int:
        return self.length

    @overload
    def __getitem__(self, index: int) -> tuple[Paragraph, int]: ...

    @overload
    def __getitem__(self, index: slice) -> list[tuple[Paragraph, int]]: ...

    def __getitem__(self, index: int | slice) -> tuple[Paragraph, int] | list[tuple[Paragraph, int]]:
        return self._unpacked()[index]

    def __iter__(self) -> Iterator[tuple[Paragraph, int]]:
        return iter(self._unpacked())

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[object, tuple[bytes, int]]:
        return _packed_paragraphs, (self.data, self.length)


def _packed_paragraphs(data: bytes, length: int) -> PackedParagraphs:
    """PackedParagraphs from its pickle (made by a load worker of this build)."""
    made = object.__new__(PackedParagraphs)
    made.data, made.length = data, length
    return made


def _inline_text(inline: Token) -> str:
    out = []
    for child in inline.children or []:
        if child.type in ("text", "code_inline", "html_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append(" ")
    return "".join(out)


def _excerpt_params(info: str) -> tuple[str, str, str, str]:
    """'excerpt slug [#p-3] [id=name]' → (slug, hint, anchor, error)."""
    words = info.split()[1:]
    slug = hint = anchor = error = ""
    for word in words:
        if word.startswith("#"):
            hint = word[1:]
        elif word.startswith("id="):
            anchor = word[3:]
            if not re.fullmatch(r"[A-Za-z][\w-]*", anchor) or _RESERVED_ID.match(anchor):
                error = f"'{anchor}' is not a usable excerpt id (letters, digits, - and _; not p-N, excerpt-N or sg-…)"
        elif not slug:
            slug = word
        else:
            error = f"unexpected '{word}' after the article name"
    if not slug:
        error = error or "the excerpt names no article (write ::: excerpt ARTICLE-SLUG)"
    # accept a path to the article file as well as its slug
    slug = slug.rstrip("/").rsplit("/", 1)[-1].removesuffix(".md")
    return slug, hint, anchor, error


def _sitegen_core(state: StateCore) -> None:
    env = state.env
    parsed: Parsed = env["parsed"]
    tokens = state.tokens
    cite_paragraphs = env.get("paragraph_ids", False)
    number = 0
    depth = 0  # inside an excerpt container
    current: dict[str, Any] | None = None
    headlines: dict[str, Any] | None = None
    recent: Token | None = None  # the last paragraph of the page's own text, for an excerpt's lead-in
    taken: dict[str, int] = {}  # paragraph id → its line
    paragraphs: list[tuple[Paragraph, int]] = []
    parsed.paragraphs = paragraphs
    references = bool(env.get("references"))
    _refuse_attributes(tokens, parsed, cite_paragraphs)
    for index, token in enumerate(tokens):
        kind = token.type
        if kind in _PASSED and not depth and headlines is None:
            continue  # (most tokens: nothing to note)
        if kind == "container_headlines_open":
            words = token.info.split()[1:]
            headlines = {"slug": words[0].rstrip("/").rsplit("/", 1)[-1].removesuffix(".md") if words else "",
                         "line": (token.map[0] + 1) if token.map else 1, "items": []}
            token.meta["headlines"] = len(parsed.headlines)
            continue
        if token.type == "container_headlines_close":
            token.meta["headlines"] = len(parsed.headlines)
            if headlines is not None:
                error = "" if headlines["slug"] else "the headlines block names no article (::: headlines ARTICLE-SLUG)"
                if not error and not headlines["items"]:
                    error = "the headlines block is empty: list one headline per '- ' line"
                parsed.headlines.append(HeadlinesRef(len(parsed.headlines), headlines["slug"],
                                                     tuple(headlines["items"]), headlines["line"], error))
            headlines = None
            continue
        if headlines is not None:
            if token.type == "inline":
                headlines["items"].append(_inline_text(token).strip())
            elif token.type == "container_excerpt_open":  # (replaced with the block around it: never shown)
                token.meta["excerpt"] = -1
                parsed.problems.append(((token.map[0] + 1) if token.map else 1,
                                        "an excerpt block inside a headlines block — end the headlines block "
                                        "with ::: before the excerpt starts"))
            continue
        if token.type == "container_excerpt_open":
            slug, hint, anchor, error = _excerpt_params(token.info)
            depth += 1
            current = {"slug": slug, "hint": hint, "anchor": anchor, "error": error, "lead_in": _inline_text(recent) if recent is not None else "",
                       "line": (token.map[0] + 1) if token.map else 1, "parts": [], "paras": 0}
            token.meta["excerpt"] = len(parsed.excerpts)
        elif token.type == "container_excerpt_close":
            depth -= 1
            token.meta["excerpt"] = len(parsed.excerpts)
            if current is not None:
                error = current["error"]
                if not error and current["paras"] != 1:
                    error = ("an excerpt quotes one paragraph; use … for omitted words, "
                             "or one excerpt per paragraph") if current["paras"] else "the excerpt is empty"
                n = len(parsed.excerpts)
                parsed.excerpts.append(ExcerptRef(n, current["slug"], " ".join(current["parts"]).strip(),
                                                  current["line"], current["hint"],
                                                  current["anchor"] or f"excerpt-{n + 1}", error, current["lead_in"]))
                current = None
            recent = None
        elif token.type == "paragraph_open" and depth:
            if current is not None:
                current["paras"] += 1
        elif token.type == "inline" and depth and current is not None:
            current["parts"].append(_inline_text(token))
        elif token.type in ("blockquote_open", "bullet_list_open", "ordered_list_open", "heading_open",
                            "fence", "code_block", "table_open") and depth and current is not None:
            current["paras"] += 2  # not a plain quote: reported as an error
        elif token.type == "paragraph_open" and cite_paragraphs and not token.hidden:
            explicit = str(token.attrGet("id") or "")
            line = (token.map[0] + 1) if token.map else 1
            if explicit and _PARAGRAPH_ID.fullmatch(explicit):
                number = int(explicit[2:])  # an id kept across re-imports: the next ones count on from it
            else:
                if explicit:
                    parsed.problems.append((line, f"'{{#{explicit}}}' is not a paragraph id: write {{#p-N}}"))
                number += 1
            pid = f"p-{number}"
            if pid in taken:
                parsed.problems.append((line, f"paragraph id {pid} is also the id of the paragraph on line "
                                              f"{taken[pid]}: give each paragraph its own"))
            taken[pid] = line
            token.attrSet("id", pid)
            token.meta["pid"] = pid
            close = _matching_close(tokens, index)
            close.meta["pid"] = pid
            text = _inline_text(tokens[index + 1])
            paragraphs.append((Paragraph(pid, text), (token.map[0] + 1) if token.map else 1))
        elif token.type == "inline" and not depth and index and tokens[index - 1].type == "paragraph_open":
            recent = token
        elif token.type == "heading_open":
            recent = None
            parsed.headings.append((int(token.tag[1]), str(token.attrGet("id") or ""), _inline_text(tokens[index + 1]),
                                    (token.map[0] + 1) if token.map else 1))
        if token.type == "inline" and (".md" in token.content or "&" in token.content or references):
            # (an href with .md is written so, or with an entity, or defined elsewhere)
            for child in token.children or []:
                if child.type == "link_open":
                    href = str(child.attrGet("href") or "")
                    if _is_content_link(href):
                        parsed.links.append((href, _line_of(token, href)))


_PARAGRAPH_ID = re.compile(r"p-[1-9][0-9]{0,5}")
_PASSED = frozenset({"paragraph_close", "heading_close", "bullet_list_open", "bullet_list_close", "ordered_list_open",
                     "ordered_list_close", "list_item_open", "list_item_close", "blockquote_open", "blockquote_close",
                     "hr", "table_open", "table_close", "thead_open", "thead_close", "tbody_open", "tbody_close",
                     "tr_open", "tr_close", "th_open", "th_close", "td_open", "td_close"})
"""Tokens that note nothing outside an excerpt or headlines block."""
_BLOCK_ATTRIBUTE_HOLDERS = ("paragraph_open", "heading_open", "bullet_list_open", "ordered_list_open", "list_item_open",
                            "blockquote_open", "table_open", "fence", "code_block", "hr")


def _refuse_attributes(tokens: list[Token], parsed: Parsed, citeable: bool) -> None:
    """A ``{…}`` line before a block (attrs_block) may only give an article's paragraph its
    id, {#p-N}: any other attribute (a class, an event handler) is removed and reported."""
    for token in tokens:
        if token.type not in _BLOCK_ATTRIBUTE_HOLDERS or not token.attrs:
            continue
        allowed = {"id"} if (token.type == "paragraph_open" and citeable) or token.type == "heading_open" else set()
        extra = sorted(set(token.attrs) - allowed)
        if extra:
            line = (token.map[0] + 1) if token.map else 1
            parsed.problems.append((line, f"the attribute{'s' if len(extra) > 1 else ''} {', '.join(extra)} "
                                          "cannot be set: {…} before a block may only give an article's paragraph "
                                          "its id, {#p-N}"))
            for name in extra:
                token.attrs.pop(name, None)


def _matching_close(tokens: list[Token], index: int) -> Token:
    level = tokens[index].level
    for token in tokens[index + 1 :]:
        if token.type == "paragraph_close" and token.level == level:
            return token
    raise AssertionError("paragraph without close")  # markdown-it always closes


def _is_content_link(href: str) -> bool:
    if ".md" not in href:
        return False  # (most links: no need to take them apart)
    parts = split_url(href)
    return parts is not None and not parts.scheme and not parts.netloc and parts.path.endswith(".md")


def _line_of(inline: Token, href: str) -> int:
    start = (inline.map[0] + 1) if inline.map else 1
    position = inline.content.find(href)
    return start + (inline.content[:position].count("\n") if position > 0 else 0)


def _validate_link(url: str) -> bool:
    return is_safe_url(url, image=True)


_NORMALIZE_LINK = fast_normalize(normalizeLink)


def create(allow_html: bool = False) -> MarkdownIt:
    """CommonMark + tables, footnotes, heading ids and excerpts; no typographer."""
    md = MarkdownIt("commonmark", {"html": allow_html, "typographer": False, "linkify": False})
    md.enable("table")
    md.use(footnote_plugin)
    md.use(anchors_plugin, min_level=1, max_level=6, slug_func=_heading_slug)
    md.use(attrs_block_plugin)  # {#p-7} before an article's paragraph: its id, kept across re-imports
    md.use(container_plugin, "excerpt", validate=lambda params, *_: params.strip().split(" ", 1)[0] == "excerpt")
    md.use(container_plugin, "headlines",
           validate=lambda params, *_: params.strip().split(" ", 1)[0] == "headlines")
    md.core.ruler.push("sitegen", _sitegen_core)
    # one pair of functions for every instance (mdinline remembers the hrefs they give)
    md.validateLink = _validate_link  # type: ignore[method-assign]
    md.normalizeLink = _NORMALIZE_LINK  # type: ignore[method-assign,assignment]
    md.helpers = fast_helpers()  # type: ignore[assignment]
    install_paragraph_rule(md)  # one-line paragraphs without the walk through every block rule (mdblock)
    md.core.ruler.at("inline", inline_rule)  # news copy's inline text without the walk (mdinline)
    md.core.ruler.at("text_join", text_join_rule)  # (only what markdown-it-py's inline rule parsed)
    add_render_rules(md)
    return md


def parse(md: MarkdownIt, body: str, citeable: bool) -> Parsed:
    parsed = Parsed(tokens=[])
    parsed.tokens = md.parse(body, {"parsed": parsed, "paragraph_ids": citeable})
    return parsed
