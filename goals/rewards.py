"""Awarding the stamps of the letter passport, from what already happened.

`award_stamps` is the award job (goals.tasks.award_stamps runs it on a schedule). It reads
the letter events and the ticked steps since its last run (AwardRun keeps where it
stopped), works out which mentees they concern, and judges those mentees' letters again:

- first letter: their first submitted letter (once ever, source "once");
- on time: a letter about an assignment sent on time, in the words of letters.deadlines
  (`deadline_state` is ON_TIME; the only definition of "on time"), source "assignment:<id>";
- reading finished: their letter about an assignment reached their partner (delivered);
- three in a row: three consecutive counted deadlines (letters.deadlines.COUNTED_STATES, in
  due order) on time; given at the third, sixth, ... with the assignment that completed it;
- reply read: they opened a letter from their mentor, source "letter:<id>";
- a goal step done: a step ticked off, source "step:<id>" (ticking it again gives nothing);
- thoughtful long letter: a delivered letter of at least LONG_LETTER_CHARS characters.

Stamps go to mentees only, in programs with rewards on. Every stamp is keyed (membership,
kind, source) under a unique constraint and inserted with ON CONFLICT DO NOTHING after
reading the keys that exist, so the same event never gives two stamps, a re-run gives
none, and two runs at once cannot both insert one. Each pair with new letter events is
judged once per run, in batches of BATCH pairs (or ticked steps) that cost a fixed number of
queries each, whatever the number of letters.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime, timedelta
from typing import NamedTuple

from django.db import connection, transaction
from django.db.models import Max, Q
from django.utils import timezone

from goals.models import AwardRun, GoalStep, Stamp, StampKind
from letters import deadlines
from letters.models import Letter, LetterEvent, LetterStatus
from letters.text import letter_length
from programs.models import Membership, Pair
from programs.plain_insert import insert_rows
from readings.models import Assignment

#: Pairs judged, or ticked steps read, per batch.
BATCH = 500
#: A delivered letter at least this long (user-perceived characters) earns the thoughtful-letter stamp.
LONG_LETTER_CHARS = 1200
#: Each run reads this many events before the last one it saw again, and steps ticked this
#: long before its last start: a transaction that committed after a later one (its id or
#: clock is older) is still read. Reading an event twice gives nothing (the unique key).
REREAD_EVENTS = 200
REREAD_STEPS = timedelta(minutes=5)
#: AwardRun rows kept (one is written per run).
KEEP_RUNS = 20


class Award(NamedTuple):
    """One stamp earned. A named tuple, not a dataclass: a first run makes hundreds of thousands."""

    membership_id: int
    kind: str
    source: str
    earned_at: datetime

    @property
    def key(self) -> tuple:
        return (self.membership_id, self.kind, self.source)


# ---------------------------------------------------------------------------- judging one pair


def _applies(assignment: dict, pair: dict, targeted: set[tuple[int, int]]) -> bool:
    return assignment["program_id"] == pair["program_id"] and (
        assignment["targets_all_pairs"] or (assignment["pk"], pair["pk"]) in targeted
    )


def _assignment_awards(pair: dict, mine: list[dict], assignments: list[dict], targeted, now) -> list[Award]:
    """On time, reading finished and three in a row for the mentee of `pair`, from their letters `mine`."""
    mentee, awards, streak = pair["mentee_id"], [], 0
    by_assignment: dict[int, list[dict]] = defaultdict(list)
    for letter in mine:
        if letter["assignment_id"] is not None:
            by_assignment[letter["assignment_id"]].append(letter)
    for assignment in assignments:  # in due order (_pair_batch_awards)
        if not _applies(assignment, pair, targeted):
            continue
        letters = by_assignment.get(assignment["pk"], [])
        due = assignment["due_at"]
        sent = deadlines.letter_sent_at(letter["submitted_at"] for letter in letters)
        state = deadlines.deadline_state(
            due_at=due, sent_at=sent, now=now,
            owed=deadlines.letter_owed(pair_status=pair["status"], pair_started_at=pair["started_at"], due_at=due),
        )
        source = f"assignment:{assignment['pk']}"
        if state == deadlines.DeadlineState.ON_TIME:
            awards.append(Award(mentee, StampKind.ON_TIME, source, sent))
        delivered = [letter["delivered_at"] for letter in letters if letter["delivered_at"] is not None]
        if delivered:
            awards.append(Award(mentee, StampKind.READING_FINISHED, source, min(delivered)))
        if state not in deadlines.COUNTED_STATES:
            continue  # not due yet, or not owed: neither breaks nor extends a run
        streak = streak + 1 if state == deadlines.DeadlineState.ON_TIME else 0
        if streak and streak % 3 == 0:
            awards.append(Award(mentee, StampKind.THREE_ON_TIME, source, sent))
    return awards


def _pair_awards(pair: dict, letters: list[dict], assignments: list[dict], targeted, long_ids: set[int],
                 now: datetime) -> list[Award]:
    """Return every stamp the mentee of `pair` has earned from the pair's `letters`."""
    mentee = pair["mentee_id"]
    mine = [letter for letter in letters if letter["author_id"] == mentee and letter["submitted_at"] is not None]
    awards = []
    if mine:
        awards.append(Award(mentee, StampKind.FIRST_LETTER, "once", min(letter["submitted_at"] for letter in mine)))
    awards += _assignment_awards(pair, mine, assignments, targeted, now)
    for letter in letters:
        if letter["author_id"] == pair["mentor_id"] and letter["read_at"] is not None:
            awards.append(Award(mentee, StampKind.REPLY_READ, f"letter:{letter['pk']}", letter["read_at"]))
        if letter["pk"] in long_ids and letter["author_id"] == mentee:
            awards.append(Award(mentee, StampKind.LONG_LETTER, f"letter:{letter['pk']}", letter["delivered_at"]))
    return awards


