"""Reminders, first half: decide who is owed which message and keep one row per message.

`plan_reminders(now)` works out every reminder whose moment has come and whose reason still
holds, from a fixed number of queries whatever the number of pairs (pairs and letters are
read as plain tuples, only within the windows in which they can still owe something). It
reads the keys of the rows that exist, inserts only the missing ones under the unique key
(recipient, kind, object, due moment), which still turns a concurrent cluster's identical
insert into nothing, and cancels pending rows whose reason is gone (the letter was written,
the pair paused, the letter was read). `plan_for_letter` does the same for one letter.

Sending the rows is the other half, `letters.reminders.delivery`.
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from functools import cached_property, partial
from typing import NamedTuple
from zoneinfo import ZoneInfo

from django.db import connection
from django.db.models import DateTimeField, Max, Q, Value
from django.utils import timezone

from letters import deadlines
from letters.reminders import escalation
from letters.reminders.escalation import UrgentItem
from letters.models import (
    PLANNED_FROM_ABOVE,
    RECIPIENT_VISIBLE,
    Finding,
    Letter,
    LetterStatus,
    Redaction,
    Reminder,
    ReviewAuditEntry,
    ReminderKind,
    ReminderStatus,
)
from programs.models import Membership, Pair, Program, User
from programs.plain_insert import insert_rows
from programs.reminder_settings import REMINDER_DEFAULTS, effective_setting
from readings.models import Assignment

logger = logging.getLogger(__name__)

#: No e-mail reaches a mentee between these local times; it waits for the morning.
QUIET_FROM, QUIET_UNTIL = time(21, 0), time(7, 0)
#: Notices of a delivered or returned letter that could not be sent within this long are dropped.
NOTICE_WINDOW = timedelta(days=7)
#: A weekly digest not sent within this long after its moment (workers down) is skipped until next week.
WEEKLY_DIGEST_WINDOW = timedelta(days=1)
#: An escalation goes to operators when no coordinator opened an urgent letter or post within this long.
ESCALATE_AFTER = timedelta(hours=1)


@dataclass(slots=True)
class Planned:
    """A reminder the sweep has decided is owed now (not yet a row).

    Not frozen: a frozen dataclass sets each field through object.__setattr__, three times
    slower to build, and a first sweep builds 50,000 of them. Nothing changes one once built.
    """

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
    merged once (`setting`), because the planners look at every active pair. `escalating`
    holds the urgent letters and posts that have waited ESCALATE_AFTER, and `opened_keys`
    those of them a coordinator opened (letters.reminders.escalation).
    """

    now: datetime
    programs: dict[int, Program]
    settings: dict[int, dict[str, dict]]
    pairs: list[PairInfo]
    assignments: list[Assignment]
    assignment_pairs: dict[int, set[int]]
    #: (pair, assignment) of each mentee letter sent about an assignment that owes something now.
    submitted: set[tuple[int, int]]
    delivered: list[DeliveredLetter]
    last_submitted_by: dict[tuple[int, int], datetime]
    returned: list[dict]
    decided: list[dict]
    in_review: list[dict]
    urgent_ids: set[int]
    escalating: list[UrgentItem]
    opened_keys: set[str]
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


def _overdue_span(program: Program) -> timedelta:
    """Return how long after the due date mentee overdue reminders can still be owed."""
    overdue = effective_setting(program, "letter_overdue")
    return timedelta(days=overdue["days_after"] + overdue["repeat_every_days"] * (overdue["repeats"] + 1))


def _reply_span(program: Program) -> timedelta:
    """Return how long after delivery a mentee letter can still cause mentor or flag reminders."""
    days = max(effective_setting(program, "reply_overdue")["days_after"], effective_setting(program, "pair_flag")["days_after"])
    return program.reply_window + timedelta(days=days) + NOTICE_WINDOW


