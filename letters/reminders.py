"""Reminders: decide who is owed which message, keep one row per message, and send each once.

A sweep (`sweep`) has two halves:

1. `plan_reminders(now)` works out every reminder whose moment has come and whose reason
   still holds, from a fixed number of queries whatever the number of pairs, and inserts
   them as `Reminder` rows under the unique key (recipient, kind, object, due moment),
   ignoring the ones that exist. Pending rows whose reason is gone are cancelled (the
   letter was written, the pair paused, the letter was read).
2. `deliver_due_reminders(now)` takes pending rows whose `send_after` has passed, claims
   each with a guarded UPDATE (pending → sending) so that no two workers send the same
   row, sends the e-mail (unless the person turned that kind off), records the in-app
   notification and marks the row sent in one transaction.

A worker killed between claiming and marking leaves a `sending` row; after CLAIM_LEASE it
goes back to pending (bounded by MAX_ATTEMPTS). The only moment a message could go out
twice is a crash between the mail server accepting it and the following UPDATE; that
window is one statement long and is documented in docs/background-jobs.md.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.core.mail import get_connection
from django.db import transaction
from django.db.models import F, Max, Q

from letters.models import (
    RECIPIENT_VISIBLE,
    Finding,
    Letter,
    LetterStatus,
    Notification,
    NotificationPreference,
    Reminder,
    ReminderKind,
    ReminderStatus,
)
from programs.models import Membership, Pair, Program, User
from programs.reminder_settings import effective_setting
from readings.models import Assignment

logger = logging.getLogger(__name__)

#: A claimed row that is still `sending` after this long belonged to a worker that died.
CLAIM_LEASE = timedelta(minutes=10)
#: Attempts to send one reminder before it is marked failed.
MAX_ATTEMPTS = 3
#: Rows sent per sweep; the rest wait for the next sweep (minutes later).
DELIVERY_BATCH = 500

#: No e-mail reaches a mentee between these local times; it waits for the morning.
QUIET_FROM, QUIET_UNTIL = time(21, 0), time(7, 0)
#: Notices of a delivered or returned letter that could not be sent within this long are dropped.
NOTICE_WINDOW = timedelta(days=7)
#: A weekly digest not sent within this long after its moment (workers down) is skipped until next week.
WEEKLY_DIGEST_WINDOW = timedelta(days=1)
#: An escalation goes to operators when no coordinator opened an urgent letter within this long.
ESCALATE_AFTER = timedelta(hours=1)


@dataclass(frozen=True)
class Planned:
    """A reminder the sweep has decided is owed now (not yet a row)."""

    recipient_id: int
    kind: str
    object_key: str
    due_at: datetime
    program: Program
    quiet_hours: bool = False
    pair_id: int | None = None
    letter_id: int | None = None
    assignment_id: int | None = None
    details: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def key(self) -> tuple:
        return (self.recipient_id, self.kind, self.object_key, self.due_at)


# ---------------------------------------------------------------------------- time helpers


def program_zone(program: Program) -> ZoneInfo:
    return ZoneInfo(program.time_zone)


def after_quiet_hours(moment: datetime, zone: ZoneInfo) -> datetime:
    """Return `moment`, or 07:00 local time after it when it falls between 21:00 and 07:00."""
    local = moment.astimezone(zone)
    if QUIET_UNTIL <= local.time() < QUIET_FROM:
        return moment
    morning = local.date() + timedelta(days=1) if local.time() >= QUIET_FROM else local.date()
    return datetime.combine(morning, QUIET_UNTIL, tzinfo=zone).astimezone(moment.tzinfo)


def start_of_hour(moment: datetime) -> datetime:
    return moment.replace(minute=0, second=0, microsecond=0)


def weekly_moment(now: datetime, zone: ZoneInfo, weekday: int, hour: int) -> datetime:
    """Return the most recent `weekday` at `hour`:00 local time, at or before `now`."""
    local = now.astimezone(zone)
    day = local.date() - timedelta(days=(local.weekday() - weekday) % 7)
    moment = datetime.combine(day, time(hour), tzinfo=zone)
    if moment > local:
        moment -= timedelta(days=7)
    return moment.astimezone(now.tzinfo)


def within(start: datetime, now: datetime, length: timedelta) -> bool:
    """Return True if `now` is in [start, start + length)."""
    return start <= now < start + length


# ---------------------------------------------------------------------------- the state of things


@dataclass
class Snapshot:
    """Everything the planners read, loaded in a fixed number of queries."""

    now: datetime
    programs: dict[int, Program]
    pairs: list[Pair]
    assignments: list[Assignment]
    assignment_pairs: dict[int, set[int]]
    submitted: set[tuple[int, int]]
    delivered: list[Letter]
    last_submitted_by: dict[tuple[int, int], datetime]
    returned: list[dict]
    in_review: list[dict]
    urgent_ids: set[int]
    opened_ids: set[int]
    coordinators: dict[int, list[int]]
    operators: list[int]

    def pair_by_id(self) -> dict[int, Pair]:
        return {pair.pk: pair for pair in self.pairs}


def _overdue_span(program: Program) -> timedelta:
    """Return how long after the due date mentee overdue reminders can still be owed."""
    overdue = effective_setting(program, "letter_overdue")
    return timedelta(days=overdue["days_after"] + overdue["repeat_every_days"] * (overdue["repeats"] + 1))


def _reply_span(program: Program) -> timedelta:
    """Return how long after delivery a mentee letter can still cause mentor or flag reminders."""
    days = max(effective_setting(program, "reply_overdue")["days_after"], effective_setting(program, "pair_flag")["days_after"])
    return program.reply_window + timedelta(days=days) + NOTICE_WINDOW


def opened_letter_ids(letter_ids) -> set[int]:
    """Return which of `letter_ids` a coordinator has opened (so an urgent alert need not escalate).

    Until the moderation audit log exists, "opened" means the letter has left `in_review`.
    When `ReviewAuditEntry` lands, add its "opened" rows here; nothing else changes.
    """
    return set(Letter.objects.filter(pk__in=list(letter_ids)).exclude(status=LetterStatus.IN_REVIEW).values_list("pk", flat=True))


def load_snapshot(now: datetime) -> Snapshot:
    """Read what the planners need in a fixed number of queries (about a dozen)."""
    programs = {program.pk: program for program in Program.objects.all()}
    pairs = list(
        Pair.objects.filter(status=Pair.Status.ACTIVE, mentor__status=Membership.Status.ACTIVE,
                            mentee__status=Membership.Status.ACTIVE)
        .select_related("mentor", "mentee")
    )
    for pair in pairs:
        pair.program = programs[pair.program_id]
    active_programs = {pair.program_id for pair in pairs}
    oldest_due = min((now - _overdue_span(programs[pk]) for pk in active_programs), default=now)
    assignments = list(
        Assignment.objects.filter(program_id__in=active_programs, opens_at__lte=now, due_at__gte=oldest_due)
        .select_related("reading")
    )
    assignment_pairs: dict[int, set[int]] = defaultdict(set)
    for assignment_id, pair_id in Assignment.pairs.through.objects.filter(
        assignment_id__in=[a.pk for a in assignments if not a.targets_all_pairs]
    ).values_list("assignment_id", "pair_id"):
        assignment_pairs[assignment_id].add(pair_id)
    submitted = set(
        Letter.objects.filter(assignment_id__in=[a.pk for a in assignments], author__role=Membership.Role.MENTEE)
        .exclude(status=LetterStatus.DRAFT)
        .values_list("pair_id", "assignment_id")
    )
    oldest_delivery = min((now - _reply_span(programs[pk]) for pk in active_programs), default=now)
    delivered = list(
        Letter.objects.filter(pair__status=Pair.Status.ACTIVE, status__in=RECIPIENT_VISIBLE,
                              delivered_at__gte=oldest_delivery, delivered_at__lte=now)
        .select_related("author")
    )
    last_submitted_by = {
        (row["pair_id"], row["author_id"]): row["last"]
        for row in Letter.objects.filter(pair__status=Pair.Status.ACTIVE).exclude(status=LetterStatus.DRAFT)
        .values("pair_id", "author_id").annotate(last=Max("submitted_at"))
    }
    returned = list(
        Letter.objects.filter(status=LetterStatus.CHANGES_REQUESTED, pair__status=Pair.Status.ACTIVE)
        .annotate(returned_at=Max("events__created_at", filter=Q(events__to_status=LetterStatus.CHANGES_REQUESTED)))
        .values("pk", "pair_id", "author__user_id", "returned_at")
    )
    # Letters in review, whatever the pair's state: a safeguarding concern does not wait for a resumed pair.
    in_review = list(
        Letter.objects.filter(status=LetterStatus.IN_REVIEW)
        .values("pk", "pair_id", "pair__program_id", "submitted_at", "author__pseudonym")
    )
    urgent_ids = set(
        Finding.objects.filter(letter__status=LetterStatus.IN_REVIEW, severity=Finding.Severity.URGENT)
        .values_list("letter_id", flat=True)
    )
    coordinators: dict[int, list[int]] = defaultdict(list)
    for user_id, program_id in Membership.objects.active().filter(
        role=Membership.Role.COORDINATOR, user__is_active=True
    ).values_list("user_id", "program_id"):
        coordinators[program_id].append(user_id)
    operators = list(User.objects.filter(is_superuser=True, is_active=True).values_list("pk", flat=True))
    escalating = [row["pk"] for row in in_review if row["pk"] in urgent_ids and row["submitted_at"] + ESCALATE_AFTER <= now]
    return Snapshot(
        now=now, programs=programs, pairs=pairs, assignments=assignments, assignment_pairs=assignment_pairs,
        submitted=submitted, delivered=delivered, last_submitted_by=last_submitted_by, returned=returned,
        in_review=in_review, urgent_ids=urgent_ids, opened_ids=opened_letter_ids(escalating) if escalating else set(),
        coordinators=coordinators, operators=operators,
    )


# ---------------------------------------------------------------------------- planners, one per reason


def _applies(snapshot: Snapshot, assignment: Assignment, pair: Pair) -> bool:
    return assignment.program_id == pair.program_id and (
        assignment.targets_all_pairs or pair.pk in snapshot.assignment_pairs.get(assignment.pk, ())
    )


def _mentee_assignment_reminders(snapshot: Snapshot) -> list[Planned]:
    """A reading opened; its letter is due soon; it is overdue (then weekly, a bounded number of times)."""
    now, planned = snapshot.now, []
    by_program: dict[int, list[Assignment]] = defaultdict(list)
    for assignment in snapshot.assignments:
        by_program[assignment.program_id].append(assignment)
    for pair in snapshot.pairs:
        program = pair.program
        opened, due, overdue = (effective_setting(program, name) for name in ("reading_open", "letter_due", "letter_overdue"))
        for assignment in by_program.get(pair.program_id, ()):
            if not _applies(snapshot, assignment, pair) or (pair.pk, assignment.pk) in snapshot.submitted:
                continue
            common = dict(recipient_id=pair.mentee.user_id, object_key=f"assignment:{assignment.pk}", program=program,
                          quiet_hours=True, pair_id=pair.pk, assignment_id=assignment.pk)
            if opened["enabled"] and assignment.opens_at <= now < assignment.due_at:
                planned.append(Planned(kind=ReminderKind.READING_OPEN, due_at=assignment.opens_at, **common))
            warn_at = assignment.due_at - timedelta(hours=due["hours_before"])
            if due["enabled"] and warn_at <= now < assignment.due_at:
                planned.append(Planned(kind=ReminderKind.LETTER_DUE, due_at=warn_at, **common))
            if overdue["enabled"]:
                step = timedelta(days=overdue["repeat_every_days"])
                for repeat in range(overdue["repeats"] + 1):
                    moment = assignment.due_at + timedelta(days=overdue["days_after"]) + repeat * step
                    if within(moment, now, step):
                        planned.append(Planned(kind=ReminderKind.LETTER_OVERDUE, due_at=moment, **common))
    return planned


def _mentor_replied(snapshot: Snapshot, letter: Letter, pair: Pair) -> bool:
    last = snapshot.last_submitted_by.get((pair.pk, pair.mentor_id))
    return last is not None and last >= letter.delivered_at


def _delivery_reminders(snapshot: Snapshot) -> list[Planned]:
    """A letter arrived; a mentor's reply is due soon or overdue; the pair is flagged to coordinators."""
    now, planned, pairs = snapshot.now, [], snapshot.pair_by_id()
    for letter in snapshot.delivered:
        pair = pairs.get(letter.pair_id)
        if pair is None:
            continue
        program = pair.program
        recipient = pair.partner_of(letter.author)
        common = dict(object_key=f"letter:{letter.pk}", program=program, pair_id=pair.pk, letter_id=letter.pk)
        if (letter.status == LetterStatus.DELIVERED and effective_setting(program, "letter_delivered")["enabled"]
                and within(letter.delivered_at, now, NOTICE_WINDOW)):
            planned.append(Planned(
                recipient_id=recipient.user_id, kind=ReminderKind.LETTER_DELIVERED, due_at=letter.delivered_at,
                quiet_hours=recipient.role == Membership.Role.MENTEE, **common,
            ))
        if letter.author.role != Membership.Role.MENTEE or _mentor_replied(snapshot, letter, pair):
            continue
        reply_due = letter.delivered_at + program.reply_window
        due, overdue, flag = (effective_setting(program, name) for name in ("reply_due", "reply_overdue", "pair_flag"))
        warn_at = reply_due - timedelta(hours=due["hours_before"])
        if due["enabled"] and warn_at <= now < reply_due:
            planned.append(Planned(recipient_id=pair.mentor.user_id, kind=ReminderKind.REPLY_DUE, due_at=warn_at, **common))
        late_at = reply_due + timedelta(days=overdue["days_after"])
        if overdue["enabled"] and within(late_at, now, NOTICE_WINDOW):
            planned.append(Planned(recipient_id=pair.mentor.user_id, kind=ReminderKind.REPLY_OVERDUE, due_at=late_at, **common))
        flag_at = reply_due + timedelta(days=flag["days_after"])
        if flag["enabled"] and within(flag_at, now, NOTICE_WINDOW):
            details = {"mentor": pair.mentor.pseudonym, "mentee": pair.mentee.pseudonym, "days": flag["days_after"]}
            for coordinator_id in snapshot.coordinators.get(program.pk, ()):
                planned.append(Planned(recipient_id=coordinator_id, kind=ReminderKind.PAIR_FLAG, due_at=flag_at,
                                       details=details, **common))
    return planned


