"""`sitegen import` end to end: files, saved pages and URLs written, refused, and built."""

from __future__ import annotations

import gzip
import hashlib
import os
import shutil
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from sitegen import markdown
from sitegen.excerpts import fold
from sitegen.frontmatter import decode, split
from sitegen.importing import original_text
from tests.conftest import REPO, soup, write

SEED = REPO / "seeds" / "000_607d6643d694a612.txt"
FIXTURES = REPO / "tests" / "fixtures" / "import"
PAGE = FIXTURES / "jsonld-newsarticle.html"


def sha12(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:12]


def new_site(tmp_path: Path, config: str = "title: T\n") -> Path:
    root = tmp_path / "site"
    write(root, "sitegen.yaml", config)
    shutil.copytree(REPO / "data", root / "data")
    return root


def front(path: Path) -> dict:
    document = split(decode(path.read_bytes(), path.name), path.name)
    return {key: node for key, (_, node) in document.meta.items.items()}


def test_import_writes_an_article_that_builds(tmp_path, cli):
    root = new_site(tmp_path)
    run = cli("import", SEED, "--source", root, "--date", "2025-02-22", "--slug", "journal")
    assert run.code == 0, run.err
    assert "stripped 7:" in run.out and "- Advertisement  (advertisement)" in run.out
    article = root / "content/articles/journal.md"
    text = article.read_text()
    assert "Advertisement" not in text.split("---\n", 2)[2]
    kept = root / "seeds" / f"000_607d6643d694a612-{sha12(SEED.read_bytes())}.txt"
    assert kept.read_bytes() == SEED.read_bytes()  # the original is kept, named by its content
    assert f"source: {kept.relative_to(root).as_posix()}" in text
    assert cli("build", "-s", root).code == 0
    page = soup(root / "public/articles/journal/index.html")
    actors = [a.get_text() for a in page.select(".facts a[href*='/actors/']")]
    assert "Volodymyr Zelenskyy" in actors and "Sergei Ryabkov" in actors
    assert len(page.select(".body p[id^='p-']")) == 34


def test_import_refuses_to_overwrite_without_force(tmp_path, cli):
    root = new_site(tmp_path)
    assert cli("import", SEED, "-s", root, "--date", "2025-02-22", "--slug", "j").code == 0
    article = root / "content/articles/j.md"
    article.write_text(article.read_text() + "\nEditor's addition.\n")
    run = cli("import", SEED, "-s", root, "--date", "2025-02-22", "--slug", "j")
    assert run.code == 1
    assert run.error_lines == ["content/articles/j.md: already exists — pass --force to overwrite it"]
    assert "Editor's addition." in article.read_text()
    assert cli("import", SEED, "-s", root, "--date", "2025-02-22", "--slug", "j", "--force").code == 0
    assert "Editor's addition." not in article.read_text()


def test_dry_run_writes_nothing(tmp_path, cli):
    root = new_site(tmp_path)
    run = cli("import", SEED, "-s", root, "--date", "2025-02-22", "--dry-run")
    assert run.code == 0 and run.out.startswith("dry run: content/articles/2025-02-22-thejournal-")
    assert not (root / "content").exists() and not (root / "seeds").exists()


def test_dry_run_never_refuses_for_an_existing_article(tmp_path, cli):
    root = new_site(tmp_path)
    assert cli("import", SEED, "-s", root, "--date", "2025-02-22", "--slug", "j").code == 0
    before = (root / "content/articles/j.md").read_bytes()
    run = cli("import", SEED, "-s", root, "--date", "2025-02-22", "--slug", "j", "--dry-run")
    assert run.code == 0, run.err
    assert "content/articles/j.md exists: an import would overwrite it only with --force" in run.out
    assert (root / "content/articles/j.md").read_bytes() == before


EDITED = """\
title: Preparations underway for face-to-face meeting between Trump and Putin, Russia says
date: 2025-02-22
outlet: TheJournal.ie
summary: The editor's one-line summary.
topics:
- summit-diplomacy   # the editor's comment stays too
url: https://www.thejournal.ie/trump-putin-meeting/
url_note: Found by the editor in the outlet's archive.
date_note: 22 February 2025, established by the editor from the weekdays the text names.
notes:
- The editor's own note.
draft: true
"""


