"""What the editor says on the command line about an import."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Options:
    """The editor's answers and choices for one `sitegen import` run."""

    outlet: str | None = None
    """The outlet, when the original does not name it; 'unknown' when it cannot be established."""
    date: str | None = None
    """The publication date (YYYY-MM-DD), when the original does not state it unambiguously."""
    title: str | None = None
    """The headline, when the original has none."""
    url: str | None = None
    """The original's address."""
    wire: tuple[str, ...] = field(default_factory=tuple)
    """Agencies credited, when the original does not credit them in a way the import reads."""
    slug: str | None = None
    """The article's file name (a valid slug), instead of date-outlet-names."""
    force: bool = False
    """Overwrite an existing article (keeping the editor's own fields unless replace_all)."""
    replace_all: bool = False
    """With force: replace every field, the editor's own ones too."""
    dry_run: bool = False
    """Report what would be written; write nothing."""
