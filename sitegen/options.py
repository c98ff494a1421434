"""What a build is asked for besides its site (kept apart so that the quick nothing-changed
check of ``sitegen build`` imports nothing heavy)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Options:
    """What a build is asked for besides its site."""

    base_url: str | None = None
    """Overrides sitegen.yaml's base_url (--base-url)."""
    drafts: bool = False
    """Include pages marked draft: true."""
    safe_templates: bool = False
    """Render with Jinja's sandbox: for sites whose templates come from untrusted contributors."""
