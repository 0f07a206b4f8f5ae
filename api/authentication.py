"""DRF's session authentication, answering a failed CSRF check in the caller's language.

Loaded by DRF's settings while rest_framework.views itself is being imported, so this
module imports nothing of ours at the top (api.base imports DRF's views).
"""

from drf_spectacular.authentication import SessionScheme
from rest_framework import authentication, exceptions


class SessionAuthentication(authentication.SessionAuthentication):
    """DRF's session authentication, with a translated message when the CSRF check fails."""

    def enforce_csrf(self, request):
        try:
            super().enforce_csrf(request)
        except exceptions.PermissionDenied:
            from api.base import use_language_of
            from api.csrf import csrf_message

            # The caller is known by now (their session), so answer in their own language.
            use_language_of(getattr(request._request, "user", None))
            raise exceptions.PermissionDenied(csrf_message()) from None


class SessionAuthenticationScheme(SessionScheme):
    """Describe the subclass in the OpenAPI schema exactly as DRF's own session authentication."""

    target_class = "api.authentication.SessionAuthentication"
