"""Templates: the Jinja2 environment of a theme, and views rendered into bytes.

The environment's globals are plain functions of the config and the theme's assets: they
hold no renderer and no site, so an environment never keeps a build alive. Environments are
kept per process by their key (sitegen's code, the theme's files, the config, the sandbox
setting): ``sitegen serve`` and a test that builds a site a thousand times compile each
template once.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path
from typing import Any, Mapping, MutableMapping

import jinja2
import jinja2.bccache
import jinja2.sandbox
from markupsafe import Markup, escape

from . import __version__, views
from .config import Config
from .digests import code_digest, digest
from .errors import SiteError
from .metadata import iso, rfc3339
from .plan import TAXONOMY_TITLES
from .theme import Theme
from .views import OutletRef

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")


def format_date(value: dt.date | dt.datetime | None) -> str:
    """'22 February 2025' whatever the machine's locale; 'date unknown' for None."""
    if value is None:
        return "date unknown"
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def time_tag(value: dt.date | dt.datetime | None) -> Markup:
    """A date as a <time> element; 'date unknown' (a span) for None."""
    if value is None:
        return Markup('<span class="unknown">date unknown</span>')
    return Markup(f'<time datetime="{escape(iso(value))}">{escape(format_date(value))}</time>')


def dateline_html(page: Any) -> Markup:
    """A page's date as a <time> element (a template global: every card shows one)."""
    return time_tag(page.date)


def card_html(card: Any) -> Markup:
    """A card's list item, rendered once with the card (views.Card.html)."""
    return Markup(card.html)


class CompiledTemplates(jinja2.BytecodeCache):
    """Templates compiled by an earlier run, kept in the user's cache folder — never in the
    site's folder, whose files anyone may have put there — and each file signed with the user's
    cache key (``store.secret``): a file that is not one sitegen wrote for this user is ignored.
    Jinja checks each against its template's source and its own version before using it."""

    def __init__(self, kind: str) -> None:
        from .store import user_cache

        self.folder = user_cache() / "templates" / kind

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        from .store import Ignored, read_signed

        try:
            data = read_signed(self.folder / f"{bucket.key}.jinja")
        except Ignored:
            return
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        from .store import write_signed

        try:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            write_signed(self.folder / f"{bucket.key}.jinja", bucket.bytecode_to_string())
        except OSError:
            pass  # no cache: the template is compiled again next time


class TemplateFailed(Exception):
    def __init__(self, error: SiteError):
        self.error = error
        super().__init__(str(error))


class _FlatGlobals:
    """Each template's globals as one plain dict, not Jinja's ChainMap over the environment's:
    every ``{% from "marks.html" import … %}`` compares the two templates' globals, which is a
    loop in Python over a ChainMap and a set operation in C over dicts (a tenth of the time a
    card took). The environment's globals are all set before the first template loads."""

    globals: dict[str, Any]

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        return {**self.globals, **d} if d else dict(self.globals)


class _Environment(_FlatGlobals, jinja2.Environment):
    pass


class _SafeEnvironment(_FlatGlobals, jinja2.sandbox.ImmutableSandboxedEnvironment):
    pass


class Renderer:
    """Renders views with one theme and config."""

    def __init__(self, config: Config, theme: Theme, safe: bool = False) -> None:
        self.config = config
        self.theme = theme
        self.assets = theme.assets
        self.key = renderer_key(config, theme, safe)
        """Everything besides its view that a page's bytes depend on."""
        kind = _SafeEnvironment if safe else _Environment
        self.env = kind(
            bytecode_cache=CompiledTemplates("safe" if safe else "plain"),
            loader=jinja2.FileSystemLoader([str(d) for d in theme.template_dirs]),
            autoescape=jinja2.select_autoescape(["html", "xml"], default_for_string=True),
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            auto_reload=False,  # templates are part of the key: one renderer never sees them change
        )
        self.env.filters.update(date=format_date, iso=iso, rfc3339=rfc3339, time_tag=time_tag)
        self.env.globals.update(site=site_globals(config), url=config.url, abs_url=config.abs_url,
                                asset=_asset_function(config, theme.assets), sitegen_version=__version__,
                                jsonld=None, og_type="website", page_feeds=(), card_html=card_html,
                                outlet=_outlet_function(config), dateline=dateline_html)

    def page(self, template: str, context: Mapping[str, Any]) -> bytes:
        return self._render(template, context).encode("utf-8")

    def fragment(self, template: str, **context: Any) -> Markup:
        return Markup(self._render(template, context))

    def macro(self, template: str, name: str, *args: Any) -> str:
        """A macro of a template as plain text: the theme's words for a mark or a caution,
        where sitegen writes them itself (the JSON feed, JSON-LD)."""
        try:
            found = getattr(self.env.get_template(template).module, name)
            return " ".join(str(found(*args)).split())
        except (jinja2.TemplateError, AttributeError) as exc:
            error = exc if isinstance(exc, jinja2.TemplateError) else jinja2.TemplateError(f"no macro '{name}'")
            raise TemplateFailed(SiteError(*template_error_location(error, template, self.theme.template_dirs,
                                                                    self.config.root))) from None

    def _render(self, template: str, context: Mapping[str, Any]) -> str:
        try:
            return self.env.get_template(template).render(context)
        except jinja2.TemplateError as exc:
            raise TemplateFailed(SiteError(*template_error_location(exc, template, self.theme.template_dirs,
                                                                    self.config.root))) from None


