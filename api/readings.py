"""Readings (the shared texts) and assignments (a reading scheduled with opening and due dates)."""

from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers
from rest_framework.response import Response

from api.base import ApiListView, ApiView, IdField, errors
from programs.access import access_pair, access_program
from programs.models import LANGUAGE_CHOICES
from readings.access import access_assignment, access_reading
from readings.models import Assignment, Reading


class ReadingSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    program = serializers.IntegerField(source="program_id", allow_null=True, help_text="Null: the shared library.")
    title = serializers.CharField()
    language = serializers.ChoiceField(choices=LANGUAGE_CHOICES)
    credit = serializers.CharField()
    reading_level = serializers.CharField()


class ReadingListView(ApiListView):
    class FilterSerializer(serializers.Serializer):
        program = IdField(required=False)
        language = serializers.ChoiceField(choices=LANGUAGE_CHOICES, required=False)

    serializer_class = ReadingSummarySerializer
    filter_serializer_class = FilterSerializer

    @extend_schema(operation_id="readings_list", summary="List readings", tags=["readings"],
                   parameters=[FilterSerializer], responses={200: ReadingSummarySerializer(many=True), **errors(400, 404)})
    def get(self, request, *args, **kwargs):
        """List the readings of the caller's programs and the shared library, by title (without their text)."""
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        user = self.request.user
        readings = Reading.objects.visible_to(user)
        filters = self.get_filters()
        if "program" in filters:
            readings = readings.filter(program=access_program(user, filters["program"]))
        if "language" in filters:
            readings = readings.filter(language=filters["language"])
        return readings.order_by("title", "pk")


class ReadingDetailView(ApiView):
    @extend_schema_serializer(component_name="Reading")
    class OutputSerializer(ReadingSummarySerializer):
        body_html = serializers.CharField(source="body", help_text="Sanitised HTML.")

    @extend_schema(operation_id="readings_retrieve", summary="Read one reading", tags=["readings"],
                   responses={200: OutputSerializer, **errors(404)})
    def get(self, request, reading_id: int):
        """Return a reading with its text."""
        return Response(self.OutputSerializer(access_reading(request.user, reading_id)).data)


class AssignmentOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    program = serializers.IntegerField(source="program_id")
    reading = ReadingSummarySerializer()
    prompt = serializers.CharField()
    opens_at = serializers.DateTimeField()
    due_at = serializers.DateTimeField(help_text="When a mentee's letter about it is due (UTC).")
    targets_all_pairs = serializers.BooleanField(help_text="False: only some pairs of the program have it.")


class AssignmentListView(ApiListView):
    class FilterSerializer(serializers.Serializer):
        program = IdField(required=False)
        pair = IdField(required=False, help_text="Only assignments that apply to this pair.")
        due_after = serializers.DateTimeField(required=False)
        due_before = serializers.DateTimeField(required=False)

    serializer_class = AssignmentOutputSerializer
    filter_serializer_class = FilterSerializer

    @extend_schema(operation_id="assignments_list", summary="List assignments", tags=["readings"],
                   parameters=[FilterSerializer],
                   responses={200: AssignmentOutputSerializer(many=True), **errors(400, 404)})
    def get(self, request, *args, **kwargs):
        """List the assignments of the caller's programs, soonest due first."""
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        user = self.request.user
        assignments = Assignment.objects.visible_to(user)
        filters = self.get_filters()
        if "program" in filters:
            assignments = assignments.filter(program=access_program(user, filters["program"]))
        if "pair" in filters:
            assignments = assignments.for_pair(access_pair(user, filters["pair"]))
        if "due_after" in filters:
            assignments = assignments.filter(due_at__gte=filters["due_after"])
        if "due_before" in filters:
            assignments = assignments.filter(due_at__lt=filters["due_before"])
        return assignments.select_related("reading").order_by("due_at", "pk")


class AssignmentDetailView(ApiView):
    @extend_schema(operation_id="assignments_retrieve", summary="Show one assignment", tags=["readings"],
                   responses={200: AssignmentOutputSerializer, **errors(404)})
    def get(self, request, assignment_id: int):
        """Return an assignment of one of the caller's programs."""
        return Response(AssignmentOutputSerializer(access_assignment(request.user, assignment_id)).data)
