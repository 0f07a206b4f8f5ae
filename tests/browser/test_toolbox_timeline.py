"""The toolbox and the timeline in a real browser, on a 390 px phone and a laptop, with axe on every page.

A mentor of a Danish program opens a toolbox article and reads it in Danish first; a
coordinator adds an event for one pair; that pair's mentee sees it on the home page, on the
timeline and in the calendar feed (with its real duration), and the other pair's mentee does not.
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from programs import services as program_services
from programs.models import Membership, Program, User
from tests.browser.conftest import DESKTOP, PHONE, PageChecker
from tests.browser.test_journey import PASSWORD, sign_in, text
from timeline.models import Event
from toolbox.demo import seed_demo_toolbox

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def make_program():
    """Return (program, the pair the event is for, another pair), with the demo's toolbox articles."""
    today = timezone.localdate()
    program = Program.objects.create(
        name="Læseklubben", slug="laeseklubben", language="da", time_zone="Europe/Copenhagen",
        starts_on=today - timedelta(days=10), ends_on=today + timedelta(days=100),
    )
    coordinator = User.objects.create_user(username="coordinator-tt", password=PASSWORD)
    Membership.objects.create(user=coordinator, program=program, role="coordinator", pseudonym="Koordinator Ada")

    def member(name, role, pseudonym):
        user = User.objects.create_user(username=name, password=PASSWORD)
        return program_services.add_member(coordinator, program=program, user=user, role=role, pseudonym=pseudonym)

    invited = program_services.create_pair(coordinator, program=program, mentor=member("mentor-tt", "mentor", "Kaptajn Eg"),
                                           mentee=member("mentee-tt", "mentee", "Stjerneræv"))
    others = program_services.create_pair(coordinator, program=program, mentor=member("mentor-2", "mentor", "Ugle"),
                                          mentee=member("mentee-2", "mentee", "Mosegris"))
    seed_demo_toolbox(program)
    return program, invited, others


def check_both_sizes(check: PageChecker, page, name: str) -> None:
    """Run axe on the phone (390 px) and on a laptop."""
    page.set_viewport_size(PHONE)
    check.check(page, f"{name} phone")
    page.set_viewport_size(DESKTOP)
    check.check(page, f"{name} desktop")
    page.set_viewport_size(PHONE)


def test_toolbox_in_danish_and_an_event_on_the_timeline_and_in_the_calendar(new_page, live_server):
    from playwright.sync_api import expect

    program, invited, others = make_program()
    check = PageChecker(prefix="toolbox-timeline")
    base = live_server.url

    # The mentor opens the toolbox: the Danish version comes first, and a mentees' article is not there.
    mentor = sign_in(new_page, live_server, "mentor-tt")
    mentor.click("nav a[href='/toolbox/']")
    expect(mentor.locator("main")).to_contain_text("At skrive til et genert barn")
    expect(mentor.locator("main")).not_to_contain_text("Sådan begynder du et brev")
    check_both_sizes(check, mentor, "toolbox")
    mentor.click("main a:has-text('At skrive til et genert barn')")
    expect(mentor.locator("h1")).to_have_text("At skrive til et genert barn")
    expect(mentor.locator("article")).to_have_attribute("lang", "da")
    expect(mentor.locator("main")).to_contain_text("English: Writing to a shy child")
    check_both_sizes(check, mentor, "article")

    # The coordinator adds a visit day for the invited pair only.
    coordinator = sign_in(new_page, live_server, "coordinator-tt")
    coordinator.goto(f"{base}/programs/{program.pk}/events/")
    check_both_sizes(check, coordinator, "events")
    day = timezone.localdate() + timedelta(days=4)
    coordinator.select_option("#id_kind", "visit_day")
    coordinator.fill("#id_title", "Besøg på museet")
    coordinator.fill("#id_date", day.isoformat())
    coordinator.fill("#id_starts", "10:00")
    coordinator.fill("#id_ends", "12:30")
    coordinator.fill("#id_place", "Byens museum")
    coordinator.check(f"input[name=pairs][value='{invited.pk}']")
    coordinator.click("main form button[type=submit]:has-text('{}')".format(text("da", "Add the event")))
    expect(coordinator.locator(".messages")).to_contain_text(text("da", "The event is on the timeline."))
    check_both_sizes(check, coordinator, "events after adding")
    event = Event.objects.get(title="Besøg på museet")
    assert list(event.pairs.all()) == [invited]
    coordinator.goto(f"{base}/programs/{program.pk}/events/{event.pk}/")
    check_both_sizes(check, coordinator, "event change form")

    # The coordinator's toolbox pages: the list with hide buttons, a new article, an article's languages.
    coordinator.goto(f"{base}/programs/{program.pk}/toolbox/")
    check_both_sizes(check, coordinator, "coordinator toolbox")
    coordinator.goto(f"{base}/programs/{program.pk}/toolbox/new/")
    check_both_sizes(check, coordinator, "new article")
    article = program.toolbox_articles.order_by("pk").first()
    coordinator.goto(f"{base}/programs/{program.pk}/toolbox/{article.pk}/?lang=fr")
    expect(coordinator.locator("#id_version-title")).to_have_value("Écrire à un enfant timide")
    check_both_sizes(check, coordinator, "article languages")

    # The invited mentee sees it on the home page and on the timeline.
    mentee = sign_in(new_page, live_server, "mentee-tt")
    expect(mentee.locator("main")).to_contain_text(text("da", "Next:"))
    expect(mentee.locator("main")).to_contain_text("Besøg på museet")
    check_both_sizes(check, mentee, "mentee home")
    mentee.click("nav a[href='/timeline/']")
    expect(mentee.locator("main")).to_contain_text("Besøg på museet")
    expect(mentee.locator("main")).to_contain_text("Byens museum")
    check_both_sizes(check, mentee, "timeline")

    # ... and in the calendar feed, 10:00 to 12:30 Copenhagen time.
    user = invited.mentee.user
    program_services.reset_calendar_token(user)
    user.refresh_from_db()
    feed = Calendar.from_ical(mentee.request.get(f"{base}/calendar/{user.calendar_token}.ics").body())
    [found] = [c for c in feed.walk("VEVENT") if str(c.get("summary")) == "Besøg på museet"]
    assert found.decoded("dtend") - found.decoded("dtstart") == timedelta(hours=2, minutes=30)
    assert found.decoded("dtstart") == event.starts_at and str(found.get("location")) == "Byens museum"

    # The other pair's mentee does not see it anywhere.
    other = sign_in(new_page, live_server, others.mentee.user.username)
    expect(other.locator("main")).not_to_contain_text("Besøg på museet")
    other.goto(f"{base}/timeline/")
    expect(other.locator("main")).to_contain_text(text("da", "Nothing on your timeline yet."))
