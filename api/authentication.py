"""API authentication: hashed token keys, and sessions with a translated CSRF answer.

Token callers send `Authorization: Token <key>` as with Django REST framework's own token
scheme; the key is hashed and looked up, never compared or stored in clear
(apitokens.models.ApiToken). Session callers get DRF's session authentication, whose failed
CSRF check is answered in the caller's language.

Loaded by DRF's settings while rest_framework.views itself is being imported, so this module
imports nothing of ours at the top that imports DRF's views (api.base does).
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.authentication import SessionScheme
from rest_framework import authentication, exceptions
from rest_framework.authentication import TokenAuthentication

from apitokens.models import ApiToken


class HashedTokenAuthentication(TokenAuthentication):
    """DRF's `Token` header scheme, checked against apitokens' hashed keys."""

    keyword = "Token"

    def authenticate_credentials(self, key):
        """Return (user, token) for `key`, or raise AuthenticationFailed for an unknown key or inactive person."""
        token = ApiToken.objects.for_key(key)
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        token.mark_used()
        return token.user, token


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
