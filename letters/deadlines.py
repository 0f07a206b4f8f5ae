"""Deadlines: when a letter, a reply or a review is due, and whether it came on time.

This module is the only place these rules are written. Each rule exists twice, side by side:

- as a plain function over values, for code that already holds the rows (the reminder sweep,
  the services, notifications, the API);
- as a Django ORM expression, for querysets (pair health, the review queue, the program report,
  the dashboard), so a page costs the same number of queries whatever the data size.

tests/letters/test_deadlines.py checks, on fixtures covering every case, that both give the
same answer for every row, on SQLite and on PostgreSQL.

The rules (docs/design.md, "Deadlines"):

- A mentee's letter on an assignment is due at the assignment's `due_at` (entered in the
  program's time zone, stored in UTC). It is owed by an active pair that existed before that
  moment and that the assignment targets. It counts as sent when the mentee first submitted a
  letter about it (any state but draft: a letter in review, returned or withheld was sent).
- A mentor's reply is due `reply_window` after the mentee's letter was *delivered* (review time
  never counts against the mentor). It is owed by an active pair, and it counts as sent when
  the mentor first submits any letter in the pair at or after that delivery.
- A review is due `review_sla` after the letter's (latest) submission.
- Windows are exact durations added in UTC: across a change to or from summer time a 7-day
  window ends one hour earlier or later on the local clock.
- Against its due moment each deadline is in one `DeadlineState`: sent on time (at or before
  the moment), sent late (after it), overdue (owed, not sent, the moment has passed), not due
  yet, or excused (not sent and no longer owed: the pair is paused or closed, or began after
  the due moment). Overdue counts as late in every on-time figure (`on_time_rate`).
- A pair needs attention for its deadlines when it has an overdue letter or an overdue reply.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.db import models
from django.db.models import Case, Count, DateTimeField, Exists, ExpressionWrapper, F, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.lookups import GreaterThan, IsNull
from django.utils.translation import gettext_lazy as _

from letters.models import RECIPIENT_VISIBLE, Letter
from programs.models import Membership, Pair
from readings.models import Assignment


class DeadlineState(models.TextChoices):
    NOT_DUE = "not_due", _("Not due yet")
    ON_TIME = "on_time", _("On time")
    LATE = "late", _("Late")
    OVERDUE = "overdue", _("Overdue, not sent")
    EXCUSED = "excused", _("Not owed")


#: The states an on-time figure counts, and those of them that are not on time.
COUNTED_STATES = (DeadlineState.ON_TIME, DeadlineState.LATE, DeadlineState.OVERDUE)
NOT_ON_TIME_STATES = (DeadlineState.LATE, DeadlineState.OVERDUE)

# The members the rules over values return and compare with, read from their enums once:
# reading a member from its class costs more than the rest of deadline_state, which the award
# job and the reminder sweep call for every pair and assignment.
_ON_TIME, _LATE, _OVERDUE = DeadlineState.ON_TIME, DeadlineState.LATE, DeadlineState.OVERDUE
_NOT_DUE, _EXCUSED = DeadlineState.NOT_DUE, DeadlineState.EXCUSED
_ACTIVE = Pair.Status.ACTIVE


# ---------------------------------------------------------------------------- rules over values


def letter_due_at(assignment: Assignment) -> datetime:
    """Return when a mentee's letter on `assignment` is due (UTC)."""
    return assignment.due_at


def reply_due_at(delivered_at: datetime | None, reply_window: timedelta) -> datetime | None:
    """Return when the mentor's reply to a mentee letter delivered at `delivered_at` is due, or None if undelivered."""
    return None if delivered_at is None else delivered_at + reply_window


def review_due_at(submitted_at: datetime | None, review_sla: timedelta) -> datetime | None:
    """Return when a coordinator should have decided on a letter submitted at `submitted_at`, or None."""
    return None if submitted_at is None else submitted_at + review_sla


def is_late(sent_at: datetime, due_at: datetime | None) -> bool:
    """Return True if something sent at `sent_at` missed `due_at` (exactly on the moment is on time)."""
    return due_at is not None and sent_at > due_at


def review_took_too_long(waited: timedelta, review_sla: timedelta) -> bool:
    """Return True if a review decided `waited` after submission missed its due moment (is_late, measured from submission)."""
    return waited > review_sla


def is_overdue(due_at: datetime | None, now: datetime) -> bool:
    """Return True if `due_at` has passed at `now` (for something not sent yet)."""
    return due_at is not None and now > due_at


