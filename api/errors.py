"""One error format for the whole API, and the one exception handler that produces it.

Every error answers with

    {"error": {"code": "not_found", "message": "No such letter.", "fields": {}}}

`code` is a stable machine-readable word, `message` a sentence in the caller's language
that says what to do, and `fields` maps an input field to its messages (empty when the
problem is not about one field). The handler maps the domain's exceptions to HTTP:

| exception                                        | status |
| ------------------------------------------------ | ------ |
| ValidationError (Django's, from services; DRF's)  | 400    |
| NotAuthenticated / AuthenticationFailed           | 401    |
| PermissionDenied (Django's or DRF's)              | 403    |
| Http404 (access_* helpers), NotFound              | 404    |
| programs.exceptions.StateConflict                 | 409    |
| Throttled                                         | 429    |

StateConflict is a ValidationError subclass, so it is checked first.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import set_rollback

from programs.exceptions import StateConflict, error_messages

#: Django keys a form-wide message with this; the API reports those in `message`, not `fields`.
NON_FIELD_KEYS = ("__all__", "non_field_errors")


class ErrorDetailSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="A stable word for the kind of error, e.g. `invalid`, `not_found`, `conflict`.")
    message = serializers.CharField(help_text="What went wrong and what to do, in the caller's language.")
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Input field name → its messages. Nested fields are dotted (`pairs.0`). Empty when no field is at fault.",
    )


class ErrorSerializer(serializers.Serializer):
    """The body of every error response (for the OpenAPI schema)."""

    error = ErrorDetailSerializer()


def error_body(code: str, message: str, fields: dict[str, list[str]] | None = None) -> dict:
    """Return the error document for `code`, `message` and per-field messages."""
    return {"error": {"code": code, "message": message, "fields": fields or {}}}


def _flatten(detail, prefix: str = "") -> dict[str, list[str]]:
    """Turn DRF's nested error detail into {"dotted.field": [messages]}."""
    if isinstance(detail, dict):
        flat: dict[str, list[str]] = {}
        for key, value in detail.items():
            flat.update(_flatten(value, f"{prefix}.{key}" if prefix else str(key)))
        return flat
    if isinstance(detail, list) and any(isinstance(item, (dict, list)) for item in detail):
        flat = {}
        for index, value in enumerate(detail):
            if value:
                flat.update(_flatten(value, f"{prefix}.{index}" if prefix else str(index)))
        return flat
    items = detail if isinstance(detail, list) else [detail]
    return {prefix or "__all__": [str(item) for item in items]}


def _split_fields(fields: dict[str, list[str]]) -> tuple[list[str], dict[str, list[str]]]:
    """Separate form-wide messages from per-field ones."""
    general = [message for key in NON_FIELD_KEYS for message in fields.get(key, [])]
    per_field = {key: value for key, value in fields.items() if key not in NON_FIELD_KEYS}
    return general, per_field


def _invalid_response(fields: dict[str, list[str]]) -> Response:
    general, per_field = _split_fields(fields)
    if general:
        message = " ".join(general)
    else:
        message = _("Some of the information sent is not valid; see the messages for each field.")
    return Response(error_body("invalid", message, per_field), status=status.HTTP_400_BAD_REQUEST)


def _django_validation_fields(exc: DjangoValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {key: list(messages) for key, messages in exc.message_dict.items()}
    return {"__all__": error_messages(exc)}


#: DRF exceptions whose default code differs from the word the API documents.
_CODES = {
    exceptions.NotAuthenticated: "not_authenticated",
    exceptions.AuthenticationFailed: "authentication_failed",
    exceptions.PermissionDenied: "permission_denied",
    exceptions.NotFound: "not_found",
    exceptions.Throttled: "throttled",
}


def _api_exception_response(exc: exceptions.APIException) -> Response:
    headers = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    if getattr(exc, "wait", None):
        headers["Retry-After"] = "%d" % exc.wait
    if isinstance(exc, exceptions.ValidationError):
        response = _invalid_response(_flatten(exc.detail))
    else:
        code = _CODES.get(type(exc)) or getattr(exc, "default_code", "error")
        response = Response(error_body(code, str(exc.detail)), status=exc.status_code)
    for name, value in headers.items():
        response[name] = value
    return response


def exception_handler(exc, context) -> Response | None:
    """Render `exc` in the API's one error format; return None for unexpected errors (→ 500)."""
    if isinstance(exc, StateConflict):
        response = Response(error_body("conflict", " ".join(error_messages(exc))), status=status.HTTP_409_CONFLICT)
    elif isinstance(exc, DjangoValidationError):
        response = _invalid_response(_django_validation_fields(exc))
    elif isinstance(exc, Http404):
        message = str(exc) or _("Not found.")
        response = Response(error_body("not_found", message), status=status.HTTP_404_NOT_FOUND)
    elif isinstance(exc, DjangoPermissionDenied):
        message = str(exc) or _("You do not have permission to do that.")
        response = Response(error_body("permission_denied", message), status=status.HTTP_403_FORBIDDEN)
    elif isinstance(exc, exceptions.APIException):
        response = _api_exception_response(exc)
    else:
        return None
    # As DRF's own handler does: a no-op unless ATOMIC_REQUESTS is on (Brevven leaves it off;
    # each service commits or rolls back its own transaction).
    set_rollback()
    return response
