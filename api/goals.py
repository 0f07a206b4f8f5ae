"""A mentee's own goals, their steps, and their own stamps.

Views only: goals.access fetches (a goal is its mentee's alone: anyone else gets 404),
goals.services writes, goals.selectors reads; the same calls as the pages in
frontend/goals_views.py.
"""

from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers, status
from rest_framework.response import Response

from api.base import ApiListView, ApiView, IdField, errors
from goals import services
from goals.access import access_own_goal, access_own_step, own_mentee_memberships
from goals.models import MAX_GOAL_CHARS, Goal, StampKind
from goals.selectors import own_stamps
from goals.stamps import CATALOGUE
from programs.access import access_program

GOAL_TEXT_HELP = f"The goal in the mentee's own words, at most {MAX_GOAL_CHARS} characters. Screened like a letter."


class StepOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    done = serializers.SerializerMethodField()
    done_at = serializers.DateTimeField(allow_null=True)

    def get_done(self, step) -> bool:
        return step.done_at is not None


@extend_schema_serializer(component_name="Goal")
class GoalOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    program = serializers.IntegerField(source="membership.program_id")
    text = serializers.CharField()
    shared_with_mentor = serializers.BooleanField()
    shared_with_coordinators = serializers.BooleanField()
    held_for_safeguarding = serializers.BooleanField(
        source="safeguarding_hold", help_text="Screening found an urgent concern: the mentor does not see this goal."
    )
    steps = StepOutputSerializer(many=True, source="steps.all")
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


def render_goal(goal: Goal, code: int = status.HTTP_200_OK) -> Response:
    return Response(GoalOutputSerializer(goal).data, status=code)


class GoalListView(ApiListView):
    @extend_schema_serializer(component_name="GoalCreateInput")
    class CreateInputSerializer(serializers.Serializer):
        program = IdField(help_text="A program where the caller is a mentee.")
        text = serializers.CharField(max_length=MAX_GOAL_CHARS, help_text=GOAL_TEXT_HELP)
        steps = serializers.ListField(child=serializers.CharField(max_length=MAX_GOAL_CHARS), required=False,
                                      default=list, help_text="Small steps, in order.")
        shared_with_mentor = serializers.BooleanField(required=False, default=False)
        shared_with_coordinators = serializers.BooleanField(required=False, default=False)

    serializer_class = GoalOutputSerializer

    @extend_schema(operation_id="goals_list", summary="List the caller's own goals", tags=["goals"],
                   responses={200: GoalOutputSerializer(many=True), **errors(404)})
    def get(self, request, *args, **kwargs):
        """List the goals the caller keeps as a mentee, oldest first; empty for anyone who is no mentee."""
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return (Goal.objects.kept().filter(membership__in=own_mentee_memberships(self.request.user))
                .select_related("membership").prefetch_related("steps").order_by("created_at", "pk"))

    @extend_schema(operation_id="goals_create", summary="Write a new goal", tags=["goals"],
                   request=CreateInputSerializer, responses={201: GoalOutputSerializer, **errors(400, 403, 404)})
    def post(self, request):
        """Write a goal (with steps) in a program where the caller is a mentee; at most five goals."""
        parser = self.CreateInputSerializer(data=request.data)
        parser.is_valid(raise_exception=True)
        data = parser.validated_data
        membership = services.mentee_membership_in(request.user, access_program(request.user, data["program"]))
        goal = services.create_goal(
            request.user, membership=membership, text=data["text"], steps=data["steps"],
            shared_with_mentor=data["shared_with_mentor"], shared_with_coordinators=data["shared_with_coordinators"],
        )
        return render_goal(access_own_goal(request.user, goal.pk), status.HTTP_201_CREATED)


