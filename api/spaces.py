"""Peer spaces: spaces, threads, posts, reports; and the coordinators' decisions on posts.

As for letters, every id is fetched through a spaces.access helper (404 for what the caller
may not see), every write is a spaces.services call, and what a caller sees of a post is
spaces.selectors.post_view_for's answer.
"""

from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_serializer
from rest_framework import serializers, status
from rest_framework.response import Response

from api.base import ApiListView, ApiView, errors
from programs.access import access_program
from programs.permissions import require_coordinator
from spaces import selectors, services
from spaces.access import access_post, access_report, access_space, access_thread
from spaces.models import Audience, Post, PostStatus, Thread
from spaces.permissions import may_moderate, may_read

THREAD_ACTIONS = ["pin", "unpin", "lock", "unlock", "hide", "show", "delete"]
POST_ACTIONS = ["hide", "show", "delete"]


class SpaceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    program = serializers.IntegerField(source="program_id")
    audience = serializers.ChoiceField(choices=Audience.choices)
    pre_moderated = serializers.BooleanField(help_text="True for the mentees' space: every post waits for a coordinator.")


class SpaceMemberSerializer(serializers.Serializer):
    """A post's or thread's author as everyone in a space knows them: pseudonym and avatar only."""

    pseudonym = serializers.CharField()
    avatar = serializers.CharField()


class PostSerializer(serializers.Serializer):
    """A post as the caller may see it. Needs `user`, `coordinates` and `mine` (membership ids) in the context."""

    id = serializers.IntegerField()
    thread = serializers.IntegerField(source="thread_id")
    author = SpaceMemberSerializer()
    status = serializers.ChoiceField(choices=PostStatus.choices)
    is_mine = serializers.SerializerMethodField()
    title = serializers.SerializerMethodField()
    body_html = serializers.SerializerMethodField()
    coordinator_note = serializers.SerializerMethodField()
    hidden = serializers.SerializerMethodField()
    submitted_at = serializers.DateTimeField()
    published_at = serializers.DateTimeField(allow_null=True)

    def _view(self, post):
        views = self.context.setdefault("views", {})
        if post.pk not in views:
            views[post.pk] = selectors.post_view_for(self.context["user"], post, coordinates=self.context["coordinates"],
                                                     membership_ids=self.context["mine"])
        return views[post.pk]

    def get_is_mine(self, post) -> bool:
        return self._view(post).is_mine

    def get_title(self, post) -> str:
        """The thread's title, for its opening post; empty for a reply."""
        return self._view(post).title

    def get_body_html(self, post) -> str:
        """The text as escaped HTML paragraphs; parts a coordinator removed read "[removed by your coordinator]"."""
        return self._view(post).html

    def get_coordinator_note(self, post) -> str:
        """For the author of a returned post: what the coordinator asked to change."""
        return self._view(post).note

    def get_hidden(self, post) -> bool:
        """Coordinators and the author: a coordinator hid it from the members."""
        return bool(post.hidden_at)


class ThreadSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    space = serializers.IntegerField(source="space_id")
    author = SpaceMemberSerializer()
    pinned = serializers.BooleanField()
    locked = serializers.BooleanField()
    hidden = serializers.SerializerMethodField()
    deleted = serializers.SerializerMethodField()
    last_activity_at = serializers.DateTimeField(allow_null=True)

    def get_hidden(self, thread) -> bool:
        return bool(thread.hidden_at)

    def get_deleted(self, thread) -> bool:
        return bool(thread.deleted_at)


class ThreadListItemSerializer(ThreadSerializer):
    title = serializers.SerializerMethodField()
    reply_count = serializers.IntegerField(allow_null=True)

    def get_title(self, thread) -> str:
        return self.context["titles"].get(thread.pk, "")


class ThreadDetailSerializer(ThreadSerializer):
    posts = serializers.SerializerMethodField()

    @extend_schema_field(PostSerializer(many=True))
    def get_posts(self, thread) -> list[dict]:
        return PostSerializer([post for post, _view in self.context["page"]], many=True, context=self.context).data


def post_context(request, space) -> dict:
    """What PostSerializer needs: the caller, whether they coordinate the space's program, their memberships."""
    return {"user": request.user, "coordinates": may_moderate(request.user, space),
            "mine": selectors.membership_ids_of(request.user)}


def render_post(request, post: Post, *, status_code=status.HTTP_200_OK) -> Response:
    post = access_post(request.user, post.pk)
    return Response(PostSerializer(post, context=post_context(request, post.thread.space)).data, status=status_code)


