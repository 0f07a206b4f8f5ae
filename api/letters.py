"""Letters: list, read, write drafts, submit, mark read; and the coordinators' review decisions.

Every id, in the path or in the body, is fetched through an access_* helper, so an
object the caller may not see answers 404; every write is a letters.services call.
"""

from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_serializer
from rest_framework import serializers, status
from rest_framework.response import Response

from api.base import ApiListView, ApiView, IdField, coordinates, errors, serializer_context
from letters import services
from letters.access import access_letter
from letters.deadlines import reply_due_for
from letters.models import Letter, LetterStatus
from letters.selectors import draft_version, list_review_queue
from letters.viewing import letter_view_for, with_view_data
from programs.access import access_pair, access_program
from programs.models import Membership
from programs.permissions import require_coordinator
from readings.access import access_assignment


#: What a letter's `body` is, for the API's input fields.
BODY_HELP = (
    "Plain text, kept exactly as written: nothing in it is read as markup (\"<\", \">\" and \"&\" stay as "
    "typed, and are escaped in `body_html`). A blank line starts a paragraph."
)


def with_change_requests(letters):
    """Select each letter's people and prefetch what letters.viewing reads (one query each for a page)."""
    return with_view_data(letters.select_related("author", "pair__program", "pair__mentor", "pair__mentee"))


def body_for(user, letter: Letter, *, coordinates: bool | None = None) -> str:
    """Return the letter's HTML as `user` may read it (letters.viewing decides)."""
    return letter_view_for(user, letter, coordinates=coordinates).body_html


class AuthorSerializer(serializers.Serializer):
    membership_id = serializers.IntegerField(source="pk")
    pseudonym = serializers.CharField()
    role = serializers.ChoiceField(choices=Membership.Role.choices)


class LetterOutputSerializer(serializers.Serializer):
    """A letter as the caller may see it. Needs `request` and `coordinated` in the context."""

    id = serializers.IntegerField()
    pair = serializers.IntegerField(source="pair_id")
    author = AuthorSerializer()
    is_mine = serializers.SerializerMethodField()
    assignment = serializers.IntegerField(source="assignment_id", allow_null=True)
    in_reply_to = serializers.IntegerField(source="in_reply_to_id", allow_null=True)
    status = serializers.ChoiceField(choices=LetterStatus.choices)
    status_label = serializers.CharField(source="get_status_display", help_text="Plain-language status.")
    is_late = serializers.BooleanField()
    body_html = serializers.SerializerMethodField()
    body_text = serializers.SerializerMethodField()
    version = serializers.SerializerMethodField()
    coordinator_note = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    delivered_at = serializers.DateTimeField(allow_null=True)
    read_at = serializers.DateTimeField(allow_null=True)
    reply_due_at = serializers.SerializerMethodField()
    claimed_until = serializers.SerializerMethodField()

    def _user(self):
        return self.context["request"].user

    @extend_schema_field(serializers.BooleanField(help_text="True if the caller wrote it."))
    def get_is_mine(self, letter):
        return letter.author.user_id == self._user().pk

    @extend_schema_field(serializers.CharField(
        help_text="The letter as HTML paragraphs, every character of its text escaped. For the recipient, parts "
                  "a coordinator removed read \"[removed by your coordinator]\"; for the author and coordinators "
                  "they are marked as removed.",
    ))
    def get_body_html(self, letter):
        return self._view(letter).body_html

    def _view(self, letter):
        """Return (once per letter) what the caller sees of it: letters.viewing decides."""
        views = self.context.setdefault("letter_views", {})
        if letter.pk not in views:
            views[letter.pk] = letter_view_for(
                self._user(), letter, coordinates=coordinates(self.context["coordinated"], letter.pair.program_id)
            )
        return views[letter.pk]

    @extend_schema_field(serializers.CharField(
        help_text="The letter's plain text exactly as its author typed it (line endings as \\n); for the "
                  "recipient, with removed parts replaced by \"[removed by your coordinator]\".",
    ))
    def get_body_text(self, letter):
        return self._view(letter).body_text

    @extend_schema_field(serializers.CharField(
        help_text="Changes each time the letter is saved. Send it back (field `version` or header If-Match) "
                  "when saving or submitting a draft, so a newer save from elsewhere is never overwritten.",
    ))
    def get_version(self, letter):
        return draft_version(letter)

    @extend_schema_field(serializers.CharField(
        allow_null=True,
        help_text="While the letter is returned: the coordinator's note saying what to change "
                  "(for the author and coordinators; null otherwise).",
    ))
    def get_coordinator_note(self, letter):
        return self._view(letter).change_request_note or None

    @extend_schema_field(serializers.DateTimeField(
        allow_null=True, help_text="For a delivered mentee letter: when the mentor's reply is due.",
    ))
    def get_reply_due_at(self, letter):
        return reply_due_for(letter)

    @extend_schema_field(serializers.DateTimeField(
        allow_null=True,
        help_text="Coordinators only: until when a coordinator holds this letter in review (claim).",
    ))
    def get_claimed_until(self, letter):
        if not coordinates(self.context["coordinated"], letter.pair.program_id):
            return None
        if letter.claimed_until is None or letter.claimed_until <= timezone.now():
            return None
        return letter.claimed_until



