"""`sitegen build` keeps a cache in .sitegen-cache/: every build still equals a clean one."""

import os

import pytest

from tests.conftest import tree_bytes
from tests.integration.test_incremental import EDITS


def clean_tree(cli, root, tmp_path):
    out = tmp_path / "clean"
    assert cli("build", "-s", root, "-o", out, "--no-cache", "-q").code == 0
    tree = tree_bytes(out)
    return tree


def test_second_build_with_nothing_changed_does_nothing(site, cli):
    root = site()
    assert cli("build", "-s", root).code == 0
    assert (root / ".sitegen-cache" / "session.bin").is_file()
    before = {p: p.stat().st_ino for p in (root / "public").rglob("*") if p.is_file()}
    run = cli("build", "-s", root)
    assert run.code == 0 and run.out.startswith("nothing changed since the last build")
    assert {p: p.stat().st_ino for p in (root / "public").rglob("*") if p.is_file()} == before


@pytest.mark.parametrize("name", list(EDITS))
def test_cached_build_after_an_edit_equals_a_clean_build(site, cli, tmp_path, name):
    root = site()
    assert cli("build", "-s", root, "-q").code == 0
    EDITS[name](root)
    assert cli("build", "-s", root, "-q").code == 0
    assert tree_bytes(root / "public") == clean_tree(cli, root, tmp_path)


def test_unchanged_pages_are_linked_from_the_previous_output(site, cli):
    root = site()
    cli("build", "-s", root, "-q")
    about = (root / "public/about/index.html").stat().st_ino
    EDITS["article body"](root)
    cli("build", "-s", root, "-q")
    assert (root / "public/about/index.html").stat().st_ino == about


def test_a_hand_edited_output_file_is_rebuilt(site, cli, tmp_path):
    root = site()
    cli("build", "-s", root, "-q")
    page = root / "public/about/index.html"
    page.write_text("tampered")
    assert cli("build", "-s", root, "-q").code == 0
    assert tree_bytes(root / "public") == clean_tree(cli, root, tmp_path)


@pytest.mark.parametrize("name", ["state.bin", "session.bin", "cards.json", "pages-00.bin"])
def test_a_damaged_cache_is_ignored_with_one_note(site, cli, tmp_path, name):
    root = site()
    cli("build", "-s", root, "-q")
    folder = root / ".sitegen-cache"
    target = folder / name if (folder / name).exists() else sorted(folder.glob("pages-*.bin"))[0]
    target.write_bytes(target.read_bytes()[:-20] + b"damaged")
    EDITS["article title"](root)
    run = cli("build", "-s", root, "-q")
    assert run.code == 0 and "Traceback" not in run.err
    assert len([line for line in run.err.splitlines() if line.startswith("note: ignoring")]) <= 1
    assert tree_bytes(root / "public") == clean_tree(cli, root, tmp_path)


def test_failed_build_keeps_output_and_cache_for_next_time(site, cli, tmp_path):
    root = site()
    cli("build", "-s", root, "-q")
    before = tree_bytes(root / "public")
    path = root / "content/pages/about.md"
    good = path.read_text()
    path.write_text("---\ntitle: [\n---\n")
    assert cli("build", "-s", root).code == 1
    assert tree_bytes(root / "public") == before
    path.write_text(good.replace("built by the tests", "built again"))
    assert cli("build", "-s", root, "-q").code == 0
    assert tree_bytes(root / "public") == clean_tree(cli, root, tmp_path)


def test_parallel_build_leaves_a_cache_the_next_build_uses(site, cli, tmp_path, monkeypatch):
    if not hasattr(os, "fork"):
        pytest.skip("needs fork")
    monkeypatch.setattr("sitegen.parallel.MIN_JOBS", 1)
    root = site()
    cli("build", "-s", root, "-q")
    EDITS["article body"](root)
    monkeypatch.setattr("sitegen.parallel.MIN_JOBS", 10_000)  # the edit is rebuilt serially, from the cache
    cli("build", "-s", root, "-q")
    assert tree_bytes(root / "public") == clean_tree(cli, root, tmp_path)


def tree(folder):
    """Every file's bytes and every folder, so a stale empty folder is a difference too."""
    return {p.relative_to(folder).as_posix() + ("/" if p.is_dir() else ""): p.read_bytes() if p.is_file() else b""
            for p in folder.rglob("*")}


def test_a_run_of_cached_builds_always_equals_a_clean_build(site, cli, tmp_path):
    """Each build updates the output before last (kept in the cache) into the next output."""
    root = site()
    assert cli("build", "-s", root, "-q").code == 0
    for number, (name, edit) in enumerate(EDITS.items()):
        edit(root)
        assert cli("build", "-s", root, "-q").code == 0, name
        clean = tmp_path / f"clean-{number}"
        assert cli("build", "-s", root, "-o", clean, "--no-cache", "-q").code == 0
        assert tree(root / "public") == tree(clean), name