def _returned_reminders(snapshot: Snapshot) -> list[Planned]:
    """The author's letter came back with a note."""
    planned, pairs = [], snapshot.pair_by_id()
    for row in snapshot.returned:
        pair = pairs.get(row["pair_id"])
        if pair is None or row["returned_at"] is None or not effective_setting(pair.program, "letter_returned")["enabled"]:
            continue
        if not within(row["returned_at"], snapshot.now, NOTICE_WINDOW):
            continue
        planned.append(Planned(
            recipient_id=row["author__user_id"], kind=ReminderKind.LETTER_RETURNED, object_key=f"letter:{row['pk']}",
            due_at=row["returned_at"], program=pair.program, pair_id=pair.pk, letter_id=row["pk"],
            quiet_hours=row["author__user_id"] == pair.mentee.user_id,
        ))
    return planned


def _review_reminders(snapshot: Snapshot) -> list[Planned]:
    """Urgent findings (to coordinators at once, to operators after an hour unopened) and overdue reviews."""
    now, planned = snapshot.now, []
    overdue_by_program: dict[int, list[dict]] = defaultdict(list)
    for row in snapshot.in_review:
        program = snapshot.programs[row["pair__program_id"]]
        common = dict(object_key=f"letter:{row['pk']}", program=program, pair_id=row["pair_id"], letter_id=row["pk"],
                      details={"author": row["author__pseudonym"]})
        if row["pk"] in snapshot.urgent_ids:
            for coordinator_id in snapshot.coordinators.get(program.pk, ()):
                planned.append(Planned(recipient_id=coordinator_id, kind=ReminderKind.URGENT_FINDING,
                                       due_at=row["submitted_at"], **common))
            escalate_at = row["submitted_at"] + ESCALATE_AFTER
            if escalate_at <= now and row["pk"] not in snapshot.opened_ids:
                for operator_id in snapshot.operators:
                    planned.append(Planned(recipient_id=operator_id, kind=ReminderKind.URGENT_ESCALATION,
                                           due_at=escalate_at, **common))
        if row["submitted_at"] + program.review_sla <= now:
            overdue_by_program[program.pk].append(row)
    hour = start_of_hour(now)
    for program_id, rows in overdue_by_program.items():
        program = snapshot.programs[program_id]
        if not effective_setting(program, "review_digest")["enabled"]:
            continue
        oldest = min(row["submitted_at"] for row in rows)
        details = {"count": len(rows), "oldest": oldest.isoformat()}
        for coordinator_id in snapshot.coordinators.get(program_id, ()):
            planned.append(Planned(recipient_id=coordinator_id, kind=ReminderKind.REVIEW_DIGEST,
                                   object_key=f"program:{program_id}", due_at=hour, program=program, details=details))
    return planned


