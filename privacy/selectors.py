"""Reads of the privacy app (see docs/design.md: selectors assume an authorised caller)."""

from dataclasses import dataclass

from django.db.models import Q

from letters.models import Finding, Letter, LetterStatus
from programs.models import Membership, Pair, User
from spaces.models import Post


#: What a safeguarding hold keeps, for letters and peer-space posts alike (both have a
#: `status` with "withheld" and `findings` with a severity): one rule for both.
SAFEGUARDING_CONCERN = Q(status=LetterStatus.WITHHELD) | Q(findings__severity=Finding.Severity.URGENT)


def safeguarding_letters(memberships):
    """Return the letters of `memberships` a safeguarding hold keeps on erasure: withheld, or with an urgent finding.

    Drafts never count: nobody but their author ever saw them.
    """
    return Letter.objects.filter(author__in=memberships).filter(SAFEGUARDING_CONCERN).exclude(
        status=LetterStatus.DRAFT).distinct()


def safeguarding_posts(memberships):
    """Return the peer-space posts of `memberships` a safeguarding hold keeps on erasure: the letters' rule."""
    return Post.objects.filter(author__in=memberships).filter(SAFEGUARDING_CONCERN).distinct()


@dataclass(frozen=True)
class ErasurePreview:
    """What erasing a person would do, for the confirmation page (counts only, no text)."""

    programs: int
    open_pairs: int
    letters: int
    held: int
    posts_held: int = 0


def erasure_preview(user: User) -> ErasurePreview:
    """Return what privacy.services.erase_person would touch for `user`: five counting queries.

    `letters` counts their sent letters (not drafts), `held` those a safeguarding hold would
    keep whole, `posts_held` their peer-space posts it would keep. Precondition: the caller may erase `user` (programs.permissions.may_erase_person),
    checked by the page before it shows the preview.
    """
    memberships = Membership.objects.filter(user=user)
    return ErasurePreview(
        programs=memberships.count(),
        open_pairs=Pair.objects.open().filter(Q(mentor__user=user) | Q(mentee__user=user)).count(),
        letters=Letter.objects.filter(author__in=memberships).exclude(status=LetterStatus.DRAFT).count(),
        held=safeguarding_letters(memberships).count(),
        posts_held=safeguarding_posts(memberships).count(),
    )
