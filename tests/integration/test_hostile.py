"""Hostile input: every case is a clear error or safe output — never a traceback,
an executed payload, a lost file or a half-written site."""

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from tests.conftest import REPO, fails_cleanly, soup, tree_bytes, write

ARTICLE = "content/articles/hostile.md"


def article(front: str, body: str = "Text.\n") -> str:
    return f"---\ntitle: T\ndate: 2025-01-01\noutlet: X\n{front}---\n{body}"


@pytest.mark.parametrize("front, expected", [
    ("draft: no\n", "content/articles/hostile.md:5: draft: expected true or false, found 'no' — write true or false"),
    ("wire: 10:00\nactors: 1.10\n", "content/articles/hostile.md:6: actors: expected a list, found a number — "
                                    "write one '- item' per line"),
    ("title: again\n", "content/articles/hostile.md:5: duplicate key 'title' (first on line 2) — keep one of them"),
    ("acters: [A]\n", "content/articles/hostile.md:5: unknown key 'acters' — did you mean 'actors'?"),
    ("actors: !!python/object/apply:os.system ['touch /tmp/sitegen-pwned']\n",
     "content/articles/hostile.md:5: YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed "
     "— remove the tag; write a plain value"),
    ("actors: &a [x]\nwire: *a\n",
     "content/articles/hostile.md:6: YAML anchors and aliases (&name, *name) are not supported — "
     "write the value out in full"),
])
def test_front_matter_is_never_silently_coerced_or_executed(site, cli, front, expected):
    run = fails_cleanly(site, cli, {ARTICLE: article(front)})
    assert run.error_lines == [expected]
    assert not os.path.exists("/tmp/sitegen-pwned")


def test_a_wire_time_written_plainly_stays_text(site, cli):
    root = site(files={ARTICLE: article("wire: 10:00\n")})
    assert cli("build", "-s", root).code == 0
    assert "10:00" in soup(root / "public/articles/hostile/index.html").find("dl", class_="facts").get_text()


def test_billion_laughs_is_refused_before_expansion(site, cli):
    bomb = "".join(f"l{i}: &l{i} [{','.join([f'*l{i-1}'] * 9)}]\n" for i in range(1, 10))
    run = fails_cleanly(site, cli, {ARTICLE: "---\nl0: &l0 [lol]\n" + bomb + "---\n"})
    assert "anchors and aliases" in run.err


def test_huge_file_is_refused_with_its_size(site, cli):
    run = fails_cleanly(site, cli, {ARTICLE: article("", "word " * 1_000_000)})
    assert run.error_lines[0].startswith("content/articles/hostile.md: file is 5,000,04")
    assert "over the 4,194,304-byte limit — split it into smaller files" in run.error_lines[0]


def test_binary_and_non_utf8_files(site, cli):
    run = fails_cleanly(site, cli, {ARTICLE: b"\x89PNG\r\n\x1a\n\x00\x00\x00",
                                    "content/pages/latin.md": "---\ntitle: Caf\xe9\n---\n".encode("latin-1")})
    assert run.error_lines == [
        "content/articles/hostile.md: file is binary (it contains NUL bytes) — content files must be UTF-8 text",
        "content/pages/latin.md:2: file is not valid UTF-8 (byte 0xe9 at offset 14) — save the file as UTF-8",
    ]


def test_two_sources_for_one_url_name_both(site, cli):
    run = fails_cleanly(site, cli, {"content/articles/Guardian Ryabkov.md": article("")})
    assert run.error_lines == ["content/articles/guardian-ryabkov.md: articles/guardian-ryabkov is also defined by "
                               "content/articles/Guardian Ryabkov.md — rename one of the files"]


def test_output_does_not_depend_on_the_machines_timezone(site, tmp_path):
    root = site(files={ARTICLE: article("", "Text.\n").replace("date: 2025-01-01", "date: 2025-01-01T23:30:00-05:00")})
    outputs = []
    for zone in ("UTC", "Asia/Tokyo", "America/Los_Angeles"):
        out = tmp_path / zone.replace("/", "-")
        env = {**os.environ, "TZ": zone}
        subprocess.run([sys.executable, "-m", "sitegen", "build", "-q", "-s", str(root), "-o", str(out)],
                       check=True, env=env, cwd=REPO)
        outputs.append(tree_bytes(out))
    assert outputs[0] == outputs[1] == outputs[2]
    page = soup(tmp_path / "UTC/articles/hostile/index.html")
    assert page.find("time")["datetime"] == "2025-01-01T23:30:00-05:00"


# --- no content can put script into a page ------------------------------------