def edited(article: Path) -> None:
    text = article.read_text()
    head, body = text.split("---\n", 2)[1:]
    kept = [line for line in head.splitlines(keepends=True) if line.startswith(("wire:", "- Press", "- AFP", "source:"))]
    article.write_text("---\n" + EDITED + "".join(kept) + "---\n" + body)


def test_force_keeps_the_editors_own_fields_and_says_which(tmp_path, cli):
    root = new_site(tmp_path)
    write(root, "content/topics/summit-diplomacy.md", "---\ntitle: Summit diplomacy\n---\nText.\n")
    assert cli("import", SEED, "-s", root, "--date", "2025-02-22", "--slug", "j").code == 0
    article = root / "content/articles/j.md"
    edited(article)
    run = cli("import", SEED, "-s", root, "--date", "2025-02-22", "--slug", "j", "--force")
    assert run.code == 0, run.err
    text = article.read_text()
    for line in ["summary: The editor's one-line summary.", "- summit-diplomacy   # the editor's comment stays too",
                 "url: https://www.thejournal.ie/trump-putin-meeting/", "url_note: Found by the editor in the outlet's archive.",
                 "date_note: 22 February 2025, established by the editor from the weekdays the text names.",
                 "- The editor's own note.", "draft: true"]:
        assert line in text
    assert "kept from the existing article: summary, topics, draft, url, url_note, date_note, notes (1 yours)" in run.out
    assert "stripped:" in text and "- Advertisement" in text  # the importer's own fields are renewed
    assert cli("build", "-s", root, "--drafts").code == 0


def test_replace_all_replaces_the_editors_fields_too(tmp_path, cli):
    root = new_site(tmp_path)
    assert cli("import", SEED, "-s", root, "--date", "2025-02-22", "--slug", "j").code == 0
    article = root / "content/articles/j.md"
    edited(article)
    assert cli("import", SEED, "-s", root, "--date", "2025-02-22", "--slug", "j", "--force", "--replace-all").code == 0
    text = article.read_text()
    assert "summary:" not in text and "The editor's own note." not in text
    assert cli("import", SEED, "-s", root, "--date", "2025-02-22", "--slug", "j", "--replace-all").code == 2


def test_force_with_a_broken_existing_article_says_what_is_wrong(tmp_path, cli):
    root = new_site(tmp_path)
    write(root, "content/articles/j.md", "---\ntitle: [unclosed\n---\nText.\n")
    run = cli("import", SEED, "-s", root, "--date", "2025-02-22", "--slug", "j", "--force")
    assert run.code == 1 and "Traceback" not in run.err
    assert len(run.error_lines) == 1 and "cannot keep the editor's fields of content/articles/j.md" in run.err


def test_bad_files_are_clear_errors(tmp_path, cli):
    root = new_site(tmp_path)
    (tmp_path / "empty.txt").write_bytes(b"  \n")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / "latin1.txt").write_bytes("Headline\n\nCaf\xe9 society.\n".encode("latin-1"))
    run = cli("import", tmp_path / "empty.txt", tmp_path / "binary.txt", tmp_path / "latin1.txt", "-s", root,
              "--date", "2025-01-01", "--outlet", "X")
    assert run.code == 1
    assert "Traceback" not in run.err
    assert run.error_lines == [
        f"{tmp_path}/binary.txt: file is binary (it contains NUL bytes) — content files must be UTF-8 text",
        f"{tmp_path}/empty.txt: file is empty — import a file with the article's text",
        f"{tmp_path}/latin1.txt:3: file is not valid UTF-8 (byte 0xe9 at offset 13) — save the file as UTF-8",
    ]


