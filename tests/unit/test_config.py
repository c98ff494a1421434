import json

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


@pytest.mark.parametrize("base_url", ["/", "/briefing/", "https://someone.github.io/briefing/", "http://[::1]:8000/x/",
                                      "https://x.org:8080/a%20b/", "/брифинг/", "/a&b/(c)/"])
def test_plain_base_urls_are_accepted(tmp_path, base_url):
    config, errors = load(tmp_path, f"title: T\nbase_url: '{base_url}'\n")
    assert errors == [] and config.base_url == base_url


@pytest.mark.parametrize("base_url, problem", [
    ('/brief"><script>x/', 'has a double quote ("), which a URL path cannot hold — a path holds letters, digits, '
                           "%XX escapes and - . _ ~ ! $ & ( ) * + , ; = : @ /"),
    ("/a<b/", "has an angle bracket (<), which a URL path cannot hold"),
    ("/a'b/", "has a single quote ('), which a URL path cannot hold"),
    ("/a\\b/", "has a backslash, which a URL path cannot hold"),
    ("/a b/", "has a space, which a URL cannot hold — write it as %20"),
    ("/a\tb/", "has the white-space character U+0009, which a URL cannot hold"),
    ("/a\r\nSet-Cookie: x/", "has the white-space character U+000D, which a URL cannot hold"),
    ("/a%zz/", "has a '%' without two hex digits after it, which a URL path cannot hold"),
    ("https://user:pw@x.org/", "does not have a plain host name (and port) after https://"),
    ("https://x.org:port/", "does not have a plain host name (and port) after https://"),
    ("//evil.example/", "names a host without a scheme — write https://evil.example/"),
])
def test_a_base_url_is_checked_strictly_as_a_url_path(tmp_path, base_url, problem):
    (tmp_path / "sitegen.yaml").write_text(f"title: T\nbase_url: {json.dumps(base_url)}\n")
    errors = Errors()
    assert load_config(tmp_path, errors) is None
    assert len(errors.items) == 1 and errors.items[0].line == 2
    assert errors.items[0].message.startswith("base_url: '") and problem in errors.items[0].message
