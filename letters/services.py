"""The letter lifecycle: every write to a letter goes through one of these services.

draft ─submit─▶ in_review ─approve─▶ delivered ─open─▶ read
                  │  ▲  └─request changes─▶ changes_requested ─resubmit─┘
                  └─withhold─▶ withheld

On submit, screening runs and the program's review policy decides whether the letter
waits for a coordinator (route_submitted_letter). A coordinator claims a letter in
review for a few minutes (claim_letter, on "Start reviewing": never by merely opening
it) so two people do not read the same letter at once; every opening, claim and
decision is written to the append-only ReviewAuditEntry log. A recipient's letters
become read when the page showing them says it was shown (mark_letters_read).

Each service runs in one transaction, locks the letter, checks the actor and the current
state, records a LetterEvent, and raises ValidationError, StateConflict or
PermissionDenied with a message a person can act on. A status change is written with a
guarded UPDATE (WHERE status IN allowed) as well as the row lock, so that two
coordinators deciding the same letter at once cannot both win, on SQLite too.
"""

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from letters import moderation, screening
from letters.reminders import hooks
from letters.models import Finding, Letter, LetterEvent, LetterStatus, Redaction, ReviewAuditEntry
from letters import deadlines
from letters.selectors import EDITABLE_STATUSES, draft_version
from letters.text import fits_draft_storage, length_problem_of, letter_length, normalise_newlines, too_long_message
from programs.compiled import CompiledRead
from programs.exceptions import StateConflict
from programs.models import Membership, Pair, Program, User, WatchWord
from programs.pair_changes import pairs_changed
from programs.richtext import plain_to_html
from programs.selectors import screening_regions_for, watch_terms_for_screening
from programs.services import pause_pair as pause_pair_service
from programs.permissions import require_coordinator
from readings.models import Assignment

logger = logging.getLogger(__name__)

#: How long "Start reviewing" keeps other coordinators from deciding on a letter (letters.moderation).
CLAIM_DURATION = moderation.CLAIM_DURATION

EDITABLE = EDITABLE_STATUSES


class DraftConflict(StateConflict):
    """The draft was saved elsewhere (another tab or device) after the caller last read it.

    Carries the newer saved text and its version, so the author can compare the two and
    choose; nothing was written.
    """

    def __init__(self, letter: Letter):
        super().__init__(_(
            "This letter was changed in another window or on another device after you opened it, so your text "
            "was not saved. Compare the two texts and choose which one to keep."
        ))
        self.current_body = letter.body_text
        self.current_version = draft_version(letter)
        self.current_saved_at = letter.updated_at


# ---------------------------------------------------------------------------- helpers


#: A letter by id under a row lock, with what the checks need; built once per process, as it is
#: read again on every save and send (docs/performance.md).
#: `program_has_watch_words` spares a send the read of its program's watch words when there are
#: none, as in most programs (_store_findings).
_LOCKED_LETTER = CompiledRead(lambda pk: (
    Letter.objects.select_for_update(of=("self",))
    .select_related("pair__program", "pair__mentor", "pair__mentee", "author", "assignment", "in_reply_to")
    .annotate(program_has_watch_words=Exists(WatchWord.objects.filter(program=OuterRef("pair__program"))))
    .filter(pk=pk)
))


def _lock(letter: Letter) -> Letter:
    """Return `letter` re-read under a row lock, with what the checks need.

    Precondition: inside a transaction (the lock lasts until it ends). Raises
    Letter.DoesNotExist if the letter was deleted since it was read.
    """
    found = _LOCKED_LETTER.objects(letter.pk)
    if not found:
        raise Letter.DoesNotExist(f"Letter {letter.pk} no longer exists.")
    return found[0]


def _conflict(letter: Letter) -> StateConflict:
    return StateConflict(
        _("This letter is now “%(status)s”; someone may have acted on it already. Reload the page to see it.")
        % {"status": letter.get_status_display()}
    )


def _transition(letter: Letter, *, actor: User | None, allowed_from, to: str, note: str = "", **fields) -> Letter:
    """Move a locked `letter` from one of `allowed_from` to `to`, record the event, return it.

    Raises StateConflict if the letter is no longer in an allowed state (the guarded
    UPDATE of letters.moderation, shared with posts in peer spaces).
    """
    now = timezone.now()
    from_status = moderation.guarded_update(
        letter, allowed_from=allowed_from, to=to, conflict=_conflict, updated_at=now, **fields
    )
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