def test_devices_pipes_and_folders_are_one_clear_error_each_never_a_hang(tmp_path, cli):
    root = new_site(tmp_path)
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # nothing ever writes to it: reading it would wait forever
    run = cli("import", "/dev/zero", fifo, tmp_path, "-s", root, "--date", "2025-01-01", "--outlet", "X")
    assert run.code == 1 and "Traceback" not in run.err
    assert sorted(run.error_lines) == sorted([
        "/dev/zero: is a character device, not a file — import a saved web page (.html) or a text file",
        f"{fifo}: is a named pipe (FIFO), not a file — import a saved web page (.html) or a text file",
        f"{tmp_path}: is a folder, not a file — import a saved web page (.html) or a text file",
    ])


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path, cli):
    root = new_site(tmp_path)
    sparse = tmp_path / "huge.txt"
    with open(sparse, "wb") as out:
        out.truncate(1 << 30)  # 1 GB that takes no disk and must take no memory
    run = cli("import", sparse, "-s", root, "--date", "2025-01-01", "--outlet", "X")
    assert run.code == 1
    assert run.error_lines == [f"{sparse}: file is 1,073,741,824 bytes, over the 8,388,608-byte limit for an import "
                               "— save only the article's page"]


def test_kept_copies_are_named_by_content(tmp_path, cli):
    root = new_site(tmp_path)
    one, two = tmp_path / "a" / "01.txt", tmp_path / "b" / "01.txt"
    for path, outlet in ((one, "First"), (two, "Second")):
        write(path.parent, "01.txt", f"Headline about {outlet} story\n\nThe {outlet} story's only sentence.\n")
    assert cli("import", one, "-s", root, "--date", "2025-01-01", "--outlet", "X", "--slug", "one").code == 0
    assert cli("import", two, "-s", root, "--date", "2025-01-01", "--outlet", "X", "--slug", "two").code == 0
    assert cli("import", one, "-s", root, "--date", "2025-01-01", "--outlet", "X", "--slug", "again").code == 0
    sources = {slug: front(root / f"content/articles/{slug}.md")["source"].text for slug in ("one", "two", "again")}
    assert sources["one"] == f"seeds/01-{sha12(one.read_bytes())}.txt" == sources["again"]
    assert sources["two"] == f"seeds/01-{sha12(two.read_bytes())}.txt" != sources["one"]
    assert sorted(p.name for p in (root / "seeds").iterdir()) == sorted(Path(s).name for s in set(sources.values()))
    assert (root / sources["two"]).read_bytes() == two.read_bytes()


def test_a_file_inside_the_site_is_recorded_by_its_own_path(tmp_path, cli):
    root = new_site(tmp_path)
    inside = root / "research" / "copy.txt"
    inside.parent.mkdir(parents=True)
    shutil.copyfile(SEED, inside)
    assert cli("import", inside, "-s", root, "--date", "2025-02-22", "--slug", "j").code == 0
    assert front(root / "content/articles/j.md")["source"].text == "research/copy.txt"
    assert not (root / "seeds").exists()


@pytest.mark.parametrize("slug", ["../../x", "../x", "Bad Slug", "/tmp/x", "a/b", "x.md", "-x", "UPPER", ""])
def test_a_slug_must_be_a_slug(tmp_path, cli, slug):
    root = new_site(tmp_path)
    run = cli("import", SEED, "-s", root, "--date", "2025-02-22", f"--slug={slug}")
    assert run.code == 1, run.out
    assert len(run.error_lines) == 1 and run.error_lines[0].startswith(f"--slug: '{slug}' ")
    assert not (root / "content").exists() and not (tmp_path / "x.md").exists()


def test_slug_and_title_need_a_single_file(tmp_path, cli):
    root = new_site(tmp_path)
    assert cli("import", SEED, SEED, "-s", root, "--slug", "x").code == 2


# --- saved pages and URLs ------------------------------------------------------------------------


def test_a_saved_page_is_kept_byte_for_byte_with_the_evidence_for_each_fact(tmp_path, cli):
    root = new_site(tmp_path)
    run = cli("import", PAGE, "-s", root)
    assert run.code == 0, run.err
    article = root / "content/articles/2024-11-19-harbour-baltic-ferry-operators-suspend.md"
    meta = front(article)
    assert (root / meta["source"].text).read_bytes() == PAGE.read_bytes()
    assert meta["source"].text == f"seeds/jsonld-newsarticle-{sha12(PAGE.read_bytes())}.html"
    assert meta["date"].text == "2024-11-19T07:42:00+01:00"
    assert meta["outlet_note"].text == "From the page's structured data (JSON-LD NewsArticle publisher)."
    assert meta["url_note"].text == "From the page's canonical link."
    assert cli("build", "-s", root).code == 0
    page = soup(root / "public/articles/2024-11-19-harbour-baltic-ferry-operators-suspend/index.html")
    assert len(page.select(".body p[id^='p-']")) == 8
    assert [h.get_text() for h in page.select(".body h2")] == ["Navy vessels sent to the area"]