def pairs_needing_attention(snapshot: Snapshot) -> dict[int, list[dict]]:
    """Return, per program, the active pairs with an overdue mentee letter or an overdue mentor reply."""
    now, found = snapshot.now, defaultdict(dict)
    for pair in snapshot.pairs:
        for assignment in snapshot.assignments:
            if (_applies(snapshot, assignment, pair) and assignment.due_at < now
                    and (pair.pk, assignment.pk) not in snapshot.submitted):
                found[pair.program_id].setdefault(pair.pk, {"mentor": pair.mentor.pseudonym, "mentee": pair.mentee.pseudonym, "reasons": []})["reasons"].append("letter_overdue")
                break
    pairs = snapshot.pair_by_id()
    for letter in snapshot.delivered:
        pair = pairs.get(letter.pair_id)
        if pair is None or letter.author.role != Membership.Role.MENTEE or _mentor_replied(snapshot, letter, pair):
            continue
        if letter.delivered_at + pair.program.reply_window < now:
            entry = found[pair.program_id].setdefault(pair.pk, {"mentor": pair.mentor.pseudonym, "mentee": pair.mentee.pseudonym, "reasons": []})
            if "reply_overdue" not in entry["reasons"]:
                entry["reasons"].append("reply_overdue")
    return {program_id: [entries[pk] for pk in sorted(entries)] for program_id, entries in found.items()}


