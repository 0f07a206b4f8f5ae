"""Write screenshots of each role's main page, 1280 and 390 px wide, to docs/screenshots/.

Run it from the project's root with `PYTHONPATH=. python scripts/screenshots.py` (or
`make screenshots`, which installs what it needs first). Besides each role's main page it
saves the coordinator's review queue and the review page of a letter in it (one with
findings, when there is one). It loads the demo program into a database of its own (under
build/screenshots/, removed first), serves it with Django's development server on a free
local port, signs in as the demo mentee, mentor and coordinator (with an unused recovery
code as the second step) in Debian's Chromium, and saves each main page at both widths.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
WORK = ROOT / "build" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
PASSWORD = "brevven-demo"
WIDTHS = {"desktop": 1280, "phone": 390}
#: (file name, user name, the page's path: "/" or a path the script finds by following a link)
ROLES = [("mentee", "demo-mentee"), ("mentor", "demo-mentor"), ("coordinator", "demo-coordinator")]


def manage(*args: str, env: dict) -> str:
    """Run a manage.py command in the screenshots' own database and return its output."""
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True,
                            capture_output=True, text=True)
    return result.stdout.strip()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(port: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("The development server did not start.")


def sign_in(page, base: str, username: str, env: dict) -> None:
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state("load")
    if page.locator("#id_token").count():  # a coordinator's second step
        page.fill("#id_token", manage("demo_second_step", env=env))
        page.click("main button[type=submit]")
        page.wait_for_load_state("load")


def save_both_widths(page, name: str) -> None:
    """Save `page` as docs/screenshots/<name>-desktop.png and <name>-phone.png (whole page)."""
    for width_name, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        path = OUT / f"{name}-{width_name}.png"
        page.screenshot(path=str(path), full_page=True)
        print(f"wrote {path.relative_to(ROOT)}")


def main() -> None:
    from playwright.sync_api import sync_playwright

    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    OUT.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "DEBUG": "1", "BREVVEN_VAR_DIR": str(WORK)}
    env.pop("DATABASE_URL", None)  # always the screenshots' own SQLite file, never a real database
    manage("migrate", "--noinput", env=env)
    manage("load_demo", env=env)
    # What the workers would have done by now: the demo's notices (and e-mails, under build/).
    manage("shell", "-c", "from django.utils import timezone; from letters.reminders import sweep; sweep(timezone.now())",
           env=env)
    port = free_port()
    server = subprocess.Popen([sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(port)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"], headless=True)
            for role, username in ROLES:
                context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
                page = context.new_page()
                sign_in(page, base, username, env)
                if role == "coordinator":  # their main page is the program's dashboard
                    page.click("main a.button[href^='/programs/']")
                    page.wait_for_load_state("load")
                save_both_widths(page, role)
                if role == "coordinator":  # and the review queue, then its first letter's review page
                    page.click("#open-review-queue")
                    page.wait_for_load_state("load")
                    save_both_widths(page, "coordinator-review-queue")
                    # A letter with findings shows them highlighted; else the queue's first letter.
                    flagged = page.locator("table.review-queue tr:has(.chip-hold, .chip-urgent) a[href$='/review/']")
                    (flagged if flagged.count() else page.locator("table.review-queue a[href$='/review/']")).first.click()
                    page.wait_for_load_state("load")
                    save_both_widths(page, "coordinator-review")
                context.close()
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
