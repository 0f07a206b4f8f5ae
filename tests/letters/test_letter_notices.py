"""An approval asks for that letter's notices only, not a sweep of the whole installation."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jobs.models import OutboxTask
from letters import services, tasks
from letters.models import Notification, Reminder, ReminderKind
from tests import factories


def approve_one(pair, coordinator):
    """Submit a mentee letter in `pair`, clear the outbox, approve it; return the letter."""
    letter = factories.make_letter(pair, status="in_review")
    OutboxTask.objects.all().delete()
    return services.approve_letter(coordinator, letter=letter)


@pytest.mark.django_db
def test_approving_a_letter_queues_exactly_one_job_for_that_letter(pair, coordinator):
    letter = approve_one(pair, coordinator)
    assert list(OutboxTask.objects.values_list("func", "args")) == [("letters.tasks.notify_letter", [letter.pk])]


@pytest.mark.django_db
def test_the_letter_job_notifies_the_recipient_and_leaves_other_pairs_alone(program, pair, coordinator):
    pair.mentor.user.email = "mentor@example.org"
    pair.mentor.user.save()
    other = factories.make_pair(program, coordinator)
    other_letter = approve_one(other, coordinator)  # its own job is never run: the other pair stays untouched
    letter = approve_one(pair, coordinator)
    result = tasks.notify_letter(letter.pk)
    assert result == {"planned": 1, "sent": 1}
    notice = Reminder.objects.get(letter=letter)
    assert (notice.kind, notice.recipient_id, notice.status) == (ReminderKind.LETTER_DELIVERED, pair.mentor.user_id, "sent")
    assert [m.to for m in mail.outbox] == [["mentor@example.org"]]
    assert not Reminder.objects.filter(letter=other_letter).exists()
    assert not Notification.objects.filter(user=other.mentor.user).exists()
    # Idempotent: a second run (the outbox may hand a row over twice) plans and sends nothing.
    assert tasks.notify_letter(letter.pk) == {"planned": 0, "sent": 0}


def queries_for_one_letter(program, coordinator, extra_pairs: int) -> int:
    for _ in range(extra_pairs):
        approve_one(factories.make_pair(program, coordinator), coordinator)
    letter = approve_one(factories.make_pair(program, coordinator), coordinator)
    with CaptureQueriesContext(connection) as queries:
        assert tasks.notify_letter(letter.pk)["sent"] == 1
    return len(queries)


@pytest.mark.django_db
def test_the_letter_job_costs_the_same_whatever_the_number_of_pairs(program, coordinator):
    few = queries_for_one_letter(program, coordinator, 1)
    many = queries_for_one_letter(program, coordinator, 6)
    assert few == many
    # Every pair's letter but the last two measured is still without any reminder row.
    assert Reminder.objects.count() == 2


def submit_one(pair, body: str):
    """Send a fresh mentee draft of `pair` with `body`, from an empty outbox; return the letter."""
    draft = services.save_draft(pair.mentee.user, pair=pair, body="")
    OutboxTask.objects.all().delete()
    return services.submit_letter(pair.mentee.user, letter=draft, body=body)


@pytest.mark.django_db
def test_sending_a_letter_with_an_urgent_concern_queues_its_alert_at_once(pair):
    letter = submit_one(pair, "I don't want to be alive anymore, I think about killing myself every night.")
    assert letter.findings.filter(severity="urgent").exists()
    assert list(OutboxTask.objects.values_list("func", "args")) == [("letters.tasks.notify_letter", [letter.pk])]


@pytest.mark.django_db
def test_sending_an_ordinary_letter_queues_no_alert(pair):
    letter = submit_one(pair, factories.LETTER_TEXT)
    assert not letter.findings.exists()
    assert not OutboxTask.objects.exists()