def _weekly_digests(snapshot: Snapshot) -> list[Planned]:
    """Once a week, each coordinator hears which of their pairs need attention (if any do)."""
    planned = []
    for program_id, entries in pairs_needing_attention(snapshot).items():
        program = snapshot.programs[program_id]
        setting = effective_setting(program, "weekly_digest")
        if not setting["enabled"] or not entries:
            continue
        moment = weekly_moment(snapshot.now, program_zone(program), setting["weekday"], setting["hour"])
        if not within(moment, snapshot.now, WEEKLY_DIGEST_WINDOW):
            continue  # a pair that needs attention mid-week waits for next week's digest
        for coordinator_id in snapshot.coordinators.get(program_id, ()):
            planned.append(Planned(recipient_id=coordinator_id, kind=ReminderKind.WEEKLY_DIGEST,
                                   object_key=f"program:{program_id}", due_at=moment, program=program,
                                   details={"pairs": entries}))
    return planned


PLANNERS = (_mentee_assignment_reminders, _delivery_reminders, _returned_reminders, _review_reminders, _weekly_digests)


def owed_reminders(now: datetime) -> list[Planned]:
    """Return every reminder owed at `now` whose reason still holds (deduplicated by key)."""
    snapshot = load_snapshot(now)
    unique: dict[tuple, Planned] = {}
    for planner in PLANNERS:
        for item in planner(snapshot):
            unique.setdefault(item.key, item)
    return list(unique.values())


