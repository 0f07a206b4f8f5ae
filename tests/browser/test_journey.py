"""The whole journey in a real browser, in English and in Danish, with axe on every page.

A coordinator adds and schedules a reading; the mentee writes, reloads mid-sentence and
finds the draft, sends; the coordinator delivers; the mentor reads and replies; the
coordinator returns the mentee's next letter with a note; the mentee revises and resends.
Selectors use ids, names and URLs, so the same walk works in every language; the texts
we look for are the translations of the strings the pages use.
"""

import time
from datetime import timedelta

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext

from letters.models import Letter, LetterStatus
from programs import services as program_services
from programs.models import Membership, Program, User
from tests.browser.conftest import PageChecker

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-browser-test-password"


def make_people(language: str):
    today = timezone.localdate()
    program = Program.objects.create(
        name=f"Reading Club {language}", slug=f"club-{language}", language=language, time_zone="Europe/Copenhagen",
        starts_on=today - timedelta(days=10), ends_on=today + timedelta(days=100), min_letter_chars=20,
    )
    def user(name):
        return User.objects.create_user(username=f"{name}-{language}", password=PASSWORD)
    coordinator = user("coordinator")
    Membership.objects.create(user=coordinator, program=program, role="coordinator", pseudonym="Coordinator Ada")
    mentor = program_services.add_member(coordinator, program=program, user=user("mentor"), role="mentor",
                                         pseudonym="Captain Oak")
    mentee = program_services.add_member(coordinator, program=program, user=user("mentee"), role="mentee",
                                         pseudonym="Star Fox")
    pair = program_services.create_pair(coordinator, program=program, mentor=mentor, mentee=mentee)
    return program, pair


def sign_in(new_page, live_server, username):
    page = new_page()
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    return page


def status_once_shown(letter, timeout: float = 10.0) -> str:
    """Return `letter`'s status once the page's mark-read post has arrived (or the timeout passed)."""
    deadline = time.monotonic() + timeout
    letter.refresh_from_db()
    while letter.status != LetterStatus.READ and time.monotonic() < deadline:
        time.sleep(0.1)
        letter.refresh_from_db()
    return letter.status


def text(language, message):
    with translation.override(language):
        return gettext(message)


