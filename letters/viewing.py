"""The one rule for what a person sees of a letter.

Every consumer that shows a letter's words or its moderation (pages, the API, PDFs, the data
export, notices) asks `letter_view_for(viewer, letter)` and shows only what the returned
`LetterView` holds. The rule, written out (tests/letters/test_viewer_rule.py checks it for
every consumer against a table of its own):

* the **author** sees their own letter in every state, in full (after delivery the removed
  parts are struck through and labelled), and the coordinator's notes addressed to them
  (what to change, why parts were removed), never a withholding reason or a finding;
* the **recipient** (the other side of the pair) sees a delivered or read letter only, with
  every redaction replaced by a marker, and nothing of its moderation;
* a **coordinator** of the letter's program (or an operator) sees every submitted letter:
  the text as written, findings, every note and reason;
* **nobody else** sees anything, and nobody but its author ever sees a draft.

A letter under a safeguarding hold (its author was erased; see privacy.services) is seen by
the program's coordinators only.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from django.db.models import Prefetch, QuerySet
from django.utils.safestring import SafeString, mark_safe

from letters.models import RECIPIENT_VISIBLE, Finding, Letter, LetterEvent, LetterStatus
from letters.selectors import NOTES_FOR_THE_AUTHOR, author_html, recipient_html, recipient_text
from programs.richtext import plain_to_html
from programs.permissions import is_coordinator


class Viewer(str, Enum):
    """How a person stands to a letter."""

    AUTHOR = "author"
    RECIPIENT = "recipient"
    COORDINATOR = "coordinator"
    NOBODY = "nobody"


@dataclass(frozen=True)
class LetterView:
    """What one person sees of one letter. Everything absent is empty, never a placeholder.

    `visible` False means the person may not know the letter exists: show nothing, answer 404.
    The notes and findings are read only when asked for, so a page showing bodies costs no more.
    """

    letter: Letter
    viewer: Viewer
    visible: bool
    body_html: SafeString = mark_safe("")
    body_text: str = ""

    @property
    def shows_history(self) -> bool:
        """Whether the person may read the letter's history (its events)."""
        return self.viewer in (Viewer.AUTHOR, Viewer.COORDINATOR)

    @property
    def change_request_note(self) -> str:
        """The coordinator's latest "please change" note while the letter is returned (author, coordinators)."""
        if not self.shows_history or self.letter.status != LetterStatus.CHANGES_REQUESTED:
            return ""
        return _latest_note(self.letter, LetterStatus.CHANGES_REQUESTED)

    @property
    def withhold_reason(self) -> str:
        """Why the letter was withheld: coordinators only."""
        if self.viewer != Viewer.COORDINATOR or self.letter.status != LetterStatus.WITHHELD:
            return ""
        return _latest_note(self.letter, LetterStatus.WITHHELD)

    @property
    def findings(self) -> list[Finding]:
        """Screening findings (kind, severity, excerpt): coordinators only."""
        return list(self.letter.findings.all()) if self.viewer == Viewer.COORDINATOR else []

    def note_of(self, event: LetterEvent) -> str:
        """Return the note of `event` (one of this letter's) as this person may read it, or ""."""
        if self.viewer == Viewer.COORDINATOR:
            return event.note
        if self.viewer == Viewer.AUTHOR and event.to_status in NOTES_FOR_THE_AUTHOR:
            return event.note
        return ""


def viewer_of(user, letter: Letter, *, coordinates: bool | None = None) -> Viewer:
    """Return how `user` stands to `letter`.

    `coordinates` may say whether `user` coordinates the letter's program (an operator counts),
    when the caller already knows, to save a query per letter on a list.
    """
    if user is None or not user.is_authenticated:
        return Viewer.NOBODY
    if coordinates is None:
        coordinates = is_coordinator(user, letter.pair.program)
    if coordinates and letter.status != LetterStatus.DRAFT:
        return Viewer.COORDINATOR
    if letter.safeguarding_hold_until is not None:
        return Viewer.NOBODY
    if letter.author.user_id == user.pk:
        return Viewer.AUTHOR
    if letter.pair.member_for(user) is not None and letter.status in RECIPIENT_VISIBLE:
        return Viewer.RECIPIENT
    return Viewer.NOBODY


def letter_view_for(user, letter: Letter, *, coordinates: bool | None = None) -> LetterView:
    """Return what `user` sees of `letter` (see the module docstring for the rule)."""
    return view_as(viewer_of(user, letter, coordinates=coordinates), letter)


def body_html_for(user, letter: Letter, *, coordinates: bool | None = None) -> SafeString:
    """Return only the HTML of what `user` sees of `letter` ("" when nothing): letter_view_for's
    body_html, without working out the plain text a page does not show (for a thread's letters)."""
    return _body_html(viewer_of(user, letter, coordinates=coordinates), letter)


def recipient_view(letter: Letter) -> LetterView:
    """Return the letter as its recipient reads it: for a booklet printed for the pair."""
    if letter.status not in RECIPIENT_VISIBLE or letter.safeguarding_hold_until is not None:
        return LetterView(letter=letter, viewer=Viewer.NOBODY, visible=False)
    return view_as(Viewer.RECIPIENT, letter)


def view_as(viewer: Viewer, letter: Letter) -> LetterView:
    """Return the view of `letter` for someone who stands to it as `viewer` (already decided)."""
    if viewer not in (Viewer.RECIPIENT, Viewer.AUTHOR, Viewer.COORDINATOR):
        return LetterView(letter, Viewer.NOBODY, False)
    text = recipient_text(letter) if viewer == Viewer.RECIPIENT else letter.body_text
    return LetterView(letter, viewer, True, _body_html(viewer, letter), text)


def _body_html(viewer: Viewer, letter: Letter) -> SafeString:
    """Return the body_html of view_as(viewer, letter), and nothing else."""
    if viewer == Viewer.RECIPIENT:
        return recipient_html(letter)
    if viewer == Viewer.AUTHOR:
        return author_html(letter) if letter.status in RECIPIENT_VISIBLE else _as_written(letter)
    if viewer == Viewer.COORDINATOR:
        return _as_written(letter)
    return mark_safe("")


def _as_written(letter: Letter) -> SafeString:
    """Return the whole letter as its author wrote it: plain text, escaped, as paragraphs."""
    return mark_safe(plain_to_html(letter.body_text))  # noqa: S308 - plain_to_html escapes every character


def with_view_data(letters: QuerySet) -> QuerySet:
    """Return `letters` with what `view_as` reads prefetched (redactions, findings, the latest
    decision notes), so a list of views costs the same number of queries whatever its length."""
    return letters.prefetch_related(
        "redactions", "findings",
        Prefetch(
            "events",
            queryset=LetterEvent.objects.filter(to_status__in=_DECISIONS_WITH_NOTES).order_by("-created_at", "-pk"),
            to_attr="decision_events",
        ),
    )


_DECISIONS_WITH_NOTES = (LetterStatus.CHANGES_REQUESTED, LetterStatus.WITHHELD)


def _latest_note(letter: Letter, status: str) -> str:
    if hasattr(letter, "decision_events"):  # prefetched by with_view_data, newest first
        return next((e.note for e in letter.decision_events if e.to_status == status and e.note), "")
    event = letter.events.filter(to_status=status).exclude(note="").order_by("-created_at", "-pk").first()
    return event.note if event else ""
