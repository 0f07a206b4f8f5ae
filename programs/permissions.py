"""Who may do what: the one module holding Brevven's permission predicates.

Every predicate answers True or False and changes nothing. The layers differ only in what
they do with a False:

- access helpers (`<app>/access.py`) answer Http404, so nobody can probe ids;
- services call a `require_*` function here, which raises PermissionDenied with a message
  a person can act on;
- selectors assume an authorised caller: their docstrings say which helper or service
  checked the caller first, and they filter nothing out on the caller's behalf.

The predicates that select rows (`Program.objects.coordinated_by`, `visible_to`) are the
querysets in programs/models/ (programs.py, pairs.py); the predicates here are built on them, so the one-object
answer and the many-rows answer cannot drift apart.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from programs.models import Membership, Pair, Program


def is_operator(user) -> bool:
    """Return True if `user` is signed in and runs the installation (a superuser)."""
    return bool(user.is_authenticated and user.is_superuser)


def is_coordinator(user, program: Program) -> bool:
    """Return True if `user` is an operator or an active coordinator of `program`."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return Program.objects.coordinated_by(user).filter(pk=program.pk).exists()


def member_coordinates(user, pair: Pair, member: Membership) -> bool:
    """Return is_coordinator(user, pair.program) for `user` whose membership in `pair` is
    `member` (pair.member_for(user)), without a query when it can.

    A person holds one membership per program (a database constraint), and a pair's two
    memberships belong to its program, so `member` is the person's only membership there: they
    coordinate the program exactly when it is an active coordinator's, or when they are an
    operator. Precondition: `member` was read with the pair (its role and status as stored).
    """
    if not user.is_authenticated or member.user_id != user.pk:
        return False
    if user.is_superuser:
        return True
    if member.program_id != pair.program_id:  # never for a pair made by programs.services; ask the rule
        return is_coordinator(user, pair.program)
    return member.role == Membership.Role.COORDINATOR and member.status == Membership.Status.ACTIVE


def require_coordinator(user, program: Program) -> None:
    """Raise PermissionDenied unless `user` coordinates `program` (or is an operator)."""
    if not is_coordinator(user, program):
        raise PermissionDenied(_("Only a coordinator of this program can do that."))


def may_review(user, program: Program) -> bool:
    """Return True if `user` may review, claim and decide the letters of `program`: its coordinators, operators."""
    return is_coordinator(user, program)


def may_see_program(user, program: Program) -> bool:
    """Return True if `user` holds an active membership of `program`, or is an operator."""
    return Program.objects.visible_to(user).filter(pk=program.pk).exists()


def is_member_of_pair(user, pair: Pair) -> bool:
    """Return True if `user` is the mentor or the mentee of `pair` (no query when both sides are loaded)."""
    return user.is_authenticated and pair.member_for(user) is not None


def may_see_pair(user, pair: Pair) -> bool:
    """Return True if `user` is in `pair` or coordinates its program (Pair.objects.visible_to, for one pair)."""
    return is_member_of_pair(user, pair) or is_coordinator(user, pair.program)


def may_manage_people(actor, user) -> bool:
    """Return True if `actor` is an operator or coordinates a program `user` belongs to.

    Such an actor may unlock `user`'s sign-in, make them a sign-in link and export their data.
    """
    if not actor.is_authenticated:
        return False
    if actor.is_superuser:
        return True
    programs = Program.objects.coordinated_by(actor).values("pk")
    return Membership.objects.filter(user=user, program__in=programs).exists()


def may_erase_person(actor, user) -> bool:
    """Return True if `actor` may erase `user` for good (privacy.services.erase_person).

    Operators may erase anyone but themselves. A coordinator may erase a mentee or mentor
    whose every membership is in a program the coordinator coordinates (erasure reaches all
    of a person's programs, so a person who also takes part elsewhere needs an operator),
    and never a fellow coordinator, staff or an operator (holds_powers).
    """
    if not actor.is_authenticated or actor.pk == user.pk:
        return False
    if actor.is_superuser:
        return True
    if holds_powers(user):
        return False
    memberships = Membership.objects.filter(user=user)
    coordinated = Program.objects.coordinated_by(actor).values("pk")
    return memberships.exists() and not memberships.exclude(program__in=coordinated).exists()


def holds_powers(user) -> bool:
    """Return True for operators, staff and anyone holding a coordinator role.

    Their passwords are never set through a coordinator's sign-in link (programs.accounts).
    """
    return bool(user.is_staff or user.is_superuser
                or Membership.objects.filter(user=user, role=Membership.Role.COORDINATOR).exists())
