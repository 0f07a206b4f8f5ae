"""Template helpers for Brevven's pages."""

from django import template
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse

from programs.models import AVATAR_CODES

register = template.Library()


@register.simple_tag
def optional_url(name: str, *args) -> str:
    """Return the URL named `name` (with `args`, else without), or "" while no branch serves it.

    Lets pages link to pages other branches build (review queue, reports, notifications)
    and still render before those land.
    """
    for attempt in (args, ()):
        try:
            return reverse(name, args=attempt)
        except NoReverseMatch:
            continue
    return ""


@register.simple_tag
def avatar_url(code: str) -> str:
    """Return the static URL of avatar `code`, or the neutral one for an unknown or empty code."""
    return static(f"frontend/avatars/{code if code in AVATAR_CODES else 'none'}.svg")


@register.simple_tag(takes_context=True)
def letter_body(context, letter) -> str:
    """Return `letter`'s HTML as the signed-in person may read it (letters.viewing decides).

    Whether the person coordinates the letter's program is asked once per program and request
    (remembered on the request: each include has its own render context), so a thread costs
    no query per letter for it.
    """
    from letters.viewing import letter_view_for
    from programs.services import is_coordinator

    request = context["request"]
    user = request.user
    if not hasattr(request, "_coordinated_programs"):
        request._coordinated_programs = {}
    known = request._coordinated_programs
    program = letter.pair.program
    if program.pk not in known:
        known[program.pk] = is_coordinator(user, program)
    return letter_view_for(user, letter, coordinates=known[program.pk]).body_html