@pytest.mark.parametrize("language", ["en", "da"])
def test_the_whole_journey(new_page, live_server, language):
    from playwright.sync_api import expect

    program, pair = make_people(language)
    check = PageChecker(prefix=language)
    base = live_server.url

    # The coordinator adds a reading and schedules it.
    coordinator = sign_in(new_page, live_server, f"coordinator-{language}")
    check.check(coordinator, "coordinator home")
    coordinator.goto(f"{base}/programs/{program.pk}/")
    check.check(coordinator, "dashboard")
    coordinator.goto(f"{base}/programs/{program.pk}/readings/new/")
    check.check(coordinator, "new reading")
    coordinator.fill("#id_title", "The lighthouse cat")
    coordinator.fill("#id_body", "Every evening the cat climbed the hundred steps.\n\nOne night she saved a boat.")
    coordinator.click("main form button[type=submit]")
    expect(coordinator.locator(".messages")).to_contain_text(text(language, "The reading is saved."))
    check.check(coordinator, "readings")
    coordinator.goto(f"{base}/programs/{program.pk}/calendar/")
    now = timezone.localtime(timezone.now(), timezone=program_zone(program))
    coordinator.select_option("#id_reading", label="The lighthouse cat")
    coordinator.fill("#id_prompt", "What would you have done?")
    coordinator.fill("#id_opens_at", (now - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"))
    coordinator.fill("#id_due_at", (now + timedelta(days=6)).strftime("%Y-%m-%dT%H:%M"))
    coordinator.click("main form button[type=submit]")
    expect(coordinator.locator(".messages")).to_contain_text(text(language, "The reading is scheduled."))
    check.check(coordinator, "calendar")
    assert program.assignments.count() == 1

    # The mentee reads, writes, is interrupted, finds the draft and sends it.
    mentee = sign_in(new_page, live_server, f"mentee-{language}")
    expect(mentee.locator("main")).to_contain_text("The lighthouse cat")
    check.check(mentee, "mentee home")
    mentee.click("main a[href^='/readings/']")
    check.check(mentee, "reading")
    mentee.click("main form[action$='/write/'] button")
    mentee.wait_for_url("**/letters/*/edit/")
    textarea = mentee.locator("textarea[name=body]")
    textarea.fill("Dear Captain Oak, I think the cat knew about the boat.")
    expect(mentee.locator("#save-status")).to_contain_text(text(language, "Saved at %(time)s").split("%")[0].strip())
    textarea.press("End")
    textarea.type(" She is brave. Add me on snap, I am starfox_22.")
    mentee.reload()  # before the autosave: the device's copy must come back
    expect(mentee.locator("textarea[name=body]")).to_have_value(
        "Dear Captain Oak, I think the cat knew about the boat. She is brave. Add me on snap, I am starfox_22."
    )
    expect(mentee.locator("#save-status")).to_contain_text(text(language, "We brought back the text you wrote on this device."))
    check.check(mentee, "editor")
    mentee.click("button[name=action][value=send]")
    mentee.wait_for_url("**/letters/")
    expect(mentee.locator("main")).to_contain_text(text(language, "With your coordinator"))
    check.check(mentee, "my letters")
    first = Letter.objects.get(pair=pair, author=pair.mentee)
    assert first.status == LetterStatus.IN_REVIEW and first.body_text.endswith("starfox_22.")
    assert first.findings.filter(kind="contact.social").exists()

    # The coordinator goes from the dashboard's "letters waiting for review" to the queue,
    # where the row names the reading, shows the first line and the finding's badge.
    coordinator.goto(f"{base}/coordinate/pairs/{pair.pk}/")
    check.check(coordinator, "pair page")
    coordinator.goto(f"{base}/programs/{program.pk}/")
    coordinator.click("#open-review-queue")
    coordinator.wait_for_url(f"**/programs/{program.pk}/review/")
    row = coordinator.locator("table.review-queue tbody tr").first
    expect(row).to_contain_text(text(language, "About “%(title)s”") % {"title": "The lighthouse cat"})
    expect(row.locator(".excerpt")).to_contain_text("Dear Captain Oak")
    expect(row.locator(".chip").first).to_be_visible()
    expect(row.locator("img.avatar")).to_have_count(1)
    expect(coordinator.locator(".program-menu a[aria-current=page]")).to_have_text(text(language, "Review queue"))
    assert coordinator.evaluate("document.documentElement.scrollWidth") <= 390  # the phone needs no sideways scroll
    check.check(coordinator, "review queue")
    coordinator.click(f"main a[href='/letters/{first.pk}/review/']")
    coordinator.wait_for_url(f"**/letters/{first.pk}/review/")
    expect(coordinator.locator("#letter-text mark")).to_contain_text("starfox_22")
    # One decision area: nothing is open until a decision is chosen; the keyboard chooses one
    # ("P": remove parts), opens its fields and moves the cursor there. The found span starts ticked.
    expect(coordinator.locator("#fields-redact")).to_be_hidden()
    check.check(coordinator, "review page")
    coordinator.locator("h1").click()
    coordinator.keyboard.press("p")
    expect(coordinator.locator("#decide-redact")).to_be_checked()
    expect(coordinator.locator("#fields-redact")).to_be_visible()
    expect(coordinator.locator("#fields-withhold")).to_be_hidden()
    expect(coordinator.locator("#decide-button")).to_have_text(text(language, "Remove these parts and deliver"))
    assert coordinator.evaluate("document.activeElement.closest('#fields-redact') !== null")
    coordinator.keyboard.press("w")  # typing in a field: a letter is just a letter
    expect(coordinator.locator("#decide-redact")).to_be_checked()
    expect(coordinator.locator("#id_extra_spans")).to_have_value("w")
    coordinator.fill("#id_extra_spans", "")
    check.check(coordinator, "review page, removing parts")
    coordinator.fill("#id_redaction_note", "We keep contact details out of letters, to keep you safe.")
    coordinator.click("#decide-button")
    expect(coordinator.locator(".messages")).to_contain_text(
        text(language, "The letter was delivered with the chosen parts removed; its author is told what and why.")
    )
    first.refresh_from_db()
    assert first.status == LetterStatus.DELIVERED and first.redactions.exists()

    # The mentor reads it and replies.
    mentor = sign_in(new_page, live_server, f"mentor-{language}")
    check.check(mentor, "mentor home")
    mentor.click(f"main form[action='/pairs/{pair.pk}/write/'] input[name=in_reply_to] >> xpath=.. >> button")
    mentor.wait_for_url("**/letters/*/edit/")
    mentor.fill("textarea[name=body]", "Dear Star Fox, I agree: she is very brave. What is your favourite animal?")
    check.check(mentor, "reply editor")
    mentor.click("button[name=action][value=send]")
    mentor.wait_for_url("**/letters/")
    mentor.goto(f"{base}/pairs/{pair.pk}/")
    check.check(mentor, "mentor thread")
    expect(mentor.locator("main")).to_contain_text(text(language, "[removed by your coordinator]"))
    expect(mentor.locator("main")).not_to_contain_text("starfox_22")
    assert status_once_shown(first) == LetterStatus.READ  # posted by mark-read.js once the page was shown
    reply = Letter.objects.get(pair=pair, author=pair.mentor)
    coordinator.goto(f"{base}/coordinate/pairs/{pair.pk}/")
    coordinator.click(f"form[action$='/letters/{reply.pk}/decide/'] button[value=approve]")

    # The mentee reads the reply and writes again; the coordinator returns it with a note.
    mentee.goto(f"{base}/letters/{reply.pk}/")
    expect(mentee.locator("main")).to_contain_text("favourite animal")
    check.check(mentee, "reply for the mentee")
    assert status_once_shown(reply) == LetterStatus.READ
    mentee.goto(f"{base}/pairs/{pair.pk}/")
    expect(mentee.locator("main")).to_contain_text("favourite animal")
    check.check(mentee, "mentee thread")
    mentee.click(f"main form[action='/pairs/{pair.pk}/write/'] button")
    mentee.fill("textarea[name=body]", "My favourite animal is the owl.")
    mentee.click("button[name=action][value=send]")
    mentee.wait_for_url("**/letters/")
    second = Letter.objects.filter(pair=pair, author=pair.mentee).latest("pk")
    coordinator.goto(f"{base}/coordinate/pairs/{pair.pk}/")
    coordinator.fill(f"#note-{second.pk}", "Tell Captain Oak why you like owls.")
    coordinator.click(f"form[action$='/letters/{second.pk}/decide/'] button[value=return]")
    expect(coordinator.locator(".messages")).to_contain_text(text(language, "The letter is returned to its author with your note."))
    check.check(coordinator, "pair page after return")

    mentee.goto(f"{base}/letters/")
    expect(mentee.locator("main")).to_contain_text("Tell Captain Oak why you like owls.")
    check.check(mentee, "my letters returned")
    mentee.click(f"main a[href='/letters/{second.pk}/']")
    mentee.wait_for_url(f"**/letters/{second.pk}/edit/")
    expect(mentee.locator(".note-box")).to_contain_text("Tell Captain Oak why you like owls.")
    check.check(mentee, "revise")
    mentee.fill("textarea[name=body]", "My favourite animal is the owl, because it sees in the dark.")
    mentee.click("button[name=action][value=send]")
    mentee.wait_for_url("**/letters/")
    second.refresh_from_db()
    assert second.status == LetterStatus.IN_REVIEW and "sees in the dark" in second.body_text

    mentee.goto(f"{base}/profile/")
    check.check(mentee, "profile")
    coordinator.goto(f"{base}/programs/{program.pk}/people/")
    check.check(coordinator, "people")
    coordinator.goto(f"{base}/programs/{program.pk}/pairs/")
    check.check(coordinator, "pairs")
    reading = program.readings.get()
    coordinator.goto(f"{base}/programs/{program.pk}/readings/{reading.pk}/")
    check.check(coordinator, "edit reading")
    coordinator.goto(f"{base}/programs/{program.pk}/")
    check.check(coordinator, "dashboard after")


def program_zone(program):
    import zoneinfo

    return zoneinfo.ZoneInfo(program.time_zone)


def test_login_page_is_accessible(new_page, live_server):
    page = new_page()
    page.goto(f"{live_server.url}/login/")
    PageChecker(prefix="anon").check(page, "login")
