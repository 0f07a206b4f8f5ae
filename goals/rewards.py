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
none, and two runs at once cannot both insert one. Each batch of BATCH events or steps
costs a fixed number of queries, whatever the number of pairs or letters.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from goals.models import AwardRun, GoalStep, Stamp, StampKind
from letters import deadlines
from letters.models import Letter, LetterEvent, LetterStatus
from letters.text import letter_length
from programs.models import Membership, Pair
from readings.models import Assignment

#: Events or steps read per batch.
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


@dataclass(frozen=True)
class Award:
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
    for assignment in sorted(assignments, key=lambda a: (a["due_at"], a["pk"])):
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


# ---------------------------------------------------------------------------- one batch of letters


def _letter_batch_awards(letter_ids: set[int], now: datetime) -> list[Award]:
    """Return the stamps earned in the pairs of `letter_ids` (6 queries, whatever their number)."""
    pairs = list(
        Pair.objects.filter(pk__in=Letter.objects.filter(pk__in=letter_ids).values("pair_id"),
                            program__rewards_enabled=True)
        .values("pk", "program_id", "mentee_id", "mentor_id", "status", "started_at")
    )
    if not pairs:
        return []
    pair_ids = [pair["pk"] for pair in pairs]
    program_ids = {pair["program_id"] for pair in pairs}
    letters_by_pair: dict[int, list[dict]] = defaultdict(list)
    for letter in Letter.objects.filter(pair_id__in=pair_ids).exclude(status=LetterStatus.DRAFT).order_by().values(
        "pk", "pair_id", "author_id", "assignment_id", "submitted_at", "delivered_at", "read_at"
    ):
        letters_by_pair[letter["pair_id"]].append(letter)
    assignments = list(Assignment.objects.filter(program_id__in=program_ids).values("pk", "program_id", "due_at", "targets_all_pairs"))
    targeted = set(Assignment.pairs.through.objects.filter(pair_id__in=pair_ids).values_list("assignment_id", "pair_id"))
    # Only the letters that changed are measured: a letter's length is judged when it is delivered.
    long_ids = {
        pk for pk, text in Letter.objects.filter(
            pk__in=letter_ids, delivered_at__isnull=False, author__role=Membership.Role.MENTEE,
        ).values_list("pk", "body_text")
        if letter_length(text) >= LONG_LETTER_CHARS
    }
    awards = []
    for pair in pairs:
        awards += _pair_awards(pair, letters_by_pair.get(pair["pk"], []), assignments, targeted, long_ids, now)
    return awards


def _step_awards(rows) -> list[Award]:
    return [Award(membership_id, StampKind.GOAL_STEP, f"step:{pk}", done_at) for pk, membership_id, done_at in rows]


# ---------------------------------------------------------------------------- writing, once


def _insert(awards: list[Award]) -> int:
    """Insert the stamps of `awards` that do not exist yet; return how many were new (2 queries)."""
    unique = {award.key: award for award in awards}
    if not unique:
        return 0
    members = {award.membership_id for award in unique.values()}
    existing = set(Stamp.objects.filter(membership_id__in=members).values_list("membership_id", "kind", "source"))
    new = [award for key, award in unique.items() if key not in existing]
    # ignore_conflicts: a run in another worker may have inserted the same key meanwhile.
    Stamp.objects.bulk_create(
        [Stamp(membership_id=a.membership_id, kind=a.kind, source=a.source, earned_at=a.earned_at) for a in new],
        ignore_conflicts=True,
    )
    return len(new)


def award_stamps(now: datetime | None = None) -> dict:
    """Award the stamps earned since the last run; return {"stamps": new stamps, "events": .., "steps": ..}.

    Reads the letter events after the last run's (less REREAD_EVENTS) in batches of BATCH,
    then the steps ticked since the last run started (less REREAD_STEPS), and records where
    it stopped in a new AwardRun. Safe to run twice or in two workers at once.
    """
    now = now or timezone.now()
    last = AwardRun.objects.order_by("-pk").first()
    cursor = max(0, (last.last_event_id if last else 0) - REREAD_EVENTS)
    top = LetterEvent.objects.aggregate(top=Max("pk"))["top"] or 0
    created = events = steps = 0
    while cursor < top:
        batch = list(LetterEvent.objects.filter(pk__gt=cursor, pk__lte=top).order_by("pk")
                     .values_list("pk", "letter_id")[:BATCH])
        if not batch:
            break
        cursor, events = batch[-1][0], events + len(batch)
        with transaction.atomic():
            created += _insert(_letter_batch_awards({letter_id for _pk, letter_id in batch}, now))
    since = (last.started_at - REREAD_STEPS) if last else None
    ticked = GoalStep.objects.filter(done_at__isnull=False, done_at__lte=now,
                                     goal__membership__program__rewards_enabled=True,
                                     goal__membership__role=Membership.Role.MENTEE)
    if since is not None:
        ticked = ticked.filter(done_at__gte=since)
    after = (None, 0)
    while True:
        page = ticked if after[0] is None else ticked.filter(Q(done_at__gt=after[0]) | Q(done_at=after[0], pk__gt=after[1]))
        rows = list(page.order_by("done_at", "pk").values_list("pk", "goal__membership_id", "done_at")[:BATCH])
        if not rows:
            break
        after, steps = (rows[-1][2], rows[-1][0]), steps + len(rows)
        with transaction.atomic():
            created += _insert(_step_awards(rows))
    run = AwardRun.objects.create(started_at=now, last_event_id=max(top, last.last_event_id if last else 0),
                                  steps_done_before=now, stamps_created=created)
    # Only the newest run is read; a few more are kept to see what recent runs did.
    AwardRun.objects.filter(pk__lt=run.pk).exclude(pk__in=AwardRun.objects.order_by("-pk").values("pk")[:KEEP_RUNS]).delete()
    return {"stamps": created, "events": events, "steps": steps}
