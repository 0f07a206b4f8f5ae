"""Activate the signed-in person's language and time zone for the request."""

import zoneinfo

from django.utils import timezone, translation

from programs.middleware import SESSION_REFRESHED_AT
from programs.selectors import preferred_locale

#: The session key caching preferred_locale's answer (see session_locale).
SESSION_LOCALE = "_brevven_locale"


def session_locale(request) -> tuple[str, str]:
    """Return programs.selectors.preferred_locale for the signed-in user, cached on the session.

    The answer is reused while it was computed for this user with these own preferences
    (so changing one's language or time zone applies on the next page) and under the
    session's current refresh stamp (programs.middleware.SessionRefreshMiddleware): a
    membership or program change made by someone else shows within SESSION_REFRESH_INTERVAL,
    and recomputing then costs no extra write, because the refresh saves the session anyway.
    Precondition: request.user is authenticated.
    """
    user, session = request.user, request.session
    if user.language and user.time_zone:
        return user.language, user.time_zone  # their own choice; no query to save
    key = [user.pk, user.language, user.time_zone, session.get(SESSION_REFRESHED_AT)]
    cached = session.get(SESSION_LOCALE)
    if cached and cached[:4] == key:
        return cached[4], cached[5]
    language, time_zone = preferred_locale(user)
    session[SESSION_LOCALE] = [*key, language, time_zone]
    return language, time_zone


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
            language, time_zone = session_locale(request)
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
