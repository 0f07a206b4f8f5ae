"""PDF reports: ask for a booklet or a program report, watch it being made, download it, retry it.

Views only, as in frontend/report_views.py: oversight.services.request_report and
retry_report decide who may ask for what; oversight.access.access_report fetches by id
(404 for what the caller may not see); the file is streamed only after that check.
"""

from django.http import FileResponse
from django.utils.cache import add_never_cache_headers
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_serializer
from rest_framework import serializers, status
from rest_framework.response import Response

from api.base import ApiListView, ApiView, IdField, errors
from oversight import services
from oversight.access import access_report
from oversight.models import Report
from oversight.selectors import finished_report_file
from programs.access import access_pair, access_program


class ReportOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=Report.Kind.choices)
    kind_label = serializers.CharField(source="get_kind_display")
    program = serializers.IntegerField(source="program_id")
    pair = serializers.IntegerField(source="pair_id", allow_null=True, help_text="For a pair booklet.")
    period_start = serializers.DateField(allow_null=True, help_text="For a program report.")
    period_end = serializers.DateField(allow_null=True, help_text="For a program report.")
    status = serializers.ChoiceField(choices=Report.Status.choices,
                                     help_text="`queued`, then `running`, then `done` (download it) or `failed` (retry it).")
    status_label = serializers.CharField(source="get_status_display")
    is_mine = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()
    started_at = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)

    def get_is_mine(self, report) -> bool:
        """True if the caller asked for it (coordinators also see their colleagues' reports)."""
        return report.requested_by_id == self.context["request"].user.pk


def render_report(request, report: Report, *, status_code: int = status.HTTP_200_OK) -> Response:
    return Response(ReportOutputSerializer(report, context={"request": request}).data, status=status_code)


class ReportListView(ApiListView):
    class FilterSerializer(serializers.Serializer):
        program = IdField(required=False)
        status = serializers.ChoiceField(choices=Report.Status.choices, required=False)
        mine = serializers.BooleanField(required=False, allow_null=True, default=None,
                                        help_text="true: only reports the caller asked for; false: only others'.")

    @extend_schema_serializer(component_name="ReportRequestInput")
    class CreateInputSerializer(serializers.Serializer):
        kind = serializers.ChoiceField(choices=Report.Kind.choices)
        pair = IdField(required=False, allow_null=True, help_text="For `pair_booklet`: the pair.")
        program = IdField(required=False, allow_null=True,
                          help_text="For `program_booklets` and `program_report`: the program.")
        period_start = serializers.DateField(required=False, allow_null=True,
                                             help_text="For `program_report`: the first day.")
        period_end = serializers.DateField(required=False, allow_null=True,
                                           help_text="For `program_report`: the last day.")

    serializer_class = ReportOutputSerializer
    filter_serializer_class = FilterSerializer

    @extend_schema(operation_id="reports_list", summary="List reports", tags=["reports"], parameters=[FilterSerializer],
                   responses={200: ReportOutputSerializer(many=True), **errors(400, 404)})
    def get(self, request, *args, **kwargs):
        """List the reports the caller asked for, and every report of the programs they coordinate, newest first."""
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        user = self.request.user
        reports = Report.objects.visible_to(user)
        filters = self.get_filters()
        if "program" in filters:
            reports = reports.filter(program=access_program(user, filters["program"]))
        if "status" in filters:
            reports = reports.filter(status=filters["status"])
        if filters.get("mine") is not None:
            reports = reports.filter(requested_by=user) if filters["mine"] else reports.exclude(requested_by=user)
        return reports.order_by("-created_at", "-pk")

    @extend_schema(operation_id="reports_create", summary="Ask for a PDF booklet or program report", tags=["reports"],
                   request=CreateInputSerializer, responses={201: ReportOutputSerializer, **errors(400, 403, 404)})
    def post(self, request):
        """Queue a PDF: one pair's booklet, every booklet of a program, or a program report for a period.

        Coordinators may ask for any of their program's; a pair's members for their own
        booklet when the program allows it. The answer is the report, `queued`: poll it
        until it is `done`, then download it.
        """
        parser = self.CreateInputSerializer(data=request.data)
        parser.is_valid(raise_exception=True)
        data, user = parser.validated_data, request.user
        report = services.request_report(
            user, kind=data["kind"],
            pair=access_pair(user, data["pair"]) if data.get("pair") else None,
            program=access_program(user, data["program"]) if data.get("program") else None,
            period_start=data.get("period_start"), period_end=data.get("period_end"),
        )
        return render_report(request, report, status_code=status.HTTP_201_CREATED)


class ReportDetailView(ApiView):
    @extend_schema(operation_id="reports_retrieve", summary="A report's status", tags=["reports"],
                   responses={200: ReportOutputSerializer, **errors(404)})
    def get(self, request, report_id: int):
        """Return a report the caller asked for or whose program they coordinate."""
        return render_report(request, access_report(request.user, report_id))


class ReportRetryView(ApiView):
    @extend_schema(operation_id="reports_retry", summary="Make a failed report again", tags=["reports"], request=None,
                   responses={200: ReportOutputSerializer, **errors(403, 404, 409)})
    def post(self, request, report_id: int):
        """Queue a failed report, or one stuck in the queue, again (its requester or a coordinator); 409 otherwise."""
        report = services.retry_report(request.user, report=access_report(request.user, report_id))
        return render_report(request, report)


class ReportDownloadView(ApiView):
    @extend_schema(
        operation_id="reports_download", summary="Download a finished report's PDF", tags=["reports"],
        responses={(200, "application/pdf"): OpenApiResponse(response=OpenApiTypes.BINARY, description="The PDF."),
                   **errors(404, 409)},
    )
    def get(self, request, report_id: int):
        """Stream the PDF of a `done` report; 409 while it is still being made or has failed."""
        report = access_report(request.user, report_id)
        response = FileResponse(
            finished_report_file(report).open("rb"), as_attachment=True,
            filename=f"brevven-{report.kind}-{report.pk}.pdf", content_type="application/pdf",
        )
        # Letters are in the PDF: never let a shared cache keep it.
        add_never_cache_headers(response)
        return response
