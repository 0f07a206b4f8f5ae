"""Program timeline events: members read the events they are invited to; coordinators add, change and cancel."""

from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_serializer
from rest_framework import serializers, status
from rest_framework.response import Response

from api.base import ApiListView, ApiView, IdField, coordinates, errors, serializer_context
from programs.access import access_pair, access_program
from timeline import services
from timeline.access import access_event
from timeline.models import Event, EventKind, EventStatus


@extend_schema_serializer(component_name="Event")
class EventOutputSerializer(serializers.Serializer):
    """An event. Needs `coordinated` in the context (which pairs it targets is for coordinators only)."""

    id = serializers.IntegerField()
    program = serializers.IntegerField(source="program_id")
    kind = serializers.ChoiceField(choices=EventKind.choices)
    title = serializers.CharField()
    starts_at = serializers.DateTimeField(help_text="UTC.")
    ends_at = serializers.DateTimeField(help_text="UTC.")
    time_zone = serializers.CharField(source="program.time_zone", help_text="The program's time zone.")
    place = serializers.CharField()
    description = serializers.CharField()
    status = serializers.ChoiceField(choices=EventStatus.choices)
    targets_all_pairs = serializers.BooleanField(help_text="False: only some pairs of the program are invited.")
    pairs = serializers.SerializerMethodField()

    @extend_schema_field(serializers.ListField(
        child=serializers.IntegerField(), allow_null=True,
        help_text="The invited pairs' ids, for coordinators; null for members and whole-program events.",
    ))
    def get_pairs(self, event):
        if event.targets_all_pairs or not coordinates(self.context["coordinated"], event.program_id):
            return None
        return sorted(pair.pk for pair in event.pairs.all())


@extend_schema_serializer(component_name="EventInput")
class EventInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=EventKind.choices, default=EventKind.MEETING)
    title = serializers.CharField(max_length=200)
    date = serializers.DateField(help_text="On the program's clock.")
    starts = serializers.TimeField(help_text="On the program's clock.")
    ends = serializers.TimeField(help_text="On the program's clock; after `starts`.")
    place = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    description = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")
    pairs = serializers.ListField(child=IdField(), required=False, default=list, max_length=1000,
                                  help_text="Only these pairs; empty: the whole program.")


def _arguments(request, data: dict) -> dict:
    """Turn parsed input into the service's keyword arguments (pairs fetched through the caller's visibility)."""
    pairs = [access_pair(request.user, pair_id) for pair_id in dict.fromkeys(data.pop("pairs"))]
    day = data.pop("date")
    return {**data, "day": day, "pairs": pairs}


def render_event(request, event: Event, *, status_code: int = status.HTTP_200_OK) -> Response:
    event = Event.objects.select_related("program").prefetch_related("pairs").get(pk=event.pk)
    return Response(EventOutputSerializer(event, context=serializer_context(request)).data, status=status_code)


class EventListView(ApiListView):
    class FilterSerializer(serializers.Serializer):
        program = IdField(required=False)
        ends_after = serializers.DateTimeField(required=False, help_text="Only events that end after this moment.")

    @extend_schema_serializer(component_name="EventCreateInput")
    class CreateInputSerializer(EventInputSerializer):
        program = IdField()

    serializer_class = EventOutputSerializer
    filter_serializer_class = FilterSerializer

    @extend_schema(operation_id="events_list", summary="List timeline events", tags=["timeline"],
                   parameters=[FilterSerializer], responses={200: EventOutputSerializer(many=True), **errors(400, 404)})
    def get(self, request, *args, **kwargs):
        """List the events the caller is invited to, and every event of the programs they coordinate, soonest first."""
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        user = self.request.user
        events = Event.objects.visible_to(user)
        filters = self.get_filters()
        if "program" in filters:
            events = events.filter(program=access_program(user, filters["program"]))
        if "ends_after" in filters:
            events = events.filter(ends_at__gt=filters["ends_after"])
        return events.select_related("program").prefetch_related("pairs").order_by("starts_at", "pk")

    @extend_schema(operation_id="events_create", summary="Add an event (coordinators)", tags=["timeline"],
                   request=CreateInputSerializer, responses={201: EventOutputSerializer, **errors(400, 403, 404)})
    def post(self, request):
        """Add an event to a program's timeline, for every pair or only some."""
        parser = self.CreateInputSerializer(data=request.data)
        parser.is_valid(raise_exception=True)
        data = dict(parser.validated_data)
        program = access_program(request.user, data.pop("program"))
        event = services.create_event(request.user, program=program, **_arguments(request, data))
        return render_event(request, event, status_code=status.HTTP_201_CREATED)


class EventDetailView(ApiView):
    @extend_schema(operation_id="events_retrieve", summary="Show one event", tags=["timeline"],
                   responses={200: EventOutputSerializer, **errors(404)})
    def get(self, request, event_id: int):
        """Return an event the caller is invited to or whose program they coordinate."""
        return render_event(request, access_event(request.user, event_id))

    @extend_schema(operation_id="events_update", summary="Change an event (coordinators)", tags=["timeline"],
                   request=EventInputSerializer, responses={200: EventOutputSerializer, **errors(400, 403, 404, 409)})
    def put(self, request, event_id: int):
        """Change every detail of an event; the members it concerns are told in the app."""
        event = access_event(request.user, event_id)
        parser = EventInputSerializer(data=request.data)
        parser.is_valid(raise_exception=True)
        event = services.update_event(request.user, event=event, **_arguments(request, dict(parser.validated_data)))
        return render_event(request, event)


class EventCancelView(ApiView):
    @extend_schema(operation_id="events_cancel", summary="Cancel an event (coordinators)", tags=["timeline"],
                   request=None, responses={200: EventOutputSerializer, **errors(403, 404, 409)})
    def post(self, request, event_id: int):
        """Cancel the event: it stays on the timeline marked cancelled, and the members it concerns are told."""
        event = access_event(request.user, event_id)
        return render_event(request, services.cancel_event(request.user, event=event))
