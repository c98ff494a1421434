"""Surgical edits of a content file's front matter: new keys inserted as new lines, every
other byte of the file (comments, key order, quoting, line ends, a BOM) kept as it was.

Rewriting the YAML through a dumper would lose the editor's comments and layout, so an
edit is text: the new lines go right after a given key's value, and the result is read
back with the build's own loader and compared with the original, key by key, before
anything is written. A front matter that cannot be edited that way is refused with the
reason, never guessed at.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import yaml

from .frontmatter import Map, Node, Scalar, Seq, YamlError, decode, split

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - only on a PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_BOM = b"\xef\xbb\xbf"
_UNSAFE_TEXT = re.compile(r"[\x00-\x1f\x7f\u2028\u2029\ufeff]")


@dataclass(frozen=True, slots=True)
class EditRefused(Exception):
    """Why a file's front matter was not edited."""

    line: int | None
    """The file line at fault, when there is one."""
    reason: str
    """What was found, in a sentence."""
    hint: str = ""
    """What the editor can do instead."""


def add_keys(raw: bytes, path: str, after: str, items: Sequence[tuple[str, str]]) -> bytes:
    """The file's bytes with ``key: value`` lines added right after the value of the
    top-level key ``after``. Raises EditRefused when that cannot be done safely."""
    bom = _BOM if raw.startswith(_BOM) else b""
    try:
        text = raw[len(bom):].decode("utf-8")
        decode(raw, path)  # the build's own checks: size, NUL bytes
    except UnicodeDecodeError:
        raise EditRefused(None, "the file is not valid UTF-8", "save it as UTF-8") from None
    except YamlError as exc:
        raise EditRefused(exc.error.line, exc.error.message, exc.error.hint) from None
    newline = _newline_of(text)
    lines = text.replace("\r\n", "\n").split("\n")
    if lines[0].rstrip() != "---":
        raise EditRefused(1, "the file has no front matter ('---' on its first line)")
    close = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if close is None:
        raise EditRefused(1, "the front matter has no closing '---' line")
    before = _read(text, path)
    at, indent = _insertion_point("\n".join(lines[1:close]), after, before, items)
    added = [f"{indent}{key}: {_scalar(key, value)}" for key, value in items]
    edited = "\n".join(lines[: at + 1] + added + lines[at + 1:])  # ``at`` counts the opening fence
    _verify(before, _read(edited, path), after, items)
    return bom + edited.replace("\n", newline).encode("utf-8")


def _newline_of(text: str) -> str:
    crlf = text.count("\r\n")
    if crlf and (crlf != text.count("\n") or crlf != text.count("\r")):
        raise EditRefused(None, "the file mixes line ends (CRLF and LF or CR)",
                          "save it with one kind of line end, then run this again")
    if not crlf and "\r" in text:
        raise EditRefused(None, "the file's lines end with a bare CR", "save it with LF or CRLF line ends")
    return "\r\n" if crlf else "\n"


def _read(text: str, path: str) -> Any:
    try:
        return split(text.replace("\r\n", "\n"), path)
    except YamlError as exc:
        raise EditRefused(exc.error.line, f"its front matter does not load: {exc.error.message}",
                          exc.error.hint) from None


def _insertion_point(meta_text: str, after: str, before: Any, items: Sequence[tuple[str, str]]) -> tuple[int, str]:
    """The index (in the file's lines, the opening fence being 0) of the line after which
    the new keys go, and the indentation of the top-level keys."""
    meta: Map = before.meta
    for key, _ in items:
        if key in meta.items:
            raise EditRefused(meta.items[key][0], f"'{key}' is already set", "edit it by hand")
    if after not in meta.items:
        raise EditRefused(None, f"the front matter has no '{after}' key")
    root = yaml.compose(meta_text, Loader=_Loader)
    if not isinstance(root, yaml.MappingNode) or root.flow_style:
        raise EditRefused(2, "the front matter is written as one {…} mapping, not as key: value lines",
                          "write one key per line")
    for key_node, value_node in root.value:
        if key_node.value != after:
            continue
        if not isinstance(value_node, yaml.ScalarNode):
            raise EditRefused(key_node.start_mark.line + 2, f"'{after}' holds a list or a mapping, not one value")
        end = value_node.end_mark
        # a block scalar (| or >) ends at the start of the next line; any other value ends on its last line
        last = end.line - 1 if end.column == 0 and end.line > key_node.start_mark.line else end.line
        return last + 1, " " * key_node.start_mark.column
    raise AssertionError("key found by the loader but not by the composer")  # both read the same text


def _scalar(key: str, value: str) -> str:
    """The value as YAML: plain when it reads back as itself, else single-quoted."""
    if _UNSAFE_TEXT.search(value):
        raise EditRefused(None, f"the value for '{key}' holds a control character: {value!r}")
    try:
        node = yaml.compose(f"{key}: {value}", Loader=_Loader)
    except yaml.YAMLError:
        node = None
    plain = node.value[0][1] if isinstance(node, yaml.MappingNode) else None
    if isinstance(plain, yaml.ScalarNode) and plain.value == value and not plain.style \
            and plain.tag.rsplit(":", 1)[-1] in ("str", "timestamp"):
        return value
    return "'" + value.replace("'", "''") + "'"


def _plain(node: Node) -> Any:
    """A node's content without its line numbers, for comparing two readings of a file."""
    if isinstance(node, Scalar):
        return ("scalar", node.text, node.tag, node.quoted)
    if isinstance(node, Seq):
        return ("seq", tuple(_plain(item) for item in node.items))
    return ("map", tuple((key, _plain(node.items[key][1])) for key in node.order))


def _verify(before: Any, after_edit: Any, after: str, items: Sequence[tuple[str, str]]) -> None:
    """The edited file must read as the original plus exactly the new keys, in place."""
    old, new = before.meta, after_edit.meta
    position = old.order.index(after) + 1
    expected = old.order[:position] + [key for key, _ in items] + old.order[position:]
    same = new.order == expected and before.body == after_edit.body and all(
        _plain(old.items[key][1]) == _plain(new.items[key][1]) for key in old.order)
    values = {key: node.text for key, (_, node) in new.items.items() if isinstance(node, Scalar)}
    if not same or any(values.get(key) != value for key, value in items):
        raise EditRefused(old.items[after][0], "the edit would not read back as intended",
                          "add the keys by hand")


def write_if_unchanged(path: Path, original: bytes, edited: bytes) -> None:
    """Replace the file with ``edited`` unless it changed since ``original`` was read; the
    new file is written beside it and renamed over it, keeping its permissions."""
    if path.read_bytes() != original:
        raise EditRefused(None, "the file changed while sitegen worked on it", "run the command again")
    mode = os.stat(path).st_mode & 0o7777
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(edited)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
