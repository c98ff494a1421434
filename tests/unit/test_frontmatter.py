import pytest

from sitegen.frontmatter import Map, Scalar, Seq, YamlError, decode, load_yaml, split


def test_splits_front_matter_and_reports_body_line():
    doc = split("---\ntitle: A\ndate: 2025-02-22\n---\nBody\n", "x.md")
    assert isinstance(doc.meta, Map)
    assert doc.meta.order == ["title", "date"]
    assert doc.body == "Body\n"
    assert doc.body_line == 5


def test_key_lines_are_file_lines_not_block_lines():
    doc = split("---\ntitle: A\n\noutlet: B\n---\n", "x.md")
    assert doc.meta.items["title"][0] == 2
    assert doc.meta.items["outlet"][0] == 4


def test_file_without_front_matter_has_empty_meta():
    doc = split("Just text\n", "x.md")
    assert doc.meta.items == {}
    assert doc.body_line == 1


def test_missing_closing_fence_is_an_error():
    with pytest.raises(YamlError) as exc:
        split("---\ntitle: A\nBody\n", "x.md")
    assert str(exc.value.error) == ("x.md:1: front matter has no closing '---' line — "
                                    "end the front matter with a line holding only ---")


def test_scalars_keep_their_text_so_nothing_is_coerced():
    node = load_yaml("a: no\nb: 1.10\nc: 10:00\nd: 'quoted'", "x.md")
    values = {k: v.text for k, (_, v) in node.items.items()}
    assert values == {"a": "no", "b": "1.10", "c": "10:00", "d": "quoted"}
    assert node.items["a"][1].kind == "bool"


def test_duplicate_keys_are_errors_naming_both_lines():
    with pytest.raises(YamlError) as exc:
        load_yaml("title: A\nother: 1\ntitle: B\n", "x.md", first_line=2)
    assert str(exc.value.error) == "x.md:4: duplicate key 'title' (first on line 2) — keep one of them"


def test_aliases_are_refused():
    bomb = 'a: &a ["x","x"]\nb: &b [*a,*a]\nc: [*b,*b]\n'
    with pytest.raises(YamlError) as exc:
        load_yaml(bomb, "x.md")
    assert "anchors and aliases" in exc.value.error.message
    assert exc.value.error.line == 2


def test_python_tags_are_refused():
    with pytest.raises(YamlError) as exc:
        load_yaml("a: !!python/object/apply:os.system ['true']", "x.md")
    assert "tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed" in exc.value.error.message


def test_invalid_yaml_reports_the_file_line():
    with pytest.raises(YamlError) as exc:
        split("---\ntitle: A\nactors: [a, b\n---\n", "x.md")
    assert exc.value.error.line in (3, 4)
    assert exc.value.error.message.startswith("invalid YAML")


def test_decode_accepts_bom_and_crlf():
    assert decode("\ufeff---\r\ntitle: A\r\n---\r\nB\r\n".encode(), "x.md") == "---\ntitle: A\n---\nB\n"


def test_decode_rejects_non_utf8_with_line():
    with pytest.raises(YamlError) as exc:
        decode("---\ntitle: caf\xe9\n".encode("latin-1"), "x.md")
    assert exc.value.error.line == 2
    assert "not valid UTF-8" in exc.value.error.message


def test_decode_rejects_binary():
    with pytest.raises(YamlError) as exc:
        decode(b"\x89PNG\x00\x00", "x.md")
    assert "binary" in exc.value.error.message


def test_sequences_and_nested_maps_keep_lines():
    node = load_yaml("events:\n  - date: 2025-02-18\n    event: talks\n", "x.md")
    seq = node.items["events"][1]
    assert isinstance(seq, Seq)
    inner = seq.items[0]
    assert isinstance(inner, Map) and inner.line == 2
    assert isinstance(inner.items["event"][1], Scalar) and inner.items["event"][0] == 3


def test_deeply_nested_yaml_is_a_clear_error_not_a_crash():
    for depth in (30, 1_000, 100_000):
        with pytest.raises(YamlError) as exc:
            split("---\na: " + "[" * depth + "]" * depth + "\n---\n", "x.md")
        assert "nested more than 20 levels deep" in exc.value.error.message


@pytest.mark.parametrize("raw, name", [
    ("---\ntitle: T\n---\n".encode("utf-16"), "UTF-16"), ("---\ntitle: T\n---\n".encode("utf-32"), "UTF-32"),
    ("---\ntitle: T\n---\n".encode("utf-16-be"), "UTF-16 without a byte-order mark"),
    ("---\ntitle: T\n---\n".encode("utf-32-le"), "UTF-32 without a byte-order mark"),
])
def test_utf16_and_utf32_are_named_not_called_binary(raw, name):
    with pytest.raises(YamlError) as exc:
        decode(raw, "a.md")
    assert str(exc.value) == f"a.md: file is {name} — save it as UTF-8"


def test_binary_is_still_binary():
    with pytest.raises(YamlError) as exc:
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "a.md")
    assert "file is binary" in str(exc.value)


def test_the_nesting_hint_names_the_kind_of_file():
    from sitegen.frontmatter import load_yaml

    for path, hint in [("content/a.md", "front matter is a flat list of keys"),
                       ("data/actors.yaml", "actors.yaml holds keys, lists and small mappings a few levels deep at most")]:
        with pytest.raises(YamlError) as exc:
            load_yaml("a: " + "[" * 30, path)
        assert str(exc.value).endswith(hint)
