"""Screenshots of the briefing for the README: home, a topic and an article, desktop and phone.

Builds the site into a temporary folder, serves it on loopback and photographs it with
Debian's Chromium through Playwright. Regenerate with:

    python scripts/screenshots.py
"""

from __future__ import annotations

import functools
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import sync_playwright

from sitegen.build import build

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "docs" / "screenshots"
PAGES = {"home": "/", "topic": "/topics/un-resolutions/",
         "article": "/articles/2025-02-22-thejournal-trump-putin-meeting/"}
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "public"
        build(REPO, site)
        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                                 args=["--no-sandbox", "--disable-gpu"])
            for size, viewport in SIZES.items():
                context = browser.new_context(viewport=viewport, device_scale_factor=1,
                                              is_mobile=size == "phone", color_scheme="light")
                page = context.new_page()
                for name, path in PAGES.items():
                    page.goto(base + path)
                    page.wait_for_load_state("networkidle")
                    target = OUT / f"{name}-{size}.png"
                    page.screenshot(path=str(target))
                    print(target.relative_to(REPO))
                context.close()
            browser.close()
        server.shutdown()


if __name__ == "__main__":
    main()
