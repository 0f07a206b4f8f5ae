"""The caller: who they are, their memberships, and their API token."""

from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers, status
from rest_framework.response import Response

from api.base import ApiView, errors
from apitokens.models import ApiToken
from programs.accounts import create_api_token, revoke_api_token
from programs.models import Membership


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


def _session_passed_second_factor(request) -> bool:
    """Return True if the request came with a browser session that passed the second factor.

    A request signed with an API token never counts: a token cannot vouch for a new token.
    """
    if request.auth is not None:
        return False
    is_verified = getattr(request.user, "is_verified", None)
    return bool(is_verified and is_verified())


class TokenView(ApiView):
    """The caller's API token: one per person; creating a new one revokes the old one."""

    @extend_schema_serializer(component_name="TokenStatus")
    class StatusSerializer(serializers.Serializer):
        exists = serializers.BooleanField()
        prefix = serializers.CharField(allow_null=True, help_text="The first characters of the key, to recognise it.")
        created = serializers.DateTimeField(allow_null=True)
        last_used = serializers.DateTimeField(allow_null=True, help_text="Within five minutes.")

    @extend_schema_serializer(component_name="TokenCreated")
    class CreatedSerializer(serializers.Serializer):
        key = serializers.CharField(help_text="Send as `Authorization: Token <key>`. Shown only this once: Brevven keeps only its hash.")
        prefix = serializers.CharField()
        created = serializers.DateTimeField()

    @extend_schema(
        operation_id="me_token_retrieve", summary="Whether the caller has an API token", tags=["me"],
        responses={200: StatusSerializer, **errors()},
    )
    def get(self, request):
        """Say whether the caller has a token, its prefix and since when; the key itself is never shown again."""
        token = ApiToken.objects.filter(user=request.user).first()
        return Response(self.StatusSerializer({
            "exists": token is not None, "prefix": token and token.prefix, "created": token and token.created_at,
            "last_used": token and token.last_used_at,
        }).data)

    @extend_schema(
        operation_id="me_token_create", summary="Create (or replace) the caller's API token", tags=["me"],
        description="Create a new token, revoking any previous one, and return its key once. Coordinators and "
                    "operators (anyone who signs in with a second step) can do this only with a browser session "
                    "that passed the second step, never with a token.",
        request=None, responses={201: CreatedSerializer, **errors(403)},
    )
    def post(self, request):
        """Create a new token, revoking any previous one, and return its key once."""
        token, key = create_api_token(request.user, second_factor_verified=_session_passed_second_factor(request))
        return Response(self.CreatedSerializer({"key": key, "prefix": token.prefix, "created": token.created_at}).data,
                        status=status.HTTP_201_CREATED)

    @extend_schema(
        operation_id="me_token_destroy", summary="Revoke the caller's API token", tags=["me"],
        request=None, responses={204: None, **errors(403)},
    )
    def delete(self, request):
        """Revoke the token; integrations using it get 401 from now on."""
        revoke_api_token(request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