def opened_letter_ids(waiting: Mapping[int, datetime]) -> set[int]:
    """Return which letters of `waiting` ({id: submitted at}) a coordinator has opened since (one query).

    Opened means a line in the letter's review log at or after its submission: its review
    page was opened (frontend.review_views records that on every GET), or it was claimed
    or decided. The same meaning as a post's (escalation.opened_since).
    """
    last_seen = dict(
        ReviewAuditEntry.objects.filter(letter_id__in=list(waiting)).order_by()
        .values("letter_id").annotate(last=Max("at")).values_list("letter_id", "last")
    )
    return escalation.opened_since(last_seen, waiting)


def urgent_letters(in_review: list[dict], urgent_ids: set[int]) -> list[UrgentItem]:
    """Return the letters of `in_review` (rows of load_snapshot) with an urgent finding, as escalation items."""
    return [
        UrgentItem(object_key=f"letter:{row['pk']}", program_id=row["pair__program_id"], since=row["submitted_at"],
                   pair_id=row["pair_id"], letter_id=row["pk"], details={"author": row["author__pseudonym"]})
        for row in in_review if row["pk"] in urgent_ids
    ]


#: How the sweep tells which letters were opened; the sources above letters bring their own.
_LETTERS_OPENED = {"letter": opened_letter_ids}


def opened_keys(items: list[UrgentItem]) -> set[str]:
    """Return the object keys of `items` that a coordinator opened since their submission (one query per kind).

    Letters are judged here, posts by the source the spaces registered (escalation.register).
    """
    openers = {**_LETTERS_OPENED, **{source.prefix: source.opened for source in escalation.sources()}}
    waiting: dict[str, dict[int, datetime]] = defaultdict(dict)
    for item in items:
        waiting[item.prefix][item.object_id] = item.since
    return {f"{prefix}:{pk}" for prefix, since in waiting.items() for pk in openers[prefix](since)}


def escalating_items(now: datetime, in_review: list[dict], urgent_ids: set[int], *,
                     letters_only: bool) -> list[UrgentItem]:
    """Return every urgent item that has waited ESCALATE_AFTER or longer: letters, then each source's.

    `letters_only` (a snapshot of some pairs, plan_for_letter) leaves the sources out:
    their items belong to no pair.
    """
    cutoff = now - ESCALATE_AFTER
    items = [item for item in urgent_letters(in_review, urgent_ids) if item.since <= cutoff]
    if not letters_only:
        for source in escalation.sources():
            items.extend(source.waiting(cutoff))
    return items


#: What the planner of decisions reads of each decided letter (load_snapshot's `decided`).
_DECIDED_FIELDS = ("pk", "pair_id", "pair__program_id", "status", "delivered_at", "withheld_at", "author__user_id",
                   "author__role")


