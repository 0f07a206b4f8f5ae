"""The letter lifecycle: every write to a letter goes through one of these services.

draft ─submit─▶ in_review ─approve─▶ delivered ─open─▶ read
                  │  ▲  └─request changes─▶ changes_requested ─resubmit─┘
                  └─withhold─▶ withheld

Each service runs in one transaction, locks the letter, checks the actor and the current
state, records a LetterEvent, and raises ValidationError, StateConflict or
PermissionDenied with a message a person can act on. A status change is written with a
guarded UPDATE (WHERE status IN allowed) as well as the row lock, so that two
coordinators deciding the same letter at once cannot both win, on SQLite too.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from letters.models import Letter, LetterEvent, LetterStatus
from letters.selectors import EDITABLE_STATUSES, reply_due_at
from programs.exceptions import StateConflict
from programs.models import Membership, Pair, User
from programs.richtext import sanitize_html
from programs.services import pause_pair as pause_pair_service
from programs.services import require_coordinator
from readings.models import Assignment

#: Drafts may run past the program's limit (the author is told on submit), but not without end.
DRAFT_HARD_LIMIT = 100_000

EDITABLE = EDITABLE_STATUSES


# ---------------------------------------------------------------------------- helpers


def _lock(letter: Letter) -> Letter:
    """Return `letter` re-read under a row lock, with what the checks need."""
    return (
        Letter.objects.select_for_update(of=("self",))
        .select_related("pair__program", "pair__mentor", "pair__mentee", "author", "assignment", "in_reply_to")
        .get(pk=letter.pk)
    )


def _conflict(letter: Letter) -> StateConflict:
    return StateConflict(
        _("This letter is now “%(status)s”; someone may have acted on it already. Reload the page to see it.")
        % {"status": letter.get_status_display()}
    )


def _transition(letter: Letter, *, actor: User | None, allowed_from, to: str, note: str = "", **fields) -> Letter:
    """Move a locked `letter` from one of `allowed_from` to `to`, record the event, return it.

    Raises StateConflict if the letter is no longer in an allowed state.
    """
    if letter.status not in allowed_from:
        raise _conflict(letter)
    now = timezone.now()
    updated = Letter.objects.filter(pk=letter.pk, status__in=list(allowed_from)).update(
        status=to, updated_at=now, **fields
    )
    if not updated:
        letter.refresh_from_db()
        raise _conflict(letter)
    from_status = letter.status
    letter.status = to
    letter.updated_at = now
    for name, value in fields.items():
        setattr(letter, name, value)
    LetterEvent.objects.create(letter=letter, actor=actor, from_status=from_status, to_status=to, note=note)
    return letter


def _author_membership(actor: User, pair: Pair) -> Membership:
    membership = pair.member_for(actor)
    if membership is None:
        raise PermissionDenied(_("Only the two people in a pair can write its letters."))
    return membership


def _require_author(actor: User, letter: Letter) -> None:
    if letter.author.user_id != actor.pk:
        raise PermissionDenied(_("Only the author of a letter can change it."))


def _require_open_pair(pair: Pair) -> None:
    if pair.status != Pair.Status.ACTIVE:
        raise ValidationError(
            _("This pair is %(status)s, so it takes no new letters. Your text is kept as a draft.")
            % {"status": pair.get_status_display().lower()}
        )


def _write_body(letter: Letter, body: str) -> None:
    """Sanitise `body` into the letter's HTML and plain-text copy (not yet saved)."""
    if len(body or "") > DRAFT_HARD_LIMIT:
        raise ValidationError(
            {"body": _("This text is too long to keep (over %(limit)d characters).") % {"limit": DRAFT_HARD_LIMIT}}
        )
    clean = sanitize_html(body)
    letter.body_html, letter.body_text = clean.html, clean.text


def length_problem(letter: Letter) -> str | None:
    """Return why the letter's length breaks its program's limits, or None if it fits."""
    program = letter.pair.program
    length = len(letter.body_text)
    if length == 0:
        return _("Your letter is empty. Write something before you send it.")
    if length < program.min_letter_chars:
        missing = program.min_letter_chars - length
        return ngettext(
            "Your letter is a little short: write at least %(count)d more character.",
            "Your letter is a little short: write at least %(count)d more characters.",
            missing,
        ) % {"count": missing}
    if length > program.max_letter_chars:
        extra = length - program.max_letter_chars
        return ngettext(
            "Your letter is %(count)d character too long. Shorten it, or split it into two letters.",
            "Your letter is %(count)d characters too long. Shorten it, or split it into two letters.",
            extra,
        ) % {"count": extra}
    return None


def _is_late(letter: Letter, now) -> bool:
    """Return True if `letter` is sent after its deadline (mentee: assignment; mentor: reply)."""
    if letter.author.role == Membership.Role.MENTEE and letter.assignment is not None:
        return now > letter.assignment.due_at
    if letter.in_reply_to is not None:
        due = reply_due_at(letter.in_reply_to)
        return due is not None and now > due
    return False


# ---------------------------------------------------------------------------- authors


def _check_new_letter_links(pair: Pair, author: Membership, assignment, in_reply_to) -> None:
    if assignment is not None and not Assignment.objects.for_pair(pair).filter(pk=assignment.pk).exists():
        raise ValidationError({"assignment": _("That reading is not assigned to your pair.")})
    # Re-read the letter replied to: the caller's copy may be stale.
    if in_reply_to is not None and not (
        Letter.objects.delivered().filter(pk=in_reply_to.pk, pair=pair).exclude(author=author).exists()
    ):
        raise ValidationError({"in_reply_to": _("You can only reply to a letter you have received.")})


