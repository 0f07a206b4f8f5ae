"""Reminders, second half: send each planned row once.

`deliver_due_reminders(now)` takes pending rows whose `send_after` has passed. A mentee's
e-mail that comes due in quiet hours waits until they end; its in-app notice does not wait.
Rows that go out by e-mail are claimed in groups (pending → sending, skipping rows another
worker holds) so that no two workers send one; each is marked as handed over (its own
committed UPDATE) right before it goes to the mail server, and the group's rows that went
out are then marked sent with their in-app notifications in one transaction. Rows that only
appear in the app are taken (skipping rows another worker holds), marked sent and given
their notifications together, in one transaction: nothing leaves the building for them.

A worker killed after claiming leaves a `sending` row; after CLAIM_LEASE the next sweep
looks at it. If it was never handed over, the mail server never saw it: it is sent again
(bounded by MAX_ATTEMPTS). If it was handed over, the e-mail may have gone out: it is
recorded as sent (with its in-app notification) and not e-mailed again, so a child never
gets a reminder twice; only urgent safeguarding alerts (RESEND_IF_UNSURE) are sent again,
because for them twice is better than never. The trade-off is in docs/background-jobs.md.

`sweep` and `notify_for_letter` run both halves: the tasks call them.
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime, timedelta

from django.conf import settings as django_settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from letters.models import (
    Notification,
    NotificationPreference,
    Reminder,
    ReminderKind,
    ReminderStatus,
)
from programs.models import Membership
from letters.reminders import messages
from letters.reminders.planning import after_quiet_hours, plan_for_letter, plan_reminders, program_zone

logger = logging.getLogger(__name__)
#: A claimed row that is still `sending` after this long belonged to a worker that died.
CLAIM_LEASE = timedelta(minutes=10)
#: Attempts to send one reminder before it is marked failed.
MAX_ATTEMPTS = 3
#: Rows sent per sweep; the rest wait for the next sweep (minutes later).
DELIVERY_BATCH = 500
#: E-mails claimed together, and marked sent together once they went out. Each one is still
#: handed over on its own, just before it is sent: that mark is what keeps a dead worker's
#: e-mail from going out twice. A group is small enough to be sent long before CLAIM_LEASE.
EMAIL_GROUP = 50
#: Kinds sent again when a worker died after handing the e-mail to the mail server (at least
#: once: a safeguarding alert twice is better than never). Every other kind is at most once:
#: its in-app notification is still written, but the e-mail is not repeated.
RESEND_IF_UNSURE = frozenset({ReminderKind.URGENT_FINDING, ReminderKind.URGENT_ESCALATION})


def release_stale_claims(now: datetime) -> int:
    """Give rows claimed by a worker that died back to the sweep; return how many.

    A row never handed over (the mail server never saw it), or of a RESEND_IF_UNSURE kind,
    goes back to pending to be sent again (failed after MAX_ATTEMPTS). Any other row that
    was handed over goes back to pending with `handed_over_at` kept: the sweep then records
    it sent without e-mailing it again (`deliver_due_reminders`).
    """
    stale = Reminder.objects.filter(status=ReminderStatus.SENDING, claimed_at__lt=now - CLAIM_LEASE)
    resend = stale.filter(Q(handed_over_at__isnull=True) | Q(kind__in=RESEND_IF_UNSURE))
    failed = resend.filter(attempts__gte=MAX_ATTEMPTS).update(status=ReminderStatus.FAILED, last_error="worker stopped while sending")
    released = resend.update(status=ReminderStatus.PENDING, handed_over_at=None)
    # What is still `sending` now was handed over: the e-mail may well have gone out.
    unsure = stale.update(status=ReminderStatus.PENDING, last_error="worker stopped after handing the e-mail over")
    return failed + released + unsure


def claim(reminders: list[Reminder], now: datetime) -> set[int]:
    """Take the still pending rows of `reminders` for sending, in one transaction; return the ids taken.

    A taken row is `sending` from now on: if this worker dies before handing it over, the
    next sweep after CLAIM_LEASE sends it again (release_stale_claims).
    """
    if not reminders:
        return set()
    with transaction.atomic():
        return _take_pending([reminder.pk for reminder in reminders], status=ReminderStatus.SENDING, claimed_at=now,
                             attempts=F("attempts") + 1)


def _take_pending(ids: list[int], **changes) -> set[int]:
    """Write `changes` to the rows of `ids` that are still pending and that no other worker holds; return their ids.

    Precondition: inside a transaction, which keeps the rows locked until it ends. Rows
    another worker holds are skipped, not waited for (PostgreSQL's SKIP LOCKED; SQLite's
    IMMEDIATE transactions let one writer in at a time), so no two workers take one row.
    """
    taken = set(
        Reminder.objects.select_for_update(skip_locked=True)
        .filter(pk__in=ids, status=ReminderStatus.PENDING).order_by().values_list("pk", flat=True)
    )
    Reminder.objects.filter(pk__in=taken).update(**changes)
    return taken


def hand_over(reminder: Reminder, now: datetime) -> bool:
    """Record, committed, that `reminder`'s e-mail is about to go to the mail server; return False if no longer ours.

    Marking before sending is what keeps a worker that dies after the mail server took
    the e-mail from sending it again (see release_stale_claims).
    """
    return bool(Reminder.objects.filter(pk=reminder.pk, status=ReminderStatus.SENDING, handed_over_at__isnull=True)
                .update(handed_over_at=now))


def _give_back(reminder: Reminder, error: Exception) -> None:
    """After the mail server refused: try again at the next sweep, or stop after MAX_ATTEMPTS."""
    reminder.refresh_from_db(fields=["attempts"])
    status = ReminderStatus.FAILED if reminder.attempts >= MAX_ATTEMPTS else ReminderStatus.PENDING
    # The class name only: an exception message could quote an address. A refused e-mail did
    # not go out, so it is no longer "handed over".
    Reminder.objects.filter(pk=reminder.pk, status=ReminderStatus.SENDING).update(
        status=status, last_error=type(error).__name__[:200], handed_over_at=None
    )


def wait_for_quiet_hours(reminder: Reminder, moment: datetime) -> bool:
    """If `reminder` may not be e-mailed at `moment` (a mentee's quiet hours), move it to when they end; return True.

    Checked when the row is about to be sent, not only when it was planned: a reminder due
    at 17:00 that a sweep reaches only at 01:46 (workers were down) waits until 07:00.
    """
    if not reminder.quiet_hours:
        return False
    allowed = after_quiet_hours(moment, program_zone(reminder.program))
    if allowed == moment:
        return False
    Reminder.objects.filter(pk=reminder.pk, status=ReminderStatus.PENDING).update(send_after=allowed)
    return True


def _pause_for_kill_test(point: str) -> None:
    """Stop this worker for good at `point` when settings.REMINDER_TEST_PAUSE names it.

    Only the kill test (tests/letters/test_cluster.py) sets it, through the environment of a
    real cluster it then kills with SIGKILL at exactly this point; it is empty everywhere else.
    """
    if getattr(django_settings, "REMINDER_TEST_PAUSE", "") == point:
        logger.warning("reminder delivery paused at %s for a test", point)
        threading.Event().wait()


def _wants_email(reminder: Reminder, preferences: dict[int, NotificationPreference]) -> bool:
    """Return True if `reminder` goes out by e-mail: its recipient has an address and did not mute its kind."""
    preference = preferences.get(reminder.recipient_id) or NotificationPreference(user_id=reminder.recipient_id)
    return bool(reminder.recipient.email) and preference.wants_email(reminder.kind)


def deliver_due_reminders(now: datetime, *, limit: int = DELIVERY_BATCH, letter_id: int | None = None) -> int:
    """Send the pending reminders whose time has come; return how many were sent.

    Reminders that go out by e-mail are claimed in groups of EMAIL_GROUP; each is marked
    handed over just before it is sent, and the group's are marked sent (with their in-app
    notifications) together after, so a retry, a second worker or a restarted one never
    sends one again (_email_group). A mentee's e-mail waits while it is
    quiet hours in the program. A reminder that only appears in the app has nothing to send
    twice: those are taken, marked and given their notifications together, as are rows
    whose e-mail a dead worker had already handed over (see release_stale_claims).
    With `letter_id`, only that letter's reminders are sent (the per-letter task), and
    other workers' stale claims are left to the sweep.
    """
    pending = Reminder.objects.filter(status=ReminderStatus.PENDING, send_after__lte=now)
    if letter_id is None:
        release_stale_claims(now)
    else:
        pending = pending.filter(letter_id=letter_id)
    due = _load_due(pending, limit)
    if not due:
        return 0
    user_ids = {reminder.recipient_id for reminder in due}
    preferences = {p.user_id: p for p in NotificationPreference.objects.filter(user_id__in=user_ids)}
    pseudonyms = {
        (m.user_id, m.program_id): m.pseudonym
        for m in Membership.objects.filter(user_id__in=user_ids, program_id__in={r.program_id for r in due})
        .only("user_id", "program_id", "pseudonym")
    }

    def compose(reminder: Reminder):
        return messages.compose(reminder, pseudonyms.get((reminder.recipient_id, reminder.program_id), ""))

    by_email, in_app_only, handed_over = [], [], []
    for reminder in due:
        if reminder.handed_over_at is not None:
            handed_over.append(reminder)  # its worker died after the mail server may have taken it
        elif _wants_email(reminder, preferences):
            by_email.append(reminder)
        else:
            in_app_only.append(reminder)
    sent = _record_in_app_only([(reminder, compose(reminder)) for reminder in in_app_only], now=now)
    sent += _record_in_app_only([(reminder, compose(reminder)) for reminder in handed_over], now=now, emailed=True)
    waiting = []
    with get_connection() as mail_connection:
        for start in range(0, len(by_email), EMAIL_GROUP):
            group = []
            for reminder in by_email[start:start + EMAIL_GROUP]:
                # The clock, not only the sweep's start: a long sweep may cross into the evening.
                if wait_for_quiet_hours(reminder, max(now, timezone.now())):
                    # Only the e-mail waits for the morning: the notice is in the app at once.
                    waiting.append((reminder, compose(reminder)))
                else:
                    group.append(reminder)
            sent += _email_group(group, compose, mail_connection, now=now)
    _notify_in_app(waiting)
    return sent


def _load_due(pending, limit: int) -> list[Reminder]:
    """Return the first `limit` rows of `pending` by due moment, with everything their messages name.

    The ids come first, from the (status, send_after) index alone, and the rows with their
    joins after: a sweep that has just planned thousands of rows reads them before the
    database has counted them, and PostgreSQL then joined every pending row before sorting
    (2.3 s at 10,000 pairs, against 30 ms once counted).
    """
    ids = list(pending.order_by("send_after", "pk").values_list("pk", flat=True)[:limit])
    return list(
        Reminder.objects.filter(pk__in=ids)
        .select_related("recipient", "program", "pair__mentor", "pair__mentee", "letter__author",
                        "letter__pair__program", "assignment__reading")
        .order_by("send_after", "pk")
    )


def _email_group(group: list[Reminder], compose, mail_connection, *, now: datetime) -> int:
    """E-mail the reminders of `group` that this worker can claim; return how many went out.

    Claimed together (one transaction); each is handed over (its own committed mark) right
    before it goes to the mail server, and those that went out are marked sent with their
    in-app notifications together afterwards. A worker that dies in between leaves its rows
    `sending`: the next sweep after CLAIM_LEASE sends again those never handed over and
    records the others as sent (release_stale_claims).
    """
    taken = claim(group, now)
    _pause_for_kill_test("claimed")
    went_out = []
    for reminder in group:
        if reminder.pk not in taken:
            continue
        message = compose(reminder)
        if not hand_over(reminder, now):
            continue
        try:
            messages.email_message(reminder, message, connection=mail_connection).send()
        except Exception as error:  # noqa: BLE001 - any mail failure is retried at the next sweep
            logger.warning("reminder %s not sent: %s", reminder.pk, type(error).__name__)
            _give_back(reminder, error)
            continue
        _pause_for_kill_test("sent")
        went_out.append((reminder, message))
    _mark_sent(went_out, now=now)
    return len(went_out)


def _notification(reminder: Reminder, message) -> Notification:
    return Notification(
        user_id=reminder.recipient_id, reminder=reminder, kind=reminder.kind, program_id=reminder.program_id,
        title=message.subject, body=message.text, url=message.path,
    )


def _notify_in_app(composed: list[tuple[Reminder, object]]) -> None:
    """Record the in-app notification of each (reminder, message) that has none yet, in one statement.

    A mentee's e-mail that waits for the end of quiet hours gets its notice at once; marking
    it sent later adds none. A notification's reminder is unique, so the insert skips the
    reminders that have one without reading anything first.
    """
    if composed:
        Notification.objects.bulk_create(
            [_notification(reminder, message) for reminder, message in composed], ignore_conflicts=True
        )


def show_in_app(reminder_ids: list[int]) -> int:
    """Record at once the in-app notification of each reminder in `reminder_ids` that has none; return how many reminders.

    For notices planned by the apps above letters (planning.plan_notice): the notice
    appears in the app in the transaction of the change it announces, worded from its
    reminder in the recipient's language; the e-mail follows with the next delivery, which
    adds no second notice (a notification's reminder is unique).
    """
    reminders = list(Reminder.objects.filter(pk__in=reminder_ids).select_related("recipient", "program"))
    pseudonyms = {
        (m.user_id, m.program_id): m.pseudonym
        for m in Membership.objects.filter(user_id__in={r.recipient_id for r in reminders},
                                           program_id__in={r.program_id for r in reminders})
        .only("user_id", "program_id", "pseudonym")
    }
    _notify_in_app([
        (reminder, messages.compose(reminder, pseudonyms.get((reminder.recipient_id, reminder.program_id), "")))
        for reminder in reminders
    ])
    return len(reminders)


def _mark_sent(composed: list[tuple[Reminder, object]], *, now: datetime) -> None:
    """Mark each claimed, e-mailed reminder of `composed` sent and record its in-app notification, in one transaction."""
    if not composed:
        return
    with transaction.atomic():
        Reminder.objects.filter(pk__in=[reminder.pk for reminder, _message in composed],
                                status=ReminderStatus.SENDING).update(status=ReminderStatus.SENT, sent_at=now,
                                                                      emailed=True)
        _notify_in_app(composed)


def _record_in_app_only(composed: list[tuple[Reminder, object]], *, now: datetime, emailed: bool = False) -> int:
    """Mark pending reminders that get no e-mail now sent, with their notifications, in one transaction; return how many.

    Nothing leaves the building for these, so taking a row and marking it sent can be one
    step (_take_pending).
    `emailed` is True for rows whose e-mail was handed over by a worker that then died.
    """
    if not composed:
        return 0
    with transaction.atomic():
        taken = _take_pending([reminder.pk for reminder, _message in composed], status=ReminderStatus.SENT,
                              sent_at=now, claimed_at=now, attempts=F("attempts") + 1, emailed=emailed)
        # A row whose e-mail waited for quiet hours already has its notice: _notify_in_app skips it.
        _notify_in_app([(reminder, message) for reminder, message in composed if reminder.pk in taken])
    return len(taken)


def notify_for_letter(letter_id: int, now: datetime) -> dict:
    """Plan and send what is owed at `now` about letter `letter_id` only; return counts for the task's result."""
    planned = plan_for_letter(letter_id, now)
    sent = deliver_due_reminders(now, letter_id=letter_id)
    return {"planned": planned, "sent": sent}


def sweep(now: datetime) -> dict:
    """Plan and send every reminder owed at `now`; return counts for the task's result."""
    cancelled = plan_reminders(now)
    sent = deliver_due_reminders(now)
    return {"sent": sent, "cancelled": cancelled}
