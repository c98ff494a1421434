"""A body's HTML is rendered once with holes; filling them gives what the site resolved."""

from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen import bodyhtml, markdown

MD = markdown.create()


def made(text, citeable=True):
    return bodyhtml.skeleton(MD, markdown.parse(MD, text, citeable))


def soup(html):
    return BeautifulSoup(html, "lxml")


def test_a_link_to_a_content_file_points_where_the_site_resolved_it():
    doc = soup(bodyhtml.fill(made("See [b](b.md) and [x](https://x.org/?a=1&b=2)."), {"b.md": "/brief/articles/b/"}))
    assert [a["href"] for a in doc.find_all("a", class_=False)] == ["/brief/articles/b/", "https://x.org/?a=1&b=2"]


def test_root_relative_links_and_images_go_under_the_base_path():
    doc = soup(bodyhtml.fill(made("[t](/topics/t/) ![m](/img/m.png) [o](//cdn.org/x)"), base_path="/brief/"))
    assert doc.find("a", string="t")["href"] == "/brief/topics/t/"
    assert doc.img["src"] == "/brief/img/m.png"
    assert doc.find("a", string="o")["href"] == "//cdn.org/x"


def test_a_cited_paragraph_is_marked_and_links_back_to_each_citing_page():
    skeleton = made("One.\n\nTwo.\n")
    doc = soup(bodyhtml.fill(skeleton, citations={"p-2": [("Talks", "/t/#excerpt-1"), ("Talks", "/t/#excerpt-3"),
                                                         ("Sanctions", "/s/#excerpt-1")]}))
    first, second = doc.find(id="p-1"), doc.find(id="p-2")
    assert first.get("class") is None and second["class"] == ["cited"]
    cited_in = doc.find(class_="cited-in")
    assert [(a.get_text(), a["href"]) for a in cited_in.find_all("a")] == [
        ("Talks", "/t/#excerpt-1"), ("2", "/t/#excerpt-3"), ("Sanctions", "/s/#excerpt-1")]
    assert len(doc.find_all(class_="cited-in")) == 1  # p-1 is cited by nobody


def test_excerpt_and_headlines_blocks_are_replaced_whole_by_what_the_site_verified():
    text = "Intro.\n\n::: excerpt a\nEditor's copy.\n:::\n\n::: headlines a\n- One\n:::\n\nAfter.\n"
    skeleton = made(text, citeable=False)
    replaced = bodyhtml.fill(skeleton, excerpt=lambda i: f"<q>verified {i}</q>", headlines=lambda i: f"<ul>{i}</ul>")
    assert "Editor's copy" not in replaced and "<q>verified 0</q>" in replaced and "<ul>0</ul>" in replaced
    assert soup(replaced).find_all("p")[-1].get_text() == "After."
    no_headlines = bodyhtml.fill(skeleton, excerpt=lambda i: "<q>v</q>")
    assert "One" not in no_headlines  # a block without its verified copy shows nothing, never the editor's
    plain = soup(bodyhtml.fill(skeleton))  # outside a site: as written
    assert [b.get_text(" ", strip=True) for b in plain.find_all("blockquote")] == ["Editor's copy.", "One"]


def test_a_nul_in_the_text_never_opens_a_hole():
    html = bodyhtml.fill(made("A\x00B [c](c.md)\x00"), {"c.md": "/c/"})
    assert "\x00" not in html and "\ufffd" in html and 'href="/c/"' in html


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab [](){}#*_`!<>&\"'\n\x00:-.md/")), max_size=200))
def test_filling_nothing_gives_the_html_with_every_hole_closed(text):
    skeleton = made(text)
    assert skeleton.decode().count(bodyhtml.MARK) % 2 == 0  # each hole between two marks
    assert bodyhtml.MARK not in bodyhtml.fill(skeleton)


def test_an_image_src_is_escaped_once():
    doc = soup(bodyhtml.fill(made('![a "b"](/i.png?x=1&y=2 "t")'), base_path="/b/"))
    assert doc.img["src"] == "/b/i.png?x=1&y=2" and doc.img["alt"] == 'a "b"'
    html = bodyhtml.fill(made("![a](/i.png?x=1&y=2)"))
    assert 'src="/i.png?x=1&amp;y=2"' in html


def test_the_tag_marked_cited_is_the_one_markdown_it_writes_with_the_class():
    parsed = markdown.parse(MD, "{#p-7}\nSeven.\n", True)
    token = next(t for t in parsed.tokens if t.type == "paragraph_open")
    token.attrSet("class", "cited")
    want = MD.renderer.renderToken(parsed.tokens, parsed.tokens.index(token), MD.options, {})
    token.attrs.pop("class")
    html = bodyhtml.fill(bodyhtml.skeleton(MD, parsed), citations={"p-7": [("T", "/t/")]})
    assert html.startswith(want)


def test_an_excerpt_inside_a_headlines_block_is_a_problem_on_its_line_not_a_crash():
    # found by the fuzzer: the headlines block was left open above the excerpt
    text = "Intro.\n\n::: headlines a\n- One\n\n::: excerpt b\nQuoted.\n:::\n\n:::\n\nAfter.\n"
    parsed = markdown.parse(MD, text, True)
    assert [(line, message.split(" — ")[0]) for line, message in parsed.problems] == \
        [(6, "an excerpt block inside a headlines block")]
    skeleton = bodyhtml.skeleton(MD, parsed)
    replaced = soup(bodyhtml.fill(skeleton, excerpt=lambda i: f"<q>verified {i}</q>", headlines=lambda i: f"<ul>{i}</ul>"))
    assert replaced.find("q") is None and "Quoted" not in replaced.get_text()
    assert "After." in replaced.get_text()
