"""Page bodies: their text and their parsed tokens, got when something needs them.

The :class:`~sitegen.site.Site` holds no body: an article nobody quotes is read and parsed only
when its own page is rendered (in a parallel build, by the worker that renders it). What a
build read is handed in (``texts``); a body it did not read — a page validated by an earlier
build and unchanged since — is read from its file and checked against the digest that build
recorded. Both memos are keyed by the body's digest, so ``sitegen serve`` keeps them between
rebuilds as they are.
"""

from __future__ import annotations

from pathlib import Path

from markdown_it import MarkdownIt

from .content import BodyRef
from .digests import text_key
from .errors import BuildError, SiteError
from .frontmatter import YamlError, decode, split
from .bodyhtml import Skeleton, skeleton, unpack
from .markdown import Parsed, parse

ParsedKey = tuple[str, bool, bool]
"""(body digest, citeable, allow_html): everything a parse depends on besides sitegen's code."""


class Bodies:
    """Texts and parses of page bodies, by digest."""

    __slots__ = ("root", "md", "allow_html", "texts", "parses", "used", "outlines", "skeletons", "readables",
                 "keep_tokens")

    def __init__(self, root: Path, md: MarkdownIt, allow_html: bool, texts: dict[str, str] | None = None,
                 parses: dict[ParsedKey, Parsed] | None = None) -> None:
        self.root = root
        self.md = md
        self.allow_html = allow_html
        self.texts: dict[str, str] = texts if texts is not None else {}
        """body digest → text."""
        self.parses: dict[ParsedKey, Parsed] = parses if parses is not None else {}
        """(body digest, citeable, allow_html) → tokens and what they refer to."""
        self.used: set[ParsedKey] = set()
        """The parses this build asked for (a long serve session forgets the others)."""
        self.outlines: dict[ParsedKey, Parsed] = {}
        """What resolving the site reads of a body: its parse without tokens (``outline``)."""
        self.skeletons: dict[ParsedKey, Skeleton] = {}
        """Bodies rendered with holes for what the site resolves (``bodyhtml``), made where
        they were parsed for their outline: rendering them then parses nothing."""
        self.readables: dict[str, str] = {}
        """body digest → its readable text (``readable.py``), where it was made as the body was
        read (the search records take it from here)."""
        self.keep_tokens = True
        """Whether a body's tokens are kept once parsed. Tokens take some 30 times a body's
        size, and only rendering the body reads them: a build that writes its output, and
        ``sitegen serve`` (which keeps each body's HTML), let them go and parse again the rare
        body they must render again; its outline is kept."""

    def text(self, body: BodyRef) -> str:
        found = self.texts.get(body.hash)
        if found is not None:
            return found
        try:
            document = split(decode((self.root / body.source).read_bytes(), body.source), body.source)
        except (OSError, YamlError):
            document = None
        if document is None or text_key(document.body) != body.hash:
            raise BuildError([SiteError(body.source, None, "changed while the site was being built",
                                        "build again")])
        self.texts[body.hash] = document.body
        return document.body

    def parsed(self, body: BodyRef) -> Parsed:
        """A body parsed (an article's with paragraph ids), once per text."""
        key = (body.hash, body.section == "articles", self.allow_html)
        self.used.add(key)
        found = self.parses.get(key)
        if found is None:
            found = parse(self.md, self.text(body), key[1])
            if self.keep_tokens:
                self.parses[key] = found
        return found

    def outline(self, body: BodyRef) -> Parsed:
        """What resolving the site reads of a body — its paragraphs, headings, links, excerpts
        and headlines — without its tokens (which only rendering reads)."""
        key = (body.hash, body.section == "articles", self.allow_html)
        self.used.add(key)
        found = self.outlines.get(key)
        if found is None:
            full = self.parses.get(key)
            if full is None:
                full = parse(self.md, self.text(body), key[1])
                if self.keep_tokens:
                    self.parses[key] = full
                else:  # its page renders from this parse: no second one
                    self.skeletons[key] = skeleton(self.md, full)
            found = self.outlines[key] = full.outline()
        return found

    def skeleton(self, body: BodyRef) -> Skeleton:
        """A body's HTML with holes for what the site resolves (``bodyhtml.fill``)."""
        key = (body.hash, body.section == "articles", self.allow_html)
        self.used.add(key)
        found = self.skeletons.get(key)
        if found is None:
            found = skeleton(self.md, self.parsed(body))
            if self.keep_tokens:
                self.skeletons[key] = found
        return unpack(found)

    def release(self, body: BodyRef) -> None:
        """Forget a body's text and tokens once its page is rendered (a one-shot build never
        reads them again)."""
        key = (body.hash, body.section == "articles", self.allow_html)
        self.parses.pop(key, None)
        self.skeletons.pop(key, None)
        self.texts.pop(body.hash, None)

    def forget_unused(self, keep: set[str]) -> None:
        """Keep only the parses this build used and the texts of ``keep`` (body digests)."""
        self.parses = {k: v for k, v in self.parses.items() if k in self.used}
        self.outlines = {k: v for k, v in self.outlines.items() if k in self.used}
        self.skeletons = {k: v for k, v in self.skeletons.items() if k in self.used}
        self.readables = {k: v for k, v in self.readables.items() if k in keep}
        self.texts = {k: v for k, v in self.texts.items() if k in keep}
