"""Saved pages: encodings decided by the bytes, hostile markup kept as text or refused
clearly, and original_text() the same extraction every time."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.data import Data
from sitegen.importing import ImportFailed, Options, UnreadableOriginal, original_text, read_original
from sitegen.importing.encoding import DecodeFailed, check_mojibake, decode_page, declared_charset
from sitegen.importing.html import MAX_ELEMENTS, extract_blocks, is_html, parse_page
from sitegen.importing.read import Raw

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"
BODY = ("<p>Ministers from both countries met in Geneva on Tuesday and agreed to continue talks next month, "
        "officials said.</p><p>The café owner said “nothing has changed” since the talks began in the spring.</p>")


def page(body: str = BODY, head: str = "", charset: str = "") -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    return (f"<!DOCTYPE html><html><head>{meta}{head}<title>Talks continue in Geneva | The Ledger</title>"
            "<meta property='og:site_name' content='The Ledger'>"
            "<meta property='article:published_time' content='2024-11-20T10:00:00+00:00'></head>"
            f"<body><article><h1>Talks continue in Geneva</h1>{body}</article></body></html>")


def imported(html: bytes | str, name: str = "page.html"):
    data = html.encode("utf-8") if isinstance(html, str) else html
    return read_original(Raw(data, name, name), Options(), Data())


@pytest.mark.parametrize("raw,name,expected", [
    (b"<html><body>x</body></html>", "page.html", True), (b"plain", "page.htm", True),
    (b"<!DOCTYPE html><html>", "saved", True), (b"<!doctype html>\n<html lang=en>", "page.txt", False),
    (b"Headline\n\nText.", "copy.txt", False), (b"Headline <b>", "copy", False),
])
def test_a_page_is_known_by_its_name_else_by_how_it_starts(raw, name, expected):
    assert is_html(raw, name) is expected


def test_utf8_wins_over_a_meta_charset_that_lies():
    html = page(charset="iso-8859-1").encode("utf-8")
    assert declared_charset(html) == "iso-8859-1"
    assert "The café owner said “nothing has changed”" in imported(html).paragraphs[1]


def test_a_declared_single_byte_charset_is_used_when_the_bytes_are_not_utf8():
    html = page(charset="windows-1252").replace("“", '"').replace("”", '"').encode("cp1252")
    assert 'The café owner said "nothing has changed"' in imported(html).paragraphs[1]
    latin = page(charset="ISO-8859-1").replace("“", "").replace("”", "").encode("latin-1")
    assert "café" in imported(latin).paragraphs[1]  # read as Windows-1252, as HTML does


@pytest.mark.parametrize("raw,message", [
    (page().replace("“", "").replace("”", "").encode("latin-1"),
     "the page does not declare its encoding and is not UTF-8 (byte 0xe9 at offset"),
    (page(charset="utf-8").replace("“", "").replace("”", "").encode("latin-1"),
     "the page declares UTF-8 but is not valid UTF-8 (byte 0xe9 at offset"),
    (page(charset="klingon").replace("“", "").replace("”", "").encode("latin-1"),
     "the page declares the unknown encoding 'klingon' and is not UTF-8"),
    (b"<html>\x00\x01</html>", "file is binary (it contains NUL bytes)"),
])
def test_an_encoding_that_cannot_be_established_is_one_clear_error(raw, message):
    with pytest.raises(ImportFailed) as failed:
        imported(raw)
    assert len(failed.value.errors) == 1 and message in str(failed.value.errors[0])
    assert "save the page again as UTF-8" in str(failed.value.errors[0]) or "NUL" in message


def test_utf16_with_a_byte_order_mark_is_read():
    assert "café" in imported(page().encode("utf-16")).paragraphs[1]


def test_mojibake_is_refused_naming_what_it_stands_for():
    garbled = page().encode("utf-8").decode("cp1252", errors="replace")
    with pytest.raises(ImportFailed) as failed:
        imported(garbled)
    message = str(failed.value.errors[0])
    assert "the text is double-encoded: 'Ã©' stands for 'é'" in message or "stands for '“'" in message
    with pytest.raises(DecodeFailed):
        check_mojibake("Russiaâ€™s plan", "x.txt")
    check_mojibake("São Paulo, Größe, Україна, 日本", "x.txt")  # real letters are not mojibake


def test_scripts_styles_and_comments_never_reach_the_text():
    body = BODY + ("<script>document.write('INJECTED-SCRIPT')</script><style>p{color:red} /* INJECTED-STYLE */</style>"
                   "<!-- INJECTED-COMMENT --><noscript>INJECTED-NOSCRIPT</noscript>")
    text = original_text(page(body).encode("utf-8"), "p.html")
    assert "INJECTED" not in text and "Ministers from both countries" in text


def test_entity_tricks_stay_literal_text():
    body = ("<p>The memo read &lt;script&gt;alert(1)&lt;/script&gt; and &amp;lt;b&amp;gt; in full, an official said "
            "on Tuesday in Geneva.</p>" + BODY)
    article = imported(page(body))
    assert article.paragraphs[0] == ("The memo read <script>alert(1)</script> and &lt;b&gt; in full, an official said "
                                     "on Tuesday in Geneva.")


def test_a_page_with_too_many_elements_is_refused_not_waited_for():
    body = "<div><span>x</span></div>" * (MAX_ELEMENTS // 2 + 10)
    with pytest.raises(ImportFailed) as failed:
        imported(page(BODY + body))
    assert f"HTML elements, over the {MAX_ELEMENTS:,} an import reads" in str(failed.value.errors[0])


def test_deeply_nested_markup_is_a_clear_error_or_text_never_a_crash():
    nested = "<div>" * 3000 + BODY + "</div>" * 3000
    try:
        article = imported(page(nested))
    except ImportFailed as failed:
        assert len(failed.errors) == 1
    else:
        assert article.paragraphs


@pytest.mark.parametrize("json_ld", ["{", "[" * 5000 + "]" * 5000, '{"@type": "NewsArticle", "headline": 42}',
                                     '{"@graph": [{"@type": ["NewsArticle"], "author": [{"name": null}]}]}'])
def test_broken_or_hostile_json_ld_is_no_statement_never_a_crash(json_ld):
    head = f'<script type="application/ld+json">{json_ld}</script>'
    article = imported(page(head=head))
    assert article.facts.title == "Talks continue in Geneva"


def test_a_page_without_an_article_is_a_clear_error():
    with pytest.raises(ImportFailed) as failed:
        imported("<html><head><title>Home</title></head><body><nav><a href='/'>Home</a></nav></body></html>")
    assert any("no article text" in str(e) or "no headline" in str(e) for e in failed.value.errors)


def test_original_text_is_the_imports_own_extraction_and_deterministic():
    for path in sorted(FIXTURES.glob("*.html")):
        raw = path.read_bytes()
        blocks = [b.text for b in extract_blocks(parse_page(raw, path.name))]
        assert original_text(raw, path.name) == "\n".join(blocks) == original_text(raw, path.name)


def test_original_text_of_a_text_is_its_decoded_text():
    assert original_text("Headline\r\n\r\nCafé “society”.\r\n".encode("utf-8-sig"), "copy.txt") == \
        "Headline\n\nCafé “society”.\n"


def test_an_unreadable_original_is_one_error_naming_it():
    with pytest.raises(UnreadableOriginal) as failed:
        original_text(b"caf\xe9", "seeds/x-123.txt")
    assert str(failed.value).startswith("seeds/x-123.txt:1: file is not valid UTF-8")
    with pytest.raises(UnreadableOriginal):
        original_text(b"<html><body>caf\xe9 \x81</body></html>", "seeds/x-123.html")


def test_decode_page_prefers_utf8_when_the_bytes_are_utf8():
    assert decode_page("<meta charset=koi8-r>Україна".encode("utf-8"), "x") == "<meta charset=koi8-r>Україна"
