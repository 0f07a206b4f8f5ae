"""Members' pages: deadlines in words and the member's date format, letters told apart,
a paused pair, the unread count, and the calendar feed's events."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from icalendar import Calendar

from letters import services as letter_services
from letters.models import Notification
from programs import services as program_services
from programs.models import Program, User
from readings import services as reading_services
from tests import factories

NOW = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)  # a Wednesday


@pytest.fixture
def copenhagen(pair):
    Program.objects.filter(pk=pair.program_id).update(time_zone="Europe/Copenhagen")
    pair.program.refresh_from_db()
    return pair


def schedule(coordinator, program, *, opens, due, title="Tide"):
    reading = reading_services.create_reading(coordinator, program=program, title=title, body="The sea.")
    return reading_services.schedule_assignment(coordinator, program=program, reading=reading, opens_at=opens,
                                                due_at=due)


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "Your letter is due in 9 days (Friday 11 December, 5 p.m.)."),
    ("da", "Dit brev skal sendes om 9 dage (fredag 11. december kl. 17:00)."),
    ("fr", "Votre lettre est à envoyer dans 9 jours (vendredi 11 décembre à 17:00)."),
])
def test_a_mentee_sees_when_the_letter_is_due_in_words_and_their_languages_dates(
    client, copenhagen, coordinator, language, expected,
):
    with time_machine.travel(NOW, tick=False):
        schedule(coordinator, copenhagen.program, opens=NOW - timedelta(days=1),
                 due=datetime(2026, 12, 11, 16, 0, tzinfo=UTC))  # 17:00 in Copenhagen
        User.objects.filter(pk=copenhagen.mentee.user_id).update(language=language)
        client.force_login(copenhagen.mentee.user)
        html = client.get(reverse("home")).content.decode()
    assert expected in html
    assert "12/11/2026" not in html and "11/12/2026" not in html


def test_a_paused_pair_tells_the_mentee_kindly_and_asks_for_no_letter(client, copenhagen, coordinator):
    with time_machine.travel(NOW, tick=False):
        schedule(coordinator, copenhagen.program, opens=NOW - timedelta(days=1), due=NOW + timedelta(days=3))
        program_services.pause_pair(coordinator, pair=copenhagen, reason="Summer break")
        client.force_login(copenhagen.mentee.user)
        html = client.get(reverse("home")).content.decode()
    assert "Letters are resting for a while." in html
    assert "You have not done anything wrong" in html
    assert "Your letter is due" not in html and "Write your letter" not in html
    assert "Summer break" not in html  # the coordinator's reason is theirs


def test_my_letters_name_each_letter_and_show_its_first_line_at_a_constant_cost(client, program, coordinator, pair):
    first = factories.make_letter(pair, status="delivered", coordinator=coordinator, body="Hello from the lighthouse!")
    mentor = pair.mentor.user
    reply = letter_services.save_draft(mentor, pair=pair, body="What a view you have.", in_reply_to=first)
    client.force_login(mentor)
    client.get(reverse("my-letters"))
    with CaptureQueriesContext(connection) as small:
        html = client.get(reverse("my-letters")).content.decode()
    assert f"Reply to {pair.mentee.pseudonym}" in html and "What a view you have." in html
    assert reply.pk
    Program.objects.filter(pk=program.pk).update(max_active_pairs_per_person=5)
    program.refresh_from_db()
    for number in range(4):
        mentee = factories.make_member(program, "mentee", coordinator)
        other = program_services.create_pair(coordinator, program=program, mentor=pair.mentor, mentee=mentee)
        letter_services.save_draft(mentor, pair=other, body=f"Letter number {number}")
    with CaptureQueriesContext(connection) as large:
        html = client.get(reverse("my-letters")).content.decode()
    assert "Letter number 3" in html and ">Letter<" not in html
    assert len(large.captured_queries) == len(small.captured_queries)


def test_replies_owed_show_the_reading_the_date_and_a_first_line_without_removed_parts(
    client, program, coordinator, pair,
):
    assignment = schedule(coordinator, program, opens=factories.now() - timedelta(days=1),
                          due=factories.now() + timedelta(days=5), title="The bridge builders")
    letter = letter_services.save_draft(pair.mentee.user, pair=pair, body="Call me on 12345678 after school!",
                                        assignment=assignment)
    letter = letter_services.submit_letter(pair.mentee.user, letter=letter)
    letter_services.approve_letter(coordinator, letter=letter, redactions=[(11, 19)])
    client.force_login(pair.mentor.user)
    html = client.get(reverse("home")).content.decode()
    assert f"{pair.mentee.pseudonym} wrote about “The bridge builders”" in html
    assert "Call me on […] after school!" in html and "12345678" not in html
    assert "your reply is due in" in html


def test_the_menu_counts_unread_notices_in_one_query(client, pair):
    user = pair.mentee.user
    Notification.objects.bulk_create([
        Notification(user=user, kind="letter_due", title=f"Notice {n}", program=pair.program) for n in range(3)
    ])
    Notification.objects.filter(user=user, title="Notice 0").update(read_at=factories.now())
    client.force_login(user)
    client.get(reverse("home"))
    with CaptureQueriesContext(connection) as queries:
        html = client.get(reverse("my-letters")).content.decode()
    assert '<span class="count">2<span class="visually-hidden"> unread</span></span>' in html
    assert sum("letters_notification" in q["sql"] for q in queries.captured_queries) == 1


def test_the_calendar_feed_leaves_past_deadlines_out_and_gives_events_a_length(client, copenhagen, coordinator):
    with time_machine.travel(NOW, tick=False):
        schedule(coordinator, copenhagen.program, opens=NOW - timedelta(days=30), due=NOW - timedelta(days=2),
                 title="Old story")
        schedule(coordinator, copenhagen.program, opens=NOW - timedelta(days=1), due=NOW + timedelta(days=4),
                 title="New story")
        client.force_login(copenhagen.mentee.user)
        client.post(reverse("calendar-token-reset"))
        token = User.objects.get(pk=copenhagen.mentee.user_id).calendar_token
        feed = Calendar.from_ical(client.get(reverse("calendar-feed", args=[token])).content)
    events = [component for component in feed.walk("VEVENT")]
    assert [str(event["summary"]) for event in events] == ["Letter due: New story"]
    [event] = events
    assert event.decoded("dtend") - event.decoded("dtstart") == timedelta(minutes=30)
    assert event.decoded("dtend") == NOW + timedelta(days=4)


def test_a_paused_pairs_deadlines_leave_the_calendar(client, copenhagen, coordinator):
    schedule(coordinator, copenhagen.program, opens=factories.now(), due=factories.now() + timedelta(days=4))
    program_services.pause_pair(coordinator, pair=copenhagen, reason="Break")
    client.force_login(copenhagen.mentee.user)
    client.post(reverse("calendar-token-reset"))
    token = User.objects.get(pk=copenhagen.mentee.user_id).calendar_token
    feed = Calendar.from_ical(client.get(reverse("calendar-feed", args=[token])).content)
    assert list(feed.walk("VEVENT")) == []


@pytest.mark.parametrize(("own_zone", "named"), [
    ("", None),  # no own choice: the program's zone is the member's own
    ("Europe/Copenhagen", None),
    ("Europe/Oslo", None),  # another name for the same clock names nothing
    ("Europe/London", "(Friday 11 December, 4 p.m.; 5 p.m. in Europe/Copenhagen)"),
])
def test_a_deadline_names_the_programs_zone_only_when_it_is_not_the_members_own(
    client, copenhagen, coordinator, own_zone, named,
):
    with time_machine.travel(NOW, tick=False):
        schedule(coordinator, copenhagen.program, opens=NOW - timedelta(days=1),
                 due=datetime(2026, 12, 11, 16, 0, tzinfo=UTC))  # 17:00 in Copenhagen, 16:00 in London
        User.objects.filter(pk=copenhagen.mentee.user_id).update(language="en", time_zone=own_zone)
        client.force_login(copenhagen.mentee.user)
        html = client.get(reverse("home")).content.decode()
    if named is None:
        assert "Your letter is due in 9 days (Friday 11 December, 5 p.m.)." in html
        assert " in Europe/" not in html
    else:
        assert f"Your letter is due in 9 days {named}." in html