def render_letter(request, letter: Letter, *, status_code: int = status.HTTP_200_OK) -> Response:
    """Answer with `letter` re-read as the caller sees it now (after a service changed it).

    The ETag header carries its `version`, for an If-Match on the next save.
    """
    letter = with_change_requests(Letter.objects.visible_to(request.user).filter(pk=letter.pk)).get()
    response = Response(LetterOutputSerializer(letter, context=serializer_context(request)).data, status=status_code)
    response["ETag"] = f'"{draft_version(letter)}"'
    return response


VERSION_HELP = (
    "The `version` of the letter this text replaces (or send it as the If-Match header). If the letter was "
    "saved since (another app, tab or device), nothing is saved and the answer is 409 `conflict`: read the "
    "letter again and let its author choose. Without it, the text is saved whatever changed."
)


def expected_version(request, data: dict) -> str | None:
    """Return the version the client says its text replaces: the `version` field, else If-Match."""
    return data.get("version") or request.headers.get("If-Match") or None


# ---------------------------------------------------------------------------- letters and drafts


class LetterListView(ApiListView):
    """GET lists the letters the caller may see; POST starts a draft."""

    class FilterSerializer(serializers.Serializer):
        program = IdField(required=False)
        pair = IdField(required=False)
        assignment = IdField(required=False)
        status = serializers.ChoiceField(choices=LetterStatus.choices, required=False)
        mine = serializers.BooleanField(required=False, allow_null=True, default=None,
                                        help_text="true: only letters the caller wrote; false: only letters to them.")
        submitted_before = serializers.DateTimeField(
            required=False, help_text="Waiting since: only letters submitted before this moment."
        )
        submitted_after = serializers.DateTimeField(required=False)

    @extend_schema_serializer(component_name="LetterCreateInput")
    class CreateInputSerializer(serializers.Serializer):
        pair = IdField()
        body = serializers.CharField(allow_blank=True, trim_whitespace=False, help_text=BODY_HELP)
        assignment = IdField(required=False, allow_null=True,
                                              help_text="The assignment the letter is about.")
        in_reply_to = IdField(required=False, allow_null=True,
                                               help_text="A delivered letter from the partner that this answers.")

    @extend_schema(operation_id="letters_create", summary="Start a draft", tags=["letters"],
                   request=CreateInputSerializer, responses={201: LetterOutputSerializer, **errors(400, 403, 404, 409)})
    def post(self, request):
        """Create a draft in one of the caller's pairs. Nobody else sees it until it is submitted."""
        parser = self.CreateInputSerializer(data=request.data)
        parser.is_valid(raise_exception=True)
        data, user = parser.validated_data, request.user
        letter = services.save_draft(
            user,
            pair=access_pair(user, data["pair"]),
            body=data["body"],
            assignment=access_assignment(user, data["assignment"]) if data.get("assignment") else None,
            in_reply_to=access_letter(user, data["in_reply_to"]) if data.get("in_reply_to") else None,
        )
        return render_letter(request, letter, status_code=status.HTTP_201_CREATED)

    serializer_class = LetterOutputSerializer
    filter_serializer_class = FilterSerializer

    @extend_schema(operation_id="letters_list", summary="List letters", tags=["letters"],
                   parameters=[FilterSerializer],
                   responses={200: LetterOutputSerializer(many=True), **errors(400, 404)})
    def get(self, request, *args, **kwargs):
        """List the letters the caller may see, oldest first.

        Authors see their own letters in every state, recipients delivered ones,
        coordinators every submitted letter of their programs; nobody sees another's draft.
        """
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        user = self.request.user
        letters = Letter.objects.visible_to(user)
        filters = self.get_filters()
        if "program" in filters:
            letters = letters.filter(pair__program=access_program(user, filters["program"]))
        if "pair" in filters:
            letters = letters.filter(pair=access_pair(user, filters["pair"]))
        if "assignment" in filters:
            letters = letters.filter(assignment=access_assignment(user, filters["assignment"]))
        if "status" in filters:
            letters = letters.filter(status=filters["status"])
        if filters.get("mine") is not None:
            letters = letters.filter(author__user=user) if filters["mine"] else letters.exclude(author__user=user)
        if "submitted_before" in filters:
            letters = letters.filter(submitted_at__lt=filters["submitted_before"])
        if "submitted_after" in filters:
            letters = letters.filter(submitted_at__gte=filters["submitted_after"])
        return with_change_requests(letters).order_by("created_at", "pk")


