"""Members' pages in a real browser, in English and Danish, on a phone and a laptop, with axe.

A mentee sees when the letter is due in words and in their language's dates; a mentor sees
the letter they owe a reply to by its reading and first line (a removed part hidden) with
the mentee's picture; the menu counts unread notices; a mentee whose pair is paused is told
kindly and asked for nothing.
"""

import zoneinfo
from datetime import timedelta

import pytest
from django.utils import timezone, translation

from frontend.templatetags.brevven import due_phrase
from letters import reminders
from letters import services as letter_services
from programs import services as program_services
from programs.models import Membership, Program, User
from readings import services as reading_services
from tests.browser.conftest import DESKTOP, PageChecker
from tests.browser.test_journey import PASSWORD, sign_in, text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def make_program(language: str):
    """Return (program, active pair, paused pair, assignment) with a delivered, partly removed letter."""
    today = timezone.localdate()
    program = Program.objects.create(
        name=f"Members {language}", slug=f"members-{language}", language=language, time_zone="Europe/Copenhagen",
        starts_on=today - timedelta(days=10), ends_on=today + timedelta(days=100), min_letter_chars=5,
        max_active_pairs_per_person=2,
    )

    def member(name, role, avatar=""):
        user = User.objects.create_user(username=f"{name}-{language}", password=PASSWORD)
        return program_services.add_member(coordinator, program=program, user=user, role=role,
                                           pseudonym=name.replace("-", " ").title())

    coordinator = User.objects.create_user(username=f"coord-{language}", password=PASSWORD)
    Membership.objects.create(user=coordinator, program=program, role="coordinator", pseudonym="Coordinator Ada")
    mentor = member("captain-oak", "mentor")
    fox, moss = member("star-fox", "mentee"), member("moss", "mentee")
    Membership.objects.filter(pk=fox.pk).update(avatar="fox")
    active = program_services.create_pair(coordinator, program=program, mentor=mentor, mentee=fox)
    paused = program_services.create_pair(coordinator, program=program, mentor=mentor, mentee=moss)
    reading = reading_services.create_reading(coordinator, program=program, title="The bridge builders",
                                              body="Two villages.")
    now = timezone.now()
    earlier = reading_services.create_reading(coordinator, program=program, title="The lighthouse cat",
                                              body="The cat climbed the steps.")
    written = reading_services.schedule_assignment(coordinator, program=program, reading=earlier,
                                                   opens_at=now - timedelta(days=20), due_at=now - timedelta(days=2))
    assignment = reading_services.schedule_assignment(coordinator, program=program, reading=reading,
                                                      opens_at=now - timedelta(days=1), due_at=now + timedelta(days=9))
    letter = letter_services.save_draft(fox.user, pair=active, body="Call me on 12345678 after school!",
                                        assignment=written)
    letter = letter_services.submit_letter(fox.user, letter=letter)
    letter_services.approve_letter(coordinator, letter=letter, redactions=[(11, 19)], findings_seen=True)
    program_services.pause_pair(coordinator, pair=paused, reason="Holiday")
    reminders.sweep(timezone.now())  # the delivered letter's notice for the mentor
    return program, assignment


def check_both_widths(check: PageChecker, page, name: str) -> None:
    """Axe on the phone (PageChecker) and again at laptop width."""
    check.check(page, f"{name} phone")
    phone = page.viewport_size
    page.set_viewport_size(DESKTOP)
    check.check(page, f"{name} desktop")
    page.set_viewport_size(phone)


@pytest.mark.parametrize("language", ["en", "da"])
def test_members_see_time_letters_notices_and_a_paused_pair(new_page, live_server, language):
    from playwright.sync_api import expect

    program, assignment = make_program(language)
    check = PageChecker(prefix=f"members-{language}")
    with translation.override(language), timezone.override(zoneinfo.ZoneInfo(program.time_zone)):
        due = due_phrase(assignment.due_at)
    assert due  # e.g. "is due in 9 days (Friday 11 December, 17:00)" / "skal sendes om 9 dage (…)"

    fox = sign_in(new_page, live_server, f"star-fox-{language}")
    main = fox.locator("main")
    expect(main).to_contain_text(due)
    check_both_widths(check, fox, "mentee home")
    fox.goto(f"{live_server.url}/letters/")
    expect(fox.locator(".excerpt").first).to_contain_text("Call me on 12345678 after school!")  # the author's own text
    expect(fox.locator(".letter-list .card").first.locator("img.avatar")).to_have_count(1)  # the partner's picture
    check_both_widths(check, fox, "my letters")

    moss = sign_in(new_page, live_server, f"moss-{language}")
    expect(moss.locator(".notice-paused")).to_contain_text(text(language, "Letters are resting for a while."))
    expect(moss.locator("main")).not_to_contain_text(due)
    assert moss.locator("main form[action$='/write/']").count() == 0
    check_both_widths(check, moss, "paused pair")

    oak = sign_in(new_page, live_server, f"captain-oak-{language}")
    owed = oak.locator("li.owed")
    expect(owed).to_contain_text("The lighthouse cat")
    expect(owed.locator(".excerpt")).to_have_text("Call me on […] after school!")
    expect(owed).not_to_contain_text("12345678")
    assert owed.locator("img.avatar[src$='fox.svg']").count() == 1
    expect(oak.locator("header .count")).to_contain_text("1")
    check_both_widths(check, oak, "mentor home")
    oak.goto(f"{live_server.url}/notifications/")
    expect(oak.locator("main")).to_contain_text(text(language, "A letter from %(partner)s arrived") % {"partner": "Star Fox"})
    check_both_widths(check, oak, "notifications")