def render_thread(request, thread: Thread, *, status_code=status.HTTP_200_OK) -> Response:
    thread = access_thread(request.user, thread.pk)
    context = post_context(request, thread.space)
    context["page"] = selectors.thread_page(request.user, thread, coordinates=context["coordinates"],
                                            page_number=request.query_params.get("page"))[1]
    return Response(ThreadDetailSerializer(thread, context=context).data, status=status_code)


# ---------------------------------------------------------------------------- spaces and threads


class SpaceListView(ApiListView):
    serializer_class = SpaceSerializer

    @extend_schema(operation_id="spaces_list", summary="The caller's peer spaces", tags=["spaces"],
                   responses={200: SpaceSerializer(many=True), **errors(404)})
    def get(self, request, *args, **kwargs):
        """List the spaces the caller belongs in (their role's, per program) or coordinates."""
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return services.spaces_of(self.request.user)


class _SpaceMembershipView(ApiView):
    leave = True

    def post(self, request, space_id: int):
        space = access_space(request.user, space_id)
        if self.leave:
            services.leave_space(request.user, space=space)
        else:
            services.rejoin_space(request.user, space=space)
        return Response(SpaceSerializer(space).data)


class SpaceLeaveView(_SpaceMembershipView):
    @extend_schema(operation_id="spaces_leave", summary="Leave a space", tags=["spaces"], request=None,
                   responses={200: SpaceSerializer, **errors(403, 404)})
    def post(self, request, space_id: int):
        """Stop seeing the space's threads and notices until you rejoin."""
        return super().post(request, space_id)


class SpaceRejoinView(_SpaceMembershipView):
    leave = False

    @extend_schema(operation_id="spaces_rejoin", summary="Join a space again", tags=["spaces"], request=None,
                   responses={200: SpaceSerializer, **errors(403, 404)})
    def post(self, request, space_id: int):
        """Come back to a space you left."""
        return super().post(request, space_id)


class ThreadListView(ApiListView):
    serializer_class = ThreadListItemSerializer

    @extend_schema_serializer(component_name="ThreadCreateInput")
    class CreateInputSerializer(serializers.Serializer):
        title = serializers.CharField(max_length=200, help_text="One line.")
        body = serializers.CharField(trim_whitespace=False, help_text="Plain text; nothing in it is read as markup.")

    @extend_schema(operation_id="spaces_threads_list", summary="A space's threads, pinned first", tags=["spaces"],
                   responses={200: ThreadListItemSerializer(many=True), **errors(404)})
    def get(self, request, *args, **kwargs):
        """List the threads the caller may see in the space (nothing once they left it)."""
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        user = self.request.user
        space = access_space(user, self.kwargs["space_id"])
        if not may_read(user, space):  # a member who left sees no threads until they rejoin
            return Thread.objects.none()
        return selectors.list_threads(user, space, coordinates=may_moderate(user, space))

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["titles"] = {}
        return context

    def get_serializer(self, *args, **kwargs):
        if args:
            threads = list(args[0])
            kwargs["context"] = {**self.get_serializer_context(),
                                 "titles": {t.pk: title for t, title in selectors.thread_rows(self.request.user, threads)}}
            return self.serializer_class(threads, **kwargs)
        return super().get_serializer(*args, **kwargs)

    @extend_schema(operation_id="spaces_threads_create", summary="Start a thread", tags=["spaces"],
                   request=CreateInputSerializer, responses={201: ThreadDetailSerializer, **errors(400, 403, 404)})
    def post(self, request, space_id: int):
        """Start a thread with its first post. In the mentees' space it waits for a coordinator; links are refused."""
        space = access_space(request.user, space_id)
        parser = self.CreateInputSerializer(data=request.data)
        parser.is_valid(raise_exception=True)
        thread = services.start_thread(request.user, space=space, **parser.validated_data)
        return render_thread(request, thread, status_code=status.HTTP_201_CREATED)


class ThreadDetailView(ApiView):
    @extend_schema(operation_id="threads_retrieve", summary="A thread with the posts the caller may read",
                   tags=["spaces"], responses={200: ThreadDetailSerializer, **errors(404)})
    def get(self, request, thread_id: int):
        """Return the thread and its posts, oldest first; held posts only for their author and coordinators."""
        return render_thread(request, access_thread(request.user, thread_id))


class SpaceReplyInputSerializer(serializers.Serializer):
    body = serializers.CharField(trim_whitespace=False, help_text="Plain text; nothing in it is read as markup.")


