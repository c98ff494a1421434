"""The briefing as readers get it, in a real browser: accessible, narrow-screen safe,
searchable, with previews, dark mode and print styles."""

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.browser

PAGES = ["/", "/topics/", "/articles/2025-02-22-thejournal-trump-putin-meeting/", "/actors/", "/timeline/",
         "/search/"] + [f"/topics/{p.stem}/" for p in sorted((REPO / "content/topics").glob("*.md"))]


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def briefing(tmp_path_factory):
    """The repository's briefing, built with its search index and served over HTTP."""
    from sitegen.build import build

    out = tmp_path_factory.mktemp("reader") / "public"
    build(REPO, output=out)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(out)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def axe_source() -> str:
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_accessibility_violations(briefing, browser, scheme):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    source = axe_source()
    failures = {}
    for path in PAGES:
        page.goto(briefing + path)
        page.wait_for_load_state("networkidle")
        page.add_script_tag(content=source)
        result = page.evaluate("""() => axe.run(document, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})""")
        violations = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
        if violations:
            failures[path] = violations
    context.close()
    assert failures == {}


@pytest.mark.parametrize("path", PAGES)
def test_no_sideways_scrolling_on_a_360px_phone(briefing, browser, path):
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    page.goto(briefing + path)
    page.wait_for_load_state("networkidle")
    widths = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    context.close()
    assert widths[0] <= widths[1], f"{path}: content is {widths[0]}px wide on a {widths[1]}px screen"


def test_search_finds_a_seed_article_and_filters_by_outlet(briefing, page):
    page.goto(briefing + "/search/?q=Ryabkov")
    result = page.wait_for_selector(".pagefind-ui__result-link", timeout=30_000)
    titles = page.eval_on_selector_all(".pagefind-ui__result-link", "els => els.map(e => e.textContent)")
    assert any("Preparations" in t for t in titles)
    assert result.get_attribute("href").startswith("/articles/")
    # the filters arrive after the first results, one group at a time: wait for all four
    # (section, outlet, topic, actor), then name them
    page.wait_for_function("document.querySelectorAll('.pagefind-ui__filter-name').length >= 4", timeout=30_000)
    filters = page.eval_on_selector_all(".pagefind-ui__filter-name", "els => els.map(e => e.textContent.trim())")
    assert {"outlet", "actor", "topic"} <= {f.lower() for f in filters}


def test_header_search_box_leads_to_results(briefing, page):
    page.goto(briefing + "/topics/")
    page.fill("#sg-q", "Nebenzia")
    page.press("#sg-q", "Enter")
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15_000)
    assert "q=Nebenzia" in page.url


def test_in_context_link_shows_the_paragraph_on_hover_and_focus(briefing, page):
    page.goto(briefing + "/topics/un-resolutions/")
    link = page.locator("#nebenzia a.in-context")
    link.hover()
    tip = page.wait_for_selector("#sg-preview", timeout=5_000)
    assert "It’s a good move." in tip.text_content()
    page.keyboard.press("Escape")
    assert page.query_selector("#sg-preview") is None
    link.focus()
    assert "good move" in page.wait_for_selector("#sg-preview").text_content()


def test_cited_in_link_previews_the_excerpt(briefing, page):
    page.goto(briefing + "/articles/2025-02-22-thejournal-trump-putin-meeting/")
    page.locator(".cited-in a").first.hover()
    tip = page.wait_for_selector("#sg-preview", timeout=5_000)
    assert len(tip.text_content()) > 20


def test_links_work_without_javascript(briefing, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(briefing + "/topics/un-resolutions/")
    page.click("#nebenzia a.in-context")
    page.wait_for_url("**/articles/2025-02-22-thejournal-trump-putin-meeting/#p-*")
    target = page.evaluate("() => location.hash.slice(1)")
    assert "good move" in page.text_content(f"[id='{target}']")
    context.close()


def test_dark_mode_follows_the_system_setting(briefing, browser):
    colours = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        page.goto(briefing + "/")
        colours[scheme] = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
        context.close()
    assert colours["light"] != colours["dark"]


def test_print_shows_a_clean_briefing(briefing, page):
    page.goto(briefing + "/topics/un-resolutions/")
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => ['.site-header nav', '.search', '.site-footer', '.pilcrow']
        .map(s => document.querySelector(s)).filter(Boolean)
        .map(e => getComputedStyle(e).display)""")
    assert hidden and set(hidden) == {"none"}
    after = page.evaluate("""() => getComputedStyle(document.querySelector('#nebenzia a.in-context'), '::after').content""")
    assert "/articles/" in after  # link targets are written out
    caption = page.text_content("#nebenzia figcaption")
    assert "TheJournal.ie" in caption and "22 February 2025" in caption


def test_keyboard_users_get_a_skip_link_and_visible_focus(briefing, page):
    page.goto(briefing + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => [document.activeElement.textContent, getComputedStyle(document.activeElement).left]")
    assert focused[0] == "Skip to content" and focused[1] != "-999px"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "sg-main"
    page.keyboard.press("Tab")
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


def test_home_page_is_light(briefing, page):
    sizes = []
    page.on("response", lambda r: sizes.append((r.url, len(r.body()) if r.ok else 0)))
    page.goto(briefing + "/")
    page.wait_for_load_state("networkidle")
    assert all(url.startswith(briefing) for url, _ in sizes), "no third-party requests"
    total = sum(size for url, size in sizes if "/pagefind/" not in url)
    assert total < 100_000, total
