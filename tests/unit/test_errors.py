from sitegen.errors import SiteError, printable


def test_control_characters_and_bidi_overrides_are_escaped():
    assert printable("a\x1b[31mb\x07c\x9bd\u202ee\u2028f\tg\nh") == "a\\x1b[31mb\\x07c\\x9bd\\u202ee\\u2028f\\x09g\\x0ah"


def test_undecodable_bytes_of_a_file_name_are_shown_as_bytes():
    import os

    assert printable(os.fsdecode(b"caf\xe9.md")) == "caf\\xe9.md"


def test_ordinary_text_is_unchanged():
    text = "content/a.md:3: title: ‘Café’ — write “quotes” …"
    assert printable(text) == text


def test_an_error_line_is_always_one_printable_line():
    line = str(SiteError("content/x\n\x1b[2J.md", 2, "bad\rthing", "fix\x00it"))
    assert line == "content/x\\x0a\\x1b[2J.md:2: bad\\x0dthing — fix\\x00it" and line.isprintable()
