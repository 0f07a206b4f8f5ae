"""The caller: who they are, their memberships, and their API token."""

from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.response import Response

from api.base import ApiView, errors
from programs.models import Membership
from programs.services import create_api_token, revoke_api_token


class ProgramRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    slug = serializers.CharField()


class MembershipSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    program = ProgramRefSerializer()
    role = serializers.ChoiceField(choices=Membership.Role.choices)
    pseudonym = serializers.CharField(help_text="How others in the program know this person.")


class MeView(ApiView):
    @extend_schema_serializer(component_name="Me")
    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField(source="user.pk")
        username = serializers.CharField(source="user.username")
        language = serializers.CharField(source="user.language", help_text="Empty: each program's language is used.")
        time_zone = serializers.CharField(source="user.time_zone", help_text="Empty: each program's time zone is used.")
        is_operator = serializers.BooleanField(source="user.is_superuser")
        memberships = MembershipSerializer(many=True)

    @extend_schema(
        operation_id="me_retrieve", summary="The caller's account and memberships", tags=["me"],
        responses={200: OutputSerializer, **errors()},
    )
    def get(self, request):
        """Return the caller's account (never an e-mail address) and their active memberships."""
        memberships = (
            Membership.objects.active().filter(user=request.user).select_related("program").order_by("program__name", "pk")
        )
        return Response(self.OutputSerializer({"user": request.user, "memberships": memberships}).data)


class TokenView(ApiView):
    """The caller's API token: one per person; creating a new one revokes the old one."""

    @extend_schema_serializer(component_name="TokenStatus")
    class StatusSerializer(serializers.Serializer):
        exists = serializers.BooleanField()
        created = serializers.DateTimeField(allow_null=True)

    @extend_schema_serializer(component_name="TokenCreated")
    class CreatedSerializer(serializers.Serializer):
        key = serializers.CharField(help_text="Send as `Authorization: Token <key>`. Shown only this once.")
        created = serializers.DateTimeField()

    @extend_schema(
        operation_id="me_token_retrieve", summary="Whether the caller has an API token", tags=["me"],
        responses={200: StatusSerializer, **errors()},
    )
    def get(self, request):
        """Say whether the caller has a token and since when; the key itself is never shown again."""
        token = Token.objects.filter(user=request.user).first()
        return Response(self.StatusSerializer({"exists": token is not None, "created": token and token.created}).data)

    @extend_schema(
        operation_id="me_token_create", summary="Create (or replace) the caller's API token", tags=["me"],
        request=None, responses={201: CreatedSerializer, **errors(403)},
    )
    def post(self, request):
        """Create a new token, revoking any previous one, and return its key once."""
        token = create_api_token(request.user)
        return Response(self.CreatedSerializer(token).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        operation_id="me_token_destroy", summary="Revoke the caller's API token", tags=["me"],
        request=None, responses={204: None, **errors(403)},
    )
    def delete(self, request):
        """Revoke the token; integrations using it get 401 from now on."""
        revoke_api_token(request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