def _as_row(item: Planned) -> Reminder:
    send_after = item.due_at
    if item.quiet_hours:
        send_after = after_quiet_hours(item.due_at, program_zone(item.program))
    return Reminder(
        recipient_id=item.recipient_id, kind=item.kind, object_key=item.object_key, due_at=item.due_at,
        send_after=send_after, program=item.program, pair_id=item.pair_id, letter_id=item.letter_id,
        assignment_id=item.assignment_id, details=item.details,
    )


def plan_reminders(now: datetime) -> int:
    """Insert the reminders owed at `now` and cancel pending ones whose reason is gone.

    Returns how many pending rows were cancelled. Safe to run twice, or in two clusters at
    once: the unique key turns a second insert into nothing, and cancelling is guarded by
    status. Costs a fixed number of queries whatever the number of pairs.
    """
    owed = owed_reminders(now)
    Reminder.objects.bulk_create([_as_row(item) for item in owed], ignore_conflicts=True)
    owed_keys = {item.key for item in owed}
    stale = [
        pk for pk, *key in Reminder.objects.filter(status=ReminderStatus.PENDING)
        .values_list("pk", "recipient_id", "kind", "object_key", "due_at")
        if tuple(key) not in owed_keys
    ]
    if not stale:
        return 0
    return Reminder.objects.filter(pk__in=stale, status=ReminderStatus.PENDING).update(
        status=ReminderStatus.CANCELLED, last_error="reason gone"
    )


