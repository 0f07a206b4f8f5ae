"""Fetch-and-authorise helpers for readings and assignments; see programs/access.py."""

from django.http import Http404
from django.utils.translation import gettext as _

from readings.models import Assignment, Reading


def access_reading(user, reading_id: int) -> Reading:
    """Return the reading if `user` may see it (Reading.objects.visible_to), else raise Http404."""
    try:
        return Reading.objects.visible_to(user).get(pk=reading_id)
    except (Reading.DoesNotExist, ValueError, TypeError):
        raise Http404(_("No such reading.")) from None


def access_assignment(user, assignment_id: int) -> Assignment:
    """Return the assignment if `user` belongs to its program, else raise Http404."""
    assignments = Assignment.objects.visible_to(user).select_related("reading", "program")
    try:
        return assignments.get(pk=assignment_id)
    except (Assignment.DoesNotExist, ValueError, TypeError):
        raise Http404(_("No such assignment.")) from None
