"""Reads about programs, memberships and pairs that need no other app.

The pages' reads that combine programs with letters and readings (the home page, the
coordinator dashboard, a pair's timeline, a finished report) are in oversight/selectors.py.
"""

from programs.models import Membership, Program


def preferred_locale(user) -> tuple[str, str]:
    """Return (language, time zone) for `user`: their own choice, else their first program's.

    Either part is "" when neither the user nor a program says (the caller then falls back
    to the browser's language and the installation's time zone). One query at most.
    """
    language, time_zone = user.language, user.time_zone
    if language and time_zone:
        return language, time_zone
    program = (
        Program.objects.filter(memberships__user=user, memberships__status=Membership.Status.ACTIVE)
        .order_by("memberships__joined_at", "pk")
        .values("language", "time_zone")
        .first()
    )
    if program:
        language = language or program["language"]
        time_zone = time_zone or program["time_zone"]
    return language, time_zone