@sensitive_variables("body", "text")
def _write_body(letter: Letter, body: str) -> None:
    """Set the letter's text to `body` exactly as typed (line endings made uniform); not yet saved.

    A letter is plain text: nothing is removed or read as markup, and every page, PDF and
    API answer escapes it when showing it (letters.text). `body_html` is its escaped
    rendering, kept for exports. A draft may run past its program's limit (the author is
    told, and submitting is refused), up to letters.text.DRAFT_ALLOWANCE times the limit;
    past that it is refused with the same message and number the editor's counter shows.
    """
    text = normalise_newlines(body)
    maximum = letter.pair.program.max_letter_chars
    if not fits_draft_storage(text, maximum):
        raise ValidationError({"body": too_long_message(letter_length(text) - maximum)})
    letter.body_text, letter.body_html = text, plain_to_html(text)


def _check_version(letter: Letter, expected_version: str | None, body: str | None) -> None:
    """Refuse with DraftConflict if the locked `letter` changed since the caller's `expected_version`.

    None means the caller has no earlier copy to compare with (a client that does not send
    one); the text is then written as given. A stale save of the very text already saved
    loses nothing (the editor's autosave and its "Send" crossing each other) and passes.
    """
    if expected_version is None or str(expected_version).strip().strip('"') == draft_version(letter):
        return
    if body is not None and normalise_newlines(body) == letter.body_text:
        return
    raise DraftConflict(letter)


def length_problem(letter: Letter) -> str | None:
    """Return why the letter's length breaks its program's limits, or None if it fits.

    Length is counted in user-perceived characters (letters.text.letter_length).
    """
    program = letter.pair.program
    return length_problem_of(letter.body_text, minimum=program.min_letter_chars, maximum=program.max_letter_chars)


# ---------------------------------------------------------------------------- authors


def _check_new_letter_links(pair: Pair, author: Membership, assignment, in_reply_to) -> None:
    if assignment is not None and not Assignment.objects.for_pair(pair).filter(pk=assignment.pk).exists():
        raise ValidationError({"assignment": _("That reading is not assigned to your pair.")})
    # Re-read the letter replied to: the caller's copy may be stale.
    if in_reply_to is not None and not (
        Letter.objects.delivered().filter(pk=in_reply_to.pk, pair=pair).exclude(author=author).exists()
    ):
        raise ValidationError({"in_reply_to": _("You can only reply to a letter you have received.")})


@sensitive_variables("body")  # error reports never show a letter's text (docs/security.md)
@transaction.atomic
def save_draft(
    actor: User,
    *,
    body: str,
    pair: Pair | None = None,
    letter: Letter | None = None,
    assignment: Assignment | None = None,
    in_reply_to: Letter | None = None,
    expected_version: str | None = None,
) -> Letter:
    """Create a draft in `pair`, or update `letter`'s text; return the letter.

    Precondition: exactly one of `pair` (new draft) and `letter` (existing) is given.
    A new draft needs an active pair; an existing draft or returned letter can always be
    saved by its author, so no word is ever lost. Length limits apply on submit, not here
    (beyond the storage allowance of _write_body). With `expected_version` (the
    letters.selectors.draft_version the caller last read), a letter saved since then by
    another tab or device is not overwritten: DraftConflict is raised with the newer text.
    """
    if (pair is None) == (letter is None):
        raise ValueError("save_draft takes either pair (new draft) or letter (existing), not both")
    if letter is not None:
        letter = _lock(letter)
        _require_author(actor, letter)
        if letter.status not in EDITABLE:
            raise StateConflict(_("This letter has been sent and can no longer be edited."))
        _check_version(letter, expected_version, body)
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


def _author_role(author: Membership) -> str | None:
    """Return "mentor" or "mentee" for screening, which reads an adult's words to a child differently."""
    return author.role if author.role in (Membership.Role.MENTOR, Membership.Role.MENTEE) else None


