"""Publishing: `sitegen deploy` to a local bare repository, the Pages workflow, sub-path links."""

import json
import shutil
import subprocess
import threading
import xml.etree.ElementTree as ET
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urljoin, urlsplit
from urllib.request import urlopen
from urllib.error import HTTPError

import pytest
import yaml

from tests.conftest import REPO, installed_tool, soup, write

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(cwd, *args):
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture
def repo(site, tmp_path):
    """A fixture site committed to a git repository whose origin is a local bare repository."""
    root = site()
    bare = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(bare))
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "editor@example.org")
    git(root, "config", "user.name", "Editor")
    (root / ".gitignore").write_text("public/\n")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "site")
    git(root, "remote", "add", "origin", str(bare))
    return root, bare


def test_deploy_pushes_the_built_site_alone(repo, cli):
    root, bare = repo
    head, status = git(root, "rev-parse", "HEAD"), git(root, "status", "--porcelain")
    run = cli("deploy", "-s", root, "--cname", "briefing.example.org")
    assert run.code == 0, run.err
    assert run.out.startswith("deployed ") and "origin/gh-pages" in run.out
    files = git(bare, "ls-tree", "-r", "--name-only", "gh-pages").splitlines()
    assert {"index.html", ".nojekyll", "CNAME", "articles/guardian-ryabkov/index.html"} <= set(files)
    assert not any(f.startswith(("content/", "sitegen.yaml")) or f == ".sitegen-output" for f in files)
    assert git(bare, "show", "gh-pages:CNAME") == "briefing.example.org"
    # the working tree, the index and the current branch are untouched
    assert git(root, "rev-parse", "HEAD") == head
    assert git(root, "status", "--porcelain") == status
    assert git(root, "symbolic-ref", "--short", "HEAD") == "main"
    assert not (root / "public").exists()


def test_deploy_prints_its_builds_warnings(repo, cli, monkeypatch):
    """A deploy builds the site itself: the warnings of that build (a site near GitHub Pages'
    limits) reach the editor as a build's do, and the deploy goes on."""
    from sitegen import limits

    monkeypatch.setattr(limits, "SITE_BYTES", 1)
    root, _ = repo
    run = cli("deploy", "-s", root)
    assert run.code == 0, run.err
    assert [line for line in run.err.splitlines() if line.startswith("warning: ") and "GitHub" in line]


def test_second_deploy_builds_on_the_first(repo, cli):
    root, bare = repo
    cli("deploy", "-s", root)
    first = git(bare, "rev-parse", "gh-pages")
    write(root, "content/pages/about.md", "---\ntitle: About\n---\nChanged.\n")
    run = cli("deploy", "-s", root, "-m", "Second deploy")
    assert run.code == 0
    assert "uncommitted changes" in run.err
    assert git(bare, "rev-parse", "gh-pages^") == first
    assert git(bare, "log", "-1", "--format=%s", "gh-pages") == "Second deploy"


def test_failed_build_deploys_nothing(repo, cli):
    root, bare = repo
    write(root, "content/articles/bad.md", "---\ntitle: Bad\n---\n")
    run = cli("deploy", "-s", root)
    assert run.code == 1
    assert "missing required key 'date'" in run.err
    assert subprocess.run(["git", "rev-parse", "--verify", "-q", "gh-pages"], cwd=bare).returncode != 0


def test_no_such_remote(repo, cli):
    root, _ = repo
    run = cli("deploy", "-s", root, "--remote", "upstream")
    assert run.code == 1
    assert run.error_lines == ["deploy: no remote named 'upstream' — add one with git remote add upstream URL "
                               "(remotes: origin)"]


def test_not_a_git_repository(site, cli):
    root = site()
    run = cli("deploy", "-s", root)
    assert run.code == 1
    assert "is not in a git repository" in run.err


def test_rejected_push_is_a_clear_error(repo, cli):
    root, bare = repo
    hook = bare / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'deploys are frozen' >&2\nexit 1\n")
    hook.chmod(0o755)
    run = cli("deploy", "-s", root)
    assert run.code == 1
    assert run.error_lines[0].startswith("deploy: the push to origin/gh-pages was rejected — ")


# --- the GitHub Pages workflow ------------------------------------------------

WORKFLOW = REPO / ".github" / "workflows" / "pages.yml"


