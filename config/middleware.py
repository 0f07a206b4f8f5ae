"""Refuse a URL too long to handle, with a clear answer in the person's language.

A URL of tens of thousands of characters has no use in Brevven; further down it fails in
ways a person cannot act on (a sign-in redirect that carries it as `next` is refused by
Django as unsafe, a bare "Bad Request" page). This answers 414 first: JSON in the API's
error format under /api/, a short page elsewhere.
"""

from django.http import HttpResponse, JsonResponse
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from api.errors import error_body

#: Characters of path and query string together. Web servers refuse longer request lines
#: before Django sees them (gunicorn at 4094 bytes); a sign-in redirect carrying a URL of
#: this length, percent-encoded, stays below Django's own limit of 16384.
MAX_URL_LENGTH = 4096


def url_too_long_message() -> str:
    return _("This address is too long. Go back and follow a link instead of typing or pasting the address.")


class UrlLengthLimitMiddleware:
    """Answer 414 to a request whose path and query string exceed MAX_URL_LENGTH characters.

    Placed after the locale middlewares, so the answer is in the visitor's language.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if len(request.path) + len(request.META.get("QUERY_STRING", "")) <= MAX_URL_LENGTH:
            return self.get_response(request)
        if request.path.startswith("/api/"):
            return JsonResponse(error_body("uri_too_long", url_too_long_message()), status=414)
        title, message = escape(_("Address too long")), escape(url_too_long_message())
        page = f'<!doctype html><html lang="{get_language()}"><head><meta charset="utf-8"><title>{title}</title></head><body><h1>{title}</h1><p>{message}</p></body></html>'
        return HttpResponse(page, status=414, content_type="text/html; charset=utf-8")
