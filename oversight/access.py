"""Fetch-and-authorise helpers of the oversight app; see programs/access.py."""

from django.http import Http404
from django.utils.translation import gettext as _

from oversight.models import Report, Topic
from programs.models import Program


def access_report(user, report_id: int) -> Report:
    """Return the report if `user` asked for it or coordinates its program."""
    try:
        return Report.objects.visible_to(user).select_related("program", "pair__mentor", "pair__mentee").get(pk=report_id)
    except (Report.DoesNotExist, ValueError, TypeError):
        raise Http404(_("No such report.")) from None


def access_topic(user, topic_id: int) -> Topic:
    """Return a topic of a program `user` coordinates (any, for an operator), else raise Http404."""
    programs = Program.objects.coordinated_by(user).values("pk")
    try:
        return Topic.objects.select_related("program").get(pk=topic_id, program__in=programs)
    except (Topic.DoesNotExist, ValueError, TypeError):
        raise Http404(_("No such topic.")) from None
