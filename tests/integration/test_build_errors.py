"""Bad input: exact error lines, exit status 1, and the previous output left intact."""

import pytest

from tests.conftest import fails_cleanly

ARTICLE = "content/articles/bad.md"


CASES = {
    "day-first date": ({ARTICLE: "---\ntitle: T\ndate: 22/02/2025\noutlet: X\n---\nText\n"},
                       ["content/articles/bad.md:3: date: '22/02/2025' is not an ISO 8601 date (write 2025-02-22)"]),
    "time without zone": ({ARTICLE: "---\ntitle: T\ndate: 2025-02-22 14:49\noutlet: X\n---\nText\n"},
                          ["content/articles/bad.md:3: date: '2025-02-22 14:49' has a time but no timezone "
                           "(write 2025-02-22 14:49+00:00, or the date alone)"]),
    "missing outlet": ({ARTICLE: "---\ntitle: T\ndate: 2025-02-22\n---\nText\n"},
                       ["content/articles/bad.md:1: missing required key 'outlet' — add 'outlet:' to the front matter"]),
    "unknown key": ({ARTICLE: "---\ntitle: T\ndate: 2025-02-22\noutlet: X\nactros: [A]\n---\nText\n"},
                    ["content/articles/bad.md:5: unknown key 'actros' — did you mean 'actors'?"]),
    "bad yaml": ({ARTICLE: "---\ntitle: [T\ndate: 2025-02-22\n---\nText\n"}, None),
    "no closing fence": ({ARTICLE: "---\ntitle: T\n\nText\n"},
                         ["content/articles/bad.md:1: front matter has no closing '---' line — "
                          "end the front matter with a line holding only ---"]),
    "non-utf8": ({ARTICLE: "---\ntitle: Caf\xe9\n---\n".encode("latin-1")},
                 ["content/articles/bad.md:2: file is not valid UTF-8 (byte 0xe9 at offset 14) — save the file as UTF-8"]),
    "missing link": ({"content/pages/links.md": "---\ntitle: L\n---\nIntro\n\nSee [x](../topics/nato.md).\n"},
                     ["content/pages/links.md:6: link to missing file '../topics/nato.md' — "
                      "check the path; links are relative to this file"]),
    "bad config": ({"sitegen.yaml": "title: T\nbase_ulr: /x/\n"},
                   ["sitegen.yaml:2: unknown key 'base_ulr' — did you mean 'base_url'?"]),
    "unknown section": ({"content/posts/x.md": "---\ntitle: X\n---\n"},
                        ["content/posts/x.md: unknown section 'posts' — use one of articles, topics, pages"]),
    "url collision": ({"content/pages/articles.md": "---\ntitle: X\n---\n"},
                      ["content/pages/articles.md: its URL /articles/ is taken by the articles index — rename the file"]),
    "undefined in template": ({"templates/page.html": "{% extends 'base.html' %}\n{% block content %}\n{{ page.autor }}\n{% endblock %}\n"},
                              None),
}


@pytest.mark.parametrize("name", CASES)
def test_bad_input_is_reported_with_its_location(site, cli, name):
    files, expected = CASES[name]
    run = fails_cleanly(site, cli, files)
    if expected is not None:
        assert run.error_lines == expected
    else:
        assert len(run.error_lines) == 1
    assert run.err.splitlines()[-1] == f"{len(run.error_lines)} error{'s' if len(run.error_lines) != 1 else ''}"


def test_bad_yaml_names_the_line(site, cli):
    run = fails_cleanly(site, cli, CASES["bad yaml"][0])
    assert run.error_lines[0].startswith("content/articles/bad.md:3: invalid YAML")


def test_undefined_template_variable_names_template_and_line(site, cli):
    run = fails_cleanly(site, cli, CASES["undefined in template"][0])
    assert run.error_lines[0].startswith("templates/page.html:3: a Card has no field 'autor' — its fields: key, title,")


