from bs4 import BeautifulSoup

from sitegen import bodyhtml, markdown


def html(text, allow_html=False, citeable=False, env=None):
    md = markdown.create(allow_html=allow_html)
    parsed = markdown.parse(md, text, citeable)
    return BeautifulSoup(bodyhtml.render(md, parsed, env or {}), "lxml"), parsed


def test_quotes_stay_verbatim_no_typographer():
    doc, _ = html('He said "no" -- and \'yes\'...')
    assert doc.p.get_text() == 'He said "no" -- and \'yes\'...'


def test_raw_html_is_escaped_by_default():
    doc, _ = html("<script>alert(1)</script>\n\nText <b>bold</b>")
    assert doc.find("script") is None and doc.find("b") is None
    assert "<script>alert(1)</script>" in doc.get_text()


def test_raw_html_passes_when_allowed():
    doc, _ = html("Text <b>bold</b>", allow_html=True)
    assert doc.find("b").get_text() == "bold"


def test_unsafe_link_schemes_are_dropped():
    for href in ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "vbscript:x", "data:text/html,<b>x</b>",
                 "jav&#x61;script:alert(1)", "file:///etc/passwd"]:
        doc, _ = html(f"[x]({href})")
        assert doc.find("a") is None, href


def test_safe_links_and_data_images_are_kept():
    doc, _ = html("[a](https://x.org) [b](mailto:a@b.c) [c](../x/) ![i](data:image/png;base64,AAAA)")
    assert [a["href"] for a in doc.find_all("a")] == ["https://x.org", "mailto:a@b.c", "../x/"]
    assert doc.img["src"].startswith("data:image/png")


def test_tables_footnotes_and_heading_ids():
    doc, parsed = html("# Earth minerals deal\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nNote[^1].\n\n[^1]: A footnote.\n")
    assert doc.h1["id"] == "earth-minerals-deal"
    assert doc.table.find_all("td")[1].get_text() == "2"
    assert doc.find("section", class_="footnotes") is not None
    assert parsed.headings == [(1, "earth-minerals-deal", "Earth minerals deal", 1)]


def test_heading_cannot_take_a_paragraph_anchor():
    doc, _ = html("## P 1\n\nText\n", citeable=True)
    assert doc.h2["id"] == "h-p-1"
    assert doc.p["id"] == "p-1"


def test_citeable_paragraphs_get_stable_ids_and_plain_text():
    doc, parsed = html("One *two*\nthree.\n\n> Quoted para.\n\n- tight\n- list\n", citeable=True)
    assert [p.get("id") for p in doc.find_all("p")] == ["p-1", "p-2"]
    assert [(p.id, p.text, line) for p, line in parsed.paragraphs] == [("p-1", "One two three.", 1),
                                                                        ("p-2", "Quoted para.", 4)]


def test_links_to_content_files_are_collected_with_lines():
    _, parsed = html("Intro\n\nSee\n[NATO](../topics/nato.md#x) and [web](https://x.org/a.md).\n")
    assert parsed.links == [("../topics/nato.md#x", 4)]


def test_excerpt_directive_is_collected():
    _, parsed = html("Text\n\n::: excerpt guardian-x #p-3 id=talks\nA “quote”\nover lines\n:::\n")
    (ref,) = parsed.excerpts
    assert (ref.article, ref.hint, ref.anchor, ref.line, ref.quote, ref.error) == (
        "guardian-x", "p-3", "talks", 3, "A “quote” over lines", "")


def test_excerpt_of_two_paragraphs_is_an_error():
    _, parsed = html("::: excerpt a\nOne.\n\nTwo.\n:::\n")
    assert "quotes one paragraph" in parsed.excerpts[0].error


def test_excerpt_without_article_is_an_error():
    _, parsed = html("::: excerpt\nOne.\n:::\n")
    assert "names no article" in parsed.excerpts[0].error


def test_slugify_keeps_letters_of_any_script():
    assert markdown.slugify("Sergei Lavrov") == "sergei-lavrov"
    assert markdown.slugify("Émile  Zola!") == "emile-zola"
    assert markdown.slugify("Зеленский") == "зеленскии"


def test_links_to_content_files_are_found_however_the_href_is_written():
    text = "[a](a.md) [b](b&#46;md) [c](c\\.md) [d][ref] [e](https://x.org/e.md?x)\n\n[ref]: d.md\n"
    _, parsed = html(text)
    assert [href for href, _ in parsed.links] == ["a.md", "b.md", "c.md", "d.md"]


def test_a_packed_outline_reads_as_the_paragraphs_it_packed():
    import pickle

    md = markdown.create()
    text = "First “quoted” paragraph — with a dash.\n\n## A subhead\n\nSecond, [linked](b.md).\n\n{#p-7}\nSeventh.\n"
    parsed = markdown.parse(md, text, citeable=True)
    packed = parsed.outline(packed=True)
    assert isinstance(packed.paragraphs, markdown.PackedParagraphs)
    assert packed == parsed.outline() and list(packed.paragraphs) == list(parsed.paragraphs)
    assert len(packed.paragraphs) == 3 and packed.paragraphs[-1][0].id == "p-7"
    assert [p.text for p, _ in packed.paragraphs] == ["First “quoted” paragraph — with a dash.", "Second, linked.",
                                                     "Seventh."]
    assert packed.links == parsed.links and packed.headings == parsed.headings
    again = pickle.loads(pickle.dumps(packed))  # (as a load worker sends it)
    assert list(again.paragraphs) == list(parsed.paragraphs)


def test_an_outline_without_paragraphs_is_not_packed():
    md = markdown.create()
    assert markdown.parse(md, "A topic's text.\n", citeable=False).outline(packed=True).paragraphs == []
