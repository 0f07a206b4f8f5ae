"""What moderating a member's words shares, whatever they wrote: a letter or a post in a peer space.

Brevven has one moderation workflow. A piece of writing waits in review; a coordinator may
claim it for a few minutes, then approves it (optionally with parts removed), returns it
with a note or withholds it. The letter services (letters.services) and the peer-space
services (spaces.services) both build on the pieces here, so the rules cannot drift apart:

- `guarded_update`: a status change written as an UPDATE ... WHERE status IN (allowed), so
  two coordinators deciding at once cannot both win (on SQLite too, where the row lock is a
  no-op);
- `live_claim_by_someone_else`, `claimed_elsewhere`, `CLAIM_DURATION`, `NO_CLAIM`: claims;
- `clean_redactions`: the parts a coordinator removes, validated and merged;
- `require_note`: a decision that needs words (return, withhold).

Each moderated model has `status`, `claimed_by` (a user) and `claimed_until` fields. The
caller locks the row, checks who acts and writes its own audit row; nothing here commits.
"""

import html
from collections.abc import Callable, Iterable, Sequence
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from letters.selectors import _render_with_redactions as render_with_redactions
from letters.selectors import pseudonym_in_program
from programs.exceptions import StateConflict

#: How long "Start reviewing" keeps other coordinators from deciding on a piece of writing.
CLAIM_DURATION = timedelta(minutes=10)

#: Fields that clear a claim; every decision writes them, since a decided piece needs no reader.
NO_CLAIM = {"claimed_by": None, "claimed_until": None}


def guarded_update(obj: models.Model, *, allowed_from: Iterable[str], to: str,
                   conflict: Callable[[models.Model], StateConflict], **fields) -> str:
    """Move the locked `obj` from one of `allowed_from` to status `to`, writing `fields` too; return the old status.

    The UPDATE only matches while the row is still in an allowed state, so a decision that
    lost a race changes nothing: `conflict(obj)` (obj re-read) is raised instead. `obj`'s
    attributes are updated to what was written. Preconditions: inside a transaction, `obj`
    locked by the caller.
    """
    allowed = list(allowed_from)
    if obj.status not in allowed:
        raise conflict(obj)
    updated = type(obj).objects.filter(pk=obj.pk, status__in=allowed).update(status=to, **fields)
    if not updated:
        obj.refresh_from_db()
        raise conflict(obj)
    from_status = obj.status
    obj.status = to
    for name, value in fields.items():
        setattr(obj, name, value)
    return from_status


def live_claim_by_someone_else(obj, actor, now=None) -> bool:
    """Return True if someone other than `actor` holds a claim on `obj` that has not run out."""
    now = now or timezone.now()
    return (
        obj.claimed_by_id is not None
        and obj.claimed_by_id != actor.pk
        and obj.claimed_until is not None
        and obj.claimed_until > now
    )


def holds_live_claim(obj, actor, now=None) -> bool:
    """Return True if `actor` holds a claim on `obj` that has not run out (claiming again only extends it)."""
    now = now or timezone.now()
    return obj.claimed_by_id == actor.pk and obj.claimed_until is not None and obj.claimed_until > now


def claimed_elsewhere(obj, program_id: int, message: str) -> StateConflict:
    """Return the refusal for `obj`, which another coordinator is reading, naming them by pseudonym.

    `message` is a translated text with the placeholders %(name)s and %(time)s.
    """
    name = pseudonym_in_program(obj.claimed_by_id, program_id) or _("another coordinator")
    return StateConflict(message % {"name": name, "time": time_format(timezone.localtime(obj.claimed_until), "H:i")})


def clean_redactions(text: str, spans: Iterable[Sequence[int]]) -> list[tuple[int, int]]:
    """Return `spans` of `text` validated, sorted, with overlapping or touching spans merged.

    Raises ValidationError for a span that is not two whole numbers, is empty, or lies
    outside the text.
    """
    checked = []
    for span in spans:
        try:
            start, end = (int(value) for value in span)
        except (TypeError, ValueError):
            raise ValidationError({"redactions": _("Each part to remove needs a start and an end position.")}) from None
        if start >= end:
            raise ValidationError({"redactions": _("A part to remove must contain at least one character.")})
        if start < 0 or end > len(text):
            raise ValidationError(
                {"redactions": _("A part to remove lies outside the letter (it has %(length)d characters).")
                 % {"length": len(text)}}
            )
        checked.append((start, end))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(checked):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def require_note(note: str, message: str) -> str:
    """Return `note` stripped; raise ValidationError({"note": message}) when it is empty."""
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": message})
    return note


def reader_html(text: str, spans: Sequence[Sequence[int]]) -> SafeString:
    """Return `text` as escaped paragraphs with each removed span shown as "[removed by your coordinator]".

    What a letter's recipient, and every reader of a post, sees (letters.selectors.recipient_html).
    """
    marker = '<span class="redacted">%s</span>' % html.escape(_("[removed by your coordinator]"))
    return render_with_redactions(text, [tuple(span) for span in spans], lambda removed: marker)


def author_view_html(text: str, spans: Sequence[Sequence[int]]) -> SafeString:
    """Return `text` as escaped paragraphs with each removed span struck through and labelled.

    What the author (and a coordinator) sees, so they know what readers did not see.
    """
    label = html.escape(_("removed by your coordinator:"))

    def removed(part: str) -> str:
        flat = html.escape(" ".join(part.split()))
        return f'<del class="redacted"><span class="visually-hidden">{label} </span>{flat}</del>'

    return render_with_redactions(text, [tuple(span) for span in spans], removed)
