"""Reads about letters and their deadlines, shaped for the pages and the API."""

import html
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.db.models import (
    Case, DateTimeField, DurationField, Exists, ExpressionWrapper, F, OuterRef, Prefetch, Q, QuerySet,
    Subquery, Value, When,
)
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from letters import deadlines
from letters.models import RECIPIENT_VISIBLE, Finding, Letter, LetterEvent, LetterStatus, Redaction, ReviewAuditEntry
from programs.compiled import CompiledRead
from programs.models import Membership, Pair, Program
from programs.permissions import may_review
from readings.models import Assignment
from readings.selectors import assignment_with_title

#: Statuses in which the author may still change the letter (kept in step with letters.services.EDITABLE).
EDITABLE_STATUSES = (LetterStatus.DRAFT, LetterStatus.CHANGES_REQUESTED)


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def draft_version(letter: Letter) -> str:
    """Return a token that changes each time `letter` is saved, for stale-save checks.

    It is the letter's `updated_at` in whole microseconds since 1970, as text: an editor
    or API client sends back the token of the copy it edits, and letters.services refuses
    the save if the letter was saved since (another tab, another device).
    """
    return str((letter.updated_at - _EPOCH) // timedelta(microseconds=1))



def _thread_letters(letters: QuerySet[Letter]) -> QuerySet[Letter]:
    """Return `letters` shaped for a thread page: authors and readings joined, whether each has
    redactions, oldest first."""
    return (
        letters
        .select_related("author", "assignment__reading")
        # Whether each letter has redactions, in the same statement: most threads have none,
        # and attach_redaction_spans then reads nothing more.
        .annotate(has_redactions=Exists(Redaction.objects.filter(letter=OuterRef("pk"))))
        .order_by("submitted_at", "created_at", "pk")
    )


#: A member's thread (pair id, the member's id): the thread page's read, built once per process.
_MEMBER_THREAD = CompiledRead(lambda pair_id, member_id: _thread_letters(
    Letter.objects.filter(pair_id=pair_id).visible_to_pair_member(Membership(pk=member_id))
))


def list_thread(user, pair: Pair, *, member=None, coordinates: bool | None = None) -> QuerySet[Letter] | list[Letter]:
    """Return the letters of `pair` that `user` may see, oldest first, ready to render.

    Precondition: `pair` was fetched through programs.access.access_pair for `user`. When the
    caller knows that `user` is the pair's `member` (mentor or mentee) and does not
    coordinate its program (`coordinates` False), the letters are read with the member's
    form of the rule (Letter.objects.visible_to_pair_member) from a statement built once,
    and come as a list; otherwise as a queryset the caller may narrow further.
    Either way every letter's `pair` is this very object (with its program and members
    loaded), so rendering a letter never fetches them again.
    """
    if member is not None and coordinates is False and not user.is_superuser:
        letters = _MEMBER_THREAD.objects(pair.pk, member.pk)
        for letter in letters:
            letter.pair = pair
        return letters
    return _thread_letters(pair.letters.visible_to(user))


def list_letter_events(letter: Letter) -> QuerySet[LetterEvent]:
    """Return the audit trail of `letter`, oldest first, with the actors."""
    return letter.events.select_related("actor").order_by("created_at", "pk")


def list_my_letters(user) -> QuerySet[Letter]:
    """Return the letters `user` wrote, newest first, in every state."""
    return (
        Letter.objects.filter(author__user=user)
        .select_related("pair__program", "pair__mentor", "pair__mentee", "assignment__reading", "in_reply_to__author")
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


def list_replies_owed(user) -> list[tuple[Letter, datetime | None]]:
    """Return (letter, reply due at) for each mentee letter `user` owes a reply to, oldest first.

    One query whatever the number of pairs and letters.
    """
    # Start from the mentor's own pairs (an IN over a subquery, read through the pair index):
    # joining instead let SQLite start from every delivered letter of the installation.
    own_pairs = Pair.objects.filter(mentor__user=user, status=Pair.Status.ACTIVE).values("pk")
    letters = deadlines.awaiting_reply(
        Letter.objects.filter(pair__in=own_pairs)
    ).select_related("pair__program", "author", "assignment__reading").prefetch_related("redactions").order_by(
        "delivered_at", "pk"
    )
    return [(letter, deadlines.reply_due_for(letter)) for letter in letters]


#: What the home page shows of a person's own letter, in the model's field order.
_OWN_LETTER_FIELDS = ("id", "assignment_id", "status")


def _memberships_of(user) -> QuerySet[Membership]:
    """Return `user`'s memberships as a subquery for `author__in` filters.

    Filtering letters by `author__in` this subquery keeps the database on the author index;
    with `author__user=user` SQLite chose the status index instead and read every draft (or
    every delivered letter) of the installation, so a person's home page grew with the
    size of everyone's data (docs/performance.md).
    """
    return Membership.objects.filter(user=user).values("pk")


def _editable_letters_of(user_id):
    """Rows (id, assignment id, status, the assignment's reading id and title) of `user_id`'s
    drafts and returned letters, most recently changed first."""
    return (
        Letter.objects.filter(author__in=_memberships_of(user_id), status__in=EDITABLE_STATUSES)
        .order_by("-updated_at", "-pk")
        .values_list(*_OWN_LETTER_FIELDS, "assignment__reading_id", "assignment__reading__title")
    )


#: Asked on every home page: its statement is built once (programs.compiled).
_editable_letters = CompiledRead(_editable_letters_of)


def list_editable_letters(user) -> list[Letter]:
    """Return `user`'s own drafts and returned letters, most recently changed first (one query).

    Each Letter holds its id, status and assignment with the reading's title; any other
    field loads when asked for.
    """
    letters = []
    for *values, reading_id, title in _editable_letters.rows(user.pk):
        letter = Letter.from_db("default", _OWN_LETTER_FIELDS, values)
        if letter.assignment_id is not None:
            letter.assignment = assignment_with_title(("id", "reading_id"), (letter.assignment_id, reading_id), title)
        letters.append(letter)
    return letters


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


def _own_letters_about_of(user_id, assignment_ids):
    """Rows (id, assignment id, status) of the letters `user_id` wrote about `assignment_ids`, oldest change first."""
    return (Letter.objects.filter(author__in=_memberships_of(user_id), assignment_id__in=assignment_ids)
            .order_by("updated_at", "pk").values_list(*_OWN_LETTER_FIELDS))


#: Asked on every home page: its statement is built once (programs.compiled).
_own_letters_about = CompiledRead(_own_letters_about_of)


def list_own_letters_for(user, assignment_ids) -> dict[int, Letter]:
    """Return {assignment id: `user`'s latest letter about it} for `assignment_ids` (one query at most).

    Each Letter holds its id, assignment and status; any other field loads when asked for.
    """
    rows = _own_letters_about.rows(user.pk, sorted(assignment_ids))
    return {row[1]: Letter.from_db("default", _OWN_LETTER_FIELDS, row) for row in rows}


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


def list_due_dates(user, *, since: datetime | None = None) -> list[DueDate]:
    """Return the deadlines `user` has as a pair member: letters due (mentees) and replies owed (mentors).

    Mentors also get each assignment's due date, so they know when to expect a letter.
    Only active pairs count: nothing is due in a paused one. With `since`, assignment
    deadlines before it are left out (a calendar shows what is still ahead); a reply still
    owed stays, however late. Three queries whatever the number of pairs and assignments.
    """
    pairs = list(
        Pair.objects.filter(status=Pair.Status.ACTIVE).filter(Q(mentor__user=user) | Q(mentee__user=user))
        .select_related("mentee")
    )
    if not pairs:
        return []
    ahead = Q(due_at__gte=since) if since is not None else Q()
    assignments = (
        Assignment.objects.filter(ahead, program_id__in={p.program_id for p in pairs})
        .filter(Q(targets_all_pairs=True) | Q(pairs__in=pairs))
        .select_related("reading")
        .distinct()
        .order_by("due_at", "pk")
    )
    dates = [
        DueDate(uid=f"assignment-{a.pk}-user-{user.pk}", kind="letter", title=a.reading.title,
                due_at=deadlines.letter_due_at(a))
        for a in assignments
    ]
    dates += [
        DueDate(uid=f"reply-{letter.pk}-user-{user.pk}", kind="reply", title=letter.author.pseudonym, due_at=due)
        for letter, due in list_replies_owed(user)
        if due is not None
    ]
    return sorted(dates, key=lambda d: d.due_at)


# ---------------------------------------------------------------------------- review


def pseudonym_in_program(user_id: int | None, program_id: int) -> str | None:
    """Return the pseudonym of user `user_id` in program `program_id`, or None if they have none."""
    if user_id is None:
        return None
    return (
        Membership.objects.filter(user_id=user_id, program_id=program_id).values_list("pseudonym", flat=True).first()
    )


def _pseudonym_of(user_ref: str, program_ref: str) -> Subquery:
    """Return a subquery for the pseudonym of the user at `user_ref` in the program at `program_ref`.

    Unordered: a user has one membership per program. Membership's default order (by program
    name) joined the program table inside every row's subquery, and compiling that ordering
    cost the review queue several milliseconds a request.
    """
    return Subquery(
        Membership.objects.filter(user=OuterRef(user_ref), program=OuterRef(program_ref))
        .order_by().values("pseudonym")[:1]
    )


def review_queue_order(user, program: Program) -> QuerySet[Letter]:
    """Return the letters of `program` waiting for a coordinator in the queue's order (urgent first,
    then oldest first), each with `has_findings` and `has_urgent` and nothing more.

    The one definition of the queue and its order: list_review_queue builds on it. A page of
    the queue picks its ids from this (cheap to sort: two EXISTS per letter), then reads only
    those letters through list_review_queue, whose deadlines and times SQLite works out in
    Python functions for every row it sorts. Precondition: as list_review_queue.
    """
    findings = Finding.objects.filter(letter=OuterRef("pk"))
    return (
        Letter.objects.filter(pair__program=program, status=LetterStatus.IN_REVIEW)
        .annotate(has_findings=Exists(findings), has_urgent=Exists(findings.filter(severity=Finding.Severity.URGENT)))
        .order_by("-has_urgent", "submitted_at", "pk")
    )


def list_review_queue(user, program: Program, *, with_finding_kinds: bool = False) -> QuerySet[Letter]:
    """Return the letters of `program` waiting for a coordinator: urgent first, then oldest first.

    Each letter carries `has_findings`, `has_urgent`, `waiting` (time since submission),
    `review_due` and `is_overdue` (letters.deadlines.annotate_review_deadline), and `claim_holder` (the pseudonym
    of the coordinator holding a live claim, or None), `reading_title` (its reading's title, or None) and
    `reply_to_name` (the pseudonym of the letter it answers, or None), plus its author and the pair's two
    sides, all in one query. With `with_finding_kinds` (the review queue page's badges) its findings
    (kind and severity only) come too, in one more query whatever the number of rows.

    Precondition: `user` may review `program` (programs.permissions.may_review), checked by
    the caller (programs.access.access_program with `as_coordinator`, or require_coordinator).
    """
    now = timezone.now()
    queue = deadlines.annotate_review_deadline(review_queue_order(user, program), now=now).annotate(
        is_overdue=F("review_overdue"))
    queue = (
        queue
        # Only what a queue row shows: the program is the caller's already, and the reading
        # (whose body is long) and its assignment cost a model per row that nobody reads.
        .select_related("author", "pair__mentor", "pair__mentee")
        .annotate(
            reading_title=F("assignment__reading__title"),
            reply_to_name=F("in_reply_to__author__pseudonym"),
            waiting=ExpressionWrapper(Value(now, output_field=DateTimeField()) - F("submitted_at"),
                                      output_field=DurationField()),
            claim_holder=Case(
                When(claimed_until__gt=now, then=_pseudonym_of("claimed_by", "pair__program")), default=Value(None),
            ),
        )
    )
    if with_finding_kinds:
        queue = queue.prefetch_related(Prefetch(
            "findings", queryset=Finding.objects.only("letter_id", "kind", "severity").order_by("start", "pk")
        ))
    return queue


def list_pair_context(user, letter: Letter, *, limit: int = 5) -> list[Letter]:
    """Return up to `limit` letters of `letter`'s pair submitted before it, oldest first.

    They give a coordinator the conversation a letter answers. Precondition: `letter`
    was fetched through an access helper for `user`.
    """
    earlier = (
        list_thread(user, letter.pair)
        .exclude(pk=letter.pk)
        .exclude(status=LetterStatus.DRAFT)
        .filter(submitted_at__lte=letter.submitted_at or timezone.now())
        .order_by("-submitted_at", "-pk")[:limit]
    )
    return list(reversed(earlier))


def list_review_audit(user, *, letter: Letter | None = None, pair: Pair | None = None) -> QuerySet[ReviewAuditEntry]:
    """Return the review audit log of `letter` or of every letter of `pair`, oldest first.

    Each entry carries `actor_pseudonym` (None for an operator without a membership) and
    its letter. Precondition: `user` may review the program (programs.permissions.may_review),
    checked by the caller (letters.access.access_letter_for_review, or require_coordinator).
    """
    if (letter is None) == (pair is None):
        raise ValueError("list_review_audit takes either letter or pair")
    entries = ReviewAuditEntry.objects.filter(letter=letter) if letter is not None else (
        ReviewAuditEntry.objects.filter(letter__pair=pair)
    )
    return (
        entries.select_related("letter")
        .annotate(actor_pseudonym=_pseudonym_of("actor", "letter__pair__program"))
        .order_by("at", "pk")
    )


@dataclass
class TextSegment:
    """A run of a letter's plain text, [start, end), with the findings that cover it."""

    start: int
    text: str
    kinds: list[str] = field(default_factory=list)  # labels of findings that *begin* here
    highlighted: bool = False
    urgent: bool = False


def review_segments(letter: Letter, findings: list[Finding]) -> list[TextSegment]:
    """Cut the letter's plain text into runs at every finding boundary, for highlighting.

    A run covered by any finding is `highlighted` (`urgent` if an urgent finding covers
    it); `kinds` names the findings that start at the run, so a page can say in words
    what was found where. Concatenating the runs' text gives back `body_text`.
    """
    text = letter.body_text
    cuts = sorted({0, len(text), *(f.start for f in findings), *(f.end for f in findings)})
    segments = []
    for start, end in zip(cuts, cuts[1:], strict=False):  # neighbouring cuts
        if start >= len(text):
            break
        covering = [f for f in findings if f.start <= start and end <= f.end]
        segments.append(TextSegment(
            start=start, text=text[start:end],
            kinds=[f.get_kind_display() for f in findings if f.start == start],
            highlighted=bool(covering),
            urgent=any(f.severity == Finding.Severity.URGENT for f in covering),
        ))
    return segments


def _paragraphs_html(pieces: list[str]) -> SafeString:
    """Join escaped HTML `pieces` and lay them out as paragraphs (blank line) and line breaks."""
    joined = "".join(pieces).replace("\r\n", "\n").strip()
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", joined) if p.strip()]
    return mark_safe("".join("<p>" + p.replace("\n", "<br>") + "</p>" for p in paragraphs))


def _splice(text: str, spans: list[tuple[int, int]], keep, removed) -> list[str]:
    """Return `text` cut at sorted `spans`: `keep(part)` for the text between, `removed(part)` for each span."""
    pieces, position = [], 0
    for start, end in spans:
        pieces.append(keep(text[position:start]))
        pieces.append(removed(text[start:end]))
        position = end
    pieces.append(keep(text[position:]))
    return pieces


def _render_with_redactions(text: str, spans: list[tuple[int, int]], render_removed) -> SafeString:
    """Return `text` as escaped paragraphs, each span replaced by `render_removed(removed_text)`.

    `render_removed` returns HTML without line breaks; everything else is escaped here.
    """
    return _paragraphs_html(_splice(text, spans, html.escape, render_removed))


def attach_redaction_spans(letters: list[Letter]) -> None:
    """Read the redactions of `letters` in one query and keep each letter's spans on it.

    For a page that shows many letters' bodies: a prefetch builds a queryset per letter, which
    cost a thread page more than the query. Only delivered letters are ever shown with their
    redactions (to the recipient replaced, to the author struck through), so only theirs are read,
    and only those that have some when the letters say so (`has_redactions`, list_thread): a
    thread without redactions costs no query. Effect: sets `letter.redaction_spans` on each
    delivered letter (the others read theirs as before, should anything ask).
    """
    shown = [letter for letter in letters if letter.status in RECIPIENT_VISIBLE]
    # Letters read by list_thread say whether they have any (`has_redactions`): those without
    # need no read; a letter read another way is looked up.
    redacted = [letter.pk for letter in shown if getattr(letter, "has_redactions", True)]
    spans: dict[int, list[tuple[int, int]]] = {}
    if redacted:
        rows = Redaction.objects.filter(letter_id__in=redacted).order_by("letter_id", "start", "pk")
        for letter_id, start, end in rows.values_list("letter_id", "start", "end"):
            spans.setdefault(letter_id, []).append((start, end))
    for letter in shown:
        letter.redaction_spans = spans.get(letter.pk, [])


def _spans(letter: Letter) -> list[tuple[int, int]]:
    attached = letter.__dict__.get("redaction_spans")  # attach_redaction_spans, for a list of letters
    if attached is not None:
        return attached
    return [(r.start, r.end) for r in letter.redactions.all()]


def recipient_html(letter: Letter) -> SafeString:
    """Return the letter as its recipient sees it: plain text, escaped, as paragraphs, with
    every redaction replaced by "[removed by your coordinator]" in the active language.
    """
    marker = '<span class="redacted">%s</span>' % html.escape(_("[removed by your coordinator]"))
    return _render_with_redactions(letter.body_text, _spans(letter), lambda removed: marker)


def recipient_text(letter: Letter) -> str:
    """Return the letter's plain text as its recipient may read it: every redaction replaced
    by "[removed by your coordinator]" in the active language."""
    marker = _("[removed by your coordinator]")
    return "".join(_splice(letter.body_text, _spans(letter), str, lambda removed: marker))


def author_html(letter: Letter) -> SafeString:
    """Return the letter as its author sees it after delivery: the parts removed by the
    coordinator are shown struck through and labelled, so the author knows what the
    recipient did not see.
    """
    label = html.escape(_("removed by your coordinator:"))

    def removed(part: str) -> str:
        flat = html.escape(" ".join(part.split()))
        return f'<del class="redacted"><span class="visually-hidden">{label} </span>{flat}</del>'

    return _render_with_redactions(letter.body_text, _spans(letter), removed)


#: How many characters of a letter's first line a list shows.
EXCERPT_LENGTH = 90


def letter_excerpt(letter: Letter, *, for_recipient: bool = False) -> str:
    """Return the first line of `letter` with text, as plain text cut to EXCERPT_LENGTH characters.

    Lists use it to tell letters apart. For its recipient (`for_recipient`) every removed
    part is replaced by "[…]" first, so an excerpt never shows what the coordinator took
    out; `letter.redactions` should then be prefetched. The text is not escaped: templates
    escape it on output.
    """
    text = letter.body_text
    if for_recipient:
        pieces, position = [], 0
        for start, end in _spans(letter):
            pieces += [text[position:start], "[…]"]
            position = end
        text = "".join(pieces) + text[position:]
    return first_line(text)


def first_line(text: str) -> str:
    """Return the first line of `text` that has any, whitespace collapsed, cut to EXCERPT_LENGTH characters."""
    from django.utils.text import Truncator

    first = next((line for line in text.splitlines() if line.strip()), "")
    return Truncator(" ".join(first.split())).chars(EXCERPT_LENGTH)


def _author_language(letter: Letter) -> str:
    return letter.author.user.language or letter.pair.program.language


def redaction_notice(letter: Letter) -> str | None:
    """Return the kind word to the author, in their language, on what was removed and why.

    None if nothing was removed. The coordinator's note from the approving LetterEvent is
    the "why"; without one, a general reason is given.
    """
    redactions = list(letter.redactions.all())
    if not redactions:
        return None
    note = (
        LetterEvent.objects.filter(letter=letter, to_status=LetterStatus.DELIVERED)
        .order_by("-created_at", "-pk").values_list("note", flat=True).first()
    )
    parts = ", ".join("“%s”" % " ".join(letter.body_text[r.start:r.end].split()) for r in redactions)
    with translation.override(_author_language(letter)):
        lead = ngettext(
            "Thank you for your letter! It has been delivered, but your coordinator took out one part first: %(parts)s.",
            "Thank you for your letter! It has been delivered, but your coordinator took out %(count)d parts first: "
            "%(parts)s.",
            len(redactions),
        ) % {"count": len(redactions), "parts": parts}
        reason = (_("Your coordinator says: %(note)s") % {"note": note}) if note else _(
            "Letters in Brevven never share phone numbers, addresses, usernames or other ways to meet or write "
            "outside the program, so that everyone stays safe."
        )
        return f"{lead} {reason}"


def list_notifications(user) -> QuerySet:
    """Return `user`'s in-app notifications, newest first (unread and read), with what
    render_notification needs to word each one again (its reminder and the reminder's objects).
    """
    from letters.models import Notification

    return Notification.objects.filter(user=user).select_related(
        "program", "reminder__recipient", "reminder__program", "reminder__pair__mentor", "reminder__pair__mentee",
        "reminder__letter__author", "reminder__letter__pair__program", "reminder__assignment__reading",
    ).order_by("-created_at", "-pk")


def render_notification(notification) -> tuple[str, str]:
    """Return (title, body) of `notification` in the active language.

    A notice is worded from its reminder (its kind and objects), so a reader who changed
    language reads every notice in the new one. A notice whose reminder is gone (rows older
    than the reminders' retention) keeps the words it was stored with. Precondition:
    fetched through list_notifications (no query per notice).
    """
    from letters.reminders.messages import compose

    reminder = notification.reminder
    if reminder is None:
        return notification.title, notification.body
    message = compose(reminder, "", language=translation.get_language())
    return message.subject, "\n\n".join(message.lines[1:])  # without the greeting: the page is theirs


def _unread_notifications(user_id: int):
    from letters.models import Notification

    return Notification.objects.filter(user_id=user_id, read_at__isnull=True)


#: Asked on every page (the menu's count): its statement is built once (programs.compiled).
_unread = CompiledRead(_unread_notifications)


def count_unread_notifications(user) -> int:
    """Return how many of `user`'s notifications are unread (one query on the (user, read_at) index)."""
    return _unread.count(user.pk)


#: Transitions whose note the coordinator writes to the letter's author: what to change, or
#: why parts were removed on delivery. Every other note (a withholding reason above all)
#: is for coordinators only.
NOTES_FOR_THE_AUTHOR = (LetterStatus.CHANGES_REQUESTED, LetterStatus.DELIVERED)


def list_letter_history(user, letter: Letter) -> QuerySet[LetterEvent]:
    """Return the events of `letter` that `user` may read, oldest first.

    Coordinators of the letter's program (and operators) get every event with its note;
    the letter's author gets every event too, but only the notes addressed to them
    (NOTES_FOR_THE_AUTHOR; the others come back empty). Each event carries
    `visible_note` and `actor_pseudonym` (None for an operator without a membership).
    Anyone else, the recipient included, is refused with PermissionDenied: a letter's
    path through review is not theirs to see.

    Precondition: `letter` was fetched through letters.access.access_letter for `user`.
    """
    from django.core.exceptions import PermissionDenied  # imported here: this block was appended
    from django.db.models import TextField

    if may_review(user, letter.pair.program):
        visible_note = F("note")
    elif letter.author.user_id == user.pk:
        visible_note = Case(
            When(to_status__in=NOTES_FOR_THE_AUTHOR, then=F("note")), default=Value(""), output_field=TextField()
        )
    else:
        raise PermissionDenied(_("Only the letter's author and the program's coordinators can see its history."))
    return (
        LetterEvent.objects.filter(letter=letter)
        .annotate(
            visible_note=visible_note,
            actor_pseudonym=_pseudonym_of("actor", "letter__pair__program"),
        )
        .order_by("created_at", "pk")
    )
