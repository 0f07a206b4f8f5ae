"""API token authentication against hashed keys (apitokens.models.ApiToken).

Callers send `Authorization: Token <key>` as with Django REST framework's own token
scheme; the key is hashed and looked up, never compared or stored in clear.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
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