class ReviewQueueView(ApiListView):
    @extend_schema_serializer(component_name="ReviewQueueLetter")
    class OutputSerializer(LetterOutputSerializer):
        has_findings = serializers.BooleanField(help_text="Screening found something to check.")
        has_urgent = serializers.BooleanField(help_text="Screening found a possible safeguarding concern.")
        review_due = serializers.DateTimeField(help_text="When a coordinator should have decided.")
        is_overdue = serializers.BooleanField()
        claim_holder = serializers.CharField(allow_null=True, help_text="Pseudonym of the coordinator holding it, if any.")

    serializer_class = OutputSerializer

    @extend_schema(operation_id="programs_review_queue", summary="The program's review queue (coordinators)",
                   tags=["review"], responses={200: OutputSerializer(many=True), **errors(403, 404)})
    def get(self, request, *args, **kwargs):
        """List the program's letters waiting for a coordinator: urgent first, then longest-waiting."""
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        user = self.request.user
        program = access_program(user, self.kwargs["program_id"])
        require_coordinator(user, program)
        return with_change_requests(list_review_queue(user, program))


class LetterDetailView(ApiView):
    @extend_schema_serializer(component_name="LetterUpdateInput")
    class UpdateInputSerializer(serializers.Serializer):
        body = serializers.CharField(allow_blank=True, trim_whitespace=False, help_text=BODY_HELP)
        version = serializers.CharField(required=False, allow_blank=True, max_length=40, help_text=VERSION_HELP)

    @extend_schema(operation_id="letters_retrieve", summary="Read one letter", tags=["letters"],
                   responses={200: LetterOutputSerializer, **errors(404)})
    def get(self, request, letter_id: int):
        """Return a letter the caller may see. Reading does not mark it read: POST …/read/ does."""
        letter = access_letter(request.user, letter_id)
        return render_letter(request, letter)

    @extend_schema(operation_id="letters_update", summary="Save a draft's text", tags=["letters"],
                   request=UpdateInputSerializer, responses={200: LetterOutputSerializer, **errors(400, 403, 404, 409)})
    def patch(self, request, letter_id: int):
        """Replace the text of the caller's draft (or returned letter). Length limits apply on submit.

        With `version` (or If-Match), a letter saved elsewhere since is not overwritten: 409.
        """
        letter = access_letter(request.user, letter_id)
        parser = self.UpdateInputSerializer(data=request.data)
        parser.is_valid(raise_exception=True)
        data = parser.validated_data
        letter = services.save_draft(
            request.user, letter=letter, body=data["body"], expected_version=expected_version(request, data)
        )
        return render_letter(request, letter)


# ---------------------------------------------------------------------------- actions


class _LetterActionView(ApiView):
    """POST an action on a letter; answer with the letter as the caller sees it afterwards."""

    input_serializer_class: type[serializers.Serializer] | None = None

    def act(self, request, letter: Letter, data: dict) -> Letter:
        raise NotImplementedError

    def post(self, request, letter_id: int):
        letter = access_letter(request.user, letter_id)
        data = {}
        if self.input_serializer_class is not None:
            parser = self.input_serializer_class(data=request.data)
            parser.is_valid(raise_exception=True)
            data = parser.validated_data
        letter = self.act(request, letter, data)
        return render_letter(request, letter)


_ACTION_RESPONSES = {200: LetterOutputSerializer, **errors(400, 403, 404, 409)}


class SubmitInputSerializer(serializers.Serializer):
    body = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False,
                                 help_text="If given, saved first (and kept even if the letter is refused). " + BODY_HELP)
    version = serializers.CharField(required=False, allow_blank=True, max_length=40, help_text=VERSION_HELP)