def _store_findings(letter: Letter, *, screened_before: bool) -> list[Finding]:
    """Screen the letter's plain text and replace its stored findings with the result.

    Screening reads the program's countries and the author's own, the program's watch words
    as they are now, and which side of the pair wrote the letter. Precondition: `letter`
    comes from _lock (which says whether the program has watch words). `screened_before`
    False says the letter was never sent before, so it has no findings to replace: only a
    send screens a letter.
    """
    program, author = letter.pair.program, letter.author
    watch_terms = watch_terms_for_screening(program) if letter.program_has_watch_words else []
    found = screening.screen(
        letter.body_text, language=program.language, regions=screening_regions_for(program, author),
        watch_terms=watch_terms, author_role=_author_role(author),
    )
    if screened_before:
        letter.findings.all().delete()
    return Finding.objects.bulk_create(
        Finding(letter=letter, kind=f.kind, severity=f.severity, start=f.start, end=f.end, excerpt=f.excerpt, concept=f.concept)
        for f in found
    )


def route_submitted_letter(letter: Letter, *, screened_before: bool = True) -> list[Finding]:
    """Screen a letter that has just entered review, apply its program's review policy, return its findings.

    Precondition: `letter` is locked (_lock) and `in_review`, inside the submit transaction;
    `screened_before` False only for a letter sent for the first time (_store_findings).
    Effects: the letter's findings are replaced by what screening finds now. Under the
    `flagged_only` policy a letter without findings is delivered at once (the event has
    no actor and says why); every other letter waits for a coordinator. A letter with an
    urgent finding always waits: its urgent Finding rows are what the safeguarding alert
    job reads, so storing them is the record that coordinators must be told.
    """
    findings = _store_findings(letter, screened_before=screened_before)
    if any(f.severity == Finding.Severity.URGENT for f in findings):
        # Ids only: a letter's words never go into the logs.
        logger.warning("Letter %s has an urgent screening finding and waits for a coordinator.", letter.pk)
        return findings
    if findings or letter.pair.program.review_policy != letter.pair.program.ReviewPolicy.FLAGGED_ONLY:
        return findings
    _transition(
        letter, actor=None, allowed_from=(LetterStatus.IN_REVIEW,), to=LetterStatus.DELIVERED,
        note=_("Delivered automatically: no findings, and this program reads only letters with findings."),
        delivered_at=timezone.now(),
    )
    hooks.letter_delivered(letter)
    return findings


@sensitive_variables("body")
def submit_letter(
    actor: User, *, letter: Letter, body: str | None = None, expected_version: str | None = None
) -> Letter:
    """Send a draft (or a returned letter) to the coordinator; return the letter.

    If `body` is given it is saved first, and it stays saved even when the letter is
    refused (empty, too short, too long, pair paused): the author never loses the text.
    With `expected_version`, a letter changed elsewhere since is refused with
    DraftConflict (nothing saved, nothing sent), as in save_draft.
    """
    problem = None
    with transaction.atomic():
        letter = _lock(letter)
        _require_author(actor, letter)
        if letter.status not in EDITABLE:
            raise StateConflict(_("This letter has already been sent."))
        _check_version(letter, expected_version, body)
        if body is not None:
            _write_body(letter, body)
        # A new text is written with the move to review when the letter goes, in one UPDATE,
        # or on its own when it is refused: either way it is saved.
        new_text = {"body_html": letter.body_html, "body_text": letter.body_text} if body is not None else {}
        if letter.pair.status != Pair.Status.ACTIVE:
            problem = ValidationError(
                _("This pair is %(status)s, so it takes no new letters. Your text is kept as a draft.")
                % {"status": letter.pair.get_status_display().lower()}
            )
        elif message := length_problem(letter):
            problem = ValidationError({"body": message})
        if problem is not None:
            if new_text:
                letter.save(update_fields=[*new_text, "updated_at"])
        else:
            now = timezone.now()
            # Only a send screens a letter, and every send stamps submitted_at: a letter never
            # stamped has no findings yet.
            screened_before = letter.submitted_at is not None
            _transition(
                letter, actor=actor, allowed_from=EDITABLE, to=LetterStatus.IN_REVIEW,
                submitted_at=now, is_late=deadlines.sent_late(letter, now), **new_text,
            )
            findings = route_submitted_letter(letter, screened_before=screened_before)
            hooks.letter_submitted(letter, findings)
            pairs_changed([letter.pair])
    # Raised after the commit on purpose: the text saved above must survive the refusal.
    if problem is not None:
        raise problem
    return letter


def _record_read(letter: Letter, actor: User) -> Letter:
    """Move a locked, delivered letter to read by its recipient `actor`; return it."""
    return _transition(
        letter, actor=actor, allowed_from=(LetterStatus.DELIVERED,), to=LetterStatus.READ, read_at=timezone.now()
    )