def letter_owed(*, pair_status: str, pair_started_at: datetime, due_at: datetime) -> bool:
    """Return True if a pair (its status and start) still owes a letter due at `due_at`."""
    return pair_status == _ACTIVE and due_at > pair_started_at


def reply_owed(*, pair_status: str) -> bool:
    """Return True if a pair in `pair_status` still owes the replies its mentor has not sent."""
    return pair_status == _ACTIVE


def letter_sent_at(submissions: Iterable[datetime | None]) -> datetime | None:
    """Return when a mentee first sent a letter on an assignment, from its letters' `submitted_at` (None: not sent)."""
    return min((moment for moment in submissions if moment is not None), default=None)


def reply_sent_at(delivered_at: datetime | None, mentor_submissions: Iterable[datetime | None]) -> datetime | None:
    """Return when the mentor answered a letter delivered at `delivered_at`: their first submission at or after it."""
    if delivered_at is None:
        return None
    return min((moment for moment in mentor_submissions if moment is not None and moment >= delivered_at), default=None)


def reply_answered(delivered_at: datetime, latest_mentor_submission: datetime | None) -> bool:
    """Return True if the mentor answered a letter delivered at `delivered_at`, knowing only their latest submission."""
    return latest_mentor_submission is not None and latest_mentor_submission >= delivered_at


def deadline_state(*, due_at: datetime | None, sent_at: datetime | None, now: datetime, owed: bool) -> str | None:
    """Return the DeadlineState of something due at `due_at` and sent at `sent_at` (None: not sent), at `now`.

    `owed` says whether it is still expected (letter_owed, reply_owed). None when there is no deadline.
    """
    if due_at is None:
        return None
    if sent_at is not None:
        return _LATE if is_late(sent_at, due_at) else _ON_TIME
    if not owed:
        return _EXCUSED
    return _OVERDUE if is_overdue(due_at, now) else _NOT_DUE


def on_time_rate(on_time: int, late: int, overdue: int) -> float | None:
    """Return the share on time among deadlines that have been met, missed, or passed unsent (None if none)."""
    total = on_time + late + overdue
    return None if total == 0 else on_time / total


def needs_attention(*, has_overdue_letter: bool, has_overdue_reply: bool) -> bool:
    """Return True if a pair's deadlines call for a coordinator: a letter or a reply is overdue."""
    return has_overdue_letter or has_overdue_reply


def letter_due_for(pair: Pair, assignment: Assignment) -> datetime | None:
    """Return when the mentee of `pair` owes a letter on `assignment` (UTC), or None if it does not apply to the pair."""
    if assignment.program_id != pair.program_id:
        return None
    if not assignment.targets_all_pairs and not assignment.pairs.filter(pk=pair.pk).exists():
        return None
    return letter_due_at(assignment)


def reply_due_for(letter: Letter) -> datetime | None:
    """Return when the mentor's reply to `letter` is due, or None if it owes none (not a mentee's, not delivered).

    Precondition: `letter.author` and `letter.pair.program` are loaded or loadable.
    """
    if letter.author.role != Membership.Role.MENTEE:
        return None
    return reply_due_at(letter.delivered_at, letter.pair.program.reply_window)


def review_due_for(letter: Letter) -> datetime | None:
    """Return when a coordinator should have decided on `letter`, or None if it was never submitted."""
    return review_due_at(letter.submitted_at, letter.pair.program.review_sla)


def sent_late(letter: Letter, now: datetime) -> bool:
    """Return True if `letter`, submitted at `now`, misses its deadline (mentee: the assignment; mentor: the reply)."""
    if letter.author.role == Membership.Role.MENTEE and letter.assignment is not None:
        return is_late(now, letter_due_at(letter.assignment))
    if letter.in_reply_to is not None:
        return is_late(now, reply_due_for(letter.in_reply_to))
    return False


# ---------------------------------------------------------------------------- the same rules as ORM expressions


def _at(moment: datetime) -> Value:
    return Value(moment, output_field=DateTimeField())


def due_plus(start: str, window: str) -> ExpressionWrapper:
    """Return `start + window` (a datetime field plus a duration field) as a datetime expression."""
    return ExpressionWrapper(F(start) + F(window), output_field=DateTimeField())


def reply_due_expression(prefix: str = "") -> Case:
    """Return the reply due moment of the letter at `prefix` (e.g. "" or "letter__"), NULL unless it is owed one.

    Only a mentee's delivered letter is answered by a reply (reply_due_at is applied to those).
    """
    return Case(
        When(Q(**{f"{prefix}author__role": Membership.Role.MENTEE, f"{prefix}delivered_at__isnull": False}),
             then=due_plus(f"{prefix}delivered_at", f"{prefix}pair__program__reply_window")),
        default=Value(None), output_field=DateTimeField(),
    )


