"""Reads about readings and assignments, shaped for the pages."""

from datetime import datetime, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from programs.compiled import CompiledRead
from programs.models import Pair, Program
from readings.models import Assignment, Reading

#: The columns of an assignment that current_assignments reads, in the model's field order,
#: and the reading's title beside them.
_CURRENT_FIELDS = ("id", "program_id", "reading_id", "opens_at", "due_at", "targets_all_pairs")


def _schedule_of(program_ids):
    """Rows (the _CURRENT_FIELDS, reading title) of every assignment of `program_ids`, due first."""
    return (Assignment.objects.filter(program_id__in=program_ids).order_by("due_at", "pk")
            .values_list(*_CURRENT_FIELDS, "reading__title"))


#: Asked on every home page: its statement is built once (programs.compiled). The time is
#: compared in Python so that the statement does not change with it; a program has tens
#: of assignments, not thousands.
_schedule = CompiledRead(_schedule_of)


def assignment_with_title(fields: tuple[str, ...], values, title: str, *, database: str = "default") -> Assignment:
    """Return an Assignment of the columns `fields` (attnames in the model's field order, among them
    "reading_id") and `values` read from the database, its reading holding `title`.

    For pages that show a reading's title beside a few columns read through programs.compiled:
    any other field of either loads from the database if asked for.
    """
    assignment = Assignment.from_db(database, fields, values)
    assignment.reading = Reading.from_db(database, ("id", "title"), (assignment.reading_id, title))
    return assignment


def _assignment_from(row) -> Assignment:
    *values, title = row
    return assignment_with_title(_CURRENT_FIELDS, values, title)


def current_assignments(pairs: list[Pair], *, now: datetime | None = None) -> dict[int, Assignment | None]:
    """Return {pair id: the assignment the pair is working on} for `pairs`.

    The current assignment is the opened one due next; once all are due, the one due last.
    One query, and a second only when some opened assignment targets chosen pairs.
    """
    now = now or timezone.now()
    program_ids = sorted({pair.program_id for pair in pairs})
    assignments = [assignment for assignment in (_assignment_from(row) for row in _schedule.rows(program_ids))
                   if assignment.opens_at <= now]
    targeted = _targeted_pairs([a for a in assignments if not a.targets_all_pairs], pairs)
    result = {}
    for pair in pairs:
        applicable = [
            a for a in assignments
            if a.program_id == pair.program_id and (a.targets_all_pairs or (a.pk, pair.pk) in targeted)
        ]
        upcoming = [a for a in applicable if a.due_at >= now]
        result[pair.pk] = upcoming[0] if upcoming else (applicable[-1] if applicable else None)
    return result


def _targeted_pairs(assignments: list[Assignment], pairs: list[Pair]) -> set[tuple[int, int]]:
    """Return the (assignment id, pair id) links between targeted `assignments` and `pairs`.

    Only the given pairs are read: prefetching each assignment's pairs loaded every pair
    it targets, thousands in a large program, for a page about one person's pairs.
    """
    if not assignments or not pairs:
        return set()
    links = Assignment.pairs.through.objects.filter(
        assignment_id__in=[a.pk for a in assignments], pair_id__in=[p.pk for p in pairs]
    )
    return set(links.values_list("assignment_id", "pair_id"))


def list_program_readings(program: Program) -> QuerySet[Reading]:
    """Return the readings a coordinator of `program` may schedule: its own and the shared library."""
    return Reading.objects.filter(Q(program=program) | Q(program__isnull=True)).order_by("title", "pk")


def list_program_calendar(program: Program) -> list[dict]:
    """Return `program`'s assignments grouped by the week they are due, in the active time zone.

    Each item is {"week_start": date (Monday), "assignments": [...]}, earliest week first.
    """
    assignments = (
        Assignment.objects.filter(program=program).select_related("reading").order_by("due_at", "pk")
    )
    weeks: dict = {}
    for assignment in assignments:
        local_day = timezone.localtime(assignment.due_at).date()
        monday = local_day - timedelta(days=local_day.weekday())
        weeks.setdefault(monday, []).append(assignment)
    return [{"week_start": monday, "assignments": items} for monday, items in weeks.items()]
