"""sitegen: a static site generator for sourced briefing microsites."""

__version__ = "0.1.0"
