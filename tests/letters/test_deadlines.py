"""The deadline rules (letters.deadlines): each answer from the plain functions equals the SQL expression's.

The agreement test builds, at a fixed moment, programs in three time zones with different
reply windows and review deadlines, and pairs in every situation: letters sent early, on
the due moment, a microsecond late, not sent, paused and closed pairs, a pair formed after
the due date, letters in review, returned, withheld, targeted assignments, and deadlines on
both sides of a change to summer time. For every row it computes the answer twice (the
plain functions over values read from the database, and the queryset annotations) and
compares. It runs on the database of the pass: SQLite, and PostgreSQL in
`make test-postgres` (DATABASE_URL=postgres://...).
"""

from collections import Counter
from datetime import datetime, timedelta, timezone as dt_timezone
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from letters import deadlines, reminders
from letters.reminders import planning
from letters.deadlines import DeadlineState
from letters.models import Letter, LetterStatus
from programs.models import Membership, Pair
from readings import services as reading_services
from readings.models import Assignment, Reading
from tests import factories

UTC = dt_timezone.utc
#: The fixed moment of the fixtures: the day after Europe moved its clocks to summer time.
NOW = datetime(2026, 3, 30, 12, 0, tzinfo=UTC)
MICRO = timedelta(microseconds=1)


def local(zone: str, *args, fold: int = 0) -> datetime:
    """Return the UTC moment of local time `args` in `zone` (as a coordinator enters a due date)."""
    return datetime(*args, tzinfo=ZoneInfo(zone), fold=fold).astimezone(UTC)


# ---------------------------------------------------------------------------- the plain rules


def test_reply_due_counts_from_delivery_not_submission(pair, coordinator):
    letter = factories.make_letter(pair, status="delivered", coordinator=coordinator)
    delivered = timezone.now() - timedelta(days=2)
    Letter.objects.filter(pk=letter.pk).update(submitted_at=delivered - timedelta(days=5), delivered_at=delivered)
    letter.refresh_from_db()
    assert deadlines.reply_due_for(letter) == delivered + timedelta(days=7)
    pair.program.reply_window = timedelta(days=3)
    pair.program.save()
    letter = Letter.objects.select_related("pair__program", "author").get(pk=letter.pk)
    assert deadlines.reply_due_for(letter) == delivered + timedelta(days=3)


def test_no_reply_is_owed_for_undelivered_or_mentor_letters(pair, coordinator):
    assert deadlines.reply_due_for(factories.make_letter(pair, status="in_review")) is None
    mentor_letter = factories.make_letter(pair, by="mentor", status="delivered", coordinator=coordinator)
    assert deadlines.reply_due_for(mentor_letter) is None


def test_review_due_follows_the_programs_sla(pair):
    letter = factories.make_letter(pair, status="in_review")
    assert deadlines.review_due_for(letter) == letter.submitted_at + timedelta(hours=24)


def test_letter_due_for_applies_targeting(program, coordinator, pair):
    other_pair = factories.make_pair(program, coordinator)
    reading = reading_services.create_reading(coordinator, program=program, title="T", body="Text")
    now = timezone.now()
    everyone = reading_services.schedule_assignment(
        coordinator, program=program, reading=reading, opens_at=now, due_at=now + timedelta(days=2))
    only_other = reading_services.schedule_assignment(
        coordinator, program=program, reading=reading, opens_at=now, due_at=now + timedelta(days=3),
        pairs=[other_pair])
    assert deadlines.letter_due_for(pair, everyone) == everyone.due_at
    assert deadlines.letter_due_for(pair, only_other) is None
    assert deadlines.letter_due_for(other_pair, only_other) == only_other.due_at


@pytest.mark.parametrize(("sent", "owed", "expected"), [
    (-timedelta(days=3), True, DeadlineState.ON_TIME),   # early
    (timedelta(0), True, DeadlineState.ON_TIME),        # on the moment itself
    (MICRO, True, DeadlineState.LATE),
    (MICRO, False, DeadlineState.LATE),                 # a letter sent late stays late when the pair pauses
    (None, True, DeadlineState.OVERDUE),
    (None, False, DeadlineState.EXCUSED),
])
def test_deadline_state_of_a_passed_deadline(sent, owed, expected):
    due = NOW - timedelta(days=1)
    sent_at = None if sent is None else due + sent
    assert deadlines.deadline_state(due_at=due, sent_at=sent_at, now=NOW, owed=owed) == expected


def test_deadline_state_before_the_moment_and_without_one():
    assert deadlines.deadline_state(due_at=NOW, sent_at=None, now=NOW, owed=True) == DeadlineState.NOT_DUE
    assert deadlines.deadline_state(due_at=NOW, sent_at=None, now=NOW + MICRO, owed=True) == DeadlineState.OVERDUE
    assert deadlines.deadline_state(due_at=None, sent_at=NOW, now=NOW, owed=True) is None


