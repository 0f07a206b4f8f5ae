"""Fetch-and-authorise helpers for goals, steps and passports: Http404 for what the user may not see.

A goal belongs to its mentee alone: nobody else (mentor, coordinator, operator) fetches it by
id. What others see of goals comes through goals.selectors, shaped by the sharing choices.
"""

from django.http import Http404
from django.utils.translation import gettext as _

from goals.models import Goal, GoalStep
from programs.models import Membership


def own_mentee_memberships(user):
    """Return `user`'s active mentee memberships (the programs where they may keep goals)."""
    if not user.is_authenticated:
        return Membership.objects.none()
    return Membership.objects.active().filter(user=user, role=Membership.Role.MENTEE).select_related("program")


def access_own_mentee_membership(user, program_id) -> Membership:
    """Return `user`'s active mentee membership in program `program_id`; 404 if they are not a mentee there."""
    try:
        return own_mentee_memberships(user).get(program_id=int(program_id))
    except (Membership.DoesNotExist, Membership.MultipleObjectsReturned, ValueError, TypeError):
        raise Http404(_("You keep no goals in that program.")) from None


def access_own_goal(user, goal_id) -> Goal:
    """Return one of `user`'s own goals (not withdrawn), with its steps; 404 for anyone else's."""
    try:
        return (
            Goal.objects.kept().filter(membership__in=own_mentee_memberships(user))
            .select_related("membership__program").prefetch_related("steps").get(pk=int(goal_id))
        )
    except (Goal.DoesNotExist, ValueError, TypeError):
        raise Http404(_("No such goal.")) from None


def access_own_step(user, step_id) -> GoalStep:
    """Return a step of one of `user`'s own goals; 404 for anyone else's."""
    try:
        return (
            GoalStep.objects.filter(goal__membership__in=own_mentee_memberships(user), goal__withdrawn_at__isnull=True)
            .select_related("goal__membership__program").get(pk=int(step_id))
        )
    except (GoalStep.DoesNotExist, ValueError, TypeError):
        raise Http404(_("No such step.")) from None
