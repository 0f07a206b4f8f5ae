"""Script-injection payloads written as letters and readings never run in a real browser.

Each payload goes in through the services (as a person would type it), is approved, and
the pages that show it are loaded in Debian's Chromium. A trap counts any alert, confirm
or prompt and any dialog; the test also collects Content-Security-Policy violations.
Add a page to `PAGES` when a branch adds one that shows letters (the thread page).
"""

import os
import shutil
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from letters import services as letter_services
from programs.models import User
from readings import services as reading_services
from tests import factories
from tests.conftest import require

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]

#: Classic payloads; each is wrapped in readable text that must still show after sanitising.
PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<a href=\"javascript:alert(1)\">click me</a>",
    "<svg onload=alert(1)></svg>",
    "<svg><script>alert(1)</script></svg>",
    "<div style=\"background:url(javascript:alert(1))\">styled</div>",
    "<p style=\"width: expression(alert(1))\">old IE</p>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "<scr<script>ipt>alert(1)</script>",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<body onload=alert(1)>",
    "<b onmouseover=alert(1)>hover</b>",
    "\"><script>alert(1)</script>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<a href=\"&#106;avascript:alert(1)\">encoded</a>",
]

TRAP = """
window.__xss = 0;
window.__csp = [];
for (const name of ["alert", "confirm", "prompt"]) { window[name] = () => { window.__xss += 1; }; }
document.addEventListener("securitypolicyviolation", (event) => { window.__csp.push(event.violatedDirective); });
"""


def _letter_body(number: int, payload: str) -> str:
    return f"<p>Readable {number} before</p>{payload}<p>Readable {number} after</p>"


@pytest.fixture
def injected(transactional_db):
    """A pair whose letters, partner pseudonym and reading carry every payload; return the people and letters."""
    program = factories.make_program(max_letter_chars=6000)
    coordinator = factories.make_coordinator(program)
    pair = factories.make_pair(program, coordinator)
    letters = []
    for number, payload in enumerate(PAYLOADS):
        letter = letter_services.save_draft(pair.mentor.user, pair=pair, body=_letter_body(number, payload))
        letter_services.submit_letter(pair.mentor.user, letter=letter)
        letters.append(letter_services.approve_letter(coordinator, letter=letter))
    reading = reading_services.create_reading(
        coordinator, program=program, title="A reading <script>alert(1)</script>",
        body="".join(_letter_body(n, p) for n, p in enumerate(PAYLOADS)),
    )
    reading_services.schedule_assignment(coordinator, program=program, reading=reading, opens_at=timezone.now(),
                                         due_at=timezone.now() + timedelta(days=7))
    operator = User.objects.create_superuser("xss-operator", password="pw")
    return {"pair": pair, "letters": letters, "reading": reading, "operator": operator}


def pages(data) -> list[tuple[str, str, list[str]]]:
    """Return (who signs in, URL, texts that must be readable) for each page that shows the payloads."""
    letter_pages = [
        ("operator", f"/admin/letters/letter/{letter.pk}/change/", [f"Readable {n} before", f"Readable {n} after"])
        for n, letter in enumerate(data["letters"])
    ]
    return [
        ("anonymous", "/login/", []),
        ("mentee", "/", []),
        *letter_pages,
        ("operator", f"/admin/readings/reading/{data['reading'].pk}/change/", ["Readable 0 before"]),
        ("operator", "/admin/letters/letter/", []),
    ]


def session_cookie(user) -> str:
    """Return a signed-in session id for `user`.

    The connection this opens, inside Playwright's event loop, used to stay open after the
    test and kept PostgreSQL from dropping the test database at the end of the run (a
    teardown warning). Closing it after each use costs a reconnect and keeps teardown clean.
    """
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"].value
    connection.close()
    return cookie


@pytest.fixture
def browser():
    require(os.path.exists(CHROMIUM) or shutil.which("chromium") is not None, "needs Debian's chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the live server's data is set up already.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


def open_page(browser, live_server, user, url):
    context = browser.new_context()
    if user is not None:
        context.add_cookies([{"name": "sessionid", "value": session_cookie(user), "url": live_server.url}])
    context.add_init_script(TRAP)
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    response = page.goto(live_server.url + url)
    page.wait_for_load_state("load")
    return context, page, response, dialogs


def test_injected_scripts_never_run_and_the_text_stays_readable(browser, live_server, injected):
    people = {"anonymous": None, "mentee": injected["pair"].mentee.user, "operator": injected["operator"]}
    for who, url, readable in pages(injected):
        context, page, response, dialogs = open_page(browser, live_server, people[who], url)
        try:
            assert response.status == 200, url
            # Hovering and clicking the links the payloads left gives a handler every chance to fire.
            for link in page.locator("main a, #content a").all()[:40]:
                if (link.get_attribute("href") or "").startswith("javascript"):
                    pytest.fail(f"a javascript: link survived on {url}")
            page.mouse.move(5, 5)
            assert page.evaluate("window.__xss") == 0, url
            assert dialogs == [], url
            text = page.inner_text("body")
            for expected in readable:
                assert expected in text, (url, expected)
            assert page.evaluate("window.__csp") == [], url
        finally:
            context.close()


def test_admin_and_api_docs_work_under_the_content_security_policy(browser, live_server, injected):
    operator = injected["operator"]
    context, page, response, _dialogs = open_page(browser, live_server, operator, "/admin/letters/letter/")
    try:
        assert response.status == 200
        assert "script-src 'self'" in response.headers["content-security-policy"]
        page.locator("#changelist").wait_for()
        assert page.evaluate("window.__csp") == []
        page.goto(live_server.url + "/api/docs/")
        page.locator(".swagger-ui .information-container").wait_for(timeout=20000)
        assert "Brevven API" in page.inner_text("body")
        assert page.evaluate("window.__csp") == []
    finally:
        context.close()
