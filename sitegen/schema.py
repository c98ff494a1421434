"""Declarative field tables that turn YAML nodes into typed values.

One table per kind of document (site config, article, topic, page, registry
entry). Each field names its type; a value of the wrong type, an unknown key
or a missing required key is an error with the key's file line.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Callable

from .errors import Errors, did_you_mean
from .frontmatter import Map, Node, Scalar, Seq
from .urls import split_url

Converter = Callable[[Node, str, str, Errors], Any]
"""(node, key, path, errors) → value, or _INVALID after adding an error."""

_INVALID = object()


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    convert: Converter
    required: bool = False
    default: Any = None
    doc: str = ""


def _type_name(node: Node) -> str:
    if isinstance(node, Seq):
        return "a list"
    if isinstance(node, Map):
        return "a mapping"
    return {"str": "text", "int": "a number", "float": "a number", "bool": "a boolean",
            "null": "empty", "timestamp": "a date"}[node.kind]


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters XML 1.0 does not allow (YAML lets them in through escapes such as "\\v"): any of
them in a title or a summary would make feed.xml not well-formed (issue 19.11)."""


def text(node: Node, key: str, path: str, errors: Errors) -> Any:
    """A string. A plain scalar is taken exactly as written (``no`` stays "no"); characters
    that XML does not allow are refused."""
    if isinstance(node, Scalar) and node.kind != "null":
        bad = _NOT_XML.search(node.text)
        if bad:
            code = ord(bad.group())
            what = "the control character" if code < 0x20 else "the character"
            errors.add(path, node.line, f"{key}: contains {what} U+{code:04X}", "remove it")
            return _INVALID
        return node.text
    errors.add(path, node.line, f"{key}: expected text, found {_type_name(node)}",
               "write the value in quotes" if not isinstance(node, Scalar) else "write some text")
    return _INVALID


def nonempty_text(node: Node, key: str, path: str, errors: Errors) -> Any:
    value = text(node, key, path, errors)
    if value is not _INVALID and not value.strip():
        errors.add(path, node.line, f"{key}: must not be empty")
        return _INVALID
    return value


def optional_text(node: Node, key: str, path: str, errors: Errors) -> Any:
    """Text, or None when written as ``null``/``~``/nothing (an explicit 'unknown')."""
    if isinstance(node, Scalar) and node.kind == "null":
        return None
    return text(node, key, path, errors)


def boolean(node: Node, key: str, path: str, errors: Errors) -> Any:
    if isinstance(node, Scalar) and node.text in ("true", "false"):
        return node.text == "true"
    shown = node.text if isinstance(node, Scalar) else _type_name(node)
    errors.add(path, node.line, f"{key}: expected true or false, found '{shown}'", "write true or false")
    return _INVALID


def integer(node: Node, key: str, path: str, errors: Errors) -> Any:
    if isinstance(node, Scalar) and node.kind == "int" and re.fullmatch(r"[-+]?[0-9]+", node.text):
        return int(node.text)
    shown = node.text if isinstance(node, Scalar) else _type_name(node)
    errors.add(path, node.line, f"{key}: expected a whole number, found '{shown}'")
    return _INVALID


def url(node: Node, key: str, path: str, errors: Errors) -> Any:
    value = text(node, key, path, errors)
    if value is _INVALID:
        return value
    parts = split_url(value)
    if parts is None or parts.scheme not in ("http", "https") or not parts.netloc:
        errors.add(path, node.line, f"{key}: '{value}' is not an http(s) URL", "write it as https://example.org/…")
        return _INVALID
    return value


def site_path(node: Node, key: str, path: str, errors: Errors) -> Any:
    """A path to a file of the site, relative to its folder, with / between folders: never
    absolute, never out of the site through '..', never with a backslash."""
    value = nonempty_text(node, key, path, errors)
    if value is _INVALID:
        return value
    problem = ""
    if value.startswith("/") or re.match(r"[A-Za-z]:", value):
        problem = "is an absolute path"
    elif "\\" in value:
        problem = "has a backslash"
    elif ".." in value.split("/"):
        problem = "leaves the site's folder ('..')"
    if problem:
        errors.add(path, node.line, f"{key}: '{value}' {problem}",
                   "write a path inside the site, relative to its folder, such as seeds/report.txt")
        return _INVALID
    return value


def paragraph_id(node: Node, key: str, path: str, errors: Errors) -> Any:
    """An article paragraph's anchor as the site numbers them: p-1, p-2, … (a leading # is allowed)."""
    value = text(node, key, path, errors)
    if value is _INVALID:
        return value
    if not re.fullmatch(r"#?p-[1-9][0-9]*", value.strip()):
        errors.add(path, node.line, f"{key}: '{value}' is not a paragraph anchor", "write p-1, p-2, …")
        return _INVALID
    return value.strip().lstrip("#")