class ThreadReplyView(ApiView):
    @extend_schema(operation_id="threads_reply", summary="Reply in a thread", tags=["spaces"],
                   request=SpaceReplyInputSerializer, responses={201: PostSerializer, **errors(400, 403, 404, 409)})
    def post(self, request, thread_id: int):
        """Add a reply; moderated like the thread's first post."""
        thread = access_thread(request.user, thread_id)
        parser = SpaceReplyInputSerializer(data=request.data)
        parser.is_valid(raise_exception=True)
        post = services.reply_to_thread(request.user, thread=thread, body=parser.validated_data["body"])
        return render_post(request, post, status_code=status.HTTP_201_CREATED)


class ModerateInputSerializer(serializers.Serializer):
    reason = serializers.CharField(allow_blank=True, help_text="Required: kept in the program's audit log.")


class ThreadModerateView(ApiView):
    @extend_schema_serializer(component_name="ThreadModerateInput")
    class InputSerializer(ModerateInputSerializer):
        action = serializers.ChoiceField(choices=THREAD_ACTIONS)

    @extend_schema(operation_id="threads_moderate", summary="Pin, lock, hide or delete a thread (coordinators)",
                   tags=["spaces"], request=InputSerializer, responses={200: ThreadDetailSerializer, **errors(400, 403, 404, 409)})
    def post(self, request, thread_id: int):
        """Apply a coordinator's action with its reason; recorded in the program's audit log."""
        thread = access_thread(request.user, thread_id)
        parser = self.InputSerializer(data=request.data)
        parser.is_valid(raise_exception=True)
        action, reason = parser.validated_data["action"], parser.validated_data["reason"]
        if action in ("pin", "unpin"):
            services.set_thread_pinned(request.user, thread=thread, pinned=action == "pin", reason=reason)
        elif action in ("lock", "unlock"):
            services.set_thread_locked(request.user, thread=thread, locked=action == "lock", reason=reason)
        elif action in ("hide", "show"):
            services.set_thread_hidden(request.user, thread=thread, hidden=action == "hide", reason=reason)
        else:
            services.delete_thread(request.user, thread=thread, reason=reason)
        return render_thread(request, thread)


# ---------------------------------------------------------------------------- posts


class PostDetailView(ApiView):
    @extend_schema(operation_id="space_posts_retrieve", summary="Read one post", tags=["spaces"],
                   responses={200: PostSerializer, **errors(404)})
    def get(self, request, post_id: int):
        """Return a post the caller may read."""
        return render_post(request, access_post(request.user, post_id))


class PostResubmitView(ApiView):
    @extend_schema(operation_id="space_posts_resubmit", summary="Send a returned post again", tags=["spaces"],
                   request=SpaceReplyInputSerializer, responses={200: PostSerializer, **errors(400, 403, 404, 409)})
    def post(self, request, post_id: int):
        """Replace the text of your returned post and send it again (a first post: title on the first line)."""
        post = access_post(request.user, post_id)
        parser = SpaceReplyInputSerializer(data=request.data)
        parser.is_valid(raise_exception=True)
        return render_post(request, services.resubmit_post(request.user, post=post, body=parser.validated_data["body"]))


class PostReportInputSerializer(serializers.Serializer):
    reason = serializers.CharField(allow_blank=True, max_length=1000)


class ReportSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    post = serializers.IntegerField(source="post_id")
    thread = serializers.IntegerField(source="post.thread_id")
    reporter = serializers.CharField(source="reporter.pseudonym")
    reason = serializers.CharField()
    created_at = serializers.DateTimeField()
    closed_at = serializers.DateTimeField(allow_null=True)


class PostReportView(ApiView):
    @extend_schema(operation_id="space_posts_report", summary="Report a post to the coordinators", tags=["spaces"],
                   request=PostReportInputSerializer, responses={201: ReportSerializer, **errors(400, 403, 404, 409)})
    def post(self, request, post_id: int):
        """Report someone else's published post; the author is not told who reported it."""
        post = access_post(request.user, post_id)
        parser = PostReportInputSerializer(data=request.data)
        parser.is_valid(raise_exception=True)
        report = services.report_post(request.user, post=post, reason=parser.validated_data["reason"])
        return Response(ReportSerializer(report).data, status=status.HTTP_201_CREATED)


class PostModerateView(ApiView):
    @extend_schema_serializer(component_name="PostModerateInput")
    class InputSerializer(ModerateInputSerializer):
        action = serializers.ChoiceField(choices=POST_ACTIONS)

    @extend_schema(operation_id="space_posts_moderate", summary="Hide, show again or delete a post (coordinators)",
                   tags=["spaces"], request=InputSerializer, responses={200: PostSerializer, **errors(400, 403, 404, 409)})
    def post(self, request, post_id: int):
        """Apply a coordinator's action with its reason; recorded in the program's audit log."""
        post = access_post(request.user, post_id)
        parser = self.InputSerializer(data=request.data)
        parser.is_valid(raise_exception=True)
        action, reason = parser.validated_data["action"], parser.validated_data["reason"]
        if action == "delete":
            # A deleted post stays readable by coordinators, who alone may delete one.
            services.delete_post(request.user, post=post, reason=reason)
        else:
            services.set_post_hidden(request.user, post=post, hidden=action == "hide", reason=reason)
        return render_post(request, post)