def mark_read(actor: User, *, letter: Letter) -> Letter:
    """Record that the recipient opened a delivered letter; reading it again changes nothing."""
    with transaction.atomic():
        letter = _lock(letter)
        if letter.recipient.user_id != actor.pk:
            raise PermissionDenied(_("Only the recipient can mark a letter as read."))
        if letter.status == LetterStatus.READ:
            return letter
        return _record_read(letter, actor)


def mark_letters_read(actor: User, *, letter_ids: Iterable[int]) -> list[Letter]:
    """Record that `actor` has been shown the delivered letters among `letter_ids`; return those now read.

    Called once per page a recipient has seen (one letter, or a pair's thread), after the
    page was shown, never by opening it: one transaction for all of them. Letters are read
    through `Letter.objects.visible_to(actor)`; ids of letters `actor` did not receive,
    or that are not (or no longer) delivered, are ignored rather than refused, since the
    page may have been open while they changed and an id must not tell anything about a
    letter one may not see.
    """
    ids = {int(pk) for pk in letter_ids}
    if not ids:
        return []
    with transaction.atomic():
        letters = (
            Letter.objects.visible_to(actor).select_for_update(of=("self",))
            .select_related("pair__mentor", "pair__mentee", "author")
            .filter(pk__in=ids, status=LetterStatus.DELIVERED).exclude(author__user=actor).order_by("pk")
        )
        return [_record_read(letter, actor) for letter in letters if letter.recipient.user_id == actor.pk]


# ---------------------------------------------------------------------------- coordinators


_require_note = moderation.require_note


def _audit(letter: Letter, *, actor: User | None, action: str, detail: str = "") -> ReviewAuditEntry:
    """Append one entry to the review audit log of `letter`."""
    return ReviewAuditEntry.objects.create(letter=letter, actor=actor, action=action, detail=detail)


def _claimed_elsewhere(letter: Letter) -> StateConflict:
    """Return the refusal for a letter another coordinator is reading, naming them."""
    return moderation.claimed_elsewhere(letter, letter.pair.program_id, _(
        "%(name)s is reviewing this letter until %(time)s. Pick another letter, or come back when they are done."
    ))


def claim_conflict(actor: User, letter: Letter) -> StateConflict | None:
    """Return the refusal `actor` would get for deciding on `letter` now (someone else's live claim), or None.

    Writes nothing: the review page shows it on opening, and every decision raises it.
    """
    if moderation.live_claim_by_someone_else(letter, actor, timezone.now()):
        return _claimed_elsewhere(letter)
    return None


def _require_free_or_own_claim(letter: Letter, actor: User) -> None:
    """Refuse to act on a locked letter that someone else holds a live claim on."""
    if conflict := claim_conflict(actor, letter):
        raise conflict


#: Fields that clear a claim; every decision writes them, since a decided letter needs no reader.
_NO_CLAIM = moderation.NO_CLAIM


def record_letter_opened(actor: User, *, letter: Letter) -> ReviewAuditEntry:
    """Record in the review audit log that `actor` opened `letter` on the review page."""
    with transaction.atomic():
        letter = Letter.objects.select_related("pair__program").get(pk=letter.pk)
        require_coordinator(actor, letter.pair.program)
        return _audit(letter, actor=actor, action=ReviewAuditEntry.Action.OPENED)


def claim_letter(actor: User, *, letter: Letter) -> Letter:
    """Reserve a letter in review for `actor` for CLAIM_DURATION; return it.

    A claim held by someone else that has not expired is refused with a StateConflict
    naming them; an expired claim is free again. Claiming a letter you already hold
    extends your claim (only a new claim is written to the audit log).
    """
    with transaction.atomic():
        letter = _lock(letter)
        require_coordinator(actor, letter.pair.program)
        if letter.status != LetterStatus.IN_REVIEW:
            raise _conflict(letter)
        now = timezone.now()
        if moderation.live_claim_by_someone_else(letter, actor, now):
            raise _claimed_elsewhere(letter)
        renewing = moderation.holds_live_claim(letter, actor, now)
        letter.claimed_by, letter.claimed_until = actor, now + CLAIM_DURATION
        letter.save(update_fields=["claimed_by", "claimed_until"])
        if not renewing:
            _audit(letter, actor=actor, action=ReviewAuditEntry.Action.CLAIMED)
        return letter


