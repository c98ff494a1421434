"""The site as the maintenance commands read it (``sitegen archive``, ``check --external``,
``check --reuse``): its content files, validated, with their front-matter key lines.

This is the one place those commands call the build's loader, so a change to
``build.load_site`` touches only :func:`read_site`. They read; none of them renders.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping

from .excerpts import Paragraph
from .frontmatter import Map, YamlError, decode, split
from .markdown import Parsed

if TYPE_CHECKING:
    from .bodies import Bodies
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
    site: Site = field(repr=False, compare=False)
    bodies: Bodies = field(repr=False, compare=False)
    """The bodies as the build read and parsed them (with the site's own Markdown settings)."""

    @property
    def articles(self) -> tuple[Doc, ...]:
        return tuple(doc for doc in self.docs if doc.section == "articles")

    def parsed(self, doc: Doc) -> Parsed:
        """A page's body parsed as the site parses it: articles with their paragraphs numbered."""
        return self.bodies.parsed(self.site.pages[doc.key].body)

    def body(self, doc: Doc) -> str:
        """The Markdown after the front matter."""
        return self.bodies.text(self.site.pages[doc.key].body)

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
    from .build import Options, load  # the build's loader: the one call into it

    loaded = load(root.resolve(), Options(drafts=drafts))
    return view_of(loaded.site, loaded.bodies, root)


def view_of(site: Site, bodies: Bodies, root: Path) -> SiteView:
    """The view of a site the build has already loaded (``sitegen check`` builds first)."""
    docs = tuple(Doc(page.key, page.source, page.section, page.slug, page.meta, page.body.line)
                 for page in site.pages.values())
    return SiteView(root.resolve(), docs, site, bodies)
