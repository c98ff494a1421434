"""`sitegen check --reuse`: the briefing's two shared-copy articles found and proposed, never written;
a proposal, once pasted, validates; shares_copy_with checked against the articles it names."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from tests.conftest import REPO, tree_bytes, write

GUARDIAN = "content/articles/2025-02-22-guardian-trump-putin-meeting.md"
JOURNAL = "content/articles/2025-02-22-thejournal-trump-putin-meeting.md"


def briefing(tmp_path: Path, recorded: bool = False) -> Path:
    """A copy of the repository's briefing; without its shares_copy_with records unless
    ``recorded`` (so that the proposals are made afresh)."""
    root = tmp_path / "briefing"
    for name in ("content", "data", "seeds"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "sitegen.yaml", root / "sitegen.yaml")
    if not recorded:
        for path in (root / "content" / "articles").glob("*.md"):
            head, sep, body = path.read_text(encoding="utf-8")[4:].partition("\n---\n")
            kept, skipping = [], False
            for line in head.split("\n"):
                if line.startswith("shares_copy_with:"):
                    skipping = True
                    continue
                if skipping and (line.startswith((" ", "-")) or not line):
                    continue
                skipping = False
                kept.append(line)
            path.write_text("---\n" + "\n".join(kept) + sep + body, encoding="utf-8")
    return root


def test_the_briefing_s_own_records_are_reported_as_recorded(tmp_path, cli):
    root = briefing(tmp_path, recorded=True)
    run = cli("check", "-s", root, "--reuse")
    assert run.code == 0, run.err
    assert "already records" in run.out


def proposal_for(out: str, source: str) -> str:
    """The YAML block proposed for one file, unindented."""
    block = out.split(f"  proposed for {source}:\n", 1)[1]
    lines = []
    for line in block.splitlines():
        if not line.startswith("    "):
            break
        lines.append(line[4:])
    return "\n".join(line for line in lines if not line.startswith("#")) + "\n"


def test_finds_the_guardian_and_thejournal_sharing_wire_copy_and_writes_nothing(tmp_path, cli):
    root = briefing(tmp_path)
    before = tree_bytes(root)
    run = cli("check", "-s", root, "--reuse")
    assert run.code == 0, run.err
    assert tree_bytes(root) == before
    assert re.search(rf"^{GUARDIAN} and {JOURNAL} share \d+ words in \d passages? \(at least 9\d% alike\)", run.out, re.M)
    assert proposal_for(run.out, JOURNAL) == (
        "shares_copy_with:\n"
        "  - article: 2025-02-22-guardian-trump-putin-meeting\n"
        "    paragraphs: [p-3, p-4, p-5, p-6, p-7, p-8, p-9, p-10, p-11]\n"
        "    matches: [p-3]\n"
        '    note: "Paragraphs 3–11 carry nearly the same words as paragraph 3 of The Guardian\'s report of '
        '22 February 2025."\n')
    guardian = proposal_for(run.out, GUARDIAN)
    assert "paragraphs: [p-3]\n" in guardian and "credits Press Association and AFP; this copy credits no agency" \
        in guardian
    assert '    # wire: ["Press Association", "AFP"]  — only if this report\'s text or another source establishes it' \
        in run.out
    assert run.out.splitlines()[-1] == "shared copy: 1 pair of articles share passages (among 5 articles)"


def test_a_pasted_proposal_validates_and_is_then_reported_as_recorded(tmp_path, cli):
    root = briefing(tmp_path)
    proposal = proposal_for(cli("check", "-s", root, "--reuse").out, JOURNAL)
    path = root / JOURNAL
    text = path.read_text()
    path.write_text(text.replace("\n---\n", f"\n{proposal}---\n", 1))
    run = cli("check", "-s", root, "--reuse")
    assert run.code == 0, run.err
    assert f"  {JOURNAL}: already records shares_copy_with 2025-02-22-guardian-trump-putin-meeting" in run.out
    assert f"  proposed for {GUARDIAN}:" in run.out


def test_shares_copy_with_is_checked(tmp_path, cli):
    root = tmp_path / "site"
    write(root, "sitegen.yaml", "title: T\n")
    article = "---\ntitle: {0}\ndate: 2025-02-22\noutlet: X\n{1}---\nOne paragraph.\n\nAnother.\n"
    write(root, "content/articles/first.md", article.format("First", (
        "shares_copy_with:\n"
        "  - article: secnd\n"
        "    paragraphs: [p-1]\n"
        "  - article: second\n"
        "    paragraphs: [p-1, para-2]\n"
        "  - article: second\n"
        "    paragraphs: p-3\n"
        "    matches: [p-1]\n"
        "    source: wire\n")))
    write(root, "content/articles/second.md", article.format("Second", ""))
    run = cli("check", "-s", root)
    assert run.code == 1
    assert run.error_lines == [
        "content/articles/first.md:9: shares_copy_with.paragraphs: 'para-2' is not a paragraph anchor — "
        "write p-1, p-2, …",
        "content/articles/first.md:13: unknown key 'shares_copy_with.source' — "
        "known keys: article, matches, note, paragraphs",
    ]
    write(root, "content/articles/first.md", article.format("First", (
        "shares_copy_with:\n"
        "  - article: secnd\n"
        "    paragraphs: [p-1]\n"
        "  - article: second\n"
        "    paragraphs: p-3\n"
        "    matches: [p-1]\n")))
    run = cli("check", "-s", root)
    assert run.code == 1
    assert run.error_lines == [
        "content/articles/first.md:6: shares_copy_with: there is no article 'secnd' — did you mean 'second'?",
        "content/articles/first.md:8: shares_copy_with paragraphs: first has no p-3 (it has 2 paragraphs) — "
        "check the anchors on the article's page (¶)",
    ]
