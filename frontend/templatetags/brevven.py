"""Template helpers for Brevven's pages."""

import logging

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse

from programs.models import AVATAR_CODES

logger = logging.getLogger(__name__)
register = template.Library()


#: Where a link whose page cannot be found points in production (see page_url).
BROKEN_LINK = "#link-unavailable"


@register.simple_tag
def page_url(name: str, *args) -> str:
    """Return the URL named `name` with `args`; a name or arguments that do not resolve fail loudly.

    With settings.BREVVEN_STRICT_LINKS (DEBUG, and the test suite) NoReverseMatch is raised,
    so the test that renders the page fails. In production the error is logged and the link
    is still rendered, pointing to BROKEN_LINK, so a person sees it and can report it
    rather than a page that silently lost a link.
    """
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        if settings.BREVVEN_STRICT_LINKS:
            raise
        logger.error("a page links to URL name %r with %d arguments, which does not resolve", name, len(args))
        return BROKEN_LINK


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
