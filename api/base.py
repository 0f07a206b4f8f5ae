"""What every API view shares: the caller's language, list filters and schema helpers.

Views are thin (HackSoft style): an InputSerializer parses, an access_* helper fetches
by id, a service writes or a selector reads, an OutputSerializer renders.
"""

from django.utils import translation
from drf_spectacular.utils import OpenApiResponse
from rest_framework import generics, serializers
from rest_framework.views import APIView

from api.errors import ErrorSerializer
from programs.models import Program

# ---------------------------------------------------------------------------- language


def use_language_of(user) -> None:
    """Answer in `user`'s own language when they chose one; else keep Accept-Language.

    LocaleMiddleware runs before token authentication, so it can only go by the
    Accept-Language header; once the caller is known, their saved choice wins.
    """
    language = getattr(user, "language", "")
    if language:
        translation.activate(language)


class UserLanguageMixin:
    def perform_authentication(self, request):
        super().perform_authentication(request)
        use_language_of(request.user)


class ApiView(UserLanguageMixin, APIView):
    """Base for single-object and action endpoints."""


class ApiListView(UserLanguageMixin, generics.ListAPIView):
    """Base for paginated lists. Subclasses set `serializer_class` and define `get_queryset`.

    `filter_serializer_class`, if set, parses the query string; `self.filters` holds the result.
    """

    filter_serializer_class = None

    def get_serializer_context(self):
        return {**super().get_serializer_context(), **serializer_context(self.request)}

    def get_filters(self) -> dict:
        if self.filter_serializer_class is None:
            return {}
        parser = self.filter_serializer_class(data=self.request.query_params)
        parser.is_valid(raise_exception=True)
        return parser.validated_data


# ---------------------------------------------------------------------------- ids

#: The largest id a 64-bit primary key can hold; a bigger number is refused as input
#: instead of overflowing in the database driver.
MAX_ID = 2**63 - 1


class IdField(serializers.IntegerField):
    """An object id in a query string or request body: a positive 64-bit integer."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)


class IdConverter:
    """Path converter `<id:...>`: up to 18 digits, so every match fits a 64-bit key.

    A longer number, or a negative one, does not match the route and gets the API's
    JSON 404 (api.urls) rather than an error from the database driver.
    """

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(value)


# ---------------------------------------------------------------------------- helpers


def coordinated_program_ids(user) -> set[int] | None:
    """Return the ids of the programs `user` coordinates, or None meaning "every program".

    Computed once per request so that lists can tell coordinator-only fields apart
    without a query per row.
    """
    if user.is_superuser:
        return None
    return set(Program.objects.coordinated_by(user).values_list("pk", flat=True))


def serializer_context(request) -> dict:
    """Return what the output serializers need to tell coordinator-only fields apart."""
    return {"request": request, "coordinated": coordinated_program_ids(request.user)}


def coordinates(coordinated: set[int] | None, program_id: int) -> bool:
    """Return True if `program_id` is among `coordinated` (None means all, for operators)."""
    return coordinated is None or program_id in coordinated


_ERROR_DESCRIPTIONS = {
    400: "The input is not valid; `fields` says which field and why.",
    401: "No valid session or token was sent.",
    403: "The caller may see the object but their role does not allow this action.",
    404: "No such object, or one the caller may not see.",
    409: "The object is no longer in a state that allows this action (someone acted first).",
    429: "Too many requests; retry after the number of seconds in Retry-After.",
}


def errors(*codes: int) -> dict[int, OpenApiResponse]:
    """Return OpenAPI response entries for `codes` (plus 401 and 429, which any call can get)."""
    return {
        code: OpenApiResponse(response=ErrorSerializer, description=_ERROR_DESCRIPTIONS[code])
        for code in sorted({401, 429, *codes})
    }