class GoalDetailView(ApiView):
    @extend_schema_serializer(component_name="GoalUpdateInput")
    class UpdateInputSerializer(serializers.Serializer):
        text = serializers.CharField(max_length=MAX_GOAL_CHARS, required=False, help_text=GOAL_TEXT_HELP)
        shared_with_mentor = serializers.BooleanField(required=False)
        shared_with_coordinators = serializers.BooleanField(required=False)

    @extend_schema(operation_id="goals_retrieve", summary="Read one of the caller's goals", tags=["goals"],
                   responses={200: GoalOutputSerializer, **errors(404)})
    def get(self, request, goal_id: int):
        """Return one of the caller's own goals with its steps."""
        return render_goal(access_own_goal(request.user, goal_id))

    @extend_schema(operation_id="goals_update", summary="Change a goal or who sees it", tags=["goals"],
                   request=UpdateInputSerializer, responses={200: GoalOutputSerializer, **errors(400, 404)})
    def patch(self, request, goal_id: int):
        """Change the words of one of the caller's goals, or whether their mentor or coordinators see it."""
        goal = access_own_goal(request.user, goal_id)
        parser = self.UpdateInputSerializer(data=request.data)
        parser.is_valid(raise_exception=True)
        data = parser.validated_data
        services.update_goal(request.user, goal=goal, text=data.get("text"),
                             shared_with_mentor=data.get("shared_with_mentor"),
                             shared_with_coordinators=data.get("shared_with_coordinators"))
        return render_goal(access_own_goal(request.user, goal.pk))

    @extend_schema(operation_id="goals_destroy", summary="Delete a goal", tags=["goals"],
                   responses={204: None, **errors(404)})
    def delete(self, request, goal_id: int):
        """Delete one of the caller's goals and its steps."""
        services.delete_goal(request.user, goal=access_own_goal(request.user, goal_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


class GoalStepListView(ApiView):
    @extend_schema_serializer(component_name="GoalStepCreateInput")
    class InputSerializer(serializers.Serializer):
        text = serializers.CharField(max_length=MAX_GOAL_CHARS)

    @extend_schema(operation_id="goals_steps_create", summary="Add a step to a goal", tags=["goals"],
                   request=InputSerializer, responses={201: StepOutputSerializer, **errors(400, 404)})
    def post(self, request, goal_id: int):
        """Add a small step to one of the caller's goals (at most eight)."""
        goal = access_own_goal(request.user, goal_id)
        parser = self.InputSerializer(data=request.data)
        parser.is_valid(raise_exception=True)
        step = services.add_step(request.user, goal=goal, text=parser.validated_data["text"])
        return Response(StepOutputSerializer(step).data, status=status.HTTP_201_CREATED)


class GoalStepDetailView(ApiView):
    @extend_schema_serializer(component_name="GoalStepUpdateInput")
    class InputSerializer(serializers.Serializer):
        text = serializers.CharField(max_length=MAX_GOAL_CHARS, required=False)
        done = serializers.BooleanField(required=False, help_text="true ticks the step off, false opens it again.")

    @extend_schema(operation_id="goal_steps_update", summary="Tick a step off, or change its words", tags=["goals"],
                   request=InputSerializer, responses={200: StepOutputSerializer, **errors(400, 404)})
    def patch(self, request, step_id: int):
        """Tick off (or reopen) or reword a step of one of the caller's goals."""
        step = access_own_step(request.user, step_id)
        parser = self.InputSerializer(data=request.data)
        parser.is_valid(raise_exception=True)
        data = parser.validated_data
        step = services.update_step(request.user, step=step, text=data.get("text"), done=data.get("done"))
        return Response(StepOutputSerializer(step).data)

    @extend_schema(operation_id="goal_steps_destroy", summary="Delete a step", tags=["goals"],
                   responses={204: None, **errors(404)})
    def delete(self, request, step_id: int):
        """Delete a step of one of the caller's goals."""
        services.delete_step(request.user, step=access_own_step(request.user, step_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_serializer(component_name="Stamp")
class StampOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    program = serializers.IntegerField(source="membership.program_id")
    kind = serializers.ChoiceField(choices=StampKind.choices)
    name = serializers.SerializerMethodField()
    description = serializers.SerializerMethodField()
    image = serializers.SerializerMethodField(help_text="The stamp's drawing, a path under the site's static files.")
    earned_at = serializers.DateTimeField()

    def get_name(self, stamp) -> str:
        return str(CATALOGUE[stamp.kind].name)

    def get_description(self, stamp) -> str:
        return str(CATALOGUE[stamp.kind].description)

    def get_image(self, stamp) -> str:
        from django.templatetags.static import static

        return static(CATALOGUE[stamp.kind].image)


class StampListView(ApiListView):
    serializer_class = StampOutputSerializer

    @extend_schema(operation_id="stamps_list", summary="List the caller's own stamps", tags=["goals"],
                   responses={200: StampOutputSerializer(many=True), **errors(404)})
    def get(self, request, *args, **kwargs):
        """List the stamps of the caller's letter passport, newest first (none in programs with stamps off)."""
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return own_stamps(own_mentee_memberships(self.request.user))
