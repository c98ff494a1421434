"""Steps of the pipeline kept between the builds of one ``sitegen serve`` session.

A step is a pure function of its inputs (the site's order from its pages' front matter, its
taxonomies from that order and the registries, its list of output files from both). Given
inputs equal to last time's — its *signature* — a step returns last time's value, the very
object, so the steps after it see an unchanged input by identity and the facts made from it
keep their digests without being computed again (``facts.FactTable``). The signature is the
step's inputs themselves, never a hand-picked part of them: a step that reads something
must have it in its signature.

Values are kept in memory only, one per step; ``sitegen build`` (a new process) runs every
step afresh.
"""

from __future__ import annotations

from typing import Any, Callable, TypeVar

T = TypeVar("T")


class Steps:
    """The last value of each step, with the signature it was made from."""

    __slots__ = ("kept", "tables")

    def __init__(self) -> None:
        self.kept: dict[str, tuple[Any, Any]] = {}
        self.tables: dict[str, dict[Any, Any]] = {}

    def table(self, name: str) -> dict[Any, Any]:
        """A step's memo of per-item values (each item's signature checked by the step itself)."""
        return self.tables.setdefault(name, {})

    def run(self, name: str, signature: Any, compute: Callable[[], T]) -> T:
        hit = self.kept.get(name)
        if hit is not None and (hit[0] is signature or hit[0] == signature):
            return hit[1]  # type: ignore[no-any-return]
        value = compute()
        self.kept[name] = (signature, value)
        return value


def step(steps: Steps | None, name: str, signature: Any, compute: Callable[[], T]) -> T:
    """``compute()``, or the value it gave last time for an equal ``signature``."""
    return compute() if steps is None else steps.run(name, signature, compute)