LINKS = [
    "javascript:alert(1)", "JAVASCRIPT:alert(1)", " javascript:alert(1)", "jav&#x09;ascript:alert(1)",
    "jav&#97;script:alert(1)", "&#106;avascript:alert(1)", "javascript&colon;alert(1)", "java%0ascript:alert(1)",
    "vbscript:msgbox(1)", "VBScript:msgbox(1)", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "data:text/html,<script>alert(1)</script>", "<javascript:alert(1)>", "file:///etc/passwd",
]


def scripts_and_handlers(page):
    bad = []
    for tag in page.find_all(True):
        if tag.name == "script":
            # the theme's own: JSON-LD data, and scripts from this site's static folder
            if tag.get("type") == "application/ld+json":
                json.loads(tag.string)
                assert "</" not in tag.string
            elif not tag.get("src", "").startswith(("/static/", "/pagefind/")) or tag.string:
                bad.append(str(tag)[:80])
        elif tag.name in ("iframe", "object", "embed", "svg", "math", "style", "base", "form"):
            bad.append(str(tag)[:80])
        for attr, value in tag.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            if attr.startswith("on"):
                bad.append(f"{tag.name}[{attr}]")
            if attr in ("href", "src", "action", "formaction", "cite") and \
                    text.replace(" ", "").lower().startswith(("javascript:", "vbscript:", "data:text")):
                bad.append(f"{tag.name}[{attr}]={text}")
    return bad


def test_no_link_or_image_scheme_gets_script_into_a_page(site, cli):
    body = "\n\n".join(f"[link {i}]({href}) ![img {i}]({href}) <{href}>" for i, href in enumerate(LINKS))
    root = site(files={ARTICLE: article("", body + "\n")})
    assert cli("build", "-s", root).code == 0
    assert scripts_and_handlers(soup(root / "public/articles/hostile/index.html")) == []


def test_raw_html_and_attribute_injection_are_inert(site, cli):
    body = ('<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n'
            '[t](https://x.org "a\\" onmouseover=\\"alert(1)") ![a" onerror="alert(1)](https://x.org/i.png)\n\n'
            '<a href="javascript:alert(1)">x</a> <svg onload=alert(1)>\n')
    root = site(files={ARTICLE: article("", body)})
    assert cli("build", "-s", root).code == 0
    page = soup(root / "public/articles/hostile/index.html")
    assert scripts_and_handlers(page) == []
    assert page.find("a", href="https://x.org")["title"] == 'a" onmouseover="alert(1)'


HOSTILE = '"><script>alert(1)</script><!--'


def test_hostile_front_matter_values_are_escaped_everywhere(site, cli):
    root = site(files={ARTICLE: f"---\ntitle: '{HOSTILE}'\ndate: 2025-09-01\noutlet: '{HOSTILE}'\n"
                                f"actors: ['{HOSTILE}']\nsummary: '{HOSTILE}'\n---\nText.\n"})
    assert cli("build", "-s", root).code == 0
    out = root / "public"
    for html in out.rglob("*.html"):
        page = soup(html)
        assert scripts_and_handlers(page) == [], html
    article = soup(out / "articles/hostile/index.html")
    assert article.title.get_text().startswith(HOSTILE)
    assert article.find("meta", attrs={"name": "description"})["content"] == HOSTILE
    feed = ET.parse(out / "feed.xml").getroot()  # still well-formed XML
    titles = [e.text for e in feed.iter("{http://www.w3.org/2005/Atom}title")]
    assert HOSTILE in titles
    assert json.loads((out / "feed.json").read_text())["items"][0]["title"] == HOSTILE


@pytest.mark.parametrize("body", [
    "*_" * 20_000, "[" * 50_000, "> " * 5_000 + "deep", "".join("  " * i + "- item\n" for i in range(2_000)),
    "**a" * 10_000, "`" * 30_000, "<" * 50_000, "![" * 20_000, "\\" * 50_000,
])
def test_pathological_markdown_renders_in_bounded_time(site, cli, body):
    import signal

    root = site(files={ARTICLE: article("", body)})

    def too_slow(*_):
        raise TimeoutError("rendering took more than 20 s")

    signal.signal(signal.SIGALRM, too_slow)
    signal.alarm(20)
    try:
        assert cli("build", "-s", root).code == 0
    finally:
        signal.alarm(0)


def test_heading_and_excerpt_ids_never_collide_with_the_pages_own(site, cli):
    body = "# Main\n\n## sg-main\n\n## P 1\n\n## Excerpt 1\n\nText.\n"
    root = site(files={ARTICLE: article("", body)})
    assert cli("build", "-s", root).code == 0
    page = soup(root / "public/articles/hostile/index.html")
    ids = [tag["id"] for tag in page.find_all(id=True)]
    assert len(ids) == len(set(ids)), ids
    assert "sg-main" in ids and page.find(id="sg-main").name == "main"