# ---------------------------------------------------------------------------- reading plain rows


def _plain_rows(queryset, names: tuple[str, ...], moments: tuple[str, ...] = ()) -> list[dict]:
    """Return the rows of `queryset` as dicts of the fields `names`, read through a plain cursor.

    The award job reads every letter of thousands of pairs on its first run; Django's per-value
    converters (a settings lookup and make_aware for each date and time) were a third of its
    time. The database driver already gives datetimes (SQLite's through the converter Django
    registers, naive in UTC; PostgreSQL's aware), so the fields in `moments` only get their UTC
    zone when they lack one. Precondition: USE_TZ on and no TIME_ZONE on the database, as in
    config.settings, so stored times are UTC.
    """
    sql, params = queryset.values_list(*names).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    at = [index for index, name in enumerate(names) if name in moments]
    plain = []
    for row in rows:
        if at:
            row = list(row)
            for index in at:
                value = row[index]
                if value is not None and value.tzinfo is None:
                    row[index] = value.replace(tzinfo=UTC)
        plain.append(dict(zip(names, row, strict=True)))
    return plain


# ---------------------------------------------------------------------------- one batch of letters


def _changed_pairs(after: int, top: int) -> list[int]:
    """Return the ids of the pairs, in programs with stamps on, with letter events in (after, top] (one query)."""
    return sorted(set(
        LetterEvent.objects.filter(pk__gt=after, pk__lte=top, letter__pair__program__rewards_enabled=True)
        .order_by().values_list("letter__pair_id", flat=True).distinct()
    ))


def _pair_batch_awards(pair_ids: list[int], after: int, top: int, now: datetime) -> list[Award]:
    """Return the stamps earned in the pairs `pair_ids` (5 queries, whatever their number or their letters').

    Each pair is judged whole (all its sent letters); only the letters with events in
    (after, top] are measured for the long-letter stamp, when they are delivered.
    """
    pairs = _plain_rows(Pair.objects.filter(pk__in=pair_ids),
                        ("pk", "program_id", "mentee_id", "mentor_id", "status", "started_at"), ("started_at",))
    program_ids = {pair["program_id"] for pair in pairs}
    letters_by_pair: dict[int, list[dict]] = defaultdict(list)
    for letter in _plain_rows(
        Letter.objects.filter(pair_id__in=pair_ids).exclude(status=LetterStatus.DRAFT).order_by(),
        ("pk", "pair_id", "author_id", "assignment_id", "submitted_at", "delivered_at", "read_at"),
        ("submitted_at", "delivered_at", "read_at"),
    ):
        letters_by_pair[letter["pair_id"]].append(letter)
    # In due order once for the batch: each pair's run of on-time letters is judged in it.
    assignments = sorted(
        _plain_rows(Assignment.objects.filter(program_id__in=program_ids),
                    ("pk", "program_id", "due_at", "targets_all_pairs"), ("due_at",)),
        key=lambda a: (a["due_at"], a["pk"]),
    )
    targeted = set(Assignment.pairs.through.objects.filter(pair_id__in=pair_ids).values_list("assignment_id", "pair_id"))
    changed = LetterEvent.objects.filter(pk__gt=after, pk__lte=top, letter__pair_id__in=pair_ids).values("letter_id")
    long_ids = {
        pk for pk, text in Letter.objects.filter(
            pk__in=changed, delivered_at__isnull=False, author__role=Membership.Role.MENTEE,
        ).values_list("pk", "body_text")
        # A text shorter in code points is shorter in characters too: count only the candidates.
        if len(text) >= LONG_LETTER_CHARS and letter_length(text) >= LONG_LETTER_CHARS
    }
    awards = []
    for pair in pairs:
        awards += _pair_awards(pair, letters_by_pair.get(pair["pk"], []), assignments, targeted, long_ids, now)
    return awards


