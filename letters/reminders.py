"""Reminders: decide who is owed which message, keep one row per message, and send each once.

A sweep (`sweep`) has two halves:

1. `plan_reminders(now)` works out every reminder whose moment has come and whose reason
   still holds, from a fixed number of queries whatever the number of pairs (pairs and
   letters are read as plain tuples, only within the windows in which they can still owe
   something). It reads the keys of the rows that exist, inserts only the missing ones
   under the unique key (recipient, kind, object, due moment), which still turns a
   concurrent cluster's identical insert into nothing, and cancels pending rows whose
   reason is gone (the letter was written, the pair paused, the letter was read).
2. `deliver_due_reminders(now)` takes pending rows whose `send_after` has passed. A
   mentee's e-mail that comes due in quiet hours waits until they end; its in-app notice
   does not wait. A row that goes
   out by e-mail is claimed with a guarded UPDATE (pending → sending) so that no two
   workers send it, marked as handed over (its own committed UPDATE), handed to the mail
   server, then marked sent with its in-app notification in one transaction. Rows that
   only appear in the app are taken (skipping rows another worker holds), marked sent and
   given their notifications together, in one transaction: nothing leaves the building
   for them.

A worker killed after claiming leaves a `sending` row; after CLAIM_LEASE the next sweep
looks at it. If it was never handed over, the mail server never saw it: it is sent again
(bounded by MAX_ATTEMPTS). If it was handed over, the e-mail may have gone out: it is
recorded as sent (with its in-app notification) and not e-mailed again, so a child never
gets a reminder twice; only urgent safeguarding alerts (RESEND_IF_UNSURE) are sent again,
because for them twice is better than never. The trade-off is in docs/background-jobs.md.
"""

from __future__ import annotations

import logging
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from functools import cached_property, partial
from typing import NamedTuple
from zoneinfo import ZoneInfo

from django.conf import settings as django_settings
from django.core.mail import get_connection
from django.db import connection, transaction
from django.db.models import F, Max, Q
from django.utils import timezone

from letters import deadlines
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
from programs.reminder_settings import REMINDER_DEFAULTS, effective_setting
from readings.models import Assignment

logger = logging.getLogger(__name__)

#: A claimed row that is still `sending` after this long belonged to a worker that died.
CLAIM_LEASE = timedelta(minutes=10)
#: Attempts to send one reminder before it is marked failed.
MAX_ATTEMPTS = 3
#: Rows sent per sweep; the rest wait for the next sweep (minutes later).
DELIVERY_BATCH = 500
#: Kinds sent again when a worker died after handing the e-mail to the mail server (at least
#: once: a safeguarding alert twice is better than never). Every other kind is at most once:
#: its in-app notification is still written, but the e-mail is not repeated.
RESEND_IF_UNSURE = frozenset({ReminderKind.URGENT_FINDING, ReminderKind.URGENT_ESCALATION})

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


class PairInfo(NamedTuple):
    """An active pair as the planners need it: ids and pseudonyms, read without building models."""

    pk: int
    program_id: int
    mentor_id: int
    mentee_id: int
    mentor_user_id: int
    mentee_user_id: int
    mentor_pseudonym: str
    mentee_pseudonym: str

    def names(self) -> dict:
        return {"mentor": self.mentor_pseudonym, "mentee": self.mentee_pseudonym}


class DeliveredLetter(NamedTuple):
    """A letter a recipient can see, delivered recently enough to still cause a reminder."""

    pk: int
    pair_id: int
    author_id: int
    author_role: str
    status: str
    delivered_at: datetime


def _by_program(items) -> dict[int, list]:
    """Return `items` (anything with a program_id) grouped by program, in their order."""
    grouped = defaultdict(list)
    for item in items:
        grouped[item.program_id].append(item)
    return grouped