def review_due_expression(prefix: str = "") -> ExpressionWrapper:
    """Return the review due moment of the letter at `prefix`: submission + the program's review_sla."""
    return due_plus(f"{prefix}submitted_at", f"{prefix}pair__program__review_sla")


def reply_sent_at_expression() -> Subquery:
    """Return, for the outer letter, the mentor's first submission in its pair at or after its delivery."""
    return Subquery(
        Letter.objects.filter(
            pair=OuterRef("pair_id"), author=OuterRef("pair__mentor_id"), submitted_at__isnull=False,
            submitted_at__gte=OuterRef("delivered_at"),
        ).order_by("submitted_at").values("submitted_at")[:1],
        output_field=DateTimeField(),
    )


def mentor_answered(letter_ref: str = "") -> Exists:
    """Return whether the mentor answered the letter at OuterRef `letter_ref` (e.g. "" or a nested ref)."""
    return Exists(Letter.objects.filter(
        pair=OuterRef(f"{letter_ref}pair_id"), author=OuterRef(f"{letter_ref}pair__mentor_id"),
        submitted_at__gte=OuterRef(f"{letter_ref}delivered_at"),
    ))


def letter_sent_at_expression(assignment_ref) -> Subquery:
    """Return, for the outer pair, when its mentee first sent a letter on the assignment `assignment_ref`.

    `assignment_ref` is an Assignment, an id, or an OuterRef to one.
    """
    return Subquery(
        Letter.objects.filter(
            pair=OuterRef("pk"), author=OuterRef("mentee_id"), assignment=assignment_ref, submitted_at__isnull=False,
        ).order_by("submitted_at").values("submitted_at")[:1],
        output_field=DateTimeField(),
    )


def state_expression(*, due, sent, now: datetime, owed: Q) -> Case:
    """Return deadline_state as a Case over the expressions `due` and `sent`, with `owed` a Q on the row."""
    return Case(
        When(IsNull(due, True), then=Value(None)),
        When(IsNull(sent, False), then=Case(
            When(GreaterThan(sent, due), then=Value(DeadlineState.LATE.value)),
            default=Value(DeadlineState.ON_TIME.value),
        )),
        When(~owed, then=Value(DeadlineState.EXCUSED.value)),
        When(GreaterThan(_at(now), due), then=Value(DeadlineState.OVERDUE.value)),
        default=Value(DeadlineState.NOT_DUE.value),
        output_field=models.CharField(),
    )


def annotate_reply_deadlines(letters: QuerySet[Letter], *, now: datetime) -> QuerySet[Letter]:
    """Annotate `letters` with `reply_due`, `reply_sent_at` and `reply_state` (None where no reply is owed).

    Only a mentee's delivered letter owes a reply: the others get NULLs.
    """
    return letters.annotate(
        reply_due=reply_due_expression(), reply_sent_at=reply_sent_at_expression(),
    ).annotate(
        reply_state=state_expression(due=F("reply_due"), sent=F("reply_sent_at"), now=now,
                                     owed=Q(pair__status=Pair.Status.ACTIVE)),
    )


def annotate_letter_deadline(pairs: QuerySet[Pair], assignment: Assignment, *, now: datetime) -> QuerySet[Pair]:
    """Annotate `pairs` with `letter_due`, `letter_sent_at` and `letter_state` for `assignment`.

    Precondition: `assignment` applies to every pair in `pairs` (see pairs_for_assignment).
    """
    due = letter_due_at(assignment)
    return pairs.annotate(
        letter_due=_at(due), letter_sent_at=letter_sent_at_expression(assignment.pk),
    ).annotate(
        letter_state=state_expression(due=F("letter_due"), sent=F("letter_sent_at"), now=now,
                                      owed=Q(status=Pair.Status.ACTIVE, started_at__lt=due)),
    )


def pairs_for_assignment(assignment: Assignment) -> QuerySet[Pair]:
    """Return the pairs `assignment` applies to: every pair of its program, or those it targets."""
    pairs = Pair.objects.filter(program_id=assignment.program_id)
    return pairs if assignment.targets_all_pairs else pairs.filter(assignments=assignment)


