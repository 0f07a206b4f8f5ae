"""The award job gives exactly the stamps the passport's rules give, on a seeded program.

The expected stamps are worked out here afresh, pair by pair through the ORM, from the rules
in goals.rewards' docstring and letters.deadlines (the only definition of "on time"); the
job's plain-row reads, batches and watermark must arrive at the same set of (membership,
kind, source, earned_at), on a first run over everything and on a later run that only sees
what changed since.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from bench.seed import seed
from goals.models import Goal, GoalStep, Stamp, StampKind
from goals.rewards import LONG_LETTER_CHARS, award_stamps
from letters import deadlines
from letters.models import Letter, LetterEvent, LetterStatus
from letters.text import letter_length
from programs.models import Pair, Program
from readings.models import Assignment

pytestmark = pytest.mark.django_db

LONG_TEXT = ("I kept thinking about the keeper's lonely nights. " * 40)[:LONG_LETTER_CHARS + 20]
#: As many code points as LONG_TEXT, but each accented letter is one character made of two.
SHORT_IN_CHARACTERS = ("e\u0301" * (LONG_LETTER_CHARS // 2 + 20))


def expected_stamps(now) -> set[tuple]:
    """Return every stamp the rules give at `now`, judged pair by pair (slow and plain on purpose)."""
    expected = set()
    for pair in Pair.objects.filter(program__rewards_enabled=True).order_by("pk"):
        if not LetterEvent.objects.filter(letter__pair=pair).exists():
            continue  # the job hears of a pair through its letters' events only
        sent = list(pair.letters.exclude(status=LetterStatus.DRAFT))
        mine = [letter for letter in sent if letter.author_id == pair.mentee_id]
        mentee = pair.mentee_id
        if mine:
            expected.add((mentee, StampKind.FIRST_LETTER, "once", min(letter.submitted_at for letter in mine)))
        streak = 0
        for assignment in Assignment.objects.filter(program=pair.program_id).order_by("due_at", "pk"):
            if not assignment.targets_all_pairs and not assignment.pairs.filter(pk=pair.pk).exists():
                continue
            on_it = [letter for letter in mine if letter.assignment_id == assignment.pk]
            sent_at = deadlines.letter_sent_at(letter.submitted_at for letter in on_it)
            state = deadlines.deadline_state(
                due_at=assignment.due_at, sent_at=sent_at, now=now,
                owed=deadlines.letter_owed(pair_status=pair.status, pair_started_at=pair.started_at,
                                           due_at=assignment.due_at),
            )
            source = f"assignment:{assignment.pk}"
            if state == deadlines.DeadlineState.ON_TIME:
                expected.add((mentee, StampKind.ON_TIME, source, sent_at))
            delivered = [letter.delivered_at for letter in on_it if letter.delivered_at]
            if delivered:
                expected.add((mentee, StampKind.READING_FINISHED, source, min(delivered)))
            if state in deadlines.COUNTED_STATES:
                streak = streak + 1 if state == deadlines.DeadlineState.ON_TIME else 0
                if streak and streak % 3 == 0:
                    expected.add((mentee, StampKind.THREE_ON_TIME, source, sent_at))
        for letter in sent:
            if letter.author_id == pair.mentor_id and letter.read_at:
                expected.add((mentee, StampKind.REPLY_READ, f"letter:{letter.pk}", letter.read_at))
            if (letter.author_id == mentee and letter.delivered_at
                    and letter_length(letter.body_text) >= LONG_LETTER_CHARS):
                expected.add((mentee, StampKind.LONG_LETTER, f"letter:{letter.pk}", letter.delivered_at))
    for step in GoalStep.objects.filter(done_at__lte=now, goal__membership__program__rewards_enabled=True,
                                        goal__membership__role="mentee"):
        expected.add((step.goal.membership_id, StampKind.GOAL_STEP, f"step:{step.pk}", step.done_at))
    return expected


def given() -> set[tuple]:
    return set(Stamp.objects.values_list("membership_id", "kind", "source", "earned_at"))


def event(letter: Letter, to_status: str) -> None:
    LetterEvent.objects.create(letter=letter, from_status=LetterStatus.IN_REVIEW, to_status=to_status)


def mentee_letter(pair: Pair, assignment: Assignment, *, submitted_at, status=LetterStatus.DELIVERED,
                  body="A letter about the reading.") -> Letter:
    delivered = submitted_at + timedelta(hours=3) if status in (LetterStatus.DELIVERED, LetterStatus.READ) else None
    letter = Letter.objects.create(
        pair=pair, author_id=pair.mentee_id, assignment=assignment, body_html=f"<p>{body}</p>", body_text=body,
        status=status, submitted_at=submitted_at, delivered_at=delivered,
    )
    event(letter, status)
    return letter


@pytest.fixture
def seeded():
    """A seeded program (bench.seed) with every kind of stamp to earn, and a program with stamps off."""
    data = seed(pairs=24, assignments=6, letters=480, waiting=10, seed_value=3)
    seed(pairs=4, assignments=2, letters=40, waiting=0, slug="no-stamps")
    Program.objects.filter(slug="no-stamps").update(rewards_enabled=False)
    pairs = list(Pair.objects.filter(program=data.program).order_by("pk"))
    assignments = list(Assignment.objects.filter(program=data.program).order_by("due_at", "pk"))
    # Every letter on time in one pair: three in a row, twice.
    for assignment in assignments:
        mentee_letter(pairs[2], assignment, submitted_at=assignment.due_at - timedelta(days=1))
    # Two letters on one assignment (the first returned, then sent again): the first counts.
    mentee_letter(pairs[3], assignments[0], submitted_at=assignments[0].due_at - timedelta(days=2),
                  status=LetterStatus.CHANGES_REQUESTED)
    mentee_letter(pairs[3], assignments[0], submitted_at=assignments[0].due_at + timedelta(days=2))
    # An assignment for two pairs only.
    targeted = Assignment.objects.create(
        program=data.program, reading=assignments[0].reading, prompt="Only you two.", targets_all_pairs=False,
        opens_at=timezone.now() - timedelta(days=9), due_at=timezone.now() - timedelta(days=2),
    )
    targeted.pairs.set(pairs[4:6])
    mentee_letter(pairs[4], targeted, submitted_at=targeted.due_at - timedelta(hours=5))
    mentee_letter(pairs[6], targeted, submitted_at=targeted.due_at - timedelta(hours=5))  # not its assignment
    # A paused pair owes nothing: its missed deadlines are excused, its on-time letter still counts.
    Pair.objects.filter(pk=pairs[7].pk).update(status=Pair.Status.PAUSED)
    mentee_letter(pairs[7], assignments[-1], submitted_at=assignments[-1].due_at - timedelta(days=1))
    # Long letters: one long in characters, one long only in code points.
    mentee_letter(pairs[8], assignments[1], submitted_at=assignments[1].due_at, body=LONG_TEXT)
    mentee_letter(pairs[9], assignments[1], submitted_at=assignments[1].due_at, body=SHORT_IN_CHARACTERS)
    # A long letter still in review: measured once it is delivered.
    mentee_letter(pairs[11], assignments[3], submitted_at=assignments[3].due_at, status=LetterStatus.IN_REVIEW,
                  body=LONG_TEXT)
    # Goal steps, one ticked, one not.
    goal = Goal.objects.create(membership_id=pairs[0].mentee_id, text="Read every evening")
    GoalStep.objects.create(goal=goal, text="Ten pages", done_at=timezone.now() - timedelta(hours=1))
    GoalStep.objects.create(goal=goal, text="A whole chapter")
    return {"pairs": pairs, "assignments": assignments}


def test_a_first_run_gives_exactly_the_stamps_of_the_rules(seeded):
    now = timezone.now()
    result = award_stamps(now=now)
    expected = expected_stamps(now)
    assert given() == expected
    assert result["stamps"] == len(expected)
    kinds = {kind for _, kind, _, _ in expected}
    assert kinds == set(StampKind.values)  # the seed earns every kind, so every rule was checked
    assert award_stamps(now=now)["stamps"] == 0


def test_a_later_run_sees_what_changed_after_the_last_one(seeded):
    pairs, assignments = seeded["pairs"], seeded["assignments"]
    first = timezone.now()
    award_stamps(now=first)
    later = first + timedelta(minutes=15)
    # A reply opened, a letter delivered long after it was sent, a new on-time letter.
    reply = Letter.objects.filter(pair=pairs[10], author_id=pairs[10].mentor_id, status=LetterStatus.DELIVERED).first()
    Letter.objects.filter(pk=reply.pk).update(status=LetterStatus.READ, read_at=first + timedelta(minutes=5))
    event(reply, LetterStatus.READ)
    waiting = Letter.objects.get(pair=pairs[11], status=LetterStatus.IN_REVIEW, body_text=LONG_TEXT)
    assert not Stamp.objects.filter(kind=StampKind.LONG_LETTER, source=f"letter:{waiting.pk}").exists()
    Letter.objects.filter(pk=waiting.pk).update(status=LetterStatus.DELIVERED, delivered_at=first + timedelta(minutes=6))
    event(waiting, LetterStatus.DELIVERED)
    mentee_letter(pairs[12], assignments[-1], submitted_at=first + timedelta(minutes=7))
    second = award_stamps(now=later)
    assert second["pairs"] < len(pairs)  # only the pairs with new events (and the few reread) were judged
    assert ("reply_read", f"letter:{reply.pk}") in {(kind, source) for _, kind, source, _ in given()}
    assert Stamp.objects.filter(kind=StampKind.LONG_LETTER, source=f"letter:{waiting.pk}").exists()
    assert given() == expected_stamps(later)
    assert award_stamps(now=later)["stamps"] == 0
