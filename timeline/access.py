"""Fetch-and-authorise helpers for timeline events; see programs/access.py."""

from django.http import Http404
from django.utils.translation import gettext as _

from timeline.models import Event


def access_event(user, event_id: int) -> Event:
    """Return the event if `user` may see it (Event.objects.visible_to), else raise Http404."""
    try:
        return Event.objects.visible_to(user).select_related("program").get(pk=event_id)
    except (Event.DoesNotExist, ValueError, TypeError):
        raise Http404(_("No such event.")) from None