def test_output_folder_with_a_git_repository_is_refused(site, cli):
    root = site()
    (root / "public" / ".git").mkdir(parents=True)
    (root / "public" / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    run = cli("build", "-s", root)
    assert run.code == 1 and "holds a version-control folder (public/.git)" in run.err
    assert (root / "public/.git/HEAD").read_text() == "ref: refs/heads/main\n"


@pytest.mark.parametrize("where", [".git", "articles/.git", "static/.hg"])
def test_a_repository_in_a_marked_output_folder_is_never_deleted(site, cli, where):
    """A gh-pages checkout that someone copied public/ into holds both the marker and .git."""
    root = site()
    assert cli("build", "-s", root).code == 0
    (root / "public" / where).mkdir()
    (root / "public" / where / "HEAD").write_text("ref: refs/heads/gh-pages\n")
    for args in (("build", "-s", root), ("build", "-s", root, "--no-cache")):
        run = cli(*args)
        assert run.code == 1
        assert run.error_lines == [f"public: the output folder holds a version-control folder (public/{where}), "
                                   "which a build would delete — build into another folder (--output) and copy "
                                   "the files in, or publish with sitegen deploy"]
        assert (root / "public" / where / "HEAD").read_text() == "ref: refs/heads/gh-pages\n"


def test_output_folder_with_the_marker_is_replaced(site, cli):
    root = site()
    cli("build", "-s", root)
    (root / "public" / "stale.html").write_text("old")
    assert cli("build", "-s", root).code == 0
    assert not (root / "public/stale.html").exists()


def test_deeply_nested_front_matter_cannot_crash_the_build(site, cli):
    run = fails_cleanly(site, cli, {ARTICLE: "---\nactors: " + "[" * 200_000 + "\n---\nText.\n"})
    assert run.error_lines == ["content/articles/hostile.md:2: YAML nested more than 20 levels deep — "
                               "front matter is a flat list of keys"]


def test_malformed_urls_are_errors_or_dropped_links_never_crashes(site, cli):
    run = fails_cleanly(site, cli, {ARTICLE: article("url: 'http://[oops'\n", "[x](http://[oops) <http://[x>\n")})
    assert run.error_lines == ["content/articles/hostile.md:5: url: 'http://[oops' is not an http(s) URL — "
                               "write it as https://example.org/…"]

def test_malformed_link_urls_build_as_inert_links(site, cli):
    root = site(files={ARTICLE: article("", "[x](http://[oops) and [y](https://[::1)\n")})
    assert cli("build", "-s", root).code == 0
    page = soup(root / "public/articles/hostile/index.html")
    assert [a["href"] for a in page.select(".body a[href^='http']")] == ["http://%5Boops", "https://:1%5B:"]
    assert scripts_and_handlers(page) == []


# --- sources checked before they are read (issue 19.8) ---------------------------

def test_a_huge_sparse_file_is_refused_under_a_memory_limit(site, tmp_path):
    """Read in full, 1 GB of zeros was a MemoryError traceback under a 512 MB address-space limit."""
    import resource

    root = site()
    with (root / ARTICLE).open("wb") as handle:
        handle.truncate(1 << 30)

    def limit_memory():
        resource.setrlimit(resource.RLIMIT_AS, (512 << 20, 512 << 20))

    run = subprocess.run([sys.executable, "-m", "sitegen", "build", "-s", str(root), "-o", str(tmp_path / "out")],
                         preexec_fn=limit_memory, capture_output=True, text=True, cwd=REPO)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert run.stderr.splitlines() == ["content/articles/hostile.md: file is 1,073,741,824 bytes, over the "
                                       "4,194,304-byte limit — split it into smaller files", "1 error"]


@pytest.mark.parametrize("rel", ["data/actors.yaml", "data/outlets.yaml", "sitegen.yaml"])
@pytest.mark.parametrize("kind", ["fifo", "/dev/zero", "folder"])
def test_a_source_that_is_not_a_file_is_one_clear_error(site, cli, rel, kind):
    root = site()
    assert cli("build", "-s", root).code == 0
    before = tree_bytes(root / "public")
    (root / rel).unlink(missing_ok=True)
    if kind == "fifo":
        os.mkfifo(root / rel)  # read, it would wait for a writer for ever
    elif kind == "folder":
        (root / rel).mkdir()
    else:
        (root / rel).symlink_to(kind)  # read, it would never end
    run = cli("build", "-s", root)
    shown = {"fifo": "a named pipe (FIFO)", "/dev/zero": "a character device", "folder": "a folder"}[kind]
    assert run.code == 1 and run.error_lines == [
        f"{rel}: is {shown}, not a file — a source must be a regular file: put the file itself there"]
    assert tree_bytes(root / "public") == before


@pytest.mark.parametrize("encoding, name", [("utf-16", "UTF-16"), ("utf-32", "UTF-32"),
                                            ("utf-16-le", "UTF-16 without a byte-order mark")])
def test_utf16_and_utf32_files_are_called_that(site, cli, encoding, name):
    run = fails_cleanly(site, cli, {ARTICLE: article("").encode(encoding),
                                    "data/outlets.yaml": "- name: X\n".encode(encoding)})
    assert run.error_lines == [f"content/articles/hostile.md: file is {name} — save it as UTF-8",
                               f"data/outlets.yaml: file is {name} — save it as UTF-8"]


@pytest.mark.parametrize("rel, text", [("sitegen.yaml", "title: T\nx: " + "[" * 50 + "\n"),
                                       ("data/actors.yaml", "- name: " + "[" * 50 + "\n")])
def test_deep_nesting_outside_front_matter_is_not_called_front_matter(site, cli, rel, text):
    run = fails_cleanly(site, cli, {rel: text})
    name = rel.rsplit("/", 1)[-1]
    assert run.error_lines == [f"{rel}:1: YAML nested more than 20 levels deep — {name} holds keys, lists and "
                               "small mappings a few levels deep at most"]


# --- text that would break the feed, paths that leave the site (issues 19.11, 19.14) ---

@pytest.mark.parametrize("rel, text, expected", [
    (ARTICLE, article('summary: "Talks\\vin Riyadh"\n'),
     "content/articles/hostile.md:5: summary: contains the control character U+000B — remove it"),
    (ARTICLE, article("").replace("title: T", 'title: "T\\x1b[2J"'),
     "content/articles/hostile.md:2: title: contains the control character U+001B — remove it"),
    ("sitegen.yaml", 'title: "Briefing\\f"\n', "sitegen.yaml:1: title: contains the control character U+000C — remove it"),
    ("data/outlets.yaml", '- name: "X\\uFFFF"\n',
     "data/outlets.yaml:1: entry.name: contains the character U+FFFF — remove it"),
])
def test_characters_xml_does_not_allow_are_refused_in_every_text_field(site, cli, rel, text, expected):
    run = fails_cleanly(site, cli, {rel: text})
    assert run.error_lines == [expected]


@pytest.mark.parametrize("source, problem", [("../../../etc/passwd", "leaves the site's folder ('..')"),
                                             ("/etc/passwd", "is an absolute path"),
                                             ("seeds\\\\..\\\\..\\\\x", "has a backslash")])
def test_an_articles_source_must_be_a_path_inside_the_site(site, cli, source, problem):
    run = fails_cleanly(site, cli, {ARTICLE: article(f'source: "{source}"\n')})
    shown = source.replace("\\\\", "\\")
    assert run.error_lines == [f"content/articles/hostile.md:5: source: '{shown}' {problem} — write a path inside "
                               "the site, relative to its folder, such as seeds/report.txt"]


def test_escape_sequences_in_file_names_never_reach_the_terminal(site, cli):
    name = "content/posts\x1b]0;pwned\x07\x1b[2J/x\u202egnp.md"
    run = fails_cleanly(site, cli, {name: "---\ntitle: X\n---\n"})
    assert "\x1b" not in run.err and "\x07" not in run.err and "\u202e" not in run.err
    assert run.error_lines == ["content/posts\\x1b]0;pwned\\x07\\x1b[2J/x\\u202egnp.md: unknown section "
                               "'posts\\x1b]0;pwned\\x07\\x1b[2J' — use one of articles, topics, pages"]


def test_a_file_name_that_is_not_utf8_is_shown_by_its_bytes(site, cli):
    root = site()
    assert cli("build", "-s", root).code == 0
    (root / os.fsdecode(b"content/posts\xff")).mkdir()
    (root / os.fsdecode(b"content/posts\xff/x.md")).write_text("---\ntitle: X\n---\n")
    run = cli("build", "-s", root)
    assert run.code == 1 and run.error_lines == [
        "content/posts\\xff/x.md: unknown section 'posts\\xff' — use one of articles, topics, pages"]


@pytest.mark.parametrize("base_url", ['/x"><script>alert(1)</script>/', "/a b/", "/a\r\nLocation: //evil/"])
def test_a_base_url_that_is_not_a_plain_url_path_is_refused(site, cli, tmp_path, base_url):
    """It is written into the dev server's script tag and Location header (issue 19.13)."""
    run = fails_cleanly(site, cli, {"sitegen.yaml": f"title: T\nbase_url: {json.dumps(base_url)}\n"})
    assert len(run.error_lines) == 1 and run.error_lines[0].startswith("sitegen.yaml:2: base_url: '")
    assert "which a URL" in run.error_lines[0]
    write(tmp_path / "basic", "sitegen.yaml", "title: T\n")
    run = cli("build", "-s", tmp_path / "basic", "--base-url", base_url)
    assert run.code == 1 and len(run.error_lines) == 1
    assert run.error_lines[0].startswith("--base-url: '") and "which a URL" in run.error_lines[0]
