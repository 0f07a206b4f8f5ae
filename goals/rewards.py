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
queries each, whatever the number of letters. A batch is read and judged outside any
transaction (each pair's letters once, in one query); only its insert holds the write lock,
so that the web requests writing meanwhile wait for a few hundred milliseconds at most.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime, timedelta

from django.db import connection, transaction
from django.db.models import BooleanField, Case, F, Max, Q, Value, When
from django.db.models.functions import Length
from django.db.models.lookups import GreaterThanOrEqual
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


#: One stamp earned: (membership id, kind, source, earned_at), its first three values the
#: stamp's unique key. A plain tuple, the cheapest to build: a first run makes hundreds of
#: thousands.
Award = tuple[int, str, str, datetime]

# The kinds' plain values, read from the enum once (reading a member from its class is slow).
FIRST_LETTER, ON_TIME = StampKind.FIRST_LETTER.value, StampKind.ON_TIME.value
READING_FINISHED, THREE_ON_TIME = StampKind.READING_FINISHED.value, StampKind.THREE_ON_TIME.value
REPLY_READ, LONG_LETTER, GOAL_STEP = StampKind.REPLY_READ.value, StampKind.LONG_LETTER.value, StampKind.GOAL_STEP.value


# ---------------------------------------------------------------------------- judging one pair

# Read once: reading a member from its enum class costs more than comparing with it.
_ON_TIME_STATE, _COUNTED_STATES = deadlines.DeadlineState.ON_TIME, frozenset(deadlines.COUNTED_STATES)


def _assignment_awards(pair: tuple, mine: list[tuple], assignments: list[tuple], targeted: set[tuple[int, int]],
                       now: datetime) -> list[Award]:
    """On time, reading finished and three in a row for the mentee of `pair`, from their sent letters `mine`.

    `pair`: see _pair_batch_awards; `mine`: (assignment id, submitted_at, delivered_at) of each
    letter the mentee sent in the pair; `assignments`: (id, due_at, targets all pairs, source)
    of the pair's program's assignments in due order, so that a run of on-time letters is
    judged in one pass.
    """
    pair_id, _program, mentee, _mentor, status, started_at = pair
    by_assignment: dict[int, list[tuple]] = defaultdict(list)
    for letter in mine:
        if letter[0] is not None:
            by_assignment[letter[0]].append(letter)
    awards, streak = [], 0
    for assignment_id, due, everyone, source in assignments:
        if not everyone and (assignment_id, pair_id) not in targeted:
            continue
        letters = by_assignment.get(assignment_id)
        sent = deadlines.letter_sent_at([letter[1] for letter in letters]) if letters else None
        state = deadlines.deadline_state(
            due_at=due, sent_at=sent, now=now,
            owed=deadlines.letter_owed(pair_status=status, pair_started_at=started_at, due_at=due),
        )
        if state == _ON_TIME_STATE:
            awards.append((mentee, ON_TIME, source, sent))
        if letters:
            delivered = [letter[2] for letter in letters if letter[2] is not None]
            if delivered:
                awards.append((mentee, READING_FINISHED, source, min(delivered)))
        if state not in _COUNTED_STATES:
            continue  # not due yet, or not owed: neither breaks nor extends a run
        streak = streak + 1 if state == _ON_TIME_STATE else 0
        if streak and streak % 3 == 0:
            awards.append((mentee, THREE_ON_TIME, source, sent))
    return awards


def _pair_awards(pair: tuple, letters: list[tuple], assignments: list[tuple], targeted: set[tuple[int, int]],
                 long_ids: set[int], now: datetime) -> list[Award]:
    """Return every stamp the mentee of `pair` has earned from the pair's `letters` (see _pair_letters)."""
    mentee = pair[2]
    mine = [(assignment_id, submitted_at, delivered_at)
            for _, author_id, _, assignment_id, submitted_at, delivered_at, _, _ in letters
            if author_id == mentee and submitted_at is not None]
    awards = []
    if mine:
        awards.append((mentee, FIRST_LETTER, "once", min(letter[1] for letter in mine)))
    awards += _assignment_awards(pair, mine, assignments, targeted, now)
    for _, author_id, pk, _, _, delivered_at, read_at, _ in letters:
        if author_id == mentee:
            if pk in long_ids:
                awards.append((mentee, LONG_LETTER, f"letter:{pk}", delivered_at))
        elif read_at is not None:  # the mentor's (_pair_letters reads no other author's)
            awards.append((mentee, REPLY_READ, f"letter:{pk}", read_at))
    return awards


# ---------------------------------------------------------------------------- reading plain rows


def _plain_rows(queryset, *names: str) -> list[tuple]:
    """Return the rows of `queryset` as tuples of the fields `names`, read through a plain cursor.

    The award job reads every letter of thousands of pairs on its first run; Django's per-value
    converters (a settings lookup and make_aware for each date and time) were a third of its
    time. Date and time columns come as the database driver gives them: naive in UTC from
    SQLite (through the converter Django registers), aware from PostgreSQL; `_clock` gives
    `now` in the same form, so that they compare. Precondition: USE_TZ on and no TIME_ZONE on
    the database, as in config.settings, so stored times are UTC.
    """
    sql, params = queryset.values_list(*names).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _clock(now: datetime) -> datetime:
    """Return the aware `now` in the form _plain_rows gives moments on this database (naive UTC on SQLite)."""
    return now.astimezone(UTC).replace(tzinfo=None) if connection.vendor == "sqlite" else now


# ---------------------------------------------------------------------------- one batch of letters


def _changed_pairs(after: int, top: int) -> list[int]:
    """Return the ids of the pairs, in programs with stamps on, with letter events in (after, top] (one query)."""
    return sorted(set(
        LetterEvent.objects.filter(pk__gt=after, pk__lte=top, letter__pair__program__rewards_enabled=True)
        .order_by().values_list("letter__pair_id", flat=True).distinct()
    ))


def _pair_letters(pair_ids: list[int]) -> dict[int, list[tuple]]:
    """Return {pair id: its letters} of the letters the stamps are judged from (one query).

    Each letter is (pair id, author id, id, assignment id, submitted_at, delivered_at, read_at,
    long), for every letter its mentee sent and every letter of its mentor's that the mentee
    opened (drafts were never sent). `long` is true for the mentee's delivered letters at least
    LONG_LETTER_CHARS code points long, the only ones _long_letters measures: a text shorter in
    code points (what the database's length counts) is shorter in characters too.
    """
    letters = Letter.objects.filter(pair_id__in=pair_ids).exclude(status=LetterStatus.DRAFT).filter(
        Q(author_id=F("pair__mentee_id")) | Q(author_id=F("pair__mentor_id"), read_at__isnull=False),
    ).annotate(long=Case(
        When(Q(author_id=F("pair__mentee_id"), delivered_at__isnull=False),
             then=GreaterThanOrEqual(Length("body_text"), LONG_LETTER_CHARS)),
        default=Value(False), output_field=BooleanField(),
    )).order_by()
    by_pair: dict[int, list[tuple]] = defaultdict(list)
    for letter in _plain_rows(letters, "pair_id", "author_id", "pk", "assignment_id", "submitted_at", "delivered_at",
                              "read_at", "long"):
        by_pair[letter[0]].append(letter)
    return by_pair


def _long_letters(candidates: list[int], after: int, top: int) -> set[int]:
    """Return the ids, among the letters `candidates`, of those with events in (after, top] that are long.

    One query when there are candidates, none otherwise.
    """
    if not candidates:
        return set()
    changed = LetterEvent.objects.filter(pk__gt=after, pk__lte=top, letter_id__in=candidates).values("letter_id")
    return {pk for pk, text in Letter.objects.filter(pk__in=changed).values_list("pk", "body_text")
            if letter_length(text) >= LONG_LETTER_CHARS}


def _program_assignments(program_ids: set[int]) -> dict[int, list[tuple]]:
    """Return {program id: [(id, due_at, targets all pairs, stamp source), ...] in due order} (one query)."""
    by_program: dict[int, list[tuple]] = defaultdict(list)
    for pk, program_id, due_at, everyone in _plain_rows(
        Assignment.objects.filter(program_id__in=program_ids).order_by("due_at", "pk"),
        "pk", "program_id", "due_at", "targets_all_pairs",
    ):
        by_program[program_id].append((pk, due_at, everyone, f"assignment:{pk}"))
    return by_program


def _pair_batch_awards(pair_ids: list[int], after: int, top: int, now: datetime) -> list[Award]:
    """Return the stamps earned in the pairs `pair_ids` (4 queries and one more for long letters, whatever their number).

    Each pair is judged whole (all its sent letters); only the letters with events in
    (after, top] are measured for the long-letter stamp, when they are delivered. Each read
    takes only the columns and rows the stamps need. `now`: as _clock gives it.
    """
    # (id, program id, mentee id, mentor id, status, started_at)
    pairs = _plain_rows(Pair.objects.filter(pk__in=pair_ids).order_by("pk"),
                        "pk", "program_id", "mentee_id", "mentor_id", "status", "started_at")
    letters = _pair_letters(pair_ids)
    long_ids = _long_letters([letter[2] for rows in letters.values() for letter in rows if letter[7]], after, top)
    assignments = _program_assignments({pair[1] for pair in pairs})
    targeted = set(Assignment.pairs.through.objects.filter(pair_id__in=pair_ids).values_list("assignment_id", "pair_id"))
    awards = []
    for pair in pairs:
        awards += _pair_awards(pair, letters.get(pair[0], []), assignments.get(pair[1], []), targeted, long_ids, now)
    return awards


def _step_awards(rows) -> list[Award]:
    return [(membership_id, GOAL_STEP, f"step:{pk}", done_at) for pk, membership_id, done_at in rows]


# ---------------------------------------------------------------------------- writing, once


def _insert(awards: list[Award]) -> int:
    """Insert the stamps of `awards` that do not exist yet, in one transaction; return how many were new.

    One query for the existing keys, then one per few hundred new stamps. The existing keys
    are read first, so a re-run inserts nothing; the rest go in as plain rows of ready values
    (programs.plain_insert), not bulk_create, whose model instances cost more than the work,
    and the unique key turns a row another worker inserted meanwhile into nothing. Of two
    awards with the same key, the last one counts.
    """
    unique = {award[:3]: award for award in awards}
    if not unique:
        return 0
    members = {key[0] for key in unique}
    moment = _moment_adapter()
    with transaction.atomic():
        existing = set(Stamp.objects.filter(membership_id__in=members).values_list("membership_id", "kind", "source"))
        new = [award for key, award in unique.items() if key not in existing]
        if not new:
            return 0
        created_at = moment(timezone.now())
        insert_rows(Stamp, ("membership", "kind", "source", "earned_at", "created_at"),
                    [(membership_id, kind, source, moment(earned_at), created_at)
                     for membership_id, kind, source, earned_at in new],
                    ignore_conflicts=True)
    return len(new)


def _sqlite_moment(value: datetime) -> str:
    """Return `value` as SQLite stores it: naive UTC text, as adapt_datetimefield_value writes it.

    A naive `value` is already UTC (as _plain_rows reads it); an aware one is turned into UTC.
    """
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return str(value)


def _moment_adapter():
    """Return the function that turns a datetime into a query parameter for this database.

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
    clock = _clock(now)
    for start in range(0, len(pair_ids), BATCH):
        # Read and judged outside the transaction: the write lock is held only while inserting.
        created += _insert(_pair_batch_awards(pair_ids[start:start + BATCH], after, top, clock))
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
        created += _insert(_step_awards(rows))
    run = AwardRun.objects.create(started_at=now, last_event_id=max(top, last.last_event_id if last else 0),
                                  steps_done_before=now, stamps_created=created)
    # Only the newest run is read; a few more are kept to see what recent runs did.
    AwardRun.objects.filter(pk__lt=run.pk).exclude(pk__in=AwardRun.objects.order_by("-pk").values("pk")[:KEEP_RUNS]).delete()
    return {"stamps": created, "pairs": len(pair_ids), "steps": steps}