@dataclass
class Snapshot:
    """Everything the planners read, loaded in a fixed number of queries.

    Pairs and delivered letters are plain tuples, and each program's reminder settings are
    merged once (`setting`), because the planners look at every active pair.
    """

    now: datetime
    programs: dict[int, Program]
    settings: dict[int, dict[str, dict]]
    pairs: list[PairInfo]
    assignments: list[Assignment]
    assignment_pairs: dict[int, set[int]]
    submitted: set[tuple[int, int]]
    delivered: list[DeliveredLetter]
    last_submitted_by: dict[tuple[int, int], datetime]
    returned: list[dict]
    decided: list[dict]
    in_review: list[dict]
    urgent_ids: set[int]
    opened_ids: set[int]
    coordinators: dict[int, list[int]]
    operators: list[int]

    def setting(self, program_id: int, name: str) -> dict:
        """Return the effective settings of reminder `name` in program `program_id` (see programs.reminder_settings)."""
        return self.settings[program_id][name]

    @cached_property
    def pairs_by_id(self) -> dict[int, PairInfo]:
        return {pair.pk: pair for pair in self.pairs}

    @cached_property
    def pairs_by_program(self) -> dict[int, list[PairInfo]]:
        return _by_program(self.pairs)

    @cached_property
    def assignments_by_program(self) -> dict[int, list[Assignment]]:
        return _by_program(self.assignments)


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


def load_snapshot(now: datetime, *, pair_ids: list[int] | None = None) -> Snapshot:
    """Read what the planners need in a fixed number of queries (about a dozen).

    Letters and assignments are read only within the windows in which they can still cause
    a reminder (the longest overdue and reply spans of the programs with active pairs).
    With `pair_ids`, only those pairs, their letters and their programs are read (the
    per-letter task, `plan_for_letter`); the planners' program-wide answers (digests) are
    then partial, so that caller keeps only what concerns its letter.
    """

    def scoped(queryset, field: str = "pair_id"):
        return queryset if pair_ids is None else queryset.filter(**{f"{field}__in": pair_ids})

    programs = {program.pk: program for program in scoped(Program.objects.all(), "pairs__pk").distinct()}
    settings = {pk: {name: effective_setting(program, name) for name in REMINDER_DEFAULTS} for pk, program in programs.items()}
    pairs = [
        PairInfo._make(row) for row in
        scoped(Pair.objects, "pk").filter(status=Pair.Status.ACTIVE, mentor__status=Membership.Status.ACTIVE,
                            mentee__status=Membership.Status.ACTIVE)
        .values_list("pk", "program_id", "mentor_id", "mentee_id", "mentor__user_id", "mentee__user_id",
                     "mentor__pseudonym", "mentee__pseudonym")
    ]
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
    # The status is checked here rather than in SQL: with `status IN (...)` SQLite walked every
    # delivered and read letter ever through the status index, three times slower than a scan.
    # (An index on delivered_at would serve this query but turns the dashboard's pair-health
    # subqueries into scans of every letter, so there is none.)
    delivered = [
        letter for letter in map(DeliveredLetter._make, scoped(Letter.objects).filter(
            pair__status=Pair.Status.ACTIVE, delivered_at__gte=oldest_delivery, delivered_at__lte=now,
        ).values_list("pk", "pair_id", "author_id", "author__role", "status", "delivered_at"))
        if letter.status in RECIPIENT_VISIBLE
    ]
    # Only compared with the delivery time of a letter in `delivered` (_mentor_replied), so
    # letters submitted before the oldest of those cannot change an answer.
    last_submitted_by = {
        (row["pair_id"], row["author_id"]): row["last"]
        for row in scoped(Letter.objects).filter(pair__status=Pair.Status.ACTIVE, submitted_at__gte=oldest_delivery)
        .exclude(status=LetterStatus.DRAFT)
        .values("pair_id", "author_id").annotate(last=Max("submitted_at"))
    }
    returned = list(
        scoped(Letter.objects).filter(status=LetterStatus.CHANGES_REQUESTED, pair__status=Pair.Status.ACTIVE)
        .annotate(returned_at=Max("events__created_at", filter=Q(events__to_status=LetterStatus.CHANGES_REQUESTED)))
        .values("pk", "pair_id", "author__user_id", "returned_at")
    )
    # Letters withheld, or delivered with parts removed, within the notice window, for their
    # authors. Whatever the pair's state: withholding often pauses the pair too.
    recently = now - NOTICE_WINDOW
    decided = list(
        Letter.objects.filter(
            Q(status=LetterStatus.WITHHELD, events__to_status=LetterStatus.WITHHELD, events__created_at__gte=recently)
            | Q(status__in=RECIPIENT_VISIBLE, delivered_at__gte=recently, redactions__isnull=False)
        )
        .annotate(withheld_at=Max("events__created_at", filter=Q(events__to_status=LetterStatus.WITHHELD)))
        .values("pk", "pair_id", "pair__program_id", "status", "delivered_at", "withheld_at", "author__user_id",
                "author__role")
        .distinct()
    )
    # Letters in review, whatever the pair's state: a safeguarding concern does not wait for a resumed pair.
    in_review = list(
        scoped(Letter.objects).filter(status=LetterStatus.IN_REVIEW)
        .values("pk", "pair_id", "pair__program_id", "submitted_at", "author__pseudonym")
    )
    urgent_ids = set(
        scoped(Finding.objects, "letter__pair_id").filter(letter__status=LetterStatus.IN_REVIEW, severity=Finding.Severity.URGENT)
        .values_list("letter_id", flat=True)
    )
    coordinators: dict[int, list[int]] = defaultdict(list)
    for user_id, program_id in scoped(Membership.objects.active(), "program__pairs__pk").filter(
        role=Membership.Role.COORDINATOR, user__is_active=True
    ).values_list("user_id", "program_id"):
        coordinators[program_id].append(user_id)
    operators = list(User.objects.filter(is_superuser=True, is_active=True).values_list("pk", flat=True))
    escalating = [row["pk"] for row in in_review if row["pk"] in urgent_ids and row["submitted_at"] + ESCALATE_AFTER <= now]
    return Snapshot(
        now=now, programs=programs, settings=settings, pairs=pairs, assignments=assignments,
        assignment_pairs=assignment_pairs, submitted=submitted, delivered=delivered,
        last_submitted_by=last_submitted_by, returned=returned, decided=decided, in_review=in_review, urgent_ids=urgent_ids,
        opened_ids=opened_letter_ids(escalating) if escalating else set(), coordinators=coordinators,
        operators=operators,
    )


