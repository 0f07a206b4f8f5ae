"""Who may do what in the peer spaces: predicates built on the querysets of spaces.models.

programs.permissions holds the rules about programs and pairs; these are the spaces' own,
kept here because programs lies below this app. As there, a predicate answers True or
False (or the membership that qualifies) and changes nothing: access helpers turn a "no"
into Http404, services into PermissionDenied.
"""

from programs.models import Membership
from programs.permissions import is_coordinator
from spaces.models import ROLE_OF_AUDIENCE, Space, SpaceDeparture


def may_moderate(user, space: Space) -> bool:
    """Return True if `user` coordinates the space's program (or is an operator)."""
    return is_coordinator(user, space.program)


def belonging_membership(user, space: Space) -> Membership | None:
    """Return `user`'s active membership whose role belongs in `space` (mentor or mentee), else None.

    It does not matter here whether they left: see `active_membership`.
    """
    if not user.is_authenticated:
        return None
    return Membership.objects.active().filter(
        user=user, program_id=space.program_id, role=ROLE_OF_AUDIENCE[space.audience]
    ).first()


def has_left(membership: Membership, space: Space) -> bool:
    """Return True if `membership` left `space` and has not come back."""
    return SpaceDeparture.objects.filter(space=space, membership=membership).exists()


def active_membership(user, space: Space) -> Membership | None:
    """Return the membership with which `user` takes part in `space` now (belongs, has not left), else None."""
    membership = belonging_membership(user, space)
    if membership is None or has_left(membership, space):
        return None
    return membership


def may_read(user, space: Space) -> bool:
    """Return True if `user` may read the space's threads (Space.objects.readable_by, for one space)."""
    return Space.objects.readable_by(user).filter(pk=space.pk).exists()