def test_overdue_counts_against_the_on_time_rate():
    assert deadlines.on_time_rate(on_time=3, late=0, overdue=1) == 0.75
    assert deadlines.on_time_rate(on_time=0, late=0, overdue=0) is None


# ---------------------------------------------------------------------------- the fixture set


def _letter(pair: Pair, *, by: str, status: str, submitted=None, delivered=None, assignment=None) -> Letter:
    """Write a letter row with the given moments (the rules read only these; the services are tested elsewhere)."""
    author = pair.mentee if by == "mentee" else pair.mentor
    return Letter.objects.create(
        pair=pair, author=author, assignment=assignment, body_text=factories.LETTER_TEXT, status=status,
        submitted_at=submitted, delivered_at=delivered,
    )


def _pair(program, coordinator, *, started, status=Pair.Status.ACTIVE) -> Pair:
    pair = factories.make_pair(program, coordinator)
    changes = {"started_at": started, "status": status}
    if status == Pair.Status.PAUSED:
        changes["paused_at"] = NOW - timedelta(days=2)
    if status == Pair.Status.CLOSED:
        changes["closed_at"] = NOW - timedelta(days=2)
    Pair.objects.filter(pk=pair.pk).update(**changes)
    pair.refresh_from_db()
    return pair


def _assignment(program, *, due, pairs=None) -> Assignment:
    reading = Reading.objects.create(program=program, title="Reading", body="<p>Text</p>")
    assignment = Assignment.objects.create(program=program, reading=reading, opens_at=due - timedelta(days=14),
                                           due_at=due, targets_all_pairs=pairs is None)
    if pairs is not None:
        assignment.pairs.set(pairs)
    return assignment


def build_program(zone: str, *, reply_window: timedelta, review_sla: timedelta, due: datetime) -> None:
    """One program in `zone` whose main assignment is due at `due`, with a pair for every situation."""
    program = factories.make_program(time_zone=zone, reply_window=reply_window, review_sla=review_sla)
    coordinator = factories.make_coordinator(program)
    long_ago = due - timedelta(days=40)
    make = lambda **kw: _pair(program, coordinator, started=kw.pop("started", long_ago), **kw)  # noqa: E731
    main = _assignment(program, due=due)
    upcoming = _assignment(program, due=NOW + timedelta(days=5))

    early, on_moment, late, silent = make(), make(), make(), make()
    paused, closed, _newcomer = make(status=Pair.Status.PAUSED), make(status=Pair.Status.CLOSED), make(started=due + MICRO)
    make(started=due)  # matched on the due moment itself: does not owe that letter either
    reviewing, returned, withheld = make(), make(), make()
    _assignment(program, due=due - timedelta(days=1), pairs=[early, silent])  # targeted: only two pairs owe it

    # Mentee letters on the main assignment: early, on the moment, a microsecond late; none from `silent`.
    delivered = {}
    for pair, sent in ((early, due - timedelta(days=3)), (on_moment, due), (late, due + MICRO)):
        delivered[pair] = _letter(pair, by="mentee", status=LetterStatus.DELIVERED, submitted=sent,
                                  delivered=sent + timedelta(hours=5), assignment=main)
    _letter(early, by="mentee", status=LetterStatus.READ, submitted=due - timedelta(days=10),
            delivered=due - timedelta(days=9))  # an earlier letter, answered exactly on its reply moment below
    _letter(early, by="mentee", status=LetterStatus.DRAFT, assignment=upcoming)  # a draft is not sent
    _letter(late, by="mentee", status=LetterStatus.IN_REVIEW, submitted=NOW - timedelta(hours=1), assignment=upcoming)
    # Mentor replies: on the reply moment itself (early), late (on_moment), none (late: overdue).
    first = Letter.objects.filter(pair=early, status=LetterStatus.READ).get()
    _letter(early, by="mentor", status=LetterStatus.DELIVERED, submitted=first.delivered_at + reply_window,
            delivered=first.delivered_at + reply_window + timedelta(hours=1))
    _letter(early, by="mentor", status=LetterStatus.IN_REVIEW, submitted=delivered[early].delivered_at + timedelta(hours=2))
    _letter(on_moment, by="mentor", status=LetterStatus.CHANGES_REQUESTED,
            submitted=delivered[on_moment].delivered_at + reply_window + timedelta(minutes=1))
    # Paused and closed pairs: a delivered letter unanswered, the assignment not written.
    for pair in (paused, closed):
        _letter(pair, by="mentee", status=LetterStatus.DELIVERED, submitted=due - timedelta(days=20),
                delivered=due - timedelta(days=19))
    _letter(closed, by="mentee", status=LetterStatus.READ, submitted=due + timedelta(hours=2),
            delivered=due + timedelta(hours=3), assignment=main)  # late, and stays late after closing
    # In review (not delivered: no reply owed), overdue for review or not; returned; withheld.
    _letter(reviewing, by="mentee", status=LetterStatus.IN_REVIEW, submitted=NOW - review_sla - MICRO, assignment=main)
    _letter(reviewing, by="mentee", status=LetterStatus.IN_REVIEW, submitted=NOW - review_sla + timedelta(minutes=1))
    _letter(returned, by="mentee", status=LetterStatus.CHANGES_REQUESTED, submitted=due - timedelta(hours=1),
            assignment=main)
    _letter(withheld, by="mentee", status=LetterStatus.WITHHELD, submitted=due + timedelta(days=1), assignment=main)
    # A reply window that ends after NOW: not due yet.
    _letter(withheld, by="mentee", status=LetterStatus.DELIVERED, submitted=NOW - timedelta(days=1),
            delivered=NOW - timedelta(hours=20))


