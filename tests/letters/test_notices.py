"""In-app notices: never held by quiet hours, worded in the reader's current language, tidy dates;
and the first lines that lists show."""

import pytest
import time_machine
from django.utils import translation

from letters import reminders, services
from letters.models import Notification, Reminder
from letters.selectors import letter_excerpt, list_notifications, render_notification
from tests import factories
from tests.letters.test_reminders import T0, Calendar, at


@pytest.mark.django_db
def test_a_mentees_notice_appears_at_once_while_the_email_waits_for_the_morning():
    with time_machine.travel(T0, tick=False) as traveller:
        calendar = Calendar()
        reminders.plan_reminders(at(4, 10))
        fox = calendar.pair1.mentee.user
        traveller.move_to(at(5, 0, 46))  # 01:46 Copenhagen: quiet hours
        reminders.sweep(at(5, 0, 46))
        opened = Reminder.objects.get(kind="reading_open", recipient=fox)
        assert opened.status == "pending"  # the e-mail waits...
        assert fox.notifications.filter(reminder=opened).count() == 1  # ...the notice does not
        reminders.sweep(at(5, 2))  # a second night sweep adds no second notice
        traveller.move_to(at(5, 6))
        reminders.sweep(at(5, 6))
    opened.refresh_from_db()
    assert opened.status == "sent" and opened.emailed
    assert fox.notifications.filter(reminder=opened).count() == 1


@pytest.mark.django_db
def test_a_notice_is_worded_in_the_readers_current_language():
    with time_machine.travel(T0, tick=False):
        calendar = Calendar()
        reminders.sweep(T0)
    oak = calendar.pair1.mentor.user  # no language of their own: the program's Norwegian
    stored = Notification.objects.get(user=oak, kind="letter_delivered")
    assert "Fox" in stored.title
    [notice] = list_notifications(oak).filter(pk=stored.pk)
    with translation.override("da"):
        title_da, body_da = render_notification(notice)
    with translation.override("en"):
        title_en, body_en = render_notification(notice)
    assert title_en == "A letter from Fox arrived"
    assert title_da != title_en and "Fox" in title_da
    assert "Please reply by" in body_en and "Hello" not in body_en


@pytest.mark.django_db
def test_a_notice_whose_reminder_is_gone_keeps_its_stored_words():
    with time_machine.travel(T0, tick=False):
        calendar = Calendar()
        reminders.sweep(T0)
    oak = calendar.pair1.mentor.user
    stored = Notification.objects.get(user=oak, kind="letter_delivered")
    Reminder.objects.filter(pk=stored.reminder_id).delete()
    [notice] = list_notifications(oak).filter(pk=stored.pk)
    assert render_notification(notice) == (stored.title, stored.body)


@pytest.mark.django_db
def test_a_date_ending_a_sentence_gets_one_full_stop():
    """11 a.m. Copenhagen ends in "a.m."; the sentence must not add a second stop."""
    with time_machine.travel(T0, tick=False):
        calendar = Calendar()
        reminders.sweep(T0)
    notice = Notification.objects.get(user=calendar.pair1.mentor.user, kind="letter_delivered")
    with translation.override("en"):
        _title, body = render_notification(list_notifications(notice.user).get(pk=notice.pk))
    assert "a.m." in body and ".." not in body


@pytest.mark.django_db
def test_a_recipients_first_line_never_shows_a_removed_part(program, coordinator, pair):
    letter = factories.make_letter(pair, status="in_review", body="Call me on 12345678 tonight!\nMore text.")
    letter = services.approve_letter(coordinator, letter=letter, redactions=[(11, 19)])
    assert letter_excerpt(letter) == "Call me on 12345678 tonight!"
    assert letter_excerpt(letter, for_recipient=True) == "Call me on […] tonight!"


@pytest.mark.django_db
def test_a_first_line_is_the_first_line_with_text_cut_short(pair):
    letter = factories.make_letter(pair, body="\n\n   Hello   there\n" + "x" * 200)
    assert letter_excerpt(letter) == "Hello there"
    long = factories.make_letter(pair, body="word " * 60)
    assert len(letter_excerpt(long)) <= 90 and letter_excerpt(long).endswith("…")


def _sweep_and_notices(user) -> dict[str, Notification]:
    from django.utils import timezone

    reminders.sweep(timezone.now())
    return {notice.kind: notice for notice in Notification.objects.filter(user=user)}


@pytest.mark.django_db
def test_the_author_is_told_when_their_letter_is_withheld(coordinator, pair):
    factories.make_letter(pair, status="withheld", coordinator=coordinator)
    notices = _sweep_and_notices(pair.mentee.user)
    assert "letter_withheld" in notices
    with translation.override("en"):
        title, body = render_notification(list_notifications(pair.mentee.user).get(kind="letter_withheld"))
    assert title == f"Your letter to {pair.mentor.pseudonym} was not passed on"
    assert "Not suitable" not in body  # the coordinator's reason is for coordinators
    assert not Notification.objects.filter(user=pair.mentor.user).exists()  # the recipient never hears of it


@pytest.mark.django_db
def test_a_mentor_is_not_told_automatically_that_their_letter_was_withheld(coordinator, pair):
    """An adult's withheld letter may be a grooming attempt: coordinators decide how to tell them."""
    factories.make_letter(pair, by="mentor", status="withheld", coordinator=coordinator)
    assert "letter_withheld" not in _sweep_and_notices(pair.mentor.user)


@pytest.mark.django_db
def test_the_author_is_told_when_parts_were_removed_and_only_then(coordinator, pair):
    plain = factories.make_letter(pair, status="delivered", coordinator=coordinator)
    assert "letter_redacted" not in _sweep_and_notices(pair.mentee.user)
    letter = factories.make_letter(pair, status="in_review", body="Call me on 12345678 tonight!")
    services.approve_letter(coordinator, letter=letter, redactions=[(11, 19)])
    notices = Notification.objects.filter(user=pair.mentee.user, kind="letter_redacted")
    _sweep_and_notices(pair.mentee.user)
    assert [notice.reminder.letter_id for notice in notices] == [letter.pk]
    assert plain.pk != letter.pk
