"""Pages to ask for PDF booklets and program reports, watch them being made, and download them.

Views only: permissions and states live in oversight.services and oversight.access. Files
are streamed through `report_download` after an access check, never from a media URL.
"""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from oversight import services
from oversight.access import access_report
from oversight.models import Report
from programs.access import access_pair, access_program
from programs.exceptions import error_messages
from programs.models import Pair, Program


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


@never_cache
@login_required
def report_list(request):
    """List the reports I asked for or may see, with forms to ask for new ones."""
    reports = Report.objects.visible_to(request.user).select_related("program", "pair__mentor", "pair__mentee")[:100]
    programs = list(Program.objects.coordinated_by(request.user).order_by("name"))
    pairs = Pair.objects.visible_to(request.user).select_related("program", "mentor", "mentee").order_by("program__name", "pk")
    own_pairs = [p for p in pairs if p.program in programs or p.program.members_may_download_booklets]
    # Reached from a program's menu (?program=<id>): show that menu, and put the program first.
    menu_program = next((p for p in programs if str(p.pk) == request.GET.get("program", "")), None)
    if menu_program is not None:
        programs = [menu_program, *(p for p in programs if p != menu_program)]
    return render(request, "frontend/reports/list.html", {
        "reports": reports, "programs": programs, "pairs": own_pairs, "kinds": Report.Kind.choices,
        "menu_program": menu_program,
    })


@never_cache
@login_required
@require_POST
def report_request(request):
    """Queue the report described by the form and show its progress page."""
    kind = request.POST.get("kind", "")
    program = pair = None
    if request.POST.get("pair"):
        pair = access_pair(request.user, request.POST["pair"])
    if request.POST.get("program"):
        program = access_program(request.user, request.POST["program"])
    try:
        report = services.request_report(
            request.user, kind=kind, program=program, pair=pair,
            period_start=_date(request.POST.get("period_start")), period_end=_date(request.POST.get("period_end")),
        )
    except (ValidationError, PermissionDenied) as error:
        for message in error_messages(error) or [_("That report cannot be made.")]:
            messages.error(request, message)
        return redirect("reports")
    messages.success(request, _("Your PDF is being made. This page shows when it is ready."))
    return redirect("report-detail", report.pk)


@never_cache
@login_required
def report_detail(request, report_id: int):
    report = access_report(request.user, report_id)
    return render(request, "frontend/reports/detail.html", {
        "report": report, "in_progress": report.status in (Report.Status.QUEUED, Report.Status.RUNNING),
        "can_retry": services.report_can_be_retried(report),
    })


@never_cache
@login_required
@require_POST
def report_retry(request, report_id: int):
    report = access_report(request.user, report_id)
    try:
        services.retry_report(request.user, report=report)
    except (ValidationError, PermissionDenied) as error:
        for message in error_messages(error):
            messages.error(request, message)
    return redirect("report-detail", report.pk)


@never_cache
@login_required
def report_download(request, report_id: int):
    """Stream a finished report's PDF to someone who may see the report."""
    report = access_report(request.user, report_id)
    if report.status != Report.Status.DONE or not report.file:
        raise Http404(_("This report is not ready."))
    return FileResponse(report.file.open("rb"), as_attachment=True, filename=f"brevven-{report.kind}-{report.pk}.pdf",
                        content_type="application/pdf")


urlpatterns = [
    path("reports/", report_list, name="reports"),
    path("reports/new/", report_request, name="report-request"),
    path("reports/<int:report_id>/", report_detail, name="report-detail"),
    path("reports/<int:report_id>/retry/", report_retry, name="report-retry"),
    path("reports/<int:report_id>/download/", report_download, name="report-download"),
]