def _step_awards(rows) -> list[Award]:
    return [Award(membership_id, StampKind.GOAL_STEP, f"step:{pk}", done_at) for pk, membership_id, done_at in rows]


# ---------------------------------------------------------------------------- writing, once


def _insert(awards: list[Award]) -> int:
    """Insert the stamps of `awards` that do not exist yet; return how many were new.

    One query for the existing keys, then one per few hundred new stamps. The existing keys
    are read first, so a re-run inserts nothing; the rest go in as plain rows of ready values
    (programs.plain_insert), not bulk_create, whose model instances cost more than the work,
    and the unique key turns a row another worker inserted meanwhile into nothing.
    """
    unique = {award.key: award for award in awards}
    if not unique:
        return 0
    members = {award.membership_id for award in unique.values()}
    existing = set(Stamp.objects.filter(membership_id__in=members).values_list("membership_id", "kind", "source"))
    new = [award for key, award in unique.items() if key not in existing]
    if not new:
        return 0
    moment = _moment_adapter()
    created_at = moment(timezone.now())
    insert_rows(Stamp, ("membership", "kind", "source", "earned_at", "created_at"),
                [(a.membership_id, a.kind, a.source, moment(a.earned_at), created_at) for a in new],
                ignore_conflicts=True)
    return len(new)


def _sqlite_moment(value: datetime | None) -> str | None:
    """Return an aware `value` as SQLite stores it: naive UTC text, as adapt_datetimefield_value writes it."""
    if value is None:
        return None
    if value.tzinfo is not UTC:
        value = value.astimezone(UTC)
    return str(value.replace(tzinfo=None))


def _moment_adapter():
    """Return the function that turns an aware datetime into a query parameter for this database.

    Django's adapt_datetimefield_value reads the settings on every call, which cost the first
    run a second per 40,000 stamps; SQLite gets the same text written directly (config.settings
    keeps UTC in the database), other databases take aware datetimes as they are.
    """
    return _sqlite_moment if connection.vendor == "sqlite" else (lambda value: value)


def award_stamps(now: datetime | None = None) -> dict:
    """Award the stamps earned since the last run; return {"stamps": new stamps, "pairs": .., "steps": ..}.

    Finds the pairs with letter events after the last run's last one (less REREAD_EVENTS),
    judges them in batches of BATCH pairs, each pair once, then the steps ticked since the
    last run started (less REREAD_STEPS), and records where it stopped in a new AwardRun.
    Safe to run twice or in two workers at once.
    """
    now = now or timezone.now()
    last = AwardRun.objects.order_by("-pk").first()
    after = max(0, (last.last_event_id if last else 0) - REREAD_EVENTS)
    top = LetterEvent.objects.aggregate(top=Max("pk"))["top"] or 0
    created = steps = 0
    pair_ids = _changed_pairs(after, top) if after < top else []
    for start in range(0, len(pair_ids), BATCH):
        with transaction.atomic():
            created += _insert(_pair_batch_awards(pair_ids[start:start + BATCH], after, top, now))
    since = (last.started_at - REREAD_STEPS) if last else None
    ticked = GoalStep.objects.filter(done_at__isnull=False, done_at__lte=now,
                                     goal__membership__program__rewards_enabled=True,
                                     goal__membership__role=Membership.Role.MENTEE)
    if since is not None:
        ticked = ticked.filter(done_at__gte=since)
    seen = (None, 0)
    while True:
        page = ticked if seen[0] is None else ticked.filter(Q(done_at__gt=seen[0]) | Q(done_at=seen[0], pk__gt=seen[1]))
        rows = list(page.order_by("done_at", "pk").values_list("pk", "goal__membership_id", "done_at")[:BATCH])
        if not rows:
            break
        seen, steps = (rows[-1][2], rows[-1][0]), steps + len(rows)
        with transaction.atomic():
            created += _insert(_step_awards(rows))
    run = AwardRun.objects.create(started_at=now, last_event_id=max(top, last.last_event_id if last else 0),
                                  steps_done_before=now, stamps_created=created)
    # Only the newest run is read; a few more are kept to see what recent runs did.
    AwardRun.objects.filter(pk__lt=run.pk).exclude(pk__in=AwardRun.objects.order_by("-pk").values("pk")[:KEEP_RUNS]).delete()
    return {"stamps": created, "pairs": len(pair_ids), "steps": steps}