# ---------------------------------------------------------------------------- review decisions


class PostApproveInputSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")
    redactions = serializers.ListField(
        child=serializers.ListField(child=serializers.IntegerField(min_value=0), min_length=2, max_length=2),
        required=False, default=list, help_text="[start, end] spans of the text that readers will not see.",
    )


class PostNoteInputSerializer(serializers.Serializer):
    note = serializers.CharField(allow_blank=True)


class PostReasonInputSerializer(serializers.Serializer):
    reason = serializers.CharField(allow_blank=True)


def _decision_view(operation_id: str, summary: str, input_serializer, call):
    """Make the API view of one review decision on a post; `call(user, post, data)` is the service call."""

    class DecisionView(ApiView):
        @extend_schema(operation_id=operation_id, summary=summary, tags=["review"], request=input_serializer,
                       responses={200: PostSerializer, **errors(400, 403, 404, 409)})
        def post(self, request, post_id: int):
            post = access_post(request.user, post_id)
            data = {}
            if input_serializer is not None:
                parser = input_serializer(data=request.data)
                parser.is_valid(raise_exception=True)
                data = parser.validated_data
            return render_post(request, call(request.user, post, data))

    DecisionView.__name__ = DecisionView.__qualname__ = "".join(part.title() for part in operation_id.split("_")) + "View"
    return DecisionView


PostApproveView = _decision_view(
    "space_posts_approve", "Approve and publish a post (coordinators)", PostApproveInputSerializer,
    lambda user, post, data: services.approve_post(user, post=post, note=data["note"],
                                                   redactions=[tuple(span) for span in data["redactions"]]),
)
PostRequestChangesView = _decision_view(
    "space_posts_request_changes", "Return a post to its author (coordinators)", PostNoteInputSerializer,
    lambda user, post, data: services.return_post(user, post=post, note=data["note"]),
)
PostWithholdView = _decision_view(
    "space_posts_withhold", "Withhold a post for good (coordinators)", PostReasonInputSerializer,
    lambda user, post, data: services.withhold_post(user, post=post, reason=data["reason"]),
)
PostClaimView = _decision_view(
    "space_posts_claim", "Start reviewing a post (coordinators)", None,
    lambda user, post, data: services.claim_post(user, post=post),
)
PostReleaseView = _decision_view(
    "space_posts_release", "Release your claim on a post (coordinators)", None,
    lambda user, post, data: services.release_post_claim(user, post=post),
)


class PostQueueView(ApiListView):
    @extend_schema_serializer(component_name="ReviewQueuePost")
    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        thread = serializers.IntegerField(source="thread_id")
        space = serializers.IntegerField(source="thread.space_id")
        author = SpaceMemberSerializer()
        submitted_at = serializers.DateTimeField()
        has_findings = serializers.BooleanField()
        has_urgent = serializers.BooleanField()
        claim_holder = serializers.CharField(allow_null=True)

    serializer_class = OutputSerializer

    @extend_schema(operation_id="programs_review_queue_posts", summary="Posts waiting for review (coordinators)",
                   tags=["review"], responses={200: OutputSerializer(many=True), **errors(403, 404)})
    def get(self, request, *args, **kwargs):
        """The review queue's posts: urgent first, then the longest waiting. Decide on the review page or here."""
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        program = access_program(self.request.user, self.kwargs["program_id"])
        require_coordinator(self.request.user, program)
        return selectors.list_post_review_queue(program)


class ReportListView(ApiListView):
    serializer_class = ReportSerializer

    @extend_schema(operation_id="programs_space_reports", summary="Open reports on posts (coordinators)",
                   tags=["spaces"], responses={200: ReportSerializer(many=True), **errors(403, 404)})
    def get(self, request, *args, **kwargs):
        """The program's open reports, oldest first."""
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        program = access_program(self.request.user, self.kwargs["program_id"])
        require_coordinator(self.request.user, program)
        return selectors.list_open_reports(program)


class ReportCloseView(ApiView):
    @extend_schema(operation_id="space_reports_close", summary="Close a report: nothing to do (coordinators)",
                   tags=["spaces"], request=None, responses={200: ReportSerializer, **errors(404)})
    def post(self, request, report_id: int):
        """Close a report without acting on its post."""
        report = services.close_report(request.user, report=access_report(request.user, report_id))
        return Response(ReportSerializer(report).data)

