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

    def page_step(self, name: str) -> PageStep:
        found = self.tables.setdefault("page steps", {})
        if name not in found:
            found[name] = PageStep()
        return found[name]  # type: ignore[no-any-return]

    def forget(self, name: str) -> None:
        """Make the step run again next time, whatever its signature (its input was seen to change)."""
        self.kept.pop(name, None)

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


class PageStep:
    """A step made page by page: each page's value (or None) and its errors, kept in page order.

    Given the pages that are not the very objects of the last build (``moved``; None: any may
    have changed), only those are made again; the others keep their value and errors. When a
    moved page gains or loses a value or errors, the order is made again from every page's
    (mostly kept) result, so values and errors always come in the order a clean build gives."""

    __slots__ = ("keys", "values", "errors", "signature", "_extra")

    def __init__(self) -> None:
        self.keys: tuple[str, ...] = ()
        self.values: dict[str, Any] = {}
        self.errors: dict[str, tuple[Any, ...]] = {}
        self.signature: Any = None
        self._extra: PageStep | None = None

    @property
    def extra(self) -> PageStep:
        """A second page step that goes with this one (what decides which pages to make again)."""
        if self._extra is None:
            self._extra = PageStep()
        return self._extra

    def update(self, keys: tuple[str, ...], moved: set[str] | None, signature: Any,
               make: Callable[[str], tuple[Any, tuple[Any, ...]]]) -> tuple[dict[str, Any], list[Any]]:
        if moved is None or keys != self.keys or not (signature is self.signature or signature == self.signature):
            found = {key: make(key) for key in keys}
            self.values = {k: v for k, (v, _) in found.items() if v is not None}
            self.errors = {k: e for k, (_, e) in found.items() if e}
        else:
            made = {key: make(key) for key in moved}
            if all((v is not None) == (k in self.values) and bool(e) == (k in self.errors)
                   for k, (v, e) in made.items()):
                self.values = dict(self.values)  # the last build's site keeps its own
                for key, (value, errors) in made.items():
                    if value is not None:
                        self.values[key] = value
                    if errors:
                        self.errors[key] = errors
            else:
                values, errs = {}, {}
                for key in keys:
                    value, errors = made[key] if key in made else (self.values.get(key), self.errors.get(key, ()))
                    if value is not None:
                        values[key] = value
                    if errors:
                        errs[key] = errors
                self.values, self.errors = values, errs
        self.keys, self.signature = keys, signature
        return self.values, [error for found in self.errors.values() for error in found]
