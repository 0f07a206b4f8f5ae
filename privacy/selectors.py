"""Reads of the privacy app (see docs/design.md: selectors assume an authorised caller)."""

from dataclasses import dataclass

from django.db.models import Q

from letters.models import Finding, Letter, LetterStatus
from programs.models import Membership, Pair, User


def safeguarding_letters(memberships):
    """Return the letters of `memberships` a safeguarding hold keeps on erasure: withheld, or with an urgent finding.

    Drafts never count: nobody but their author ever saw them.
    """
    return Letter.objects.filter(author__in=memberships).filter(
        Q(status=LetterStatus.WITHHELD) | Q(findings__severity=Finding.Severity.URGENT)
    ).exclude(status=LetterStatus.DRAFT).distinct()


@dataclass(frozen=True)
class ErasurePreview:
    """What erasing a person would do, for the confirmation page (counts only, no text)."""

    programs: int
    open_pairs: int
    letters: int
    held: int


def erasure_preview(user: User) -> ErasurePreview:
    """Return what privacy.services.erase_person would touch for `user`: four counting queries.

    `letters` counts their sent letters (not drafts), `held` those a safeguarding hold would
    keep whole. Precondition: the caller may erase `user` (programs.permissions.may_erase_person),
    checked by the page before it shows the preview.
    """
    memberships = Membership.objects.filter(user=user)
    return ErasurePreview(
        programs=memberships.count(),
        open_pairs=Pair.objects.open().filter(Q(mentor__user=user) | Q(mentee__user=user)).count(),
        letters=Letter.objects.filter(author__in=memberships).exclude(status=LetterStatus.DRAFT).count(),
        held=safeguarding_letters(memberships).count(),
    )
