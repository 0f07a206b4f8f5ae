"""A program's statistics (coordinators read) and its topics (coordinators read and write).

Views only: oversight.statistics counts and suppresses (every count under five is "< 5",
the same function as the page, the CSV export and the report PDF); oversight.services
changes topics and checks who may.
"""

from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers, status
from rest_framework.response import Response

from api.base import ApiView, errors
from oversight import services
from oversight.access import access_topic
from oversight.statistics import list_topics, program_statistics
from programs.access import access_program
from programs.permissions import require_coordinator


@extend_schema_serializer(component_name="StatisticsRow")
class StatisticsRowSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="A topic id, a month (YYYY-MM), a region, an age band, "
                                          "`other` (regions with few pairs) or `unknown`.")
    label = serializers.CharField(help_text="The category in the caller's language.")
    letters = serializers.CharField(help_text='Letters sent: a number, or "< 5" for any count under five.')
    pairs = serializers.CharField(help_text='Pairs: a number, or "< 5" for any count under five.')


@extend_schema_serializer(component_name="ProgramStatisticsTables")
class StatisticsSerializer(serializers.Serializer):
    by_topic = StatisticsRowSerializer(many=True)
    by_month = StatisticsRowSerializer(many=True)
    by_region = StatisticsRowSerializer(many=True, help_text="By the mentee's region.")
    by_age_band = StatisticsRowSerializer(many=True, help_text="By the mentee's age band.")


class ProgramStatisticsView(ApiView):
    @extend_schema(operation_id="programs_statistics_retrieve", summary="A program's statistics (coordinators)",
                   tags=["statistics"], responses={200: StatisticsSerializer, **errors(403, 404)})
    def get(self, request, program_id: int):
        """Letters and pairs by topic, month, region and age band; every count under five is "< 5"."""
        program = access_program(request.user, program_id)
        require_coordinator(request.user, program)
        return Response(StatisticsSerializer(program_statistics(program)).data)


@extend_schema_serializer(component_name="Topic")
class TopicOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    label = serializers.CharField(help_text="The coordinators' name, else the default topic's name in the caller's language.")
    default_key = serializers.CharField(source="key", help_text="For a default topic (e.g. `school`); empty otherwise.")
    retired = serializers.SerializerMethodField()

    def get_retired(self, topic) -> bool:
        return not topic.is_active


class TopicListView(ApiView):
    @extend_schema_serializer(component_name="TopicCreateInput")
    class CreateInputSerializer(serializers.Serializer):
        name = serializers.CharField(max_length=200)

    @extend_schema(operation_id="programs_topics_list", summary="List a program's topics (coordinators)",
                   tags=["statistics"], responses={200: TopicOutputSerializer(many=True), **errors(403, 404)})
    def get(self, request, program_id: int):
        """List the program's topics, active ones first."""
        program = access_program(request.user, program_id)
        require_coordinator(request.user, program)
        return Response(TopicOutputSerializer(list_topics(program), many=True).data)

    @extend_schema(operation_id="programs_topics_create", summary="Add a topic (coordinators)", tags=["statistics"],
                   request=CreateInputSerializer, responses={201: TopicOutputSerializer, **errors(400, 403, 404)})
    def post(self, request, program_id: int):
        """Add a topic to the program; a name another topic already shows is refused."""
        program = access_program(request.user, program_id)
        data = self.CreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        topic = services.add_topic(request.user, program=program, name=data.validated_data["name"])
        return Response(TopicOutputSerializer(topic).data, status=status.HTTP_201_CREATED)


class TopicDetailView(ApiView):
    @extend_schema_serializer(component_name="TopicUpdateInput")
    class UpdateInputSerializer(serializers.Serializer):
        name = serializers.CharField(max_length=200, required=False)
        retired = serializers.BooleanField(required=False)

    @extend_schema(operation_id="topics_update", summary="Rename, retire or bring back a topic (coordinators)",
                   tags=["statistics"], request=UpdateInputSerializer,
                   responses={200: TopicOutputSerializer, **errors(400, 404)})
    def patch(self, request, topic_id: int):
        """Change what is given: `name` renames the topic, `retired` retires it or brings it back."""
        topic = access_topic(request.user, topic_id)
        data = self.UpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        topic = services.change_topic(request.user, topic=topic, name=data.validated_data.get("name"),
                                      retired=data.validated_data.get("retired"))
        return Response(TopicOutputSerializer(topic).data)
