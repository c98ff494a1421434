"""A fast path for the commonest block of news copy: a paragraph of one line with a blank line
(or the end) after it.

markdown-it-py's block parser offers each line to every block rule in turn (a dozen, with the
plugins') before the paragraph rule takes it, and the paragraph rule asks the terminating rules
about the next line. A line that starts with a letter or an opening quote cannot start a table,
code, fence, quote, rule, list, reference, HTML block, heading, container, footnote or block
attribute; with a blank line after it, it is a paragraph of that one line. :func:`paragraph`
takes such a line first and makes the three tokens markdown-it-py's paragraph rule makes;
it declines every other line, which goes through the rules as before
(``tests/unit/test_mdblock.py`` holds the two parses equal).
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.common.utils import mdTrim
from markdown_it.rules_block import StateBlock

_OPENERS = frozenset("\"'“‘«„‚(")
"""Characters that start a paragraph and no other block (besides letters)."""


def paragraph(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    if silent or state.sCount[start] - state.blkIndent >= 4:
        return False  # (never a terminator; an indented line is code)
    following = start + 1
    if following < state.lineMax and state.bMarks[following] + state.tShift[following] < state.eMarks[following]:
        return False  # (the next line is not blank: a longer paragraph, a table, a setext heading)
    first = state.src[state.bMarks[start] + state.tShift[start]]
    if not (first.isalpha() or first in _OPENERS):
        return False
    content = mdTrim(state.getLines(start, following, state.blkIndent, False))
    state.line = following
    token = state.push("paragraph_open", "p", 1)
    token.map = [start, following]
    token = state.push("inline", "", 0)
    token.content = content
    token.map = [start, following]
    token.children = []
    state.push("paragraph_close", "p", -1)
    return True


def install(md: MarkdownIt) -> None:
    """Offer each line to :func:`paragraph` before any other block rule."""
    first = md.block.ruler.get_all_rules()[0]
    md.block.ruler.before(first, "sitegen_paragraph", paragraph)
