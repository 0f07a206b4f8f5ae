"""Activate the signed-in person's language and time zone for the request."""

import zoneinfo

from django.utils import timezone, translation

from programs.selectors import preferred_locale


class UserLocaleMiddleware:
    """Use the user's own language and time zone, else their program's.

    Placed after AuthenticationMiddleware. For visitors who are not signed in (and users
    whose choice and programs say nothing) LocaleMiddleware's choice from the browser stays,
    and times are shown in the installation's time zone.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            language, time_zone = preferred_locale(user)
            if language:
                translation.activate(language)
                request.LANGUAGE_CODE = translation.get_language()
            if time_zone:
                timezone.activate(zoneinfo.ZoneInfo(time_zone))
        try:
            response = self.get_response(request)
            # LocaleMiddleware only fills this in when it is missing; we then reset the
            # thread's language, so nothing leaks into whatever this thread runs next.
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        finally:
            translation.deactivate()
            timezone.deactivate()