_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_date(value: str) -> dt.date | dt.datetime | str:
    """An ISO 8601 date or a date-time with a timezone; an error message otherwise."""
    value = value.strip()
    if _DATE_RE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return f"'{value}' is not a real date"
    if len(value) > 10 and _DATE_RE.match(value) and value[10] in "Tt ":
        try:
            moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
        except ValueError:
            return f"'{value}' is not an ISO 8601 date-time"
        if moment.tzinfo is None:
            return f"'{value}' has a time but no timezone (write {value}+00:00, or the date alone)"
        return moment
    hint = ""
    match = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", value)
    if match:
        day, month, year = (int(g) for g in match.groups())
        hint = f" (write {year:04d}-{month:02d}-{day:02d})"
    return f"'{value}' is not an ISO 8601 date{hint or ' (write YYYY-MM-DD)'}"


def date(node: Node, key: str, path: str, errors: Errors) -> Any:
    if not isinstance(node, Scalar) or node.kind == "null":
        errors.add(path, node.line, f"{key}: expected a date, found {_type_name(node)}", "write YYYY-MM-DD")
        return _INVALID
    result = parse_date(node.text)
    if isinstance(result, str):
        errors.add(path, node.line, f"{key}: {result}")
        return _INVALID
    return result


def list_of(item: Converter, allow_single: bool = False) -> Converter:
    """A YAML list of items; with allow_single, one bare item is a list of one."""

    def convert(node: Node, key: str, path: str, errors: Errors) -> Any:
        if isinstance(node, Scalar) and node.kind == "null":
            return ()
        if not isinstance(node, Seq):
            if allow_single and isinstance(node, Scalar):
                value = item(node, key, path, errors)
                return _INVALID if value is _INVALID else (value,)
            errors.add(path, node.line, f"{key}: expected a list, found {_type_name(node)}",
                       "write one '- item' per line")
            return _INVALID
        values = [item(child, key, path, errors) for child in node.items]
        return _INVALID if any(v is _INVALID for v in values) else tuple(values)

    return convert


def record(fields: list[Field]) -> Converter:
    """A nested mapping validated by its own table; returns a dict."""

    def convert(node: Node, key: str, path: str, errors: Errors) -> Any:
        if not isinstance(node, Map):
            errors.add(path, node.line, f"{key}: expected a mapping, found {_type_name(node)}")
            return _INVALID
        values = read(node, fields, path, errors, prefix=f"{key}.")
        if values is None:
            return _INVALID
        values["_line"] = node.line  # where the record starts, for later errors
        return values

    return convert


def read(meta: Map, fields: list[Field], path: str, errors: Errors, prefix: str = "",
         line: int | None = None) -> dict[str, Any] | None:
    """Validate a mapping against a table. None when any field was invalid."""
    table = {f.name: f for f in fields}
    values: dict[str, Any] = {}
    before = len(errors.items)
    for key in meta.order:
        key_line, node = meta.items[key]
        spec = table.get(key)
        if spec is None:
            errors.add(path, key_line, f"unknown key '{prefix}{key}'",
                       did_you_mean(key, table) or f"known keys: {', '.join(sorted(table))}")
            continue
        value = spec.convert(node, prefix + key, path, errors)
        if value is not _INVALID:
            values[key] = value
    for spec in fields:
        if spec.name not in meta.items:
            if spec.required:
                errors.add(path, line if line is not None else meta.line, f"missing required key '{prefix}{spec.name}'",
                           f"add '{spec.name}:' to the front matter" if not prefix else "")
            else:
                values[spec.name] = spec.default
    return values if len(errors.items) == before else None


def optional_date(node: Node, key: str, path: str, errors: Errors) -> Any:
    """A date, or None when written as ``null`` (unknown: the page says so)."""
    if isinstance(node, Scalar) and node.kind == "null":
        return None
    return date(node, key, path, errors)


def one_of(*choices: str) -> Converter:
    """One of a few words."""

    def convert(node: Node, key: str, path: str, errors: Errors) -> Any:
        value = text(node, key, path, errors)
        if value is not _INVALID and value not in choices:
            errors.add(path, node.line, f"{key}: '{value}' is not one of {', '.join(choices)}",
                       did_you_mean(value, choices) or f"write one of {', '.join(choices)}")
            return _INVALID
        return value

    return convert


_SITE_PATH = re.compile(r"/(?:[A-Za-z0-9._~!$&'()*+,;=:@%-]+/)*(?:[A-Za-z0-9._~!$&'()*+,;=:@%-]+\.html)?")


def url_path(node: Node, key: str, path: str, errors: Errors) -> Any:
    """A path on the site, as a reader's browser asks for it: '/topics/old-name/'."""
    value = text(node, key, path, errors)
    if value is _INVALID:
        return value
    if not _SITE_PATH.fullmatch(value) or "/../" in value or "/./" in value:
        errors.add(path, node.line, f"{key}: '{value}' is not a path on this site",
                   "write it from the site's root, with slashes around it: /topics/old-name/")
        return _INVALID
    return value
