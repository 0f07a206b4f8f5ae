"""Goals and the letter passport in a real browser, on a phone and a laptop, with axe on every page.

A mentee sets a goal and shares it with their mentor; the mentor sees it beside the letter
editor while replying; the mentee's first letter, sent on time, gives an on-time stamp
exactly once although the award job runs twice; the coordinator sees counts, not words,
and the stamps setting.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from goals.models import Stamp, StampKind
from goals.rewards import award_stamps
from letters import services as letter_services
from letters.models import Letter
from programs import services as program_services
from programs.models import Membership, Program, User
from readings import services as reading_services
from tests.browser.conftest import DESKTOP, PageChecker
from tests.browser.test_journey import PASSWORD, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GOAL = "Read a whole book in French"
PRIVATE_GOAL = "Ask a question in class"
STEP = "Borrow a book from the library"


def make_program():
    today = timezone.localdate()
    program = Program.objects.create(
        name="Goal Club", slug="goal-club", language="en", time_zone="Europe/Copenhagen",
        starts_on=today - timedelta(days=10), ends_on=today + timedelta(days=100), min_letter_chars=20,
    )
    coordinator = User.objects.create_user(username="goal-coordinator", password=PASSWORD)
    Membership.objects.create(user=coordinator, program=program, role="coordinator", pseudonym="Coordinator Ada")

    def member(username, role, pseudonym):
        user = User.objects.create_user(username=username, password=PASSWORD)
        return program_services.add_member(coordinator, program=program, user=user, role=role, pseudonym=pseudonym)

    pair = program_services.create_pair(coordinator, program=program, mentor=member("goal-mentor", "mentor", "Captain Oak"),
                                        mentee=member("goal-mentee", "mentee", "Star Fox"))
    reading = reading_services.create_reading(coordinator, program=program, title="The lighthouse cat",
                                              body="The cat climbed the steps.")
    now = timezone.now()
    reading_services.schedule_assignment(coordinator, program=program, reading=reading,
                                         opens_at=now - timedelta(days=1), due_at=now + timedelta(days=5))
    return program, pair, coordinator


def check_both_widths(check: PageChecker, page, name: str) -> None:
    """Axe at the phone's 390 px (PageChecker) and again at laptop width."""
    check.check(page, f"{name} phone")
    phone = page.viewport_size
    page.set_viewport_size(DESKTOP)
    check.check(page, f"{name} desktop")
    page.set_viewport_size(phone)


def test_a_shared_goal_beside_the_reply_and_one_stamp_for_the_first_letter_on_time(new_page, live_server):
    from playwright.sync_api import expect

    program, pair, coordinator = make_program()
    base = live_server.url
    check = PageChecker(prefix="goals")

    # The mentee sets a goal, shares it with the mentor, and keeps a second one private.
    fox = sign_in(new_page, live_server, "goal-mentee")
    fox.goto(f"{base}/goals/")
    check_both_widths(check, fox, "goals empty")
    fox.fill("#id_text", GOAL)
    fox.fill("#id_steps", STEP)
    fox.check("#id_shared_with_mentor")
    fox.click("main form.stack button[type=submit]")
    expect(fox.locator(".messages")).to_contain_text("Your goal is saved.")
    fox.fill("#id_text", "Text me on 0712 345 6789")
    fox.click("main form.stack[aria-labelledby^='new-goal'] button[type=submit]")
    expect(fox.locator("main")).to_contain_text("contact details")
    expect(fox.locator("#id_text")).to_have_value("Text me on 0712 345 6789")  # the typed text is kept
    fox.fill("#id_text", PRIVATE_GOAL)
    fox.click("main form.stack[aria-labelledby^='new-goal'] button[type=submit]")
    expect(fox.locator("main")).to_contain_text("Only you see this goal.")
    check_both_widths(check, fox, "goals")

    # The mentee writes their first letter, on time; the coordinator delivers it.
    fox.goto(f"{base}/")
    fox.click("main form[action$='/write/'] button")
    fox.fill("textarea[name=body]", "Dear Captain Oak, the cat in the story was very brave and clever.")
    fox.click("button[value=send]")
    expect(fox.locator(".messages")).to_contain_text("Sent.")
    letter = Letter.objects.get(author=pair.mentee)
    letter_services.approve_letter(coordinator, letter=letter)

    # The award job runs twice: one on-time stamp, and nothing more the second time.
    first = award_stamps()
    assert first["stamps"] >= 1
    assert award_stamps()["stamps"] == 0
    on_time = Stamp.objects.filter(membership=pair.mentee, kind=StampKind.ON_TIME)
    assert on_time.count() == 1 and on_time.get().source == f"assignment:{letter.assignment_id}"

    # The mentor replies and sees the shared goal beside the editor, never the private one.
    oak = sign_in(new_page, live_server, "goal-mentor")
    oak.click("main li.owed form button")
    shared = oak.locator(".shared-goals")
    expect(shared).to_contain_text(GOAL)
    expect(shared).to_contain_text(STEP)
    expect(oak.locator("main")).not_to_contain_text(PRIVATE_GOAL)
    check_both_widths(check, oak, "mentor reply editor")

    # The mentee sees the stamp on the home page and in the passport, and shows it to the mentor.
    fox.goto(f"{base}/")
    expect(fox.locator(".home-goals")).to_contain_text("Steps done: 0 of 1.")
    expect(fox.locator(".newest-stamp")).to_be_visible()
    check_both_widths(check, fox, "mentee home")
    fox.goto(f"{base}/passport/")
    expect(fox.locator("main .stamps").first).to_contain_text("On time")
    fox.check("#id_shown_to_partner")
    fox.click("main form.stack button[type=submit]")
    expect(fox.locator(".messages")).to_contain_text("Your choice is saved.")
    check_both_widths(check, fox, "passport")
    oak.goto(f"{base}/passport/")
    expect(oak.locator("main")).to_contain_text("Star Fox's stamps")
    check_both_widths(check, oak, "mentor passport view")

    # The coordinator sees counts, not words, and the stamps setting.
    ada = sign_in(new_page, live_server, "goal-coordinator")
    ada.goto(f"{base}/programs/{program.pk}/goals/")
    expect(ada.locator("main table")).to_contain_text("Star Fox")
    expect(ada.locator("main")).not_to_contain_text(GOAL)
    check_both_widths(check, ada, "coordinator goals")
    ada.goto(f"{base}/programs/{program.pk}/settings/")
    expect(ada.locator("#rewards-enabled")).to_be_checked()
    check_both_widths(check, ada, "settings with stamps")
