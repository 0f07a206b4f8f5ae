"""Errors the domain services raise beyond Django's own ValidationError and PermissionDenied."""

from django.core.exceptions import ValidationError


class StateConflict(ValidationError):
    """The object is no longer in the state the action needs (someone else acted first).

    The API answers these with 409 Conflict; pages show the message and reload the object.
    """


def error_messages(error: Exception) -> list[str]:
    """Return the human-readable messages of a ValidationError or PermissionDenied."""
    messages = getattr(error, "messages", None)
    if messages:
        return list(messages)
    text = str(error)
    return [text] if text else []
