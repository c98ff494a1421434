"""Front matter: split the ``---`` block off a file and read its YAML safely.

YAML goes through the C safe loader's *composer* only: we get a node tree with
line marks and build values ourselves, field by field (see ``schema.py``). So
nothing is silently coerced (``no`` is not False, ``1.10`` is not 1.1), tags
other than YAML's own are refused, anchors and aliases are refused (no
"billion laughs"), and duplicate keys are errors — each with its file line.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field

import yaml

try:  # the C loader is several times faster; PyYAML wheels ship it
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - only on a PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

from .errors import SiteError

MAX_FILE_BYTES = 4 * 1024 * 1024
"""Largest source file read; a news article is a few tens of kilobytes."""

_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}


@dataclass(frozen=True, slots=True)
class Scalar:
    """A YAML scalar as written: its text, the type YAML would give it, its line."""

    text: str
    tag: str
    line: int
    quoted: bool

    @property
    def kind(self) -> str:
        """'str', 'int', 'float', 'bool', 'null' or 'timestamp'."""
        return self.tag.rsplit(":", 1)[-1]


@dataclass(frozen=True, slots=True)
class Seq:
    items: list["Node"]
    line: int


@dataclass(frozen=True, slots=True)
class Map:
    items: dict[str, tuple[int, "Node"]]
    """key → (line of the key, value)"""
    line: int = 1
    order: list[str] = field(default_factory=list)


Node = Scalar | Seq | Map


@dataclass(frozen=True, slots=True)
class Document:
    """A source file split into its front matter and its body."""

    meta: Map
    body: str
    body_line: int
    """File line on which the body starts (1-based)."""


class YamlError(Exception):
    def __init__(self, error: SiteError):
        self.error = error
        super().__init__(str(error))


def decode(raw: bytes, path: str) -> str:
    """Bytes → text: UTF-8 with or without BOM; CRLF and CR become LF."""
    if len(raw) > MAX_FILE_BYTES:
        raise YamlError(SiteError(path, None, f"file is {len(raw):,} bytes, over the {MAX_FILE_BYTES:,}-byte limit",
                                  "split it into smaller files"))
    encoding = _wide_encoding(raw)
    if encoding:
        raise YamlError(SiteError(path, None, f"file is {encoding}", "save it as UTF-8"))
    if b"\x00" in raw:
        raise YamlError(SiteError(path, None, "file is binary (it contains NUL bytes)",
                                  "content files must be UTF-8 text"))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlError(SiteError(path, line, f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})",
                                  "save the file as UTF-8")) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


_BOMS = ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),  # before UTF-16: FF FE 00 00
         (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16"))


def _wide_encoding(raw: bytes) -> str:
    """'UTF-16' or 'UTF-32' (as Windows editors save "Unicode" text), by the byte-order mark or,
    without one, by NUL bytes in every other (or three of every four) places, as Latin text has
    them; '' otherwise (then NUL bytes mean binary)."""
    for bom, name in _BOMS:
        if raw.startswith(bom):
            return name
    head = raw[:4096]
    if len(head) < 8 or b"\x00" not in head:
        return ""
    quarters = [head[i::4].count(0) / len(head[i::4]) for i in range(4)]
    if sorted(quarters)[1] > 0.9 and min(quarters) < 0.5:
        return "UTF-32 without a byte-order mark"  # three of four bytes NUL: ASCII in UTF-32
    halves = [head[i::2].count(0) / len(head[i::2]) for i in range(2)]
    if max(halves) > 0.9 and min(halves) < 0.1:
        return "UTF-16 without a byte-order mark"
    return ""


def split(text: str, path: str) -> Document:
    """Split ``---`` front matter from the body. A file without it has empty meta."""
    if not (text.startswith("---\n") or text == "---"):
        return Document(Map({}, 1), text, 1)
    lines = text.split("\n")
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            meta_text = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1 :])
            meta = load_yaml(meta_text, path, first_line=2)
            if meta is None:  # an empty block: no keys
                meta = Map({}, 1)
            if not isinstance(meta, Map):
                line = meta.line
                raise YamlError(SiteError(path, line, "front matter is not a mapping of keys to values",
                                          "write 'key: value' lines between the --- fences"))
            return Document(meta, body, index + 2)
    raise YamlError(SiteError(path, 1, "front matter has no closing '---' line",
                              "end the front matter with a line holding only ---"))


def load_yaml(text: str, path: str, first_line: int = 1) -> Node | None:
    """Compose YAML into nodes with file line numbers; None for an empty document."""
    offset = first_line - 1
    if _too_deep(text):  # libyaml recurses in C: hostile nesting would crash the process
        raise _nested(path, first_line)
    try:
        root = yaml.compose(text, Loader=_Loader)
    except RecursionError:
        raise _nested(path, first_line) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + offset if mark else first_line
        line = min(line, first_line + text.rstrip("\n").count("\n"))  # errors at end of input: the last line
        problem = exc.problem or exc.context or "invalid YAML"
        raise YamlError(SiteError(path, line, f"invalid YAML: {problem}",
                                  "check indentation, colons and quotes")) from None
    except yaml.YAMLError as exc:
        raise YamlError(SiteError(path, first_line, f"invalid YAML: {exc}")) from None
    if root is None:
        return None
    try:
        return _convert(root, path, offset, set())
    except _AliasFound:
        line = next((e.start_mark.line for e in yaml.parse(text, Loader=_Loader)
                     if isinstance(e, yaml.AliasEvent) and e.start_mark is not None), first_line - 1 - offset)
        raise YamlError(SiteError(path, line + 1 + offset, "YAML anchors and aliases (&name, *name) are not supported",
                                  "write the value out in full")) from None


class _AliasFound(Exception):
    pass


MAX_DEPTH = 20
"""Deeper YAML is refused: front matter is a few keys, sometimes a list of small mappings."""


def _nested(path: str, line: int) -> YamlError:
    hint = ("front matter is a flat list of keys" if path.endswith(".md") else
            f"{path.rsplit('/', 1)[-1]} holds keys, lists and small mappings a few levels deep at most")
    return YamlError(SiteError(path, line, f"YAML nested more than {MAX_DEPTH} levels deep", hint))


def _too_deep(text: str) -> bool:
    """A quick bound checked before parsing: flow brackets nested past MAX_DEPTH, or lines
    indented so far that block nesting could be. Brackets inside quotes count too: a
    front matter with twenty nested brackets in a string is not worth the risk."""
    depth = 0
    if text.count("[") + text.count("{") > MAX_DEPTH:  # (else no bracket can be nested that deep)
        for char in text:
            if char in "[{":
                depth += 1
                if depth > MAX_DEPTH:
                    return True
            elif char in "]}":
                depth = max(0, depth - 1)
    return any(len(line) - len(line.lstrip(" -")) > 4 * MAX_DEPTH for line in text.split("\n"))


def _convert(node: yaml.Node, path: str, offset: int, seen: set[int], depth: int = 0) -> Node:
    line = node.start_mark.line + 1 + offset
    if depth > MAX_DEPTH:
        raise _nested(path, line)
    if id(node) in seen:  # composed aliases share their node: refuse before any expansion
        raise _AliasFound
    seen.add(id(node))
    if node.tag not in _STANDARD_TAGS:
        raise YamlError(SiteError(path, line, f"YAML tag '{node.tag}' is not allowed",
                                  "remove the tag; write a plain value"))
    if isinstance(node, yaml.ScalarNode):
        return Scalar(node.value, node.tag, line, node.style in ("'", '"', "|", ">"))
    if isinstance(node, yaml.SequenceNode):
        return Seq([_convert(item, path, offset, seen, depth + 1) for item in node.value], line)
    assert isinstance(node, yaml.MappingNode)
    items: dict[str, tuple[int, Node]] = {}
    order: list[str] = []
    for key_node, value_node in node.value:
        key_line = key_node.start_mark.line + 1 + offset
        if key_node.tag == "tag:yaml.org,2002:merge":
            raise YamlError(SiteError(path, key_line, "YAML merge keys (<<) are not supported",
                                      "write the keys out in full"))
        if not isinstance(key_node, yaml.ScalarNode):
            raise YamlError(SiteError(path, key_line, "a key must be a plain word", "write 'key: value'"))
        key = key_node.value
        if key in items:
            raise YamlError(SiteError(path, key_line, f"duplicate key '{key}' (first on line {items[key][0]})",
                                      "keep one of them"))
        items[key] = (key_line, _convert(value_node, path, offset, seen, depth + 1))
        order.append(key)
    return Map(items, line, order)
