"""Who read each fact: the reverse of the outputs' and derived values' reads.

``sitegen serve`` keeps it between rebuilds, so that an edit finds the facts it may have
changed (``facts.candidates``) and then the outputs and values that read them, without
looking at the thousands that did not. ``sitegen build`` compares every fact instead (its
session comes from disk, where this index would cost more to keep than to skip).
"""

from __future__ import annotations

from typing import Iterable, Mapping

from .facts import SEPARATOR, Fact

Reader = str | tuple[str, str]
"""An output by its path, or a derived value by its (name, key)."""


class Readers:
    """fact → its readers, and kind → the facts of that kind that some reader read."""

    __slots__ = ("by_fact", "by_kind", "came", "went")

    def __init__(self) -> None:
        self.by_fact: dict[Fact, set[Reader]] = {}
        self.by_kind: dict[str, set[Fact]] = {}
        self.came: set[Fact] = set()
        """Facts that got their first reader since ``settle``."""
        self.went: set[Fact] = set()
        """Facts that lost their last reader since ``settle``."""

    @classmethod
    def of(cls, outputs: Mapping[str, Iterable[Fact]], values: Mapping[tuple[str, str], Iterable[Fact]]) -> Readers:
        readers = cls()
        for path, reads in outputs.items():
            readers.add(path, reads)
        for key, reads in values.items():
            readers.add(key, reads)
        readers.came.clear()
        return readers

    def add(self, reader: Reader, reads: Iterable[Fact]) -> None:
        for name in reads:
            found = self.by_fact.get(name)
            if found is None:
                found = self.by_fact[name] = set()
                self.by_kind.setdefault(name.partition(SEPARATOR)[0], set()).add(name)
                self.came.add(name)
                self.went.discard(name)
            found.add(reader)

    def remove(self, reader: Reader, reads: Iterable[Fact]) -> None:
        for name in reads:
            found = self.by_fact.get(name)
            if found is None:
                continue
            found.discard(reader)
            if not found:
                del self.by_fact[name]
                self.by_kind[name.partition(SEPARATOR)[0]].discard(name)
                self.went.add(name)
                self.came.discard(name)

    def of_facts(self, facts: Iterable[Fact]) -> tuple[set[str], set[tuple[str, str]]]:
        """The outputs and the derived values that read any of ``facts``."""
        outputs: set[str] = set()
        values: set[tuple[str, str]] = set()
        for name in facts:
            for reader in self.by_fact.get(name, ()):
                if isinstance(reader, str):
                    outputs.add(reader)
                else:
                    values.add(reader)
        return outputs, values

    def settle(self) -> tuple[set[Fact], set[Fact]]:
        """The facts that came and went since the last settle, forgotten."""
        came, went = self.came, self.went
        self.came, self.went = set(), set()
        return came, went