def release_claim(actor: User, *, letter: Letter) -> Letter:
    """Give up `actor`'s claim on a letter so another coordinator can take it; return it.

    Releasing a letter you do not hold changes nothing.
    """
    with transaction.atomic():
        letter = _lock(letter)
        require_coordinator(actor, letter.pair.program)
        if letter.claimed_by_id != actor.pk:
            return letter
        letter.claimed_by, letter.claimed_until = None, None
        letter.save(update_fields=["claimed_by", "claimed_until"])
        _audit(letter, actor=actor, action=ReviewAuditEntry.Action.RELEASED)
        return letter


clean_redactions = moderation.clean_redactions


def _deliver(letter: Letter, *, actor: User, note: str, redactions: list[tuple[int, int]]) -> Letter:
    """Deliver a locked letter in review, store its redactions and audit the decision."""
    letter = _transition(
        letter, actor=actor, allowed_from=(LetterStatus.IN_REVIEW,), to=LetterStatus.DELIVERED, note=note,
        delivered_at=timezone.now(), **_NO_CLAIM,
    )
    Redaction.objects.bulk_create(
        Redaction(letter=letter, start=start, end=end, created_by=actor) for start, end in redactions
    )
    if redactions:
        detail = ", ".join(f"{start}-{end}" for start, end in redactions)
        _audit(letter, actor=actor, action=ReviewAuditEntry.Action.APPROVED_WITH_REDACTIONS, detail=detail)
    else:
        _audit(letter, actor=actor, action=ReviewAuditEntry.Action.APPROVED, detail=note)
    hooks.letter_delivered(letter)
    return letter


def _lock_for_decision(actor: User, letter: Letter) -> Letter:
    """Return `letter` locked for a coordinator's decision.

    Raises PermissionDenied unless `actor` coordinates the letter's program, and
    StateConflict while another coordinator holds a live claim on it. Every decision
    (approve, request changes, withhold) starts here, so the sequence is written once.
    """
    letter = _lock(letter)
    require_coordinator(actor, letter.pair.program)
    _require_free_or_own_claim(letter, actor)
    return letter


def approve_letter(
    actor: User, *, letter: Letter, note: str = "", redactions: Sequence[tuple[int, int]] = (),
    findings_seen: bool = False,
) -> Letter:
    """Deliver a letter in review to its recipient; return it.

    `redactions` are (start, end) spans of the letter's plain text that the recipient will
    see replaced by "[removed by your coordinator]"; they are validated and merged, and
    `note` (the coordinator's word to the author on why) is kept on the LetterEvent.
    Refused while another coordinator holds a live claim on the letter.

    A letter with screening findings is delivered only when the caller says the
    coordinator was shown them highlighted in the text (`findings_seen=True`, which only
    the review page sets). Every other caller (the pair page's quick "Deliver", the API,
    which does not show findings) is refused for such a letter with a pointer to the
    review page (docs/moderation.md); asking for changes and withholding stay open to all.
    """
    with transaction.atomic():
        letter = _lock_for_decision(actor, letter)
        if not findings_seen and letter.findings.exists():
            raise ValidationError(_(
                "Screening found something in this letter. Decide on it on its review page, where the findings are "
                "highlighted in the text."
            ))
        spans = clean_redactions(letter.body_text, redactions)
        letter = _deliver(letter, actor=actor, note=(note or "").strip(), redactions=spans)
        pairs_changed([letter.pair])
        return letter


def request_changes(actor: User, *, letter: Letter, note: str) -> Letter:
    """Return a letter in review to its author with `note` saying what to change."""
    note = _require_note(note, _("Write a note so the author knows what to change."))
    with transaction.atomic():
        letter = _lock_for_decision(actor, letter)
        letter = _transition(
            letter, actor=actor, allowed_from=(LetterStatus.IN_REVIEW,), to=LetterStatus.CHANGES_REQUESTED, note=note,
            **_NO_CLAIM,
        )
        _audit(letter, actor=actor, action=ReviewAuditEntry.Action.CHANGES_REQUESTED, detail=note)
        hooks.changes_requested(letter)
        pairs_changed([letter.pair])
        return letter