# ---------------------------------------------------------------------------- planners, one per reason


def _applies(snapshot: Snapshot, assignment: Assignment, pair: PairInfo) -> bool:
    return assignment.program_id == pair.program_id and (
        assignment.targets_all_pairs or pair.pk in snapshot.assignment_pairs.get(assignment.pk, ())
    )


def _owed_for_assignment(snapshot: Snapshot, assignment: Assignment) -> list[tuple[str, datetime]]:
    """Return the (kind, due moment) owed now to each mentee who has not written about `assignment`.

    The same for every pair, so it is worked out once per assignment, not once per pair.
    """
    now, setting = snapshot.now, partial(snapshot.setting, assignment.program_id)
    opened, due, overdue = setting("reading_open"), setting("letter_due"), setting("letter_overdue")
    owed = []
    if opened["enabled"] and assignment.opens_at <= now < assignment.due_at:
        owed.append((ReminderKind.READING_OPEN, assignment.opens_at))
    warn_at = assignment.due_at - timedelta(hours=due["hours_before"])
    if due["enabled"] and warn_at <= now < assignment.due_at:
        owed.append((ReminderKind.LETTER_DUE, warn_at))
    if overdue["enabled"]:
        step = timedelta(days=overdue["repeat_every_days"])
        for repeat in range(overdue["repeats"] + 1):
            moment = assignment.due_at + timedelta(days=overdue["days_after"]) + repeat * step
            if within(moment, now, step):
                owed.append((ReminderKind.LETTER_OVERDUE, moment))
    return owed


def _mentee_assignment_reminders(snapshot: Snapshot) -> list[Planned]:
    """A reading opened; its letter is due soon; it is overdue (then weekly, a bounded number of times)."""
    planned = []
    owed_by_assignment = {assignment.pk: _owed_for_assignment(snapshot, assignment) for assignment in snapshot.assignments}
    for pair in snapshot.pairs:
        program = snapshot.programs[pair.program_id]
        for assignment in snapshot.assignments_by_program.get(pair.program_id, ()):
            owed = owed_by_assignment[assignment.pk]
            if not owed or not _applies(snapshot, assignment, pair) or (pair.pk, assignment.pk) in snapshot.submitted:
                continue
            for kind, due_at in owed:
                planned.append(Planned(
                    recipient_id=pair.mentee_user_id, kind=kind, due_at=due_at, object_key=f"assignment:{assignment.pk}",
                    program=program, quiet_hours=True, pair_id=pair.pk, assignment_id=assignment.pk,
                ))
    return planned


def _mentor_replied(snapshot: Snapshot, letter: DeliveredLetter, pair: PairInfo) -> bool:
    return deadlines.reply_answered(letter.delivered_at, snapshot.last_submitted_by.get((pair.pk, pair.mentor_id)))


