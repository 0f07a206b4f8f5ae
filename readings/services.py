"""Writes to readings and assignments; coordinators of the program (or operators) only."""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from programs.models import LANGUAGE_CODES, Pair, Program, User
from programs.richtext import READING_ATTRIBUTES, READING_TAGS, sanitize_html
from programs import audit
from programs.models import ProgramAuditEntry
from programs.permissions import is_operator, require_coordinator
from readings.models import Assignment, Reading


def _clean_reading_fields(title: str, body: str, language: str) -> tuple[str, str]:
    title = (title or "").strip()
    errors = {}
    if not title:
        errors["title"] = _("Give the reading a title.")
    clean = sanitize_html(body, tags=READING_TAGS, attributes=READING_ATTRIBUTES)
    if not clean.text:
        errors["body"] = _("The reading has no text.")
    if language not in LANGUAGE_CODES:
        errors["language"] = _("Choose English, Danish, Norwegian or French.")
    if errors:
        raise ValidationError(errors)
    return title, clean.html


@transaction.atomic
def create_reading(
    actor: User, *, program: Program | None, title: str, body: str, language: str = "en", credit: str = "",
    reading_level: str = "",
) -> Reading:
    """Add a reading to `program`'s library (or the shared library, operators only)."""
    if program is None:
        if not is_operator(actor):
            raise PermissionDenied(_("Only an operator can add to the shared library."))
    else:
        require_coordinator(actor, program)
    title, html = _clean_reading_fields(title, body, language)
    reading = Reading.objects.create(
        program=program, title=title, body=html, language=language, credit=credit.strip(),
        reading_level=reading_level.strip(), created_by=actor,
    )
    audit.record(actor, program=program, action=ProgramAuditEntry.Action.READING_ADDED, target=reading, detail=language)
    return reading


@transaction.atomic
def update_reading(actor: User, *, reading: Reading, title: str, body: str, language: str, credit: str = "",
                   reading_level: str = "") -> Reading:
    """Change a reading's text and details."""
    reading = Reading.objects.select_for_update().get(pk=reading.pk)
    if reading.program is None:
        if not is_operator(actor):
            raise PermissionDenied(_("Only an operator can change the shared library."))
    else:
        require_coordinator(actor, reading.program)
    reading.title, reading.body = _clean_reading_fields(title, body, language)
    reading.language, reading.credit, reading.reading_level = language, credit.strip(), reading_level.strip()
    reading.save()
    audit.record(actor, program=reading.program, action=ProgramAuditEntry.Action.READING_CHANGED, target=reading,
                 detail=language)
    return reading


@transaction.atomic
def schedule_assignment(
    actor: User, *, program: Program, reading: Reading, opens_at: datetime, due_at: datetime, prompt: str = "",
    pairs: list[Pair] | None = None,
) -> Assignment:
    """Assign `reading` to `program` (or only to `pairs`), open from `opens_at`, due at `due_at`."""
    require_coordinator(actor, program)
    if reading.program_id not in (None, program.pk):
        raise ValidationError({"reading": _("That reading belongs to another program.")})
    if due_at <= opens_at:
        raise ValidationError({"due_at": _("The due date must come after the opening date.")})
    if pairs and any(pair.program_id != program.pk for pair in pairs):
        raise ValidationError({"pairs": _("Choose pairs of this program only.")})
    assignment = Assignment.objects.create(
        program=program, reading=reading, prompt=prompt.strip(), opens_at=opens_at, due_at=due_at,
        targets_all_pairs=not pairs,
    )
    if pairs:
        assignment.pairs.set(pairs)
    audit.record(actor, program=program, action=ProgramAuditEntry.Action.ASSIGNMENT_SCHEDULED, target=assignment,
                 detail=f"reading {reading.pk}, {len(pairs)} pairs" if pairs else f"reading {reading.pk}, all pairs")
    return assignment
