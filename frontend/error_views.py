"""The page shown when a form is refused by the CSRF check (CSRF_FAILURE_VIEW).

Most often a person cleared their cookies, signed out in another tab, or left a page open
for very long, then pressed a button. Django's own page is in English and outside the
site's layout; this one says in the person's language what happened, that nothing was
sent, that a letter being written is still kept on their device (draft.js), and how to go on.
"""

from django.http import JsonResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

#: Pages that can be opened again at the same address after signing in (a form posts to itself).
_REOPENABLE = {"letter-edit"}


def _reopenable_path(request) -> str | None:
    """Return the refused form's own address if it is a page worth returning to, else None."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    return request.path if match.url_name in _REOPENABLE else None


@never_cache
def csrf_failure(request, reason: str = ""):
    """Explain a refused form in the site's layout (403); answer the editor's autosave in JSON.

    Nothing of what was posted is shown or logged: a letter's text stays on the device.
    """
    if "application/json" in request.headers.get("Accept", ""):
        message = _("Your session has ended or this page is too old. Sign in again, or reload the page.")
        return JsonResponse({"saved": False, "errors": [message]}, status=403)
    path = _reopenable_path(request)
    login_query = "?" + urlencode({"next": path}) if path else ""
    return render(request, "frontend/csrf_failure.html", {
        "is_letter": path is not None, "return_path": path, "login_query": login_query,
    }, status=403)
