"""Fetch-and-authorise helpers for readings and assignments; see programs/access.py."""

from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from programs.models import Pair, Program
from readings.models import Assignment, Reading


def access_reading(user, reading_id: int) -> Reading:
    """Return the reading if `user` may see it (Reading.objects.visible_to), else raise Http404."""
    try:
        return Reading.objects.visible_to(user).select_related("program").get(pk=reading_id)
    except (Reading.DoesNotExist, ValueError, TypeError):
        raise Http404(_("No such reading.")) from None


def access_assignment(user, assignment_id: int) -> Assignment:
    """Return the assignment if `user` coordinates its program or is in a pair it applies to."""
    if not user.is_authenticated:
        raise Http404(_("No such assignment."))
    pairs = Pair.objects.visible_to(user).filter(Q(mentor__user=user) | Q(mentee__user=user))
    visible = Assignment.objects.visible_to(user)
    if not user.is_superuser:
        coordinated = Program.objects.coordinated_by(user).values("pk")
        visible = visible.filter(
            Q(program__in=coordinated) | Q(targets_all_pairs=True, program__pairs__in=pairs) | Q(pairs__in=pairs)
        )
    try:
        return visible.select_related("reading", "program").distinct().get(pk=assignment_id)
    except (Assignment.DoesNotExist, ValueError, TypeError):
        raise Http404(_("No such assignment.")) from None
