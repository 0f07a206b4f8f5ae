"""Pairs: the caller's own, or every pair of the programs they coordinate; pause, resume, close."""

from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.response import Response

from api.base import ApiListView, ApiView, IdField, coordinates, errors, serializer_context
from oversight.health import annotate_pair_health, judge_pair_health
from oversight.models import HealthLevel, HealthReason
from programs.access import access_pair, access_program
from programs.models import Membership, Pair
from programs.permissions import is_coordinator
from programs.services import close_pair, pause_pair, resume_pair


#: The two sides of a pair (the roles a pair member can have).
PAIR_SIDES = [(Membership.Role.MENTOR.value, Membership.Role.MENTOR.label),
              (Membership.Role.MENTEE.value, Membership.Role.MENTEE.label)]


class PersonSerializer(serializers.Serializer):
    """One side of a pair, by pseudonym only."""

    membership_id = serializers.IntegerField(source="pk")
    pseudonym = serializers.CharField()


class HealthSerializer(serializers.Serializer):
    """Pair health as the coordinator dashboard shows it (see `pair_health`)."""

    level = serializers.ChoiceField(choices=HealthLevel.choices, help_text="`on_track`, `needs_attention` or `at_risk`.")
    reasons = serializers.ListField(child=serializers.ChoiceField(choices=HealthReason.choices))


def with_health(pairs, program):
    """Return `pairs` of `program` annotated for pair health (oversight.health; still one query)."""
    return annotate_pair_health(pairs, program=program, now=timezone.now())


def pair_health(pair: Pair) -> dict | None:
    """Return the health of a pair annotated by `with_health`, as the dashboard judges it; else None."""
    if not hasattr(pair, "has_urgent_finding"):
        return None
    judged = judge_pair_health(pair, now=timezone.now())
    return {"level": judged.level, "reasons": [str(reason) for reason in judged.reasons]}


class PairOutputSerializer(serializers.Serializer):
    """A pair as its members and coordinators see it. Needs `request` and `coordinated` in the context."""

    id = serializers.IntegerField()
    program = serializers.IntegerField(source="program_id")
    status = serializers.ChoiceField(choices=Pair.Status.choices)
    status_label = serializers.CharField(source="get_status_display")
    mentor = PersonSerializer()
    mentee = PersonSerializer()
    my_role = serializers.SerializerMethodField()
    started_at = serializers.DateTimeField()
    paused_at = serializers.DateTimeField(allow_null=True)
    closed_at = serializers.DateTimeField(allow_null=True)
    status_reason = serializers.SerializerMethodField()
    health = serializers.SerializerMethodField()

    def _coordinates(self, pair) -> bool:
        return coordinates(self.context["coordinated"], pair.program_id)

    @extend_schema_field(serializers.ChoiceField(
        choices=PAIR_SIDES, allow_null=True,
        help_text="`mentor` or `mentee` if the caller is in the pair, else null.",
    ))
    def get_my_role(self, pair):
        membership = pair.member_for(self.context["request"].user)
        return membership.role if membership else None

    @extend_schema_field(serializers.CharField(
        allow_null=True, help_text="Why the pair was last paused or closed; coordinators only (null for others).",
    ))
    def get_status_reason(self, pair):
        return pair.status_reason if self._coordinates(pair) else None

    @extend_schema_field(HealthSerializer(
        allow_null=True,
        help_text="Coordinators only: always on a single pair; in lists when they are filtered by `program`.",
    ))
    def get_health(self, pair):
        return pair_health(pair) if self._coordinates(pair) else None



class PairListView(ApiListView):
    class FilterSerializer(serializers.Serializer):
        program = IdField(required=False)
        status = serializers.ChoiceField(choices=Pair.Status.choices, required=False)

    serializer_class = PairOutputSerializer
    filter_serializer_class = FilterSerializer

    @extend_schema(operation_id="pairs_list", summary="List pairs", tags=["pairs"], parameters=[FilterSerializer],
                   responses={200: PairOutputSerializer(many=True), **errors(400, 404)})
    def get(self, request, *args, **kwargs):
        """List the caller's pairs, and every pair of the programs they coordinate, oldest first."""
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        user = self.request.user
        pairs = Pair.objects.visible_to(user).select_related("mentor", "mentee")
        filters = self.get_filters()
        if "program" in filters:
            program = access_program(user, filters["program"])
            pairs = pairs.filter(program=program)
            if is_coordinator(user, program):
                pairs = with_health(pairs, program)
        if "status" in filters:
            pairs = pairs.filter(status=filters["status"])
        return pairs.order_by("started_at", "pk")


class PairDetailView(ApiView):
    @extend_schema(operation_id="pairs_retrieve", summary="Show one pair", tags=["pairs"],
                   responses={200: PairOutputSerializer, **errors(404)})
    def get(self, request, pair_id: int):
        """Return a pair the caller is in or coordinates."""
        pair = access_pair(request.user, pair_id)
        context = serializer_context(request)
        if coordinates(context["coordinated"], pair.program_id):
            pair = with_health(Pair.objects.filter(pk=pair.pk).select_related("mentor", "mentee"), pair.program).get()
        return Response(PairOutputSerializer(pair, context=context).data)


class ReasonInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, help_text="Kept in the pair's history.")


class NoteInputSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class _PairActionView(ApiView):
    """POST an action on a pair (coordinators); answer with the pair as it is now."""

    input_serializer_class: type[serializers.Serializer]

    def act(self, request, pair: Pair, data: dict) -> Pair:
        raise NotImplementedError

    def post(self, request, pair_id: int):
        pair = access_pair(request.user, pair_id)
        parser = self.input_serializer_class(data=request.data)
        parser.is_valid(raise_exception=True)
        pair = self.act(request, pair, parser.validated_data)
        return Response(PairOutputSerializer(pair, context=serializer_context(request)).data)


_ACTION_ERRORS = {200: PairOutputSerializer, **errors(400, 403, 404, 409)}


class PairPauseView(_PairActionView):
    input_serializer_class = ReasonInputSerializer

    @extend_schema(operation_id="pairs_pause", summary="Pause an active pair (coordinators)", tags=["pairs"],
                   request=ReasonInputSerializer, responses=_ACTION_ERRORS)
    def post(self, request, pair_id: int):
        """Pause the pair: it takes no new letters until resumed."""
        return super().post(request, pair_id)

    def act(self, request, pair, data):
        return pause_pair(request.user, pair=pair, reason=data["reason"])


class PairResumeView(_PairActionView):
    input_serializer_class = NoteInputSerializer

    @extend_schema(operation_id="pairs_resume", summary="Resume a paused pair (coordinators)", tags=["pairs"],
                   request=NoteInputSerializer, responses=_ACTION_ERRORS)
    def post(self, request, pair_id: int):
        """Resume the pair."""
        return super().post(request, pair_id)

    def act(self, request, pair, data):
        return resume_pair(request.user, pair=pair, note=data["note"])


class PairCloseView(_PairActionView):
    input_serializer_class = ReasonInputSerializer

    @extend_schema(operation_id="pairs_close", summary="Close a pair for good (coordinators)", tags=["pairs"],
                   request=ReasonInputSerializer, responses=_ACTION_ERRORS)
    def post(self, request, pair_id: int):
        """Close the pair; its letters stay readable."""
        return super().post(request, pair_id)

    def act(self, request, pair, data):
        return close_pair(request.user, pair=pair, reason=data["reason"])
