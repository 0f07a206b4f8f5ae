"""Sending a reminder: quiet hours checked at the moment of sending, and a worker that dies mid-send.

The clock is driven by time-machine; the kill test with a real worker is in test_cluster.py.
"""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail

from letters import reminders
from letters.reminders import delivery
from letters.models import Notification, Reminder
from letters.reminders.messages import reminder_message_id
from tests.letters.test_reminders import T0, Calendar, at, urgent_letter


def emailed_to() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


@pytest.mark.django_db
def test_a_mentee_reminder_first_swept_in_the_night_waits_for_seven_in_the_morning():
    """The reading opens at 11:00 Copenhagen; no sweep runs until 01:46 (workers were down)."""
    with time_machine.travel(T0, tick=False) as traveller:
        calendar = Calendar()
        traveller.move_to(at(4, 10))
        reminders.plan_reminders(at(4, 10))  # planned in daylight: send_after is 11:00 Copenhagen
        opened = Reminder.objects.filter(kind="reading_open")
        assert opened.count() == 2 and {row.send_after for row in opened} == {at(4, 10)}
        mail.outbox.clear()
        traveller.move_to(at(5, 0, 46))  # 01:46 Copenhagen
        reminders.sweep(at(5, 0, 46))
        # The mentor's notice goes out (adults have no quiet hours); the children's wait.
        assert emailed_to() == ["oak@example.org"]
        assert {(row.status, row.send_after) for row in opened.all()} == {("pending", at(5, 6))}
        traveller.move_to(at(5, 5, 59))
        reminders.sweep(at(5, 5, 59))
        assert emailed_to() == ["oak@example.org"]
        traveller.move_to(at(5, 6))  # 07:00 Copenhagen
        reminders.sweep(at(5, 6))
    assert emailed_to() == ["fox@example.org", "oak@example.org", "otter@example.org"]
    assert {row.status for row in opened.all()} == {"sent"}
    assert calendar.pair1.mentee.user.notifications.count() == 1


@pytest.mark.django_db
def test_a_sweep_that_runs_into_the_evening_holds_what_it_reaches_after_nine():
    """The check uses the clock at sending, not the sweep's start: a slow sweep started at 20:59 Copenhagen."""
    with time_machine.travel(T0, tick=False) as traveller:
        Calendar()
        reminders.plan_reminders(at(4, 10))
        mail.outbox.clear()
        traveller.move_to(at(4, 20, 1))  # 21:01 Copenhagen by the time the e-mails go out
        reminders.deliver_due_reminders(at(4, 19, 59))
    assert emailed_to() == ["oak@example.org"]
    assert set(Reminder.objects.filter(kind="reading_open").values_list("status", "send_after")) == {("pending", at(5, 6))}


@pytest.mark.django_db
def test_a_reminder_whose_worker_died_after_handing_it_over_is_not_emailed_again_but_is_recorded():
    with time_machine.travel(T0, tick=False) as traveller:
        calendar = Calendar()
        reminders.plan_reminders(T0)
        row = Reminder.objects.get()  # Oak's notice of Fox's letter
        assert delivery.claim([row], T0) == {row.pk} and delivery.hand_over(row, T0)
        # ... the mail server took the e-mail, and the worker died before marking it sent.
        later = T0 + delivery.CLAIM_LEASE + timedelta(minutes=1)
        traveller.move_to(later)
        assert reminders.deliver_due_reminders(later) == 1
        assert reminders.deliver_due_reminders(later) == 0
    row.refresh_from_db()
    assert (row.status, row.emailed, row.attempts) == ("sent", True, 2)
    assert mail.outbox == []  # not a second e-mail
    assert Notification.objects.get().user == calendar.pair1.mentor.user  # but the notice is in the app


@pytest.mark.django_db
def test_an_urgent_alert_whose_worker_died_after_handing_it_over_is_sent_again_with_the_same_message_id():
    with time_machine.travel(T0, tick=False) as traveller:
        calendar = Calendar()
        urgent_letter(calendar.pair2)
        reminders.plan_reminders(T0)
        alert = Reminder.objects.get(kind="urgent_finding")
        assert delivery.claim([alert], T0) == {alert.pk} and delivery.hand_over(alert, T0)
        later = T0 + delivery.CLAIM_LEASE + timedelta(minutes=1)
        traveller.move_to(later)
        reminders.deliver_due_reminders(later)
    alert.refresh_from_db()
    assert (alert.status, alert.emailed, alert.attempts) == ("sent", True, 2)
    resent = [message for message in mail.outbox if message.extra_headers["X-Brevven-Reminder"] == str(alert.pk)]
    assert [message.to for message in resent] == [["coord@example.org"]]
    assert resent[0].extra_headers["Message-ID"] == reminder_message_id(alert) == f"<brevven-reminder-{alert.pk}@127.0.0.1>"


@pytest.mark.django_db
def test_an_email_the_mail_server_refused_counts_as_not_handed_over(monkeypatch):
    from django.core.mail.message import EmailMessage

    def refuse(self, fail_silently=False):
        raise ConnectionRefusedError("smtp down")

    with time_machine.travel(T0, tick=False):
        Calendar()
        monkeypatch.setattr(EmailMessage, "send", refuse)
        reminders.sweep(T0)
        row = Reminder.objects.get()
        assert (row.status, row.handed_over_at) == ("pending", None)
        monkeypatch.undo()
        assert reminders.sweep(T0)["sent"] == 1
    assert len(mail.outbox) == 1