def renderer_key(config: Config, theme: Theme, safe: bool) -> str:
    return digest(code_digest(), theme.digest, config, safe)


_RENDERERS: dict[str, Renderer] = {}


def renderer_for(config: Config, theme: Theme, safe: bool = False) -> Renderer:
    """The renderer of a theme and config, made once per process (the last few are kept)."""
    key = renderer_key(config, theme, safe)
    found = _RENDERERS.pop(key, None) or Renderer(config, theme, safe)
    _RENDERERS[key] = found  # most recently used last
    while len(_RENDERERS) > 4:
        del _RENDERERS[next(iter(_RENDERERS))]
    return found


def site_globals(config: Config) -> dict[str, Any]:
    nav = [("Topics", "/topics/"), ("Timeline", "/timeline/"), ("Articles", "/articles/")]
    nav += [(TAXONOMY_TITLES[t], f"/{t}/") for t in config.taxonomies if t != "topics"]
    return {"title": config.title, "description": config.description, "language": config.language,
            "author": config.author, "search": config.search, "method_page": config.method_page,
            "nav": [{"title": t, "url": u} for t, u in nav]}


def _asset_function(config: Config, assets: dict[str, tuple[str, bytes]]) -> Any:
    def asset(name: str) -> str:
        if name not in assets:
            raise jinja2.TemplateRuntimeError(f"no static file '{name}' in the theme")
        return config.url("/" + assets[name][0])

    return asset


def _outlet_function(config: Config) -> Any:
    def outlet(ref: OutletRef) -> Markup:
        """An outlet's name, linked to its page when it has one; "outlet unknown" when unknown.
        (A global rather than a macro: every card shows one, and macro calls are slow.)"""
        if not ref.known:
            return Markup('<span class="unknown">outlet unknown</span>')
        if ref.url:  # (escape and an f-string: Markup.format costs 25 µs a call)
            return Markup(f'<a href="{escape(config.url(ref.url))}">{escape(ref.name)}</a>')
        return escape(ref.name)

    return outlet


def template_error_location(exc: jinja2.TemplateError, fallback: str, dirs: tuple[Path, ...],
                            root: Path) -> tuple[str, int | None, str, str]:
    """(path, line, message, hint) for a Jinja error, pointing into the template file."""
    name = getattr(exc, "filename", None) or getattr(exc, "name", None) or fallback
    line = getattr(exc, "lineno", None)
    # runtime errors (an undefined variable) carry no line: Jinja rewrites the
    # traceback so that template frames show the template file and line
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if any(filename.startswith(str(d)) for d in dirs):
            name, line = filename, tb.tb_lineno
        tb = tb.tb_next
    path = Path(name)
    if not path.is_absolute():
        for folder in dirs:
            if (folder / name).is_file():
                path = folder / name
                break
    try:
        shown = path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        shown = str(path)
    message = str(exc.message if getattr(exc, "message", None) else exc)
    hint = "check the variable's name; every page kind's context is listed in the README" \
        if isinstance(exc, jinja2.UndefinedError) else ""
    missing = _MISSING_FIELD.fullmatch(message)
    if missing and missing.group(1) in _VIEW_FIELDS:
        kind, name = missing.groups()
        message = f"{'an' if kind[:1] in 'AEIOU' else 'a'} {kind} has no field '{name}'"
        hint = f"its fields: {', '.join(_VIEW_FIELDS[kind])}"
    return shown, line, message, hint


_MISSING_FIELD = re.compile(r"'(?:sitegen\.views\.)?(\w+) object' has no attribute '(\w+)'")
_VIEW_FIELDS = {name: tuple(f.name for f in dataclasses.fields(kind)) for name, kind in vars(views).items()
                if isinstance(kind, type) and dataclasses.is_dataclass(kind)}
"""Each view's fields, to say what a template may use instead of a name it got wrong."""