def _delivery_reminders(snapshot: Snapshot) -> list[Planned]:
    """A letter arrived; a mentor's reply is due soon or overdue; the pair is flagged to coordinators."""
    now, planned = snapshot.now, []
    for letter in snapshot.delivered:
        pair = snapshot.pairs_by_id.get(letter.pair_id)
        if pair is None:
            continue
        program, setting = snapshot.programs[pair.program_id], partial(snapshot.setting, pair.program_id)
        common = dict(object_key=f"letter:{letter.pk}", program=program, pair_id=pair.pk, letter_id=letter.pk)
        if (letter.status == LetterStatus.DELIVERED and setting("letter_delivered")["enabled"]
                and within(letter.delivered_at, now, NOTICE_WINDOW)):
            to_mentee = letter.author_id == pair.mentor_id
            planned.append(Planned(
                recipient_id=pair.mentee_user_id if to_mentee else pair.mentor_user_id,
                kind=ReminderKind.LETTER_DELIVERED, due_at=letter.delivered_at, quiet_hours=to_mentee, **common,
            ))
        if letter.author_role != Membership.Role.MENTEE or _mentor_replied(snapshot, letter, pair):
            continue
        reply_due = deadlines.reply_due_at(letter.delivered_at, program.reply_window)
        due, overdue, flag = setting("reply_due"), setting("reply_overdue"), setting("pair_flag")
        warn_at = reply_due - timedelta(hours=due["hours_before"])
        if due["enabled"] and warn_at <= now < reply_due:
            planned.append(Planned(recipient_id=pair.mentor_user_id, kind=ReminderKind.REPLY_DUE, due_at=warn_at, **common))
        late_at = reply_due + timedelta(days=overdue["days_after"])
        if overdue["enabled"] and within(late_at, now, NOTICE_WINDOW):
            planned.append(Planned(recipient_id=pair.mentor_user_id, kind=ReminderKind.REPLY_OVERDUE, due_at=late_at, **common))
        flag_at = reply_due + timedelta(days=flag["days_after"])
        if flag["enabled"] and within(flag_at, now, NOTICE_WINDOW):
            details = {**pair.names(), "days": flag["days_after"]}
            for coordinator_id in snapshot.coordinators.get(program.pk, ()):
                planned.append(Planned(recipient_id=coordinator_id, kind=ReminderKind.PAIR_FLAG, due_at=flag_at,
                                       details=details, **common))
    return planned


def _returned_reminders(snapshot: Snapshot) -> list[Planned]:
    """The author's letter came back with a note."""
    planned = []
    for row in snapshot.returned:
        pair = snapshot.pairs_by_id.get(row["pair_id"])
        if pair is None or row["returned_at"] is None or not snapshot.setting(pair.program_id, "letter_returned")["enabled"]:
            continue
        if not within(row["returned_at"], snapshot.now, NOTICE_WINDOW):
            continue
        planned.append(Planned(
            recipient_id=row["author__user_id"], kind=ReminderKind.LETTER_RETURNED, object_key=f"letter:{row['pk']}",
            due_at=row["returned_at"], program=snapshot.programs[pair.program_id], pair_id=pair.pk, letter_id=row["pk"],
            quiet_hours=row["author__user_id"] == pair.mentee_user_id,
        ))
    return planned


