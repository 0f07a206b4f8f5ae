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
    """Return `letter`'s HTML as the signed-in person may read it (letters.viewing decides)."""
    from letters.viewing import letter_view_for

    return letter_view_for(context["request"].user, letter).body_html
