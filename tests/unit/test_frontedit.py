"""Front-matter edits keep every byte of the file but the lines they add."""

from __future__ import annotations

import pytest

from sitegen.frontedit import EditRefused, add_keys, write_if_unchanged

ITEMS = [("archive_url", "https://web.archive.org/web/20250222150000/https://example.org/a"),
         ("archive_date", "2025-02-22")]
ADDED = ("archive_url: https://web.archive.org/web/20250222150000/https://example.org/a\n"
         "archive_date: 2025-02-22\n")


def edit(text: str, items=ITEMS, after: str = "url") -> str:
    return add_keys(text.encode("utf-8"), "content/articles/a.md", after, items).decode("utf-8")


def test_inserts_right_after_the_url_keeping_comments_order_and_quoting():
    text = ("---\n# the editor's comment\ntitle: 'A title: quoted'\n"
            "url: \"https://example.org/a\"   # the original\n"
            "# about the date\ndate: 2025-02-22\nactors: [A, B]\n---\nBody text.\n")
    assert edit(text) == text.replace("# the original\n", "# the original\n" + ADDED)


def test_url_as_the_last_key_before_the_closing_fence():
    text = "---\ntitle: T\nurl: https://example.org/a\n---\n\nBody.\n"
    assert edit(text) == text.replace("/a\n---", "/a\n" + ADDED + "---")


def test_a_url_folded_over_two_lines_gets_the_keys_after_its_last_line():
    text = "---\ntitle: T\nurl: https://example.org/a\n  -long-path\ndate: 2025-02-22\n---\nBody.\n"
    assert edit(text) == text.replace("-long-path\n", "-long-path\n" + ADDED)


def test_a_block_scalar_value_is_kept_whole():
    text = "---\ntitle: T\nurl: >-\n  https://example.org/a\n\ndate: 2025-02-22\n---\nBody.\n"
    result = edit(text)
    assert result == text.replace("\n\ndate:", "\n\n" + ADDED + "date:")


def test_crlf_line_ends_and_a_bom_are_kept():
    text = "---\r\ntitle: T\r\nurl: https://example.org/a\r\n---\r\nBody.\r\n"
    raw = b"\xef\xbb\xbf" + text.encode()
    result = add_keys(raw, "a.md", "url", ITEMS)
    assert result == b"\xef\xbb\xbf" + text.replace("/a\r\n", "/a\r\n" + ADDED.replace("\n", "\r\n")).encode()


def test_a_value_that_would_not_read_back_plain_is_single_quoted():
    text = "---\nurl: https://example.org/a\n---\n"
    result = edit(text, [("archive_url", "https://web.archive.org/web/1/https://x.org/a #b: c's")])
    assert "archive_url: 'https://web.archive.org/web/1/https://x.org/a #b: c''s'\n" in result


def test_refuses_a_key_that_is_already_set():
    text = "---\nurl: https://example.org/a\narchive_date: 2025-01-01\n---\n"
    with pytest.raises(EditRefused) as refused:
        edit(text)
    assert refused.value.line == 3 and "'archive_date' is already set" in refused.value.reason


@pytest.mark.parametrize("text, reason", [
    ("title: T\n", "no front matter"),
    ("---\nurl: https://example.org/a\n", "no closing"),
    ("---\n{url: 'https://example.org/a', title: T}\n---\n", "one {…} mapping"),
    ("---\nurl: https://example.org/a\nurl: https://example.org/b\n---\n", "duplicate key"),
    ("---\ntitle: T\n---\n", "no 'url' key"),
    ("---\nurl: https://example.org/a\r\ntitle: T\n---\n", "mixes line ends"),
    ("---\rurl: https://example.org/a\r---\r", "bare CR"),
    ("---\nurl: &u https://example.org/a\nother: *u\n---\n", "aliases"),
])
def test_refuses_what_it_cannot_edit_safely(text, reason):
    with pytest.raises(EditRefused) as refused:
        edit(text)
    assert reason in refused.value.reason


def test_refuses_a_file_that_is_not_utf8():
    with pytest.raises(EditRefused, match="UTF-8"):
        add_keys(b"---\nurl: caf\xe9\n---\n", "a.md", "url", ITEMS)


def test_refuses_a_value_with_a_line_break():
    with pytest.raises(EditRefused, match="control character"):
        edit("---\nurl: https://example.org/a\n---\n", [("archive_url", "https://x.org/\nevil: 1")])


def test_write_refuses_a_file_changed_since_it_was_read(tmp_path):
    path = tmp_path / "a.md"
    path.write_bytes(b"new")
    with pytest.raises(EditRefused, match="changed while"):
        write_if_unchanged(path, b"old", b"edited")
    assert path.read_bytes() == b"new"


def test_write_keeps_the_file_mode(tmp_path):
    path = tmp_path / "a.md"
    path.write_bytes(b"old")
    path.chmod(0o640)
    write_if_unchanged(path, b"old", b"edited")
    assert path.read_bytes() == b"edited" and path.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]