def _decision_reminders(snapshot: Snapshot) -> list[Planned]:
    """The author's letter was withheld, or delivered with parts removed.

    A withheld letter is told automatically to a mentee only. An adult's letter is withheld
    when it may harm a child; an automatic notice could warn someone who is grooming before
    the coordinators have acted, so coordinators tell a mentor themselves.
    """
    planned = []
    for row in snapshot.decided:
        withheld = row["status"] == LetterStatus.WITHHELD
        if withheld and row["author__role"] != Membership.Role.MENTEE:
            continue
        kind = ReminderKind.LETTER_WITHHELD if withheld else ReminderKind.LETTER_REDACTED
        decided_at = row["withheld_at"] if withheld else row["delivered_at"]
        if decided_at is None or not snapshot.setting(row["pair__program_id"], kind.value)["enabled"]:
            continue
        planned.append(Planned(
            recipient_id=row["author__user_id"], kind=kind, object_key=f"letter:{row['pk']}", due_at=decided_at,
            program=snapshot.programs[row["pair__program_id"]], pair_id=row["pair_id"], letter_id=row["pk"],
            quiet_hours=row["author__role"] == Membership.Role.MENTEE,
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
        if deadlines.is_overdue(deadlines.review_due_at(row["submitted_at"], program.review_sla), now):
            overdue_by_program[program.pk].append(row)
    hour = start_of_hour(now)
    for program_id, rows in overdue_by_program.items():
        program = snapshot.programs[program_id]
        if not snapshot.setting(program_id, "review_digest")["enabled"]:
            continue
        oldest = min(row["submitted_at"] for row in rows)
        details = {"count": len(rows), "oldest": oldest.isoformat()}
        for coordinator_id in snapshot.coordinators.get(program_id, ()):
            planned.append(Planned(recipient_id=coordinator_id, kind=ReminderKind.REVIEW_DIGEST,
                                   object_key=f"program:{program_id}", due_at=hour, program=program, details=details))
    return planned


def pairs_needing_attention(snapshot: Snapshot, program_id: int) -> list[dict]:
    """Return the pairs of `program_id` with an overdue mentee letter or an overdue mentor reply.

    Judged by letters.deadlines in the database (one query), as the dashboard's pair health
    and the program report judge it, so the three always name the same pairs. The
    snapshot's windows are not used: a letter overdue for months still counts.
    """
    program = snapshot.programs[program_id]
    rows = (
        deadlines.annotate_pair_deadlines(Pair.objects.filter(program_id=program_id), now=snapshot.now,
                                          reply_window=program.reply_window)
        .filter(deadlines_need_attention=True)
        .order_by("pk")
        .values("mentor__pseudonym", "mentee__pseudonym", "has_overdue_letter", "has_overdue_reply")
    )
    return [
        {"mentor": row["mentor__pseudonym"], "mentee": row["mentee__pseudonym"],
         "reasons": [reason for reason, overdue in (("letter_overdue", row["has_overdue_letter"]),
                                                    ("reply_overdue", row["has_overdue_reply"])) if overdue]}
        for row in rows
    ]


def _weekly_digests(snapshot: Snapshot) -> list[Planned]:
    """Once a week, each coordinator hears which of their pairs need attention (if any do).

    The pairs are judged only in the day after a program's digest moment: the rest of the
    week there is nothing to send, and judging every pair is the costly part.
    """
    planned = []
    for program_id, program in snapshot.programs.items():
        setting = snapshot.setting(program_id, "weekly_digest")
        if not setting["enabled"] or not snapshot.coordinators.get(program_id):
            continue
        moment = weekly_moment(snapshot.now, program_zone(program), setting["weekday"], setting["hour"])
        if not within(moment, snapshot.now, WEEKLY_DIGEST_WINDOW):
            continue  # a pair that needs attention mid-week waits for next week's digest
        entries = pairs_needing_attention(snapshot, program_id)
        if not entries:
            continue
        for coordinator_id in snapshot.coordinators[program_id]:
            planned.append(Planned(recipient_id=coordinator_id, kind=ReminderKind.WEEKLY_DIGEST,
                                   object_key=f"program:{program_id}", due_at=moment, program=program,
                                   details={"pairs": entries}))
    return planned


PLANNERS = (_mentee_assignment_reminders, _delivery_reminders, _returned_reminders, _decision_reminders,
            _review_reminders, _weekly_digests)


def owed_reminders(now: datetime) -> list[Planned]:
    """Return every reminder owed at `now` whose reason still holds (deduplicated by key)."""
    snapshot = load_snapshot(now)
    unique: dict[tuple, Planned] = {}
    for planner in PLANNERS:
        for item in planner(snapshot):
            unique.setdefault(item.key, item)
    return list(unique.values())


#: The columns `_insert_rows` writes, in the order of `_row_values`; the others are NULL.
_INSERTED_FIELDS = ("recipient", "kind", "object_key", "due_at", "send_after", "program", "pair", "letter",
                    "assignment", "details", "status", "attempts", "emailed", "last_error", "created_at",
                    "quiet_hours")


def _row_values(item: Planned, created_at) -> tuple:
    """Return the values of `item`'s new row, adapted for the database, in the order of _INSERTED_FIELDS."""
    ops = connection.ops
    # Due at once: quiet hours hold only a mentee's e-mail, and that is checked when it is sent
    # (wait_for_quiet_hours); the in-app notice never waits for the morning.
    send_after = item.due_at
    return (
        item.recipient_id, item.kind, item.object_key, ops.adapt_datetimefield_value(item.due_at),
        ops.adapt_datetimefield_value(send_after), item.program.pk, item.pair_id, item.letter_id, item.assignment_id,
        ops.adapt_json_value(item.details, None), ReminderStatus.PENDING, 0, False, "", created_at, item.quiet_hours,
    )


def _insert_rows(items: list[Planned]) -> None:
    """Insert one pending row per item; a key that exists by now (another sweep) is skipped, not an error.

    Plain `INSERT ... ON CONFLICT DO NOTHING` (SQLite 3.24+ and PostgreSQL) of ready values,
    not bulk_create: a sweep over 10,000 pairs starts with about 44,000 new rows, and building
    and preparing that many model instances cost seconds. The unique key stays the guard.
    """
    if not items:
        return
    meta, ops = Reminder._meta, connection.ops
    columns = ", ".join(ops.quote_name(meta.get_field(name).column) for name in _INSERTED_FIELDS)
    placeholders = ", ".join(["%s"] * len(_INSERTED_FIELDS))
    created_at = ops.adapt_datetimefield_value(timezone.now())
    with transaction.atomic(), connection.cursor() as cursor:  # one commit, not one per row
        cursor.executemany(
            f"INSERT INTO {ops.quote_name(meta.db_table)} ({columns}) VALUES ({placeholders}) ON CONFLICT DO NOTHING",
            [_row_values(item, created_at) for item in items],
        )


def _existing_rows(owed: list[Planned]) -> dict[tuple, tuple[int, str]]:
    """Return {key: (pk, status)} of every pending row, and of every row that could share a key with `owed`.

    A row shares a key only with an item of its kind and due moment, so for each kind only
    the rows due at or after the oldest owed moment of that kind are read (one index range
    each: an old urgent alert still owed does not make the sweep read every older row).
    """
    oldest: dict[str, datetime] = {}
    for item in owed:
        oldest[item.kind] = min(item.due_at, oldest.get(item.kind, item.due_at))
    rows = Q(status=ReminderStatus.PENDING)
    for kind, due_at in oldest.items():
        rows |= Q(kind=kind, due_at__gte=due_at)
    return {
        (recipient_id, kind, object_key, due_at): (pk, status)
        for pk, recipient_id, kind, object_key, due_at, status in Reminder.objects.filter(rows)
        .order_by().values_list("pk", "recipient_id", "kind", "object_key", "due_at", "status")
    }


def plan_reminders(now: datetime) -> int:
    """Insert the reminders owed at `now` that have no row yet, and cancel pending ones whose reason is gone.

    Returns how many pending rows were cancelled. Safe to run twice, or in two clusters at
    once: the existing keys are read first so that a second run inserts nothing, the unique
    key turns an insert that races another cluster's into nothing, and cancelling is guarded
    by status. Costs a fixed number of queries whatever the number of pairs.
    """
    owed = owed_reminders(now)
    existing = _existing_rows(owed)
    _insert_rows([item for item in owed if item.key not in existing])
    owed_keys = {item.key for item in owed}
    stale = [pk for key, (pk, status) in existing.items() if status == ReminderStatus.PENDING and key not in owed_keys]
    if not stale:
        return 0
    return Reminder.objects.filter(pk__in=stale, status=ReminderStatus.PENDING).update(
        status=ReminderStatus.CANCELLED, last_error="reason gone"
    )


#: The planners whose reminders can concern one letter as soon as it changes state.
LETTER_PLANNERS = (_delivery_reminders, _returned_reminders, _review_reminders)


def plan_for_letter(letter_id: int, now: datetime) -> int:
    """Insert the reminders owed at `now` about letter `letter_id` alone that have no row yet; return how many.

    Reads only the letter's pair (load_snapshot with `pair_ids`), so its cost does not grow
    with the installation. Cancels nothing: the periodic sweep (plan_reminders) still
    plans and cancels everything and catches whatever this missed. Safe to run twice (the
    unique key, and the rows already there are read first).
    """
    pair_id = Letter.objects.filter(pk=letter_id).values_list("pair_id", flat=True).first()
    if pair_id is None:
        return 0
    snapshot = load_snapshot(now, pair_ids=[pair_id])
    owed: dict[tuple, Planned] = {}
    for planner in LETTER_PLANNERS:
        for item in planner(snapshot):
            if item.letter_id == letter_id:
                owed.setdefault(item.key, item)
    existing = set(Reminder.objects.filter(letter_id=letter_id).values_list("recipient_id", "kind", "object_key", "due_at"))
    missing = [item for key, item in owed.items() if key not in existing]
    _insert_rows(missing)
    return len(missing)


# ---------------------------------------------------------------------------- delivery


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


def claim(reminder: Reminder, now: datetime) -> bool:
    """Atomically take `reminder` for sending; return False if another worker has it or it is done."""
    taken = Reminder.objects.filter(pk=reminder.pk, status=ReminderStatus.PENDING).update(
        status=ReminderStatus.SENDING, claimed_at=now, attempts=F("attempts") + 1
    )
    return bool(taken)


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

    A reminder that goes out by e-mail is claimed, marked handed over, sent, and marked
    sent (with its in-app notification) right after, one at a time, so a retry, a second
    worker or a restarted one never sends it again. A mentee's e-mail waits while it is
    quiet hours in the program. A reminder that only appears in the app has nothing to send
    twice: those are taken, marked and given their notifications together, as are rows
    whose e-mail a dead worker had already handed over (see release_stale_claims).
    With `letter_id`, only that letter's reminders are sent (the per-letter task), and
    other workers' stale claims are left to the sweep.
    """
    from letters import notifications

    pending = Reminder.objects.filter(status=ReminderStatus.PENDING, send_after__lte=now)
    if letter_id is None:
        release_stale_claims(now)
    else:
        pending = pending.filter(letter_id=letter_id)
    due = list(
        pending
        .select_related("recipient", "program", "pair__mentor", "pair__mentee", "letter__author",
                        "letter__pair__program", "assignment__reading")
        .order_by("send_after", "pk")[:limit]
    )
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
        return notifications.compose(reminder, pseudonyms.get((reminder.recipient_id, reminder.program_id), ""))

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
        for reminder in by_email:
            # The clock, not only the sweep's start: a long sweep may cross into the evening.
            if wait_for_quiet_hours(reminder, max(now, timezone.now())):
                # Only the e-mail waits for the morning: the notice is in the app at once.
                waiting.append((reminder, compose(reminder)))
                continue
            if not claim(reminder, now):
                continue
            message = compose(reminder)
            _pause_for_kill_test("claimed")
            if not hand_over(reminder, now):
                continue
            try:
                notifications.email_message(reminder, message, connection=mail_connection).send()
            except Exception as error:  # noqa: BLE001 - any mail failure is retried at the next sweep
                logger.warning("reminder %s not sent: %s", reminder.pk, type(error).__name__)
                _give_back(reminder, error)
                continue
            _pause_for_kill_test("sent")
            _mark_sent(reminder, message, now=now)
            sent += 1
    _notify_in_app(waiting)
    return sent


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


def _mark_sent(reminder: Reminder, message, *, now: datetime) -> None:
    """Mark a claimed, e-mailed `reminder` sent and record its in-app notification, in one transaction."""
    with transaction.atomic():
        Reminder.objects.filter(pk=reminder.pk, status=ReminderStatus.SENDING).update(
            status=ReminderStatus.SENT, sent_at=now, emailed=True
        )
        _notify_in_app([(reminder, message)])


def _record_in_app_only(composed: list[tuple[Reminder, object]], *, now: datetime, emailed: bool = False) -> int:
    """Mark pending reminders that get no e-mail now sent, with their notifications, in one transaction; return how many.

    Nothing leaves the building for these, so taking a row and marking it sent can be one
    step: the rows still pending and not locked by another worker (PostgreSQL's SKIP LOCKED;
    SQLite's IMMEDIATE transactions let one writer in at a time) are this worker's.
    `emailed` is True for rows whose e-mail was handed over by a worker that then died.
    """
    if not composed:
        return 0
    with transaction.atomic():
        taken = set(
            Reminder.objects.select_for_update(skip_locked=True)
            .filter(pk__in=[reminder.pk for reminder, _message in composed], status=ReminderStatus.PENDING)
            .order_by().values_list("pk", flat=True)
        )
        Reminder.objects.filter(pk__in=taken).update(
            status=ReminderStatus.SENT, sent_at=now, claimed_at=now, attempts=F("attempts") + 1, emailed=emailed
        )
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