@pytest.fixture
def fixture_set(db):
    # Copenhagen: due 23:30 on the night clocks went forward (02:00 → 03:00), 7-day replies.
    build_program("Europe/Copenhagen", reply_window=timedelta(days=7), review_sla=timedelta(hours=24),
                  due=local("Europe/Copenhagen", 2026, 3, 29, 23, 30))
    # New York: due at 01:30 on the night clocks went back (the second, ambiguous 01:30), 3-day replies.
    build_program("America/New_York", reply_window=timedelta(days=3), review_sla=timedelta(hours=48),
                  due=local("America/New_York", 2025, 11, 2, 1, 30, fold=1))
    # Auckland: due just before its clocks went back in April 2025, a 10-day window.
    build_program("Pacific/Auckland", reply_window=timedelta(days=10, hours=12), review_sla=timedelta(hours=6),
                  due=local("Pacific/Auckland", 2025, 4, 6, 2, 59))


# ---------------------------------------------------------------------------- Python and SQL agree


def _python_letter_rows() -> dict[tuple[int, int], str]:
    """Return {(pair, assignment): state} from the plain functions over values read from the database."""
    pairs = {p["pk"]: p for p in Pair.objects.values("pk", "program_id", "status", "started_at", "mentee_id")}
    targets = set(Assignment.pairs.through.objects.values_list("assignment_id", "pair_id"))
    letters = list(Letter.objects.values("pair_id", "author_id", "assignment_id", "submitted_at"))
    rows = {}
    for assignment in Assignment.objects.values("pk", "program_id", "due_at", "targets_all_pairs"):
        for pair in pairs.values():
            if pair["program_id"] != assignment["program_id"]:
                continue
            if not assignment["targets_all_pairs"] and (assignment["pk"], pair["pk"]) not in targets:
                continue
            sent = deadlines.letter_sent_at(
                row["submitted_at"] for row in letters
                if row["pair_id"] == pair["pk"] and row["author_id"] == pair["mentee_id"]
                and row["assignment_id"] == assignment["pk"]
            )
            rows[(pair["pk"], assignment["pk"])] = deadlines.deadline_state(
                due_at=assignment["due_at"], sent_at=sent, now=NOW,
                owed=deadlines.letter_owed(pair_status=pair["status"], pair_started_at=pair["started_at"],
                                           due_at=assignment["due_at"]),
            )
    return rows


def _sql_letter_rows() -> dict[tuple[int, int], str]:
    rows = {}
    for assignment in Assignment.objects.all():
        annotated = deadlines.annotate_letter_deadline(deadlines.pairs_for_assignment(assignment), assignment, now=NOW)
        for pk, state in annotated.values_list("pk", "letter_state"):
            rows[(pk, assignment.pk)] = state
    return rows


def _python_reply_rows() -> dict[int, tuple]:
    """Return {letter: (reply due, reply sent at, state)} from the plain functions."""
    letters = list(Letter.objects.values("pk", "pair_id", "author_id", "author__role", "submitted_at", "delivered_at",
                                         "pair__mentor_id", "pair__status", "pair__program__reply_window"))
    rows = {}
    for letter in letters:
        due = None
        if letter["author__role"] == Membership.Role.MENTEE:
            due = deadlines.reply_due_at(letter["delivered_at"], letter["pair__program__reply_window"])
        sent = None if due is None else deadlines.reply_sent_at(letter["delivered_at"], [
            other["submitted_at"] for other in letters
            if other["pair_id"] == letter["pair_id"] and other["author_id"] == letter["pair__mentor_id"]
        ])
        state = deadlines.deadline_state(due_at=due, sent_at=sent, now=NOW,
                                         owed=deadlines.reply_owed(pair_status=letter["pair__status"]))
        rows[letter["pk"]] = (due, sent, state)
    return rows


