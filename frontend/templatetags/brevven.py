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


@register.filter
def as_recipient_sees_it(letter) -> str:
    """Return a delivered letter's HTML as its recipient sees it, redactions applied."""
    from letters.selectors import recipient_html

    return recipient_html(letter)


@register.filter
def as_author_sees_it(letter) -> str:
    """Return a sent letter's HTML for its author: after delivery, removed parts are struck through."""
    from letters.selectors import author_html

    return author_html(letter)
