"""``sitegen.yaml`` → a frozen, typed :class:`Config`."""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import SplitResult, urlsplit

from . import schema
from .errors import Errors, SiteError
from .frontmatter import Map, YamlError, decode, load_yaml
from .schema import Field
from .sources import read_source
from .urls import split_url

CONFIG_FILE = "sitegen.yaml"
KNOWN_TAXONOMIES = ("actors", "outlets", "topics")


@dataclass(frozen=True, slots=True)
class Config:
    root: Path
    """The site's folder (where sitegen.yaml is)."""
    title: str
    """The site's name, in every page title and the feeds."""
    description: str = ""
    """One or two sentences: the home page's lead and the meta description."""
    language: str = "en"
    """BCP 47 language tag for <html lang>."""
    base_url: str = "/"
    """Where the site is published, e.g. https://someone.github.io/briefing/."""
    theme: str = "briefing"
    """A theme's name: the site's themes/NAME/, else the installed theme of that name."""
    taxonomies: tuple[str, ...] = KNOWN_TAXONOMIES
    """Which term listings to build (of actors, outlets, topics)."""
    author: str = ""
    """Who keeps the site; in the feeds and the footer."""
    allow_html: bool = False
    """Let raw HTML in Markdown through. Off: it is shown as text."""
    feed_limit: int = 50
    """How many articles the Atom and JSON feeds carry."""
    search: bool = False
    """Build a Pagefind full-text search index (and a /search/ page) after the build."""
    method_page: str = ""
    """The page that says how the briefing is made and corrected ('/about/'): linked from every
    page's history and named in JSON-LD as the publishing principles and corrections policy."""
    last_updated: str = "updates"
    """Where a page's "last updated" date comes from: its updates and corrections, or git."""

    base_path: str = field(init=False, repr=False, compare=False)
    """The path part of base_url, always starting and ending with '/'."""
    absolute_base: str = field(init=False, repr=False, compare=False)
    """base_url with a trailing slash ('' scheme and host when base_url is a bare path)."""

    def __post_init__(self) -> None:
        parts = urlsplit(self.base_url)
        path = parts.path or "/"
        path = path if path.endswith("/") else path + "/"
        object.__setattr__(self, "base_path", path)
        object.__setattr__(self, "absolute_base", (f"{parts.scheme}://{parts.netloc}" if parts.scheme else "") + path)

    def url(self, path: str) -> str:
        """A site path ('/articles/x/') under the base URL's path."""
        return self.base_path + path.lstrip("/")

    def abs_url(self, path: str) -> str:
        """A site path as a full URL (a path alone when base_url has no host)."""
        return self.absolute_base + path.lstrip("/")

    def with_base_url(self, base_url: str) -> "Config":
        return replace(self, base_url=base_url)


def _base_url(node, key, path, errors):  # type: ignore[no-untyped-def]
    value = schema.text(node, key, path, errors)
    if value is schema._INVALID:
        return value
    message = check_base_url(value)
    if message:
        errors.add(path, node.line, f"{key}: {message}")
        return schema._INVALID
    return value