def _sql_reply_rows() -> dict[int, tuple]:
    annotated = deadlines.annotate_reply_deadlines(Letter.objects.all(), now=NOW)
    return {pk: (due, sent if due is not None else None, state)
            for pk, due, sent, state in annotated.values_list("pk", "reply_due", "reply_sent_at", "reply_state")}


def test_python_and_sql_agree_on_every_letter_deadline(fixture_set):
    python, sql = _python_letter_rows(), _sql_letter_rows()
    assert python == sql
    # The fixture set reaches every state, so a rule that drifted in one of them would show.
    assert set(Counter(python.values())) == set(DeadlineState.values)


def test_python_and_sql_agree_on_every_reply_deadline(fixture_set):
    python, sql = _python_reply_rows(), _sql_reply_rows()
    assert python == sql
    assert set(Counter(state for _due, _sent, state in python.values())) == {None, *DeadlineState.values}


def test_python_and_sql_agree_on_every_review_deadline(fixture_set):
    letters = Letter.objects.exclude(status=LetterStatus.DRAFT)
    python = {
        row["pk"]: (due := deadlines.review_due_at(row["submitted_at"], row["pair__program__review_sla"]),
                    deadlines.is_overdue(due, NOW))
        for row in letters.values("pk", "submitted_at", "pair__program__review_sla")
    }
    sql = dict((pk, (due, overdue)) for pk, due, overdue in deadlines.annotate_review_deadline(letters, now=NOW)
               .values_list("pk", "review_due", "review_overdue"))
    assert python == sql
    assert {overdue for _due, overdue in python.values()} == {True, False}


def test_python_and_sql_agree_on_which_pairs_need_attention(fixture_set):
    letter_rows, reply_rows = _python_letter_rows(), _python_reply_rows()
    reply_pair = dict(Letter.objects.values_list("pk", "pair_id"))
    python = {}
    for pair_id in Pair.objects.values_list("pk", flat=True):
        overdue_letter = any(state == DeadlineState.OVERDUE for (p, _a), state in letter_rows.items() if p == pair_id)
        overdue_reply = any(state == DeadlineState.OVERDUE for pk, (_d, _s, state) in reply_rows.items()
                            if reply_pair[pk] == pair_id)
        python[pair_id] = (overdue_letter, overdue_reply,
                           deadlines.needs_attention(has_overdue_letter=overdue_letter, has_overdue_reply=overdue_reply))
    columns = ("pk", "has_overdue_letter", "has_overdue_reply", "deadlines_need_attention")
    generic = deadlines.annotate_pair_deadlines(Pair.objects.all(), now=NOW).values_list(*columns)
    assert {pk: tuple(rest) for pk, *rest in generic} == python
    # The form pair health uses (the program's window as a constant) agrees too.
    for program_id in {p.program_id for p in Pair.objects.all()}:
        program = Pair.objects.filter(program_id=program_id).first().program
        narrowed = deadlines.annotate_pair_deadlines(Pair.objects.filter(program_id=program_id), now=NOW,
                                                     reply_window=program.reply_window).values_list(*columns)
        assert {pk: tuple(rest) for pk, *rest in narrowed} == {pk: python[pk] for pk, *_ in narrowed}
    assert {values for values in python.values()} >= {(True, False, True), (False, True, True), (False, False, False)}
    # The counts the dashboard, the weekly e-mail and the report print.
    assert deadlines.count_overdue_pairs(Pair.objects.all(), now=NOW) == {
        "letter": sum(letter for letter, _reply, _any in python.values()),
        "reply": sum(reply for _letter, reply, _any in python.values()),
        "any": sum(either for _letter, _reply, either in python.values()),
    }


def test_the_weekly_digest_names_the_pairs_the_rules_name(fixture_set):
    snapshot = reminders.load_snapshot(NOW)
    for program_id in {p.program_id for p in Pair.objects.all()}:
        digest = {(entry["mentor"], entry["mentee"]): entry["reasons"]
                  for entry in planning.pairs_needing_attention(snapshot, program_id)}
        expected = {}
        for pair in deadlines.annotate_pair_deadlines(
            Pair.objects.filter(program_id=program_id).select_related("mentor", "mentee"), now=NOW
        ):
            reasons = [r for r, flag in (("letter_overdue", pair.has_overdue_letter),
                                         ("reply_overdue", pair.has_overdue_reply)) if flag]
            if reasons:
                expected[(pair.mentor.pseudonym, pair.mentee.pseudonym)] = reasons
        assert digest == expected and digest


def test_a_review_taking_exactly_its_deadline_is_on_time():
    sla = timedelta(hours=24)
    assert not deadlines.review_took_too_long(sla, sla)
    assert deadlines.review_took_too_long(sla + MICRO, sla)
    submitted = NOW - sla
    assert deadlines.is_late(submitted + sla + MICRO, deadlines.review_due_at(submitted, sla))
