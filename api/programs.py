"""Programs the caller belongs to, and a program's roster for its coordinators."""

from django.db.models import OuterRef, Subquery
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers
from rest_framework.response import Response

from api.base import ApiListView, ApiView, errors
from programs.access import access_program
from programs.models import Membership, Program
from programs.permissions import require_coordinator


def programs_with_my_role(user):
    """Return the programs `user` may see, each annotated with their role and pseudonym in it."""
    mine = Membership.objects.active().filter(user=user.pk, program=OuterRef("pk"))
    return Program.objects.visible_to(user).annotate(
        my_role=Subquery(mine.values("role")[:1]), my_pseudonym=Subquery(mine.values("pseudonym")[:1])
    )


class ProgramOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    slug = serializers.CharField()
    language = serializers.CharField()
    time_zone = serializers.CharField()
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    review_policy = serializers.ChoiceField(choices=Program.ReviewPolicy.choices)
    reply_window_hours = serializers.SerializerMethodField(help_text="A mentor's reply is due this long after delivery.")
    min_letter_chars = serializers.IntegerField()
    max_letter_chars = serializers.IntegerField()
    my_role = serializers.ChoiceField(
        choices=Membership.Role.choices, allow_null=True, help_text="Null for an operator who is not a member."
    )
    my_pseudonym = serializers.CharField(allow_null=True)

    def get_reply_window_hours(self, program) -> float:
        return program.reply_window.total_seconds() / 3600


class ProgramListView(ApiListView):
    serializer_class = ProgramOutputSerializer

    @extend_schema(operation_id="programs_list", summary="List the caller's programs", tags=["programs"],
                   responses={200: ProgramOutputSerializer(many=True), **errors(404)})
    def get(self, request, *args, **kwargs):
        """List the programs the caller is an active member of (all, for an operator), by name."""
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return programs_with_my_role(self.request.user).order_by("name", "pk")


class ProgramDetailView(ApiView):
    @extend_schema(operation_id="programs_retrieve", summary="Show one program", tags=["programs"],
                   responses={200: ProgramOutputSerializer, **errors(404)})
    def get(self, request, program_id: int):
        """Return a program the caller belongs to."""
        program = access_program(request.user, program_id)
        annotated = programs_with_my_role(request.user).get(pk=program.pk)
        return Response(ProgramOutputSerializer(annotated).data)


class MemberListView(ApiListView):
    """A program's roster by pseudonym (for coordinators: e.g. to sync a mentor roster)."""

    class FilterSerializer(serializers.Serializer):
        role = serializers.ChoiceField(choices=Membership.Role.choices, required=False)
        status = serializers.ChoiceField(choices=Membership.Status.choices, required=False)

    @extend_schema_serializer(component_name="Member")
    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        pseudonym = serializers.CharField()
        role = serializers.ChoiceField(choices=Membership.Role.choices)
        status = serializers.ChoiceField(choices=Membership.Status.choices)
        joined_at = serializers.DateTimeField()

    serializer_class = OutputSerializer
    filter_serializer_class = FilterSerializer

    @extend_schema(operation_id="programs_members_list", summary="List a program's members (coordinators)",
                   tags=["programs"], parameters=[FilterSerializer],
                   responses={200: OutputSerializer(many=True), **errors(400, 403, 404)})
    def get(self, request, *args, **kwargs):
        """List the program's members by pseudonym, never with real names or e-mail addresses."""
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        program = access_program(self.request.user, self.kwargs["program_id"])
        require_coordinator(self.request.user, program)
        members = program.memberships.all()
        filters = self.get_filters()
        if "role" in filters:
            members = members.filter(role=filters["role"])
        if "status" in filters:
            members = members.filter(status=filters["status"])
        return members.order_by("pseudonym", "pk")