_PATH_PUNCTUATION = set("-._~!$&()*+,;=:@/")
"""What a URL path may hold besides letters, digits and %XX escapes (RFC 3986's pchar, less the
single quote): the base path is written into attributes, scripts and headers (issue 19.13)."""
_HOST = re.compile(r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.?")


_NAMES = {"\\": "a backslash", '"': 'a double quote (")', "'": "a single quote (')", "<": "an angle bracket (<)",
          ">": "an angle bracket (>)", "`": "a backtick (`)"}


def _path_problem(path: str) -> str:
    """'' when path holds only what a URL path may, else what it holds that it may not."""
    at = 0
    while at < len(path):
        char = path[at]
        if char == "%":
            if not re.fullmatch(r"[0-9A-Fa-f]{2}", path[at + 1 : at + 3]):
                return "a '%' without two hex digits after it"
            at += 3
            continue
        if not (char.isascii() and (char.isalnum() or char in _PATH_PUNCTUATION)) and \
                not (not char.isascii() and char.isalnum()):
            if char.isspace():
                return "a space" if char == " " else f"the white-space character U+{ord(char):04X}"
            if ord(char) < 0x20 or 0x7F <= ord(char) < 0xA0:
                return f"the control character U+{ord(char):04X}"
            return _NAMES.get(char, f"the character '{char}'")
        at += 1
    return ""


def _plain_host(parts: SplitResult) -> bool:
    """A host name or an IP address, and a port number, with no user name or password."""
    try:
        parts.port  # raises on a port that is not a number
    except ValueError:
        return False
    host = parts.hostname or ""
    if parts.username is not None or parts.password is not None or not host:
        return False
    if ":" in host:
        try:
            ipaddress.IPv6Address(host)
        except ValueError:
            return False
        return True
    return bool(_HOST.fullmatch(host))


def check_base_url(value: str) -> str:
    """'' when value is a usable base URL, else what is wrong with it."""
    # before splitting: urlsplit silently drops tabs and line breaks
    unseen = next((_path_problem(char) for char in value if char.isspace() or not char.isprintable()), "")
    if unseen:
        return f"'{value}' has {unseen}, which a URL cannot hold" + (" — write it as %20" if unseen == "a space" else "")
    parts = split_url(value)
    if parts is None:
        return f"'{value}' is not a URL"
    problem = _path_problem(parts.path)
    if problem:
        return (f"'{value}' has {problem}, which a URL path cannot hold — a path holds letters, digits, "
                "%XX escapes and - . _ ~ ! $ & ( ) * + , ; = : @ /")
    if parts.netloc and not parts.scheme:
        return f"'{value}' names a host without a scheme — write https://{parts.netloc}{parts.path}"
    if parts.netloc and not _plain_host(parts):
        return f"'{value}' does not have a plain host name (and port) after {parts.scheme}://"
    if parts.scheme and (parts.scheme not in ("http", "https") or not parts.netloc):
        return f"'{value}' must be an http(s) URL or a path starting with /"
    if not parts.scheme and not value.startswith("/"):
        return f"'{value}' must be an http(s) URL or a path starting with /"
    if parts.query or parts.fragment:
        return f"'{value}' must not have a query or fragment"
    return ""


_THEME_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")


def _theme(node, key, path, errors):  # type: ignore[no-untyped-def]
    """A theme is a name (a folder of themes/ or an installed theme), never a path: a path
    would publish whatever static/ folder it leads to."""
    value = schema.text(node, key, path, errors)
    if value is not schema._INVALID and (not _THEME_NAME.fullmatch(value) or ".." in value):
        errors.add(path, node.line, f"{key}: '{value}' is not a theme name",
                   "write the name of a folder of themes/ (letters, digits, '-', '_', '.'), not a path")
        return schema._INVALID
    return value


def _taxonomy(node, key, path, errors):  # type: ignore[no-untyped-def]
    value = schema.text(node, key, path, errors)
    if value is not schema._INVALID and value not in KNOWN_TAXONOMIES:
        errors.add(path, node.line, f"{key}: unknown taxonomy '{value}'",
                   f"choose from {', '.join(KNOWN_TAXONOMIES)}")
        return schema._INVALID
    return value


FIELDS = [
    Field("title", schema.nonempty_text, required=True),
    Field("description", schema.text, default=""),
    Field("language", schema.nonempty_text, default="en"),
    Field("base_url", _base_url, default="/"),
    Field("theme", _theme, default="briefing"),
    Field("taxonomies", schema.list_of(_taxonomy), default=KNOWN_TAXONOMIES),
    Field("author", schema.text, default=""),
    Field("allow_html", schema.boolean, default=False),
    Field("feed_limit", schema.integer, default=50),
    Field("search", schema.boolean, default=False),
    Field("method_page", schema.url_path, default=""),
    Field("last_updated", schema.one_of("updates", "git"), default="updates"),
]


def load_config(root: Path, errors: Errors) -> Config | None:
    """Read and validate sitegen.yaml; None (with errors added) when it is unusable."""
    path = root / CONFIG_FILE
    if not path.exists():
        errors.add(CONFIG_FILE, None, f"no {CONFIG_FILE} in {root}",
                   "run sitegen in the site's folder or pass --source DIR")
        return None
    try:
        node = load_yaml(decode(read_source(path, CONFIG_FILE), CONFIG_FILE), CONFIG_FILE)
    except YamlError as exc:
        errors.extend([exc.error])
        return None
    if node is None:
        node = Map({}, 1)
    if not isinstance(node, Map):
        errors.extend([SiteError(CONFIG_FILE, node.line, "the config must be a mapping of keys to values")])
        return None
    values = schema.read(node, FIELDS, CONFIG_FILE, errors)
    if values is None:
        return None
    values["taxonomies"] = tuple(dict.fromkeys(values["taxonomies"]))
    return Config(root=root, **values)


def key_line(root: Path, key: str) -> int | None:
    """The line of a top-level key in sitegen.yaml, for an error found after the config was
    loaded (a method_page that names no page); None when the file cannot be read again."""
    try:
        node = load_yaml(decode(read_source(root / CONFIG_FILE, CONFIG_FILE), CONFIG_FILE), CONFIG_FILE)
    except YamlError:
        return None
    found = node.items.get(key) if isinstance(node, Map) else None
    return found[0] if found else None
