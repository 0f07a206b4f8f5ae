"""The peer spaces' notices go through the letters' reminders: in the app at once, e-mailed once by the
sweep, with the member's preferences and a mentee's quiet hours, never quoting a post or naming anyone."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from letters.models import Notification, Reminder, ReminderKind
from letters.reminders import sweep
from letters.reminders.preferences import MUTABLE_KINDS, set_email_preferences
from spaces import services
from tests.spaces.conftest import mentor_thread

#: A Monday morning in Copenhagen (UTC+1).
MORNING = datetime(2025, 3, 3, 9, 5, tzinfo=UTC)
#: 22:30 in Copenhagen: a mentee's quiet hours.
EVENING = datetime(2025, 3, 3, 21, 30, tzinfo=UTC)
REPLY = "The lighthouse keeper reminded me of my grandmother Ingrid."
SECRET_NAME = "Philippa"


@pytest.fixture
def people(world):
    """Everyone has an address and a real name; the program is Danish and on Copenhagen time."""
    program = world["program"]
    program.time_zone, program.language = "Europe/Copenhagen", "da"
    program.save()
    for key in ("mentee", "mentee2", "mentor", "mentor2", "coordinator"):
        user = world[key]
        user.email, user.first_name, user.last_name = f"{key}@example.org", SECRET_NAME, "Quist"
        user.save()
    return world


def _published_thread(world):
    thread = services.start_thread(world["mentee"], space=world["mentees_space"], title="Books", body="I liked it.")
    services.approve_post(world["coordinator"], post=thread.opening)
    thread.refresh_from_db()
    return thread


def _reply_approved(world, thread, body=REPLY):
    reply = services.reply_to_thread(world["mentee2"], thread=thread, body=body)
    services.approve_post(world["coordinator"], post=reply)
    return reply


def test_a_reply_notice_is_in_the_app_at_once_and_emailed_once_in_the_members_language(people):
    with time_machine.travel(MORNING, tick=False):
        thread = _published_thread(people)
        _reply_approved(people, thread)
        [notice] = Notification.objects.filter(user=people["mentee"], kind=ReminderKind.SPACE_REPLY)
        assert notice.url == reverse("space-thread", args=[thread.pk])
        assert mail.outbox == []  # the e-mail goes with the sweep, like every other notice
        sweep(MORNING)
        sweep(MORNING + timedelta(minutes=10))  # a second sweep sends nothing again
    [email] = [m for m in mail.outbox if m.to == ["mentee@example.org"]]
    assert email.subject == "Et nyt svar i din tråd"
    text = email.body + email.alternatives[0][0]
    assert f"/threads/{thread.pk}/" in text
    assert "lighthouse" not in text and "Ingrid" not in text  # never the post's words
    assert SECRET_NAME not in text and "Quist" not in text  # nobody's real name
    assert Notification.objects.filter(user=people["mentee"], kind=ReminderKind.SPACE_REPLY).count() == 1
    assert Reminder.objects.get(recipient=people["mentee"], kind=ReminderKind.SPACE_REPLY).status == "sent"


def test_replies_within_the_hour_give_one_notice_and_one_email(people):
    with time_machine.travel(MORNING, tick=False) as traveller:
        thread = _published_thread(people)
        _reply_approved(people, thread)
        traveller.shift(timedelta(minutes=20))
        _reply_approved(people, thread, body="And the storm at the end was exciting.")
        sweep(MORNING + timedelta(minutes=30))
        assert Notification.objects.filter(user=people["mentee"], kind=ReminderKind.SPACE_REPLY).count() == 1
        traveller.shift(timedelta(hours=1))  # the next hour is a new notice
        _reply_approved(people, thread, body="I want to read the next book too.")
        sweep(MORNING + timedelta(hours=1, minutes=30))
    assert Notification.objects.filter(user=people["mentee"], kind=ReminderKind.SPACE_REPLY).count() == 2
    assert len([m for m in mail.outbox if m.to == ["mentee@example.org"]]) == 2


def test_a_mentees_reply_email_waits_for_the_morning_but_the_notice_does_not(people):
    with time_machine.travel(EVENING, tick=False) as traveller:
        thread = _published_thread(people)
        _reply_approved(people, thread)
        sweep(EVENING)
        assert Notification.objects.filter(user=people["mentee"], kind=ReminderKind.SPACE_REPLY).exists()
        assert not [m for m in mail.outbox if m.to == ["mentee@example.org"]]
        morning = datetime(2025, 3, 4, 6, 5, tzinfo=UTC)  # 07:05 in Copenhagen
        traveller.move_to(morning)
        sweep(morning)
    assert len([m for m in mail.outbox if m.to == ["mentee@example.org"]]) == 1
    assert Notification.objects.filter(user=people["mentee"], kind=ReminderKind.SPACE_REPLY).count() == 1


def test_a_mentor_has_no_quiet_hours(people):
    with time_machine.travel(EVENING, tick=False):
        thread = mentor_thread(people)
        services.reply_to_thread(people["mentor2"], thread=thread, body="Keep it to five sentences.")
        sweep(EVENING)
    assert len([m for m in mail.outbox if m.to == ["mentor@example.org"]]) == 1


def test_no_email_for_a_member_who_turned_it_off_but_the_notice_stays(people):
    set_email_preferences(people["mentee"], muted_kinds=[ReminderKind.SPACE_REPLY])
    with time_machine.travel(MORNING, tick=False):
        thread = _published_thread(people)
        _reply_approved(people, thread)
        sweep(MORNING)
    assert not [m for m in mail.outbox if m.to == ["mentee@example.org"]]
    assert Notification.objects.filter(user=people["mentee"], kind=ReminderKind.SPACE_REPLY).count() == 1
    assert Reminder.objects.get(recipient=people["mentee"], kind=ReminderKind.SPACE_REPLY).status == "sent"


def test_held_returned_and_reported_posts_are_emailed_too(people):
    with time_machine.travel(MORNING, tick=False):
        held = services.start_thread(people["mentor"], space=people["mentors_space"], title="Contact",
                                     body="Skriv til mig på kim.hansen@example.com efter skole.")
        waiting = services.start_thread(people["mentee2"], space=people["mentees_space"], title="Hi", body="Hello all")
        services.return_post(people["coordinator"], post=waiting.opening, note="Say which book.")
        thread = mentor_thread(people, title="Short replies")
        services.report_post(people["mentor2"], post=thread.opening, reason="It names a school.")
        sweep(MORNING)
    subjects = {(m.to[0], m.subject) for m in mail.outbox}
    assert ("mentor@example.org", "Dit indlæg venter på en koordinator") in subjects
    assert ("mentee2@example.org", "Dit indlæg blev sendt tilbage med en note") in subjects
    assert ("coordinator@example.org", "Et indlæg er blevet anmeldt") in subjects
    assert "kim.hansen" not in "".join(m.body for m in mail.outbox)
    assert "school" not in "".join(m.body for m in mail.outbox)  # nor a report's reason
    held_notice = Notification.objects.get(user=people["mentor"], kind=ReminderKind.SPACE_POST_HELD)
    assert held_notice.url == reverse("space-thread", args=[held.pk])


def test_an_urgent_post_alerts_the_coordinators_by_email_like_an_urgent_letter(people):
    set_email_preferences(people["coordinator"], muted_kinds=[kind for kind in MUTABLE_KINDS])
    with time_machine.travel(MORNING, tick=False):
        thread = services.start_thread(people["mentee"], space=people["mentees_space"], title="Sad",
                                       body="I hurt myself when I am sad.")
        alerts = Reminder.objects.filter(kind=ReminderKind.URGENT_FINDING, object_key=f"post:{thread.opening_id}")
        assert list(alerts.values_list("recipient_id", flat=True)) == [people["coordinator"].pk]
        assert "hurt" not in str(alerts.get().details)
        sweep(MORNING)
        sweep(MORNING + timedelta(minutes=10))  # sent once, and not cancelled by the sweep
    [email] = [m for m in mail.outbox if m.to == ["coordinator@example.org"]]  # whatever their preferences
    assert "hurt" not in email.body and SECRET_NAME not in email.body
    assert f"/space-posts/{thread.opening_id}/review/" in email.body
    notice = Notification.objects.get(user=people["coordinator"], kind=ReminderKind.URGENT_FINDING)
    assert notice.url == f"/space-posts/{thread.opening_id}/review/" and "hurt" not in notice.body
    assert alerts.get().status == "sent"
    assert not [m for m in mail.outbox if m.to == ["other_coordinator@example.org"]]


def test_the_settings_page_offers_the_spaces_notices_and_the_list_words_them_again(people, client):
    with time_machine.travel(MORNING, tick=False):
        thread = _published_thread(people)
        _reply_approved(people, thread)
    client.force_login(people["mentee"])
    page = client.get(reverse("notification-settings")).content.decode()
    for kind in (ReminderKind.SPACE_REPLY, ReminderKind.SPACE_POST_HELD, ReminderKind.SPACE_POST_RETURNED,
                 ReminderKind.SPACE_REPORT):
        assert f'value="{kind}"' in page
    assert 'value="space_urgent"' not in page
    people["mentee"].language = "fr"
    people["mentee"].save()
    listed = client.get(reverse("notifications")).content.decode()
    assert "Une nouvelle réponse dans votre discussion" in listed
