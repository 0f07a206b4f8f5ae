"""Reads about letters and their deadlines, shaped for the pages and the API."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from letters.models import RECIPIENT_VISIBLE, Letter, LetterEvent, LetterStatus
from programs.models import Membership, Pair
from readings.models import Assignment

#: Statuses in which the author may still change the letter (kept in step with letters.services.EDITABLE).
EDITABLE_STATUSES = (LetterStatus.DRAFT, LetterStatus.CHANGES_REQUESTED)


def letter_due_for(pair: Pair, assignment: Assignment) -> datetime | None:
    """Return when the mentee of `pair` owes a letter on `assignment` (UTC), or None.

    None means the assignment does not apply to the pair. The due moment is the
    assignment's `due_at`, which coordinators enter in the program's time zone.
    """
    if assignment.program_id != pair.program_id:
        return None
    if not assignment.targets_all_pairs and not assignment.pairs.filter(pk=pair.pk).exists():
        return None
    return assignment.due_at


def reply_due_at(letter: Letter) -> datetime | None:
    """Return when the mentor's reply to a mentee's `letter` is due, or None if none is owed.

    The reply window starts when the letter was delivered: time spent in review never
    counts against the mentor. Precondition: `letter.pair.program` is loaded or loadable.
    """
    if letter.delivered_at is None or letter.author.role != Membership.Role.MENTEE:
        return None
    return letter.delivered_at + letter.pair.program.reply_window


def review_due_at(letter: Letter) -> datetime | None:
    """Return when a coordinator should have decided on a submitted letter, or None."""
    if letter.submitted_at is None:
        return None
    return letter.submitted_at + letter.pair.program.review_sla


def list_thread(user, pair: Pair) -> QuerySet[Letter]:
    """Return the letters of `pair` that `user` may see, oldest first, ready to render.

    Precondition: `pair` was fetched through programs.access.access_pair for `user`.
    """
    return (
        Letter.objects.visible_to(user)
        .filter(pair=pair)
        .select_related("author", "assignment__reading")
        .order_by("submitted_at", "created_at", "pk")
    )


def list_letter_events(letter: Letter) -> QuerySet[LetterEvent]:
    """Return the audit trail of `letter`, oldest first, with the actors."""
    return letter.events.select_related("actor").order_by("created_at", "pk")


def list_my_letters(user) -> QuerySet[Letter]:
    """Return the letters `user` wrote, newest first, in every state."""
    return (
        Letter.objects.filter(author__user=user)
        .select_related("pair__program", "assignment__reading")
        .prefetch_related(Prefetch("events", queryset=LetterEvent.objects.order_by("-created_at")))
        .order_by("-updated_at")
    )


def list_inbox(user) -> QuerySet[Letter]:
    """Return the delivered letters addressed to `user` that they have not yet opened."""
    return (
        Letter.objects.visible_to(user)
        .filter(status=LetterStatus.DELIVERED)
        .exclude(author__user=user)
        .select_related("author", "pair__program", "assignment__reading")
        .order_by("delivered_at")
    )


def awaiting_mentor_reply(letters: QuerySet[Letter]) -> QuerySet[Letter]:
    """Narrow `letters` to delivered mentee letters that the pair's mentor has not answered yet.

    A letter counts as answered once the mentor submits any letter after it was delivered
    (whether or not they pressed "reply" on that very letter).
    """
    answered = Letter.objects.filter(
        pair=OuterRef("pair_id"), author=OuterRef("pair__mentor_id"), submitted_at__gte=OuterRef("delivered_at")
    )
    return letters.filter(status__in=RECIPIENT_VISIBLE, author__role=Membership.Role.MENTEE).filter(~Exists(answered))


def list_replies_owed(user) -> list[tuple[Letter, datetime | None]]:
    """Return (letter, reply due at) for each mentee letter `user` owes a reply to, oldest first.

    One query whatever the number of pairs and letters.
    """
    letters = awaiting_mentor_reply(
        Letter.objects.filter(pair__mentor__user=user, pair__status=Pair.Status.ACTIVE)
    ).select_related("pair__program", "author").order_by("delivered_at", "pk")
    return [(letter, reply_due_at(letter)) for letter in letters]


def list_editable_letters(user) -> QuerySet[Letter]:
    """Return `user`'s own drafts and returned letters, most recently changed first."""
    return (
        Letter.objects.filter(author__user=user, status__in=EDITABLE_STATUSES)
        .select_related("pair", "assignment__reading")
        .order_by("-updated_at", "-pk")
    )


def find_open_draft(user, *, pair: Pair, assignment_id: int | None, in_reply_to_id: int | None) -> Letter | None:
    """Return `user`'s unsent letter in `pair` about the same assignment / reply, if there is one."""
    return (
        Letter.objects.filter(
            author__user=user, pair=pair, status__in=EDITABLE_STATUSES, assignment_id=assignment_id,
            in_reply_to_id=in_reply_to_id,
        )
        .order_by("-updated_at", "-pk")
        .first()
    )


def list_own_letters_for(user, assignment_ids) -> dict[int, Letter]:
    """Return {assignment id: `user`'s latest letter about it} for `assignment_ids` (one query)."""
    letters = Letter.objects.filter(author__user=user, assignment_id__in=list(assignment_ids)).order_by("updated_at", "pk")
    return {letter.assignment_id: letter for letter in letters}


def latest_event_note(letter: Letter) -> str:
    """Return the coordinator's note from the letter's last return to its author, or ""."""
    event = (
        letter.events.filter(to_status=LetterStatus.CHANGES_REQUESTED).exclude(note="").order_by("-created_at", "-pk").first()
    )
    return event.note if event else ""



@dataclass(frozen=True)
class DueDate:
    """One deadline for a person's calendar: `kind` is "letter" or "reply"."""

    uid: str
    kind: str
    title: str
    due_at: datetime


def list_due_dates(user) -> list[DueDate]:
    """Return the deadlines `user` has as a pair member: letters due (mentees) and replies owed (mentors).

    Mentors also get each assignment's due date, so they know when to expect a letter.
    Three queries whatever the number of pairs and assignments.
    """
    pairs = list(Pair.objects.open().filter(Q(mentor__user=user) | Q(mentee__user=user)).select_related("mentee"))
    if not pairs:
        return []
    assignments = (
        Assignment.objects.filter(program_id__in={p.program_id for p in pairs})
        .filter(Q(targets_all_pairs=True) | Q(pairs__in=pairs))
        .select_related("reading")
        .distinct()
        .order_by("due_at", "pk")
    )
    dates = [
        DueDate(uid=f"assignment-{a.pk}-user-{user.pk}", kind="letter", title=a.reading.title, due_at=a.due_at)
        for a in assignments
    ]
    dates += [
        DueDate(uid=f"reply-{letter.pk}-user-{user.pk}", kind="reply", title=letter.author.pseudonym, due_at=due)
        for letter, due in list_replies_owed(user)
        if due is not None
    ]
    return sorted(dates, key=lambda d: d.due_at)
