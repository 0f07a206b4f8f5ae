"""Middleware for the security rules that apply to every request (docs/security.md)."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from programs.accounts import has_two_factor_device, requires_two_factor


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