def annotate_review_deadline(letters: QuerySet[Letter], *, now: datetime) -> QuerySet[Letter]:
    """Annotate letters (in review) with `review_due` and `review_overdue`."""
    return letters.annotate(review_due=review_due_expression()).annotate(
        review_overdue=Case(When(GreaterThan(_at(now), F("review_due")), then=Value(True)), default=Value(False),
                            output_field=models.BooleanField()),
    )


def overdue_letter_exists(*, now: datetime) -> Exists:
    """Return whether the outer pair has a letter in DeadlineState.OVERDUE at `now` (an Exists over assignments)."""
    sent = Letter.objects.filter(
        pair=OuterRef(OuterRef("pk")), author=OuterRef(OuterRef("mentee_id")), assignment=OuterRef("pk"),
        submitted_at__isnull=False,
    )
    return Exists(
        Assignment.objects.filter(program=OuterRef("program_id"), due_at__lt=now, due_at__gt=OuterRef("started_at"))
        .filter(Q(targets_all_pairs=True) | Q(pairs=OuterRef("pk")))
        .filter(~Exists(sent))
    )


def overdue_reply_exists(*, now: datetime, reply_window: timedelta | None = None) -> Exists:
    """Return whether the outer pair has a reply in DeadlineState.OVERDUE at `now` (an Exists over its letters).

    Without `reply_window` each letter's own program's window is read, so pairs of several
    programs may mix. With it (every pair is of one program with that window) the same test
    is written `delivered_at < now - window`, which the database answers from an index range.
    """
    letters = Letter.objects.filter(pair=OuterRef("pk"), author=OuterRef("mentee_id"), delivered_at__isnull=False)
    if reply_window is None:
        letters = letters.annotate(reply_due=due_plus("delivered_at", "pair__program__reply_window")).filter(
            reply_due__lt=now
        )
    else:
        letters = letters.filter(delivered_at__lt=now - reply_window)
    return Exists(letters.filter(~mentor_answered("")))


def overdue_reply_expression(*, now: datetime, reply_window: timedelta | None = None) -> Case:
    """Return whether the outer pair has an overdue reply at `now`: False for a pair that is not active.

    The `has_overdue_reply` of annotate_pair_deadlines, on its own for a reader that needs no
    other deadline (the toolbox tip asks it only of a mentor's pairs). `reply_window`: see
    overdue_reply_exists.
    """
    return Case(When(Q(status=Pair.Status.ACTIVE), then=overdue_reply_exists(now=now, reply_window=reply_window)),
                default=Value(False), output_field=models.BooleanField())


def annotate_pair_deadlines(pairs: QuerySet[Pair], *, now: datetime, reply_window: timedelta | None = None) -> QuerySet[Pair]:
    """Annotate `pairs` with `has_overdue_letter`, `has_overdue_reply` and `deadlines_need_attention`.

    A pair that is not active owes nothing, so all three are False for it. `reply_window`: see
    overdue_reply_exists (pass the program's when every pair is of that program).
    """
    active = Q(status=Pair.Status.ACTIVE)
    return pairs.annotate(
        has_overdue_letter=Case(When(active, then=overdue_letter_exists(now=now)), default=Value(False),
                                output_field=models.BooleanField()),
        has_overdue_reply=overdue_reply_expression(now=now, reply_window=reply_window),
    ).annotate(
        deadlines_need_attention=Case(When(Q(has_overdue_letter=True) | Q(has_overdue_reply=True), then=Value(True)),
                                      default=Value(False), output_field=models.BooleanField()),
    )


def awaiting_reply(letters: QuerySet[Letter]) -> QuerySet[Letter]:
    """Narrow `letters` to delivered mentee letters that the pair's mentor has not answered yet."""
    return letters.filter(status__in=RECIPIENT_VISIBLE, author__role=Membership.Role.MENTEE).filter(
        ~mentor_answered("")
    )


def count_overdue_pairs(pairs: QuerySet[Pair], *, now: datetime, reply_window: timedelta | None = None) -> dict[str, int]:
    """Return {"letter": pairs with an overdue letter, "reply": with an overdue reply, "any": either} (one query).

    These are the numbers the dashboard, the weekly e-mail and the program report show.
    Only active pairs can be overdue, so only they are judged. `reply_window`: see overdue_reply_exists.
    """
    active = pairs.filter(status=Pair.Status.ACTIVE)
    return annotate_pair_deadlines(active, now=now, reply_window=reply_window).aggregate(
        letter=Count("pk", filter=Q(has_overdue_letter=True)),
        reply=Count("pk", filter=Q(has_overdue_reply=True)),
        any=Count("pk", filter=Q(deadlines_need_attention=True)),
    )