def withhold_letter(actor: User, *, letter: Letter, reason: str, pause_pair: bool = False) -> Letter:
    """Keep a letter in review from ever being delivered; optionally pause its pair too."""
    reason = _require_note(reason, _("Write down why the letter is withheld; it stays in the letter's history."))
    with transaction.atomic():
        letter = _lock_for_decision(actor, letter)
        letter = _transition(
            letter, actor=actor, allowed_from=(LetterStatus.IN_REVIEW,), to=LetterStatus.WITHHELD, note=reason,
            **_NO_CLAIM,
        )
        paused = pause_pair and letter.pair.status == Pair.Status.ACTIVE
        if paused:
            letter.pair = pause_pair_service(actor, pair=letter.pair, reason=reason)
        detail = _("%(reason)s (pair paused)") % {"reason": reason} if paused else reason
        _audit(letter, actor=actor, action=ReviewAuditEntry.Action.WITHHELD, detail=detail)
        pairs_changed([letter.pair])
        hooks.letter_withheld(letter)
        return letter


@dataclass(frozen=True)
class BulkApproval:
    """What bulk_approve_letters_explained did: the letters delivered and, for each other id, why not."""

    approved: list[Letter]
    skipped: dict[int, str]


def _bulk_refusal(letter: Letter, actor: User) -> str | None:
    """Return why a locked `letter` may not be approved unread in bulk by `actor`, or None if it may.

    Only a letter in review with no findings, which nobody else holds a live claim on, may
    be delivered without a person reading it: a letter with findings, above all an urgent
    one, must be opened on its review page.
    """
    if letter.status != LetterStatus.IN_REVIEW:
        return _("It is “%(status)s”, so it is not waiting for a coordinator.") % {
            "status": letter.get_status_display()}
    if letter.has_urgent_finding:
        return _("Screening found a possible safeguarding concern in it: a coordinator must read it on "
                 "its review page.")
    if letter.has_findings:
        return _("Screening found something in it: open it on its review page to read it before deciding.")
    if conflict := claim_conflict(actor, letter):
        return " ".join(conflict.messages)
    return None


def bulk_approve_letters_explained(actor: User, *, program: Program, letter_ids: Iterable[int]) -> BulkApproval:
    """Deliver, in one go, those of `letter_ids` that are safe to approve unread; say why the others were not.

    A letter is approved only if it belongs to `program`, is in review, has no findings,
    and no other coordinator holds a live claim on it (_bulk_refusal). Letters another
    transaction is deciding right now are skipped rather than waited for. Raises
    PermissionDenied unless `actor` coordinates `program`.
    """
    require_coordinator(actor, program)
    ids = {int(pk) for pk in letter_ids}
    approved: list[Letter] = []
    skipped: dict[int, str] = {}
    note = _("Approved together with other letters without findings.")
    with transaction.atomic():
        letters = (
            Letter.objects.select_for_update(of=("self",), skip_locked=True)
            .select_related("pair__program", "pair__mentor", "pair__mentee", "author")
            .filter(pk__in=ids, pair__program=program)
            .annotate(
                has_findings=Exists(Finding.objects.filter(letter=OuterRef("pk"))),
                has_urgent_finding=Exists(
                    Finding.objects.filter(letter=OuterRef("pk"), severity=Finding.Severity.URGENT)),
            )
            .order_by("submitted_at", "pk")
        )
        for letter in letters:
            if reason := _bulk_refusal(letter, actor):
                skipped[letter.pk] = reason
                continue
            try:
                with transaction.atomic():
                    approved.append(_deliver(letter, actor=actor, note=note, redactions=[]))
            except StateConflict as error:  # decided by someone else between the query and now
                skipped[letter.pk] = " ".join(error.messages)
        pairs_changed(letter.pair for letter in approved)
    handled = {letter.pk for letter in approved} | skipped.keys()
    for pk in ids - handled:
        skipped[pk] = _("It is not a letter of this program, or another coordinator is deciding it right now.")
    return BulkApproval(approved=approved, skipped=skipped)


def bulk_approve_letters(actor: User, *, program: Program, letter_ids: Iterable[int]) -> list[Letter]:
    """Deliver those of `letter_ids` that are safe to approve unread; return them.

    The rules are bulk_approve_letters_explained's; the caller reports how many were
    skipped (`len(letter_ids) - len(result)`).
    """
    return bulk_approve_letters_explained(actor, program=program, letter_ids=letter_ids).approved
