"""Reads about letters and their deadlines, shaped for the pages and the API."""

from datetime import datetime

from django.db.models import Prefetch, QuerySet

from letters.models import Letter, LetterEvent, LetterStatus
from programs.models import Membership, Pair
from readings.models import Assignment


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


def list_notifications(user) -> QuerySet:
    """Return `user`'s in-app notifications, newest first (unread and read)."""
    from letters.models import Notification

    return Notification.objects.filter(user=user).select_related("program").order_by("-created_at", "-pk")