def test_workflow_passes_actionlint(tmp_path):
    actionlint = installed_tool("actionlint")  # beside the interpreter: the README never activates the venv
    assert actionlint, "actionlint is installed with the test extra"
    result = subprocess.run([actionlint, str(WORKFLOW)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    broken = tmp_path / "broken.yml"  # the linter does catch mistakes
    broken.write_text(WORKFLOW.read_text().replace("runs-on: ubuntu-latest", "runs-on: [", 1))
    assert subprocess.run([actionlint, str(broken)], capture_output=True).returncode != 0


def test_workflow_pins_actions_and_keeps_permissions_narrow():
    flow = yaml.safe_load(WORKFLOW.read_text())
    assert flow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert flow["concurrency"]["group"] == "pages"
    uses = [step["uses"] for job in flow["jobs"].values() for step in job["steps"] if "uses" in step]
    assert {u.split("@")[0] for u in uses} == {"actions/checkout", "actions/setup-python", "actions/configure-pages",
                                               "actions/upload-pages-artifact", "actions/deploy-pages"}
    for use in uses:
        ref = use.split("@")[1]
        assert len(ref) == 40 and all(c in "0123456789abcdef" for c in ref), use
    runs = " ".join(step.get("run", "") for step in flow["jobs"]["build"]["steps"])
    assert "pip install -q -e ." in runs and "sitegen build --base-url" in runs


# --- sub-path correctness -------------------------------------------------------

class PrefixHandler(SimpleHTTPRequestHandler):
    """Serves a folder under /briefing/, as GitHub Pages serves a project site."""

    prefix = "/briefing/"

    def translate_path(self, path):
        path = urlsplit(path).path
        if not path.startswith(self.prefix):
            return "/nonexistent"
        return super().translate_path("/" + path[len(self.prefix):])

    def log_message(self, *args):
        pass


def test_sub_path_site_has_no_broken_link(site, cli):
    root = site()
    assert cli("build", "-s", root, "--base-url", "https://someone.github.io/briefing/").code == 0
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(PrefixHandler, directory=str(root / "public")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    production = "https://someone.github.io"
    try:
        # from the home page, plus the files no page links to (the 404 page, the sitemap)
        starts = ["/briefing/404.html", "/briefing/sitemap.xml", "/briefing/robots.txt", "/briefing/"]
        seen, queue, broken = set(), [origin + path for path in starts], []
        while queue:
            url = queue.pop()
            if url in seen:
                continue
            seen.add(url)
            try:
                with urlopen(url) as response:
                    body, ctype = response.read(), response.headers.get_content_type()
            except HTTPError as exc:
                broken.append((url, exc.code))
                continue
            links = []
            if ctype == "text/html":
                page = soup_bytes(body)
                links = [el.get(attr) for tag, attr in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"))
                         for el in page.find_all(tag) if el.get(attr)]
            elif url.endswith(".xml"):
                tree = ET.fromstring(body)
                links = [el.text for el in tree.iter() if el.tag.endswith("loc") or el.tag.endswith("id")]
                links += [el.get("href") for el in tree.iter() if el.tag.endswith("link")]
            elif url.endswith(".json"):
                feed = json.loads(body)
                links = [feed["home_page_url"], feed["feed_url"]] + [i["url"] for i in feed["items"]]
            for link in links:
                absolute = urljoin(url, link.replace(production, origin)).split("#")[0]
                if absolute.startswith(origin):
                    queue.append(absolute)
        assert broken == []
        assert {origin + "/briefing/feed.xml", origin + "/briefing/feed.json"} <= seen
        assert len(seen) > 20
    finally:
        server.shutdown()


def test_404_page_links_work_under_a_sub_path(site, cli):
    root = site()
    cli("build", "-s", root, "--base-url", "https://someone.github.io/briefing/")
    page = soup(root / "public/404.html")
    hrefs = [a["href"] for a in page.select("main a")]
    assert hrefs == ["/briefing/", "/briefing/topics/", "/briefing/articles/"]
    assert page.find("link", rel="stylesheet")["href"].startswith("/briefing/static/")


def soup_bytes(body):
    from bs4 import BeautifulSoup

    return BeautifulSoup(body, "lxml")


# --- a deploy replaces only a deploy history (issue 19.4) ----------------------

def test_deploy_commits_carry_the_trailer(repo, cli):
    root, bare = repo
    assert cli("deploy", "-s", root, "-m", "Publish the update").code == 0
    assert git(bare, "log", "-1", "--format=%(trailers:key=Deployed-by,valueonly)", "gh-pages").startswith("sitegen ")


def test_deploy_to_a_source_branch_is_refused_and_changes_nothing(repo, cli):
    root, bare = repo
    git(root, "push", "-q", "origin", "main")
    git(root, "checkout", "-q", "-b", "feature")
    before = git(bare, "rev-parse", "main"), git(root, "rev-parse", "main")
    run = cli("deploy", "-s", root, "--branch", "main")
    assert run.code == 1
    sha = before[0]
    assert run.error_lines == [f"deploy: origin/main is not a deploy branch: its commit {sha[:12]} ('site') was not "
                               "made by sitegen deploy — deploy to a branch of its own (the default is gh-pages), "
                               "or pass --force to publish over it (its history is kept below the new commit)"]
    assert (git(bare, "rev-parse", "main"), git(root, "rev-parse", "main")) == before


def test_force_publishes_over_a_foreign_branch_keeping_its_history_and_later_deploys_need_no_force(repo, cli):
    root, bare = repo
    git(root, "push", "-q", "origin", "main")
    git(root, "checkout", "-q", "-b", "feature")
    old = git(bare, "rev-parse", "main")
    assert cli("deploy", "-s", root, "--branch", "main", "--force").code == 0
    assert git(bare, "rev-parse", "main^") == old
    assert git(bare, "log", "-1", "--format=%(trailers:key=Deployed-over,valueonly)", "main") == old
    write(root, "content/pages/about.md", "---\ntitle: About\n---\nChanged.\n")
    assert cli("deploy", "-s", root, "--branch", "main").code == 0  # the history below was accepted once


def test_a_local_source_branch_of_that_name_is_not_moved(repo, cli):
    root, bare = repo
    git(root, "branch", "site")  # a source branch, never pushed
    before = git(root, "rev-parse", "site")
    run = cli("deploy", "-s", root, "--branch", "site")
    assert run.code == 1
    assert run.error_lines[0].startswith(f"deploy: the local branch 'site' is not a deploy branch: its commit "
                                         f"{before[:12]} ('site') was not made by sitegen deploy")
    assert git(root, "rev-parse", "site") == before
    assert subprocess.run(["git", "rev-parse", "--verify", "-q", "site"], cwd=bare).returncode != 0


def commit_to(bare, tmp_path, branch, files, message):
    """Push a commit holding ``files`` to a branch of the bare repository, as another tool would."""
    work = tmp_path / f"other-{branch}"
    git(tmp_path, "clone", "-q", str(bare), str(work))
    git(work, "checkout", "-q", "--orphan", branch)
    git(work, "rm", "-rq", "--ignore-unmatch", ".")
    for name, text in files.items():
        (work / name).write_text(text)
    git(work, "add", "-A")
    git(work, "-c", "user.email=o@example.org", "-c", "user.name=Other", "commit", "-q", "-m", message)
    git(work, "push", "-q", "origin", f"{branch}:{branch}")
    return git(work, "rev-parse", "HEAD")


@pytest.mark.parametrize("files, message, why", [
    ({"index.html": "hi"}, "Deploy by another tool", "was not made by sitegen deploy"),
    ({"sitegen.yaml": "title: T\n", ".nojekyll": ""}, "Sources\n\nDeployed-by: sitegen 0.1.0",
     "holds a site's sources (sitegen.yaml)"),
    ({"notes.txt": "x"}, "Notes\n\nDeployed-by: sitegen 0.1.0", "does not hold a site built by sitegen (no .nojekyll)"),
])
def test_a_branch_of_foreign_commits_is_refused_with_the_reason(repo, cli, tmp_path, files, message, why):
    root, bare = repo
    sha = commit_to(bare, tmp_path, "gh-pages", files, message)
    run = cli("deploy", "-s", root)
    assert run.code == 1
    assert f"its commit {sha[:12]} ('{message.splitlines()[0]}') {why} — " in run.error_lines[0]
    assert git(bare, "rev-parse", "gh-pages") == sha


def test_deploys_made_before_the_trailer_are_recognised(repo, cli, tmp_path):
    root, bare = repo
    sha = commit_to(bare, tmp_path, "gh-pages", {".nojekyll": "", "index.html": "old"}, "Deploy 1a2b3c4 with sitegen 0.1.0")
    assert cli("deploy", "-s", root).code == 0
    assert git(bare, "rev-parse", "gh-pages^") == sha


@pytest.mark.parametrize("cname", ["briefing.example.org\nevil.example.org", "https://briefing.example.org",
                                   "briefing.example.org/path", "briefing example.org", "", "-briefing.example.org",
                                   "briefing..example.org", "localhost", "brïefing.example.org", "a.org\r"])
def test_cname_must_be_a_host_name(repo, cli, cname):
    root, bare = repo
    run = cli("deploy", "-s", root, f"--cname={cname}")
    assert run.code == 1
    assert len(run.error_lines) == 1 and run.error_lines[0].startswith(f"deploy: --cname {cname!r} is not a host name")
    assert subprocess.run(["git", "rev-parse", "--verify", "-q", "gh-pages"], cwd=bare).returncode != 0
