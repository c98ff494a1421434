"""Property-based tests: the invariants hold for any input hypothesis can think of."""

import posixpath
import string

import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from sitegen.excerpts import Paragraph, find
from sitegen.frontmatter import Map, YamlError, split
from sitegen.slugs import slugify
from sitegen.webserver import site_key
from sitegen.links import link_target

KEYS = st.text(alphabet=string.ascii_lowercase + "_", min_size=1, max_size=12)
VALUES = st.one_of(st.text(max_size=40), st.lists(st.text(max_size=10), max_size=4), st.booleans(), st.integers())


@given(meta=st.dictionaries(KEYS, VALUES, max_size=8), body=st.text(max_size=300))
def test_front_matter_splitter_returns_what_was_written(meta, body):
    assume(not body.startswith("---"))
    head = yaml.safe_dump(meta, allow_unicode=True) if meta else ""
    text = f"---\n{head}---\n{body}"
    doc = split(text, "x.md")
    assert isinstance(doc.meta, Map)
    assert sorted(doc.meta.items) == sorted(meta)
    assert doc.body == body
    assert text.split("\n")[doc.body_line - 1:] == body.split("\n")


@given(st.text(max_size=400))
def test_front_matter_splitter_never_crashes(text):
    try:
        split(text, "x.md")
    except YamlError as exc:
        assert exc.error.path == "x.md" and exc.error.message


@given(st.text(max_size=60))
def test_slugs_are_url_safe_lowercase_and_stable(text):
    slug = slugify(text)
    assert slug == slugify(slug)
    assert slug == slug.lower() or not slug.isascii()
    assert not slug.startswith("-") and not slug.endswith("-")
    assert "/" not in slug and " " not in slug and ".." not in slug


WORDS = st.lists(st.sampled_from("the envoys could meet within next two weeks Ryabkov said “very useful” talks "
                                 "peace Kyiv Moscow — – - ' ’ \" 2025 U.S. deal".split()), min_size=3, max_size=40)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(paragraphs=st.lists(WORDS, min_size=1, max_size=5), data=st.data())
def test_a_quote_cut_from_any_paragraph_is_found_at_that_paragraph(paragraphs, data):
    paras = [Paragraph(f"p-{i + 1}", " ".join(words)) for i, words in enumerate(paragraphs)]
    index = data.draw(st.integers(0, len(paras) - 1))
    words = paragraphs[index]
    start = data.draw(st.integers(0, len(words) - 1))
    end = data.draw(st.integers(start + 1, len(words)))
    quote = " ".join(words[start:end])
    assume(any(c.isalnum() for c in quote))
    # editors type straight quotes and odd spacing: still found
    typed = quote.replace("“", '"').replace("”", '"').replace("’", "'").replace(" ", data.draw(st.sampled_from([" ", "  ", "\n"])))
    assert paras[index].id in {m.paragraph.id for m in find(typed, paras)}


@given(paragraphs=st.lists(WORDS, min_size=1, max_size=5), extra=st.sampled_from(["Zelenskyy", "ceasefire", "Budapest"]))
def test_text_not_in_the_article_is_never_found(paragraphs, extra):
    paras = [Paragraph(f"p-{i + 1}", " ".join(words)) for i, words in enumerate(paragraphs)]
    assert find(f"{paragraphs[0][0]} {extra}", paras) == []
    assert find(extra, paras) == []


@given(st.text(max_size=80))
def test_served_paths_never_leave_the_site(path):
    for raw in ("/" + path, path):
        key = site_key(raw, "/")
        if key is not None:
            parts = key.split("/")
            assert ".." not in parts and "." not in parts
            assert not key.startswith("/") and "\\" not in key and "\x00" not in key
            assert not any(p.startswith(".") for p in parts if p)


SEGMENT = st.text(alphabet=string.ascii_lowercase + "-", min_size=1, max_size=8)
CONTENT_FILE = st.builds(lambda section, name: f"content/{section}/{name}.md",
                         st.sampled_from(["articles", "topics", "pages"]), SEGMENT)


@given(source=CONTENT_FILE, target=CONTENT_FILE)
def test_a_relative_link_between_content_files_resolves_to_its_target(source, target):
    relative = posixpath.relpath(target, posixpath.dirname(source))
    assert link_target(source, relative) == target
    assert link_target(source, "/" + target.removeprefix("content/")) == target
