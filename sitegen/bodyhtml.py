"""A page body's HTML, rendered once from its tokens with holes for what the site resolves.

A body's HTML depends on the site in a few places only: where its links to other content
files point, which of its paragraphs are cited and by whom, the verified excerpts and
headlines that replace the editor's blocks, and the site's base path. :func:`skeleton`
renders the tokens once into HTML with a hole at each of those places; :func:`fill` puts in
what the site resolved. A build that reads its files in workers makes each skeleton there,
from the one parse that also gives the body's outline, so no body is parsed twice.

A hole is marked in the HTML by a NUL character, which no rendered text can hold (markdown-it
replaces it in its input, as CommonMark asks).
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any, Callable, Mapping, Sequence

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token

if TYPE_CHECKING:
    from .markdown import Parsed

MARK = "\x00"

# what a hole stands for: its first item
LINK = 0
"""(LINK, href): a link's href, resolved (a content file's page) or placed under the base path."""
SRC = 1
"""(SRC, src): an image's src, placed under the base path."""
PARAGRAPH = 2
"""(PARAGRAPH, pid, what marks it cited): inside a citeable paragraph's opening tag."""
CITED = ' class="cited"'
CITED_IN = 3
"""(CITED_IN, pid): after a paragraph, the pages that cite it."""
BLOCK = 4
"""(BLOCK, kind, index): where an excerpt or headlines block starts ("excerpt", "headlines")."""
END = 5
"""(END, kind): where it ends."""

Hole = tuple[Any, ...]
Skeleton = tuple[bytes, tuple[Hole, ...]]
"""The HTML with a MARK at each hole, in UTF-8 (a build holds every body's at once, and news
copy's typographic quotes would make the text take two bytes a character), and the holes in
order."""

Citations = Mapping[str, Sequence[tuple[str, str]]]
"""paragraph id → (title, href) of each excerpt that quotes it."""


def skeleton(md: MarkdownIt, parsed: Parsed) -> Skeleton:
    holes: list[Hole] = []
    html = md.renderer.render(parsed.tokens, md.options, {"holes": holes})
    return html.encode(), tuple(holes)


def fill(made: Skeleton, links: Mapping[str, str] | None = None, base_path: str = "/",
         citations: Citations | None = None, excerpt: Callable[[int], str] | None = None,
         headlines: Callable[[int], str] | None = None) -> str:
    """The body's HTML with its holes filled. With neither ``excerpt`` nor ``headlines``, the
    blocks show as the editor wrote them (outside a site, which has verified nothing);
    otherwise each block is replaced whole by what its callback makes of it (nothing without
    one), never the editor's copy."""
    html, holes = made[0].decode(), made[1]
    if not holes:
        return html
    links = links or {}
    citations = citations or {}
    blocks = {"excerpt": excerpt, "headlines": headlines} if excerpt is not None or headlines is not None else None
    pieces = html.split(MARK)
    out = [pieces[0]]
    skipping = ""  # inside a block replaced whole: the kind of its end
    for hole, after in zip(holes, pieces[1:]):
        kind = hole[0]
        if skipping:
            if kind == END and hole[1] == skipping:
                skipping = ""
                out.append(after)
            continue
        if kind == LINK:
            resolved = links.get(hole[1])
            out.append(escapeHtml(resolved if resolved is not None else _under_base(hole[1], base_path)))
        elif kind == SRC:
            out.append(escapeHtml(_under_base(hole[1], base_path)))
        elif kind == PARAGRAPH:
            if hole[1] in citations:
                out.append(hole[2])
        elif kind == CITED_IN:
            out.append(_cited_in(citations.get(hole[1])))
        elif kind == BLOCK and blocks is not None:
            callback = blocks[hole[1]]
            out.append(callback(hole[2]) if callback is not None else "")
            skipping = hole[1]
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


def _hole(env: dict[str, Any], hole: Hole) -> str:
    env["holes"].append(hole)
    return MARK


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
        value = _hole(env, (LINK, str(value or ""))) if name == "href" else escapeHtml(str(value))
        out.append(f' {escapeHtml(name)}="{value}"')
    return "".join(out) + ">"


def _image(self, tokens, idx, options, env):  # type: ignore[no-untyped-def]
    token = tokens[idx]
    mark = _hole(env, (SRC, str(token.attrGet("src") or "")))
    return _with(token, "src", mark, lambda: self.image(tokens, idx, options, env))


def _paragraph_open(self, tokens, idx, options, env):  # type: ignore[no-untyped-def]
    token = tokens[idx]
    pid = token.meta.get("pid")
    plain = self.renderToken(tokens, idx, options, env)
    if not pid:
        return plain
    # a hole where the tag marked cited has its class: the last attribute, markdown-it writes
    # the attributes in order (a paragraph has no class of its own: parsing refuses one)
    at = plain.rindex(">")
    return plain[:at] + _hole(env, (PARAGRAPH, pid, CITED)) + plain[at:]


def _paragraph_close(self, tokens, idx, options, env):  # type: ignore[no-untyped-def]
    pid = tokens[idx].meta.get("pid")
    if not pid:
        return self.renderToken(tokens, idx, options, env)
    number = pid.split("-", 1)[1]
    return f' <a class="pilcrow" href="#{pid}" aria-label="Link to paragraph {number}">¶</a></p>\n' + \
        _hole(env, (CITED_IN, pid))


def _block_open(self, tokens, idx, options, env):  # type: ignore[no-untyped-def]
    kind = tokens[idx].type.removeprefix("container_").removesuffix("_open")
    return _hole(env, (BLOCK, kind, tokens[idx].meta[kind])) + "<blockquote>\n"


def _block_close(self, tokens, idx, options, env):  # type: ignore[no-untyped-def]
    kind = tokens[idx].type.removeprefix("container_").removesuffix("_close")
    return "</blockquote>\n" + _hole(env, (END, kind))


def add_rules(md: MarkdownIt) -> None:
    """Have ``md`` render skeletons (:func:`skeleton`)."""
    md.add_render_rule("link_open", _link_open)
    md.add_render_rule("image", _image)
    md.add_render_rule("paragraph_open", _paragraph_open)
    md.add_render_rule("paragraph_close", _paragraph_close)
    for kind in ("excerpt", "headlines"):
        md.add_render_rule(f"container_{kind}_open", _block_open)
        md.add_render_rule(f"container_{kind}_close", _block_close)
