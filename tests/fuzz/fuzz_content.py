"""Fuzz target: any bytes as a content file, through front matter, validation and Markdown.

Run: python tests/fuzz/fuzz_content.py -max_total_time=60
Only YamlError (a clear, located error) may come out; anything else is a crash.
"""

import sys

import atheris

with atheris.instrument_imports():
    from sitegen import bodyhtml, markdown, schema
    from sitegen.content import SCHEMAS
    from sitegen.errors import Errors
    from sitegen.frontmatter import YamlError, decode, split

MD = markdown.create()


def one_input(data: bytes) -> None:
    try:
        text = decode(data, "fuzz.md")
        document = split(text, "fuzz.md")
    except YamlError as exc:
        assert str(exc.error).startswith("fuzz.md")
        return
    errors = Errors()
    schema.read(document.meta, SCHEMAS["articles"], "fuzz.md", errors, line=1)
    for error in errors.items:
        assert error.path == "fuzz.md" and error.message
    parsed = markdown.parse(MD, document.body[:20_000], citeable=True)
    html = bodyhtml.render(MD, parsed, {"citations": {}, "link_map": {}, "base_path": "/b/"})
    assert "<script" not in html.lower()


def main() -> None:
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