def test_every_error_of_the_build_is_listed(site, cli):
    run = fails_cleanly(site, cli, {
        "content/articles/a.md": "---\ntitle: A\ndate: tomorrow\noutlet: X\n---\n",
        "content/articles/b.md": "---\ntitle: B\ndate: 2025-01-01\noutlet: X\ndraft: yes\n---\n",
        "content/pages/c.md": "---\ntitle: C\n---\n[x](nope.md)\n",
    })
    assert [line.split(":")[0] for line in run.error_lines] == [
        "content/articles/a.md", "content/articles/b.md", "content/pages/c.md"]


def test_output_holding_foreign_files_is_refused(site, cli):
    root = site()
    (root / "public").mkdir()
    (root / "public/notes.txt").write_text("my notes")
    run = cli("build", "-s", root)
    assert run.code == 1
    assert run.error_lines[0].startswith("public: the output folder holds files sitegen did not write")
    assert (root / "public/notes.txt").read_text() == "my notes"


def test_output_must_not_contain_the_sources(site, cli):
    root = site()
    run = cli("build", "-s", root, "-o", root)
    assert run.code == 1
    assert "contains the site's sources" in run.err


def test_excerpt_errors_are_build_errors(site, cli):
    run = fails_cleanly(site, cli, {"content/topics/bad-topic.md": """
        ---
        title: Bad
        ---
        ::: excerpt guardian-ryabkov
        envoys could meet within the next three weeks
        :::

        ::: excerpt guardian-ryabkv
        Anything
        :::
        """})
    assert run.error_lines == [
        'content/topics/bad-topic.md:4: excerpt not found in articles/guardian-ryabkov: '
        '"envoys could meet within the next three weeks" — closest passage: '
        '"envoys could meet “within the next two weeks”"',
        "content/topics/bad-topic.md:8: excerpt names an unknown article 'guardian-ryabkv' — closest: guardian-ryabkov",
    ]


def test_an_unwritable_output_is_one_clear_line(site, cli, tmp_path):
    import os

    if os.geteuid() == 0:
        # root writes anywhere: make the output's parent a file instead
        blocker = tmp_path / "file"
        blocker.write_text("x")
        run = cli("build", "-s", site(), "-o", blocker / "public")
    else:
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        run = cli("build", "-s", site(), "-o", locked / "public")
    assert run.code == 1
    assert "Traceback" not in run.err and len(run.err.strip().splitlines()) == 1


def test_excerpt_misses_are_explained(site, cli):
    """Issue 14.4: say why a quote is not found, not only what is closest."""
    run = fails_cleanly(site, cli, {"content/topics/bad-topic.md": """
        ---
        title: Bad
        ---
        ::: excerpt guardian-ryabkov #p-2
        envoys could meet "within the next two weeks"
        :::

        ::: excerpt guardian-ryabkov
        envoys could meet … start working toward ending the war
        :::

        ::: excerpt guardian-ryabkov
        ryabkov added that us and russian envoys
        :::

        ::: excerpt guardian-ryabkov
        abkov added that
        :::
        """})
    quote = "content/topics/bad-topic.md:{}: excerpt not found in articles/guardian-ryabkov: "
    assert run.error_lines == [
        quote.format(4) + '"envoys could meet "within the next two weeks"" — found in #p-1, not #p-2: '
                          "correct the paragraph hint",
        quote.format(8) + '"envoys could meet … start working toward ending the war" — its parts are in different '
                          'paragraphs ("envoys could meet" in #p-1, "start working toward ending…" in #p-2): an '
                          "ellipsis joins words of one paragraph, so quote each paragraph in its own excerpt",
        quote.format(12) + '"ryabkov added that us and russian envoys" — differs only in case: #p-1 has '
                           '"Ryabkov added that US and Russian envoys"',
        quote.format(16) + "\"abkov added that\" — starts in the middle of the word 'Ryabkov' (#p-1): quote whole words",
    ]