def decided_letters(since: datetime) -> list[dict]:
    """Return the letters withheld, or delivered with parts removed, since `since`, for their authors (two queries).

    Whatever the pair's state: withholding often pauses the pair too. `withheld_at` is a
    withheld letter's latest move to withheld (None for a redacted one). Two queries rather than one
    with OR: joined under one OR, PostgreSQL joined every event of every letter to find them
    (0.2 s of a sweep at 10,000 pairs); apart, the withheld letters are found from their
    status and the redacted ones from their redactions.
    """
    withheld = (
        Letter.objects.filter(status=LetterStatus.WITHHELD, events__to_status=LetterStatus.WITHHELD,
                              events__created_at__gte=since)
        # The same join as the filter's: the latest of the letter's moves to withheld since
        # `since`, which is its latest move to withheld, since the filter found one since then.
        .annotate(withheld_at=Max("events__created_at"))
    )
    # Found from the redactions, which are few: SQLite, asked for recently delivered letters
    # with a redaction, walked every delivered and read letter ever through the status index
    # (0.2 s at 10,000 pairs, to find none). A redacted letter's notice is dated by its
    # delivery, so its events are not read.
    redacted = (
        Letter.objects.filter(pk__in=Redaction.objects.values("letter_id"), status__in=RECIPIENT_VISIBLE,
                              delivered_at__gte=since)
        .annotate(withheld_at=Value(None, output_field=DateTimeField()))
        .order_by()
    )
    return [*withheld.values(*_DECIDED_FIELDS), *redacted.values(*_DECIDED_FIELDS)]


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
    # Only the assignments that owe something now: the planner asks no other whether a pair
    # wrote about it, and an assignment just past its due date, which owes nothing until its
    # first overdue reminder, holds most letters (half of those read at 10,000 pairs).
    owing = [a.pk for a in assignments if _owed_for_assignment(now, settings[a.program_id], a)]
    submitted = set(
        Letter.objects.filter(assignment_id__in=owing, author__role=Membership.Role.MENTEE)
        .exclude(status=LetterStatus.DRAFT)
        .order_by()  # a set: sorting 20,000 rows by the letters' default order would be wasted
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
    # Joined only to the letters' moves to changes requested (a letter without one could cause
    # no reminder): joined to every event and filtered in the aggregate, PostgreSQL read all of them.
    returned = list(
        scoped(Letter.objects).filter(status=LetterStatus.CHANGES_REQUESTED, pair__status=Pair.Status.ACTIVE,
                                      events__to_status=LetterStatus.CHANGES_REQUESTED)
        .annotate(returned_at=Max("events__created_at"))
        .values("pk", "pair_id", "author__user_id", "returned_at")
    )
    decided = decided_letters(now - NOTICE_WINDOW)
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
    escalating = escalating_items(now, in_review, urgent_ids, letters_only=pair_ids is not None)
    return Snapshot(
        now=now, programs=programs, settings=settings, pairs=pairs, assignments=assignments,
        assignment_pairs=assignment_pairs, submitted=submitted, delivered=delivered,
        last_submitted_by=last_submitted_by, returned=returned, decided=decided, in_review=in_review, urgent_ids=urgent_ids,
        escalating=escalating, opened_keys=opened_keys(escalating), coordinators=coordinators,
        operators=operators,
    )


# ---------------------------------------------------------------------------- planners, one per reason


def _applies(snapshot: Snapshot, assignment: Assignment, pair: PairInfo) -> bool:
    return assignment.program_id == pair.program_id and (
        assignment.targets_all_pairs or pair.pk in snapshot.assignment_pairs.get(assignment.pk, ())
    )


def _owed_for_assignment(now: datetime, settings: dict[str, dict], assignment: Assignment) -> list[tuple[str, datetime]]:
    """Return the (kind, due moment) owed at `now` to each mentee who has not written about `assignment`.

    `settings` are the effective reminder settings of the assignment's program (Snapshot.settings).
    The same for every pair, so it is worked out once per assignment, not once per pair.
    """
    opened, due, overdue = settings["reading_open"], settings["letter_due"], settings["letter_overdue"]
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
    # What is owed for each assignment, and its key, worked out once rather than once per pair.
    owing_by_program: dict[int, list[tuple[Assignment, int, str, list]]] = defaultdict(list)
    for assignment in snapshot.assignments:
        owed = _owed_for_assignment(snapshot.now, snapshot.settings[assignment.program_id], assignment)
        if owed:
            owing_by_program[assignment.program_id].append((assignment, assignment.pk, f"assignment:{assignment.pk}", owed))
    for pair in snapshot.pairs:
        program = snapshot.programs[pair.program_id]
        for assignment, assignment_id, object_key, owed in owing_by_program.get(pair.program_id, ()):
            if not _applies(snapshot, assignment, pair) or (pair.pk, assignment_id) in snapshot.submitted:
                continue
            for kind, due_at in owed:
                planned.append(Planned(
                    recipient_id=pair.mentee_user_id, kind=kind, due_at=due_at, object_key=object_key,
                    program=program, quiet_hours=True, pair_id=pair.pk, assignment_id=assignment_id,
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
    """Urgent findings in letters (to coordinators at once) and overdue reviews."""
    now, planned = snapshot.now, []
    overdue_by_program: dict[int, list[dict]] = defaultdict(list)
    for row in snapshot.in_review:
        program = snapshot.programs[row["pair__program_id"]]
        if row["pk"] in snapshot.urgent_ids:
            for coordinator_id in snapshot.coordinators.get(program.pk, ()):
                planned.append(Planned(recipient_id=coordinator_id, kind=ReminderKind.URGENT_FINDING,
                                       object_key=f"letter:{row['pk']}", due_at=row["submitted_at"], program=program,
                                       pair_id=row["pair_id"], letter_id=row["pk"],
                                       details={"author": row["author__pseudonym"]}))
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


def _escalation_reminders(snapshot: Snapshot) -> list[Planned]:
    """Urgent letters and posts that no coordinator opened within ESCALATE_AFTER go to every operator.

    One rule for both (see letters.reminders.escalation): due ESCALATE_AFTER after the
    submission, keyed by the item, so each is escalated once whatever the number of
    sweeps. The kind is `urgent_escalation` for posts too, with the post in the key and
    the details rather than a new kind: what makes it urgent (always e-mailed, never
    muted, sent again if unsure: ALWAYS_EMAILED, RESEND_IF_UNSURE) must be the same, and
    the object key already says what it is about, as for a goal's or a post's alert.
    """
    planned = []
    for item in snapshot.escalating:
        escalate_at = item.since + ESCALATE_AFTER
        if escalate_at > snapshot.now or item.object_key in snapshot.opened_keys:
            continue
        program = snapshot.programs[item.program_id]
        for operator_id in snapshot.operators:
            planned.append(Planned(recipient_id=operator_id, kind=ReminderKind.URGENT_ESCALATION,
                                   object_key=item.object_key, due_at=escalate_at, program=program,
                                   pair_id=item.pair_id, letter_id=item.letter_id, details=item.details))
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
            _review_reminders, _escalation_reminders, _weekly_digests)


def owed_reminders(now: datetime) -> list[Planned]:
    """Return every reminder owed at `now` whose reason still holds (deduplicated by key)."""
    return list(_owed_by_key(now).values())


def _owed_by_key(now: datetime) -> dict[tuple, Planned]:
    """Return {key: item} of every reminder owed at `now`; of two items with one key, the first planned.

    Keyed once here, so that the sweep does not build each of its 50,000 keys again to look
    it up among the existing rows and the owed ones.
    """
    snapshot = load_snapshot(now)
    unique: dict[tuple, Planned] = {}
    for planner in PLANNERS:
        for item in planner(snapshot):
            unique.setdefault(item.key, item)
    return unique


#: The columns `_insert_rows` writes, in the order of `_row_values`; the others are NULL.
_INSERTED_FIELDS = ("recipient", "kind", "object_key", "due_at", "send_after", "program", "pair", "letter",
                    "assignment", "details", "status", "attempts", "emailed", "last_error", "created_at",
                    "quiet_hours")


#: The text of empty details, which most reminders have (those of the pair's own letters and readings).
_NO_DETAILS = json.dumps({})


def _details_text(details: dict) -> str:
    """Return `details` as JSON text, which both databases take for a JSON column.

    The same text as Django writes for the field (json.dumps without an encoder), made here
    rather than by connection.ops.adapt_json_value: on PostgreSQL that wraps each value in an
    object that COPY then serialises again, row by row (0.3 s of a first sweep's 50,000 rows).
    """
    return json.dumps(details) if details else _NO_DETAILS


def _row_values(item: Planned, created_at, ops) -> tuple:
    """Return the values of `item`'s new row, adapted for the database by `ops` (the connection's
    operations), in the order of _INSERTED_FIELDS."""
    # Due at once: quiet hours hold only a mentee's e-mail, and that is checked when it is sent
    # (wait_for_quiet_hours); the in-app notice never waits for the morning.
    due_at = ops.adapt_datetimefield_value(item.due_at)
    send_after = due_at
    return (
        item.recipient_id, item.kind, item.object_key, due_at, send_after, item.program.pk, item.pair_id,
        item.letter_id, item.assignment_id, _details_text(item.details), ReminderStatus.PENDING, 0, False, "",
        created_at, item.quiet_hours,
    )


def _insert_rows(items: list[Planned]) -> None:
    """Insert one pending row per item; a key that exists by now (another sweep) is skipped, not an error.

    Plain rows of ready values (programs.plain_insert), not bulk_create: a sweep over 10,000
    pairs starts with about 44,000 new rows, and building and preparing that many model
    instances cost seconds. The unique key stays the guard.
    """
    # The operations are looked up once: `connection` is a proxy that finds the thread's
    # connection on every use (a quarter of a second of a first sweep's 50,000 rows, profiled).
    ops = connection.ops
    created_at = ops.adapt_datetimefield_value(timezone.now())
    insert_rows(Reminder, _INSERTED_FIELDS, [_row_values(item, created_at, ops) for item in items],
                ignore_conflicts=True)


def _existing_rows(owed: Iterable[Planned]) -> dict[tuple, tuple[int, str]]:
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
    owed = _owed_by_key(now)
    existing = _existing_rows(owed.values())
    _insert_rows([item for key, item in owed.items() if key not in existing])
    stale = [pk for key, (pk, status) in existing.items()
             if status == ReminderStatus.PENDING and key not in owed and _swept(key[2])]
    if not stale:
        return 0
    return Reminder.objects.filter(pk__in=stale, status=ReminderStatus.PENDING).update(
        status=ReminderStatus.CANCELLED, last_error="reason gone"
    )


#: What the sweep plans reminders about (the prefix of `object_key`). A pending row about
#: anything else, such as a goal's urgent alert (plan_urgent_alert), was planned once by the
#: service that found the reason, so the sweep never judges it stale.
SWEPT_OBJECTS = frozenset({"letter", "assignment", "program"})


def _swept(object_key: str) -> bool:
    return object_key.split(":", 1)[0] in SWEPT_OBJECTS


def plan_urgent_alert(*, program: Program, pair_id: int | None, object_key: str, details: dict, now: datetime) -> int:
    """Plan an urgent safeguarding alert about something that is not a letter (e.g. "goal:4"); return how many rows.

    Every active coordinator of `program` gets an URGENT_FINDING reminder due `now`, keyed
    like a letter's, so it is sent once, by e-mail whatever their preferences, by the next
    delivery. `details` holds pseudonyms and what it is about ({"about": "goal"}), never
    the words that raised it. Precondition: the caller's transaction records the cause.
    """
    coordinator_ids = list(
        Membership.objects.active().filter(program=program, role=Membership.Role.COORDINATOR, user__is_active=True)
        .values_list("user_id", flat=True)
    )
    _insert_rows([
        Planned(recipient_id=user_id, kind=ReminderKind.URGENT_FINDING, object_key=object_key, due_at=now,
                program=program, pair_id=pair_id, details=details)
        for user_id in coordinator_ids
    ])
    return len(coordinator_ids)


def plan_notice(*, kind: str, program: Program, recipients: list[tuple[int, bool]], object_key: str,
                due_at: datetime, details: dict) -> list[int]:
    """Plan one reminder of `kind` for each (user id, quiet hours) in `recipients`; return the rows' ids.

    For the notices the apps above letters plan about their own objects
    (letters.models.PLANNED_FROM_ABOVE, e.g. "thread:4", "event:7"). Keyed like every
    reminder, so a second call with the same key (the same thread within the same hour)
    adds nothing and its id is returned again; the sweep never cancels it (see
    SWEPT_OBJECTS). `details` holds ids (and an event's title, times and place), never
    words of a post or a name. Quiet hours are True for a mentee.
    Precondition: inside the caller's transaction, which records the cause.
    """
    if kind not in PLANNED_FROM_ABOVE:
        raise ValueError(f"{kind} is not planned from above letters")
    if _swept(object_key):
        raise ValueError(f"{object_key} would be cancelled by the sweep")
    _insert_rows([
        Planned(recipient_id=user_id, kind=kind, object_key=object_key, due_at=due_at, program=program,
                quiet_hours=quiet, details=details)
        for user_id, quiet in recipients
    ])
    return list(Reminder.objects.filter(
        kind=kind, object_key=object_key, due_at=due_at, recipient_id__in=[user_id for user_id, _quiet in recipients],
    ).values_list("pk", flat=True))


#: The planners whose reminders can concern one letter as soon as it changes state.
LETTER_PLANNERS = (_delivery_reminders, _returned_reminders, _review_reminders, _escalation_reminders)


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
