"""Playwright driving Debian's Chromium against pytest-django's live server, with axe checks.

Never `playwright install`: the tests use /usr/bin/chromium (scripts/system-deps installs
it as root). Without it they skip with the reason, and fail on CI.
"""

import os
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import require

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def browser():
    """Return Chromium driven by Playwright, for one test module.

    Module scope, not session: Playwright's sync API keeps an event loop running in this
    thread, which other modules' own Playwright sessions must not find still running.
    """
    require(Path(CHROMIUM).exists() or shutil.which("chromium") is not None,
            "needs Debian's Chromium at /usr/bin/chromium (run scripts/system-deps as root)")
    # That event loop makes Django refuse ORM calls from the test itself; allow them while
    # the browser runs, and put the environment back afterwards (`check --deploy` refuses it).
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


class PageChecker:
    """Run axe on every page visited and save a phone and a desktop screenshot of it."""

    def __init__(self, prefix: str):
        from axe_playwright_python.sync_playwright import Axe

        self.axe = Axe()
        self.prefix = prefix
        self.count = 0
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def check(self, page, name: str) -> None:
        """Assert axe finds no violation on `page`, and save its screenshots under `name`."""
        page.wait_for_load_state("load")
        results = self.axe.run(page)
        assert results.violations_count == 0, f"{name} ({page.url}):\n{results.generate_report()}"
        self.count += 1
        slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        base = SCREENSHOTS / f"{self.prefix}-{self.count:02d}-{slug}"
        viewport = page.viewport_size
        page.set_viewport_size(PHONE)
        page.screenshot(path=f"{base}-phone.png", full_page=True)
        page.set_viewport_size(DESKTOP)
        page.screenshot(path=f"{base}-desktop.png", full_page=True)
        page.set_viewport_size(viewport)


@pytest.fixture
def new_page(browser, live_server):
    """Return a function that opens a page in a fresh browser context (its own cookies).

    The contexts are closed before the live server stops, so no request thread is left
    holding a connection to the test database.
    """
    contexts = []

    def open_page(**options):
        options.setdefault("locale", "en-GB")
        context = browser.new_context(viewport=PHONE, **options)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()