class _Pages(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        routes = {
            "/news/ferries": (200, "text/html; charset=utf-8", PAGE.read_bytes(), {}),
            "/gzipped": (200, "text/html", gzip.compress(PAGE.read_bytes()), {"Content-Encoding": "gzip"}),
            "/report.pdf": (200, "application/pdf", b"%PDF-1.4", {}),
            "/to-ftp": (302, "text/html", b"", {"Location": "ftp://example.org/x"}),
        }
        status, kind, body, headers = routes.get(self.path, (404, "text/html", b"not here", {}))
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:  # keep the test output quiet
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_a_url_is_fetched_kept_and_noted(tmp_path, cli, server):
    root = new_site(tmp_path)
    run = cli("import", f"{server}/news/ferries", "-s", root, "--slug", "ferries")
    assert run.code == 0, run.err
    meta = front(root / "content/articles/ferries.md")
    assert (root / meta["source"].text).read_bytes() == PAGE.read_bytes()
    assert meta["source"].text == f"seeds/ferries-{sha12(PAGE.read_bytes())}.html"
    assert meta["url"].text == "https://www.harbourcourier.example/news/2024/11/19/baltic-ferry-night-crossings-suspended"
    assert meta["url_note"].text == f"From the page's canonical link; fetched at import from {server}/news/ferries."
    gz = cli("import", f"{server}/gzipped", "-s", root, "--slug", "ferries-again")
    assert gz.code == 0, gz.err
    assert front(root / "content/articles/ferries-again.md")["source"].text.endswith(f"-{sha12(PAGE.read_bytes())}.html")


def test_url_failures_are_one_clear_line_each(tmp_path, cli, server):
    root = new_site(tmp_path)
    with socket.socket() as probe:  # a port nothing listens on: what being offline looks like locally
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    urls = [f"http://127.0.0.1:{closed}/x", f"{server}/missing", f"{server}/report.pdf", f"{server}/to-ftp"]
    run = cli("import", *urls, "-s", root)
    assert run.code == 1 and "Traceback" not in run.err
    lines = dict(line.split(": ", 1) for line in run.error_lines for _ in [0] if ": " in line)
    assert lines[urls[0]].startswith("cannot connect: ") and "check the address and your connection" in lines[urls[0]]
    assert lines[urls[1]].startswith("the server answered 404 Not Found")
    assert lines[urls[2]].startswith("the server sent 'application/pdf', not a web page or a text")
    assert "redirect to a non-http address" in lines[urls[3]]
    assert len(run.error_lines) == 4


def test_a_silent_server_is_a_timeout_not_a_hang(tmp_path):
    from sitegen.importing.fetch import fetch
    from sitegen.importing.read import ReadFailed

    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)  # accepts the connection, never answers
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/slow"
        with pytest.raises(ReadFailed) as failed:
            fetch(url, timeout=0.2)
    assert str(failed.value) == f"{url}: no answer within 0.2 s — check your connection and try again"


