"""A failed CSRF check answered in the API's own error format and the caller's language.

Two places refuse a request for its CSRF token: DRF's session authentication (API views
called with a session cookie; api.authentication) and Django's CsrfViewMiddleware (any other view, including
the JSON 404 for unknown paths under /api/). Both now give the same JSON error under
/api/; pages outside the API keep Django's own answer.
"""

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.csrf import csrf_failure as django_csrf_failure

from api.base import use_language_of
from api.errors import error_body


def csrf_message() -> str:
    """Return what a caller whose CSRF check failed should do, in the active language."""
    return _("The request was refused because its security token (CSRF) was missing or wrong. "
             "Reload the page and try again; a program calling the API should send its API token instead of a session cookie.")


def csrf_failure(request, reason: str = ""):
    """CSRF_FAILURE_VIEW: a 403 in the API's JSON error format under /api/, Django's page elsewhere."""
    if not request.path.startswith("/api/"):
        return django_csrf_failure(request, reason=reason)
    use_language_of(getattr(request, "user", None))
    return JsonResponse(error_body("permission_denied", csrf_message()), status=403)
