"""The site's registries: ``data/actors.yaml`` and ``data/outlets.yaml``.

Each is a YAML list of entries with a canonical ``name`` and ``aliases``
(other spellings). A site without them builds: names are then plain terms.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path

from . import schema
from .errors import Errors
from .frontmatter import Seq, YamlError, decode, load_yaml
from .slugs import slugify
from .schema import Field
from .sources import read_source

ACTOR_KINDS = ("person", "organisation", "country")


def _kind(node, key, path, errors):  # type: ignore[no-untyped-def]
    value = schema.text(node, key, path, errors)
    if value is not schema._INVALID and value not in ACTOR_KINDS:
        errors.add(path, node.line, f"{key}: '{value}' is not a kind", f"write one of {', '.join(ACTOR_KINDS)}")
        return schema._INVALID
    return value


ACTOR_FIELDS = [
    Field("name", schema.nonempty_text, required=True, doc="canonical name"),
    Field("aliases", schema.list_of(schema.nonempty_text), default=(), doc="other spellings found in texts"),
    Field("role", schema.text, default="", doc="role as the articles give it"),
    Field("kind", _kind, required=True),
]

OUTLET_FIELDS = [
    Field("name", schema.nonempty_text, required=True),
    Field("aliases", schema.list_of(schema.nonempty_text), default=()),
    Field("homepage", schema.url),
    Field("country", schema.text, default=""),
    Field("note", schema.text, default=""),
]


@dataclass(frozen=True, slots=True)
class Entry:
    """One registry entry."""

    name: str
    slug: str
    aliases: tuple[str, ...]
    fields: dict[str, object]
    source: str
    line: int


@dataclass(frozen=True)
class Registry:
    entries: tuple[Entry, ...] = ()

    @functools.cached_property
    def _by_spelling(self) -> dict[str, Entry]:
        index: dict[str, Entry] = {}
        for entry in self.entries:
            for spelling in (entry.name, *entry.aliases):
                index.setdefault(spelling, entry)
        return index

    def lookup(self, name: str) -> Entry | None:
        """The entry whose name or alias is exactly ``name``."""
        return self._by_spelling.get(name)

    def canonical(self, name: str) -> str:
        entry = self.lookup(name)
        return entry.name if entry else name


@dataclass(frozen=True, slots=True)
class Data:
    actors: Registry = Registry()
    outlets: Registry = Registry()


REGISTRIES = ("data/actors.yaml", "data/outlets.yaml")


def registry_stamps(root: Path) -> tuple[tuple[int, int, int] | None, ...]:
    """Each registry file's (mtime, size, inode), or None where there is none: what decides
    whether the last build's registries are still these."""
    found: list[tuple[int, int, int] | None] = []
    for rel in REGISTRIES:
        try:
            info = os.stat(root / rel)
        except OSError:
            found.append(None)
            continue
        found.append((info.st_mtime_ns, info.st_size, info.st_ino))
    return tuple(found)


def load_data(root: Path, errors: Errors) -> Data:
    return Data(
        actors=_load_registry(root, "data/actors.yaml", ACTOR_FIELDS, errors),
        outlets=_load_registry(root, "data/outlets.yaml", OUTLET_FIELDS, errors),
    )


def _load_registry(root: Path, rel: str, fields: list[Field], errors: Errors) -> Registry:
    path = root / rel
    if not path.exists():
        return Registry()  # a pipe, a device or a folder of that name is an error, not "no registry"
    try:
        node = load_yaml(decode(read_source(path, rel), rel), rel)
    except YamlError as exc:
        errors.extend([exc.error])
        return Registry()
    if node is None:
        return Registry()
    if not isinstance(node, Seq):
        errors.add(rel, node.line, "expected a list of entries", "start each entry with '- name: …'")
        return Registry()
    entries: list[Entry] = []
    claimed: dict[str, tuple[str, int]] = {}
    for item in node.items:
        values = schema.record(fields)(item, "entry", rel, errors)
        if values is schema._INVALID:
            continue
        entry = Entry(values["name"], slugify(values["name"]), tuple(values["aliases"]), values, rel, item.line)
        for spelling in (entry.name, *entry.aliases):
            if spelling in claimed and claimed[spelling][0] != entry.name:
                errors.add(rel, item.line, f"'{spelling}' names both '{claimed[spelling][0]}' and '{entry.name}'",
                           f"keep it on one entry (the other is on line {claimed[spelling][1]})")
            claimed[spelling] = (entry.name, item.line)
        entries.append(entry)
    return Registry(tuple(entries))
