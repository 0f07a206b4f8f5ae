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


def access_notification(user, notification_id: int):
    """Return `user`'s own notification, else raise Http404."""
    from letters.models import Notification

    try:
        return Notification.objects.filter(user=user).get(pk=notification_id)
    except (Notification.DoesNotExist, ValueError, TypeError):
        raise Http404(_("No such notification.")) from None
