"""Fetch-and-authorise helpers of the oversight app; see programs/access.py."""

from django.http import Http404
from django.utils.translation import gettext as _

from oversight.models import Report


def access_report(user, report_id: int) -> Report:
    """Return the report if `user` asked for it or coordinates its program."""
    try:
        return Report.objects.visible_to(user).select_related("program", "pair__mentor", "pair__mentee").get(pk=report_id)
    except (Report.DoesNotExist, ValueError, TypeError):
        raise Http404(_("No such report.")) from None
