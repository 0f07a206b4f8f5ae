"""The hooks the letter services call when a letter changes state, one line each in letters.services.

Each records the per-letter notice task in the outbox (jobs.outbox) inside the service's
transaction; the workers get it once that commits. The task plans the notice under its
unique key and sends it (letters.reminders.planning and .delivery), so an immediate notice
follows the same path, and the same never-twice guarantee, as a timed one.
"""

from __future__ import annotations

from collections.abc import Iterable

from letters.models import Finding, Letter

def _notify_after_commit(letter: Letter) -> None:
    """Record the per-letter notice task in the current transaction; the workers get it once it commits."""
    from letters.tasks import enqueue_letter_notices

    enqueue_letter_notices(letter.pk)


def letter_delivered(letter: Letter) -> None:
    """Tell the recipient that `letter` arrived (and a mentor by when to reply)."""
    _notify_after_commit(letter)


def changes_requested(letter: Letter) -> None:
    """Tell the author that their letter came back with a note."""
    _notify_after_commit(letter)


def letter_withheld(letter: Letter) -> None:
    """Tell the author that their letter will not be passed on (never why: the coordinator talks to them)."""
    _notify_after_commit(letter)


def letter_submitted(letter: Letter, findings: Iterable[Finding]) -> None:
    """Alert the program's coordinators at once if `findings`, what screening stored for `letter` as it was sent, hold an urgent concern."""
    if any(finding.severity == Finding.Severity.URGENT for finding in findings):
        _notify_after_commit(letter)
