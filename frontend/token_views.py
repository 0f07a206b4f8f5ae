"""The "API tokens" page: create, replace or revoke the signed-in person's API token.

The key is shown once, in the response to the POST that created it; it is never put in
the session, in a message or in a log.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from rest_framework.authtoken.models import Token

from programs.services import create_api_token, revoke_api_token


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def api_tokens(request):
    """Show whether the person has a token; POST action=create makes a new one, action=revoke deletes it."""
    new_key = None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "create":
            new_key = create_api_token(request.user).key
        elif action == "revoke":
            if revoke_api_token(request.user):
                messages.success(request, _("Your API token is revoked. Programs that used it can no longer sign in."))
            return redirect("api-tokens")
        else:
            messages.error(request, _("Choose whether to create or revoke a token."))
            return redirect("api-tokens")
    token = Token.objects.filter(user=request.user).first()
    return render(request, "frontend/api_tokens.html", {"token": token, "new_key": new_key})


urlpatterns = [path("account/api-tokens/", api_tokens, name="api-tokens")]
