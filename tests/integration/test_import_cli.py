"""`sitegen import` end to end: files written, refused, and built."""

import hashlib
import shutil
from pathlib import Path

from tests.conftest import REPO, soup, write

SEED = REPO / "seeds" / "000_607d6643d694a612.txt"


def sha12(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:12]


def new_site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    write(root, "sitegen.yaml", "title: T\n")
    shutil.copytree(REPO / "data", root / "data")
    return root


def test_import_writes_an_article_that_builds(tmp_path, cli):
    root = new_site(tmp_path)
    run = cli("import", SEED, "--source", root, "--date", "2025-02-22", "--slug", "journal")
    assert run.code == 0, run.err
    assert "stripped 7:" in run.out and "- Advertisement" in run.out
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


def test_crlf_text_imports_like_lf(tmp_path, cli):
    root = new_site(tmp_path)
    crlf = tmp_path / "crlf.txt"
    crlf.write_bytes(SEED.read_bytes().replace(b"\n", b"\r\n"))
    cli("import", SEED, "-s", root, "--date", "2025-02-22", "--slug", "lf")
    cli("import", crlf, "-s", root, "--date", "2025-02-22", "--slug", "crlf")
    lf_text = (root / "content/articles/lf.md").read_text()
    crlf_text = (root / "content/articles/crlf.md").read_text()
    lf_source = f"source: seeds/000_607d6643d694a612-{sha12(SEED.read_bytes())}.txt"
    crlf_source = f"source: seeds/crlf-{sha12(crlf.read_bytes())}.txt"
    assert lf_source in lf_text and crlf_source in crlf_text
    assert lf_text.replace(lf_source, "") == crlf_text.replace(crlf_source, "")


def test_slug_and_title_need_a_single_file(tmp_path, cli):
    root = new_site(tmp_path)
    assert cli("import", SEED, SEED, "-s", root, "--slug", "x").code == 2