class LetterSubmitView(_LetterActionView):
    input_serializer_class = SubmitInputSerializer

    @extend_schema(operation_id="letters_submit", summary="Send a draft to the coordinator", tags=["letters"],
                   request=SubmitInputSerializer, responses=_ACTION_RESPONSES)
    def post(self, request, letter_id: int):
        """Submit the caller's draft (or returned letter) for review."""
        return super().post(request, letter_id)

    def act(self, request, letter, data):
        return services.submit_letter(
            request.user, letter=letter, body=data.get("body"), expected_version=expected_version(request, data)
        )


class LetterReadView(_LetterActionView):
    @extend_schema(operation_id="letters_mark_read", summary="Mark a delivered letter as read", tags=["letters"],
                   request=None, responses=_ACTION_RESPONSES)
    def post(self, request, letter_id: int):
        """Record that the recipient opened the letter; doing it again changes nothing."""
        return super().post(request, letter_id)

    def act(self, request, letter, data):
        return services.mark_read(request.user, letter=letter)


class ApproveInputSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000,
                                 help_text="Kept in the letter's history; the recipient does not see it.")
    redactions = serializers.ListField(
        child=serializers.ListField(child=serializers.IntegerField(min_value=0, max_value=10**9), min_length=2,
                                    max_length=2),
        required=False, default=list, max_length=500,
        help_text="Parts to remove, as [start, end) character positions in the letter's plain text; "
                  "the recipient sees \"[removed by your coordinator]\" instead.",
    )


class RequestChangesInputSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=2000, help_text="Tells the author what to change.")


class WithholdInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, help_text="Kept in the letter's history; never shown to the pair.")
    pause_pair = serializers.BooleanField(required=False, default=False, help_text="Also pause the pair.")


class LetterApproveView(_LetterActionView):
    input_serializer_class = ApproveInputSerializer

    @extend_schema(operation_id="letters_approve", summary="Approve and deliver a letter (coordinators)",
                   tags=["review"], request=ApproveInputSerializer, responses=_ACTION_RESPONSES)
    def post(self, request, letter_id: int):
        """Deliver a letter in review to its recipient, optionally with parts removed.

        Refused with 409 while another coordinator holds a claim on it, and with 400 for a
        letter with screening findings (`has_findings` in the review queue): those are
        decided on the review page, which shows the findings in the text (docs/moderation.md).
        Asking for changes and withholding work for every letter.
        """
        return super().post(request, letter_id)

    def act(self, request, letter, data):
        return services.approve_letter(
            request.user, letter=letter, note=data["note"], redactions=[tuple(span) for span in data["redactions"]],
        )


class LetterRequestChangesView(_LetterActionView):
    input_serializer_class = RequestChangesInputSerializer

    @extend_schema(operation_id="letters_request_changes", summary="Return a letter to its author (coordinators)",
                   tags=["review"], request=RequestChangesInputSerializer, responses=_ACTION_RESPONSES)
    def post(self, request, letter_id: int):
        """Send a letter in review back to its author with a note saying what to change."""
        return super().post(request, letter_id)

    def act(self, request, letter, data):
        return services.request_changes(request.user, letter=letter, note=data["note"])


class LetterWithholdView(_LetterActionView):
    input_serializer_class = WithholdInputSerializer

    @extend_schema(operation_id="letters_withhold", summary="Withhold a letter for good (coordinators)",
                   tags=["review"], request=WithholdInputSerializer, responses=_ACTION_RESPONSES)
    def post(self, request, letter_id: int):
        """Keep a letter in review from ever being delivered; optionally pause its pair."""
        return super().post(request, letter_id)

    def act(self, request, letter, data):
        return services.withhold_letter(request.user, letter=letter, reason=data["reason"], pause_pair=data["pause_pair"])


class LetterClaimView(_LetterActionView):
    @extend_schema(operation_id="letters_claim", summary="Claim a letter in review (coordinators)", tags=["review"],
                   request=None, responses=_ACTION_RESPONSES)
    def post(self, request, letter_id: int):
        """Reserve the letter for the caller for a while, so two coordinators do not read it at once.

        409 if another coordinator holds a live claim; claiming again extends the caller's own.
        """
        return super().post(request, letter_id)

    def act(self, request, letter, data):
        return services.claim_letter(request.user, letter=letter)


class LetterReleaseView(_LetterActionView):
    @extend_schema(operation_id="letters_release", summary="Release a claim (coordinators)", tags=["review"],
                   request=None, responses=_ACTION_RESPONSES)
    def post(self, request, letter_id: int):
        """Give up the caller's claim so another coordinator can take the letter; harmless if not held."""
        return super().post(request, letter_id)

    def act(self, request, letter, data):
        return services.release_claim(request.user, letter=letter)
