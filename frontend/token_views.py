"""The "API tokens" page: create, replace or revoke the signed-in person's API token.

The key is shown once, in the response to the POST that created it; it is never put in
the session, in a message or in a log, and the database keeps only its hash. People who
must pass a second factor (coordinators, operators, anyone with an authenticator app)
use this page only from a session that passed it.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from apitokens.models import ApiToken
from programs import accounts
from programs.exceptions import error_messages


def _second_factor_first(request):
    """Return a redirect to set up or enter the second factor if this session still needs it, else None."""
    if request.user.is_verified() or not accounts.requires_two_factor(request.user):
        return None
    target = "two-factor-verify" if accounts.has_two_factor_device(request.user) else "two-factor-setup"
    return redirect(f"{reverse(target)}?{urlencode({'next': reverse('api-tokens')})}")


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def api_tokens(request):
    """Show whether the person has a token; POST action=create makes a new one, action=revoke deletes it."""
    detour = _second_factor_first(request)
    if detour is not None:
        return detour
    new_key = None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "create":
            try:
                _token, new_key = accounts.create_api_token(request.user, second_factor_verified=request.user.is_verified())
            except PermissionDenied as error:
                messages.error(request, " ".join(error_messages(error)))
                return redirect("api-tokens")
        elif action == "revoke":
            if accounts.revoke_api_token(request.user):
                messages.success(request, _("Your API token is revoked. Programs that used it can no longer sign in."))
            return redirect("api-tokens")
        else:
            messages.error(request, _("Choose whether to create or revoke a token."))
            return redirect("api-tokens")
    token = ApiToken.objects.filter(user=request.user).first()
    return render(request, "frontend/api_tokens.html", {"token": token, "new_key": new_key})


urlpatterns = [path("account/api-tokens/", api_tokens, name="api-tokens")]
