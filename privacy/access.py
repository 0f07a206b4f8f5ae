"""Fetch-and-authorise helpers of the privacy app; see programs/access.py."""

from django.http import Http404
from django.utils.translation import gettext as _

from privacy.models import DataExport


def access_data_export(user, export_id: int) -> DataExport:
    """Return a data export that `user` requested; nobody else may download it."""
    if not user.is_authenticated:
        raise Http404(_("No such export."))
    try:
        return DataExport.objects.get(pk=export_id, requested_by=user)
    except (DataExport.DoesNotExist, ValueError, TypeError):
        raise Http404(_("No such export.")) from None
