"""An editor's loop in a real browser: edit, see it; break it, see why; fix it, see the page."""

import io

import pytest

from sitegen.serve import Server

pytestmark = pytest.mark.browser


@pytest.fixture
def server(site):
    server = Server(site(), port=0, out=io.StringIO())
    server.start()
    yield server
    server.stop()


def test_edit_shows_without_a_manual_reload(server, page):
    page.goto(server.url + "about/")
    page.wait_for_selector("text=This fixture is built by the tests.")
    source = server.root / "content/pages/about.md"
    source.write_text(source.read_text().replace("This fixture is built by the tests.", "Freshly edited words."))
    page.wait_for_selector("text=Freshly edited words.", timeout=10_000)


def test_broken_front_matter_shows_an_overlay_naming_the_file_then_fixing_it_reloads(server, page):
    page.goto(server.url + "about/")
    page.wait_for_selector("text=This fixture is built by the tests.")
    source = server.root / "content/pages/about.md"
    good = source.read_text()
    source.write_text("---\ntitle: [unclosed\n---\nBroken page.\n")
    overlay = page.wait_for_selector("#sitegen-error-overlay", timeout=10_000)
    assert "content/pages/about.md:2: invalid YAML" in overlay.text_content()
    # the last good page is still what is shown under the overlay
    assert "This fixture is built by the tests." in page.text_content("main")
    source.write_text(good.replace("This fixture is built by the tests.", "Fixed and back."))
    page.wait_for_selector("text=Fixed and back.", timeout=10_000)
    assert page.query_selector("#sitegen-error-overlay") is None


def test_seven_tabs_all_reload(server, browser):
    # Browsers allow six connections per host: the shared event stream keeps the seventh tab live.
    context = browser.new_context()
    pages = [context.new_page() for _ in range(7)]
    for tab in pages:
        tab.goto(server.url + "about/")
        tab.wait_for_selector("text=This fixture is built by the tests.")
    source = server.root / "content/pages/about.md"
    source.write_text(source.read_text().replace("This fixture is built by the tests.", "Seen by every tab."))
    for tab in pages:
        tab.wait_for_selector("text=Seen by every tab.", timeout=10_000)
    context.close()
