"""A page body's HTML, rendered once from its tokens with holes for what the site resolves.

A body's HTML depends on the site in a few places only: where its links to other content
files point, which of its paragraphs are cited and by whom, the verified excerpts and
headlines that replace the editor's blocks, and the site's base path. :func:`skeleton`
renders the tokens once into HTML with a hole at each of those places; :func:`fill` puts in
what the site resolved. A build that reads its files in workers makes each skeleton there,
from the one parse that also gives the body's outline, so no body is parsed twice.

A skeleton is one UTF-8 string (a build holds every body's at once, and hands them from the
workers that parse to those that render): the HTML, with each hole written between two NUL
characters, which no rendered text can hold (markdown-it replaces NUL in its input, as
CommonMark asks). A hole is a letter saying what it stands for and what it needs:
``Lhref`` a link's href (resolved to a content file's page, else placed under the base path),
``Ssrc`` an image's src (placed under the base path), ``Ppid`` inside a citeable paragraph's
opening tag (its class when cited), ``Cpid`` after the paragraph (the pages that cite it),
``Bexcerpt N`` / ``Bheadlines N`` where the page's Nth block of that kind starts and ``Eexcerpt``
/ ``Eheadlines`` where it ends.
"""

from __future__ import annotations

import zlib
from html import escape
from typing import TYPE_CHECKING, Any, Callable, Mapping, Sequence

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token

if TYPE_CHECKING:
    from .markdown import Parsed

MARK = "\x00"
CITED = ' class="cited"'

Skeleton = bytes
"""The HTML with its holes, in UTF-8 (see above)."""


class Packed(bytes):
    """A skeleton compressed: a large site's build holds every body's at once (about 11 KB of
    news copy, 4 KB packed), at the cost of some 0.3 ms a body."""


def pack(made: Skeleton) -> Packed:
    return Packed(zlib.compress(made, 1))


def unpack(made: Skeleton) -> Skeleton:
    return zlib.decompress(made) if isinstance(made, Packed) else made


Citations = Mapping[str, Sequence[tuple[str, str]]]
"""paragraph id → (title, href) of each excerpt that quotes it."""


def skeleton(md: MarkdownIt, parsed: Parsed) -> Skeleton:
    html: str = md.renderer.render(parsed.tokens, md.options, {})
    return html.encode()


def fill(made: Skeleton, links: Mapping[str, str] | None = None, base_path: str = "/",
         citations: Citations | None = None, excerpt: Callable[[int], str] | None = None,
         headlines: Callable[[int], str] | None = None) -> str:
    """The body's HTML with its holes filled. With neither ``excerpt`` nor ``headlines``, the
    blocks show as the editor wrote them (outside a site, which has verified nothing);
    otherwise each block is replaced whole by what its callback makes of it (nothing without
    one), never the editor's copy."""
    pieces = made.decode().split(MARK)
    if len(pieces) == 1:
        return pieces[0]
    links = links or {}
    citations = citations or {}
    blocks = {"excerpt": excerpt, "headlines": headlines} if excerpt is not None or headlines is not None else None
    out = [pieces[0]]
    skipping = ""  # inside a block replaced whole: the hole that ends it
    for index in range(1, len(pieces), 2):
        hole, after = pieces[index], pieces[index + 1]
        kind, value = hole[0], hole[1:]
        if skipping:
            if hole == skipping:
                skipping = ""
                out.append(after)
            continue
        if kind == "L":
            resolved = links.get(value)
            out.append(escapeHtml(resolved if resolved is not None else _under_base(value, base_path)))
        elif kind == "S":
            out.append(escapeHtml(_under_base(value, base_path)))
        elif kind == "P":
            if value in citations:
                out.append(CITED)
        elif kind == "C":
            out.append(_cited_in(citations.get(value)))
        elif kind == "B" and blocks is not None:
            name, _, number = value.partition(" ")
            callback = blocks[name]
            out.append(callback(int(number)) if callback is not None else "")
            skipping = "E" + name
            continue
        out.append(after)
    return "".join(out)


def render(md: MarkdownIt, parsed: Parsed, env: Mapping[str, Any] | None = None) -> str:
    """A body's HTML in one call: ``env`` may give ``link_map``, ``base_path``, ``citations``,
    and ``render_excerpt`` / ``render_headlines`` (index → HTML)."""
    env = env or {}
    return fill(skeleton(md, parsed), env.get("link_map"), env.get("base_path", "/"), env.get("citations"),
                env.get("render_excerpt"), env.get("render_headlines"))


def _under_base(url: str, base: str) -> str:
    """Root-relative URLs ('/topics/x/') are placed under the site's base path."""
    if url.startswith("/") and not url.startswith("//") and base != "/":
        return base + url[1:]
    return url


def _cited_in(cited_by: Sequence[tuple[str, str]] | None) -> str:
    if not cited_by:
        return ""
    # one link per citing page; a page that quotes the paragraph again gets numbered links
    pages: dict[str, list[str]] = {}
    for title, href in cited_by:
        pages.setdefault(title, []).append(href)
    links = []
    for title, hrefs in pages.items():
        more = "".join(f' <a href="{escape(h)}" aria-label="{escape(title)}, excerpt {n}">{n}</a>'
                       for n, h in enumerate(hrefs[1:], start=2))
        links.append(f'<a href="{escape(hrefs[0])}">{escape(title)}</a>' + (f" (also{more})" if more else ""))
    return f'<p class="cited-in"><span>Cited in:</span> {", ".join(links)}</p>\n'


