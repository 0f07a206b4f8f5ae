"""A changed or cancelled event reaches the members it concerns like every other notice: in the app at
once and by e-mail with the next sweep, honouring their e-mail settings and a mentee's quiet hours, in
their language, saying what changed (date, time, place) and naming nobody."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from letters.models import Notification, Reminder, ReminderKind
from letters.reminders import sweep
from letters.reminders.preferences import set_email_preferences
from programs.models import Membership
from tests import factories
from timeline import services

#: A Monday morning in Copenhagen (UTC+1).
MORNING = datetime(2025, 3, 3, 9, 5, tzinfo=UTC)
#: 22:30 in Copenhagen: a mentee's quiet hours.
EVENING = datetime(2025, 3, 3, 21, 30, tzinfo=UTC)
DAY = date(2025, 3, 10)
SECRET_NAME = "Philippa"
DESCRIPTION = "Bring the letter you liked best; Sofie's mother drives."


@pytest.fixture
def world(db):
    """A Danish program on Copenhagen time with two pairs; everyone has an address and a real name."""
    with time_machine.travel(MORNING - timedelta(days=1), tick=False):
        program = factories.make_program(time_zone="Europe/Copenhagen", language="da")
        coordinator = factories.make_coordinator(program)
        own, other = factories.make_pair(program, coordinator), factories.make_pair(program, coordinator)
        people = {"mentor": own.mentor.user, "mentee": own.mentee.user, "mentor2": other.mentor.user,
                  "mentee2": other.mentee.user, "coordinator": coordinator}
        for key, user in people.items():
            user.email, user.first_name, user.last_name = f"{key}@example.org", SECRET_NAME, "Quist"
            user.save()
        event = services.create_event(coordinator, program=program, title="Reading café", day=DAY, starts=time(16),
                                      ends=time(17, 30), place="Library", description=DESCRIPTION)
    return {"program": program, "event": event, "own": own, "other": other, **people}


def move(world, *, day=DAY, starts=time(16), ends=time(17, 30), place="Library", title="Reading café",
         description=DESCRIPTION):
    return services.update_event(world["coordinator"], event=world["event"], kind="meeting", title=title, day=day,
                                 starts=starts, ends=ends, place=place, description=description)


def mails_to(key):
    return [m for m in mail.outbox if m.to == [f"{key}@example.org"]]


def others_pseudonyms(world, key):
    """The pseudonyms of everyone in the program but `key` (whose e-mail greets them by theirs)."""
    return list(Membership.objects.filter(program=world["program"]).exclude(user=world[key])
                .values_list("pseudonym", flat=True))


def test_a_change_emails_each_member_once_saying_what_changed_and_naming_nobody(world):
    with time_machine.travel(MORNING, tick=False):
        move(world, day=DAY + timedelta(days=2), starts=time(17), ends=time(18, 30), place="Town hall")
        assert Notification.objects.filter(kind=ReminderKind.EVENT_CHANGED).count() == 4  # in the app at once
        assert mail.outbox == []  # the e-mail goes with the sweep, like every other notice
        sweep(MORNING)
        sweep(MORNING + timedelta(minutes=10))  # a second sweep sends nothing again
    assert sorted(m.to[0] for m in mail.outbox) == [
        "mentee2@example.org", "mentee@example.org", "mentor2@example.org", "mentor@example.org"]
    [email] = mails_to("mentor")
    assert email.subject == "Ændret: Reading café"
    text = email.body + email.alternatives[0][0]
    # What changed, then and now, on the program's clock.
    assert "12. marts 2025" in text and "10. marts 2025" in text
    assert all(clock in text for clock in ("17:00", "18:30", "16:00", "17:30"))
    assert "Town hall" in text and "Library" in text
    assert reverse("timeline") in text
    # Nobody's name, no pseudonym, not the coordinator's free-text description.
    assert SECRET_NAME not in text and "Quist" not in text and "Sofie" not in text
    assert not [name for name in others_pseudonyms(world, "mentor") if name in text]
    assert not Reminder.objects.filter(kind=ReminderKind.EVENT_CHANGED).exclude(status="sent").exists()
    assert not mails_to("coordinator")


def test_only_what_changed_is_named(world):
    with time_machine.travel(MORNING, tick=False):
        move(world, place="Town hall")
        sweep(MORNING)
    [email] = mails_to("mentor")
    text = email.body
    assert "Town hall" in text and "Library" in text  # the place, now and before
    assert text.count("10. marts 2025") == 1  # the date is said once: it did not change


def test_each_member_reads_it_in_their_own_language(world):
    for key, language in (("mentor", "en"), ("mentee", "nb"), ("mentor2", "fr")):
        world[key].language = language
        world[key].save()
    with time_machine.travel(MORNING, tick=False):
        move(world, starts=time(15))
        sweep(MORNING)
    assert mails_to("mentor")[0].subject == "Changed: Reading café"
    assert mails_to("mentee")[0].subject == "Endret: Reading café"
    assert mails_to("mentor2")[0].subject == "Modifié : Reading café"
    assert mails_to("mentee2")[0].subject == "Ændret: Reading café"  # the program's language
    for email in mail.outbox:
        assert "15:00" in email.body or "3 p.m." in email.body, email.to


def test_no_email_for_a_member_who_turned_it_off_but_the_notice_stays(world):
    set_email_preferences(world["mentor"], muted_kinds=[ReminderKind.EVENT_CHANGED])
    with time_machine.travel(MORNING, tick=False):
        move(world, starts=time(15))
        sweep(MORNING)
    assert not mails_to("mentor")
    assert len(mails_to("mentor2")) == 1  # whose settings allow it
    assert Notification.objects.filter(user=world["mentor"], kind=ReminderKind.EVENT_CHANGED).count() == 1
    assert Reminder.objects.get(recipient=world["mentor"], kind=ReminderKind.EVENT_CHANGED).status == "sent"


def test_a_mentees_email_waits_for_the_end_of_quiet_hours_but_the_notice_does_not(world):
    with time_machine.travel(EVENING, tick=False) as traveller:
        move(world, starts=time(15))
        sweep(EVENING)
        assert Notification.objects.filter(user=world["mentee"], kind=ReminderKind.EVENT_CHANGED).exists()
        assert not mails_to("mentee")
        assert len(mails_to("mentor")) == 1  # a mentor has no quiet hours
        traveller.move_to(datetime(2025, 3, 4, 5, 55, tzinfo=UTC))  # 06:55 in Copenhagen
        sweep(datetime(2025, 3, 4, 5, 55, tzinfo=UTC))
        assert not mails_to("mentee")
        morning = datetime(2025, 3, 4, 6, 5, tzinfo=UTC)  # 07:05 in Copenhagen
        traveller.move_to(morning)
        sweep(morning)
    assert len(mails_to("mentee")) == 1
    assert Notification.objects.filter(user=world["mentee"], kind=ReminderKind.EVENT_CHANGED).count() == 1


def test_a_cancellation_is_emailed_too(world):
    with time_machine.travel(MORNING, tick=False):
        services.cancel_event(world["coordinator"], event=world["event"])
        sweep(MORNING)
    [email] = mails_to("mentor2")
    assert email.subject == "Aflyst: Reading café"
    assert "10. marts 2025" in email.body and "Sofie" not in email.body
    assert len(mail.outbox) == 4


def test_saving_an_event_unchanged_tells_nobody(world):
    with time_machine.travel(MORNING, tick=False):
        move(world)
        sweep(MORNING)
    assert mail.outbox == []
    assert not Notification.objects.filter(kind=ReminderKind.EVENT_CHANGED).exists()


def test_the_settings_page_offers_event_notices_and_the_list_words_them_again(world, client):
    with time_machine.travel(MORNING, tick=False):
        move(world, starts=time(15))
    client.force_login(world["mentee"])
    page = client.get(reverse("notification-settings")).content.decode()
    for kind in (ReminderKind.EVENT_CHANGED, ReminderKind.EVENT_CANCELLED):
        assert f'value="{kind}"' in page
    world["mentee"].language = "fr"
    world["mentee"].save()
    listed = client.get(reverse("notifications")).content.decode()
    assert "Modifié : Reading café" in listed