def test_a_build_after_an_edit_writes_only_what_changed(site, cli):
    root = site()
    cli("build", "-s", root, "-q")
    EDITS["article body"](root)
    cli("build", "-s", root, "-q")  # the first update of the kept output
    about = root / "content/pages/about.md"
    about.write_text(about.read_text().replace("built by the tests", "built again"))
    run = cli("build", "-s", root)
    total = sum(1 for p in (root / "public").rglob("*") if p.is_file())
    written = int(run.out.split(" files written")[0].rsplit(" ", 1)[1])
    # about/index.html, and the kept output catching up with the previous edit's few files
    assert 1 <= written < total / 2, run.out


def test_a_tampered_kept_output_is_not_used(site, cli, tmp_path):
    root = site()
    cli("build", "-s", root, "-q")
    EDITS["article body"](root)
    cli("build", "-s", root, "-q")
    spare = root / ".sitegen-cache" / "spare"
    assert (spare / "about" / "index.html").is_file()
    (spare / "about" / "index.html").unlink()
    (spare / "about" / "index.html").write_text("tampered")  # a new file: public/ keeps its own
    (spare / "stray.html").write_text("not sitegen's")
    EDITS["article title"](root)
    assert cli("build", "-s", root, "-q").code == 0
    assert tree(root / "public") == tree(_clean(cli, root, tmp_path))


def test_a_kept_output_written_in_place_is_not_used(site, cli, tmp_path):
    root = site()
    cli("build", "-s", root, "-q")
    EDITS["article body"](root)
    cli("build", "-s", root, "-q")
    shared = root / ".sitegen-cache" / "spare" / "about" / "index.html"  # the same file as public's
    with shared.open("r+b") as handle:
        handle.write(b"<!-- tampered -->")
    EDITS["article title"](root)
    assert cli("build", "-s", root, "-q").code == 0
    assert tree(root / "public") == tree(_clean(cli, root, tmp_path))


def test_an_output_on_another_file_system_still_builds(site, cli, tmp_path, monkeypatch):
    """No kept output when a rename cannot move it; the build is the same."""
    root = site()
    real_stat = os.stat

    def other_device(path, *args, **kwargs):
        info = real_stat(path, *args, **kwargs)
        if str(path).endswith(".sitegen-cache"):
            return os.stat_result((*info[:2], info.st_dev + 1, *info[3:]))
        return info

    monkeypatch.setattr("sitegen.manifest.os.stat", other_device)
    cli("build", "-s", root, "-q")
    EDITS["article body"](root)
    assert cli("build", "-s", root, "-q").code == 0
    EDITS["article title"](root)
    assert cli("build", "-s", root, "-q").code == 0
    assert not (root / ".sitegen-cache" / "spare").exists()
    assert tree(root / "public") == tree(_clean(cli, root, tmp_path))


def _clean(cli, root, tmp_path):
    out = tmp_path / "clean"
    assert cli("build", "-s", root, "-o", out, "--no-cache", "-q").code == 0
    return out


@pytest.mark.parametrize("name", ["state.bin", "session.bin", "pages-00.bin", "cards.json"])
def test_a_cache_file_planted_without_our_key_is_never_believed(site, cli, tmp_path, name):
    """A pull request or a shared drive can plant a well-formed cache file: without the HMAC made
    with this user's key it is ignored, and the output is still a clean build's."""
    import marshal

    root = site()
    cli("build", "-s", root, "-q")
    folder = root / ".sitegen-cache"
    target = folder / name if (folder / name).exists() else sorted(folder.glob("pages-*.bin"))[0]
    mac, _, data = target.read_bytes().partition(b"\n")
    forged = marshal.dumps({"key": None, "pages": {}}) if name.endswith(".bin") else data
    target.write_bytes(b"0" * len(mac) + b"\n" + forged)
    EDITS["article title"](root)
    run = cli("build", "-s", root, "-q")
    assert run.code == 0 and "Traceback" not in run.err
    assert tree_bytes(root / "public") == clean_tree(cli, root, tmp_path)


def test_a_build_after_an_edit_parses_only_the_edited_body(site, cli, monkeypatch):
    """What resolving the site reads of each body (its outline) is kept with the validated
    pages: pages that link to others are not parsed again because one article changed."""
    import sitegen.bodies
    import sitegen.markdown

    root = site()
    assert cli("build", "-s", root, "-q").code == 0
    parsed: list[str] = []
    real = sitegen.markdown.parse

    def counting(md, text, citeable):
        parsed.append(text[:40])
        return real(md, text, citeable)

    monkeypatch.setattr(sitegen.bodies, "parse", counting)
    target = root / "content/articles/xinhua-summit.md"
    target.write_text(target.read_text() + "\nOne more paragraph, added by the edit.\n")
    assert cli("build", "-s", root, "-q").code == 0
    # the edited article alone (resolved, then rendered) — not the topic and page that link to others
    body = target.read_text().split("---\n", 2)[2]
    assert parsed and set(parsed) == {body[:40]}
