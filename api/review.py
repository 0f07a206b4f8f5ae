"""Review in bulk and the records of review: the audit log (coordinators) and a letter's history.

Views only: letters.services.bulk_approve_letters decides which letters are safe to
deliver unread; programs.permissions.require_coordinator guards the audit log (its
selector trusts the caller), and letters.selectors.list_letter_history shapes a letter's
history by who asks.
"""

from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers
from rest_framework.response import Response

from api.base import ApiListView, ApiView, IdField, errors
from letters import services
from letters.access import access_letter
from letters.models import LetterStatus, ReviewAuditEntry
from letters.selectors import list_letter_history, list_review_audit
from programs.access import access_pair, access_program
from programs.permissions import require_coordinator

#: The most letters one bulk approval takes (a full page of the review queue).
BULK_LIMIT = 200


class BulkApproveView(ApiView):
    @extend_schema_serializer(component_name="BulkApproveInput")
    class InputSerializer(serializers.Serializer):
        letters = serializers.ListField(child=IdField(), min_length=1, max_length=BULK_LIMIT,
                                        help_text="Ids of letters in the program's review queue.")

    @extend_schema_serializer(component_name="BulkApproveResult")
    class OutputSerializer(serializers.Serializer):
        approved = serializers.ListField(child=serializers.IntegerField(), help_text="Delivered now.")
        skipped = serializers.ListField(
            child=serializers.IntegerField(),
            help_text="Not delivered: they have findings, another coordinator holds them, they were decided "
                      "already, or they are not in this program's queue. Review them one by one.",
        )

    @extend_schema(operation_id="programs_review_queue_bulk_approve",
                   summary="Approve several letters without findings at once (coordinators)", tags=["review"],
                   request=InputSerializer, responses={200: OutputSerializer, **errors(400, 403, 404)})
    def post(self, request, program_id: int):
        """Deliver those of the given letters that are safe to approve unread; list the rest as skipped."""
        program = access_program(request.user, program_id)
        parser = self.InputSerializer(data=request.data)
        parser.is_valid(raise_exception=True)
        wanted = sorted(set(parser.validated_data["letters"]))
        approved = services.bulk_approve_letters(request.user, program=program, letter_ids=wanted)
        approved_ids = {letter.pk for letter in approved}
        skipped = [pk for pk in wanted if pk not in approved_ids]
        return Response(self.OutputSerializer({"approved": sorted(approved_ids), "skipped": skipped}).data)


class AuditEntrySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    letter = serializers.IntegerField(source="letter_id")
    action = serializers.ChoiceField(choices=ReviewAuditEntry.Action.choices)
    action_label = serializers.CharField(source="get_action_display")
    actor = serializers.CharField(source="actor_pseudonym", allow_null=True,
                                  help_text="The coordinator's pseudonym; null for an operator or a removed account.")
    at = serializers.DateTimeField()
    detail = serializers.CharField(help_text="The note, reason or removed positions, as recorded.")


class _AuditListView(ApiListView):
    """The review audit log of one object, oldest first, for its program's coordinators."""

    serializer_class = AuditEntrySerializer

    def audited(self, user) -> dict:
        """Return the keyword (`letter` or `pair`) naming what to read the log of, fetched for `user`."""
        raise NotImplementedError

    def get_queryset(self):
        user = self.request.user
        target = self.audited(user)
        (audited,) = target.values()
        program = audited.program if "pair" in target else audited.pair.program
        require_coordinator(user, program)
        return list_review_audit(user, **target)


class LetterAuditView(_AuditListView):
    @extend_schema(operation_id="letters_review_audit", summary="A letter's review audit log (coordinators)",
                   tags=["review"], responses={200: AuditEntrySerializer(many=True), **errors(403, 404)})
    def get(self, request, *args, **kwargs):
        """List who opened, claimed, released and decided the letter, and when."""
        return super().get(request, *args, **kwargs)

    def audited(self, user):
        return {"letter": access_letter(user, self.kwargs["letter_id"])}


class PairAuditView(_AuditListView):
    @extend_schema(operation_id="pairs_review_audit", summary="The review audit log of a pair's letters (coordinators)",
                   tags=["review"], responses={200: AuditEntrySerializer(many=True), **errors(403, 404)})
    def get(self, request, *args, **kwargs):
        """List the review actions on every letter of the pair, oldest first."""
        return super().get(request, *args, **kwargs)

    def audited(self, user):
        return {"pair": access_pair(user, self.kwargs["pair_id"])}


class LetterEventSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    from_status = serializers.ChoiceField(choices=LetterStatus.choices)
    to_status = serializers.ChoiceField(choices=LetterStatus.choices)
    to_status_label = serializers.CharField(source="get_to_status_display")
    actor = serializers.CharField(source="actor_pseudonym", allow_null=True,
                                  help_text="Pseudonym of who made the change; null for the system or an operator.")
    note = serializers.CharField(source="visible_note",
                                 help_text="The note kept with the change; for the author only notes meant for them.")
    at = serializers.DateTimeField(source="created_at")


class LetterHistoryView(ApiListView):
    serializer_class = LetterEventSerializer

    @extend_schema(operation_id="letters_history", summary="A letter's history", tags=["letters"],
                   responses={200: LetterEventSerializer(many=True), **errors(403, 404)})
    def get(self, request, *args, **kwargs):
        """List every change of the letter's status, oldest first.

        Coordinators see every note; the author sees the notes written to them (what to
        change, why parts were removed) but not, for example, why a letter was withheld.
        Recipients get 403.
        """
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        user = self.request.user
        return list_letter_history(user, access_letter(user, self.kwargs["letter_id"]))