# ---------------------------------------------------------------------------- delivery


def release_stale_claims(now: datetime) -> int:
    """Return rows claimed by a worker that died to pending (or failed, after MAX_ATTEMPTS)."""
    stale = Reminder.objects.filter(status=ReminderStatus.SENDING, claimed_at__lt=now - CLAIM_LEASE)
    failed = stale.filter(attempts__gte=MAX_ATTEMPTS).update(status=ReminderStatus.FAILED, last_error="worker stopped while sending")
    return failed + stale.update(status=ReminderStatus.PENDING)


def claim(reminder: Reminder, now: datetime) -> bool:
    """Atomically take `reminder` for sending; return False if another worker has it or it is done."""
    taken = Reminder.objects.filter(pk=reminder.pk, status=ReminderStatus.PENDING).update(
        status=ReminderStatus.SENDING, claimed_at=now, attempts=F("attempts") + 1
    )
    return bool(taken)


def _give_back(reminder: Reminder, error: Exception) -> None:
    """After a failed send: try again at the next sweep, or stop after MAX_ATTEMPTS."""
    reminder.refresh_from_db(fields=["attempts"])
    status = ReminderStatus.FAILED if reminder.attempts >= MAX_ATTEMPTS else ReminderStatus.PENDING
    # The class name only: an exception message could quote an address.
    Reminder.objects.filter(pk=reminder.pk, status=ReminderStatus.SENDING).update(
        status=status, last_error=type(error).__name__[:200]
    )


def deliver_due_reminders(now: datetime, *, limit: int = DELIVERY_BATCH) -> int:
    """Send the pending reminders whose time has come; return how many were sent.

    Each row is claimed before it is sent and marked sent (with its in-app notification)
    right after, so a retry, a second worker or a restarted one never sends it again.
    """
    from letters import notifications

    release_stale_claims(now)
    due = list(
        Reminder.objects.filter(status=ReminderStatus.PENDING, send_after__lte=now)
        .select_related("recipient", "program", "pair__mentor", "pair__mentee", "letter__author", "assignment__reading")
        .order_by("send_after", "pk")[:limit]
    )
    if not due:
        return 0
    user_ids = {reminder.recipient_id for reminder in due}
    preferences = {p.user_id: p for p in NotificationPreference.objects.filter(user_id__in=user_ids)}
    pseudonyms = {
        (m.user_id, m.program_id): m.pseudonym
        for m in Membership.objects.filter(user_id__in=user_ids, program_id__in={r.program_id for r in due})
    }
    sent = 0
    with get_connection() as connection:
        for reminder in due:
            if not claim(reminder, now):
                continue
            preference = preferences.get(reminder.recipient_id) or NotificationPreference(user_id=reminder.recipient_id)
            message = notifications.compose(reminder, pseudonyms.get((reminder.recipient_id, reminder.program_id), ""))
            wants_email = bool(reminder.recipient.email) and preference.wants_email(reminder.kind)
            try:
                if wants_email:
                    notifications.email_message(reminder, message, connection=connection).send()
            except Exception as error:  # noqa: BLE001 - any mail failure is retried at the next sweep
                logger.warning("reminder %s not sent: %s", reminder.pk, type(error).__name__)
                _give_back(reminder, error)
                continue
            _mark_sent(reminder, message, now=now, emailed=wants_email)
            sent += 1
    return sent


def _mark_sent(reminder: Reminder, message, *, now: datetime, emailed: bool) -> None:
    with transaction.atomic():
        Reminder.objects.filter(pk=reminder.pk, status=ReminderStatus.SENDING).update(
            status=ReminderStatus.SENT, sent_at=now, emailed=emailed
        )
        Notification.objects.create(
            user_id=reminder.recipient_id, reminder=reminder, kind=reminder.kind, program_id=reminder.program_id,
            title=message.subject, body=message.text, url=message.path,
        )


def sweep(now: datetime) -> dict:
    """Plan and send every reminder owed at `now`; return counts for the task's result."""
    cancelled = plan_reminders(now)
    sent = deliver_due_reminders(now)
    return {"sent": sent, "cancelled": cancelled}
