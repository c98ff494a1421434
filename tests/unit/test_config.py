import pytest

from sitegen.config import load_config
from sitegen.errors import Errors


def load(tmp_path, text):
    (tmp_path / "sitegen.yaml").write_text(text, encoding="utf-8")
    errors = Errors()
    return load_config(tmp_path, errors), [str(e) for e in errors.items]


def test_defaults(tmp_path):
    config, errors = load(tmp_path, "title: T\n")
    assert errors == []
    assert config.language == "en" and config.theme == "briefing" and config.base_path == "/"
    assert config.taxonomies == ("actors", "outlets", "topics")


def test_base_url_with_sub_path(tmp_path):
    config, _ = load(tmp_path, "title: T\nbase_url: https://someone.github.io/briefing\n")
    assert config.base_path == "/briefing/"
    assert config.absolute_base == "https://someone.github.io/briefing/"


def test_unknown_key_names_line_and_suggestion(tmp_path):
    _, errors = load(tmp_path, "title: T\n\nbase_ulr: /\n")
    assert errors == ["sitegen.yaml:3: unknown key 'base_ulr' — did you mean 'base_url'?"]


def test_wrong_type_names_key_and_line(tmp_path):
    _, errors = load(tmp_path, "title: T\nallow_html: maybe\nfeed_limit: ten\n")
    assert errors == ["sitegen.yaml:2: allow_html: expected true or false, found 'maybe' — write true or false",
                      "sitegen.yaml:3: feed_limit: expected a whole number, found 'ten'"]


def test_unknown_taxonomy(tmp_path):
    _, errors = load(tmp_path, "title: T\ntaxonomies: [actors, tags]\n")
    assert errors == ["sitegen.yaml:2: taxonomies: unknown taxonomy 'tags' — choose from actors, outlets, topics"]


def test_missing_config_file(tmp_path):
    errors = Errors()
    assert load_config(tmp_path, errors) is None
    assert "no sitegen.yaml" in errors.items[0].message


def test_unparseable_base_url(tmp_path):
    _, errors = load(tmp_path, "title: T\nbase_url: 'http://[x'\n")
    assert errors == ["sitegen.yaml:2: base_url: 'http://[x' is not a URL"]


@pytest.mark.parametrize("theme", ["../elsewhere", "/etc", "a/b", "..", ".hidden", "x" * 80])
def test_a_theme_is_a_name_never_a_path(tmp_path, theme):
    (tmp_path / "sitegen.yaml").write_text(f"title: T\ntheme: '{theme}'\n")
    errors = Errors()
    assert load_config(tmp_path, errors) is None
    assert errors.items[0].line == 2 and "is not a theme name" in errors.items[0].message
