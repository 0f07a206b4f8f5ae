"""Middleware for the security rules that apply to every request (docs/security.md)."""

import time

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from programs.accounts import has_two_factor_device, requires_two_factor


#: The session key holding when (Unix time, seconds) SessionRefreshMiddleware last pushed the expiry forward.
SESSION_REFRESHED_AT = "_brevven_refreshed_at"


class SessionRefreshMiddleware:
    """End a session after SESSION_COOKIE_AGE without a request, writing it at most once per interval.

    Replaces SESSION_SAVE_EVERY_REQUEST, which wrote every session on every request (an
    UPDATE in a transaction, ~3 of a page's queries). Here a request stamps the session,
    which makes SessionMiddleware save it and so push its expiry (and its cookie's)
    SESSION_COOKIE_AGE ahead, only when the last stamp is older than
    settings.SESSION_REFRESH_INTERVAL (seconds; at most half of SESSION_COOKIE_AGE, so
    that a short-lived configuration still keeps a used session alive). A session therefore
    ends between SESSION_COOKIE_AGE minus that interval and SESSION_COOKIE_AGE after its
    last request, never later. Precondition: placed right after SessionMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Only a session the browser holds can be kept alive; a visitor without one gets none.
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            self._refresh_if_due(request.session)
        return self.get_response(request)

    @staticmethod
    def _refresh_if_due(session) -> None:
        now = time.time()
        refreshed_at = session.get(SESSION_REFRESHED_AT, 0)  # loads the session (AuthenticationMiddleware would)
        if session.session_key is None:
            return  # expired or unknown: stamping it would create an empty session
        interval = min(settings.SESSION_REFRESH_INTERVAL, settings.SESSION_COOKIE_AGE // 2)
        if now - refreshed_at >= interval:
            session[SESSION_REFRESHED_AT] = now


class PermissionsPolicyMiddleware:
    """Add the Permissions-Policy header (settings.PERMISSIONS_POLICY) to every response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = getattr(settings, "PERMISSIONS_POLICY", "")
        if policy:
            response.headers.setdefault("Permissions-Policy", policy)
        return response


#: Paths an unverified coordinator may still open: setting up or entering the second factor,
#: signing out, static files, and accepting an invitation.
_OPEN_PREFIXES = ("/account/two-factor/", "/logout/", "/login/", "/static/", "/invite/", "/i18n/")


class RequireTwoFactorMiddleware:
    """Send coordinators and operators to set up or enter their second factor before anything else.

    Precondition: runs after django_otp's OTPMiddleware, which marks a verified session.
    Requests to the API with a session get 403 instead of a redirect; token requests are
    not sessions and are governed by the API's own token rules.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.BREVVEN_REQUIRE_TWO_FACTOR and self._must_verify(request):
            return self._ask_for_second_factor(request)
        return self.get_response(request)

    @staticmethod
    def _must_verify(request) -> bool:
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return False
        if request.path.startswith(_OPEN_PREFIXES):
            return False
        return requires_two_factor(user)

    @staticmethod
    def _ask_for_second_factor(request):
        if request.path.startswith("/api/"):
            return JsonResponse(
                {"detail": _("Finish signing in with your second factor on the website first.")}, status=403
            )
        target = "two-factor-verify" if has_two_factor_device(request.user) else "two-factor-setup"
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