@transaction.atomic
def save_draft(
    actor: User,
    *,
    body: str,
    pair: Pair | None = None,
    letter: Letter | None = None,
    assignment: Assignment | None = None,
    in_reply_to: Letter | None = None,
) -> Letter:
    """Create a draft in `pair`, or update `letter`'s text; return the letter.

    Precondition: exactly one of `pair` (new draft) and `letter` (existing) is given.
    A new draft needs an active pair; an existing draft or returned letter can always be
    saved by its author, so no word is ever lost. Length limits apply on submit, not here.
    """
    if (pair is None) == (letter is None):
        raise ValueError("save_draft takes either pair (new draft) or letter (existing), not both")
    if letter is not None:
        letter = _lock(letter)
        _require_author(actor, letter)
        if letter.status not in EDITABLE:
            raise StateConflict(_("This letter has been sent and can no longer be edited."))
        _write_body(letter, body)
        letter.save(update_fields=["body_html", "body_text", "updated_at"])
        return letter
    pair = Pair.objects.select_related("program", "mentor", "mentee").get(pk=pair.pk)
    author = _author_membership(actor, pair)
    _require_open_pair(pair)
    _check_new_letter_links(pair, author, assignment, in_reply_to)
    letter = Letter(pair=pair, author=author, assignment=assignment, in_reply_to=in_reply_to)
    _write_body(letter, body)
    letter.save()
    return letter


def route_submitted_letter(letter: Letter) -> None:
    """Decide what happens to a letter that has just entered review.

    Precondition: `letter` is locked and `in_review`. The moderation step (screening and
    the program's review policy) extends this; until then every letter waits for a person.
    """


def submit_letter(actor: User, *, letter: Letter, body: str | None = None) -> Letter:
    """Send a draft (or a returned letter) to the coordinator; return the letter.

    If `body` is given it is saved first, and it stays saved even when the letter is
    refused (empty, too short, too long, pair paused): the author never loses the text.
    """
    problem = None
    with transaction.atomic():
        letter = _lock(letter)
        _require_author(actor, letter)
        if letter.status not in EDITABLE:
            raise StateConflict(_("This letter has already been sent."))
        if body is not None:
            _write_body(letter, body)
            letter.save(update_fields=["body_html", "body_text", "updated_at"])
        if letter.pair.status != Pair.Status.ACTIVE:
            problem = ValidationError(
                _("This pair is %(status)s, so it takes no new letters. Your text is kept as a draft.")
                % {"status": letter.pair.get_status_display().lower()}
            )
        elif message := length_problem(letter):
            problem = ValidationError({"body": message})
        else:
            now = timezone.now()
            _transition(
                letter, actor=actor, allowed_from=EDITABLE, to=LetterStatus.IN_REVIEW,
                submitted_at=now, is_late=_is_late(letter, now),
            )
            route_submitted_letter(letter)
    # Raised after the commit on purpose: the text saved above must survive the refusal.
    if problem is not None:
        raise problem
    return letter


def mark_read(actor: User, *, letter: Letter) -> Letter:
    """Record that the recipient opened a delivered letter; reading it again changes nothing."""
    with transaction.atomic():
        letter = _lock(letter)
        if letter.recipient.user_id != actor.pk:
            raise PermissionDenied(_("Only the recipient can mark a letter as read."))
        if letter.status == LetterStatus.READ:
            return letter
        return _transition(
            letter, actor=actor, allowed_from=(LetterStatus.DELIVERED,), to=LetterStatus.READ, read_at=timezone.now()
        )


# ---------------------------------------------------------------------------- coordinators


def _require_note(note: str, message: str) -> str:
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": message})
    return note


def approve_letter(actor: User, *, letter: Letter, note: str = "") -> Letter:
    """Deliver a letter in review to its recipient; return it."""
    with transaction.atomic():
        letter = _lock(letter)
        require_coordinator(actor, letter.pair.program)
        return _transition(
            letter, actor=actor, allowed_from=(LetterStatus.IN_REVIEW,), to=LetterStatus.DELIVERED, note=note,
            delivered_at=timezone.now(),
        )


def request_changes(actor: User, *, letter: Letter, note: str) -> Letter:
    """Return a letter in review to its author with `note` saying what to change."""
    note = _require_note(note, _("Write a note so the author knows what to change."))
    with transaction.atomic():
        letter = _lock(letter)
        require_coordinator(actor, letter.pair.program)
        return _transition(
            letter, actor=actor, allowed_from=(LetterStatus.IN_REVIEW,), to=LetterStatus.CHANGES_REQUESTED, note=note
        )


def withhold_letter(actor: User, *, letter: Letter, reason: str, pause_pair: bool = False) -> Letter:
    """Keep a letter in review from ever being delivered; optionally pause its pair too."""
    reason = _require_note(reason, _("Write down why the letter is withheld; it stays in the letter's history."))
    with transaction.atomic():
        letter = _lock(letter)
        require_coordinator(actor, letter.pair.program)
        letter = _transition(
            letter, actor=actor, allowed_from=(LetterStatus.IN_REVIEW,), to=LetterStatus.WITHHELD, note=reason
        )
        if pause_pair and letter.pair.status == Pair.Status.ACTIVE:
            letter.pair = pause_pair_service(actor, pair=letter.pair, reason=reason)
        return letter
