"""Writes of the oversight app: asking for a PDF report and retrying one that failed.

Building the PDF happens in oversight.tasks once the request has committed.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from oversight.models import Report
from oversight.tasks import enqueue_report
from programs.exceptions import StateConflict
from programs.models import Pair, Program, User
from programs.permissions import is_coordinator, is_member_of_pair


def _require_report_permission(actor: User, *, kind: str, program: Program, pair: Pair | None) -> None:
    """Coordinators may ask for any report of their program; a pair's members for their own booklet if allowed."""
    if is_coordinator(actor, program):
        return
    if (kind == Report.Kind.PAIR_BOOKLET and pair is not None and program.members_may_download_booklets
            and is_member_of_pair(actor, pair)):
        return
    raise PermissionDenied(_("Only a coordinator of this program can ask for that."))


def request_report(
    actor: User, *, kind: str, program: Program | None = None, pair: Pair | None = None,
    period_start=None, period_end=None,
) -> Report:
    """Queue a PDF (`kind`: pair_booklet, program_booklets or program_report) and return its Report.

    A pair booklet needs `pair` (its program is taken from it); a program report needs a
    period with `period_start` on or before `period_end`. The PDF is built by a background
    task once this transaction commits; the requester watches the Report's status.
    """
    if kind not in Report.Kind.values:
        raise ValidationError({"kind": _("Choose a booklet or a program report.")})
    if kind == Report.Kind.PAIR_BOOKLET:
        if pair is None:
            raise ValidationError({"pair": _("Choose the pair whose booklet you want.")})
        program = pair.program
    if program is None:
        raise ValidationError({"program": _("Choose a program.")})
    if kind == Report.Kind.PROGRAM_REPORT:
        if period_start is None or period_end is None:
            raise ValidationError({"period_start": _("Choose the first and the last day of the report.")})
        if period_start > period_end:
            raise ValidationError({"period_end": _("The last day must not come before the first day.")})
    else:
        period_start = period_end = None
    _require_report_permission(actor, kind=kind, program=program, pair=pair)
    with transaction.atomic():
        report = Report.objects.create(
            kind=kind, program=program, pair=pair if kind == Report.Kind.PAIR_BOOKLET else None,
            period_start=period_start, period_end=period_end, requested_by=actor,
        )
        enqueue_report(report.pk)  # saved with the report, queued after commit
    return report


def report_can_be_retried(report: Report, *, now=None) -> bool:
    """Return True if `report` failed, or has waited in the queue so long that its job was lost.

    A queued report normally starts within seconds; one still queued after the outbox's
    STUCK_AFTER lost its job (a broker that dropped its queue), and asking again is safe
    because building a report is idempotent.
    """
    from jobs.outbox import STUCK_AFTER

    if report.status == Report.Status.FAILED:
        return True
    return report.status == Report.Status.QUEUED and report.created_at <= (now or timezone.now()) - STUCK_AFTER


def retry_report(actor: User, *, report: Report) -> Report:
    """Queue a failed or stuck report again; return it. Only its requester or a coordinator may."""
    with transaction.atomic():
        report = Report.objects.select_for_update().select_related("program").get(pk=report.pk)
        if report.requested_by_id != actor.pk and not is_coordinator(actor, report.program):
            raise PermissionDenied(_("Only the person who asked for this report or a coordinator can retry it."))
        if not report_can_be_retried(report):
            raise StateConflict(_("This report has not failed, so there is nothing to retry. Reload the page."))
        Report.objects.filter(pk=report.pk).update(status=Report.Status.QUEUED, error="", started_at=None, finished_at=None)
        enqueue_report(report.pk)  # saved with the report, queued after commit
        report.refresh_from_db()
        return report