def test_markup_in_an_imported_page_stays_text_with_allow_html(tmp_path, cli):
    root = new_site(tmp_path, "title: T\nallow_html: true\n")
    page = tmp_path / "hostile.html"
    page.write_text(
        "<html><head><title>Markets fall as talks stall | The Ledger</title>"
        "<meta property='og:site_name' content='The Ledger'>"
        "<meta property='article:published_time' content='2024-11-20T10:00:00+00:00'></head><body><article>"
        "<h1>Markets fall as talks stall</h1>"
        "<p>Markets &lt;img src=x onerror=alert(1)&gt; fell sharply on Wednesday as talks stalled, traders said.</p>"
        "<p>Analysts wrote *big* and _small_ and `code` and &amp;amp; in their notes, the bank said on Wednesday.</p>"
        "<h2>## Outlook &lt;script&gt;alert(2)&lt;/script&gt; ##</h2>"
        "<p>Traders expect further losses this week if the talks do not resume, a broker said.</p>"
        "<script>alert(3)</script><style>p{color:red}</style></article></body></html>", encoding="utf-8")
    assert cli("import", page, "-s", root, "--slug", "markets").code == 0
    assert cli("build", "-s", root).code == 0
    built = soup(root / "public/articles/markets/index.html")
    body = built.select_one(".body")
    assert not body.select("img, script, em, code")
    texts = [p.get_text().removesuffix(" ¶") for p in body.select("p[id^='p-']")]
    assert texts[0] == "Markets <img src=x onerror=alert(1)> fell sharply on Wednesday as talks stalled, traders said."
    assert texts[1] == "Analysts wrote *big* and _small_ and `code` and &amp; in their notes, the bank said on Wednesday."
    assert [h.get_text() for h in body.select("h2")] == ["## Outlook <script>alert(2)</script> ##"]


# --- the chain quote → article → kept original ---------------------------------------------------

FLAGS = {
    "aggregator-politico.txt": ["--date", "2024-11-24"], "news-desk-india.txt": ["--date", "2024-12-01"],
    "summary-site.txt": ["--outlet", "inshorts"], "state-outlet-amp-copy.txt": ["--date", "2024-11-26"],
    "000": ["--date", "2025-02-22"],
    "002": ["--date", "2025-02-18", "--outlet", "unknown", "--title", "Editor's headline"],
    "003": ["--date", "2025-08-07", "--title", "Editor's headline"], "004": ["--date", "2025-10-22", "--outlet", "unknown"],
}
ORIGINALS = sorted(p for p in FIXTURES.iterdir() if p.suffix in (".txt", ".html")) + sorted((REPO / "seeds").glob("*.txt"))


def test_every_imported_paragraph_occurs_in_the_original_text_of_its_kept_copy(tmp_path, cli):
    root = new_site(tmp_path)
    md = markdown.create()
    for number, original in enumerate(ORIGINALS):
        flags = FLAGS.get(original.name) or FLAGS.get(original.name[:3], [])
        run = cli("import", original, "-s", root, "--slug", f"a{number}", *flags)
        assert run.code == 0, (original.name, run.err)
        article = root / f"content/articles/a{number}.md"
        document = split(decode(article.read_bytes(), article.name), article.name)
        kept = document.meta.items["source"][1].text
        assert (root / kept).read_bytes() == original.read_bytes()
        whole = fold(original_text((root / kept).read_bytes(), kept))
        paragraphs = markdown.parse(md, document.body, citeable=True).paragraphs
        assert paragraphs
        for paragraph, _ in paragraphs:
            assert fold(paragraph.text) in whole, (original.name, paragraph.text[:80])
    assert cli("build", "-s", root).code == 0


def test_a_page_over_the_size_cap_is_refused_while_it_downloads(server):
    from sitegen.importing.fetch import fetch
    from sitegen.importing.read import ReadFailed

    with pytest.raises(ReadFailed) as failed:
        fetch(f"{server}/news/ferries", limit=1000)
    assert str(failed.value) == (f"{server}/news/ferries: the page is {PAGE.stat().st_size:,} bytes, over the "
                                 "1,000-byte limit for an import")
    with pytest.raises(ReadFailed) as unpacked:
        fetch(f"{server}/gzipped", limit=len(gzip.compress(PAGE.read_bytes())) + 10)
    assert "unpacks to over the" in str(unpacked.value)


def test_written_files_get_the_usual_mode(tmp_path, cli):
    root = new_site(tmp_path)
    assert cli("import", SEED, "-s", root, "--date", "2025-02-22", "--slug", "j").code == 0
    mask = os.umask(0)
    os.umask(mask)
    assert (root / "content/articles/j.md").stat().st_mode & 0o777 == 0o666 & ~mask
    assert next((root / "seeds").iterdir()).stat().st_mode & 0o777 == 0o666 & ~mask