# ---------------------------------------------------------------------------
# render rules: a hole wherever the site's resolution goes


def _hole(kind: str, value: str) -> str:
    return MARK + kind + value + MARK


def _with(token: Token, name: str, value: str, render: Callable[[], str]) -> str:
    """Render with one attribute changed, then put it back (the tokens stay as parsed)."""
    original = token.attrGet(name)
    token.attrSet(name, value)
    try:
        return render()
    finally:
        if original is None:
            token.attrs.pop(name, None)
        else:
            token.attrSet(name, original)


def _link_open(self, tokens, idx, options, env):  # type: ignore[no-untyped-def]
    """``<a …>`` as markdown-it writes it (an inline tag: its attributes, escaped), with a hole
    for the href; written here, since a body full of links makes this the hottest rule."""
    out = ["<a"]
    for name, value in tokens[idx].attrs.items():
        value = _hole("L", str(value or "")) if name == "href" else escapeHtml(str(value))
        out.append(f' {escapeHtml(name)}="{value}"')
    return "".join(out) + ">"


def _image(self, tokens, idx, options, env):  # type: ignore[no-untyped-def]
    token = tokens[idx]
    # rendered with a stand-in src (the renderer escapes attributes), then the hole put in
    place = MARK + "S" + MARK
    html = _with(token, "src", place, lambda: self.image(tokens, idx, options, env))
    return html.replace(place, _hole("S", str(token.attrGet("src") or "")), 1)


def _paragraph_open(self, tokens, idx, options, env):  # type: ignore[no-untyped-def]
    token = tokens[idx]
    pid = token.meta.get("pid")
    plain = self.renderToken(tokens, idx, options, env)
    if not pid:
        return plain
    # a hole where the tag marked cited has its class: the last attribute, markdown-it writes
    # the attributes in order (a paragraph has no class of its own: parsing refuses one)
    at = plain.rindex(">")
    return plain[:at] + _hole("P", pid) + plain[at:]


def _paragraph_close(self, tokens, idx, options, env):  # type: ignore[no-untyped-def]
    pid = tokens[idx].meta.get("pid")
    if not pid:
        return self.renderToken(tokens, idx, options, env)
    number = pid.split("-", 1)[1]
    return f' <a class="pilcrow" href="#{pid}" aria-label="Link to paragraph {number}">¶</a></p>\n' + \
        _hole("C", pid)


def _block_open(self, tokens, idx, options, env):  # type: ignore[no-untyped-def]
    kind = tokens[idx].type.removeprefix("container_").removesuffix("_open")
    return _hole("B", f"{kind} {tokens[idx].meta[kind]}") + "<blockquote>\n"


def _block_close(self, tokens, idx, options, env):  # type: ignore[no-untyped-def]
    kind = tokens[idx].type.removeprefix("container_").removesuffix("_close")
    return "</blockquote>\n" + _hole("E", kind)


_INLINE_TAGS = {"em_open": "<em>", "em_close": "</em>", "strong_open": "<strong>", "strong_close": "</strong>",
                "link_close": "</a>"}
"""Inline tags markdown-it's renderToken writes so when they have no attributes (no rule of
their own: tests/unit/test_mdinline.py holds the two renderings equal)."""


def _fast_inline(renderer: RendererHTML) -> Callable[..., str]:
    """The renderer's renderInline, one loop without a rule call per token for the tokens of
    news copy (text, links, emphasis, line breaks); anything else goes to renderInline."""
    original: Callable[..., str] = renderer.renderInline
    tags = _INLINE_TAGS

    def render_inline(tokens: Sequence[Token], options: Any, env: Any) -> str:
        out = []
        for token in tokens:
            kind = token.type
            if kind == "text":
                out.append(escapeHtml(token.content))
            elif kind == "link_open" and len(token.attrs) == 1 and "href" in token.attrs:
                out.append('<a href="' + _hole("L", str(token.attrs["href"] or "")) + '">')  # (as _link_open)
            elif kind in tags and not token.attrs and not token.hidden:
                out.append(tags[kind])
            elif kind == "softbreak" and not options.breaks:
                out.append("\n")
            else:
                return original(tokens, options, env)
        return "".join(out)

    return render_inline


def add_rules(md: MarkdownIt) -> None:
    """Have ``md`` render skeletons (:func:`skeleton`)."""
    renderer = md.renderer
    if isinstance(renderer, RendererHTML) and not any(kind in renderer.rules for kind in _INLINE_TAGS) and \
            getattr(renderer.rules.get("text"), "__func__", None) is RendererHTML.text:
        renderer.renderInline = _fast_inline(renderer)  # type: ignore[method-assign]
    md.add_render_rule("link_open", _link_open)
    md.add_render_rule("image", _image)
    md.add_render_rule("paragraph_open", _paragraph_open)
    md.add_render_rule("paragraph_close", _paragraph_close)
    for kind in ("excerpt", "headlines"):
        md.add_render_rule(f"container_{kind}_open", _block_open)
        md.add_render_rule(f"container_{kind}_close", _block_close)
