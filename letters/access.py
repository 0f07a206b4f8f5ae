"""Fetch-and-authorise helpers for letters; see programs/access.py."""

from django.http import Http404
from django.utils.translation import gettext as _

from letters.models import Letter


def access_letter(user, letter_id: int, *, for_update: bool = False) -> Letter:
    """Return the letter if `user` may see it (Letter.objects.visible_to), else raise Http404."""
    letters = Letter.objects.visible_to(user).select_related(
        "pair__program", "pair__mentor", "pair__mentee", "author", "assignment__reading"
    )
    if for_update:
        letters = letters.select_for_update(of=("self",))
    try:
        return letters.get(pk=letter_id)
    except (Letter.DoesNotExist, ValueError, TypeError):
        raise Http404(_("No such letter.")) from None
