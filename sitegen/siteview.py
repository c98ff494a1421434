"""The site as the maintenance commands read it (``sitegen archive``, ``check --external``,
``check --reuse``): its content files, validated, with their front-matter key lines.

This is the one place those commands call the build's loader, so a change to
``build.load_site`` touches only :func:`read_site`. They read; none of them renders.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping

from markdown_it import MarkdownIt

from .excerpts import Paragraph
from .frontmatter import Map, YamlError, decode, split
from .markdown import Parsed, parse

if TYPE_CHECKING:
    from .site import Site


@dataclass(frozen=True, slots=True)
class Doc:
    """A content file, validated."""

    key: str
    """How the site refers to it: 'articles/slug'."""
    source: str
    """Path relative to the site root, e.g. content/articles/x.md."""
    section: str
    """articles, topics, pages, or '' for the home page's text."""
    slug: str
    """From the file name; how excerpts and shares_copy_with name an article."""
    meta: Mapping[str, Any]
    """Validated front matter with defaults filled in."""
    body: str
    """The Markdown after the front matter."""
    body_line: int
    """File line on which the body starts."""

    def file_line(self, body_line: int) -> int:
        """The file line of a line of the body (1-based)."""
        return self.body_line + body_line - 1


@dataclass(frozen=True, slots=True)
class SiteView:
    """What the maintenance commands know of a site."""

    root: Path
    """The site's folder."""
    docs: tuple[Doc, ...]
    """Every content file, in the build's order."""
    md: MarkdownIt = field(repr=False)
    """The site's own Markdown parser (its allow_html setting decides what is a paragraph)."""
    site: Site | None = field(default=None, repr=False, compare=False)
    """The loaded site, whose parsed bodies are reused (a check has parsed them all already)."""

    @property
    def articles(self) -> tuple[Doc, ...]:
        return tuple(doc for doc in self.docs if doc.section == "articles")

    def parsed(self, doc: Doc) -> Parsed:
        """A page's body parsed as the site parses it: articles with their paragraphs numbered."""
        if self.site is not None and doc.key in self.site.pages:
            return self.site.parsed_for(doc.key)
        return parse(self.md, doc.body, citeable=doc.section == "articles")

    def paragraphs(self, doc: Doc) -> list[Paragraph]:
        """An article's paragraphs as the site numbers them (#p-1, #p-2, …)."""
        return [paragraph for paragraph, _ in self.parsed(doc).paragraphs]

    def front_matter(self, doc: Doc) -> Map:
        """The file's front matter as written, with its key lines (empty when it cannot be
        read again: it changed since the site was loaded)."""
        try:
            return split(decode((self.root / doc.source).read_bytes(), doc.source), doc.source).meta
        except (OSError, YamlError):
            return Map({}, 1)

    def key_lines(self, doc: Doc) -> dict[str, int]:
        """The file line of each front-matter key."""
        return {key: line for key, (line, _) in self.front_matter(doc).items.items()}


def read_site(root: Path, drafts: bool = True) -> SiteView:
    """Load and validate the site at root (raises BuildError with every error found).
    Drafts are included by default: archiving or checking a report before it is published
    is as useful as after."""
    from .build import load_site  # the build's loader: the one call into it

    site, _errors, md = load_site(root.resolve(), drafts=drafts)
    return view_of(site, root, md)


def view_of(site: Site, root: Path, md: MarkdownIt | None = None) -> SiteView:
    """The view of a site the build has already loaded (``sitegen check`` builds first)."""
    docs = tuple(Doc(page.key, page.source, page.section, page.slug, page.meta, page.body, page.body_line)
                 for page in site.pages.values())
    parser = md if md is not None else site.md
    assert parser is not None, "a loaded site has its parser"
    return SiteView(root.resolve(), docs, parser, site)
